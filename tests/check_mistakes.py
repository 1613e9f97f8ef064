"""Run every wrong answer in tests/mistakes.py against its kata's tests; all must be caught. Then run
every correct answer in tests/alternatives.py; all must pass.

Run: make mistakes   (a minute or two on 2 cores; each variant runs in its own copy of the repository)
"""

import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tabulate import tabulate

from tests.conftest import edit, make_sandbox
from tests.alternatives import ALTERNATIVES
from tests.mistakes import MISTAKES, SAYS, edits

ROOT = Path(__file__).resolve().parent.parent


def _run(module, variant, box):
    """Put the reference with the variant's edits made in box/katas/, and return the pytest command."""
    changed = box / "katas" / f"{module}.py"
    shutil.copy(ROOT / "solutions" / f"{module}.py", changed)
    for old, new in edits(variant):
        edit(changed, old, new)
    return [sys.executable, "-m", "pytest", f"katas/test_{module}.py", "-q", "-p", "no:cacheprovider", "--tb=line"]


def accepted(module, variant):
    """'' when the kata's tests all pass on the reference with the variant's edits made, else pytest's lines."""
    with tempfile.TemporaryDirectory() as tmp:
        box = make_sandbox(Path(tmp))
        done = subprocess.run(_run(module, variant, box), cwd=box, capture_output=True, text=True)
        if done.returncode == 0:
            return ""
        lines = [line for line in done.stdout.splitlines() if line.startswith(("FAILED", "E ", "/", "katas"))]
        return "\n".join(lines[:6]) or done.stdout[-800:] or done.stderr[-800:]


def caught(module, variant, phrase=None):
    """True when the kata's tests fail on the reference with the variant's edits made, and, when a
    phrase is given, the learner's report (python -m katas kata N) names the mistake with it."""
    with tempfile.TemporaryDirectory() as tmp:
        box = make_sandbox(Path(tmp))
        command = _run(module, variant, box)
        if phrase is not None:
            done = subprocess.run([sys.executable, "-m", "katas", "kata", str(int(module[1:3]))], cwd=box,
                                  capture_output=True, text=True)
            return done.returncode == 1 and phrase in done.stdout
        done = subprocess.run(command[:4] + ["-x", "-q", "-p", "no:cacheprovider", "--tb=no"], cwd=box,
                              capture_output=True, text=True)
        return done.returncode == 1


def main():
    jobs = [(module, name, variant) for module, variants in MISTAKES.items() for name, variant in variants.items()]
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda job: caught(job[0], job[2], SAYS.get(job[0], {}).get(job[1])), jobs))
    rows = {}
    for (module, name, _), ok in zip(jobs, results):
        rows.setdefault(module, [0, 0, []])
        rows[module][0 if ok else 1] += 1
        if not ok:
            rows[module][2].append(name)
    print(tabulate([(m, c, len(SAYS.get(m, {})), s, ", ".join(names)) for m, (c, s, names) in rows.items()],
                   headers=["kata", "caught", "named in the report", "not caught", "which"]))
    missed = sum(s for _, s, _ in rows.values())
    print(f"\n{len(jobs) - missed} of {len(jobs)} wrong answers caught"
          f" ({sum(map(len, SAYS.values()))} of them also named in the learner's report).\n")

    right = [(module, name, variant) for module, variants in ALTERNATIVES.items() for name, variant in variants.items()]
    with ThreadPoolExecutor(max_workers=2) as pool:
        why = list(pool.map(lambda job: accepted(job[0], job[2]), right))
    table = {}
    for (module, name, _), failed in zip(right, why):
        table.setdefault(module, [0, []])
        if failed:
            table[module][1].append(name)
            print(f"{module}, {name!r}: a correct answer the tests reject\n{failed}\n")
        else:
            table[module][0] += 1
    print(tabulate([(m, passed, len(rejected), ", ".join(rejected)) for m, (passed, rejected) in table.items()],
                   headers=["kata", "correct answers passed", "rejected", "which"]))
    rejected = sum(len(r) for _, r in table.values())
    print(f"\n{len(right) - rejected} of {len(right)} correct answers in other styles passed.")
    return 1 if missed or rejected else 0


if __name__ == "__main__":
    sys.exit(main())
