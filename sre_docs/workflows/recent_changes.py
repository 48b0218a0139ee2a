"""Recent changes from git history: the one workflow input that is not in the YAML.

This is an I/O edge (it runs git through GitPython). Nothing read from a YAML file is
passed to git: the revision is the fixed ``HEAD``, the time bounds are datetimes computed
here, and the paths are service folders found on disk (validated folder names), given
after ``--`` so that git never reads them as options.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import git

from sre_docs.loading.git_changes import GitChangesError, open_repo


class HistoryUnavailable(Exception):
    """Git cannot answer (not a repository, no commits, git missing); the message says why."""


@dataclass(frozen=True)
class Change:
    sha: str
    when: dt.datetime
    author: str
    summary: str
    paths: tuple[str, ...]


def recent_changes(root: Path, folders: list[str], *, since: dt.datetime, until: dt.datetime) -> list[Change]:
    """Commits touching ``folders`` (repo-relative) between ``since`` and ``until``, newest first."""
    try:
        repo, inside = open_repo(root)
    except GitChangesError as exc:
        raise HistoryUnavailable(str(exc)) from None
    if not folders:
        return []
    prefix = inside + "/" if inside else ""
    wanted = [prefix + folder.strip("/") for folder in folders]
    try:
        commits = list(repo.iter_commits(
            "HEAD", paths=wanted, since=since.astimezone(dt.timezone.utc).isoformat(),
            until=until.astimezone(dt.timezone.utc).isoformat(),
        ))
    except (ValueError, git.GitCommandError) as exc:
        # A repository without commits yet: git words it differently from version to version.
        if any(words in str(exc) for words in ("does not have any commits", "unknown revision", "bad default revision",
                                                "bad revision 'HEAD'")):
            return []
        raise HistoryUnavailable(f"git log failed: {exc}") from None
    changes = []
    for commit in commits:
        touched = sorted(
            str(path)[len(prefix):] for path in commit.stats.files
            if any(str(path) == folder or str(path).startswith(folder + "/") for folder in wanted)
        )
        changes.append(Change(
            sha=commit.hexsha[:10], when=commit.committed_datetime, author=commit.author.name or "?",
            summary=commit.summary if isinstance(commit.summary, str) else commit.summary.decode("utf-8", "replace"),
            paths=tuple(touched),
        ))
    return changes
