"""Pages from paging exports into on-call rotations' monthly ``health`` rows.

Which rotation a page belongs to: with ``--rotation``, every page read; otherwise the rotation that
the page's service names in its catalog entry (``oncall_rotation``). A page for a service the repo
does not know, or one without a rotation, is counted nowhere and reported (once per service).

Who took a page: the export's responder, matched to a rotation member by name: ``Amara Okafor``,
``amara.okafor@example.com`` and ``amara.okafor`` all read as ``amara.okafor``. Someone who is not
a member is reported; the page still counts for the rotation.

What is written, per rotation and month (UTC) with pages: the derived figures of
:func:`sre_docs.calc.paging.derive_period` and ``derived_from`` (the tool). A month without a row
gets a new row at the end of ``health``. In a month's existing row, a figure that is absent is
added, an equal one is left as it is, and a different one is a conflict: reported and kept unless
``force``. Figures people type in (satisfaction, false positives, time to mitigate) are never
touched. The current month counts the days up to ``today`` (exclusive).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sre_docs.calc.paging import Page, PeriodFigures, derive_period, month_days
from sre_docs.findings import Finding, Severity
from sre_docs.model.repository import Document, Repository
from sre_docs.schemas.types import parse_duration
from sre_docs.workflows.common import WorkflowError, suggest

__all__ = ["HealthChange", "RotationPlan", "plan_rotations"]

#: Health-row fields written from pages, in the order a new row lists them.
DERIVED_FIELDS = ("pages_per_shift", "off_hours_pages_per_week", "time_to_acknowledge_min", "pages_by_member",
                  "pages_per_week_by_service")


@dataclass(frozen=True)
class HealthChange:
    """One change to a rotation's health list: a new row (``index`` None) or one field of a row."""

    period: str
    index: int | None
    field: str | None
    old: Any
    new: Any


@dataclass
class RotationPlan:
    """What the pages change in one rotation's file."""

    rotation: Document
    figures: list[PeriodFigures] = field(default_factory=list)
    changes: list[HealthChange] = field(default_factory=list)
    conflicts: list[HealthChange] = field(default_factory=list)
    unchanged: int = 0


def _member(name: str, members: Sequence[str]) -> str | None:
    """The member a responder's name, email or handle stands for."""
    text = name.strip().lower().split("@")[0]
    handle = re.sub(r"[\s_]+", ".", text)
    for candidate in (text, handle, handle.replace(".", "-")):
        if candidate in members:
            return candidate
    return None


def _row(figures: PeriodFigures, vendor: str) -> dict[str, Any]:
    row: dict[str, Any] = {"period": figures.period, "derived_from": vendor}
    for name in DERIVED_FIELDS:
        value = getattr(figures, name)
        if value is not None and value != {}:
            row[name] = value
    return row


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, dict) and isinstance(new, dict):
        return old.keys() == new.keys() and all(_same(old[k], new[k]) for k in old)
    if isinstance(old, (int, float)) and isinstance(new, (int, float)) and not isinstance(old, bool):
        return float(old) == float(new)
    return old == new


def plan_rotations(repo: Repository, pages: Sequence[Page], vendor: str, *, today: dt.date,
                   rotation: str | None = None, force: bool = False) -> tuple[list[RotationPlan], list[Finding]]:
    """Group ``pages`` by rotation and month, derive the figures, and plan the edits of each rotation's file."""
    if rotation is not None and rotation not in repo.rotations:
        raise WorkflowError(f"--rotation {rotation!r}: no such on-call rotation{suggest(rotation, repo.rotations)}")
    findings: list[Finding] = []
    grouped: dict[str, list[Page]] = {}
    unplaced: dict[str, list[Page]] = {}
    for page in pages:
        if page.created.date() >= today:
            continue
        if rotation is not None:
            grouped.setdefault(rotation, []).append(page)
            continue
        service = repo.services.get(page.service or "")
        owner = service.catalog.get("oncall_rotation") if service is not None and service.catalog is not None else None
        if owner not in repo.rotations:
            unplaced.setdefault(page.service or "(no service)", []).append(page)
            continue
        grouped.setdefault(owner, []).append(page)
    for name, left in sorted(unplaced.items()):
        path, line = left[0].source or ("<export>", 1)
        findings.append(Finding("PAGE003", Severity.WARNING, path, line, 1,
                                f"{len(left)} page(s) for {name!r}, which is no service of the repo with an "
                                "oncall_rotation; not counted (give --rotation to count them for one rotation)"))
    plans = []
    for name in sorted(grouped):
        doc = repo.rotations[name]
        members = [str(m) for m in doc.get("members", default=[])]
        zone_name = doc.get("schedule", "timezone", default="UTC")
        try:
            zone = ZoneInfo(str(zone_name))
        except (ZoneInfoNotFoundError, ValueError):
            line, column = doc.locate("schedule", "timezone")
            findings.append(Finding("PAGE005", Severity.WARNING, doc.path, line, column,
                                    f"rotation {name}: unknown time zone {zone_name!r}; off hours are read in UTC"))
            zone = ZoneInfo("UTC")
        shift = parse_duration(str(doc.get("schedule", "shift_length", default="7d")))
        shift_days = shift.total_seconds() / 86400 if shift is not None else 7.0
        strangers: dict[str, int] = {}
        by_period: dict[str, list[Page]] = {}
        for page in grouped[name]:
            member = _member(page.responder, members) if page.responder else None
            if page.responder and member is None:
                strangers[page.responder] = strangers.get(page.responder, 0) + 1
            by_period.setdefault(page.created.strftime("%Y-%m"), []).append(
                Page(page.id, page.created, page.acknowledged_after, member, page.service, page.source))
        for person, count in sorted(strangers.items()):
            line, column = doc.locate("members")
            findings.append(Finding("PAGE006", Severity.WARNING, doc.path, line, column,
                                    f"rotation {name}: {count} page(s) went to {person!r}, who is not a member; "
                                    "they count for the rotation, not for a member"))
        plan = RotationPlan(doc)
        rows = doc.get("health", default=[])
        existing = {row.get("period"): index for index, row in enumerate(rows) if isinstance(row, dict)}
        for period in sorted(by_period):
            figures = derive_period(period, by_period[period], days=month_days(period, until=today),
                                    shift_days=shift_days, zone=zone, members=members)
            plan.figures.append(figures)
            new = _row(figures, vendor)
            index = existing.get(period)
            if index is None:
                plan.changes.append(HealthChange(period, None, None, None, new))
                continue
            old = rows[index]
            row_changes: list[HealthChange] = []
            row_conflicts = 0
            for key, value in new.items():
                if key == "period":
                    continue
                if key not in old or old[key] is None:
                    row_changes.append(HealthChange(period, index, key, None, value))
                elif _same(old[key], value):
                    plan.unchanged += 1
                else:
                    change = HealthChange(period, index, key, old[key], value)
                    line, column = doc.locate("health", index, key)
                    findings.append(Finding(
                        "PAGE004", Severity.INFO if force else Severity.ERROR, doc.path, line, column,
                        f"rotation {name}, {period}: {key} is {old[key]!r}, the pages say {value!r}; "
                        + ("replaced (--force)" if force else "left alone (--force replaces it)")))
                    if force:
                        row_changes.append(change)
                    else:
                        plan.conflicts.append(change)
                        row_conflicts += 1
            # A row that keeps hand-typed figures in conflict is not marked as derived.
            plan.changes.extend(c for c in row_changes if not (row_conflicts and c.field == "derived_from"))
        plans.append(plan)
    return plans, findings
