"""The learner's files. Every verb that replaces one (reset, reset-all, restore, stubs) first copies
it, byte for byte and whatever its encoding, to a backup name that has never been used:

    katas/k01_numeric_derivative.py.20261124-093512.bak   (then …-093512-2.bak within the same second)

A backup is created exclusively (it never writes through a file or link that is already there), and a
kata file that is a symbolic link is refused: nothing is written outside the repository.
"""

import os
import re
import subprocess
from datetime import datetime
from itertools import count
from pathlib import Path

from katas._runner import i18n, translate
from katas._runner.stubgen import STUB_MESSAGE, make_stub

ROOT = Path(__file__).resolve().parents[2]
BACKUP = re.compile(r"\.(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?\.bak$")


def stub_text(kata, language=None, reference=None):
    """The kata's stub in a language (the learner's unless given), generated from its reference (the
    working one unless given as text): the English stub with its text from the kata's catalogue."""
    if reference is None:
        reference = (ROOT / kata.solution_file).read_text(encoding="utf-8")
    language = language or i18n.language()
    if language == "en":
        return make_stub(reference, kata.module)
    said = i18n.translations(language, kata.module).gettext
    return translate.render(make_stub(reference, kata.module, said(STUB_MESSAGE)), said)


def stub_bytes(kata, reference=None, language=None):
    """stub_text as the bytes of a file."""
    return stub_text(kata, language, reference).encode("utf-8")


def _committed_reference(kata):
    """The committed reference's text, or None outside a git checkout."""
    try:
        done = subprocess.run(["git", "show", f"HEAD:{kata.solution_file}"], cwd=ROOT,
                              capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.decode("utf-8") if done.returncode == 0 else None


def is_pristine(kata, data, stub=None):
    """True when data is a stub the repository generated, in either language: from the reference as
    it is, or as it was committed. Without git, only the stubs generated now count: anything else may
    be the learner's work."""
    if data == stub or any(data == stub_bytes(kata, language=lang) for lang in i18n.LANGUAGES):
        return True
    committed = _committed_reference(kata)
    return committed is not None and any(data == stub_bytes(kata, committed, lang) for lang in i18n.LANGUAGES)


def follow_language(kata):
    """A kata file that is still the stub generated in the other language is put in the learner's
    language (no learner work can be in it, so nothing is backed up). One line saying so, or ""."""
    path, language = ROOT / kata.file, i18n.language()
    if path.is_symlink() or not path.is_file():
        return ""
    data = path.read_bytes()
    if data == stub_bytes(kata, language=language) or not any(
            data == stub_bytes(kata, language=other) for other in i18n.LANGUAGES if other != language):
        return ""
    _write(path, stub_bytes(kata, language=language))
    return i18n._("{file} was the untouched stub in another language: its lesson is now in {name} "
                  "(make lang says how to choose)").format(file=kata.file, name=i18n.LANGUAGES[language])


def switch_language(kata, target):
    """Put the kata's file in the target language. An untouched stub is replaced by the target's
    stub; in a file the learner has edited only the text the repository wrote changes (translate.
    switch), after a backup. Returns one line (or "") and whether the file is now in that language."""
    path = ROOT / kata.file
    refusal = _refusal(kata, path)
    if refusal or not path.exists():
        return refusal or "", False
    data = path.read_bytes()
    wanted = stub_bytes(kata, language=target)
    if data == wanted:
        return "", True
    if is_pristine(kata, data):
        _write(path, wanted)
        return "", True
    try:
        current = data.decode("utf-8")
        stubs = {lang: stub_text(kata, lang) for lang in i18n.LANGUAGES}
        switched, kept = translate.switch(current, stubs, target)
    except (UnicodeDecodeError, SyntaxError, ValueError) as err:
        reason = i18n._("it is not UTF-8") if isinstance(err, UnicodeDecodeError) else i18n._(
            "it does not parse as Python")
        return i18n._("kata {number}: {file} keeps its language: {reason}").format(
            number=kata.number, file=kata.file, reason=reason), False
    if switched == current:
        return "", True
    saved = backup(path, data)
    _write(path, switched.encode("utf-8"))
    line = i18n._("kata {number}: your code in {file} is unchanged; its lesson and docstrings were switched "
                  "(the file before is saved as {saved})").format(number=kata.number, file=kata.file,
                                                                   saved=saved.relative_to(ROOT))
    if kept:
        line += i18n.ngettext(" — {n} docstring you rewrote kept your words", " — {n} docstrings you rewrote "
                              "kept your words", kept).format(n=kept)
    return line, True


def backup(path, data):
    """Write data to a backup name beside path that no file or link holds yet; return its path."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    for n in count(1):
        target = path.with_name(f"{path.name}.{stamp}.bak" if n == 1 else f"{path.name}.{stamp}-{n}.bak")
        try:
            fd = os.open(target, flags, 0o644)
        except FileExistsError:
            continue
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        return target


def _write(path, data):
    """Replace path's content atomically: a temporary file beside it, then a rename."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def _refusal(kata, path):
    """One line when the kata's path is not a plain file this runner may replace, else None."""
    if path.is_symlink():
        return i18n._("kata {number}: {file} is a symbolic link; nothing is written through it (replace it with a "
                      "regular file, then try again)").format(number=kata.number, file=kata.file)
    if path.exists() and not path.is_file():
        return i18n._("kata {number}: {file} is not a regular file; it was left alone").format(
            number=kata.number, file=kata.file)
    return None


def _replace(kata, data):
    """Put data in the kata's file, backing up what is there unless it is a pristine stub.
    Returns (the backup's path or None, the refusal line or None)."""
    path = ROOT / kata.file
    refusal = _refusal(kata, path)
    if refusal:
        return None, refusal
    saved = None
    if path.exists():
        current = path.read_bytes()
        if not is_pristine(kata, current, data):
            saved = backup(path, current)
    _write(path, data)
    return saved, None


def replace(kata, data):
    """Put data in the kata's file (make from-notebook), backing up what is there unless it is a
    pristine stub. Returns (the backup's path or None, the refusal line or None)."""
    return _replace(kata, data)


def reset(kata):
    """Restore the kata's stub. Returns (one line saying what was done, whether it could be done)."""
    path, stub = ROOT / kata.file, stub_bytes(kata)
    if not path.is_symlink() and path.is_file() and path.read_bytes() == stub:
        return i18n._("kata {number}: {file} is already the stub; nothing to do").format(
            number=kata.number, file=kata.file), True
    saved, refusal = _replace(kata, stub)
    if refusal:
        return refusal, False
    note = i18n._("; your version is saved as {saved}").format(saved=saved.relative_to(ROOT)) if saved else ""
    return i18n._("kata {number}: {file} is the stub again").format(number=kata.number, file=kata.file) + note, True


def backups(kata):
    """The kata's backups, oldest first (links are not backups and are passed over)."""
    path = ROOT / kata.file
    found = []
    for candidate in path.parent.glob(f"{path.name}.*.bak"):
        match = BACKUP.search(candidate.name[len(path.name):])
        if match and not candidate.is_symlink() and candidate.is_file():
            found.append(((match["stamp"], int(match["n"] or 1)), candidate))
    return [candidate for _, candidate in sorted(found)]


def restore(kata):
    """Put the newest backup back, backing up the current file first."""
    kept = backups(kata)
    if not kept:
        return i18n._("kata {number}: there is no backup of {file} to restore (make reset makes one before it "
                      "replaces your file)").format(number=kata.number, file=kata.file), False
    newest = kept[-1]
    path = ROOT / kata.file
    refusal = _refusal(kata, path)
    if refusal:
        return refusal, False
    data = newest.read_bytes()
    saved = backup(path, path.read_bytes()) if path.exists() and path.read_bytes() != data else None
    _write(path, data)
    note = i18n._("; the file it replaced is saved as {saved}").format(saved=saved.relative_to(ROOT)) if saved else ""
    return i18n._("kata {number}: {file} is {backup} again").format(
        number=kata.number, file=kata.file, backup=newest.relative_to(ROOT)) + note, True


def write_stub(kata):
    """(make stubs) Write the stub generated from the reference, in English as committed. Returns
    (line or "", done)."""
    path, stub = ROOT / kata.file, stub_bytes(kata, language="en")
    if not path.is_symlink() and path.is_file() and path.read_bytes() == stub:
        return "", True
    saved, refusal = _replace(kata, stub)
    if refusal:
        return refusal, False
    note = f" (it was not a stub: that version is saved as {saved.relative_to(ROOT)})" if saved else ""
    return f"wrote {kata.file}{note}", True
