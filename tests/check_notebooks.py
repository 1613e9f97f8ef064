"""The maintainers' side of the notebooks (katas/_runner/notebook.py), with the tools of
tests/requirements-dev.txt:

    python -m tests.check_notebooks write     (make notebooks) write katas/notebooks/ from the stubs,
                                              cross-checked with jupytext and nbformat
    python -m tests.check_notebooks execute   (make notebooks-check) run every committed notebook,
                                              English and Korean, top to bottom in a real kernel
                                              (nbclient, ipykernel)

The generator itself needs only the standard library, so that `make test` can check the committed
notebooks without these tools. jupytext reads the same percent-format stub here: its cells must be the
generator's, and nbformat must accept every notebook.

execute runs each notebook as a learner would, in a kernel of its own started in katas/notebooks/: the
committed notebook first (its check must say that each function is "not written yet" and nothing else
fails), then, in the same kernel, cells holding the reference's bodies and the check cell again (it
must be green and show the kata's result). That exercises what only a real kernel can: the cell
sources IPython keeps in linecache, a later cell's definition replacing an earlier one's.
"""

import json
import re
import sys
import time

from katas._runner import notebook
from katas._runner.files import stub_bytes
from katas._runner.registry import KATAS
from katas._runner.stubgen import FENCE

ROOT = notebook.ROOT
TIMEOUT = 120  # seconds for one cell (a check cell runs the kata's checks and its result)


def cross_check(kata):
    """Problems (lines) where jupytext reads the kata's stub otherwise than the generator does."""
    import jupytext
    import nbformat

    stub = stub_bytes(kata).decode("utf-8")
    ours = json.loads(notebook.generated(kata))
    nbformat.validate(nbformat.reads(json.dumps(ours), as_version=4))
    theirs = jupytext.reads(stub, fmt="py:percent")
    their_code = [c.source for c in theirs.cells if c.cell_type == "code" and not notebook.is_demo(c.source)]
    our_code = ["".join(c["source"]) for c in ours["cells"][2:-1]]
    problems = []
    if their_code != our_code:
        problems.append(f"{kata.module}: jupytext's code cells differ from the notebook's")
    their_lesson = [c.source for c in theirs.cells if c.cell_type == "markdown"]
    our_lesson = [s for kind, _, s in notebook.percent_cells(stub) if kind == "markdown"]
    if their_lesson != our_lesson:
        problems.append(f"{kata.module}: jupytext reads the lesson otherwise")
    back = jupytext.reads(json.dumps(ours), fmt="ipynb")  # the notebook opens in jupytext too
    if len(back.cells) != len(ours["cells"]):
        problems.append(f"{kata.module}: jupytext reads {len(back.cells)} cells, not {len(ours['cells'])}")
    return problems


def write():
    written = notebook.write_all()
    for path in written:
        print(f"wrote {path.relative_to(ROOT)}")
    if not written:
        print(f"{notebook.FOLDER}/ is current ({len(KATAS)} notebooks)")
    problems = [line for kata in KATAS for line in cross_check(kata)]
    for line in problems:
        print(line)
    if not problems:
        print("jupytext reads every stub as the notebooks have it; nbformat accepts them")
    return 1 if problems else 0


def _code(source):
    import nbformat

    return nbformat.v4.new_code_cell(source)


def _text(outputs):
    """What a cell printed, and its errors' names and values."""
    parts = []
    for output in outputs:
        if output.get("output_type") == "stream":
            parts.append(output.get("text", ""))
        elif output.get("output_type") == "error":
            parts.append(f"ERROR {output.get('ename')}: {output.get('evalue')}")
    return "".join(parts)


def _said(message, language, plural=False, **fixed):
    """A regular expression for a runner message as the report prints it in a language: a {field}
    matches a number (a function name for {function}), or the text given for it in fixed."""
    from katas._runner import i18n

    translations = i18n.translations(language)
    text = translations.ngettext(message, message.replace("check", "checks"), 2) if plural else translations.gettext(message)
    return re.sub(r"\\\{(\w+)\\\}", lambda m: re.escape(fixed[m.group(1)]) if m.group(1) in fixed
                  else r"([\w.]+)" if m.group(1) == "function" else r"\d+", re.escape(text))


def execute_one(kata, language="en"):
    """(problems, seconds) for one kata's notebook in a language run in a kernel: the stubs, then the reference."""
    import nbformat
    from nbclient import NotebookClient

    from katas._runner import i18n

    path = ROOT / notebook.notebook_path(kata, language=language)
    nb = nbformat.reads(path.read_text(encoding="utf-8"), as_version=4)
    committed = len(nb.cells)
    reference = (ROOT / kata.solution_file).read_text(encoding="utf-8")
    for _, _, source in [c for c in notebook.percent_cells(reference) if c[0] == "code" and not notebook.is_demo(c[2])]:
        nb.cells.append(_code("".join(line for line in source.splitlines(True) if not FENCE.match(line))))
    nb.cells.append(_code(notebook.check_source(kata.number, language=language)))
    start = time.monotonic()
    client = NotebookClient(nb, timeout=TIMEOUT, kernel_name="python3",
                            resources={"metadata": {"path": str(ROOT / notebook.FOLDER)}})
    client.execute()
    seconds = time.monotonic() - start
    problems = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and any(o.get("output_type") == "error" for o in cell.outputs):
            problems.append(f"{path.name} ({language}): cell {index} raised: {_text(cell.outputs)[-300:]}")
    red, green = _text(nb.cells[committed - 1].outputs), _text(nb.cells[-1].outputs)
    stub = stub_bytes(kata).decode("utf-8")
    todo = set(re.findall(r"kata \d+ · ([\w.]+)\(\) is not written yet", stub))
    said = set(re.findall("✗ " + _said("{function}() is not written yet", language), red))
    if said != todo or not re.search(_said("{passed} of {n} check pass", language, plural=True, passed="0"), red):
        problems.append(f"{path.name} ({language}): the stubs' check does not say that each function is not written yet:\n{red[-800:]}")
    if not re.search(_said("All {n} check pass ✓", language, plural=True), green) or i18n.translations(language).gettext(notebook.TEXT["no result"]) in green:
        problems.append(f"{path.name} ({language}): the reference's check is not green with its result:\n{green[-800:]}")
    return problems, seconds


def execute(numbers=()):
    problems, total = [], time.monotonic()
    from katas._runner import i18n

    for language in i18n.LANGUAGES:
        for kata in KATAS:
            if numbers and kata.number not in numbers:
                continue
            found, seconds = execute_one(kata, language)
            print(f"kata {kata.number:2} ({language}): {'ok' if not found else 'FAILED'} ({seconds:.1f} s)", flush=True)
            problems += found
    for line in problems:
        print(line)
    print(f"{'every notebook' if not problems else 'notebooks'} run in {time.monotonic() - total:.1f} s"
          + ("" if not problems else f": {len(problems)} problems"))
    return 1 if problems else 0


def main(argv):
    if argv[:1] == ["write"]:
        return write()
    if argv[:1] == ["execute"]:
        return execute({int(n) for n in argv[1:]})
    print(__doc__.split("\n\n")[1], file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
