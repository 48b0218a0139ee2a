"""Lint again in a process that linted the repo before, after some files changed (``mkdocs serve``).

A preview server lints the whole repo for its first build and after every save. The first
lint is a whole run (``incremental.whole_run``), kept here with the digest of every file it
saw. A later lint compares the files' digests with that run's and hands the paths that
differ to ``incremental.lint_against``: when they all sit in service folders, the
``"service"`` policies re-run only for the services the change can reach, and the findings
are the same as a whole lint's. A change anywhere else (``org/``, a file moved out of a
service folder) or of what the run depended on besides the files (the configuration, the
day, the deployed rule files, git's file dates) is linted whole and becomes the new base.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field

from sre_docs.lint.config import Config
from sre_docs.lint.engine import LintResult, deployed_rules
from sre_docs.lint.incremental import Run, lint_against, local_services, whole_run
from sre_docs.lint.policy import LintRepo

__all__ = ["Relint", "changed_paths"]


def changed_paths(before: Mapping[str, str], after: Mapping[str, str]) -> list[str]:
    """Paths added, removed or with other bytes between two ``path -> digest`` maps, sorted."""
    return sorted(path for path in before.keys() | after.keys() if before.get(path) != after.get(path))


@dataclass
class Relint:
    """The base run of one process and the file digests it was made from."""

    run: Run | None = None
    digests: dict[str, str] = field(default_factory=dict)
    key: str | None = None
    #: How the latest lint went: ``None`` for a whole run, else the paths it was a change of.
    changed: list[str] | None = None

    def lint(self, repo: LintRepo, config: Config, digests: Mapping[str, str], context: object = "") -> LintResult:
        """The findings of ``repo`` (whose files have ``digests``), the same as ``lint_repo(repo, config)``.

        ``context``: whatever else decides the findings for the caller (the configuration file's
        bytes, say); a different value from the base's makes a whole run.
        """
        if repo.deployed is None:
            repo.deployed = deployed_rules(repo.root, config)
        key = _key(repo, context)
        changed = changed_paths(self.digests, digests)
        if self.run is not None and key == self.key and local_services(changed) is not None:
            self.changed = changed
            return lint_against(repo, config, self.run, changed)
        result, run = whole_run(repo, config)
        self.run, self.digests, self.key, self.changed = run, dict(digests), key, None
        return result

    def forget(self) -> None:
        """The next lint is a whole run."""
        self.run, self.digests, self.key, self.changed = None, {}, None, None


def _key(repo: LintRepo, context: object) -> str:
    """What a run depends on besides the files' bytes: the caller's context, the day, the deployed rules
    and the date git gives each file (a commit or a checkout moves them without touching the bytes)."""
    dates = repo.history.dates()
    parts = (repr(context), repo.today.isoformat(), repr(repo.deployed), repr(repo.limits),
             repr(sorted(dates.items())) if dates is not None else "no history")
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
