"""Learner sessions played through the runner, each in a sandbox made from the generated stubs.

Each scenario returns what the learner saw; tests/test_runner.py and tests/test_trust.py read them.
They run in the background from the start of `make test` (conftest.py's `scenarios` fixture), and
every process a scenario starts is ended before it returns.
"""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import KATA, edit, make_sandbox, runner, stub_line

SOLVED_BODY = "    # BEGIN SOLUTION\n"


def solve(box, module):
    """The learner has solved the kata: the reference is their file."""
    shutil.copy(box / "solutions" / f"{module}.py", box / "katas" / f"{module}.py")


def in_function(box, function, line):
    """Put a line at the top of a solved kata 4 function's body."""
    path = box / "katas" / f"{KATA}.py"
    text = path.read_text(encoding="utf-8")
    head = f"def {function}("
    start = text.index(head)
    body = text.index('    """\n', text.index('"""', start) + 3) + len('    """\n')
    path.write_text(text[:body] + f"    {line}\n" + text[body:], encoding="utf-8")


def leftover_processes(box):
    """Processes still running inside the sandbox (their working directory is in it)."""
    found = []
    for entry in Path("/proc").iterdir() if Path("/proc").is_dir() else []:
        try:
            if entry.name.isdigit() and str(Path(os.readlink(entry / "cwd"))).startswith(str(box)):
                found.append(int(entry.name))
        except OSError:
            pass
    return found


def timed(function):
    def wrapper(*args):
        start = time.monotonic()
        done = function(*args)
        return done, time.monotonic() - start
    return wrapper


def scenarios(tmp):
    """name -> a function that plays one learner's session in its own sandbox; returns its runs."""

    def box(name):
        return make_sandbox(tmp / name)

    def fresh():
        return runner(["kata", "4"], box("fresh"))

    def wrong():
        room = box("wrong")
        edit(room / f"katas/{KATA}.py", stub_line("step"),
             "return (np.asarray(z) > 0).astype(int) if np.ndim(z) else int(z > 0)")
        return runner(["kata", "4"], room)

    def spawned():
        """The same wrong answer on a system without fork (Windows): a fresh interpreter per kata."""
        room = box("spawned")
        edit(room / f"katas/{KATA}.py", stub_line("step"),
             "return (np.asarray(z) > 0).astype(int) if np.ndim(z) else int(z > 0)")
        return runner(["kata", "4"], room, env={"KATA_SPAWN": "1"})

    def broken():
        room = box("broken")
        edit(room / "katas/k01_numeric_derivative.py", "import math\n", "import math\n\nSTEP = undefined_name\n")
        return runner(["kata", "1"], room)

    @timed
    def endless():
        room = box("endless")
        edit(room / f"katas/{KATA}.py", stub_line("step"), "while True:\n        pass")
        return runner(["kata", "4"], room, env={"KATA_TIME_LIMIT": "0.5"})

    @timed
    def c_loop():
        room = box("c_loop")
        edit(room / f"katas/{KATA}.py", stub_line("step"), "return sum(range(10**13))")
        done = runner(["kata", "4"], room, env={"KATA_TIME_LIMIT": "0.5", "KATA_GRACE": "0.5"})
        return done, leftover_processes(room)

    def keyboard():
        room = box("keyboard")
        solve(room, KATA)
        in_function(room, "train_perceptron", "raise KeyboardInterrupt")
        return runner(["kata", "4"], room)

    def os_exit():
        room = box("os_exit")
        solve(room, KATA)
        in_function(room, "train_perceptron", "__import__('os')._exit(0)")
        return runner(["kata", "4"], room)

    def sys_exit():
        room = box("sys_exit")
        edit(room / f"katas/{KATA}.py", "import numpy as np\n", "import numpy as np\nimport sys\nsys.exit(0)\n")
        return runner(["kata", "4"], room)

    def chatty():
        room = box("chatty")
        edit(room / f"katas/{KATA}.py", stub_line("step"), "print('x' * 5_000_000)\n    return 7")
        return runner(["kata", "4"], room)

    def solved():
        room = box("solved")
        solve(room, KATA)
        solve(room, "k10_activation_functions")
        edit(room / "katas/k03_chain_rule.py", "import math\n", "import math\n\nSTEP = undefined_name\n")
        # numpy's global state changed by one kata must not reach another
        edit(room / "katas/k05_xor_forward.py", "import numpy as np\n", "import numpy as np\nnp.seterr(all='raise')\n")
        return runner(["kata", "04"], room), runner(["list"], room)

    def next_kata():
        room = box("next")
        solve(room, "k01_numeric_derivative")
        solve(room, "k02_partial_derivatives")
        return runner(["next"], room)

    def spoiler():
        return runner(["solution", "4"], box("spoiler"))

    def interrupt():
        """The learner presses Ctrl-C while their endless loop runs: (exit code, output, leftovers)."""
        room = box("interrupt")
        edit(room / f"katas/{KATA}.py", stub_line("step"), "while True:\n        pass")
        env = {k: v for k, v in os.environ.items() if not k.startswith("KATA_")}
        process = subprocess.Popen([sys.executable, "-m", "katas", "kata", "4"], cwd=room, env=env,
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        time.sleep(3)  # the child has started and is in the loop
        process.send_signal(signal.SIGINT)
        try:
            output, _ = process.communicate(timeout=30)
        finally:
            process.kill()
        time.sleep(0.2)
        return process.returncode, output, leftover_processes(room)

    def watch():
        """Start make watch's runner, save the kata once, then press Ctrl-C: returns (exit code, output)."""
        room = box("watch")
        env = {k: v for k, v in os.environ.items() if not k.startswith("KATA_")}
        process = subprocess.Popen([sys.executable, "-m", "katas", "watch", "4"], cwd=room, env=env,
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        output = []

        def wait_for(count, seconds=60):
            deadline = time.monotonic() + seconds
            while sum("Watching katas/" in line for line in output) < count and time.monotonic() < deadline:
                line = process.stdout.readline()
                if not line:
                    break
                output.append(line)

        try:
            wait_for(1)
            time.sleep(0.1)  # a new modification time, even on file systems that keep it coarse
            edit(room / f"katas/{KATA}.py", stub_line("step"), "return 1")
            wait_for(2)
            process.send_signal(signal.SIGINT)
            rest, _ = process.communicate(timeout=30)
        finally:
            process.kill()  # a failed run never leaves a watch polling
        return process.returncode, "".join(output) + rest

    return {name: job for name, job in locals().items() if callable(job) and name not in ("box",)}
