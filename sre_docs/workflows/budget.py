"""Error budget status of a service's SLOs, from the evidence the repo holds.

The numbers come from ``sre_docs.calc.evidence``; this module only gathers the evidence
from the model (measurement rows and incident records of the SLO) and reads the
service's error budget policy for thresholds and actions.

Incident evidence needs the share of traffic an incident hurt. ``impact.users_pct`` says
it exactly; without it the matrix column is the only clue and its upper bound is used
(``lt_25pct`` counts as 25%, ``gt_25pct`` and ``all_users`` as 100%, ``one_user`` as
nothing), so an unknown share never makes a budget look healthier than it is. An
explicit ``impact.budget_consumed_pct`` wins over both.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sre_docs.calc.budget_policy import (
    DEFAULT_BUDGET_POLICY,
    BudgetPolicy,
    budget_policy_from_mapping,
)
from sre_docs.calc.durations import format_duration
from sre_docs.calc.evidence import (
    BudgetStatus,
    IncidentImpact,
    Measurement,
    budget_state_history,
    budget_status,
)
from sre_docs.model import Document, Repository, Service
from sre_docs.schemas.types import parse_duration
from sre_docs.workflows.common import WorkflowError, instant_or_none, suggest

#: Share of traffic assumed for each severity-matrix column when ``users_pct`` is not given.
USERS_SHARE_UPPER_BOUND: dict[str, float] = {
    "one_user": 0.0,
    "lt_25pct": 0.25,
    "gt_25pct": 1.0,
    "all_users": 1.0,
}

#: Incident statuses after the impact has ended.
CLOSED_STATUSES = ("resolve", "review")


@dataclass(frozen=True)
class SloBudget:
    """One SLO's budget status with the policy that applies to it."""

    service: str
    slo: str
    path: str
    status: BudgetStatus
    policy: BudgetPolicy
    policy_path: str | None
    policy_note: str | None
    measurement_points: int
    incidents: tuple[str, ...]

    @property
    def state(self) -> str | None:
        value = self.status.state.value
        return None if value is None else str(value)

    @property
    def actions(self) -> tuple[str, ...]:
        return self.policy.actions(self.state) if self.state else ()


def policy_for(repo: Repository, service: str) -> tuple[BudgetPolicy, str | None, str | None]:
    """(policy, the document it came from, a note when the document could not be read)."""
    document = repo.budget_policy_for(service)
    if document is None:
        return DEFAULT_BUDGET_POLICY, None, None
    try:
        return budget_policy_from_mapping(document.body or {}), document.path, None
    except (ValueError, TypeError) as exc:
        return DEFAULT_BUDGET_POLICY, document.path, f"{document.path}: {exc}; the guide's default policy applies"


def measurements_of(service: Service, slo_name: str) -> tuple[list[Measurement], dt.timedelta | None]:
    """Measurement rows recorded for one SLO, with their resolution."""
    rows: list[Measurement] = []
    resolution: dt.timedelta | None = None
    for doc in service.measurements:
        if doc.get("slo") != slo_name:
            continue
        step = parse_duration(doc.get("resolution", default="") or "")
        if step is not None:
            resolution = step if resolution is None else min(resolution, step)
        for point in doc.get("points", default=[]):
            if not isinstance(point, list) or len(point) != 3:
                continue
            start, good, total = point
            moment = instant_or_none(start)
            if moment is None or not all(isinstance(n, int) and not isinstance(n, bool) for n in (good, total)):
                continue
            if 0 <= good <= total:
                rows.append(Measurement(moment, good, total))
    return rows, resolution


def incident_counts_against(incident: Document, service: Service, slo_name: str) -> bool:
    """Whether an incident spent this SLO's budget: it names the SLO, or the service has only one."""
    named = incident.get("impact", "slo")
    if named:
        return named == slo_name
    return len(service.slos) == 1


def incident_impact(incident: Document) -> IncidentImpact | None:
    """The budget evidence of one incident record; None when its span is unknown."""
    return incident_impact_from(incident.body if isinstance(incident.body, dict) else {})


def incident_impact_from(body: dict[str, Any]) -> IncidentImpact | None:
    """:func:`incident_impact` for an incident body given as plain data."""
    stamps = body.get("timestamps") or {}
    impact = body.get("impact") or {}
    started = instant_or_none(stamps.get("started"))
    if started is None:
        return None
    end = instant_or_none(stamps.get("mitigated")) or instant_or_none(stamps.get("resolved"))
    if end is None and body.get("status") in CLOSED_STATUSES:
        end = started
    if end is not None and end < started:
        return None
    explicit = impact.get("budget_consumed_pct")
    if isinstance(explicit, (int, float)) and not isinstance(explicit, bool):
        return IncidentImpact(start=started, end=end, budget_consumed_pct=float(explicit))
    return IncidentImpact(start=started, end=end, users_share=users_share(impact))


def users_share(impact: dict[str, Any]) -> float:
    """Share of traffic an incident hurt: ``users_pct``, else the upper bound of its matrix column."""
    pct = impact.get("users_pct")
    if isinstance(pct, (int, float)) and not isinstance(pct, bool):
        return max(0.0, min(1.0, pct / 100))
    return USERS_SHARE_UPPER_BOUND.get(impact.get("users") or "all_users", 1.0)


def slo_budget(repo: Repository, service: Service, slo: Document, *, as_of: dt.datetime) -> SloBudget | None:
    """Budget status of one SLO at ``as_of``; None when the SLO lacks a target or window."""
    name = service.slo_name(slo)
    target, window = slo.get("target"), slo.get("window")
    if name is None or not isinstance(target, (int, float)) or parse_duration(window or "") is None:
        return None
    rows, resolution = measurements_of(service, name)
    incidents = [d for d in repo.incidents_of(service.name) if incident_counts_against(d, service, name)]
    impacts = [impact for impact in (incident_impact(d) for d in incidents) if impact is not None]
    policy, policy_path, note = policy_for(repo, service.name)
    common: dict[str, Any] = dict(
        target=float(target), window=window, measurements=rows, incidents=impacts,
        resolution=resolution, thresholds=policy.thresholds,
    )
    history = budget_state_history(as_of=as_of, step=dt.timedelta(days=1), points=29, **common)
    previous = history[-2].state if len(history) > 1 else None
    status = budget_status(as_of=as_of, previous_state=previous, **common)
    return SloBudget(
        service=service.name, slo=name, path=slo.path, status=status, policy=policy, policy_path=policy_path,
        policy_note=note, measurement_points=len(rows), incidents=tuple(sorted(d.name or "?" for d in incidents)),
    )


def service_budgets(repo: Repository, service_name: str, *, as_of: dt.datetime, slo: str | None = None) -> list[SloBudget]:
    service = require_service(repo, service_name)
    slos = service.slos
    if slo is not None:
        chosen = service.slo(slo)
        if chosen is None:
            names = [n for n in (service.slo_name(d) for d in slos) if n]
            raise WorkflowError(f"service {service_name!r} has no SLO {slo!r}{suggest(slo, names)}")
        slos = [chosen]
    budgets = [slo_budget(repo, service, doc, as_of=as_of) for doc in slos]
    return [b for b in budgets if b is not None]


def require_service(repo: Repository, name: str) -> Service:
    service = repo.services.get(name)
    if service is None:
        raise WorkflowError(f"no service {name!r} under services/{suggest(name, repo.services)}")
    return service


def _round(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


def budget_json(budget: SloBudget) -> dict[str, Any]:
    """The stable JSON shape of one SLO's budget (what ``sre-docs budget --json`` prints)."""
    status = budget.status
    projected = status.projected_exhaustion.value
    return {
        "service": budget.service,
        "slo": budget.slo,
        "path": budget.path,
        "target": status.target,
        "window": format_duration(status.window),
        "as_of": status.as_of.isoformat(),
        "budget_minutes": _round(status.budget_minutes),
        "consumed_pct": _round(status.consumed_pct.value),
        "remaining_pct": _round(status.remaining_pct.value),
        "remaining_minutes": _round(status.remaining_minutes.value),
        "consumed_last_7d_pct": _round(status.consumed_last_7d_pct.value),
        "burn_rates": [
            {"lookback": format_duration(r.lookback), "burn_rate": _round(r.burn_rate, 3), "source": str(r.source)}
            for r in status.burn_rates
        ],
        "current_burn_rate": _round(status.current_burn_rate.value, 3),
        "state": budget.state,
        "actions": list(budget.actions),
        "exceptions": list(budget.policy.exceptions),
        "projected_exhaustion": None if projected is None else projected.isoformat(),
        "source": str(status.remaining_pct.source),
        "measurement_coverage_pct": _round(status.measurement_coverage * 100, 1),
        "measurement_points": budget.measurement_points,
        "incidents": list(budget.incidents),
        "policy": budget.policy_path,
        "policy_note": budget.policy_note,
    }
