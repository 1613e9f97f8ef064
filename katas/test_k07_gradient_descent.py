"""Kata 7 · Gradient descent — the checks. Read them; don't edit them. `make kata N=7` runs them."""

import numpy as np
import pytest

from katas._runner.feedback import _, expect_error, looks_like
from katas.k07_gradient_descent import gradient_descent


def grad(x):
    """The textbook's exercise: loss (x − 3)² + 10, gradient 2x − 6."""
    return 2 * x - 6


def test_the_textbooks_exercise_to_the_exact_float():
    x, history = gradient_descent(grad, 10, lr=0.2, steps=100)
    assert isinstance(x, float), _("for a number x0 the result should be a float; got {got!r}").format(got=x)
    uphill = 10.0
    for _step in range(100):
        uphill = uphill + 0.2 * grad(uphill)
    hint = looks_like(x, {_("w + η·∂E/∂w: step against the gradient, with a minus"): uphill}, rel=1e-9)
    if not hint and not abs(x - 3) < 1e6:
        hint = _(" — it diverged: with η = 0.2 each step x − η·grad(x) takes x closer to 3")
    # x − grad(x) = 6 − x swings 10, −4, 10, …: 100 steps end on 10, where a run that never moves ends too
    if not hint and x == 10 and len(history) > 1 and all(v == 10 for v in history):
        hint = _(" — that is {mistake}").format(mistake=_(
            "x0 itself, in every entry of history: each step's x − η·grad(x) must become the new x"))
    elif not hint and x == 10 and len(history) > 1 and history[1] == -4:
        hint = _(" — that is {mistake}").format(mistake=_(
            "x − grad(x), η left out: x swings between 10 and −4 (x₁ = 10 − 14)"))
    # == on purpose: 100 steps of x − 0.2·(2x − 6) from 10 end on exactly this float
    assert x == 3.0000000000000004, (
        _("gradient_descent(2x − 6, x0=10, lr=0.2, steps=100): expected 3.0000000000000004 (the book prints "
          "3.000000000000004); got {got!r}").format(got=x) + hint)


def test_the_float_settles_at_step_73():
    history = gradient_descent(grad, 10, lr=0.2, steps=100)[1]
    away = abs(history[-1] - 3) > abs(history[0] - 3)  # diverged: farther from 3 than where it started
    assert abs(history[-1] - 3) < 1, (
        _("the lesson: x reaches 3.0000000000000004 at step 73 and stays there; your run ends on {last!r}, "
          "far from 3").format(last=history[-1])
        + (_(" — it diverged: with η = 0.2 each step x − η·grad(x) takes x closer to 3") if away else ""))
    # Where history itself is off (x0 missing, an entry that is not the step from the one before), say that:
    # the step at which it settles moves with it, while the arithmetic may be exact.
    assert len(history) == 101, _("steps={steps}: history holds x0 and then one entry per step, {total} in all; got {n}").format(
        steps=100, total=101, n=len(history))
    assert history[0] == 10, _("history[0] must be x0 = 10; got {got!r}").format(got=history[0])
    for k in range(100):
        expected = history[k] - 0.2 * grad(history[k])
        assert history[k + 1] == pytest.approx(expected, rel=1e-12), (
            _("history[{next}] should be history[{k}] − η·grad(history[{k}]) = {expected!r}; got {got!r}").format(
                next=k + 1, k=k, expected=expected, got=history[k + 1]))
    settled = next(k for k in range(len(history)) if all(v == history[-1] for v in history[k:]))
    assert settled == 73, (
        _("the lesson: x reaches 3.0000000000000004 at step 73 and stays there; with your steps it settles at step "
          "{settled}, on {last!r}: take x − η·grad(x) exactly, once per step").format(settled=settled, last=history[-1]))


def test_the_first_steps_by_hand():
    history = gradient_descent(grad, 10, lr=0.2, steps=3)[1]
    assert len(history) == 4, _("3 steps from x0: history is [x0, x1, x2, x3], 4 entries; got {n}: {history}").format(
        n=len(history), history=history)
    expected = [10.0, 7.2, 5.52, 4.512]
    assert [float(v) for v in history] == pytest.approx(expected, rel=1e-12), (
        _("x₁ = 10 − 0.2·14 = 7.2, x₂ = 5.52, x₃ = 4.512: expected history {expected}; got {history}").format(
            expected=expected, history=history))


@pytest.mark.parametrize("steps", [1, 5, 100])
def test_history_starts_at_x0_with_one_entry_per_step(steps):
    x, history = gradient_descent(grad, 10, lr=0.2, steps=steps)
    assert len(history) == steps + 1, (
        _("steps={steps}: history holds x0 and then one entry per step, {total} in all; got {n}").format(
            steps=steps, total=steps + 1, n=len(history)))
    assert history[0] == 10, _("history[0] must be x0 = 10; got {got!r}").format(got=history[0])
    assert history[-1] == x, _("the returned x must be the last entry of history; got x = {x!r}, history[-1] = {last!r}").format(
        x=x, last=history[-1])
    for k in range(steps):
        expected = history[k] - 0.2 * grad(history[k])
        assert history[k + 1] == pytest.approx(expected, rel=1e-12), (
            _("history[{next}] should be history[{k}] − η·grad(history[{k}]) = {expected!r}; got {got!r}").format(
                next=k + 1, k=k, expected=expected, got=history[k + 1]))


def test_precision_stops_after_the_first_short_step():
    x, history = gradient_descent(grad, 10, lr=0.2, steps=100, precision=0.00001)
    taken = len(history) - 1
    assert taken == 26, (
        _("with precision = 0.00001 the 26th step is the first shorter than 0.00001 (|x₂₆ − x₂₅| ≈ 8e-6): "
          "expected 26 steps; took {taken}").format(taken=taken))
    assert x == pytest.approx(3.0000119407209724, rel=1e-12), _("after 26 steps x = 3.0000119407…; got {got!r}").format(got=x)


def test_without_precision_every_step_is_taken():
    history = gradient_descent(grad, 10, lr=0.2, steps=100, precision=None)[1]
    assert len(history) == 101, _("precision=None: all 100 steps, so 101 entries; got {n}").format(n=len(history))


def test_the_bowl_in_two_dimensions():
    x0 = np.array([3.0, 4.0])
    x, history = gradient_descent(lambda p: 2 * p, x0, lr=0.1, steps=100)
    assert isinstance(x, np.ndarray) and x.shape == (2,), (
        _("for a vector x0 the result is a vector of shape (2,); got {got!r}").format(got=x))
    assert list(x0) == [3.0, 4.0], (
        _("x0 became {x0}: it must be left unchanged — x = x − η·g makes a new array, x -= … changes x0 in place").format(
            x0=list(x0)))
    assert x.dtype == np.float64, (
        _("for a vector x0 the result should be a float64 array, as the lesson says; got dtype {dtype}").format(
            dtype=x.dtype))
    same = next(((i, j) for j in range(1, len(history)) for i in range(j)
                 if np.may_share_memory(history[i], history[j])), None)
    if same is not None:
        i, j = same  # history[i] should hold x_i = 0.8^i·(3, 4); an array changed after it was appended does not
        changed = not np.allclose(history[i], 0.8**i * x0, rtol=1e-9)
        pytest.fail(
            _("history[{i}] and history[{j}] are the same array — each step must append a new one: x = x − η·grad(x) "
              "makes one, while an update in place (x -= …, for example) changes the array history already "
              "holds").format(i=i, j=j) if changed else
            _("history[{i}] and history[{j}] are the same array, holding {value} — history[{j}] should be a new array, "
              "the x − η·grad(x) of step {j}").format(i=i, j=j, value=np.asarray(history[i]).tolist()))
    np.testing.assert_allclose(x, [0.0, 0.0], atol=1e-8, err_msg=_("descent on x² + y² from (3, 4) should reach (0, 0)"))
    np.testing.assert_allclose(history[1], [2.4, 3.2], rtol=1e-12,
                               err_msg=_("first step: (3, 4) − 0.1·(6, 8) = (2.4, 3.2)"))


def test_ints_descend_in_floats():
    x, history = gradient_descent(grad, 10, lr=0.2, steps=1)
    assert history[0] == 10 and isinstance(x, float) and x == pytest.approx(7.2, rel=1e-12), (
        _("x0 = 10, an int: history[0] is x0 and x = 10 − 0.2·14 = 7.2, a float; got x = {x!r}, history = {history}").format(
            x=x, history=history))
    x0 = np.array([3, 4])
    x, history = gradient_descent(lambda p: 2 * p, x0, lr=0.1, steps=2)
    assert list(history[0]) == [3, 4], _("history[0] is x0 = [3, 4]; got {got!r}").format(got=history[0])
    for k, v in enumerate(history[1:], start=1):
        assert isinstance(v, np.ndarray) and v.dtype == np.float64, (
            _("x0 = np.array([3, 4]) holds ints: history[{k}] should be a float64 array, x − η·grad(x); got {got!r}").format(
                k=k, got=v))
    assert np.issubdtype(x0.dtype, np.integer) and list(x0) == [3, 4], (
        _("x0 must be left as it was; it became {x0!r}").format(x0=x0))


def test_a_step_exactly_as_long_as_precision_does_not_stop():
    x, history = gradient_descent(lambda x: 1.0, 10.0, lr=0.5, steps=4, precision=0.5)
    assert len(history) == 5, (
        _("every step is exactly 0.5 long and precision = 0.5: stop only on a step shorter than precision (<, not ≤),"
          " so all 4 steps are taken; took {taken}").format(taken=len(history) - 1))


def test_a_vector_stops_on_the_length_of_the_step():
    x, history = gradient_descent(lambda p: 2 * p, np.array([3.0, 4.0]), lr=0.1, steps=1000, precision=0.001)
    steps = [np.linalg.norm(history[k + 1] - history[k]) for k in range(len(history) - 1)]
    assert len(steps) >= 2, _("from (3, 4) with η = 0.1 every step is far longer than 0.001 until near the "
                              "minimum; the run stopped after {taken} step(s)").format(taken=len(steps))
    assert steps[-1] < 0.001 <= min(steps[:-1]), (
        _("stop after the first step whose length |x_new − x| is below 0.001; the step lengths were ...{last}").format(
            last=steps[-3:]))


def test_a_learning_rate_above_1_diverges_and_shows_it():
    x, history = gradient_descent(grad, 10, lr=1.1, steps=100)
    assert abs(x - 3) > 1e8, (
        _("with η = 1.1 each step multiplies the distance to 3 by 1.2: after 100 steps |x − 3| ≈ 5.8e8; got x = {x!r}").format(
            x=x))
    distances = [abs(v - 3) for v in history]
    assert all(b > a for a, b in zip(distances, distances[1:])), _("with η = 1.1 every step should land farther from 3")


def test_a_small_learning_rate_crawls():
    x = gradient_descent(grad, 10, lr=0.01, steps=100)[0]
    assert x == pytest.approx(3 + 7 * 0.98**100, rel=1e-9), (
        _("η = 0.01: the distance shrinks by 0.98 a step, x ≈ 3.928; got {x!r}").format(x=x))


@pytest.mark.parametrize("lr, steps", [(0, 10), (-0.2, 10), (0.2, 0), (0.2, -5)])
def test_a_non_positive_lr_or_steps_is_a_value_error(lr, steps):
    err = expect_error(ValueError, lambda: gradient_descent(grad, 10, lr=lr, steps=steps),
                       _("gradient_descent(grad, 10, lr={lr}, steps={steps})").format(lr=lr, steps=steps))
    given = lr if lr <= 0 else steps
    assert str(given) in str(err), (
        _("gradient_descent(grad, 10, lr={lr}, steps={steps}): the ValueError should show the value given, {given}; "
          "its message was {said!r}").format(lr=lr, steps=steps, given=given, said=str(err)))
