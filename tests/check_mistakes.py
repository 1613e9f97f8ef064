"""Run every wrong answer in tests/mistakes.py against its kata's tests; all must be caught.

Run: make mistakes   (about a minute on 2 cores; each variant runs in its own copy of the repository)
"""

import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tabulate import tabulate

from tests.conftest import edit, make_sandbox
from tests.mistakes import MISTAKES, SAYS, edits

ROOT = Path(__file__).resolve().parent.parent


def caught(module, variant, phrase=None):
    """True when the kata's tests fail on the reference with the variant's edits made, and, when a
    phrase is given, the learner's report (python -m katas kata N) names the mistake with it."""
    with tempfile.TemporaryDirectory() as tmp:
        box = make_sandbox(Path(tmp))
        wrong = box / "katas" / f"{module}.py"
        shutil.copy(ROOT / "solutions" / f"{module}.py", wrong)
        for old, new in edits(variant):
            edit(wrong, old, new)
        if phrase is not None:
            done = subprocess.run([sys.executable, "-m", "katas", "kata", str(int(module[1:3]))], cwd=box,
                                  capture_output=True, text=True)
            return done.returncode == 1 and phrase in done.stdout
        done = subprocess.run([sys.executable, "-m", "pytest", f"katas/test_{module}.py", "-x", "-q",
                               "-p", "no:cacheprovider", "--tb=no"], cwd=box, capture_output=True, text=True)
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
          f" ({sum(map(len, SAYS.values()))} of them also named in the learner's report).")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
