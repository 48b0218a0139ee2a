"""Recent changes from git history (the handoff's "what changed"): commits, bounds, and when git cannot answer."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import git
import pytest

from sre_docs.workflows.recent_changes import HistoryUnavailable, recent_changes

UTC = dt.timezone.utc


def _git(root: Path, *args: str, when: str | None = None) -> None:
    env = {**os.environ}
    if when:
        env.update(GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def _commit(root: Path, path: str, text: str, message: str, when: str) -> None:
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    _git(root, "add", path)
    _git(root, "commit", "-q", "-m", message, when=when)


@pytest.fixture
def history(tmp_path: Path) -> Path:
    """A repo (inside a folder of a larger git repo) with three dated commits."""
    top = tmp_path / "top"
    top.mkdir()
    _git(top, "init", "-q")
    _commit(top, "reliability/services/checkout/slos.yaml", "slo: {}\n", "Checkout SLO", "2026-11-10T10:00:00+00:00")
    _commit(top, "reliability/services/payments/slos.yaml", "slo: {}\n", "Payments SLO", "2026-11-20T10:00:00+00:00")
    _commit(top, "reliability/services/checkout/runbooks/a.yaml", "runbook: {}\n", "Checkout runbook\n\nBody.",
            "2026-11-24T10:00:00+00:00")
    return top / "reliability"


def test_commits_touching_the_folders_newest_first(history: Path) -> None:
    since, until = dt.datetime(2026, 11, 15, tzinfo=UTC), dt.datetime(2026, 11, 26, tzinfo=UTC)
    changes = recent_changes(history, ["services/checkout", "services/payments/"], since=since, until=until)
    # The 2026-11-10 commit is before the 15th; paths are relative to the reliability repo, not git's top.
    assert [(c.summary, c.when.isoformat(), c.paths) for c in changes] == [
        ("Checkout runbook", "2026-11-24T10:00:00+00:00", ("services/checkout/runbooks/a.yaml",)),
        ("Payments SLO", "2026-11-20T10:00:00+00:00", ("services/payments/slos.yaml",)),
    ]
    assert all(len(c.sha) == 10 and c.author == "sre-docs tests" for c in changes)


def test_one_folder_only(history: Path) -> None:
    since, until = dt.datetime(2026, 11, 1, tzinfo=UTC), dt.datetime(2026, 11, 26, tzinfo=UTC)
    changes = recent_changes(history, ["services/payments"], since=since, until=until)
    assert [c.summary for c in changes] == ["Payments SLO"]


def test_no_folders_no_changes(history: Path) -> None:
    moment = dt.datetime(2026, 11, 26, tzinfo=UTC)
    assert recent_changes(history, [], since=moment - dt.timedelta(days=7), until=moment) == []


def test_a_repo_without_commits_has_no_changes(tmp_path: Path) -> None:
    _git(tmp_path, "init", "-q")
    moment = dt.datetime(2026, 11, 26, tzinfo=UTC)
    assert recent_changes(tmp_path, ["services/checkout"], since=moment - dt.timedelta(days=7), until=moment) == []


def test_outside_git_the_history_is_unavailable(tmp_path: Path) -> None:
    moment = dt.datetime(2026, 11, 26, tzinfo=UTC)
    with pytest.raises(HistoryUnavailable, match="is not inside a git repository"):
        recent_changes(tmp_path, ["services/checkout"], since=moment, until=moment)


def test_a_failing_git_log_is_reported(history: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise git.GitCommandError(["git", "log"], 128, b"fatal: bad object HEAD")

    monkeypatch.setattr(git.Repo, "iter_commits", broken)
    moment = dt.datetime(2026, 11, 26, tzinfo=UTC)
    with pytest.raises(HistoryUnavailable, match=r"(?s)^git log failed: .*fatal: bad object HEAD"):
        recent_changes(history, ["services/checkout"], since=moment, until=moment)
