"""Run every wrong answer in tests/mistakes.py against its kata's tests; all must be caught. Then run
every correct answer in tests/alternatives.py; all must pass.

Run: make mistakes   (each variant runs in its own copy of the repository and a process of its own:
tests/variants.py)
"""

import os
import sys
import time
from pathlib import Path

from tabulate import tabulate

from tests.alternatives import ALTERNATIVES
from tests.mistakes import MISTAKES, SAYS
from tests.variants import verdicts

ROOT = Path(__file__).resolve().parent.parent


def caught(module, variant, phrase=None):
    """True when the kata's tests fail on the reference with the variant's edits made, and, when a
    phrase is given, the learner's report names the mistake with it."""
    return verdicts([(module, variant, "caught" if phrase is None else "report", phrase)])[0][0]


def accepted(module, variant):
    """'' when the kata's tests all pass on the reference with the variant's edits made, else pytest's lines."""
    ok, lines = verdicts([(module, variant, "accepted", None)])[0]
    return "" if ok else lines


def main():
    start = time.monotonic()
    only = os.environ.get("KATA_N", "").strip()  # make mistakes N=6: one kata's
    wanted = (lambda module: module[1:3] == f"{int(only):02d}") if only.isdigit() else (lambda module: True)
    jobs = [(module, name, variant) for module, variants in MISTAKES.items() if wanted(module)
            for name, variant in variants.items()]
    right = [(module, name, variant) for module, variants in ALTERNATIVES.items() if wanted(module)
             for name, variant in variants.items()]
    said = [SAYS.get(module, {}).get(name) for module, name, _ in jobs]
    answers = verdicts([(module, variant, "caught" if phrase is None else "report", phrase)
                        for (module, _, variant), phrase in zip(jobs, said)]
                       + [(module, variant, "accepted", None) for module, _, variant in right])
    results = [ok for ok, _ in answers[:len(jobs)]]
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
          f" ({sum(phrase is not None for phrase in said)} of them also named in the learner's report,"
          f" in English and, where the kata has a Korean catalogue, in Korean).\n")

    why = ["" if ok else lines for ok, lines in answers[len(jobs):]]
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
    print(f"\n{len(right) - rejected} of {len(right)} correct answers in other styles passed "
          f"({time.monotonic() - start:.0f} s).")
    return 1 if missed or rejected else 0


if __name__ == "__main__":
    sys.exit(main())
