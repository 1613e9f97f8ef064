"""Kata 4 · Gate perceptrons — the checks. Read them; don't edit them. `make kata N=4` runs them."""

import numpy as np
import pytest

from katas._runner.feedback import N_, _, expect_error, names_shape
from katas.k04_gate_perceptrons import (and_gate, find_separating_line, layer, nand_gate, or_gate, perceptron,
                                        step, train_perceptron, truth_table, xor_from_gates)

INPUTS = [(0, 0), (0, 1), (1, 0), (1, 1)]
X4 = np.array(INPUTS)
TABLES = {"AND": (and_gate, [0, 0, 0, 1]), "OR": (or_gate, [0, 1, 1, 1]),
          "NAND": (nand_gate, [1, 1, 1, 0]), "XOR": (xor_from_gates, [0, 1, 1, 0])}
ROWS = [(name, x1, x2, out) for name, (gate, outs) in TABLES.items() for (x1, x2), out in zip(INPUTS, outs)]


def _is_int(value):
    return isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))


@pytest.mark.parametrize("z, fires", [(0, 0), (0.0, 0), (1e-7, 0), (1e-6, 0), (1e-5, 1), (0.3, 1), (-2.5, 0),
                                      (0.1 + 0.2 - 0.3, 0)],
                         ids=["0", "0.0", "1e-7", N_("1e-6 (the threshold itself)"), "1e-5", "0.3", "-2.5",
                              "0.1 + 0.2 - 0.3 = 5.6e-17"])
def test_step_fires_only_above_the_courses_threshold(z, fires):
    got = step(z)
    assert _is_int(got), _("step({z!r}) should return an int 0 or 1; got {got!r}").format(z=z, got=got)
    assert got == fires, (_("step({z!r}): expected {expected} (fires only when z > 0.000001); got {got!r}").format(
                              z=z, expected=fires, got=got)
                          + (_(" — a plain z > 0 fires on float crumbs") if z and z < 1e-6 else ""))


def test_step_on_an_array_keeps_its_shape():
    z = np.array([[-1.0, 0.0, 1e-7], [1e-5, 0.5, 3.0]])
    got = step(z)
    assert isinstance(got, np.ndarray) and got.shape == (2, 3), _(
        "step of a (2, 3) array: expected a (2, 3) array; got {got!r}").format(got=got)
    assert np.issubdtype(got.dtype, np.integer), _(
        "step of an array should hold ints 0 and 1; got dtype {dtype}").format(dtype=got.dtype)
    np.testing.assert_array_equal(got, [[0, 0, 0], [1, 1, 1]])


def test_perceptron_on_one_sample_and_on_a_batch():
    w, b = np.array([0.5, 0.5]), -0.7
    one = perceptron(np.array([1, 1]), w, b)
    assert _is_int(one) and one == 1, _(
        "perceptron((1, 1), w=(0.5, 0.5), b=−0.7): z = 0.3, expected 1; got {got!r}").format(got=one)
    batch = perceptron(X4, w, b)
    assert isinstance(batch, np.ndarray) and batch.shape == (4,), (
        _("perceptron on the 4 inputs as a (4, 2) batch: expected shape (4,); got {got!r}").format(got=batch))
    without_b = [int(z > 0.000001) for z in X4 @ w]  # [0, 1, 1, 1]
    np.testing.assert_array_equal(batch, [0, 0, 0, 1], err_msg=_("AND weights on the batch (0,0), (0,1), (1,0), (1,1)")
                                  + (_(" — that is the bias left out: z = x·w + b") if list(batch) == without_b else ""))


@pytest.mark.parametrize("name, x1, x2, out", ROWS, ids=[f"{n}({a}, {b}) = {o}" for n, a, b, o in ROWS])
def test_truth_table_row(name, x1, x2, out):
    got = TABLES[name][0](x1, x2)
    assert _is_int(got) and got == out, _("{gate}({x1}, {x2}): expected {expected}; got {got!r}").format(
        gate=name, x1=x1, x2=x2, expected=out, got=got)


@pytest.mark.parametrize("name", ["AND", "OR", "NAND", "XOR"])
def test_truth_table_lists_the_four_rows_in_order(name):
    gate, outs = TABLES[name]
    got = truth_table(gate)
    expected = [(x1, x2, out) for (x1, x2), out in zip(INPUTS, outs)]
    assert [tuple(row) for row in got] == expected, _("truth_table({gate}): expected {expected}; got {got!r}").format(
        gate=gate.__name__, expected=expected, got=got)


def test_a_layer_is_a_matrix_product_as_in_the_courses_examples():
    W = np.array([[1, 2, 3], [4, 5, 6]])
    one = layer(np.array([1, 2]), W)
    np.testing.assert_array_equal(one, [9, 12, 15], err_msg="(1 2)·[[1, 2, 3], [4, 5, 6]] = (9 12 15)")
    assert one.shape == (3,), _("one sample of shape (2,) gives shape (3,); got {shape}").format(shape=one.shape)
    row = layer(np.array([[1, 2]]), W)
    assert row.shape == (1, 3), _("a (1, 2) row times a (2, 3) W gives (1, 3); got {shape}").format(shape=row.shape)
    batch = layer(np.array([[6, 5], [4, 7], [5, 6], [6, 7]]), W)
    np.testing.assert_array_equal(batch, [[26, 37, 48], [32, 43, 54], [29, 40, 51], [34, 47, 60]],
                                  err_msg=_("the course's batch: one row of sums per sample"))


@pytest.mark.parametrize("X_shape, W_shape", [((4, 3), (2, 3)), ((2,), (3, 2)), ((4, 2), (3, 2))])
def test_a_layer_with_mismatched_shapes_names_both(X_shape, W_shape):
    err = expect_error(ValueError, lambda: layer(np.ones(X_shape), np.ones(W_shape)),
                       _("layer(X of shape {X_shape}, W of shape {W_shape})").format(X_shape=X_shape, W_shape=W_shape))
    assert names_shape(err, X_shape) and names_shape(err, W_shape), (
        _("the message should name both shapes, {X_shape} and {W_shape}; it was: {err}").format(
            X_shape=X_shape, W_shape=W_shape, err=err))


@pytest.mark.parametrize("name, target", [("AND", [0, 0, 0, 1]), ("OR", [0, 1, 1, 1]), ("NAND", [1, 1, 1, 0])])
def test_the_learning_rule_learns_the_gate(name, target):
    X = X4.copy()
    w, b, converged = train_perceptron(X, np.array(target), lr=0.1, epochs=50)
    assert converged is True or converged == np.True_, _(
        "train_perceptron on {gate}: should converge within 50 epochs; got converged={converged!r}").format(
        gate=name, converged=converged)
    assert isinstance(w, np.ndarray) and w.shape == (2,), _("w should be an array of shape (2,); got {w!r}").format(w=w)
    np.testing.assert_array_equal(perceptron(X4, w, b), target,
                                  err_msg=_("the learned {gate} must reproduce its truth table").format(gate=name))
    np.testing.assert_array_equal(X, X4, err_msg=_("train_perceptron must not change X"))


@pytest.mark.parametrize("name, target, w, b", [
    ("AND", [0, 0, 0, 1], [0.2, 0.1], -0.2),
    ("NAND", [1, 1, 1, 0], [-0.2, -0.1], 0.30000000000000004),
])
def test_the_rule_from_zero_in_order_gives_these_weights(name, target, w, b):
    got_w, got_b, _converged = train_perceptron(X4, np.array(target), lr=0.1, epochs=50)
    assert np.allclose(got_w, w, atol=1e-12) and got_b == pytest.approx(b, abs=1e-12), (
        _("train_perceptron on {gate}, η = 0.1, from w = 0, b = 0, samples in order: expected w = {w}, b = {b}; "
          "got w = {got_w}, b = {got_b!r}").format(gate=name, w=w, b=b, got_w=got_w, got_b=got_b)
        + (_crumb() if name == "NAND" and np.allclose(got_w, [-0.2, -0.1], atol=1e-9)
           and got_b == pytest.approx(0.2, abs=1e-9) else ""))


def test_the_rule_uses_the_learning_rate_it_is_given():
    w, b, converged = train_perceptron(X4, np.array([0, 0, 0, 1]), lr=0.5, epochs=50)
    assert converged and np.allclose(w, [1.0, 0.5], atol=1e-12) and b == pytest.approx(-1.0, abs=1e-12), (
        _("train_perceptron on AND with η = 0.5: expected w = [1.0, 0.5], b = −1.0 (η = 0.1's answer times 5); "
          "got w = {w}, b = {b!r}, converged = {converged!r}").format(w=w, b=b, converged=converged)
        + (_(" — that is η = 0.1 whatever lr says") if np.allclose(w, [0.2, 0.1]) else ""))


def _crumb():
    """Why the rule stopped early on NAND: the learner's step, or a prediction that bypasses it."""
    if step(0.1 + 0.2 - 0.3) == 1:
        return _(" — the rule stopped early on a float crumb: your step(5.6e-17) fires; step must fire only "
                 "when z > 0.000001")
    return _(" — the rule stopped early on a float crumb: predict with step(x·w + b), not a plain z > 0")


# w and b after 0, 1, …, 5 passes of the rule on AND from zero, η = 0.1; the 6th pass makes no mistake
AND_PASSES = [([0.0, 0.0], 0.0), ([0.1, 0.1], 0.1), ([0.2, 0.1], 0.0), ([0.2, 0.1], -0.1), ([0.2, 0.2], -0.1),
              ([0.2, 0.1], -0.2)]


def _passes_made(w, b):
    """How many passes of the rule on AND give this w and b, or None when no number of passes does."""
    for passes, (w_after, b_after) in enumerate(AND_PASSES):
        if np.allclose(np.asarray(w, dtype=float), w_after, atol=1e-9) and abs(b - b_after) < 1e-9:
            return passes
    return None


def _epoch_slip(runs):
    """Why converged came at the wrong epoch, when the weights say so; '' otherwise. runs[e] is
    train_perceptron's answer for epochs = e + 1 on AND, e = 0 … 4."""
    made = [_passes_made(w, b) for w, b, _converged in runs]
    if made == [2, 3, 4, 5, 5]:
        return _(" — that is one pass more than epochs asks for: epochs=1 already gives the w and b of 2 passes")
    if made == [0, 1, 2, 3, 4]:
        return _(" — that is one pass fewer than epochs asks for: epochs=1 leaves w and b at 0")
    early = next((e for e, (_w, _b, converged) in enumerate(runs, 1) if converged), None)
    if early is not None and made[:early] == list(range(1, early + 1)):
        return _(" — converged=True after pass {early}, which still made mistakes (it changed w or b): "
                 "converged means a whole pass without a mistake").format(early=early)
    return ""


def test_epochs_is_the_most_passes():
    target = np.array([0, 0, 0, 1])  # AND takes 6 passes from zero with η = 0.1
    after_5 = train_perceptron(X4, target, lr=0.1, epochs=5)[2]
    after_6 = train_perceptron(X4, target, lr=0.1, epochs=6)[2]
    assert (bool(after_5), bool(after_6)) == (False, True), (
        _("AND with η = 0.1 converges in its 6th pass, the first without a mistake: expected converged False with "
          "epochs=5 and True with epochs=6, one pass per epoch; got {after_5} and {after_6}").format(
            after_5=bool(after_5), after_6=bool(after_6))
        + _epoch_slip([train_perceptron(X4, target, lr=0.1, epochs=e) for e in range(1, 6)]))


def test_the_learning_rule_never_converges_on_xor():
    w, b, converged = train_perceptron(X4, np.array([0, 1, 1, 0]), lr=0.1, epochs=100)
    assert not converged, _("train_perceptron on XOR reported convergence: no line separates XOR's points")
    assert not np.array_equal(perceptron(X4, w, b), [0, 1, 1, 0]), _("a single perceptron cannot reproduce XOR")


GRID = np.linspace(-1, 1, 21)


def test_a_grid_search_finds_the_first_line_for_and():
    got = find_separating_line(X4, np.array([0, 0, 0, 1]), GRID)
    assert got is not None, _("find_separating_line found no line for AND on the grid; (0.1, 0.1), −0.1 works")
    w, b = got
    np.testing.assert_array_equal(perceptron(X4, np.asarray(w), b), [0, 0, 0, 1],
                                  err_msg=_("the line must separate AND"))
    assert np.allclose(w, [0.1, 0.1]) and b == pytest.approx(-0.1), (
        _("the first separating line in itertools.product(grid, repeat=3) order is w = (0.1, 0.1), b = −0.1; "
          "got w = {w}, b = {b!r}").format(w=w, b=b))


def test_the_grid_search_searches_the_grid_it_is_given():
    got = find_separating_line(X4, np.array([0, 0, 0, 1]), [-1.0, -0.5, 0.0, 0.5, 1.0])
    assert got is not None, _("find_separating_line found no line for AND on the grid −1, −0.5, 0, 0.5, 1")
    w, b = got
    assert np.allclose(w, [0.5, 0.5]) and b == pytest.approx(-0.5), (
        _("on the grid −1, −0.5, 0, 0.5, 1 the first line for AND is w = (0.5, 0.5), b = −0.5; got w = {w}, b = {b!r}").format(
            w=w, b=b)
        + (_(" — that is the lesson's grid, not the grid argument") if np.allclose(w, [0.1, 0.1]) else ""))


def test_no_line_on_the_grid_separates_xor():
    got = find_separating_line(X4, np.array([0, 1, 1, 0]), GRID)
    assert got is None, _(
        "find_separating_line returned {got!r} for XOR; check it with perceptron: no line works").format(got=got)
