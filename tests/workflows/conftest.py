"""Shared fixtures for the workflow tests: a copy of a reliability repo and a CLI runner."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from sre_docs.cli import main

HERE = Path(__file__).parent
FIXTURE = HERE / "fixture"
PROJECT = HERE.parents[1]
#: The moment every test runs at, so budgets, due dates and stale-runbook checks never drift.
AS_OF = "2026-11-26T00:00:00Z"
TODAY = "2026-11-26"


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SRE_DOCS_TODAY", TODAY)
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A copy of the small fixture repo (deterministic content)."""
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE, root)
    return root


def example_available() -> bool:
    return any((PROJECT / "services").glob("*/service.yaml"))


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A copy of the project's example org when it exists, else of the fixture repo."""
    root = tmp_path / "example"
    if not example_available():
        shutil.copytree(FIXTURE, root)
        return root
    root.mkdir()
    for name in ("services", "org"):
        if (PROJECT / name).is_dir():
            shutil.copytree(PROJECT / name, root / name)
    if (PROJECT / "sre-docs.yaml").is_file():
        shutil.copy(PROJECT / "sre-docs.yaml", root / "sre-docs.yaml")
    return root


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):
    """Run ``sre-docs`` in-process: ``cli(root, "budget", "checkout")``."""

    def run(root: Path, *argv: str, root_flag: bool = True) -> Result:
        args = list(argv) + (["--root", str(root)] if root_flag else [])
        try:
            code = main(args)
        except SystemExit as exit_:  # argparse's own usage errors, as the real process would exit
            code = exit_.code if isinstance(exit_.code, int) else 2
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run
