"""Shared pieces of the repository's self-check.

Most of the time in `make test` is spent in fresh Python processes (the runner, pytest on the
katas), each importing numpy, sympy and pytest. The `scenarios` fixture starts all of them at once
when the session begins, each in its own copy of the repository, and the tests read their results.
"""

import inspect
import os
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
KATA = "k04_gate_perceptrons"  # the learner scenarios use kata 4: its tests need no sympy, so they start fast


def stub_line(function):
    return f'raise NotImplementedError("kata 4 · {function}() is not written yet — edit katas/{KATA}.py")'


def run(args, cwd=ROOT, env=None, timeout=120):
    """Run a command with the learner's variables cleared; return the CompletedProcess (text)."""
    full_env = {k: v for k, v in os.environ.items() if k not in ("KATA_N", "KATA_ALL", "KATA_FULL", "N")}
    full_env.update(env or {})
    return subprocess.run(args, cwd=cwd, env=full_env, capture_output=True, text=True, timeout=timeout)


def runner(args, cwd, env=None):
    """`python -m katas ...` in a copy of the repository."""
    return run([sys.executable, "-m", "katas", *args], cwd=cwd, env=env)


def make_sandbox(path):
    """A copy of katas/ and solutions/ (as in the work tree) where a test may play the learner."""
    ignore = shutil.ignore_patterns("__pycache__", ".pytest_cache")
    for folder in ("katas", "solutions"):
        shutil.copytree(ROOT / folder, path / folder, ignore=ignore)
    return path


@pytest.fixture
def sandbox(tmp_path):
    return make_sandbox(tmp_path)


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _learner_scenarios(tmp):
    """name -> a function that plays one learner's session in its own sandbox; returns its runs."""

    def fresh():
        return runner(["kata", "4"], make_sandbox(tmp / "fresh"))

    def wrong():
        box = make_sandbox(tmp / "wrong")
        edit(box / f"katas/{KATA}.py", stub_line("step"), "return (np.asarray(z) > 0).astype(int) if np.ndim(z) else int(z > 0)")
        return runner(["kata", "4"], box)

    def endless():
        box = make_sandbox(tmp / "endless")
        edit(box / f"katas/{KATA}.py", stub_line("step"), "while True:\n        pass")
        (box / f"katas/test_{KATA}.py").write_text(
            f"from katas.{KATA} import step\n\ndef test_step():\n    assert step(1.0) == 1\n")
        edit(box / "katas/k01_numeric_derivative.py", "import math\n", "import math\n\nSTEP = undefined_name\n")
        (box / "katas/test_k01_numeric_derivative.py").write_text(
            "from katas.k01_numeric_derivative import derivative\n")
        return runner(["kata", "4"], box, env={"KATA_TIME_LIMIT": "0.5"}), runner(["kata", "1"], box)

    def solved():
        box = make_sandbox(tmp / "solved")
        shutil.copy(box / f"solutions/{KATA}.py", box / f"katas/{KATA}.py")
        edit(box / "katas/k03_chain_rule.py", "import math\n", "import math\n\nSTEP = undefined_name\n")
        return runner(["kata", "04"], box), runner(["list"], box)

    def spoiler():
        return runner(["solution", "4"], make_sandbox(tmp / "spoiler"))

    def watch():
        """Start make watch's runner, save the kata once, then press Ctrl-C: returns (exit code, output)."""
        box = make_sandbox(tmp / "watch")
        env = {k: v for k, v in os.environ.items() if not k.startswith("KATA_")}
        process = subprocess.Popen([sys.executable, "-m", "katas", "watch", "4"], cwd=box, env=env,
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        output = []

        def wait_for(count, seconds=60):
            deadline = time.monotonic() + seconds
            while sum("Watching katas/" in line for line in output) < count and time.monotonic() < deadline:
                line = process.stdout.readline()
                if not line:
                    break
                output.append(line)

        wait_for(1)
        time.sleep(0.1)  # a new modification time, even on file systems that keep it coarse
        edit(box / f"katas/{KATA}.py", stub_line("step"), "return 1")
        wait_for(2)
        process.send_signal(signal.SIGINT)
        rest, _ = process.communicate(timeout=30)
        return process.returncode, "".join(output) + rest

    return {"fresh": fresh, "wrong": wrong, "endless": endless, "solved": solved, "spoiler": spoiler,
            "watch": watch}


def _kata_test_runs(tmp):
    """The kata tests against the reference, and against stubs freshly generated from it."""
    from katas._runner.registry import KATAS
    from katas._runner.stubgen import make_stub

    def pytest_on(folder, *options):
        report = folder.parent / "report.xml"
        done = run([sys.executable, "-m", "pytest", str(folder), "-q", "-p", "no:cacheprovider", "--tb=no",
                    f"--junitxml={report}", *options], cwd=folder.parent)
        return done, report

    def reference():
        return pytest_on(make_sandbox(tmp / "reference") / "katas", "--solutions")

    def stubs():
        box = make_sandbox(tmp / "stubs")
        for kata in KATAS:
            source = (ROOT / kata.solution_file).read_text(encoding="utf-8")
            (box / kata.file).write_text(make_stub(source, kata.module), encoding="utf-8")
        return pytest_on(box / "katas")

    return {"reference": reference, "stubs": stubs}


@pytest.fixture(scope="session")
def scenarios(tmp_path_factory):
    """Every slow run, started together; scenarios[name] waits for that one and returns its result."""
    tmp = tmp_path_factory.mktemp("scenarios")
    jobs = {**_kata_test_runs(tmp), **_learner_scenarios(tmp)}
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = {name: pool.submit(job) for name, job in jobs.items()}
        yield {name: future.result for name, future in futures.items()}


@pytest.fixture(scope="session", autouse=True)
def _start_scenarios_early(scenarios):
    """Start the slow runs at the very beginning, whichever test comes first."""


def pytest_collection_modifyitems(items):
    """Tests that read a background run go last: the others use the CPU while those runs work."""
    items.sort(key=lambda item: "scenarios" in inspect.signature(item.function).parameters)
