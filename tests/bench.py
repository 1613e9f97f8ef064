"""Benchmarks behind the speed figures in the README. Run: make bench  (several minutes)

1. For every kata, `make kata N=k` on its stub (red) and on its reference (green, `make solution`),
   and `make list`, each against bare `python -c "import numpy, sympy, pytest"` run in turn with
   it: those imports are the floor for any kata whose tests check against sympy. They run in a copy
   of the repository made from the generated stubs, so the learner's own files play no part.
2. `make test`.
3. mlp2.py's training loop as the textbook prints it (numpy, one sample at a time) against the
   reference's two forms of the same arithmetic: fit() with numpy and fit_by_hand() with floats.
4. One epoch on the four XOR samples: kata 11's full batch (one matrix step) against kata 9's
   per-sample loop (four steps), both numpy, 2-2-1.
5. The pictures of a green result: importing uniplot in a process that has numpy, pytest and sympy
   (as the runner's child has), and drawing each kind of picture once.
6. `make watch` at a pseudo-terminal: for every kata, from the moment its file is saved to the last
   line under the report, on the stub (red) and on the reference (green), against `make kata` less
   the interpreter's start-up (`python -c pass`); then the memory (RSS) and the CPU the waiting watch
   uses. `--watch` runs this part alone:  .venv/bin/python tests/bench.py --watch
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PY = str(ROOT / ".venv" / "bin" / "python")


def median_seconds(command, repeat, cwd=ROOT):
    return interleaved([command], repeat, cwd)[0]


def learner_loop(repeat):
    """The learner's commands against the floor, in a sandbox of stubs; prints a table. The floor is
    measured again beside each row, in turn with its commands, so that a machine whose speed drifts
    during the run (a shared one does) divides each command by the floor of its own moment."""
    import tempfile

    from tabulate import tabulate

    from katas._runner.registry import KATAS
    from tests.conftest import make_sandbox, with_make

    floor_command = [PY, "-c", "import numpy, sympy, pytest"]
    with tempfile.TemporaryDirectory() as tmp:
        box = with_make(make_sandbox(Path(tmp)))
        rows, floors = [], []
        for kata in KATAS:
            floor, red, green = interleaved([floor_command, ["make", "-s", "kata", f"N={kata.number}"],
                                             ["make", "-s", "solution", f"N={kata.number}"]], repeat, box)
            floors.append(floor)
            rows.append((kata.number, f"{floor:.2f}", f"{red:.2f}", f"{red / floor:.2f}×", f"{green:.2f}",
                         f"{green / floor:.2f}×"))
        floor, listing = interleaved([floor_command, ["make", "-s", "list"]], repeat, box)
    print(f"bare imports (numpy, sympy, pytest), the floor: {min(floors):.2f} to {max(floors):.2f} s "
          f"(medians of {repeat} runs, one beside each row)\n")
    print(tabulate(rows, headers=["kata", "floor (s)", "red (s)", "red / floor", "green (s)", "green / floor"]))
    print(f"\nmake list (every kata, stubs): {listing:.2f} s, {listing / floor:.2f}× the floor ({floor:.2f} s)")


def interleaved(commands, repeat, cwd):
    """The median seconds of each command, run in turn (a, b, c, a, b, c, …) `repeat` times."""
    times = [[] for _ in commands]
    for _ in range(repeat):
        for command, seen in zip(commands, times):
            start = time.perf_counter()
            subprocess.run(command, cwd=cwd, capture_output=True)
            seen.append(time.perf_counter() - start)
    return [statistics.median(seen) for seen in times]


def _tree(pid):
    """pid and every process under it (Linux /proc)."""
    children = {}
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit():
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                children.setdefault(parent, []).append(int(entry.name))
        except (OSError, IndexError, ValueError):
            pass
    found, todo = [], [pid]
    while todo:
        found.append(todo.pop())
        todo += children.get(found[-1], [])
    return found


def _rss_mb(pids):
    total = 0
    for pid in pids:
        try:
            text = Path(f"/proc/{pid}/status").read_text()
            total += int(next(line.split()[1] for line in text.splitlines() if line.startswith("VmRSS:")))
        except (OSError, StopIteration):
            pass
    return total / 1024


def _cpu_seconds(pids):
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        except (OSError, IndexError):
            pass
    return total / os.sysconf("SC_CLK_TCK")


def watch_loop(repeat):
    """make watch at a pseudo-terminal: save → the last line under the report, for every kata, each
    save right after `make kata` on the same file, so that both meet the same load."""
    import tempfile

    from tabulate import tabulate

    from katas._runner.registry import KATAS
    from katas._runner.watch import POLL
    from tests.conftest import make_sandbox, with_make
    from tests.learner import WATCH_KEYS, Terminal

    load = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        box = with_make(make_sandbox(Path(tmp)))
        start_up = median_seconds([PY, "-c", "pass"], repeat)
        rows, memory, idle = [], None, None
        with Terminal(["watch", "1"], box) as terminal:
            terminal.until(WATCH_KEYS)
            terminal.until("· 0 solved\r\n", seconds=120)  # the other katas are checked: the watch waits

            time.sleep(1.5)  # the warm process has collected its last run
            pids = _tree(terminal.process.pid)  # the watch and the warm process
            memory = _rss_mb(pids)
            before = _cpu_seconds(pids)
            time.sleep(5)
            idle = (_cpu_seconds(pids) - before) / 5

            def saved(kata, text):
                """(make kata, the watch) in seconds, medians over `repeat` saves of `text`."""
                path, made, watched, shown = box / kata.file, [], [], ""
                for index in range(repeat):
                    path.write_text(f"{text}\n# save {index}\n", encoding="utf-8")
                    terminal.until(WATCH_KEYS)  # the watch's run of that save, before make kata's
                    made.append(median_seconds(["make", "-s", "kata", f"N={kata.number}"], 1, cwd=box))
                    time.sleep(0.2)
                    path.write_text(f"{text}\n# save {index}, again\n", encoding="utf-8")
                    begun = time.perf_counter()
                    shown = terminal.until(WATCH_KEYS, seconds=120)
                    watched.append(time.perf_counter() - begun)
                return statistics.median(made), statistics.median(watched), shown

            for kata in KATAS:
                make_red, red, _ = saved(kata, (box / kata.file).read_text(encoding="utf-8"))
                make_green, green, shown = saved(kata, (box / kata.solution_file).read_text(encoding="utf-8"))
                assert "pass ✓" in shown, shown
                rows.append((kata.number, f"{red:.2f}", f"{make_red - start_up:.2f}", f"{green:.2f}",
                             f"{make_green - start_up:.2f}",
                             "yes" if red <= make_red - start_up and green <= make_green - start_up else "NO"))
                terminal.press("n")
                terminal.until(WATCH_KEYS)
            terminal.press("q")
            terminal.until("Stopped watching.")
    print(f"\nmake watch: from the save to the last line under the report, median of {repeat} saves, against "
          f"make kata on the same file less the interpreter's start-up (python -c pass: {start_up:.2f} s)\n")
    print(tabulate(rows, headers=["kata", "red (s)", "make kata − start-up", "green (s)",
                                  "make kata (solved) − start-up", "within"]))
    print(f"\nthe waiting watch (its process and the warm one): {memory:.0f} MB RSS, "
          f"{idle * 100:.1f}% of one core (it looks at the file {1 / POLL:.0f} times a second)")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in load)}, after: "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} (2 cores)")


def course_loop(epochs):
    """mlp2.py's fit(), as the textbook prints it (globals made local)."""
    def actf(x):
        return 1 / (1 + np.exp(-x))

    def actf_deriv(x):
        return x * (1 - x)

    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
    T = np.array([[0], [1], [1], [0]])
    W1 = np.array([[0.10, 0.20], [0.30, 0.40]])
    W2 = np.array([[0.50], [0.60]])
    B1 = np.array([0.1, 0.2])
    B2 = np.array([0.3])
    learning_rate = 0.2
    for i in range(epochs):
        for x, y in zip(X, T):
            x = np.reshape(x, (1, -1))
            y = np.reshape(y, (1, -1))
            layer0 = x
            layer1 = actf(np.dot(layer0, W1) + B1)
            layer2 = actf(np.dot(layer1, W2) + B2)
            layer2_error = layer2 - y
            layer2_delta = layer2_error * actf_deriv(layer2)
            layer1_error = np.dot(layer2_delta, W2.T)
            layer1_delta = layer1_error * actf_deriv(layer1)
            W2 += -learning_rate * np.dot(layer1.T, layer2_delta)
            W1 += -learning_rate * np.dot(layer0.T, layer1_delta)
            B2 += -learning_rate * np.sum(layer2_delta, axis=0)
            B1 += -learning_rate * np.sum(layer1_delta, axis=0)
    return W1, B1, W2, B2


def timed(function, *args):
    start = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs of each command (the median is reported)")
    parser.add_argument("--epochs", type=int, default=90_000, help="mlp2 epochs (the textbook's 90 000)")
    parser.add_argument("--watch", action="store_true", help="only make watch's part (6.)")
    args = parser.parse_args()

    if args.watch:
        watch_loop(args.repeat)
        return
    learner_loop(args.repeat)
    test_runs = max(1, args.repeat // 2)
    test = median_seconds(["make", "-s", "test"], test_runs)
    print(f"make test: median {test:.2f} s over {test_runs} runs")

    from solutions.k09_mlp_backprop import PARAMS, T, X, fit, fit_by_hand

    course_s, course = timed(course_loop, args.epochs)
    numpy_s, by_numpy = timed(fit, X, T, PARAMS, 0.2, args.epochs)
    floats_s, by_hand = timed(fit_by_hand, args.epochs)
    largest = max(float(np.max(np.abs(np.asarray(a) - np.asarray(b))))
                  for ours in (by_numpy, by_hand) for a, b in zip(course, ours))
    print(f"\nmlp2, {args.epochs} epochs (one run each):")
    print(f"  the textbook's loop     {course_s:6.2f} s")
    print(f"  reference fit (numpy)   {numpy_s:6.2f} s")
    print(f"  reference fit_by_hand   {floats_s:6.2f} s  (1/{course_s / floats_s:.0f} of the textbook's loop)")
    print(f"  largest difference from the textbook's loop: {largest:.1e} (0 where this CPU rounds alike)")

    from solutions import k11_learning_xor as k11

    epochs = 5000
    batch_s, _ = timed(k11.train, k11.X, k11.T, [2, 2, 1], 1.0, epochs)
    loop_s, _ = timed(fit, X, T, PARAMS, 0.2, epochs)
    print(f"\none epoch of XOR, 2-2-1, numpy ({epochs} epochs each):")
    print(f"  full batch (kata 11)    {batch_s / epochs * 1e6:6.1f} µs per epoch")
    print(f"  per sample (kata 9)     {loop_s / epochs * 1e6:6.1f} µs per epoch  ({loop_s / batch_s:.1f}× the batch)")

    pictures_cost()
    watch_loop(args.repeat)


def pictures_cost():
    """Import uniplot after the child's preload, then draw each kind of picture (first and second time)."""
    code = ("import time, numpy, pytest, sympy, tabulate; start = time.perf_counter(); import uniplot; "
            "print(time.perf_counter() - start)")
    imports = [float(subprocess.run([PY, "-c", code], capture_output=True, text=True).stdout) for _ in range(5)]
    print(f"\npictures: importing uniplot after numpy, pytest, sympy: median {statistics.median(imports) * 1e3:.0f} ms")

    import uniplot  # noqa: F401  (its import is timed above)

    from katas._runner.pictures import arrow_field, decision_regions, line_plot

    steps = 10.0 ** -np.arange(1, 14, 0.25)
    errors = {"forward": (steps, np.abs((np.sin(1 + steps) - np.sin(1)) / steps - np.cos(1))),
              "central": (steps, np.abs((np.sin(1 + steps) - np.sin(1 - steps)) / (2 * steps) - np.cos(1)))}
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
    drawings = [
        ("line_plot, 2 curves, log-log", lambda: line_plot(errors, log_x=True, log_y=True, unicode=True, color=False)),
        ("decision_regions, XOR band", lambda: decision_regions(
            lambda G: np.abs(G.sum(axis=1) - 1) < 0.5, X, [0, 1, 1, 0], unicode=True, color=False)),
        ("arrow_field, 9 x 7 arrows", lambda: arrow_field(
            lambda x, y: (-2 * x, -2 * y), path=[(3, 4), (0, 0)], unicode=True, color=False)),
    ]
    for name, draw in drawings:
        first, _ = timed(draw)
        second, _ = timed(draw)
        print(f"  {name:30s} {first * 1e3:6.1f} ms first, {second * 1e3:6.1f} ms after")


if __name__ == "__main__":
    main()
