"""Settings every test folder shares.

Tests that build temporary git repositories commit with whatever identity git finds; a
fresh CI machine has none configured, so give git one here (the real environment wins).
"""

from __future__ import annotations

import os

for _name, _value in (
    ("GIT_AUTHOR_NAME", "sre-docs tests"),
    ("GIT_AUTHOR_EMAIL", "tests@sre-docs.invalid"),
    ("GIT_COMMITTER_NAME", "sre-docs tests"),
    ("GIT_COMMITTER_EMAIL", "tests@sre-docs.invalid"),
    # Material's end-of-life notice (printed by a `mkdocs` subprocess); the README gives the plan.
    ("NO_MKDOCS_2_WARNING", "1"),
):
    os.environ.setdefault(_name, _value)
