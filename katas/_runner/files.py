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

from katas._runner.stubgen import make_stub

ROOT = Path(__file__).resolve().parents[2]
BACKUP = re.compile(r"\.(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?\.bak$")


def stub_bytes(kata, reference=None):
    """The kata's stub, generated from its reference (the working one unless given as text)."""
    if reference is None:
        reference = (ROOT / kata.solution_file).read_text(encoding="utf-8")
    return make_stub(reference, kata.module).encode("utf-8")


def _committed_stub(kata):
    """The stub of the committed reference, or None outside a git checkout."""
    try:
        done = subprocess.run(["git", "show", f"HEAD:{kata.solution_file}"], cwd=ROOT,
                              capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return stub_bytes(kata, done.stdout.decode("utf-8")) if done.returncode == 0 else None


def is_pristine(kata, data, stub):
    """True when data is a stub the repository generated: this one, or the committed reference's.
    Without git, only the stub generated now counts: anything else may be the learner's work."""
    return data == stub or data == _committed_stub(kata)


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
        return (f"kata {kata.number}: {kata.file} is a symbolic link; nothing is written through it "
                "(replace it with a regular file, then try again)")
    if path.exists() and not path.is_file():
        return f"kata {kata.number}: {kata.file} is not a regular file; it was left alone"
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
        if not is_pristine(kata, current, stub_bytes(kata)):
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
        return f"kata {kata.number}: {kata.file} is already the stub; nothing to do", True
    saved, refusal = _replace(kata, stub)
    if refusal:
        return refusal, False
    note = f"; your version is saved as {saved.relative_to(ROOT)}" if saved else ""
    return f"kata {kata.number}: {kata.file} is the stub again{note}", True


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
        return (f"kata {kata.number}: there is no backup of {kata.file} to restore "
                "(make reset makes one before it replaces your file)"), False
    newest = kept[-1]
    path = ROOT / kata.file
    refusal = _refusal(kata, path)
    if refusal:
        return refusal, False
    data = newest.read_bytes()
    saved = backup(path, path.read_bytes()) if path.exists() and path.read_bytes() != data else None
    _write(path, data)
    note = f"; the file it replaced is saved as {saved.relative_to(ROOT)}" if saved else ""
    return f"kata {kata.number}: {kata.file} is {newest.relative_to(ROOT)} again{note}", True


def write_stub(kata):
    """(make stubs) Write the stub generated from the reference. Returns (line or "", done)."""
    path, stub = ROOT / kata.file, stub_bytes(kata)
    if not path.is_symlink() and path.is_file() and path.read_bytes() == stub:
        return "", True
    saved, refusal = _replace(kata, stub)
    if refusal:
        return refusal, False
    note = f" (it was not a stub: that version is saved as {saved.relative_to(ROOT)})" if saved else ""
    return f"wrote {kata.file}{note}", True
