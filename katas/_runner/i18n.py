"""Which language the learner reads (English or Korean), and the catalogues that say it in Korean.

The language, first match wins:
    KATA_LANG                       set by the runner for the processes it starts
    .progress/language              written by `make lang L=ko` (or L=en); `make lang L=auto` removes it
    LANGUAGE, LC_ALL, LC_MESSAGES, LANG   read as gettext reads them: LANG=ko_KR.UTF-8 gives Korean

The messages live in gettext catalogues, katas/_runner/locale/ko/LC_MESSAGES/*.po: runner.po for the
runner, one per kata (k01_numeric_derivative.po …) for its lesson, docstrings, demo, hints, check
titles and failure messages. Each message's English text is its msgid, so a change to the English
leaves the Korean without a match: `make test` names it as stale. The .po files are read with polib
and handed to the standard library's gettext, so no compiled .mo file has to be kept in step.
"""

import functools
import gettext
import io
import os
from pathlib import Path

LOCALE = Path(__file__).resolve().parent / "locale"
ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = {"en": "English", "ko": "한국어"}
CHOICE = ".progress/language"  # relative to the repository, where `make lang` remembers the choice


def _code(value):
    """"ko_KR.UTF-8" → "ko"; "C", "POSIX" and "" → "en"; anything else its two letters."""
    value = value.split(".")[0].split("@")[0].strip()
    if value in ("", "C", "POSIX"):
        return "en"
    return value.split("_")[0].split("-")[0].lower()


def from_environment(environ=None):
    """(language, the variable and value it came from) as gettext reads them; ("en", None) when unset."""
    environ = os.environ if environ is None else environ
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if not value:
            continue
        for part in value.split(":"):  # LANGUAGE may list several: the first one we have wins
            if _code(part) in LANGUAGES:
                return _code(part), f"{name}={value}"
        return _code(value.split(":")[0]), f"{name}={value}"
    return "en", None


def remembered(root=None):
    """The language `make lang` remembered, or None."""
    try:
        value = ((root or ROOT) / CHOICE).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return value if value in LANGUAGES else None


def resolve(root=None, environ=None):
    """(language, where it came from, a note when the environment asked for one we do not have)."""
    environ = os.environ if environ is None else environ
    if environ.get("KATA_LANG") in LANGUAGES:
        return environ["KATA_LANG"], "KATA_LANG", None
    chosen = remembered(root)
    if chosen:
        return chosen, "make lang", None
    wanted, source = from_environment(environ)
    if wanted in LANGUAGES:
        return wanted, source, None
    return "en", source, wanted


@functools.cache
def language():
    """The language of this process's messages: "en" or "ko"."""
    return resolve()[0]


@functools.cache
def _entries(path):
    """The translated entries of one .po file (each file is read once per process)."""
    import polib

    return tuple(polib.pofile(str(path)).translated_entries())


def _compiled(paths):
    """One gettext translations object from .po files (a later file's entry wins)."""
    import polib

    merged = polib.POFile()
    merged.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Plural-Forms": "nplurals=1; plural=0;"}
    for path in paths:
        merged.extend(_entries(path))
    return gettext.GNUTranslations(io.BytesIO(merged.to_binary()))


@functools.cache
def translations(lang, domain=None):
    """A gettext translations object for lang: every catalogue of that language, merged; with a domain
    (a kata's module), that catalogue's own entries first (two katas may say one English phrase
    differently)."""
    if lang == "en":
        return gettext.NullTranslations()
    folder = LOCALE / lang / "LC_MESSAGES"
    own = folder / f"{domain}.po"
    if domain is None or not own.exists():
        return _compiled(sorted(folder.glob("*.po")))
    first = _compiled([own])
    first.add_fallback(translations(lang))
    return first


_domain = None  # the kata whose messages this process speaks first (prefer)


def prefer(domain):
    """Look messages up in this kata's catalogue first (the runner's child, the report of one kata)."""
    global _domain
    _domain = domain


def _(message):
    """message in the learner's language (its English text when there is no translation)."""
    return translations(language(), _domain).gettext(message)


def N_(message):
    """Marks a message for the catalogue where it is defined; _() translates it where it is used."""
    return message


def ngettext(singular, plural, n):
    """The singular or plural form for n, in the learner's language."""
    return translations(language(), _domain).ngettext(singular, plural, n)


def use(lang):
    """Make this process speak lang (the runner's children, the self-check)."""
    os.environ["KATA_LANG"] = lang
    language.cache_clear()
