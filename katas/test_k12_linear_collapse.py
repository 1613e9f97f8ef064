"""Kata 12 · A layer is a matrix product; linear layers collapse — the checks. `make kata N=12` runs them."""

import numpy as np
import pytest
import sympy

from katas._runner.feedback import _, expect_error, names_shape
from katas.k12_linear_collapse import collapse, fold_bias, layer, linear_stack, with_bias_input

X4 = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
BATCH = np.array([[6, 5], [4, 7], [5, 6], [6, 7]])
W_COURSE = np.array([[1, 2, 3], [4, 5, 6]])


def test_a_layer_is_x_times_w_plus_b():
    got = layer(np.array([1, 2]), W_COURSE, np.zeros(3))
    np.testing.assert_allclose(got, [9, 12, 15], err_msg=_("(1 2)·[[1, 2, 3], [4, 5, 6]] = (9 12 15)"))
    got = layer(np.array([1, 2]), W_COURSE, np.array([0.5, -1.0, 2.0]))
    np.testing.assert_allclose(got, [9.5, 11, 17], err_msg=_(
        "one sample: (1 2)·W + b with b = (0.5, −1, 2) is (9.5 11 17); the bias is added to one sample too"))
    got = layer(BATCH, W_COURSE, np.array([0.5, -1.0, 2.0]))
    assert got.shape == (4, 3), _("a (4, 2) batch through a (2, 3) layer gives (4, 3); got {shape}").format(
        shape=got.shape)
    np.testing.assert_allclose(got, [[26.5, 36, 50], [32.5, 42, 56], [29.5, 39, 53], [34.5, 46, 62]],
                               err_msg=_("the course's batch times W, plus b = (0.5, −1, 2) on every row"))


@pytest.mark.parametrize("X_shape, W_shape", [((4, 3), (2, 3)), ((2,), (3, 2))])
def test_a_layer_with_mismatched_shapes_names_both(X_shape, W_shape):
    err = expect_error(ValueError, lambda: layer(np.ones(X_shape), np.ones(W_shape), np.zeros(W_shape[1])),
                       _("layer(X {X_shape}, W {W_shape}, b)").format(X_shape=X_shape, W_shape=W_shape))
    assert names_shape(err, X_shape) and names_shape(err, W_shape), (
        _("name both shapes; the message was: {message}").format(message=err))


def test_the_bias_is_a_weight_on_an_input_of_one():
    X1 = with_bias_input(BATCH)
    assert X1.shape == (4, 3), _("with_bias_input of a (4, 2) batch is (4, 3); got {shape}").format(shape=X1.shape)
    np.testing.assert_array_equal(X1[:, :2], BATCH, err_msg=_("the original columns come first, unchanged"))
    np.testing.assert_array_equal(X1[:, 2], [1, 1, 1, 1], err_msg=_("the appended column is all 1.0"))
    b = np.array([0.5, -1.0, 2.0])
    Wb = fold_bias(W_COURSE, b)
    assert Wb.shape == (3, 3), _("fold_bias of a (2, 3) W is (3, 3); got {shape}").format(shape=Wb.shape)
    np.testing.assert_array_equal(Wb[2], b, err_msg=_("b is the last row"))
    np.testing.assert_allclose(X1 @ Wb, layer(BATCH, W_COURSE, b), err_msg=_("[X | 1]·[W ; b] = X·W + b"))
    np.testing.assert_array_equal(BATCH, [[6, 5], [4, 7], [5, 6], [6, 7]], err_msg=_("X itself is left unchanged"))


def test_folding_ints_gives_floats():
    X1, Wb = with_bias_input(np.array([[6, 5], [4, 7]])), fold_bias(np.array([[1, 2], [3, 4]]), np.array([5, 6]))
    for name, got in (("with_bias_input", X1), ("fold_bias", Wb)):
        assert isinstance(got, np.ndarray) and got.dtype == np.float64, (
            _("{name} of int arrays should give a float64 array (the lesson: 'as a float64 array'); got {got!r}").format(
                name=name, got=got))
    np.testing.assert_array_equal(Wb, [[1, 2], [3, 4], [5, 6]], err_msg=_("fold_bias([[1, 2], [3, 4]], [5, 6])"))


def _random_stack(rng, sizes):
    return [(rng.normal(size=(a, b)), rng.normal(size=b)) for a, b in zip(sizes, sizes[1:])]


@pytest.mark.parametrize("sizes", [[2, 3], [2, 3, 1], [2, 4, 3, 2], [3, 5, 5, 5, 1]], ids=str)
def test_a_stack_equals_its_collapsed_layer(sizes):
    rng = np.random.default_rng(len(sizes))
    layers = _random_stack(rng, sizes)
    X = rng.normal(size=(6, sizes[0]))
    expected = X
    for W, b in layers:
        expected = expected @ W + b
    try:
        stacked = linear_stack(X, layers)
    except ValueError as err:
        pytest.fail(_("linear_stack on a {sizes} stack raised ValueError: {err}. Each layer's output is the "
                      "next layer's input, in the layers' order, the first layer first").format(sizes=sizes, err=err))
    if not np.allclose(stacked, expected, rtol=1e-12, atol=1e-12):
        W0, b0 = layers[0]
        own = np.asarray(layer(X, W0, b0))
        why = (_("your layer() is not X·W + b on this stack's first layer: fix layer() first")
               if own.shape != (len(X), sizes[1]) or not np.allclose(own, X @ W0 + b0, rtol=1e-12, atol=1e-12)
               else _("each layer's output is the next layer's input, the first layer first"))
        np.testing.assert_allclose(stacked, expected, rtol=1e-12, atol=1e-12,
                                   err_msg=_("linear_stack on a {sizes} stack: {why}").format(sizes=sizes, why=why))
    try:
        W, b = collapse(layers)
    except ValueError as err:
        pytest.fail(_("collapse of a {sizes} stack raised ValueError: {err}").format(sizes=sizes, err=err)
                    + _collapse_slips(), pytrace=False)
    assert np.shape(W) == (sizes[0], sizes[-1]) and np.shape(b) == (sizes[-1],), (
        _("collapse of a {sizes} stack gives W ({inputs}, {outputs}) and b ({outputs},); "
          "got {W_shape}, {b_shape}").format(
            sizes=sizes, inputs=sizes[0], outputs=sizes[-1], W_shape=np.shape(W), b_shape=np.shape(b))
        + _collapse_slips())
    assert np.allclose(layer(X, W, b), expected, rtol=1e-10, atol=1e-12), (
        _("collapse of a {sizes} stack: one layer with the collapsed W and b must give what the stack gives "
          "(W = W₁W₂…, and each b carried through every later W)").format(sizes=sizes)
        + _collapse_slips())


def test_a_batch_of_one_row_stays_a_batch():
    b = np.array([0.5, -1.0, 2.0])
    got = layer(np.array([[1, 2]]), W_COURSE, b)
    assert np.shape(got) == (1, 3), (
        _("layer(X of shape (1, 2), W of shape (2, 3), b): a batch of one row gives a batch, shape (1, 3) (the "
          "docstring); got shape {shape}").format(shape=np.shape(got))
        + (_(" — that is {mistake}").format(mistake=_("the row taken out of its batch, the shape of one sample"))
           if np.shape(got) == (3,) else ""))
    np.testing.assert_allclose(got, [[9.5, 11, 17]], err_msg=_("(1 2)·[[1, 2, 3], [4, 5, 6]] + (0.5, −1, 2)"))
    layers = _random_stack(np.random.default_rng(1), [2, 3, 1])
    got = linear_stack(np.array([[1.0, 2.0]]), layers)
    assert np.shape(got) == (1, 1), (
        _("linear_stack of X of shape (1, 2) through a [2, 3, 1] stack: a batch of one row gives a batch, shape "
          "(1, 1) (the docstring); got shape {shape}").format(shape=np.shape(got))
        + (_(" — that is {mistake}").format(mistake=_("the row taken out of its batch, the shape of one sample"))
           if np.shape(got) == (1,) else ""))


def _collapse_slips():
    """Name what collapse gets wrong, W and b apart, on two 3×3 layers where every slip still runs."""
    (W1, b1), (W2, b2) = layers = _random_stack(np.random.default_rng(99), [3, 3, 3])
    try:
        W, b = collapse(layers)
    except Exception:  # noqa: BLE001 — only a diagnosis: the check itself has failed already
        return ""
    slips = []
    if np.shape(W) == (3, 3) and np.allclose(W, W2 @ W1) and not np.allclose(W, W1 @ W2):
        slips.append(_("W is W₂W₁: multiply in the layers' order, W = W₁W₂…"))
    if np.shape(b) == (3,) and np.allclose(b, b1):
        slips.append(_("b stayed the first layer's: carry it through every later W, b₁W₂ + b₂"))
    elif np.shape(b) == (3,) and np.allclose(b, b1 + b2):
        slips.append(_("b₁ + b₂ adds the biases without W₂: carry b₁ through every later W, b₁W₂ + b₂"))
    return "".join(f" — {slip}" for slip in slips)


def test_sympy_proves_the_collapse_with_your_code():
    W1, W2 = sympy.Matrix(2, 2, sympy.symbols("a1:5")), sympy.Matrix(2, 2, sympy.symbols("c1:5"))
    b1, b2 = sympy.Matrix([sympy.symbols("p1:3")]), sympy.Matrix([sympy.symbols("q1:3")])
    try:
        W, b = collapse([(W1, b1), (W2, b2)])
    except NotImplementedError:
        raise
    except Exception as err:  # noqa: BLE001 — any error here says the same: sympy's matrices did not go through
        pytest.fail(_("collapse of two layers of sympy matrices raised {error}: {message}. The lesson: collapse must "
                      "work for numpy arrays and for sympy matrices alike, so build W and b from the layers with @ and + "
                      "(an array made inside collapse, such as np.eye(n), cannot @ a sympy matrix)").format(
                          error=type(err).__name__, message=err), pytrace=False)
    assert sympy.expand(W - W1 * W2) == sympy.zeros(2, 2), (
        _("for symbolic 2×2 weights, W must be W₁W₂; got {W}").format(W=W))
    assert sympy.expand(b - (b1 * W2 + b2)) == sympy.zeros(1, 2), _("b must be b₁W₂ + b₂; got {b}").format(b=b)
    x = sympy.Matrix([sympy.symbols("x1:3")])
    assert sympy.expand((x * W1 + b1) * W2 + b2 - (x * W + b)) == sympy.zeros(1, 2), (
        _("for a symbolic input x, (x·W₁ + b₁)·W₂ + b₂ = x·W + b"))


def test_a_linear_network_with_a_step_is_one_perceptron_and_never_xor():
    rng = np.random.default_rng(0)
    for unused in range(300):
        layers = _random_stack(rng, [2, 3, 1])
        W, b = collapse(layers)
        stacked = (linear_stack(X4, layers) > 0).ravel()
        assert np.array_equal(stacked, (layer(X4, W, b) > 0).ravel()), (
            _("the stack and its collapsed layer fire alike"))
        assert list(stacked.astype(int)) != [0, 1, 1, 0], (
            _("a linear network computed XOR: impossible, check collapse"))
