"""`make watch`: the kata's checks run again the moment its file is saved, with keys to move on.

    make watch N=4   watch kata 4
    make watch       start at the first kata not solved yet

Speed comes from a warm process (zygote.py) that has imported numpy, pytest, sympy and tabulate
once: each run is a process forked from it, which imports the learner's file afresh and runs the
checks exactly as `make kata` does (supervise.run_forked: the same time limits, the same report).
Where the system cannot fork or hand a pipe to another process (Windows), or with KATA_SPAWN=1,
each run is a fresh process, as `make kata` starts.

A save is noticed by looking at the file's modification time, size and inode every POLL seconds:
the standard library only, the same on every system and every mount (file-system events miss
changes on some, WSL's /mnt/c among them), and at 40 looks a second it costs next to nothing and
adds at most POLL to the wait. An editor that writes a new file and renames it over the old one
changes the inode. A save starts a run at once; a save while a run is under way ends that run and
starts another, and a report is shown only once the file has stayed as its run read it for SETTLE
seconds: an editor that saves twice in a row (or writes in pieces) gets one report.

The report is printed as plain lines that scroll (a terminal's history keeps every run), each
followed by the progress line and one line of keys. Without a terminal (a pipe, CI) the keys are
off and saving still runs the checks. Ctrl-C or q stops the watch and every process it started.
"""

import contextlib
import importlib.util
import io
import json
import os
import select
import signal
import socket
import subprocess
import sys
import threading
import time

from katas._runner import cli
from katas._runner.i18n import _
from katas._runner.registry import KATAS

POLL = 0.025  # seconds between two looks at the file (and at the run under way)
SETTLE = 0.06  # a run's report is shown once the file has stayed as the run read it this long
IDLE = 1.0  # the other katas are checked once the learner has been reading this long
RULE = 72
SOLVED = "solved ✓"  # report.status's word for a solved kata (in the learner's language: _(SOLVED))


class Quit(Exception):
    """The learner pressed q."""


def signature(path):
    """What changes when a file is saved: (modification time, size, inode), or None when it is missing."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size, stat.st_ino


def _forget_bytecode(path):
    """Remove the file's cached bytecode: Python trusts it when the size and the whole second of the
    modification time match, which two saves within a second easily do (1e-4 → 1e-5)."""
    try:
        os.unlink(importlib.util.cache_from_source(str(path)))
    except (OSError, NotImplementedError, ValueError):
        pass


# ---------------------------------------------------------------- the warm process


class Zygote:
    """The warm process and the socket the runs' pipes are handed over on."""

    def __init__(self):
        from katas._runner.supervise import ROOT, child_environment

        self.lock = threading.Lock()
        self.socket, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_DGRAM)
        try:
            env = child_environment()
            self.process = subprocess.Popen(
                [sys.executable, "-m", "katas._runner.zygote", str(theirs.fileno())], cwd=ROOT, env=env,
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                pass_fds=[theirs.fileno()], start_new_session=True)
        finally:
            theirs.close()
        self.ready = None

    def wait(self, timeout):
        """None once the warm process is ready, else why it is not."""
        if self.ready is None:
            self.socket.settimeout(timeout)
            try:
                message = json.loads(self.socket.recv(4096) or b"{}")
            except (OSError, ValueError):
                message = {}
            finally:
                self.socket.settimeout(None)
            self.ready = message.get("environment") or ("" if "ready" in message else "it did not start")
        return self.ready or None

    def fork(self, job, events, output):
        with self.lock:
            socket.send_fds(self.socket, [json.dumps(job).encode()], [events, output])

    def alive(self):
        return self.process.poll() is None

    def close(self):
        from katas._runner.supervise import _kill_group

        _kill_group(self.process.pid)
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        self.socket.close()


def can_fork():
    return (hasattr(os, "fork") and hasattr(socket, "send_fds") and hasattr(socket, "AF_UNIX")
            and not os.environ.get("KATA_SPAWN"))


class Runner:
    """Runs a kata's checks: through the warm process, or in a fresh process where there is none."""

    def __init__(self, full):
        self.full, self.closed = full, False
        self.zygote = Zygote() if can_fork() else None

    def start(self):
        """Wait for the warm process; without it, fall back to a fresh process per run."""
        if self.zygote is None:
            return
        from katas._runner.supervise import STARTUP

        why = self.zygote.wait(STARTUP)
        if why and why != "it did not start":
            self.close()
            raise cli.UsageError(_("the environment in .venv is incomplete ({why}): delete the .venv folder and run "
                                   "the command again to rebuild it").format(why=why))
        if why:
            print(_("(the checks run in a fresh process each time: the warm process did not start)"))
            self.zygote.close()
            self.zygote = None

    def run(self, kata, result=True, run=None, background=False):
        """The kata's Run; `run`, when given, is filled in as the run goes (its pid, to end it early).
        A run in the `background` has a lower priority than the runs the learner waits for."""
        from katas._runner.supervise import run_forked

        if self.closed:  # the watch is ending: nothing new starts
            raise Quit
        zygote = self.zygote
        if zygote is None:
            (run,) = cli._run([kata], full=self.full, result=result)
            return run
        if not zygote.alive():  # ended under the watch (memory, a signal): start another one
            self.restart(zygote)
            return self.run(kata, result, run, background)

        def fork(job, events, output):
            zygote.fork({**job, "nice": 10} if background else job, events, output)

        try:
            run = run_forked(fork, zygote.process, kata, full=self.full, result=result, run=run)
        except OSError:  # the warm process ended just before the run was handed to it
            if zygote.alive() or self.closed:
                raise
            self.restart(zygote)
            return self.run(kata, result, run, background)
        if run.environment:
            raise cli.UsageError(_("the environment in .venv is incomplete ({why}): delete the .venv folder and run "
                                   "the command again to rebuild it").format(why=run.environment))
        return run

    def restart(self, zygote):
        with zygote.lock:
            if self.zygote is zygote and not self.closed:
                zygote.close()
                self.zygote = Zygote()
                self.start()

    def close(self):
        self.closed = True
        if self.zygote is not None:
            self.zygote.close()
            self.zygote = None


# ---------------------------------------------------------------- the keyboard


class Keys:
    """Single key presses from the terminal, without Enter; off when stdin is not a terminal."""

    def __init__(self, stream):
        try:
            self.fd = stream.fileno() if stream is not None and stream.isatty() else None
        except (OSError, ValueError):
            self.fd = None
        self.saved = None
        self.buffer = ""

    @property
    def on(self):
        return self.fd is not None

    def __enter__(self):
        if self.on and os.name == "posix":
            import termios
            import tty

            try:
                self.saved = termios.tcgetattr(self.fd)
                tty.setcbreak(self.fd)  # keys arrive one by one and unechoed; Ctrl-C still interrupts
            except termios.error:
                self.fd = None
        return self

    def __exit__(self, *exc):
        if self.saved is not None:
            import termios

            termios.tcsetattr(self.fd, termios.TCSADRAIN, self.saved)

    def get(self, timeout):
        """The next key pressed within `timeout` seconds, or None."""
        if self.buffer:
            key, self.buffer = self.buffer[0], self.buffer[1:]
            return key
        if not self.on:
            time.sleep(timeout)
            return None
        if os.name != "posix":
            import msvcrt

            deadline = time.monotonic() + timeout
            while not msvcrt.kbhit():
                if time.monotonic() >= deadline:
                    return None
                time.sleep(0.01)
            return msvcrt.getwch()
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return None
        data = os.read(self.fd, 64)
        if not data:  # the terminal has gone: keys are off from now on
            self.fd = None
            return None
        self.buffer = data.decode("utf-8", errors="ignore")
        return self.get(0)


# ---------------------------------------------------------------- the watch


class Job:
    """One run of the current kata, in a thread of its own, so that the watch keeps looking at the
    file and the keys meanwhile: a newer save (or r, n, q) ends it and its report is never shown."""

    def __init__(self, watch, kata, why, signature):
        from katas._runner.supervise import Run

        self.kata, self.why, self.signature = kata, why, signature
        self.run = Run(kata)
        self.outcome = self.error = None
        self.cancelled = False
        self.thread = threading.Thread(target=self._work, args=(watch,), daemon=True)
        self.thread.start()

    def _work(self, watch):
        try:
            self.outcome = watch.check(self.kata, True, self.run)
        except BaseException as err:  # noqa: BLE001 - handed to the watch's own thread
            self.error = err

    @property
    def running(self):
        return self.thread.is_alive()

    def cancel(self):
        """End the run's process (now, or as soon as it has told its pid)."""
        from katas._runner.supervise import _kill_group

        self.cancelled = True
        if self.run.pid is not None and not self.run.closed and self.running:
            _kill_group(self.run.pid)
            return True
        return not self.running


class Watch:
    """The watch's state: the kata watched, every kata's status as far as known, the run under way."""

    def __init__(self, runner, keys, full):
        self.runner, self.keys, self.full = runner, keys, full
        self.status = {}  # kata number -> its status line, as `make list` says it
        self.current = None
        self.progress_shown = None
        self.job = None  # the current kata's run under way
        self.ending = []  # runs that were superseded and are being ended
        self.active = time.monotonic()  # when the watch last printed or started a run
        self.scanning = None  # the thread checking the other katas

    # -- running and reporting

    def check(self, kata, result, run=None, background=False):
        """(run or None, the report's lines, status) of one kata."""
        from katas._runner.report import report, status

        problem = cli.syntax_problem(kata, kata.file)
        if problem:
            return None, [_("Kata {number} · {title}").format(number=kata.number, title=_(kata.title)) +
                          f"   ({kata.file})", "", f"  ✗ {problem}"], \
                _("does not import: make kata N={number}").format(number=kata.number)
        _forget_bytecode(cli.ROOT / kata.file)
        run = self.runner.run(kata, result, run, background)
        shown = io.StringIO()
        with contextlib.redirect_stdout(shown):
            report(run)
        again = _("Run make kata N={number} again after each edit. Stuck? make hint N={number}").format(number=kata.number)
        lines = [line for line in shown.getvalue().splitlines() if line != again]
        return run, lines, status(run)

    def start(self, why, signature):
        """Run the current kata (ending a run of it still under way)."""
        self.stop()
        self.active = time.monotonic()
        self.job = Job(self, self.current, why, signature)

    def stop(self):
        if self.job is not None:
            if not self.job.cancel():
                self.ending.append(self.job)
            self.job = None

    def tidy(self):
        """End the superseded runs whose process was not known yet when they were superseded."""
        self.ending = [job for job in self.ending if not job.cancel()]

    def show(self, why, outcome):
        kata = self.current
        run, lines, text = outcome
        self.status[kata.number] = text
        if run is not None and run.green:
            lines = [*lines, "", run.result.rstrip("\n") if run.result else _("(the result was not shown)"), ""]
            following = self.next_kata()
            if following is None:
                lines.append(_("Every kata is solved ✓. Well done."))
            elif self.keys.on:
                lines.append(_("Solved ✓  n: on to kata {number} · {title}").format(
                    number=following.number, title=_(following.title)))
            else:
                lines.append(_("Solved ✓  next: make watch N={number}   ({title})").format(
                    number=following.number, title=_(following.title)))
        stamp = f"── {time.strftime('%H:%M:%S')} · {why} "
        self.say([stamp + "─" * max(3, RULE - len(stamp)), *lines, "", self.progress(), self.help()])

    def say(self, lines):
        sys.stdout.write("\n".join(lines) + "\n")
        sys.stdout.flush()
        self.active = time.monotonic()

    def progress(self):
        solved = sum(text == _(SOLVED) for text in self.status.values())
        line = _("kata {number} of {total} · {solved} solved").format(
            number=self.current.number, total=len(KATAS), solved=solved)
        unknown = len(KATAS) - len(self.status)
        self.progress_shown = (line, unknown)
        return line + (_(" so far (checking the other {n} …)").format(n=unknown) if unknown else "")

    def help(self):
        if self.keys.on:
            return _("keys: h hint · n next kata · l list · r run again · q quit   (or save the file)")
        return _("keys are off (no terminal): save the file to run the checks again; Ctrl-C stops")

    def next_kata(self):
        """The first kata after this one (from the start again after the last) not known to be solved."""
        order = [k for k in KATAS if k.number > self.current.number] + [
            k for k in KATAS if k.number < self.current.number]
        return next((k for k in order if self.status.get(k.number) != _(SOLVED)), None)

    # -- the learner's progress

    def first_unsolved(self):
        """The first kata not solved, its report and the file as it was read, checked in order
        (each through the warm process)."""
        print(_("Looking for the first kata you have not solved …"), flush=True)
        for kata in KATAS:
            read = signature(cli.ROOT / kata.file)
            outcome = self.check(kata, result=False)
            self.status[kata.number] = outcome[2]
            if outcome[2] != _(SOLVED):
                return kata, outcome, read
        return None, None, None

    def check_the_others(self):
        """In the background: every kata's status, one at a time, for the progress line. It starts
        once the learner has been reading for IDLE seconds, and gives way to the runs they wait for."""
        try:
            for kata in KATAS:
                if kata.number not in self.status and kata is not self.current:
                    self.status.setdefault(kata.number, self.check(kata, False, background=True)[2])
        except BaseException:  # noqa: BLE001 - the watch is ending, or the warm process is gone
            pass

    # -- keys

    def key(self, key, read):
        """Act on one key; `read` is the file as it is now (what r runs)."""
        if key == "q":
            raise Quit
        if key == "r":
            self.start("run again", read)
        elif key == "h":
            self.hint()
        elif key == "l":
            self.listing()
        elif key == "n":
            following = self.next_kata()
            if following is None:
                self.say([_("Every kata is solved ✓. Well done."), self.progress(), self.help()])
                return
            self.current = following
            self.start(_("kata {number} · watching {file}").format(number=following.number, file=following.file),
                       signature(cli.ROOT / following.file))
        elif key.isprintable() and not key.isspace():
            self.say([self.help()])

    def hint(self):
        shown = io.StringIO()
        with contextlib.redirect_stdout(shown):
            cli.cmd_hint(self.current, False)
        lines = [line.replace(f"make hint N={self.current.number}", "h") for line in shown.getvalue().splitlines()]
        self.say(["", *lines, self.progress(), self.help()])

    def listing(self):
        from tabulate import tabulate

        rows = [("▶" if k is self.current else "", k.number, _(k.title),
                 self.status.get(k.number, _("checking …"))) for k in KATAS]
        self.say(["", tabulate(rows, headers=["", "N", _("kata"), _("status")]), "", self.progress(), self.help()])

    # -- the loop

    def loop(self, first):
        """Look at the file and the keys every POLL seconds until q or Ctrl-C.

        A save starts a run at once; a save while a run is under way ends that run and starts
        another, so an editor that saves twice gets one report. A run's report is shown once the
        file has stayed as the run read it for SETTLE seconds."""
        if first is None:
            first, outcome, seen = self.first_unsolved()
            if first is None:
                print(_("Every kata is solved ✓. Well done."))
                return
            self.current = first
            self.show(_("kata {number} · watching {file}").format(number=first.number, file=first.file), outcome)
        else:
            self.current, seen = first, signature(cli.ROOT / first.file)
            self.start(_("kata {number} · watching {file}").format(number=first.number, file=first.file), seen)
        path = cli.ROOT / self.current.file
        last = seen  # a save from here on is seen as a change, even one made while the report printed
        changed, gone = time.monotonic(), False
        while True:
            key = self.keys.get(POLL if self.job is None else POLL / 4)  # a finished run is shown at once
            now, now_signature = time.monotonic(), signature(path)
            if now_signature != last:
                last, changed = now_signature, now
            if key:
                before = self.current
                self.key(key, last)
                if self.current is not before:  # n: another file to watch (the run just started read it)
                    path = cli.ROOT / self.current.file
                    seen = last = self.job.signature
                continue
            self.tidy()
            emptied = last is not None and last[1] == 0 and now - changed < SETTLE  # an editor mid-save
            if last != seen and not emptied:
                seen = last
                if last is not None:
                    self.start(_("{file} saved").format(file=self.current.file), last)
                else:
                    self.stop()
                    gone = True
            elif last is None and gone and now - changed >= 0.5:  # not a rename: the file is gone
                gone = False
                self.say([_("{file} is gone: the checks run again when it is back (make reset N={number} puts the "
                            "stub back)").format(file=self.current.file, number=self.current.number)])
            job = self.job
            if self.scanning is None and job is None and now - self.active >= IDLE:
                self.scanning = threading.Thread(target=self.check_the_others, daemon=True)
                self.scanning.start()
            if job is not None and not job.running and now - changed >= SETTLE:
                self.job = None
                if job.error is not None:
                    if isinstance(job.error, (cli.UsageError, KeyboardInterrupt, Quit)):
                        raise job.error
                    raise RuntimeError("a run of the checks failed") from job.error
                if job.signature == last:
                    self.show(job.why, job.outcome)
            elif (job is None and self.progress_shown and self.progress_shown[1]
                  and len(self.status) == len(KATAS)):
                self.say([self.progress()])  # the other katas are checked: the count is complete

    def close(self):
        self.stop()
        self.tidy()


def watch(kata, full):
    """Watch `kata` (None: the first not solved) until Ctrl-C or q; exit code 0."""
    from katas._runner.supervise import Interrupted

    if hasattr(signal, "SIGTERM") and threading.current_thread() is threading.main_thread():
        # `kill` ends the watch as Ctrl-C does: the terminal gets its echo back, no process is left
        signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    runner = Runner(full)
    try:
        with Keys(sys.stdin) as keys:
            runner.start()
            watching = Watch(runner, keys, full)
            try:
                watching.loop(kata)
            finally:
                watching.close()
    except (KeyboardInterrupt, Interrupted, Quit):
        pass
    finally:
        runner.close()
    print("\n" + _("Stopped watching."), flush=True)
    return cli.GREEN
