"""The Korean catalogues: what each must translate, and whether it does (`python -m tests.catalogs` updates them).

Two kinds of catalogue, in katas/_runner/locale/ko/LC_MESSAGES/:
    runner.po               every message of the runner: the _("…") and ngettext("…") calls in
                            katas/_runner/ and the stub's "not written yet" line
    kNN_topic.po            one kata: the text units of its stub (katas/_runner/translate.py: lesson,
                            docstrings, comments, the demo's strings), the titles of its checks, the
                            _("…") messages in its test file, and its hints

`python -m tests.catalogs` adds what is new (with an empty translation), keeps every translation, and
marks as obsolete (#~) an entry whose English is gone, so its old Korean is at hand for the new one.
`problems()` is what `make test` checks: every entry translated, none stale, and each translation
keeping the numbers, {fields}, doctest examples and string syntax of its English.
"""

import ast
import doctest
import re
import sys
from collections import Counter
from pathlib import Path

import polib

from katas._runner import translate
from katas._runner.child import title
from katas._runner.i18n import LOCALE
from katas._runner.registry import KATAS
from katas._runner.stubgen import STUB_MESSAGE, make_stub

ROOT = Path(__file__).resolve().parent.parent
LANGUAGE = "ko"
FOLDER = LOCALE / LANGUAGE / "LC_MESSAGES"
NUMBER = re.compile(r"\d+(?:\.\d+)?")
FIELD = re.compile(r"(?<!\{)\{([^{}]*)\}(?!\})")


def _calls(path):
    """[(msgid, msgid_plural or None, line)] for every _("…") and ngettext("…", "…", n) in a file."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
        args = node.args
        if name in ("_", "N_") and args and isinstance(args[0], ast.Constant) and isinstance(args[0].value, str):
            found.append((args[0].value, None, node.lineno))
        elif name == "ngettext" and len(args) >= 2 and all(
                isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args[:2]):
            found.append((args[0].value, args[1].value, node.lineno))
    return found


def expected(domain):
    """{msgid: (msgid_plural or None, [where], kind)} that a domain's catalogue must translate."""
    entries = {}

    def add(msgid, where, kind, plural=None):
        if msgid.strip() and msgid not in entries:
            entries[msgid] = (plural, [], kind)
        if msgid in entries:
            entries[msgid][1].append(where)

    if domain == "runner":
        add(STUB_MESSAGE, "katas/_runner/stubgen.py", "the stub's line")
        for kata in KATAS:
            add(kata.title, f"katas/_runner/registry.py (kata {kata.number})", "kata title")
        for path in sorted((ROOT / "katas" / "_runner").glob("*.py")):
            for msgid, plural, line in _calls(path):
                add(msgid, f"{path.relative_to(ROOT)}:{line}", "message", plural)
        return entries
    kata = next(k for k in KATAS if k.module == domain)
    stub = make_stub((ROOT / kata.solution_file).read_text(encoding="utf-8"), kata.module)
    for key, _, _, text in translate.units(stub):
        kind = {"doc": "docstring" if key[1] else "lesson", "comment": "comment", "demo": "demo"}[key[0]]
        if kind == "demo" and text[:1] != "#" and not text.startswith(("'", '"')) and text[:2] not in (
                "f'", 'f"', "r'", 'r"'):
            kind = "demo comment"
        add(text, f"{kata.file} ({key[0]} {key[1]})", kind)
    test_file = ROOT / kata.test_file
    tree = ast.parse(test_file.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
            add(title(node.name), f"{kata.test_file}:{node.lineno}", "check title")
    for msgid, plural, line in _calls(test_file):
        add(msgid, f"{kata.test_file}:{line}", "message", plural)
    for n, hint in enumerate(kata.hints, start=1):
        add(hint, f"katas/_runner/registry.py (kata {kata.number}, hint {n})", "hint")
    return entries


KIND_NOTES = {
    "lesson": "The lesson (the module docstring), between its quotes: keep the layout, formulas and numbers.",
    "docstring": "A docstring, between its quotes: keep the indentation, the formulas and every >>> example "
                 "and its output exactly.",
    "comment": "A comment (after '# ').",
    "demo": "A Python string literal in the demo, with its quotes and f prefix: keep them and every {field}; "
            "a literal that is not shown to the learner (a module name, a key) keeps its English.",
    "demo comment": "A comment in the demo (after '# ').",
    "check title": "The title of a check in the report.",
    "message": "A message: keep every {field} exactly.",
    "hint": "A hint (make hint): the idea, never the code.",
    "the stub's line": "The line a stub raises: keep 'kata {number} · {function}()' at its start.",
    "kata title": "A kata's title, as the lesson's first line, make list and the report show it.",
}


def domains():
    return ["runner", *(kata.module for kata in KATAS)]


def path_of(domain):
    return FOLDER / f"{domain}.po"


def update(domain):
    """Write the domain's catalogue: new entries empty, translations kept, vanished ones obsolete."""
    path = path_of(domain)
    old = polib.pofile(str(path), wrapwidth=100) if path.exists() else None
    known = {entry.msgid: entry for entry in (old or [])}
    po = polib.POFile(wrapwidth=100)
    po.metadata = {"Project-Id-Version": domain, "Language": LANGUAGE, "MIME-Version": "1.0",
                   "Content-Type": "text/plain; charset=UTF-8", "Content-Transfer-Encoding": "8bit",
                   "Plural-Forms": "nplurals=1; plural=0;"}
    wanted = expected(domain)
    for msgid, (plural, where, kind) in wanted.items():
        entry = known.get(msgid)
        if entry is None or entry.obsolete:
            entry = polib.POEntry(msgid=msgid, msgstr="" if entry is None else entry.msgstr,
                                  msgid_plural=plural or "", msgstr_plural={0: ""} if plural else {})
        entry.obsolete = False
        entry.comment = KIND_NOTES[kind]
        entry.occurrences = [(place, "") for place in where[:3]]
        po.append(entry)
    for msgid, entry in known.items():
        if msgid not in wanted:
            entry.obsolete = True
            po.append(entry)
    FOLDER.mkdir(parents=True, exist_ok=True)
    po.save(str(path))
    return po


def _translation(entry):
    return entry.msgstr_plural.get(0, "") if entry.msgid_plural else entry.msgstr


def _examples(text):
    try:
        return [(e.source, e.want) for e in doctest.DocTestParser().get_examples(text)]
    except ValueError:
        return None


def entry_problems(msgid, msgstr, kind):
    """What is wrong with one translation (empty list when nothing is)."""
    found = []
    if Counter(NUMBER.findall(msgid)) != Counter(NUMBER.findall(msgstr)):
        found.append(f"its numbers differ: {sorted(NUMBER.findall(msgid))} in English, "
                     f"{sorted(NUMBER.findall(msgstr))} here")
    if kind in ("message", "demo", "the stub's line") and Counter(FIELD.findall(msgid)) != Counter(FIELD.findall(msgstr)):
        found.append(f"its {{fields}} differ: {sorted(FIELD.findall(msgid))} in English")
    if kind in ("lesson", "docstring") and _examples(msgid) != _examples(msgstr):
        found.append("its >>> examples differ from the English ones")
    if kind == "demo":
        try:
            # in parentheses: a literal written as several lines of adjacent strings is one expression
            english, korean = (ast.parse(f"({text}\n)", mode="eval").body for text in (msgid, msgstr))
            if type(english) is not type(korean):
                found.append("it is not the same kind of string literal (f-string or plain)")
        except SyntaxError as err:
            found.append(f"it is not a Python string literal: {err.msg}")
    return found


def problems(domain):
    """Lines naming each thing wrong with the domain's catalogue."""
    path = path_of(domain)
    if not path.exists():
        return [f"{path.relative_to(ROOT)} is missing (python -m tests.catalogs writes it)"]
    po = polib.pofile(str(path))
    wanted = expected(domain)
    entries = {entry.msgid: entry for entry in po if not entry.obsolete}
    found = []
    for msgid, (_, where, kind) in wanted.items():
        entry = entries.get(msgid)
        short = msgid.strip().splitlines()[0][:70]
        if entry is None:
            found.append(f"{domain}: no entry for {short!r} ({where[0]}): run python -m tests.catalogs")
        elif "fuzzy" in entry.flags or not _translation(entry):
            found.append(f"{domain}: {short!r} is not translated ({where[0]})")
        else:
            found += [f"{domain}: {short!r}: {problem}" for problem in entry_problems(msgid, _translation(entry), kind)]
    for msgid in entries:
        if msgid not in wanted:
            found.append(f"{domain}: the entry {msgid.strip().splitlines()[0][:70]!r} is stale (its English is gone)")
    return found


def main(names):
    for domain in names or domains():
        po = update(domain)
        untranslated = [e for e in po if not e.obsolete and not _translation(e)]
        obsolete = [e for e in po if e.obsolete]
        print(f"{path_of(domain).relative_to(ROOT)}: {len(po) - len(obsolete)} entries, "
              f"{len(untranslated)} to translate, {len(obsolete)} obsolete")


if __name__ == "__main__":
    main(sys.argv[1:])
