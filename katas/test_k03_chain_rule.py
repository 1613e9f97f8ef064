"""Kata 3 · Chain rule on a computational graph — the checks. `make kata N=3` runs them."""

import pytest
import sympy

from katas._runner.feedback import N_, _, expect_error, looks_like, numeric_partials
from katas.k03_chain_rule import Add, Mul, Sigmoid, linear, logistic, square

w_, x_, b_, z_ = sympy.symbols("w x b z")
SIGMA = 1 / (1 + sympy.exp(-z_))
LOGISTIC = SIGMA.subs(z_, w_ * x_ + b_)


KEEPS = {"Mul": _("its inputs on self (self.x, self.y)"), "Sigmoid": _("its output on self (self.out)")}


# why backward said "no forward yet" after a forward that had 0.0 among its inputs
KEPT_ZERO = N_(" — forward did run: a kept 0.0 is a value, not a sign that forward has not run (test "
               "`self.x is None`, not `not self.x`)")


def _zero_taken_for_nothing():
    """True when Mul.backward works after a forward without zeros: then a RuntimeError after a forward
    with a 0.0 comes from a check that takes 0.0 for "nothing kept"."""
    node = Mul()
    node.forward(2.0, 3.0)
    try:
        node.backward(1.0)
    except RuntimeError:
        return False
    return True


def _backward(node, d_out, given=()):
    """node.backward(d_out) after a forward(*given): a RuntimeError then means forward kept nothing for it,
    or that backward took a kept 0.0 for nothing."""
    try:
        return node.backward(d_out)
    except RuntimeError as err:
        name = type(node).__name__
        if 0 in given and isinstance(node, Mul) and _zero_taken_for_nothing():
            pytest.fail(_("{name}.backward({d_out}) right after {name}.forward{given} raised RuntimeError: {err}")
                        .format(name=name, d_out=d_out, given=given, err=err) + _(KEPT_ZERO))
        pytest.fail(_("{name}.backward({d_out}) right after {name}.forward(…) raised RuntimeError: {err}"
                      " — forward() must keep {keeps}, where backward() looks for them").format(
            name=name, d_out=d_out, err=err, keeps=KEEPS[name]))


def test_the_course_example_forward_and_backward():
    got = linear(-2.0, 5.0, 3.0)
    assert len(got) == 4, _("linear(w, x, b) returns (f, dw, dx, db); got {got!r}").format(got=got)
    f, dw, dx, db = got
    hint = _(" — ∂g/∂w and ∂g/∂x are swapped: ∂g/∂w = x, ∂g/∂x = w") if (dw, dx) == (-2.0, 5.0) else ""
    assert f == pytest.approx(-7.0), _("linear(−2, 5, 3): expected f = g + b = −10 + 3 = −7; got {got!r}").format(got=f)
    assert dw == pytest.approx(5.0), _("linear(−2, 5, 3): expected ∂f/∂w = x = 5; got {got!r}").format(got=dw) + hint
    assert dx == pytest.approx(-2.0), _("linear(−2, 5, 3): expected ∂f/∂x = w = −2; got {got!r}").format(got=dx) + hint
    assert db == pytest.approx(1.0), _("linear(−2, 5, 3): expected ∂f/∂b = 1; got {got!r}").format(got=db)


@pytest.mark.parametrize("w, x, b", [(0.5, -4.0, 2.0), (3.0, 0.25, -1.0)])
def test_linear_at_other_points(w, x, b):
    got = linear(w, x, b)
    assert got == pytest.approx((w * x + b, x, w, 1.0)), (
        _("linear({w}, {x}, {b}): expected (w·x + b, ∂f/∂w = x, ∂f/∂x = w, ∂f/∂b = 1) = "
          "{expected}; got {got!r}").format(w=w, x=x, b=b, expected=(w * x + b, x, w, 1.0), got=got))


@pytest.mark.parametrize("x, y, d_out", [(-2.0, 5.0, 1.0), (3.0, 4.0, 2.5), (0.5, -6.0, -0.3), (0.0, 4.0, 1.5)])
def test_mul_node(x, y, d_out):
    node = Mul()
    out = node.forward(x, y)
    assert out == pytest.approx(x * y), _("Mul().forward({x}, {y}): expected {expected}; got {got!r}").format(
        x=x, y=y, expected=x * y, got=out)
    got = _backward(node, d_out, (x, y))
    expected = (d_out * y, d_out * x)
    mistakes = {}
    if d_out != 1:
        mistakes = {_("the local derivatives without d_out: multiply by the gradient from above"): y}
    assert tuple(got) == pytest.approx(expected), (
        _("Mul.backward({d_out}) after forward({x}, {y}): expected (dx, dy) = (d_out·y, d_out·x) = {expected}; "
          "got {got!r}").format(d_out=d_out, x=x, y=y, expected=expected, got=got)
        + (looks_like(got[0], mistakes) if len(got) == 2 else '')
        + (_(" — swapped: the derivative for x is the other input, y") if tuple(got) == pytest.approx(expected[::-1]) else ""))


def test_mul_nodes_keep_their_own_inputs():
    first, second = Mul(), Mul()
    first.forward(1.0, 2.0)
    second.forward(3.0, 4.0)
    got = _backward(first, 1.0)
    assert tuple(got) == pytest.approx((2.0, 1.0)), (
        _("two Mul nodes: the first saw (1, 2), the second (3, 4); first.backward(1) should be (2, 1); got {got!r}")
        .format(got=got)
        + (_(" — that is the second node's inputs: keep the inputs on self, not on the class")
           if tuple(got) == pytest.approx((4.0, 3.0)) else ""))


def test_a_node_remembers_its_latest_forward():
    node = Mul()
    node.forward(1.0, 2.0)
    node.forward(3.0, 4.0)
    got = _backward(node, 1.0)
    assert tuple(got) == pytest.approx((4.0, 3.0)), _(
        "after forward(1, 2) then forward(3, 4), backward(1) should be (4, 3); got {got!r}").format(got=got)


@pytest.mark.parametrize("d_out", [1.0, 2.5, -0.3])
def test_add_node(d_out):
    node = Add()
    out = node.forward(-10.0, 3.0)
    assert out == pytest.approx(-7.0), _("Add().forward(−10, 3): expected −7; got {got!r}").format(got=out)
    got = node.backward(d_out)
    assert tuple(got) == pytest.approx((d_out, d_out)), (
        _("Add.backward({d_out}): expected (d_out·1, d_out·1) = ({d_out}, {d_out}); got {got!r}").format(
            d_out=d_out, got=got))


def test_add_needs_no_forward():
    try:
        got = Add().backward(2.0)
    except NotImplementedError:
        raise
    except Exception as err:  # noqa: BLE001 — the lesson promises this call works
        pytest.fail(_("Add().backward(2.0) before any forward raised {error}: {err} — the lesson: Add "
                      "needs no forward, it keeps nothing (its local derivatives are 1 and 1)").format(
            error=type(err).__name__, err=err), pytrace=False)
    assert tuple(got) == pytest.approx((2.0, 2.0)), _(
        "Add().backward(2.0) without a forward: expected (2.0, 2.0); got {got!r}").format(got=got)


@pytest.mark.parametrize("z", [-3.0, -0.5, 0.0, 1.2, 4.0])
@pytest.mark.parametrize("d_out", [1.0, 0.7])
def test_sigmoid_node_against_sympy(z, d_out):
    node = Sigmoid()
    h = node.forward(z)
    exact_h = float(SIGMA.subs(z_, z))
    assert h == pytest.approx(exact_h, rel=1e-12), _(
        "Sigmoid().forward({z}): expected σ({z}) = {expected:.12f}; got {got!r}").format(z=z, expected=exact_h, got=h)
    got = _backward(node, d_out)
    exact = d_out * float(sympy.diff(SIGMA, z_).subs(z_, z))
    mistakes = {
        _("σ(z) itself, not its derivative h·(1 − h)"): d_out * exact_h,
        _("σ(h)·(1 − σ(h)): σ applied once more to the kept output h, which is σ(z) already"):
            d_out * float(SIGMA.subs(z_, exact_h)) * (1 - float(SIGMA.subs(z_, exact_h))),
        _("z·(1 − z): the derivative formula applied to z instead of the output h"): d_out * z * (1 - z),
        _("h·(1 − h) without d_out"): exact / d_out,
        _("d_out·(1 − h)"): d_out * (1 - exact_h),
    }
    if d_out == 1.0:
        del mistakes[_("h·(1 − h) without d_out")]
    assert got == pytest.approx(exact, rel=1e-12), (
        _("Sigmoid.backward({d_out}) after forward({z}): expected d_out·σ'(z) = {expected:.12f} (sympy); "
          "got {got!r}").format(d_out=d_out, z=z, expected=exact, got=got) + looks_like(got, mistakes))


POINTS = [(-2.0, 5.0, 3.0), (0.5, 1.0, -0.2), (1.5, -0.8, 0.3), (0.0, 2.0, 0.0)]


@pytest.mark.parametrize("w, x, b", POINTS)
def test_logistic_against_sympy_and_a_numeric_gradient(w, x, b):
    try:
        h, dw, dx, db = logistic(w, x, b)
    except RuntimeError as err:
        if 0 in (w, x, b) and _zero_taken_for_nothing():
            pytest.fail(_("logistic({w}, {x}, {b}) raised RuntimeError: {err}").format(w=w, x=x, b=b, err=err)
                        + _(KEPT_ZERO))
        raise
    at = {w_: w, x_: x, b_: b}
    exact = [float(LOGISTIC.subs(at))] + [float(sympy.diff(LOGISTIC, v).subs(at)) for v in (w_, x_, b_)]
    assert (h, dw, dx, db) == pytest.approx(exact, rel=1e-9), (
        _("logistic({w}, {x}, {b}): expected (h, ∂h/∂w, ∂h/∂x, ∂h/∂b) = {expected} "
          "(sympy); got {got!r}").format(w=w, x=x, b=b, expected=tuple(round(v, 9) for v in exact),
                                         got=(h, dw, dx, db)))
    numeric = numeric_partials(lambda w, x, b: 1 / (1 + __import__("math").exp(-(w * x + b))), (w, x, b))
    assert (dw, dx, db) == pytest.approx(numeric, rel=1e-6), (
        _("logistic({w}, {x}, {b}): the gradients should match central differences {numeric}; got {got}").format(
            w=w, x=x, b=b, numeric=numeric, got=(dw, dx, db)))


def test_the_course_point_through_a_sigmoid():
    h, dw, dx, db = logistic(-2.0, 5.0, 3.0)
    scale = h * (1 - h)
    assert h == pytest.approx(0.000911051194400645, rel=1e-12), _(
        "logistic(−2, 5, 3): h = σ(−7) = 0.000911051; got {got!r}").format(got=h)
    assert (dw, dx, db) == pytest.approx((5 * scale, -2 * scale, scale), rel=1e-12), (
        _("logistic(−2, 5, 3): the linear gradients (5, −2, 1) times σ'(−7) = h·(1 − h) = {scale:.9f}; "
          "got {got!r}").format(scale=scale, got=(dw, dx, db)))


@pytest.mark.parametrize("x", [3.0, -1.5, 0.25])
def test_a_value_used_twice_gets_the_sum_of_both_gradients(x):
    got = square(x)
    assert tuple(got) == pytest.approx((x * x, 2 * x)), (
        _("square({x}): expected (x·x, df/dx) = ({square}, {slope}); got {got!r}").format(
            x=x, square=x * x, slope=2 * x, got=got)
        + (_(" — only one path's gradient: x feeds both inputs of the Mul, so add both") if got[1] == pytest.approx(x) else ""))


@pytest.mark.parametrize("node", [Mul, Sigmoid], ids=lambda cls: cls.__name__)
def test_backward_before_forward_is_a_clear_error(node):
    expect_error(RuntimeError, lambda: node().backward(1.0),
                 _("{node}().backward(1.0) before any forward").format(node=node.__name__), match="forward")
