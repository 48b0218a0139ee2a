"""The benchmark tools live in ``benchmarks/`` at the repo root, outside the installed package."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks import corpus


@pytest.fixture(scope="session")
def corpus20(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 20-service corpus with a little git history, shared by the tests that only read it."""
    root = tmp_path_factory.mktemp("corpus20")
    corpus.generate(root, 20, seed=0, git_history=3)
    return root
