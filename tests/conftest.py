"""Shared pieces of the repository's self-check.

Most of the time in `make test` is spent in fresh Python processes (the runner, pytest on the
katas), each importing numpy, sympy and pytest. The `scenarios` fixture starts all of them at once
when the session begins, each in its own copy of the repository, and the tests read their results.
"""

import functools
import os
import shutil
import signal
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_REPOSITORY = ROOT  # ROOT as it was loaded (a test may point ROOT at another copy)
# A shell starts a background job (`make test &`, some CI runners) with SIGINT ignored, and every
# process inherits that: the scenarios that press Ctrl-C would see it do nothing. A handler of our own
# is not inherited: the processes the self-check starts get the default, as at a terminal.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)
KATA = "k04_gate_perceptrons"  # the learner scenarios use kata 4: its tests need no sympy, so they start fast
_STARTING_ENVIRONMENT = dict(os.environ)


def environment():
    """The environment for a command: the session's as it started when the caller is a background
    scenario (a test meanwhile may have monkeypatched os.environ, say KATA_LANG=ko), else the current one."""
    if threading.current_thread() is threading.main_thread():
        return dict(os.environ)
    return dict(_STARTING_ENVIRONMENT)


def stub_line(function):
    return f'raise NotImplementedError("kata 4 · {function}() is not written yet — edit katas/{KATA}.py")'


def run(args, cwd=ROOT, env=None, timeout=120):
    """Run a command with the learner's variables cleared; return the CompletedProcess (text)."""
    full_env = {k: v for k, v in environment().items() if k not in ("KATA_N", "KATA_ALL", "KATA_FULL", "N")}
    full_env.update(env or {})
    return subprocess.run(args, cwd=cwd, env=full_env, capture_output=True, text=True, timeout=timeout)


def runner(args, cwd, env=None):
    """`python -m katas ...` in a copy of the repository."""
    return run([sys.executable, "-m", "katas", *args], cwd=cwd, env=env)


def make_sandbox(path):
    """A copy of the repository where a test may play the learner: katas/ and solutions/, with every
    kata file the stub generated from its reference, never the working file (which may hold the
    learner's answers), so the self-check stays the same whatever the learner has done.

    It is copied from a template made once per process (template()), whose __pycache__ already holds
    the checks compiled with pytest's assertion rewriting: no sandbox compiles them again. The kata
    files' own compiled code is left behind, since a test may edit a kata file within the second
    (and to the same size) its template copy was compiled from."""
    ignore = shutil.ignore_patterns("k[0-9][0-9]_*.pyc")
    for folder in ("katas", "solutions"):
        shutil.copytree(template() / folder, path / folder, ignore=ignore)
    return path


_TEMPLATES = {}
_TEMPLATE_LOCK = threading.Lock()


def template():
    """The sandboxes' template for this repository: made on first use (a few seconds), then kept until
    the process ends. KATA_SANDBOX_TEMPLATE names one a parent process made already."""
    with _TEMPLATE_LOCK:
        if ROOT not in _TEMPLATES:
            given = os.environ.get("KATA_SANDBOX_TEMPLATE")
            _TEMPLATES[ROOT] = Path(given) if given and ROOT == _REPOSITORY else _make_template()
        return _TEMPLATES[ROOT]


def _make_template():
    import atexit
    import tempfile

    from katas._runner.registry import KATAS

    path = Path(tempfile.mkdtemp(prefix="kata-template-"))
    atexit.register(shutil.rmtree, path, ignore_errors=True)  # forks end with os._exit: only the maker removes it
    ignore = shutil.ignore_patterns("__pycache__", ".pytest_cache", "*.bak", "k[0-9][0-9]_*.py")
    for folder in ("katas", "solutions"):
        shutil.copytree(ROOT / folder, path / folder, ignore=ignore)
    for kata in KATAS:
        reference, stub = _generated(kata)
        (path / kata.solution_file).write_bytes(reference)
        (path / kata.file).write_bytes(stub)
    # compile everything, and collect the checks once so that pytest writes them assertion-rewritten
    warm = ("import compileall, re, sys, pytest; compileall.compile_dir('katas', quiet=1, rx=re.compile(r'test_k')); "
            "sys.exit(pytest.main(['katas', '--collect-only', '-q', '-p', 'no:cacheprovider']))")
    env = {k: v for k, v in environment().items() if k not in ("PYTHONDONTWRITEBYTECODE", "KATA_SANDBOX_TEMPLATE")}
    subprocess.run([sys.executable, "-c", warm], cwd=path, env=env, capture_output=True, timeout=120)
    return path


@functools.cache
def _generated(kata):
    """The kata's reference and the stub generated from it, as bytes (made once per self-check)."""
    from katas._runner.stubgen import make_stub

    reference = (ROOT / kata.solution_file).read_bytes()
    return reference, make_stub(reference.decode("utf-8"), kata.module).encode("utf-8")


def with_make(box):
    """The sandbox with the Makefile and this repository's .venv, so make's verbs run in it."""
    for name in ("Makefile", "requirements.txt"):
        shutil.copy2(ROOT / name, box / name)
    (box / ".venv").symlink_to(ROOT / ".venv")
    return box


@pytest.fixture
def sandbox(tmp_path):
    return make_sandbox(tmp_path)


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _kata_test_runs(tmp):
    """The kata tests against the reference and against stubs freshly generated from it
    (tests/kata_runs.py): {name: (the run, its JUnit report)}."""
    done = run([sys.executable, "-m", "tests.kata_runs", str(tmp)], env={"KATA_SANDBOX_TEMPLATE": str(template())},
               timeout=300)
    return {name: (done, tmp / name / "report.xml") for name in ("reference", "stubs")}


@pytest.fixture(scope="session")
def scenarios(tmp_path_factory):
    """Every slow run, started together; scenarios[name] waits for that one and returns its result."""
    tmp = tmp_path_factory.mktemp("scenarios")
    from tests.learner import scenarios as learner_scenarios

    jobs = {"kata_runs": lambda: _kata_test_runs(tmp), **learner_scenarios(tmp)}
    with ThreadPoolExecutor(max_workers=6) as pool:
        futures = {name: pool.submit(job) for name, job in jobs.items()}
        results = {name: future.result for name, future in futures.items()}
        for name in ("reference", "stubs"):
            results[name] = lambda name=name: futures["kata_runs"].result()[name]
        yield results


@pytest.fixture(scope="session", autouse=True)
def _start_scenarios_early(request):
    """Start the slow runs at the very beginning, whichever test comes first, when a collected test
    reads them (a run of tests/test_lessons.py alone starts none)."""
    if any("scenarios" in item.fixturenames for item in request.session.items):
        request.getfixturevalue("scenarios")


def pytest_addoption(parser):
    parser.addoption("--without-scenarios", action="store_true",
                     help="leave out the tests that read the learner scenarios, whose sandboxes are made from the "
                          "generated stubs and never from the working files (tests/check_learner_clone.py)")


def pytest_collection_modifyitems(config, items):
    """Tests that read a background run go last: the others use the CPU while those runs work."""
    if config.getoption("--without-scenarios"):
        left_out = [item for item in items if "scenarios" in item.fixturenames]
        config.hook.pytest_deselected(items=left_out)
        items[:] = [item for item in items if "scenarios" not in item.fixturenames]
    items.sort(key=lambda item: "scenarios" in item.fixturenames)
