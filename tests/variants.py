"""Run many variants of the references against their kata's checks, fast: `make mistakes` uses it.

A variant is a kata's reference with some text replaced (tests/mistakes.py, tests/alternatives.py).
Each runs in a copy of the repository of its own, in a process of its own forked from this one after
it has imported numpy, pytest and sympy once, so a variant costs its checks and not an interpreter's
start. Where the system cannot fork, each runs in a fresh interpreter instead (the same verdicts,
slower). Every forked process is ended when its verdict is in, or after LIMIT seconds.
"""

import gc
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.conftest import edit, make_sandbox
from tests.mistakes import edits

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 120  # seconds for one variant's checks, a generous bound on what a wrong answer can cost


def _prepare(box, module, variant):
    make_sandbox(box)
    changed = box / "katas" / f"{module}.py"
    shutil.copy(ROOT / "solutions" / f"{module}.py", changed)
    for old, new in edits(variant):
        edit(changed, old, new)


def _pytest_args(module, box, first_failure):
    args = [f"katas/test_{module}.py", "-q", "-p", "no:cacheprovider", f"--rootdir={box}"]
    return args + (["-x", "--tb=no"] if first_failure else ["--tb=line"])


def _verdict_in_this_process(box, module, mode, phrase):
    """Run in a forked process whose working directory is the sandbox: (passed, failed, lines)."""
    for name in [name for name in sys.modules if name == "katas" or name.startswith("katas.")]:
        del sys.modules[name]  # the sandbox's katas package, not this repository's
    sys.path.insert(0, str(box))
    os.chdir(box)
    import contextlib
    import io

    import pytest

    if mode == "report":  # the learner's report in each language, made by the runner's own code
        english, run = _report(box, module, "en")
        if phrase not in english:
            return False, english[-1500:]
        korean_phrases = korean(module, phrase)
        if korean_phrases is None:  # the kata has no Korean catalogue yet
            return True, english[-1500:]
        # in Korean, the check whose English names the mistake is enough (and a kata's whole run is not)
        naming = next((check["id"] for check in run.checks.values()
                       if phrase in json.dumps(check, ensure_ascii=False)), None)
        shown = _report(box, module, "ko", naming)[0]
        found = any(words in shown for words in korean_phrases)
        return found, "" if found else (f"the Korean report does not name the mistake (one of {korean_phrases}):\n"
                                        + shown[-1500:])
    shown = io.StringIO()
    with contextlib.redirect_stdout(shown):
        code = pytest.main(_pytest_args(module, box, first_failure=mode == "caught"))
    if mode == "caught":
        return code == pytest.ExitCode.TESTS_FAILED, ""
    lines = [line for line in shown.getvalue().splitlines() if line.startswith(("FAILED", "E ", "/", "katas"))]
    return code == pytest.ExitCode.OK, "\n".join(lines[:6]) or shown.getvalue()[-800:]


def _report(box, module, language, check=None):
    """(the learner's report of the kata in the sandbox in a language, "" when it is green; the Run the
    report was made from). check: run only the check of that id."""
    for name in [name for name in sys.modules if name == "katas" or name.startswith("katas.")]:
        del sys.modules[name]  # a second run imports the checks afresh, their names in its language
    os.environ["KATA_LANG"] = language
    import contextlib
    import io

    from katas._runner.child import run_job
    from katas._runner.registry import find
    from katas._runner.report import report
    from katas._runner.supervise import Run, _handle

    kata = find(int(module[1:3]))
    events = box / f"events-{language}.jsonl"
    fd = os.open(events, os.O_WRONLY | os.O_CREAT)
    job = {"module": module, "test_file": check or kata.test_file, "file": kata.file, "result": False}
    with contextlib.redirect_stdout(io.StringIO()):
        run_job(job, fd)
    run = Run(kata)
    for line in events.read_text(encoding="utf-8").splitlines():
        _handle(run, json.loads(line), time.monotonic())
    if run.dump:
        os.unlink(run.dump)
    shown = io.StringIO()
    with contextlib.redirect_stdout(shown):
        green = report(run)
    return "" if green else shown.getvalue(), run


def korean(module, phrase):
    """The Korean words that name the mistake a phrase names: for each catalogue entry of the kata
    whose English contains the phrase (less a leading "that is "), the longest run of its Korean
    between {fields}. None when the kata has no Korean catalogue."""
    import re

    import polib

    path = ROOT / "katas" / "_runner" / "locale" / "ko" / "LC_MESSAGES" / f"{module}.po"
    if not path.exists():
        return None
    core = phrase.removeprefix("that is ").strip()
    found = []
    for entry in polib.pofile(str(path)):
        if not entry.obsolete and entry.msgstr and core in entry.msgid:
            found.append(max(re.split(r"\{[^{}]*\}", entry.msgstr), key=len).strip())
    return found


def _verdict_in_a_fresh_interpreter(box, module, mode, phrase):
    if mode == "report":
        done = subprocess.run([sys.executable, "-m", "katas", "kata", str(int(module[1:3]))], cwd=box,
                              capture_output=True, text=True, timeout=LIMIT)
        return done.returncode == 1 and phrase in done.stdout, done.stdout[-1500:]
    done = subprocess.run([sys.executable, "-m", "pytest", *_pytest_args(module, box, mode == "caught")], cwd=box,
                          capture_output=True, text=True, timeout=LIMIT)
    if mode == "caught":
        return done.returncode == 1, ""
    lines = [line for line in done.stdout.splitlines() if line.startswith(("FAILED", "E ", "/", "katas"))]
    return done.returncode == 0, "\n".join(lines[:6]) or done.stdout[-800:]


def verdicts(jobs, parallel=2):
    """[(ok, detail)] for jobs [(module, variant, mode, phrase)], in order. mode is "caught" (some check
    fails), "report" (the learner's report is red and shows phrase) or "accepted" (every check passes)."""
    if not hasattr(os, "fork"):
        results = []
        for module, variant, mode, phrase in jobs:
            with tempfile.TemporaryDirectory() as tmp:
                _prepare(Path(tmp), module, variant)
                results.append(_verdict_in_a_fresh_interpreter(Path(tmp), module, mode, phrase))
        return results
    import numpy  # noqa: F401  loaded once, before the forks share them
    import pytest  # noqa: F401
    import sympy  # noqa: F401
    import tabulate  # noqa: F401

    from tests.conftest import template

    template()  # every variant's sandbox is copied from it: made here once, before the forks
    gc.collect()
    gc.freeze()  # what the forks share stays out of their collections (fast, and no copy-on-write)

    results, running, pending = [None] * len(jobs), {}, list(enumerate(jobs))
    with tempfile.TemporaryDirectory() as tmp:
        while pending or running:
            while pending and len(running) < parallel:
                index, (module, variant, mode, phrase) = pending.pop(0)
                box = Path(tmp) / str(index)
                box.mkdir()
                answer = box / "verdict.json"
                pid = os.fork()
                if pid == 0:
                    try:
                        os.setpgid(0, 0)
                        quiet = os.open(os.devnull, os.O_WRONLY)
                        os.dup2(quiet, 1)
                        os.dup2(quiet, 2)
                        _prepare(box, module, variant)
                        verdict = _verdict_in_this_process(box, module, mode, phrase)
                    except BaseException as err:  # noqa: BLE001 - reported as a verdict, never lost
                        verdict = (False, f"{type(err).__name__}: {err}")
                    answer.write_text(json.dumps(verdict), encoding="utf-8")
                    os._exit(0)
                running[pid] = (index, answer, time.monotonic())
            pid, _ = os.waitpid(-1, os.WNOHANG)
            if pid == 0:
                time.sleep(0.01)
                for other, (index, _, started) in list(running.items()):
                    if time.monotonic() - started > LIMIT:
                        os.killpg(other, signal.SIGKILL)
                continue
            index, answer, _ = running.pop(pid)
            try:
                results[index] = tuple(json.loads(answer.read_text(encoding="utf-8")))
            except (OSError, ValueError):
                results[index] = (False, f"the variant's process ended without a verdict (over {LIMIT} s?)")
            shutil.rmtree(answer.parent, ignore_errors=True)
    return results
