"""The parent's side of a kata run: start the child, read what it reports, keep time, end it.

Nothing here imports numpy, pytest or a kata module: whatever the learner's code does (loop, exit,
raise KeyboardInterrupt, print megabytes), it does it in the child, and this side only counts what it
was told. A check counts as passed only when the child said so.
"""

import collections
import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from katas._runner.child import is_kata_module, shown

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_LIMIT = float(os.environ.get("KATA_TIME_LIMIT", 10))  # seconds for one check (pytest-timeout)
GRACE = float(os.environ.get("KATA_GRACE", 2))  # past a check's limit, the parent ends the process itself
# (a loop in C code, which pytest-timeout cannot interrupt); the self-check shortens it
STARTUP = 60.0  # seconds for the child to start (it imports numpy and pytest)
BUDGET = 60.0  # seconds for one kata's whole run, plus the limits of its slow checks
TAIL = 4000  # characters of the child's own output kept, to explain a run that ended strangely


class Interrupted(Exception):
    """Ctrl-C: the runs were ended; `runs` holds what they had reported."""

    def __init__(self, runs):
        super().__init__("interrupted")
        self.runs = runs


@dataclass
class Run:
    """What the parent saw of one kata's run."""

    kata: object
    checks: dict = field(default_factory=dict)  # id -> the check's fields, in the order they finished
    count: int | None = None  # the checks collected, once known
    skipping: int = 0  # of those, the slow checks skipped without FULL=1
    broken: str = ""  # why the kata module did not import
    raised: dict | None = None  # the learner's code raised KeyboardInterrupt: what and where
    result: str | None = None  # what the kata shows when green
    done: bool = False  # the child said it ran to its end
    stopped: str = ""  # the parent ended it: "time" (a check), "budget" (the whole run)
    where: str = ""  # where the code was when the parent ended it
    environment: str = ""  # the child could not start: .venv is incomplete
    current: str = ""  # what was running last ("import", a check's id, "result")
    closed: bool = False
    pid: int | None = None
    dump: str = ""
    deadline: float = 0.0
    budget_end: float = 0.0
    limit: float = DEFAULT_LIMIT
    output_tail: str = ""  # the end of what the child itself printed

    @property
    def ran(self):
        return [c for c in self.checks.values() if c["outcome"] != "skipped"]

    @property
    def started(self):
        """The checks that ran or were running when the run ended (a check the parent stopped counts)."""
        stopped = self.current if self.stopped and self.current not in ("", "import", "result") else None
        return len(self.ran) + (stopped is not None and stopped not in self.checks)

    @property
    def passed(self):
        return [c for c in self.ran if c["outcome"] == "passed"]

    @property
    def finished(self):
        """True when every collected check ran to its end and nothing stopped the run."""
        return (self.done and self.count is not None and len(self.checks) == self.count
                and not (self.broken or self.raised or self.stopped or self.environment))

    @property
    def green(self):
        return self.finished and bool(self.ran) and len(self.passed) == len(self.ran)


def _job(kata, solutions, full, result, source=None):
    job = {"module": kata.module, "test_file": kata.test_file,
           "file": kata.solution_file if solutions else kata.file,
           "solutions": solutions, "full": full, "result": result}
    if source is not None:  # another file stands for the kata's own (a notebook's functions)
        job.update(file=str(source), source=str(source))
    return job


def _stop(run, why):
    """End a run's process: first ask faulthandler where it is, then kill its group."""
    run.stopped, run.closed = why, True
    if run.pid is None:
        return
    if hasattr(signal, "SIGUSR1") and run.dump:
        try:
            os.kill(run.pid, signal.SIGUSR1)
            for _ in range(20):
                time.sleep(0.01)
                if os.path.getsize(run.dump) > 0:
                    break
        except OSError:
            pass
        run.where = _deepest_kata_frame(run.dump)
    _kill_group(run.pid)


def _deepest_kata_frame(dump):
    """`katas/k01_x.py:12 in derivative()` from a faulthandler dump (most recent call first)."""
    try:
        text = Path(dump).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    for line in text.splitlines():
        found = re.match(r'\s*File "(.*)", line (\d+) in (\S+)', line)
        if found and is_kata_module(found[1]):
            return f"{shown(found[1])}:{found[2]} in {found[3]}()"
    return ""


def _kill_group(pid):
    """End a process and the processes it started (its group, on POSIX)."""
    try:
        os.killpg(pid, signal.SIGKILL)
    except (OSError, AttributeError):  # no such group, or Windows
        try:
            os.kill(pid, getattr(signal, "SIGKILL", signal.SIGTERM))
        except OSError:
            pass


def _handle(run, event, now):
    kind = event.get("event")
    if kind == "start":
        run.pid, run.dump = event["pid"], event.get("dump", "")
    elif kind == "begin":
        run.current, run.limit = event["id"], float(event.get("limit", DEFAULT_LIMIT))
        run.deadline = now + run.limit + GRACE
        if run.limit > DEFAULT_LIMIT:  # a slow check (FULL=1) brings its own time
            run.budget_end += run.limit
    elif kind == "collected":
        run.count, run.skipping = event["count"], event.get("skipping", 0)
    elif kind == "check":
        run.checks[event["id"]] = event
        run.deadline = now + DEFAULT_LIMIT + GRACE  # the time until the next check begins
    elif kind == "broken":
        run.broken = run.broken or event["why"]
    elif kind == "raised":
        run.raised = event
    elif kind == "result":
        run.result = event["text"]
    elif kind == "environment":
        run.environment = event["why"]
    elif kind == "done":
        run.done = True


def _reader(stream, run, events):
    """Put each line of a stream on the queue as (run, line), then (run, None) at its end."""
    try:
        for line in stream:
            events.put((run, line))
    except (OSError, ValueError):  # closed under it when the run was ended
        pass
    events.put((run, None))


def child_environment():
    """The environment a process running the checks starts with. A kata's matrices are tiny, so numpy's
    BLAS gets one thread: starting a pool of them costs more CPU than it could ever save (a learner's
    own setting is kept)."""
    from katas._runner.i18n import language

    single = {name: "1" for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")}
    return {**single, **os.environ, "PYTHONIOENCODING": "utf-8", "KATA_LANG": language()}


def _start(spec, pass_fds=()):
    """The child process, in a session (POSIX) or process group (Windows) of its own, so that the
    terminal's Ctrl-C reaches only this process and it can end the child's whole group."""
    from katas._runner.pictures import terminal_facts  # what the learner's terminal shows (the demo's pictures)

    env = {**child_environment(), **terminal_facts()}
    options = {"start_new_session": True} if os.name == "posix" else {
        "creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)}
    return subprocess.Popen([sys.executable, "-m", "katas._runner.child", json.dumps(spec)], cwd=ROOT, env=env,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            pass_fds=pass_fds, **options)


def run_katas(katas, solutions=False, full=False, result=False, parallel=None, enough=None, source=None):
    """Run each kata's checks in the child; return a Run for each, in order.

    Where the system can fork, one child runs them all (`parallel` at a time), each kata in a process
    forked for it and reporting on a pipe of its own. Elsewhere (or with KATA_SPAWN=1) each kata gets
    a fresh interpreter of its own that reports on its standard output, one kata after another.
    enough(runs), when given, is asked after every event: once it is true, the rest is not run.
    source, when given (one kata), is the file the checks import in place of the kata's own.
    Raises Interrupted (with the runs as far as they got) on Ctrl-C, after ending every process."""
    runs = [Run(kata) for kata in katas]
    jobs = [_job(k, solutions, full, result, source) for k in katas]
    if hasattr(os, "fork") and not os.environ.get("KATA_SPAWN"):
        pipes = [os.pipe() for _ in katas]
        spec = {"jobs": jobs, "fds": [w for _, w in pipes],
                "parallel": parallel or min(len(katas), os.cpu_count() or 1)}
        process = _start(spec, pass_fds=[w for _, w in pipes])
        for _, w in pipes:
            os.close(w)
        streams = [(os.fdopen(r, "rb"), run) for (r, _), run in zip(pipes, runs)]
        _supervise(process, runs, streams, diagnosis=process.stdout, enough=enough)
        return runs
    for job, run in zip(jobs, runs):
        if enough and enough(runs):
            break
        process = _start({"jobs": [job], "fds": [None]})
        _supervise(process, [run], [(process.stdout, run)])
    return runs


def run_forked(fork, process, kata, full=False, result=False, run=None):
    """One kata's run in a process forked from a warm process that outlives it (the watch's zygote,
    zygote.py): the same events, time limits and Run as run_katas, and `process` (the warm one) is
    left running. `fork(job, events_fd, output_fd)` asks it to fork the run, reporting on the first
    pipe and printing to the second. `run`, when given, is the Run to fill in: the caller can read
    its pid while the run goes on, and end it."""
    run = run or Run(kata)
    (events, events_w), (output, output_w) = os.pipe(), os.pipe()
    try:
        fork(_job(kata, False, full, result), events_w, output_w)
    except BaseException:
        for fd in (events, output):
            os.close(fd)
        raise
    finally:
        os.close(events_w)
        os.close(output_w)
    diagnosis = os.fdopen(output, "rb")
    try:
        _supervise(process, [run], [(os.fdopen(events, "rb"), run)], diagnosis=diagnosis, keep=True)
    finally:
        diagnosis.close()
    return run


def _supervise(process, runs, streams, diagnosis=None, enough=None, keep=False):
    """Read the runs' events until every run has ended; end any run that outlives its time.
    With `keep`, `process` (a warm process the runs were forked from) is left running."""
    events = queue.Queue()
    for stream, run in streams:
        threading.Thread(target=_reader, args=(stream, run, events), daemon=True).start()
    tail = collections.deque(maxlen=40)
    if diagnosis is not None:  # the child's own output: its last lines, for a diagnosis
        threading.Thread(target=_reader, args=(diagnosis, None, events), daemon=True).start()
    start = time.monotonic()
    for run in runs:
        run.deadline, run.budget_end = start + STARTUP, start + STARTUP + BUDGET
    try:
        # a run that said "done" has nothing more to say, even if a process its code started (and
        # that outlives it) still holds its pipe open
        while any(not (run.closed or run.done) for run in runs):
            now = time.monotonic()
            wait = max(0.0, min(min(r.deadline, r.budget_end) for r in runs if not (r.closed or r.done)) - now)
            try:
                run, line = events.get(timeout=wait)
            except queue.Empty:
                run = line = None
            now = time.monotonic()
            if run is None and line is not None:
                tail.append(line.decode("utf-8", errors="replace"))
            elif run is not None and line is None:
                run.closed = True
            elif run is not None and not run.closed:  # a run the parent ended says nothing more
                try:
                    _handle(run, json.loads(line), now)
                except (ValueError, KeyError, TypeError):
                    pass
            if enough and enough(runs):
                break
            for run in runs:
                if run.closed or run.done:
                    continue
                if now > run.budget_end:
                    _stop(run, "budget")
                elif now > run.deadline:
                    if run.pid is None:  # the child never started this kata: end the child itself
                        run.stopped, run.closed = "startup", True
                        _kill_group(process.pid)
                    else:
                        _stop(run, "time")
    except KeyboardInterrupt:
        _end(process, runs, streams, keep)
        raise Interrupted(runs) from None
    _end(process, runs, streams, keep)
    for run in runs:
        run.output_tail = "".join(tail)


def _end(process, runs, streams, keep=False):
    """End the child and every kata process it started; close what is still open."""
    for run in runs:  # with whatever the learner's code started and left running
        if run.pid is not None:
            _kill_group(run.pid)
    if not keep:
        _kill_group(process.pid)
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
    for stream, run in streams:
        if run.closed:  # a stream still open elsewhere is left to its reader thread (closing would wait)
            stream.close()
    for run in runs:
        if run.dump:
            try:
                os.unlink(run.dump)
            except OSError:
                pass
