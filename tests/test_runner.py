"""The learner's commands: each verb, and each bad input with its one-line message and exit code."""

import shutil

import pytest

from katas.__main__ import main
from katas.registry import KATAS
from tests.conftest import KATA, ROOT, run, runner

LAST = KATAS[-1].number


@pytest.mark.parametrize("n, message", [
    ("99", f"make kata: there is no kata 99: the katas are numbered 1 to {LAST}"),
    ("0", f"make kata: there is no kata 0: the katas are numbered 1 to {LAST}"),
    ("abc", f"make kata: N must be a kata number from 1 to {LAST}, got 'abc'"),
    ("-1", f"make kata: N must be a kata number from 1 to {LAST}, got '-1'"),
    ("1.5", f"make kata: N must be a kata number from 1 to {LAST}, got '1.5'"),
    ("1; touch pwned", f"make kata: N must be a kata number from 1 to {LAST}, got '1; touch pwned'"),
])
def test_a_bad_n_is_one_line_and_exit_2(n, message, capsys):
    assert main(["kata", n]) == 2
    out, err = capsys.readouterr()
    assert (out, err) == ("", message + "\n")


@pytest.mark.parametrize("n", [None, "", "  "], ids=["no N", "N=", "N=blank"])
def test_a_missing_n_says_so_and_lists_the_katas(n, capsys, monkeypatch):
    monkeypatch.delenv("KATA_N", raising=False)
    assert main(["kata"] if n is None else ["kata", n]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "make kata: make kata needs a kata number, for example: make kata N=1"
    assert err[1] == "The katas:"
    assert all(f"{k.number:2}  {k.title}" in "\n".join(err) for k in KATAS)


@pytest.mark.parametrize("typed", ["1; touch pwned", "$(shell touch pwned)", "`touch pwned`", "1' && touch pwned '"])
def test_make_hands_n_over_as_data_and_runs_nothing(typed, tmp_path):
    for name in ("Makefile", "requirements.txt"):
        shutil.copy2(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "katas", tmp_path / "katas", ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / ".venv").symlink_to(ROOT / ".venv")
    done = run(["make", "-s", "kata", f"N={typed}"], cwd=tmp_path)
    assert done.returncode == 2
    assert f"got {typed!r}" in done.stderr
    assert not list(tmp_path.glob("pwned*")) and not list(ROOT.glob("pwned*"))


def test_n_may_have_a_leading_zero_and_arrives_through_the_environment(monkeypatch, capsys):
    monkeypatch.setenv("KATA_N", "099")
    assert main(["kata"]) == 2
    assert "there is no kata 99" in capsys.readouterr().err


def test_a_syntax_error_names_the_file_and_line(sandbox):
    kata = KATAS[0]
    path = sandbox / kata.file
    path.write_text(path.read_text() + "\ndef broken(:\n    pass\n")
    line = path.read_text().splitlines().index("def broken(:") + 1
    done = runner(["kata", "1"], cwd=sandbox)
    assert done.returncode == 2
    assert done.stderr == f"make kata: {kata.file}, line {line}: SyntaxError: invalid syntax\n"


def test_the_stub_is_red_and_says_what_to_write(scenarios):
    done = scenarios["fresh"]()
    assert done.returncode == 1
    assert "✗ step() is not written yet" in done.stdout
    assert "✗ train_perceptron() is not written yet" in done.stdout
    assert "0 of " in done.stdout and "make hint N=4" in done.stdout


def test_list_shows_each_katas_status_and_the_total(scenarios):
    _, listing = scenarios["solved"]()  # kata 4 solved, kata 3 broken, the others as cloned
    assert listing.returncode == 0
    rows = {kata.number: line for kata in KATAS for line in listing.stdout.splitlines()
            if line.split()[:1] == [str(kata.number)] and kata.title in line}
    assert "solved ✓" in rows[4]
    assert "does not import: make kata N=3" in rows[3]
    assert all("not started" in rows[kata.number] for kata in KATAS if kata.number not in (3, 4)), listing.stdout
    assert f"1 of {len(KATAS)} solved." in listing.stdout


def test_a_wrong_answer_is_explained_in_the_lessons_terms(scenarios):
    done = scenarios["wrong"]()
    assert done.returncode == 1
    assert "✗ step fires only above the courses threshold [1e-7]" in done.stdout
    assert "step(1e-07): expected 0 (fires only when z > 0.000001); got 1 — a plain z > 0 fires on float crumbs" in done.stdout
    assert "checks pass" in done.stdout


def test_an_endless_loop_is_stopped_with_a_message(scenarios):
    done, _ = scenarios["endless"]()
    assert done.returncode == 1
    assert "stopped after 0.5 s: the code never finished (an endless loop?)" in done.stdout
    assert f"at katas/{KATA}.py:" in done.stdout


def test_a_module_that_fails_to_import_is_named_with_its_line(scenarios):
    _, done = scenarios["endless"]()
    line = (ROOT / "katas/k01_numeric_derivative.py").read_text().splitlines().index("import math") + 3
    assert done.returncode == 1
    assert ("✗ the tests could not import your module: NameError: name 'undefined_name' is not defined "
            f"(at katas/k01_numeric_derivative.py:{line})") in done.stdout, done.stdout


def test_a_solved_kata_is_green_shows_its_result_and_names_the_next(scenarios):
    done, _ = scenarios["solved"]()
    assert done.returncode == 0, done.stdout
    assert "checks pass ✓" in done.stdout
    assert "XOR = AND(NAND, OR)" in done.stdout  # the result table
    assert ("Next: make kata N=5" if len(KATAS) > 4 else "That was the last kata") in done.stdout


def test_the_solution_verb_warns_of_spoilers_and_is_green(scenarios):
    done = scenarios["spoiler"]()
    assert done.returncode == 0
    assert done.stdout.startswith(f"Spoiler: this runs the reference solutions/{KATA}.py")


def test_hints_come_one_tier_at_a_time_and_are_kept_out_of_git(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("katas.__main__.PROGRESS", tmp_path / ".progress")
    hints = KATAS[0].hints
    main(["hint", "1"])
    first = capsys.readouterr().out
    assert hints[0] in first and hints[1] not in first
    main(["hint", "1"])
    assert hints[1] in capsys.readouterr().out
    monkeypatch.setenv("KATA_ALL", "1")
    main(["hint", "1"])
    everything = capsys.readouterr().out
    assert all(hint in everything for hint in hints)
    assert (tmp_path / ".progress" / "hints.json").exists()
    assert ".progress/" in (ROOT / ".gitignore").read_text().splitlines()


def test_make_help_lists_every_verb():
    done = run(["make", "-s", "help"])
    for verb in ("kata N=", "solution N=", "list", "hint N=", "test"):
        assert f"make {verb}" in done.stdout
