# %% [markdown]
"""Kata 6 · Loss functions: MSE and binary cross-entropy

Terms (the glossary in README.md): 손실 함수 loss function, 평균 제곱 오차 mean squared error, 교차 엔트로피 cross-entropy

The idea
    To learn, a network needs one number that says how wrong it is: the loss (손실 함수). Training
    turns the weights to make it small, like turning a radio's dial while listening (the textbook's
    "다이얼 튜닝"). The loss compares the output y with the target t.

Mean squared error, the course's way (textbook 6, "평균 제곱 오차")
        E = ½ Σᵢ (yᵢ − tᵢ)²                ∂E/∂yᵢ = yᵢ − tᵢ

    The ½ is there for the derivative: the 2 from the square cancels it, leaving just y − t.
    The textbook's loss_func.py runs MSE(target, y) for a digit classifier (그림 6-8) and prints
    0.029999999999992; its two arrays are not in the text. These, with target class 2, give its
    number:

        t = [0, 0, 1, 0, 0, 0, 0, 0, 0, 0]
        y = [0.0, 0.0, 0.8, 0.1, 0.0, 0.0, 0.0, 0.1, 0.0, 0.0]
        E = ½ (0.2² + 0.1² + 0.1²) = ½ · 0.06 = 0.029999999999999992

    (The book prints 0.029999999999992: a digit was lost in copying. It is not exactly 0.03
    because 0.8, 0.1 and 0.2 have no exact binary form.) The book then turns to a case where y is
    far from t ("예측값과 정답이 많이 차이나는 경우") with no numbers in its text; the demo's far
    case, with y peaking at class 6, is our own example.

Another "MSE": the mean of the squares
    Keras's loss='mse' and most libraries compute mean((y − t)²): no ½, divided by n. For the
    example that is 0.06 / 10 = 0.006. Same idea, different number; its gradient is 2(y − t)/n.
    Always check which one a formula means. This repository's MLP katas use the course's ½Σ.

Binary cross-entropy, for a sigmoid output
    The lecture's XOR code trains with
        E = −mean( t·log(h + ε) + (1 − t)·log(1 − h + ε) )          ε = 1e-7
    where h = σ(z) is the predicted probability of class 1. ε keeps log away from log(0) = −∞
    when h is exactly 0 or 1. It suits a sigmoid because the two cancel in the derivative:
    ∂E/∂z = (h − t)/n, a clean error signal with no σ' in it, so a confident wrong answer is
    corrected fast instead of stalling where σ is flat. (That is exact for the formula without ε.
    With ε the difference is negligible unless h is within about ε of the wrong answer.)

Inputs
    y and t (or h and t) are lists or numpy arrays of the same shape, and a mean is over every
    entry: for outputs of shape (1, 4), n = 4 (the number of entries, not len()). No function changes
    the arrays it is given (np.asarray does not copy a float array: compute into new arrays).
    Different shapes are a ValueError naming both: numpy would otherwise broadcast a (3, 1) against
    a (3,) into a (3, 3) table of differences and return a meaningless number without a word.

What to implement
    mse(y, t)                        ½ Σ (y − t)², a float
    mse_grad(y, t)                   ∂E/∂y = y − t, a float64 array of y's shape
    mean_squared_error(y, t)         mean((y − t)²), the Keras convention, a float
    binary_cross_entropy(h, t, eps=1e-7)   −mean(t·log(h + ε) + (1 − t)·log(1 − h + ε)), a float
    The helper _same_shape(a, b, names) is written for you: it turns both into float arrays and
    raises the ValueError that says which shape is whose. Start each function with it.
"""

# %%
import numpy as np


def _same_shape(a, b, names):
    """Both as float arrays; a ValueError naming both shapes if they differ."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if a.shape != b.shape:
        raise ValueError(f"{names[0]} has shape {a.shape} but {names[1]} has shape {b.shape}: they must match")
    return a, b


def mse(y, t):
    """E = ½ Σ (y − t)², the course's mean squared error.

    Args:
        y: the outputs; t: the targets, of the same shape (lists or arrays).

    Returns:
        A float.

    Raises:
        ValueError: saying which shape is y's and which is t's, when they differ.

    >>> mse([0.0, 0.0, 0.8, 0.1, 0.0, 0.0, 0.0, 0.1, 0.0, 0.0], [0, 0, 1, 0, 0, 0, 0, 0, 0, 0])
    0.029999999999999992
    """
    raise NotImplementedError("kata 6 · mse() is not written yet — edit katas/k06_loss_functions.py")


# %%
def mse_grad(y, t):
    """∂E/∂y = y − t for E = ½ Σ (y − t)².

    Returns:
        A float64 array of y's shape (the given _same_shape makes float64 arrays).

    >>> mse_grad([0.8, 0.1], [1, 0])
    array([-0.2,  0.1])
    """
    raise NotImplementedError("kata 6 · mse_grad() is not written yet — edit katas/k06_loss_functions.py")


# %%
def mean_squared_error(y, t):
    """mean((y − t)²): the mean of the squared errors, as Keras's 'mse' computes it (no ½).

    >>> round(mean_squared_error([0.0, 0.0, 0.8, 0.1, 0.0, 0.0, 0.0, 0.1, 0.0, 0.0], [0, 0, 1, 0, 0, 0, 0, 0, 0, 0]), 12)
    0.006
    """
    raise NotImplementedError("kata 6 · mean_squared_error() is not written yet — edit katas/k06_loss_functions.py")


# %%
def binary_cross_entropy(h, t, eps=1e-7):
    """E = −mean(t·log(h + ε) + (1 − t)·log(1 − h + ε)).

    Args:
        h: predicted probabilities of class 1, in [0, 1].
        t: targets, 0 or 1, of the same shape.
        eps: ε, keeps log away from 0.

    Returns:
        A float.

    >>> round(binary_cross_entropy([0.9, 0.2], [1, 0]), 6)
    0.164252
    """
    raise NotImplementedError("kata 6 · binary_cross_entropy() is not written yet — edit katas/k06_loss_functions.py")


# %% What you see when the kata is green
if __name__ == "__main__":
    from tabulate import tabulate

    t = [0, 0, 1, 0, 0, 0, 0, 0, 0, 0]
    good = [0.0, 0.0, 0.8, 0.1, 0.0, 0.0, 0.0, 0.1, 0.0, 0.0]
    bad = [0.1, 0.0, 0.1, 0.0, 0.1, 0.0, 0.6, 0.1, 0.0, 0.0]
    print("A digit classifier, target class 2 (the close case gives the textbook's number):")
    print(tabulate([("y close to t", repr(float(mse(good, t))), repr(float(mean_squared_error(good, t)))),
                    ("y far from t (ours: class 6)", repr(float(mse(bad, t))), repr(float(mean_squared_error(bad, t))))],
                   headers=["output", "½Σ(y − t)² (the course)", "mean((y − t)²) (Keras)"], disable_numparse=True))
    print("\nBinary cross-entropy for one sample with target 1: a confident wrong answer costs a lot.")
    rows = [(h, binary_cross_entropy([h], [1]), mse([h], [1])) for h in (0.99, 0.9, 0.5, 0.1, 0.01, 0.0)]
    print(tabulate(rows, headers=["h", "cross-entropy", "½(h − 1)²"], floatfmt=".6f"))
