"""Fixtures for the engine tests (constants and helpers live in engine_helpers.py)."""

from __future__ import annotations

import pytest

from engine_helpers import write_repo


@pytest.fixture
def make_repo(tmp_path):
    def make(files: dict[str, str]):
        return write_repo(tmp_path, files)
    return make
