"""What the handbook shows about the model, computed once through ``sre_docs.calc``.

The pages never do arithmetic of their own: each figure here comes from a calc function
fed with values read from the documents. This module is the glue between the two, turning
YAML strings into datetimes and counts, and it never raises for bad data: a figure it
cannot compute is ``None`` with a ``problem`` sentence the page shows instead (the
policies report the same problem as a finding with its file and line). Error budgets come
from :mod:`sre_docs.model.slo_budgets`, the computation the CLI, the policies and the scorecards share.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sre_docs.model.slo_budgets import evaluation_instant
from sre_docs.calc import severity, timing
from sre_docs.calc.culture import action_item_overdue
from sre_docs.calc.severity import SeverityDecision
from sre_docs.model.repository import Document, Repository
from sre_docs.policies.pm001 import DEFAULT_SEVERITIES, postmortem_due_date, postmortem_of, postmortem_overdue
from sre_docs.schemas.types import parse_date, parse_moment


@dataclass(frozen=True)
class Clock:
    """The moment the handbook describes: figures are as of the start of ``today`` (UTC).

    Pinning the day (plugin option or ``today:`` in sre-docs.yaml) makes two builds of the
    same commit identical.
    """

    today: dt.date

    @property
    def as_of(self) -> dt.datetime:
        return evaluation_instant(self.today)


#: A timestamp string as an aware datetime, a date string as 00:00 UTC, else ``None``.
moment = parse_moment


def day(value: Any) -> dt.date | None:
    return parse_date(value) if isinstance(value, str) else None


def number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if value == value and abs(value) != float("inf") else None


# --- incidents ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class IncidentFacts:
    doc: Document
    id: str
    title: str
    severity: str | None
    status: str | None
    services: tuple[str, ...]
    timeline: timing.IncidentTimeline
    durations: timing.IncidentDurations | None
    timeline_problems: tuple[str, ...]
    matrix: SeverityDecision | None
    postmortem: Document | None
    postmortem_due: dt.date | None
    postmortem_overdue: bool
    #: The severity needs a postmortem under PM001's rule (SEV1/SEV2 by default).
    postmortem_required: bool = False

    @property
    def started(self) -> dt.datetime | None:
        return self.timeline.started

    @property
    def month(self) -> str | None:
        return self.started.strftime("%Y-%m") if self.started else None

    @property
    def is_open(self) -> bool:
        return self.status not in ("resolve", "review")


@dataclass(frozen=True)
class PostmortemRule:
    """Which incidents need a postmortem and by when: PM001's options (its defaults unless sre-docs.yaml sets them)."""

    severities: tuple[str, ...] = DEFAULT_SEVERITIES
    business_days: int = timing.POSTMORTEM_BUSINESS_DAYS


def incident_facts(repo: Repository, doc: Document, clock: Clock, rule: PostmortemRule = PostmortemRule()) -> IncidentFacts:
    stamps = doc.get("timestamps", default={})
    stamps = stamps if isinstance(stamps, dict) else {}
    timeline = timing.IncidentTimeline(**{key: moment(stamps.get(key)) for key in
                                          ("started", "detected", "acknowledged", "mitigated", "resolved")})
    problems = timing.timeline_problems(timeline)
    durations = None if problems else timing.incident_durations(timeline)
    decision = None
    impact = doc.get("impact", default={})
    if isinstance(impact, dict) and impact.get("function") and impact.get("users"):
        decision = severity.classify_severity(
            function=impact["function"], users=impact["users"],
            data_loss=impact.get("data_loss") is True, pii_breach=impact.get("pii_breach") is True,
            revenue_impact=impact.get("revenue_impact") is True,
            sla_breach_imminent=impact.get("sla_breach_imminent") is True,
        )
    ident = doc.get("id") or doc.name or doc.path
    # PM001's predicate: the page marks overdue exactly what the policy reports.
    postmortem = postmortem_of(repo, doc)
    due = postmortem_due_date(doc, severities=rule.severities, business_days=rule.business_days)
    overdue = postmortem_overdue(repo, doc, clock.today, severities=rule.severities,
                                 business_days=rule.business_days) is not None
    return IncidentFacts(
        doc=doc, id=str(ident), title=str(doc.get("title", default=ident)), severity=doc.get("severity"),
        status=doc.get("status"), services=tuple(s for s in doc.get("services", default=[]) if isinstance(s, str)),
        timeline=timeline, durations=durations, timeline_problems=problems, matrix=decision,
        postmortem=postmortem, postmortem_due=due, postmortem_overdue=overdue,
        postmortem_required=doc.get("severity") in rule.severities,
    )


@dataclass(frozen=True)
class MonthStats:
    month: str
    by_severity: Mapping[str, int]
    mttd: dt.timedelta | None
    mttr: dt.timedelta | None

    @property
    def total(self) -> int:
        return sum(self.by_severity.values())


def monthly_stats(incidents: Iterable[IncidentFacts], *, last: dt.date, months: int = 12) -> tuple[MonthStats, ...]:
    """Counts by severity and MTTD/MTTR per month for the ``months`` months ending with ``last``'s."""
    labels = []
    year, month = last.year, last.month
    for _ in range(months):
        labels.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    labels.reverse()
    grouped: dict[str, list[IncidentFacts]] = defaultdict(list)
    for item in incidents:
        if item.month in labels:
            grouped[item.month].append(item)
    stats = []
    for label in labels:
        items = grouped.get(label, [])
        counts = Counter(i.severity for i in items if i.severity in severity.SEVERITIES)
        usable = [i.timeline for i in items if not i.timeline_problems]
        stats.append(MonthStats(
            month=label,
            by_severity={sev: counts.get(sev, 0) for sev in severity.SEVERITIES},
            mttd=timing.mean_time_to_detect(usable),
            mttr=timing.mean_time_to_resolve(usable),
        ))
    return tuple(stats)


# --- action items -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionItem:
    postmortem: Document
    index: int
    id: str
    description: str
    owner: str | None
    priority: str | None
    status: str | None
    deadline: dt.date | None
    overdue: bool


def action_items(postmortem: Document, clock: Clock) -> list[ActionItem]:
    items = []
    for index, item in enumerate(postmortem.get("action_items", default=[])):
        if not isinstance(item, dict):
            continue
        deadline = day(item.get("deadline"))
        status = item.get("status")
        items.append(ActionItem(
            postmortem=postmortem, index=index, id=str(item.get("id", f"#{index + 1}")),
            description=str(item.get("description", "")), owner=item.get("owner"), priority=item.get("priority"),
            status=status, deadline=deadline,
            overdue=action_item_overdue(status=status, deadline=deadline, today=clock.today),
        ))
    return items
