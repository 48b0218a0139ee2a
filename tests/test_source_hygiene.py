"""Our own source compiles without warnings: an invalid escape sequence in a regular
expression or a docstring (``"\\s"`` instead of ``r"\\s"``) is a DeprecationWarning today and
a SyntaxError in a later Python, and it hides in modules only compiled on first import."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
SOURCES = sorted(
    path
    for folder in ("sre_docs", "policies", "plugins")
    for path in (PROJECT / folder).rglob("*.py")
)


def test_there_are_sources_to_check() -> None:
    assert any(path.name == "pm005.py" for path in SOURCES)


def _warnings_of(path: Path) -> str | None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            compile(path.read_text(encoding="utf-8"), str(path), "exec")
        except (SyntaxError, Warning) as exc:
            return f"{path.relative_to(PROJECT)}: {exc}"
    return None


def test_every_module_compiles_without_warnings() -> None:
    offenders = [problem for problem in map(_warnings_of, SOURCES) if problem]
    assert offenders == []


def test_an_invalid_escape_is_caught() -> None:
    source = 'PATTERN = "' + chr(92) + 's+"'  # PATTERN = "\s+" without the r prefix
    with warnings.catch_warnings(), pytest.raises((SyntaxError, DeprecationWarning, SyntaxWarning)):
        warnings.simplefilter("error")
        compile(source, "example.py", "exec")
