"""Kata 5 · XOR forward pass — the checks. Read them; don't edit them. `make kata N=5` runs them."""

import math
import numbers
import warnings

import numpy as np
import pytest

from katas._runner.feedback import _, expect_error, looks_like, names_shape
from katas.k05_xor_forward import (COURSE_B1, COURSE_B2, COURSE_W1, COURSE_W2, logistic_unit, my_xor_weights,
                                   sigmoid, xor_forward, xor_network)

INPUTS = [(0, 0), (0, 1), (1, 0), (1, 1)]
X4 = np.array(INPUTS)


def σ(z):
    return 1 / (1 + math.exp(-z))


@pytest.mark.parametrize("z", [-8.0, -3.0, -0.5, 0.0, 0.5, 2.0, 6.0, 11.0])
def test_sigmoid_values(z):
    got = sigmoid(z)
    assert isinstance(got, float), _("sigmoid({z}) should return a float; got {got!r}").format(z=z, got=got)
    assert got == pytest.approx(σ(z), rel=1e-12), (
        _("sigmoid({z}): expected 1/(1 + e^{minus_z}) = {expected!r}; got {got!r}").format(
            z=z, minus_z=-z, expected=σ(z), got=got)
        + looks_like(got, {_("1/(1 + e^z): the sign of z flipped, or the stable form's two branches swapped"): σ(-z),
                           _("e^−z/(1 + e^−z) for every z, that is 1 − σ(z)"): 1 - σ(z)})
        + _in_float32(got, σ(z)))


def _in_float32(got, expected):
    """' — that is σ computed in float32 …' when got is a float32 value within float32's precision of
    expected; else ''."""
    try:
        near = abs(got - expected) <= 1e-6 * abs(expected) and float(np.float32(got)) == got
    except (TypeError, ValueError, OverflowError):
        return ""
    return _(" — that is σ computed in float32, which keeps about 7 significant digits: the docstring asks "
             "for float64") if near else ""


def test_sigmoid_of_0_is_one_half():
    assert sigmoid(0) == 0.5, _("sigmoid(0) = 1/(1 + 1) = 0.5 exactly; got {got!r}").format(got=sigmoid(0))


def test_sigmoid_properties_on_an_array():
    z = np.linspace(-30, 30, 121)
    got = sigmoid(z)
    changed = int(np.sum(z != np.linspace(-30, 30, 121)))
    assert not changed, _("sigmoid(z) for z = np.linspace(−30, 30, 121) changed {changed} of the 121 values of z "
                          "itself — σ must leave the caller's array as it was: compute on a new array, not in z"
                          ).format(changed=changed)
    assert isinstance(got, np.ndarray) and got.shape == z.shape and got.dtype == np.float64, (
        _("sigmoid of a float array of shape {shape}: expected a float64 array of that shape; got {got}").format(
            shape=z.shape, got=_("an array of shape {shape} and dtype {dtype}").format(shape=got.shape, dtype=got.dtype)
            if isinstance(got, np.ndarray) else repr(got)))
    assert np.all((got > 0) & (got < 1)), _("0 < σ(z) < 1 for every z in [−30, 30]")
    np.testing.assert_allclose(sigmoid(-z), 1 - got, rtol=0, atol=1e-15, err_msg=_("σ(−z) = 1 − σ(z)"))
    assert np.all(np.diff(got) > 0), _("σ is increasing")


def test_sigmoid_of_an_integer_array_is_a_float64_array():
    got = sigmoid(np.array([-1, 0, 1]))
    expected = [σ(-1), σ(0), σ(1)]
    assert isinstance(got, np.ndarray) and got.dtype == np.float64, (
        _("sigmoid(np.array([−1, 0, 1])), an array of ints: expected a float64 array, as the docstring says; "
          "got {got!r}").format(got=got)
        + (_(" — an array made like z (np.empty_like(z), np.zeros_like(z)) takes z's integer dtype: make it "
             "float64") if isinstance(got, np.ndarray) and got.dtype.kind in "iu" else ""))
    np.testing.assert_allclose(got, expected, rtol=1e-12, err_msg=_("σ(−1), σ(0), σ(1)"))


def test_sigmoid_of_a_column_keeps_its_shape():
    got = sigmoid(np.array([[-1.0], [0.0], [1.0]]))
    assert got.shape == (3, 1), _("sigmoid of a (3, 1) array should be (3, 1); got {shape}").format(shape=got.shape)


@pytest.mark.parametrize("z, expected", [(1000.0, 1.0), (-1000.0, 0.0), (710.0, 1.0), (-710.0, 0.0)])
def test_sigmoid_never_overflows(z, expected):
    # σ(z) is within e^(−|z|) of 0 or 1; every correct form gives 0.0 and 1.0 exactly at ±1000, as the
    # docstring's example shows (1/(1 + e¹⁰⁰⁰) = 1/inf, e^(−1000) underflows to 0, tanh(−500) = −1), and at
    # −710 0.0 or e^(−710) ≈ 4.5e-309 (a subnormal): the tolerance is e^(−|z|) itself
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an overflow warning fails the check
        try:
            got = sigmoid(np.array([z]))
            scalar = sigmoid(z)
        except (RuntimeWarning, OverflowError) as err:
            pytest.fail(_("sigmoid({z}) overflowed ({error}: {said}): compute it through e^(−|z|)").format(
                z=z, error=type(err).__name__, said=err))
    near = math.exp(-abs(z))
    assert abs(got[0] - expected) <= near and abs(scalar - expected) <= near, (
        _("sigmoid({z}): expected {expected}; got {array!r} (array) and {number!r} (number)").format(
            z=z, expected=expected, array=got[0], number=scalar)
        + _clipped(z, got[0], scalar))


def _clipped(z, *values):
    """' — that is σ(−c) …' when a value is σ of a whole number −c between z and 0 (z < 0): z was clipped."""
    for value in values:
        try:
            c = -math.log(value)
        except (TypeError, ValueError):
            continue
        if 1 <= c < -z and abs(c - round(c)) < 1e-6:
            return _(" — that is σ(−{c}): z clipped at −{c} first").format(c=round(c))
    return ""


# The lecture's numbers: z1, z2 for each input, and z3 on the rounded path.
COURSE = {(0, 0): (-8, 3, -5), (0, 1): (-3, -4, 6), (1, 0): (-3, -4, 6), (1, 1): (2, -11, -5)}


@pytest.mark.parametrize("x", INPUTS, ids=[f"x={x}" for x in INPUTS])
def test_the_hidden_units_of_the_course(x):
    z1, z2 = COURSE[x][:2]
    y1 = logistic_unit(np.array(x), np.array([5, 5]), -8)
    y2 = logistic_unit(np.array(x), np.array([-7, -7]), 3)
    assert y1 == pytest.approx(σ(z1), rel=1e-12), _("NN1 on {x}: z1 = {z}, expected y1 = σ({z}) = {expected:.6f}; got {got!r}").format(
        x=x, z=z1, expected=σ(z1), got=y1)
    assert y2 == pytest.approx(σ(z2), rel=1e-12), _("NN2 on {x}: z2 = {z}, expected y2 = σ({z}) = {expected:.6f}; got {got!r}").format(
        x=x, z=z2, expected=σ(z2), got=y2)


@pytest.mark.parametrize("x", INPUTS, ids=[f"x={x}" for x in INPUTS])
def test_the_lectures_rounded_path(x):
    z1, z2, z3 = COURSE[x]
    got = xor_network(*x, rounded=True)
    assert len(got) == 3, _("xor_network returns (y1, y2, ŷ); got {got!r}").format(got=got)
    _are_numbers(got, x, ", rounded=True")
    y1, y2, y_hat = got
    assert ((y1, y2) == pytest.approx((σ(z1), σ(z2)), rel=1e-12)
            or (y1, y2) == (round(σ(z1)), round(σ(z2)))), (
        _("xor_network{x}, rounded=True: y1, y2 are σ({z1}) and σ({z2}), or their rounded values "
          "{r1} and {r2}; got {y1!r}, {y2!r}").format(x=x, z1=z1, z2=z2, r1=round(σ(z1)), r2=round(σ(z2)), y1=y1, y2=y2))
    assert y_hat == pytest.approx(σ(z3), rel=1e-12), (
        _("xor_network{x}, rounded=True: NN3 sees (round(y1), round(y2)) = ({r1}, {r2}), "
          "z3 = {z3}, so ŷ = σ({z3}) = {expected:.6f}; got {got!r}").format(
            x=x, r1=round(σ(z1)), r2=round(σ(z2)), z3=z3, expected=σ(z3), got=y_hat))


@pytest.mark.parametrize("x", INPUTS, ids=[f"x={x}" for x in INPUTS])
def test_the_exact_path_also_computes_xor(x):
    z1, z2, z3 = COURSE[x]
    got = xor_network(*x)
    assert len(got) == 3, _("xor_network returns (y1, y2, ŷ); got {got!r}").format(got=got)
    _are_numbers(got, x, "")
    y1, y2, y_hat = got
    exact = σ(-11 * σ(z1) - 11 * σ(z2) + 6)
    assert y_hat == pytest.approx(exact, rel=1e-12), (
        _("xor_network{x}: NN3 on the exact y1 = {y1:.6f}, y2 = {y2:.6f} gives ŷ = {exact:.6f}; got {got!r}").format(
            x=x, y1=σ(z1), y2=σ(z2), exact=exact, got=y_hat)
        + looks_like(y_hat, {_("the rounded path: round only when rounded=True"): σ(z3)}, rel=1e-12))
    assert round(y_hat) == x[0] ^ x[1], _("xor_network{x}: ŷ = {got:.4f} should round to XOR = {xor}").format(
        x=x, got=y_hat, xor=x[0] ^ x[1])


def _are_numbers(got, x, rounded):
    """Fails, saying which, unless y1, y2 and ŷ are numbers (a float, a numpy float), as the docstring says."""
    for name, value in zip(("y1", "y2", "ŷ"), got):
        assert isinstance(value, numbers.Real), (
            _("xor_network{x}{rounded}: {name} should be a number, as the docstring says; got {got}").format(
                x=x, rounded=rounded, name=name,
                got=_("an array of shape {shape}").format(shape=np.shape(value)) if isinstance(value, np.ndarray)
                else repr(value)))


def _course_units(x1, x2):
    """The lecture's three units in plain floats, exact (not rounded): (y1, y2, ŷ)."""
    y1, y2 = σ(5 * x1 + 5 * x2 - 8), σ(-7 * x1 - 7 * x2 + 3)
    return y1, y2, σ(-11 * y1 - 11 * y2 + 6)


def test_the_vectorised_network_equals_the_units_one_by_one():
    K, Y = xor_forward(X4, COURSE_W1, COURSE_B1, COURSE_W2, COURSE_B2)
    assert K.shape == (4, 2) and Y.shape == (4, 1), _("for 4 samples: K is (4, 2), Ŷ is (4, 1); got {k}, {y}").format(
        k=K.shape, y=Y.shape)
    for i, x in enumerate(INPUTS):
        y1, y2, y_hat = _course_units(*x)
        # 1e-10: σ(−11) ≈ 1.7e-5 written as ½(1 + tanh(z/2)) loses about 1e-11 to cancellation
        np.testing.assert_allclose(K[i], [y1, y2], rtol=1e-10,
                                   err_msg=_("row {i} of K = σ(X·W1 + B1) for input {x}").format(i=i, x=x))
        np.testing.assert_allclose(Y[i], [y_hat], rtol=1e-12,
                                   err_msg=_("row {i} of Ŷ = σ(K·W2 + B2) for input {x}").format(i=i, x=x))


@pytest.mark.parametrize("x", INPUTS)
def test_one_sample_as_a_vector(x):
    K, Y = xor_forward(np.array(x), COURSE_W1, COURSE_B1, COURSE_W2, COURSE_B2)
    assert np.shape(K) == (2,) and np.shape(Y) == (1,), (
        _("xor_forward on the one sample {x} (shape (2,)): K is (2,), Ŷ is (1,); got {k}, {y}").format(
            x=x, k=np.shape(K), y=np.shape(Y)))
    np.testing.assert_allclose(Y, _course_units(*x)[2:], rtol=1e-12, err_msg=_("Ŷ for the one sample {x}").format(x=x))


def test_the_vectorised_network_on_a_wider_hidden_layer():
    rng = np.random.default_rng(5)
    W1, B1, W2, B2 = rng.normal(size=(2, 3)), rng.normal(size=3), rng.normal(size=(3, 1)), rng.normal(size=1)
    K, Y = xor_forward(X4, W1, B1, W2, B2)
    expected_K = [[σ(sum(x[i] * W1[i, j] for i in range(2)) + B1[j]) for j in range(3)] for x in INPUTS]
    expected_Y = [[σ(sum(k[j] * W2[j, 0] for j in range(3)) + B2[0])] for k in expected_K]
    np.testing.assert_allclose(K, expected_K, rtol=1e-12, err_msg=_("K = σ(X·W1 + B1), unit by unit, for 3 hidden units"))
    np.testing.assert_allclose(Y, expected_Y, rtol=1e-12, err_msg=_("Ŷ = σ(K·W2 + B2) for 3 hidden units"))


@pytest.mark.parametrize("W1_shape, W2_shape", [((3, 2), (2, 1)), ((2, 3), (2, 1))])
def test_mismatched_shapes_are_named(W1_shape, W2_shape):
    err = expect_error(ValueError, lambda: xor_forward(X4, np.ones(W1_shape), np.ones(W1_shape[1]),
                                                       np.ones(W2_shape), np.ones(1)),
                       _("xor_forward with X (4, 2), W1 {w1}, W2 {w2}").format(w1=W1_shape, w2=W2_shape))
    # the product that cannot be formed: X·W1, or K·W2 with K of shape (4, W1's columns)
    left, right = ((4, 2), W1_shape) if W1_shape[0] != 2 else ((4, W1_shape[1]), W2_shape)
    # K's shape comes from W1's, so for K·W2 naming W1 in K's place is as good
    lefts = [left] if left == (4, 2) else [left, W1_shape]
    named = names_shape(err, right) and any(names_shape(err, shape) for shape in lefts)
    assert named, _("xor_forward with W1 {w1} and W2 {w2}: {left} · {right} cannot be formed; the "
                    "ValueError should name both factors, {lefts} and {right}; it was: {said}").format(
        w1=W1_shape, w2=W2_shape, left=left, right=right, lefts=_(" or ").join(map(str, lefts)), said=err)


def test_your_own_weights_solve_xor_with_a_margin():
    W1, B1, W2, B2 = (np.asarray(p, dtype=float) for p in my_xor_weights())
    hidden = W1.shape[1] if W1.ndim == 2 else None
    assert W1.shape == (2, hidden) and B1.shape == (hidden,) and W2.shape == (hidden, 1) and B2.shape == (1,), (
        _("my_xor_weights: expected W1 (2, h), B1 (h,), W2 (h, 1), B2 (1,); got {w1}, {b1}, {w2}, {b2}").format(
            w1=W1.shape, b1=B1.shape, w2=W2.shape, b2=B2.shape))
    # the network computed here, not by your xor_forward: this check judges the weights only
    # (½(1 + tanh(z/2)) is σ without overflow, however large the weights)
    with np.errstate(all="ignore"):
        Y = 0.5 * (1 + np.tanh((0.5 * (1 + np.tanh((X4 @ W1 + B1) / 2)) @ W2 + B2) / 2))
    for x, y in zip(INPUTS, Y.ravel()):
        want = x[0] ^ x[1]
        assert (y < 0.1) if want == 0 else (y > 0.9), (
            _("your weights give ŷ = {got:.4f} for {x}; XOR is {want}, so ŷ must be {bound}").format(
                got=y, x=x, want=want, bound='< 0.1' if want == 0 else '> 0.9'))


def test_your_own_weights_are_not_the_courses():
    W1, B1, W2, B2 = (np.asarray(p, dtype=float) for p in my_xor_weights())
    same = (W1.shape == COURSE_W1.shape and np.allclose(W1, COURSE_W1) and np.allclose(B1, COURSE_B1)
            and np.allclose(W2, COURSE_W2) and np.allclose(B2, COURSE_B2))
    assert not same, _("those are the course's weights: the lecture's blog notes ask for another w and b that solve XOR")
