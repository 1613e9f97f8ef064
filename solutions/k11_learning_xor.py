# %% [markdown]
"""Kata 11 · Learning XOR from a random start

Terms (the glossary in README.md): 학습 training, 에포크 epoch, 은닉층 hidden layer, 교차 엔트로피 cross-entropy

The idea
    Kata 9 trained the book's network from the book's weights, one sample at a time. The lecture's
    TensorFlow programs do what real training does: start from random weights, and learn from the
    whole batch at once, as matrices ("행렬을 이용하면 동시에 여러 개의 예제를 동시에 학습"). Here
    they are in numpy, for a network of any depth: sizes = [2, 2, 1] is the lecture's XOR net,
    [2, 10, 10, 10, 1] its deep one.

Forward, for the whole batch
    A₀ = X;  Aₗ = g(Aₗ₋₁·Wₗ + bₗ), with g the hidden activation (sigmoid or ReLU), and the sigmoid
    on the last layer, whose output H is the probability of class 1.

The loss and its gradient
    Binary cross-entropy, as the lecture's code (kata 6): E = −mean(T·log H + (1 − T)·log(1 − H)).
    With a sigmoid output, the error at the output's net input is simply δ_L = (H − T)/n (n the
    number of samples: the mean). Then, layer by layer back towards the input (kata 9):

        ∂E/∂Wₗ = Aₗ₋₁ᵀ·δₗ        ∂E/∂bₗ = Σ_rows δₗ        δₗ₋₁ = (δₗ·Wₗᵀ) ⊙ g'(Aₗ₋₁)

    where g' is A(1 − A) for the sigmoid and 1 where A > 0, else 0, for ReLU. One step of
    gradient descent per epoch moves every W and b by −η times its gradient.

What the lecture's TensorBoard shows: the vanishing gradient
    Log each layer's gradient size ‖∂E/∂Wₗ‖ as training goes. In the 2-10-10-10-1 sigmoid
    network the gradient shrinks layer by layer toward the input (σ' ≤ 0.25 at every layer,
    kata 10): with seed 0, 0.046 at the first layer against 0.55 at the last, and after 2000
    epochs it still gets XOR wrong. The same network with ReLU hidden layers passes the gradient
    back at full size and solves XOR well within those 2000 epochs (notes 004: "vanishing
    gradient", ReLU).

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


# %% What you see when the kata is green
if __name__ == "__main__":
    from tabulate import tabulate

    params, log = train(X, T, [2, 2, 1], lr=1.0, epochs=3000, log_every=500)
    H = forward(X, params)[-1]
    print("The lecture's 2-2-1 network, full batch, η = 1.0, from a random start (seed 0):")
    print(tabulate([(e, loss) for e, loss, _ in log], headers=["epoch", "cross-entropy"], floatfmt=".6f"))
    print(tabulate([(x, t[0], h[0]) for x, t, h in zip(X.astype(int), T.astype(int), H)],
                   headers=["x", "target", "H"], floatfmt=".4f"))
    print(f"accuracy {accuracy(H, T):.0%}")

    for hidden in ("sigmoid", "relu"):
        params, log = train(X, T, [2, 10, 10, 10, 1], lr=0.1, epochs=2001, hidden=hidden, log_every=250)
        print(f"\n2-10-10-10-1 with {hidden} hidden layers, η = 0.1: each layer's ‖∂E/∂W‖ (layer 1 is the input's)")
        print(tabulate([(e, loss, *norms) for e, loss, norms in log],
                       headers=["epoch", "loss", "layer 1", "layer 2", "layer 3", "layer 4"], floatfmt=".2e"))
        print(f"accuracy after 2001 epochs: {accuracy(forward(X, params, hidden)[-1], T):.0%}")
