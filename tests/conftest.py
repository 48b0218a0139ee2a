"""Settings every test folder shares.

Tests that build temporary git repositories commit with whatever identity git finds; a
fresh CI machine has none configured, so give git one here (the real environment wins).

The parse cache is on by default and lives in the user's cache folder; the tests (and the
commands they run) get a cache folder of their own, removed when they end, so that they
neither read nor fill the real one.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

_CACHE_HOME = tempfile.mkdtemp(prefix="sre-docs-test-cache-")
os.environ["XDG_CACHE_HOME"] = _CACHE_HOME
atexit.register(shutil.rmtree, _CACHE_HOME, True)

for _name, _value in (
    ("GIT_AUTHOR_NAME", "sre-docs tests"),
    ("GIT_AUTHOR_EMAIL", "tests@sre-docs.invalid"),
    ("GIT_COMMITTER_NAME", "sre-docs tests"),
    ("GIT_COMMITTER_EMAIL", "tests@sre-docs.invalid"),
    # Material's end-of-life notice (printed by a `mkdocs` subprocess); the README gives the plan.
    ("NO_MKDOCS_2_WARNING", "1"),
):
    os.environ.setdefault(_name, _value)
