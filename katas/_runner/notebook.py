"""The katas as notebooks (Jupyter, Colab): generated from the stubs, checked through the runner.

    katas/notebooks/k07_gradient_descent.ipynb   (make notebooks writes one per kata)

A notebook is made from the TEXT of a kata's stub, a jupytext percent-format module, by its
structure alone, whatever the lesson's language:

    1. a set-up cell: in Colab it fetches the repository and installs requirements.txt; elsewhere it
       only makes the repository importable
    2. the lesson (the `# %% [markdown]` docstring) as a markdown cell
    3. each `# %%` cell of the stub as a code cell, the functions with their stubs (the last cell, the
       demo under `if __name__ == "__main__":`, is left out: the check shows it once green)
    4. a check cell: `check(7)`

check() runs the kata's own tests through the same runner as `make kata` (a child process, the same
time limits and isolation), against a module made of the stub with each function the notebook
defined put in place of the stub's. A function the notebook never defined keeps the stub's body, so
it is "not written yet", never a NameError; where a failing check found the code is named by its cell
(IPython's `Cell In[5], line 3`). Each function comes with its cell's imports and other functions
(the learner's helpers); nothing else in the cells is carried over. from_notebook() does the same from a saved notebook's
cells and writes the result to the kata's file (`make from-notebook N=7`), backing it up first.

Only the standard library is used here: `make test` checks that the committed notebooks are the
generated ones without jupytext, which the maintainers' `make notebooks` uses as a cross-check.
"""

import ast
import json
import linecache
import re
import sys
import textwrap
from pathlib import Path

from katas._runner import files, i18n
from katas._runner.i18n import N_, _
from katas._runner.registry import KATAS, find

# The repository's public address, the one setting a fork changes (then `make notebooks`, and the
# README's badges as tests/test_notebooks.py prints them). Colab opens the notebooks of BRANCH.
REPOSITORY = "https://github.com/OWNER/nn-katas"
BRANCH = "main"

ROOT = Path(__file__).resolve().parents[2]
FOLDER = "katas/notebooks"
CHECKED = ".progress/notebook/katas"  # the module a notebook's check runs against (ignored by git)

# The only words the notebooks and their check add to a kata's own text: a catalogue for another
# language replaces them (with the lesson and stubs of that language's kata files).
TEXT = {
    "setup": N_("Set-up: in Colab, fetch the repository and install its requirements; elsewhere, find it."),
    "check": N_("The kata's checks, run against the functions defined in this notebook."),
    "again": N_("Edit the cells above, run them, then run this cell again."),
    "no source": N_("(the source of {name} could not be found: the stub's is used)"),
    "no result": N_("(the result was not shown)"),
    "interrupted": N_("interrupted"),
    "where": N_("{cell}, line {line} in {function}"),
    "a cell": N_("your cell"),
    "environment": N_("the environment is incomplete ({why}): pip install -r requirements.txt"),
    "badge": N_("Open in Colab"),
}
COLAB = "https://colab.research.google.com"
BADGE_IMAGE = f"{COLAB}/assets/colab-badge.svg"


# ---------------------------------------------------------------- the notebook, from a kata's text


def notebook_path(kata, folder=FOLDER, language="en"):
    """katas/notebooks/kNN_topic.ipynb, and katas/notebooks/ko/kNN_topic.ipynb for the Korean one."""
    return f"{folder}/{kata.module}.ipynb" if language == "en" else f"{folder}/{language}/{kata.module}.ipynb"


def words(language="en"):
    """TEXT in a language."""
    said = i18n.translations(language).gettext
    return {key: said(value) for key, value in TEXT.items()}


def colab_url(kata, repository=REPOSITORY, branch=BRANCH, language="en"):
    """Colab's address for the kata's committed notebook."""
    owner_name = repository.rstrip("/").removeprefix("https://github.com/")
    return f"{COLAB}/github/{owner_name}/blob/{branch}/{notebook_path(kata, language=language)}"


def badge(kata, language="en"):
    """The README's "Open in Colab" badge for a kata: markdown."""
    return f"[![{words(language)['badge']}]({BADGE_IMAGE})]({colab_url(kata, language=language)})"


def percent_cells(text):
    """[(kind, title, source), …] of a percent-format module: kind "markdown" or "code"; a markdown
    cell written as a docstring gives the docstring's text, one written as comments its text."""
    cells, header, lines = [], None, []

    def close():
        if header is None:
            return
        rest = header[len("# %%"):].strip()
        kind = "markdown" if rest.startswith("[markdown]") else "code"
        title = rest.removeprefix("[markdown]").strip()
        source = "".join(lines).strip("\n")
        if kind == "markdown":
            source = _markdown_text(source)
        cells.append((kind, title, source))

    for line in text.splitlines(keepends=True):
        if line.startswith("# %%"):
            close()
            header, lines = line.rstrip("\n"), []
        elif header is not None:
            lines.append(line)
    close()
    return cells


def _markdown_text(source):
    """The text of a markdown cell: a docstring's value, or comment lines without their `# `."""
    try:
        tree = ast.parse(source)
        if len(tree.body) == 1 and isinstance(tree.body[0], ast.Expr) and isinstance(tree.body[0].value, ast.Constant):
            return str(tree.body[0].value.value).strip("\n")
    except SyntaxError:
        pass
    return "\n".join(re.sub(r"^# ?", "", line) for line in source.splitlines())


def is_demo(source):
    """True for the demo cell: code that runs only under `if __name__ == "__main__":`."""
    try:
        body = ast.parse(source).body
    except SyntaxError:
        return False
    return (len(body) == 1 and isinstance(body[0], ast.If) and isinstance(body[0].test, ast.Compare)
            and ast.unparse(body[0].test).replace("'", '"') == '__name__ == "__main__"')


def _escape(line):
    """Markdown's special characters in a line of prose, taken literally."""
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", line)


def lesson_markdown(lesson):
    """The lesson's plain text as markdown, by its layout: the first line is the title; a line at the
    left margin followed by indented lines is a section's heading; indented text stays as it is laid
    out (a fenced block); other text at the margin is a paragraph."""
    lines = lesson.splitlines()
    out = [f"# {_escape(lines[0].strip())}", ""] if lines else []
    block = []

    def flush():
        if block:
            body = textwrap.dedent("\n".join(block)).strip("\n")
            fence = "`" * max(3, 1 + max((len(run) for run in re.findall(r"`+", body)), default=0))
            out.extend([f"{fence}text", body, fence, ""])
            block.clear()

    rest = lines[1:]
    for index, line in enumerate(rest):
        if not line.strip():
            if block:
                block.append("")
            elif out and out[-1] != "":
                out.append("")
            continue
        if line[0] in " \t":
            block.append(line)
            continue
        flush()
        following = next((l for l in rest[index + 1:] if l.strip()), "")
        if following[:1] in (" ", "\t") and (index + 1 < len(rest) and rest[index + 1].strip()):
            out.extend([f"## {_escape(line.strip())}", ""])
        else:
            out.append(_escape(line))
    flush()
    return "\n".join(out).strip("\n")


def _cell(cell_type, source, cell_id, **metadata):
    cell = {"cell_type": cell_type, "id": cell_id, "metadata": metadata,
            "source": source.splitlines(keepends=True)}
    if cell_type == "code":
        cell.update(execution_count=None, outputs=[])
    return cell


def setup_source(repository=REPOSITORY, branch=BRANCH, catalogue=TEXT):
    """The first cell: in Colab, clone the repository, cd into it and install requirements.txt;
    anywhere, put the repository (the folder above, holding katas/_runner) on the import path."""
    folder = repository.rstrip("/").rsplit("/", 1)[-1]
    return f'''# {catalogue["setup"]}
import os, subprocess, sys

REPOSITORY, BRANCH = {repository!r}, {branch!r}
if "google.colab" in sys.modules:
    if not os.path.isdir("/content/{folder}"):
        subprocess.run(["git", "clone", "--quiet", "--depth", "1", "--branch", BRANCH, REPOSITORY,
                        "/content/{folder}"], check=True)
    os.chdir("/content/{folder}")
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "-r", "requirements.txt"], check=True)
root = os.path.abspath(".")
while not os.path.isfile(os.path.join(root, "katas", "_runner", "notebook.py")) and os.path.dirname(root) != root:
    root = os.path.dirname(root)
if os.path.isfile(os.path.join(root, "katas", "_runner", "notebook.py")) and root not in sys.path:
    sys.path.insert(0, root)'''


def check_source(number, catalogue=TEXT, language="en"):
    call = f"check({number})" if language == "en" else f"check({number}, language={language!r})"
    return f"# {catalogue['check']}\nfrom katas._runner.notebook import check\n\n{call}"


def notebook(text, number, catalogue=TEXT, language="en"):
    """The notebook (a dict in nbformat 4.5) for a kata's stub, given as text; catalogue holds the
    few words the notebook adds (another language's kata files bring another catalogue)."""
    cells = [_cell("code", setup_source(catalogue=catalogue), "setup")]
    code = 0
    for kind, title, source in percent_cells(text):
        if kind == "markdown":
            cells.append(_cell("markdown", lesson_markdown(source), "lesson" if len(cells) == 1 else f"text-{len(cells)}"))
        elif not is_demo(source):
            code += 1
            cells.append(_cell("code", source, f"code-{code}", **({"title": title} if title else {})))
    cells.append(_cell("code", check_source(number, catalogue, language), "check"))
    return {"cells": cells, "metadata": {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"}}, "nbformat": 4, "nbformat_minor": 5}


def dumps(nb):
    """A notebook as Jupyter writes it (nbformat: one-space indent, sorted keys, a final newline)."""
    return json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def generated(kata, reference=None, language="en"):
    """The kata's notebook in a language as bytes, made from its stub (generated from the reference)."""
    stub = files.stub_text(kata, language, reference)
    return dumps(notebook(stub, kata.number, words(language), language)).encode("utf-8")


def write_all(root=ROOT):
    """(make notebooks) Write every kata's notebook in each language; return the paths written (those
    that changed)."""
    written = []
    for language in i18n.LANGUAGES:
        for kata in KATAS:
            path, data = root / notebook_path(kata, language=language), generated(kata, language=language)
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.exists() or path.read_bytes() != data:
                path.write_bytes(data)
                written.append(path)
    return written


# ---------------------------------------------------------------- the notebook's functions, in a module


def top_level(source):
    """{name: node} of the module's top-level functions and classes (the last of a name wins)."""
    return {node.name: node for node in ast.parse(source).body
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}


def _segment(lines, node):
    """A top-level statement's lines, decorators included."""
    first = min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", []))])
    return "".join(lines[first - 1:node.end_lineno]).rstrip("\n") + "\n"


def merged(stub, chosen):
    """The stub's text with each top-level function or class named in chosen ({name: the source of
    the cell that defined it}) replaced by the cell's definition. The cell's imports (those the stub
    lacks) and its other functions (helpers) come along, once, just before it."""
    tree = ast.parse(stub)
    lines = stub.splitlines(keepends=True)
    present = {ast.unparse(n) for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))}
    names = set(top_level(stub))
    spans, done = [], set()
    for node in tree.body:
        if getattr(node, "name", None) not in chosen or node.name not in names:
            continue
        cell = chosen[node.name]
        cell_lines = cell.splitlines(keepends=True)
        body = ast.parse(cell).body
        defined = {n.name: n for n in body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}
        imports, helpers = [], []
        if cell not in done:
            done.add(cell)
            for other in body:
                if isinstance(other, (ast.Import, ast.ImportFrom)) and ast.unparse(other) not in present:
                    present.add(ast.unparse(other))
                    imports.append(_segment(cell_lines, other))
                elif other in defined.values() and other.name not in names:
                    helpers.append(_segment(cell_lines, other) + "\n\n")
        before = "".join(imports) + ("\n\n" if imports else "") + "".join(helpers)
        first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
        spans.append((first, node.end_lineno, before + _segment(cell_lines, defined[node.name])))
    for first, last, text in reversed(spans):
        lines[first - 1:last] = [text]
    return "".join(lines)


def _code_file(obj):
    """The file (a notebook cell's name in linecache) where a function or class was defined, or None."""
    code = getattr(obj, "__code__", None)
    if code is not None:
        return code.co_filename
    for member in vars(obj).values() if isinstance(obj, type) else ():
        member = getattr(member, "__func__", getattr(member, "fget", member))
        if getattr(member, "__code__", None) is not None:
            return member.__code__.co_filename
    return None


def from_namespace(namespace, names):
    """({name: the source of the cell that defined it}, [names whose source is lost], {name: the
    cell's file name}) for each of names that the notebook (the namespace) defined itself, rather
    than imported."""
    chosen, lost, cells = {}, [], {}
    for name in names:
        obj = namespace.get(name)
        if obj is None or getattr(obj, "__module__", None) != namespace.get("__name__"):
            continue
        filename = _code_file(obj)
        source = "".join(linecache.getlines(filename)) if filename else ""
        try:
            if name in top_level(source):
                chosen[name], cells[name] = source, filename
                continue
        except SyntaxError:
            pass
        lost.append(name)
    return chosen, lost, cells


def cell_lines(text, chosen, cells):
    """[(first, last, cell file, shift)]: the merged module's lines first..last are that cell's
    lines first + shift … last + shift (each function and helper taken from a cell)."""
    spans = []
    for name, node in top_level(text).items():
        for source, filename in {chosen[n]: cells[n] for n in chosen}.items():
            theirs = top_level(source).get(name)
            if theirs is not None and ast.dump(theirs) == ast.dump(node):
                spans.append((node.lineno, node.end_lineno, filename, theirs.lineno - node.lineno))
                break
    return spans


def _cell_name(filename):
    """IPython's name for the cell compiled under filename, `Cell In[5]`, else a cell."""
    try:
        from IPython import get_ipython

        named = get_ipython().compile.format_code_name(filename)
        if named:
            return " ".join(named)
    except Exception:  # noqa: BLE001 - not in IPython, or another IPython: the plain name
        pass
    return _(TEXT["a cell"])


def in_cells(where, path, spans):
    """`Cell In[5], line 3 in step()` for `path:12 in step()` when line 12 came from a cell."""
    found = re.fullmatch(rf"{re.escape(path)}:(\d+) in (.+)", where or "")
    if not found:
        return where
    line = int(found[1])
    for first, last, filename, shift in spans:
        if first <= line <= last:
            return _(TEXT["where"]).format(cell=_cell_name(filename), line=line + shift, function=found[2])
    return where


def from_cells(nb, names):
    """{name: the source of the last code cell that defines it} in a notebook's JSON (a dict); cells
    that are not Python (magics) are passed over."""
    chosen = {}
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else source
        try:
            defined = top_level(source)
        except SyntaxError:
            continue
        chosen.update({name: source for name in defined if name in names})
    return chosen


# ---------------------------------------------------------------- checking, and writing back


def check(number, namespace=None, language=None):
    """Run kata `number`'s checks against the functions the notebook defined (the caller's globals
    unless namespace is given), through the runner; print the report as `make kata` does, in the
    notebook's language (a Korean notebook says language="ko"; none: the learner's).
    Returns nothing (a notebook would show the value); the verdict is in the report."""
    from katas._runner.report import report
    from katas._runner.supervise import Interrupted, run_katas

    if namespace is None:
        namespace = sys._getframe(1).f_globals
    if language in i18n.LANGUAGES:
        i18n.use(language)
    kata = find(int(number))
    stub = files.stub_text(kata)
    chosen, lost, cells = from_namespace(namespace, top_level(stub))
    for name in lost:
        print(_(TEXT["no source"]).format(name=name))
    path = ROOT / CHECKED / f"{kata.module}.py"
    path.parent.mkdir(parents=True, exist_ok=True)
    text = merged(stub, chosen)
    path.write_text(text, encoding="utf-8")
    relative = path.relative_to(ROOT).as_posix()
    try:
        (run,) = run_katas([kata], result=True, source=path)
    except Interrupted:
        print(_(TEXT["interrupted"]))
        return
    if run.environment:
        print(_(TEXT["environment"]).format(why=run.environment))
        return
    spans = cell_lines(text, chosen, cells)  # where the code was: the learner's cell, not this module
    for done in run.checks.values():
        if done.get("where"):
            done["where"] = in_cells(done["where"], relative, spans)
    run.where = in_cells(run.where, relative, spans)
    if run.raised and run.raised.get("where"):
        run.raised["where"] = in_cells(run.raised.get("where"), relative, spans)
    if report(run, source=relative, advice=False):
        print()
        print(run.result.rstrip("\n") if run.result else _(TEXT["no result"]))
    else:
        print(_(TEXT["again"]))


def from_notebook(kata, folder=FOLDER, language=None):
    """(make from-notebook) Write the functions of the kata's notebook (in the learner's language)
    into its file, backing the file up first. Returns (one line saying what was done, whether it could
    be done)."""
    language = language or i18n.language()
    if not (ROOT / notebook_path(kata, folder, language)).is_file():
        language = "en"
    source = ROOT / notebook_path(kata, folder, language)
    if not source.is_file():
        return _("kata {number}: there is no notebook {notebook}").format(
            number=kata.number, notebook=notebook_path(kata, folder, language)), False
    try:
        nb = json.loads(source.read_text(encoding="utf-8"))
        if not isinstance(nb, dict):
            raise ValueError("not a notebook")
    except (OSError, ValueError) as err:
        return _("kata {number}: {notebook} is not a notebook that can be read ({why})").format(
            number=kata.number, notebook=notebook_path(kata, folder, language), why=err), False
    stub = files.stub_text(kata, language)
    text = merged(stub, from_cells(nb, top_level(stub)))
    try:
        compile(text, kata.file, "exec")
    except SyntaxError as err:
        return _("kata {number}: the notebook's functions do not make a module (line {line}: {why})").format(
            number=kata.number, line=err.lineno, why=err.msg), False
    path = ROOT / kata.file
    if path.is_file() and not path.is_symlink() and path.read_bytes() == text.encode("utf-8"):
        return _("kata {number}: {file} already holds the notebook's functions; nothing to do").format(
            number=kata.number, file=kata.file), True
    saved, refusal = files.replace(kata, text.encode("utf-8"))
    if refusal:
        return refusal, False
    note = _("; your version is saved as {saved}").format(saved=saved.relative_to(ROOT)) if saved else ""
    return _("kata {number}: {file} now holds the functions of {notebook}").format(
        number=kata.number, file=kata.file, notebook=notebook_path(kata, folder, language)) + note, True
