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
    make lang L=ko     python -m katas lang ko    (L=en, L=auto; no L: which language is in force)
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

from katas._runner import files, i18n
from katas._runner.i18n import _, ngettext
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
        raise UsageError(_("which kata? Give its number, for example: make {verb} N=1").format(verb=verb))
    if not re.fullmatch(r"[0-9]{1,3}", text):
        raise UsageError(_("N must be a kata number from 1 to {last}, got {text!r}").format(last=last, text=text))
    kata = find(int(text))
    if kata is None:
        raise UsageError(_("there is no kata {n}: the katas are numbered 1 to {last}").format(n=int(text), last=last))
    return kata


def flag(name, variable):
    """A yes/no setting as people write it: 1/yes/true or 0/no/false/empty; anything else is an error."""
    text = os.environ.get(variable, "").strip().lower()
    if text in ("1", "yes", "y", "true", "on"):
        return True
    if text in ("", "0", "no", "n", "false", "off"):
        return False
    raise UsageError(_("{name} must be 1 (yes) or 0 (no), got {value!r}").format(name=name, value=os.environ[variable]))


def syntax_problem(kata, source):
    """One line naming the file and line of a syntax error in the kata's module, else None."""
    path = ROOT / source
    if not path.exists() and source == kata.solution_file:
        return _("{file} is missing: the reference is not in this copy of the repository").format(file=source)
    if not path.exists():
        return _("{file} is missing: make reset N={number} puts the stub back").format(file=source, number=kata.number)
    try:
        compile(path.read_bytes(), str(path), "exec")
    except SyntaxError as err:
        return _("{file}, line {line}: {error}: {message}").format(
            file=source, line=err.lineno, error=err.__class__.__name__, message=err.msg)
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
            raise UsageError(_("the environment in .venv is incomplete ({why}): delete the .venv folder and run "
                               "the command again to rebuild it").format(why=run.environment))
    return runs


def _show_green(run):
    print()
    print(run.result.rstrip("\n") if run.result else _("(the result was not shown)"))
    following = find(run.kata.number + 1)
    if following:
        print("\n" + _("Next: make kata N={number}   ({title})").format(number=following.number, title=_(following.title)))
    else:
        print("\n" + _("That was the last kata. Well done."))


def cmd_kata(kata, solutions=False, full=False):
    from katas._runner.report import report

    source = kata.solution_file if solutions else kata.file
    if solutions:
        print(_("Spoiler: this runs the reference {file}, not your code.").format(file=kata.solution_file) + "\n")
    if not solutions:
        line = files.follow_language(kata)
        if line:
            print(line + "\n")
    problem = syntax_problem(kata, source)
    if problem:
        raise UsageError(problem)
    if full:
        print(_("FULL=1: the slow checks run too; they take a while (kata 9's: about 30 seconds).") + "\n", flush=True)
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
        rows.append((kata, run, status(run) if run else _("does not import: make kata N={number}").format(number=kata.number)))
    return rows


def cmd_list():
    from tabulate import tabulate  # the one table the parent prints: tabulate is pure Python

    rows = statuses()
    print(tabulate([(k.number, _(k.title), k.file, text) for k, _run, text in rows],
                   headers=["N", _("kata"), _("your file"), _("status")]))
    solved = sum(text == _("solved ✓") for _kata, _run, text in rows)
    print("\n" + _("{solved} of {total} solved.").format(solved=solved, total=len(rows)))
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
    print(_("Every kata is solved ✓. Well done."))
    return GREEN


def cmd_compare(kata):
    """Once the kata is green, each function the learner wrote beside the reference's."""
    from katas._runner.report import checks
    from katas._runner.stubgen import fenced_functions, functions

    problem = syntax_problem(kata, kata.file)
    if problem:
        raise UsageError(problem)
    (run,) = _run([kata])
    if not run.green:
        print(_("make compare N={number} waits until kata {number} is green: {passed} of {total} pass now "
                "(make kata N={number} says why).").format(number=kata.number, passed=len(run.passed),
                                                           total=checks(len(run.ran))))
        return RED
    reference = fenced_functions((ROOT / kata.solution_file).read_text(encoding="utf-8"))
    yours = functions((ROOT / kata.file).read_text(encoding="utf-8", errors="replace"))
    print(_("Kata {number} · {title}: your functions beside the reference's (both pass every check).").format(
        number=kata.number, title=_(kata.title)))
    for name, theirs in reference.items():
        rule = f"── {name} "
        print(f"\n{rule}{'─' * max(0, 78 - len(rule))}")
        print(_("yours:"), yours.get(name, _("(not found in your file)")), "", _("the reference:"), theirs, sep="\n")
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
    print(_("({file} could not be read; it is ignored and written afresh)").format(file=path.relative_to(ROOT)),
          file=sys.stderr)
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
            print(_("(the hints you have seen cannot be remembered: {folder}/ is not writable)").format(
                folder=PROGRESS.relative_to(ROOT)), file=sys.stderr)
    for tier in range(upto):
        print(_("Hint {n} of {total} · kata {number} · {title}").format(
            n=tier + 1, total=len(hints), number=kata.number, title=_(kata.title)) + f"\n  {_(hints[tier])}\n")
    if upto < len(hints):
        print(_("Still stuck? make hint N={number} shows the next one.").format(number=kata.number))
    elif not show_all:
        print(_("That was the last hint. The reference is one command away (make solution N={number}), but try "
                "once more first.").format(number=kata.number))
    return GREEN


# ---------------------------------------------------------------- files: reset, restore, stubs


def cmd_reset(kata):
    line, ok = files.reset(kata)
    print(line)
    return GREEN if ok else USAGE


def _ask(question):
    """True when the learner answers yes at the terminal; a UsageError when there is no terminal."""
    if sys.stdin is None or not sys.stdin.isatty():
        raise UsageError(_("this resets every kata; say YES=1 to confirm when there is no terminal to ask"))
    try:
        answer = input(question)
    except (EOFError, KeyboardInterrupt):
        print()
        return False
    return answer.strip().lower() in ("y", "yes")


def cmd_reset_all(confirmed):
    if not confirmed and not _ask(_("Reset all {n} katas to their stubs? Your files are backed up first. [y/N] ").format(
            n=len(KATAS))):
        print(_("Nothing was changed."))
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


# ---------------------------------------------------------------- language


def cmd_lang(wanted):
    """Say which language is in force, or choose one (ko, en; auto follows the environment again) and
    put every kata file in it."""
    wanted = (wanted or "").strip().lower()
    if not wanted:
        language, source, other = i18n.resolve(ROOT)
        name = i18n.LANGUAGES[language]
        print(_("The language is {name} ({source}).").format(
            name=name, source=source if source != "make lang" else _("chosen with make lang")) if source
              else _("The language is {name} (nothing in the environment asks for another).").format(name=name))
        print(_("make lang L=ko gives Korean, make lang L=en English, make lang L=auto follows LANG again."))
        return GREEN
    if wanted not in (*i18n.LANGUAGES, "auto"):
        raise UsageError(_("L must be ko (한국어), en (English) or auto (as LANG says), got {wanted!r}").format(
            wanted=wanted))
    choice = ROOT / i18n.CHOICE
    try:
        if wanted == "auto":
            choice.unlink(missing_ok=True)
        else:
            choice.parent.mkdir(exist_ok=True)
            temporary = choice.with_name(f".{choice.name}.{os.getpid()}.tmp")
            temporary.write_text(wanted + "\n", encoding="utf-8")
            os.replace(temporary, choice)
    except OSError as err:
        raise UsageError(_("the choice cannot be remembered: {why}").format(why=err)) from None
    os.environ.pop("KATA_LANG", None)
    i18n.language.cache_clear()
    language = i18n.resolve(ROOT)[0]
    os.environ["KATA_LANG"] = language  # this process's own messages, from here on
    i18n.language.cache_clear()
    ok = True
    for kata in KATAS:
        line, done = files.switch_language(kata, language)
        if line:
            print(line)
        ok = ok and done
    print(_("The katas are in {name} now.").format(name=i18n.LANGUAGES[language]) if ok else
          _("The other katas are in {name} now.").format(name=i18n.LANGUAGES[language]))
    return GREEN


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
    lang = verbs.add_parser("lang", help="which language is in force; ko, en or auto chooses")
    lang.add_argument("wanted", nargs="?", default=os.environ.get("KATA_L"), help="ko, en or auto")
    verbs.add_parser("list", help="every kata with your progress")
    verbs.add_parser("next", help="run the first kata that is not solved yet")
    verbs.add_parser("reset-all", help="restore every kata's stub, backing up your files")
    verbs.add_parser("stubs", help="(maintainers) regenerate the stubs from the references")
    return parser


def main(argv=None):
    args = _parser().parse_args(argv)
    language, source, other = i18n.resolve(ROOT)
    if other:
        print(_("({source}: the course is in English and Korean, so it speaks English; make lang L=ko "
                "chooses Korean)").format(source=source), file=sys.stderr)
    try:
        if args.verb == "lang":
            return cmd_lang(args.wanted)
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
            print(_("The katas:"), *(f"  {k.number:2}  {_(k.title)}" for k in KATAS), sep="\n", file=sys.stderr)
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
        print("\n" + (_("interrupted: {ran} of {total} checks ran").format(ran=ran, total=total) if total is not None
                      else _("interrupted: {ran} checks ran before the rest were counted").format(ran=ran)))
        return INTERRUPTED
    except KeyboardInterrupt:
        print("\n" + _("interrupted"), file=sys.stderr)
        return INTERRUPTED
    except BrokenPipeError:  # the report was piped into `head` or a pager that closed early
        sys.stderr.close()
        return RED
