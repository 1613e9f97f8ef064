"""Every kata: green on the reference, red on the stub for the right reason, and complete."""

import ast
import contextlib
import re
import doctest
import importlib
import io
import subprocess
import xml.etree.ElementTree as ET
from collections import Counter

import pytest

from katas._runner.registry import KATAS
from tests.conftest import ROOT
from katas._runner.stubgen import make_stub


def _outcomes(run):
    """{kata module: [(test name, outcome, message)]} from a finished pytest run's JUnit report."""
    done, report = run
    output = report.with_name("output.txt")
    shown = output.read_text(encoding="utf-8", errors="replace")[-3000:] if output.exists() else ""
    assert report.exists(), f"pytest did not run:\n{done.stdout}\n{done.stderr}\n{shown}"
    results = {}
    for case in ET.parse(report).iter("testcase"):
        module = case.get("classname").split(".")[-1].removeprefix("test_")
        problem = next((child for child in case if child.tag != "system-out"), None)
        outcome = "passed" if problem is None else problem.tag
        message = "" if problem is None else (problem.get("message") or "")
        results.setdefault(module, []).append((case.get("name"), outcome, message))
    return results, done


def test_every_kata_passes_against_the_reference(scenarios):
    results, done = _outcomes(scenarios["reference"]())
    for kata in KATAS:
        cases = results.get(kata.module)
        assert cases, f"kata {kata.number}: no test ran against the reference\n{done.stdout[-3000:]}"
        bad = [case for case in cases if case[1] not in ("passed", "skipped")]
        assert not bad, f"kata {kata.number} fails against its reference: {bad[:5]}"


@pytest.mark.parametrize("kata", KATAS, ids=lambda k: k.module)
def test_every_check_fails_on_the_stub_with_not_implemented_error(kata, scenarios):
    results, done = _outcomes(scenarios["stubs"]())
    cases = results.get(kata.module)
    assert cases, f"kata {kata.number}: the tests did not run against the stub\n{done.stdout[-3000:]}"
    outcomes = Counter(outcome for _, outcome, _ in cases)
    assert outcomes["error"] == 0, f"kata {kata.number}: errors (collection or fixtures) on the stub: {cases[:3]}"
    for name, outcome, message in cases:
        if outcome == "skipped":
            continue
        assert outcome == "failure", f"kata {kata.number}: {name} passes on the stub: it cannot catch anything"
        assert message.startswith(f"NotImplementedError: kata {kata.number} · "), (
            f"kata {kata.number}: {name} fails on the stub for the wrong reason: {message[:300]}")


def _git(*args):
    """git's output (bytes), or None outside a git checkout or when git fails."""
    try:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


@pytest.mark.parametrize("kata", KATAS, ids=lambda k: k.module)
def test_the_committed_stub_is_generated_from_the_reference(kata):
    """The stub a clone gets is the one generated from the reference. The learner's own work (solved,
    edited or committed katas) must not turn this red, so the file is read as it was committed by
    the last change to its reference or to the generator, not as it is now."""
    expected = make_stub((ROOT / kata.solution_file).read_text(encoding="utf-8"), kata.module).encode("utf-8")
    if (ROOT / kata.file).read_bytes() == expected:
        return  # the stub as generated now (a maintainer's regenerated, uncommitted change included)
    last = _git("log", "-1", "--format=%H", "--", kata.solution_file, "katas/_runner/stubgen.py")
    if not last:
        pytest.skip("not a git checkout, and the kata file is not the stub: it may be the learner's work")
    stubs = {_git("show", f"{commit}:{kata.file}") for commit in (last.decode().strip(), "HEAD")}
    assert expected in stubs, f"{kata.file} is not the stub generated from {kata.solution_file}: run make stubs and commit"


def _public_api(source):
    """{name: (signature, docstring)} for the module's public functions, classes and methods."""
    api = {"<module>": ("", ast.get_docstring(ast.parse(source)))}

    def visit(node, prefix):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.ClassDef)) and not child.name.startswith("_"):
                signature = ast.unparse(child.args) if isinstance(child, ast.FunctionDef) else ""
                api[prefix + child.name] = (signature, ast.get_docstring(child))
                visit(child, f"{prefix}{child.name}.")

    visit(ast.parse(source), "")
    return api


@pytest.mark.parametrize("kata", KATAS, ids=lambda k: k.module)
def test_stub_and_reference_share_names_signatures_and_docstrings(kata):
    reference = (ROOT / kata.solution_file).read_text(encoding="utf-8")
    assert _public_api(make_stub(reference, kata.module)) == _public_api(reference)


@pytest.mark.parametrize("kata", KATAS, ids=lambda k: k.module)
def test_the_reference_doctests_pass(kata):
    module = importlib.import_module(f"solutions.{kata.module}")
    outcome = doctest.testmod(module)  # as `python -m doctest` runs them: no option a file does not set
    assert outcome.attempted > 0, f"{kata.solution_file} has no doctest example"
    assert outcome.failed == 0, f"{kata.solution_file}: {outcome.failed} doctest examples fail"


@pytest.mark.parametrize("kata", KATAS, ids=lambda k: k.module)
def test_the_reference_shows_its_result_in_korean(kata, monkeypatch):
    """The demo as a Korean learner sees it: the same code with the catalogue's text (so this runs the
    English demo's code too, and checks that the Korean literals keep it running)."""
    from katas._runner import i18n, translate

    monkeypatch.setenv("KATA_LANG", "ko")
    monkeypatch.setattr(i18n, "language", lambda: "ko")
    path = ROOT / kata.solution_file
    source = translate.render(path.read_text(encoding="utf-8"), i18n.translations("ko", kata.module).gettext)
    shown, tables = io.StringIO(), []
    import tabulate

    def kept(*args, **kwargs):  # each table the demo makes, to check its columns line up in Korean
        tables.append(table := made(*args, **kwargs))
        return table

    made = tabulate.tabulate
    monkeypatch.setattr(tabulate, "tabulate", kept)
    with contextlib.redirect_stdout(shown):
        exec(compile(source, str(path), "exec"), {"__name__": "__main__", "__file__": str(path)})
    assert len(shown.getvalue().splitlines()) >= 3, f"{kata.solution_file} shows no result when run"
    if (i18n.LOCALE / "ko" / "LC_MESSAGES" / f"{kata.module}.po").exists():
        assert re.search("[가-힣]", shown.getvalue()), f"{kata.solution_file}: the Korean demo shows no Korean"
    misaligned = [row for table in tables for row in _misaligned_table_rows(table)]
    assert not misaligned, f"{kata.solution_file}: Korean table rows out of line with their columns:\n" + "\n".join(misaligned)


def _misaligned_table_rows(table):
    """The rows of a table tabulate made (a header, a line of dashes, the rows) whose text crosses a gap
    between two columns, counting the terminal columns each character takes (Hangul: two)."""
    from wcwidth import wcwidth

    def cells(line):  # one entry per terminal column
        return [part for char in line for part in [char] + [""] * (max(wcwidth(char), 1) - 1)]

    lines, found = table.splitlines(), []
    for index, rule in enumerate(lines):
        if not re.fullmatch(r"-+( +-+)+", rule):
            continue
        gaps = [column for column, char in enumerate(rule) if char == " "]
        block = [lines[index - 1]] if index else []
        block += lines[index + 1:]
        for row in block:
            row_cells = cells(row)
            if any(column < len(row_cells) and row_cells[column] not in (" ",) for column in gaps):
                found.append(row)
    return found


def test_the_registry_lists_every_kata_once_in_order():
    assert [k.number for k in KATAS] == list(range(1, len(KATAS) + 1))
    modules = sorted(p.stem for p in (ROOT / "solutions").glob("k[0-9][0-9]_*.py"))
    assert [k.module for k in KATAS] == modules, "solutions/ and the registry disagree"
    assert len({k.title for k in KATAS}) == len(KATAS)


@pytest.mark.parametrize("kata", KATAS, ids=lambda k: k.module)
def test_every_kata_is_complete(kata):
    assert kata.module.startswith(f"k{kata.number:02d}_")
    for path in (kata.file, kata.test_file, kata.solution_file):
        assert (ROOT / path).is_file(), f"kata {kata.number}: {path} is missing"
    lesson = ast.get_docstring(ast.parse((ROOT / kata.solution_file).read_text(encoding="utf-8"))) or ""
    assert lesson.startswith(f"Kata {kata.number} · {kata.title}"), f"kata {kata.number}: the lesson's first line"
    assert "What to implement" in lesson, f"kata {kata.number}: the lesson must say what to implement"
    assert len(kata.hints) >= 2, f"kata {kata.number}: at least two hints"
    for hint in kata.hints:  # hints point at the idea; the code is the learner's to write
        assert not re.search(r"np\.|\breturn\b|[A-Za-z_]\(|=|@", hint), f"kata {kata.number}: a hint gives code: {hint}"


def _glossary(readme, heading):
    """{(Korean, English)}: the first two cells of each row of a README's glossary table."""
    text = (ROOT / readme).read_text(encoding="utf-8")
    glossary = text.split(f"## {heading}\n")[1].split("\n## ")[0]
    table = [line for line in glossary.splitlines() if line.startswith("|")][2:]
    return {tuple(cell.strip() for cell in line.split("|")[1:3]) for line in table}


def _terms(lesson, prefix):
    """The terms a lesson's Terms line names, or None when it has no such line."""
    paragraphs = [" ".join(part.split()) for part in lesson.split("\n\n")]  # a long line may wrap
    line = next((p for p in paragraphs if p.startswith(prefix.strip())), None)
    return line and line[len(prefix.strip()):].strip().split(", ")


def test_every_lesson_names_its_terms_from_the_glossary():
    rows = _glossary("README.md", "Glossary (용어)")
    for kata in KATAS:
        lesson = ast.get_docstring(ast.parse((ROOT / kata.solution_file).read_text(encoding="utf-8")))
        terms = _terms(lesson, "Terms (the glossary in README.md): ")
        assert terms, f"kata {kata.number}: the lesson has no Terms line"
        for term in terms:
            assert any(term == f"{k} {e}" for k, e in rows), f"kata {kata.number}: {term!r} is not in the README's glossary"


def test_every_korean_lesson_names_its_terms_from_the_korean_glossary():
    """The Korean lessons (of the katas whose catalogue exists) name each term as README.ko.md's glossary
    lists it: the form the lessons use, then the English; their first line carries the kata's Korean title."""
    from katas._runner import i18n
    from katas._runner.files import stub_text
    from tests import catalogs

    rows = _glossary("README.ko.md", "용어집 (Glossary)")
    for kata in KATAS:
        if not catalogs.path_of(kata.module).exists():
            continue
        lesson = ast.get_docstring(ast.parse(stub_text(kata, "ko")))
        title = i18n.translations("ko").gettext(kata.title)
        assert lesson.startswith(f"카타 {kata.number} · {title}\n"), (
            f"kata {kata.number}: the Korean lesson's first line is not '카타 {kata.number} · {title}' "
            f"(the title make list shows)")
        terms = _terms(lesson, "용어 (README.ko.md의 용어집): ")
        assert terms, f"kata {kata.number}: the Korean lesson has no line '용어 (README.ko.md의 용어집): …'"
        for term in terms:
            assert any(term == f"{k} {e}" for k, e in rows), (
                f"kata {kata.number}: {term!r} is not in README.ko.md's glossary (its first column is the "
                f"form the lessons use)")


@pytest.mark.parametrize("readme", ["README.md", "README.ko.md"])
def test_the_readme_lists_every_kata(readme):
    from katas._runner import i18n

    text = (ROOT / readme).read_text(encoding="utf-8")
    said = i18n.translations("ko" if readme == "README.ko.md" else "en").gettext
    for kata in KATAS:
        assert f"| {kata.number} | {said(kata.title)} |" in text, f"{readme}: no row for kata {kata.number}"


def _every_kata_has_variants_that_apply(variants_by_module, at_least, what):
    """Each kata lists at least `at_least` variants, and each edit still finds its text in the reference."""
    from tests.mistakes import edits

    assert set(variants_by_module) == {kata.module for kata in KATAS}, f"{what}: every kata, and only katas"
    for module, variants in variants_by_module.items():
        source = (ROOT / "solutions" / f"{module}.py").read_text(encoding="utf-8")
        assert len(variants) >= at_least, f"{what}, {module}: at least {at_least}"
        for name, variant in variants.items():
            for old, new in edits(variant):
                assert old in source and old != new, f"{module}, {name!r}: the reference no longer contains {old!r}"


def test_every_listed_mistake_still_applies_to_its_reference():
    from tests.mistakes import MISTAKES, SAYS

    for module, phrases in SAYS.items():
        assert len(phrases) >= 3 and set(phrases) <= set(MISTAKES[module]), (
            f"{module}: at least three mistakes named in the report, each one listed in MISTAKES")
    _every_kata_has_variants_that_apply(MISTAKES, 3, "tests/mistakes.py's wrong answers")


def test_every_correct_alternative_still_applies_to_its_reference():
    from tests.alternatives import ALTERNATIVES

    _every_kata_has_variants_that_apply(ALTERNATIVES, 4, "tests/alternatives.py's correct answers")


def test_every_explained_survivor_still_points_at_its_reference():
    """make mutate (not part of this self-check) verifies the explanations against a real run;
    this cheap check keeps tests/surviving_mutants.txt from drifting in between."""
    from tests.mutate import read_explained

    explained, left_out = read_explained()
    modules = {kata.module for kata in KATAS}
    for change, why in explained.values():
        assert change.module in modules, f"surviving_mutants.txt: no kata {change.module}"
        source = [line.strip() for line in (ROOT / "solutions" / f"{change.module}.py").read_text(encoding="utf-8").splitlines()]
        assert change.before and change.after and why, f"{change.module} · {change.function}: '- ', '+ ' and 'why:' lines"
        for line in change.before:
            assert line in source, f"surviving_mutants.txt: {change.module} no longer has the line {line!r}"
    for module, function in left_out:
        text = (ROOT / "solutions" / f"{module}.py").read_text(encoding="utf-8")
        assert re.search(rf"^def {re.escape(function)}\(", text, flags=re.MULTILINE), (
            f"surviving_mutants.txt: {module} has no function {function} to leave out")


def test_kata_9_holds_where_numpy_rounds_exp_differently(monkeypatch):
    """Another CPU (an AVX-512 Xeon, say) computes numpy's exp a last bit differently for some arguments
    and may fuse multiply-adds: kata 9's numpy fit must still agree with the float training within the
    checks' tolerance. Played here by moving a seeded twentieth of exp's results by one ulp."""
    import numpy as np

    from solutions import k09_mlp_backprop as reference

    rng, exp = np.random.default_rng(1), np.exp

    def other_cpus_exp(x):
        y = exp(x)
        away = np.where(rng.random(np.shape(y)) < 0.5, np.inf, -np.inf)
        return np.where(rng.random(np.shape(y)) < 0.05, np.nextafter(y, away), y)

    monkeypatch.setattr(reference, "actf", lambda x: 1 / (1 + other_cpus_exp(-x)))
    # the checks' constants, read from the test file without importing the learner's kata 9
    tree = ast.parse((ROOT / "katas" / "test_k09_mlp_backprop.py").read_text(encoding="utf-8"))
    constants = {node.targets[0].id: ast.literal_eval(node.value) for node in tree.body if isinstance(node, ast.Assign)
                 and isinstance(node.targets[0], ast.Name)
                 and node.targets[0].id in ("AFTER_500", "AFTER_2000", "SAME_TRAINING")}
    after_500, after_2000, same_training = constants["AFTER_500"], constants["AFTER_2000"], constants["SAME_TRAINING"]
    numpy_500 = reference.fit(reference.X, reference.T, reference.PARAMS, 0.2, 500)
    for got, want in zip(numpy_500, after_500):  # the trajectory check's own tolerance
        np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-12)
    numpy_fit = reference.fit(reference.X, reference.T, numpy_500, 0.2, 1500)
    assert any(not np.array_equal(a, b) for a, b in zip(numpy_fit, after_2000)), "the perturbation changed nothing"
    for got, by_hand, want in zip(numpy_fit, reference.fit_by_hand(2000), after_2000):
        np.testing.assert_allclose(got, want, **same_training)
        np.testing.assert_allclose(by_hand, got, **same_training)


COUNTS = {  # the sentence in each README that says how many of each there are
    "README.md": {"wrong answers": r"plausible wrong answers for every kata \((\d+) now",
                  "named mistakes": r"stops naming one of the (\d+) mistakes",
                  "correct answers": r"correct answers written the ways learners write them \((\d+) now"},
    "README.ko.md": {"wrong answers": r"그럴듯한 오답이 들어 있습니다\(지금 (\d+)개",
                     "named mistakes": r"알아보는 실수 (\d+)개 중 하나라도",
                     "correct answers": r"쓰는 방식으로 쓴 정답이 들어 있습니다\(지금 (\d+)개"},
}


@pytest.mark.parametrize("readme", COUNTS)
def test_the_readme_counts_the_variants_as_they_are(readme):
    from tests.alternatives import ALTERNATIVES
    from tests.mistakes import MISTAKES, SAYS

    text = " ".join((ROOT / readme).read_text(encoding="utf-8").split())
    tables = {"wrong answers": MISTAKES, "named mistakes": SAYS, "correct answers": ALTERNATIVES}
    for what, pattern in COUNTS[readme].items():
        found = re.search(pattern, text)
        assert found, f"{readme} no longer says how many {what} there are"
        assert int(found[1]) == sum(map(len, tables[what].values())), f"{readme}: the count of {what} is stale"


def _anchor(heading):
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def _readme(name):
    """(the text, its fenced code blocks, the text without them)."""
    text = (ROOT / name).read_text(encoding="utf-8")
    fences = [body for info, body in re.findall(r"^```([^\n]*)\n(.*?)^```", text, flags=re.MULTILINE | re.DOTALL)
              if info != "text"]  # what a terminal shows (```text) is said in each language
    prose = re.sub(r"^```.*?^```", "", text, flags=re.MULTILINE | re.DOTALL)
    return text, fences, prose


def test_the_korean_readme_says_what_the_english_one_says():
    """README.ko.md is README.md in Korean: the same numbers (d2l-ko, a book's name, aside), the same
    code and commands, the same sections, and each links the other on its first line."""
    from tests.catalogs import NUMBER

    english, english_fences, english_prose = _readme("README.md")
    korean, korean_fences, korean_prose = _readme("README.ko.md")
    assert english.splitlines()[0] == "[한국어](README.ko.md) · English"
    assert korean.splitlines()[0] == "한국어 · [English](README.md)"
    numbers = [Counter(NUMBER.findall(text.replace("d2l-ko", ""))) for text in (english, korean)]
    assert numbers[0] == numbers[1], (
        f"numbers only in README.md: {sorted((numbers[0] - numbers[1]).elements())}, "
        f"only in README.ko.md: {sorted((numbers[1] - numbers[0]).elements())}")
    spans = [set(re.findall(r"`([^`]+)`", prose)) for prose in (english_prose, korean_prose)]
    assert spans[0] == spans[1], (f"code only in README.md: {sorted(spans[0] - spans[1])}, "
                                  f"only in README.ko.md: {sorted(spans[1] - spans[0])}")

    def commands(block):  # a comment after a command may be translated
        return [re.split(r"\s+# ", line)[0].rstrip() for line in block.splitlines()]

    assert list(map(commands, english_fences)) == list(map(commands, korean_fences)), "the code blocks differ"
    levels = [re.findall(r"^(#+) ", prose, flags=re.MULTILINE) for prose in (english_prose, korean_prose)]
    assert levels[0] == levels[1], "the two READMEs have different sections"


@pytest.mark.parametrize("readme", ["README.md", "README.ko.md"])
def test_every_link_in_the_readme_leads_somewhere(readme):
    def anchors(name):
        return {_anchor(h) for h in re.findall(r"^#+ (.+)$", _readme(name)[2], flags=re.MULTILINE)}

    for target in re.findall(r"\]\(([^)\s]+)\)", _readme(readme)[2]):
        path, _, anchor = target.partition("#")
        if path.startswith("https://colab.research.google.com/"):  # the notebooks' badges (tests/test_notebooks.py)
            continue
        assert "://" not in path, f"{readme}: {target} leaves the repository"
        assert not path or (ROOT / path).is_file(), f"{readme}: the link {target} names no file"
        assert not anchor or anchor in anchors(path or readme), f"{readme}: the link {target} names no heading"


@pytest.mark.parametrize("kata", KATAS, ids=lambda k: k.module)
def test_no_check_rebinds_the_message_function(kata):
    """`for _ in …` or `x, _ = …` in a test file hides gettext's _(): the check's failure would then
    crash instead of showing its message."""
    tree = ast.parse((ROOT / kata.test_file).read_text(encoding="utf-8"))
    rebound = [node.lineno for node in ast.walk(tree)
               if isinstance(node, ast.Name) and node.id == "_" and isinstance(node.ctx, ast.Store)]
    assert not rebound, f"{kata.test_file} assigns _ on lines {rebound}: name the value you throw away"
