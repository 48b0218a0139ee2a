"""Fixtures for the attack tests: a small repo to attack, the CLI, and a private user cache folder.

Helpers the tests import live in attack_helpers.py."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from sre_docs.cli import main

FIXTURE = Path(__file__).resolve().parents[1] / "workflows" / "fixture"
TODAY = "2026-11-26"


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SRE_DOCS_TODAY", TODAY)
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture
def user_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This test's own ``$XDG_CACHE_HOME/sre-docs``."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    monkeypatch.delenv("SRE_DOCS_CACHE", raising=False)
    return tmp_path / "user-cache" / "sre-docs"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A copy of the small workflow fixture repo: two services and an org folder."""
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE, root)
    return root


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):
    """Run ``sre-docs`` in-process: ``cli(root, "lint")``."""

    def run(root: Path, *argv: str) -> Result:
        code = main([*argv, "--root", str(root)])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run

