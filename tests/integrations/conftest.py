"""Fixtures for the integration tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from integration_helpers import SMALL_REPO, write_repo


@pytest.fixture
def small_repo(tmp_path: Path) -> Path:
    return write_repo(tmp_path / "repo", SMALL_REPO)


@pytest.fixture
def promtool() -> str:
    found = shutil.which("promtool")
    if found is None:
        pytest.skip("promtool is not installed (apt-get install prometheus)")
    return found
