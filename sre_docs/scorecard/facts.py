"""What an evidence check looks at, and what it hands back.

A check sees one service of the repository model as it stood on one day (``Facts``),
optionally with dates from git (``GitFacts``: when each file last changed). It answers
with ``Evidence``: met or not, what it saw, and for a miss the edits that would turn it
into a pass (``Fix``), each pinned to the file a contributor must open.

Nothing here reads files or the clock: "today" and the git dates come in from the edges,
so the same checks score the working tree and any earlier commit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sre_docs.calc.verdict import every
from sre_docs.words import counted
from sre_docs.model.repository import Document, Repository, Service
from sre_docs.schemas.types import parse_date, parse_timestamp


@dataclass(frozen=True)
class GitFacts:
    """When each file last changed in git, by repo-relative POSIX path."""

    last_changed: Mapping[str, dt.date] = field(default_factory=dict)

    def changed(self, path: str) -> dt.date | None:
        return self.last_changed.get(path)


@dataclass(frozen=True)
class Facts:
    """One service as the scorecard sees it on ``today``."""

    repo: Repository
    service: Service
    today: dt.date
    git: GitFacts | None = None

    @property
    def name(self) -> str:
        return self.service.name

    def touched(self, doc: Document, *date_fields: tuple[Any, ...]) -> dt.date | None:
        """Latest sign of care for a document: its file's last commit, or a date field in it.

        Git history wins when it is newer (editing the file is a review); a date written in
        the document covers repositories without history and reviews that changed nothing.
        A date after ``today`` is not evidence of anything yet, and is ignored.
        """
        dates = [d for d in (self.git.changed(doc.path) if self.git else None,) if d]
        for path in date_fields:
            value = doc.get(*path)
            parsed = parse_date(value) if isinstance(value, str) else None
            if parsed and parsed <= self.today:
                dates.append(parsed)
        return max(dates) if dates else None

    def days_since(self, day: dt.date | None) -> int | None:
        return None if day is None else (self.today - day).days


@dataclass(frozen=True)
class Fix:
    """One edit that would satisfy a missed criterion: what to do, and in which file."""

    path: str
    action: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{self.action} in {where}"

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "action": self.action}


@dataclass(frozen=True)
class Evidence:
    """A check's answer: met or not, what was seen, and how to fix a miss.

    ``shown`` is False when there was nothing to check (a rule about every completed experiment, and
    none is completed): the criterion is not met, and surfaces say "not shown" rather than a miss.
    """

    met: bool
    detail: str
    fixes: tuple[Fix, ...] = ()
    #: A figure worth showing beside the dimension (e.g. the chaos maturity level).
    value: float | int | None = None
    shown: bool = True


def passed(detail: str, value: float | None = None) -> Evidence:
    return Evidence(True, detail, (), value)


def missed(detail: str, *fixes: Fix, value: float | None = None) -> Evidence:
    return Evidence(False, detail, tuple(fixes), value)


def not_shown(detail: str) -> Evidence:
    """Nothing to check: not met, and not a miss either (no fix would make a vacuous rule hold)."""
    return Evidence(False, detail, (), None, shown=False)


def over_every(count: int, failing: int, *, none: str, holds: str, broken: str, fixes: tuple[Fix, ...] = (),
               value: float | None = None) -> Evidence:
    """The evidence of a rule about every item of a kind, by the one verdict (``calc.verdict.every``):
    ``none`` when there are no items, ``holds`` when none fails, else ``broken`` with its ``fixes``."""
    verdict = every(count, failing)
    if verdict is None:
        return not_shown(none)
    return passed(holds, value) if verdict else missed(broken, *fixes, value=value)


# --- where things go ------------------------------------------------------------------------

#: Conventional file of each kind in a service folder (kinds.md layout), for "add … in FILE".
CONVENTIONAL_FILES: dict[str, str] = {
    "service": "service.yaml",
    "sli": "slis.yaml",
    "slo": "slos.yaml",
    "alert": "alerts.yaml",
    "runbook": "runbooks/{name}.yaml",
    "incident": "incidents/{name}.yaml",
    "postmortem": "postmortems/{name}.yaml",
    "experiment": "experiments/{name}.yaml",
    "toil_item": "toil.yaml",
    "capacity_model": "capacity.yaml",
    "prr": "prr.yaml",
    "maturity_assessment": "maturity.yaml",
    "measurements": "measurements/{name}.yaml",
    "error_budget_policy": "error_budget_policy.yaml",
    "auto_remediation": "auto_remediation.yaml",
}


def file_for(service: Service, kind: str, name: str = "new") -> str:
    """The file where a new document of ``kind`` belongs: beside its siblings, else the usual name."""
    existing = service.of_kind(kind)
    pattern = CONVENTIONAL_FILES.get(kind, f"{kind}.yaml")
    if existing and "{name}" not in pattern:
        return existing[0].path
    return f"{service.folder}/{pattern.format(name=name)}"


def catalog_path(service: Service) -> str:
    return service.catalog.path if service.catalog else f"{service.folder}/service.yaml"


def field_fix(doc: Document | None, fallback_path: str, path: tuple[Any, ...], action: str) -> Fix:
    """A fix pointing at a field of ``doc`` (its line when it is there), or at the file to create."""
    if doc is None:
        return Fix(fallback_path, action)
    line, _ = doc.locate(*path, key=True)
    return Fix(doc.path, action, line)


def event_date(value: Any) -> dt.date | None:
    """The day of a date or timestamp field, or None."""
    if not isinstance(value, str):
        return None
    day = parse_date(value)
    if day:
        return day
    moment = parse_timestamp(value)
    return moment.date() if moment else None


def plural(count: int, word: str, many: str | None = None) -> str:
    """``sre_docs.words.counted``: the one rule for a count and its noun."""
    return counted(count, word, many)
