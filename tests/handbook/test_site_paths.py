"""``relative_path`` gives what ``posixpath.relpath`` gives for the handbook's page paths (it only skips the OS)."""

from __future__ import annotations

import posixpath

import pytest

from sre_docs.handbook.site import relative_path


@pytest.mark.parametrize(("path", "start", "expected"), [
    ("services/checkout/index.md", "services/checkout", "index.md"),
    ("services/payments/index.md", "services/checkout", "../payments/index.md"),
    ("index.md", "services/checkout/runbooks", "../../../index.md"),
    ("services/checkout/runbooks/a.md", ".", "services/checkout/runbooks/a.md"),
    ("org/teams.md", "org", "teams.md"),
    ("org", "org", "."),
    (".", ".", "."),
    ("services//checkout/./index.md", "services/checkout/", "index.md"),  # doubled and dot parts fold away
    ("scorecards/index.md", "scorecards/checkout", ".."  + "/index.md"),
    ("a/b", "a/b/c/d", "../.."),
    ("../outside.md", "services", "../../outside.md"),  # climbing paths are left to relpath
    ("/abs/page.md", "/abs/other", "../page.md"),
])
def test_relative_path_is_relpath(path: str, start: str, expected: str) -> None:
    assert relative_path(path, start) == expected
    assert posixpath.relpath(path, start) == expected
