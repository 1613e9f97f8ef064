# %% [markdown]
"""Kata 2 · Partial derivatives

Terms (the glossary in README.md): 편미분 partial derivative, 그래디언트 gradient

The idea
    A function of several variables has one slope per variable. The partial derivative ∂f/∂x
    asks how f moves when x moves and everything else stays put: treat every other variable as a
    constant (lecture 9, "Partial derivative": "내가 관심있는 변수 외의 다른 변수는 상수로 취급한다").

The course's cases
    f(x, y) = xy        ∂f/∂x = y          ∂f/∂y = x
    f(x) = 2x = x + x   df/dx = 1 + 1 = 2  each x contributes its own 1
    f(x) = x + 3        df/dx = 1 + 0 = 1  a constant contributes 0
    f(x, y) = x + y     ∂f/∂x = 1 + 0      ∂f/∂y = 0 + 1

Numerically
    It is kata 1's forward difference along one axis: nudge coordinate i alone by Δx.

        ∂f/∂xᵢ ≈ (f(x₀, …, xᵢ + Δx, …) − f(x₀, …, xᵢ, …)) / Δx        (Δx = 0.01)

    For f(x, y) = x²y at (2, 3): ∂f/∂x = 2xy = 12, and the forward difference gives
    ((2.01)²·3 − 12)/0.01 = 12.03, off by Δx·∂²f/∂x²/2 = 0.01·6/2 as in kata 1. For ∂f/∂y = x² = 4
    the forward difference has no such error, because f is a straight line in y; what is left is
    float rounding: it gives 3.9999999999999147, not 4 (0.01 has no exact binary form).

The gradient
    Collect the partials into a vector: ∇f = (∂f/∂x, ∂f/∂y, …). It points uphill, in the
    direction where f grows fastest: for the bowl f(x, y) = x² + y², ∇f = (2x, 2y) points away from
    the bottom at (0, 0), so stepping against it goes down. That is gradient descent (kata 7).

Conventions
    f takes the coordinates as separate arguments, f(x, y), as the course writes it; a point is
    a sequence of numbers (tuple, list or numpy array), and f(*point) evaluates f there. The
    caller's point is never changed: nudge a copy.

What to implement
    partial_derivative(f, point, i, dx=0.01)   the forward difference in coordinate i
    gradient(f, point, dx=0.01)                 every partial, as a numpy array of floats
    A coordinate i outside 0 … len(point) − 1 is an IndexError; a dx of 0 or not finite is a
    ValueError (as in kata 1).
"""

# %%
import math

import numpy as np


def partial_derivative(f, point, i, dx=0.01):
    """Forward difference in coordinate i: ∂f/∂xᵢ ≈ (f(…, xᵢ + Δx, …) − f(…, xᵢ, …)) / Δx.

    Args:
        f: a function of n numbers, called as f(*point).
        point: n numbers (tuple, list or array); left unchanged.
        i: which coordinate to nudge, 0 ≤ i < n.
        dx: the step Δx; non-zero and finite.

    Returns:
        The slope estimate, a float.

    Raises:
        IndexError: if i is not a coordinate of point.
        ValueError: if dx is 0, infinite or NaN.

    >>> partial_derivative(lambda x, y: x * y, (3.0, 4.0), 0)   # ∂(xy)/∂x = y = 4, up to rounding
    3.9999999999999147
    >>> round(partial_derivative(lambda x, y: x**2 * y, (2.0, 3.0), 0), 6)   # 2xy = 12, plus Δx·3
    12.03
    """
    raise NotImplementedError("kata 2 · partial_derivative() is not written yet — edit katas/k02_partial_derivatives.py")


# %%
def gradient(f, point, dx=0.01):
    """∇f = (∂f/∂x₀, …, ∂f/∂xₙ₋₁), each partial a forward difference with step Δx.

    Args:
        f: a function of n numbers, called as f(*point).
        point: n numbers (tuple, list or array); left unchanged.
        dx: the step Δx; non-zero and finite.

    Returns:
        A float64 array of shape (n,).

    Raises:
        ValueError: if dx is 0, infinite or NaN.

    >>> gradient(lambda x, y: x + y, [1.0, 2.0])
    array([1., 1.])
    >>> gradient(lambda x, y: x**2 + y**2, (3.0, 4.0)).round(6)   # (2x, 2y) = (6, 8), plus Δx
    array([6.01, 8.01])
    """
    raise NotImplementedError("kata 2 · gradient() is not written yet — edit katas/k02_partial_derivatives.py")


# %% What you see when the kata is green
if __name__ == "__main__":
    import sympy
    from tabulate import tabulate

    x, y = sympy.symbols("x y")
    cases = [("xy", x * y, (3.0, 4.0)), ("x + y", x + y, (3.0, 4.0)), ("x²y", x**2 * y, (2.0, 3.0)),
             ("x + x", x + x, (5.0,)), ("x + 3", x + 3, (5.0,))]
    rows = []
    for name, expr, point in cases:
        variables = (x, y)[: len(point)]
        f = sympy.lambdify(variables, expr, "math")
        for i, v in enumerate(variables):
            exact = sympy.diff(expr, v)
            value = float(exact.subs(dict(zip(variables, point))))
            shown = str(exact).replace("**2", "²").replace("*", "·")
            rows.append((f"f = {name}", point, f"∂f/∂{v} = {shown}", value, partial_derivative(f, point, i)))
    print("The course's partial derivatives, numeric (Δx = 0.01) beside sympy's exact ones:")
    print(tabulate(rows, headers=["function", "at", "sympy", "exact", "numeric"], floatfmt=".6f"))
    straight = float(partial_derivative(lambda x, y: x**2 * y, (2.0, 3.0), 1))
    print(f"(The table shows six decimals. In full, ∂f/∂y of x²y at (2, 3) comes out {straight!r}: float rounding.)")
    print("\nThe bowl f(x, y) = x² + y²: the gradient points away from the bottom (uphill).")
    bowl = lambda x, y: x**2 + y**2  # noqa: E731
    print(tabulate([(p, gradient(bowl, p).round(4)) for p in [(3.0, 4.0), (-1.0, 2.0), (0.5, -0.5)]],
                   headers=["point", "∇f (numeric)"]))

    try:  # the runner has the repository on its path; a kata file run by itself has katas/
        from katas._runner.pictures import arrow_field
    except ImportError:
        from _runner.pictures import arrow_field

    def downhill(xs, ys):  # −∇f at every point of the grid, from your gradient()
        g = np.array([gradient(bowl, (x, y)) for x, y in zip(xs.ravel(), ys.ravel())])
        return -g[:, 0].reshape(xs.shape), -g[:, 1].reshape(xs.shape)

    path = [np.array([3.0, 4.0])]
    for _ in range(20):
        path.append(path[-1] - 0.1 * gradient(bowl, path[-1]))
    print()
    print(arrow_field(downhill, path=path, title="arrows: −∇f of x² + y², o: 20 steps downhill from (3, 4)"))
    print("−∇f points downhill, at the bottom (0, 0), and is longest where the bowl is steepest: each step"
          "\nabove moves by 0.1 times your gradient. Kata 7 makes this walk gradient descent.")
