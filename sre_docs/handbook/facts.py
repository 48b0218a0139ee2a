"""What the handbook shows about the model, computed once through ``sre_docs.calc``.

The pages never do arithmetic of their own: each figure here comes from a calc function
fed with values read from the documents. This module is the glue between the two, turning
YAML strings into datetimes and counts, and it never raises for bad data: a figure it
cannot compute is ``None`` with a ``problem`` sentence the page shows instead (the
policies report the same problem as a finding with its file and line).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sre_docs.calc import budget, severity, timing
from sre_docs.calc.budget_policy import DEFAULT_BUDGET_POLICY, BudgetPolicy, BudgetState, budget_policy_from_mapping
from sre_docs.calc.evidence import (
    BudgetStatus,
    BurnDownSeries,
    IncidentImpact,
    Measurement,
    budget_state_history,
    budget_status,
    burn_down_series,
)
from sre_docs.model import Document, Repository, Service
from sre_docs.schemas.types import parse_date, parse_timestamp

UTC = dt.timezone.utc


@dataclass(frozen=True)
class Clock:
    """The moment the handbook describes: figures are as of the start of ``today`` (UTC).

    Pinning the day (plugin option or ``today:`` in sre-docs.yaml) makes two builds of the
    same commit identical.
    """

    today: dt.date

    @property
    def as_of(self) -> dt.datetime:
        return dt.datetime.combine(self.today, dt.time(), tzinfo=UTC)


def moment(value: Any) -> dt.datetime | None:
    """A timestamp string as an aware datetime, a date string as midnight UTC, else ``None``."""
    if not isinstance(value, str):
        return None
    stamp = parse_timestamp(value)
    if stamp is not None:
        return stamp
    day = parse_date(value)
    return dt.datetime.combine(day, dt.time(), tzinfo=UTC) if day else None


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
    matrix: severity.SeverityDecision | None
    postmortem: Document | None
    postmortem_due: dt.date | None
    postmortem_overdue: bool

    @property
    def started(self) -> dt.datetime | None:
        return self.timeline.started

    @property
    def month(self) -> str | None:
        return self.started.strftime("%Y-%m") if self.started else None

    @property
    def is_open(self) -> bool:
        return self.status not in ("resolve", "review")


def incident_facts(repo: Repository, doc: Document, clock: Clock) -> IncidentFacts:
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
    postmortem = repo.postmortems_by_incident.get(ident)
    if postmortem is None and isinstance(doc.get("postmortem"), str):
        linked = repo.resolve_link(doc, doc.get("postmortem"))
        if isinstance(linked, list):
            postmortem = next((d for d in linked if d.kind == "postmortem"), None)
    due = timing.postmortem_due(timeline.resolved) if timeline.resolved else None
    overdue = bool(due and due < clock.today and (postmortem is None or postmortem.get("status") == "draft"))
    return IncidentFacts(
        doc=doc, id=str(ident), title=str(doc.get("title", default=ident)), severity=doc.get("severity"),
        status=doc.get("status"), services=tuple(s for s in doc.get("services", default=[]) if isinstance(s, str)),
        timeline=timeline, durations=durations, timeline_problems=problems, matrix=decision,
        postmortem=postmortem, postmortem_due=due, postmortem_overdue=overdue,
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
            overdue=bool(deadline and status != "done" and deadline < clock.today),
        ))
    return items


# --- error budgets ------------------------------------------------------------------------------


@dataclass(frozen=True)
class BurnAlertFacts:
    name: str
    burn_rate: float | None
    long_window: str | None
    short_window: str | None
    severity: str | None
    declared_budget_pct: float | None
    budget_spent_before_firing_pct: float | None
    exhausts_full_budget_in: dt.timedelta | None


@dataclass(frozen=True)
class SloBudget:
    """Everything the pages say about one SLO's budget."""

    service: str
    slo: Document
    name: str
    target: float | None
    sla: float | None
    window: str | None
    budget_minutes: float | None
    policy: BudgetPolicy
    status: BudgetStatus | None
    burn_down: BurnDownSeries | None
    burn_alerts: tuple[BurnAlertFacts, ...]
    counted_incidents: tuple[str, ...] = ()
    uncounted_incidents: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()

    @property
    def state(self) -> BudgetState | None:
        return self.status.state.value if self.status else None

    @property
    def remaining_pct(self) -> float | None:
        return self.status.remaining_pct.value if self.status else None

    @property
    def actions(self) -> tuple[str, ...]:
        return self.policy.actions(self.state) if self.state else ()


def _policy(repo: Repository, service: str) -> tuple[BudgetPolicy, str | None]:
    doc = repo.budget_policy_for(service)
    if doc is None or not isinstance(doc.body, dict):
        return DEFAULT_BUDGET_POLICY, None
    try:
        return budget_policy_from_mapping(doc.body), None
    except (ValueError, TypeError) as exc:
        return DEFAULT_BUDGET_POLICY, f"{doc.path}: {exc}; the default policy applies"


def _measurements(service: Service, name: str) -> tuple[list[Measurement], str | None, list[str]]:
    rows: list[Measurement] = []
    resolution = None
    problems = []
    for doc in service.measurements:
        if doc.get("slo") != name:
            continue
        resolution = resolution or doc.get("resolution")
        skipped = 0
        for point in doc.get("points", default=[]):
            start = moment(point[0]) if isinstance(point, list) and len(point) == 3 else None
            if start is None:
                skipped += 1
                continue
            try:
                rows.append(Measurement(start, point[1], point[2]))
            except (TypeError, ValueError):
                skipped += 1
        if skipped:
            problems.append(f"{doc.path}: {skipped} measurement row(s) could not be used")
    return rows, resolution, problems


def _incident_impacts(repo: Repository, service: str, name: str) -> tuple[list[IncidentImpact], list[str], list[str]]:
    impacts, counted, uncounted = [], [], []
    for doc in repo.incidents_of(service):
        impact = doc.get("impact", default={})
        if not isinstance(impact, dict) or impact.get("slo") != name:
            continue
        ident = str(doc.get("id", default=doc.path))
        stamps = doc.get("timestamps", default={})
        start = moment(stamps.get("started")) if isinstance(stamps, dict) else None
        end = (moment(stamps.get("mitigated")) or moment(stamps.get("resolved"))) if isinstance(stamps, dict) else None
        spent = number(impact.get("budget_consumed_pct"))
        if spent is None:
            postmortem = repo.postmortems_by_incident.get(ident)
            spent = number(postmortem.get("impact", "slo_budget_consumed_pct")) if postmortem else None
        share = number(impact.get("users_pct"))
        share = share / 100 if share is not None else (1.0 if impact.get("users") == "all_users" else None)
        if start is None or (spent is None and share is None):
            uncounted.append(ident)
            continue
        try:
            impacts.append(IncidentImpact(start=start, end=end, users_share=share if share is not None else 1.0,
                                          budget_consumed_pct=spent))
        except ValueError:
            uncounted.append(ident)
            continue
        counted.append(ident)
    return impacts, counted, uncounted


def _burn_alerts(slo: Document, window: str | None) -> tuple[BurnAlertFacts, ...]:
    facts = []
    for alert in slo.get("burn_rate_alerts", default=[]):
        if not isinstance(alert, dict):
            continue
        rate, long_window = number(alert.get("burn_rate")), alert.get("long_window")
        spent = lasts = None
        if rate is not None and window:
            try:
                lasts = budget.time_to_exhaustion(burn_rate=rate, window=window)
                if isinstance(long_window, str):
                    spent = budget.budget_spent(burn_rate=rate, duration=long_window, window=window)
            except (ValueError, TypeError):
                spent = lasts = None
        facts.append(BurnAlertFacts(
            name=str(alert.get("name", "")), burn_rate=rate, long_window=long_window,
            short_window=alert.get("short_window"), severity=alert.get("severity"),
            declared_budget_pct=number(alert.get("budget_consumed_pct")),
            budget_spent_before_firing_pct=spent, exhausts_full_budget_in=lasts,
        ))
    return tuple(facts)


def slo_budget(repo: Repository, service: Service, slo: Document, clock: Clock) -> SloBudget:
    name = service.slo_name(slo) or "?"
    target, window = number(slo.get("target")), slo.get("window")
    policy, policy_problem = _policy(repo, service.name)
    problems = [policy_problem] if policy_problem else []
    minutes = None
    if target is not None and isinstance(window, str):
        try:
            minutes = budget.error_budget_minutes(target, window)
        except ValueError as exc:
            problems.append(str(exc))
    base = dict(service=service.name, slo=slo, name=name, target=target, sla=number(slo.get("sla")),
                window=window if isinstance(window, str) else None, budget_minutes=minutes, policy=policy,
                burn_alerts=_burn_alerts(slo, window if isinstance(window, str) else None))
    if minutes is None:
        problems.append("the SLO needs a target and a window before its budget can be computed")
        return SloBudget(status=None, burn_down=None, problems=tuple(problems), **base)
    rows, resolution, row_problems = _measurements(service, name)
    impacts, counted, uncounted = _incident_impacts(repo, service.name, name)
    problems.extend(row_problems)
    evidence = dict(target=target, window=window, as_of=clock.as_of, measurements=rows, incidents=impacts,
                    resolution=resolution)
    try:
        status = budget_status(thresholds=policy.thresholds, **evidence)
        remaining = status.remaining_pct.value
        if remaining is not None and 0 < remaining < policy.thresholds.freeze_release_pct:
            # Inside the freeze band: whether the budget was exhausted recently decides the state.
            history = budget_state_history(thresholds=policy.thresholds, points=8, **evidence)
            previous = next((r.state for r in reversed(history[:-1]) if r.state is not None), None)
            status = budget_status(thresholds=policy.thresholds, previous_state=previous, **evidence)
        series = burn_down_series(**evidence)
    except (ValueError, TypeError) as exc:
        problems.append(f"budget could not be computed: {exc}")
        return SloBudget(status=None, burn_down=None, problems=tuple(problems), **base)
    return SloBudget(status=status, burn_down=series, counted_incidents=tuple(counted),
                     uncounted_incidents=tuple(uncounted), problems=tuple(problems), **base)
