# %% [markdown]
"""Kata 10 · Activation functions and their derivatives

Terms (the glossary in README.md): 활성화 함수 activation function, 계단 함수 step function, 시그모이드 sigmoid

The idea
    A unit computes f(w·x + b); f is its activation function (활성화 함수). Without one, layers
    of units collapse into a single linear map (kata 12). Training needs f' as well: backprop
    multiplies by it at every layer (kata 9), so its shape decides how well a deep network learns.
    The slides (002, "다양한 활성화 함수 종류" and "Activation Functions") list identity, sigmoid,
    tanh, ReLU, leaky ReLU, maxout and ELU; the step comes from the textbook (003, "계단 함수") and
    the perceptron (kata 4):

        step        1 if x > 0.000001 else 0       f' = 0 (undefined at the jump; we say 0)
        sigmoid     σ(x) = 1/(1 + e⁻ˣ)              σ' = σ(1 − σ)
        tanh        (eˣ − e⁻ˣ)/(eˣ + e⁻ˣ)           tanh' = 1 − tanh²
        ReLU        max(0, x)                       1 for x > 0, else 0 (at 0 we say 0)
        leaky ReLU  max(0.1x, x)                    1 for x > 0, else 0.1
        ELU         x if x > 0 else α(eˣ − 1)       1 for x > 0, else α·eˣ
        maxout      max(w₁·x + b₁, w₂·x + b₂, …)    ∂/∂x = the w of the piece that wins

    The slides' identity, f(x) = x with f' = 1, is left out here: it is no activation at all
    (layers with it collapse, kata 12). The slides put it on the output, where y = w·x + b:
        "동일(identity) 함수(또는 리니어 함수)를 적용"

    The sigmoid is the old one and ReLU the new one. The textbook (003) calls the sigmoid
        "1980년대부터 사용돼온 전통적인 활성화 함수" (the traditional one, in use since the 1980s)
    and ReLU
        "최근에 가장 인기 있는 활성화 함수" (the most popular lately).
    The slides date ReLU's rise to after 2010, as networks grew deeper ("2010년 이후",
    "층이 깊어질수록(deep) 많이 활용"), and name Geoffrey Hinton of the University of Toronto (they
    write "토론토 대학 힌트 교수").

Why σ' is written through σ
    σ'(x) = e⁻ˣ/(1 + e⁻ˣ)² = σ(x)·(1 − σ(x)). The forward pass has already computed σ(x), so the
    backward pass gets the slope for one multiplication, no exponential (this is kata 9's
    out·(1 − out)). Its largest value is σ'(0) = 0.25. Going back through a sigmoid layer, the
    gradient is multiplied by the weights and by σ': δ ← (δ·Wᵀ) ⊙ σ' (kata 9). The σ' factor is
    at most ¼ at every layer; the weights can be larger than 1 and make up for it, but at a random
    start the gradient usually shrinks toward the input, and deep sigmoid networks learn slowly
    there (the vanishing gradient of the notes 004; kata 11 measures it). ReLU's slope is 1 where
    the unit is on (x > 0) and 0 where it is off: it does not shrink what it lets through.

    tanh is a sigmoid in disguise: tanh(x) = 2σ(2x) − 1 (sympy proves it in the doctest below).

Overflow
    exp(1000) does not fit in a float. σ must be computed through e^(−|x|) (kata 5), and ELU must
    not evaluate eˣ for large positive x even in the branch np.where throws away: use
    np.expm1(np.minimum(x, 0)), which is also more accurate near 0 than np.exp(x) − 1.

What to implement
    For f in step, sigmoid, tanh, relu, leaky_relu, elu: f(x) and f_deriv(x), elementwise on a
    numpy array, returning a float64 array of x's shape (leaky_relu and elu take slope=0.1 and
    alpha=1.0), and leaving x itself unchanged. Each must stay finite without an overflow warning
    for any x, ±1000 included: for tanh, use np.tanh(x) or 2σ(2x) − 1, since (eˣ − e⁻ˣ)/(eˣ + e⁻ˣ)
    overflows.
    maxout(x, W, b) = max over the columns k of x·W[:, k] + b[k], and maxout_deriv, its gradient
    with respect to x: the column of W that wins, for one x of shape (n,) or a batch (samples, n).
"""

# %%
import numpy as np

THRESHOLD = 0.000001  # the course's step threshold (kata 4)


def step(x):
    """1.0 where x > 0.000001, else 0.0.

    >>> step(np.array([-1.0, 1e-7, 1e-5]))
    array([0., 0., 1.])
    """
    raise NotImplementedError("kata 10 · step() is not written yet — edit katas/k10_activation_functions.py")


def step_deriv(x):
    """0.0 everywhere (the jump has no derivative; the convention here is 0)."""
    raise NotImplementedError("kata 10 · step_deriv() is not written yet — edit katas/k10_activation_functions.py")


# %%
def sigmoid(x):
    """σ(x) = 1/(1 + e⁻ˣ), without overflow for any x.

    >>> sigmoid(np.array([-1000.0, 0.0, 1000.0]))
    array([0. , 0.5, 1. ])
    """
    raise NotImplementedError("kata 10 · sigmoid() is not written yet — edit katas/k10_activation_functions.py")


def sigmoid_deriv(x):
    """σ'(x) = σ(x)·(1 − σ(x)).

    >>> sigmoid_deriv(np.array([0.0]))
    array([0.25])
    """
    raise NotImplementedError("kata 10 · sigmoid_deriv() is not written yet — edit katas/k10_activation_functions.py")


# %%
def tanh(x):
    """tanh(x) = (eˣ − e⁻ˣ)/(eˣ + e⁻ˣ), which is also 2σ(2x) − 1.

    >>> import sympy
    >>> t = sympy.Symbol("x")
    >>> sympy.simplify((sympy.tanh(t) - (2 / (1 + sympy.exp(-2 * t)) - 1)).rewrite(sympy.exp))
    0
    """
    raise NotImplementedError("kata 10 · tanh() is not written yet — edit katas/k10_activation_functions.py")


def tanh_deriv(x):
    """tanh'(x) = 1 − tanh²(x)."""
    raise NotImplementedError("kata 10 · tanh_deriv() is not written yet — edit katas/k10_activation_functions.py")


# %%
def relu(x):
    """max(0, x).

    >>> relu(np.array([-2.0, 0.0, 3.0]))
    array([0., 0., 3.])
    """
    raise NotImplementedError("kata 10 · relu() is not written yet — edit katas/k10_activation_functions.py")


def relu_deriv(x):
    """1 where x > 0, else 0 (0 at x = 0, by convention)."""
    raise NotImplementedError("kata 10 · relu_deriv() is not written yet — edit katas/k10_activation_functions.py")


# %%
def leaky_relu(x, slope=0.1):
    """x where x > 0, else slope·x: the course's max(0.1x, x).

    >>> leaky_relu(np.array([-2.0, 3.0]))
    array([-0.2,  3. ])
    """
    raise NotImplementedError("kata 10 · leaky_relu() is not written yet — edit katas/k10_activation_functions.py")


def leaky_relu_deriv(x, slope=0.1):
    """1 where x > 0, else slope (slope at x = 0, by convention)."""
    raise NotImplementedError("kata 10 · leaky_relu_deriv() is not written yet — edit katas/k10_activation_functions.py")


# %%
def elu(x, alpha=1.0):
    """x where x > 0, else α(eˣ − 1); never evaluates eˣ for large x.

    >>> elu(np.array([-1000.0, 0.0, 1000.0]))
    array([  -1.,    0., 1000.])
    """
    raise NotImplementedError("kata 10 · elu() is not written yet — edit katas/k10_activation_functions.py")


def elu_deriv(x, alpha=1.0):
    """1 where x > 0, else α·eˣ (α at x = 0, the slope from the left)."""
    raise NotImplementedError("kata 10 · elu_deriv() is not written yet — edit katas/k10_activation_functions.py")


# %%
def maxout(x, W, b):
    """max over k of x·W[:, k] + b[k].

    Args:
        x: shape (n,) or (samples, n); W: (n, pieces); b: (pieces,).

    Returns:
        A float for one x; shape (samples,) for a batch.

    >>> maxout(np.array([1.0, 2.0]), np.array([[1.0, -1.0], [0.5, 2.0]]), np.array([0.0, 0.0]))
    3.0
    """
    raise NotImplementedError("kata 10 · maxout() is not written yet — edit katas/k10_activation_functions.py")


def maxout_deriv(x, W, b):
    """∂ maxout/∂x: the column of W whose piece is largest, shape (n,) or (samples, n)."""
    raise NotImplementedError("kata 10 · maxout_deriv() is not written yet — edit katas/k10_activation_functions.py")


# %% What you see when the kata is green
if __name__ == "__main__":
    from tabulate import tabulate

    functions = [("step", step, step_deriv), ("sigmoid", sigmoid, sigmoid_deriv), ("tanh", tanh, tanh_deriv),
                 ("ReLU", relu, relu_deriv), ("leaky ReLU", leaky_relu, leaky_relu_deriv), ("ELU", elu, elu_deriv)]
    points = np.array([-2.0, -0.5, 0.0, 0.5, 2.0])
    rows = [(name, *f(points), *d(points)) for name, f, d in functions]
    print(tabulate(rows, floatfmt=".3f",
                   headers=["", *(f"f({p:g})" for p in points), *(f"f'({p:g})" for p in points)]))

    try:  # the runner has the repository on its path; a kata file run by itself has katas/
        from katas._runner.pictures import line_plot
    except ImportError:
        from _runner.pictures import line_plot
    xs = np.linspace(-3, 3, 121)
    for title, which in (("each function f(x), x from −3 to 3", 0), ("and its derivative f'(x)", 1)):
        print()
        print(line_plot({name: (xs, pair[which](xs)) for name, *pair in reversed(functions)}, title=title, height=10))
    print("Where curves meet, the one named last in the legend is drawn on top: for x > 0, ReLU, leaky ReLU"
          "\nand ELU are one line, and so are their derivatives.")
    print(f"The largest slope of σ is σ'(0) = {sigmoid_deriv(np.array([0.0]))[0]}: through ten sigmoid layers"
          f" the σ' factors alone multiply to at most 0.25¹⁰ = {0.25 ** 10:.1e} (the weights multiply in too).")
