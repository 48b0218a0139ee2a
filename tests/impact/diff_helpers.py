"""Helpers for the ``sre-docs diff`` tests: real git repos, the command run in-process, edits."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parents[2]
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.com", "GIT_AUTHOR_DATE": "2026-11-20T10:00:00Z",
           "GIT_COMMITTER_DATE": "2026-11-20T10:00:00Z"}


def git(root: Path, *args: str) -> str:
    import os

    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV}).stdout


def commit(root: Path, message: str) -> str:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)
    return git(root, "rev-parse", "HEAD").strip()


def example_repo(root: Path) -> Path:
    """The example organisation in a fresh git repo at ``root``, one commit on ``main``."""
    root.mkdir()
    for name in ("services", "org"):
        shutil.copytree(PROJECT / name, root / name)
    for name in ("sre-docs.yaml", "mkdocs.yml"):
        shutil.copy(PROJECT / name, root / name)
    git(root, "init", "-q", "-b", "main")
    commit(root, "the example organisation")
    return root


def run_diff(root: Path, *args: str) -> tuple[int, str, str]:
    from sre_docs.cli import main

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["diff", "--root", str(root), *args])
    return code, out.getvalue(), err.getvalue()


def diff_json(root: Path, *args: str) -> dict[str, Any]:
    code, out, err = run_diff(root, *args, "--format", "json")
    assert (code, err) == (0, "")
    return json.loads(out)


def edit(root: Path, path: str, old: str, new: str, count: int = 1) -> None:
    """Replace ``old`` by ``new`` in a file of the repo, insisting it is there ``count`` times."""
    target = root / path
    text = target.read_text(encoding="utf-8")
    assert text.count(old) == count, (path, old, text.count(old))
    target.write_text(text.replace(old, new), encoding="utf-8")
