"""Learner sessions played through the runner, each in a sandbox made from the generated stubs.

Each scenario returns what the learner saw; tests/test_runner.py and tests/test_trust.py read them.
They run in the background from the start of `make test` (conftest.py's `scenarios` fixture), and
every process a scenario starts is ended before it returns.
"""

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import KATA, edit, environment, make_sandbox, run, runner, stub_line, with_make

SOLVED_BODY = "    # BEGIN SOLUTION\n"
VERBS_WITH_N = ("kata", "solution", "hint", "watch", "reset", "restore", "compare", "from-notebook")

# A kernel's cells as IPython runs them: each compiled under a file name of its own whose source
# linecache holds. The first run has step() and perceptron(), the second every function.
NOTEBOOK_CELLS = """
import linecache, sys
from katas._runner.notebook import check, percent_cells, is_demo
from katas._runner.stubgen import FENCE
namespace = {"__name__": "__main__"}
def cell(source, number):
    name = f"/tmp/ipykernel_0/cell-{number}.py"
    linecache.cache[name] = (len(source), None, source.splitlines(True), name)
    exec(compile(source, name, "exec"), namespace)
cell("import numpy as np\\nimport math\\n\\n\\ndef _positive(z):\\n    return np.asarray(z) > 0.000001\\n\\n\\n"
     "def step(z):\\n    return np.where(_positive(z), 1, 0) if np.ndim(z) else int(math.isfinite(z) and z > 0.000001)\\n", 1)
cell("def perceptron(x, w, b):\\n    return step(np.dot(x, w) + b)\\n", 2)
cell("def and_gate(x1, x2):\\n    return 1 // 0\\n", 3)
check(4, namespace)
print("=" * 20)
import os
os.environ["KATA_SPAWN"] = "1"  # where Python cannot fork (Windows): a fresh interpreter runs the checks
check(4, namespace)
del os.environ["KATA_SPAWN"]
print("=" * 20)
reference = open("solutions/k04_gate_perceptrons.py", encoding="utf-8").read()
cells = [s for kind, _, s in percent_cells(reference) if kind == "code" and not is_demo(s)]
for number, source in enumerate(cells, start=4):
    cell("".join(line for line in source.splitlines(True) if not FENCE.match(line)), number)
check(4, namespace)
"""


def learner_environment():
    """The environment a learner's command starts with: the session's, without the runner's KATA_ settings."""
    return {k: v for k, v in environment().items() if not k.startswith("KATA_")}


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


def settled(box, seconds=3.0):
    """The sandbox's processes once the ones ending have had `seconds` to go."""
    deadline = time.monotonic() + seconds
    while leftover_processes(box) and time.monotonic() < deadline:
        time.sleep(0.05)
    return leftover_processes(box)


def end_all(box):
    """End every process still running in the sandbox."""
    for pid in leftover_processes(box):
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


WATCH_KEYS = "keys: h hint"  # the line under every report of the watch at a terminal


class Terminal:
    """`python -m katas ARGS` at a pseudo-terminal of its own (its controlling terminal, so that
    Ctrl-C typed there interrupts it, as in a real one)."""

    START = ("import fcntl, os, sys, termios; os.setsid(); fcntl.ioctl(0, termios.TIOCSCTTY, 0); "
             "os.execv(sys.executable, [sys.executable, '-m', 'katas', *sys.argv[1:]])")

    def __init__(self, args, box, env=None):
        import pty

        self.box, self.output = box, b""
        self.master, replica = pty.openpty()
        env = {**learner_environment(), **(env or {})}
        try:
            self.process = subprocess.Popen([sys.executable, "-c", self.START, *args], cwd=box, env=env,
                                            stdin=replica, stdout=replica, stderr=replica)
        finally:
            os.close(replica)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        try:
            self.process.kill()
            self.process.wait(timeout=10)
        finally:
            os.close(self.master)
            end_all(self.box)

    def _read(self, timeout):
        import select

        ready, _, _ = select.select([self.master], [], [], timeout)
        if ready:
            try:
                data = os.read(self.master, 65536)
            except OSError:  # the process has ended
                data = b""
            self.output += data
            return bool(data)
        return None

    def until(self, text, seconds=60):
        """What it prints from now until `text` has appeared (or `seconds` have passed)."""
        start, deadline = len(self.output), time.monotonic() + seconds
        while text.encode() not in self.output[start:] and time.monotonic() < deadline:
            if self._read(0.05) is False:
                break
        return self.output[start:].decode("utf-8", errors="replace").replace("\r\n", "\n")

    def quiet(self, seconds):
        """What it prints in the next `seconds`."""
        start, deadline = len(self.output), time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self._read(max(0.0, deadline - time.monotonic())) is False:
                break
        return self.output[start:].decode("utf-8", errors="replace").replace("\r\n", "\n")

    def echo(self):
        """True when the terminal echoes what is typed (the watch turns it off while it reads keys)."""
        import termios

        return bool(termios.tcgetattr(self.master)[3] & termios.ECHO)

    def press(self, key):
        os.write(self.master, key.encode())

    def wait(self, seconds=30):
        self.until("\0", seconds=0.2)  # what is left to read
        return self.process.wait(timeout=seconds)


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
        return done, settled(room, 2.0)

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

    @timed
    def forks():
        """The learner's code forks: the copy must not run the checks on (no fork bomb), and a
        process it starts in a session of its own must not keep the verdict waiting."""
        room = box("forks")
        solve(room, KATA)
        in_function(room, "train_perceptron", "__import__('os').fork() or None")
        edit(room / f"katas/{KATA}.py", "import numpy as np\n", "import numpy as np\nimport subprocess\n"
             "subprocess.Popen(['sleep', '30'], start_new_session=True)\n")
        done = runner(["kata", "4"], room)
        return done, leftover_processes(room)

    def demo():
        """The demo starts in a process of its own while the checks run: it is shown only when they pass,
        runs under the result's limit (naming its line), and is ended at once when a check fails."""
        loop = 'if __name__ == "__main__":\n    while True:\n        pass\n'
        green = box("demo_green")
        solve(green, KATA)
        edit(green / f"katas/{KATA}.py", 'if __name__ == "__main__":\n', loop)
        # the limit is every check's too, and the looping demo takes a core from them: room for a busy machine
        looping = runner(["kata", "4"], green, env={"KATA_TIME_LIMIT": "3", "KATA_GRACE": "0.5"})
        red = box("demo_red")
        solve(red, KATA)
        edit(red / f"katas/{KATA}.py", 'if __name__ == "__main__":\n', loop)
        in_function(red, "step", "raise ValueError('a wrong step')")  # every check fails at once
        start = time.monotonic()
        wrong = runner(["kata", "4"], red)
        seconds = time.monotonic() - start
        ended = box("demo_exit")
        solve(ended, KATA)
        edit(ended / f"katas/{KATA}.py", 'if __name__ == "__main__":\n',
             'if __name__ == "__main__":\n    __import__("os")._exit(0)\n')
        exits = runner(["kata", "4"], ended)
        return looping, settled(green, 2.0), wrong, seconds, settled(red, 2.0), exits

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
        env = learner_environment()
        process = subprocess.Popen([sys.executable, "-m", "katas", "kata", "4"], cwd=room, env=env,
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        deadline = time.monotonic() + 30  # the runner, its child and the kata's own process are up
        while len(leftover_processes(room)) < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)  # and the kata's process is in the loop
        process.send_signal(signal.SIGINT)
        try:
            output, _ = process.communicate(timeout=30)
        finally:
            process.kill()
        time.sleep(0.2)
        return process.returncode, output, leftover_processes(room)

    def watch_terminal():
        """make watch N=4 at a terminal: saves of every kind, each key, then Ctrl-C.
        Returns (exit code, {step: what the step printed}, leftover processes)."""
        room = box("watch_terminal")
        path = room / f"katas/{KATA}.py"
        stub, reference = path.read_text(encoding="utf-8"), (room / f"solutions/{KATA}.py").read_text(encoding="utf-8")
        seen = {}
        with Terminal(["watch", "4"], room) as terminal:
            seen["start"] = terminal.until(WATCH_KEYS)
            path.write_text(stub.replace(stub_line("step"), "return 1", 1), encoding="utf-8")
            seen["save"] = terminal.until(WATCH_KEYS)
            # the same size within the same second: Python's cached bytecode would still look fresh
            path.write_text(stub.replace(stub_line("step"), "return 2", 1), encoding="utf-8")
            seen["same size"] = terminal.until(WATCH_KEYS)
            temporary = path.with_name(f".{path.name}.swp")  # the editor writes a new file, then renames it
            temporary.write_text(reference, encoding="utf-8")
            os.replace(temporary, path)
            seen["rename"] = terminal.until(WATCH_KEYS)
            path.write_text(reference + "\n# once\n", encoding="utf-8")
            time.sleep(0.01)
            path.write_text(reference + "\n# twice\n", encoding="utf-8")
            seen["double"] = terminal.until(WATCH_KEYS) + terminal.quiet(0.5)
            for key in "hlrxn":
                terminal.press(key)
                seen[key] = terminal.until(WATCH_KEYS)
            seen["echo while watching"] = terminal.echo()
            terminal.press("\x03")
            seen["ctrl-c"] = terminal.until("Stopped watching.")
            code = terminal.wait()
            seen["echo after"] = terminal.echo()
        return code, seen, settled(room)

    def watch_first():
        """make watch with no N at a terminal, then q: (exit code, what it printed, leftovers)."""
        room = box("watch_first")
        solve(room, "k01_numeric_derivative")
        with Terminal(["watch"], room) as terminal:
            shown = terminal.until(WATCH_KEYS)
            terminal.press("q")
            shown += terminal.until("Stopped watching.")
            code = terminal.wait()
        return code, shown, settled(room)

    def watch_piped():
        """make watch N=4 without a terminal: the stub, one save, then Ctrl-C: (exit code, output, leftovers)."""
        room = box("watch_piped")
        env = learner_environment()
        process = subprocess.Popen([sys.executable, "-m", "katas", "watch", "4"], cwd=room, env=env,
                                   stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   text=True)
        output = []

        def wait_for(count, seconds=60):
            deadline = time.monotonic() + seconds
            while sum("keys are off" in line for line in output) < count and time.monotonic() < deadline:
                line = process.stdout.readline()
                if not line:
                    break
                output.append(line)

        try:
            wait_for(1)
            edit(room / f"katas/{KATA}.py", stub_line("step"), "return 1")
            wait_for(2)
            process.send_signal(signal.SIGINT)
            rest, _ = process.communicate(timeout=30)
        finally:
            process.kill()  # a failed run never leaves a watch running
            end_all(room)
        return process.returncode, "".join(output) + rest, settled(room)

    def notebook():
        """A notebook's check cell (katas/_runner/notebook.py) in a process standing in for a kernel:
        cells defined step() (with a helper and an import of its own) and perceptron(), checked with
        fork and without (as on Windows); then every function. The kata file itself is solved, and must play no part."""
        room = box("notebook")
        solve(room, KATA)
        return subprocess.run([sys.executable, "-c", NOTEBOOK_CELLS], cwd=room, capture_output=True, text=True,
                              timeout=120, env=learner_environment())

    def korean():
        """A Korean learner: LANG=ko_KR.UTF-8 alone, kata 1 on its stub; then make lang L=ko, kata 9 on
        its stub and kata 4 solved: (kata 1, lang, kata 9, kata 4)."""
        room = box("korean")
        solve(room, KATA)
        korean_locale = {"LANG": "ko_KR.UTF-8"}
        return (runner(["kata", "1"], room, env=korean_locale), runner(["lang", "ko"], room),
                runner(["kata", "9"], room), runner(["kata", "4"], room))

    def lang_switch():
        """make lang L=ko and back, with kata 1 untouched, then solved (in the reference's words), and kata 2
        edited: (the solved text, {step: what the step showed and left})."""
        room = box("lang_switch")
        path, chosen = room / "katas/k01_numeric_derivative.py", room / ".progress/language"
        other = room / "katas/k02_partial_derivatives.py"
        other.write_text(other.read_text(encoding="utf-8") + "\nmine = 1\n", encoding="utf-8")
        reference = (room / "solutions/k01_numeric_derivative.py").read_text(encoding="utf-8")
        solved = re.sub(r"(?m)^[ \t]*# (BEGIN|END) SOLUTION\n", "", reference)
        seen = {"ko": (runner(["lang", "ko"], room), path.read_text(encoding="utf-8"), chosen.read_text(encoding="utf-8"),
                       sorted(p.name for p in room.glob("katas/*.bak")))}
        path.write_text(solved, encoding="utf-8")
        seen["en, solved"] = (runner(["lang", "en"], room), path.read_text(encoding="utf-8"))
        seen["ko, solved"] = (runner(["lang", "ko"], room), path.read_text(encoding="utf-8"),
                              [b.read_text(encoding="utf-8") for b in room.glob("katas/k01_numeric_derivative.py.*.bak")])
        seen["kata"] = runner(["kata", "1"], room)
        seen["en again"] = (runner(["lang", "en"], room), path.read_text(encoding="utf-8"))
        seen["which"] = runner(["lang"], room)
        seen["auto"] = (runner(["lang", "auto"], room), chosen.exists())
        return solved, seen

    def lang_environment():
        """LANG=ko_KR.UTF-8 alone, kata 4 untouched, then LANG=en_US, then kata 4 edited:
        (the English stub, [(the run, the file's bytes after it)])."""
        room = box("lang_environment")
        path = room / f"katas/{KATA}.py"
        english = path.read_bytes()
        korean_locale = {"LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": "ko_KR.UTF-8"}
        steps = [(runner(["kata", "4"], room, env=korean_locale), path.read_bytes())]
        steps.append((runner(["kata", "4"], room, env={**korean_locale, "LANG": "en_US.UTF-8"}), path.read_bytes()))
        path.write_bytes(english + b"\n# mine\n")
        steps.append((runner(["kata", "4"], room, env=korean_locale), path.read_bytes()))
        return english, steps

    def without_make():
        """Each verb that takes N, given a kata that does not exist, through make (one make for all,
        -k: it goes on after each error), and one of them through `python -m katas`."""
        room = with_make(box("without_make"))
        return (run(["make", "-s", "-k", *VERBS_WITH_N, "N=99"], cwd=room), runner(["from-notebook", "99"], room))

    return {name: job for name, job in locals().items() if callable(job) and name not in ("box",)}
