"""Kata 2 · Partial derivatives — the checks. Read them; don't edit them. `make kata N=2` runs them."""

import math

import numpy as np
import pytest
import sympy

from katas._runner.feedback import expect_error, looks_like
from katas.k02_partial_derivatives import gradient, partial_derivative

x, y, z, w, b = sympy.symbols("x y z w b")


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
        "the central difference; this kata asks for the forward one": (at(**{f"c{i}": dx}) - at(**{f"c{i}": -dx})) / (2 * dx),
        "every coordinate nudged at once (the slope along (1, 1, …), not along one axis)": (at(**others) - f(*point)) / dx,
        "the sign flipped": (f(*point) - at(**{f"c{i}": dx})) / dx,
    }
    for j in range(point.size):
        if j != i:
            mistakes[f"the partial in coordinate {j}, not {i}"] = (at(**{f"c{j}": dx}) - f(*point)) / dx
    return mistakes


# The course's cases (lecture 9): name, f, variables, point, the exact partials there.
COURSE = [
    ("f(x, y) = xy", x * y, (x, y), (3.0, 4.0)),
    ("f(x, y) = xy", x * y, (x, y), (-2.0, 0.5)),
    ("f(x) = x + x", x + x, (x,), (5.0,)),
    ("f(x) = x + 3", x + 3, (x,), (-1.5,)),
    ("f(x, y) = x + y", x + y, (x, y), (3.0, 4.0)),
    ("f(x, y) = x + y", x + y, (x, y), (0.0, -7.0)),
]
COURSE_CASES = [(name, expr, variables, point, i) for name, expr, variables, point in COURSE
                for i in range(len(variables))]


@pytest.mark.parametrize("name, expr, variables, point, i", COURSE_CASES,
                         ids=[f"{c[0]} ∂/∂{c[2][c[4]]} at {c[3]}" for c in COURSE_CASES])
def test_course_cases(name, expr, variables, point, i):
    f = sympy.lambdify(variables, expr, "math")
    exact = float(sympy.diff(expr, variables[i]).subs(dict(zip(variables, point))))
    got = partial_derivative(f, point, i)
    assert isinstance(got, float), f"partial_derivative should return a float; got {got!r}"
    assert got == pytest.approx(exact, abs=1e-9), (
        f"partial_derivative(f, {point}, {i}) for {name}: expected ∂f/∂{variables[i]} = {exact:g} "
        f"(the course's case); got {got!r}{looks_like(got, _wrong_answers(f, point, i))}")


# Curved functions of two and three variables, against sympy.
SYMBOLIC = [
    ("x²y", x**2 * y, (x, y), (2.0, 3.0)),
    ("x²y", x**2 * y, (x, y), (-1.0, 0.5)),
    ("sin(x)·y", sympy.sin(x) * y, (x, y), (0.7, -2.0)),
    ("x·y·z", x * y * z, (x, y, z), (1.5, -2.0, 0.5)),
    ("σ(w·x + b)", 1 / (1 + sympy.exp(-(w * x + b))), (w, x, b), (-2.0, 5.0, 3.0)),
    ("σ(w·x + b)", 1 / (1 + sympy.exp(-(w * x + b))), (w, x, b), (0.5, 1.0, -0.2)),
]
SYMBOLIC_CASES = [(name, expr, variables, point, i) for name, expr, variables, point in SYMBOLIC
                  for i in range(len(variables))]


@pytest.mark.parametrize("name, expr, variables, point, i", SYMBOLIC_CASES,
                         ids=[f"{c[0]} ∂/∂{c[2][c[4]]} at {c[3]}" for c in SYMBOLIC_CASES])
def test_against_sympy(name, expr, variables, point, i):
    f, dx = sympy.lambdify(variables, expr, "math"), 0.01
    got = partial_derivative(f, point, i)  # first: sympy's derivatives take a while
    at = dict(zip(variables, point))
    exact = float(sympy.diff(expr, variables[i]).subs(at))
    # the forward difference is off by Δx·(∂²f/∂xᵢ²)/2 somewhere in [xᵢ, xᵢ + Δx]
    curvature = sympy.lambdify(variables[i], sympy.diff(expr, variables[i], 2).subs(
        {v: p for v, p in at.items() if v != variables[i]}), "math")
    bound = dx / 2 * max(abs(curvature(point[i] + t)) for t in (0, dx / 2, dx)) * 1.05 + 1e-9
    slips = looks_like(got, _wrong_answers(f, point, i))
    assert abs(got - exact) <= bound, (
        f"partial_derivative(f, {point}, {i}) for f = {name}: sympy's ∂f/∂{variables[i]} is {exact:.8f}, "
        f"and the forward difference may be off by at most {bound:.1e}; got {got!r}{slips}")
    forward = float(((expr.subs({**at, variables[i]: point[i] + dx}) - expr.subs(at)) / dx).evalf(30))
    assert got == pytest.approx(forward, rel=1e-9, abs=1e-12), (
        f"partial_derivative(f, {point}, {i}) for f = {name}: expected the forward difference "
        f"{forward!r}; got {got!r}{slips}")


def test_the_step_is_the_dx_argument():
    f = lambda x, y: x**2 * y  # noqa: E731
    got = partial_derivative(f, (2.0, 3.0), 0, dx=0.1)
    assert got == pytest.approx(12.3, rel=1e-9), (
        f"partial_derivative(f, (2, 3), 0, dx=0.1) for f = x²y: expected ((2.1)²·3 − 12)/0.1 = 12.3; got {got!r}")


@pytest.mark.parametrize("kind", [tuple, list, np.array], ids=["tuple", "list", "array"])
def test_the_point_is_left_unchanged(kind):
    point = kind([2.0, 3.0])
    partial_derivative(lambda x, y: x**2 * y, point, 0)
    gradient(lambda x, y: x**2 * y, point)
    assert list(point) == [2.0, 3.0], f"the caller's point became {list(point)}: nudge a copy"


def test_an_integer_point_is_nudged_by_a_fraction():
    got = partial_derivative(lambda x, y: x**2 * y, np.array([2, 3]), 0)
    assert got == pytest.approx(12.03, rel=1e-9), (
        f"partial_derivative(f, np.array([2, 3]), 0) for f = x²y: expected 12.03; got {got!r} — "
        "an integer array cannot hold 2.01: make a float copy")


def test_gradient_of_x2y_is_the_vector_of_partials():
    got = gradient(lambda x, y: x**2 * y, (2.0, 3.0))
    assert isinstance(got, np.ndarray), f"gradient should return a numpy array; got {type(got).__name__}"
    assert got.shape == (2,) and got.dtype == np.float64, f"expected shape (2,) float64; got {got.shape} {got.dtype}"
    np.testing.assert_allclose(got, [12.03, 4.0], rtol=1e-9, err_msg=(
        "gradient(f, (2, 3)) for f = x²y: expected (∂f/∂x, ∂f/∂y) ≈ (12.03, 4.0), forward differences"))


def test_gradient_of_three_variables():
    got = gradient(lambda x, y, z: x * y * z, [1.5, -2.0, 0.5])
    assert got.shape == (3,), f"one partial per coordinate: expected shape (3,); got {got.shape}"
    np.testing.assert_allclose(got, [-1.0, 0.75, -3.0], rtol=1e-9,
                               err_msg="gradient of xyz at (1.5, −2, 0.5): expected (yz, xz, xy)")


@pytest.mark.parametrize("dx", [0.5, -0.1])
def test_the_gradient_uses_the_step_it_is_given(dx):
    got = gradient(lambda x, y: x**2 + y**2, (3.0, 4.0), dx=dx)
    np.testing.assert_allclose(got, [6 + dx, 8 + dx], rtol=1e-9, err_msg=(
        f"gradient(x² + y², (3, 4), dx={dx}): expected (2x + Δx, 2y + Δx) = ({6 + dx}, {8 + dx}), each partial "
        f"with the step given; (6.01, 8.01) would be Δx = 0.01, the default, instead of dx"))


@pytest.mark.parametrize("point", [(3.0, 4.0), (-1.0, 2.0), (0.5, -0.5)])
def test_the_gradient_points_uphill(point):
    bowl = lambda x, y: x**2 + y**2  # noqa: E731
    g = gradient(bowl, point)
    np.testing.assert_allclose(g, 2 * np.array(point) + 0.01, rtol=1e-9,
                               err_msg=f"gradient of x² + y² at {point}: expected (2x + Δx, 2y + Δx)")
    step = 0.01 * g
    assert bowl(*(np.array(point) + step)) > bowl(*point) > bowl(*(np.array(point) - step)), (
        f"at {point} a small step along ∇f = {g} should go up, and against it down")


@pytest.mark.parametrize("i", [2, -1, 5])
def test_a_wrong_coordinate_is_an_index_error(i):
    expect_error(IndexError, lambda: partial_derivative(lambda x, y: x * y, (1.0, 2.0), i),
                 f"partial_derivative(f, (1, 2), {i}) for a point with 2 coordinates")


@pytest.mark.parametrize("dx", [0, math.inf, math.nan], ids=repr)
def test_a_bad_dx_is_a_value_error(dx):
    expect_error(ValueError, lambda: partial_derivative(lambda x, y: x * y, (1.0, 2.0), 0, dx=dx),
                 f"partial_derivative(f, (1, 2), 0, dx={dx!r})")
    expect_error(ValueError, lambda: gradient(lambda x, y: x * y, (1.0, 2.0), dx=dx),
                 f"gradient(f, (1, 2), dx={dx!r})")
