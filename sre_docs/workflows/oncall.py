"""On-call: rotation health against the guide's thresholds, and the handoff note.

Health uses the latest ``health`` row of each rotation up to today, its figures and its
page load as ``model/oncall_figures.py`` reads them (the rules every surface shares),
classified by ``calc.oncall``; fairness is ``calc.oncall.page_load_imbalance`` plus the
rotation-size and primary/secondary rules. The handoff gathers open incidents of the rotation's services,
their changes of the last week (git history, passed in by the caller), error budgets
that are not healthy, and the risks and maintenance noted at the previous handoff.
"""

from __future__ import annotations

from itertools import pairwise
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sre_docs.calc.culture import FAIR_LOAD_RATIO, fair_load
from sre_docs.calc.oncall import MIN_ROTATION_SIZE, page_load_imbalance, rotation_size_ok
from sre_docs.model.oncall_figures import latest_health, page_load, rotation_people
from sre_docs.model.repository import Document, Repository
from sre_docs.workflows.budget_view import SloBudget
from sre_docs.workflows.common import WorkflowError, instant_or_none, suggest
from sre_docs.workflows.recent_changes import Change
from sre_docs.words import counted

#: The busiest member taking more than twice the average share of pages is the guide's "same people always paged"
#: sign: ``calc.culture.fair_load``, the rule of the scorecards' balanced-load criterion and the culture page too.
UNFAIR_LOAD_RATIO = FAIR_LOAD_RATIO


@dataclass(frozen=True)
class MetricReading:
    id: str
    name: str
    value: float
    health: str
    healthy: str
    warning: str
    critical: str


@dataclass(frozen=True)
class RotationHealth:
    rotation: str
    path: str
    team: str | None
    members: tuple[str, ...]
    period: str | None
    metrics: tuple[MetricReading, ...]
    pages_by_member: dict[str, int]
    imbalance: float | None
    size_ok: bool
    has_secondary: bool
    concerns: tuple[str, ...] = field(default_factory=tuple)

    @property
    def worst(self) -> str:
        order = ("critical", "warning", "healthy")
        found = [m.health for m in self.metrics]
        for health in order:
            if health in found:
                return health
        return "unknown"


def _rotations(repo: Repository, name: str | None) -> list[Document]:
    if name is None:
        return list(repo.rotations.values())
    doc = repo.rotations.get(name)
    if doc is None:
        raise WorkflowError(f"no on-call rotation {name!r} in org/{suggest(name, repo.rotations)}")
    return [doc]


def health(repo: Repository, *, rotation: str | None = None, period: str | None = None,
           today: dt.date | None = None) -> list[RotationHealth]:
    """Each rotation's health in ``period``, else in its latest month up to ``today`` (``model/oncall_figures.py``)."""
    results = []
    for doc in _rotations(repo, rotation):
        members = rotation_people(doc)
        latest = latest_health(doc, today=today, period=period)
        readings = [MetricReading(metric.id, metric.name, value, str(status), metric.healthy_text, metric.warning_text,
                                  metric.critical_text) for _, metric, value, status in (latest.figures() if latest else [])]
        pages = page_load(doc, latest) or {}
        imbalance = page_load_imbalance(pages) if pages else None
        concerns = []
        if not rotation_size_ok(len(members)):
            concerns.append(f"{counted(len(members), 'person')} on the rotation; at least {MIN_ROTATION_SIZE} keep it to one week in five")
        secondary = doc.get("secondary", default=[])
        if not secondary:
            concerns.append("no secondary layer: always have a primary and a secondary on call")
        primary = doc.get("primary", default=[])
        for first, second in pairwise(primary):
            if first == second:
                concerns.append(f"{first} has back-to-back primary shifts")
        if imbalance is not None and not fair_load(imbalance):
            busiest = max(pages, key=lambda member: pages[member])
            concerns.append(f"{busiest} took {pages[busiest]} of {counted(sum(pages.values()), 'page')} ({imbalance:.1f}x the average share)")
        for reading in readings:
            if reading.health != "healthy":
                concerns.append(f"{reading.name}: {reading.value:g} is {reading.health} (healthy {reading.healthy})")
        if latest is None:
            concerns.append("no health figures recorded" + (f" for {period}" if period else ""))
        results.append(RotationHealth(
            rotation=doc.name or "?", path=doc.path, team=doc.get("team"), members=members,
            period=latest.period if latest else None, metrics=tuple(readings), pages_by_member=pages, imbalance=imbalance,
            size_ok=rotation_size_ok(len(members)), has_secondary=bool(secondary), concerns=tuple(concerns),
        ))
    return results


def health_json(item: RotationHealth) -> dict[str, Any]:
    return {
        "rotation": item.rotation,
        "path": item.path,
        "team": item.team,
        "period": item.period,
        "status": item.worst,
        "metrics": [
            {"id": m.id, "name": m.name, "value": m.value, "health": m.health,
             "healthy": m.healthy, "warning": m.warning, "critical": m.critical}
            for m in item.metrics
        ],
        "members": list(item.members),
        "pages_by_member": item.pages_by_member,
        "page_load_imbalance": None if item.imbalance is None else round(item.imbalance, 2),
        "rotation_size_ok": item.size_ok,
        "has_secondary": item.has_secondary,
        "concerns": list(item.concerns),
    }


# --- handoff -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Handoff:
    rotation: str
    path: str
    date: dt.date
    services: tuple[str, ...]
    open_issues: tuple[str, ...]
    recent_changes: tuple[str, ...]
    risks: tuple[str, ...]
    maintenance: tuple[str, ...]
    runbook_updates: tuple[str, ...]
    previous: dict[str, Any] | None
    notes: tuple[str, ...] = ()
    days: int = 7


def rotation_services(repo: Repository, rotation: str) -> list[str]:
    return sorted(name for name, svc in repo.services.items()
                  if svc.catalog is not None and svc.catalog.get("oncall_rotation") == rotation)


def handoff(repo: Repository, rotation: str, *, as_of: dt.datetime, changes: list[Change],
            budgets: list[SloBudget], notes: tuple[str, ...] = (), days: int = 7) -> Handoff:
    doc = _rotations(repo, rotation)[0]
    services = rotation_services(repo, rotation)
    since = as_of - dt.timedelta(days=days)
    open_issues = []
    for name in services:
        for incident in repo.incidents_of(name):
            if incident.get("status") in ("resolve", "review"):
                continue
            started = incident.get("timestamps", "started", default="?")
            line = f"{incident.name} {incident.get('severity', default='?')} {incident.get('title', default='')} (status {incident.get('status', default='?')}, since {started})"
            if line not in open_issues:
                open_issues.append(line)
    previous = None
    entries = [h for h in doc.get("handoffs", default=[]) if isinstance(h, dict) and h.get("date")]
    if entries:
        previous = max(entries, key=lambda h: h["date"])
        for issue in previous.get("open_issues") or []:
            open_issues.append(f"{issue} (from the {previous['date']} handoff)")
    recent = [f"{c.when.date().isoformat()} {c.sha[:8]} {c.author}: {c.summary}" + (f" ({', '.join(c.paths[:3])}{' …' if len(c.paths) > 3 else ''})" if c.paths else "")
              for c in changes]
    risks = [f"{b.service}: {b.slo} error budget is {b.state} ({b.computed.remaining_pct.value:.1f}% left)"
             for b in budgets if b.state not in (None, "healthy") and b.computed.remaining_pct.value is not None]
    if previous:
        risks.extend(previous.get("risks") or [])
    maintenance = list(previous.get("maintenance") or []) if previous else []
    runbooks = []
    for name in services:
        for runbook in repo.services[name].runbooks:
            updated = instant_or_none(runbook.get("last_updated"))
            if updated is not None and updated >= since.replace(hour=0, minute=0, second=0, microsecond=0):
                runbooks.append(f"{runbook.path}: {runbook.get('title', default='')} (updated {runbook.get('last_updated')})")
    return Handoff(
        rotation=rotation, path=doc.path, date=as_of.date(), services=tuple(services),
        open_issues=tuple(open_issues), recent_changes=tuple(recent), risks=tuple(risks),
        maintenance=tuple(maintenance), runbook_updates=tuple(runbooks), previous=previous, notes=notes, days=days,
    )


def handoff_markdown(note: Handoff) -> str:
    """The guide's handoff template, filled in."""
    def section(title: str, items: tuple[str, ...], empty: str) -> list[str]:
        return [f"### {title}", *([f"- {item}" for item in items] or [f"- {empty}"]), ""]

    lines = [f"## On-Call Handoff: {note.date.isoformat()} ({note.rotation})", ""]
    lines += [f"Services: {', '.join(note.services) or 'none name this rotation'}", ""]
    lines += section("Open Issues", note.open_issues, "None")
    lines += section("Recent Changes (last 7 days)", note.recent_changes, "None in git history")
    lines += section("Known Risks", note.risks, "None recorded")
    lines += section("Scheduled Maintenance", note.maintenance, "None recorded")
    lines += section("Runbook Updates", note.runbook_updates, f"None in the last {note.days} days")
    for extra in note.notes:
        lines.append(f"_Note: {extra}_")
    return "\n".join(lines).rstrip() + "\n"


def handoff_entry(note: Handoff, *, giver: str, taker: str, members: list[str]) -> dict[str, Any]:
    """The ``handoffs`` row recording this handoff in the rotation document."""
    for who in (giver, taker):
        if who not in members:
            raise WorkflowError(f"{who!r} is not a member of {note.rotation}{suggest(who, members)}")
    entry: dict[str, Any] = {"date": note.date.isoformat(), "from": giver, "to": taker}
    for key, values in (("open_issues", note.open_issues), ("recent_changes", note.recent_changes),
                        ("risks", note.risks), ("maintenance", note.maintenance)):
        if values:
            entry[key] = list(values)
    return entry
