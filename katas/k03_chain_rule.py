# %% [markdown]
"""Kata 3 · Chain rule on a computational graph

Terms (the glossary in README.md): 연쇄법칙 chain rule, 계산 그래프 computational graph, 역전파 backpropagation

The idea
    Break a formula into small nodes, each simple enough to differentiate on its own. The course
    writes f = w·x + b as a graph of two nodes (lecture 9, "BackPropagation (chain rule)"):

        w ─┐
           ├─ [×] ── g = w·x ─┐
        x ─┘                  ├─ [+] ── f = g + b
        b ────────────────────┘

    Each node knows only its local derivatives:
        g = w·x     ∂g/∂w = x     ∂g/∂x = w
        f = g + b   ∂f/∂g = 1     ∂f/∂b = 1
    and the chain rule multiplies them along the path back from the output:
        ∂f/∂w = ∂f/∂g · ∂g/∂w = 1 · x          ∂f/∂x = ∂f/∂g · ∂g/∂x = 1 · w

The course's numbers (w = −2, x = 5, b = 3)
    forward:   g = w·x = −10,   f = g + b = −7
    backward:  ∂f/∂w = 5 (if w grows by 1, f grows by 5),  ∂f/∂x = −2,  ∂f/∂b = 1

Backward, node by node
    forward(...) computes the output and keeps what backward will need. backward(d_out) receives
    d_out = ∂(final output)/∂(this node's output), the gradient arriving from above, and returns
    d_out times each local derivative: the gradient for each input. A Mul keeps its inputs (its
    local derivatives are the other input); an Add keeps nothing (its local derivatives are 1).

    When one value feeds a graph twice, its gradient is the sum of what arrives along each path:
    for f = x·x, one Mul receives x on both inputs and returns (d_out·x, d_out·x), so
    df/dx = x + x = 2x. In code, a gradient is therefore added to what has arrived so far
    (grad += …), never written over it (grad = …), or the second path would erase the first.

A sigmoid on top: the logistic unit
    The lecture builds towards h = σ(w·x + b), with σ(z) = 1 / (1 + e⁻ᶻ). Its local derivative
    is best written through its own output: σ'(z) = σ(z)·(1 − σ(z)) = h·(1 − h), so the node keeps
    h, not z. At the course's point, h = σ(−7) = 0.000911 and every gradient is scaled by
    h·(1 − h) = 0.000910: a saturated sigmoid passes back almost nothing.

What to implement
    Mul, Add, Sigmoid        forward(...) and backward(d_out); backward before forward is a
                             RuntimeError that says so, naming forward (Add needs no forward:
                             it keeps nothing)
    linear(w, x, b)          wire w·x + b from a Mul and an Add; return (f, dw, dx, db)
    logistic(w, x, b)        the same with a Sigmoid on top; return (h, dw, dx, db)
    square(x)                f = x·x with one Mul; return (f, df/dx)
"""

# %%
import math


class Mul:
    """z = x·y. Local derivatives: ∂z/∂x = y, ∂z/∂y = x.

    >>> node = Mul()
    >>> node.forward(-2.0, 5.0)
    -10.0
    >>> node.backward(1.0)        # (∂z/∂x, ∂z/∂y) times d_out
    (5.0, -2.0)
    """

    def __init__(self):
        self.x = None
        self.y = None

    def forward(self, x, y):
        """Return x·y, keeping x and y for backward."""
        raise NotImplementedError("kata 3 · Mul.forward() is not written yet — edit katas/k03_chain_rule.py")

    def backward(self, d_out):
        """Return (dx, dy) = (d_out·y, d_out·x). RuntimeError if forward has not run."""
        raise NotImplementedError("kata 3 · Mul.backward() is not written yet — edit katas/k03_chain_rule.py")


# %%
class Add:
    """z = x + y. Local derivatives: ∂z/∂x = 1, ∂z/∂y = 1.

    >>> node = Add()
    >>> node.forward(-10.0, 3.0)
    -7.0
    >>> node.backward(2.0)        # d_out passes through to both inputs
    (2.0, 2.0)
    """

    def forward(self, x, y):
        """Return x + y (nothing to keep: the local derivatives do not depend on x or y)."""
        raise NotImplementedError("kata 3 · Add.forward() is not written yet — edit katas/k03_chain_rule.py")

    def backward(self, d_out):
        """Return (dx, dy) = (d_out·1, d_out·1)."""
        raise NotImplementedError("kata 3 · Add.backward() is not written yet — edit katas/k03_chain_rule.py")


# %%
class Sigmoid:
    """h = σ(z) = 1 / (1 + e⁻ᶻ). Local derivative: σ'(z) = h·(1 − h), from the output h.

    >>> node = Sigmoid()
    >>> node.forward(0.0)
    0.5
    >>> node.backward(1.0)        # h·(1 − h) = 0.5·0.5
    0.25
    """

    def __init__(self):
        self.out = None

    def forward(self, z):
        """Return σ(z), keeping the output h for backward."""
        raise NotImplementedError("kata 3 · Sigmoid.forward() is not written yet — edit katas/k03_chain_rule.py")

    def backward(self, d_out):
        """Return dz = d_out·h·(1 − h). RuntimeError if forward has not run."""
        raise NotImplementedError("kata 3 · Sigmoid.backward() is not written yet — edit katas/k03_chain_rule.py")


# %%
def linear(w, x, b):
    """f = w·x + b as the graph g = Mul(w, x), f = Add(g, b); backward from d_out = 1.

    Returns:
        (f, dw, dx, db): the value and ∂f/∂w, ∂f/∂x, ∂f/∂b.

    >>> linear(-2.0, 5.0, 3.0)    # the course's example
    (-7.0, 5.0, -2.0, 1.0)
    """
    raise NotImplementedError("kata 3 · linear() is not written yet — edit katas/k03_chain_rule.py")


# %%
def logistic(w, x, b):
    """h = σ(w·x + b) as the graph Mul → Add → Sigmoid; backward from d_out = 1.

    Returns:
        (h, dw, dx, db): the value and ∂h/∂w, ∂h/∂x, ∂h/∂b.

    >>> h, dw, dx, db = logistic(0.0, 1.0, 0.0)     # σ(0) = 0.5, σ'(0) = 0.25
    >>> h, dw, dx, db
    (0.5, 0.25, 0.0, 0.25)
    """
    raise NotImplementedError("kata 3 · logistic() is not written yet — edit katas/k03_chain_rule.py")


# %%
def square(x):
    """f = x·x with a single Mul fed x twice; df/dx is the sum of both paths' gradients.

    Returns:
        (f, df/dx) = (x², 2x).

    >>> square(3.0)
    (9.0, 6.0)
    """
    raise NotImplementedError("kata 3 · square() is not written yet — edit katas/k03_chain_rule.py")


# %% What you see when the kata is green
if __name__ == "__main__":
    from tabulate import tabulate

    w, x, b = -2.0, 5.0, 3.0
    mul, add, sigmoid = Mul(), Add(), Sigmoid()
    g = mul.forward(w, x)
    f = add.forward(g, b)
    dg, db = add.backward(1.0)
    dw, dx = mul.backward(dg)
    print(f"f = w·x + b at w = {w:g}, x = {x:g}, b = {b:g}, node by node (the lecture notes' example 4-1):")
    print(tabulate([("g = w·x", "Mul", g, f"∂g/∂w = x = {x:g}, ∂g/∂x = w = {w:g}", dg, f"dw = {dw:g}, dx = {dx:g}"),
                    ("f = g + b", "Add", f, "∂f/∂g = 1, ∂f/∂b = 1", 1.0, f"dg = {dg:g}, db = {db:g}")],
                   headers=["node", "kind", "forward", "local derivatives", "d_out", "backward"]))

    h = sigmoid.forward(f)
    dz = sigmoid.backward(1.0)
    dg, db = add.backward(dz)
    dw, dx = mul.backward(dg)
    print("\nWith a sigmoid on top, h = σ(w·x + b):")
    print(tabulate([("h = σ(f)", "Sigmoid", h, "h·(1 − h)", 1.0, f"df = {dz:.6g}"),
                    ("f = g + b", "Add", f, "1, 1", dz, f"dg = {dg:.6g}, db = {db:.6g}"),
                    ("g = w·x", "Mul", g, "x, w", dg, f"dw = {dw:.6g}, dx = {dx:.6g}")],
                   headers=["node", "kind", "forward", "local derivatives", "d_out", "backward"],
                   floatfmt=".6g"))
    print(f"\nf = x·x, one Mul used twice: square(3) = {tuple(float(v) for v in square(3.0))} (the gradients of both paths add up).")
