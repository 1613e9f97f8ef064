# %% [markdown]
"""Kata 8 · MLP forward pass (mlp1)

Terms (the glossary in README.md): 다층 퍼셉트론 multilayer perceptron, 순전파 forward pass, 출력층 output layer

The idea
    A multilayer perceptron passes its input forward, layer by layer: each layer takes a weighted
    sum of the layer before and squashes it with the activation function: the forward pass (순전파;
    the textbook says 순방향 패스). The textbook's network has 2 inputs, 2 hidden units and 1 output,
    with the sigmoid everywhere:

        x1 ──w1──► h1 ──w5──►
           ╲w2  ╱w3           y
        x2 ──w4──► h2 ──w6──►
        (biases b1, b2 on the hidden units, b3 on the output)

By hand, for the input (0, 0) (textbook 6, "MLP의 순방향 패스")
    z1 = w1·x1 + w3·x2 + b1 = 0.1·0 + 0.3·0 + 0.1 = 0.1        a1 = σ(0.1) = 0.524979
    z2 = w2·x1 + w4·x2 + b2 = 0.2                              a2 = σ(0.2) = 0.549834
    z_y = w5·a1 + w6·a2 + b3 = 0.5·0.524979 + 0.6·0.549834 + 0.3 = 0.892389
    y = σ(0.892389) = 0.709383          the target is 0: the untrained network is far off

    These are the book's numbers, six decimals each, but not all made the same way: z_y =
    0.8923899… is cut to 0.892389 (the digits after the sixth dropped), while a2 = 0.5498339… is
    rounded to 0.549834. Kata 9 lists every number of the book's example that is cut.

As matrices
    Column j of W1 holds the weights into hidden unit j, so W1 = [[w1, w2], [w3, w4]]:

        Z1 = X·W1 + B1      A1 = σ(Z1)         X: (samples, 2)   W1: (2, 2)   B1: (2,)
        Z2 = A1·W2 + B2     A2 = σ(Z2)         W2: (2, 1)        B2: (1,)

    with W1 = [[0.10, 0.20], [0.30, 0.40]], B1 = [0.1, 0.2], W2 = [[0.50], [0.60]], B2 = [0.3].
    One row or all four XOR inputs at once: the same arithmetic, row by row. Before any training
    mlp1.py prints 0.70938314, 0.72844306, 0.71791234, 0.73598705 for (0,0), (0,1), (1,0), (1,1):
    near 0.7 for every input, the network knows nothing yet.

In float64, and σ as the course writes it
    The weights are float64 arrays, and every layer stays float64: mlp1.py prints its outputs
    with 8 decimals, more than float32's 7 or so significant digits can hold. Write σ as
    1 / (1 + e⁻ˣ): for a large x, e⁻ˣ goes to 0 and σ to 1.0, while eˣ / (1 + eˣ), the same
    function on paper, gives inf/inf = nan once eˣ overflows (x above about 709). (For a large
    negative x it is e⁻ˣ that overflows: numpy warns and still returns 0.0; kata 5's stable σ
    avoids the warning too.)

What to implement
    actf(x)                          the sigmoid σ(x) = 1 / (1 + e⁻ˣ), elementwise (the course's name)
    predict(x, W1, B1, W2, B2)       → (layer0, layer1, layer2) as mlp1.py returns them: the input,
                                     the hidden activations A1 and the output A2, float64 arrays.
                                     x is one sample of shape (2,) or a batch (samples, 2). Shapes
                                     that do not chain are a ValueError naming them, and so is a
                                     bias not of its layer's width, B1 (hidden,) and B2 (outputs,),
                                     even one numpy would broadcast without a word (a B1 of (1,)).
"""

# %%
import numpy as np

# The textbook's network before training (mlp1.py), and the XOR training set.
W1 = np.array([[0.10, 0.20], [0.30, 0.40]])
B1 = np.array([0.1, 0.2])
W2 = np.array([[0.50], [0.60]])
B2 = np.array([0.3])
X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
T = np.array([[0], [1], [1], [0]])


def actf(x):
    """The sigmoid, σ(x) = 1 / (1 + e⁻ˣ), elementwise.

    A float64 array for a float64 x; 1.0, not nan, for a large x (800, say).

    >>> actf(np.array([0.0, 0.1]))
    array([0.5       , 0.52497919])
    """
    raise NotImplementedError("kata 8 · actf() is not written yet — edit katas/k08_mlp_forward.py")


# %%
def predict(x, W1, B1, W2, B2):
    """The forward pass: layer1 = σ(x·W1 + B1), layer2 = σ(layer1·W2 + B2).

    Args:
        x: one sample, shape (inputs,), or a batch, shape (samples, inputs).
        W1: (inputs, hidden); B1: (hidden,); W2: (hidden, outputs); B2: (outputs,).

    Returns:
        (layer0, layer1, layer2): x itself, the hidden activations of shape (…, hidden) and
        the outputs of shape (…, outputs), both float64.

    Raises:
        ValueError: naming the shapes, when they do not chain, or when B1 is not of shape (hidden,)
            or B2 not of shape (outputs,) (numpy would broadcast a B1 of shape (1,) silently).

    >>> _, layer1, layer2 = predict(X, W1, B1, W2, B2)
    >>> layer2.ravel()
    array([0.70938314, 0.72844306, 0.71791234, 0.73598705])
    """
    raise NotImplementedError("kata 8 · predict() is not written yet — edit katas/k08_mlp_forward.py")


# %% What you see when the kata is green
if __name__ == "__main__":
    from tabulate import tabulate

    _, (a1, a2), (y,) = predict(np.array([0, 0]), W1, B1, W2, B2)
    z_y = W2[0, 0] * a1 + W2[1, 0] * a2 + B2[0]
    print("The textbook's hand calculation for the input (0, 0):")
    print(tabulate([("a1 = σ(0.1)", a1, "0.524979"), ("a2 = σ(0.2)", a2, "0.549834"),
                    ("z_y = w5·a1 + w6·a2 + b3", z_y, "0.892389"), ("y = σ(z_y)", y, "0.709383")],
                   headers=["quantity", "ours", "the book"], floatfmt=".9f", disable_numparse=[2]))
    print("(The book cuts some numbers after six decimals and rounds others: z_y = 0.8923899… is cut to 0.892389,"
          "\n a2 = 0.5498339… is rounded to 0.549834.)")
    _, hidden, out = predict(X, W1, B1, W2, B2)
    print("\nmlp1.py, all four inputs at once (one batch):")
    print(tabulate([(x, t[0], h, o[0]) for x, t, h, o in zip(X, T, hidden.round(6), out)],
                   headers=["x", "target", "hidden (a1, a2)", "output"], floatfmt=".8f"))
