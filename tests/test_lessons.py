"""Every number a lesson states about its own demo, checked against the reference's functions.

The demos print these numbers; the lessons quote them. Checks that take more than about 0.3 s are
marked slow and run only with LESSONS_FULL=1 (.ci/run does), to keep make test quick.
"""

import os

import numpy as np
import pytest

slow = pytest.mark.skipif(not os.environ.get("LESSONS_FULL"), reason="slow: LESSONS_FULL=1 runs it")


# Kata 11 · the vanishing gradient, 2-10-10-10-1, η = 0.1
from solutions import k11_learning_xor as k11  # noqa: E402

DEEP = [2, 10, 10, 10, 1]


def _k11_ratio(hidden, seed):
    """An entry of layer 1's gradient over an entry of layer 4's, at epoch 0."""
    _, log = k11.train(k11.X, k11.T, DEEP, lr=0.1, epochs=1, hidden=hidden, seed=seed, log_every=1)
    sizes = k11._per_entry(DEEP, log[0][2])
    return sizes[0] / sizes[-1], sizes


def test_k11_the_first_layer_gets_a_small_share_at_the_start():
    sigmoid = [_k11_ratio("sigmoid", seed)[0] for seed in range(10)]
    relu = [_k11_ratio("relu", seed)[0] for seed in range(10)]
    assert 1 / 76 < min(sigmoid) < 1 / 74 and 1 / 3.3 < max(sigmoid) < 1 / 3, "between about 1/75 and 1/3"
    assert 1 / 17.5 < sigmoid[0] < 1 / 16.5, "seed 0: about 1/17"
    assert all(r > s for r, s in zip(relu, sigmoid)), "with ReLU, layer 1's share is larger at every seed"


def test_k11_seed_0_the_gradient_sizes_and_relu_growth():
    _, sigmoid = _k11_ratio("sigmoid", 0)
    _, relu = _k11_ratio("relu", 0)
    assert round(sigmoid[0], 2) == 0.01 and round(relu[0], 1) == 2.8, "an entry of layer 1's gradient: 0.01 vs 2.8"
    hidden = k11.forward(k11.X, k11.init_params(DEEP, 0), "relu")[1:-1]
    sizes = [float(np.sqrt(np.mean(A ** 2))) for A in hidden]
    assert [round(s, 1) for s in sizes] == [0.5, 2.4, 4.5], f"ReLU outputs grow layer by layer: {sizes}"
    assert all(float(np.max(A)) < 1 for A in k11.forward(k11.X, k11.init_params(DEEP, 0))[1:])


def test_k11_seed_0_the_first_layer_is_larger_at_epochs_250_to_1000():
    _, log = k11.train(k11.X, k11.T, DEEP, lr=0.1, epochs=1251, log_every=250)
    larger = [epoch for epoch, _, norms in log if (lambda s: s[0] > s[-1])(k11._per_entry(DEEP, norms))]
    assert larger == [250, 500, 750, 1000], larger


def test_k11_relu_learns_in_2_to_23_epochs():
    epochs = [k11._epochs_to_learn(DEEP, 0.1, 3000, "relu", seed) for seed in range(10)]
    assert min(epochs) == 2 and max(epochs) == 23, epochs


@slow
def test_k11_sigmoid_learns_in_766_to_2270_epochs_but_seed_1_not_in_3000():
    epochs = [k11._epochs_to_learn(DEEP, 0.1, 3000, "sigmoid", seed) for seed in range(10)]
    assert epochs[1] is None
    rest = epochs[:1] + epochs[2:]
    assert min(rest) == 766 and max(rest) == 2270, epochs
    params, _ = k11.train(k11.X, k11.T, DEEP, lr=0.1, epochs=2001)
    assert k11.accuracy(k11.forward(k11.X, params)[-1], k11.T) < 1.0, "seed 0 is not there after 2001 epochs"


# Kata 9 · the book's six decimals, cut or rounded
from solutions import k09_mlp_backprop as k09  # noqa: E402


def test_k09_which_of_the_books_numbers_are_cut_and_which_rounded():
    how = {name: kind for name, _, _, kind in k09._hand_step_rows()}
    assert [name for name, kind in how.items() if kind == "cut"] == ["z_y", "out_y(1 − out_y)", "∂E/∂w5", "b3", "b1"]
    assert [name for name, kind in how.items() if kind == "rounded"] == ["a2", "w5", "w6", "out_y after", "E after"]
    assert "neither" not in how.values()


def test_k09_the_lessons_six_decimals_are_the_rounded_values():
    values = {name: value for name, value, _, _ in k09._hand_step_rows()}
    lesson = {"a1": "0.524979", "a2": "0.549834", "z_y": "0.892390", "out_y": "0.709383", "E before": "0.251612",
              "∂E/∂w5": "0.076776", "w5": "0.484645", "w6": "0.583918", "b3": "0.270751", "b1": "0.096353",
              "b2": "0.195656", "out_y after": "0.699553", "E after": "0.244687"}
    assert {name: f"{values[name]:.6f}" for name in lesson} == lesson
    out = values["out_y"]
    assert f"{out * (1 - out):.6f}" == "0.206159"


# Kata 7 · gradient descent on (x − 3)² + 10 from x = 10
from solutions import k07_gradient_descent as k07  # noqa: E402


def _k07(lr, steps, precision=None):
    return k07.gradient_descent(lambda x: 2 * x - 6, 10, lr, steps, precision)


def test_k07_the_numbers_the_lesson_quotes():
    _, history = _k07(0.2, 100)
    assert [round(x, 3) for x in history[1:4]] == [7.2, 5.52, 4.512]
    assert all(abs((b - 3) - 0.6 * (a - 3)) < 1e-12 for a, b in zip(history[:20], history[1:21])), "factor 0.6"
    assert history[-1] == 3.0000000000000004 and history[73] == history[-1] != history[72]
    x, history = _k07(0.2, 100, precision=0.00001)
    assert len(history) - 1 == 26 and str(x).startswith("3.0000119")
    assert round(_k07(0.01, 100)[0], 2) == 3.93
    assert _k07(0.5, 1)[0] == 3.0
    assert abs(_k07(0.9, 100)[0] - 3) < 1e-6
    x = _k07(1.1, 100)[0]
    assert f"{abs(x - 3):.1e}" == "5.8e+08"


# Kata 4 · gates
from solutions import k04_gate_perceptrons as k04  # noqa: E402

X4 = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])


def test_k04_the_slides_trained_and_weights_compute_and_through_the_step():
    out = k04.perceptron(X4, np.array([3.7209592, 3.723007]), -5.6813374)
    assert list(out) == [0, 0, 0, 1]


def test_k04_the_rule_learns_and_in_6_epochs_and_or_in_4():
    def first(target):
        return next(e for e in range(1, 51) if k04.train_perceptron(X4, np.array(target), 0.1, e)[2])
    assert first([0, 0, 0, 1]) == 6 and first([0, 1, 1, 1]) == 4
    assert not k04.train_perceptron(X4, np.array([0, 1, 1, 0]), 0.1, 50)[2]


# Kata 2 · a straight line in y: no truncation error, only rounding
def test_k02_the_straight_line_in_y_gives_3_9999999999999147():
    from solutions.k02_partial_derivatives import partial_derivative
    assert partial_derivative(lambda x, y: x**2 * y, (2.0, 3.0), 1) == 3.9999999999999147
    assert round(partial_derivative(lambda x, y: x**2 * y, (2.0, 3.0), 0), 6) == 12.03


# Kata 5 · what overflow costs
def test_k05_the_naive_sigmoid_warns_and_math_exp_raises():
    import math
    import warnings
    from solutions.k05_xor_forward import sigmoid
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert 1 / (1 + np.exp(np.float64(1000))) == 0.0
    assert any("overflow encountered in exp" in str(w.message) for w in caught)
    with pytest.raises(OverflowError):
        math.exp(1000)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert sigmoid(-1000.0) == 0.0


# Kata 8 · the book cuts z_y and rounds a2
def test_k08_z_y_is_cut_and_a2_rounded():
    from solutions.k08_mlp_forward import B1, B2, W1, W2, predict
    _, (a1, a2), _ = predict(np.array([0, 0]), W1, B1, W2, B2)
    z_y = W2[0, 0] * a1 + W2[1, 0] * a2 + B2[0]
    assert f"{z_y:.10f}".startswith("0.8923899") and f"{a2:.10f}".startswith("0.5498339")
    assert f"{a2:.6f}" == "0.549834" and f"{z_y:.6f}" == "0.892390"

