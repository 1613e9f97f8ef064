"""Two languages: the Korean catalogues are whole and faithful, and a switch never touches code."""

import re

import pytest

from katas._runner import i18n, translate
from katas._runner.registry import KATAS
from katas._runner.stubgen import make_stub
from tests import catalogs
from tests.conftest import ROOT


def _present():
    return [domain for domain in catalogs.domains() if catalogs.path_of(domain).exists()]


def test_every_kata_and_the_runner_have_a_korean_catalogue():
    missing = [domain for domain in catalogs.domains() if not catalogs.path_of(domain).exists()]
    assert not missing, f"no Korean catalogue for {missing}: python -m tests.catalogs DOMAIN, then translate"


@pytest.mark.parametrize("domain", _present())
def test_the_catalogue_translates_every_text_and_keeps_its_numbers(domain):
    found = catalogs.problems(domain)
    assert not found, f"{len(found)} problems:\n" + "\n".join(found[:20])


# The Korean course keeps one word per idea (README.ko.md's glossary gives the other forms): each
# other form may appear only where a text quotes a source ("…") or names the other form (…라고 부릅니다).
OTHER_FORMS = {"교과서": "교재", "에포크": "에폭", "순방향 패스": "순전파"}


def test_the_korean_texts_keep_one_word_per_term():
    import polib

    texts = {"README.ko.md": [line for line in (ROOT / "README.ko.md").read_text(encoding="utf-8").splitlines()
                              if not line.startswith("| ")]}  # the glossary's rows list every form
    for domain in _present():
        texts[catalogs.path_of(domain).name] = [entry.msgstr for entry in polib.pofile(str(catalogs.path_of(domain)))]
    for name, strings in texts.items():
        for text in strings:
            unquoted = re.sub(r'"[^"]*"|“[^”]*”|「[^」]*」', "", text)
            for other, chosen in OTHER_FORMS.items():
                for found in re.finditer(other, unquoted):
                    assert re.match(r"\s*(이?라고|이라|라)", unquoted[found.end():]), (
                        f"{name}: {other!r} where the course writes {chosen!r}: …{unquoted[max(0, found.start() - 30):found.end() + 30]}…")


@pytest.mark.parametrize("environ, expected", [
    ({"LANG": "ko_KR.UTF-8"}, "ko"), ({"LANG": "en_US.UTF-8"}, "en"), ({}, "en"), ({"LANG": "C.UTF-8"}, "en"),
    ({"LANGUAGE": "ko:en", "LANG": "en_US.UTF-8"}, "ko"), ({"LC_ALL": "ko_KR.UTF-8", "LANG": "en_US.UTF-8"}, "ko"),
    ({"LC_MESSAGES": "ko_KR", "LANG": "en_US"}, "ko"), ({"LANGUAGE": "fr:ko"}, "ko"),
])
def test_the_language_follows_the_environment_as_gettext_reads_it(environ, expected, tmp_path):
    assert i18n.resolve(tmp_path, environ)[0] == expected


def test_another_language_falls_back_to_english_and_says_which(tmp_path):
    assert i18n.resolve(tmp_path, {"LANG": "fr_FR.UTF-8"}) == ("en", "LANG=fr_FR.UTF-8", "fr")


def test_the_remembered_choice_wins_over_the_environment(tmp_path):
    (tmp_path / ".progress").mkdir()
    (tmp_path / ".progress" / "language").write_text("ko\n", encoding="utf-8")
    assert i18n.resolve(tmp_path, {"LANG": "en_US.UTF-8"})[0] == "ko"
    assert i18n.resolve(tmp_path, {"LANG": "en_US.UTF-8", "KATA_LANG": "en"})[0] == "en"


def _marked(text):
    """A stand-in translation that changes every unit visibly and keeps string literals literals."""
    if text[:1] in "\"'" or text[:2] in ("f'", 'f"'):
        return text[0] + "«" + text[1:] if text[0] in "\"'" else text[:2] + "«" + text[2:]
    return "번역 " + text


@pytest.mark.parametrize("kata", KATAS, ids=lambda k: k.module)
def test_a_translated_stub_differs_only_in_its_text_and_switches_back_byte_for_byte(kata):
    english = make_stub((ROOT / kata.solution_file).read_text(encoding="utf-8"), kata.module)
    korean = translate.render(english, _marked)
    assert translate.functions_code(korean) == translate.functions_code(english)
    stubs = {"en": english, "ko": korean}
    assert translate.switch(english, stubs, "ko") == (korean, 0)
    assert translate.switch(korean, stubs, "en") == (english, 0)


def test_switching_an_edited_file_keeps_every_line_of_the_learners_code():
    kata = KATAS[0]
    english = make_stub((ROOT / kata.solution_file).read_text(encoding="utf-8"), kata.module)
    korean = translate.render(english, _marked)
    stubs = {"en": english, "ko": korean}
    solved = english.replace(
        '    raise NotImplementedError("kata 1 · derivative() is not written yet — edit katas/k01_numeric_derivative.py")',
        '    # my note: "What to implement"\n    return (f(x + dx) - f(x)) / dx  # forward', 1)
    solved = solved.replace('"""Central difference', '"""My own words. Central difference', 1)
    switched, kept = translate.switch(solved, stubs, "ko")
    assert kept == 1, "the docstring the learner rewrote stays as it is"
    assert '    # my note: "What to implement"\n    return (f(x + dx) - f(x)) / dx  # forward' in switched
    assert '"""My own words. Central difference' in switched
    assert "번역 Kata 1 · Numeric derivative" in switched, "the lesson is in Korean"
    back, _ = translate.switch(switched, stubs, "en")
    assert back == solved


def test_a_demo_the_learner_changed_keeps_its_text():
    kata = KATAS[0]
    english = make_stub((ROOT / kata.solution_file).read_text(encoding="utf-8"), kata.module)
    korean = translate.render(english, _marked)
    mine = english.replace('print("The course\'s functions', 'print("Mine: the course\'s functions', 1)
    switched, _ = translate.switch(mine, {"en": english, "ko": korean}, "ko")
    assert 'print("Mine: the course\'s functions at x = 5' in switched
    assert 'headers=["function", "derivative(f, 5)", "exact"]' in switched


def test_make_lang_switches_untouched_and_edited_files_and_keeps_the_code(scenarios):
    from katas._runner.registry import find

    solved, seen = scenarios["lang_switch"]()
    done, text, chosen, backups = seen["ko"]
    assert done.returncode == 0, done.stdout + done.stderr
    assert text.startswith(f'# %% [markdown]\n"""카타 1 · {i18n.translations("ko").gettext(find(1).title)}'), \
        "the untouched stub is Korean"
    assert chosen.strip() == "ko"
    assert all("k02" in name for name in backups), backups
    done, text = seen["en, solved"]
    assert done.returncode == 0, done.stdout + done.stderr
    assert text == solved, "an English file the learner edited stays as it is"
    done, switched, backups = seen["ko, solved"]
    assert "카타 1 · " in switched and "그대로" in done.stdout, done.stdout
    assert translate.functions_code(switched) == translate.functions_code(solved), "the code stays as it was"
    assert backups == [solved], "the file is backed up first"
    shown = seen["kata"]
    assert shown.returncode == 0 and "카타 1 · 수치 미분" in shown.stdout, shown.stdout
    assert re.search("[가-힣]", shown.stdout.split("✓", 1)[1]), f"the result shows no Korean:\n{shown.stdout}"
    done, text = seen["en again"]
    assert text == solved, "back in English, byte for byte"
    assert seen["which"].stdout.startswith("The language is English (chosen with make lang)"), seen["which"].stdout
    done, remembered = seen["auto"]
    assert done.returncode == 0 and not remembered


def test_lang_ko_alone_puts_an_untouched_stub_in_korean_and_never_touches_an_edited_file(scenarios):
    english, steps = scenarios["lang_environment"]()
    (done, after), (back, english_again), (mine, edited) = steps
    assert "카타 4" in done.stdout and after != english, done.stdout
    assert "kata 4 · step()" in after.decode("utf-8"), "the stub's line keeps its start"
    assert english_again == english, "and back, byte for byte"
    assert edited == english + b"\n# mine\n", "an edited file changes only with make lang"


def test_a_korean_learner_sees_the_report_the_failures_and_the_result_in_korean(scenarios):
    from katas._runner.registry import find

    say = i18n.translations("ko").gettext
    first, chosen, ninth, solved = scenarios["korean"]()
    assert first.returncode == 1 and "카타 1 · 수치 미분" in first.stdout, first.stdout
    assert say("{function}() is not written yet").format(function="derivative") in first.stdout, first.stdout
    assert chosen.returncode == 0, chosen.stdout + chosen.stderr
    assert ninth.returncode == 1, ninth.stdout
    assert f"카타 9 · {say(find(9).title)}" in ninth.stdout, ninth.stdout
    assert say("{function}() is not written yet").format(function="backprop") in ninth.stdout, ninth.stdout
    assert re.search(r"검사 \d+개 중 0개 통과", ninth.stdout), ninth.stdout
    assert solved.returncode == 0 and re.search(r"검사 \d+개 모두 통과 ✓", solved.stdout), solved.stdout
    result = solved.stdout.split("✓", 1)[1]
    assert re.search("[가-힣]", result), f"kata 4's result shows no Korean:\n{solved.stdout}"


def test_hints_come_in_korean(tmp_path, monkeypatch, capsys):
    from katas._runner.cli import main
    from katas._runner.registry import find

    monkeypatch.setattr("katas._runner.cli.PROGRESS", tmp_path / ".progress")
    monkeypatch.setattr(i18n, "language", lambda: "ko")
    kata = find(5)
    monkeypatch.setenv("KATA_ALL", "1")
    main(["hint", "5"])
    shown = capsys.readouterr().out
    korean = i18n.translations("ko", kata.module).gettext
    for hint in kata.hints:
        assert korean(hint) != hint and korean(hint) in shown, shown
    assert "힌트" in shown, shown


# A check's parameter is English when it holds two words in a row ("random weights") or a word that
# only a sentence uses ("4 by 1"); a function's name, a keyword (slope=0.2) or a formula is not.
IN_WORDS = re.compile(r"(?<![\w'])[A-Za-z']{2,}\s+[A-Za-z']{2,}(?![\w=])|"
                      r"\b(?:the|a|an|of|by|with|in|on|at|and|then|no|one|two|itself)\b")


def test_a_checks_parameter_in_words_comes_in_korean(scenarios):
    """The titles of the checks are in the catalogues; a parameter in words (pytest's id) must be too:
    the test file marks it N_("…"), and the report shows its Korean (child.title)."""
    from katas._runner import child
    from tests.test_katas import _outcomes

    results, _done = _outcomes(scenarios["reference"]())
    untranslated = set()
    for kata in KATAS:
        korean = i18n.translations("ko", kata.module).gettext
        for name, _outcome, _message in results.get(kata.module, []):
            param = child.title(name).partition(" [")[2][:-1]
            if IN_WORDS.search(param) and korean(param) == param:
                untranslated.add(f"{kata.module}: {param}")
    assert not untranslated, "parameters in English words with no Korean (mark them N_ in the test file):\n" + \
        "\n".join(sorted(untranslated))
