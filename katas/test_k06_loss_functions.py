"""Kata 6 · Loss functions — the checks. Read them; don't edit them. `make kata N=6` runs them."""

import inspect
import math
import re

import numpy as np
import pytest

from katas._runner.feedback import N_, _, expect_error, looks_like, names_shape, numeric_partials, shape_at
from katas.k06_loss_functions import binary_cross_entropy, mean_squared_error, mse, mse_grad

T = [0, 0, 1, 0, 0, 0, 0, 0, 0, 0]
Y = [0.0, 0.0, 0.8, 0.1, 0.0, 0.0, 0.0, 0.1, 0.0, 0.0]


def _mse_slips(y, t):
    d = np.asarray(y, dtype=float) - np.asarray(t, dtype=float)
    return {_("Σ(y − t)² without the ½"): np.sum(d**2), _("mean((y − t)²), the Keras convention"): np.mean(d**2),
            _("½·mean((y − t)²)"): 0.5 * np.mean(d**2), _("½Σ|y − t| (no square)"): 0.5 * np.sum(np.abs(d)),
            _("(½Σ(y − t))², the square outside the sum"): (0.5 * np.sum(d)) ** 2}


def test_the_textbooks_example_to_the_exact_float():
    got = mse(Y, T)
    assert isinstance(got, float), _("mse should return a float; got {got!r}").format(got=got)
    # == on purpose: the usual ways of writing ½Σ(y − t)² in float64 (sum of squares, dot, loops, mean·n/2)
    # all give this exact value; the lesson quotes it
    assert got == 0.029999999999999992, (
        _("mse(y, t) for the textbook's example: expected ½(0.2² + 0.1² + 0.1²) = 0.029999999999999992; "
          "got {got!r}").format(got=got) + looks_like(got, _mse_slips(Y, T)))


def test_the_keras_mean_of_squares_is_the_other_convention():
    got = mean_squared_error(Y, T)
    assert isinstance(got, float), _("mean_squared_error should return a float; got {got!r}").format(got=got)
    assert got == pytest.approx(0.006, rel=1e-12), (
        _("mean_squared_error(y, t) for the textbook's example: expected mean((y − t)²) = 0.06/10 = 0.006; "
          "got {got!r}").format(got=got)
        + looks_like(got, {_("½Σ(y − t)², the course's convention: this one has no ½ and divides by n"): 0.03,
                           _("Σ(y − t)², not divided by n"): 0.06, _("½·mean((y − t)²)"): 0.003}))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_mse_on_random_vectors(seed):
    rng = np.random.default_rng(seed)
    y, t = rng.normal(size=7), rng.normal(size=7)
    got = mse(y, t)
    expected = 0.5 * sum((a - b) ** 2 for a, b in zip(y, t))
    assert got == pytest.approx(expected, rel=1e-12), (
        _("mse on 7 random values: expected {expected!r}; got {got!r}").format(expected=expected, got=got)
        + looks_like(got, _mse_slips(y, t)))


def test_mse_on_a_batch_of_columns():
    y, t = np.array([[0.2], [0.9], [0.4]]), np.array([[0.0], [1.0], [1.0]])
    got = mse(y, t)
    assert got == pytest.approx(0.5 * (0.04 + 0.01 + 0.36)), (
        _("mse of (3, 1) columns: expected ½(0.04 + 0.01 + 0.36) = 0.205; got {got!r}").format(got=got))


def test_mse_properties():
    rng = np.random.default_rng(7)
    for _repeat in range(20):
        y, t = rng.normal(size=5), rng.normal(size=5)
        assert mse(y, t) >= 0, _("mse is a sum of squares: it cannot be negative; got {got} for y={y}, t={t}").format(
            got=mse(y, t), y=y, t=t)
        assert mse(y, t) == pytest.approx(mse(t, y), rel=1e-12), _("mse(y, t) = mse(t, y): (y − t)² = (t − y)²")
    assert mse(Y, Y) == 0.0, _("mse(y, y) must be exactly 0; got {got!r}").format(got=mse(Y, Y))
    assert mse([0.5], [0.5 + 1e-9]) > 0, _("mse is zero only when y = t")


def test_the_gradient_is_y_minus_t():
    got = mse_grad(Y, T)
    assert isinstance(got, np.ndarray) and got.shape == (10,), (
        _("mse_grad for 10 outputs: expected a float64 array of shape (10,); got {got!r}").format(got=got))
    assert got.dtype == np.float64, (
        _("mse_grad for 10 outputs: expected a float64 array, as its docstring says (the given _same_shape makes "
          "float64 arrays); got dtype {dtype}").format(dtype=got.dtype))
    expected = np.array(Y) - np.array(T)
    slips = {_("t − y: the sign flipped"): -expected[2], _("2(y − t): the ½ cancels the 2"): 2 * expected[2]}
    assert got[2] == pytest.approx(expected[2]), (
        _("mse_grad(y, t)[2]: expected y₂ − t₂ = 0.8 − 1 = −0.2; got {got!r}").format(got=got[2])
        + looks_like(got[2], slips))
    np.testing.assert_allclose(got, expected, rtol=1e-12, err_msg=_("∂E/∂y = y − t, element by element"))


def test_the_gradient_against_sympy_and_numeric_partials():
    y, t = [0.3, -1.2, 2.0], [1.0, 0.5, 2.5]
    got = mse_grad(y, t)  # first: a stub fails before sympy loads
    import sympy  # here, not at the top: a red run never waits for it
    ys, ts = sympy.symbols("y0:3"), sympy.symbols("t0:3")
    E = sympy.Rational(1, 2) * sum((y - t) ** 2 for y, t in zip(ys, ts))
    at = {**dict(zip(ys, y)), **dict(zip(ts, t))}
    exact = [float(sympy.diff(E, v).subs(at)) for v in ys]
    np.testing.assert_allclose(got, exact, rtol=1e-12, err_msg=_("sympy's ∂E/∂yᵢ for E = ½Σ(yᵢ − tᵢ)²"))
    numeric = numeric_partials(lambda *v: mse(list(v), t), y)
    np.testing.assert_allclose(mse_grad(y, t), numeric, rtol=1e-6, err_msg=_("central differences of your mse"))


@pytest.mark.parametrize("function", [mse, mse_grad, mean_squared_error, binary_cross_entropy], ids=lambda f: f.__name__)
@pytest.mark.parametrize("a_shape, b_shape", [((10,), (9,)), ((3, 1), (3,)), ((1, 4), (4, 1))])
def test_mismatched_shapes_are_a_value_error_naming_both(function, a_shape, b_shape):
    a, b = np.full(a_shape, 0.5), np.full(b_shape, 1.0)
    err = expect_error(ValueError, lambda: function(a, b),
                       _("{function}(a of shape {a}, b of shape {b})").format(
                           function=function.__name__, a=a_shape, b=b_shape),
                       returned_hint=_(" — numpy broadcast the two shapes into a third: check them first, with the "
                                       "given _same_shape"))
    assert names_shape(err, a_shape) and names_shape(err, b_shape), (
        _("the message should name both shapes, {a} and {b}; it was: {said}").format(a=a_shape, b=b_shape, said=err))
    first, second = list(inspect.signature(function).parameters)[:2]
    assert _says_whose(str(err), first, a_shape, second, b_shape), (
        _("the message should say which shape is whose: {first} has shape {a}, {second} has {b}"
          " (the given _same_shape does); it was: {said}").format(first=first, a=a_shape, second=second, b=b_shape,
                                                                   said=err))


ALIASES = {"y": ("y", "outputs", "output", "predictions"), "h": ("h", "predictions", "probabilities"),
           "t": ("t", "targets", "target", "labels")}


def _says_whose(text, first, a_shape, second, b_shape):
    """True when both names and both shapes are there, and the shapes come in the order of the names:
    'y (10,) … t (9,)', 'y and t: (10,) and (9,)', 't is (9,) but y is (10,)'. A name may be the
    docstring's word for it (the outputs, the targets). A name stands on its own between Latin letters and
    digits, so the t of don't or can't is not t, and a Korean particle may follow it: 'y의 모양 (10,)'."""
    def where(name):
        found = [m.start() for alias in ALIASES.get(name, (name,))
                 for m in re.finditer(rf"(?<![A-Za-z0-9_'’]){alias}(?![A-Za-z0-9_])", text)]
        return min(found) if found else -1

    names, shapes = (where(first), where(second)), (shape_at(text, a_shape), shape_at(text, b_shape))
    return min(names + shapes) >= 0 and (names[0] < names[1]) == (shapes[0] < shapes[1])


@pytest.mark.parametrize("function", [mean_squared_error, binary_cross_entropy], ids=lambda f: f.__name__)
def test_a_mean_is_over_every_entry(function):
    # Against the same function on the same 4 entries in a row of shape (4,): a mean over every entry gives
    # one number whatever the shape, so this check blames the averaging only, never the formula averaged.
    # Each call gets arrays of its own: a function that changes its input is told so by its own check.
    entries, targets = [0.9, 0.2, 0.3, 0.6], [1, 0, 0, 1]
    in_a_row = function(np.array(entries), np.array(targets))
    got = {shape: function(np.reshape(entries, shape), np.reshape(targets, shape)) for shape in ((1, 4), (4, 1))}
    name = list(inspect.signature(function).parameters)[0]
    slips = {(1, 4): {"y": _("a division by len(y), which is 1 for a (1, 4) batch: use the number of entries"),
                      "h": _("a division by len(h), which is 1 for a (1, 4) batch: use the number of entries")},
             (4, 1): {"y": _("a division by y.shape[-1], the number of columns, which is 1 for a (4, 1) column: "
                             "use the number of entries"),
                      "h": _("a division by h.shape[-1], the number of columns, which is 1 for a (4, 1) column: "
                             "use the number of entries")}}
    for shape, other in (((1, 4), (4, 1)), ((4, 1), (1, 4))):
        # the slip is named only when the other shape, where that divisor is 4, gets the mean right
        other_right = got[other] == pytest.approx(in_a_row, rel=1e-12)
        assert got[shape] == pytest.approx(in_a_row, rel=1e-12), (
            _("{function} of shape {shape}: expected the mean over its 4 entries, the {expected!r} it gives for the "
              "same entries in a row of shape (4,); got {got!r}").format(
                function=function.__name__, shape=shape, expected=in_a_row, got=got[shape])
            + (looks_like(got[shape], {slips[shape][name]: 4 * in_a_row}) if other_right else ""))


@pytest.mark.parametrize("function", [mse, mse_grad, mean_squared_error, binary_cross_entropy], ids=lambda f: f.__name__)
def test_the_arrays_given_are_left_unchanged(function):
    y, t = np.array([0.9, 0.2, 0.6]), np.array([1.0, 0.0, 1.0])
    function(y, t)
    np.testing.assert_array_equal(y, [0.9, 0.2, 0.6], err_msg=_(
        "{function} changed the caller's first array: compute into a new array (np.asarray does not copy a float "
        "array)").format(function=function.__name__))
    np.testing.assert_array_equal(t, [1.0, 0.0, 1.0],
                                  err_msg=_("{function} changed the caller's t").format(function=function.__name__))


def test_lists_and_arrays_give_the_same_loss():
    assert mse(Y, T) == mse(np.array(Y), np.array(T))
    assert mean_squared_error(Y, T) == mean_squared_error(np.array(Y), np.array(T))
    assert binary_cross_entropy([0.9, 0.2], [1, 0]) == binary_cross_entropy(np.array([0.9, 0.2]), np.array([1, 0]))


def _bce(h, t, eps=1e-7, in_log_h="inside", in_log_1_h="inside"):
    """The cross-entropy with ε where the lesson puts it, inside log(h) and log(1 − h), or, for the slips:
    left out ("none"), added after the log within its term, t·(log(h) + ε) ("after"), or added after the
    log on its own, t·log(h) + ε ("added")."""
    def term(weight, x, where):
        if where == "inside":
            return weight * math.log(x + eps)
        return weight * (math.log(x) + (eps if where == "after" else 0)) + (eps if where == "added" else 0)
    return -sum(term(ti, hi, in_log_h) + term(1 - ti, 1 - hi, in_log_1_h) for hi, ti in zip(h, t)) / len(h)


EPSILON_SLIPS = {
    ("none", "none"): N_("log(h) and log(1 − h) without ε: the lesson's are log(h + ε) and log(1 − h + ε) "
                         "(np.clip(h, ε, 1 − ε) leaves these h as they are)"),
    ("none", "inside"): N_("log(h) without ε: the lesson's is log(h + ε)"),
    ("inside", "none"): N_("log(1 − h) without ε: the lesson's is log(1 − h + ε)"),
    ("after", "after"): N_("ε added after the logs, log(h) + ε: it goes inside, log(h + ε) and log(1 − h + ε)"),
    ("after", "inside"): N_("ε added after the log, log(h) + ε: it goes inside, log(h + ε)"),
    ("inside", "after"): N_("ε added after the log, log(1 − h) + ε: it goes inside, log(1 − h + ε)")}


def _epsilon_slip(got, h, t):
    """' — that is …' when got is the loss with ε left out of the logs or added after them, else ''. A log
    is described only when it counts here: log(h) where t = 1, log(1 − h) where t = 0 (an ε added on its
    own, outside the term, counts everywhere)."""
    counts = {"h": 1 in t, "1 − h": 0 in t}
    kinds = {"inside": "inside", "none": "none", "after": "after", "added": "after"}
    for first in kinds:
        for second in kinds:
            key = (kinds[first], kinds[second])
            if key not in EPSILON_SLIPS or any(where in ("none", "after") and not counts[log]
                                               for where, log in ((first, "h"), (second, "1 − h"))):
                continue
            value = _bce(h, t, in_log_h=first, in_log_1_h=second)
            hint = looks_like(got, {_(EPSILON_SLIPS[key]): value}, rel=1e-9)
            if hint:
                return hint
    return ""


@pytest.mark.parametrize("h, t", [([0.9, 0.2], [1, 0]), ([0.5], [1]), ([0.3, 0.6, 0.99, 0.01], [0, 1, 1, 0]),
                                  ([0.7, 0.7], [0, 0])])
def test_binary_cross_entropy_values(h, t):
    got = binary_cross_entropy(h, t)
    expected = _bce(h, t)
    slips = {_("the minus sign missing"): -expected, _("a sum, not a mean"): expected * len(h),
             _("the terms for t = 0 and t = 1 swapped"): _bce([1 - v for v in h], t)}
    assert isinstance(got, float), _("binary_cross_entropy should return a float; got {got!r}").format(got=got)
    assert got == pytest.approx(expected, rel=1e-12), (
        _("binary_cross_entropy({h}, {t}): expected −mean(t·log(h + ε) + (1 − t)·log(1 − h + ε)) = {expected!r}; "
          "got {got!r}").format(h=h, t=t, expected=expected, got=got)
        + (looks_like(got, slips, rel=1e-9) or _epsilon_slip(got, h, t)))


def test_epsilon_keeps_a_certain_wrong_answer_finite():
    got = binary_cross_entropy([0.0, 1.0], [1, 0])
    assert math.isfinite(got), _("binary_cross_entropy([0, 1], [1, 0]) must be finite thanks to ε; got {got!r}").format(
        got=got)
    assert got == pytest.approx(-math.log(1e-7), rel=1e-6), (
        _("with ε = 1e-7 each term is −log(1e-7) ≈ 16.118; got {got!r}").format(got=got))
    assert binary_cross_entropy([0.0], [1], eps=1e-3) == pytest.approx(-math.log(1e-3), rel=1e-9), (
        _("use the eps argument"))


def test_cross_entropy_of_a_sigmoid_has_gradient_h_minus_t():
    z, t = np.array([-2.0, 0.5, 3.0]), np.array([1.0, 0.0, 1.0])
    h = 1 / (1 + np.exp(-z))
    numeric = numeric_partials(lambda *zs: binary_cross_entropy(1 / (1 + np.exp(-np.array(zs))), t, eps=0.0), list(z))
    np.testing.assert_allclose(numeric, (h - t) / len(z), rtol=1e-5,
                               err_msg=_("∂E/∂z of cross-entropy on σ(z) should be (h − t)/n: your loss gives other "
                                         "slopes"))
