# %% [markdown]
"""Kata 7 · Gradient descent

Terms (the glossary in README.md): 경사하강법 gradient descent, 그래디언트 gradient, 기울기 slope, 학습률 learning rate, 반복 iteration

The idea
    Learning is minimising the loss: find the weights where E is smallest. The gradient ∂E/∂w
    says which way E goes up (kata 2), so take a small step the other way, and repeat:

        w ← w − η·∂E/∂w          η (eta) is the learning rate (학습률): the size of the step

    Where the slope is positive, w decreases; where it is negative, w increases (textbook 6,
    "경사하강법"). For one variable the gradient is just that slope; the textbook says so:
        "그래디언트는 접선의 기울기로 이해 해도 됩니다." (you may think of the gradient as the tangent's slope)
    The textbook's algorithm writes the rule with the minus, w(t+1) = w(t) − η·∂E/∂w.
    Its hand calculation (kata 9) writes w(t+1) = w(t) + η·∂E/∂w three times (twice for w5, once
    for w1), but each time computes with a minus: 0.5 − 0.2·0.076775. The minus is right; its
    code and this kata use it.

The textbook's exercise
    Loss (x − 3)² + 10, gradient 2x − 6, from x = 10 with η = 0.2:

        x₁ = 10 − 0.2·(2·10 − 6) = 7.2     x₂ = 5.52     x₃ = 4.512     …

    For this loss the gradient is 2(x − 3), so each step gives x − 3 ← (1 − 2η)·(x − 3): the
    distance to 3 shrinks by the factor 1 − 2η = 0.6. That fixed factor belongs to this parabola;
    on other losses the shrinking changes from step to step. After 100 iterations
    x = 3.0000000000000004 (the book prints 3.000000000000004: a digit lost in copying; the last 4
    is float rounding, and x stays there from step 73 on).

Knowing when to stop
    The book's program sets precision = 0.00001 and never uses it. Here it becomes a stopping
    rule: stop after the first step whose size |x_new − x| is below precision. From x = 10 that
    happens after 26 steps, at x = 3.0000119…. For a vector, the step's size is its length.

In two dimensions
    On the bowl f(x, y) = x² + y² the gradient is (2x, 2y), and −∇f = (−2x, −2y) points straight
    at the bottom (0, 0) from everywhere: the book draws it as a field of arrows. The same rule,
    with x a numpy vector, walks down to (0, 0).

The learning rate matters
    Too small crawls (η = 0.01: still at 3.93 after 100 steps); η = 0.5 lands on 3 in one step;
    η = 0.9 overshoots back and forth but converges; above 1 the steps overshoot more than they
    gain: η = 1.1 multiplies the distance by |1 − 2η| = 1.2 each step and x explodes
    (5.8·10⁸ after 100 steps). Your code must show that, not hide it.

What to implement
    gradient_descent(grad, x0, lr, steps, precision=None) → (x, history)
        grad: x ↦ ∂E/∂x; x0: a number or a numpy vector (left unchanged); lr > 0; steps ≥ 1.
        history[0] is x0, then one entry per step taken, each a new one (not one array changed in
        place); x is the last entry: a float for a number, a float64 array for a vector (of ints
        too). A non-positive lr or steps is a ValueError whose message shows the value given.
"""

# %%
import numpy as np


def gradient_descent(grad, x0, lr, steps, precision=None):
    """Repeat x ← x − η·grad(x) from x0: steps times, or until a step is shorter than precision.

    Args:
        grad: the gradient, a function of x.
        x0: the start, a number or a numpy vector; left unchanged.
        lr: the learning rate η > 0.
        steps: the most steps to take, ≥ 1.
        precision: if given, stop after the first step with |x_new − x| < precision.

    Returns:
        (x, history): the last x (a float for a number x0, a float64 array for a vector), and
        [x0, x1, …] with one new entry per step taken.

    Raises:
        ValueError: if lr or steps is not positive; the message shows the value given.

    >>> x, history = gradient_descent(lambda x: 2 * x - 6, 10, lr=0.2, steps=100)
    >>> x, len(history)
    (3.0000000000000004, 101)
    >>> x, history = gradient_descent(lambda x: 2 * x - 6, 10, lr=0.2, steps=100, precision=0.00001)
    >>> len(history) - 1, round(x, 6)
    (26, 3.000012)
    """
    raise NotImplementedError("kata 7 · gradient_descent() is not written yet — edit katas/k07_gradient_descent.py")


# %% What you see when the kata is green
if __name__ == "__main__":
    from tabulate import tabulate

    loss = lambda x: (x - 3) ** 2 + 10  # noqa: E731
    grad = lambda x: 2 * x - 6  # noqa: E731
    x, history = gradient_descent(grad, 10, lr=0.2, steps=100)
    shown = [0, 1, 2, 3, 4, 5, 98, 99, 100]
    print("The textbook's exercise: (x − 3)² + 10 from x = 10, η = 0.2")
    print(tabulate([(i, repr(float(history[i])), loss(history[i]), grad(history[i])) for i in shown],
                   headers=["iteration", "x", "loss", "gradient"], floatfmt=".10g", disable_numparse=True))
    x, history = gradient_descent(grad, 10, lr=0.2, steps=100, precision=0.00001)
    print(f"With precision = 0.00001 it stops after {len(history) - 1} steps, at x = {float(x)!r}.")

    print("\nThe learning rate, 100 steps from x = 10:")
    rows = []
    for lr in (0.01, 0.2, 0.5, 0.9, 1.1):
        x10, _ = gradient_descent(grad, 10, lr, 10)
        x100, _ = gradient_descent(grad, 10, lr, 100)
        verdict = "diverges" if abs(x100 - 3) > abs(10 - 3) else "crawls" if abs(x100 - 3) > 0.1 else "converges"
        rows.append((lr, x10, x100, verdict))
    print(tabulate(rows, headers=["η", "x after 10", "x after 100", ""], floatfmt=".6g"))

    print("\nThe bowl x² + y²: −∇f points at (0, 0), and descent from (3, 4) with η = 0.1 walks there.")
    p, path = gradient_descent(lambda p: 2 * p, np.array([3.0, 4.0]), lr=0.1, steps=100)
    print(tabulate([(k, path[k][0], path[k][1]) for k in (0, 1, 2, 5, 10, 50, 100)],
                   headers=["step", "x", "y"], floatfmt=".6g"))

    import itertools

    try:  # the runner has the repository on its path; a kata file run by itself has katas/
        from katas._runner.pictures import arrow_field, line_plot
    except ImportError:
        from _runner.pictures import arrow_field, line_plot
    print()
    print(arrow_field(lambda x, y: (-2 * x, -2 * y), path=path,
                      title="arrows: −∇f of x² + y², o: descent from (3, 4), η = 0.1"))
    print("The arrows are longest far from the bottom, so the first steps are the largest.")
    print()
    curves = {}
    for lr in (0.01, 0.2, 0.5, 0.9, 1.1):
        _, history = gradient_descent(grad, 10, lr, 20)
        shown = list(itertools.takewhile(lambda x: -6 <= x <= 16, history))  # up to where it leaves the picture
        curves[f"η = {lr}"] = (range(len(shown)), shown)
    print(line_plot(curves, title="x against the iteration, (x − 3)² + 10 from x = 10", y_range=(-6, 16)))
    print("η = 0.5 lands on 3 in one step; 0.9 overshoots back and forth but closes in; 1.1 overshoots"
          "\nfurther each time and leaves the picture.")
