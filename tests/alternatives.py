"""Correct answers written the ways learners write them, kata by kata: each must PASS its kata's checks.

The same format as tests/mistakes.py: a name and a pair (text in the reference, what a learner might
write instead), or a list of such pairs. The check puts the variant in a copy of the repository and
runs that kata's tests: they must all pass. A check that rejects one of these is a defect of the same
weight as one that lets a wrong answer through: fix the check, or state the requirement in the lesson
or the docstring and drop the variant. `make mistakes` runs them; so does CI.
"""

ALTERNATIVES = {
    'k01_numeric_derivative': {
        'another error message': [
            ('raise ValueError(f"dx must be a non-zero finite number, got {dx!r}: the quotient divides by dx")\n'
             '    return (f(x + dx) - f(x)) / dx',
             'raise ValueError("the step must be a usable number")\n    return (f(x + dx) - f(x)) / dx'),
        ],
        'math.isnan and math.isinf': [
            ('    if dx == 0 or not math.isfinite(dx):\n        raise ValueError(f"dx must be a non-zero finite '
             'number, got {dx!r}: the quotient divides by dx")\n    return (f(x + dx) - f(x)) / dx',
             '    if dx == 0 or math.isnan(dx) or math.isinf(dx):\n        raise ValueError("bad step")\n'
             '    return (f(x + dx) - f(x)) / dx'),
        ],
        'named values': ('return (f(x + dx) - f(x)) / dx',
                         'ahead, here = f(x + dx), f(x)\n    rise = ahead - here\n    return rise / dx'),
        'central as the mean of forward and backward': (
            'return (f(x + dx) - f(x - dx)) / (2 * dx)',
            'return ((f(x + dx) - f(x)) / dx + (f(x) - f(x - dx)) / dx) / 2'),
        'central divided twice': ('return (f(x + dx) - f(x - dx)) / (2 * dx)',
                                  'return (f(x + dx) - f(x - dx)) / 2 / dx'),
        'isnan and inf by comparison': [('    if dx == 0 or not math.isfinite(dx):\n        raise ValueError(f"dx must be a non-zero finite number, got {dx!r}: the quotient divides by dx")\n    return (f(x + dx) - f(x - dx)) / (2 * dx)', '    if not dx or dx != dx or abs(dx) == float("inf"):\n        raise ValueError("dx cannot be used")\n    return (f(x + dx) - f(x - dx)) / (2 * dx)')],
        'float() around the result': ('return (f(x + dx) - f(x)) / dx', 'return float((f(x + dx) - f(x)) / dx)'),
        'times the reciprocal of dx': ('return (f(x + dx) - f(x)) / dx', 'return (f(x + dx) - f(x)) * (1 / dx)'),
        'each term over dx': ('return (f(x + dx) - f(x)) / dx', 'return f(x + dx) / dx - f(x) / dx'),
        'central, each term over 2dx': ('return (f(x + dx) - f(x - dx)) / (2 * dx)',
                                        'return f(x + dx) / (2 * dx) - f(x - dx) / (2 * dx)'),
    },
    'k02_partial_derivatives': {
        'list copy and a loop': ('return np.array([partial_derivative(f, point, i, dx) for i in range(len(point))])',
                                 'grads = []\n    for i in range(len(point)):\n'
                                 '        grads.append(partial_derivative(f, point, i, dx))\n'
                                 '    return np.array(grads)'),
        'plain lists': ('    nudged = point.copy()\n    nudged[i] += dx\n'
                        '    return float((f(*nudged) - f(*point)) / dx)',
                        '    values = [float(v) for v in point]\n    nudged = list(values)\n'
                        '    nudged[i] = nudged[i] + dx\n    return float((f(*nudged) - f(*values)) / dx)'),
        'another error message': ('raise ValueError(f"dx must be a non-zero finite number, got {dx!r}: '
                                  'the quotient divides by dx")',
                                  'raise ValueError("cannot divide by that step")'),
        'np.zeros and fill': ('return np.array([partial_derivative(f, point, i, dx) for i in range(len(point))])',
                              'g = np.zeros(len(point))\n    for i in range(len(point)):\n'
                              '        g[i] = partial_derivative(f, point, i, dx)\n    return g'),
        'a unit vector': ('    nudged = point.copy()\n    nudged[i] += dx\n',
                          '    nudged = point + dx * np.eye(point.size)[i]\n'),
    },
    'k03_chain_rule': {
        'sigmoid slope first': ('return d_out * self.out * (1 - self.out)',
                                'slope = self.out * (1 - self.out)\n        return d_out * slope'),
        'add passes d_out through': ('return d_out * 1, d_out * 1', 'return d_out, d_out'),
        'square by the product rule': ('return f, dx_first + dx_second', 'return f, dx_second + dx_first'),
        'a flag that forward ran': [('        self.y = None\n', '        self.y = None\n        self.ran = False\n'),
                                    ('self.x, self.y = x, y\n        return x * y',
                                     'self.x, self.y = x, y\n        self.ran = True\n        return x * y'),
                                    ('        if self.x is None:', '        if not self.ran:')],
        'another RuntimeError message': ('raise RuntimeError(f"{type(self).__name__}.backward() was called before '
                                         'forward(): nothing to differentiate yet")',
                                         'raise RuntimeError("call forward first")'),
        'logistic with a tuple of gradients': ('    dg, db = add.backward(dz)\n    dw, dx = mul.backward(dg)\n'
                                               '    return h, dw, dx, db',
                                               '    grads = add.backward(dz)\n    dw, dx = mul.backward(grads[0])\n'
                                               '    return h, dw, dx, grads[1]'),
    },
    'k04_gate_perceptrons': {
        'np.where in step': ('fired = np.asarray(z) > THRESHOLD\n    return fired.astype(int) if fired.ndim else int(fired)',
                             'z = np.asarray(z)\n    out = np.where(z > THRESHOLD, 1, 0)\n'
                             '    return out if out.ndim else int(out)'),
        'sum instead of np.dot': ('return step(np.dot(x, w) + b)', 'return step(np.sum(np.asarray(x) * w, axis=-1) + b)'),
        'xor from or and nand, other order': ('return and_gate(nand_gate(x1, x2), or_gate(x1, x2))',
                                              'return and_gate(or_gate(x1, x2), nand_gate(x1, x2))'),
        'other valid gate weights': [('return perceptron(np.array([x1, x2]), np.array([0.5, 0.5]), -0.7)',
                                      'return perceptron(np.array([x1, x2]), np.array([1.0, 1.0]), -1.5)'),
                                     ('return perceptron(np.array([x1, x2]), np.array([0.5, 0.5]), -0.2)',
                                      'return perceptron(np.array([x1, x2]), np.array([1.0, 1.0]), -0.5)')],
        'truth table by loops': ('return [(x1, x2, gate(x1, x2)) for x1, x2 in itertools.product((0, 1), repeat=2)]',
                                 'rows = []\n    for x1 in (0, 1):\n        for x2 in (0, 1):\n'
                                 '            rows.append((x1, x2, gate(x1, x2)))\n    return rows'),
        'np.matmul in layer': ('    return X @ W\n', '    return np.matmul(X, W)\n'),
        'an update every sample': ('            if error:\n                w = w + lr * error * x\n'
                                   '                b = b + lr * error\n                clean_pass = False',
                                   '            w = w + lr * error * x\n            b = b + lr * error\n'
                                   '            if error != 0:\n                clean_pass = False'),
        'a count of mistakes per pass': [('        clean_pass = True\n', '        mistakes = 0\n'),
                                         ('                clean_pass = False\n', '                mistakes += 1\n'),
                                         ('        if clean_pass:', '        if mistakes == 0:')],
    },
    'k05_xor_forward': {
        'the values NN3 saw returned': ('    return y1, y2, y_hat\n', '    return hidden[0], hidden[1], y_hat\n'),
        'rounded y1, y2 returned': ('    hidden = np.round([y1, y2]) if rounded else np.array([y1, y2])\n'
                                    '    y_hat = logistic_unit(hidden, np.array([-11, -11]), 6)\n'
                                    '    return y1, y2, y_hat',
                                    '    if rounded:\n        y1, y2 = float(round(y1)), float(round(y2))\n'
                                    '    y_hat = logistic_unit(np.array([y1, y2]), np.array([-11, -11]), 6)\n'
                                    '    return y1, y2, y_hat'),
        'sigmoid by cases with math': [('import numpy as np', 'import math\n\nimport numpy as np'), (
            '    z = np.asarray(z)\n    small = np.exp(-np.abs(z))  # e^(−|z|) ≤ 1: never overflows\n'
            '    out = np.where(z >= 0, 1 / (1 + small), small / (1 + small))\n    return out if out.ndim else float(out)',
            '    if np.ndim(z) == 0:\n        z = float(z)\n'
            '        return 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))\n'
            '    z = np.asarray(z, dtype=float)\n    out = np.empty_like(z)\n    pos = z >= 0\n'
            '    out[pos] = 1 / (1 + np.exp(-z[pos]))\n    out[~pos] = np.exp(z[~pos]) / (1 + np.exp(z[~pos]))\n'
            '    return out')],
        'sigmoid in place on a copy': (
            '    z = np.asarray(z)\n    small = np.exp(-np.abs(z))  # e^(−|z|) ≤ 1: never overflows\n'
            '    out = np.where(z >= 0, 1 / (1 + small), small / (1 + small))',
            '    z = np.array(z, dtype=float)  # a copy\n    neg = z < 0\n    z[neg] = -z[neg]\n'
            '    small = np.exp(-z)\n    out = np.where(neg, small / (1 + small), 1 / (1 + small))'),
        'sigmoid through logaddexp': (
            '    z = np.asarray(z)\n    small = np.exp(-np.abs(z))  # e^(−|z|) ≤ 1: never overflows\n'
            '    out = np.where(z >= 0, 1 / (1 + small), small / (1 + small))',
            '    out = np.exp(-np.logaddexp(0.0, -np.asarray(z, dtype=float)))'),
        'np.dot in the network': ('    K = sigmoid(X @ W1 + B1)\n    return K, sigmoid(K @ W2 + B2)',
                                  '    K = sigmoid(np.dot(X, W1) + B1)\n    return K, sigmoid(np.dot(K, W2) + B2)'),
        'a message naming the product that fails': (
            '    if X.shape[-1] != W1.shape[0] or W1.shape[1] != W2.shape[0]:\n'
            '        raise ValueError(f"shapes do not chain: X {X.shape} · W1 {W1.shape} · W2 {W2.shape} "\n'
            '                         "(X\'s columns must equal W1\'s rows, W1\'s columns W2\'s rows)")',
            '    if X.shape[-1] != W1.shape[0]:\n'
            '        raise ValueError(f"X {X.shape} cannot multiply W1 {W1.shape}")\n'
            '    if W1.shape[1] != W2.shape[0]:\n'
            '        raise ValueError(f"K {X.shape[:-1] + (W1.shape[1],)} cannot multiply W2 {W2.shape}")'),
        'other weights of my own': ('    W1 = np.array([[20.0, -20.0], [20.0, -20.0]])\n    B1 = np.array([-10.0, 30.0])\n'
                                    '    W2 = np.array([[20.0], [20.0]])\n    B2 = np.array([-30.0])',
                                    '    W1 = np.array([[10, 10], [10, 10]])\n    B1 = np.array([-15, -5])\n'
                                    '    W2 = np.array([[-20], [20]])\n    B2 = np.array([-10])'),
    },
    'k06_loss_functions': {
        'a loop for mse': ('return float(0.5 * np.sum((y - t) ** 2))',
                           'total = 0.0\n    for a, b in zip(y.ravel(), t.ravel()):\n'
                           '        total += (a - b) ** 2\n    return float(total / 2)'),
        'np.dot for the sum of squares': ('return float(0.5 * np.sum((y - t) ** 2))',
                                          'd = (y - t).ravel()\n    return float(np.dot(d, d) / 2)'),
        'mean as sum over n': ('return float(np.mean((y - t) ** 2))', 'return float(np.sum((y - t) ** 2) / y.size)'),
        'cross-entropy written out': ('return float(-np.mean(t * np.log(h + eps) + (1 - t) * np.log(1 - h + eps)))',
                                      'per_sample = t * np.log(h + eps) + (1 - t) * np.log(1 - h + eps)\n'
                                      '    return -float(per_sample.sum()) / per_sample.size'),
        'its own shape check': ('    y, t = _same_shape(y, t, ("y", "t"))\n    return float(0.5 * np.sum((y - t) ** 2))',
                                '    y, t = np.asarray(y, dtype=float), np.asarray(t, dtype=float)\n'
                                '    if y.shape != t.shape:\n'
                                '        raise ValueError(f"y is {y.shape} and t is {t.shape}: not the same shape")\n'
                                '    return float(0.5 * np.sum((y - t) ** 2))'),
    },
    'k07_gradient_descent': {
        'another error message': [('raise ValueError(f"the learning rate lr must be positive, got {lr!r}")',
                                   'raise ValueError(f"learning rate must be > 0, not {lr}")'),
                                  ('raise ValueError(f"steps must be at least 1, got {steps!r}")',
                                   'raise ValueError("need at least one iteration, got " + str(steps))')],
        'history keeps the int x0': ('    x = np.array(x0, dtype=float) if np.ndim(x0) else float(x0)  # a copy: x0 '
                                     'stays as it was\n    history = [x]',
                                     '    history = [x0]\n    x = np.array(x0, dtype=float) if np.ndim(x0) else x0'),
        'while loop': ('    for _ in range(steps):\n        new = x - lr * grad(x)\n        history.append(new)\n'
                       '        done = precision is not None and np.linalg.norm(new - x) < precision\n'
                       '        x = new\n        if done:\n            break',
                       '    k = 0\n    while k < steps:\n        step = lr * grad(x)\n        x = x - step\n'
                       '        history.append(x)\n        k += 1\n'
                       '        if precision is not None and np.sqrt(np.sum(step ** 2)) < precision:\n'
                       '            break'),
        'abs for numbers, norm for vectors': ('done = precision is not None and np.linalg.norm(new - x) < precision',
                                              'size = abs(new - x) if np.ndim(new) == 0 else np.linalg.norm(new - x)\n'
                                              '        done = precision is not None and size < precision'),
        'lr <= 0 spelled out': ('    if not lr > 0:\n', '    if lr <= 0:\n'),
    },
    'k08_mlp_forward': {
        'np.dot': ('    layer1 = actf(layer0 @ W1 + B1)\n    layer2 = actf(layer1 @ W2 + B2)',
                   '    layer1 = actf(np.dot(layer0, W1) + B1)\n    layer2 = actf(np.dot(layer1, W2) + B2)'),
        'np.matmul': ('    layer1 = actf(layer0 @ W1 + B1)\n    layer2 = actf(layer1 @ W2 + B2)',
                      '    layer1 = actf(np.matmul(layer0, W1) + B1)\n    layer2 = actf(np.matmul(layer1, W2) + B2)'),
        'actf through exp(x)': ('return 1 / (1 + np.exp(-x))', 'e = np.exp(-x)\n    return 1.0 / (1.0 + e)'),
        'one shape check at a time': ('    if (W1.shape[0] != layer0.shape[-1] or B1.shape != (W1.shape[1],)\n            or W2.shape[0] != W1.shape[1] or B2.shape != (W2.shape[1],)):\n        raise ValueError(f"shapes do not chain: x {layer0.shape}, W1 {W1.shape}, B1 {B1.shape}, "\n                         f"W2 {W2.shape}, B2 {B2.shape}; need W1 (inputs, hidden), B1 (hidden,), "\n                         "W2 (hidden, outputs), B2 (outputs,)")',
                                      '    if W1.shape[0] != layer0.shape[-1]:\n        raise ValueError(f"x has {layer0.shape[-1]} columns but W1 {W1.shape} has {W1.shape[0]} rows")\n    if B1.shape != (W1.shape[1],):\n        raise ValueError(f"B1 {B1.shape} does not match W1 {W1.shape}")\n    if W2.shape[0] != W1.shape[1]:\n        raise ValueError(f"W2 {W2.shape} does not follow W1 {W1.shape}")\n    if B2.shape != (W2.shape[1],):\n        raise ValueError(f"B2 {B2.shape} does not match W2 {W2.shape}")'),
        'actf by np.reciprocal': ('return 1 / (1 + np.exp(-x))', 'return np.reciprocal(1.0 + np.exp(-x))'),
        'np.add': ('    layer1 = actf(layer0 @ W1 + B1)\n', '    layer1 = actf(np.add(layer0 @ W1, B1))\n'),
    },
    'k09_mlp_backprop': {
        'hand: ((y − t)·y)·(1 − y)': ('            delta_y = (y - t) * (y * (1 - y))',
                                      '            delta_y = (y - t) * y * (1 - y)'),
        'np.dot and np.sum': ('    delta2 = (A2 - t) * actf_deriv(A2)\n    delta1 = (delta2 @ W2.T) * actf_deriv(A1)\n'
                              '    return x.T @ delta1, delta1.sum(axis=0), A1.T @ delta2, delta2.sum(axis=0)',
                              '    delta2 = (A2 - t) * actf_deriv(A2)\n'
                              '    delta1 = np.dot(delta2, W2.T) * actf_deriv(A1)\n'
                              '    return np.dot(x.T, delta1), np.sum(delta1, axis=0), np.dot(A1.T, delta2), '
                              'np.sum(delta2, axis=0)'),
        'another error message': ('raise ValueError(f"x must be a batch of shape (samples, {W1.shape[0]}), one '
                                  'sample per row; got {x.shape}")',
                                  'raise ValueError("x has the wrong shape")'),
        'updates one by one': ('    grads = backprop(x, t, *params)\n    return tuple(p - lr * g for p, g in zip(params, grads))',
                               '    W1, B1, W2, B2 = params\n    dW1, dB1, dW2, dB2 = backprop(x, t, W1, B1, W2, B2)\n'
                               '    return W1 - lr * dW1, B1 - lr * dB1, W2 - lr * dW2, B2 - lr * dB2'),
        'fit indexes the rows': ('        for x, t in zip(X, T):\n'
                                 '            params = train_step(x.reshape(1, -1), t.reshape(1, -1), params, lr)',
                                 '        for i in range(len(X)):\n'
                                 '            params = train_step(X[i:i + 1], T[i:i + 1], params, lr)'),
        'log with 4 decimals': ('print(f"Iter: {epoch}, Loss: {loss(X, T, params):.8f}")',
                                'print("Iter: {}, Loss: {:.4f}".format(epoch, loss(X, T, params)))'),
        'log by print with commas': ('print(f"Iter: {epoch}, Loss: {loss(X, T, params):.8f}")',
                                    'print("Iter:", epoch, ", Loss:", loss(X, T, params))'),
        'hand: the update in another order': (
            '            w5, w6, b3 = w5 - lr * (a1 * delta_y), w6 - lr * (a2 * delta_y), b3 - lr * delta_y',
            '            w5 -= lr * delta_y * a1\n            w6 -= lr * delta_y * a2\n            b3 -= lr * delta_y'),
    },
    'k10_activation_functions': {
        "σ' as σ(x)·σ(−x)": ('    s = sigmoid(x)\n    return s * (1 - s)', '    return sigmoid(x) * sigmoid(-np.asarray(x))'),
        'tanh as 2σ(2x) − 1': ('    return np.tanh(x)\n', '    return 2 * sigmoid(2 * np.asarray(x, dtype=float)) - 1\n'),
        'relu with np.where': ('return np.maximum(0.0, x)', 'x = np.asarray(x, dtype=float)\n    return np.where(x > 0, x, 0.0)'),
        'leaky relu as a maximum': ('    x = np.asarray(x)\n    return np.where(x > 0, x, slope * x)',
                                    '    x = np.asarray(x, dtype=float)\n    return np.maximum(slope * x, x)'),
        'step with np.where': ('return (np.asarray(x) > THRESHOLD).astype(float)',
                               'return np.where(np.asarray(x) > THRESHOLD, 1.0, 0.0)'),
        'maxout with np.dot': ('    z = np.asarray(x) @ W + b\n    best = z.max(axis=-1)',
                               '    z = np.dot(x, W) + b\n    best = np.max(z, axis=-1)'),
        'elu with exp − 1': ('return np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0.0)))',
                             'return np.where(x > 0, x, alpha * (np.exp(np.minimum(x, 0.0)) - 1))'),
        'sigmoid through exp(min(x, 0))': ('    small = np.exp(-np.abs(x))\n    return np.where(x >= 0, 1 / (1 + small), small / (1 + small))',
                                           '    return np.exp(np.minimum(x, 0)) / (1 + np.exp(-np.abs(x)))'),
        "relu' by np.heaviside": ('return (np.asarray(x) > 0).astype(float)', 'return np.heaviside(x, 0.0)'),
        "tanh' through its own tanh": ('    return 1 - tanh(x) ** 2', '    t = np.tanh(x)\n    return 1.0 - t * t'),
    },
    'k11_learning_xor': {
        'np.dot and np.sum': ('        grads.append((activations[layer - 1].T @ delta, delta.sum(axis=0)))',
                              '        grads.append((np.dot(activations[layer - 1].T, delta), np.sum(delta, axis=0)))'),
        'relu slope with np.where': ('slope = A * (1 - A) if hidden == "sigmoid" else (A > 0).astype(float)',
                                     'slope = A * (1 - A) if hidden == "sigmoid" else np.where(A > 0, 1.0, 0.0)'),
        'accuracy by rounding': ('return float(np.mean((H > 0.5) == (T == 1)))',
                                 'return float(np.sum((H > 0.5).astype(int) == T) / len(T))'),
        'norm as a square root': ('[float(np.linalg.norm(dW)) for dW, _ in grads]',
                                  '[float(np.sqrt(np.sum(dW ** 2))) for dW, _ in grads]'),
        'delta by the batch size from H': ('delta = (activations[-1] - T) / len(T)',
                                           'H = activations[-1]\n    delta = (H - T) / H.shape[0]'),
        'in-place updates on copies': ('        params = [(W - lr * dW, b - lr * db) for (W, b), (dW, db) in zip(params, grads)]',
                                       '        new = []\n        for (W, b), (dW, db) in zip(params, grads):\n'
                                       '            new.append((W - lr * dW, b - lr * db))\n        params = new'),
    },
    'k12_linear_collapse': {
        'np.dot': ('    return X @ W + b\n', '    return np.dot(X, W) + b\n'),
        'column_stack for the ones': ('    return np.hstack([X, np.ones((X.shape[0], 1))])',
                                      '    return np.column_stack([X, np.ones(len(X))]).astype(float)'),
        'concatenate for the row': ('return np.vstack([W, b], dtype=float)',
                                    'return np.concatenate([np.asarray(W, dtype=float), [np.asarray(b, dtype=float)]])'),
        'collapse by a loop over all layers': ('    (W, b), rest = layers[0], layers[1:]\n    for W_next, b_next in rest:\n'
                                               '        W, b = W @ W_next, b @ W_next + b_next\n    return W, b',
                                               '    W, b = layers[0]\n    for k in range(1, len(layers)):\n'
                                               '        W_next, b_next = layers[k]\n        b = b @ W_next + b_next\n'
                                               '        W = W @ W_next\n    return W, b'),
        'stack by functools.reduce': ('    for W, b in layers:\n        X = layer(X, W, b)\n    return X',
                                      '    import functools\n\n'
                                      '    return functools.reduce(lambda A, Wb: layer(A, *Wb), layers, X)'),
        'another shape message': ('raise ValueError(f"X of shape {np.shape(X)} cannot multiply W of shape {np.shape(W)}: "\n'
                                  '                         "X\'s columns must equal W\'s rows")',
                                  'raise ValueError(f"{np.shape(X)} @ {np.shape(W)}: inner sizes differ")'),
    },
    'k13_epochs_and_batches': {
        'math.ceil and another message': (
            '    if batch_size < 1:\n        raise ValueError(f"batch_size must be at least 1; got {batch_size}")\n'
            '    return -(-n // batch_size)',
            '    if batch_size <= 0:\n        raise ValueError("a batch holds at least one sample")\n'
            '    import math\n    return math.ceil(n / batch_size)'),
        'a list of batches from rng.choice': (
            '    order = np.arange(n) if seed is None else np.random.default_rng(seed).permutation(n)\n'
            '    for start in range(0, n, batch_size):\n        yield order[start:start + batch_size]',
            '    if seed is None:\n        order = np.arange(n)\n    else:\n'
            '        order = np.random.default_rng(seed).choice(n, size=n, replace=False)\n'
            '    return [order[i:i + batch_size] for i in range(0, n, batch_size)]'),
        'a loop for the parameter count': (
            'return sum((n_in + 1) * n_out for n_in, n_out in zip(layer_sizes, layer_sizes[1:]))',
            'total = 0\n    for i in range(len(layer_sizes) - 1):\n'
            '        total += layer_sizes[i] * layer_sizes[i + 1] + layer_sizes[i + 1]\n    return total'),
        'mse as a sum over the size': (
            'return float(np.mean((np.asarray(y) - t) ** 2))',
            'e = np.asarray(y, dtype=float) - np.asarray(t)\n    return float(np.sum(e * e) / e.size)'),
        'np.dot and the sigmoid through exp(z)': (
            '        z = activations[-1] @ np.asarray(W, dtype=dtype) + np.asarray(b, dtype=dtype)\n'
            '        activations.append(1 / (1 + np.exp(-z)))',
            '        z = np.dot(activations[-1], np.asarray(W, dtype=dtype)) + np.asarray(b, dtype=dtype)\n'
            '        activations.append(np.exp(z) / (1 + np.exp(z)))'),
        'the gradient of the output written out': (
            '    y = np.asarray(y)\n    return 2 * (y - t) / y.size',
            '    y = np.asarray(y, dtype=float)\n    return (y - t) * (2.0 / y.size)'),
    },
}


# Found by learners trying the katas: correct answers a check used to reject.
ALTERNATIVES['k03_chain_rule']['a capitalised message'] = (
    'raise RuntimeError(f"{type(self).__name__}.backward() was called before forward(): nothing to differentiate yet")',
    'raise RuntimeError("Mul: Forward must run before backward")')
ALTERNATIVES['k06_loss_functions']['each name with a note'] = (
    'raise ValueError(f"{names[0]} has shape {a.shape} but {names[1]} has shape {b.shape}: they must match")',
    'raise ValueError(f"{names[0]} (the first argument) has shape {a.shape} but {names[1]} (the second) "\n'
    '                         f"has shape {b.shape}")')
ALTERNATIVES['k06_loss_functions']['names first, shapes after'] = (
    'raise ValueError(f"{names[0]} has shape {a.shape} but {names[1]} has shape {b.shape}: they must match")',
    'raise ValueError(f"{names[0]} and {names[1]} must have the same shape; got {a.shape} and {b.shape}")')
ALTERNATIVES['k07_gradient_descent']['np.float64 for a number, an array of the history'] = [
    ('x = np.array(x0, dtype=float) if np.ndim(x0) else float(x0)',
     'x = np.array(x0, dtype=float) if np.ndim(x0) else np.float64(x0)'),
    ('    return x, history\n', '    return x, np.array(history)\n')]
ALTERNATIVES['k08_mlp_forward']['actf through tanh'] = ('return 1 / (1 + np.exp(-x))', 'return 0.5 * (1 + np.tanh(x / 2))')
ALTERNATIVES['k12_linear_collapse']['collapse with np.dot'] = (
    'W, b = W @ W_next, b @ W_next + b_next', 'W = np.dot(W, W_next)\n        b = np.dot(b, W_next) + b_next')
ALTERNATIVES['k12_linear_collapse']['collapse with np.matmul'] = (
    'W, b = W @ W_next, b @ W_next + b_next', 'W, b = np.matmul(W, W_next), np.matmul(b, W_next) + b_next')
ALTERNATIVES['k13_epochs_and_batches']['each batch in sorted order'] = (
    'params = train_step(X[batch], T[batch], params, lr)',
    'rows = np.sort(batch)\n            params = train_step(X[rows], T[rows], params, lr)')
_MSE_CHECKED = '    y, t = _same_shape(y, t, ("y", "t"))\n    return float(0.5 * np.sum((y - t) ** 2))'
for _name, _message in (("a message with don't", 'f"shapes don\'t match: y {y.shape} vs t {t.shape}"'),
                        ("a message with can't", 'f"can\'t compare y of shape {y.shape} with t of shape {t.shape}"'),
                        ('a message in Korean', 'f"y의 모양 {y.shape}과 t의 모양 {t.shape}이 다릅니다"')):
    ALTERNATIVES['k06_loss_functions'][_name] = (
        _MSE_CHECKED, '    y, t = np.asarray(y, dtype=float), np.asarray(t, dtype=float)\n'
        f'    if y.shape != t.shape:\n        raise ValueError({_message})\n'
        '    return float(0.5 * np.sum((y - t) ** 2))')
ALTERNATIVES['k11_learning_xor']['the exact gradient of bce with its ε'] = (
    'delta = (activations[-1] - T) / len(T)',
    'H, eps = activations[-1], 1e-7\n'
    '    dH = -(T / (H + eps) - (1 - T) / (1 - H + eps)) / len(T)\n'
    '    delta = dH * H * (1 - H)')
