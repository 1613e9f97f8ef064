# %% [markdown]
"""Kata 12 · A layer is a matrix product; linear layers collapse

Terms (the glossary in README.md): 가중치 weight, 편향 bias, 은닉층 hidden layer, 활성화 함수 activation function

A layer is one matrix product
    A layer of units computes every weighted sum at once: Z = X·W + b, one row of X per sample,
    one column of W per unit (kata 4: (1 2)·[[1, 2, 3], [4, 5, 6]] = (9 12 15)).

The bias is a weight on an input fixed at 1.0
    The textbook: "바이어스는 입력을 1.0으로 고정하고, 이 입력에 붙은 가중치로 생각 한다." Append a
    column of ones to X and the row b to the bottom of W, and the bias disappears into the product:

        [X | 1]·[W ; b] = X·W + 1·b

Stacked linear layers are one linear layer (textbook figure 6-4)
    Without an activation function, two layers (a hidden layer, then the output layer) are
        (X·W₁ + b₁)·W₂ + b₂ = X·(W₁W₂) + (b₁W₂ + b₂)
    one layer with W = W₁W₂ and b = b₁W₂ + b₂; a third layer folds in the same way. However many
    linear layers you stack, the network can compute nothing that a single layer cannot. sympy
    proves it for symbolic 2×2 weights (the tests do it with your code).

And so XOR stays out of reach
    A stack of linear layers followed by a step is therefore one perceptron in disguise, and no
    perceptron computes XOR (kata 4). What breaks the collapse is the activation between the
    layers: σ(X·W₁ + b₁)·W₂ + b₂ is not X·W + b for any W and b, which is how kata 5's network
    does XOR.

What to implement
    layer(X, W, b)          X·W + b; a ValueError naming the shapes when X's columns are not W's rows
    with_bias_input(X)      X with a column of ones appended on the right, as a float64 array
    fold_bias(W, b)         W with the row b appended at the bottom, as a float64 array
    linear_stack(X, layers) the layers [(W₁, b₁), (W₂, b₂), …] applied in order, no activation
    collapse(layers)        the single (W, b) that the stack equals; it must work for numpy arrays
                            and for sympy matrices alike, so build it from the layers with @ and +
                            (an array made inside, such as a bias np.zeros(n) to start from,
                            cannot @ a sympy matrix)
"""

# %%
import numpy as np


def layer(X, W, b):
    """Z = X·W + b, for one sample X of shape (n,) or a batch of shape (samples, n).

    One sample gives (units,); a batch gives (samples, units), even a batch of one row: (1, n)
    gives (1, units).

    Raises:
        ValueError: naming both shapes, when X's last dimension is not W's first.

    >>> layer(np.array([1, 2]), np.array([[1, 2, 3], [4, 5, 6]]), np.zeros(3))
    array([ 9., 12., 15.])
    """
    raise NotImplementedError("kata 12 · layer() is not written yet — edit katas/k12_linear_collapse.py")


# %%
def with_bias_input(X):
    """[X | 1]: X of shape (samples, n) with a column of ones appended, shape (samples, n + 1).

    >>> with_bias_input(np.array([[6, 5], [4, 7]]))
    array([[6., 5., 1.],
           [4., 7., 1.]])
    """
    raise NotImplementedError("kata 12 · with_bias_input() is not written yet — edit katas/k12_linear_collapse.py")


def fold_bias(W, b):
    """[W ; b]: W of shape (n, units) with the row b appended, shape (n + 1, units).

    >>> fold_bias(np.array([[1, 2], [3, 4]]), np.array([5, 6]))
    array([[1., 2.],
           [3., 4.],
           [5., 6.]])
    """
    raise NotImplementedError("kata 12 · fold_bias() is not written yet — edit katas/k12_linear_collapse.py")


# %%
def linear_stack(X, layers):
    """The layers [(W₁, b₁), (W₂, b₂), …] applied to X in order, with no activation between them.

    X is one sample or a batch, as in layer: a batch of one row gives a batch of one row.
    """
    raise NotImplementedError("kata 12 · linear_stack() is not written yet — edit katas/k12_linear_collapse.py")


def collapse(layers):
    """The single (W, b) equal to the stack: W = W₁W₂…, and b carried through every later W.

    >>> W, b = collapse([(np.eye(2), np.array([1.0, 0.0])), (2 * np.eye(2), np.array([0.0, 1.0]))])
    >>> W, b
    (array([[2., 0.],
           [0., 2.]]), array([2., 1.]))
    """
    raise NotImplementedError("kata 12 · collapse() is not written yet — edit katas/k12_linear_collapse.py")


# %% What you see when the kata is green
if __name__ == "__main__":
    import sympy
    from tabulate import tabulate

    X = np.array([[6, 5], [4, 7], [5, 6], [6, 7]])
    W, b = np.array([[1, 2, 3], [4, 5, 6]]), np.array([0.5, -1.0, 2.0])
    print("The course's batch through one layer, and the same with the bias folded in as an input of 1.0:")
    print(tabulate(np.column_stack([layer(X, W, b), with_bias_input(X) @ fold_bias(W, b)]),
                   headers=["z1", "z2", "z3", "z1 folded", "z2 folded", "z3 folded"], floatfmt="g"))

    W1, W2 = sympy.Matrix(2, 2, sympy.symbols("a1:5")), sympy.Matrix(2, 2, sympy.symbols("c1:5"))
    b1, b2 = sympy.Matrix([sympy.symbols("p1:3")]), sympy.Matrix([sympy.symbols("q1:3")])
    W, b = collapse([(W1, b1), (W2, b2)])
    W, b = sympy.Matrix(W), sympy.Matrix(b)  # np.dot and np.matmul give sympy's entries back in a numpy array
    print("\nTwo symbolic linear layers collapse into one (sympy):")
    sympy.pprint(sympy.Eq(sympy.Symbol("W"), W, evaluate=False))
    sympy.pprint(sympy.Eq(sympy.Symbol("b"), b, evaluate=False))

    rng = np.random.default_rng(12)
    xor = [0, 1, 1, 0]
    X4 = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
    hits = sum(list((linear_stack(X4, [(rng.normal(size=(2, 3)), rng.normal(size=3)),
                                       (rng.normal(size=(3, 1)), rng.normal(size=1))]) > 0).ravel().astype(int)) == xor
               for _ in range(2_000))
    print(f"\n2 000 random linear 2-3-1 networks with a step at the end: {hits} compute XOR.")

    try:  # the runner has the repository on its path; a kata file run by itself has katas/
        from katas._runner.pictures import decision_regions
    except ImportError:
        from _runner.pictures import decision_regions
    layers = [(rng.normal(size=(2, 3)), rng.normal(size=3)), (rng.normal(size=(3, 1)), rng.normal(size=1))]
    print()
    print(decision_regions(lambda G: linear_stack(G, layers) > 0, X4, xor,
                           title="one more random linear 2-3-1 network with a step"))
    print("Whatever the weights, the region is one side of a straight line: the two layers collapse into one.")
