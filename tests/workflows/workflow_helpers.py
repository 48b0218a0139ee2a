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
