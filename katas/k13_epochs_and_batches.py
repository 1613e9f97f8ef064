# %% [markdown]
"""Kata 13 · Epochs, batches and iterations

Terms (the glossary in README.md): 에폭 epoch, 배치 크기 batch size, 미니배치 minibatch, 반복 iteration, 평균 제곱 오차 mean squared error

The idea
    Kata 9 (mlp2) updates the weights after every sample; kata 11 after the whole data set. Both
    are one loop with a different batch size (배치 크기), "패러미터(가중치와 편향)을 수정하는
    데이터 수": the number of samples whose gradients are averaged into one update (kata 11 also
    uses another loss). The slides (002, "batch_size") name the pieces:

        1 Epoch: 모든 데이터 셋을 한 번 학습            every sample seen once
        1 iteration: 1회 학습                          one update of the parameters
        minibatch: 데이터 셋을 batch size 크기로 쪼개서 학습   the data cut into batches
                                                       (미니 배치 학습법)

    "총 데이터가 100개, batch size가 10이면 … 1 Epoch = 100 / batch size = 10 iteration."
    When the batch size does not divide n, the last batch is short and still counts as an
    iteration, as Keras does: iterations per epoch = ⌈n / batch size⌉, so 10 samples in batches
    of 3 are 4 iterations (3, 3, 3, 1), not 3.

How many parameters (002, "Sequential 모델과 딥러닝 구조")
    A dense layer from n_in inputs to n_out units has n_in·n_out weights and n_out biases:
    (n_in + 1)·n_out parameters, the bias being an input fixed at 1.0 (kata 12); the slides:
    "(입력층 뉴런 수 + 1) * (출력층 뉴런 수)". Their model.summary() prints 3 for AND
    (2-1: (2 + 1)·1) and 9 for XOR (2-2-1: "3 * 2 + 3 * 1 = 9개"). The
    lecture's deep network (000, 2-10-10-10-1) has 30 + 110 + 110 + 11 = 261 (the lecture prints
    no summary for it; 261 is the slides' rule applied).

Keras's loss 'mse' and its gradient (kata 6)
    The slides compile with loss='mse', which is the mean, not the course's ½Σ (kata 6 computes
    both):

        L = mean((y − t)²) = (1/n) Σ (yᵢ − tᵢ)²        ∂L/∂yᵢ = 2(yᵢ − tᵢ)/n

    n counts every entry of y (batch size × outputs). With one output and batch size 1,
    L = (y − t)² and ∂L/∂y = 2(y − t): twice kata 9's ∂E/∂y = y − t for E = ½(y − t)². So Keras's
    SGD with learning rate η makes kata 9's step with learning rate 2η: train with η = 0.1 and
    batch size 1 follows mlp2.py's η = 0.2, sample by sample. Not to the last bit: the two
    multiply and add in another order, so they round differently; after 200 epochs the nine
    parameters agree to about 3e-15 relative (measured here; the checks allow 1e-9). With a
    batch of b samples, the 1/n averages the b samples' gradients: batch size n is one update
    per epoch with the mean gradient (kata 11's full batch, there with the cross-entropy).
    Through the sigmoid output,
    δ = ∂L/∂z = 2(y − t)/n ⊙ y(1 − y), and backpropagation goes on as in kata 9.

The slides' Keras results, put through our forward pass (002, "AND 게이트 구현" and after)
    The slides train AND (one sigmoid unit, SGD(lr=0.3), mse, 400 epochs, batch_size=1) and
    print the trained kernel (3.7209592, 3.723007), bias −5.6813374 and the predictions for the
    inputs in the slides' order (1, 1), (1, 0), (0, 1), (0, 0):

        0.8535386   0.12342612   0.12364785   0.00339741

    Keras computes in float32, and numpy prints a float32 array with at most 8 decimals, fewer
    when fewer name the value exactly. The printed weights have 7 decimals or fewer, so each is
    the exact float32 value Keras held. Put through a float32 forward pass, they give float32
    outputs that print as the slides' four numbers, digit for digit (measured here).

    XOR (2-2-1, 2000 epochs, batch_size=1) prints 0.04060324 0.9609237 0.96031225 0.04571233.
    Our float32 pass of its printed weights, with σ = 1/(1 + e⁻ᶻ), prints 0.04060325 0.9609237
    0.96031237 0.04571234: one of four the same. Other forms of σ round otherwise (measured here:
    eᶻ/(1 + eᶻ) prints two of the four the same, kata 5's stable form three), and each agrees
    with the slides to 1.2e-7, at most about three float32 steps (ulps). Not because of the
    weights (they are exact, as AND's are) but because neither result is the exact value
    rounded once: float32 keeps about 7 significant digits, every operation rounds, and
    TensorFlow computes its sigmoid and matrix products in its own way, numpy in another. The
    2-2-1 net rounds in three units over two layers, AND in one, and here the roundings land
    apart. The exact values (float64) lie within 1e-7 of the slides' numbers too.

    On another CPU, numpy's float32 exp may round an output one ulp differently; the checks
    therefore allow |y − printed| ≤ 0.5e-8 (the printing) + 2·2⁻²³·|y| (two float32 ulps),
    and ask that every array forward returns is of the dtype it is given. Compute in it, too:
    float64 is not Keras's arithmetic, though a float64 pass rounded to float32 at every layer
    lands within the same bounds, so the checks cannot tell it from a float32 one.
    The usual forms of σ pass (1/(1 + e⁻ᶻ), eᶻ/(1 + eᶻ), kata 5's stable form); 0.5·(1 + tanh(z/2))
    does not: for outputs near 0 it subtracts nearly equal float32 numbers and loses digits.

What cannot be reproduced
    Keras starts every Dense layer from random weights (glorot_uniform) and shuffles the samples
    every epoch; the slides record neither, so their digits cannot be trained again. Training
    AND from a seeded start with the slides' settings gives another AND unit near theirs: for
    every seed tried (0 to 9), w ≈ 3.7 to 3.8 each and b ≈ −5.6 to −5.8, the outputs about
    0.85, 0.12, 0.12, 0.003, and the loss falling every epoch from about 0.25 to about 0.013.

Given
    AND_X, AND_T, XOR_T: the slides' data, in their order. AND_PARAMS, XOR_PARAMS: the slides'
    printed weights as float32 [(W, b), …]. init_params(sizes, seed) draws a start as Keras does
    (glorot_uniform kernels, zero biases) from numpy's seeded generator.

What to implement
    iterations_per_epoch(n, batch_size)   ⌈n / batch_size⌉, an int; a ValueError if batch_size < 1
    minibatches(n, batch_size, seed=None) an iterable (a generator or a list) of 1-D integer
                                          index arrays: 0 … n−1 in order when seed is None, else
                                          shuffled by np.random.default_rng(seed); every index
                                          exactly once, batches of batch_size, the last one short
    parameter_count(layer_sizes)          Σ (n_in + 1)·n_out over the layers, an int
    keras_mse(y, t)                       mean((y − t)²), a float
    keras_mse_grad(y, t)                  2(y − t)/n, a float array of y's shape, n = y.size
    forward(X, params, dtype=np.float64)  [X, A₁, …, Y]: every layer σ(A·W + b), every array
                                          of the given dtype, computed in it
    train_step(x, t, params, lr)          one SGD update on one batch with Keras's mse: the new
                                          [(W, b), …]; the caller's arrays stay unchanged
    train(X, T, params, lr, epochs, batch_size, seed=None)
                                          → (params, losses): every epoch, one train_step per
                                          minibatch (in order, or shuffled by a generator made
                                          once from seed, so each epoch gets a new order);
                                          losses[k] = keras_mse over all samples after epoch k + 1
    params is a list of (W, b) pairs, W of shape (n_in, n_out), b of shape (n_out,); x, t, X and
    T are 2-D, one sample per row.
"""

# %%
import numpy as np

# The slides' data (002): the inputs in their order, AND's and XOR's targets.
AND_X = np.array([[1, 1], [1, 0], [0, 1], [0, 0]])
AND_T = np.array([[1], [0], [0], [0]])
XOR_T = np.array([[0], [1], [1], [0]])

# The weights Keras printed after training (002), exact float32 values.
AND_PARAMS = [(np.array([[3.7209592], [3.723007]], dtype=np.float32), np.array([-5.6813374], dtype=np.float32))]
XOR_PARAMS = [(np.array([[5.378626, -5.299518], [-5.518024, 5.0764313]], dtype=np.float32),
               np.array([-3.0511274, -2.8576972], dtype=np.float32)),
              (np.array([[7.6903753], [7.7518315]], dtype=np.float32), np.array([-3.8067687], dtype=np.float32))]


def init_params(sizes, seed):
    """[(W, b), …] for layer sizes like [2, 1], as Keras starts a Dense layer. Given.

    W ~ uniform(−r, r) with r = √(6 / (n_in + n_out)) (glorot_uniform), b = 0.
    """
    rng = np.random.default_rng(seed)
    params = []
    for n_in, n_out in zip(sizes, sizes[1:]):
        r = np.sqrt(6 / (n_in + n_out))
        params.append((rng.uniform(-r, r, size=(n_in, n_out)), np.zeros(n_out)))
    return params


# %%
def iterations_per_epoch(n, batch_size):
    """⌈n / batch_size⌉: the updates in one epoch, the short last batch included.

    Args:
        n: the number of samples (≥ 0); batch_size: samples per update (≥ 1).

    Returns:
        An int.

    Raises:
        ValueError: if batch_size < 1.

    >>> iterations_per_epoch(100, 10)     # the slides' example
    10
    >>> iterations_per_epoch(10, 3)       # 3 + 3 + 3 + 1
    4
    """
    raise NotImplementedError("kata 13 · iterations_per_epoch() is not written yet — edit katas/k13_epochs_and_batches.py")


# %%
def minibatches(n, batch_size, seed=None):
    """The index arrays of one epoch: 0 … n−1 cut into batches of batch_size, the last one short.

    Args:
        n: the number of samples; batch_size: samples per batch.
        seed: None for the order 0 … n−1; otherwise a random order drawn from
            rng = np.random.default_rng(seed) (rng.permutation(n), for instance). seed may be an
            int or a numpy Generator, which default_rng hands back unchanged, so that each call
            draws a new order from it.

    Returns:
        An iterable (a generator, or a list) of 1-D integer arrays; together they hold every
        index exactly once.

    >>> [b.tolist() for b in minibatches(5, 2)]
    [[0, 1], [2, 3], [4]]
    >>> sorted(int(i) for b in minibatches(5, 2, seed=1) for i in b)
    [0, 1, 2, 3, 4]
    """
    raise NotImplementedError("kata 13 · minibatches() is not written yet — edit katas/k13_epochs_and_batches.py")


# %%
def parameter_count(layer_sizes):
    """Σ (n_in + 1)·n_out over consecutive layer sizes: the weights and the biases.

    Args:
        layer_sizes: the units per layer, the inputs first, e.g. [2, 2, 1].

    Returns:
        An int, the "Total params" of Keras's model.summary().

    >>> parameter_count([2, 1]), parameter_count([2, 2, 1])
    (3, 9)
    """
    raise NotImplementedError("kata 13 · parameter_count() is not written yet — edit katas/k13_epochs_and_batches.py")


# %%
def keras_mse(y, t):
    """L = mean((y − t)²), Keras's loss='mse' (no ½, divided by the number of entries).

    Args:
        y: the outputs; t: the targets, of the same shape, e.g. (batch, outputs).

    Returns:
        A float.

    >>> round(keras_mse(np.array([[0.8], [0.2]]), np.array([[1], [0]])), 12)     # (0.2² + 0.2²) / 2
    0.04
    """
    raise NotImplementedError("kata 13 · keras_mse() is not written yet — edit katas/k13_epochs_and_batches.py")


def keras_mse_grad(y, t):
    """∂L/∂y = 2(y − t)/n for L = mean((y − t)²), n = y.size (every entry of y).

    Returns:
        A float array of y's shape.

    >>> keras_mse_grad(np.array([[0.8], [0.2]]), np.array([[1], [0]]))
    array([[-0.2],
           [ 0.2]])
    """
    raise NotImplementedError("kata 13 · keras_mse_grad() is not written yet — edit katas/k13_epochs_and_batches.py")


# %%
def forward(X, params, dtype=np.float64):
    """[A₀, A₁, …, Y] with A₀ = X and Aₗ = σ(Aₗ₋₁·Wₗ + bₗ), every array of dtype.

    Args:
        X: the batch, shape (samples, inputs).
        params: [(W, b), …], W of shape (n_in, n_out), b of shape (n_out,).
        dtype: the float type to compute in: np.float32 as Keras does, np.float64 by default.

    Returns:
        A list of arrays, one per layer, the input first; each of the given dtype.

    >>> print(forward(AND_X, AND_PARAMS, dtype=np.float32)[-1])
    [[0.8535386 ]
     [0.12342612]
     [0.12364785]
     [0.00339741]]
    """
    raise NotImplementedError("kata 13 · forward() is not written yet — edit katas/k13_epochs_and_batches.py")


# %%
def train_step(x, t, params, lr):
    """One SGD update on one batch with L = mean((y − t)²): p ← p − η·∂L/∂p for every W and b.

    δ_L = 2(y − t)/n ⊙ y(1 − y) at the output; ∂L/∂Wₗ = Aₗ₋₁ᵀ·δₗ, ∂L/∂bₗ = Σ_rows δₗ;
    δₗ₋₁ = (δₗ·Wₗᵀ) ⊙ Aₗ₋₁(1 − Aₗ₋₁).

    Args:
        x: the batch, (batch, inputs); t: its targets, (batch, outputs).
        params: [(W, b), …]; lr: η.

    Returns:
        The new [(W, b), …]; the arrays in params are left unchanged.

    >>> new = train_step(np.array([[1, 1]]), np.array([[1]]), [(np.zeros((2, 1)), np.zeros(1))], lr=0.3)
    >>> new[0][1]                          # b ← 0 − 0.3·2(0.5 − 1)·0.25
    array([0.075])
    """
    raise NotImplementedError("kata 13 · train_step() is not written yet — edit katas/k13_epochs_and_batches.py")


# %%
def train(X, T, params, lr, epochs, batch_size, seed=None):
    """Minibatch SGD as Keras's model.fit: every epoch, one train_step per minibatch.

    Args:
        X: the samples, (n, inputs); T: the targets, (n, outputs).
        params: the starting [(W, b), …], left unchanged.
        lr: η; epochs: passes over the data; batch_size: samples per update.
        seed: None for the samples in order every epoch; otherwise one generator,
            np.random.default_rng(seed), handed to minibatches every epoch, so that each epoch
            has a new order and the same seed gives the same run.

    Returns:
        (params, losses): the trained [(W, b), …], and a list of epochs floats, losses[k] =
        keras_mse(forward(X, params)[-1], T) after epoch k + 1.

    >>> params, losses = train(AND_X, AND_T, init_params([2, 1], seed=0), lr=0.3, epochs=400, batch_size=1, seed=0)
    >>> len(losses), losses[-1] < losses[0]
    (400, True)
    """
    raise NotImplementedError("kata 13 · train() is not written yet — edit katas/k13_epochs_and_batches.py")


# %% What you see when the kata is green
if __name__ == "__main__":
    from tabulate import tabulate

    print("Iterations per epoch (the slides: 100 samples, batch size 10 → 10); the last batch may be short:")
    print(tabulate([(n, b, iterations_per_epoch(n, b), " ".join(str(len(batch)) for batch in minibatches(n, b)))
                    for n, b in ((100, 10), (4, 1), (4, 4), (10, 3))],
                   headers=["samples", "batch size", "iterations", "batch lengths"]))
    print("\nParameters, Σ (n_in + 1)·n_out:",
          ", ".join(f"{'-'.join(map(str, s))}: {parameter_count(s)}" for s in ([2, 1], [2, 2, 1], [2, 10, 10, 10, 1])))

    print("\nThe slides' trained weights through a float32 forward pass (numpy prints float32 with 8 decimals):")
    for name, params, printed in (("AND", AND_PARAMS, ["0.8535386", "0.12342612", "0.12364785", "0.00339741"]),
                                  ("XOR", XOR_PARAMS, ["0.04060324", "0.9609237", "0.96031225", "0.04571233"])):
        ours = forward(AND_X, params, dtype=np.float32)[-1].ravel()
        exact = forward(AND_X, params)[-1].ravel()
        shown = np.array2string(ours, separator=" ")[1:-1].split()
        print(tabulate([(f"{name} {x.tolist()}", p, s, "yes" if s == p else "no", f"{float(o) - float(p):+.1e}", f"{e:.10f}")
                        for x, p, s, o, e in zip(AND_X, printed, shown, ours, exact)],
                       headers=["input", "Keras (slides)", "ours, float32", "same digits", "ours − slides",
                                "float64"], disable_numparse=True))

    print("\nKata 9's hand calculation (textbook 6, η = 0.2) is batch size 1 with Keras's mse and η = 0.1:")
    mlp2 = [(np.array([[0.10, 0.20], [0.30, 0.40]]), np.array([0.1, 0.2])), (np.array([[0.50], [0.60]]), np.array([0.3]))]
    (_, b1), (W2, b2) = train_step(np.array([[0, 0]]), np.array([[0]]), mlp2, lr=0.1)
    print(tabulate([("w5", W2[0, 0], "0.484645"), ("w6", W2[1, 0], "0.583918"), ("b3", b2[0], "0.270750"),
                    ("b1", b1[0], "0.096352"), ("b2", b1[1], "0.195656")],
                   headers=["after one step on (0, 0) → 0", "train_step, η = 0.1", "the book, η = 0.2 (6 decimals, some cut)"],
                   floatfmt=".7f", disable_numparse=[2]))
    print("\nAND with the slides' settings (η = 0.3, mse, 400 epochs, batch size 1, shuffled) from seeded starts:")
    rows = []
    for seed in range(3):
        params, losses = train(AND_X, AND_T, init_params([2, 1], seed), lr=0.3, epochs=400, batch_size=1, seed=seed)
        (W, b), = params
        rows.append((f"seed {seed}", *W.ravel(), b[0], *forward(AND_X, params)[-1].ravel(), losses[-1]))
        if seed == 0:
            curve = [(epoch, losses[epoch - 1]) for epoch in (1, 10, 50, 100, 200, 300, 400)]
            curves = {"batch size 1": (range(1, 401), losses)}
    slides = forward(AND_X, AND_PARAMS, dtype=np.float32)[-1]
    rows.append(("Keras (slides)", 3.7209592, 3.723007, -5.6813374, *slides.ravel(), keras_mse(slides, AND_T)))
    print(tabulate(rows, headers=["start", "w1", "w2", "b", "y(1,1)", "y(1,0)", "y(0,1)", "y(0,0)", "loss"],
                   floatfmt=".4f"))
    print("\nThe loss curve of seed 0 (keras_mse over the four samples after each epoch):")
    print(tabulate(curve, headers=["epoch", "loss"], floatfmt=".4f"))

    try:  # the runner has the repository on its path; a kata file run by itself has katas/
        from katas._runner.pictures import line_plot
    except ImportError:
        from _runner.pictures import line_plot
    for batch_size in (2, 4):
        _, losses = train(AND_X, AND_T, init_params([2, 1], 0), lr=0.3, epochs=400, batch_size=batch_size, seed=0)
        curves[f"batch size {batch_size}"] = (range(1, 401), losses)
    print()
    print(line_plot(curves, title="AND from seed 0, η = 0.3: the loss against the epoch", height=12))
    print("Batch size 1 takes four steps per epoch, 4 takes one: the same epochs, a quarter of the updates.")
    print("Keras's own digits came from a random start the slides do not record: no seed here can replay them.")
