"""The one list of katas, in syllabus order: number, module, title and hints.

`make kata`, `make list`, the hints and the self-check all read this table. A new kata is one
entry here, its reference in solutions/, its generated stub and its test module in katas/.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Kata:
    number: int
    module: str
    title: str
    hints: tuple

    @property
    def file(self):
        """The learner's file, relative to the repository root."""
        return f"katas/{self.module}.py"

    @property
    def test_file(self):
        return f"katas/test_{self.module}.py"

    @property
    def solution_file(self):
        return f"solutions/{self.module}.py"


KATAS = (
    Kata(
        1,
        "k01_numeric_derivative",
        "Numeric derivative",
        hints=(
            "Translate the lesson's formula literally: f(x + dx) − f(x), divided by dx. "
            "Use the dx you are given, not 0.01 written out.",
            "The central difference evaluates f on both sides, f(x + dx) and f(x − dx), and "
            "the two points are 2·dx apart.",
            "Check dx before dividing: math.isfinite(dx) is False for inf and nan, and dx == 0 "
            "catches zero. Raise ValueError with a message that says what dx was.",
        ),
    ),
    Kata(
        2,
        "k02_partial_derivatives",
        "Partial derivatives",
        hints=(
            "Make a float copy of the point (np.array(point, dtype=float)), add dx to coordinate i of "
            "the copy only, and take the forward difference f(*nudged) − f(*point), over dx.",
            "Check i against the number of coordinates before you index: 0 ≤ i < len(point), else "
            "IndexError. Check dx as in kata 1.",
            "gradient is one partial_derivative per coordinate, gathered into np.array([...]).",
        ),
    ),
    Kata(
        3,
        "k03_chain_rule",
        "Chain rule on a computational graph",
        hints=(
            "Mul.forward stores both inputs on self; backward returns the other input times d_out for "
            "each: (d_out·y, d_out·x). Add passes d_out straight through to both inputs.",
            "Sigmoid.forward stores its output h; backward returns d_out·h·(1 − h). Use h, not z.",
            "linear: g = mul.forward(w, x), f = add.forward(g, b); then backward in reverse order, "
            "starting from d_out = 1: dg, db = add.backward(1.0); dw, dx = mul.backward(dg). "
            "square: feed x to both inputs of one Mul and add the two gradients it returns.",
        ),
    ),
    Kata(
        4,
        "k04_gate_perceptrons",
        "Gate perceptrons",
        hints=(
            "step: compare with the threshold, np.asarray(z) > THRESHOLD, then turn the booleans into "
            "ints; a 0-dimensional result (from a plain number) becomes int(...).",
            "perceptron is step(np.dot(x, w) + b); np.dot handles one sample and a batch alike. Each gate "
            "is one call with the weights from the lesson. layer checks X.shape[-1] against W.shape[0].",
            "train_perceptron: w = np.zeros(n), b = 0.0; for each epoch, for each (x, t): error = t − "
            "perceptron(x, w, b); w += lr·error·x; b += lr·error; count the mistakes and return as soon "
            "as an epoch has none.",
        ),
    ),
    Kata(
        5,
        "k05_xor_forward",
        "XOR forward pass",
        hints=(
            "sigmoid: small = np.exp(-np.abs(z)) never overflows; use np.where(z >= 0, 1/(1 + small), "
            "small/(1 + small)), and return float(out) when the input was a plain number.",
            "xor_network: y1 = logistic_unit(x, [5, 5], −8), y2 = logistic_unit(x, [−7, −7], 3); NN3 takes "
            "(y1, y2), rounded with np.round only when rounded=True, but y1 and y2 are returned as they are.",
            "xor_forward is two lines: K = sigmoid(X @ W1 + B1), then sigmoid(K @ W2 + B2). For your own "
            "weights, think OR and NAND in the hidden layer and AND at the output, with large weights.",
        ),
    ),
    Kata(
        6,
        "k06_loss_functions",
        "Loss functions: MSE and binary cross-entropy",
        hints=(
            "Start each function with y, t = _same_shape(y, t, (\"y\", \"t\")): both become float arrays "
            "and different shapes raise the ValueError for you.",
            "mse is 0.5 * np.sum((y - t) ** 2), returned as float(...); mean_squared_error uses np.mean and "
            "no ½; mse_grad is just y − t.",
            "Cross-entropy: -np.mean(t * np.log(h + eps) + (1 - t) * np.log(1 - h + eps)). Mind the minus "
            "sign and the mean.",
        ),
    ),
    Kata(
        7,
        "k07_gradient_descent",
        "Gradient descent",
        hints=(
            "The loop body is one line, x = x - lr * grad(x), then history.append(x). history starts as "
            "[x0] (a float copy for a number, np.array(x0, dtype=float) for a vector).",
            "Write x = x − …, not x -= …: the in-place form changes x0 and every entry of history that is the "
            "same array.",
            "For precision, compare the step's length np.linalg.norm(new − x) with it after taking the step, "
            "and break out of the loop when it is smaller. Check lr > 0 and steps ≥ 1 first.",
        ),
    ),
    Kata(
        8,
        "k08_mlp_forward",
        "MLP forward pass (mlp1)",
        hints=(
            "actf is one line: 1 / (1 + np.exp(-x)). predict is two layers of the same pattern: "
            "layer1 = actf(layer0 @ W1 + B1), then layer2 = actf(layer1 @ W2 + B2).",
            "Column j of W1 holds the weights into hidden unit j, so x·W1 (not x·W1ᵀ) gives [z1, z2]. "
            "The bias is added before the sigmoid.",
            "For the shape check compare W1.shape[0] with x.shape[-1], B1.shape with (W1.shape[1],), "
            "W2.shape[0] with W1.shape[1] and B2.shape with (W2.shape[1],); name every shape in the message.",
        ),
    ),
    Kata(
        9,
        "k09_mlp_backprop",
        "MLP backpropagation (mlp2)",
        hints=(
            "backprop: A1, A2 = forward(x, W1, B1, W2, B2); delta2 = (A2 − t)·actf_deriv(A2); delta1 = "
            "(delta2 @ W2.T)·actf_deriv(A1). The gradients are x.T @ delta1, delta1.sum(axis=0), "
            "A1.T @ delta2, delta2.sum(axis=0).",
            "train_step computes all four gradients first, then returns tuple(p − lr·g for p, g in zip(params, "
            "grads)): new arrays, so the caller's stay as they were. fit loops epochs, then samples in order, "
            "each reshaped to one row.",
            "fit_by_hand mirrors numpy's order exactly: a1 = σ(x1·w1 + x2·w3 + b1), …, delta_y = (y − t)·(y·(1 − y)), "
            "delta_1 = (delta_y·w5)·(a1·(1 − a1)); compute both hidden deltas before changing w5 and w6.",
        ),
    ),
)


def find(number):
    """The kata with this number, or None."""
    return next((kata for kata in KATAS if kata.number == number), None)
