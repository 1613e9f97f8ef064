"""Pictures for a kata's green result, drawn as text by uniplot (see README, "Why these packages").

Each picture is a function of data that returns a string no wider than `width` columns (80 at most)
and about 20 rows tall. What the terminal can show is read from the environment: the runner's parent
process, which alone sees the learner's terminal, sets KATA_UNICODE, KATA_COLOR and KATA_COLUMNS
(`terminal_facts`); a kata file run directly with python reads the same facts from its own terminal.

- Unicode (block characters, box lines, Greek letters) unless KATA_UNICODE=0, TERM=dumb, a C/POSIX
  locale (LC_ALL, LC_CTYPE or LANG), or an output that cannot encode it: then plain ASCII, every
  character below 128.
- Colour (ANSI escapes) only when the output is a terminal and NO_COLOR is not set (KATA_COLOR=1).
  Without colour, the series of a picture are told apart by their marks (+ x o * ~ .).

This module imports nothing heavy at its top: numpy and uniplot are imported inside the functions,
so the parent process can read `terminal_facts` without paying for them.
"""

import os
import re
import sys

MAX_WIDTH = 80

# uniplot draws its frame and grid lines with box-drawing characters and its points with blocks.
_ASCII = str.maketrans({
    "┌": "+", "┐": "+", "└": "+", "┘": "+", "╭": "+", "╮": "+", "╰": "+", "╯": "+",
    "─": "-", "│": "|", "▔": "-", "▁": "_", "█": "#",
    "Δ": "d", "η": "eta", "σ": "sigma", "∇": "grad", "∂": "d", "²": "^2", "−": "-", "·": "*", "×": "x",
    "≈": "~", "→": "->", "←": "<-", "…": "...", "—": "-", "–": "-", "θ": "theta", "ŷ": "y^",
    "●": "#", "░": ".",
})
_ASCII_MARKS = ["+", "x", "o", "*", "~", "."]


def _c_locale(environ):
    """True when the locale is C or POSIX (no UTF-8): the first of LC_ALL, LC_CTYPE, LANG that is set.
    Python itself sets LC_CTYPE=C.UTF-8 when it finds the C locale (PEP 538); that one is skipped."""
    for name in ("LC_ALL", "LC_CTYPE", "LANG"):
        value = environ.get(name, "")
        if name == "LC_CTYPE" and value == "C.UTF-8" and not environ.get("LC_ALL"):
            continue
        if value:
            return value in ("C", "POSIX")
    return False


def _can_encode(stream, text="█▖─│░●→"):
    encoding = getattr(stream, "encoding", None)
    if not encoding:
        return True
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def _isatty(stream):
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def terminal_facts(stream=None, environ=None):
    """What the terminal behind `stream` can show, as the environment variables the demo reads:
    {"KATA_UNICODE": "0"/"1", "KATA_COLOR": "0"/"1", "KATA_COLUMNS": "80"}."""
    import shutil

    stream = sys.stdout if stream is None else stream
    environ = os.environ if environ is None else environ
    unicode = environ.get("TERM") != "dumb" and not _c_locale(environ) and _can_encode(stream)
    color = _isatty(stream) and "NO_COLOR" not in environ and environ.get("TERM") != "dumb"
    columns = shutil.get_terminal_size((MAX_WIDTH, 24)).columns if _isatty(stream) else MAX_WIDTH
    return {"KATA_UNICODE": "1" if unicode else "0", "KATA_COLOR": "1" if color else "0",
            "KATA_COLUMNS": str(columns)}


def _flag(environ, name):
    value = environ.get(name, "").strip().lower()
    return {"1": True, "yes": True, "true": True, "0": False, "no": False, "false": False}.get(value)


def style(unicode=None, color=None, width=None, environ=None):
    """(unicode, color, width) for a picture: what the caller gave, else what the environment says."""
    environ = os.environ if environ is None else environ
    facts = None
    if unicode is None:
        unicode = _flag(environ, "KATA_UNICODE")
        if unicode is None:
            facts = terminal_facts(environ=environ)
            unicode = facts["KATA_UNICODE"] == "1"
        unicode = unicode and environ.get("TERM") != "dumb" and not _c_locale(environ)
    if color is None:
        color = _flag(environ, "KATA_COLOR")
        if color is None:
            facts = facts or terminal_facts(environ=environ)
            color = facts["KATA_COLOR"] == "1"
        color = color and "NO_COLOR" not in environ
    if width is None:
        try:
            width = int(environ.get("KATA_COLUMNS", ""))
        except ValueError:
            width = MAX_WIDTH
    return unicode, color, max(40, min(MAX_WIDTH, width))


def to_ascii(text):
    """The text with every character above 127 replaced by an ASCII look-alike (or '?')."""
    text = text.translate(_ASCII)
    return text.encode("ascii", errors="replace").decode("ascii")


# uniplot colours each character on its own (ESC[34m c ESC[0m); a run of one colour needs one pair.
_SAME_COLOUR_AGAIN = re.compile(r"(\x1b\[[\d;]+m)([^\x1b\n]*)\x1b\[0m\1")


def _finish(text, unicode):
    lines = [line.rstrip() for line in text.splitlines()]
    text = "\n".join(lines)
    while True:
        shorter = _SAME_COLOUR_AGAIN.sub(r"\1\2", text)
        if shorter == text:
            break
        text = shorter
    return text if unicode else to_ascii(text)


def _plot(ys, xs, *, title, labels, width, height, unicode, color, marks=None, lines=True, **options):
    """One uniplot picture, with this module's rules for width, marks, colour and ASCII."""
    from uniplot import plot_to_string

    several = len(ys) > 1
    chosen = marks is not None
    if not chosen and (several or not unicode):
        marks = _ASCII_MARKS
    # blocks only in Unicode, and only where colour or a lone series tells the curves apart
    character_set = "ascii" if chosen or not unicode or (marks is not None and not color) else "block"
    options.update(
        legend_labels=labels if several and labels else None,
        width=width, height=height, line_length_hard_cap=width, lines=lines, character_set=character_set,
        color=color,
    )
    if title:  # uniplot prints a title of None as "None"
        options["title"] = title if unicode else to_ascii(title)
    if marks is not None:
        options["force_ascii_characters"] = marks
    if options["legend_labels"] and not unicode:
        options["legend_labels"] = [to_ascii(label) for label in labels]
    if not (options.get("x_as_log") or options.get("y_as_log")):
        return _finish(plot_to_string(ys, xs, **options), unicode)
    return _finish(_log_plot(ys, xs, 1 if character_set == "ascii" else 2, options), unicode)


# uniplot places the labels of a log axis as it places those of a linear one, at "nice" steps of the
# logarithm (-12.5, -10, -7.5 …), and then rounds the exponent it prints: "10^-8" stood at 10^-7.5. So a
# log axis gets its labels here instead, at whole powers of ten, each where a point of that value is drawn.

def _cell(value, lo, hi, cells, per_cell):
    """The character (column from the left, or row from the bottom) that holds a point at `value` on an
    axis from lo to hi of `cells` characters, each `per_cell` pixels wide, as uniplot draws it: the
    nearest pixel, then the character that holds that pixel."""
    return int(round((cells * per_cell - 1) * (value - lo) / (hi - lo))) // per_cell


def _log_ticks(lo, hi, fits):
    """[(log10 of the value, its label)] for an axis from 10^lo to 10^hi: whole powers of ten, every one
    or every 2nd, 3rd, 5th … (the densest that `fits`: it returns the ticks it keeps, or None when they
    crowd); when fewer than two of those fit, 1, 2 and 5 times a power of ten, then every digit times
    one. At worst a single label, or none."""
    import math

    candidates = [[(k, f"10^{k}") for k in range(math.ceil(lo), math.floor(hi) + 1) if k % step == 0]
                  for step in (1, 2, 3, 5, 10, 20, 50, 100)]
    for mantissas in ((1, 2, 5), range(1, 10)):
        ticks = [(k + math.log10(m), m, k) for k in range(math.floor(lo), math.ceil(hi) + 1) for m in mantissas
                 if lo <= k + math.log10(m) <= hi]
        plain = [f"{m * 10.0**k:g}" for _, m, k in ticks]  # 0.2, 5, 300: the same style for every label
        if any("e" in label for label in plain):
            plain = [f"10^{k}" if m == 1 else f"{m}·10^{k}" for _, m, k in ticks]
        candidates.append([(value, label) for (value, _, _), label in zip(ticks, plain)])
    fallback = []
    for ticks in candidates:
        kept = fits(ticks) or []
        if len(kept) >= 2:
            return kept
        fallback = fallback or kept
    return fallback


def _log_bounds(values, given):
    """(lo, hi) of an axis in log10, as uniplot chooses them: what was given, else the data's extremes
    widened by a thousandth of their distance (and by 1 on each side when they are equal)."""
    import numpy as np

    logs = np.concatenate([np.log10(np.asarray(v, dtype=float)) for v in values]) if values else np.zeros(1)
    lo, hi = float(logs.min()), float(logs.max())
    lo, hi = lo - 0.001 * (hi - lo), hi + 0.001 * (hi - lo)
    lo, hi = (float(np.log10(given[0])) if given[0] else lo), (float(np.log10(given[1])) if given[1] else hi)
    return (lo - 1, hi + 1) if lo == hi else (lo, hi)


def _log_plot(ys, xs, per_cell, options):
    """plot_to_string with the labels of each log axis at whole powers of ten (see _cell)."""
    from uniplot import plot_to_string

    cap, height = options["line_length_hard_cap"], options["height"]
    y_ticks = []
    if options.get("y_as_log"):
        lo, hi = _log_bounds(ys, (options.get("y_min"), options.get("y_max")))
        options.update(y_min=10**lo, y_max=10**hi, y_labels=False)

        def rows_apart(ticks):  # a label's row, with a row between two labels
            placed = [(height - 1 - _cell(value, lo, hi, height, per_cell), label) for value, label in ticks]
            rows = sorted(row for row, _ in placed)
            return placed if all(b - a >= 2 for a, b in zip(rows, rows[1:])) else None

        y_ticks = _log_ticks(lo, hi, rows_apart)
        longest = max((len(label) for _, label in y_ticks), default=0)
        # uniplot's own rule: frame, plot, a space and the labels within line_length_hard_cap
        options["width"] = min(options["width"], cap - 3 - longest)
    if options.get("x_as_log"):
        x_lo, x_hi = _log_bounds(xs, (options.get("x_min"), options.get("x_max")))
        options.update(x_min=10**x_lo, x_max=10**x_hi, x_labels=False)
    lines = plot_to_string(ys, xs, **options).split("\n")
    top = next(i for i, line in enumerate(lines) if line[:1] in "┌╭")
    for row, label in y_ticks:
        lines[top + 1 + row] += " " + label
    if options.get("x_as_log"):
        width = len(lines[top]) - 2

        def columns_apart(ticks):  # each label centred under its point, two spaces between labels
            placed, end = [], -2
            for value, label in sorted(ticks):
                start = 1 + _cell(value, x_lo, x_hi, width, per_cell) - len(label) // 2
                if start >= 0 and start + len(label) <= cap:
                    if start < end + 2:
                        return None
                    placed.append((start, label))
                    end = start + len(label)
            return placed

        line = ""
        for start, label in _log_ticks(x_lo, x_hi, columns_apart):
            line += " " * (start - len(line)) + label
        lines.insert(top + height + 2, line)
    return "\n".join(lines)


def line_plot(series, *, title="", log_x=False, log_y=False, y_range=None, width=None, height=15,
              unicode=None, color=None):
    """Curves through points: `series` maps a label to (xs, ys).

    On a log axis, points with a value ≤ 0 (or not finite) are left out; `y_range` = (lo, hi) fixes the
    y axis (points beyond it fall off the picture)."""
    import numpy as np

    unicode, color, width = style(unicode, color, width)
    labels, xs_all, ys_all = [], [], []
    for label, (xs, ys) in series.items():
        xs, ys = np.asarray(xs, dtype=float).ravel(), np.asarray(ys, dtype=float).ravel()
        keep = np.isfinite(xs) & np.isfinite(ys)
        if log_x:
            keep &= xs > 0
        if log_y:
            keep &= ys > 0
        if keep.any():
            labels.append(label)
            xs_all.append(xs[keep])
            ys_all.append(ys[keep])
    options = {"x_as_log": log_x, "y_as_log": log_y}
    if y_range is not None:
        options.update(y_min=y_range[0], y_max=y_range[1])
    return _plot(ys_all, xs_all, title=title, labels=labels, width=width - 10, height=height,
                 unicode=unicode, color=color, **options)


def decision_regions(predict, points, labels, *, title="", lo=-0.25, hi=1.25, width=None, height=15,
                     unicode=None, color=None):
    """Where `predict` says 1 over the square [lo, hi]², shaded, with the training `points` marked
    by their `labels` (0 or 1).

    `predict` takes an (n, 2) array of inputs and returns n outputs (shape (n,) or (n, 1)); an output
    above 0.5 counts as 1."""
    import numpy as np

    unicode, color, width = style(unicode, color, width)
    plot_width = width - 10
    # one sample at the centre of each character of the picture
    cols = lo + (np.arange(plot_width) + 0.5) * (hi - lo) / plot_width
    rows = lo + (np.arange(height) + 0.5) * (hi - lo) / height
    gx, gy = np.meshgrid(cols, rows)
    grid = np.column_stack([gx.ravel(), gy.ravel()])
    inside = np.asarray(predict(grid), dtype=float).reshape(len(grid)) > 0.5
    points, labels = np.asarray(points, dtype=float), np.asarray(labels).ravel()
    ys, xs, names = [], [], []
    from katas._runner.i18n import _

    for mask, name in ((inside, _("prediction 1")),):
        if mask.any():
            xs.append(grid[mask, 0]), ys.append(grid[mask, 1]), names.append(name)
    for value, name in ((0, _("target 0")), (1, _("target 1"))):
        chosen = points[labels == value]
        if len(chosen):
            xs.append(chosen[:, 0]), ys.append(chosen[:, 1]), names.append(name)
    marks = ["░" if unicode else ".", "o", "●" if unicode else "#"]
    if not inside.any():
        marks = marks[1:]
    if len(xs) == 1:  # uniplot draws a single series without a legend: keep the legend's marks apart
        xs.append(np.array([lo])), ys.append(np.array([lo])), names.append("")
    return _plot(ys, xs, title=title, labels=names, width=plot_width, height=height, unicode=unicode,
                 color=color, marks=marks, lines=False, x_min=lo, x_max=hi, y_min=lo, y_max=hi,
                 x_gridlines=[], y_gridlines=[])


_ARROWS = "→↗↑↖←↙↓↘"
_ASCII_ARROWS = ">/^\\<\\v/"


def arrow_field(field, *, lo=-5.0, hi=5.0, arrows=(9, 7), path=None, title="", width=None, height=15,
                unicode=None, color=None):
    """The vector field `field(x, y) -> (u, v)` as arrows on a grid of arrows[0] × arrows[1] points over
    [lo, hi]² (each shaft a row of dots, its head an arrow pointing one of eight ways), and `path`
    (a sequence of (x, y)) drawn over it as o's. No legend: say in the title what the marks are.

    The longest arrow is scaled to 0.9 of the grid's spacing, the others in proportion."""
    import numpy as np

    unicode, color, width = style(unicode, color, width)
    gx, gy = np.meshgrid(np.linspace(lo, hi, arrows[0]), np.linspace(lo, hi, arrows[1]))
    u, v = (np.asarray(c, dtype=float) * np.ones_like(gx) for c in field(gx, gy))
    length = np.hypot(u, v)
    scale = 0.9 * (hi - lo) / (max(arrows) - 1) / (length.max() or 1.0)
    steps = np.linspace(0.0, 1.0, 16)[:-1, None, None]
    xs, ys = [(gx + steps * u * scale).ravel()], [(gy + steps * v * scale).ravel()]
    marks = ["."]
    heads = _ARROWS if unicode else _ASCII_ARROWS
    # the eighth of the circle each arrow points into, counter-clockwise from east
    way = np.round(np.arctan2(v, u) / (np.pi / 4)).astype(int) % 8
    for k in range(8):
        chosen = (way == k) & (length > 0)
        if chosen.any():
            xs.append((gx + u * scale)[chosen]), ys.append((gy + v * scale)[chosen]), marks.append(heads[k])
    if path is not None:
        path = np.asarray(path, dtype=float)
        xs.append(path[:, 0]), ys.append(path[:, 1]), marks.append("o")
    margin = 0.05 * (hi - lo)
    return _plot(ys, xs, title=title, labels=None, width=width - 10, height=height, unicode=unicode,
                 color=color, marks=marks, lines=False, x_min=lo - margin, x_max=hi + margin,
                 y_min=lo - margin, y_max=hi + margin, x_gridlines=[], y_gridlines=[])
