"""The watch's warm process: `python -m katas._runner.zygote FD`, FD one end of a socket pair.

It imports what the checks import (numpy, pytest, sympy, tabulate) once, says "ready", then waits.
For each run the watch sends one datagram: the job as JSON (child.py's format) with two file
descriptors attached (socket.send_fds): the write end of the run's event pipe and of its output
pipe. The zygote forks; the fork, in a process group of its own, points its standard output and
error at the output pipe and runs the job exactly as `make kata` does (child.run_job). The fork
happens before any kata module is imported, so each run imports the learner's file afresh and
starts from the same clean state; the zygote itself never runs learner code.

The zygote ends when the watch ends (Linux: the kernel's parent-death signal; elsewhere it notices
that its parent is gone within a second) or when the watch ends its process group.
"""

import gc
import importlib
import json
import os
import select
import socket
import sys
import traceback

MESSAGE = 65536
# Imported by pytest and the checks on their first run, after the preload: imported here once
# instead of in every run. Machinery only; never a kata module, a test module or katas.conftest.
WARM = ("pdb", "unittest", "difflib", "xml.etree.ElementTree", "numpy.random", "sympy.combinatorics",
        "sympy.tensor.tensor", "katas._runner.feedback", "katas._runner.supervise")


def _warm():
    from _pytest.config import default_plugins

    for name in [f"_pytest.{plugin}" for plugin in default_plugins] + list(WARM):
        try:
            importlib.import_module(name)
        except ImportError:
            pass
    # Every object alive now is shared by the runs: the collector need never walk them again (pytest
    # collects garbage several times per run), and the forks leave their pages shared.
    gc.collect()
    gc.freeze()


def _reap():
    """Collect the runs that have ended, so that none lingers as a zombie."""
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def _run(sock, job, fds):
    """In the fork: become the run's own process and run the job; never return."""
    from katas._runner import child

    try:
        os.setpgid(0, 0)  # a group of its own: the watch ends it and all it started
        child._die_with_parent()
        if job.get("nice"):  # a check in the background gives way to the one the learner waits for
            os.nice(job["nice"])
        sock.close()
        events, output = fds
        sys.stdout.flush()
        sys.stderr.flush()
        os.dup2(output, 1)
        os.dup2(output, 2)
        os.close(output)
        import numpy

        numpy.random.seed()  # fresh entropy, as a fresh interpreter would have (random reseeds itself)
        child.run_job(job, events)
    except BaseException:  # noqa: BLE001 - whatever happened, the watch reads the pipes
        traceback.print_exc()
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(0)


def serve(sock):
    from katas._runner import child

    child._die_with_parent()
    parent = os.getppid()
    sys.path.insert(0, str(child.ROOT))
    os.chdir(child.ROOT)
    try:
        child._preload()
        _warm()
    except ImportError as err:  # the environment is incomplete: the watch says so
        sock.send(json.dumps({"environment": f"{type(err).__name__}: {err}"}).encode())
        return
    sock.send(json.dumps({"ready": os.getpid()}).encode())
    while True:
        ready, _, _ = select.select([sock], [], [], 1.0)
        _reap()
        if os.getppid() != parent:  # the watch has gone
            return
        if not ready:
            continue
        try:
            message, fds, _, _ = socket.recv_fds(sock, MESSAGE, 2)
        except OSError:
            return
        if not message:
            return
        if len(fds) != 2:
            for fd in fds:
                os.close(fd)
            continue
        if os.fork() == 0:
            _run(sock, json.loads(message), fds)
        for fd in fds:
            os.close(fd)


def main():
    sock = socket.socket(fileno=int(sys.argv[1]))
    try:
        serve(sock)
    finally:
        _reap()


if __name__ == "__main__":
    main()
