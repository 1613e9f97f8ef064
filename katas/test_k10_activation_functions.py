"""Kata 10 · Activation functions — the checks. `make kata N=10` runs them."""

import warnings

import mpmath
import numpy as np
import pytest
import sympy

from katas._runner.feedback import N_, _, numeric_partials
from katas.k10_activation_functions import (elu, elu_deriv, leaky_relu, leaky_relu_deriv, maxout, maxout_deriv, relu,
                                            relu_deriv, sigmoid, sigmoid_deriv, step, step_deriv, tanh, tanh_deriv)

x = sympy.Symbol("x")
SIGMA = 1 / (1 + sympy.exp(-x))
# name: (function, derivative, sympy expression, keyword arguments)
ACTIVATIONS = {
    "step": (step, step_deriv, sympy.Piecewise((1, x > sympy.Rational(1, 10**6)), (0, True)), {}),
    "sigmoid": (sigmoid, sigmoid_deriv, SIGMA, {}),
    "tanh": (tanh, tanh_deriv, sympy.tanh(x), {}),
    "relu": (relu, relu_deriv, sympy.Max(0, x), {}),
    "leaky_relu": (leaky_relu, leaky_relu_deriv, sympy.Piecewise((x, x > 0), (sympy.Rational(1, 10) * x, True)), {}),
    "leaky_relu slope=0.2": (leaky_relu, leaky_relu_deriv, sympy.Piecewise((x, x > 0), (x / 5, True)), {"slope": 0.2}),
    "elu": (elu, elu_deriv, sympy.Piecewise((x, x > 0), (sympy.exp(x) - 1, True)), {}),
    "elu alpha=0.5": (elu, elu_deriv, sympy.Piecewise((x, x > 0), (0.5 * (sympy.exp(x) - 1), True)), {"alpha": 0.5}),
}
POINTS = np.array([-2.0, -0.5, 0.3, 1.7])  # away from the kinks, where sympy's derivative exists


def _call(f, kwargs, points=POINTS):
    """How the check called f: `elu([-2.0, -0.5, 0.3, 1.7], alpha=0.5)`."""
    return f"{f.__name__}({', '.join([str(np.asarray(points).tolist())] + [f'{k}={v}' for k, v in kwargs.items()])})"


def _close(got, expected, what, rtol, atol, slips=None):
    """One line when got is not expected within the tolerance, naming a slip when got is one."""
    got, expected = np.asarray(got, dtype=float), np.asarray(expected, dtype=float)
    if np.allclose(got, expected, rtol=rtol, atol=atol):
        return
    named = next((_(" — that is {mistake}").format(mistake=description) for description, value in (slips or {}).items()
                  if np.shape(value) == got.shape and np.allclose(got, value, rtol=1e-9, atol=1e-12)), "")
    pytest.fail(_("{what}: expected {expected}; got {got}").format(
        what=what, expected=[float(f'{v:.12g}') for v in expected.ravel()],
        got=[float(f'{v:.12g}') for v in got.ravel()]) + named, pytrace=False)


@pytest.mark.parametrize("name", ACTIVATIONS)
def test_values_against_sympy(name):
    f, _deriv, expr, kwargs = ACTIVATIONS[name]
    given = POINTS.copy()
    got = f(given, **kwargs)
    np.testing.assert_array_equal(given, POINTS, err_msg=_(
        "{name} changed the array it was given: compute into a new array (for example, np.maximum(x, 0, out=x) writes into x)"
    ).format(name=f.__name__))
    assert isinstance(got, np.ndarray) and got.shape == POINTS.shape and got.dtype == np.float64, _(
        "{name} on a float array of shape (4,) should return a float64 array of that shape; got {got!r}").format(
        name=f.__name__, got=got)
    expected = [float(expr.subs(x, p)) for p in POINTS]
    _close(got, expected, _("{call} against sympy's {expr}").format(call=_call(f, kwargs), expr=expr),
           rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("name", ACTIVATIONS)
def test_derivatives_against_sympy(name):
    f, d, expr, kwargs = ACTIVATIONS[name]
    given = POINTS.copy()
    got = d(given, **kwargs)
    np.testing.assert_array_equal(given, POINTS, err_msg=_(
        "{name} changed the array it was given: compute into a new array").format(name=d.__name__))
    assert np.shape(got) == POINTS.shape, _("{name} keeps the shape (4,); got {shape}").format(
        name=d.__name__, shape=np.shape(got))
    expected = [float(sympy.diff(expr, x).subs(x, p)) for p in POINTS]
    slips = {}
    if name == "sigmoid":
        s = np.array([float(SIGMA.subs(x, p)) for p in POINTS])
        slips = {_("σ(x) itself"): s, _("x·(1 − x): the output formula applied to the input"): POINTS * (1 - POINTS)}
    if name == "tanh":
        t = np.tanh(POINTS)
        slips = {_("1 − tanh(x) without the square: tanh' = 1 − tanh²(x)"): 1 - t,
                 _("tanh(x)·(1 − tanh(x)), the sigmoid's rule: tanh' = 1 − tanh²(x)"): t * (1 - t)}
    _close(got, expected, _("{call} against sympy's derivative of {expr}").format(
        call=_call(d, kwargs), expr=expr), rtol=1e-9, atol=1e-15, slips=slips)


AT_ZERO = {  # why the slope at 0 is what it is: the lesson's convention at a kink, else the formula
    "step": N_("{call}: the step's slope is {at_zero} everywhere, at its jump (x = 0.000001) by the lesson's "
               "convention; got {got!r}"),
    "kink": N_("{call}: the lesson's convention at the kink is {at_zero}; got {got!r}"),
    "sigmoid": N_("{call}: σ'(0) = σ(0)·(1 − σ(0)) = 0.5·0.5 = {at_zero}, the largest slope of σ; got {got!r}"),
    "tanh": N_("{call}: tanh'(0) = 1 − tanh²(0) = {at_zero}; got {got!r}"),
}


@pytest.mark.parametrize("d, kwargs, at_zero, where", [
    (step_deriv, {}, 0.0, "step"), (relu_deriv, {}, 0.0, "kink"), (leaky_relu_deriv, {}, 0.1, "kink"),
    (leaky_relu_deriv, {"slope": 0.2}, 0.2, "kink"), (elu_deriv, {"alpha": 0.5}, 0.5, "kink"),
    (sigmoid_deriv, {}, 0.25, "sigmoid"), (tanh_deriv, {}, 1.0, "tanh"),
], ids=["step", "relu", "leaky_relu", "leaky_relu slope=0.2", "elu alpha=0.5", "sigmoid", "tanh"])
def test_the_slope_at_zero(d, kwargs, at_zero, where):
    got = d(np.array([0.0]), **kwargs)[0]
    assert got == pytest.approx(at_zero), _(AT_ZERO[where]).format(call=_call(d, kwargs, [0.0]), at_zero=at_zero, got=got)


def test_step_uses_the_courses_threshold():
    got = step(np.array([0.0, 1e-7, 1e-6, 1e-5]))
    np.testing.assert_array_equal(got, [0, 0, 0, 1], err_msg=_("step fires only when x > 0.000001 (kata 4)"))


def test_tanh_is_a_scaled_sigmoid():
    xs = np.linspace(-5, 5, 41)
    np.testing.assert_allclose(tanh(xs), 2 * sigmoid(2 * xs) - 1, atol=1e-12,
                               err_msg=_("tanh(x) = 2σ(2x) − 1: your tanh and your sigmoid disagree"))


def test_sigmoids_slope_is_at_most_a_quarter():
    xs = np.linspace(-10, 10, 201)
    slopes = sigmoid_deriv(xs)
    assert slopes.max() == pytest.approx(0.25) and np.all(slopes > 0), _("0 < σ'(x) ≤ 0.25, the largest at x = 0")
    mpmath.mp.dps = 30
    exact = np.array([float(mpmath.exp(-v) / (1 + mpmath.exp(-v)) ** 2) for v in xs])
    # σ(1 − σ) loses digits where σ is near 1: 1 − σ(|x|) is off by a few ulps of 1, which is
    # (1 + e^|x|)·ε of itself. Allow 8 such roundings; σ(x)·σ(−x) is well inside too.
    rtol = 8 * np.finfo(float).eps * (2 + np.exp(np.abs(xs)))
    worst = int(np.argmax(np.abs(slopes - exact) / (rtol * exact)))
    assert np.all(np.abs(slopes - exact) <= rtol * exact), _(
        "σ'(x) = σ(x)·(1 − σ(x)) on [−10, 10]: at x = {x:g} expected {expected!r} (to within "
        "{rtol:.1e} of itself); got {got!r}").format(x=xs[worst], expected=exact[worst], rtol=rtol[worst],
                                                    got=slopes[worst])


@pytest.mark.parametrize("f", [sigmoid, sigmoid_deriv, elu, elu_deriv, tanh, tanh_deriv], ids=lambda f: f.__name__)
def test_no_overflow_at_plus_minus_1000(f):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            got = f(np.array([-1000.0, 1000.0]))
        except (RuntimeWarning, FloatingPointError, OverflowError) as err:
            pytest.fail(_("{name}([−1000, 1000]) overflowed ({error}): keep exp away from large arguments").format(
                name=f.__name__, error=err)
                + (_(" — np.tanh(x), or 2σ(2x) − 1, never overflows") if f in (tanh, tanh_deriv) else ""))
    assert np.all(np.isfinite(got)), _("{name}([−1000, 1000]) should be finite; got {got}").format(
        name=f.__name__, got=got)


def test_on_a_two_dimensional_array():
    z = np.array([[-1.0, 0.0, 2.0], [3.0, -4.0, 0.5]])
    for f in (step, sigmoid, tanh, relu, leaky_relu, elu, step_deriv, sigmoid_deriv, tanh_deriv, relu_deriv,
              leaky_relu_deriv, elu_deriv):
        assert np.shape(f(z)) == (2, 3), _("{name} of a (2, 3) array should keep the shape; got {shape}").format(
            name=f.__name__, shape=np.shape(f(z)))


def test_an_int_array_gives_floats():
    z = np.array([-2, 0, 3])
    for f in (step, sigmoid, tanh, relu, leaky_relu, elu, step_deriv, sigmoid_deriv, tanh_deriv, relu_deriv,
              leaky_relu_deriv, elu_deriv):
        got = f(z)
        assert isinstance(got, np.ndarray) and got.dtype == np.float64, _(
            "{name}(np.array([-2, 0, 3])), an array of ints, should give a float64 array; got {got!r}").format(
            name=f.__name__, got=got)


W = np.array([[1.0, -1.0, 0.5], [0.5, 2.0, -1.0]])
B = np.array([0.0, -0.5, 0.25])


@pytest.mark.parametrize("sample", [(1.0, 2.0), (2.0, -1.0), (-1.0, -1.0), (0.0, 0.3)])
def test_maxout_and_its_gradient_for_one_sample(sample):
    xs = np.array(sample)
    pieces = xs @ W + B
    got = maxout(xs, W, B)
    assert isinstance(got, float), _("maxout of one sample {sample} should be a float; got {got!r}").format(
        sample=sample, got=got)
    assert got == pytest.approx(pieces.max()), _(
        "maxout({sample}): the pieces are {pieces}, the largest {largest}; got {got!r}").format(
        sample=sample, pieces=pieces, largest=pieces.max(), got=got)
    grad = maxout_deriv(xs, W, B)
    numeric = numeric_partials(lambda a, b: maxout(np.array([a, b]), W, B), list(sample))
    np.testing.assert_allclose(grad, numeric, rtol=1e-6, err_msg=_(
        "∂ maxout/∂x at {sample} is the weight column of the winning piece, {column}").format(
        sample=sample, column=W[:, pieces.argmax()]))


def test_maxout_on_a_batch():
    X = np.array([[1.0, 2.0], [2.0, -1.0], [-1.0, -1.0]])
    got = maxout(X, W, B)
    assert np.shape(got) == (3,), _("maxout of a (3, 2) batch gives one value per row, shape (3,); got {shape}").format(
        shape=np.shape(got))
    pieces = X @ W + B
    across = _(" — that is the largest over the samples (axis=0), not over each sample's own pieces (axis=-1)")
    np.testing.assert_allclose(got, pieces.max(axis=1), rtol=1e-12, err_msg=(
        _("maxout of a (3, 2) batch: each row's largest piece x·W[:, k] + b[k]") + (
            across if np.allclose(got, pieces.max(axis=0), rtol=1e-12) else "")))
    grads = maxout_deriv(X, W, B)
    assert np.shape(grads) == (3, 2), _(
        "maxout_deriv of a (3, 2) batch: one gradient row per sample, (3, 2); got {shape}").format(shape=np.shape(grads))
    np.testing.assert_allclose(grads, W.T[pieces.argmax(axis=1)], rtol=1e-12, err_msg=(
        _("maxout_deriv of a (3, 2) batch: row i is the weight column of row i's winning piece") + (
            across if np.allclose(grads, W.T[pieces.argmax(axis=0)], rtol=1e-12) else "")))
