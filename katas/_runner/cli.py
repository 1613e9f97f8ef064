"""The runner behind the Makefile: `python -m katas VERB [N]`.

    make kata N=7      python -m katas kata 7     (make hands N over as the environment variable KATA_N)
    make solution N=7  python -m katas solution 7
    make list          python -m katas list
    make next          python -m katas next
    make hint N=7      python -m katas hint 7     (ALL=1 arrives as KATA_ALL)
    make watch N=7     python -m katas watch 7  (no N: the first kata not solved)
    make reset N=7     python -m katas reset 7
    make restore N=7   python -m katas restore 7
    make compare N=7   python -m katas compare 7
    make reset-all     python -m katas reset-all  (YES=1 arrives as KATA_YES)
    make stubs         python -m katas stubs      (maintainers)
    make from-notebook N=7   python -m katas from-notebook 7

This process never imports numpy, pytest or a kata: the checks run in a child process
(supervise.py, child.py) that reports each finished check, and this process alone prints the
verdict. Exit codes: 0 green, 1 red, 2 for input it cannot act on (always with a one-line message),
130 when interrupted with Ctrl-C.
"""

import argparse
import json
import os
import re
import sys
from pathlib import Path

from katas._runner import files
from katas._runner.registry import KATAS, find

ROOT = Path(__file__).resolve().parents[2]
PROGRESS = ROOT / ".progress"  # the learner's own state; ignored by git
GREEN, RED, USAGE, INTERRUPTED = 0, 1, 2, 130


class UsageError(Exception):
    """Input the runner cannot act on: reported as one line, exit code 2."""


# ---------------------------------------------------------------- reading what was typed


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


def flag(name, variable):
    """A yes/no setting as people write it: 1/yes/true or 0/no/false/empty; anything else is an error."""
    text = os.environ.get(variable, "").strip().lower()
    if text in ("1", "yes", "y", "true", "on"):
        return True
    if text in ("", "0", "no", "n", "false", "off"):
        return False
    raise UsageError(f"{name} must be 1 (yes) or 0 (no), got {os.environ[variable]!r}")


def syntax_problem(kata, source):
    """One line naming the file and line of a syntax error in the kata's module, else None."""
    path = ROOT / source
    if not path.exists() and source == kata.solution_file:
        return f"{source} is missing: the reference is not in this copy of the repository"
    if not path.exists():
        return f"{source} is missing: make reset N={kata.number} puts the stub back"
    try:
        compile(path.read_bytes(), str(path), "exec")
    except SyntaxError as err:
        return f"{source}, line {err.lineno}: {err.__class__.__name__}: {err.msg}"
    except ValueError as err:  # source code with a NUL byte
        return f"{source}: {err}"
    return None


# ---------------------------------------------------------------- running the checks


def _run(katas, **options):
    """supervise.run_katas, with an incomplete .venv said in one line."""
    from katas._runner.supervise import run_katas

    runs = run_katas(katas, **options)
    for run in runs:
        if run.environment:
            raise UsageError(f"the environment in .venv is incomplete ({run.environment}): "
                             "delete the .venv folder and run the command again to rebuild it")
    return runs


def _show_green(run):
    print()
    print(run.result.rstrip("\n") if run.result else "(the result was not shown)")
    following = find(run.kata.number + 1)
    if following:
        print(f"\nNext: make kata N={following.number}   ({following.title})")
    else:
        print("\nThat was the last kata. Well done.")


def cmd_kata(kata, solutions=False, full=False):
    from katas._runner.report import report

    source = kata.solution_file if solutions else kata.file
    if solutions:
        print(f"Spoiler: this runs the reference {kata.solution_file}, not your code.\n")
    problem = syntax_problem(kata, source)
    if problem:
        raise UsageError(problem)
    if full:
        print("FULL=1: the slow checks run too; they take a while (kata 9's: about half a minute).\n", flush=True)
    (run,) = _run([kata], solutions=solutions, full=full, result=True)
    green = report(run, solutions)
    if green:
        _show_green(run)
    return GREEN if green else RED


def statuses():
    """[(kata, run or None, status), …]: every kata's checks, each kata in a process of its own."""
    from katas._runner.report import status

    runnable = [k for k in KATAS if not syntax_problem(k, k.file)]
    runs = {run.kata.number: run for run in _run(runnable)} if runnable else {}
    rows = []
    for kata in KATAS:
        run = runs.get(kata.number)
        rows.append((kata, run, status(run) if run else f"does not import: make kata N={kata.number}"))
    return rows


def cmd_list():
    from tabulate import tabulate  # the one table the parent prints: tabulate is pure Python

    rows = statuses()
    print(tabulate([(k.number, k.title, k.file, text) for k, _, text in rows],
                   headers=["N", "kata", "your file", "status"]))
    solved = sum(text == "solved ✓" for _, _, text in rows)
    print(f"\n{solved} of {len(rows)} solved.")
    return GREEN


def _first_unsolved_known(runs):
    """True once every kata before some unsolved kata is solved: `make next` needs no more."""
    for run in runs:
        if not run.closed:
            return False
        if not run.green:
            return True
    return False


def cmd_next():
    """Run the katas in order, two at a time, and report the first that is not solved; stop there."""
    from katas._runner.report import report

    broken = next((k for k in KATAS if syntax_problem(k, k.file)), None)
    before = [k for k in KATAS if broken is None or k.number < broken.number]
    for run in _run(before, enough=_first_unsolved_known) if before else []:
        if not run.green:
            report(run)
            return RED
    if broken is not None:  # its one line says where the syntax error is
        return cmd_kata(broken)
    print("Every kata is solved ✓. Well done.")
    return GREEN


def cmd_compare(kata):
    """Once the kata is green, each function the learner wrote beside the reference's."""
    from katas._runner.report import plural
    from katas._runner.stubgen import fenced_functions, functions

    problem = syntax_problem(kata, kata.file)
    if problem:
        raise UsageError(problem)
    (run,) = _run([kata])
    if not run.green:
        print(f"make compare N={kata.number} waits until kata {kata.number} is green: "
              f"{len(run.passed)} of {plural(len(run.ran), 'check')} pass now (make kata N={kata.number} says why).")
        return RED
    reference = fenced_functions((ROOT / kata.solution_file).read_text(encoding="utf-8"))
    yours = functions((ROOT / kata.file).read_text(encoding="utf-8", errors="replace"))
    print(f"Kata {kata.number} · {kata.title}: your functions beside the reference's (both pass every check).")
    for name, theirs in reference.items():
        rule = f"── {name} "
        print(f"\n{rule}{'─' * max(0, 78 - len(rule))}")
        print("yours:", yours.get(name, "(not found in your file)"), "", "the reference:", theirs, sep="\n")
    return GREEN


# ---------------------------------------------------------------- hints


def _read_state(path):
    """A JSON state file, or {} (with one line on stderr) when it is missing or unreadable."""
    if not path.exists():
        return {}
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(state, dict):
            return state
    except (OSError, ValueError):
        pass
    print(f"({path.relative_to(ROOT)} could not be read; it is ignored and written afresh)", file=sys.stderr)
    return {}


def _write_state(path, state):
    """Write a state file atomically: a temporary file, then a rename. False when it cannot."""
    try:
        path.parent.mkdir(exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temporary.write_text(json.dumps(state, indent=1), encoding="utf-8")
        os.replace(temporary, path)
        return True
    except OSError:
        return False


def cmd_hint(kata, show_all):
    state_file = PROGRESS / "hints.json"
    seen = _read_state(state_file)
    hints = kata.hints
    if show_all:
        upto = len(hints)
    else:
        before = seen.get(str(kata.number), 0)
        upto = min((before if isinstance(before, int) else 0) + 1, len(hints))
        seen[str(kata.number)] = upto
        if not _write_state(state_file, seen):
            print(f"(the hints you have seen cannot be remembered: {PROGRESS.relative_to(ROOT)}/ is not writable)",
                  file=sys.stderr)
    for tier in range(upto):
        print(f"Hint {tier + 1} of {len(hints)} · kata {kata.number} · {kata.title}\n  {hints[tier]}\n")
    if upto < len(hints):
        print(f"Still stuck? make hint N={kata.number} shows the next one.")
    elif not show_all:
        print("That was the last hint. The reference is one command away (make solution N="
              f"{kata.number}), but try once more first.")
    return GREEN


# ---------------------------------------------------------------- files: reset, restore, stubs


def cmd_reset(kata):
    line, ok = files.reset(kata)
    print(line)
    return GREEN if ok else USAGE


def _ask(question):
    """True when the learner answers yes at the terminal; a UsageError when there is no terminal."""
    if sys.stdin is None or not sys.stdin.isatty():
        raise UsageError("this resets every kata; say YES=1 to confirm when there is no terminal to ask")
    try:
        answer = input(question)
    except (EOFError, KeyboardInterrupt):
        print()
        return False
    return answer.strip().lower() in ("y", "yes")


def cmd_reset_all(confirmed):
    if not confirmed and not _ask(f"Reset all {len(KATAS)} katas to their stubs? "
                                  "Your files are backed up first. [y/N] "):
        print("Nothing was changed.")
        return GREEN
    ok = True
    for kata in KATAS:
        line, done = files.reset(kata)
        print(line)
        ok = ok and done
    return GREEN if ok else USAGE


def cmd_restore(kata):
    line, ok = files.restore(kata)
    print(line)
    return GREEN if ok else USAGE


def cmd_stubs():
    """(maintainers) Regenerate every stub from its reference; the learner's work is backed up first."""
    ok = True
    for kata in KATAS:
        line, done = files.write_stub(kata)
        if line:
            print(line)
        ok = ok and done
    return GREEN if ok else USAGE


# ---------------------------------------------------------------- notebooks


def cmd_from_notebook(kata):
    """Write the functions of the kata's notebook (katas/notebooks/) into its file, backing it up."""
    from katas._runner.notebook import from_notebook

    line, ok = from_notebook(kata)
    print(line)
    return GREEN if ok else USAGE


# ---------------------------------------------------------------- watch


def cmd_watch(kata, full):
    """Run the kata (None: the first one not solved) each time its file is saved (watch.py)."""
    from katas._runner.watch import watch

    return watch(kata, full)


# ---------------------------------------------------------------- command line


def _parser():
    parser = argparse.ArgumentParser(prog="python -m katas", description=__doc__.splitlines()[0])
    verbs = parser.add_subparsers(dest="verb", required=True)
    for verb, text in [("kata", "run a kata against your code"),
                       ("solution", "run a kata against the reference (a spoiler)"),
                       ("hint", "show the next hint for a kata"),
                       ("watch", "run a kata each time its file is saved (no N: the first not solved)"),
                       ("reset", "restore a kata's stub, backing up your file"),
                       ("restore", "put back the newest backup of a kata, backing up your file"),
                       ("compare", "once a kata is green, your functions beside the reference's"),
                       ("from-notebook", "write a kata's notebook functions into its file, backing it up")]:
        sub = verbs.add_parser(verb, help=text)
        sub.add_argument("n", nargs="?", default=os.environ.get("KATA_N"), help="the kata number")
    verbs.add_parser("list", help="every kata with your progress")
    verbs.add_parser("next", help="run the first kata that is not solved yet")
    verbs.add_parser("reset-all", help="restore every kata's stub, backing up your files")
    verbs.add_parser("stubs", help="(maintainers) regenerate the stubs from the references")
    return parser


def main(argv=None):
    args = _parser().parse_args(argv)
    try:
        if args.verb == "list":
            return cmd_list()
        if args.verb == "next":
            return cmd_next()
        if args.verb == "reset-all":
            return cmd_reset_all(flag("YES", "KATA_YES"))
        if args.verb == "stubs":
            return cmd_stubs()
        if args.verb == "watch":
            return cmd_watch(kata_from(args.n, "watch") if (args.n or "").strip() else None, flag("FULL", "KATA_FULL"))
        kata = kata_from(args.n, args.verb)
        if args.verb == "hint":
            return cmd_hint(kata, flag("ALL", "KATA_ALL"))
        if args.verb == "reset":
            return cmd_reset(kata)
        if args.verb == "restore":
            return cmd_restore(kata)
        if args.verb == "compare":
            return cmd_compare(kata)
        if args.verb == "from-notebook":
            return cmd_from_notebook(kata)
        full = flag("FULL", "KATA_FULL")
        return cmd_kata(kata, solutions=args.verb == "solution", full=full)
    except UsageError as err:
        print(f"make {args.verb}: {err}", file=sys.stderr)
        if hasattr(args, "n") and not (args.n or "").strip():
            print("The katas:", *(f"  {k.number:2}  {k.title}" for k in KATAS), sep="\n", file=sys.stderr)
        return USAGE


def entry():
    """main(), with Ctrl-C and a closed pipe said in one line instead of a traceback."""
    from katas._runner.supervise import Interrupted

    for stream in (sys.stdout, sys.stderr):  # a terminal or pipe that cannot show ✓ gets a stand-in
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    try:
        return main()
    except Interrupted as stop:
        ran = sum(len(run.ran) for run in stop.runs)
        counts = [run.count for run in stop.runs]
        total = sum(counts) if None not in counts else None
        print(f"\ninterrupted: {ran} of {total} checks ran" if total is not None
              else f"\ninterrupted: {ran} checks ran before the rest were counted")
        return INTERRUPTED
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        return INTERRUPTED
    except BrokenPipeError:  # the report was piped into `head` or a pager that closed early
        sys.stderr.close()
        return RED
