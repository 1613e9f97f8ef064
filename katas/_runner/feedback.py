"""Helpers the kata tests share, so that every failure speaks the lesson's language.

A failure message that recognises the learner's mistake names it after " — " ("got 2.0 — that is the
central difference"); the report shows such failures first. Messages go through _(), so a Korean
learner reads them in Korean (katas/_runner/i18n.py).
"""

import math
import re

import pytest

from katas._runner.i18n import N_, _  # noqa: F401  the test files take them from here


def looks_like(got, mistakes, rel=1e-7, abs_tol=1e-9):
    """' — that is <mistake>' when got matches one of the known wrong answers, else ''.

    mistakes maps a description ("the central difference") to the value that mistake produces.
    """
    for description, value in mistakes.items():
        try:
            if math.isclose(got, value, rel_tol=rel, abs_tol=abs_tol):
                return _(" — that is {mistake}").format(mistake=description)
        except TypeError:  # got is not a number: nothing to recognise
            return ""
    return ""


def expect_error(error, call, what, match=None, returned_hint=""):
    """Call call(); it must raise error (with match in its message). Return the exception.

    returned_hint (" — …") is added when call() returns instead, to name why that happens.
    NotImplementedError passes through untouched: the stub's message is the clearest one.
    """
    try:
        result = call()
    except NotImplementedError:
        raise
    except error as err:
        if match is not None and match.lower() not in str(err).lower():
            pytest.fail(_("{what}: the {error} should mention {match!r}; its message was {said!r}").format(
                what=what, error=error.__name__, match=match, said=str(err)))
        return err
    except Exception as err:
        pytest.fail(_("{what}: expected {error}; got {other}: {said}").format(
            what=what, error=error.__name__, other=type(err).__name__, said=err))
    pytest.fail(_("{what}: expected {error}; it returned {result!r}").format(
        what=what, error=error.__name__, result=result) + returned_hint)


def shape_at(text, shape):
    """Where a message names a shape, however it is written: (3, 2), (3,2), 3x2, 3×2 or [3, 2]; a 1-D
    shape (2,) also as (2) or plain 2. The index of its first mention, or -1."""
    dims = r"\s*(?:,|x|×|\*|by)\s*".join(str(d) for d in shape)
    found = re.search(rf"(?<![\d.]){dims}(?![\d.])(?!\s*(?:,|x|×|\*)\s*\d)", str(text))
    return found.start() if found else -1


def names_shape(text, shape):
    """True when a message names a shape, however it is written (see shape_at)."""
    return shape_at(text, shape) >= 0


def numeric_partials(f, point, h=1e-6):
    """The central-difference gradient of f(*point): the tests' independent check of a backward pass."""
    partials = []
    for i in range(len(point)):
        up, down = list(point), list(point)
        up[i] += h
        down[i] -= h
        partials.append((f(*up) - f(*down)) / (2 * h))
    return partials
