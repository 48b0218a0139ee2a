"""Fixtures for ``sre-docs diff``: a copy of the example organisation in a real git repo."""

from __future__ import annotations

from pathlib import Path

import pytest

from diff_helpers import example_repo


@pytest.fixture
def example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("GITHUB_BASE_REF", raising=False)
    monkeypatch.delenv("SRE_DOCS_TODAY", raising=False)
    return example_repo(tmp_path / "repo")
