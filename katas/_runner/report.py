"""What the learner reads after a run: one kata's focused report, or its one-word status in the list.

Green is said only of a run in which every collected check ran and passed (supervise.Run.green);
any other ending is named for what it was, with the checks that did finish.
"""

import re
from pathlib import Path

from katas._runner.child import title
from katas._runner.supervise import BUDGET, ROOT

LOOP_HINT = ["      the code was at that line when it was stopped: a loop that never ends (does its",
             "      condition ever change?) or a computation far too large for this check"]
NOT_RUN = "      the remaining checks were not run: fix the loop first"
MISTAKE_MARK = " — "  # katas/_runner/feedback.py: a failure message names a recognised mistake after it
LISTED_FAILURES = 8  # failures that name no mistake: one line each, this many at most
STUB = re.compile(r"kata \d+ · (?P<function>[\w.]+)\(\) is not written yet")


def plural(count, word):
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _waiting(count):
    return "1 check waits for it" if count == 1 else f"{count} checks wait for it"


def unwritten(path):
    """The functions still raising the stub's NotImplementedError, in the file's order."""
    try:
        return [m["function"] for m in STUB.finditer(Path(path).read_text(encoding="utf-8", errors="replace"))]
    except OSError:
        return []


def ending(run):
    """Lines that say how a run ended when it did not run to its end, else []."""
    current = "importing your module" if run.current == "import" else (
        "showing the result" if run.current == "result" else f"the check “{title(run.current)}”")
    where = [f"      at {run.where}"] if run.where else []
    if run.broken:
        return [f"  ✗ the tests could not import your module: {run.broken}"]
    if run.raised:
        at = [f"      at {run.raised['where']}"] if run.raised.get("where") else []
        return [f"  ✗ your code raised {run.raised['what']} during {current}: the run stopped there", *at]
    if run.stopped == "time":
        return [f"  ✗ {current} never finished: stopped after {run.limit:g} s (a loop inside numpy or a",
                "      builtin cannot be interrupted, so the process was ended)", *where, *LOOP_HINT, NOT_RUN]
    if run.stopped == "budget":
        return [f"  ✗ the checks took longer than {BUDGET:g} s in all: stopped during {current}", *where]
    if run.stopped == "startup":
        return ["  ✗ the checks did not start: the test process never answered"]
    if not run.done:
        crash = [line for line in run.output_tail.splitlines() if line.startswith("Fatal Python error")]
        return [f"  ✗ the run ended during {current}: the process ended before the checks finished",
                "      (os._exit() or a crash in your code? a finished kata never ends the process)",
                *(f"      {line}" for line in crash[:1])]
    timed_out = [c for c in run.checks.values() if "timeout" in c]
    if timed_out:
        check = timed_out[0]
        return [f"  ✗ {check['title']}",
                f"      stopped after {check['timeout']:g} s: the code never finished (an endless loop?)",
                *([f"      at {check['where']}"] if check.get("where") else []), *LOOP_HINT,
                *_printed(check), NOT_RUN]
    return []


def _printed(check):
    """What the learner's code printed during a check, indented under it."""
    if not check.get("output", "").strip():
        return []
    return ["      your code printed:", *(f"        {line}" for line in check["output"].strip().splitlines())]


def _failure_lines(check, full):
    lines = [f"  ✗ {check['title']}"]
    if not full:  # one line: the title and the start of what went wrong
        first = next((line.strip() for line in check.get("message", "").splitlines() if line.strip()), "")
        line = f"  ✗ {check['title']}: {first}" if first else lines[0]
        return [line if len(line) <= 110 else line[:109] + "…"]
    lines += [f"      {line}" for line in check.get("message", "").splitlines()]
    if check.get("where"):
        lines.append(f"      at {check['where']}")
    return lines + _printed(check)


def report(run, solutions=False, source=None, advice=True):
    """Print the focused report of one kata run; return True when it is green. source: the file the
    checks ran against when it is not the kata's own (a notebook's functions); advice=False leaves
    out the commands to type (make's verbs, pytest on the kata file), which a notebook has no use for."""
    kata = run.kata
    source = source or (kata.solution_file if solutions else kata.file)
    print(f"Kata {kata.number} · {kata.title}   ({source})\n")
    ended = ending(run)
    failed = [c for c in run.ran if c["outcome"] == "failed" and "timeout" not in c]
    todos = {}
    for check in failed:
        if check.get("todo"):
            function = STUB.search(check["todo"])
            name = function["function"] if function else check["todo"]
            todos[name] = todos.get(name, 0) + 1
    wrong = [c for c in failed if not c.get("todo")]
    named = [c for c in wrong if MISTAKE_MARK in c.get("message", "")]
    others = [c for c in wrong if MISTAKE_MARK not in c.get("message", "")]
    if run.passed and (failed or ended):
        print(f"  ✓ {'1 check passes' if len(run.passed) == 1 else f'{len(run.passed)} checks pass'}")
    for function in unwritten(ROOT / source) if todos else []:
        waiting = todos.get(function, 0)
        print(f"  ✗ {function}() is not written yet" + (
            f"  ({_waiting(waiting)})" if waiting else ""))
    for name in todos.keys() - set(unwritten(ROOT / source)):
        print(f"  ✗ {name}() is not written yet  ({_waiting(todos[name])})")
    # Every mistake a failure names is shown in full, first: it teaches most. Checks that name the
    # same mistake again are counted, not repeated. Then the first other failure in full, and the
    # rest one line each.
    slips = {}
    for check in named:
        slips.setdefault(check["message"].split(MISTAKE_MARK, 1)[1], []).append(check)
    for same in slips.values():
        print("\n".join(_failure_lines(same[0], full=True)))
        if len(same) > 1:
            print(f"      ({plural(len(same) - 1, 'more check')} {'shows' if len(same) == 2 else 'show'} the same mistake)")
    for index, check in enumerate(others[:1 + LISTED_FAILURES]):
        print("\n".join(_failure_lines(check, full=index == 0)))
    hidden = len(others) - 1 - LISTED_FAILURES
    if hidden > 0:
        print(f"  … and {hidden} more" + (f" (.venv/bin/python -m pytest {kata.test_file} shows them all)" if advice else ""))
    for line in ended:
        print(line)
    count = run.count if run.count is not None else len(run.checks)
    skipped = run.skipping
    note = f" ({plural(skipped, 'slow check')} skipped: add FULL=1 to run them)" if skipped else ""
    if run.green:
        print(f"All {plural(len(run.ran), 'check')} pass ✓{note}")
        return True
    if run.broken or run.count is None:
        print(f"\n{source} must import cleanly before its checks can run.")
    elif ended:
        print(f"\n{run.started} of {plural(count - skipped, 'check')} ran, {len(run.passed)} passed.")
    else:
        print(f"\n{len(run.passed)} of {plural(len(run.ran), 'check')} pass{note}.")
    if solutions or not advice:
        return False
    if todos:
        print(f"Read the lesson at the top of {kata.file}, then fill in the functions it names.")
    print(f"Run make kata N={kata.number} again after each edit. Stuck? make hint N={kata.number}")
    return False


def status(run):
    """The kata's one-line status in `make list`."""
    kata = run.kata
    if run.environment:
        return "could not run: see make kata N=" + str(kata.number)
    if run.broken:
        return f"does not import: make kata N={kata.number}"
    if run.green:
        return "solved ✓"
    ran, passed = run.ran, run.passed
    if not ending(run) and run.finished and not passed and all(c.get("todo") for c in ran):
        return "not started"
    if ending(run):
        total = run.count - run.skipping if run.count is not None else len(run.checks)
        return f"{len(passed)} of {total} checks, then stopped: make kata N={kata.number}"
    return f"{len(passed)} of {len(ran)} checks"
