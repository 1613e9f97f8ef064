"""Plausible wrong answers, kata by kata: each must fail at least one of its kata's checks.

Each entry is a name and a pair (text in the reference, what a learner might write instead), or a
list of such pairs for a mistake made in two places. The check puts the wrong version in a copy of
the repository and runs that kata's tests: they must fail (exit code 1: a failed check, not a crash
of the test module). `make mistakes` runs them all; so does CI. Add a mistake here when a learner
makes one the tests did not catch, then strengthen the tests.

SAYS names, for the mistakes a kata recognises, a phrase its `make kata` report must show: the check
runs the learner's report on the wrong version and looks for it.
"""


def edits(variant):
    """A variant's (old, new) replacements, in order: its one pair, or its list of pairs."""
    return [variant] if isinstance(variant[0], str) else list(variant)


MISTAKES = {'k01_numeric_derivative': {'central as forward': ('return (f(x + dx) - f(x)) / dx',
                                                   'return (f(x + dx) - f(x - dx)) / (2 * dx)'),
                            'forward as central': ('return (f(x + dx) - f(x - dx)) / (2 * dx)',
                                                   'return (f(x + dx) - f(x)) / dx'),
                            'backward': ('return (f(x + dx) - f(x)) / dx',
                                         'return (f(x) - f(x - dx)) / dx'),
                            'sign': ('return (f(x + dx) - f(x)) / dx', 'return (f(x) - f(x + dx)) / dx'),
                            'hardcoded dx': ('return (f(x + dx) - f(x)) / dx',
                                             'return (f(x + 0.01) - f(x)) / 0.01'),
                            'central no 2': ('return (f(x + dx) - f(x - dx)) / (2 * dx)',
                                             'return (f(x + dx) - f(x - dx)) / dx'),
                            'precedence': ('return (f(x + dx) - f(x)) / dx',
                                           'return f(x + dx) - f(x) / dx'),
                            'no dx check': ('    if dx == 0 or not math.isfinite(dx):\n'
                                            '        raise ValueError(f"dx must be a non-zero finite '
                                            'number, got {dx!r}: the quotient divides by dx")\n'
                                            '    return (f(x + dx) - f(x)) / dx',
                                            '    return (f(x + dx) - f(x)) / dx'),
                            'only zero check': ('    if dx == 0 or not math.isfinite(dx):\n'
                                                '        raise ValueError(f"dx must be a non-zero finite '
                                                'number, got {dx!r}: the quotient divides by dx")\n'
                                                '    return (f(x + dx) - f(x - dx))',
                                                '    if dx == 0:\n'
                                                "        raise ValueError('dx is zero')\n"
                                                '    return (f(x + dx) - f(x - dx))'),
                            'returns int-ish round': ('return (f(x + dx) - f(x)) / dx',
                                                      'return round((f(x + dx) - f(x)) / dx, 2)'),
                            'central hardcoded dx': ('return (f(x + dx) - f(x - dx)) / (2 * dx)',
                                                     'return (f(x + 0.01) - f(x - 0.01)) / 0.02'),
                            'not divided': ('return (f(x + dx) - f(x)) / dx', 'return f(x + dx) - f(x)'),
                            'rounded to 6': ('return (f(x + dx) - f(x)) / dx',
                                             'return round((f(x + dx) - f(x)) / dx, 6)'),
                            'rounded to 10': ('return (f(x + dx) - f(x)) / dx',
                                              'return round((f(x + dx) - f(x)) / dx, 10)'),
                            'small dx refused': ('    if dx == 0 or not math.isfinite(dx):\n'
                                                 '        raise ValueError(f"dx must be a non-zero finite '
                                                 'number, got {dx!r}: the quotient divides by dx")\n'
                                                 '    return (f(x + dx) - f(x)) / dx',
                                                 '    if not math.isfinite(dx) or abs(dx) < 1e-9:\n'
                                                 '        raise ValueError("dx too small")\n'
                                                 '    return (f(x + dx) - f(x)) / dx')},
 'k02_partial_derivatives': {'central': ('return float((f(*nudged) - f(*point)) / dx)',
                                         'back = point.copy(); back[i] -= dx\n'
                                         '    return float((f(*nudged) - f(*back)) / (2 * dx))'),
                             'int copy': ("point = np.array(point, dtype=float)  # a copy: the caller's "
                                          'point stays as it was',
                                          'point = np.array(point)'),
                             'all coords': ('nudged[i] += dx', 'nudged += dx'),
                             'negative i ok': ('if not 0 <= i < point.size:',
                                               'if not -point.size <= i < point.size:'),
                             'no dx check': ('if dx == 0 or not math.isfinite(dx):', 'if False:'),
                             'gradient list': ('return np.array([partial_derivative(f, point, i, dx) for i '
                                               'in range(len(point))])',
                                               'return [partial_derivative(f, point, i, dx) for i in '
                                               'range(len(point))]'),
                             'gradient ignores dx': ('return np.array([partial_derivative(f, point, i, dx) '
                                                     'for i in range(len(point))])',
                                                     'return np.array([partial_derivative(f, point, i) for '
                                                     'i in range(len(point))])'),
                             'returns np scalar array': ('return float((f(*nudged) - f(*point)) / dx)',
                                                         'return np.array((f(*nudged) - f(*point)) / dx)'),
                             'asarray + in-place nudge': ('point = np.array(point, dtype=float)  # a copy: '
                                                          "the caller's point stays as it was\n"
                                                          '    if not 0 <= i < point.size:\n'
                                                          '        raise IndexError(f"i = {i} is not a '
                                                          'coordinate of a point with {point.size}: use 0 '
                                                          'to {point.size - 1}")\n'
                                                          '    if dx == 0 or not math.isfinite(dx):\n'
                                                          '        raise ValueError(f"dx must be a '
                                                          'non-zero finite number, got {dx!r}: the '
                                                          'quotient divides by dx")\n'
                                                          '    nudged = point.copy()\n'
                                                          '    nudged[i] += dx\n'
                                                          '    return float((f(*nudged) - f(*point)) / dx)',
                                                          'point = np.asarray(point, dtype=float)\n'
                                                          '    if not 0 <= i < point.size:\n'
                                                          "        raise IndexError('i')\n"
                                                          '    if dx == 0 or not math.isfinite(dx):\n'
                                                          "        raise ValueError('dx')\n"
                                                          '    before = f(*point)\n'
                                                          '    point[i] += dx\n'
                                                          '    return float((f(*point) - before) / dx)'),
                             'sign': ('return float((f(*nudged) - f(*point)) / dx)',
                                      'return float((f(*point) - f(*nudged)) / dx)')},
 'k03_chain_rule': {'mul swapped': ('return d_out * self.y, d_out * self.x',
                                    'return d_out * self.x, d_out * self.y'),
                    'mul no d_out': ('return d_out * self.y, d_out * self.x', 'return self.y, self.x'),
                    'add ones': ('return d_out * 1, d_out * 1', 'return 1, 1'),
                    'sigmoid sigma not derivative': ('return d_out * self.out * (1 - self.out)',
                                                     'return d_out * self.out'),
                    'sigmoid no d_out': ('return d_out * self.out * (1 - self.out)',
                                         'return self.out * (1 - self.out)'),
                    'square one path': ('return f, dx_first + dx_second', 'return f, dx_first'),
                    'class attrs': ('self.x, self.y = x, y\n        return x * y',
                                    'Mul.x, Mul.y = x, y\n        return x * y'),
                    'linear swaps returns': ('    return f, dw, dx, db\n'
                                             '    # END SOLUTION\n'
                                             '\n'
                                             '\n'
                                             '# %%\n'
                                             'def logistic',
                                             '    return f, dx, dw, db\n'
                                             '    # END SOLUTION\n'
                                             '\n'
                                             '\n'
                                             '# %%\n'
                                             'def logistic'),
                    'logistic skips sigmoid backward': ('    dz = sigmoid.backward(1.0)\n'
                                                        '    dg, db = add.backward(dz)\n'
                                                        '    dw, dx = mul.backward(dg)\n'
                                                        '    return h, dw, dx, db',
                                                        '    dg, db = add.backward(1.0)\n'
                                                        '    dw, dx = mul.backward(dg)\n'
                                                        '    return h, dw, dx, db'),
                    'no runtime error': ('        if self.x is None:\n            raise RuntimeError(f"{type(self)',
                                         '        if False:\n            raise RuntimeError(f"{type(self)'),
                    'sigmoid d_out times 1 - h': ('return d_out * self.out * (1 - self.out)',
                                                  'return d_out * (1 - self.out)'),
                    'sigmoid deriv of z': [('self.out = 1 / (1 + math.exp(-z))',
                                            'self.z = z\n        self.out = 1 / (1 + math.exp(-z))'),
                                           ('return d_out * self.out * (1 - self.out)',
                                            'return d_out * self.z * (1 - self.z)')]},
 'k04_gate_perceptrons': {'step z > 0.0': ('fired = np.asarray(z) > THRESHOLD', 'fired = np.asarray(z) > 0.0'),
                          'step z>0': ('fired = np.asarray(z) > THRESHOLD', 'fired = np.asarray(z) > 0'),
                          'step >=': ('fired = np.asarray(z) > THRESHOLD',
                                      'fired = np.asarray(z) >= THRESHOLD'),
                          'step bool': ('return fired.astype(int) if fired.ndim else int(fired)',
                                        'return fired if fired.ndim else bool(fired)'),
                          'update sign': ('w = w + lr * error * x\n                b = b + lr * error',
                                          'w = w - lr * error * x\n                b = b - lr * error'),
                          'no bias update': ('w = w + lr * error * x\n                b = b + lr * error',
                                             'w = w + lr * error * x'),
                          'always converged': ('    return w, b, False\n', '    return w, b, True\n'),
                          'epoch off by one': ('for _ in range(epochs):', 'for _ in range(epochs + 1):'),
                          'layer transposed check': ('if W.ndim != 2 or X.shape[-1] != W.shape[0]:',
                                                     'if False:'),
                          'nand weights': ('np.array([-0.5, -0.5]), 0.7)', 'np.array([-0.5, -0.5]), 1.2)'),
                          'xor wrong composition': ('return and_gate(nand_gate(x1, x2), or_gate(x1, x2))',
                                                    'return or_gate(nand_gate(x1, x2), and_gate(x1, x2))'),
                          'grid last not first': ('            return w, b\n    return None',
                                                  '            found = (w, b)\n'
                                                  "    return found if 'found' in dir() else None"),
                          'table order': ('itertools.product((0, 1), repeat=2)',
                                          'itertools.product((1, 0), repeat=2)'),
                          'train with plain z > 0': ('error = t - perceptron(x, w, b)',
                                                     'error = t - int(np.dot(x, w) + b > 0)')},
 'k05_xor_forward': {'naive sigmoid': ('    z = np.asarray(z)\n'
                                       '    small = np.exp(-np.abs(z))  # e^(−|z|) ≤ 1: never overflows\n'
                                       '    out = np.where(z >= 0, 1 / (1 + small), small / (1 + small))',
                                       '    z = np.asarray(z)\n    out = 1 / (1 + np.exp(-z))'),
                     'sigmoid where both branches': ('    small = np.exp(-np.abs(z))  # e^(−|z|) ≤ 1: '
                                                     'never overflows\n'
                                                     '    out = np.where(z >= 0, 1 / (1 + small), small / '
                                                     '(1 + small))',
                                                     '    out = np.where(z >= 0, 1 / (1 + np.exp(-z)), '
                                                     'np.exp(z) / (1 + np.exp(z)))'),
                     'sigmoid returns array': ('return out if out.ndim else float(out)', 'return out'),
                     'always rounds': ('hidden = np.round([y1, y2]) if rounded else np.array([y1, y2])',
                                       'hidden = np.round([y1, y2])'),
                     'transposed W1': ('K = sigmoid(X @ W1 + B1)', 'K = sigmoid(X @ W1.T + B1)'),
                     'no shape check': ('if X.shape[-1] != W1.shape[0] or W1.shape[1] != W2.shape[0]:',
                                        'if False:'),
                     'no second sigmoid': ('return K, sigmoid(K @ W2 + B2)', 'return K, K @ W2 + B2'),
                     'course weights': ('W1 = np.array([[20.0, -20.0], [20.0, -20.0]])\n'
                                        '    B1 = np.array([-10.0, 30.0])\n'
                                        '    W2 = np.array([[20.0], [20.0]])\n'
                                        '    B2 = np.array([-30.0])',
                                        'W1, B1, W2, B2 = COURSE_W1, COURSE_B1, COURSE_W2, COURSE_B2'),
                     'weak margin': ('W2 = np.array([[20.0], [20.0]])\n    B2 = np.array([-30.0])',
                                     'W2 = np.array([[2.0], [2.0]])\n    B2 = np.array([-3.0])')},
 'k06_loss_functions': {'no half': ('return float(0.5 * np.sum((y - t) ** 2))',
                                    'return float(np.sum((y - t) ** 2))'),
                        'mse mean': ('return float(0.5 * np.sum((y - t) ** 2))',
                                     'return float(0.5 * np.mean((y - t) ** 2))'),
                        'mse no shape check': ('    y, t = _same_shape(y, t, ("y", "t"))\n'
                                               '    return float(0.5',
                                               '    y, t = np.asarray(y, dtype=float), np.asarray(t, '
                                               'dtype=float)\n'
                                               '    return float(0.5'),
                        'grad sign': ('    return y - t\n', '    return t - y\n'),
                        'grad times 2': ('    return y - t\n', '    return 2 * (y - t)\n'),
                        'keras with half': ('return float(np.mean((y - t) ** 2))',
                                            'return float(0.5 * np.mean((y - t) ** 2))'),
                        'bce sum': ('return float(-np.mean(t * np.log(h + eps)',
                                    'return float(-np.sum(t * np.log(h + eps)'),
                        'bce no minus': ('return float(-np.mean(t * np.log(h + eps)',
                                         'return float(np.mean(t * np.log(h + eps)'),
                        'bce no eps': ('return float(-np.mean(t * np.log(h + eps) + (1 - t) * np.log(1 - h '
                                       '+ eps)))',
                                       'return float(-np.mean(t * np.log(h) + (1 - t) * np.log(1 - h)))'),
                        'bce fixed eps': ('return float(-np.mean(t * np.log(h + eps) + (1 - t) * np.log(1 '
                                          '- h + eps)))',
                                          'return float(-np.mean(t * np.log(h + 1e-7) + (1 - t) * np.log(1 '
                                          '- h + 1e-7)))'),
                        'bce clip instead': ('return float(-np.mean(t * np.log(h + eps) + (1 - t) * '
                                             'np.log(1 - h + eps)))',
                                             'h = np.clip(h, eps, 1 - eps)\n'
                                             '    return float(-np.mean(t * np.log(h) + (1 - t) * np.log(1 '
                                             '- h)))'),
                        'abs not square': ('return float(0.5 * np.sum((y - t) ** 2))',
                                           'return float(0.5 * np.sum(np.abs(y - t)))'),
                        'bce swapped': ('return float(-np.mean(t * np.log(h + eps) + (1 - t) * np.log(1 - '
                                        'h + eps)))',
                                        'return float(-np.mean((1 - t) * np.log(h + eps) + t * np.log(1 - '
                                        'h + eps)))'),
                        'keras sum': ('return float(np.mean((y - t) ** 2))',
                                      'return float(np.sum((y - t) ** 2))'),
                        'square outside': ('return float(0.5 * np.sum((y - t) ** 2))',
                                           'return float((0.5 * np.sum(y - t)) ** 2)'),
                        'keras as course': ('return float(np.mean((y - t) ** 2))',
                                            'return float(0.5 * np.sum((y - t) ** 2))'),
                        'mse as keras': ('return float(0.5 * np.sum((y - t) ** 2))',
                                         'return float(np.mean((y - t) ** 2))')},
 'k07_gradient_descent': {'lr ten times': ('new = x - lr * grad(x)', 'new = x - 10 * lr * grad(x)'),
                          'plus': ('new = x - lr * grad(x)', 'new = x + lr * grad(x)'),
                          'off by one': ('for _ in range(steps):', 'for _ in range(steps - 1):'),
                          'history without x0': ('history = [x]', 'history = []'),
                          'in place': ('    x = np.array(x0, dtype=float) if np.ndim(x0) else float(x0)  # '
                                       'a copy: x0 stays as it was\n'
                                       '    history = [x]\n'
                                       '    for _ in range(steps):\n'
                                       '        new = x - lr * grad(x)\n'
                                       '        history.append(new)\n'
                                       '        done = precision is not None and np.linalg.norm(new - x) < '
                                       'precision\n'
                                       '        x = new',
                                       '    x = x0\n'
                                       '    history = [x]\n'
                                       '    for _ in range(steps):\n'
                                       '        before = np.copy(x)\n'
                                       '        x -= lr * grad(x)\n'
                                       '        history.append(x)\n'
                                       '        done = precision is not None and np.linalg.norm(x - '
                                       'before) < precision'),
                          'stop before append': ('        history.append(new)\n'
                                                 '        done = precision is not None and '
                                                 'np.linalg.norm(new - x) < precision\n'
                                                 '        x = new\n'
                                                 '        if done:\n'
                                                 '            break',
                                                 '        if precision is not None and np.linalg.norm(new '
                                                 '- x) < precision:\n'
                                                 '            break\n'
                                                 '        history.append(new)\n'
                                                 '        x = new'),
                          'precision on grad': ('np.linalg.norm(new - x) < precision',
                                                'np.linalg.norm(grad(x)) < precision'),
                          'max abs not norm': ('np.linalg.norm(new - x) < precision',
                                               'np.max(np.abs(new - x)) < precision'),
                          'clip divergence': ('new = x - lr * grad(x)',
                                              'new = np.clip(x - lr * grad(x), -1e6, 1e6)'),
                          'no lr check': ('if not lr > 0:', 'if False:')},
 'k08_mlp_forward': {'transpose W1': ('layer1 = actf(layer0 @ W1 + B1)',
                                      'layer1 = actf(layer0 @ W1.T + B1)'),
                     'no bias': ('layer1 = actf(layer0 @ W1 + B1)', 'layer1 = actf(layer0 @ W1)'),
                     'bias after act': ('layer1 = actf(layer0 @ W1 + B1)',
                                        'layer1 = actf(layer0 @ W1) + B1'),
                     'no output act': ('layer2 = actf(layer1 @ W2 + B2)', 'layer2 = layer1 @ W2 + B2'),
                     'relu hidden': ('layer1 = actf(layer0 @ W1 + B1)',
                                     'layer1 = np.maximum(0, layer0 @ W1 + B1)'),
                     'no shape check': ('    if (W1.shape[0] != layer0.shape[-1]',
                                        '    if False and (W1.shape[0] != layer0.shape[-1]'),
                     'in-place': ('    layer1 = actf(layer0 @ W1 + B1)\n',
                                  '    B1 += 0\n'
                                  '    W1 *= 1.0000001\n'
                                  '    layer1 = actf(layer0 @ W1 + B1)\n'),
                     'tanh': ('return 1 / (1 + np.exp(-x))', 'return np.tanh(x)')},
 'k09_mlp_backprop': {'deriv of z': ('    delta2 = (A2 - t) * actf_deriv(A2)\n'
                                     '    delta1 = (delta2 @ W2.T) * actf_deriv(A1)',
                                     '    Z2 = A1 @ W2 + B2\n'
                                     '    Z1 = x @ W1 + B1\n'
                                     '    delta2 = (A2 - t) * actf_deriv(Z2)\n'
                                     '    delta1 = (delta2 @ W2.T) * actf_deriv(Z1)'),
                      'no deriv': ('delta2 = (A2 - t) * actf_deriv(A2)', 'delta2 = (A2 - t)'),
                      'updated W2': ('    grads = backprop(x, t, *params)\n'
                                     '    return tuple(p - lr * g for p, g in zip(params, grads))',
                                     '    W1, B1, W2, B2 = params\n'
                                     '    dW1, dB1, dW2, dB2 = backprop(x, t, *params)\n'
                                     '    W2 = W2 - lr * dW2\n'
                                     '    B2 = B2 - lr * dB2\n'
                                     '    dW1, dB1, _, _ = backprop(x, t, W1, B1, W2, B2)\n'
                                     '    return W1 - lr * dW1, B1 - lr * dB1, W2, B2'),
                      'unsummed bias': ('return x.T @ delta1, delta1.sum(axis=0), A1.T @ delta2, '
                                        'delta2.sum(axis=0)',
                                        'return x.T @ delta1, delta1[0], A1.T @ delta2, delta2[0]'),
                      'mean bias': ('return x.T @ delta1, delta1.sum(axis=0), A1.T @ delta2, '
                                    'delta2.sum(axis=0)',
                                    'return x.T @ delta1, delta1.mean(axis=0), A1.T @ delta2, '
                                    'delta2.mean(axis=0)'),
                      'plus update': ('return tuple(p - lr * g for p, g in zip(params, grads))',
                                      'return tuple(p + lr * g for p, g in zip(params, grads))'),
                      'in place': ('    grads = backprop(x, t, *params)\n'
                                   '    return tuple(p - lr * g for p, g in zip(params, grads))',
                                   '    grads = backprop(x, t, *params)\n'
                                   '    for p, g in zip(params, grads):\n'
                                   '        p -= lr * g\n'
                                   '    return params'),
                      'shuffled': ('        for x, t in zip(X, T):\n            params = train_step',
                                   '        for x, t in list(zip(X, T))[::-1]:\n'
                                   '            params = train_step'),
                      'batch fit': ('        for x, t in zip(X, T):\n'
                                    '            params = train_step(x.reshape(1, -1), t.reshape(1, -1), '
                                    'params, lr)',
                                    '        params = train_step(X, T, params, lr)'),
                      'log off by one': ('        if log_every and epoch % log_every == 0:',
                                         '        if log_every and (epoch - 1) % log_every == 0:'),
                      'loss no half': ('return float(0.5 * np.sum((out - t) ** 2))',
                                       'return float(np.sum((out - t) ** 2))'),
                      'hand early update': ('            delta_1 = (delta_y * w5) * (a1 * (1 - a1))  # the '
                                            'old w5 and w6: update after\n'
                                            '            delta_2 = (delta_y * w6) * (a2 * (1 - a2))\n'
                                            '            w5, w6, b3 = w5 - lr * (a1 * delta_y), w6 - lr * '
                                            '(a2 * delta_y), b3 - lr * delta_y',
                                            '            w5, w6, b3 = w5 - lr * (a1 * delta_y), w6 - lr * '
                                            '(a2 * delta_y), b3 - lr * delta_y\n'
                                            '            delta_1 = (delta_y * w5) * (a1 * (1 - a1))\n'
                                            '            delta_2 = (delta_y * w6) * (a2 * (1 - a2))'),
                      'transposed hand w2/w3': ('            a1 = 1 / (1 + math.exp(-(x1 * w1 + x2 * w3 + '
                                                'b1)))\n'
                                                '            a2 = 1 / (1 + math.exp(-(x1 * w2 + x2 * w4 + '
                                                'b2)))',
                                                '            a1 = 1 / (1 + math.exp(-(x1 * w1 + x2 * w2 + '
                                                'b1)))\n'
                                                '            a2 = 1 / (1 + math.exp(-(x1 * w3 + x2 * w4 + '
                                                'b2)))'),
                      'fit_by_hand ignores data': ('        for x1, x2, t in data:',
                                                   '        for x1, x2, t in ((0, 0, 0), (0, 1, 1), (1, 0, '
                                                   '1), (1, 1, 0)):')},
 'k10_activation_functions': {'step > 0': ('return (np.asarray(x) > THRESHOLD).astype(float)',
                                           'return (np.asarray(x) > 0).astype(float)'),
                              'naive sigmoid': ('    small = np.exp(-np.abs(x))\n'
                                                '    return np.where(x >= 0, 1 / (1 + small), small / (1 + '
                                                'small))',
                                                '    return 1 / (1 + np.exp(-x))'),
                              'sigmoid deriv of input': ('    s = sigmoid(x)\n    return s * (1 - s)',
                                                         '    return x * (1 - x)'),
                              'tanh deriv wrong': ('return 1 - tanh(x) ** 2', 'return 1 - tanh(x)'),
                              'relu deriv >=': ('return (np.asarray(x) > 0).astype(float)',
                                                'return (np.asarray(x) >= 0).astype(float)'),
                              'leaky fixed slope': ('return np.where(x > 0, x, slope * x)',
                                                    'return np.where(x > 0, x, 0.1 * x)'),
                              'leaky deriv at 0 is 1': ('return np.where(np.asarray(x) > 0, 1.0, slope)',
                                                        'return np.where(np.asarray(x) >= 0, 1.0, slope)'),
                              'elu naive': ('return np.where(x > 0, x, alpha * np.expm1(np.minimum(x, '
                                            '0.0)))',
                                            'return np.where(x > 0, x, alpha * (np.exp(x) - 1))'),
                              'elu no alpha': ('return np.where(x > 0, x, alpha * np.expm1(np.minimum(x, '
                                               '0.0)))',
                                               'return np.where(x > 0, x, np.expm1(np.minimum(x, 0.0)))'),
                              'elu deriv at 0 is 1': ('return np.where(x > 0, 1.0, alpha * '
                                                      'np.exp(np.minimum(x, 0.0)))',
                                                      'return np.where(x >= 0, 1.0, alpha * '
                                                      'np.exp(np.minimum(x, 0.0)))'),
                              'maxout min': ('best = z.max(axis=-1)', 'best = z.min(axis=-1)'),
                              'maxout deriv rows': ('return W.T[z.argmax(axis=-1)]',
                                                    'return W[z.argmax(axis=-1)]'),
                              'step deriv ones': ('return np.zeros(np.shape(x))',
                                                  'return np.ones(np.shape(x))'),
                              'sigmoid deriv is sigmoid': ('    s = sigmoid(x)\n    return s * (1 - s)',
                                                           '    return sigmoid(x)')},
 'k11_learning_xor': {'relu slope >= 0': ('slope = A * (1 - A) if hidden == "sigmoid" else (A > 0).astype(float)',
                                         'slope = A * (1 - A) if hidden == "sigmoid" else (A >= 0).astype(float)'),
                      'relu >= and sum': [('slope = A * (1 - A) if hidden == "sigmoid" else (A > 0).astype(float)',
                                           'slope = A * (1 - A) if hidden == "sigmoid" else (A >= 0).astype(float)'),
                                          ('delta = (activations[-1] - T) / len(T)', 'delta = (activations[-1] - T)')],
                      'sum not mean': ('delta = (activations[-1] - T) / len(T)',
                                       'delta = (activations[-1] - T)'),
                      'sigmoid slope from z-ish': ('slope = A * (1 - A) if hidden == "sigmoid" else (A > '
                                                   '0).astype(float)',
                                                   'slope = _sigmoid(A) * (1 - _sigmoid(A)) if hidden == '
                                                   '"sigmoid" else (A > 0).astype(float)'),
                      'relu slope ones': ('slope = A * (1 - A) if hidden == "sigmoid" else (A > '
                                          '0).astype(float)',
                                          'slope = A * (1 - A) if hidden == "sigmoid" else '
                                          'np.ones_like(A)'),
                      'relu output': ('activations.append(_sigmoid(z) if last or hidden == "sigmoid" else '
                                      'np.maximum(0.0, z))',
                                      'activations.append(_sigmoid(z) if hidden == "sigmoid" else '
                                      'np.maximum(0.0, z))'),
                      'log after update': ('        if log_every and epoch % log_every == 0:\n'
                                           '            log.append((epoch, bce(activations[-1], T), '
                                           '[float(np.linalg.norm(dW)) for dW, _ in grads]))\n'
                                           '        params = [(W - lr * dW, b - lr * db) for (W, b), (dW, '
                                           'db) in zip(params, grads)]',
                                           '        params = [(W - lr * dW, b - lr * db) for (W, b), (dW, '
                                           'db) in zip(params, grads)]\n'
                                           '        if log_every and epoch % log_every == 0:\n'
                                           '            log.append((epoch, bce(forward(X, params, '
                                           'hidden)[-1], T), [float(np.linalg.norm(dW)) for dW, _ in '
                                           'grads]))'),
                      'no bias update': ('params = [(W - lr * dW, b - lr * db)',
                                         'params = [(W - lr * dW, b)'),
                      'accuracy >=': ('return float(np.mean((H > 0.5) == (T == 1)))',
                                      'return float(np.mean((H >= 0.5) == (T == 1)))'),
                      'reversed grads': ('    return grads[::-1]\n', '    return grads\n'),
                      'seed ignored': ('params = init_params(sizes, seed)', 'params = init_params(sizes)')},
 'k12_linear_collapse': {'order swapped and bias not carried': ('W, b = W @ W_next, b @ W_next + b_next', 'W, b = W_next @ W, b + b_next'),
                         'bias not carried': ('W, b = W @ W_next, b @ W_next + b_next',
                                              'W, b = W @ W_next, b + b_next'),
                         'order swapped': ('W, b = W @ W_next, b @ W_next + b_next',
                                           'W, b = W_next @ W, b @ W_next + b_next'),
                         'last bias only': ('W, b = W @ W_next, b @ W_next + b_next',
                                            'W, b = W @ W_next, b_next'),
                         'stack reversed': ('    for W, b in layers:\n        X = layer(X, W, b)',
                                            '    for W, b in reversed(layers):\n'
                                            '        X = layer(X, W, b)'),
                         'ones first': ('return np.hstack([X, np.ones((X.shape[0], 1))])',
                                        'return np.hstack([np.ones((X.shape[0], 1)), X])'),
                         'bias row first': ('return np.vstack([W, b], dtype=float)',
                                            'return np.vstack([b, W], dtype=float)'),
                         'no shape check': ('    if np.shape(X)[-1] != np.shape(W)[0]:', '    if False:'),
                         'first bias kept': ('W, b = W @ W_next, b @ W_next + b_next', 'W = W @ W_next')},
 'k13_epochs_and_batches': {'floor': ('return -(-n // batch_size)', 'return n // batch_size'),
                            'floor plus one': ('return -(-n // batch_size)', 'return n // batch_size + 1'),
                            'no rounding': ('return -(-n // batch_size)', 'return n / batch_size'),
                            'no batch check': ('    if batch_size < 1:', '    if False:'),
                            'with replacement': ('np.random.default_rng(seed).permutation(n)',
                                                 'np.random.default_rng(seed).integers(0, n, size=n)'),
                            'short batch dropped': ('for start in range(0, n, batch_size):',
                                                    'for start in range(0, n - batch_size + 1, batch_size):'),
                            'no bias in count': ('return sum((n_in + 1) * n_out', 'return sum(n_in * n_out'),
                            'bias with outputs': ('return sum((n_in + 1) * n_out', 'return sum(n_in * (n_out + 1)'),
                            'mse with half': ('return float(np.mean((np.asarray(y) - t) ** 2))',
                                              'return float(0.5 * np.mean((np.asarray(y) - t) ** 2))'),
                            'mse sum': ('return float(np.mean((np.asarray(y) - t) ** 2))',
                                        'return float(np.sum((np.asarray(y) - t) ** 2))'),
                            'grad no 2': ('return 2 * (y - t) / y.size', 'return (y - t) / y.size'),
                            'grad by rows': ('return 2 * (y - t) / y.size', 'return 2 * (y - t) / len(y)'),
                            'float64': ('activations = [np.asarray(X, dtype=dtype)]',
                                        'activations = [np.asarray(X, dtype=float)]'),
                            'no bias in forward': ('z = activations[-1] @ np.asarray(W, dtype=dtype) + np.asarray(b, dtype=dtype)',
                                                   'z = activations[-1] @ np.asarray(W, dtype=dtype)'),
                            'batch sum': ('delta = keras_mse_grad(activations[-1], t) * activations[-1]',
                                          'delta = 2 * (activations[-1] - t) * activations[-1]'),
                            'in place': ("        new.append((W - lr * (A.T @ delta), b - lr * delta.sum(axis=0)))\n",
                                         "        W -= lr * (A.T @ delta)\n        b -= lr * delta.sum(axis=0)\n"
                                         "        new.append((W, b))\n"),
                            'loss before': ('        for batch in minibatches(len(X), batch_size, rng):\n'
                                            '            params = train_step(X[batch], T[batch], params, lr)\n'
                                            '        losses.append(keras_mse(forward(X, params)[-1], T))',
                                            '        losses.append(keras_mse(forward(X, params)[-1], T))\n'
                                            '        for batch in minibatches(len(X), batch_size, rng):\n'
                                            '            params = train_step(X[batch], T[batch], params, lr)'),
                            'seed ignored': ('minibatches(len(X), batch_size, rng)', 'minibatches(len(X), batch_size)'),
                            'same order every epoch': ('rng = None if seed is None else np.random.default_rng(seed)',
                                                       'rng = seed')}}

SAYS = {'k01_numeric_derivative': {'backward': 'that is the backward difference',
                            'sign': 'the sign flipped',
                            'central as forward': 'that is the central difference',
                            'central no 2': 'without the 2 in 2Δx',
                            'forward as central': 'that is the forward difference',
                            'hardcoded dx': 'instead of the dx argument',
                            'central hardcoded dx': 'the central difference with Δx = 0.01',
                            'not divided': 'not divided by Δx',
                            'rounded to 6': 'that is the forward difference rounded to',
                            'rounded to 10': 'that is the forward difference rounded to',
                            'small dx refused': 'of either sign and however small'},
 'k02_partial_derivatives': {'all coords': 'every coordinate nudged at once',
                             'central': 'this kata asks for the forward one',
                             'int copy': 'the point kept as an integer array',
                             'sign': 'the sign flipped'},
 'k03_chain_rule': {'class attrs': 'inputs on self',
                    'mul no d_out': 'without d_out',
                    'mul swapped': 'swapped',
                    'sigmoid sigma not derivative': 'σ(z) itself',
                    'square one path': "only one path's gradient",
                    'linear swaps returns': 'are swapped',
                    'sigmoid d_out times 1 - h': 'd_out·(1 − h)',
                    'sigmoid deriv of z': 'applied to z instead of the output h',
                    'sigmoid no d_out': 'h·(1 − h) without d_out'},
 'k04_gate_perceptrons': {'step z > 0.0': 'your step(5.6e-17) fires',
                          'always converged': 'no line separates XOR',
                          'epoch off by one': 'one pass per epoch',
                          'step z>0': 'a plain z > 0 fires on float crumbs',
                          'train with plain z > 0': 'predict with step(x·w + b), not a plain z > 0'},
 'k05_xor_forward': {'always rounds': 'the rounded path',
                     'course weights': "those are the course's weights",
                     'naive sigmoid': 'overflowed'},
 'k06_loss_functions': {'bce no minus': 'the minus sign missing',
                        'mse no shape check': 'numpy broadcast the two shapes',
                        'bce sum': 'a sum, not a mean',
                        'grad sign': 'the sign flipped',
                        'grad times 2': 'the ½ cancels the 2',
                        'mse mean': '½·mean',
                        'no half': 'without the ½',
                        'abs not square': '½Σ|y − t|',
                        'bce swapped': 'the terms for t = 0 and t = 1 swapped',
                        'keras sum': 'not divided by n',
                        'keras with half': '½·mean((y − t)²)',
                        'square outside': 'the square outside the sum',
                        'keras as course': 'this one has no ½ and divides by n',
                        'mse as keras': 'the Keras convention'},
 'k07_gradient_descent': {'lr ten times': 'it diverged',
                          'in place': 'it must be left unchanged',
                          'off by one': 'one entry per step',
                          'plus': 'step against the gradient, with a minus'},
 'k08_mlp_forward': {'no bias': 'the bias missing',
                     'no output act': 'without the sigmoid applied to the output',
                     'transpose W1': 'column j of W1 holds the weights into hidden unit j'},
 'k09_mlp_backprop': {'deriv of z': "σ' taken of z_y",
                      'unsummed bias': 'sum the deltas over the rows',
                      'loss no half': 'without the ½',
                      'no deriv': "without f'(net)",
                      'plus update': 'the update subtracts the gradient',
                      'updated W2': 'δ_hidden from the updated W2',
                      'mean bias': 'that is their mean'},
 'k10_activation_functions': {'tanh deriv wrong': '1 − tanh(x) without the square',
                              'naive sigmoid': 'overflowed',
                              'relu deriv >=': 'convention at the kink',
                              'sigmoid deriv of input': 'the output formula applied to the input',
                              'sigmoid deriv is sigmoid': 'σ(x) itself'},
 'k11_learning_xor': {'relu slope >= 0': 'the slope taken as 1 where A = 0 too',
                      'relu >= and sum': 'the slope taken as 1 where A = 0 too',
                      'accuracy >=': 'is not above 0.5',
                      'seed ignored': 'the start of seed 0 whatever the seed',
                      'sum not mean': 'the sum over samples, not the mean'},
 'k12_linear_collapse': {'order swapped and bias not carried': 'b₁ + b₂ adds the biases without W₂',
                         'bias not carried': 'b₁ + b₂ adds the biases without W₂',
                         'order swapped': "multiply in the layers' order",
                         'stack reversed': "in the layers' order",
                         'first bias kept': "b stayed the first layer's"},
 'k13_epochs_and_batches': {'floor': 'the short last batch dropped',
                            'floor plus one': 'one too many when the batches fit exactly',
                            'with replacement': 'drawn with replacement',
                            'short batch dropped': 'the short last batch dropped',
                            'no bias in count': 'without the biases',
                            'bias with outputs': 'so it belongs to n_in',
                            'mse with half': "Keras's mse has no ½",
                            'mse sum': 'a sum, not a mean',
                            'grad no 2': 'the 2 from the square forgotten',
                            'grad by rows': 'not by all',
                            'float64': 'computed in float64 instead of float32',
                            'batch sum': 'the sum over the batch, not the mean',
                            'loss before': "the loss before the epoch's updates",
                            'same order every epoch': 'every epoch in the same order'}}


# Found by learners trying the katas: a check that let these through now catches them.
MISTAKES['k01_numeric_derivative']['negative dx refused'] = (
    'if dx == 0 or not math.isfinite(dx):', 'if dx <= 0 or not math.isfinite(dx):')
MISTAKES['k02_partial_derivatives']['gradient drops dx'] = (
    'return np.array([partial_derivative(f, point, i, dx) for i in range(len(point))])',
    'return np.array([partial_derivative(f, point, i) for i in range(len(point))])')
MISTAKES['k06_loss_functions']['bce divides by len'] = (
    'return float(-np.mean(t * np.log(h + eps) + (1 - t) * np.log(1 - h + eps)))',
    'return float(-np.sum(t * np.log(h + eps) + (1 - t) * np.log(1 - h + eps)) / len(h))')
MISTAKES['k06_loss_functions']['keras mse divides by len'] = (
    'return float(np.mean((y - t) ** 2))', 'return float(np.sum((y - t) ** 2) / len(y))')
SAYS['k06_loss_functions']['bce divides by len'] = 'a division by len(h)'
SAYS['k02_partial_derivatives']['gradient drops dx'] = 'would be Δx = 0.01, the default'
MISTAKES['k05_xor_forward']['names W1 only'] = (
    'raise ValueError(f"shapes do not chain: X {X.shape} · W1 {W1.shape} · W2 {W2.shape} "',
    'raise ValueError(f"W1 {W1.shape} does not fit "')
MISTAKES['k09_mlp_backprop']['hidden σ\' of z1'] = (
    'delta1 = (delta2 @ W2.T) * actf_deriv(A1)', 'delta1 = (delta2 @ W2.T) * actf_deriv(x @ W1 + B1)')
SAYS['k09_mlp_backprop']['hidden σ\' of z1'] = "σ' of the hidden layer taken of z1"
SAYS['k09_mlp_backprop']['fit_by_hand ignores lr'] = 'η = 0.2 written out'
MISTAKES['k11_learning_xor']['output σ\' kept'] = (
    'delta = (activations[-1] - T) / len(T)',
    'delta = (activations[-1] - T) * activations[-1] * (1 - activations[-1]) / len(T)')
SAYS['k11_learning_xor']['output σ\' kept'] = "σ' kept at the output, as in kata 9"
MISTAKES['k13_epochs_and_batches']['if seed in minibatches'] = (
    'order = np.arange(n) if seed is None else np.random.default_rng(seed).permutation(n)',
    'order = np.random.default_rng(seed).permutation(n) if seed else np.arange(n)')
MISTAKES['k13_epochs_and_batches']['if seed in train'] = (
    'rng = None if seed is None else np.random.default_rng(seed)',
    'rng = np.random.default_rng(seed) if seed else None')
SAYS['k13_epochs_and_batches']['if seed in minibatches'] = '`if seed:` is false for seed 0'
SAYS['k13_epochs_and_batches']['if seed in train'] = '`if seed:` is false for seed 0'
MISTAKES['k09_mlp_backprop']['fit_by_hand ignores lr'] = [
    (line, line.replace("lr *", "0.2 *")) for line in (
        'w5, w6, b3 = w5 - lr * (a1 * delta_y), w6 - lr * (a2 * delta_y), b3 - lr * delta_y',
        'w1, w2 = w1 - lr * (x1 * delta_1), w2 - lr * (x1 * delta_2)',
        'w3, w4 = w3 - lr * (x2 * delta_1), w4 - lr * (x2 * delta_2)',
        'b1, b2 = b1 - lr * delta_1, b2 - lr * delta_2')]
MISTAKES['k04_gate_perceptrons']['rule ignores lr'] = ('def train_perceptron(X, y, lr, epochs):',
                                                      'def train_perceptron(X, y, lr, epochs):\n    lr = 0.1')
MISTAKES['k02_partial_derivatives']['gradient int copy'] = (
    'return np.array([partial_derivative(f, point, i, dx) for i in range(len(point))])',
    'p = np.array(point)\n    g = np.zeros(len(p))\n    for k in range(len(p)):\n        q = p.copy()\n'
    '        q[k] += dx\n        g[k] = (f(*q) - f(*p)) / dx\n    return g')
SAYS['k02_partial_derivatives']['gradient int copy'] = 'the point kept as an integer array'
BCE = 'return float(-np.mean(t * np.log(h + eps) + (1 - t) * np.log(1 - h + eps)))'
MISTAKES['k06_loss_functions']['bce eps after the logs'] = (
    BCE, 'return float(-np.mean(t * (np.log(h) + eps) + (1 - t) * (np.log(1 - h) + eps)))')
MISTAKES['k06_loss_functions']['bce eps after one log'] = (
    BCE, 'return float(-np.mean(t * np.log(h + eps) + (1 - t) * np.log(1 - h) + eps))')
MISTAKES['k06_loss_functions']['bce no eps, no float'] = (BCE, 'return -np.mean(t*np.log(h) + (1-t)*np.log(1-h))')
SAYS['k06_loss_functions']['bce no eps'] = 'log(h) and log(1 − h) without ε'
SAYS['k06_loss_functions']['bce no eps, no float'] = 'log(h) and log(1 − h) without ε'
SAYS['k06_loss_functions']['bce clip instead'] = 'np.clip(h, ε, 1 − ε) leaves these h as they are'
SAYS['k06_loss_functions']['bce eps after the logs'] = 'ε added after the logs'
SAYS['k06_loss_functions']['bce eps after one log'] = 'ε added after the log, log(1 − h) + ε'
SAYS['k06_loss_functions']['keras mse divides by len'] = 'a division by len(y)'
MISTAKES['k06_loss_functions']['grad in float32'] = (
    '    y, t = _same_shape(y, t, ("y", "t"))\n    return y - t\n',
    '    y, t = _same_shape(y, t, ("y", "t"))\n    return (y - t).astype(np.float32)\n')
SAYS['k06_loss_functions']['grad in float32'] = 'as its docstring says'
MISTAKES['k07_gradient_descent']['history of one array'] = (
    '    history = [x]\n    for _ in range(steps):\n        new = x - lr * grad(x)\n        history.append(new)\n'
    '        done = precision is not None and np.linalg.norm(new - x) < precision\n        x = new',
    '    history = [x0]\n    for _ in range(steps):\n        old = np.copy(x)\n        x -= lr * grad(x)\n'
    '        history.append(x)\n        done = precision is not None and np.linalg.norm(x - old) < precision')
SAYS['k07_gradient_descent']['history of one array'] = 'are the same array'
MISTAKES['k07_gradient_descent']['vector in float32'] = (
    'x = np.array(x0, dtype=float) if np.ndim(x0) else float(x0)',
    'x = np.array(x0, dtype=np.float32) if np.ndim(x0) else float(x0)')
SAYS['k07_gradient_descent']['vector in float32'] = 'float64 array, as the lesson says'
MISTAKES['k08_mlp_forward']['actf as exp over 1 + exp'] = ('return 1 / (1 + np.exp(-x))',
                                                           'return np.exp(x) / (1 + np.exp(x))')
SAYS['k08_mlp_forward']['actf as exp over 1 + exp'] = 'inf/inf is nan'
MISTAKES['k08_mlp_forward']['layers in float32'] = (
    '    layer1 = actf(layer0 @ W1 + B1)\n    layer2 = actf(layer1 @ W2 + B2)',
    '    layer1 = actf(layer0 @ W1 + B1).astype(np.float32)\n'
    '    layer2 = actf(layer1 @ W2.astype(np.float32) + B2.astype(np.float32))')
SAYS['k08_mlp_forward']['layers in float32'] = 'float64 arrays, as the lesson says'
MISTAKES['k11_learning_xor']['db kept 2-D'] = ('delta.sum(axis=0)))', 'delta.sum(axis=0, keepdims=True)))')
SAYS['k11_learning_xor']['db kept 2-D'] = 'the sum over rows kept 2-D'
MISTAKES['k11_learning_xor']['no slope'] = ('delta = (delta @ W.T) * slope', 'delta = delta @ W.T')
SAYS['k11_learning_xor']['no slope'] = "δ sent back without ⊙ g'(A)"
for _name, _update in (('lr ignored', '(W - dW, b - db)'), ('gradient over lr', '(W - dW / lr, b - db / lr)'),
                       ('lr on W only', '(W - lr * dW, b - db)'),
                       ('square root of lr', '(W - lr ** 0.5 * dW, b - lr ** 0.5 * db)')):
    MISTAKES['k11_learning_xor'][_name] = ('params = [(W - lr * dW, b - lr * db) for (W, b), (dW, db) in zip(params, grads)]\n'
                                           '    return params, log',
                                           f'params = [{_update} for (W, b), (dW, db) in zip(params, grads)]\n'
                                           '    return params, log')
SAYS['k11_learning_xor']['lr ignored'] = 'η left out'
SAYS['k11_learning_xor']['gradient over lr'] = 'the gradient divided by η'
SAYS['k11_learning_xor']['lr on W only'] = 'η on W only'
MISTAKES['k11_learning_xor']['accuracy as a count'] = ('return float(np.mean((H > 0.5) == (T == 1)))',
                                                       'return int(np.sum((H > 0.5) == (T == 1)))')
SAYS['k11_learning_xor']['accuracy as a count'] = 'the count of right rows, not the fraction'
MISTAKES['k12_linear_collapse']['collapse from np.eye'] = (
    '    (W, b), rest = layers[0], layers[1:]\n    for W_next, b_next in rest:\n'
    '        W, b = W @ W_next, b @ W_next + b_next',
    '    W, b = np.eye(layers[0][0].shape[0]), np.zeros(layers[0][0].shape[0])\n    for W_next, b_next in layers:\n'
    '        W, b = W @ W_next, b @ W_next + b_next')
SAYS['k12_linear_collapse']['collapse from np.eye'] = 'an array made inside collapse'
MISTAKES['k13_epochs_and_batches']['targets sorted'] = ('params = train_step(X[batch], T[batch], params, lr)',
                                                        'params = train_step(X[batch], T[np.sort(batch)], params, lr)')
SAYS['k13_epochs_and_batches']['targets sorted'] = 'targets in another order than its samples'
MISTAKES['k13_epochs_and_batches']['db kept 2-D'] = ('b - lr * delta.sum(axis=0)))',
                                                     'b - lr * delta.sum(axis=0, keepdims=True)))')
SAYS['k13_epochs_and_batches']['db kept 2-D'] = 'the sum over rows kept 2-D'
MISTAKES['k13_epochs_and_batches']['db averaged'] = ('b - lr * delta.sum(axis=0)))', 'b - lr * delta.mean(axis=0)))')
SAYS['k13_epochs_and_batches']['db averaged'] = '∂L/∂b averaged over the batch'
MISTAKES['k10_activation_functions']['maxout over the samples'] = ('best = z.max(axis=-1)', 'best = z.max(axis=0)')
SAYS['k10_activation_functions']['maxout over the samples'] = 'the largest over the samples (axis=0)'
MISTAKES['k10_activation_functions']['maxout_deriv over the samples'] = ('return W.T[z.argmax(axis=-1)]',
                                                                         'return W.T[z.argmax(axis=0)]')
SAYS['k10_activation_functions']['maxout_deriv over the samples'] = 'the largest over the samples (axis=0)'
MISTAKES['k10_activation_functions']['relu in float32'] = ('return np.maximum(0.0, x)',
                                                           'return np.maximum(x, 0).astype(np.float32)')
MISTAKES['k04_gate_perceptrons']['perceptron without the bias'] = ('return step(np.dot(x, w) + b)',
                                                                  'return step(np.dot(x, w))')
MISTAKES['k04_gate_perceptrons']['bias without η'] = ('b = b + lr * error', 'b = b + error')
MISTAKES['k04_gate_perceptrons']['signed errors cancel'] = [
    ('        clean_pass = True\n', '        total = 0\n'),
    ('            error = t - perceptron(x, w, b)\n', '            error = t - perceptron(x, w, b)\n            total += error\n'),
    ('        if clean_pass:', '        if total == 0:')]
MISTAKES['k04_gate_perceptrons']['converged when the weights fit'] = (
    '        if clean_pass:', '        if np.array_equal(perceptron(X, w, b), y):')
MISTAKES['k04_gate_perceptrons']['one epoch fewer'] = ('for _ in range(epochs):', 'for _ in range(epochs - 1):')
SAYS['k04_gate_perceptrons']['signed errors cancel'] = 'which still made mistakes'
SAYS['k04_gate_perceptrons']['converged when the weights fit'] = 'which still made mistakes'
SAYS['k04_gate_perceptrons']['one epoch fewer'] = 'one pass fewer than epochs asks for'
SAYS['k04_gate_perceptrons']['epoch off by one'] = 'one pass more than epochs asks for'
_STABLE_SIGMOID = ('    z = np.asarray(z)\n    small = np.exp(-np.abs(z))  # e^(−|z|) ≤ 1: never overflows\n'
                   '    out = np.where(z >= 0, 1 / (1 + small), small / (1 + small))')
MISTAKES['k05_xor_forward']['sigmoid in float32'] = (_STABLE_SIGMOID, _STABLE_SIGMOID.replace(
    'np.asarray(z)', 'np.asarray(z, dtype=np.float32)'))
MISTAKES['k05_xor_forward']['sigmoid changes z'] = (
    _STABLE_SIGMOID, '    z = np.asarray(z, dtype=float)\n    neg = z < 0\n    z[neg] = -z[neg]\n'
    '    small = np.exp(-z)\n    out = np.where(neg, small / (1 + small), 1 / (1 + small))')
MISTAKES['k05_xor_forward']['sigmoid clips z'] = (
    _STABLE_SIGMOID, '    z = np.clip(np.asarray(z), -500, 500)\n    out = 1 / (1 + np.exp(-z))')
SAYS['k05_xor_forward']['sigmoid in float32'] = 'that is σ computed in float32'
SAYS['k05_xor_forward']['sigmoid changes z'] = "leave the caller's array as it was"
SAYS['k05_xor_forward']['sigmoid clips z'] = 'z clipped at −'
MISTAKES['k03_chain_rule']['mul takes a kept 0.0 for no forward'] = ('        if self.x is None:', '        if not self.x:')
MISTAKES['k03_chain_rule']['sigmoid of h again'] = ('return d_out * self.out * (1 - self.out)',
                                                    's = 1 / (1 + math.exp(-self.out))\n        return d_out * s * (1 - s)')
SAYS['k03_chain_rule']['mul takes a kept 0.0 for no forward'] = 'a kept 0.0 is a value'
SAYS['k03_chain_rule']['sigmoid of h again'] = 'σ applied once more to the kept output h'
MISTAKES['k06_loss_functions']['keras mse divides by the last dimension'] = (
    'return float(np.mean((y - t) ** 2))', 'return float(np.sum((y - t) ** 2) / y.shape[-1])')
MISTAKES['k06_loss_functions']['bce divides by the last dimension'] = (
    BCE, 'return float(-np.sum(t * np.log(h + eps) + (1 - t) * np.log(1 - h + eps)) / h.shape[-1])')
SAYS['k06_loss_functions']['keras mse divides by the last dimension'] = 'a division by y.shape[-1]'
SAYS['k06_loss_functions']['bce divides by the last dimension'] = 'a division by h.shape[-1]'
MISTAKES['k06_loss_functions']['keras mse subtracts in place'] = (
    'return float(np.mean((y - t) ** 2))', 'y -= t\n    return float(np.mean(y ** 2))')
MISTAKES['k06_loss_functions']['bce adds ε in place'] = (
    BCE, 'h += eps\n    return float(-np.mean(t * np.log(h) + (1 - t) * np.log(1 - h + 2 * eps)))')
SAYS['k06_loss_functions']['keras mse subtracts in place'] = "changed the caller's first array"
SAYS['k06_loss_functions']['bce adds ε in place'] = "changed the caller's first array"
MISTAKES['k05_xor_forward']['sigmoid clips z at 700'] = (
    _STABLE_SIGMOID, '    z = np.clip(np.asarray(z), -700, 700)\n    out = 1 / (1 + np.exp(-z))')
SAYS['k05_xor_forward']['sigmoid clips z at 700'] = 'z clipped at −'
MISTAKES['k05_xor_forward']['no hidden sigmoid'] = ('K = sigmoid(X @ W1 + B1)', 'K = X @ W1 + B1')
MISTAKES['k05_xor_forward']['ŷ as an array'] = (
    'y_hat = logistic_unit(hidden, np.array([-11, -11]), 6)',
    'y_hat = logistic_unit(hidden, np.array([[-11], [-11]]), np.array([6]))')
SAYS['k05_xor_forward']['ŷ as an array'] = 'should be a number, as the docstring says'
MISTAKES['k08_mlp_forward']['one sample made a batch'] = ('layer0 = np.asarray(x)', 'layer0 = np.atleast_2d(x)')
SAYS['k08_mlp_forward']['one sample made a batch'] = 'the sample became a (1, 2) batch'
MISTAKES['k08_mlp_forward']['returns two layers'] = ('return layer0, layer1, layer2', 'return layer1, layer2')
SAYS['k08_mlp_forward']['returns two layers'] = 'three arrays'
MISTAKES['k12_linear_collapse']['one-row batch squeezed'] = (
    '    return X @ W + b\n',
    '    out = np.atleast_2d(X) @ W + b\n    return out[0] if out.shape[0] == 1 else out\n')
SAYS['k12_linear_collapse']['one-row batch squeezed'] = 'the row taken out of its batch'
MISTAKES['k12_linear_collapse']['folded in float32'] = (
    'return np.vstack([W, b], dtype=float)', 'return np.vstack([W, b]).astype(np.float32)')
SAYS['k12_linear_collapse']['folded in float32'] = "the lesson: 'as a float64 array'"
MISTAKES['k13_epochs_and_batches']["train_step with kata 9's y - t"] = (
    'delta = keras_mse_grad(activations[-1], t) * activations[-1] * (1 - activations[-1])',
    'delta = (activations[-1] - t) * activations[-1] * (1 - activations[-1])')
SAYS['k13_epochs_and_batches']["train_step with kata 9's y - t"] = "kata 9's y − t for ∂L/∂y, without the 2 and the /n"
MISTAKES['k13_epochs_and_batches']['minibatches ignores the seed'] = (
    'order = np.arange(n) if seed is None else np.random.default_rng(seed).permutation(n)', 'order = np.arange(n)')
MISTAKES['k13_epochs_and_batches']['train_step in place'] = (
    '        new.append((W - lr * (A.T @ delta), b - lr * delta.sum(axis=0)))\n'
    '        delta = (delta @ W.T) * A * (1 - A)',
    '        dW, db = A.T @ delta, delta.sum(axis=0)\n        delta = (delta @ W.T) * A * (1 - A)\n'
    '        W -= lr * dW\n        b -= lr * db\n        new.append((W, b))')
MISTAKES['k09_mlp_backprop']['gradient sign flipped'] = ('delta2 = (A2 - t) * actf_deriv(A2)',
                                                         'delta2 = (t - A2) * actf_deriv(A2)')
SAYS['k09_mlp_backprop']['gradient sign flipped'] = "from backprop's gradient with its sign flipped"
MISTAKES['k07_gradient_descent']['lr left out'] = ('new = x - lr * grad(x)', 'new = x - grad(x)')
SAYS['k07_gradient_descent']['lr left out'] = 'η left out'
MISTAKES['k07_gradient_descent']['x never moves'] = (
    '        new = x - lr * grad(x)\n        history.append(new)\n'
    '        done = precision is not None and np.linalg.norm(new - x) < precision\n        x = new',
    '        new_x = x - lr * grad(x)\n        history.append(x)\n'
    '        done = precision is not None and np.linalg.norm(new_x - x) < precision')
SAYS['k07_gradient_descent']['x never moves'] = 'x0 itself, in every entry of history'
MISTAKES['k07_gradient_descent']['appended before the step'] = (
    '        new = x - lr * grad(x)\n        history.append(new)\n',
    '        history.append(x)\n        new = x - lr * grad(x)\n')
SAYS['k07_gradient_descent']['appended before the step'] = 'should be a new array, the x − η·grad(x) of step'
SAYS['k07_gradient_descent']['history without x0'] = 'history holds x0 and then one entry per step'
MISTAKES['k10_activation_functions']['relu into its input'] = ('return np.maximum(0.0, x)', 'x[x < 0] = 0\n    return x')
SAYS['k10_activation_functions']['relu into its input'] = 'changed the array it was given'
MISTAKES['k12_linear_collapse']['one sample without the bias'] = (
    '    return X @ W + b\n', '    return X @ W if np.ndim(X) == 1 else X @ W + b\n')
SAYS['k12_linear_collapse']['one sample without the bias'] = 'the bias is added to one sample too'
MISTAKES['k05_xor_forward']['sigmoid into an array like z'] = (
    '    out = np.where(z >= 0, 1 / (1 + small), small / (1 + small))\n',
    '    out = np.empty_like(z)\n    out[...] = np.where(z >= 0, 1 / (1 + small), small / (1 + small))\n')
SAYS['k05_xor_forward']['sigmoid into an array like z'] = "takes z's integer dtype"
MISTAKES['k02_partial_derivatives']['gradient into an array like the point'] = (
    'return np.array([partial_derivative(f, point, i, dx) for i in range(len(point))])',
    'g = np.zeros_like(np.asarray(point))\n    for i in range(len(g)):\n'
    '        g[i] = partial_derivative(f, point, i, dx)\n    return g')
SAYS['k02_partial_derivatives']['gradient into an array like the point'] = 'came back as an integer array'
MISTAKES['k08_mlp_forward']['one output written in'] = (
    'layer2 = actf(layer1 @ W2 + B2)', 'layer2 = actf(layer1 @ W2[:, :1] + B2[0])')
SAYS['k08_mlp_forward']['one output written in'] = 'one column per output'
SAYS['k04_gate_perceptrons']['perceptron without the bias'] = 'the bias left out'
MISTAKES['k09_mlp_backprop']['dB1 kept 2-D'] = (
    'return x.T @ delta1, delta1.sum(axis=0), A1.T @ delta2, delta2.sum(axis=0)',
    'return x.T @ delta1, delta1.sum(axis=0, keepdims=True), A1.T @ delta2, delta2.sum(axis=0)')
SAYS['k09_mlp_backprop']['dB1 kept 2-D'] = 'summed with keepdims=True'
