"""Helpers for the workflow tests (imported by name; pytest puts this folder on sys.path)."""

from __future__ import annotations

from pathlib import Path

from sre_docs.lint.config import load_config
from sre_docs.lint.engine import lint
from sre_docs.findings import Finding


def findings(root: Path) -> list[Finding]:
    """Everything the policy engine reports for the repo."""
    return lint(root, load_config(root), use_git=False).findings


def finding_keys(root: Path) -> set[tuple[str, str, str]]:
    return {(f.code, f.path, f.message) for f in findings(root)}


#: What ``fill_in`` writes in place of a TODO marker, by the key that holds it (a PromQL ``expr`` must parse).
FILLED = {
    "expr": "sum(rate(http_requests_total{code=~\"5..\"}[5m])) / sum(rate(http_requests_total[5m])) > 0.01",
    "timezone": "Europe/Berlin",
}


def fill_in(root: Path, *paths: str) -> int:
    """Replace every ``TODO:`` marker in the files as a person would; the number of markers replaced.

    The scaffolds write each marker as a one-line quoted scalar (``key: 'TODO: …'`` or ``- 'TODO: …'``).
    """
    import re

    marker = re.compile(r"""^(?P<lead>\s*(?:- )?(?:(?P<key>[\w.-]+): )?)(?P<q>['"])TODO\b.*(?P=q)(?P<tail>\s*(?:#.*)?)$""")
    count = 0
    for path in paths:
        target = root / path
        lines = target.read_text(encoding="utf-8").split("\n")
        for index, line in enumerate(lines):
            match = marker.match(line)
            if match:
                value = FILLED.get(match.group("key") or "", "Written by the team")
                lines[index] = f"{match.group('lead')}'{value}'{match.group('tail')}"
                count += 1
        target.write_text("\n".join(lines), encoding="utf-8")
    return count


def todo_findings(root: Path) -> list[tuple[str, int, int, str]]:
    """TODO001 findings as (path, line, column, message), in order."""
    return [(f.path, f.line, f.column, f.message) for f in findings(root) if f.code == "TODO001"]
