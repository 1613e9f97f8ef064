# %% [markdown]
"""Kata 5 · XOR forward pass

Terms (the glossary in README.md): 시그모이드 sigmoid, 로지스틱 회귀 logistic regression, 은닉층 hidden layer

The idea
    One perceptron cannot compute XOR (kata 4), but three logistic units can: two look at the
    inputs, the third looks at what those two say. Each unit is a logistic regression,
    y = σ(x·w + b), with the smooth sigmoid σ(z) = 1 / (1 + e⁻ᶻ) in place of the step.

The course's network (lecture 9, "XOR using NN")
    NN1: w = [5, 5],     b = −8     on (x1, x2)  →  y1
    NN2: w = [−7, −7],   b = 3      on (x1, x2)  →  y2
    NN3: w = [−11, −11], b = 6      on (y1, y2)  →  ŷ
    (One set of notes writes "bias 8" for NN1; its own sum, 0 + 0 − 8 = −8, shows the minus.)

    x1 x2 |  z1   y1 |  z2    y2 |  z3   ŷ  | XOR
     0  0 |  −8   0  |   3    1  |  −5   0  |  0
     0  1 |  −3   0  |  −4    0  |   6   1  |  1
     1  0 |  −3   0  |  −4    0  |   6   1  |  1
     1  1 |   2   1  | −11    0  |  −5   0  |  0

    The lecture rounds y1 and y2 to 0 or 1 before NN3 (σ(−8) ≈ 0, σ(3) ≈ 1). Without rounding the
    numbers shift (for (0, 0): y1 = 0.000335, y2 = 0.952574, z3 = −4.482, ŷ = 0.0112) but every ŷ
    still lands on the right side of 0.5: both paths compute XOR.

One layer, one matrix
    Put NN1 and NN2 side by side: their weights are the columns of W1, their biases B1.

        W1 = [[5, −7],     B1 = [−8, 3]      W2 = [[−11],    B2 = [6]
              [5, −7]]                             [−11]]

        K = σ(X·W1 + B1)        Ŷ = σ(K·W2 + B2)

    With X holding the four inputs as rows, two matrix products compute the whole truth table
    at once: the vectorised form every framework uses (the lecture's tf.matmul).

A numerically stable sigmoid
    1 / (1 + np.exp(−z)) overflows for z = −1000: e¹⁰⁰⁰ is too large for a float. What that costs
    depends on the tool. numpy turns e¹⁰⁰⁰ into inf, and 1/(1 + inf) = 0.0 is even the right
    answer, but it prints "RuntimeWarning: overflow encountered in exp", and a program that treats
    warnings as errors (this kata's checks do) stops there. With plain Python floats,
    math.exp(1000) raises OverflowError. Write σ through e^(−|z|), which is at most 1 and never
    overflows: σ(z) = 1/(1 + e^(−|z|)) for z ≥ 0, and e^(−|z|)/(1 + e^(−|z|)) for z < 0.

What to implement
    sigmoid(z)                       stable σ for a number (→ float) or an array (→ float array)
    logistic_unit(x, w, b)           σ(x·w + b)
    xor_network(x1, x2, rounded=False)   the three units → (y1, y2, ŷ); rounded=True rounds y1, y2
                                         to 0 or 1 before NN3, as the lecture does
    xor_forward(X, W1, B1, W2, B2)   the vectorised network → (K, Ŷ), for a batch X or one sample;
                                     mismatched shapes are a ValueError naming them: the two
                                     factors of the product that cannot be formed (X·W1 or K·W2)
    my_xor_weights()                 the lecture's blog notes ask "can you find another w and b
                                     for the XOR?": your own (W1, B1, W2, B2), not the course's,
                                     with ŷ < 0.1 where XOR is 0 and ŷ > 0.9 where it is 1
"""

# %%
import numpy as np

# The course's network, as matrices: column j of W1 holds the weights of hidden unit j.
COURSE_W1 = np.array([[5.0, -7.0], [5.0, -7.0]])
COURSE_B1 = np.array([-8.0, 3.0])
COURSE_W2 = np.array([[-11.0], [-11.0]])
COURSE_B2 = np.array([6.0])


def sigmoid(z):
    """σ(z) = 1 / (1 + e⁻ᶻ), computed without overflow for any z.

    Args:
        z: a number or an array. An array is left as it was: compute into a new array, not in z.

    Returns:
        A float for a number; a float64 array of z's shape for an array. Compute in float64,
        numpy's default: float32 keeps only about 7 significant digits.

    >>> sigmoid(0)
    0.5
    >>> sigmoid(np.array([-1000.0, 1000.0]))
    array([0., 1.])
    """
    raise NotImplementedError("kata 5 · sigmoid() is not written yet — edit katas/k05_xor_forward.py")


# %%
def logistic_unit(x, w, b):
    """One logistic unit: σ(x·w + b).

    >>> round(logistic_unit(np.array([0, 0]), np.array([5, 5]), -8), 6)   # σ(−8)
    0.000335
    """
    raise NotImplementedError("kata 5 · logistic_unit() is not written yet — edit katas/k05_xor_forward.py")


# %%
def xor_network(x1, x2, rounded=False):
    """The course's three units: y1 = NN1(x1, x2), y2 = NN2(x1, x2), ŷ = NN3(y1, y2).

    Args:
        x1, x2: the inputs, 0 or 1.
        rounded: round y1 and y2 to 0 or 1 before NN3, as the lecture's table does.

    Returns:
        (y1, y2, ŷ) as numbers; with rounded=True, y1 and y2 may be the units' outputs or, as the
        lecture's table shows them, their rounded values.

    >>> [round(v, 4) for v in xor_network(0, 1)]
    [0.0474, 0.018, 0.9949]
    """
    raise NotImplementedError("kata 5 · xor_network() is not written yet — edit katas/k05_xor_forward.py")


# %%
def xor_forward(X, W1, B1, W2, B2):
    """The network as matrices: K = σ(X·W1 + B1), Ŷ = σ(K·W2 + B2).

    Args:
        X: inputs, shape (samples, inputs), or one sample of shape (inputs,).
        W1: shape (inputs, hidden); B1: shape (hidden,).
        W2: shape (hidden, outputs); B2: shape (outputs,).

    Returns:
        (K, Ŷ) of shapes (samples, hidden) and (samples, outputs); (hidden,) and (outputs,) for one sample.

    Raises:
        ValueError: when X·W1 or K·W2 cannot be formed, naming the shapes of its two factors: X's
            and W1's, or K's and W2's (W1's shape may stand for K's: K has W1's columns).

    >>> X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
    >>> K, Y = xor_forward(X, COURSE_W1, COURSE_B1, COURSE_W2, COURSE_B2)
    >>> (Y > 0.5).astype(int).ravel()
    array([0, 1, 1, 0])
    """
    raise NotImplementedError("kata 5 · xor_forward() is not written yet — edit katas/k05_xor_forward.py")


# %%
def my_xor_weights():
    """Your own (W1, B1, W2, B2) for XOR, different from the course's, with a clear margin.

    Returns:
        W1 of shape (2, hidden), B1 (hidden,), W2 (hidden, 1), B2 (1,).
    """
    raise NotImplementedError("kata 5 · my_xor_weights() is not written yet — edit katas/k05_xor_forward.py")


# %% What you see when the kata is green
if __name__ == "__main__":
    from tabulate import tabulate

    inputs = [(0, 0), (0, 1), (1, 0), (1, 1)]
    print("The lecture's table (y1, y2 rounded to 0 or 1 before NN3):")
    rows = []
    for x1, x2 in inputs:
        y1, y2, y_hat = xor_network(x1, x2, rounded=True)
        rows.append((x1, x2, round(y1), round(y2), f"{y_hat:.4f}", round(y_hat), x1 ^ x2))
    print(tabulate(rows, headers=["x1", "x2", "y1", "y2", "ŷ", "ŷ rounded", "XOR"]))

    print("\nWithout rounding (the exact path), and the same network as two matrix products:")
    X = np.array(inputs)
    K, Y = xor_forward(X, COURSE_W1, COURSE_B1, COURSE_W2, COURSE_B2)
    rows = [(x1, x2, *xor_network(x1, x2), Y[i, 0], x1 ^ x2) for i, (x1, x2) in enumerate(inputs)]
    print(tabulate(rows, headers=["x1", "x2", "y1", "y2", "ŷ", "ŷ = σ(K·W2 + B2)", "XOR"], floatfmt=".6f"))
    print("Both paths put every ŷ on the right side of 0.5: they agree.")

    W1, B1, W2, B2 = my_xor_weights()
    _, mine = xor_forward(X, W1, B1, W2, B2)
    print("\nYour own weights for XOR:", ", ".join(f"{v:.6f}" for v in mine.ravel()))

    try:  # the runner has the repository on its path; a kata file run by itself has katas/
        from katas._runner.pictures import decision_regions
    except ImportError:
        from _runner.pictures import decision_regions
    print()
    print(decision_regions(lambda G: xor_forward(G, W1, B1, W2, B2)[1], X, [x1 ^ x2 for x1, x2 in inputs],
                           title="where your weights say 1 (ŷ > 0.5)"))
