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
            "Translate the lesson's formula word for word: the value of f one step ahead, minus the value"
            ' here, divided by the step. Use the step you are given, not 0.01 written out.',
            'The central difference looks one step ahead and one step behind; those two points are two '
            'steps apart, and that distance is what you divide by.',
            'Check the step before you divide by it: zero is no step at all, and infinity or NaN are not '
            'numbers you can step by. The math module can tell whether a number is finite.',
        ),
    ),
    Kata(
        2,
        "k02_partial_derivatives",
        "Partial derivatives",
        hints=(
            "A partial derivative is kata 1's forward difference along one axis: move coordinate i alone "
            'and leave every other coordinate where it was.',
            "Work on a float copy of the point, so that the caller's point never moves and a step of 0.01"
            ' is not rounded away in an array of integers.',
            'Check that i names a coordinate, and the step as in kata 1, before computing. The gradient '
            'is simply every partial derivative, gathered into one array.',
        ),
    ),
    Kata(
        3,
        "k03_chain_rule",
        "Chain rule on a computational graph",
        hints=(
            'Each node needs only its own local derivatives. For a product, the derivative with respect '
            'to one input is the other input; for a sum, it is 1.',
            'backward multiplies each local derivative by d_out, the gradient arriving from above. '
            'forward must keep whatever backward will need, on the node itself.',
            "Wire the graph forward in the lesson's order, then call backward in the reverse order, "
            'starting from 1 at the output. A value that feeds a node twice collects the sum of both '
            'gradients.',
        ),
    ),
    Kata(
        4,
        "k04_gate_perceptrons",
        "Gate perceptrons",
        hints=(
            "The step compares with the course's tiny threshold, not with 0, and answers with whole "
            'numbers 0 or 1, for a single number and for an array alike.',
            'A perceptron is the step of a weighted sum plus bias; each gate is a perceptron with the '
            "weights from the lesson. A layer's shapes fit when X has as many columns as W has rows.",
            'The learning rule starts at zero and visits the samples in order, nudging by the error only '
            'when it is wrong; it has converged after a pass with no mistake, and gives up after the '
            'given number of passes.',
        ),
    ),
    Kata(
        5,
        "k05_xor_forward",
        "XOR forward pass",
        hints=(
            'Write the sigmoid through e to the minus |z|, which can never overflow, and pick the right '
            'form for positive and negative z.',
            "Each of the three units is a logistic unit with the lecture's weights; the third one reads "
            'the first two. Only the rounded path rounds, and only on the way into the third unit.',
            'The vectorised network is two matrix products, each followed by the sigmoid. For your own '
            'weights, think of two hidden units that behave like OR and NAND, an output that behaves like'
            ' AND, and large weights for a clear margin.',
        ),
    ),
    Kata(
        6,
        "k06_loss_functions",
        "Loss functions: MSE and binary cross-entropy",
        hints=(
            'Start every function with the given _same_shape helper: it turns lists into arrays and '
            'raises the ValueError that names both shapes.',
            "The course's loss has a half in front of a sum of squares; the Keras one has no half and "
            "averages. The gradient of the course's loss is just the difference.",
            'Cross-entropy is minus the average of two log terms, one for targets equal to 1 and one for '
            'targets equal to 0, each with eps added inside the log.',
        ),
    ),
    Kata(
        7,
        "k07_gradient_descent",
        "Gradient descent",
        hints=(
            'Each step moves x against the gradient, scaled by the learning rate, and records the new x. '
            'The record starts with the starting point.',
            'Build a new x each step instead of changing the old one in place; otherwise the starting '
            'point and every recorded entry change with it.',
            'For the stopping rule, measure how long the step just taken was and stop after the first one'
            ' shorter than precision. Check the learning rate and the number of steps before you start.',
        ),
    ),
    Kata(
        8,
        "k08_mlp_forward",
        "MLP forward pass (mlp1)",
        hints=(
            'The sigmoid is the one from kata 5. The forward pass is the same pattern twice: a weighted '
            'sum plus bias, then the sigmoid.',
            'Column j of W1 holds the weights into hidden unit j, so the input multiplies W1 as it is, '
            'from the left. The bias is added before the sigmoid.',
            "Before computing, check that the shapes chain: the input's last dimension against W1's rows,"
            " B1 against W1's columns, W2's rows against W1's columns, and B2 against W2's columns.",
        ),
    ),
    Kata(
        9,
        "k09_mlp_backprop",
        "MLP backpropagation (mlp2)",
        hints=(
            "Run the forward pass first and keep both layers' outputs. The output delta is the error "
            "times the sigmoid's slope, and that slope is taken from the output, not from the net input.",
            'The hidden delta sends the output delta back through W2 (transposed) and multiplies by the '
            "hidden layer's slope. Each weight gradient is the layer's input (transposed) times the "
            'delta; each bias gradient sums the delta over the rows.',
            'Compute every gradient from the old weights before changing any of them, and hand back new '
            "arrays. By hand, follow the same steps for every sample: forward, the three deltas from the old "
            'weights, then the nine updates; the checks compare it with numpy up to rounding.',
        ),
    ),
    Kata(
        10,
        "k10_activation_functions",
        "Activation functions and their derivatives",
        hints=(
            "Each function is one expression applied to the whole array; a choice between two"
            " formulas by the sign of x is a job for numpy's where. Each derivative follows the lesson's table.",
            "Write the sigmoid's slope through the sigmoid itself. For the kinks, follow the lesson's"
            " conventions: strictly greater than 0 decides which side the point zero falls on.",
            "To avoid overflow, never let exp see a large positive number, not even in a branch that"
            " where later discards: clip its argument to the side you need. For maxout, the winning piece"
            " is the column with the largest value; its weights are the gradient.",
        ),
    ),
    Kata(
        11,
        "k11_learning_xor",
        "Learning XOR from a random start",
        hints=(
            "forward is a loop over the layers that keeps every activation; only the last layer is"
            " always a sigmoid. backward walks the same layers in reverse.",
            "With a sigmoid output and the cross-entropy, the output delta is simply the difference"
            " between H and T, divided by the number of samples. Each earlier delta sends the later one back"
            " through the weights (transposed) and multiplies by the slope of that layer's activation.",
            "In train, compute the activations and every gradient first, log them when the epoch is a"
            " multiple of log_every, and only then move every parameter. Start from the given init_params.",
        ),
    ),
    Kata(
        12,
        "k12_linear_collapse",
        "A layer is a matrix product; linear layers collapse",
        hints=(
            "A layer is one matrix product plus the bias row; check that the shapes fit before"
            " multiplying. Appending a column or a row is numpy's hstack or vstack.",
            "Collapse two layers on paper first: put the first layer's output into the second and"
            " gather what multiplies X and what does not.",
            "Fold the layers one at a time: the running W is multiplied by the next W, and the running"
            " b also passes through the next W before the next b is added. Use only the matrix product and"
            " plus, so that sympy matrices work too.",
        ),
    ),
    Kata(
        13,
        "k13_epochs_and_batches",
        "Epochs, batches and iterations",
        hints=(
            "A short last batch is still an update: round the division up, not down. For the batches,"
            " cut one list of indices into consecutive slices; with a seed, put the indices in a random"
            " order first, each exactly once (a permutation, not draws with replacement).",
            "Each layer has one weight per pair of an input and a unit, and one bias per unit. Keras's"
            " mse is a mean over every entry of y, without the ½; its derivative keeps the 2 of the square"
            " and divides by that count.",
            "Cast the input and every weight and bias to the given dtype before the first product, so that"
            " float32 stays float32 all the way. A training step is kata 9's delta rule with that gradient at"
            " the output; an epoch is one step per minibatch, and a seed makes one generator for the whole run.",
        ),
    ),
)


def find(number):
    """The kata with this number, or None."""
    return next((kata for kata in KATAS if kata.number == number), None)
