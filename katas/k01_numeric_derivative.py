# %% [markdown]
"""Kata 1 · Numeric derivative

Terms (the glossary in README.md): 미분 derivative, 순간변화율 instantaneous rate of change, 기울기 slope

The idea
    A derivative is a rate of change: how much f(x) moves when x moves a little. The course
    defines it as a limit (lecture 9, "미분의 정의"):

        d/dx f(x) = lim (f(x + Δx) − f(x)) / Δx        as Δx → 0

    A computer cannot take the limit, but it can take a small Δx. The course uses Δx = 0.01:

        f(x) = 3     (3 − 3) / 0.01                 = 0    a constant does not change
        f(x) = x     ((x + 0.01) − x) / 0.01        = 1
        f(x) = 2x    (2(x + 0.01) − 2x) / 0.01      = 2    the constant factor carries through

    This quotient is the forward difference: it looks one step ahead.

Floating point
    On a computer (5.01 − 5) / 0.01 is 0.9999999999999787, not 1: 5.01 has no exact binary
    form. So the tests compare with a tolerance, never with ==.

How good is Δx = 0.01?
    For a curved function the forward difference is off by about Δx·f''(x)/2. Taylor says
    f(x + Δx) = f(x) + Δx·f'(x) + Δx²·f''(x)/2 + …, so the quotient is f'(x) + Δx·f''(x)/2 + ….
    For f(x) = x² at x = 3 it gives 6.01, not 6.

    The central difference looks both ways, and the Δx² terms cancel:

        f'(x) ≈ (f(x + Δx) − f(x − Δx)) / (2Δx)        error ≈ Δx²·f'''(x)/6

    For x² at 3 it gives 6.0 (up to rounding). Shrink Δx tenfold and the forward error shrinks
    tenfold, the central error a hundredfold: `make kata N=1` shows the table, and the errors
    against Δx on log–log axes, once you are done.

What to implement
    derivative(f, x, dx=0.01)           the forward difference
    central_derivative(f, x, dx=0.01)   the central difference
    Both raise ValueError when dx is 0 or not a finite number: the quotient would be meaningless.
"""

# %%
import math


def derivative(f, x, dx=0.01):
    """Forward difference: f'(x) ≈ (f(x + Δx) − f(x)) / Δx.

    Args:
        f: a function of one number, returning a number.
        x: the point where the slope is wanted.
        dx: the step Δx; non-zero and finite (the course uses 0.01).

    Returns:
        The slope estimate, a float.

    Raises:
        ValueError: if dx is 0, infinite or NaN.

    >>> derivative(lambda x: x, 5)          # the course's f(x) = x: 1, up to rounding
    0.9999999999999787
    >>> derivative(lambda x: x**2, 3)       # f'(3) = 6; the forward difference overshoots by Δx
    6.009999999999849
    """
    raise NotImplementedError("kata 1 · derivative() is not written yet — edit katas/k01_numeric_derivative.py")


# %%
def central_derivative(f, x, dx=0.01):
    """Central difference: f'(x) ≈ (f(x + Δx) − f(x − Δx)) / (2Δx).

    Args:
        f: a function of one number, returning a number.
        x: the point where the slope is wanted.
        dx: the half-width Δx; non-zero and finite.

    Returns:
        The slope estimate, a float.

    Raises:
        ValueError: if dx is 0, infinite or NaN.

    >>> central_derivative(lambda x: x**2, 3)   # f'(3) = 6: the Δx error cancels
    5.999999999999872
    """
    raise NotImplementedError("kata 1 · central_derivative() is not written yet — edit katas/k01_numeric_derivative.py")


# %% What you see when the kata is green
if __name__ == "__main__":
    import sympy
    from tabulate import tabulate

    print("The course's functions at x = 5, Δx = 0.01:")
    course = [("f(x) = 3", lambda x: 3, 0), ("f(x) = x", lambda x: x, 1), ("f(x) = 2x", lambda x: 2 * x, 2)]
    print(tabulate([(name, repr(float(derivative(f, 5))), exact) for name, f, exact in course],
                   headers=["function", "derivative(f, 5)", "exact"], disable_numparse=True))

    t = sympy.Symbol("x")
    expr = sympy.sin(t)
    f = sympy.lambdify(t, expr, "math")
    exact = float(sympy.diff(expr, t).subs(t, 1))
    print(f"\nf(x) = sin x at x = 1; sympy's exact f'(1) = cos 1 = {exact:.12f}")
    rows = []
    for k in range(1, 7):
        dx = 10.0**-k
        fwd, ctr = derivative(f, 1, dx), central_derivative(f, 1, dx)
        rows.append((f"1e-{k}", fwd, abs(fwd - exact), ctr, abs(ctr - exact)))
    print(tabulate(rows, headers=["Δx", "forward", "|error|", "central", "|error|"],
                   floatfmt=("", ".12f", ".1e", ".12f", ".1e")))
    print("The forward error shrinks like Δx, the central like Δx², until rounding takes over.")

    try:  # the runner has the repository on its path; a kata file run by itself has katas/
        from katas._runner.pictures import line_plot
    except ImportError:
        from _runner.pictures import line_plot
    steps = [10.0 ** (-k / 4) for k in range(4, 57)]  # Δx from 1e-1 down to 1e-14
    print()
    print(line_plot({"forward": (steps, [abs(derivative(f, 1, dx) - exact) for dx in steps]),
                     "central": (steps, [abs(central_derivative(f, 1, dx) - exact) for dx in steps])},
                    title="|error| of f'(1) for sin x against Δx, log–log", log_x=True, log_y=True))
    print("Read it from the right: the forward error falls one decade per decade of Δx (slope 1), the central"
          "\ntwo (slope 2). Where a curve turns back up (near Δx = 1e-8 forward, 1e-5 central), rounding has"
          "\ntaken over: f(x + Δx) − f(x) loses digits, and dividing by a smaller Δx magnifies the loss.")
