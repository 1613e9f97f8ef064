"""The child process that runs the learner's code: `python -m katas._runner.child JOBS`.

The parent (cli.py) never imports numpy, pytest or a kata module. It starts this process, hands it
the jobs as JSON (one job a kata: which tests, against which code, whether to show the result) and a
pipe per job, and reads one JSON line per event from each pipe:

    {"event": "start", "pid": 123, "dump": "/tmp/…"}      the job's process began
    {"event": "collected", "count": 63, "skipping": 2}  the checks it collected; how many it skips
    {"event": "begin", "id": "…", "limit": 10.0}        a check (or "result" or "import") starts
    {"event": "check", "id": "…", "outcome": …}         a check finished, with its explanation
    {"event": "broken", "why": "…"}                     the kata module does not import
    {"event": "raised", "what": "KeyboardInterrupt", …} the learner's code raised it: the run stops
    {"event": "result", "text": "…"}                    what the kata shows once green
    {"event": "done"}                                   everything ran to its end

So a job that dies leaves the parent with every check that finished, and the parent alone decides
the verdict. Where the system can fork, the jobs share one process that has imported numpy and
pytest once and forks a fresh process per kata (a "zygote"): each kata starts clean, and a kata
that changes numpy's global state or never ends harms no other. Elsewhere (Windows) each kata runs
in a fresh interpreter of its own, reporting on its standard output (`"fds": [null]`).
"""

import faulthandler
import json
import os
import re
import signal
import sys
import tempfile
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUTPUT_LINES, OUTPUT_CHARS = 5, 300  # what a check printed: the first few lines, each cut short
MESSAGE_LINES = 30
RESULT_CHARS = 20_000  # the green result (tables, pictures): generous, never unbounded


def _die_with_parent():
    """Linux: have the kernel end this process when the process that started it ends."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class Channel:
    """One job's pipe to the parent: a JSON object per line, flushed at once."""

    def __init__(self, fd):
        self.file = os.fdopen(fd, "w", encoding="utf-8", buffering=1)
        self.pid = os.getpid()

    def send(self, event, **fields):
        if os.getpid() != self.pid:  # a copy the learner's code forked: it must not run the checks on
            os._exit(0)
        try:
            self.file.write(json.dumps({"event": event, **fields}, ensure_ascii=False) + "\n")
            self.file.flush()
        except (BrokenPipeError, OSError, ValueError):  # the parent has gone: nothing to tell
            os._exit(3)


def clip(text, lines, chars):
    """At most `lines` lines of at most `chars` characters, saying how much was left out."""
    kept, all_lines = [], text.splitlines()
    for line in all_lines[:lines]:
        kept.append(line if len(line) <= chars else f"{line[:chars]} … ({len(line) - chars} more characters)")
    if len(all_lines) > lines:
        kept.append(f"… ({len(all_lines) - lines} more lines)")
    return "\n".join(kept)


def is_kata_module(filename):
    """True for katas/kNN_*.py and solutions/kNN_*.py: the code a learner (or the reference) wrote."""
    path = Path(filename)
    return path.parent.name in ("katas", "solutions") and re.match(r"k\d\d_", path.name) is not None


def shown(path):
    """A path relative to the repository, as the learner sees it."""
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def learner_frame(tb):
    """`katas/k07_x.py:12 in f()` for the deepest traceback entry in a kata or reference module."""
    for frame in reversed(traceback.extract_tb(tb)):
        if is_kata_module(frame.filename):
            return f"{shown(frame.filename)}:{frame.lineno} in {frame.name}()"
    return ""


# A test's name is lower case and cannot hold an apostrophe: these words are always possessive in
# the katas' test names, or names written in capitals; "and gate" is the AND gate.
WORDS = {"courses": "course's", "lectures": "lecture's", "textbooks": "textbook's", "books": "book's",
         "mlp2s": "mlp2's", "slides": "slides'", "kerass": "Keras's", "xor": "XOR", "relu": "ReLU"}


def title(nodeid):
    """`course functions [f(x) = 3-5]` from `katas/test_k01_x.py::test_course_functions[f(x) = 3-5]`."""
    from katas._runner.i18n import _

    name, _sep, param = nodeid.split("::")[-1].removesuffix("]").partition("[")
    words = " ".join(WORDS.get(word, word) for word in name.removeprefix("test_").split("_"))
    title = _(re.sub(r"\band gate\b", "AND gate", words))
    if "\\" in param:  # pytest escapes non-ASCII ids (x\xb2y); the learner should read x²y
        try:
            param = param.encode("latin-1", "backslashreplace").decode("unicode_escape")
        except UnicodeDecodeError:
            pass
    # a parameter in words ("the book's weights") has its entry in the kata's catalogue
    return f"{title} [{_(param)}]" if param else title


def _explain(excinfo):
    """{todo | message, where} for a failed check: the stub's message, or what went wrong."""
    if excinfo.errisinstance(NotImplementedError):
        return {"todo": str(excinfo.value)}
    text = str(excinfo.value)
    where = learner_frame(excinfo.tb)
    timeout = re.match(r"\s*Timeout \(?>([0-9.]+)s", text) if excinfo.typename == "Failed" else None
    if timeout:  # pytest-timeout stopped the check
        return {"timeout": float(timeout[1]), "where": where}
    if excinfo.errisinstance(AssertionError):
        message = text.split("\nassert ")[0].strip() or "an assertion failed"
    elif excinfo.typename == "Failed":  # pytest.fail(...) in a test: its message is the explanation
        message = text
    else:
        message = f"{excinfo.typename}: {text}"
    return {"message": clip(message, MESSAGE_LINES, 500), "where": where}


class Reporter:
    """A pytest plugin that sends each check to the parent the moment it finishes."""

    def __init__(self, channel, module):
        self.channel, self.module = channel, module
        self.sent = {}
        self.out_of_time = False  # a check ran out of time, and the run stopped after it

    def pytest_sessionstart(self, session):
        """Import the kata module before collection, so that a module that fails to import (or
        exits, or loops) is reported as exactly that, with the learner's line."""
        import importlib

        limit = _time_limit()
        self.channel.send("begin", id="import", limit=limit)
        try:
            importlib.import_module(f"katas.{self.module}")
        except BaseException as err:  # SystemExit and KeyboardInterrupt are the learner's too
            self.channel.send("broken", why=import_failure(err))
            os._exit(0)

    def pytest_collection_finish(self, session):
        skipping = sum(item.get_closest_marker("skip") is not None for item in session.items)
        self.channel.send("collected", count=len(session.items), skipping=skipping)

    def pytest_runtest_logstart(self, nodeid, location):
        self.channel.send("begin", id=nodeid, limit=self.limits.get(nodeid, _time_limit()))

    def pytest_collection_modifyitems(self, session, config, items):
        self.limits = {}
        for item in items:
            marker = item.get_closest_marker("timeout")
            self.limits[item.nodeid] = float(marker.args[0]) if marker and marker.args else _time_limit()

    def pytest_runtest_logreport(self, report):
        if report.when == "call" or (report.when == "setup" and not report.passed):
            self.sent[report.nodeid] = {
                "id": report.nodeid, "title": title(report.nodeid), "outcome": report.outcome,
                "output": clip(report.capstdout, OUTPUT_LINES, OUTPUT_CHARS) if report.capstdout else "",
            }
            if report.passed or report.skipped:
                self.channel.send("check", **self.sent.pop(report.nodeid))

    def pytest_exception_interact(self, node, call, report):
        """Called after logreport for a failed check: the explanation completes it."""
        check = self.sent.pop(report.nodeid, None)
        if check is None:
            return
        details = _explain(call.excinfo)
        check.update(details)
        self.channel.send("check", **check)
        if "timeout" in details:  # one endless loop costs one time limit, not one per check
            self.out_of_time = True
            node.session.shouldstop = "a check ran out of time"

    def pytest_collectreport(self, report):
        """A test module that cannot be collected (it imports a name the kata no longer has)."""
        if report.failed:
            lines = [line.removeprefix("E").strip() for line in str(report.longrepr).splitlines()]
            self.channel.send("broken", why=next((l for l in reversed(lines) if l), "the checks could not be collected"))

    def pytest_runtest_logfinish(self, nodeid, location):
        check = self.sent.pop(nodeid, None)
        if check is not None:  # failed, but no exception was handed over: say what is known
            self.channel.send("check", **check, message=check.get("message", "the check failed"))

    def pytest_keyboard_interrupt(self, excinfo):
        """The parent's Ctrl-C never reaches this process (it has a session of its own), so a
        KeyboardInterrupt here was raised by the learner's code."""
        if self.out_of_time:  # pytest stopping the run after a time-out, as asked
            return
        self.channel.send("raised", what=excinfo.typename, where=learner_frame(excinfo.tb))


def _time_limit():
    return float(os.environ.get("KATA_TIME_LIMIT", 10))


def import_failure(error):
    """`NameError: name 'x' is not defined (at katas/k02_x.py:12)` for a module that fails to import."""
    if isinstance(error, SystemExit):
        text = f"the module calls sys.exit({error.code!r}) when it is imported"
    elif isinstance(error, SyntaxError):
        text = f"{type(error).__name__}: {error.msg} (at {shown(error.filename)}:{error.lineno})"
        return text
    else:
        text = f"{type(error).__name__}: {error}".splitlines()[0] if str(error) else type(error).__name__
    where = learner_frame(error.__traceback__)
    return f"{text} (at {where.split(' in ')[0]})" if where else text


class _SourceFinder:
    """Imports `katas.kNN_topic` from another file (a notebook's functions, notebook.py), under its katas name."""

    def __init__(self, name, path):
        self.name, self.path = name, path

    def find_spec(self, fullname, path=None, target=None):
        import importlib.util

        return importlib.util.spec_from_file_location(fullname, self.path) if fullname == self.name else None


def run_job(job, fd):
    """Run one kata's checks (and, when all pass, its result) in this process. A job with a "source"
    runs them against that file instead of the kata's own (a notebook's functions)."""
    os.set_inheritable(fd, False)  # a process the learner's code starts must not hold the pipe open
    channel = Channel(fd)
    from katas._runner import i18n

    i18n.prefer(job["module"])  # the kata's own words first, where two katas word a phrase differently
    dump = tempfile.NamedTemporaryFile(prefix="kata-stack-", suffix=".txt", delete=False)
    # A loop in C code (sum(range(10**12))) never returns to Python, so pytest-timeout cannot stop it;
    # the parent then sends SIGUSR1, and faulthandler writes where the code was to a file the
    # parent reads before it ends this process.
    if hasattr(signal, "SIGUSR1"):
        faulthandler.register(signal.SIGUSR1, file=dump, all_threads=False)
    import pytest

    if job.get("source"):
        sys.meta_path.insert(0, _SourceFinder(f"katas.{job['module']}", job["source"]))
    early = _start_result(ROOT / job["file"], job["module"], fd) if job.get("result") else None
    if hasattr(os, "register_at_fork"):  # a copy the learner's code forks ends at once: no second run
        os.register_at_fork(after_in_child=lambda: os._exit(0))
    channel.send("start", pid=os.getpid(), dump=dump.name)
    args = [str(ROOT / job["test_file"]), "-p", "no:cacheprovider", "--tb=no", "-q",
            "--no-header", "--no-summary", f"--rootdir={ROOT}"]
    if job.get("solutions"):
        args.append("--solutions")
    if job.get("full"):
        args.append("--full")
    reporter = Reporter(channel, job["module"])
    code = pytest.main(args, plugins=[reporter])
    if code == pytest.ExitCode.INTERRUPTED and not reporter.out_of_time:
        os._exit(0)
    all_passed = code == pytest.ExitCode.OK and not reporter.sent
    if job.get("result") and all_passed:
        channel.send("begin", id="result", limit=_time_limit())
        text = _finish_result(*early) if early else _result(ROOT / job["file"], job["module"])
        if text is None:  # the demo's own code ended its process (os._exit): the parent says so
            os._exit(0)
        channel.send("result", text=text)
    elif early:
        os.kill(early[0], signal.SIGKILL)
        os.waitpid(early[0], 0)
    channel.send("done")


def _start_result(path, module, channel_fd):
    """Start the demo in a process of its own while the checks run, where there is a second core to
    run it on: (its pid, the pipe its text comes on). The text is shown only if every check passes;
    forked before the checks, the demo starts from the same clean state as they do."""
    if not hasattr(os, "fork") or (os.cpu_count() or 1) < 2:
        return None
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the demo's process: it tells nothing to the parent, only its text to the job
        try:
            os.close(read)
            os.close(channel_fd)
            _die_with_parent()
            if hasattr(os, "register_at_fork"):
                os.register_at_fork(after_in_child=lambda: os._exit(0))
            text = _result(path, module)
            with os.fdopen(write, "wb") as out:
                out.write(b"+" + text.encode("utf-8", "replace"))
        finally:
            os._exit(0)
    os.close(write)
    return pid, read


def _finish_result(pid, read):
    """The early demo's text, or None if its process ended without one (its code called os._exit).
    The parent's SIGUSR1 (the result ran out of time) is passed on, so that faulthandler writes the
    demo's line and not this wait."""
    if hasattr(signal, "SIGUSR1"):
        faulthandler.unregister(signal.SIGUSR1)
        signal.signal(signal.SIGUSR1, lambda *_: os.kill(pid, signal.SIGUSR1))
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    return data[1:].decode("utf-8") if data.startswith(b"+") else None


def _result(path, module):
    """The output of the module's demo (its `if __name__ == "__main__":` block), cut at RESULT_CHARS."""
    import contextlib
    import io
    import runpy

    from katas._runner import translate
    from katas._runner.i18n import _, language, translations

    printed = io.StringIO()
    try:
        with contextlib.redirect_stdout(printed):
            if language() == "en":
                runpy.run_path(str(path), run_name="__main__")
            else:  # the demo's text in the learner's language, whichever language the file is in
                source = translate.render(Path(path).read_text(encoding="utf-8"), translations(language(), module).gettext)
                exec(compile(source, str(path), "exec"), {"__name__": "__main__", "__file__": str(path)})
    except BaseException as err:  # noqa: BLE001 - the checks passed but the demo tripped (or exited)
        printed.write("\n" + _("(the result could not be shown: {error})").format(error=f"{type(err).__name__}: {err}")
                      + "\n")
    text = printed.getvalue()
    return text if len(text) <= RESULT_CHARS else text[:RESULT_CHARS] + "\n" + _("… (the rest was cut)")


def _preload():
    """What every kata's checks import, loaded once before the forks share it: numpy, pytest and the
    plugins a run loads, sympy (half the katas check against it), tabulate. Then the objects alive are
    frozen out of the garbage collector's sight, so that no fork touches (and copies) their pages."""
    import gc
    import importlib

    from _pytest.config import default_plugins

    for name in ["numpy", "numpy.random", "sympy", "tabulate", "pytest_timeout", "difflib", "unittest", "pdb",
                 *(f"_pytest.{plugin}" for plugin in default_plugins)]:
        try:
            importlib.import_module(name)
        except ImportError:
            pass
    gc.collect()
    gc.freeze()


def _fork_all(jobs, fds, parallel):
    """Run each job in a forked process, `parallel` at a time."""
    running, still_open = set(), list(fds)
    for job, fd in zip(jobs, fds):
        while len(running) >= parallel:
            pid, _ = os.wait()
            running.discard(pid)
        pid = os.fork()
        if pid == 0:  # the job's own process
            try:
                os.setpgid(0, 0)  # a group of its own: the parent can end it and all it started
                _die_with_parent()
                for other in still_open:  # the pipes of the katas still to come are not this one's
                    if other != fd:
                        os.close(other)
                run_job(job, fd)
            except BaseException:  # noqa: BLE001 - whatever happened, the parent reads the pipe
                traceback.print_exc()
            finally:
                sys.stdout.flush()
                os._exit(0)
        os.close(fd)
        still_open.remove(fd)
        running.add(pid)
    while running:
        pid, _ = os.wait()
        running.discard(pid)


def main():
    _die_with_parent()
    spec = json.loads(sys.argv[1])
    jobs, fds = spec["jobs"], spec["fds"]
    if fds == [None]:  # one kata, reporting on this process's standard output (no fork here)
        fds = [os.dup(1)]
        quiet = os.open(os.devnull, os.O_WRONLY)
        os.dup2(quiet, 1)
        os.dup2(quiet, 2)
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    try:
        import numpy  # noqa: F401
        import pytest  # noqa: F401
    except ImportError as err:  # the environment is incomplete: nothing can run
        for fd in fds:
            Channel(fd).send("environment", why=f"{type(err).__name__}: {err}")
        return
    if len(jobs) > 1:
        _preload()
    if spec["fds"] == [None]:
        run_job(jobs[0], fds[0])
    else:
        _fork_all(jobs, fds, spec.get("parallel", 1))


if __name__ == "__main__":
    main()
