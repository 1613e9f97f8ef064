# %% [markdown]
"""Kata 11 · Learning XOR from a random start

Terms (the glossary in README.md): 학습 training, 에폭 epoch, 은닉층 hidden layer, 교차 엔트로피 cross-entropy, gradient 소실 vanishing gradient

The idea
    Kata 9 trained the book's network from the book's weights, one sample at a time. The lecture's
    TensorFlow programs (000) start from random weights (tf.random.normal) and learn from all four
    samples at once: the data set is one batch (`.batch(len(x_data))`), and every epoch is one
    step. The textbook (003) says what matrices allow:
        "행렬을 이용하면 동시에 여러 개의 예제를 동시에 학습시킬수 있다."
    (with matrices, several examples can be learned at the same time), though its own mlp2.py
    still takes one sample at a time (kata 9). With a large data set, training usually takes a
    small batch (a minibatch) per step, neither one sample nor all of them. Here is the lecture's
    full-batch training in numpy, for a network of any depth: sizes = [2, 2, 1] is the lecture's
    XOR net, [2, 10, 10, 10, 1] its deep one.

Forward, for the whole batch
    A₀ = X;  Aₗ = g(Aₗ₋₁·Wₗ + bₗ), with g the hidden activation (sigmoid or ReLU), and the sigmoid
    on the last layer, whose output H is the probability of class 1.

The loss and its gradient
    Binary cross-entropy, as the lecture's code (kata 6): E = −mean(T·log H + (1 − T)·log(1 − H)).
    With a sigmoid output, the error at the output's net input is simply δ_L = (H − T)/n (n the
    number of samples: the mean). That is exact for the formula above. bce below adds ε = 10⁻⁷
    inside the logs to avoid log 0; the difference this makes is negligible unless an output is
    within about 10⁻⁷ of the wrong answer. The deep ReLU network below is that close at seed 0
    (its two samples with T = 0 get H within 6·10⁻⁹ of 1), and there the two gradients differ
    widely: the checks accept both, and this lesson's numbers are those of δ_L = (H − T)/n. Then,
    layer by layer back towards the input (kata 9):

        ∂E/∂Wₗ = Aₗ₋₁ᵀ·δₗ        ∂E/∂bₗ = Σ_rows δₗ        δₗ₋₁ = (δₗ·Wₗᵀ) ⊙ g'(Aₗ₋₁)

    where g' is A(1 − A) for the sigmoid and 1 where A > 0, else 0, for ReLU. One step of
    gradient descent per epoch moves every W and b by −η times its gradient.

Why the deep sigmoid network learns slowly: the vanishing gradient
    The lecture (000) trains a 2-10-10-10-1 sigmoid network (η = 0.1, 3000 epochs) and logs it to
    TensorBoard: the loss, and histograms of every W, b and layer output. It logs no gradients.
    The short notes (004) name the problem in one line:
        "vanishing gradient : gradient가 소실, 즉 0에 가까워져서 전달받을 네트워가크 없는 상태"
    (the gradient vanishes: it comes close to 0, and nothing is passed back). Here we measure it.

    Going back one layer multiplies the error by Wᵀ and by σ' ≤ ¼ (kata 10). Weights larger than
    1 can make up for the ¼, so the gradient need not shrink; at a random start it usually does.
    The layers have different numbers of weights (20, 100, 100, 10), so compare the size of one
    entry, ‖∂E/∂Wₗ‖/√(number of entries). At epoch 0, for each of the seeds 0 to 9, an entry of
    the first layer's gradient is between about 1/75 and 1/3 the size of an entry of the last
    layer's (seed 0: about 1/17).

    The layers near the input move little, and the network learns slowly. Count the epochs until
    all four answers are right, with η = 0.1: with sigmoid hidden layers it takes 766 to 2270
    epochs for nine of the ten seeds, and seed 1 is still not there after 3000 (the green result
    counts them with FULL=1, as they take a few seconds). With ReLU hidden
    layers (slope 1 wherever a unit is on, kata 10) it takes 2 to 23 epochs, and at every seed the
    first layer gets a larger share of the gradient than with sigmoids.

    Two cautions. First, the shrinking is a fact about the start, not about all of training: for
    seed 0 the first layer's entries are the larger ones at epochs 250 to 1000. Second, part of
    ReLU's speed comes from the scale of the start. Sigmoid outputs stay between 0 and 1; ReLU
    outputs have no upper bound, and with weights drawn from N(0, 1) they grow from layer to layer
    (seed 0: typical sizes √mean(A²) of about 0.5, 2.4 and 4.5), and the gradients grow with them
    (seed 0: an entry of the first layer's gradient is about 0.01 with sigmoids, 2.8 with ReLU).
    Frameworks usually scale the random start to each layer's width; this kata keeps the
    lecture's tf.random.normal.

Given
    init_params(sizes, seed) draws every W and b from a standard normal distribution with numpy's
    seeded generator, as tf.random.normal does: the same seed gives the same start, so every run
    and every test is reproducible. bce(H, T) is kata 6's cross-entropy.

What to implement
    forward(X, params, hidden="sigmoid")       → [A₀, A₁, …, H], the activations of every layer
    backward(activations, T, params, hidden="sigmoid")   → [(dW₁, db₁), …], one pair per layer
    accuracy(H, T)                             the fraction of rows where (H > 0.5) equals T
    train(X, T, sizes, lr, epochs, hidden="sigmoid", seed=0, log_every=None) → (params, log)
        full-batch gradient descent from init_params(sizes, seed). log holds, for epoch 0 and every
        log_every-th epoch after it, (epoch, loss, [‖dW₁‖, …]) computed before that epoch's
        update, ‖dW‖ being the Frobenius norm √(Σ dW²) (np.linalg.norm); it is empty without
        log_every.
"""

# %%
import os

import numpy as np

X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
T = np.array([[0], [1], [1], [0]], dtype=float)


def init_params(sizes, seed=0):
    """[(W₁, b₁), …] for layer sizes like [2, 2, 1], every entry from a standard normal. Given."""
    rng = np.random.default_rng(seed)
    return [(rng.normal(size=(n_in, n_out)), rng.normal(size=n_out)) for n_in, n_out in zip(sizes, sizes[1:])]


def bce(H, T, eps=1e-7):
    """Binary cross-entropy, −mean(T·log(H + ε) + (1 − T)·log(1 − H + ε)) (kata 6). Given."""
    return float(-np.mean(T * np.log(H + eps) + (1 - T) * np.log(1 - H + eps)))


def _sigmoid(z):
    small = np.exp(-np.abs(z))  # kata 5's stable form
    return np.where(z >= 0, 1 / (1 + small), small / (1 + small))


# %%
def forward(X, params, hidden="sigmoid"):
    """The activations of every layer, input first: [X, A₁, …, H].

    Args:
        X: the batch, shape (samples, inputs).
        params: [(W, b), …] as init_params makes them.
        hidden: "sigmoid" or "relu" for the hidden layers; the last layer is always a sigmoid.

    >>> [a.shape for a in forward(X, init_params([2, 3, 1]))]
    [(4, 2), (4, 3), (4, 1)]
    """
    # BEGIN SOLUTION
    activations = [X]
    for layer, (W, b) in enumerate(params, start=1):
        z = activations[-1] @ W + b
        last = layer == len(params)
        activations.append(_sigmoid(z) if last or hidden == "sigmoid" else np.maximum(0.0, z))
    return activations
    # END SOLUTION


# %%
def backward(activations, T, params, hidden="sigmoid"):
    """The gradients of bce(H, T) for every layer, [(dW₁, db₁), …], from forward's activations.

    >>> grads = backward(forward(X, init_params([2, 2, 1])), T, init_params([2, 2, 1]))
    >>> [(dW.shape, db.shape) for dW, db in grads]
    [((2, 2), (2,)), ((2, 1), (1,))]
    """
    # BEGIN SOLUTION
    delta = (activations[-1] - T) / len(T)
    grads = []
    for layer in range(len(params), 0, -1):
        W, _ = params[layer - 1]
        grads.append((activations[layer - 1].T @ delta, delta.sum(axis=0)))
        if layer > 1:
            A = activations[layer - 1]
            slope = A * (1 - A) if hidden == "sigmoid" else (A > 0).astype(float)
            delta = (delta @ W.T) * slope
    return grads[::-1]
    # END SOLUTION


# %%
def accuracy(H, T):
    """The fraction of rows where the prediction H > 0.5 matches the target T.

    >>> accuracy(np.array([[0.1], [0.9], [0.6], [0.7]]), T)
    0.75
    """
    # BEGIN SOLUTION
    return float(np.mean((H > 0.5) == (T == 1)))
    # END SOLUTION


# %%
def train(X, T, sizes, lr, epochs, hidden="sigmoid", seed=0, log_every=None):
    """Full-batch gradient descent from init_params(sizes, seed).

    Returns:
        (params, log): the trained [(W, b), …], and [(epoch, loss, [‖dW₁‖, …]), …] for epoch 0
        and every log_every-th epoch, measured before that epoch's update; ‖dW‖ is the
        Frobenius norm √(Σ dW²), np.linalg.norm(dW).

    >>> params, log = train(X, T, [2, 2, 1], lr=1.0, epochs=3000)
    >>> accuracy(forward(X, params)[-1], T)
    1.0
    """
    # BEGIN SOLUTION
    params = init_params(sizes, seed)
    log = []
    for epoch in range(epochs):
        activations = forward(X, params, hidden)
        grads = backward(activations, T, params, hidden)
        if log_every and epoch % log_every == 0:
            log.append((epoch, bce(activations[-1], T), [float(np.linalg.norm(dW)) for dW, _ in grads]))
        params = [(W - lr * dW, b - lr * db) for (W, b), (dW, db) in zip(params, grads)]
    return params, log
    # END SOLUTION


# %% Helpers for the demo below (they use your functions)
def _per_entry(sizes, norms):
    """‖∂E/∂Wₗ‖/√(number of entries) for each layer: the size of one typical entry."""
    return [norm / np.sqrt(n_in * n_out) for norm, n_in, n_out in zip(norms, sizes, sizes[1:])]


def _epochs_to_learn(sizes, lr, limit, hidden="sigmoid", seed=0):
    """The first epoch at which train's network gets all four XOR answers right, or None within limit."""
    params = init_params(sizes, seed)
    for epoch in range(limit + 1):
        activations = forward(X, params, hidden)
        if accuracy(activations[-1], T) == 1.0:
            return epoch
        grads = backward(activations, T, params, hidden)
        params = [(W - lr * dW, b - lr * db) for (W, b), (dW, db) in zip(params, grads)]
    return None


# %% What you see when the kata is green
if __name__ == "__main__":
    from tabulate import tabulate

    params, log = train(X, T, [2, 2, 1], lr=1.0, epochs=3000, log_every=20)
    H = forward(X, params)[-1]
    print("The lecture's 2-2-1 network, full batch, from a random start (seed 0), η = 1.0"
          " (the lecture's code uses η = 0.1 and 10 000 epochs):")
    print(tabulate([(e, loss) for e, loss, _ in log if e % 500 == 0], headers=["epoch", "cross-entropy"],
                   floatfmt=".6f"))
    print(tabulate([(x, t[0], h[0]) for x, t, h in zip(X.astype(int), T.astype(int), H)],
                   headers=["x", "target", "H"], floatfmt=".4f"))
    print(f"accuracy {accuracy(H, T):.0%}")

    try:  # the runner has the repository on its path; a kata file run by itself has katas/
        from katas._runner.pictures import decision_regions, line_plot
    except ImportError:
        from _runner.pictures import decision_regions, line_plot
    print()
    print(line_plot({"cross-entropy": ([e for e, _, _ in log], [loss for _, loss, _ in log])}, log_y=True,
                    title="the 2-2-1 network's loss against the epoch (log scale)", height=8))
    print()
    print(decision_regions(lambda G: forward(G, params)[-1], X, T,
                           title="where the trained 2-2-1 network says 1 (H > 0.5)"))
    print("No single line splits XOR: each hidden neuron draws a line of its own, and the output neuron"
          "\ncombines their sides into the region above.")

    deep = [2, 10, 10, 10, 1]
    for hidden in ("sigmoid", "relu"):
        params, log = train(X, T, deep, lr=0.1, epochs=2001, hidden=hidden, log_every=250)
        print(f"\n2-10-10-10-1 with {hidden} hidden layers, η = 0.1, seed 0: the size of one entry of ∂E/∂Wₗ,"
              " ‖∂E/∂Wₗ‖/√(number of entries) (layer 1 is the input's)")
        print(tabulate([(e, loss, *_per_entry(deep, norms)) for e, loss, norms in log],
                       headers=["epoch", "loss", "layer 1", "layer 2", "layer 3", "layer 4"], floatfmt=".2e"))
        print(f"accuracy after 2001 epochs: {accuracy(forward(X, params, hidden)[-1], T):.0%}")

    start = init_params(deep, 0)
    print("\nAt the start (seed 0), the typical size √mean(A²) of each hidden layer's output:")
    print(tabulate([(hidden, *(float(np.sqrt(np.mean(A ** 2))) for A in forward(X, start, hidden)[1:-1]))
                    for hidden in ("sigmoid", "relu")], headers=["hidden", "layer 1", "layer 2", "layer 3"],
                   floatfmt=".2f"))

    # counting the sigmoid network's epochs for ten seeds takes seconds: only when asked (FULL=1)
    count_all = os.environ.get("KATA_FULL", "").strip().lower() in ("1", "yes", "y", "true", "on")
    print("\nTen random starts, η = 0.1. 'layer 1 / layer 4': an entry of the first layer's gradient over an"
          "\nentry of the last layer's, at epoch 0. 'epochs': until all four answers are right (— : not in 3000).")
    rows = []
    for seed in range(10):
        row = [seed]
        for hidden in ("sigmoid", "relu"):
            _, log = train(X, T, deep, lr=0.1, epochs=1, hidden=hidden, seed=seed, log_every=1)
            sizes = _per_entry(deep, log[0][2])
            epochs = _epochs_to_learn(deep, 0.1, 3000, hidden, seed) if count_all or hidden == "relu" else "…"
            row += [sizes[0] / sizes[-1], "—" if epochs is None else epochs]
        rows.append(row)
    print(tabulate(rows, headers=["seed", "sigmoid: layer 1 / layer 4", "epochs", "relu: layer 1 / layer 4",
                                  "epochs"], floatfmt=".3f"))
    if not count_all:
        print("(counting the sigmoid epochs takes a few seconds: make kata N=11 FULL=1 fills them in)")
