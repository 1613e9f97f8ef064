"""The pictures of katas/_runner/pictures.py: their size, their axes, the points they must contain,
the ASCII fallback and the colour rule."""

import io
import re
import subprocess
import sys
import unicodedata

import numpy as np
import pytest

from katas._runner import pictures
from katas._runner.pictures import arrow_field, decision_regions, line_plot, style, terminal_facts

XOR_X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
FRAME = "│|"


def columns(line):
    """Display width: East Asian wide and fullwidth characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def assert_fits(picture, width=80, rows=21):
    lines = picture.splitlines()
    assert len(lines) <= rows, f"{len(lines)} rows"
    assert max(columns(line) for line in lines) <= width, max(lines, key=columns)


def body(picture):
    """The rows inside the frame, without the frame's sides and the y labels."""
    rows = [line for line in picture.splitlines() if line[:1] in FRAME]
    return [line[1:line.rindex(line[0])] for line in rows]


def mark_positions(picture, mark):
    """(column, row from the bottom) of every `mark` inside the frame."""
    rows = body(picture)
    return [(c, len(rows) - 1 - r) for r, row in enumerate(rows) for c, ch in enumerate(row) if ch == mark]


def error_curves():
    dx = 10.0 ** -np.arange(1, 13)
    forward = [abs((np.sin(1 + h) - np.sin(1)) / h - np.cos(1)) for h in dx]
    central = [abs((np.sin(1 + h) - np.sin(1 - h)) / (2 * h) - np.cos(1)) for h in dx]
    return {"forward": (dx, forward), "central": (dx, central)}


@pytest.fixture
def plain(monkeypatch):
    """An environment that says nothing about the terminal."""
    for name in ("KATA_UNICODE", "KATA_COLOR", "KATA_COLUMNS", "NO_COLOR", "LC_ALL", "LC_CTYPE", "LANG", "TERM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")


def test_line_plot_fits_and_shows_its_axes_and_legend():
    picture = line_plot(error_curves(), title="|error| against Δx", log_x=True, log_y=True,
                        unicode=True, color=False)
    assert_fits(picture)
    assert "|error| against Δx" in picture.splitlines()[0]
    assert "10^-10" in picture and "10^-2" in picture, "the log x axis is labelled in powers of ten"
    assert "forward" in picture and "central" in picture
    assert mark_positions(picture, "+") and mark_positions(picture, "x"), "each curve has a mark of its own"


def log_labels(picture):
    """{label: (column of its centre, or row from the top)} of the x axis (the line under the frame) and
    of the y axis (after the frame's right side), each as a float."""
    lines = picture.splitlines()
    rows = [i for i, line in enumerate(lines) if line[:1] in FRAME]
    x_axis = lines[rows[-1] + 2]
    xs = {m.group(): m.start() + (len(m.group()) - 1) / 2 for m in re.finditer(r"\S+", x_axis)}
    ys = {line[line.rindex(line[0]) + 1:].strip(): r for r, line in enumerate(lines[i] for i in rows)}
    return xs, {label: r for label, r in ys.items() if label}


@pytest.mark.parametrize("exponent", range(-14, 0))
def test_a_log_axis_labels_each_power_of_ten_where_its_points_are_drawn(exponent):
    """uniplot puts its own labels at -12.5, -10, -7.5 … and rounds the exponent: "10^-8" stood at
    10^-7.5. A vertical and a horizontal line at 10^exponent must sit under and beside its label."""
    at = 10.0**exponent
    series = {"vertical": ([at, at], [1e-14, 0.1]), "horizontal": ([1e-14, 0.1], [at, at])}
    for unicode in (False, True):
        picture = line_plot(series, log_x=True, log_y=True, unicode=unicode, color=False)
        xs, ys = log_labels(picture)
        assert all(re.fullmatch(r"10\^-?\d+", label) for label in [*xs, *ys]), (xs, ys)
        assert len(xs) >= 4 and len(ys) >= 4, (xs, ys)
        label = f"10^{exponent}"
        if not unicode:
            vertical = {c + 1 for c, r in mark_positions(picture, "+")}  # + 1: the frame's left side
            horizontal = {len(body(picture)) - 1 - r for c, r in mark_positions(picture, "x")}
            if label in xs:
                assert min(abs(xs[label] - c) for c in vertical) <= 0.5, (label, xs[label], vertical, picture)
            if label in ys:
                assert ys[label] in horizontal, (label, ys[label], horizontal, picture)


def test_the_labels_of_a_log_axis_shorter_than_two_decades_say_where_they_are():
    picture = line_plot({"loss": ([1, 2, 3, 4], [0.9, 0.5, 0.3, 0.15])}, log_y=True, unicode=True, color=False)
    ys = log_labels(picture)[1]
    assert set(ys) <= {"0.2", "0.5", "0.1", "1"} and len(ys) >= 2, ys
    assert ys["0.2"] > ys["0.5"], "0.2 lies below 0.5"


def test_line_plot_puts_points_where_they_belong():
    picture = line_plot({"rising": ([0, 1, 2, 3], [0, 1, 2, 3])}, unicode=False, color=False, height=10)
    marks = mark_positions(picture, "+")
    lowest, highest = min(marks, key=lambda p: p[1]), max(marks, key=lambda p: p[1])
    assert lowest[0] < highest[0], "y grows with x"
    assert lowest[1] == 0 and highest[1] == 9


def test_line_plot_on_log_axes_leaves_out_what_has_no_logarithm():
    picture = line_plot({"with a zero": ([1, 10, 100], [1.0, 0.0, 1e-3])}, log_x=True, log_y=True,
                        unicode=False, color=False)
    assert "10^" in picture


def test_a_narrow_terminal_gets_a_narrow_picture():
    picture = line_plot(error_curves(), log_x=True, log_y=True, unicode=True, color=False, width=60)
    assert_fits(picture, width=60)


def test_decision_regions_mark_the_four_points_inside_and_outside_the_region():
    and_gate = lambda X: (X @ np.array([1, 1]) > 1.5).astype(float)  # noqa: E731
    picture = decision_regions(and_gate, XOR_X, [0, 0, 0, 1], title="AND", unicode=True, color=False)
    assert_fits(picture)
    assert "AND" in picture.splitlines()[0] and "0.5" in picture
    ones, zeros = mark_positions(picture, "●"), mark_positions(picture, "o")
    assert len(ones) == 1 and len(zeros) == 3
    (right, top), = ones
    assert all(c < right or r < top for c, r in zeros), "(1, 1) is the top right point"
    shaded = mark_positions(picture, "░")
    assert (right - 1, top) in shaded, "(1, 1) lies in the AND region"
    assert not any(c < right / 2 and r < top / 2 for c, r in shaded), "(0, 0) lies outside the AND region"


def test_decision_regions_in_ascii():
    xor = lambda X: ((X[:, 0] > 0.5) != (X[:, 1] > 0.5)).astype(float)  # noqa: E731
    picture = decision_regions(xor, XOR_X, [0, 1, 1, 0], unicode=False, color=False)
    assert all(ord(c) < 128 for c in picture)
    assert len(mark_positions(picture, "#")) == 2 and len(mark_positions(picture, "o")) == 2
    assert mark_positions(picture, ".")


def test_decision_regions_of_a_network_that_never_says_1():
    picture = decision_regions(lambda X: np.zeros(len(X)), XOR_X, [0, 1, 1, 0], unicode=True, color=False)
    assert not mark_positions(picture, "░")
    assert len(mark_positions(picture, "●")) == 2


def test_arrow_field_points_downhill_and_draws_the_path():
    path = [(3.0, 4.0), (1.5, 2.0), (0.0, 0.0)]
    picture = arrow_field(lambda x, y: (-2 * x, -2 * y), path=path, title="−∇f", unicode=True, color=False)
    assert_fits(picture)
    assert len(mark_positions(picture, "o")) == 3
    rows = body(picture)
    middle = next(row for row in rows[len(rows) // 2 - 1:] if "→" in row)
    assert middle.index("→") < middle.index("←"), "on the x axis the arrows point at the centre"
    ascii_picture = arrow_field(lambda x, y: (-2 * x, -2 * y), path=path, unicode=False, color=False)
    assert all(ord(c) < 128 for c in ascii_picture) and ">" in ascii_picture and "<" in ascii_picture


@pytest.mark.parametrize("setting", [{"KATA_UNICODE": "0"}, {"LANG": "C"}, {"LC_ALL": "POSIX"}, {"TERM": "dumb"}])
def test_the_ascii_fallback_has_no_character_above_127(plain, monkeypatch, setting):
    for name, value in setting.items():
        monkeypatch.setenv(name, value)
    picture = line_plot(error_curves(), title="|error| against Δx, η = 0.1", log_x=True, log_y=True)
    assert all(ord(c) < 128 for c in picture), sorted({c for c in picture if ord(c) > 127})
    assert "dx" in picture and "eta" in picture


def test_ascii_in_colour_draws_ascii_marks_in_colour():
    """LANG=C on a terminal: no Unicode, but colour. uniplot's blocks would come out as '?'."""
    curves = {"one": ([1, 2, 3], [1, 2, 3]), "two": ([1, 2, 3], [3, 2, 1])}
    for series in (curves, {"one": curves["one"]}):
        picture = line_plot(series, unicode=False, color=True)
        plain = re.sub(r"\x1b\[[\d;]*m", "", picture)
        assert "\x1b[" in picture and "?" not in plain and all(ord(c) < 128 for c in plain), plain
        assert mark_positions(plain, "+")


def test_a_picture_without_a_title_has_no_title_line():
    picture = line_plot({"one": ([1, 2, 3], [1, 2, 3])}, unicode=True, color=False)
    assert picture.splitlines()[0].startswith("┌") and "None" not in picture


def test_a_utf8_locale_keeps_unicode(plain, monkeypatch):
    monkeypatch.setenv("KATA_UNICODE", "1")
    monkeypatch.setenv("LC_CTYPE", "C.UTF-8")  # what Python sets when it coerces the C locale
    monkeypatch.setenv("LANG", "ko_KR.UTF-8")
    assert style()[0] is True


def test_colour_only_when_asked_and_never_with_no_color(plain, monkeypatch):
    curves = error_curves()
    assert "\x1b[" not in line_plot(curves, log_x=True, log_y=True)  # pytest's output is no terminal
    monkeypatch.setenv("KATA_COLOR", "1")
    assert "\x1b[" in line_plot(curves, log_x=True, log_y=True)
    monkeypatch.setenv("NO_COLOR", "")
    assert "\x1b[" not in line_plot(curves, log_x=True, log_y=True)


def test_terminal_facts_of_an_output_that_is_no_terminal():
    class Ascii(io.StringIO):
        encoding = "ascii"

    assert terminal_facts(io.StringIO(), {"LANG": "en_US.UTF-8"}) == {
        "KATA_UNICODE": "1", "KATA_COLOR": "0", "KATA_COLUMNS": "80"}
    assert terminal_facts(Ascii(), {})["KATA_UNICODE"] == "0"
    assert terminal_facts(io.StringIO(), {"TERM": "dumb"})["KATA_UNICODE"] == "0"


def test_width_comes_from_the_terminal_but_never_beyond_80(plain, monkeypatch):
    monkeypatch.setenv("KATA_COLUMNS", "200")
    assert style(True, False)[2] == 80
    monkeypatch.setenv("KATA_COLUMNS", "60")
    assert style(True, False)[2] == 60


def test_importing_the_module_imports_neither_numpy_nor_the_plotting_library():
    code = ("import sys, katas._runner.pictures; "
            "print(sorted({'numpy', 'uniplot'} & set(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=pictures.__file__.rsplit("/katas/", 1)[0])
    assert out.stdout.strip() == "[]", out.stderr


def test_a_coloured_picture_is_the_plain_one_with_colours_and_one_escape_pair_per_run():
    xor = lambda X: ((X[:, 0] > 0.5) != (X[:, 1] > 0.5)).astype(float)  # noqa: E731
    plain = decision_regions(xor, XOR_X, [0, 1, 1, 0], unicode=True, color=False)
    coloured = decision_regions(xor, XOR_X, [0, 1, 1, 0], unicode=True, color=True)
    assert re.sub(r"\x1b\[[\d;]*m", "", coloured) == plain
    assert coloured.count("\x1b[") < 4 * len(plain.splitlines()) * 3, "a run of one colour opens it once"


def test_hangul_labels_stay_outside_the_frame_and_keep_it_in_line():
    picture = line_plot({"전진 차분 forward": ([1, 2, 3], [1, 2, 3]), "중앙 차분 central": ([1, 2, 3], [3, 2, 1])},
                        title="수치 미분의 오차 (the error of the numeric derivative)", unicode=True, color=False)
    assert_fits(picture)
    assert "수치 미분의 오차" in picture and "전진 차분 forward" in picture
    frame = [re.match("[┌│└].*[┐│┘]", line).group() for line in picture.splitlines() if line[:1] in "┌│└"]
    assert len({columns(line) for line in frame}) == 1, "every row of the frame is as wide as the others"


@pytest.mark.parametrize("shape", ["list", "column"])
def test_decision_regions_take_a_list_or_a_column_of_outputs(shape):
    def or_gate(X):
        out = [float(x1 + x2 > 0.5) for x1, x2 in X]
        return out if shape == "list" else np.array(out).reshape(-1, 1)

    picture = decision_regions(or_gate, XOR_X, [0, 1, 1, 1], unicode=True, color=False)
    assert len(mark_positions(picture, "●")) == 3 and len(mark_positions(picture, "o")) == 1
