"""The notebooks (katas/_runner/notebook.py): current, shaped as the README says, their set-up cell,
their check cell's module, and make from-notebook. Running them in a real kernel is the maintainers'
`make notebooks-check` (tests/check_notebooks.py); here everything runs in this process, except the
check cell's one scenario, which runs in the background with the others (tests/learner.py)."""

import ast
import json
import linecache
import os
import re
import subprocess
import sys

import pytest

from katas._runner import notebook
from katas._runner.cli import main
from katas._runner.registry import KATAS
from katas._runner.stubgen import FENCE, fenced_functions, functions, make_stub
from tests.conftest import ROOT, make_sandbox
from tests.learner import VERBS_WITH_N
from tests.test_katas import _git


def _stub(kata):
    return make_stub((ROOT / kata.solution_file).read_text(encoding="utf-8"), kata.module)


def _reference_cells(kata):
    """The reference's code cells (not the demo), without the fence lines: what a learner who solved
    the kata has in the notebook."""
    reference = (ROOT / kata.solution_file).read_text(encoding="utf-8")
    return ["".join(line for line in source.splitlines(True) if not FENCE.match(line))
            for kind, _, source in notebook.percent_cells(reference) if kind == "code" and not notebook.is_demo(source)]


@pytest.mark.parametrize("language", ["en", "ko"])
@pytest.mark.parametrize("kata", KATAS, ids=lambda k: k.module)
def test_the_committed_notebook_is_generated_from_the_stub(kata, language):
    """As for the stubs: the learner's own notebook (run, saved, committed) must not turn this red,
    so the file is read as it was committed by the last change to the reference, the generators or
    (for the Korean notebook) the catalogues."""
    expected = notebook.generated(kata, language=language)
    name = notebook.notebook_path(kata, language=language)
    path = ROOT / name
    assert path.exists(), f"{name} is missing: run make notebooks and commit"
    if path.read_bytes() == expected:
        return
    sources = [kata.solution_file, "katas/_runner/stubgen.py", "katas/_runner/notebook.py",
               "katas/_runner/translate.py", "katas/_runner/locale"]
    last = _git("log", "-1", "--format=%H", "--", *sources)
    if not last:
        pytest.skip("not a git checkout, and the notebook is not the generated one: it may be the learner's work")
    committed = {_git("show", f"{commit}:{name}") for commit in (last.decode().strip(), "HEAD")}
    assert expected in committed, f"{name} is not generated from {kata.file}: run make notebooks and commit"


@pytest.mark.parametrize("language", ["en", "ko"])
def test_the_notebooks_folder_holds_one_notebook_per_kata(language):
    folder = ROOT / notebook.FOLDER / ("" if language == "en" else language)
    assert {p.name for p in folder.glob("*.ipynb")} == {f"{k.module}.ipynb" for k in KATAS}


@pytest.mark.parametrize("kata", KATAS, ids=lambda k: k.module)
def test_a_korean_notebook_is_the_korean_stub_and_checks_in_korean(kata):
    nb = json.loads(notebook.generated(kata, language="ko"))
    sources = ["".join(cell["source"]) for cell in nb["cells"]]
    assert sources[1].startswith(f"# 카타 {kata.number} · ") or not (
        notebook.i18n.LOCALE / "ko" / "LC_MESSAGES" / f"{kata.module}.po").exists()
    assert sources[-1].endswith(f"check({kata.number}, language='ko')")


@pytest.mark.parametrize("kata", KATAS, ids=lambda k: k.module)
def test_a_notebook_is_set_up_lesson_stubs_and_check(kata):
    nb = json.loads(notebook.generated(kata))
    assert nb["nbformat"] == 4 and nb["nbformat_minor"] == 5
    cells = nb["cells"]
    sources = ["".join(cell["source"]) for cell in cells]
    assert [c["cell_type"] for c in cells] == ["code", "markdown"] + ["code"] * (len(cells) - 2)
    assert repr(notebook.REPOSITORY) in sources[0] and "google.colab" in sources[0]
    assert sources[1].startswith(f"# Kata {kata.number} · ") and "## What to implement" in sources[1]
    stub = _stub(kata)
    assert sources[2:-1] == [s for kind, _, s in notebook.percent_cells(stub) if kind == "code" and not notebook.is_demo(s)]
    assert "if __name__" not in "".join(sources[2:-1]), "the demo is the check's to show, once green"
    assert sources[-1].endswith(f"check({kata.number})")
    assert len({c["id"] for c in cells}) == len(cells) and all(c["outputs"] == [] for c in cells if c["cell_type"] == "code")
    for source in sources[:1] + sources[2:]:
        ast.parse(source)  # plain Python: no magics, nothing Colab-only


def test_the_lesson_keeps_every_line_of_the_docstring():
    """The markdown adds headings and fences, and escapes; it loses no word of the lesson."""
    for kata in KATAS:
        lesson = ast.get_docstring(ast.parse(_stub(kata)), clean=False)
        shown = notebook.lesson_markdown(lesson)
        plain = re.sub(r"\\(.)", r"\1", shown)
        for line in lesson.splitlines():
            assert line.strip() in plain, f"kata {kata.number}: {line.strip()!r} is not in its notebook's lesson"


def test_the_lesson_in_markdown_is_laid_out_by_structure_alone():
    text = "Titel · 제목\n\n서문 *별표* a_b\n\n개념\n    본문 `x`\n\n        w ← w − η·∂E/∂w\nEnde\n"
    assert notebook.lesson_markdown(text) == (
        "# Titel · 제목\n\n서문 \\*별표\\* a\\_b\n\n## 개념\n\n```text\n본문 `x`\n\n    w ← w − η·∂E/∂w\n```\n\nEnde")


@pytest.mark.parametrize("readme, language", [("README.md", "en"), ("README.ko.md", "ko")])
def test_the_readme_has_an_open_in_colab_badge_for_each_notebook(readme, language):
    text = (ROOT / readme).read_text(encoding="utf-8")
    for kata in KATAS:
        assert notebook.badge(kata, language) in text, (
            f"{readme} lacks kata {kata.number}'s badge: {notebook.badge(kata, language)}")
    links = re.findall(r"\]\((https://colab\.research\.google\.com/github/[^)]*)\)", text)
    assert sorted(links) == sorted(notebook.colab_url(k, language=language) for k in KATAS), (
        "a badge that points elsewhere")
    owner_name = notebook.REPOSITORY.removeprefix("https://github.com/")
    assert notebook.colab_url(KATAS[6]) == ("https://colab.research.google.com/github/"
                                            f"{owner_name}/blob/{notebook.BRANCH}/katas/notebooks/k07_gradient_descent.ipynb")


def test_the_set_up_cell_outside_colab_only_makes_the_repository_importable(monkeypatch):
    monkeypatch.chdir(ROOT / notebook.FOLDER)
    monkeypatch.setattr(sys, "path", [p for p in sys.path if os.path.abspath(p) != str(ROOT)])
    monkeypatch.delitem(sys.modules, "google.colab", raising=False)

    def refuse(*args, **kwargs):
        raise AssertionError(f"the set-up cell ran {args} outside Colab")

    monkeypatch.setattr(subprocess, "run", refuse)
    exec(notebook.setup_source(), {})
    assert sys.path[0] == str(ROOT) and os.getcwd() == str(ROOT / notebook.FOLDER)


def test_the_set_up_cell_in_colab_clones_and_installs(monkeypatch, tmp_path):
    clone = "/content/" + notebook.REPOSITORY.rsplit("/", 1)[-1]
    ran, moved = [], []
    monkeypatch.setitem(sys.modules, "google.colab", type(sys)("google.colab"))
    monkeypatch.setattr(subprocess, "run", lambda args, **kw: ran.append((args, kw)))
    monkeypatch.setattr(os, "chdir", moved.append)
    monkeypatch.setattr(sys, "path", list(sys.path))
    exec(notebook.setup_source(), {})
    assert moved == [clone]
    assert ran[0][0] == ["git", "clone", "--quiet", "--depth", "1", "--branch", notebook.BRANCH, notebook.REPOSITORY, clone]
    assert ran[1][0][1:] == ["-m", "pip", "install", "--quiet", "-r", "requirements.txt"]
    assert all(kw.get("check") for _, kw in ran), "a failed clone or install stops the cell"


def _cell(namespace, source, number):
    """Run a cell as IPython does: compiled under a name of its own that linecache keeps."""
    name = f"/tmp/ipykernel_0/{number}.py"
    linecache.cache[name] = (len(source), None, source.splitlines(True), name)
    exec(compile(source, name, "exec"), namespace)


def test_the_notebooks_functions_replace_only_the_stubs_they_define():
    kata = KATAS[2]  # kata 3: classes (Mul, Add, Sigmoid) and functions
    stub = _stub(kata)
    assert notebook.merged(stub, {}) == stub
    namespace = {"__name__": "__main__"}
    cells = _reference_cells(kata)
    _cell(namespace, cells[0], 1)  # import math; class Mul
    _cell(namespace, "import sys as _sys\n\n\ndef _twice(x):\n    return 2 * x\n\n\n"
                     "def square(x):\n    return x * x, _twice(x)\n", 2)
    from math import sqrt as linear  # noqa: F401 - imported, not defined in the notebook
    namespace["linear"] = linear
    chosen, lost, cells = notebook.from_namespace(namespace, notebook.top_level(stub))
    assert set(chosen) == {"Mul", "square"} and lost == [] and cells["square"] == "/tmp/ipykernel_0/2.py"
    text = notebook.merged(stub, chosen)
    ours = functions(text)
    reference = fenced_functions((ROOT / kata.solution_file).read_text(encoding="utf-8"))
    assert ours["Mul.backward"] == reference["Mul.backward"]
    assert "import sys as _sys\n\n\ndef _twice(x):\n    return 2 * x\n\n\ndef square(x):" in text
    assert "is not written yet" in ours["Add.backward"] and "is not written yet" in ours["linear"]
    assert text.count("import math") == 1, "an import the stub has is not repeated"
    compile(text, "k03", "exec")


def test_a_function_whose_source_is_lost_keeps_the_stub_and_says_so():
    namespace = {"__name__": "__main__"}
    exec(compile("def step(z):\n    return 1\n", "<not cached>", "exec"), namespace)
    chosen, lost, _ = notebook.from_namespace(namespace, ["step", "perceptron"])
    assert chosen == {} and lost == ["step"]


def test_the_check_cell_runs_the_notebooks_functions_through_the_runner(scenarios):
    done = scenarios["notebook"]()
    assert done.returncode == 0, done.stderr
    partial, spawned, complete = done.stdout.split("=" * 20)
    assert spawned.strip() == partial.strip(), "without fork (Windows) the check says the same"
    assert "Kata 4 · Gate perceptrons   (.progress/notebook/katas/k04_gate_perceptrons.py)" in partial
    assert "✗ or_gate() is not written yet" in partial, "the kata file is solved, but the notebook is what counts"
    assert "ZeroDivisionError" in partial and f"at {notebook.TEXT['a cell']}, line 2 in and_gate()" in partial
    assert "✗ step() is not written yet" not in partial and "✗ perceptron() is not written yet" not in partial
    assert "NameError" not in partial, "the cell's helper and imports come along"
    assert notebook.TEXT["again"] in partial and "make kata" not in partial
    assert re.search(r"All \d+ checks pass ✓", complete)
    assert "XOR = AND(NAND, OR)" in complete, "green shows the kata's result, its tables and pictures"


def test_from_notebook_writes_the_notebooks_functions_back(tmp_path, monkeypatch, capsys):
    box = make_sandbox(tmp_path)
    for module in ("cli", "files", "notebook"):
        monkeypatch.setattr(f"katas._runner.{module}.ROOT", box)
    kata = KATAS[6]
    (box / notebook.notebook_path(kata)).unlink()
    nb = json.loads(notebook.generated(kata))
    assert main(["from-notebook", "7"]) == 2
    assert capsys.readouterr().out == f"kata 7: there is no notebook {notebook.notebook_path(kata)}\n"
    (box / notebook.notebook_path(kata)).write_text(json.dumps(nb), encoding="utf-8")
    assert main(["from-notebook", "7"]) == 0
    assert "already holds the notebook's functions; nothing to do" in capsys.readouterr().out
    path = box / kata.file
    path.write_text(path.read_text(encoding="utf-8") + "# my own work\n", encoding="utf-8")
    mine = _reference_cells(kata)[0]
    nb["cells"].insert(-1, {"cell_type": "code", "source": mine.splitlines(True), "metadata": {}, "outputs": []})
    nb["cells"].insert(-1, {"cell_type": "code", "source": ["%timeit 1\n"], "metadata": {}, "outputs": []})
    (box / notebook.notebook_path(kata)).write_text(json.dumps(nb), encoding="utf-8")
    assert main(["from-notebook", "7"]) == 0
    backups = list(path.parent.glob(f"{path.name}.*.bak"))
    assert len(backups) == 1 and backups[0].read_text(encoding="utf-8").endswith("# my own work\n")
    assert capsys.readouterr().out == (f"kata 7: {kata.file} now holds the functions of {notebook.notebook_path(kata)}; "
                                       f"your version is saved as katas/{backups[0].name}\n")
    reference = fenced_functions((box / kata.solution_file).read_text(encoding="utf-8"))
    assert functions(path.read_text(encoding="utf-8"))["gradient_descent"] == reference["gradient_descent"]


def test_from_notebook_with_bad_input_is_one_line(tmp_path, monkeypatch, capsys):
    box = make_sandbox(tmp_path)
    for module in ("cli", "files", "notebook"):
        monkeypatch.setattr(f"katas._runner.{module}.ROOT", box)
    assert main(["from-notebook", "99"]) == 2
    err = capsys.readouterr().err
    assert err == "make from-notebook: there is no kata 99: the katas are numbered 1 to 13\n"
    (box / notebook.notebook_path(KATAS[0])).write_text("{not json", encoding="utf-8")
    assert main(["from-notebook", "1"]) == 2
    out = capsys.readouterr().out
    assert out.startswith("kata 1: katas/notebooks/k01_numeric_derivative.ipynb is not a notebook") and out.count("\n") == 1


def test_every_verb_says_the_same_without_make(scenarios, capsys):
    """README: without make, `python -m katas VERB N` gives the same messages and exit codes."""
    made, direct = scenarios["without_make"]()
    line = "make {}: there is no kata 99: the katas are numbered 1 to 13\n"
    assert (direct.returncode, direct.stdout, direct.stderr) == (2, "", line.format("from-notebook"))
    assert made.returncode == 2 and made.stdout == ""
    for verb in VERBS_WITH_N:
        assert main([verb, "99"]) == 2, verb
        assert capsys.readouterr().err == line.format(verb)
        assert re.search(re.escape(line.format(verb)) + r"make(\[\d+\])?: \*\*\* \[Makefile:", made.stderr), (verb, made.stderr)


def test_a_kata_in_another_language_gives_a_notebook_with_no_english_of_ours():
    """Korean kata files will have notebooks too: the generator reads structure, not words, and the
    words it adds come from one catalogue."""
    kata = KATAS[6]
    stub = _stub(kata)
    lesson = ast.get_docstring(ast.parse(stub), clean=False)
    korean = stub.replace(lesson, "카타 7 · 경사하강법\n\n개념\n    손실을 최소화하는 가중치를 찾는다.\n")
    catalogue = {key: f"[{key}: 한국어]" for key in notebook.TEXT}
    nb = notebook.notebook(korean, 7, catalogue)
    text = json.dumps(nb, ensure_ascii=False)
    assert not [value for value in notebook.TEXT.values() if value in text]
    assert "".join(nb["cells"][1]["source"]) == "# 카타 7 · 경사하강법\n\n## 개념\n\n```text\n손실을 최소화하는 가중치를 찾는다.\n```"
    assert "[setup: 한국어]" in "".join(nb["cells"][0]["source"]) and "[check: 한국어]" in "".join(nb["cells"][-1]["source"])
