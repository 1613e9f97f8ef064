"""A verdict that never says more than it saw, and work that is never lost.

The learner's code loops, exits, raises KeyboardInterrupt and prints megabytes; the learner presses
Ctrl-C, solves and commits katas, downloads a ZIP without .git. Each case is played here.
"""

import io
import re
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from katas._runner.cli import main
from katas._runner.registry import KATAS
from tests.conftest import KATA, ROOT, make_sandbox, run, runner, with_make

KATA4 = KATAS[3]


# ---------------------------------------------------------------- the learner's code


def test_an_endless_loop_costs_one_time_limit_and_names_the_function(scenarios):
    done, seconds = scenarios["endless"]()
    assert done.returncode == 1
    # pytest-timeout stops the check ("stopped after 0.5 s: the code never finished"); on a machine
    # too busy for that within the grace period, the parent ends it ("never finished: stopped after")
    assert "stopped after 0.5 s" in done.stdout and "never finished" in done.stdout, done.stdout
    assert f"at katas/{KATA}.py:" in done.stdout and "in step()" in done.stdout
    assert "checks pass ✓" not in done.stdout and re.search(r"\n[01] of \d+ checks ran, 0 passed\.", done.stdout)
    assert done.stdout.count("stopped after") == 1, "one endless loop is reported once"
    assert seconds < 15, f"one endless loop should cost one time limit, not one per check: {seconds:.1f} s"


def test_a_loop_inside_c_code_is_ended_by_the_parent(scenarios):
    (done, leftovers), seconds = scenarios["c_loop"]()
    assert done.returncode == 1
    assert "never finished: stopped after 0.5 s" in done.stdout, done.stdout
    assert f"at katas/{KATA}.py:" in done.stdout and "in step()" in done.stdout, "faulthandler says where it was"
    assert "checks pass ✓" not in done.stdout
    assert seconds < 20 and not leftovers, (seconds, leftovers)


def test_keyboard_interrupt_raised_by_the_learners_code_is_never_green(scenarios):
    done = scenarios["keyboard"]()
    assert done.returncode == 1, done.stdout
    assert "✗ your code raised KeyboardInterrupt during the check" in done.stdout
    assert "in train_perceptron()" in done.stdout
    assert "pass ✓" not in done.stdout and "XOR = AND(NAND, OR)" not in done.stdout, "no result table"
    assert " checks ran, " in done.stdout


def test_os_exit_in_the_learners_code_is_reported_and_never_green(scenarios):
    done = scenarios["os_exit"]()
    assert done.returncode == 1, done.stdout
    assert "the run ended during the check" in done.stdout and "process ended before the checks finished" in done.stdout
    assert "pass ✓" not in done.stdout


def test_a_run_that_ended_early_is_never_solved_in_the_list():
    from katas._runner.report import status
    from katas._runner.supervise import Run

    passed = {f"t{i}": {"id": f"t{i}", "title": f"t{i}", "outcome": "passed"} for i in range(5)}
    ended = Run(KATA4, checks=passed, count=7, closed=True, current="t5")
    assert status(ended) == "5 of 7 checks, then stopped: make kata N=4"
    stopped = Run(KATA4, checks=passed, count=5, done=True, stopped="time")
    assert status(stopped) != "solved ✓" and not stopped.green
    whole = Run(KATA4, checks=passed, count=5, done=True)
    assert status(whole) == "solved ✓" and whole.green


def test_sys_exit_when_the_module_is_imported_is_one_line(scenarios):
    done = scenarios["sys_exit"]()
    assert done.returncode == 1
    assert "✗ the tests could not import your module: the module calls sys.exit(0) when it is imported" in done.stdout
    assert "INTERNALERROR" not in done.stdout + done.stderr and len(done.stdout.splitlines()) < 10, done.stdout


def test_what_the_learners_code_prints_is_capped(scenarios):
    done = scenarios["chatty"]()
    assert done.returncode == 1
    assert "your code printed:" in done.stdout and "more characters)" in done.stdout
    assert len(done.stdout) < 20_000, f"5 MB printed reached the terminal: {len(done.stdout)} characters"


def test_ctrl_c_ends_the_run_says_how_far_it_got_and_leaves_nothing_running(scenarios):
    code, output, leftovers = scenarios["interrupt"]()
    assert code == 130, output
    assert re.search(r"interrupted: [01] (of \d+ checks ran|checks ran before the rest were counted)", output), output
    assert "Traceback" not in output and "pass ✓" not in output
    assert not leftovers, f"processes left running: {leftovers}"


# ---------------------------------------------------------------- the learner's files


@pytest.fixture
def room(tmp_path, monkeypatch):
    """A sandbox that the in-process runner treats as the repository (no .git: a ZIP download)."""
    box = make_sandbox(tmp_path / "repo")
    monkeypatch.setattr("katas._runner.cli.ROOT", box)
    monkeypatch.setattr("katas._runner.files.ROOT", box)
    monkeypatch.setattr("katas._runner.cli.PROGRESS", box / ".progress")
    for variable in ("KATA_YES", "KATA_ALL", "KATA_FULL", "KATA_N"):
        monkeypatch.delenv(variable, raising=False)
    return box


def backups_of(path):
    return sorted(path.parent.glob(f"{path.name}.*.bak"))


def test_two_resets_in_one_second_keep_both_versions(room, capsys):
    path = room / KATA4.file
    first, second = b"# my first try\n", b"# my second try\n"
    path.write_bytes(first)
    assert main(["reset", "4"]) == 0
    path.write_bytes(second)
    assert main(["reset", "4"]) == 0
    kept = {p.read_bytes() for p in backups_of(path)}
    assert kept == {first, second}, "each reset keeps its own backup under a name never used before"


def test_a_file_in_another_encoding_is_backed_up_byte_for_byte(room, capsys):
    path = room / KATA4.file
    korean = "# 퍼셉트론 연습\nprint('안녕')\n".encode("cp949")
    path.write_bytes(korean)
    assert main(["reset", "4"]) == 0
    (backup,) = backups_of(path)
    assert backup.read_bytes() == korean
    assert main(["restore", "4"]) == 0
    assert path.read_bytes() == korean, "restore puts the CP949 file back as it was"


def test_a_symlinked_kata_file_is_refused_in_one_line(room, tmp_path, capsys):
    outside = tmp_path / "outside.py"
    outside.write_text("# somewhere else\n")
    path = room / KATA4.file
    path.unlink()
    path.symlink_to(outside)
    assert main(["reset", "4"]) == 2
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and "is a symbolic link; nothing is written through it" in out
    assert outside.read_text() == "# somewhere else\n"


def test_a_planted_backup_link_is_never_written_through(room, tmp_path, capsys):
    from datetime import datetime, timedelta

    target = tmp_path / "target.txt"
    target.write_text("untouched\n")
    path = room / KATA4.file
    now = datetime.now()
    for seconds in range(3):  # whatever second the reset happens in
        stamp = (now + timedelta(seconds=seconds)).strftime("%Y%m%d-%H%M%S")
        path.with_name(f"{path.name}.{stamp}.bak").symlink_to(target)
    path.write_bytes(b"# mine\n")
    assert main(["reset", "4"]) == 0
    assert target.read_text() == "untouched\n"
    assert any(p.read_bytes() == b"# mine\n" for p in backups_of(path) if not p.is_symlink())


def test_restore_puts_the_newest_backup_back_and_keeps_the_current_file(room, capsys):
    path = room / KATA4.file
    stub = path.read_bytes()
    path.write_bytes(b"# version 1\n")
    main(["reset", "4"])
    path.write_bytes(b"# version 2\n")
    main(["reset", "4"])
    path.write_bytes(b"# scribbles\n")
    capsys.readouterr()
    assert main(["restore", "4"]) == 0
    assert path.read_bytes() == b"# version 2\n"
    assert b"# scribbles\n" in {p.read_bytes() for p in backups_of(path)}, "the file restore replaced is kept"
    assert "the file it replaced is saved as" in capsys.readouterr().out
    assert stub not in {p.read_bytes() for p in backups_of(path)}, "an untouched stub needs no backup"


def test_restore_without_a_backup_says_so(room, capsys):
    assert main(["restore", "4"]) == 2
    assert "there is no backup of katas/k04_gate_perceptrons.py to restore" in capsys.readouterr().out


def test_stubs_without_git_backs_up_a_solved_kata(room, capsys):
    path = room / KATA4.file
    solved = (room / KATA4.solution_file).read_bytes()
    path.write_bytes(solved)
    assert main(["stubs"]) == 0
    out = capsys.readouterr().out
    assert f"wrote {KATA4.file} (it was not a stub: that version is saved as" in out
    assert [p.read_bytes() for p in backups_of(path)] == [solved]


def test_stubs_after_a_committed_solution_backs_it_up(room, capsys):
    path = room / KATA4.file
    git = ["git", "-c", "user.name=L", "-c", "user.email=l@example.org"]
    subprocess.run(git + ["init", "-q"], cwd=room, check=True)
    subprocess.run(git + ["add", "-A"], cwd=room, check=True)
    subprocess.run(git + ["commit", "-qm", "start"], cwd=room, check=True)
    solved = (room / KATA4.solution_file).read_bytes()
    path.write_bytes(solved)
    subprocess.run(git + ["commit", "-qam", "solved kata 4"], cwd=room, check=True)
    assert main(["stubs"]) == 0
    assert [p.read_bytes() for p in backups_of(path)] == [solved]
    assert "wrote" in capsys.readouterr().out


# ---------------------------------------------------------------- flags and state


@pytest.mark.parametrize("value", ["0", "no", "false", ""])
def test_yes_0_means_no(room, monkeypatch, capsys, value):
    path = room / KATA4.file
    path.write_bytes(b"# mine\n")
    monkeypatch.setenv("KATA_YES", value)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["reset-all"]) == 2
    assert path.read_bytes() == b"# mine\n" and not backups_of(path)


@pytest.mark.parametrize("verb, variable, args", [("reset-all", "KATA_YES", ["reset-all"]),
                                                   ("hint", "KATA_ALL", ["hint", "1"]),
                                                   ("kata", "KATA_FULL", ["kata", "1"])])
def test_a_flag_that_is_neither_yes_nor_no_is_one_line(room, monkeypatch, capsys, verb, variable, args):
    monkeypatch.setenv(variable, "maybe")
    assert main(args) == 2
    name = variable.removeprefix("KATA_")
    assert capsys.readouterr().err == f"make {verb}: {name} must be 1 (yes) or 0 (no), got 'maybe'\n"


def test_all_0_shows_one_hint(room, monkeypatch, capsys):
    monkeypatch.setenv("KATA_ALL", "0")
    main(["hint", "1"])
    out = capsys.readouterr().out
    assert KATAS[0].hints[0] in out and KATAS[0].hints[1] not in out


@pytest.mark.parametrize("content", ["", "{not json", "[1, 2]"])
def test_an_unreadable_hints_file_is_ignored_in_one_line(room, capsys, content):
    (room / ".progress").mkdir()
    (room / ".progress" / "hints.json").write_text(content)
    assert main(["hint", "1"]) == 0
    out, err = capsys.readouterr()
    assert KATAS[0].hints[0] in out
    assert err == "(.progress/hints.json could not be read; it is ignored and written afresh)\n"
    assert main(["hint", "1"]) == 0 and KATAS[0].hints[1] in capsys.readouterr().out


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can write anywhere")
def test_a_read_only_checkout_still_shows_the_hint(room, capsys):
    room.chmod(0o555)
    try:
        assert main(["hint", "1"]) == 0
    finally:
        room.chmod(0o755)
    out, err = capsys.readouterr()
    assert KATAS[0].hints[0] in out and "cannot be remembered" in err


def test_an_unwritable_progress_folder_still_shows_the_hint(room, capsys, monkeypatch):
    monkeypatch.setattr("katas._runner.cli._write_state", lambda path, state: False)
    assert main(["hint", "1"]) == 0
    out, err = capsys.readouterr()
    assert KATAS[0].hints[0] in out and err.count("\n") == 1 and "cannot be remembered" in err


def test_the_hints_file_is_written_atomically(room, capsys):
    main(["hint", "2"])
    progress = room / ".progress"
    assert [p.name for p in progress.iterdir()] == ["hints.json"], "no temporary file is left behind"


def test_reset_all_with_no_terminal_and_a_closed_stdin(room, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", None)
    assert main(["reset-all"]) == 2
    assert "say YES=1 to confirm" in capsys.readouterr().err


@pytest.mark.parametrize("error", [EOFError, KeyboardInterrupt], ids=["Ctrl-D", "Ctrl-C"])
def test_reset_all_at_its_prompt_ctrl_d_and_ctrl_c_change_nothing(room, monkeypatch, capsys, error):
    path = room / KATA4.file
    path.write_bytes(b"# mine\n")
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)

    def press(prompt):
        raise error

    monkeypatch.setattr("builtins.input", press)
    assert main(["reset-all"]) == 0
    assert "Nothing was changed." in capsys.readouterr().out and path.read_bytes() == b"# mine\n"


def test_an_incomplete_venv_is_one_line(tmp_path):
    box = make_sandbox(tmp_path / "repo")
    fake = tmp_path / "fake"
    (fake / "numpy").mkdir(parents=True)
    (fake / "numpy" / "__init__.py").write_text("raise ModuleNotFoundError(\"No module named 'numpy'\")\n")
    done = runner(["kata", "1"], box, env={"PYTHONPATH": str(fake)})
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stderr == ("make kata: the environment in .venv is incomplete (ModuleNotFoundError: No module "
                           "named 'numpy'): delete the .venv folder and run the command again to rebuild it\n")


def test_a_broken_venv_python_is_rebuilt(tmp_path):
    box = with_make(make_sandbox(tmp_path / "repo"))
    (box / ".venv").unlink()
    (box / ".venv" / "bin").mkdir(parents=True)
    (box / ".venv" / "bin" / "python").symlink_to(tmp_path / "python-that-was-removed")
    (box / ".venv" / ".installed").touch()
    done = run(["make", "-s", "-n", "kata", "N=1"], cwd=box)  # -n: say what it would do, do nothing
    assert "rm -rf .venv" in done.stdout and "-m venv .venv" in done.stdout, done.stdout + done.stderr


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the signal mask from /proc")
def test_a_self_check_started_with_ctrl_c_ignored_gives_its_processes_ctrl_c_back():
    """A shell starts a background job (`make test &`) with SIGINT ignored, and an ignored signal is
    inherited: the scenarios that press Ctrl-C would wait in vain. Loading the self-check's conftest
    gives the processes it starts the default back."""
    code = ("import signal, subprocess; signal.signal(signal.SIGINT, signal.SIG_IGN); import tests.conftest; "
            "print(subprocess.run(['cat', '/proc/self/status'], capture_output=True, text=True).stdout)")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    ignored = next(int(line.split()[1], 16) for line in done.stdout.splitlines() if line.startswith("SigIgn:"))
    assert not ignored & (1 << (signal.SIGINT - 1)), "a process the self-check starts still ignores Ctrl-C"


def test_ctrl_c_while_the_runner_starts_is_one_line(tmp_path):
    box = make_sandbox(tmp_path / "repo")
    registry = box / "katas" / "_runner" / "registry.py"
    registry.write_text("raise KeyboardInterrupt\n" + registry.read_text(encoding="utf-8"), encoding="utf-8")
    done = runner(["list"], box)
    assert (done.returncode, done.stdout, done.stderr) == (130, "", "\ninterrupted\n")


def test_pytest_without_pytest_timeout_says_checks_have_no_time_limit(sandbox):
    done = run([sys.executable, "-m", "pytest", f"katas/test_{KATA}.py", "--solutions", "-q", "-p", "no:timeout",
                "-p", "no:cacheprovider"], cwd=sandbox)
    assert done.returncode == 0, done.stdout
    assert "pytest-timeout is not installed, so an endless loop is never stopped" in done.stdout
    assert "Unknown pytest.mark.timeout" not in done.stdout


def test_the_result_runs_under_its_limit_and_a_failed_check_ends_it_at_once(scenarios):
    looping, left_green, wrong, seconds, left_red, exits = scenarios["demo"]()
    assert looping.returncode == 1 and "All " not in looping.stdout, looping.stdout
    assert "showing the result never finished: stopped after 3 s" in looping.stdout, looping.stdout
    assert "every check passed; the demo under" in looping.stdout, looping.stdout
    assert "remaining checks" not in looping.stdout and "the check's limit" not in looping.stdout, looping.stdout
    assert exits.returncode == 1 and "All " not in exits.stdout, exits.stdout
    assert "the process ended while showing the result" in exits.stdout, exits.stdout
    assert "before the checks finished" not in exits.stdout, exits.stdout
    assert f"at katas/{KATA}.py:" in looping.stdout and "in <module>()" in looping.stdout, looping.stdout
    assert wrong.returncode == 1 and "✗" in wrong.stdout and "showing the result" not in wrong.stdout, wrong.stdout
    assert seconds < 8, f"a failed check waited for the demo, which loops: {seconds:.1f} s"
    assert not left_green and not left_red, "the demo's process outlived its run"


def test_without_fork_each_kata_gets_a_fresh_interpreter_and_the_same_report(scenarios):
    forked, spawned = scenarios["wrong"](), scenarios["spawned"]()
    assert spawned.returncode == forked.returncode == 1
    assert spawned.stdout == forked.stdout


def test_a_fork_or_a_detached_process_in_the_learners_code_neither_multiplies_nor_keeps_the_verdict_waiting(scenarios):
    (done, leftovers), seconds = scenarios["forks"]()
    assert "All " in done.stdout and "checks pass ✓" in done.stdout, done.stdout
    assert seconds < 25, f"the verdict waited for a process the learner's code left running: {seconds:.1f} s"


def test_a_sandbox_holds_the_generated_stubs_whatever_the_working_files_say(tmp_path, monkeypatch):
    """The learner scenarios play in sandboxes: made from a repository whose kata 1 is solved and kata 4
    edited, a sandbox still holds the stubs generated from the references (so `make test` stays green
    on a learner's clone; tests/check_learner_clone.py relies on it)."""
    import tests.conftest as conftest
    from katas._runner.registry import KATAS
    from katas._runner.stubgen import make_stub

    learners = make_sandbox(tmp_path / "learners")
    (learners / "katas/k01_numeric_derivative.py").write_bytes((learners / "solutions/k01_numeric_derivative.py").read_bytes())
    (learners / f"katas/{KATA}.py").write_text("mine = 1\n", encoding="utf-8")
    monkeypatch.setattr(conftest, "ROOT", learners)
    conftest._generated.cache_clear()
    try:
        box = make_sandbox(tmp_path / "box")
    finally:
        conftest._generated.cache_clear()
    for kata in KATAS:
        reference = (learners / kata.solution_file).read_text(encoding="utf-8")
        assert (box / kata.file).read_text(encoding="utf-8") == make_stub(reference, kata.module), kata.file
