"""Kata 1 · Numeric derivative — the checks. Read them; don't edit them. `make kata N=1` runs them."""

import functools
import math

import pytest

from katas._runner.feedback import _, expect_error, looks_like
from katas.k01_numeric_derivative import central_derivative, derivative

# The course's examples with Δx = 0.01 (lecture 9, "미분의 정의"): f, its name, the exact slope.
COURSE = [
    (lambda x: 3, "f(x) = 3", 0),
    (lambda x: x, "f(x) = x", 1),
    (lambda x: 2 * x, "f(x) = 2x", 2),
]


@pytest.mark.parametrize("at", [-2, 0, 5, 10.5])
@pytest.mark.parametrize("f, name, slope", COURSE, ids=[name for f, name, slope in COURSE])
def test_course_functions(f, name, slope, at):
    got = derivative(f, at)
    assert isinstance(got, float), _("derivative(f, {at}) for {name} should return a float; got {got!r}").format(
        at=at, name=name, got=got)
    assert got == pytest.approx(slope, abs=1e-9), (
        _("derivative(f, {at}) for {name}: expected {slope} (the course's Δx = 0.01 example); got {got!r}")
        .format(at=at, name=name, slope=slope, got=got))


# Each difference's own value, pinned: f, name, x, Δx, forward, central (worked by hand).
PINNED = [
    (lambda x: x**2, "x²", 3, 0.01, 6.01, 6.0),
    (lambda x: x**2, "x²", 3, 0.1, 6.1, 6.0),
    (lambda x: x**3, "x³", 2, 0.1, 12.61, 12.01),
    (lambda x: x**3, "x³", -1, 0.01, 2.9701, 3.0001),
    # a negative Δx is a step to the left: the docstrings allow any non-zero finite dx
    (lambda x: x**2, "x²", 3, -0.1, 5.9, 6.0),
]
PINNED_IDS = [f"{name}, x={x}, dx={dx}" for f, name, x, dx, *expected in PINNED]


# rel=1e-12: f(x+Δx), f(x) and x+Δx are each rounded to the last bit (about 1e-16 of their size), and
# dividing by Δx = 0.01 magnifies those errors a hundredfold, to about 1e-14 of the quotient: every way
# of writing the quotient stays well inside, while a quotient rounded to a few decimals falls outside.
REL = 1e-12


def _slip(got, expected, value, mistakes, rounded, function, dx=None):
    """' — that is …' when got is `value` (the quotient, worked as the check expects it) rounded to some
    decimals, or one of `mistakes` that a near miss of `expected` could not also be and that `function`
    makes at a second point too (one value can match a slip by chance: ⌊6.01⌋ is x²'s central slope at
    3); else ''. dx is the step the check passed (None: the default, 0.01)."""
    telling = {description: wrong for description, wrong in mistakes.items()
               if not math.isclose(wrong, expected, rel_tol=1e-7, abs_tol=1e-9)}
    named = ""
    for description, wrong in telling.items():
        hint = looks_like(got, {description: wrong})
        if hint and _again(function, description, dx):
            named = hint
            break
    for decimals in range(15, 1, -1):  # the most decimals that give got: round(v, 10) may end in zeros
        if not named and isinstance(got, float) and got == round(value, decimals) != value:
            named = _(" — that is {mistake}").format(mistake=rounded.format(decimals=decimals))
    return named


def _again(function, description, dx):
    """Whether `function` gives the slip `description` for f(x) = x³ + 2x at 1.3 as well."""
    f, x = (lambda t: t**3 + 2 * t), 1.3
    try:
        got = function(f, x) if dx is None else function(f, x, dx=dx)
    except Exception:  # noqa: BLE001 - whatever it is, it does not confirm the slip
        return False
    wrong = _wrong_answers(f, x, 0.01 if dx is None else dx)[description]
    return isinstance(got, (int, float)) and math.isclose(got, wrong, rel_tol=1e-7, abs_tol=1e-9)


def _wrong_answers(f, x, dx):
    """What the usual slips give, so a failure can name the slip."""
    return {
        _("the central difference (f(x+Δx) − f(x−Δx))/(2Δx)"): (f(x + dx) - f(x - dx)) / (2 * dx),
        _("the forward difference (f(x+Δx) − f(x))/Δx"): (f(x + dx) - f(x)) / dx,
        _("the backward difference (f(x) − f(x−Δx))/Δx"): (f(x) - f(x - dx)) / dx,
        _("the right formula with the sign flipped"): (f(x) - f(x + dx)) / dx,
        _("the forward difference with Δx = 0.01 instead of the dx argument"): (f(x + 0.01) - f(x)) / 0.01,
        _("the central difference with Δx = 0.01 instead of the dx argument"): (f(x + 0.01) - f(x - 0.01)) / 0.02,
        _("the central difference without the 2 in 2Δx"): (f(x + dx) - f(x - dx)) / dx,
        _("f(x+Δx) − f(x) not divided by Δx"): f(x + dx) - f(x),
    }


@pytest.mark.parametrize("f, name, x, dx, forward, central", PINNED, ids=PINNED_IDS)
def test_forward_difference_value(f, name, x, dx, forward, central):
    got = derivative(f, x, dx=dx)
    mistakes = _wrong_answers(f, x, dx)
    value = mistakes.pop(_("the forward difference (f(x+Δx) − f(x))/Δx"))
    assert got == pytest.approx(forward, rel=REL), (
        _("derivative(f, {x}, dx={dx}) for f(x) = {name}: expected {forward}, the forward difference "
          "(f({x}+{dx}) − f({x}))/{dx}; got {got!r}").format(x=x, dx=dx, name=name, forward=forward, got=got)
        + _slip(got, forward, value, mistakes, _("the forward difference rounded to {decimals} decimals"),
                derivative, dx))


@pytest.mark.parametrize("f, name, x, dx, forward, central", PINNED, ids=PINNED_IDS)
def test_central_difference_value(f, name, x, dx, forward, central):
    got = central_derivative(f, x, dx=dx)
    mistakes = _wrong_answers(f, x, dx)
    value = mistakes.pop(_("the central difference (f(x+Δx) − f(x−Δx))/(2Δx)"))
    assert got == pytest.approx(central, rel=REL), (
        _("central_derivative(f, {x}, dx={dx}) for f(x) = {name}: expected {central}, "
          "(f({x}+{dx}) − f({x}−{dx}))/(2·{dx}); got {got!r}").format(
            x=x, dx=dx, name=name, central=central, got=got)
        + _slip(got, central, value, mistakes, _("the central difference rounded to {decimals} decimals"),
                central_derivative, dx))


# Curved functions, with sympy's exact derivatives as the reference: name, f, f as sympy reads it.
# sympy is imported only once your code has answered, so a red run stays quick.
FAMILY = {
    "x²": (lambda x: x**2, "x**2"),
    "x³": (lambda x: x**3, "x**3"),
    "sin x": (math.sin, "sin(x)"),
    "exp x": (math.exp, "exp(x)"),
    "σ(x) = 1/(1 + e⁻ˣ)": (lambda x: 1 / (1 + math.exp(-x)), "1/(1 + exp(-x))"),
}
POINTS = [-1.5, 0.5, 2.0]  # none where f'' = 0, so forward and central always differ


@functools.lru_cache(maxsize=None)
def _symbolic(name, order=0):
    """(the order-th derivative of FAMILY[name] as a sympy expression, and as a float function)."""
    import sympy

    x = sympy.Symbol("x")
    expr = sympy.diff(sympy.sympify(FAMILY[name][1]), x, order)
    return expr, sympy.lambdify(x, expr, "math")


def _max_abs(name, order, lo, hi):
    """max |order-th derivative| at the ends and middle of [lo, hi]: enough for these smooth functions."""
    f = _symbolic(name, order)[1]
    return max(abs(f(t)) for t in (lo, (lo + hi) / 2, hi))


def _exact_quotient(name, ahead, behind):
    """(f(ahead) − f(behind)) / (ahead − behind) in 30-digit arithmetic."""
    expr = _symbolic(name)[0]
    x = next(iter(expr.free_symbols))
    return float(((expr.subs(x, ahead) - expr.subs(x, behind)) / (ahead - behind)).evalf(30))


@pytest.mark.parametrize("at", POINTS)
@pytest.mark.parametrize("name", FAMILY)
def test_forward_difference_error_is_about_dx_times_f2_over_2(name, at):
    f, dx = FAMILY[name][0], 0.01
    got = derivative(f, at)
    exact = _symbolic(name, 1)[1](at)
    # Taylor: the forward difference = f'(x) + Δx·f''(ξ)/2 for some ξ in [x, x+Δx]
    bound = dx / 2 * _max_abs(name, 2, at, at + dx) * 1.05 + 1e-9
    assert abs(got - exact) <= bound, (
        _("derivative(f, {at}) for f(x) = {name}: sympy's exact f'({at}) is {exact:.10f}, and the forward "
          "difference may be off by at most Δx·|f''|/2 ≈ {bound:.2e}; got {got!r}").format(
            at=at, name=name, exact=exact, bound=bound, got=got))
    # ... and it is the forward difference, not something more accurate passed off as one
    expected = _exact_quotient(name, at + dx, at)
    mistakes = _wrong_answers(f, at, dx)
    value = mistakes.pop(_("the forward difference (f(x+Δx) − f(x))/Δx"))
    assert got == pytest.approx(expected, rel=REL), (
        _("derivative(f, {at}) for f(x) = {name}: expected the forward difference {expected!r}; got {got!r}")
        .format(at=at, name=name, expected=expected, got=got)
        + _slip(got, expected, value, mistakes, _("the forward difference rounded to {decimals} decimals"),
                derivative))


@pytest.mark.parametrize("at", POINTS)
@pytest.mark.parametrize("name", FAMILY)
def test_central_difference_error_is_about_dx2_times_f3_over_6(name, at):
    f, dx = FAMILY[name][0], 0.01
    got = central_derivative(f, at)
    exact = _symbolic(name, 1)[1](at)
    bound = dx**2 / 6 * _max_abs(name, 3, at - dx, at + dx) * 1.05 + 1e-9
    mistakes = _wrong_answers(f, at, dx)
    value = mistakes.pop(_("the central difference (f(x+Δx) − f(x−Δx))/(2Δx)"))
    assert abs(got - exact) <= bound, (
        _("central_derivative(f, {at}) for f(x) = {name}: sympy's exact f'({at}) is {exact:.10f}, and the "
          "central difference may be off by at most Δx²·|f'''|/6 ≈ {bound:.2e}; got {got!r}").format(
            at=at, name=name, exact=exact, bound=bound, got=got)
        + _slip(got, value, value, mistakes, _("the central difference rounded to {decimals} decimals"),
                central_derivative))
    expected = _exact_quotient(name, at + dx, at - dx)
    assert got == pytest.approx(expected, rel=REL), (
        _("central_derivative(f, {at}) for f(x) = {name}: expected (f(x+Δx) − f(x−Δx))/(2Δx) = {expected!r}; "
          "got {got!r}").format(at=at, name=name, expected=expected, got=got)
        + _slip(got, expected, value, mistakes, _("the central difference rounded to {decimals} decimals"),
                central_derivative))


def test_halving_dx_halves_the_forward_error_and_quarters_the_central():
    f, exact = math.sin, math.cos(1.0)
    forward = [abs(derivative(f, 1.0, dx) - exact) for dx in (0.02, 0.01)]
    central = [abs(central_derivative(f, 1.0, dx) - exact) for dx in (0.02, 0.01)]
    assert forward[0] / forward[1] == pytest.approx(2, rel=0.05), (
        _("forward errors for sin at 1 with Δx = 0.02 and 0.01: {errors}; the ratio should be about 2")
        .format(errors=forward))
    assert central[0] / central[1] == pytest.approx(4, rel=0.05), (
        _("central errors for sin at 1 with Δx = 0.02 and 0.01: {errors}; the ratio should be about 4")
        .format(errors=central))


# The docstrings allow any non-zero finite dx, and the result shows Δx down to 1e-14. A power of two as Δx
# keeps 1 ± Δx and its square exact, so every way of writing either quotient gives x²'s slope at 1, 2.0.
@pytest.mark.parametrize("dx", [2.0**-30, -(2.0**-50)], ids=repr)
@pytest.mark.parametrize("function", [derivative, central_derivative], ids=lambda fn: fn.__name__)
def test_a_tiny_dx_is_still_a_step(function, dx):
    try:
        got = function(lambda x: x**2, 1.0, dx=dx)
    except NotImplementedError:
        raise
    except Exception as err:
        pytest.fail(_("{function}(f, 1.0, dx={dx!r}) for f(x) = x²: expected 2.0; it raised {error}: {said} — "
                      "the docstring allows any non-zero finite dx, of either sign and however small (the result "
                      "shows Δx down to 1e-14)").format(function=function.__name__, dx=dx, error=type(err).__name__, said=err))
    assert got == pytest.approx(2.0, rel=REL), (
        _("{function}(f, 1.0, dx={dx!r}) for f(x) = x²: expected 2.0 (with this Δx, 1 ± Δx and its square "
          "are exact in floating point); got {got!r}").format(function=function.__name__, dx=dx, got=got))


@pytest.mark.parametrize("dx", [0, 0.0, -0.0, math.inf, -math.inf, math.nan], ids=repr)
@pytest.mark.parametrize("function", [derivative, central_derivative], ids=lambda fn: fn.__name__)
def test_a_bad_dx_is_a_value_error(function, dx):
    expect_error(ValueError, lambda: function(lambda x: x**2, 3, dx=dx), f"{function.__name__}(f, 3, dx={dx!r})")
