"""``sre-docs budget``'s view of the error budgets: choosing the SLOs and the JSON shape.

Every figure comes from :mod:`sre_docs.model.slo_budgets`, the computation the policies, the
handbook and the scorecards share (its docstring states the evidence rules: which
measurements and incidents count, how an incident's share of users is read, which policy
applies, and why a day is evaluated at 00:00 UTC).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sre_docs.model.slo_budgets import SloBudget, slo_budget
from sre_docs.calc.durations import format_duration
from sre_docs.model.repository import Repository, Service
from sre_docs.workflows.common import WorkflowError, suggest

__all__ = ["SloBudget", "budget_json", "gate_json", "require_service", "service_budgets"]


def service_budgets(repo: Repository, service_name: str, *, as_of: dt.datetime, slo: str | None = None) -> list[SloBudget]:
    """The budgets of a service's SLOs (or of the one named ``slo``) that can be computed."""
    service = require_service(repo, service_name)
    slos = service.slos
    if slo is not None:
        chosen = service.slo(slo)
        if chosen is None:
            names = [n for n in (service.slo_name(d) for d in slos) if n]
            raise WorkflowError(f"service {service_name!r} has no SLO {slo!r}{suggest(slo, names)}")
        slos = [chosen]
    budgets = [slo_budget(repo, service, doc, as_of=as_of) for doc in slos]
    return [b for b in budgets if b.status is not None]


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
    assert status is not None, "service_budgets only returns budgets that could be computed"
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
        "state": None if budget.state is None else str(budget.state),
        "at_risk": budget.at_risk,
        "at_risk_note": budget.at_risk_note(),
        "freezes_deploys": budget.freezes_deploys,
        "actions": list(budget.actions),
        "exceptions": list(budget.policy.exceptions),
        "projected_exhaustion": None if projected is None else projected.isoformat(),
        "source": str(status.remaining_pct.source),
        "sources": {
            "consumed_pct": str(status.consumed_pct.source),
            "consumed_last_7d_pct": str(status.consumed_last_7d_pct.source),
            "current_burn_rate": str(status.current_burn_rate.source),
            "projected_exhaustion": str(status.projected_exhaustion.source),
            "state": str(status.state.source),
        },
        "measurement_coverage_pct": _round(status.measurement_coverage * 100, 1),
        "measurement_points": budget.measurement_points,
        "incidents": list(budget.counted_incidents),
        "policy": budget.policy_path,
        "policy_note": budget.policy_note,
    }


def gate_json(service: str, budgets: list[SloBudget]) -> dict[str, Any]:
    """What ``sre-docs budget SERVICE --gate`` decides: ``freeze`` when any SLO's policy says stop deploying.

    A budget freezes deploys in the ``exhausted`` state, which the model keeps through the freeze band (below the
    policy's release point after an exhaustion) from the previous state; ``freeze_held`` marks that case. Each
    frozen SLO carries its policy's actions and exceptions, the organisation's own when it has a policy.
    """
    slos = []
    for budget in budgets:
        slos.append({
            "slo": budget.slo,
            "state": None if budget.state is None else str(budget.state),
            "remaining_pct": _round(budget.remaining_pct),
            "freezes_deploys": budget.freezes_deploys,
            "freeze_held": budget.freeze_held,
            "freeze_release_pct": budget.policy.thresholds.freeze_release_pct,
            "actions": list(budget.actions),
            "exceptions": list(budget.policy.exceptions) if budget.freezes_deploys else [],
            "policy": budget.policy_path,
        })
    frozen = [item["slo"] for item in slos if item["freezes_deploys"]]
    return {"service": service, "gate": "freeze" if frozen else "open", "frozen_slos": frozen, "slos": slos}
