"""Trends from git: a temporary repository whose history improves a service."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import git
import pytest
from scorecard_fixture import TODAY, Files

from sre_docs.scorecard import trends as hist
from sre_docs.scorecard.rules import load_rules
from sre_docs.scorecard.score import score_repository

RULES = load_rules()


def _commit(repo: git.Repo, root: Path, files: Files, day: dt.date, message: str) -> str:
    for sub in ("services", "org"):
        shutil.rmtree(root / sub, ignore_errors=True)
    files.write(root)
    repo.git.add("--all")
    stamp = f"{day.isoformat()}T12:00:00+0000"
    repo.git.commit("-q", "-m", message, env={"GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp})
    return repo.head.commit.hexsha


def _weak() -> Files:
    files = Files()
    files.drop_matching("services/gold/experiments/")
    files.drop_matching("services/gold/measurements/")
    files.drop("services/gold/capacity.yaml", "services/gold/toil.yaml")
    return files


def _middle() -> Files:
    files = Files()
    files.drop_matching("services/gold/experiments/")
    return files


@pytest.fixture(autouse=True)
def _fresh_memory() -> None:
    hist._MEMORY.clear()


@pytest.fixture()
def improving(tmp_path: Path) -> tuple[Path, list[str]]:
    """A repo with the reliability docs in a sub-folder, improving over three commits."""
    repo = git.Repo.init(tmp_path)
    repo.git.config("user.email", "test@example.com")
    repo.git.config("user.name", "Test")
    root = tmp_path / "reliability"
    root.mkdir()
    shas = [
        _commit(repo, root, _weak(), TODAY - dt.timedelta(days=120), "weak"),
        _commit(repo, root, _middle(), TODAY - dt.timedelta(days=45), "better"),
        _commit(repo, root, Files(), TODAY - dt.timedelta(days=2), "gold"),
    ]
    return root, shas


def test_history_scores_earlier_commits_and_shows_the_improvement(improving: tuple[Path, list[str]]) -> None:
    root, shas = improving
    points = hist.history(root, RULES, today=TODAY)
    assert [(p.days_ago, p.commit) for p in points] == [(30, shas[1]), (90, shas[0])]
    thirty, ninety = (p.services["gold"] for p in points)
    assert thirty["levels"]["chaos_engineering"] == 0 and thirty["levels"]["capacity_planning"] == 5
    assert ninety["levels"]["capacity_planning"] == 0 and ninety["levels"]["toil_management"] == 0
    assert ninety["total"] < thirty["total"] < 40
    assert hist.arrow(40, thirty["total"]) == "↑"
    assert hist.arrow(ninety["total"], thirty["total"]) == "↓"
    assert hist.arrow(40, 40) == "→" and hist.arrow(40, None) == "·"


def test_git_dates_at_a_commit_ignore_later_history(improving: tuple[Path, list[str]]) -> None:
    root, shas = improving
    repo, prefix = hist.open_repo(root)
    dates = hist.last_changed_at(repo, shas[1], prefix)
    assert dates["services/gold/slos.yaml"] == TODAY - dt.timedelta(days=120)  # unchanged since the first commit
    assert dates["services/gold/capacity.yaml"] == TODAY - dt.timedelta(days=45)  # added by the second
    assert "services/gold/experiments/staging-one.yaml" not in dates  # only added later
    point = hist.history(root, RULES, today=TODAY, days=(30,))[0]
    assert point.as_of == TODAY - dt.timedelta(days=30)


def test_before_the_first_commit_there_is_nothing(improving: tuple[Path, list[str]]) -> None:
    root, _ = improving
    point = hist.history(root, RULES, today=TODAY, days=(365,))[0]
    assert point.commit is None and point.services == {}


def test_commit_blobs_build_the_same_model_as_the_working_tree(improving: tuple[Path, list[str]]) -> None:
    root, shas = improving
    repo, prefix = hist.open_repo(root)
    assert prefix == "reliability"
    from sre_docs.model.repository import load_repository, repository_from_files

    from_git = repository_from_files(root, hist.files_at(repo, shas[2], prefix))
    on_disk = load_repository(root)
    assert sorted(d.path for d in from_git.documents) == sorted(d.path for d in on_disk.documents)
    assert score_repository(from_git, RULES, today=TODAY)["gold"].summary() == \
        score_repository(on_disk, RULES, today=TODAY)["gold"].summary()


def _stored(root: Path, sha: str, rules, as_of: dt.date):
    from sre_docs.loading.parse_cache import ParseCache
    from sre_docs.yamltext.parse import DEFAULT_LIMITS

    cache = ParseCache.open(root, DEFAULT_LIMITS)
    assert cache is not None
    return cache.get(hist._cache_key(cache, sha, rules, as_of))


def test_scores_are_cached_per_commit_on_disk(improving: tuple[Path, list[str]], monkeypatch: pytest.MonkeyPatch,
                                              tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    root, shas = improving
    first = hist.history(root, RULES, today=TODAY)
    # Kept in the user's cache, not in the work tree, under the commit, the rules and the day.
    assert not (root / ".sre-docs-cache").exists()
    for point in first:
        if point.commit:
            assert _stored(root, point.commit, RULES, point.as_of) == point.services

    hist._MEMORY.clear()

    def no_git_reads(*args, **kwargs):
        raise AssertionError("a cached commit must not be read from git again")

    monkeypatch.setattr(hist, "files_at", no_git_reads)
    assert hist.history(root, RULES, today=TODAY) == first
    # other rules -> other fingerprint -> computed afresh
    other = load_rules(config=b"scorecard:\n  dimensions:\n    slos:\n      levels:\n        5:\n          - {id: reviewed-monthly, enabled: false}\n")
    with pytest.raises(AssertionError, match="cached commit"):
        hist.history(root, other, today=TODAY)


def test_no_disk_cache_when_asked(improving: tuple[Path, list[str]], monkeypatch: pytest.MonkeyPatch,
                                  tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    root, _ = improving
    hist._MEMORY.clear()
    points = hist.history(root, RULES, today=TODAY, use_disk_cache=False)
    assert not (tmp_path / "user-cache").exists()
    assert any(point.commit for point in points)


def test_outside_git_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(hist.HistoryError, match="not inside a git repository"):
        hist.history(tmp_path, RULES, today=TODAY)
