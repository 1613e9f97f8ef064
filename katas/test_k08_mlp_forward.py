"""Kata 8 · MLP forward pass (mlp1) — the checks. `make kata N=8` runs them."""

import math

import numpy as np
import pytest

from katas._runner.feedback import _, expect_error, looks_like, names_shape
from katas.k08_mlp_forward import B1, B2, W1, W2, X, actf, predict


def σ(z):
    return 1 / (1 + math.exp(-z))


def _float64(layer1, layer2):
    dtypes = (np.asarray(layer1).dtype, np.asarray(layer2).dtype)
    assert dtypes == (np.float64, np.float64), (
        _("layer1 and layer2 should be float64 arrays, as the lesson says (float32 holds about 7 digits; mlp1.py "
          "prints 8 decimals); got {dtype1} and {dtype2}").format(dtype1=dtypes[0], dtype2=dtypes[1]))


def _predict(x, *params):
    """predict(x, *params), after checking that it returned three layers: (layer0, layer1, layer2)."""
    got = predict(x, *params)
    assert isinstance(got, (tuple, list)) and len(got) == 3, (
        _("predict returns (layer0, layer1, layer2), three arrays; got {got}").format(
            got=_("an array of shape {shape}").format(shape=got.shape) if isinstance(got, np.ndarray) else repr(got)))
    return got


def _one_sample(layer1, layer2):
    """Fails unless one sample of shape (2,) gave layer1 of shape (2,) and layer2 of shape (1,)."""
    shapes = (np.shape(layer1), np.shape(layer2))
    assert shapes == ((2,), (1,)), (
        _("a sample of shape (2,) gives layer1 (2,) and layer2 (1,); got {shape1} and {shape2}").format(
            shape1=shapes[0], shape2=shapes[1])
        + (_(" — the sample became a (1, 2) batch: one sample of shape (2,) keeps one dimension in every layer")
           if shapes == ((1, 2), (1, 1)) else ""))


def test_actf_is_the_sigmoid():
    z = np.array([-3.0, -0.5, 0.0, 0.1, 2.0])
    expected = [σ(v) for v in z]  # worked out before the call: what actf does with z is its own business
    got = actf(z)
    assert isinstance(got, np.ndarray) and got.shape == (5,), (
        _("actf on an array of shape (5,) returns shape (5,); got {got!r}").format(got=got))
    assert got.dtype == np.float64, (
        _("actf of a float64 array should return float64, as the lesson says; got {dtype}").format(dtype=got.dtype))
    np.testing.assert_allclose(got, expected, rtol=1e-12, err_msg=_("actf(z) = 1 / (1 + e^−z), elementwise"))
    big = actf(np.array([710.0, 800.0]))
    assert np.all(np.abs(big - 1) <= 1e-15), (
        _("actf(710) and actf(800) are 1.0 (e^−710 is far below float64's precision next to 1); got {got}").format(
            got=big)
        + (_(" — e^x overflows to inf above x ≈ 709 and inf/inf is nan: write σ as 1 / (1 + e^−x), as the lesson "
             "says") if np.isnan(big).any() else ""))


def test_the_textbooks_hand_calculation():
    layer0, layer1, layer2 = _predict(np.array([0, 0]), W1, B1, W2, B2)
    _one_sample(layer1, layer2)
    _float64(layer1, layer2)
    a1, a2 = layer1
    assert round(a1, 6) == 0.524979 and round(a2, 6) == 0.549834, (
        _("for (0, 0): a1 = σ(0.1) = 0.524979 and a2 = σ(0.2) = 0.549834; got {got!r}").format(got=layer1)
        + looks_like(a1, {_("the bias missing: σ(0) = 0.5"): 0.5}))
    y = float(np.ravel(layer2)[0])
    z_y = 0.5 * σ(0.1) + 0.6 * σ(0.2) + 0.3
    assert y == pytest.approx(σ(z_y), rel=1e-12), (
        _("for (0, 0): z_y = w5·a1 + w6·a2 + b3 = 0.892389, y = σ(z_y) = 0.709383; got y = {y!r}").format(y=y)
        + looks_like(y, {_("z_y without the sigmoid applied to the output"): z_y}))


OUTPUTS = [0.70938314, 0.72844306, 0.71791234, 0.73598705]  # mlp1.py, before training


@pytest.mark.parametrize("i", range(4), ids=[f"x={tuple(x)}" for x in X])
def test_mlp1_outputs_one_row_at_a_time(i):
    row = X[i].reshape(1, -1)
    layer0, layer1, layer2 = _predict(row, W1, B1, W2, B2)
    assert layer1.shape == (1, 2) and layer2.shape == (1, 1), (
        _("a (1, 2) row gives layer1 (1, 2) and layer2 (1, 1); got {shape1} and {shape2}").format(
            shape1=layer1.shape, shape2=layer2.shape))
    transposed = σ(float(σ((row @ W1.T + B1)[0, 0]) * 0.5 + σ((row @ W1.T + B1)[0, 1]) * 0.6 + 0.3))
    assert layer2[0, 0] == pytest.approx(OUTPUTS[i], abs=5e-9), (
        _("predict({x}): mlp1.py prints {expected}; got {got!r}").format(
            x=tuple(X[i]), expected=OUTPUTS[i], got=layer2[0, 0])
        + looks_like(layer2[0, 0], {
            _("x·W1ᵀ: column j of W1 holds the weights into hidden unit j, so Z1 = x·W1"): transposed}))


def test_the_whole_batch_at_once_gives_the_same_numbers():
    layer0, layer1, layer2 = _predict(X, W1, B1, W2, B2)
    assert layer1.shape == (4, 2) and layer2.shape == (4, 1), (
        _("X of shape (4, 2) gives layer1 (4, 2) and layer2 (4, 1); got {shape1} and {shape2}").format(
            shape1=layer1.shape, shape2=layer2.shape))
    _float64(layer1, layer2)
    np.testing.assert_allclose(layer2.ravel(), OUTPUTS, atol=5e-9, err_msg=_("mlp1.py's four outputs, as one batch"))
    np.testing.assert_array_equal(layer0, X, err_msg=_("layer0 is the input itself"))
    # a few ulps: numpy may round the product of one row and of a batch differently (fused multiply-adds)
    for i in range(4):
        one_input, one_hidden, one_out = _predict(X[i], W1, B1, W2, B2)
        _one_sample(one_hidden, one_out)
        agree = _("row {i}: one sample and the batch agree").format(i=i)
        np.testing.assert_allclose(one_hidden, layer1[i], rtol=1e-14, err_msg=agree)
        np.testing.assert_allclose(one_out, layer2[i], rtol=1e-14, err_msg=agree)


def test_a_single_sample_keeps_one_dimension():
    layer0, layer1, layer2 = _predict(np.array([1, 0]), W1, B1, W2, B2)
    _one_sample(layer1, layer2)


def _unit_by_unit(x, w1, b1, w2, b2):
    """The hidden and output layers of a batch, worked out one unit and one weight at a time."""
    hidden = [[σ(sum(row[i] * w1[i, j] for i in range(len(w1))) + b1[j]) for j in range(len(b1))] for row in x]
    outputs = [[σ(sum(h[j] * w2[j, k] for j in range(len(w2))) + b2[k]) for k in range(len(b2))] for h in hidden]
    return hidden, outputs


def test_other_weights_and_a_wider_layer():
    rng = np.random.default_rng(8)
    w1, b1, w2, b2 = rng.normal(size=(2, 3)), rng.normal(size=3), rng.normal(size=(3, 1)), rng.normal(size=1)
    layer0, layer1, layer2 = _predict(X, w1, b1, w2, b2)
    expected1, expected2 = _unit_by_unit(X, w1, b1, w2, b2)
    np.testing.assert_allclose(layer1, expected1, rtol=1e-12, err_msg=_("3 hidden units: σ(x·W1 + B1), unit by unit"))
    np.testing.assert_allclose(layer2, expected2, rtol=1e-12, err_msg=_("3 hidden units: σ(A1·W2 + B2)"))


def test_three_inputs_and_two_outputs():
    rng = np.random.default_rng(9)
    x = rng.normal(size=(5, 3))
    w1, b1, w2, b2 = rng.normal(size=(3, 4)), rng.normal(size=4), rng.normal(size=(4, 2)), rng.normal(size=2)
    _layer0, layer1, layer2 = _predict(x, w1, b1, w2, b2)
    expected1, expected2 = _unit_by_unit(x, w1, b1, w2, b2)
    assert np.shape(layer2) == (5, 2), _(
        "a 3-4-2 network on a batch of 5 gives layer2 of shape (5, 2), one column per output; got {shape}").format(
            shape=np.shape(layer2))
    np.testing.assert_allclose(layer1, expected1, rtol=1e-12, err_msg=_("3 inputs, 4 hidden units: σ(x·W1 + B1)"))
    np.testing.assert_allclose(layer2, expected2, rtol=1e-12, err_msg=_("2 outputs: σ(A1·W2 + B2), B2 one bias per output"))


def test_the_weights_are_left_unchanged():
    before = [p.copy() for p in (W1, B1, W2, B2)]
    predict(X, W1, B1, W2, B2)
    for name, p, q in zip(("W1", "B1", "W2", "B2"), (W1, B1, W2, B2), before):
        np.testing.assert_array_equal(p, q, err_msg=_("predict must not change {name}").format(name=name))


@pytest.mark.parametrize("name, shapes", [
    (_("W1 with 3 rows"), ((3, 2), (2,), (2, 1), (1,))),
    (_("B1 of 3"), ((2, 2), (3,), (2, 1), (1,))),
    (_("W2 with 3 rows"), ((2, 2), (2,), (3, 1), (1,))),
    (_("B2 of 2"), ((2, 2), (2,), (2, 1), (2,))),
    (_("B1 of 1"), ((2, 2), (1,), (2, 1), (1,))),  # numpy would broadcast it without a word
], ids=["W1 with 3 rows", "B1 of 3", "W2 with 3 rows", "B2 of 2", "B1 of 1"])
def test_shapes_that_do_not_chain_are_a_value_error(name, shapes):
    params = [np.ones(shape) for shape in shapes]
    err = expect_error(ValueError, lambda: predict(X, *params), _("predict(X (4, 2), {name})").format(name=name))
    wrong = next(shape for shape, good in zip(shapes, ((2, 2), (2,), (2, 1), (1,))) if shape != good)
    assert names_shape(err, wrong), _("the message should name the shape {shape}; it was: {message}").format(
        shape=wrong, message=err)
