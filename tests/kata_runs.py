"""The self-check's two kata-wide runs: every kata's tests against the reference and against the stubs
generated from it, each in a sandbox of its own (`python -m tests.kata_runs FOLDER`).

Both run in processes forked from this one once it has imported numpy, pytest and sympy, so the two
runs share one interpreter's start. The reference's checks run in Korean, the stubs' in English. Each leaves FOLDER/NAME/report.xml (JUnit) and output.txt.
"""

import gc
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import make_sandbox

RUNS = {"reference": ["--solutions"], "stubs": []}
LANGUAGE = {"reference": "ko", "stubs": "en"}  # the reference's checks run as a Korean learner's do


def _pytest(box, options):
    for name in [name for name in sys.modules if name == "katas" or name.startswith("katas.")]:
        del sys.modules[name]  # the sandbox's katas package, not this repository's
    sys.path.insert(0, str(box))
    os.chdir(box)
    os.environ["KATA_LANG"] = LANGUAGE[box.name]
    import pytest

    return int(pytest.main(["katas", "-q", "-p", "no:cacheprovider", "--tb=no", f"--rootdir={box}",
                            f"--junitxml={box / 'report.xml'}", *options]))


def main(folder):
    boxes = {name: make_sandbox(Path(folder) / name) for name in RUNS}
    if not hasattr(os, "fork"):
        for name, box in boxes.items():
            subprocess.run([sys.executable, "-m", "pytest", "katas", "-q", "-p", "no:cacheprovider", "--tb=no",
                            f"--junitxml={box / 'report.xml'}", *RUNS[name]], cwd=box, capture_output=True,
                           env={**os.environ, "KATA_LANG": LANGUAGE[name]})
        return
    import numpy  # noqa: F401  loaded once, before the forks share them
    import pytest  # noqa: F401
    import sympy  # noqa: F401
    import tabulate  # noqa: F401

    gc.collect()
    gc.freeze()  # what the forks share stays out of their collections (fast, and no copy-on-write)

    pids = []
    for name, box in boxes.items():
        pid = os.fork()
        if pid == 0:
            code = 3
            try:
                output = os.open(box / "output.txt", os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
                os.dup2(output, 1)
                os.dup2(output, 2)
                code = _pytest(box, RUNS[name])
            finally:
                sys.stdout.flush()
                os._exit(code)
        pids.append(pid)
    for pid in pids:
        os.waitpid(pid, 0)


if __name__ == "__main__":
    main(sys.argv[1])
