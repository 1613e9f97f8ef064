"""Kata 13 · Epochs, batches and iterations — the checks. Read them; don't edit them. `make kata N=13`
runs them."""

import math
from collections import Counter

import numpy as np
import pytest

from katas._runner.feedback import N_, _, expect_error, looks_like, numeric_partials
from katas.k13_epochs_and_batches import (AND_PARAMS, AND_T, AND_X, XOR_PARAMS, XOR_T, forward, init_params,
                                          iterations_per_epoch, keras_mse, keras_mse_grad, minibatches,
                                          parameter_count, train, train_step)

# Kata 9's network before training and its XOR data, in mlp2.py's order (not the slides').
MLP2_X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
MLP2_T = np.array([[0], [1], [1], [0]])
MLP2_PARAMS = [(np.array([[0.10, 0.20], [0.30, 0.40]]), np.array([0.1, 0.2])),
               (np.array([[0.50], [0.60]]), np.array([0.3]))]

# The slides' printed numbers (002).
AND_OUT = [0.8535386, 0.12342612, 0.12364785, 0.00339741]
XOR_OUT = [0.04060324, 0.9609237, 0.96031225, 0.04571233]
PRINTED_WEIGHTS = ["3.7209592", "3.723007", "-5.6813374", "5.378626", "-5.299518", "-5.518024", "5.0764313",
                   "-3.0511274", "-2.8576972", "7.6903753", "7.7518315", "-3.8067687"]
EPS32 = 2.0 ** -23  # float32's machine epsilon: one ulp of y is at most ε·|y|


def _copies(params):
    return [(np.array(W, dtype=float), np.array(b, dtype=float)) for W, b in params]


def _batches(n, batch_size, seed=None):
    got = minibatches(n, batch_size, seed)
    assert not isinstance(got, np.ndarray) or got.dtype == object, (
        _("minibatches({n}, {batch_size}) should give the batches one by one (a generator or a list of arrays)").format(
            n=n, batch_size=batch_size))
    batches = [np.asarray(batch) for batch in got]
    for batch in batches:
        assert batch.ndim == 1 and (batch.size == 0 or batch.dtype.kind in "iu"), (
            _("minibatches({n}, {batch_size}): each batch is a 1-D array of integer indices; got {batch!r}").format(
                n=n, batch_size=batch_size, batch=batch))
    return batches


# %% iterations_per_epoch
@pytest.mark.parametrize("n, batch_size, expected", [
    (100, 10, 10), (0, 3, 0), (4, 1, 4), (4, 4, 1), (4, 2, 2), (10, 3, 4), (5, 2, 3), (1, 5, 1), (60000, 32, 1875),
    (60001, 32, 1876), (7, 100, 1)],
    ids=[N_("the slides' 100 by 10"), N_("no samples"), N_("4 by 1 (mlp2, the slides' AND)"), N_("4 by 4 (full batch)"),
         N_("4 by 2"), N_("10 by 3 (short last batch)"), N_("5 by 2"), N_("1 by 5"), N_("60000 by 32"), N_("60001 by 32"),
         N_("7 by 100")])
def test_iterations_per_epoch(n, batch_size, expected):
    got = iterations_per_epoch(n, batch_size)
    assert isinstance(got, (int, np.integer)) and not isinstance(got, bool), (
        _("iterations_per_epoch({n}, {batch_size}) should be an int; got {got!r}").format(
            n=n, batch_size=batch_size, got=got))
    assert got == expected, (
        _("iterations_per_epoch({n}, {batch_size}): ⌈{n} / {batch_size}⌉ = {expected}; got {got!r}").format(
            n=n, batch_size=batch_size, expected=expected, got=got)
        + looks_like(got, {_("⌊n / batch size⌋: the short last batch dropped; it is an iteration too"): n // batch_size,
                           _("n / batch size, not rounded up to a whole number of iterations"): n / batch_size,
                           _("⌊n / batch size⌋ + 1: one too many when the batches fit exactly"): n // batch_size + 1}))


@pytest.mark.parametrize("batch_size", [0, -2])
def test_iterations_per_epoch_needs_a_batch(batch_size):
    expect_error(ValueError, lambda: iterations_per_epoch(10, batch_size),
                 _("iterations_per_epoch(10, {batch_size}): a batch holds at least one sample").format(
                     batch_size=batch_size))


# %% minibatches
@pytest.mark.parametrize("n, batch_size, expected", [
    (5, 2, [[0, 1], [2, 3], [4]]), (4, 1, [[0], [1], [2], [3]]), (4, 4, [[0, 1, 2, 3]]),
    (10, 3, [[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]]), (3, 5, [[0, 1, 2]])],
    ids=[N_("5 by 2"), N_("4 by 1"), N_("4 by 4"), N_("10 by 3"), N_("3 by 5")])
def test_minibatches_in_order(n, batch_size, expected):
    got = [batch.tolist() for batch in _batches(n, batch_size)]
    slip = ""
    if got == expected[:-1] and len(expected[-1]) < batch_size:
        slip = _(" — the short last batch dropped: every sample is seen once per epoch")
    assert got == expected, _("minibatches({n}, {batch_size}) without a seed: {expected}; got {got}").format(
        n=n, batch_size=batch_size, expected=expected, got=got) + slip


def test_the_slides_hundred_samples_in_batches_of_ten():
    batches = _batches(100, 10)
    assert [len(b) for b in batches] == [10] * 10, (
        _("100 samples, batch size 10: 10 batches of 10 (the slides' 1 epoch = 10 iterations); got lengths "
          "{lengths}").format(lengths=[len(b) for b in batches]))
    assert np.concatenate(batches).tolist() == list(range(100))


def _every_sample_once(n, batch_size, batches, what):
    indices = np.concatenate(batches).tolist() if batches else []
    counts = Counter(indices)
    twice = sorted(i for i, c in counts.items() if c > 1)
    missing = sorted(set(range(n)) - set(counts))
    slip = ""
    if twice or missing:
        slip = _(" — a sample twice ({twice}) and another dropped ({missing}): shuffle with a permutation,"
                 " not n random indices drawn with replacement").format(twice=twice[:5], missing=missing[:5]) if twice \
            else _(" — samples dropped: {missing}").format(missing=missing[:5])
    assert sorted(indices) == list(range(n)), _("{what}: every index 0 … {last} exactly once per epoch").format(
        what=what, last=n - 1) + slip
    lengths = [len(b) for b in batches]
    expected = [batch_size] * (n // batch_size) + ([n % batch_size] if n % batch_size else [])
    assert lengths == expected, _("{what}: batches of {batch_size}, the last one short; got lengths {lengths}").format(
        what=what, batch_size=batch_size, lengths=lengths)


@pytest.mark.parametrize("n, batch_size, seed", [(4, 1, 0), (10, 3, 1), (20, 4, 2), (101, 10, 3)],
                         ids=[N_("4 by 1"), N_("10 by 3"), N_("20 by 4"), N_("101 by 10")])
def test_shuffled_minibatches_hold_every_sample_once(n, batch_size, seed):
    _every_sample_once(n, batch_size, _batches(n, batch_size, seed), f"minibatches({n}, {batch_size}, seed={seed})")


def test_the_seed_decides_the_order():
    orders = {seed: np.concatenate(_batches(20, 4, seed)).tolist() for seed in (0, 1, 2)}
    again = np.concatenate(_batches(20, 4, 0)).tolist()
    assert again == orders[0], _("minibatches with the same seed must give the same order again")
    in_order = [seed for seed, order in orders.items() if order == list(range(20))]
    assert not in_order, (
        _("minibatches(20, 4, seed={seed}) gave 0 … 19 in order: any seed but None shuffles").format(seed=in_order[0])
        + (_(" — `if seed:` is false for seed 0: test `seed is None`") if in_order == [0] else ""))
    assert len({tuple(order) for order in orders.values()}) > 1, (
        _("seeds 0, 1 and 2 gave the same order: the order should come from np.random.default_rng(seed)"))


def test_a_generator_as_seed_gives_a_new_order_each_epoch():
    rng = np.random.default_rng(5)
    first, second = (np.concatenate(_batches(20, 4, rng)).tolist() for _epoch in range(2))
    assert first != second, (
        _("minibatches(20, 4, rng) called twice with the same Generator should draw two different orders: "
          "np.random.default_rng(seed) hands a Generator back unchanged, so it moves on"))


# %% parameter_count
@pytest.mark.parametrize("sizes, expected", [([2, 1], 3), ([2, 2, 1], 9), ([2, 10, 10, 10, 1], 261),
                                             ((784, 10), 7850), ([3, 4, 2], 26)],
                         ids=["AND 2-1", "XOR 2-2-1", N_("the lecture's 2-10-10-10-1"), N_("784-10 (a tuple)"), "3-4-2"])
def test_parameter_count(sizes, expected):
    got = parameter_count(sizes)
    pairs = list(zip(sizes, sizes[1:]))
    slips = {_("without the biases: (n_in + 1)·n_out, one bias per unit"): sum(a * b for a, b in pairs),
             _("n_in·(n_out + 1): the + 1 is the bias, an input fixed at 1.0, so it belongs to n_in"):
                 sum(a * (b + 1) for a, b in pairs),
             _("the units counted, not the weights"): sum(sizes)}
    assert isinstance(got, (int, np.integer)) and not isinstance(got, bool), (
        _("parameter_count({sizes}) should be an int; got {got!r}").format(sizes=list(sizes), got=got))
    assert got == expected, (
        _("parameter_count({sizes}): Σ (n_in + 1)·n_out = {expected} (Keras's Total params); got {got!r}").format(
            sizes=list(sizes), expected=expected, got=got)
        + looks_like(got, slips))


@pytest.mark.parametrize("sizes", [[2, 1], [2, 2, 1], [2, 10, 10, 10, 1]], ids=["2-1", "2-2-1", "2-10-10-10-1"])
def test_the_given_start_has_as_many_entries_as_parameters(sizes):
    count = parameter_count(sizes)
    params = init_params(sizes, seed=0)
    entries = sum(np.size(W) + np.size(b) for W, b in params)
    assert count == entries, (
        _("parameter_count({sizes}) = {count!r}, but a network of those sizes holds {entries} weights and biases").format(
            sizes=sizes, count=count, entries=entries))
    assert [(np.shape(W), np.shape(b)) for W, b in params] == [((a, b), (b,)) for a, b in zip(sizes, sizes[1:])]


def test_the_given_start_is_kerass_glorot_uniform():
    count = parameter_count([100, 100])
    (W, b), = init_params([100, 100], seed=0)
    r = math.sqrt(6 / 200)  # glorot_uniform: W ~ uniform(−r, r), r = √(6 / (n_in + n_out))
    assert W.size + b.size == count and np.all(b == 0), _("Keras starts a Dense layer's biases at 0")
    assert np.all(np.abs(W) <= r) and np.abs(W).max() > 0.99 * r and abs(W.mean()) < 0.01, (
        _("10 000 weights from uniform(−r, r), r = √(6 / 200): within ±r, reaching near it, centred on 0"))
    same, other = init_params([100, 100], seed=0)[0][0], init_params([100, 100], seed=1)[0][0]
    assert np.array_equal(W, same) and not np.array_equal(W, other), _(
        "the same seed gives the same start; another seed another")


# %% keras_mse and its gradient
def _mse_slips(y, t):
    d = np.asarray(y, dtype=float) - np.asarray(t, dtype=float)
    return {_("½·mean((y − t)²): Keras's mse has no ½"): 0.5 * np.mean(d ** 2),
            _("a sum, not a mean: Keras divides by the number of entries"): np.sum(d ** 2),
            _("½Σ(y − t)², the course's E (kata 9), not Keras's mse"): 0.5 * np.sum(d ** 2)}


@pytest.mark.parametrize("y, t", [
    ([[0.8535386], [0.12342612], [0.12364785], [0.00339741]], [[1], [0], [0], [0]]),
    ([[0.8], [0.2]], [[1], [0]]), ([[0.3, 0.9], [0.5, 0.1], [0.7, 0.2]], [[0, 1], [1, 0], [1, 1]])],
    ids=[N_("the slides' AND outputs"), N_("two samples"), N_("3 samples, 2 outputs")])
def test_keras_mse(y, t):
    got = keras_mse(np.array(y), np.array(t))
    d = np.array(y) - np.array(t)
    expected = float(np.sum(d ** 2) / d.size)
    assert isinstance(got, float), _("keras_mse should return a float; got {got!r}").format(got=got)
    assert got == pytest.approx(expected, rel=1e-12), (
        _("keras_mse(y, t) = mean((y − t)²) over all {n} entries = {expected!r}; got {got!r}").format(
            n=d.size, expected=expected, got=got)
        + looks_like(got, _mse_slips(y, t), rel=1e-9))


@pytest.mark.parametrize("y, t", [([[0.8], [0.2]], [[1], [0]]), ([[0.7]], [[0]]),
                                  ([[0.3, 0.9], [0.5, 0.1], [0.7, 0.2]], [[0, 1], [1, 0], [1, 1]])],
                         ids=[N_("two samples"), N_("one sample"), N_("3 samples, 2 outputs")])
def test_keras_mse_grad(y, t):
    y, t = np.array(y, dtype=float), np.array(t)
    got = keras_mse_grad(y.copy(), t)  # a copy: the expected values below come from the untouched y
    n = y.size
    expected = 2 * (y - t) / n
    assert np.shape(got) == y.shape, _("keras_mse_grad returns an array of y's shape {shape}; got {got}").format(
        shape=y.shape, got=np.shape(got))
    got = np.asarray(got, dtype=float)
    slips = {_("(y − t)/n: the 2 from the square forgotten (that is the gradient of ½·mean)"): (y - t) / n,
             _("2(y − t), not divided by n"): 2 * (y - t),
             _("divided by the {rows} rows, not by all {n} entries of y").format(rows=len(y), n=n): 2 * (y - t) / len(y),
             _("t − y: the sign flipped"): 2 * (t - y) / n}
    slip = next((_(" — that is {mistake}").format(mistake=name)
                 for name, value in slips.items() if np.allclose(got, value, rtol=1e-9)), "")
    np.testing.assert_allclose(got, expected, rtol=1e-12, err_msg=_("∂L/∂y = 2(y − t)/n with n = {n}").format(n=n) + slip)
    numeric = numeric_partials(lambda *v: float(np.mean((np.array(v).reshape(y.shape) - t) ** 2)), list(y.ravel()))
    np.testing.assert_allclose(got.ravel(), numeric, rtol=1e-6, err_msg=_("central differences of mean((y − t)²)"))


# %% forward, in float32 as Keras computes
def _ulp_tolerance(printed):
    """|y − printed| ≤ 0.5e-8 (numpy prints a float32 array with 8 decimals) + two float32 ulps, 2·ε·|y|."""
    return 0.5e-8 + 2 * EPS32 * abs(printed)


@pytest.mark.parametrize("weights", ["float32", "float64"], ids=[N_("weights in float32"), N_("weights in float64")])
def test_forward_keeps_every_layer_in_the_given_dtype(weights):
    params = XOR_PARAMS if weights == "float32" else _copies(XOR_PARAMS)
    for dtype in (np.float32, np.float64):
        activations = forward(AND_X, params, dtype=dtype)
        assert len(activations) == 3, _("forward for a 2-2-1 network returns [X, A₁, Y]; got {count} arrays").format(
            count=len(activations))
        for k, (A, shape) in enumerate(zip(activations, [(4, 2), (4, 2), (4, 1)])):
            assert np.shape(A) == shape, _(
                "activation {k} of the 2-2-1 network on 4 samples: shape {shape}; got {got}").format(
                k=k, shape=shape, got=np.shape(A))
            slip = _(" — computed in float64 instead of float32: cast X, W and b to dtype first") if (
                dtype is np.float32 and A.dtype == np.float64) else ""
            assert A.dtype == dtype, (
                _("forward(..., dtype={dtype}) with W and b in {weights}: activation {k} is {got}").format(
                    dtype=dtype.__name__, weights=weights, k=k, got=A.dtype) + slip)
    assert forward(AND_X, AND_PARAMS)[-1].dtype == np.float64, _("forward's dtype is np.float64 unless told otherwise")


def test_the_slides_and_gate_weights_give_the_slides_outputs_in_float32():
    Y = forward(AND_X, AND_PARAMS, dtype=np.float32)[-1]
    assert Y.dtype == np.float32, _("forward(..., dtype=np.float32) must compute in float32; got {got}").format(
        got=Y.dtype) + (_(" — float64 instead of float32") if Y.dtype == np.float64 else "")
    for x, got, printed in zip(AND_X.tolist(), np.ravel(Y), AND_OUT):
        assert abs(float(got) - printed) <= _ulp_tolerance(printed), (
            _("AND unit w = (3.7209592, 3.723007), b = −5.6813374 at x = {x}: the slides print {printed}; got "
              "{got!r} (allowed: the printing's 0.5e-8 and two float32 ulps)").format(x=x, printed=printed, got=float(got))
            + (_(" — was it σ(x·w + b), with the bias?") if abs(float(got) - printed) > 1e-3 else ""))
    # Keras printed the weights with fewer than numpy's 8 decimals: each is the shortest form of the exact float32
    for printed in PRINTED_WEIGHTS:
        assert str(np.float32(printed)) == printed and len(printed.split(".")[1]) < 8, printed


def test_the_slides_xor_weights_give_the_slides_outputs_to_seven_decimals():
    Y = forward(AND_X, XOR_PARAMS, dtype=np.float32)[-1]
    assert Y.dtype == np.float32, _("forward(..., dtype=np.float32) must compute in float32; got {got}").format(got=Y.dtype)
    for x, got, printed in zip(AND_X.tolist(), np.ravel(Y), XOR_OUT):
        assert abs(float(got) - printed) <= _ulp_tolerance(printed), (
            _("XOR 2-2-1 with the slides' weights at x = {x}: the slides print {printed}; got {got!r} "
              "(allowed: the printing's 0.5e-8 and two float32 ulps)").format(x=x, printed=printed, got=float(got)))
    exact = forward(AND_X, XOR_PARAMS, dtype=np.float64)[-1]
    np.testing.assert_allclose(np.ravel(exact), XOR_OUT, rtol=0, atol=1e-7,
                               err_msg=_("in float64, the slides' XOR weights give outputs within 1e-7 of the printed ones"))


def test_forward_on_a_network_of_3_then_4_then_2_units():
    rng = np.random.default_rng(4)
    params = [(rng.normal(size=(3, 4)), rng.normal(size=4)), (rng.normal(size=(4, 2)), rng.normal(size=2))]
    X = rng.normal(size=(5, 3))
    activations = forward(X, params)
    A1 = 1 / (1 + np.exp(-(X @ params[0][0] + params[0][1])))
    Y = 1 / (1 + np.exp(-(A1 @ params[1][0] + params[1][1])))
    for k, (got, want) in enumerate(zip(activations, [X, A1, Y])):
        np.testing.assert_allclose(got, want, rtol=1e-12, err_msg=(
            _("activation {k} of a 3-4-2 network: Aₗ = σ(Aₗ₋₁·Wₗ + bₗ), W of shape (n_in, n_out), the sigmoid on every "
              "layer").format(k=k)))


# %% train_step: Keras's mse, one batch
def test_one_step_with_batch_size_one_is_the_step_of_kata_9_at_twice_the_rate():
    before = _copies(MLP2_PARAMS)
    new = train_step(np.array([[0, 0]]), np.array([[0]]), before, lr=0.1)
    for (W, b), (W0, b0) in zip(before, MLP2_PARAMS):
        assert np.array_equal(W, W0) and np.array_equal(b, b0), _("train_step must leave the caller's arrays unchanged")
    assert len(new) == 2 and all(len(pair) == 2 for pair in new), _("train_step returns [(W1, b1), (W2, b2)]")
    (W1, b1), (W2, b2) = new
    for name, got, (W0, b0) in (("W1", W1, MLP2_PARAMS[0]), ("b1", b1, MLP2_PARAMS[0]), ("W2", W2, MLP2_PARAMS[1]),
                                ("b2", b2, MLP2_PARAMS[1])):
        want = (W0 if name.startswith("W") else b0).shape
        assert np.shape(got) == want, (
            _("train_step returns every W and b in the shape it was given: {name} has shape {got}; expected {expected}").format(
                name=name, got=np.shape(got), expected=want)
            + (_(" — that is the sum over rows kept 2-D, a (1, n) row: Σ_rows δ has b's shape (n,)")
               if name.startswith("b") and np.shape(got) == (1, *want) else ""))
    # kata 9's one step by hand on (0, 0) → 0 with η = 0.2 (textbook 6): w5 0.484645, w6 0.583918, b3 0.270750
    for name, got, want, half in (("w5", W2[0, 0], 0.4846448305409318, 0.4923224152704659),
                                  ("w6", W2[1, 0], 0.5839178496891771, 0.5919589248445886),
                                  ("b3", b2[0], 0.27075089865408397, 0.285375449327042),
                                  ("b1", b1[0], 0.09635298746357744, 0.09817649373178872)):
        assert got == pytest.approx(want, rel=1e-12), (
            _("train_step on (0, 0) → 0 with η = 0.1 and Keras's mse is kata 9's step with η = 0.2: {name} = "
              "{want:.7f}; got {got!r}").format(name=name, want=want, got=got)
            + looks_like(got, {_("kata 9's step with η, not 2η: ∂L/∂y = 2(y − t)/n has a 2"): half}, rel=1e-9))
    np.testing.assert_array_equal(W1, MLP2_PARAMS[0][0], err_msg=_("w1 … w4 do not move: x = (0, 0)"))


def _mean_loss(x, t, shapes):
    def L(*values):
        params, i = [], 0
        for shape in shapes:
            size = int(np.prod(shape))
            params.append(np.array(values[i:i + size]).reshape(shape))
            i += size
        A = x
        for W, b in zip(params[::2], params[1::2]):
            A = 1 / (1 + np.exp(-(A @ W + b)))
        return float(np.mean((A - t) ** 2))
    return L


def _flat(params):
    return np.concatenate([np.ravel(p) for pair in params for p in pair])


@pytest.mark.parametrize("network", [N_("mlp2's 2-2-1, the whole XOR batch"), N_("3-4-2, a batch of 5")])
def test_a_batch_moves_against_the_mean_gradient(network):
    if network.startswith("mlp2"):
        params, x, t, lr = _copies(MLP2_PARAMS), MLP2_X, MLP2_T, 0.5
    else:
        rng = np.random.default_rng(8)
        params = [(rng.normal(size=(3, 4)), rng.normal(size=4)), (rng.normal(size=(4, 2)), rng.normal(size=2))]
        x, t, lr = rng.normal(size=(5, 3)), rng.uniform(size=(5, 2)), 0.3
    shapes = [p.shape for pair in params for p in pair]
    gradient = np.array(numeric_partials(_mean_loss(x, t, shapes), list(_flat(params))))
    start = _flat(params)  # taken before the step: a train_step that changes params is told so in the check above
    got = _flat(train_step(x, t, params, lr))
    expected = start - lr * gradient
    slip = ""
    # kata 9's y − t for ∂L/∂y is 2(y − t)/n times n/2 (n = y.size); the sum over the batch is the mean's step times
    # the rows. For 3-4-2 on 5 rows both are 5 times it (n/2 = 10/2): name both there, each alone on mlp2 (2 and 4).
    summed, kata_9 = len(x), np.size(t) / 2
    if summed == kata_9 and np.allclose(got, start - lr * summed * gradient, atol=1e-8):
        slip = _(" — that is {factor:g} times the mean's step: the sum over the batch, or kata 9's y − t without the 2 "
                 "and the /n (here both give it); ∂L/∂y = 2(y − t)/n, n = y.size").format(factor=summed)
    elif np.allclose(got, start - lr * summed * gradient, atol=1e-8):
        slip = _(" — that is the sum over the batch, not the mean: L = mean((y − t)²) divides by n")
    elif np.allclose(got, start - lr * kata_9 * gradient, atol=1e-8):
        slip = _(" — that is kata 9's y − t for ∂L/∂y, without the 2 and the /n: ∂L/∂y = 2(y − t)/n, n = y.size")
    elif np.allclose(got, start - lr * gradient / 2, atol=1e-8):
        slip = _(" — that is the gradient of ½·mean: ∂L/∂y = 2(y − t)/n")
    elif np.allclose(got, start - lr * gradient / np.concatenate(
            [np.full(np.size(p), len(x) if k % 2 else 1) for pair in params for k, p in enumerate(pair)]), atol=1e-8):
        slip = _(" — that is ∂L/∂b averaged over the batch: the 1/n is in δ already, so ∂L/∂b = Σ_rows δ")
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-8, err_msg=(
        _("{network}: one train_step is p − η·∂L/∂p with L = mean((y − t)²) over the batch (checked against "
          "central differences, in the order W1 b1 W2 b2)").format(network=_(network)) + slip))


# %% train: epochs of minibatches
# kata 9's fit_by_hand(200, lr) (plain floats, the same on every machine): mlp2.py's loop for 200 epochs.
MLP2_AFTER_200 = {
    0.2: [[[0.06318297322824373, 0.17835984466836574], [0.24355334583879304, 0.35153165716597523]],
          [0.02438524204493267, 0.12274797302254775], [[0.17727338317994656], [0.2579771821362282]],
          [-0.2526247951497208]],
    0.1: [[[0.07655100324481114, 0.1832736687927768], [0.26916602437928366, 0.3717486643332459]],
          [0.04711770758089215, 0.14150125175233183], [[0.18149288965576324], [0.26031190908888735]],
          [-0.25821629596405776]]}


def test_batch_size_one_in_order_is_mlp2_with_twice_the_rate():
    start = _copies(MLP2_PARAMS)
    params, losses = train(MLP2_X, MLP2_T, start, lr=0.1, epochs=200, batch_size=1)
    for (W, b), (W0, b0) in zip(start, MLP2_PARAMS):
        assert np.array_equal(W, W0) and np.array_equal(b, b0), _("train must leave the caller's arrays unchanged")
    got = _flat(params)
    # Not bit for bit: the two loops multiply and add in another order. 800 steps, each some 20 roundings of
    # 2⁻⁵³ ≈ 1.1e-16; a start moved by 1e-15 ends at most ~2.5e-14 away after 2000 epochs, so the training
    # amplifies a rounding by ~25 at most: 800 · 20 · 1.1e-16 · 25 ≈ 4e-11 < 1e-9 (measured: 3e-15).
    if not np.allclose(got, np.concatenate([np.ravel(p) for p in MLP2_AFTER_200[0.2]]), rtol=1e-9, atol=0):
        slip = ""
        if np.allclose(got, np.concatenate([np.ravel(p) for p in MLP2_AFTER_200[0.1]]), rtol=1e-9, atol=0):
            slip = _(" — that is kata 9's training with η, not 2η: Keras's ∂L/∂y = 2(y − t)/n has a 2")
        pytest.fail(_("train(mlp2's XOR, mlp2's start, η = 0.1, 200 epochs, batch size 1, no seed) should follow kata 9's"
                      " mlp2 loop with η = 0.2, sample by sample in order; W1 b1 W2 b2 came out {got}").format(
                          got=got.tolist()) + slip)
    assert isinstance(losses, list) and len(losses) == 200, (
        _("train returns (params, losses) with one loss per epoch: 200; got {type} of {count}").format(
            type=type(losses).__name__, count=len(losses)))


def _loss_of(params):
    A = MLP2_X
    for W, b in params:
        A = 1 / (1 + np.exp(-(A @ W + b)))
    return float(np.mean((A - MLP2_T) ** 2))


def test_the_losses_are_keras_mse_after_each_epoch():
    params, losses = train(MLP2_X, MLP2_T, _copies(MLP2_PARAMS), lr=0.1, epochs=3, batch_size=2)
    assert len(losses) == 3, _("3 epochs: 3 losses; got {count}").format(count=len(losses))
    assert all(isinstance(L, float) for L in losses), _("each loss is a float; got {losses!r}").format(losses=losses)
    step = _copies(MLP2_PARAMS)
    wants = [_loss_of(step)]  # before any update, then after each epoch
    for epoch in range(3):
        for rows in ([0, 1], [2, 3]):
            step = train_step(MLP2_X[rows], MLP2_T[rows], step, 0.1)
        wants.append(_loss_of(step))
    for epoch in range(3):
        slip = _(" — that is the loss before the epoch's updates, not after") if losses[epoch] == pytest.approx(
            wants[epoch], rel=1e-12) else ""
        assert losses[epoch] == pytest.approx(wants[epoch + 1], rel=1e-12), (
            _("losses[{k}] is mean((y − t)²) over all 4 samples after epoch {epoch}: {expected!r}; got {got!r}").format(
                k=epoch, epoch=epoch + 1, expected=wants[epoch + 1], got=losses[epoch]) + slip)
    np.testing.assert_allclose(_flat(params), _flat(step), rtol=1e-12,
                               err_msg=_("batch size 2 on 4 samples: rows (0, 1) then (2, 3), two updates an epoch"))


@pytest.mark.parametrize("batch_size, batches", [(4, [[0, 1, 2, 3]]), (3, [[0, 1, 2], [3]])],
                         ids=[N_("the full batch: one update an epoch"), N_("3 on 4 samples: 3 and then 1")])
def test_an_epoch_is_one_update_per_minibatch(batch_size, batches):
    params, _losses = train(MLP2_X, MLP2_T, _copies(MLP2_PARAMS), lr=0.5, epochs=2, batch_size=batch_size)
    step = _copies(MLP2_PARAMS)
    for _epoch in range(2):
        for rows in batches:
            step = train_step(MLP2_X[rows], MLP2_T[rows], step, 0.5)
    slip = ""
    if batch_size == 3:
        short = _copies(MLP2_PARAMS)
        for _epoch in range(2):
            short = train_step(MLP2_X[:3], MLP2_T[:3], short, 0.5)
        if np.allclose(_flat(params), _flat(short), rtol=1e-12):
            slip = _(" — the short last batch was dropped; it is an iteration too")
    np.testing.assert_allclose(_flat(params), _flat(step), rtol=1e-12, err_msg=(
        _("2 epochs with batch size {batch_size} on 4 samples in order: train_step on the rows {batches}, each epoch").format(
            batch_size=batch_size, batches=batches) + slip))


@pytest.mark.parametrize("batch_size", [1, 2], ids=[N_("batch size 1"), N_("batch size 2")])
def test_a_seed_shuffles_every_epoch_from_one_generator(batch_size):
    # each run from a start of its own: a train_step that changes the caller's arrays is told so elsewhere, and here
    # must not make one run start where another ended
    params, _losses = train(MLP2_X, MLP2_T, _copies(MLP2_PARAMS), lr=0.5, epochs=5, batch_size=batch_size, seed=3)
    again, _losses = train(MLP2_X, MLP2_T, _copies(MLP2_PARAMS), lr=0.5, epochs=5, batch_size=batch_size, seed=3)
    in_order, _losses = train(MLP2_X, MLP2_T, _copies(MLP2_PARAMS), lr=0.5, epochs=5, batch_size=batch_size)
    assert np.array_equal(_flat(params), _flat(again)), _("train with the same seed twice must give the same weights")
    assert not np.allclose(_flat(params), _flat(in_order), rtol=1e-12), (
        _("train with seed=3 gave the weights of the samples in order: with a seed, shuffle every epoch"))
    rng, step, same_order = np.random.default_rng(3), _copies(MLP2_PARAMS), _copies(MLP2_PARAMS)
    unpaired = _copies(MLP2_PARAMS)
    for _epoch in range(5):
        for rows in minibatches(4, batch_size, rng):
            step = train_step(MLP2_X[rows], MLP2_T[rows], step, 0.5)
            unpaired = train_step(MLP2_X[rows], MLP2_T[np.sort(rows)], unpaired, 0.5)
        for rows in minibatches(4, batch_size, 3):
            same_order = train_step(MLP2_X[rows], MLP2_T[rows], same_order, 0.5)
    slip = ""
    if np.allclose(_flat(params), _flat(same_order), rtol=1e-12):
        slip = _(" — every epoch in the same order: make the generator once and hand it to minibatches")
    elif batch_size > 1 and np.allclose(_flat(params), _flat(unpaired), rtol=1e-12):
        slip = _(" — that is each batch's targets in another order than its samples: take X[batch] and T[batch], "
                 "the same indices")
    np.testing.assert_allclose(_flat(params), _flat(step), rtol=1e-12, err_msg=(
        _("train(..., batch_size={batch_size}, seed=3): one generator np.random.default_rng(3), handed to minibatches "
          "every epoch, so each epoch has a new order; each batch's rows of X with the same rows of T").format(
              batch_size=batch_size) + slip))


@pytest.mark.parametrize("seed", [0, 1])
def test_the_and_gate_from_a_seeded_start_with_the_slides_settings(seed):
    params, losses = train(AND_X, AND_T, init_params([2, 1], seed), lr=0.3, epochs=400, batch_size=1, seed=seed)
    (W, b), = params
    w1, w2, b = float(W[0, 0]), float(W[1, 0]), float(b[0])
    where = _("AND from init_params([2, 1], {seed}), η = 0.3, 400 epochs, batch size 1, seed {seed}").format(seed=seed)
    assert losses[0] > 0.2 and losses[-1] < 0.014, (
        _("{where}: the loss falls from about 0.25 to about 0.013; got {first:.4f} → {last:.4f}").format(
            where=where, first=losses[0], last=losses[-1]))
    assert all(later < earlier for earlier, later in zip(losses, losses[1:])), _("{where}: the loss falls every epoch").format(
        where=where)
    assert 3.6 < w1 < 3.9 and 3.6 < w2 < 3.9 and -5.9 < b < -5.55, (
        _("{where}: w ≈ 3.7 … 3.8 each, b ≈ −5.6 … −5.8, near the slides' (3.72, 3.72), −5.68; got w = ({w1:.4f}, "
          "{w2:.4f}), b = {b:.4f}").format(where=where, w1=w1, w2=w2, b=b))
    Y = forward(AND_X, params)[-1].ravel()
    assert Y[0] > 0.8 and max(Y[1:]) < 0.15, _(
        "{where}: AND, 0.85 for (1, 1) and at most 0.13 for the rest; got {got}").format(where=where, got=Y)


def test_train_with_seed_0_shuffles():
    start = init_params([2, 1], 3)
    in_order, _losses = train(AND_X, AND_T, _copies(start), lr=0.3, epochs=2, batch_size=1, seed=None)
    shuffled, _losses = train(AND_X, AND_T, _copies(start), lr=0.3, epochs=2, batch_size=1, seed=0)
    if np.allclose(in_order[0][0], shuffled[0][0], rtol=1e-12, atol=0):
        # `if seed:` only when seed 0 alone keeps the order: seed 1 shuffles these 2 epochs to other weights
        other, _losses = train(AND_X, AND_T, _copies(start), lr=0.3, epochs=2, batch_size=1, seed=1)
        pytest.fail(_("train(..., batch_size=1, seed=0) gave the same weights as seed=None: seed 0 must shuffle the "
                      "samples")
                    + (_(" — `if seed:` is false for seed 0: test `seed is None`")
                       if not np.allclose(in_order[0][0], other[0][0], rtol=1e-12, atol=0) else ""), pytrace=False)
