"""Kata 11 · Learning XOR from a random start — the checks. `make kata N=11` runs them."""

import numpy as np
import pytest

from katas._runner.feedback import _, looks_like, numeric_partials
from katas.k11_learning_xor import T, X, accuracy, backward, bce, forward, init_params, train


def σ(z):
    return 1 / (1 + np.exp(-z))


def test_forward_keeps_every_layer():
    params = init_params([2, 3, 1], seed=4)
    acts = forward(X, params)
    assert len(acts) == 3, _("forward with two layers returns [X, A₁, H]: 3 arrays; got {count}").format(count=len(acts))
    np.testing.assert_array_equal(acts[0], X, err_msg=_("the first activation is the input itself"))
    (W1, b1), (W2, b2) = params
    A1 = σ(X @ W1 + b1)
    np.testing.assert_allclose(acts[1], A1, rtol=1e-12, err_msg=_("A₁ = σ(X·W₁ + b₁)"))
    np.testing.assert_allclose(acts[2], σ(A1 @ W2 + b2), rtol=1e-12, err_msg=_("H = σ(A₁·W₂ + b₂)"))


def test_relu_hidden_layers_keep_a_sigmoid_output():
    params = init_params([2, 3, 3, 1], seed=5)
    acts = forward(X, params, hidden="relu")
    (W1, b1), (W2, b2), (W3, b3) = params
    A1 = np.maximum(0, X @ W1 + b1)
    A2 = np.maximum(0, A1 @ W2 + b2)
    np.testing.assert_allclose(acts[1], A1, rtol=1e-12, err_msg=_("hidden='relu': A₁ = max(0, X·W₁ + b₁)"))
    np.testing.assert_allclose(acts[2], A2, rtol=1e-12, err_msg=_("hidden='relu': A₂ = max(0, A₁·W₂ + b₂)"))
    np.testing.assert_allclose(acts[3], σ(A2 @ W3 + b3), rtol=1e-12,
                               err_msg=_("the output layer is a sigmoid whatever the hidden layers are"))


def _flat(params):
    """Every W and b in one vector, in the order W1 b1 W2 b2 … (a b of any shape ravelled)."""
    return np.concatenate([np.concatenate([np.ravel(W), np.ravel(b)]) for W, b in params])


def _unflat(values, sizes):
    params, i = [], 0
    for n_in, n_out in zip(sizes, sizes[1:]):
        W = np.array(values[i:i + n_in * n_out]).reshape(n_in, n_out)
        i += n_in * n_out
        params.append((W, np.array(values[i:i + n_out])))
        i += n_out
    return params


def _slipped_gradients(params, hidden, mean=True, no_slope=False, output_slope=False):
    """The gradients a backward pass with the usual slips gives: no /n, δ sent back without ⊙ g'(A) (for
    ReLU the same numbers as ReLU' = 1 where A = 0, A >= 0, since A is never negative), or kata 9's σ'
    kept at the output (right for ½Σ(y − t)², not for cross-entropy)."""
    acts = [X]
    for k, (W, b) in enumerate(params, start=1):
        z = acts[-1] @ W + b
        acts.append(σ(z) if k == len(params) or hidden == "sigmoid" else np.maximum(0, z))
    delta = (acts[-1] - T) / (len(T) if mean else 1)
    if output_slope:
        delta = delta * acts[-1] * (1 - acts[-1])
    flat = []
    for k in range(len(params), 0, -1):
        flat = list((acts[k - 1].T @ delta).ravel()) + list(delta.sum(axis=0)) + flat
        if k > 1:
            A = acts[k - 1]
            slope = 1.0 if no_slope else A * (1 - A) if hidden == "sigmoid" else np.where(A > 0, 1.0, 0.0)
            delta = (delta @ params[k - 1][0].T) * slope
    return np.array(flat)


@pytest.mark.parametrize("sizes, hidden, seed", [([2, 2, 1], "sigmoid", 0), ([2, 3, 3, 1], "sigmoid", 1),
                                                 ([2, 3, 3, 1], "relu", 2)])
def test_backward_matches_a_numeric_gradient(sizes, hidden, seed):
    params = init_params(sizes, seed)
    grads = backward(forward(X, params, hidden), T, params, hidden)
    assert len(grads) == len(params), _("one (dW, db) per layer: expected {expected}; got {got}").format(
        expected=len(params), got=len(grads))
    got = _flat(grads)
    loss = lambda *values: bce(forward(X, _unflat(values, sizes), hidden)[-1], T)  # noqa: E731
    numeric = np.array(numeric_partials(loss, list(_flat(params))))
    if got.shape == numeric.shape and np.allclose(got, numeric, rtol=1e-5, atol=1e-9):
        return
    summed = _("the sum over samples, not the mean: δ_L = (H − T)/n")
    # A ≥ 0 after a ReLU, so no g'(A) at all gives the numbers of ReLU' = 1 at A = 0 (A >= 0): name both
    no_slope = (_("the slope taken as 1 where A = 0 too (A >= 0, or no ⊙ g'(A) at all): ReLU' is 1 only where A > 0")
                if hidden == "relu" else
                _("δ sent back without ⊙ g'(A): δₗ₋₁ = (δₗ·Wₗᵀ) ⊙ Aₗ₋₁(1 − Aₗ₋₁) for sigmoid hidden layers"))
    names = {(True, False): [], (False, False): [summed], (True, True): [no_slope], (False, True): [summed, no_slope]}
    slips = next((found for (mean, without_slope), found in names.items() if found and got.shape == numeric.shape
                  and np.allclose(got, _slipped_gradients(params, hidden, mean, without_slope), rtol=1e-7,
                                  atol=1e-12)), [])
    if got.shape == numeric.shape and np.allclose(got, _slipped_gradients(params, hidden, output_slope=True),
                                                  rtol=1e-7, atol=1e-12):
        slips = [_("σ' kept at the output, as in kata 9: with cross-entropy δ_L = (H − T)/n, with no H(1 − H)")]
    worst = int(np.argmax(np.abs(got - numeric))) if got.shape == numeric.shape else None
    pytest.fail(_("backward for sizes {sizes}, hidden={hidden!r}: the gradients of the cross-entropy against central "
                  "differences differ").format(sizes=sizes, hidden=hidden)
                + (_(" (at {entry}: expected {expected:.8g}, got {got:.8g})").format(
                    entry=_entry(worst, sizes), expected=numeric[worst], got=got[worst])
                   if worst is not None else _(" in size: {got} values, expected {expected}").format(
                    got=got.size, expected=numeric.size))
                + "".join(_(" — that is {mistake}").format(mistake=slip) for slip in slips), pytrace=False)


@pytest.mark.parametrize("sizes", [[2, 2, 1], [2, 3, 3, 1]], ids=str)
def test_each_gradient_has_the_shape_of_its_parameter(sizes):
    params = init_params(sizes, seed=0)
    grads = backward(forward(X, params), T, params)
    assert len(grads) == len(params), _("one (dW, db) per layer: expected {expected}; got {got}").format(
        expected=len(params), got=len(grads))
    for layer, ((W, b), (dW, db)) in enumerate(zip(params, grads), start=1):
        for name, grad, param in ((f"dW{layer}", dW, W), (f"db{layer}", db, b)):
            assert np.shape(grad) == param.shape, (
                _("backward for sizes {sizes}: {name} has shape {got}; expected {expected}, the shape of the parameter "
                  "it moves (the docstring's example)").format(sizes=sizes, name=name, got=np.shape(grad),
                                                              expected=param.shape)
                + (_(" — that is the sum over rows kept 2-D, a (1, n) row: Σ_rows δ has b's shape (n,)")
                   if name.startswith("db") and np.shape(grad) == (1, *param.shape) else ""))


def _entry(index, sizes):
    """`dW2[1, 0]` or `db1[0]`: which parameter's gradient the flat index is, layer 1 the input's."""
    for layer, (n_in, n_out) in enumerate(zip(sizes, sizes[1:]), start=1):
        if index < n_in * n_out:
            return f"dW{layer}[{index // n_out}, {index % n_out}]"
        index -= n_in * n_out
        if index < n_out:
            return f"db{layer}[{index}]"
        index -= n_out
    return "?"


def test_the_defaults_are_sigmoid_hidden_layers_and_seed_0():
    params = init_params([2, 3, 1])
    assert all(np.array_equal(a, b) for layer, again in zip(params, init_params([2, 3, 1], seed=0))
               for a, b in zip(layer, again)), _("init_params(sizes) starts from seed 0, as init_params(sizes, seed=0)")
    activations = forward(X, params)
    for (dW, db), (dW_s, db_s) in zip(backward(activations, T, params), backward(activations, T, params, "sigmoid")):
        assert np.array_equal(dW, dW_s) and np.array_equal(db, db_s), (
            _("backward without hidden= must treat the hidden layers as sigmoids, as forward does"))


def test_accuracy_counts_correct_rows():
    for H, right, expected in (([0.1, 0.9, 0.6, 0.7], 3, 0.75), ([0.49, 0.51, 0.99, 0.01], 4, 1.0)):
        got = accuracy(np.array(H).reshape(4, 1), T)
        assert got == expected, (
            _("accuracy(H = {H}, T = [0, 1, 1, 0]): {right} of 4 rows right, the fraction {expected}; got {got!r}").format(
                H=H, right=right, expected=expected, got=got)
            + looks_like(got, {_("the count of right rows, not the fraction"): right}))
    got = accuracy(np.array([[0.5], [0.9], [0.9], [0.1]]), T)
    assert got == 1.0, _("H = 0.5 is not above 0.5, so it predicts 0, which is right for (0, 0): expected 1.0; got {got}").format(
        got=got)


def _all_right(H):
    """Whether every row of H is on the right side of 0.5 (worked out here, so that a slip in accuracy()
    is told by accuracy's own checks and never blamed on the training)."""
    return bool(np.all((np.asarray(H) > 0.5) == (T == 1)))


def test_the_lectures_network_learns_xor():
    params, log = train(X, T, [2, 2, 1], lr=1.0, epochs=3000, log_every=1000)
    H = forward(X, params)[-1]
    assert _all_right(H), _("2-2-1, η = 1.0, 3000 epochs, seed 0 should get XOR right; H = {H}").format(
        H=H.ravel())
    loss = bce(H, T)
    # 1e-5: bce's ε changes the exact gradient by about ε/H, whether backward includes it or not
    assert loss == pytest.approx(0.0037798402802134232, rel=1e-5), _(
        "the final cross-entropy for seed 0 is 0.00377984…; got {loss!r}. Same seed, same start, same numbers: "
        "one full-batch step per epoch, every parameter moved by −η·gradient").format(loss=loss)
    assert [row[0] for row in log] == [0, 1000, 2000], _(
        "log_every=1000 logs epochs 0, 1000, 2000; got {epochs}").format(epochs=[row[0] for row in log])
    # bce's ε moves the loss by about ε/H relative: 1e-6 admits the lesson's formula without ε too
    assert log[0][1] == pytest.approx(0.7206679337662025, rel=1e-6), (
        _("the loss at epoch 0, before any update: expected 0.72066793…; got {loss!r}").format(loss=log[0][1]))
    assert log[0][1] > log[1][1] > log[2][1] > loss, _("the loss goes down")


def _descend(sizes, seed, epochs, step_W, step_b):
    """Full-batch descent on the cross-entropy with sigmoid layers, W moved by −step_W·dW and b by −step_b·db."""
    params = init_params(sizes, seed)
    for _epoch in range(epochs):
        acts = [X]
        for W, b in params:
            acts.append(σ(acts[-1] @ W + b))
        delta, new = (acts[-1] - T) / len(T), []
        for k in range(len(params) - 1, -1, -1):
            W, b = params[k]
            new.append((W - step_W * (acts[k].T @ delta), b - step_b * delta.sum(axis=0)))
            delta = (delta @ W.T) * acts[k] * (1 - acts[k])
        params = new[::-1]
    return _flat(params)


def test_every_parameter_moves_by_the_learning_rate_times_its_gradient():
    # η = 0.3: neither 1 nor 1/n (n = 4), so a step without η, one with 1/η and backward's sum over the samples
    # (n times the mean's gradient) each give other numbers
    lr, sizes, n = 0.3, [2, 3, 1], len(T)
    params, _log = train(X, T, sizes, lr=lr, epochs=5, seed=2)
    got = _flat(params)
    close = lambda want: got.shape == want.shape and np.allclose(got, want, rtol=1e-6, atol=1e-9)  # noqa: E731
    if close(_descend(sizes, 2, 5, lr, lr)):
        return
    try:  # no step at all: is it the start that differs, not the update?
        start = _flat(train(X, T, sizes, lr=lr, epochs=0, seed=2)[0])
    except Exception:  # noqa: BLE001 - only a diagnosis; the failure below stands either way
        start = None
    same = lambda a, b: a.shape == b.shape and np.allclose(a, b, rtol=1e-12, atol=0)  # noqa: E731
    if start is not None and not same(start, _flat(init_params(sizes, 2))):
        pytest.fail(_("train(X, T, {sizes}, lr={lr}, epochs=5, seed=2): the parameters differ, and so does the start: "
                      "train(X, T, {sizes}, lr={lr}, epochs=0, seed=2) should give back init_params({sizes}, seed=2) "
                      "unchanged").format(sizes=sizes, lr=lr)
                    + (_(" — that is {mistake}").format(mistake=_(
                        "the start of seed 0 whatever the seed: train starts from init_params(sizes, seed)"))
                       if same(start, _flat(init_params(sizes, 0))) else ""), pytrace=False)
    slips = {_("a step of −dW, η left out: every W and b moves by −η times its gradient"): (1, 1),
             _("the gradient divided by η, not multiplied: the step is −η·dW"): (1 / lr, 1 / lr),
             _("η on W only: b moves by −η·db too"): (lr, 1), _("η on b only: W moves by −η·dW too"): (1, lr),
             _("a step n = 4 times too long, from backward's sum over the samples: δ_L = (H − T)/n"): (n * lr, n * lr)}
    slip = next((_(" — that is {mistake}").format(mistake=name) for name, (on_W, on_b) in slips.items()
                 if close(_descend(sizes, 2, 5, on_W, on_b))), "")
    pytest.fail(_("train(X, T, {sizes}, lr={lr}, epochs=5, seed=2): after 5 full-batch steps every W and b should have "
                  "moved by −η·gradient with η = {lr} at each step; the parameters differ").format(sizes=sizes, lr=lr)
                + slip, pytrace=False)


def test_training_is_reproducible():
    first, _log = train(X, T, [2, 2, 1], lr=1.0, epochs=50, seed=3)
    again, _log = train(X, T, [2, 2, 1], lr=1.0, epochs=50, seed=3)
    other, _log = train(X, T, [2, 2, 1], lr=1.0, epochs=50, seed=4)
    assert all(np.array_equal(a, b) for (Wa, ba), (Wb, bb) in zip(first, again) for a, b in ((Wa, Wb), (ba, bb))), (
        _("the same seed must give the same run"))
    assert not np.array_equal(first[0][0], other[0][0]), _("another seed gives another start")


def test_no_log_without_log_every():
    _params, log = train(X, T, [2, 2, 1], lr=1.0, epochs=10)
    assert log == [], _("without log_every the log is empty; got {log}").format(log=log)


def test_the_deep_sigmoid_network_loses_its_gradient_toward_the_input():
    _params, log = train(X, T, [2, 10, 10, 10, 1], lr=0.1, epochs=1, log_every=1)
    norms = log[0][2]
    assert len(norms) == 4, _("one gradient size per layer: 4; got {norms}").format(norms=norms)
    np.testing.assert_allclose(norms, [0.045642728295799795, 0.14966524652825683, 0.49314883017292965,
                                       0.5478340038729443], rtol=1e-5,  # ε in bce or not
                               err_msg=_("‖∂E/∂Wₗ‖ at epoch 0, seed 0, input layer first"))
    assert norms[0] < norms[1] < norms[2] < norms[3], _("with sigmoid layers the gradient shrinks toward the input")


def test_relu_keeps_the_gradient_and_learns_xor():
    _params, log = train(X, T, [2, 10, 10, 10, 1], lr=0.1, epochs=1, hidden="relu", log_every=1)
    # At seed 0 the rows with T = 0 get H within 6e-9 of 1, where bce's ε is not negligible: the exact gradient of
    # bce with its ε is far from the lesson's δ_L = (H − T)/n, and both are right. 1 − H is known to about 1e-16
    # absolute, a few 1e-8 relative at 6e-9 (and those rows carry the ε-form's δ_L): rtol=1e-5 holds for both.
    with_eps = [0.034045383050725166, 0.27669963864753105, 0.33888923047442604, 0.21191876801100634]
    if not (np.shape(log[0][2]) == (4,) and np.allclose(log[0][2], with_eps, rtol=1e-5, atol=0)):
        np.testing.assert_allclose(log[0][2], [12.354352091635274, 8.22517068596872, 10.437315641945291,
                                               7.217908111243691], rtol=1e-5,
                                   err_msg=_("‖∂E/∂Wₗ‖ at epoch 0, seed 0, ReLU hidden layers, from δ_L = (H − T)/n "
                                             "(the exact gradient of bce with its ε gives 0.03404538, 0.2766996, "
                                             "0.3388892, 0.2119188: both are accepted)"))
    relu, _log = train(X, T, [2, 10, 10, 10, 1], lr=0.1, epochs=2001, hidden="relu")
    sigmoid, _log = train(X, T, [2, 10, 10, 10, 1], lr=0.1, epochs=2001)
    assert _all_right(forward(X, relu, "relu")[-1]), _("with ReLU the deep network learns XOR in 2001 epochs")
    assert not _all_right(forward(X, sigmoid)[-1]), _("with sigmoids, from the same start (seed 0), 2001 epochs are not enough")
