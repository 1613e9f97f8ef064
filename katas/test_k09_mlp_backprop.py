"""Kata 9 · MLP backpropagation (mlp2) — the checks. `make kata N=9` runs them; FULL=1 adds the
slow ones (mlp2.py's full 90 000 epochs with numpy, about half a minute)."""

import math
import re

import numpy as np
import pytest

from katas._runner.feedback import N_, _, expect_error, looks_like, numeric_partials
from katas.k09_mlp_backprop import (PARAMS, T, X, actf_deriv, backprop, fit, fit_by_hand, forward, loss,
                                    train_step)

X0, T0 = np.array([[0, 0]]), np.array([[0]])  # the hand calculation's sample
NAMES = ("W1", "B1", "W2", "B2")

# The same training done twice need not agree to the last bit: numpy's matmul may fuse multiply-adds
# and its SIMD exp may differ from math.exp in the last bit (it depends on the CPU), and a valid
# regrouping such as ((y − t)·y)·(1 − y) rounds differently. Moving every operation of the training
# by one ulp moves the weights by at most 1.2e-14 of their size after 2000 epochs and 7.1e-15 after
# 90 000 (the training converges); these checks allow a hundred times that.
SAME_TRAINING = {"rtol": 1e-12, "atol": 1e-12}


# the slip of δ_out written (t − out)·out(1 − out): every gradient comes out with its sign flipped
FLIPPED = _("the gradient with its sign flipped, from t − out: δ_out = (out − t)·out(1 − out)")


def _copies(params):
    return tuple(np.array(p, dtype=float) for p in params)


def test_actf_deriv_is_taken_from_the_output():
    out = np.array([0.709383, 0.5, 0.1])
    got = actf_deriv(out)
    np.testing.assert_allclose(got, out * (1 - out), rtol=1e-12,
                               err_msg=_("actf_deriv(out) = out·(1 − out): the sigmoid's slope, written through its output"))


def test_the_loss_of_the_hand_calculation():
    got = loss(X0, T0, PARAMS)
    assert isinstance(got, float), _("loss should return a float; got {got!r}").format(got=got)
    assert round(got, 6) == 0.251612, (
        _("loss on (0, 0) → 0: E = ½(0 − 0.709383)² = 0.251612; got {got!r}").format(got=got)
        + looks_like(got, {_("(out − t)² without the ½"): 0.5032244346306646}))
    total = loss(X, T, PARAMS)
    assert total == pytest.approx(0.5 * sum((o - t) ** 2 for o, t in zip(
        [0.70938314, 0.72844306, 0.71791234, 0.73598705], [0, 1, 1, 0])), rel=1e-7), (
        _("loss over the four XOR samples: ½Σ(out − t)² with mlp1's outputs; got {got!r}").format(got=total))


def test_the_gradient_of_w5_by_hand():
    grads = backprop(X0, T0, *_copies(PARAMS))
    assert len(grads) == 4, _("backprop returns (dW1, dB1, dW2, dB2); got {count} values").format(count=len(grads))
    dW1, dB1, dW2, dB2 = grads
    for name, g, p in zip(("dW1", "dB1", "dW2", "dB2"), grads, PARAMS):
        assert np.shape(g) == p.shape, _("{name} must have its parameter's shape {shape}; got {got}").format(
            name=name, shape=p.shape, got=np.shape(g))
    out = 0.7093831369799213
    z_slip = out * 0.8923899917 * (1 - 0.8923899917) * 0.5249791874789399
    assert dW2[0, 0] == pytest.approx(0.07677584729534077, rel=1e-9), (
        _("∂E/∂w5 = (out_y − t)·out_y(1 − out_y)·a1 = 0.709383·0.206158·0.524979 = 0.0767758 (the book cuts it to "
          "0.076775); got {got!r}").format(got=dW2[0, 0])
        + looks_like(dW2[0, 0], {_("σ' taken of z_y: out·(1 − out) needs the output, not the net input"): z_slip,
                                 _("without f'(net): δ_out = (out − t)·out(1 − out)"): out * 0.5249791874789399,
                                 FLIPPED: -0.07677584729534077}))
    np.testing.assert_array_equal(dW1, np.zeros((2, 2)), err_msg=_("∂E/∂w1 … ∂E/∂w4 = δ·x = 0, since x = (0, 0)"))


def _hidden_bias_slips():
    """What b1 and b2 become after the hand step under the usual slips in δ_hidden, in plain floats."""
    sig = lambda z: 1 / (1 + math.exp(-z))  # noqa: E731
    z, w, b = (0.1, 0.2), (0.5, 0.6), (0.1, 0.2)
    a = [sig(v) for v in z]
    out = sig(w[0] * a[0] + w[1] * a[1] + 0.3)
    delta_out = out * out * (1 - out)  # (out − t)·out(1 − out) with t = 0
    updated = [w[j] - 0.2 * delta_out * a[j] for j in range(2)]
    # backpropagated again through the updated output layer (W2 and b3 both moved)
    out_again = sig(updated[0] * a[0] + updated[1] * a[1] + 0.3 - 0.2 * delta_out)
    delta_again = out_again * out_again * (1 - out_again)
    stale = _("δ_hidden from the updated W2: compute every gradient first, then update")
    return {f"b{j + 1}": {
        stale: b[j] - 0.2 * delta_out * updated[j] * a[j] * (1 - a[j]),
        stale + " ": b[j] - 0.2 * delta_again * updated[j] * a[j] * (1 - a[j]),
        _("σ' of the hidden layer taken of z1, not of its output a1 = σ(z1)"):
            b[j] - 0.2 * delta_out * w[j] * z[j] * (1 - z[j])} for j in range(2)}


def test_one_step_by_hand():
    before = _copies(PARAMS)
    new = train_step(X0, T0, before, lr=0.2)
    for name, p, q in zip(NAMES, before, PARAMS):
        np.testing.assert_array_equal(p, q, err_msg=_("train_step must leave the caller's {name} unchanged").format(name=name))
    for name, got, was in zip(NAMES, new, PARAMS):
        assert np.shape(got) == np.shape(was), (
            _("after one step, {name} keeps its shape {shape}; got {got}").format(
                name=name, shape=np.shape(was), got=np.shape(got))
            + (_(" — a bias gradient summed with keepdims=True stays 2-D: sum the rows to a vector")
               if np.ndim(was) == 1 and np.shape(got) == (1, *np.shape(was)) else ""))
    W1n, B1n, W2n, B2n = new
    # name: (got, before the step, expected after it, what the book prints)
    expected = {"w5": (W2n[0, 0], 0.5, 0.4846448305409318, "0.484645"),
                "w6": (W2n[1, 0], 0.6, 0.5839178496891771, "0.583918"),
                "b3": (B2n[0], 0.3, 0.27075089865408397, "0.270750"),
                "b1": (B1n[0], 0.1, 0.09635298746357744, "0.096352"),
                "b2": (B1n[1], 0.2, 0.19565621760797422, "0.195656")}
    hidden_slips = _hidden_bias_slips()
    try:  # w + η·∂E/∂w comes from a plus in the update, or from a minus with backprop's sign flipped
        dw5 = float(backprop(X0, T0, *_copies(PARAMS))[2][0, 0])
    except Exception:
        dw5 = math.nan
    plus = (_("w + η·∂E/∂w: the update subtracts the gradient")
            if math.isclose(dw5, 0.07677584729534077, rel_tol=1e-9) else
            _("w + η·∂E/∂w, from backprop's gradient with its sign flipped (t − out where δ_out needs out − t)")
            if math.isclose(dw5, -0.07677584729534077, rel_tol=1e-9) else None)
    for name, (got, old, want, book) in expected.items():
        slips = {plus: 2 * old - want} if plus else {}
        slips.update(hidden_slips.get(name, {}))
        hint = looks_like(got, slips, rel=1e-9)
        assert got == pytest.approx(want, rel=1e-9), (
            _("after one step on (0, 0) → 0 with η = 0.2: expected {name} = {want:.7f} (the book: {book}); "
              "got {got!r}").format(name=name, want=want, book=book, got=got) + hint)
    np.testing.assert_array_equal(W1n, PARAMS[0], err_msg=_("w1 … w4 do not change: their gradient is δ·x and x = (0, 0)"))
    assert loss(X0, T0, new) == pytest.approx(0.2446869480763775, rel=1e-9), (
        _("E after the step: ½(0 − 0.699553)² = 0.244687; got {got!r}").format(got=loss(X0, T0, new)))


def test_a_thousand_steps_on_one_sample():
    params = PARAMS
    for _step in range(1000):
        params = train_step(X0, T0, params, 0.2)
    out = forward(X0, *params)[1][0, 0]
    assert out == pytest.approx(0.04302364195441394, rel=1e-9), (
        _("1000 steps of train_step on (0, 0) alone give out_y = 0.043024; got {got!r}").format(got=out))


def test_by_hand_follows_numpy_at_another_learning_rate():
    numpy, written_out = PARAMS, PARAMS
    for _step in range(20):
        numpy = train_step(X0, T0, numpy, 0.5)
        written_out = train_step(X0, T0, written_out, 0.2)
    by_hand = fit_by_hand(20, lr=0.5, data=[(0, 0, 0)])
    if all(np.allclose(got, fixed, **SAME_TRAINING) for got, fixed in zip(by_hand, written_out)):
        slip = _(" — that is η = 0.2 written out: every update uses the lr argument")
    else:
        slip = _(": look for a weight in the wrong place, an update made before every delta is computed, "
                 "or the data argument left unused")
    for name, got, want in zip(NAMES, by_hand, numpy):
        np.testing.assert_allclose(got, want, **SAME_TRAINING, err_msg=(
            _("{name} after 20 steps on (0, 0) by hand with lr=0.5 should equal train_step's with η = 0.5").format(
                name=name) + slip))


def test_by_hand_on_one_sample_the_books_ten_thousand_are_forty_thousand():
    numpy = PARAMS
    for _step in range(100):
        numpy = train_step(X0, T0, numpy, 0.2)
    by_hand = fit_by_hand(100, data=[(0, 0, 0)])
    for name, got, want in zip(NAMES, by_hand, numpy):
        np.testing.assert_allclose(got, want, **SAME_TRAINING, err_msg=(
            _("{name} after 100 steps on (0, 0) by hand should equal train_step's, up to rounding").format(name=name)))
    outs = {steps: forward(X0, *fit_by_hand(steps, data=[(0, 0, 0)]))[1][0, 0] for steps in (10_000, 40_000)}
    assert outs[10_000] == pytest.approx(0.012088482200510061, rel=1e-9), (
        _("10 000 steps on (0, 0): out_y = 0.012088; got {got!r} — use the data argument").format(got=outs[10_000]))
    assert outs[40_000] == pytest.approx(0.005770940746121577, rel=1e-9), (
        _("40 000 steps on (0, 0): out_y = 0.0057709 (the book's '10 000 times: 0.005770'); got {got!r}").format(
            got=outs[40_000]))


def test_a_batch_sums_the_gradients_of_its_rows():
    params = _copies(PARAMS)
    whole = backprop(X, T, *params)
    rows = [backprop(X[i:i + 1], T[i:i + 1], *params) for i in range(4)]
    for k, name in enumerate(("dW1", "dB1", "dW2", "dB2")):
        assert np.shape(whole[k]) == PARAMS[k].shape, (
            _("for a batch of 4, {name} still has its parameter's shape {shape}; got {got}").format(
                name=name, shape=PARAMS[k].shape, got=np.shape(whole[k]))
            + (_(" — sum the deltas over the rows (axis=0)") if name.startswith("dB") else ""))
        expected, slip = sum(r[k] for r in rows), ""
        if name.startswith("dB") and np.shape(whole[k]) == np.shape(expected):
            if np.allclose(whole[k], rows[0][k]):
                slip = _(" — that is the first row's delta alone: sum the deltas over the rows (axis=0)")
            elif np.allclose(whole[k], expected / len(rows)):
                slip = _(" — that is their mean: E = ½Σ adds up the samples, so sum the deltas over the rows (axis=0)")
        np.testing.assert_allclose(whole[k], expected, rtol=1e-12,
                                   err_msg=_("{name} over a batch = the sum of each row's {name}").format(name=name)
                                   + slip)


def _flat_loss(x, t, shapes):
    def E(*values):
        params, i = [], 0
        for shape in shapes:
            n = int(np.prod(shape))
            params.append(np.array(values[i:i + n]).reshape(shape))
            i += n
        _hidden, out = forward(x, *params)
        return 0.5 * float(np.sum((out - t) ** 2))
    return E


@pytest.mark.parametrize("seed", [None, 3], ids=[N_("the book's weights"), N_("random weights")])
def test_backprop_matches_a_numeric_gradient(seed):
    params = _copies(PARAMS)
    if seed is not None:
        rng = np.random.default_rng(seed)
        params = tuple(rng.normal(size=p.shape) for p in params)
    grads = backprop(X, T, *params)
    numeric = numeric_partials(_flat_loss(X, T, [p.shape for p in params]),
                               list(np.concatenate([p.ravel() for p in params])))
    got = np.concatenate([np.ravel(g) for g in grads])
    np.testing.assert_allclose(got, numeric, rtol=1e-6, atol=1e-10,
                               err_msg=_("backprop's gradients against central differences of E, in the order "
                                         "w1 w2 w3 w4 b1 b2 w5 w6 b3"))


def _wider_network(seed):
    """3 inputs, 4 hidden units, 2 outputs: no two of W1's dimensions are equal."""
    rng = np.random.default_rng(seed)
    return (rng.normal(size=(3, 4)), rng.normal(size=4), rng.normal(size=(4, 2)), rng.normal(size=2)), rng


def test_backprop_on_a_network_of_3_then_4_then_2_units_matches_a_numeric_gradient():
    params, rng = _wider_network(11)
    x, t = rng.normal(size=(5, 3)), rng.uniform(size=(5, 2))
    grads = backprop(x, t, *params)
    for name, g, p in zip(("dW1", "dB1", "dW2", "dB2"), grads, params):
        assert np.shape(g) == p.shape, _("3 inputs, 4 hidden, 2 outputs: {name} has shape {shape}; got {got}").format(
            name=name, shape=p.shape, got=np.shape(g))
    numeric = numeric_partials(_flat_loss(x, t, [p.shape for p in params]),
                               list(np.concatenate([p.ravel() for p in params])))
    np.testing.assert_allclose(np.concatenate([np.ravel(g) for g in grads]), numeric, rtol=1e-6, atol=1e-10,
                               err_msg=_("backprop on a 3-4-2 network against central differences of E"))


def test_fit_on_a_network_with_two_outputs():
    params, rng = _wider_network(12)
    x, t = rng.normal(size=(3, 3)), rng.uniform(size=(3, 2))
    expected = params
    for _step in range(2):
        for i in range(3):
            expected = train_step(x[i:i + 1], t[i:i + 1], expected, 0.5)
    got = fit(x, t, params, 0.5, 2)
    for name, g, want in zip(NAMES, got, expected):
        np.testing.assert_allclose(g, want, rtol=1e-12, err_msg=(
            _("{name} after fit(2 epochs) on 3 samples with 2 targets each: one train_step per sample, in order,"
              " each sample a row of shape (1, 3) and its target a row of shape (1, 2)").format(name=name)))


def test_backprop_matches_sympy_on_the_symbolic_network():
    got = np.concatenate([np.ravel(g) for g in backprop(X, T, *_copies(PARAMS))])  # first: a stub fails before sympy loads
    import sympy  # here, not at the top: a red run never waits for it
    w = sympy.symbols("w1:7")
    b = sympy.symbols("b1:4")
    x1, x2, t = sympy.symbols("x1 x2 t")
    σ = lambda z: 1 / (1 + sympy.exp(-z))  # noqa: E731
    a1, a2 = σ(w[0] * x1 + w[2] * x2 + b[0]), σ(w[1] * x1 + w[3] * x2 + b[1])
    E = sympy.Rational(1, 2) * (σ(w[4] * a1 + w[5] * a2 + b[2]) - t) ** 2  # one sample's; summed below
    at = dict(zip(w + b, [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.1, 0.2, 0.3]))
    order = [w[0], w[1], w[2], w[3], b[0], b[1], w[4], w[5], b[2]]
    exact = []
    for v in order:
        dE = sympy.diff(E, v)
        exact.append(sum(float(dE.xreplace({**at, x1: p, x2: q, t: target}))
                         for (p, q), (target,) in zip(X.tolist(), T.tolist())))
    np.testing.assert_allclose(got, exact, rtol=1e-9, err_msg=_("sympy's ∂E/∂w over the four XOR samples"))


# The numpy fit after 500 and 2000 epochs: values the reference produces (mlp2.py's loop, samples in order).
AFTER_500 = ([[0.035925120515963034, 0.1757886683203745], [0.1901595213590778, 0.31377437651679585]],
             [-0.020741479105098, 0.08904400093571829], [[0.1687926461154692], [0.2555573246713554]],
             [-0.23954772154007678])
AFTER_2000 = ([[-0.10626330013802532, 0.06823281451712328], [-0.03923532332585263, 0.09054474174588648]],
              [-0.2374672215076735, -0.11175888635141513], [[0.1608688258088662], [0.21849218816638444]],
              [-0.17673870382554746])


def test_fit_follows_mlp2s_trajectory():
    start = _copies(PARAMS)
    trained = fit(X, T, start, 0.2, 500)
    for name, p, q in zip(NAMES, start, PARAMS):
        np.testing.assert_array_equal(p, q, err_msg=_("fit must leave the caller's {name} unchanged").format(name=name))
    for name, got, want in zip(NAMES, trained, AFTER_500):
        np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-12, err_msg=(
            _("{name} after 500 epochs of fit (η = 0.2, one step per sample, in the order (0,0), (0,1), (1,0), "
              "(1,1)) differs from mlp2.py's loop").format(name=name)))


def test_fit_logs_like_the_course(capsys):
    fit(X, T, _copies(PARAMS), 0.2, 100, log_every=25)
    lines = capsys.readouterr().out.splitlines()
    expected = [(25, 0.502154072727), (50, 0.499955202003), (75, 0.499931903164), (100, 0.499934242552)]
    what = _("fit(..., epochs=100, log_every=25) should print 'Iter: k, Loss: E' with E over all four samples "
             "to 4 decimals or more, after epochs 25, 50, 75 and 100: {expected}; it printed {printed}").format(
        expected=[f'Iter: {k}, Loss: {E:.8f}' for k, E in expected], printed=lines)
    logged = [re.fullmatch(r"\s*Iter:\s*(\d+)\s*,\s*Loss:\s*(\d+\.(\d+))\s*", line) for line in lines]
    assert len(lines) == len(expected) and all(logged), what
    for match, (epoch, E) in zip(logged, expected):
        decimals = len(match[3])
        # E printed with d decimals is E rounded: off by at most half of its last digit
        assert int(match[1]) == epoch and decimals >= 4 and abs(float(match[2]) - E) <= 0.5 * 10.0**-decimals + 1e-9, what


def test_fit_is_quiet_without_log_every(capsys):
    fit(X, T, _copies(PARAMS), 0.2, 10)
    assert capsys.readouterr().out == "", _("fit prints nothing unless log_every is given")


def test_by_hand_and_with_numpy_are_the_same_training():
    by_hand = fit_by_hand(2000)
    for name, got, want in zip(NAMES, by_hand, AFTER_2000):
        assert np.shape(got) == np.shape(want), _("fit_by_hand returns {name} with shape {shape}; got {got}").format(
            name=name, shape=np.shape(want), got=np.shape(got))
        np.testing.assert_allclose(got, want, **SAME_TRAINING, err_msg=(
            _("{name} after 2000 epochs by hand should equal numpy's up to rounding (1e-12): look for a weight "
              "in the wrong place, or an update made before every delta is computed").format(name=name)))


def test_by_hand_90000_epochs_reproduces_mlp2():
    W1, B1, W2, B2 = fit_by_hand(90_000)
    _hidden, out = forward(X, W1, B1, W2, B2)
    np.testing.assert_allclose(out.ravel(), [0.00814407, 0.99154105, 0.99152258, 0.01038517], atol=5e-9,
                               err_msg=_("mlp2.py's trained outputs (its 'Backward pass' printout)"))
    for name, got, want in zip(NAMES, (W1, B1, W2, B2), (
            [[-6.7181009, -5.22651178], [-6.75291089, -5.23369975]], [2.8151334, 7.80251731],
            [[-11.19451524], [11.04437812]], [-5.28026114])):
        np.testing.assert_allclose(got, want, atol=1e-8, err_msg=_("mlp2.py's trained {name}").format(name=name))


@pytest.mark.parametrize("shape", [(2,), (1, 3)])
def test_backprop_wants_rows(shape):
    expect_error(ValueError, lambda: backprop(np.ones(shape), np.ones((1, 1)), *_copies(PARAMS)),
                 _("backprop with x of shape {shape}: x must be (samples, 2)").format(shape=shape))


@pytest.mark.parametrize("shape", [(3,), (2, 4), (4, 3, 1)])
def test_backprop_wants_one_column_per_input(shape):
    params, _rng = _wider_network(13)
    expect_error(ValueError, lambda: backprop(np.ones(shape), np.ones((1, 2)), *params),
                 _("backprop with W1 of shape (3, 4) and x of shape {shape}: x must be (samples, 3)").format(shape=shape))


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_slow_fit_with_numpy_for_90000_epochs_reproduces_mlp2():
    trained = fit(X, T, _copies(PARAMS), 0.2, 90_000)
    for name, got, want in zip(NAMES, trained, fit_by_hand(90_000)):
        np.testing.assert_allclose(got, want, **SAME_TRAINING,
                                   err_msg=_("{name} after 90 000 epochs: numpy and by hand should agree up to rounding").format(
                                       name=name))
    _hidden, out = forward(X, *trained)
    np.testing.assert_allclose(out.ravel(), [0.00814407, 0.99154105, 0.99152258, 0.01038517], atol=5e-9)


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_slow_the_books_ten_thousand_steps_are_forty_thousand():
    params = PARAMS
    for _step in range(40_000):
        params = train_step(X0, T0, params, 0.2)
    out, E = forward(X0, *params)[1][0, 0], loss(X0, T0, params)
    assert out == pytest.approx(0.005770940746121577, rel=1e-9) and E == pytest.approx(1.6651878547623133e-05, rel=1e-9), (
        _("40 000 steps on (0, 0): out_y = 0.0057709 (the book: 0.005770), E = 1.665e-05; got {got!r}, {E!r}").format(
            got=out, E=E))
