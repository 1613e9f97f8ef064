"""Time the learner's two commands: `make kata N=1` and `make test`.

`make kata N=1` is compared with bare `python -c "import numpy, sympy, pytest"` in the same run,
since those imports are the floor for any kata that checks against sympy. Run: make bench
"""

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")


def median_seconds(command, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    floor = median_seconds([PY, "-c", "import numpy, sympy, pytest"], repeat)
    kata = median_seconds(["make", "-s", "kata", "N=1"], repeat)
    test = median_seconds(["make", "-s", "test"], max(1, repeat // 3))
    print(f"bare imports (numpy, sympy, pytest)  median {floor:.2f} s over {repeat} runs")
    print(f"make kata N=1                        median {kata:.2f} s  ({kata / floor:.2f}× the bare imports)")
    print(f"make test                            median {test:.2f} s over {max(1, repeat // 3)} runs")


if __name__ == "__main__":
    main()
