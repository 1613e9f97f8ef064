"""make mutate: how many wrong references do the kata tests catch?

mutmut edits the reference solutions one small change at a time (− for +, < for <=, 1 for 0,
None for an argument …) and runs the kata tests against each changed copy, a mutant. A mutant
that makes a test fail is killed. One that passes every test survives: either a test is
missing, or the change does not change what the function does (an equivalent mutant), and
tests/surviving_mutants.txt says why, in one line.

The run happens in a scratch copy of katas/ in which every stub is replaced by its reference:
mutmut names a mutant after the module it lives in, and the kata tests import katas.kNN, so the
references are mutated where the tests look for them. That is what `--solutions` arranges with
an import hook; mutmut needs the file itself in place.

Run: make mutate           (every kata; about 2 minutes on 2 cores)
     make mutate N=6       (one kata)
Exit status 1 when a kata kills fewer than 90% of its mutants, when a survivor is not explained,
or when an explanation matches no survivor any more.
"""

import ast
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

from tabulate import tabulate

from katas._runner.registry import KATAS
from tests.conftest import make_sandbox

ROOT = Path(__file__).resolve().parent.parent
EXPLAINED = ROOT / "tests" / "surviving_mutants.txt"
REQUIRED = 0.90
CAUGHT = {"killed", "timeout"}  # a mutant that never finishes is caught too


@dataclass(frozen=True)
class Change:
    """One mutant, or one explained survivor: which function, and its lines before and after."""
    module: str
    function: str
    before: tuple
    after: tuple

    @property
    def key(self):
        return self.module, self.function, self.after

    def show(self, indent="  "):
        return "\n".join([f"{indent}- {line}" for line in self.before] + [f"{indent}+ {line}" for line in self.after])


def read_explained(path=EXPLAINED):
    """({Change.key: (Change, why)}, {(module, function): why}) from tests/surviving_mutants.txt.

    An entry is a header `module · function`, then either the mutated lines (`- ` before, `+ `
    after) and one `why: ` line, or one `not mutated: ` line for a function left out whole.
    """
    explained, left_out = {}, {}
    lines = path.read_text(encoding="utf-8").splitlines()
    blocks = "\n".join(line for line in lines if not line.startswith("#")).strip().split("\n\n")
    for block in filter(None, (b.strip() for b in blocks)):
        header, *rest = block.splitlines()
        module, function = (part.strip() for part in header.split("·"))
        reasons = [(key, line[len(key):].strip()) for line in rest for key in ("why:", "not mutated:")
                   if line.startswith(key)]
        if len(reasons) != 1 or not reasons[0][1]:
            raise ValueError(f"{path.name}: the entry for {header} needs one 'why:' or one 'not mutated:' line")
        (key, reason), = reasons
        if key == "not mutated:":
            left_out[module, function] = reason
            continue
        change = Change(module, function, tuple(line[2:].strip() for line in rest if line.startswith("- ")),
                        tuple(line[2:].strip() for line in rest if line.startswith("+ ")))
        explained[change.key] = (change, reason)
    return explained, left_out


def _leave_out(path, function):
    """Mark `def function(` in path with mutmut's pragma, so that it is not mutated at all."""
    source = path.read_text(encoding="utf-8")
    marked, found = re.subn(rf"^(def {re.escape(function)}\(.*\):)$", r"\1  # pragma: no mutate block", source,
                            flags=re.MULTILINE)
    if found != 1:
        sys.exit(f"{EXPLAINED.name}: {path.name} has no one-line `def {function}(…):` to leave out")
    path.write_text(marked, encoding="utf-8")


def _function_name(mangled):
    """mutmut's x_fit / xǁMulǁbackward -> fit / Mul.backward."""
    if mangled.startswith("xǁ"):
        _, cls, method = mangled.split("ǁ")
        return f"{cls}.{method}"
    return mangled[len("x_"):]


def _changes(box, module):
    """{mutant name: Change}, read from the mutated module mutmut wrote under mutants/."""
    source = (box / "mutants" / "katas" / f"{module}.py").read_text(encoding="utf-8")
    bodies = {node.name: textwrap.dedent(ast.get_source_segment(source, node)).splitlines()[1:]
              for node in ast.walk(ast.parse(source)) if isinstance(node, ast.FunctionDef) and "__mutmut_" in node.name}
    changes = {}
    for name, body in bodies.items():
        mangled, _, suffix = name.rpartition("__mutmut_")
        if suffix == "orig":
            continue
        diff = list(difflib.ndiff(bodies[f"{mangled}__mutmut_orig"], body))
        changes[f"katas.{module}.{name}"] = Change(
            module, _function_name(mangled),
            tuple(line[2:].strip() for line in diff if line.startswith("- ")),
            tuple(line[2:].strip() for line in diff if line.startswith("+ ")))
    return changes


def _statuses(box):
    """{mutant name: status} from `mutmut results --all true`."""
    done = subprocess.run([sys.executable, "-m", "mutmut", "results", "--all", "true"], cwd=box,
                          capture_output=True, text=True, check=True)
    return dict(re.findall(r"^\s*(\S+): (.+?)\s*$", done.stdout, flags=re.MULTILINE))


def run_mutmut(box, katas, left_out):
    """Mutate the references of katas inside the scratch copy box; {module: {name: (status, Change)}}."""
    for kata in katas:
        shutil.copy(ROOT / kata.solution_file, box / kata.file)
    for module, function in left_out:
        if any(kata.module == module for kata in katas):
            _leave_out(box / "katas" / f"{module}.py", function)
    (box / "setup.cfg").write_text(
        "[mutmut]\nsource_paths = katas\n"
        "only_mutate =\n" + "".join(f"    {kata.file}\n" for kata in katas)
        + "pytest_add_cli_args_test_selection =\n" + "".join(f"    {kata.test_file}\n" for kata in katas),
        encoding="utf-8")
    log = box / "mutmut.log"
    with log.open("w", encoding="utf-8") as out:
        done = subprocess.run([sys.executable, "-m", "mutmut", "run"], cwd=box, stdout=out, stderr=subprocess.STDOUT)
    if done.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace").replace("\r", "\n").splitlines()[-25:]
        sys.exit("mutmut run failed:\n" + "\n".join(tail))
    statuses = _statuses(box)
    return {kata.module: {name: (statuses.get(name, "not checked"), change)
                          for name, change in _changes(box, kata.module).items()} for kata in katas}


def report(results, explained, left_out):
    """Print the table and the survivors; return the number of problems found."""
    rows, survivors, problems = [], [], []
    by_module = {kata.module: kata for kata in KATAS}
    for module, mutants in results.items():
        kata = by_module[module]
        killed = sum(status in CAUGHT for status, _ in mutants.values())
        alive = [(status, change) for status, change in mutants.values() if status not in CAUGHT]
        known = sum(change.key in explained for _, change in alive)
        score = killed / len(mutants) if mutants else 1.0
        rows.append((kata.number, kata.title, len(mutants), killed, len(alive), known, f"{score:.1%}"))
        if score < REQUIRED:
            problems.append(f"kata {kata.number} kills {score:.1%} of its mutants; at least {REQUIRED:.0%} is required")
        for status, change in alive:
            why = explained.get(change.key, (None, None))[1]
            survivors.append(f"kata {kata.number} · {change.function}" + ("" if status == "survived" else f" ({status})")
                             + f"\n{change.show()}\n  " + (f"why: {why}" if why else "NOT EXPLAINED: add the test that "
                                                            "kills it, or say in tests/surviving_mutants.txt why it is equivalent"))
            if not why:
                problems.append(f"kata {kata.number} · {change.function}: a survivor is not explained")
        alive_keys = {change.key for _, change in alive}
        for key, (change, _) in explained.items():
            if change.module == module and key not in alive_keys:
                problems.append(f"{EXPLAINED.name}: {module} · {change.function} '+ {' / '.join(change.after)}' "
                                "no longer survives: delete its entry")
    total = [sum(row[i] for row in rows) for i in (2, 3, 4, 5)]
    rows.append(("", "all", *total, f"{total[1] / max(total[0], 1):.1%}"))
    print(tabulate(rows, headers=["kata", "", "mutants", "killed", "survived", "explained", "score"]))
    if survivors:
        print("\nThe survivors, and why no test should kill them:\n")
        print("\n\n".join(survivors))
    skipped = [f"kata {by_module[module].number} · {function}\n  {why}" for (module, function), why in left_out.items()
               if module in results]
    if skipped:
        print("\nNot mutated:\n")
        print("\n\n".join(skipped))
    print()
    for problem in problems:
        print(f"✗ {problem}")
    if not problems:
        print(f"✓ every kata kills at least {REQUIRED:.0%} of its mutants, and every survivor is explained")
    return len(problems)


def main():
    wanted = os.environ.get("KATA_N", "").strip()
    katas = [kata for kata in KATAS if not wanted or str(kata.number) == wanted.lstrip("0")]
    if not katas:
        sys.exit(f"there is no kata {wanted!r}: give a number from 1 to {len(KATAS)}, or no N for every kata")
    explained, left_out = read_explained()
    print(f"Mutating the references of {len(katas)} kata{'s' * (len(katas) > 1)} with mutmut "
          "and running the kata tests against each mutant ...", flush=True)
    start = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        results = run_mutmut(make_sandbox(Path(tmp)), katas, left_out)
    print(f"done in {time.monotonic() - start:.0f} s\n")
    return 1 if report(results, explained, left_out) else 0


if __name__ == "__main__":
    sys.exit(main())
