"""Settings every test folder shares.

Tests that build temporary git repositories commit with whatever identity git finds; a
fresh CI machine has none configured, so give git one here (the real environment wins).

The parse cache is on by default and lives in the user's cache folder; the tests (and the
commands they run) get a cache folder of their own, removed when they end, so that they
neither read nor fill the real one.

A run of the whole suite also holds every module of sre_docs to a floor of branch coverage
(pytest-cov measures it; see ``pytest_runtestloop`` below).
"""

from __future__ import annotations

import atexit
import contextlib
import io
import json
import os
import shutil
import tempfile
from collections.abc import Generator
from pathlib import Path
from typing import Any

import pytest

_CACHE_HOME = tempfile.mkdtemp(prefix="sre-docs-test-cache-")
os.environ["XDG_CACHE_HOME"] = _CACHE_HOME
atexit.register(shutil.rmtree, _CACHE_HOME, True)

for _name, _value in (
    ("GIT_AUTHOR_NAME", "sre-docs tests"),
    ("GIT_AUTHOR_EMAIL", "tests@sre-docs.invalid"),
    ("GIT_COMMITTER_NAME", "sre-docs tests"),
    ("GIT_COMMITTER_EMAIL", "tests@sre-docs.invalid"),
    # Material's end-of-life notice (printed by a `mkdocs` subprocess); the README gives the plan.
    ("NO_MKDOCS_2_WARNING", "1"),
):
    os.environ.setdefault(_name, _value)


# --- every module at 85% branch coverage ------------------------------------------------------------

#: Lowest coverage (statements and branches together, as `coverage report` counts them) of any module.
COVERAGE_FLOOR = 85.0


def _full_run(config: pytest.Config) -> bool:
    """Whether this run is the whole suite: a subset cannot judge any module's coverage."""
    option = config.option
    return (
        config.args_source is pytest.Config.ArgsSource.TESTPATHS
        and not option.keyword and not option.markexpr and not getattr(option, "lf", False)
        and not option.deselect and not option.collectonly
    )


def modules_under_floor(report: dict[str, Any], floor: float = COVERAGE_FLOOR) -> list[str]:
    """``path: NN.N%`` for each module of a ``coverage json`` report below ``floor`` (every module is held to it)."""
    return [
        f"{path}: {entry['summary']['percent_covered']:.1f}%"
        for path, entry in sorted(report["files"].items())
        if entry["summary"]["percent_covered"] < floor
    ]


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtestloop(session: pytest.Session) -> Generator[None, object, object]:
    """After pytest-cov has stopped measuring (this wrapper is outside its own), check each module."""
    result = yield
    plugin = session.config.pluginmanager.getplugin("_cov")
    controller = getattr(plugin, "cov_controller", None)
    if controller is None or getattr(controller, "cov", None) is None or not _full_run(session.config):
        return result
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "coverage.json"
        with contextlib.redirect_stdout(io.StringIO()):  # coverage says "Wrote JSON report"
            controller.cov.json_report(outfile=str(target))
        under = modules_under_floor(json.loads(target.read_text(encoding="utf-8")))
    reporter = session.config.pluginmanager.getplugin("terminalreporter")
    if under:
        reporter.write(f"ERROR: modules under {COVERAGE_FLOOR:g}% branch coverage:\n  " + "\n  ".join(under) + "\n",
                       red=True, bold=True)
        session.testsfailed += 1
    return result
