"""The learner's commands: each verb, and each bad input with its one-line message and exit code."""

import io

import pytest

from katas._runner.cli import main
from katas._runner.registry import KATAS
from tests.conftest import KATA, ROOT, make_sandbox, run, runner, with_make

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
    assert err[0] == "make kata: which kata? Give its number, for example: make kata N=1"
    assert err[1] == "The katas:"
    assert all(f"{k.number:2}  {k.title}" in "\n".join(err) for k in KATAS)


@pytest.mark.parametrize("typed", ["1; touch pwned", "$(shell touch pwned)", "`touch pwned`", "1' && touch pwned '"])
def test_make_hands_n_over_as_data_and_runs_nothing(typed, tmp_path):
    with_make(make_sandbox(tmp_path))
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
    # katas 4 and 10 solved, kata 3 broken, kata 5 sets np.seterr(all="raise"), the others as cloned
    _, listing = scenarios["solved"]()
    assert listing.returncode == 0
    rows = {kata.number: line for kata in KATAS for line in listing.stdout.splitlines()
            if line.split()[:1] == [str(kata.number)] and kata.title in line}
    assert "solved ✓" in rows[4]
    assert "solved ✓" in rows[10], "each kata runs in a process of its own: kata 5's np.seterr cannot reach it"
    assert "does not import: make kata N=3" in rows[3]
    assert all("not started" in rows[k.number] for k in KATAS if k.number not in (3, 4, 10)), listing.stdout
    assert f"2 of {len(KATAS)} solved." in listing.stdout


def test_a_wrong_answer_is_explained_in_the_lessons_terms(scenarios):
    done = scenarios["wrong"]()
    assert done.returncode == 1
    assert "✗ step fires only above the course's threshold [1e-7]" in done.stdout
    assert "step(1e-07): expected 0 (fires only when z > 0.000001); got 1 — a plain z > 0 fires on float crumbs" in done.stdout
    assert "checks pass" in done.stdout


def test_a_module_that_fails_to_import_is_named_with_its_line(scenarios):
    done = scenarios["broken"]()
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
    monkeypatch.setattr("katas._runner.cli.PROGRESS", tmp_path / ".progress")
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


@pytest.fixture
def learner_room(tmp_path, monkeypatch):
    """A sandbox that the in-process runner treats as the repository."""
    box = make_sandbox(tmp_path)
    monkeypatch.setattr("katas._runner.cli.ROOT", box)
    monkeypatch.setattr("katas._runner.files.ROOT", box)
    return box


def test_reset_backs_up_the_learners_file_then_restores_the_stub(learner_room, capsys):
    kata = KATAS[3]
    path = learner_room / kata.file
    stub = path.read_text()
    path.write_text(stub + "\n# my work\n")
    assert main(["reset", "4"]) == 0
    message = capsys.readouterr().out
    backups = list(path.parent.glob(f"{path.name}.*.bak"))
    assert len(backups) == 1 and backups[0].read_text() == stub + "\n# my work\n", "the learner's file is kept"
    assert path.read_text() == stub, "the kata file is the stub again"
    assert message == f"kata 4: {kata.file} is the stub again; your version is saved as katas/{backups[0].name}\n"
    assert main(["reset", "4"]) == 0
    assert "already the stub; nothing to do" in capsys.readouterr().out
    assert len(list(path.parent.glob(f"{path.name}.*.bak"))) == 1, "no backup of an untouched stub"


def test_a_reset_without_n_is_a_usage_error(learner_room, capsys, monkeypatch):
    monkeypatch.delenv("KATA_N", raising=False)
    assert main(["reset"]) == 2
    assert capsys.readouterr().err.startswith("make reset: which kata? Give its number, for example: make reset N=1")


def test_reset_all_needs_a_yes_without_a_terminal(learner_room, capsys, monkeypatch):
    path = learner_room / KATAS[0].file
    path.write_text(path.read_text() + "# mine\n")
    monkeypatch.delenv("KATA_YES", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["reset-all"]) == 2
    assert "YES=1" in capsys.readouterr().err and path.read_text().endswith("# mine\n"), "nothing changes"
    monkeypatch.setenv("KATA_YES", "1")
    assert main(["reset-all"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == len(KATAS) and "saved as" in out[0] and all("already the stub" in line for line in out[1:])
    assert list(path.parent.glob(f"{path.name}.*.bak"))[0].read_text().endswith("# mine\n")


def test_reset_all_asks_at_a_terminal_and_no_changes_nothing(learner_room, capsys, monkeypatch):
    path = learner_room / KATAS[0].file
    path.write_text(path.read_text() + "# mine\n")
    monkeypatch.delenv("KATA_YES", raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    assert main(["reset-all"]) == 0
    assert "Nothing was changed." in capsys.readouterr().out and path.read_text().endswith("# mine\n")


def test_next_reports_the_first_kata_not_solved_and_runs_no_further(scenarios):
    done = scenarios["next_kata"]()  # katas 1 and 2 solved, the others stubs
    assert done.returncode == 1, done.stdout
    assert done.stdout.startswith("Kata 3 · "), done.stdout
    assert "Kata 4 · " not in done.stdout


def test_next_when_every_kata_is_solved(monkeypatch, capsys):
    from katas._runner.supervise import Run

    def all_green(katas, **options):
        return [Run(kata, checks={"t": {"id": "t", "outcome": "passed"}}, count=1, done=True, closed=True)
                for kata in katas]

    monkeypatch.setattr("katas._runner.supervise.run_katas", all_green)
    assert main(["next"]) == 0
    assert capsys.readouterr().out == "Every kata is solved ✓. Well done.\n"


def test_backups_are_ignored_by_git():
    assert "katas/*.bak" in (ROOT / ".gitignore").read_text().splitlines()


def test_make_help_lists_every_verb():
    done = run(["make", "-s", "help"])
    for verb in ("kata N=", "solution N=", "list", "next", "hint N=", "compare N=", "watch N=", "reset N=", "restore N=",
                 "reset-all", "test"):
        assert f"make {verb}" in done.stdout


def _fake_run(passed, total):
    from katas._runner.supervise import Run

    def run(katas, **options):
        checks = {f"t{i}": {"id": f"t{i}", "outcome": "passed" if i < passed else "failed"} for i in range(total)}
        return [Run(kata, checks=checks, count=total, done=True, closed=True) for kata in katas]
    return run


def test_compare_waits_until_the_kata_is_green(learner_room, monkeypatch, capsys):
    monkeypatch.setattr("katas._runner.cli._run", _fake_run(3, 5))
    assert main(["compare", "4"]) == 1
    assert capsys.readouterr().out == ("make compare N=4 waits until kata 4 is green: 3 of 5 checks pass now "
                                       "(make kata N=4 says why).\n")


def test_compare_shows_each_function_beside_the_reference(learner_room, monkeypatch, capsys):
    kata = KATAS[3]
    mine = (learner_room / kata.solution_file).read_text().replace(
        "    return X @ W\n", "    return np.dot(X, W)  # mine\n")
    (learner_room / kata.file).write_text(mine)
    monkeypatch.setattr("katas._runner.cli._run", _fake_run(5, 5))
    assert main(["compare", "4"]) == 0
    out = capsys.readouterr().out
    assert "── layer " in out and "    return np.dot(X, W)  # mine" in out and "    return X @ W" in out
    assert "BEGIN SOLUTION" not in out and '"""' not in out, "no fences, no docstrings: just the code"
