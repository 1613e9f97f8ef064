# %% [markdown]
"""Kata 9 · MLP backpropagation (mlp2)

Terms (the glossary in README.md): 역전파 backpropagation, 델타 delta, 에폭 epoch, 학습 training

The idea
    Kata 8's network answers about 0.7 for every input. To teach it XOR, every weight must move
    against its own gradient ∂E/∂w (kata 7). Backpropagation (역전파) gets all of them in one
    backward sweep, reusing the chain rule of kata 3: the error at the output flows back through
    the same weights that carried the signal forward.

    It was not always known how. The lecture's notes (001) recall that the book on perceptrons
    (Minsky and Papert's, kata 4) said that no one could train such a network:
        "perceptron 책에서도 아무도 할 수 없다고 말하기도 했었죠?"
    The textbook's summary (003) says backpropagation was rediscovered to train MLPs:
        "MLP를 학습시키기 위하여 역전파 알고리즘(back-propagation)이 재발견되었다."

The delta rule (textbook 6, "역전파 학습 알고리즘")
    With E = ½ Σ (out − t)² and net_j the weighted sum into unit j:

        ∂E/∂w_ij = δ_j · out_i
        δ_j = (out_j − t_j) · f'(net_j)          for an output unit
        δ_j = (Σ_k w_jk · δ_k) · f'(net_j)        for a hidden unit: the deltas above, sent back
                                                  along the weights that leave j
    For the sigmoid, f'(net) = out·(1 − out): the derivative is taken from the unit's output,
    which the forward pass already has (the book writes f'(out) for it; it means f'(net)
    expressed through out). Passing net (z) into out·(1 − out) is the classic slip.

    As matrices, for a batch of rows (mlp2.py):
        δ2 = (A2 − T) ⊙ A2(1 − A2)          ∂E/∂W2 = A1ᵀ·δ2      ∂E/∂B2 = Σ_rows δ2
        δ1 = (δ2·W2ᵀ) ⊙ A1(1 − A1)          ∂E/∂W1 = Xᵀ·δ1       ∂E/∂B1 = Σ_rows δ1
    Every gradient is computed from the weights as they were in the forward pass; only then
    does w ← w − η·∂E/∂w update them (δ1 uses the old W2).

One step by hand: the sample (0, 0) with target 0, η = 0.2
    Every number here is rounded to six decimals.

    forward: a1 = 0.524979, a2 = 0.549834, z_y = 0.892390, out_y = 0.709383
             E = ½(0 − 0.709383)² = 0.251612
    ∂E/∂w5 = (out_y − t) · out_y(1 − out_y) · a1 = 0.709383 · 0.206159 · 0.524979 = 0.076776
    w5 → 0.5 − 0.2·0.076776 = 0.484645      w6 → 0.583918      b3 → 0.270751
    w1 … w4 unchanged: their gradient is δ·x, and x = 0
    b1 → 0.096353      b2 → 0.195656
    forward again: out_y = 0.699553, E = 0.244687: one step, a smaller error.

    The book writes this step as w5(t+1) = w5(t) + η·∂E/∂w5 and then computes 0.5 − 0.2·0.076775:
    it writes the plus three times (twice for w5, once for w1), each time computing with a minus.
    The minus is right (kata 7), and the book's own algorithm writes it: w(t+1) = w(t) − η·∂E/∂w.

    The book's six decimals are sometimes cut (the digits after the sixth dropped) and sometimes
    rounded. Cut: z_y = 0.8923899… is printed 0.892389, out_y(1 − out_y) = 0.2061587… as
    0.206158, ∂E/∂w5 = 0.0767758… as 0.076775, b3 = 0.2707508… as 0.270750 and b1 = 0.0963529…
    as 0.096352. Rounded: a2 = 0.5498339… is
    0.549834, w5 = 0.4846448… is 0.484645, w6 = 0.5839178… is 0.583918, the new
    out_y = 0.6995526… is 0.699553 and E = 0.2446869… is 0.244687. For a1, out_y, E before and
    b2, cutting and rounding give the same six decimals. The demo shows which is which.

    The book also says that after "경사하강법 10000번 적용" (10 000 applications of gradient
    descent) out_y = 0.005770 and E = 0.000016; 10 000 steps on (0, 0) alone give 0.012088, and it
    is 40 000 steps that give 0.005770 (E = 1.665e-05).

Training as mlp2.py does it
    90 000 epochs; in each, the four XOR samples one at a time, in order, a step after each.
    The trained network answers 0.00814407, 0.99154105, 0.99152258, 0.01038517: XOR. (The book's
    "Forward pass" printout, 0.99196032 …, is not what its code prints; its "Backward pass"
    printout is, and float64 reproduces it to the last digit.)

Two forms, one arithmetic
    The matrix form and the book's hand calculation with named weights w1 … w6, b1 … b3 are the
    same training: written with plain Python floats, 90 000 epochs give the numpy result up to
    rounding (within 1e-12; on some CPUs to the last bit, but numpy may fuse multiply-adds and
    compute exp a last bit differently, and so may a regrouped formula). The float form runs
    about 40× faster here: numpy's overhead per call dwarfs the work on 2×2 matrices (make bench
    measures it).

What to implement
    actf_deriv(out)                   σ'(net) from the output: out·(1 − out)
    loss(x, t, params)                E = ½ Σ (out − t)² over the rows, a float
    backprop(x, t, W1, B1, W2, B2)    → (dW1, dB1, dW2, dB2), the gradients of E
    train_step(x, t, params, lr)      → new (W1, B1, W2, B2); the caller's arrays stay unchanged
    fit(X, T, params, lr, epochs, log_every=None)   mlp2.py's loop; prints "Iter: k, Loss: E"
                                      every log_every epochs; returns the trained params
    fit_by_hand(epochs, lr=0.2, data=…)   the same training with floats w1 … w6, b1 … b3, from the
                                      book's starting values, over data = [(x1, x2, t), …] (the
                                      four XOR samples by default); returns (W1, B1, W2, B2) as arrays
    params is the tuple (W1, B1, W2, B2); x and t are 2-D, one sample per row. forward() is
    kata 8's predict, given.
"""

# %%
import math
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, Decimal

import numpy as np

# The book's network before training (kata 8) and the XOR training set, as mlp2.py starts.
PARAMS = (np.array([[0.10, 0.20], [0.30, 0.40]]), np.array([0.1, 0.2]), np.array([[0.50], [0.60]]), np.array([0.3]))
X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
T = np.array([[0], [1], [1], [0]])


def actf(x):
    """The sigmoid (kata 8), given."""
    return 1 / (1 + np.exp(-x))


def forward(x, W1, B1, W2, B2):
    """Kata 8's forward pass, given: (A1, A2) = (σ(x·W1 + B1), σ(A1·W2 + B2))."""
    A1 = actf(x @ W1 + B1)
    return A1, actf(A1 @ W2 + B2)


# %%
def actf_deriv(out):
    """σ'(net) written through the output: out·(1 − out).

    >>> actf_deriv(0.709383)  # doctest: +ELLIPSIS
    0.206158...
    """
    raise NotImplementedError("kata 9 · actf_deriv() is not written yet — edit katas/k09_mlp_backprop.py")


def loss(x, t, params):
    """E = ½ Σ (out − t)² over every row of x.

    >>> round(loss(np.array([[0, 0]]), np.array([[0]]), PARAMS), 6)
    0.251612
    """
    raise NotImplementedError("kata 9 · loss() is not written yet — edit katas/k09_mlp_backprop.py")


# %%
def backprop(x, t, W1, B1, W2, B2):
    """The gradients of E = ½ Σ (out − t)² by the delta rule.

    Args:
        x: inputs, shape (samples, inputs); t: targets, shape (samples, outputs).
        W1, B1, W2, B2: the network, as in kata 8.

    Returns:
        (dW1, dB1, dW2, dB2), each the shape of its parameter.

    Raises:
        ValueError: if x is not a 2-D batch with one column per input.

    ∂E/∂w5 on the hand calculation's sample: the book prints 0.076775 (cut, not rounded).

    >>> dW1, dB1, dW2, dB2 = backprop(np.array([[0, 0]]), np.array([[0]]), *PARAMS)
    >>> float(dW2[0, 0])  # doctest: +ELLIPSIS
    0.0767758...
    """
    raise NotImplementedError("kata 9 · backprop() is not written yet — edit katas/k09_mlp_backprop.py")


# %%
def train_step(x, t, params, lr):
    """One step of gradient descent on every parameter: p ← p − η·∂E/∂p.

    Returns:
        The new (W1, B1, W2, B2); the arrays in params are left unchanged.

    >>> W1n, B1n, W2n, B2n = train_step(np.array([[0, 0]]), np.array([[0]]), PARAMS, lr=0.2)
    >>> W2n.ravel().round(6), B2n.round(7)
    (array([0.484645, 0.583918]), array([0.2707509]))
    """
    raise NotImplementedError("kata 9 · train_step() is not written yet — edit katas/k09_mlp_backprop.py")


# %%
def fit(X, T, params, lr, epochs, log_every=None):
    """mlp2.py's training: every epoch, one train_step per sample, in order.

    Args:
        X: the samples, (samples, inputs); T: the targets, (samples, outputs).
        params: the starting (W1, B1, W2, B2), left unchanged.
        lr: the learning rate; epochs: passes over the data.
        log_every: if given, print "Iter: k, Loss: E" after every log_every-th epoch, with E the
            loss over all samples, to 4 decimals or more (f"{E:.8f}" prints 8).

    Returns:
        The trained (W1, B1, W2, B2).
    """
    raise NotImplementedError("kata 9 · fit() is not written yet — edit katas/k09_mlp_backprop.py")


# %%
def fit_by_hand(epochs, lr=0.2, data=((0, 0, 0), (0, 1, 1), (1, 0, 1), (1, 1, 0))):
    """fit(X, T, PARAMS, lr, epochs) with the hand calculation's floats w1 … w6, b1 … b3.

    Plain Python floats, not numpy arrays: on 2×2 matrices numpy's overhead per call dwarfs the
    work, so 90 000 epochs through fit or train_step take longer than the 10 seconds a check may
    run (make bench measures 14 to 23 s), where the floats take about half a second.

    Args:
        epochs: passes over data; lr: the learning rate.
        data: the samples (x1, x2, t), in order; the four XOR samples unless told otherwise.

    Returns:
        (W1, B1, W2, B2) as numpy arrays: W1 = [[w1, w2], [w3, w4]], B1 = [b1, b2],
        W2 = [[w5], [w6]], B2 = [b3].
    """
    raise NotImplementedError("kata 9 · fit_by_hand() is not written yet — edit katas/k09_mlp_backprop.py")


# %% Helpers for the demo below (they use your functions)
def _six_decimals(value, book):
    """How the book's six-decimal `book` comes from `value`: "cut", "rounded", or "either"."""
    exact = Decimal(float(value))
    cut = str(exact.quantize(Decimal("0.000001"), rounding=ROUND_DOWN))
    rounded = str(exact.quantize(Decimal("0.000001"), rounding=ROUND_HALF_EVEN))
    if book == cut == rounded:
        return "either"
    return "cut" if book == cut else "rounded" if book == rounded else "neither"


def _hand_step_rows():
    """(quantity, ours, the book's number, cut or rounded) for the textbook's step by hand."""
    x0, t0 = np.array([[0, 0]]), np.array([[0]])
    _, _, W2, B2 = PARAMS
    A1, out = forward(x0, *PARAMS)
    _, _, dW2, _ = backprop(x0, t0, *PARAMS)
    new = train_step(x0, t0, PARAMS, lr=0.2)
    rows = [("a1", A1[0, 0], "0.524979"), ("a2", A1[0, 1], "0.549834"), ("z_y", (A1 @ W2 + B2)[0, 0], "0.892389"),
            ("out_y", out[0, 0], "0.709383"), ("out_y(1 − out_y)", actf_deriv(out[0, 0]), "0.206158"),
            ("E before", loss(x0, t0, PARAMS), "0.251612"),
            ("∂E/∂w5", dW2[0, 0], "0.076775"), ("w5", new[2][0, 0], "0.484645"), ("w6", new[2][1, 0], "0.583918"),
            ("b3", new[3][0], "0.270750"), ("b1", new[1][0], "0.096352"), ("b2", new[1][1], "0.195656"),
            ("out_y after", forward(x0, *new)[1][0, 0], "0.699553"), ("E after", loss(x0, t0, new), "0.244687")]
    return [(name, float(value), book, _six_decimals(value, book)) for name, value, book in rows]

# %% What you see when the kata is green
if __name__ == "__main__":
    from tabulate import tabulate

    x0, t0 = np.array([[0, 0]]), np.array([[0]])
    print("One step by hand on (0, 0) → 0, η = 0.2, and how the book writes each number to six decimals:")
    print(tabulate(_hand_step_rows(), headers=["quantity", "ours", "the book", "the book's six decimals"],
                   floatfmt=".10f", disable_numparse=[2]))

    for steps in (10_000, 40_000):
        params = fit_by_hand(steps, data=[(0, 0, 0)])
        print(f"after {steps} steps on (0, 0) alone: out_y = {forward(x0, *params)[1][0, 0]:.7f}, "
              f"E = {loss(x0, t0, params):.4g}")
    print("(the book's '10 000 times: 0.005770, E = 0.000016' is the 40 000-step figure, cut after six decimals)")

    print("\nTraining as mlp2.py does, 90 000 epochs, with the hand calculation's floats:")
    trained = fit_by_hand(90_000)
    _, out = forward(X, *trained)
    print(tabulate([(x, t[0], o[0]) for x, t, o in zip(X, T, out)], headers=["x", "target", "output"], floatfmt=".8f"))
    print("W1 =", trained[0].tolist(), " B1 =", trained[1].tolist())
    print("W2 =", trained[2].ravel().tolist(), " B2 =", trained[3].tolist())
    print("\nThe learning curve: E over the four samples stays near 0.5 for thousands of epochs, then drops.")
    snapshots = {n: fit_by_hand(n) for n in (0, 1_000, 5_000, 10_000, 20_000)} | {90_000: trained}
    print(tabulate([(n, loss(X, T, p)) for n, p in snapshots.items() if 0 < n < 90_000],
                   headers=["epochs", "E"], floatfmt=".6f"))

    try:  # the runner has the repository on its path; a kata file run by itself has katas/
        from katas._runner.pictures import line_plot
    except ImportError:
        from _runner.pictures import line_plot
    epochs = list(snapshots)
    outputs = np.array([forward(X, *p)[1].ravel() for p in snapshots.values()])
    print()
    print(line_plot({"E": (epochs, [loss(X, T, p) for p in snapshots.values()])}, log_y=True, height=8,
                    title="E against the epoch (log scale), at the epochs above"))
    print()
    print(line_plot({f"{x} → {t[0]}": (epochs, outputs[:, i]) for i, (x, t) in enumerate(zip(X.tolist(), T))},
                    y_range=(0, 1), height=8, title="the four outputs against the epoch"))
    print("The outputs for [0, 1] and [1, 0] stay so close that the o's cover the x's.")
    print("\nfit() with numpy logs E as it goes (log_every=250); its first 1000 epochs, the flat start of the curve:")
    fit(X, T, PARAMS, 0.2, 1000, log_every=250)
