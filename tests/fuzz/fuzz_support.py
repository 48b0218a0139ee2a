"""The settings decorator of the fuzz tests and a throwaway repo folder per example."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from hypothesis import settings

F = TypeVar("F", bound=Callable[..., Any])


def fuzz_settings(*, share: float = 1.0) -> Callable[[F], F]:
    """Settings of the active profile (``$HYPOTHESIS_PROFILE``, default ``ci``; registered in
    conftest.py; an unknown name fails loudly). ``share`` scales the profile's example count
    for tests that cost more per example than the others (a whole MkDocs build, say)."""
    profile = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
    return settings(profile, max_examples=max(1, round(profile.max_examples * share)))


@contextmanager
def scratch(prefix: str = "sre-docs-fuzz-") -> Iterator[Path]:
    """A fresh folder for one example: hypothesis runs the test body many times, so pytest's
    function-scoped ``tmp_path`` (one folder per test) would be shared between examples."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
