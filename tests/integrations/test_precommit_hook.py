"""The pre-commit hook: its definition, and the mapping from staged files to reported findings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from integration_helpers import PROJECT
from sre_docs.cli import main
from sre_docs.findings import Finding, Severity
from sre_docs.integrations.precommit import Selection, only_files, repo_relative, selection_for
from sre_docs.yamltext.parse import parse_bytes

HOOKS = PROJECT / ".pre-commit-hooks.yaml"


def _hooks() -> list[dict]:
    parsed = parse_bytes(HOOKS.read_bytes(), str(HOOKS))
    assert parsed.findings == []
    return parsed.documents[0].value


def _hook() -> dict:
    return next(h for h in _hooks() if h["id"] == "sre-docs-lint")


def test_hook_definition():
    hook = _hook()
    assert hook["entry"].split()[:2] == ["sre-docs", "lint"]
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is True and hook["require_serial"] is True
    for key in ("id", "name", "entry", "language"):
        assert isinstance(hook[key], str) and hook[key]


@pytest.mark.parametrize(("path", "matches"), [
    ("services/checkout/slos.yaml", True),
    ("services/checkout/runbooks/db.yml", True),
    ("org/teams.yaml", True),
    ("org/oncall/platform.yaml", True),
    ("sre-docs.yaml", True),
    ("services/checkout/notes.md", False),
    ("README.md", False),
    ("mkdocs.yml", False),
    ("docs/services/x.yaml", False),
])
def test_hook_files_pattern(path, matches):
    assert bool(re.search(_hook()["files"], path)) is matches  # pre-commit uses re.search


def _finding(path: str, service: str | None) -> Finding:
    return Finding("X001", Severity.ERROR, path, 1, 1, "m", service)


FINDINGS = [
    _finding("services/checkout/slos.yaml", "checkout"),
    _finding("services/checkout/service.yaml", "checkout"),
    _finding("services/payments/slos.yaml", "payments"),
    _finding("org/teams.yaml", None),
    _finding("org/oncall/platform.yaml", None),
]


@pytest.mark.parametrize(("files", "expected"), [
    ([], [0, 1, 2, 3, 4]),
    (["services/checkout/slos.yaml"], [0, 1]),        # a sibling file's finding may be caused by this change
    (["services/payments/slis.yaml"], [2]),
    (["org/teams.yaml"], [3]),
    (["org/oncall"], [4]),                             # a folder selects what is under it
    (["sre-docs.yaml"], [0, 1, 2, 3, 4]),              # configuration changes every check
    (["README.md"], []),
    (["../elsewhere/services/checkout/slos.yaml"], []),
])
def test_files_select_findings(tmp_path, monkeypatch, files, expected):
    monkeypatch.chdir(tmp_path)
    assert only_files(FINDINGS, files, Path(".")) == [FINDINGS[i] for i in expected]


def test_paths_are_taken_relative_to_the_lint_root(tmp_path):
    root = tmp_path / "reliability"
    assert repo_relative("reliability/services/a/b.yaml", Path("reliability"), cwd=tmp_path) == "services/a/b.yaml"
    assert repo_relative(str(root / "org/x.yaml"), root, cwd=Path("/")) == "org/x.yaml"
    assert repo_relative("other/services/a/b.yaml", Path("reliability"), cwd=tmp_path) is None
    assert selection_for(["reliability/services/a/b.yaml"], Path("reliability"), cwd=tmp_path) == Selection(
        services=frozenset({"a"}))


def test_lint_reports_only_the_staged_files_services(small_repo, monkeypatch, capsys):
    """What pre-commit runs: the hook's entry, then the staged file names, from the top of the repo."""
    monkeypatch.chdir(small_repo)
    entry = _hook()["entry"].split()[1:]
    code = main([*entry, "services/payments/slos.yaml"])
    out = capsys.readouterr().out
    reported = {line.split(":")[0] for line in out.splitlines() if line.startswith("services/")}
    assert reported == {"services/payments/slos.yaml", "services/payments/service.yaml"}
    assert code == 1

    main([*entry])  # no files: the whole repo
    everything = {line.split(":")[0] for line in capsys.readouterr().out.splitlines() if line.startswith("services/")}
    assert any(path.startswith("services/checkout/") for path in everything)

    assert main([*entry, "org/teams.yaml"]) == 0  # the team file itself is clean
    assert capsys.readouterr().out.strip() == "no findings"
