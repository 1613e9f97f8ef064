"""What the learner reads after a run: one kata's focused report, or its one-word status in the list.

Green is said only of a run in which every collected check ran and passed (supervise.Run.green);
any other ending is named for what it was, with the checks that did finish.
"""

import re
from pathlib import Path

from katas._runner.child import title
from katas._runner.i18n import _, ngettext, prefer
from katas._runner.supervise import BUDGET, ROOT

def _loop_hint():
    return ["      " + line for line in _("the code was at that line when it was stopped: a loop that never ends (does its\n"
                                       "condition ever change?) or a computation far too large for this check").splitlines()]


def _not_run():
    return "      " + _("the remaining checks were not run: fix the loop first")

MISTAKE_MARK = " — "  # katas/_runner/feedback.py: a failure message names a recognised mistake after it
LISTED_FAILURES = 8  # failures that name no mistake: one line each, this many at most
# numpy.testing's first line says only which comparison failed; the check's own words come next
NUMPY_HEADER = re.compile(r"Not equal to tolerance rtol=\S+, atol=\S+|Arrays are not (almost )?equal( to \d+ decimals)?")
STUB = re.compile(r"kata \d+ · (?P<function>[\w.]+)\(\)")  # the stub's line, in either language


def plural(count, word):
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def checks(count):
    return ngettext("{n} check", "{n} checks", count).format(n=count)


def _waiting(count):
    return ngettext("{n} check waits for it", "{n} checks wait for it", count).format(n=count)


def unwritten(path):
    """The functions still raising the stub's NotImplementedError, in the file's order."""
    try:
        return [m["function"] for m in STUB.finditer(Path(path).read_text(encoding="utf-8", errors="replace"))]
    except OSError:
        return []


def ending(run):
    """Lines that say how a run ended when it did not run to its end, else []."""
    current = _("importing your module") if run.current == "import" else (
        _("showing the result") if run.current == "result" else _("the check “{title}”").format(title=title(run.current)))
    where = [f"      {_('at')} {run.where}"] if run.where else []
    if run.broken:
        return ["  ✗ " + _("the tests could not import your module: {why}").format(why=run.broken)]
    if run.raised:
        at = [f"      {_('at')} {run.raised['where']}"] if run.raised.get("where") else []
        return ["  ✗ " + _("your code raised {what} during {current}: the run stopped there").format(
            what=run.raised["what"], current=current), *at]
    if run.current == "result" and (run.stopped == "time" or not run.done):  # every check ran and passed
        what = _("showing the result never finished: stopped after {limit:g} s").format(limit=run.limit) \
            if run.stopped == "time" else _("the process ended while showing the result (os._exit() or a crash?)")
        return ["  ✗ " + what,
                "      " + _("every check passed; the demo under “if __name__ == \"__main__\":” did not finish"), *where]
    if run.stopped == "time":
        why = _("(code that runs when the module is imported has no check's limit to stop it, so the\n"
                "process was ended)") if run.current == "import" else _(
                "(the check's limit could not interrupt it: a loop inside numpy or a builtin, or code that\n"
                "turned the limit's signal off, so the process was ended)")
        return ["  ✗ " + _("{current} never finished: stopped after {limit:g} s").format(current=current, limit=run.limit),
                *("      " + line for line in why.splitlines()), *where, *_loop_hint(), _not_run()]
    if run.stopped == "budget":
        return ["  ✗ " + _("the checks took longer than {budget:g} s in all: stopped during {current}").format(
            budget=BUDGET, current=current), *where]
    if run.stopped == "startup":
        return ["  ✗ " + _("the checks did not start: the test process never answered")]
    if not run.done:
        crash = [line for line in run.output_tail.splitlines() if line.startswith("Fatal Python error")]
        return ["  ✗ " + _("the run ended during {current}: the process ended before the checks finished").format(
                    current=current),
                "      " + _("(os._exit() or a crash in your code? a finished kata never ends the process)"),
                *(f"      {line}" for line in crash[:1])]
    timed_out = [c for c in run.checks.values() if "timeout" in c]
    if timed_out:
        check = timed_out[0]
        return [f"  ✗ {check['title']}",
                "      " + _("stopped after {limit:g} s: the code never finished (an endless loop?)").format(
                    limit=check["timeout"]),
                *([f"      {_('at')} {check['where']}"] if check.get("where") else []), *_loop_hint(),
                *_printed(check), _not_run()]
    return []


def _printed(check):
    """What the learner's code printed during a check, indented under it."""
    if not check.get("output", "").strip():
        return []
    return ["      " + _("your code printed:"), *(f"        {line}" for line in check["output"].strip().splitlines())]


def _failure_lines(check, full):
    lines = [f"  ✗ {check['title']}"]
    if not full:  # one line: the title and the start of what went wrong
        first = next((line.strip() for line in check.get("message", "").splitlines()
                      if line.strip() and not NUMPY_HEADER.fullmatch(line.strip())), "")
        line = f"  ✗ {check['title']}: {first}" if first else lines[0]
        return [line if len(line) <= 110 else line[:109] + "…"]
    lines += [f"      {line}" for line in check.get("message", "").splitlines()]
    if check.get("where"):
        lines.append(f"      {_('at')} {check['where']}")
    return lines + _printed(check)


def report(run, solutions=False, source=None, advice=True):
    """Print the focused report of one kata run; return True when it is green. source: the file the
    checks ran against when it is not the kata's own (a notebook's functions); advice=False leaves
    out the commands to type (make's verbs, pytest on the kata file), which a notebook has no use for."""
    kata = run.kata
    prefer(kata.module)
    source = source or (kata.solution_file if solutions else kata.file)
    print(_("Kata {number} · {title}").format(number=kata.number, title=_(kata.title)) + f"   ({source})\n")
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
        print("  ✓ " + ngettext("{n} check passes", "{n} checks pass", len(run.passed)).format(n=len(run.passed)))
    for function in unwritten(ROOT / source) if todos else []:
        waiting = todos.get(function, 0)
        print("  ✗ " + _("{function}() is not written yet").format(function=function) + (
            f"  ({_waiting(waiting)})" if waiting else ""))
    for name in todos.keys() - set(unwritten(ROOT / source)):
        print("  ✗ " + _("{function}() is not written yet").format(function=name) + f"  ({_waiting(todos[name])})")
    # Every mistake a failure names is shown in full, first: it teaches most. Checks that name the
    # same mistake again are counted, not repeated. Then the first other failure in full, and the
    # rest one line each.
    slips = {}
    for check in named:
        slips.setdefault(check["message"].split(MISTAKE_MARK, 1)[1], []).append(check)
    for same in slips.values():
        print("\n".join(_failure_lines(same[0], full=True)))
        if len(same) > 1:
            print("      " + ngettext("({n} more check shows the same mistake)", "({n} more checks show the same mistake)",
                                      len(same) - 1).format(n=len(same) - 1))
    for index, check in enumerate(others[:1 + LISTED_FAILURES]):
        print("\n".join(_failure_lines(check, full=index == 0)))
    hidden = len(others) - 1 - LISTED_FAILURES
    if hidden > 0:
        print("  " + (_("… and {n} more (.venv/bin/python -m pytest {file} shows them all)") if advice
                      else _("… and {n} more")).format(n=hidden, file=kata.test_file))
    for line in ended:
        print(line)
    count = run.count if run.count is not None else len(run.checks)
    skipped = run.skipping
    note = ngettext(" ({n} slow check skipped: add FULL=1 to run them)", " ({n} slow checks skipped: add FULL=1 to "
                    "run them)", skipped).format(n=skipped) if skipped else ""
    if run.green:
        print(ngettext("All {n} check pass ✓", "All {n} checks pass ✓", len(run.ran)).format(n=len(run.ran)) + note)
        return True
    if run.broken or run.count is None:
        print("\n" + _("{file} must import cleanly before its checks can run.").format(file=source))
    elif ended:
        print("\n" + ngettext("{started} of {n} check ran, {passed} passed.", "{started} of {n} checks ran, {passed} "
                              "passed.", count - skipped).format(started=run.started, n=count - skipped,
                                                                 passed=len(run.passed)))
    else:
        print("\n" + ngettext("{passed} of {n} check pass", "{passed} of {n} checks pass", len(run.ran)).format(
            passed=len(run.passed), n=len(run.ran)) + note + ".")
    if solutions or not advice:
        return False
    if todos:
        print(_("Read the lesson at the top of {file}, then fill in the functions it names.").format(file=kata.file))
    print(_("Run make kata N={number} again after each edit. Stuck? make hint N={number}").format(number=kata.number))
    return False


def status(run):
    """The kata's one-line status in `make list`."""
    kata = run.kata
    if run.environment:
        return _("could not run: see make kata N={number}").format(number=kata.number)
    if run.broken:
        return _("does not import: make kata N={number}").format(number=kata.number)
    if run.green:
        return _("solved ✓")
    ran, passed = run.ran, run.passed
    if not ending(run) and run.finished and not passed and all(c.get("todo") for c in ran):
        return _("not started")
    if ending(run):
        total = run.count - run.skipping if run.count is not None else len(run.checks)
        return _("{passed} of {total} checks, then stopped: make kata N={number}").format(
            passed=len(passed), total=total, number=kata.number)
    return _("{passed} of {total} checks").format(passed=len(passed), total=len(ran))
