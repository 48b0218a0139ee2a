"""The repo's own policy code (``policy_paths``) runs for ``lint`` and the site build only.

Before the fix, every command that read the configuration imported the policy modules, so
``sre-docs budget`` (or any workflow) ran Python from the repo.
"""

from __future__ import annotations

from pathlib import Path

POLICY = '''\
"""Leaves a mark when imported.

## What it checks
x
## Why it matters
x
## Failing example
x
## Passing example
x
## Options
None.
## How to fix
x
## References
- Guide
"""
import pathlib

pathlib.Path(__file__).with_name("imported").write_text("policy code ran\\n")

ID = "ORG009"
NAME = "marker"
LEVEL = "warning"


def check(repo, options):
    return ()
'''


def test_policy_modules_are_imported_by_lint_and_by_no_read_command(repo: Path, cli) -> None:
    folder = repo / "ci" / "policies"
    folder.mkdir(parents=True)
    (folder / "marker.py").write_text(POLICY)
    (repo / "sre-docs.yaml").write_text("policy_paths: [ci/policies]\npolicies:\n  ORG009: {level: error}\n")
    marker = folder / "imported"
    assert cli(repo, "budget", "checkout").code == 0
    assert cli(repo, "incident", "update", "INC-2026-001", "--status", "respond", "--message", "x",
               "--at", "2026-11-20T14:10:00Z").code == 0
    assert not marker.exists()
    assert cli(repo, "lint").code in (0, 1)
    assert marker.read_text() == "policy code ran\n"
