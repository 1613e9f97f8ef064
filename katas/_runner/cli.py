"""The runner behind the Makefile: `python -m katas VERB [N]`.

    make kata N=7      python -m katas kata        (N arrives as the environment variable KATA_N)
    make solution N=7  python -m katas solution
    make list          python -m katas list
    make next          python -m katas next
    make hint N=7      python -m katas hint        (ALL=1 arrives as KATA_ALL)
    make watch N=7     python -m katas watch
    make reset N=7     python -m katas reset
    make reset-all     python -m katas reset-all   (YES=1 arrives as KATA_YES)

It runs a kata's tests in-process with pytest and reports them in the learner's terms: what
passes, what is not written yet, what came back wrong and where. Exit codes: 0 green, 1 red,
2 for input it cannot act on (always with a one-line message).
"""

import argparse
import codecs
import contextlib
import io
import json
import os
import re
import runpy
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from katas._runner.registry import KATAS, find

ROOT = Path(__file__).resolve().parents[2]
PROGRESS = ROOT / ".progress"  # the learner's own state; ignored by git
GREEN, RED, USAGE = 0, 1, 2
SHOWN_FAILURES = 3  # a focused report: the first few failures in full, then their titles
MISTAKE_MARK = " — "  # katas/_runner/feedback.py: a failure message names a recognised mistake after it
LISTED_FAILURES = 8


class UsageError(Exception):
    """Input the runner cannot act on: reported as one line, exit code 2."""


# ---------------------------------------------------------------- reading N


def kata_from(text, verb):
    """The kata that N names ("7", "07", " 7 "), or a UsageError saying what is wrong."""
    text = (text or "").strip()
    last = KATAS[-1].number
    if not text:
        raise UsageError(f"which kata? Give its number, for example: make {verb} N=1")
    if not re.fullmatch(r"[0-9]{1,3}", text):
        raise UsageError(f"N must be a kata number from 1 to {last}, got {text!r}")
    kata = find(int(text))
    if kata is None:
        raise UsageError(f"there is no kata {int(text)}: the katas are numbered 1 to {last}")
    return kata


def syntax_problem(kata, source_root):
    """One line naming the file and line of a syntax error in the kata's module, else None."""
    path = source_root / f"{kata.module}.py"
    shown = path.relative_to(ROOT)
    if not path.exists():
        return f"{shown} is missing: restore it with  git checkout -- {shown}"
    try:
        compile(path.read_bytes(), str(path), "exec")
    except SyntaxError as err:
        return f"{shown}, line {err.lineno}: {err.__class__.__name__}: {err.msg}"
    return None


# ---------------------------------------------------------------- running the tests


@dataclass
class Check:
    """One test, as the learner sees it."""

    module: str  # the kata module, e.g. k01_numeric_derivative
    title: str
    outcome: str  # "passed", "failed" or "skipped"
    todo: str = ""  # the stub's NotImplementedError message, when that is why it failed
    message: str = ""  # otherwise, what went wrong, in the test's words
    where: str = ""  # the learner's line the failure passed through
    output: str = ""  # what the learner's code printed


def _title(nodeid):
    """`course functions [f(x) = 3-5]` from `katas/test_k01_x.py::test_course_functions[f(x) = 3-5]`."""
    name, _, param = nodeid.split("::")[-1].partition("[")
    title = name.removeprefix("test_").replace("_", " ")
    if "\\" in param:  # pytest escapes non-ASCII ids (x\xb2y); the learner should read x²y
        param = codecs.decode(param, "unicode_escape")
    return f"{title} [{param}" if param else title


def _is_kata_module(filename):
    """True for katas/kNN_*.py and solutions/kNN_*.py: the code a learner (or the reference) wrote."""
    path = Path(filename)
    return path.parent.name in ("katas", "solutions") and re.match(r"k\d\d_", path.name) is not None


def _learner_frame(excinfo):
    """`katas/k07_x.py:12 in f()` for the deepest traceback entry in a kata or reference module."""
    for entry in reversed(excinfo.traceback):
        if _is_kata_module(entry.path):
            return f"{Path(entry.path).relative_to(ROOT)}:{entry.lineno + 1} in {entry.name}()"
    return ""


def _explain(check, excinfo):
    if excinfo.errisinstance(NotImplementedError):
        check.todo = str(excinfo.value)
        return
    check.where = _learner_frame(excinfo)
    text = str(excinfo.value)
    if "from pytest-timeout" in text:
        seconds = text.split(">")[-1].split("s)")[0]
        check.message = f"stopped after {seconds} s: the code never finished (an endless loop?)"
    elif excinfo.errisinstance(AssertionError):
        check.message = text.split("\nassert ")[0].strip() or "an assertion failed"
    elif excinfo.typename == "Failed":  # pytest.fail(...) in a test: its message is the explanation
        check.message = text
    else:
        check.message = f"{excinfo.typename}: {text}"


class _Collector:
    """A pytest plugin that records each test as a Check, and each module that fails to import."""

    def __init__(self):
        self.checks = {}  # nodeid -> Check, in the order the tests ran
        self.broken = {}  # kata module -> why its test module could not be collected

    def pytest_runtest_logreport(self, report):
        if report.when == "call" or (report.when == "setup" and not report.passed):
            module = Path(report.nodeid.split("::")[0]).stem.removeprefix("test_")
            self.checks[report.nodeid] = Check(module, _title(report.nodeid), report.outcome,
                                               output=report.capstdout)

    def pytest_exception_interact(self, node, call, report):
        """Called after logreport for a failed test, and for a test module that fails to import."""
        if report.nodeid in self.checks:
            _explain(self.checks[report.nodeid], call.excinfo)
        elif report.when == "collect":
            module = Path(report.nodeid.split("::")[0]).stem.removeprefix("test_")
            self.broken[module] = _import_failure(call.excinfo.value)


def _import_failure(error):
    """`NameError: name 'x' is not defined (at katas/k02_x.py:12)` for a kata module that fails to import."""
    error = error.__cause__ or error  # pytest wraps an ImportError in a CollectError
    text = f"{type(error).__name__}: {error}".splitlines()[0]
    frames = [frame for frame in traceback.extract_tb(error.__traceback__) if _is_kata_module(frame.filename)]
    if frames:
        text += f" (at {Path(frames[-1].filename).relative_to(ROOT)}:{frames[-1].lineno})"
    return text


def run_tests(katas, solutions=False, full=False):
    """Run the katas' test modules in this process; return the _Collector with the results."""
    import pytest  # here, not at the top: a bad N is answered without loading pytest

    collector = _Collector()
    args = [str(ROOT / kata.test_file) for kata in katas]
    # --tb=no: the report reads each exception itself; pytest's tracebacks would only cost time
    args += ["-p", "no:cacheprovider", "--tb=no", "--continue-on-collection-errors", f"--rootdir={ROOT}"]
    if solutions:
        args.append("--solutions")
    if full:
        args.append("--full")
    pytest_output = io.StringIO()
    with contextlib.redirect_stdout(pytest_output):
        code = pytest.main(args, plugins=[collector])
    if code in (pytest.ExitCode.INTERNAL_ERROR, pytest.ExitCode.USAGE_ERROR):
        print(pytest_output.getvalue())
    return collector


# ---------------------------------------------------------------- reporting


def _report(kata, checks, broken):
    """Print the focused report of one kata; return True when it is green."""
    print(f"Kata {kata.number} · {kata.title}   ({kata.file})\n")
    if broken:
        print(f"  ✗ the tests could not import your module: {broken}")
        print(f"\n{kata.file} must import cleanly. Fix it and run make kata N={kata.number} again.")
        return False
    ran = [c for c in checks if c.outcome != "skipped"]
    passed = [c for c in ran if c.outcome == "passed"]
    failed = [c for c in ran if c.outcome == "failed"]
    todos = {}
    for check in failed:
        if check.todo:
            todos[check.todo] = todos.get(check.todo, 0) + 1
    # Failures that name a known mistake (after " — " in their message) come first: they teach most.
    wrong = sorted((c for c in failed if not c.todo), key=lambda c: MISTAKE_MARK not in c.message)
    if passed and failed:
        print(f"  ✓ {len(passed)} checks pass")
    for todo, count in todos.items():
        function = todo.split(" — ")[0].split(" · ", 1)[-1]  # "derivative() is not written yet"
        print(f"  ✗ {function}  ({count} checks wait for it)")
    for check in wrong[:SHOWN_FAILURES]:
        print(f"  ✗ {check.title}")
        for line in check.message.splitlines():
            print(f"      {line}")
        if check.where:
            print(f"      at {check.where}")
        if check.output.strip():
            printed = check.output.strip().splitlines()
            print("      your code printed:", *(f"        {line}" for line in printed[:5]), sep="\n")
    for check in wrong[SHOWN_FAILURES:SHOWN_FAILURES + LISTED_FAILURES]:
        print(f"  ✗ {check.title}")
    hidden = len(wrong) - SHOWN_FAILURES - LISTED_FAILURES
    if hidden > 0:
        print(f"  … and {hidden} more (.venv/bin/python -m pytest {kata.test_file} shows them all)")
    skipped = len(checks) - len(ran)
    note = f" ({skipped} slow checks skipped: add FULL=1 to run them)" if skipped else ""
    if not failed and ran:
        print(f"All {len(ran)} checks pass ✓{note}")
        return True
    print(f"\n{len(passed)} of {len(ran)} checks pass{note}.")
    if todos:
        print(f"Read the lesson at the top of {kata.file}, then fill in the functions it names.")
    print(f"Run make kata N={kata.number} again after each edit. Stuck? make hint N={kata.number}")
    return False


def _show_result(kata, solutions):
    """Run the module's demo (its `if __name__ == "__main__":` block): what a green kata shows."""
    path = ROOT / (kata.solution_file if solutions else kata.file)
    print()
    try:
        runpy.run_path(str(path), run_name="__main__")
    except Exception as err:  # the learner's code passed the tests but the demo tripped on it
        print(f"(the result table could not be shown: {err.__class__.__name__}: {err})")


def _next_step(kata):
    following = find(kata.number + 1)
    if following:
        print(f"\nNext: make kata N={following.number}   ({following.title})")
    else:
        print("\nThat was the last kata. Well done.")


def cmd_kata(kata, solutions=False, full=False):
    if solutions:
        print(f"Spoiler: this runs the reference {kata.solution_file}, not your code.\n")
    problem = syntax_problem(kata, ROOT / ("solutions" if solutions else "katas"))
    if problem:
        raise UsageError(problem)
    results = run_tests([kata], solutions, full)
    green = _report(kata, list(results.checks.values()), results.broken.get(kata.module))
    if green:
        _show_result(kata, solutions)
        _next_step(kata)
    return GREEN if green else RED


def statuses():
    """[(kata, status), …] from running every kata's tests once: "solved ✓", "not started",
    "k of n checks" or "does not import: …"."""
    runnable = [k for k in KATAS if not syntax_problem(k, ROOT / "katas")]
    results = run_tests(runnable)
    rows = []
    for kata in KATAS:
        ran = [c for c in results.checks.values() if c.module == kata.module and c.outcome != "skipped"]
        passed = sum(c.outcome == "passed" for c in ran)
        if kata not in runnable or kata.module in results.broken:
            status = f"does not import: make kata N={kata.number}"
        elif ran and passed == len(ran):
            status = "solved ✓"
        elif passed == 0 and all(c.todo for c in ran):
            status = "not started"
        else:
            status = f"{passed} of {len(ran)} checks"
        rows.append((kata, status))
    return rows


def cmd_list():
    from tabulate import tabulate

    rows = statuses()
    print(tabulate([(k.number, k.title, k.file, status) for k, status in rows],
                   headers=["N", "kata", "your file", "status"]))
    solved = sum(status == "solved ✓" for _, status in rows)
    print(f"\n{solved} of {len(rows)} solved.")
    return GREEN


def cmd_next():
    for kata, status in statuses():
        if status != "solved ✓":
            return cmd_kata(kata)
    print("Every kata is solved ✓. Well done.")
    return GREEN


def cmd_hint(kata, show_all):
    state_file = PROGRESS / "hints.json"
    seen = json.loads(state_file.read_text()) if state_file.exists() else {}
    hints = kata.hints
    if show_all:
        upto = len(hints)
    else:
        upto = min(seen.get(str(kata.number), 0) + 1, len(hints))
        seen[str(kata.number)] = upto
        PROGRESS.mkdir(exist_ok=True)
        state_file.write_text(json.dumps(seen, indent=1))
    for tier in range(upto):
        print(f"Hint {tier + 1} of {len(hints)} · kata {kata.number} · {kata.title}\n  {hints[tier]}\n")
    if upto < len(hints):
        print(f"Still stuck? make hint N={kata.number} shows the next one.")
    elif not show_all:
        print("That was the last hint. The reference is one command away (make solution N="
              f"{kata.number}), but try once more first.")
    return GREEN


# ---------------------------------------------------------------- command line


def _stub_text(kata):
    """The kata's stub as shipped: generated from the reference, so it needs neither git nor a network."""
    from katas._runner.stubgen import make_stub

    return make_stub((ROOT / kata.solution_file).read_text(encoding="utf-8"), kata.module)


def reset_one(kata, stamp):
    """Back the learner's file up beside it, then restore the stub. Returns what was done, in one line."""
    path, stub = ROOT / kata.file, _stub_text(kata)
    if path.exists() and path.read_text(encoding="utf-8") == stub:
        return f"kata {kata.number}: {kata.file} is already the stub; nothing to do"
    note = ""
    if path.exists():
        backup = path.with_name(f"{path.name}.{stamp}.bak")
        backup.write_bytes(path.read_bytes())
        note = f"; your version is saved as {backup.relative_to(ROOT)}"
    path.write_text(stub, encoding="utf-8")
    return f"kata {kata.number}: {kata.file} is the stub again{note}"


def _stamp():
    from datetime import datetime

    return datetime.now().strftime("%Y%m%d-%H%M%S")


def cmd_reset(kata):
    print(reset_one(kata, _stamp()))
    return GREEN


def cmd_reset_all(confirmed):
    if not confirmed:
        if not sys.stdin.isatty():
            raise UsageError("this resets every kata; say YES=1 to confirm when there is no terminal to ask")
        answer = input(f"Reset all {len(KATAS)} katas to their stubs? Your files are backed up first. [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("Nothing was changed.")
            return GREEN
    stamp = _stamp()
    for kata in KATAS:
        print(reset_one(kata, stamp))
    return GREEN


def cmd_watch(kata, full, interval=0.5):
    """Re-run the kata whenever its file is saved. Polls the file's modification time: no dependency,
    and the same on every system (a save shows up within `interval` seconds)."""
    import subprocess

    path = ROOT / kata.file
    command = [sys.executable, "-m", "katas", "kata", str(kata.number)]
    env = {**os.environ, "KATA_FULL": "1" if full else ""}
    seen = None
    try:
        while True:
            stamp = path.stat().st_mtime_ns if path.exists() else None
            if stamp != seen:
                seen = stamp
                print("\033[2J\033[H", end="")  # clear the screen
                subprocess.run(command, cwd=ROOT, env=env)
                print(f"\nWatching {kata.file}: save it to run the checks again; Ctrl-C stops.")
            time.sleep(interval)
    except KeyboardInterrupt:
        print("\nStopped watching.")
        return GREEN


def _parser():
    parser = argparse.ArgumentParser(prog="python -m katas", description=__doc__.splitlines()[0])
    verbs = parser.add_subparsers(dest="verb", required=True)
    for verb, text in [("kata", "run a kata against your code"),
                       ("solution", "run a kata against the reference (a spoiler)"),
                       ("hint", "show the next hint for a kata"),
                       ("watch", "re-run a kata each time its file is saved"),
                       ("reset", "restore a kata's stub, backing up your file")]:
        sub = verbs.add_parser(verb, help=text)
        sub.add_argument("n", nargs="?", default=os.environ.get("KATA_N"), help="the kata number")
    verbs.add_parser("list", help="every kata with your progress")
    verbs.add_parser("next", help="run the first kata that is not solved yet")
    verbs.add_parser("reset-all", help="restore every kata's stub, backing up your files")
    return parser


def main(argv=None):
    args = _parser().parse_args(argv)
    full = bool(os.environ.get("KATA_FULL"))
    try:
        if args.verb == "list":
            return cmd_list()
        if args.verb == "next":
            return cmd_next()
        if args.verb == "reset-all":
            return cmd_reset_all(bool(os.environ.get("KATA_YES")))
        kata = kata_from(args.n, args.verb)
        if args.verb == "hint":
            return cmd_hint(kata, bool(os.environ.get("KATA_ALL")))
        if args.verb == "reset":
            return cmd_reset(kata)
        if args.verb == "watch":
            return cmd_watch(kata, full)
        return cmd_kata(kata, solutions=args.verb == "solution", full=full)
    except UsageError as err:
        print(f"make {args.verb}: {err}", file=sys.stderr)
        if hasattr(args, "n") and not (args.n or "").strip():
            print("The katas:", *(f"  {k.number:2}  {k.title}" for k in KATAS), sep="\n", file=sys.stderr)
        return USAGE


def entry():
    try:
        return main()
    except BrokenPipeError:  # the report was piped into `head` or a pager that closed early
        sys.stderr.close()
        return RED
