"""Case tables for the policies, in the manner of pint's ``internal/checks/*_test.go``.

Each case is a tiny repository written out in the test (file name -> YAML text), an
optional ``sre-docs.yaml`` body, and the exact findings of the policy under test:
code, path, line, column, level and message, each written by hand from the input. The
runner lints the repo with the real engine (levels from config, as in production) and
compares the whole list, so a finding too many, too few or with one word changed fails.

Loader findings (YAML, DOC, SCH, REPO, SUP) must be absent: a case whose input the
schema rejects would test nothing, so it fails loudly instead.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from policy_helpers import LOADER_PREFIXES, lint_folder

#: "Today" of every case, so that date-based policies read the same on any day.
TODAY = "2026-11-26"


class Expected(NamedTuple):
    """One finding as a person writes it down: where, how bad, and the exact words."""

    code: str
    path: str
    line: int
    column: int
    level: str
    message: str


@dataclass(frozen=True)
class Case:
    """One row of a table: what it shows, the repo, and every finding of the policy."""

    description: str
    files: Mapping[str, str]
    expected: tuple[Expected, ...] = ()
    config: str = ""

    def __str__(self) -> str:  # the pytest id
        return self.description


def write_repo(root: Path, case: Case) -> None:
    """The case's files under ``root``, dedented, with a ``sre-docs.yaml`` that pins today."""
    for name, text in case.files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    config = f"today: {TODAY}\n" + textwrap.dedent(case.config)
    (root / "sre-docs.yaml").write_text(config, encoding="utf-8")


def findings_of(root: Path, code: str) -> list[Expected]:
    """The findings of policy ``code`` in the repo at ``root``, sorted by place."""
    findings = lint_folder(root)
    loader = [f"{f.code} {f.path}:{f.line}:{f.column} {f.message}" for f in findings if f.code.startswith(LOADER_PREFIXES)]
    assert loader == [], "the case's input is not a valid repo"
    return sorted(
        Expected(f.code, f.path, f.line, f.column, f.severity.value, f.message) for f in findings if f.code == code
    )


def run_case(tmp_path: Path, code: str, case: Case) -> list[Expected]:
    """Lint the case's repo; every finding of ``code``, to compare with ``sorted(case.expected)``.

    The comparison stays in the test module, where pytest shows the two lists side by side.
    """
    write_repo(tmp_path, case)
    return findings_of(tmp_path, code)
