"""Kata 2 · Partial derivatives — the checks. Read them; don't edit them. `make kata N=2` runs them."""

import math

import numpy as np
import pytest

from katas._runner.feedback import N_, _, expect_error, looks_like
from katas.k02_partial_derivatives import gradient, partial_derivative


def _function(expr, variables):
    """f as a plain Python function of the variables, from sympy's spelling of it ("x**2*y")."""
    return eval(f"lambda {', '.join(variables)}: {expr}", {"exp": math.exp, "sin": math.sin})  # noqa: S307


def _in_sympy(expr, variables):
    """The expression and its variables in sympy, imported here and not at the top: the checks call
    partial_derivative first, so a red run (a stub) never waits for sympy to load."""
    import sympy

    return sympy.sympify(expr), sympy.symbols(variables)


def _wrong_answers(f, point, i, dx=0.01):
    """What the usual slips give for coordinate i, so that a failure can name the slip."""
    point = np.array(point, dtype=float)

    def at(**shift):
        p = point.copy()
        for k, step in shift.items():
            p[int(k[1:])] += step
        return f(*p)

    others = {f"c{k}": dx for k in range(point.size)}
    mistakes = {
        _("the central difference; this kata asks for the forward one"): (at(**{f"c{i}": dx}) - at(**{f"c{i}": -dx})) / (2 * dx),
        _("every coordinate nudged at once (the slope along (1, 1, …), not along one axis)"): (at(**others) - f(*point)) / dx,
        _("the sign flipped"): (f(*point) - at(**{f"c{i}": dx})) / dx,
    }
    for j in range(point.size):
        if j != i:
            mistakes[_("the partial in coordinate {j}, not {i}").format(j=j, i=i)] = (at(**{f"c{j}": dx}) - f(*point)) / dx
    return mistakes


# The course's cases (lecture 9): name, f, variables, point; sympy gives the exact partials there.
COURSE = [
    ("f(x, y) = xy", "x*y", ("x", "y"), (3.0, 4.0)),
    ("f(x, y) = xy", "x*y", ("x", "y"), (-2.0, 0.5)),
    ("f(x) = x + x", "x + x", ("x",), (5.0,)),
    ("f(x) = x + 3", "x + 3", ("x",), (-1.5,)),
    ("f(x, y) = x + y", "x + y", ("x", "y"), (3.0, 4.0)),
    ("f(x, y) = x + y", "x + y", ("x", "y"), (0.0, -7.0)),
]
def _case_id(name, expr, variables, point, i):
    """`f(x, y) = xy; ∂/∂x; x=3.0, y=4.0`: the function, the partial derivative and the point."""
    return f"{name}; ∂/∂{variables[i]}; " + ", ".join(f"{v}={p}" for v, p in zip(variables, point))


COURSE_CASES = [(name, expr, variables, point, i) for name, expr, variables, point in COURSE
                for i in range(len(variables))]


@pytest.mark.parametrize("name, expr, variables, point, i", COURSE_CASES,
                         ids=[_case_id(*c) for c in COURSE_CASES])
def test_course_cases(name, expr, variables, point, i):
    f = _function(expr, variables)
    got = partial_derivative(f, point, i)
    expr, variables = _in_sympy(expr, variables)
    exact = float(expr.diff(variables[i]).subs(dict(zip(variables, point))))
    assert isinstance(got, float), _("partial_derivative should return a float; got {got!r}").format(got=got)
    assert got == pytest.approx(exact, abs=1e-9), (
        _("partial_derivative(f, {point}, {i}) for {name}: expected ∂f/∂{variable} = {exact:g} "
          "(the course's case); got {got!r}").format(
            point=point, i=i, name=name, variable=variables[i], exact=exact, got=got)
        + looks_like(got, _wrong_answers(f, point, i)))


# Curved functions of two and three variables, against sympy.
SYMBOLIC = [
    ("x²y", "x**2*y", ("x", "y"), (2.0, 3.0)),
    ("x²y", "x**2*y", ("x", "y"), (-1.0, 0.5)),
    ("sin(x)·y", "sin(x)*y", ("x", "y"), (0.7, -2.0)),
    ("x·y·z", "x*y*z", ("x", "y", "z"), (1.5, -2.0, 0.5)),
    ("σ(w·x + b)", "1/(1 + exp(-(w*x + b)))", ("w", "x", "b"), (-2.0, 5.0, 3.0)),
    ("σ(w·x + b)", "1/(1 + exp(-(w*x + b)))", ("w", "x", "b"), (0.5, 1.0, -0.2)),
]
SYMBOLIC_CASES = [(name, expr, variables, point, i) for name, expr, variables, point in SYMBOLIC
                  for i in range(len(variables))]


@pytest.mark.parametrize("name, expr, variables, point, i", SYMBOLIC_CASES,
                         ids=[_case_id(*c) for c in SYMBOLIC_CASES])
def test_against_sympy(name, expr, variables, point, i):
    f, dx = _function(expr, variables), 0.01
    got = partial_derivative(f, point, i)  # first: sympy's derivatives take a while
    expr, variables = _in_sympy(expr, variables)
    at = dict(zip(variables, point))
    exact = float(expr.diff(variables[i]).subs(at))
    # the forward difference is off by Δx·(∂²f/∂xᵢ²)/2 somewhere in [xᵢ, xᵢ + Δx]
    second = expr.diff(variables[i], 2).subs({v: p for v, p in at.items() if v != variables[i]})
    curvature = lambda t: float(second.subs(variables[i], t))  # noqa: E731
    bound = dx / 2 * max(abs(curvature(point[i] + t)) for t in (0, dx / 2, dx)) * 1.05 + 1e-9
    slips = looks_like(got, _wrong_answers(f, point, i))
    assert abs(got - exact) <= bound, (
        _("partial_derivative(f, {point}, {i}) for f = {name}: sympy's ∂f/∂{variable} is {exact:.8f}, "
          "and the forward difference may be off by at most {bound:.1e}; got {got!r}").format(
            point=point, i=i, name=name, variable=variables[i], exact=exact, bound=bound, got=got)
        + slips)
    forward = float(((expr.subs({**at, variables[i]: point[i] + dx}) - expr.subs(at)) / dx).evalf(30))
    assert got == pytest.approx(forward, rel=1e-9, abs=1e-12), (
        _("partial_derivative(f, {point}, {i}) for f = {name}: expected the forward difference "
          "{forward!r}; got {got!r}").format(point=point, i=i, name=name, forward=forward, got=got)
        + slips)


def test_the_step_is_the_dx_argument():
    f = lambda x, y: x**2 * y  # noqa: E731
    got = partial_derivative(f, (2.0, 3.0), 0, dx=0.1)
    assert got == pytest.approx(12.3, rel=1e-9), (
        _("partial_derivative(f, (2, 3), 0, dx=0.1) for f = x²y: expected ((2.1)²·3 − 12)/0.1 = 12.3; got {got!r}")
        .format(got=got))


@pytest.mark.parametrize("kind", [tuple, list, np.array], ids=["tuple", "list", "array"])
def test_the_point_is_left_unchanged(kind):
    point = kind([2.0, 3.0])
    partial_derivative(lambda x, y: x**2 * y, point, 0)
    gradient(lambda x, y: x**2 * y, point)
    assert list(point) == [2.0, 3.0], _("the caller's point became {point}: nudge a copy").format(point=list(point))


# nudged in an integer array, 2 + 0.01 is stored as 2: f does not change and the slope is 0
INTEGER_POINT = N_("the point kept as an integer array, where 2 + 0.01 is stored as 2: nudge a float copy")


def test_an_integer_point_is_nudged_by_a_fraction():
    got = partial_derivative(lambda x, y: x**2 * y, np.array([2, 3]), 0)
    assert got == pytest.approx(12.03, rel=1e-9), (
        _("partial_derivative(f, np.array([2, 3]), 0) for f = x²y: expected 12.03; got {got!r}").format(got=got)
        + looks_like(got, {_(INTEGER_POINT): 0.0}))


def test_gradient_of_x2y_is_the_vector_of_partials():
    got = gradient(lambda x, y: x**2 * y, (2.0, 3.0))
    assert isinstance(got, np.ndarray), _("gradient should return a numpy array; got {kind}").format(
        kind=type(got).__name__)
    assert got.shape == (2,) and got.dtype == np.float64, _("expected shape (2,) float64; got {shape} {dtype}").format(
        shape=got.shape, dtype=got.dtype)
    np.testing.assert_allclose(got, [12.03, 4.0], rtol=1e-9, err_msg=(
        _("gradient(f, (2, 3)) for f = x²y: expected (∂f/∂x, ∂f/∂y) ≈ (12.03, 4.0), forward differences")))


def test_gradient_of_three_variables():
    got = gradient(lambda x, y, z: x * y * z, [1.5, -2.0, 0.5])
    assert got.shape == (3,), _("one partial per coordinate: expected shape (3,); got {shape}").format(shape=got.shape)
    np.testing.assert_allclose(got, [-1.0, 0.75, -3.0], rtol=1e-9,
                               err_msg=_("gradient of xyz at (1.5, −2, 0.5): expected (yz, xz, xy)"))


@pytest.mark.parametrize("point", [(2, 3), np.array([2, 3])], ids=["(2, 3)", "np.array([2, 3])"])
def test_the_gradient_at_an_integer_point_is_nudged_by_a_fraction(point):
    shown = repr(point)  # before the call: a gradient that writes into the point would change it
    returned = np.asarray(gradient(lambda x, y: x**2 * y, point))
    got = returned.astype(float)
    slip = (_(" — that is {mistake}").format(mistake=_(INTEGER_POINT)) if np.all(got == 0) else
            _(" — the gradient came back as an integer array ({dtype}), which drops the fractions: an array made "
              "like the point (np.zeros_like(point)) takes its integer dtype; make it float64").format(
                dtype=returned.dtype) if returned.dtype.kind in "iu" else "")
    np.testing.assert_allclose(got, [12.03, 4.0], rtol=1e-9, err_msg=(
        _("gradient(f, {point}) for f = x²y: expected (∂f/∂x, ∂f/∂y) ≈ (12.03, 4.0)").format(point=shown)
        + slip))


@pytest.mark.parametrize("dx", [0.5, -0.1])
def test_the_gradient_uses_the_step_it_is_given(dx):
    got = gradient(lambda x, y: x**2 + y**2, (3.0, 4.0), dx=dx)
    np.testing.assert_allclose(got, [6 + dx, 8 + dx], rtol=1e-9, err_msg=(
        _("gradient(x² + y², (3, 4), dx={dx}): expected (2x + Δx, 2y + Δx) = ({first}, {second}), each partial "
          "with the step given; (6.01, 8.01) would be Δx = 0.01, the default, instead of dx").format(
            dx=dx, first=6 + dx, second=8 + dx)))


@pytest.mark.parametrize("point", [(3.0, 4.0), (-1.0, 2.0), (0.5, -0.5)])
def test_the_gradient_points_uphill(point):
    bowl = lambda x, y: x**2 + y**2  # noqa: E731
    g = gradient(bowl, point)
    np.testing.assert_allclose(g, 2 * np.array(point) + 0.01, rtol=1e-9,
                               err_msg=_("gradient of x² + y² at {point}: expected (2x + Δx, 2y + Δx)").format(
                                   point=point))
    step = 0.01 * g
    assert bowl(*(np.array(point) + step)) > bowl(*point) > bowl(*(np.array(point) - step)), (
        _("at {point} a small step along ∇f = {g} should go up, and against it down").format(point=point, g=g))


@pytest.mark.parametrize("i", [2, -1, 5])
def test_a_wrong_coordinate_is_an_index_error(i):
    expect_error(IndexError, lambda: partial_derivative(lambda x, y: x * y, (1.0, 2.0), i),
                 _("partial_derivative(f, (1, 2), {i}) for a point with 2 coordinates").format(i=i))


@pytest.mark.parametrize("dx", [0, math.inf, math.nan], ids=repr)
def test_a_bad_dx_is_a_value_error(dx):
    expect_error(ValueError, lambda: partial_derivative(lambda x, y: x * y, (1.0, 2.0), 0, dx=dx),
                 f"partial_derivative(f, (1, 2), 0, dx={dx!r})")
    expect_error(ValueError, lambda: gradient(lambda x, y: x * y, (1.0, 2.0), dx=dx),
                 f"gradient(f, (1, 2), dx={dx!r})")
