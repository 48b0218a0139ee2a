"""Scorecards as they stood at earlier commits, for trends (no database: git is the history).

For each point (say 30 and 90 days ago) the newest commit on HEAD made by then is read
blob by blob (``commit.tree`` traversal, symlinks skipped as on disk), loaded through the
same loader and model as the working tree, and scored with *today's* rules as of that day,
so a trend shows what changed in the repository, not in the rules. Results are cached per
commit sha + rules fingerprint (which includes the sre-docs version) + day: in memory, and
as JSON under ``<root>/.sre-docs-cache/scorecard/`` when that folder can be written.

Only fixed arguments and shas that git itself returned are passed to git.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import git

from sre_docs.loading import git_changes

from sre_docs import __version__
from sre_docs.loading.loader import LoadedFile
from sre_docs.model.repository import repository_from_files
from sre_docs.yamltext.parse import DEFAULT_LIMITS
from sre_docs.scorecard.facts import GitFacts
from sre_docs.scorecard.rules import Rules
from sre_docs.scorecard.score import score_repository

CACHE_DIR = ".sre-docs-cache/scorecard"
_SYMLINK_MODE = 0o120000
_MEMORY: dict[str, dict[str, Any]] = {}
#: Loaded files by (path, content hash): consecutive commits share most of their files.
_LOADED: dict[tuple[str, str], LoadedFile] = {}
_LOADED_LIMIT = 50_000


class HistoryError(Exception):
    """Git cannot give a history here (not a repository, git missing)."""


@dataclass(frozen=True)
class HistoryPoint:
    """The scores of every service on ``as_of``, from ``commit`` (None: the repo had no commit yet)."""

    days_ago: int
    as_of: dt.date
    commit: str | None
    #: service -> {"levels": {dimension: level}, "total": int, "quality": float, "band": str}
    services: Mapping[str, Mapping[str, Any]]


def open_repo(root: Path) -> tuple[git.Repo, str]:
    """The git repository holding ``root`` and ``root``'s POSIX path inside it ('' at the top)."""
    try:
        return git_changes.open_repo(Path(root))
    except git_changes.GitChangesError as exc:
        raise HistoryError(str(exc)) from None


def commit_on(repo: git.Repo, day: dt.date) -> str | None:
    """The newest commit on HEAD committed by the end of ``day`` (UTC), or None."""
    try:
        sha = repo.git.rev_list("-1", f"--before={day.isoformat()}T23:59:59Z", "HEAD").strip()
    except git.GitCommandError:
        return None
    return sha or None


def files_at(repo: git.Repo, sha: str, prefix: str) -> list[tuple[str, bytes]]:
    """(path under the root, bytes) of every regular YAML file under services/ and org/ at ``sha``."""
    tree = repo.commit(sha).tree
    if prefix:
        try:
            tree = tree / prefix
        except KeyError:
            return []
    files = []
    for top in ("services", "org"):
        try:
            sub = tree / top
        except KeyError:
            continue
        if sub.type != "tree":
            continue
        for item in sub.traverse():
            if not isinstance(item, git.Blob) or item.mode == _SYMLINK_MODE:
                continue
            path = f"{top}/{str(item.path)[len(str(sub.path)) + 1:]}"
            if not path.endswith((".yaml", ".yml")):
                continue
            data = item.data_stream.read(DEFAULT_LIMITS.max_file_bytes + 1)
            files.append((path, data))
    return files


def last_changed_at(repo: git.Repo, sha: str, prefix: str) -> dict[str, dt.date]:
    """When each file under ``prefix`` last changed in the history of ``sha`` (one ``git log`` pass)."""
    return git_changes.file_dates(repo, prefix, sha)


def _cache_key(sha: str, rules: Rules, as_of: dt.date) -> str:
    return f"{sha}-{rules.fingerprint}-{as_of.isoformat()}"


def _read_cache(folder: Path | None, key: str) -> dict[str, Any] | None:
    if key in _MEMORY:
        return _MEMORY[key]
    if folder is None:
        return None
    try:
        data = json.loads((folder / f"{key}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("version") != __version__ or not isinstance(data.get("services"), dict):
        return None
    _MEMORY[key] = data["services"]
    return data["services"]


def _write_cache(folder: Path | None, key: str, services: dict[str, Any]) -> None:
    _MEMORY[key] = services
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=folder, suffix=".tmp", delete=False, encoding="utf-8") as handle:
            json.dump({"version": __version__, "key": key, "services": services}, handle, sort_keys=True)
        os.replace(handle.name, folder / f"{key}.json")
    except OSError:
        pass  # a read-only checkout still gets its trend, just not a disk cache


def scores_at(repo: git.Repo, prefix: str, sha: str, rules: Rules, as_of: dt.date, *, root: Path,
              cache_dir: Path | None) -> dict[str, Any]:
    """Summaries of every service's scorecard at commit ``sha`` on ``as_of``."""
    key = _cache_key(sha, rules, as_of)
    cached = _read_cache(cache_dir, key)
    if cached is not None:
        return cached
    files = files_at(repo, sha, prefix)
    if len(_LOADED) > _LOADED_LIMIT:
        _LOADED.clear()
    model = repository_from_files(root, files, cache=_LOADED)
    cards = score_repository(model, rules, today=as_of, git=GitFacts(last_changed_at(repo, sha, prefix)))
    services = {name: card.summary() for name, card in cards.items()}
    _write_cache(cache_dir, key, services)
    return services


def history(root: Path, rules: Rules, *, today: dt.date, days: tuple[int, ...] | None = None,
            use_disk_cache: bool = True) -> tuple[HistoryPoint, ...]:
    """The organisation's scores ``days`` ago (the rules' ``history_days`` by default), oldest last."""
    repo, prefix = open_repo(root)
    cache_dir = Path(root) / CACHE_DIR if use_disk_cache else None
    points = []
    for ago in sorted(days if days is not None else rules.history_days):
        as_of = today - dt.timedelta(days=ago)
        sha = commit_on(repo, as_of)
        services = scores_at(repo, prefix, sha, rules, as_of, root=Path(root), cache_dir=cache_dir) if sha else {}
        points.append(HistoryPoint(ago, as_of, sha, services))
    return tuple(points)


def arrow(now: float, then: float | None) -> str:
    """↑ better, ↓ worse, → unchanged; '·' when there is nothing to compare with."""
    if then is None:
        return "·"
    return "↑" if now > then else "↓" if now < then else "→"
