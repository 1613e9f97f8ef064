"""How pytest runs the katas: against your code in katas/, or with --solutions against the
reference in solutions/. This file is the one switch between the two; no test knows which it got.

It also stops any test after TIME_LIMIT seconds (pytest-timeout), so an endless loop in a kata
ends with a message instead of a frozen terminal.
"""

import importlib.abc
import importlib.util
import os
import re
import sys
from pathlib import Path

import numpy as np
import pytest

SOLUTIONS = Path(__file__).resolve().parent.parent / "solutions"
KATA_MODULE = re.compile(r"katas\.(k\d\d_\w+)")
TIME_LIMIT = float(os.environ.get("KATA_TIME_LIMIT", 10))  # seconds per test


def pytest_addoption(parser):
    parser.addoption("--solutions", action="store_true",
                     help="run the kata tests against the reference in solutions/")
    parser.addoption("--full", action="store_true",
                     help="also run the slow tests (full-length training runs)")


class _ReferenceFinder(importlib.abc.MetaPathFinder):
    """Imports `katas.kNN_topic` from solutions/kNN_topic.py, under its katas name."""

    def find_spec(self, fullname, path=None, target=None):
        match = KATA_MODULE.fullmatch(fullname)
        if match is None:
            return None
        return importlib.util.spec_from_file_location(fullname, SOLUTIONS / f"{match[1]}.py")


def pytest_configure(config):
    if int(np.__version__.split(".")[0]) >= 2:
        np.set_printoptions(legacy="1.25")  # failure messages show 0.5, not np.float64(0.5)
    config.addinivalue_line("markers", "slow: a long run; only with --full")
    if not config.pluginmanager.hasplugin("timeout"):  # pytest outside the repository's .venv
        config.addinivalue_line("markers", "timeout(seconds): a check's time limit (pytest-timeout)")
        config.issue_config_time_warning(pytest.PytestConfigWarning(
            "pytest-timeout is not installed, so an endless loop is never stopped: run the katas with "
            ".venv/bin/python -m pytest, or pip install pytest-timeout"), stacklevel=2)
    if config.getoption("solutions"):
        sys.meta_path.insert(0, _ReferenceFinder())


def pytest_make_parametrize_id(config, val, argname):
    """Show shapes, points and targets as they are written, (4, 3) or [0, 1, 1, 0], not X_shape0."""
    if isinstance(val, (tuple, list)) and all(isinstance(v, (int, float, str, tuple)) for v in val):
        return str(val)
    return None


def pytest_collection_modifyitems(config, items):
    skip_slow = pytest.mark.skip(reason="slow: run it with --full (make kata N=.. FULL=1)")
    for item in items:
        if item.get_closest_marker("timeout") is None:
            item.add_marker(pytest.mark.timeout(TIME_LIMIT))
        if item.get_closest_marker("slow") and not config.getoption("full"):
            item.add_marker(skip_slow)
