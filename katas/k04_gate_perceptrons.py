# %% [markdown]
"""Kata 4 · Gate perceptrons

Terms (the glossary in README.md): 퍼셉트론 perceptron, 가중치 weight, 편향 bias, 활성화 함수 activation function, 계단 함수 step function

The idea
    A neuron weighs its inputs, adds a bias and fires when the sum passes a threshold:

        z = w·x + b = w₁x₁ + w₂x₂ + b        y = step(z) = 1 if z > 0 else 0

    With the right w and b one neuron computes a logic gate. This kata picks them by hand:

        AND   w = (0.5, 0.5),   b = −0.7       fires only for (1, 1): 0.5 + 0.5 − 0.7 = 0.3
        OR    w = (0.5, 0.5),   b = −0.2       fires unless both are 0
        NAND  w = (−0.5, −0.5), b = 0.7        AND with every sign flipped

    These weights are not from the course. They are the ones in Saito Koki's deep learning book
    (『밑바닥부터 시작하는 딥러닝』, chapter 2); any w and b whose line separates the right corners
    would do. The slides (002, "AND 게이트 구현") do not pick weights: they train AND with Keras,
    one sigmoid unit, and get w ≈ (3.72, 3.72), b ≈ −5.68 (printed as 3.7209592, 3.723007 and
    −5.6813374). Put through this kata's step, those weights compute AND too (the demo shows it).
    The slides leave OR as an exercise ("여러분이 직접 해 보세요."), and NAND does not appear in
    the course.

Why the course's step uses z > 0.000001
    The textbook's step is `if x > 0.000001: return 1  # 부동 소수점 오차 방지` (against float
    error). Sums that are 0 on paper are often a hair off in floating point: 0.1 + 0.2 − 0.3 is
    5.551115123125783e-17, and a plain z > 0 would fire on it. The tiny threshold treats such
    crumbs as the 0 they stand for.

A layer is a matrix product
    Several neurons side by side take the same inputs; stack their weight vectors as the columns
    of W and one product gives every weighted sum: x·W = h. The course's examples:

        (1 2)·[[1, 2, 3], [4, 5, 6]] = (9 12 15)
        a batch of 4 samples, one per row:
        [[6, 5], [4, 7], [5, 6], [6, 7]]·W = [[26, 37, 48], [32, 43, 54], [29, 40, 51], [34, 47, 60]]

    Shapes must agree: (samples × inputs)·(inputs × neurons) = (samples × neurons). (The slides'
    example of a long input is an MNIST digit image of 28×28 pixels, so 784 inputs; they print
    "786(28×28)", a slip.)

Learning the weights
    Rosenblatt's rule learns w and b from examples. Start from w = 0, b = 0; visit the samples
    in order; for each, predict y = step(x·w + b), and nudge by the error t − y:

        w ← w + η·(t − y)·x        b ← b + η·(t − y)

    A right answer changes nothing. When a whole pass (an epoch) makes no mistake, it has
    converged. With η = 0.1 it learns AND in 6 epochs and OR in 4.

XOR
    XOR (1 for (0, 1) and (1, 0) only) defeats a single perceptron: no straight line puts (0, 1)
    and (1, 0) on one side and (0, 0) and (1, 1) on the other. The slides (002, "XOR 문제") credit
    the proof to Minsky and Papert ("마빈 민스키와 시모어 페퍼트가 증명", in their 1969 book
    Perceptrons) and call it "첫 AI 겨울의 계기", what set off the first AI winter: years in the
    1970s when money and interest for AI research dried up (it had other causes too). Under
    "XOR 문제" the slides show three truth tables without titles; the first (0 0 → 0, 0 1 → 1,
    1 0 → 1, 1 1 → 1) is OR's, not XOR's, and the third is XOR's.

    You will see it twice: the learning rule never converges, and a search over a grid of lines
    finds none. Two layers do it: XOR(x₁, x₂) = AND(NAND(x₁, x₂), OR(x₁, x₂)) (again Saito's
    construction; the lecture's XOR uses three sigmoid units with its own weights, kata 5).

What to implement
    step(z)                      1 where z > 0.000001, else 0; a scalar or an array
    perceptron(x, w, b)          step(x·w + b), for one sample or a batch (one per row)
    and_gate, or_gate, nand_gate each (x1, x2) → 0 or 1, a perceptron with the weights above
    xor_from_gates(x1, x2)       XOR from the three gates
    truth_table(gate)            [(x1, x2, gate(x1, x2)), …] for the four inputs, in order
    layer(X, W)                  X·W, with a ValueError naming both shapes when they do not fit
    train_perceptron(X, y, lr, epochs)    the learning rule → (w, b, converged)
    find_separating_line(X, y, grid)      the first (w, b) on the grid that classifies every
                                          sample right, or None
"""

# %%
import itertools

import numpy as np

THRESHOLD = 0.000001  # the course's step: fire only above this, not on float crumbs


def step(z):
    """1 where z > 0.000001, else 0.

    Args:
        z: a number or an array of numbers.

    Returns:
        An int for a number; an int array of z's shape for an array.

    >>> step(0.3), step(0.1 + 0.2 - 0.3)
    (1, 0)
    >>> step(np.array([-1.0, 0.0, 2.0]))
    array([0, 0, 1])
    """
    raise NotImplementedError("kata 4 · step() is not written yet — edit katas/k04_gate_perceptrons.py")


# %%
def perceptron(x, w, b):
    """y = step(x·w + b).

    Args:
        x: one sample, shape (n,), or a batch, shape (samples, n).
        w: the weights, shape (n,).
        b: the bias, a number.

    Returns:
        0 or 1 for one sample; an int array of shape (samples,) for a batch.

    >>> perceptron(np.array([1, 1]), np.array([0.5, 0.5]), -0.7)
    1
    """
    raise NotImplementedError("kata 4 · perceptron() is not written yet — edit katas/k04_gate_perceptrons.py")


# %%
def and_gate(x1, x2):
    """AND as a perceptron: w = (0.5, 0.5), b = −0.7.

    >>> and_gate(1, 1), and_gate(1, 0)
    (1, 0)
    """
    raise NotImplementedError("kata 4 · and_gate() is not written yet — edit katas/k04_gate_perceptrons.py")


def or_gate(x1, x2):
    """OR as a perceptron: w = (0.5, 0.5), b = −0.2.

    >>> or_gate(0, 1), or_gate(0, 0)
    (1, 0)
    """
    raise NotImplementedError("kata 4 · or_gate() is not written yet — edit katas/k04_gate_perceptrons.py")


def nand_gate(x1, x2):
    """NAND as a perceptron: w = (−0.5, −0.5), b = 0.7.

    >>> nand_gate(1, 1), nand_gate(0, 1)
    (0, 1)
    """
    raise NotImplementedError("kata 4 · nand_gate() is not written yet — edit katas/k04_gate_perceptrons.py")


# %%
def xor_from_gates(x1, x2):
    """XOR(x1, x2) = AND(NAND(x1, x2), OR(x1, x2)): two layers of perceptrons.

    >>> [xor_from_gates(a, b) for a, b in [(0, 0), (0, 1), (1, 0), (1, 1)]]
    [0, 1, 1, 0]
    """
    raise NotImplementedError("kata 4 · xor_from_gates() is not written yet — edit katas/k04_gate_perceptrons.py")


def truth_table(gate):
    """The gate's rows [(x1, x2, gate(x1, x2)), …] for (0, 0), (0, 1), (1, 0), (1, 1), in that order.

    >>> truth_table(and_gate)
    [(0, 0, 0), (0, 1, 0), (1, 0, 0), (1, 1, 1)]
    """
    raise NotImplementedError("kata 4 · truth_table() is not written yet — edit katas/k04_gate_perceptrons.py")


# %%
def layer(X, W):
    """Every neuron's weighted sum at once: X·W.

    Args:
        X: shape (n,) for one sample or (samples, n) for a batch.
        W: shape (n, neurons): one column per neuron.

    Returns:
        Shape (neurons,) or (samples, neurons).

    Raises:
        ValueError: naming both shapes, when X's last dimension is not W's first.

    >>> layer(np.array([1, 2]), np.array([[1, 2, 3], [4, 5, 6]]))
    array([ 9, 12, 15])
    """
    raise NotImplementedError("kata 4 · layer() is not written yet — edit katas/k04_gate_perceptrons.py")


# %%
def train_perceptron(X, y, lr, epochs):
    """Rosenblatt's rule from w = 0, b = 0, samples in order: w ← w + η(t − y)x, b ← b + η(t − y).

    Args:
        X: samples, shape (samples, n).
        y: targets 0 or 1, shape (samples,).
        lr: the learning rate η.
        epochs: the most passes over the data; stop after the first pass without a mistake.

    Returns:
        (w, b, converged): float weights of shape (n,), a float bias, and whether a pass
        made no mistake.

    >>> X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
    >>> w, b, converged = train_perceptron(X, np.array([0, 0, 0, 1]), lr=0.1, epochs=20)
    >>> perceptron(X, w, b), converged
    (array([0, 0, 0, 1]), True)
    """
    raise NotImplementedError("kata 4 · train_perceptron() is not written yet — edit katas/k04_gate_perceptrons.py")


def find_separating_line(X, y, grid):
    """The first (w, b) with w₁, w₂, b all taken from grid (in itertools.product order) for which
    perceptron(X, w, b) equals y on every sample; None if no line on the grid separates them.

    >>> X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
    >>> find_separating_line(X, np.array([0, 1, 1, 0]), np.linspace(-1, 1, 21)) is None
    True
    """
    raise NotImplementedError("kata 4 · find_separating_line() is not written yet — edit katas/k04_gate_perceptrons.py")


# %% What you see when the kata is green
if __name__ == "__main__":
    from tabulate import tabulate

    def slides_and(x1, x2):  # the weights Keras learned for AND in the slides, through this kata's step
        return perceptron(np.array([x1, x2]), np.array([3.7209592, 3.723007]), -5.6813374)

    gates = {"AND": and_gate, "OR": or_gate, "NAND": nand_gate, "XOR = AND(NAND, OR)": xor_from_gates,
             "AND, the slides' w, b": slides_and}
    rows = [(x1, x2, *(gate(x1, x2) for gate in gates.values())) for x1, x2, _ in truth_table(and_gate)]
    print(tabulate(rows, headers=["x1", "x2", *gates]))

    print("\nA layer is a matrix product (the course's batch):")
    X = np.array([[6, 5], [4, 7], [5, 6], [6, 7]])
    print(tabulate(np.column_stack([X, layer(X, np.array([[1, 2, 3], [4, 5, 6]]))]),
                   headers=["x1", "x2", "h1", "h2", "h3"]))

    X4 = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
    grid = np.linspace(-1, 1, 21)
    print("\nThe learning rule (η = 0.1, at most 50 epochs) and a search over 21³ lines:")
    rows = []
    for name, target in [("AND", [0, 0, 0, 1]), ("OR", [0, 1, 1, 1]), ("XOR", [0, 1, 1, 0])]:
        w, b, converged = train_perceptron(X4, np.array(target), lr=0.1, epochs=50)
        line = find_separating_line(X4, np.array(target), grid)
        rows.append((name, converged, np.round(w, 2), round(b, 2), "none" if line is None else "found"))
    print(tabulate(rows, headers=["gate", "converged", "w", "b", "separating line"]))

    try:  # the runner has the repository on its path; a kata file run by itself has katas/
        from katas._runner.pictures import decision_regions
    except ImportError:
        from _runner.pictures import decision_regions
    xor = np.array([0, 1, 1, 0])
    w, b, _ = train_perceptron(X4, xor, lr=0.1, epochs=50)
    right = int(np.sum(perceptron(X4, w, b) == xor))
    print()
    print(decision_regions(lambda G: perceptron(G, w, b), X4, xor,
                           title=f"one perceptron after 50 epochs on XOR: {right} of 4 right"))
    print("A perceptron says 1 on one side of a straight line. No line has both targets 1 on one side and"
          "\nboth targets 0 on the other, so at least one of the four is always wrong.")
    print()
    print(decision_regions(lambda G: [xor_from_gates(x1, x2) for x1, x2 in G], X4, xor,
                           title="XOR = AND(NAND, OR): two layers carve a band"))
