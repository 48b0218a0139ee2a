"""Helpers for the policy tests: lint a folder as a repo, without git and with a fixed config."""

from __future__ import annotations

from pathlib import Path

from sre_docs.lint.config import load_config
from sre_docs.lint.engine import lint
from sre_docs.findings import Finding

FIXTURES = Path(__file__).parent / "fixtures"
LOADER_PREFIXES = ("YAML", "DOC", "SCH", "REPO", "SUP")


def lint_folder(root: Path) -> list[Finding]:
    """Every finding of the repo at ``root``; git is not consulted (fixtures live inside this repo)."""
    return lint(root, load_config(root, environ={}), use_git=False).findings
