"""make watch, played at a pseudo-terminal and through a pipe (tests/learner.py's watch scenarios):
every kind of save gives one report, each key does what its help line says, Ctrl-C and q stop it
cleanly, and no process is left behind."""

import io
import os

from katas._runner.registry import KATAS

TITLE = "Kata 4 · Gate perceptrons"
PROGRESS = f"kata 4 of {len(KATAS)} · "


def reports(text):
    return text.count(TITLE)


def test_the_watch_shows_the_kata_then_a_progress_line_and_the_keys(scenarios):
    _, seen, _ = scenarios["watch_terminal"]()
    start = seen["start"]
    assert reports(start) == 1 and "✗ step() is not written yet" in start, start
    assert "watching katas/k04_gate_perceptrons.py" in start
    lines = start.rstrip("\n").splitlines()
    assert lines[-2].startswith(PROGRESS + "0 solved"), lines[-2]
    assert lines[-1].startswith("keys: h hint · n next kata · l list · r run again · q quit"), lines[-1]
    assert "Run make kata N=4 again" not in start, "the watch runs it again by itself"


def test_a_save_runs_the_checks_on_the_new_file_once(scenarios):
    _, seen, _ = scenarios["watch_terminal"]()
    assert reports(seen["save"]) == 1, seen["save"]
    assert "katas/k04_gate_perceptrons.py saved" in seen["save"]
    assert "step() is not written yet" not in seen["save"], "the run after the save sees the edit"
    assert "got 1" in seen["save"] and "got 2" in seen["same size"], "each run imports the file as it is now"


def test_a_save_by_renaming_a_new_file_runs_once_and_a_solved_kata_is_green(scenarios):
    _, seen, _ = scenarios["watch_terminal"]()
    renamed = seen["rename"]
    assert reports(renamed) == 1, renamed
    assert "checks pass ✓" in renamed and "XOR = AND(NAND, OR)" in renamed, "green, with the result"
    assert "Solved ✓  n: on to kata 5" in renamed
    assert PROGRESS + "1 solved" in renamed


def test_two_saves_in_a_row_give_one_report(scenarios):
    _, seen, _ = scenarios["watch_terminal"]()
    assert reports(seen["double"]) == 1, seen["double"]
    assert "checks pass ✓" in seen["double"]


def test_each_key_does_what_the_help_line_says(scenarios):
    _, seen, _ = scenarios["watch_terminal"]()
    assert f"Hint 1 of {len(KATAS[3].hints)} · kata 4" in seen["h"] and KATAS[3].hints[0] in seen["h"]
    listing = seen["l"].splitlines()
    assert any(line.startswith("▶") and "Gate perceptrons" in line and "solved ✓" in line for line in listing), seen["l"]
    assert reports(seen["r"]) == 1 and "run again" in seen["r"] and "checks pass ✓" in seen["r"]
    assert seen["x"].strip().splitlines()[-1].startswith("keys: h hint") and TITLE not in seen["x"], \
        "any other key shows the keys"
    moved = seen["n"]
    assert f"Kata 5 · {KATAS[4].title}" in moved and "watching katas/k05_xor_forward.py" in moved, moved
    assert f"kata 5 of {len(KATAS)} · 1 solved" in moved


def test_ctrl_c_stops_the_watch_cleanly_and_leaves_no_process(scenarios):
    code, seen, leftovers = scenarios["watch_terminal"]()
    assert seen["ctrl-c"].rstrip().endswith("Stopped watching."), seen["ctrl-c"]
    assert "Traceback" not in "".join(v for v in seen.values() if isinstance(v, str))
    assert not seen["echo while watching"] and seen["echo after"], "the terminal is given back as it was"
    assert code == 0 and not leftovers, (code, leftovers)


def test_without_n_the_watch_starts_at_the_first_unsolved_kata_and_q_quits(scenarios):
    code, shown, leftovers = scenarios["watch_first"]()
    assert f"Kata 2 · {KATAS[1].title}" in shown and "Kata 1 ·" not in shown, shown
    assert f"kata 2 of {len(KATAS)} · 1 solved" in shown
    assert shown.rstrip().endswith("Stopped watching.") and code == 0 and not leftovers, (code, leftovers, shown)


def test_without_a_terminal_the_keys_are_off_and_a_save_still_runs(scenarios):
    code, output, leftovers = scenarios["watch_piped"]()
    assert reports(output) == 2, f"one run at the start and one after the save:\n{output}"
    first, second = output.split("keys are off")[:2]
    assert "✗ step() is not written yet" in first, "the first run shows the stub"
    assert "step() is not written yet" not in second, "the run after the save sees the edit"
    assert "keys: h hint" not in output
    assert output.rstrip().endswith("Stopped watching.") and code == 0, f"Ctrl-C ends it cleanly (exit {code}):\n{output}"
    assert not leftovers


def test_a_rename_over_the_file_is_a_change_even_with_the_same_time_and_size(tmp_path):
    from katas._runner.watch import signature

    path, new = tmp_path / "k.py", tmp_path / ".k.py.swp"
    path.write_text("x = 1\n")
    before = signature(path)
    new.write_text("x = 2\n")
    os.utime(new, ns=(before[0], before[0]))
    os.replace(new, path)
    assert signature(path) != before and signature(path)[:2] == before[:2]
    path.unlink()
    assert signature(path) is None


def test_without_fork_each_run_is_a_fresh_process_and_without_a_terminal_no_keys(monkeypatch):
    from katas._runner.watch import Keys, Runner, can_fork

    monkeypatch.setenv("KATA_SPAWN", "1")  # plays a system without fork (Windows)
    assert not can_fork() and Runner(False).zygote is None
    assert not Keys(io.StringIO("q")).on and not Keys(None).on


def test_a_bad_n_for_the_watch_is_one_line_and_exit_2(capsys):
    from katas._runner.cli import main

    assert main(["watch", "99"]) == 2
    assert capsys.readouterr().err.startswith("make watch: there is no kata 99")
