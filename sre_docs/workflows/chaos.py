"""Chaos planning: experiments run only on a healthy error budget.

The guide's error budget policy allows chaos experiments while the budget is healthy
and stops them from the warning state on: an experiment spends budget on purpose, and a
budget already under pressure has none to spare. A healthy budget that is *at risk* (its
current burn spends the rest inside the window) has none to spare either. The gate asks
every SLO of the service :attr:`SloBudget.allows_chaos`, the predicate CHS002 uses, and names the SLO,
its state and the policy's actions when it refuses. Experiments themselves come from
the guide's experiment library, one hypothesis per fault type.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ruamel.yaml.comments import CommentedSeq

from sre_docs.model.repository import Repository
from sre_docs.workflows.budget_view import SloBudget
from sre_docs.workflows.common import TODO, WorkflowError, commented, document
from sre_docs.workflows.documents import NewDocument, check_name, place, service_for
from sre_docs.schemas.vocabulary import FAULT_TYPES

@dataclass(frozen=True)
class ChaosGate:
    allowed: bool
    reasons: tuple[str, ...]


def chaos_gate(service: str, budgets: list[SloBudget]) -> ChaosGate:
    """Whether ``service`` may run an experiment now, and why (not)."""
    if not budgets:
        return ChaosGate(False, (f"{service} has no SLO with a target and window, so its error budget is unknown; "
                                 "define an SLO before injecting faults",))
    reasons = []
    for budget in budgets:
        remaining = budget.computed.remaining_pct
        if not budget.allows_chaos:
            left = "unknown" if remaining.value is None else f"{remaining.value:.1f}% left"
            actions = "; ".join(budget.actions) or "none listed"
            risk = f"; {budget.at_risk_note()}" if budget.at_risk else ""
            reasons.append(f"{budget.slo} error budget is {budget.state_label or 'unknown'} ({left}, from "
                           f"{remaining.source}{risk}); the policy's actions: {actions}")
    if reasons:
        return ChaosGate(False, tuple(reasons))
    shown = ", ".join(f"{b.slo} {b.computed.remaining_pct.value:.1f}% left" for b in budgets)
    return ChaosGate(True, (f"every error budget is healthy and none is at risk ({shown})",))


# --- the experiment document ----------------------------------------------------------------------

_EXPERIMENTS: dict[str, tuple[str, str, str]] = {
    # fault: (hypothesis with {service} and {target}, default target, blast radius), after the experiment library
    "network": ("When 200 ms of latency is added to calls from {service} to {target}, {service} will keep meeting its SLOs because its timeouts and circuit breakers hold",
                "its database", "single pod"),
    "compute": ("When a random pod of {service} is killed every 10 minutes, {service} will keep serving while the scheduler replaces the pod and the load balancer routes around it",
                "{service} pods", "single pod"),
    "storage": ("When {target} becomes five times slower, {service} will keep its connection pool healthy and degrade gracefully instead of failing",
                "its database", "single AZ"),
    "dependency": ("When {target} is unreachable, {service} will fail fast through its circuit breaker and retry with backoff instead of piling up requests",
                   "its main downstream dependency", "single AZ"),
    "data": ("When clocks drift on a subset of {service} nodes, {service} will keep ordering and timestamps correct",
             "a subset of {service} nodes", "single node"),
    "scale": ("When traffic to {service} grows tenfold over five minutes, autoscaling will add capacity before latency breaches the SLO",
              "{service} entry point", "percentage of traffic"),
}


def new_experiment(repo: Repository, *, service: str, fault: str, today: dt.date, name: str | None = None,
                   target: str | None = None, environment: str = "staging", scheduled: dt.date | None = None,
                   force: bool = False) -> NewDocument:
    svc = service_for(repo, service)
    if fault not in FAULT_TYPES:
        raise WorkflowError(f"fault {fault!r} is not one of {', '.join(FAULT_TYPES)}")
    if environment not in ("staging", "production"):
        raise WorkflowError(f"environment {environment!r} is not staging or production")
    name = check_name(name or f"{service}-{fault}-{(scheduled or today).isoformat()}", "experiment name")
    existing = next((d for d in svc.experiments if d.get("name") == name), None)
    path, mode, index = place(repo, svc, "experiment", name, existing, force=force)
    if existing is None and (repo.root / path).exists() and not force:
        raise WorkflowError(f"{path} already exists; use --force to overwrite it or pick another --name")
    hypothesis, default_target, radius = _EXPERIMENTS[fault]
    where = target or default_target.format(service=service)  # --target is text, not a format string
    metrics = CommentedSeq()
    for slo in svc.slos:
        slo_name, goal = svc.slo_name(slo), slo.get("target")
        if slo_name and isinstance(goal, (int, float)):
            metrics.append(commented([
                ("name", f"{slo_name} SLI", None),
                ("baseline", f"at or above {goal:g}%", None),
                ("acceptable_range", "burn rate below 10x during the experiment", None),
            ]))
    if not metrics:
        metrics.append(commented([
            ("name", "Request success rate", None),
            ("baseline", f"{TODO} normal value measured over the 15 minutes before the fault", None),
            ("acceptable_range", f"{TODO} how far it may move before the experiment is aborted", None),
        ]))
    owner = svc.catalog.get("owner_team") if svc.catalog else None
    fields: list[tuple[str, Any, str | None]] = [
        ("name", name, None),
        ("hypothesis", hypothesis.format(service=service, target=where), "When <fault>, the system will <expected behaviour>"),
        ("service", service, None),
        ("status", "planned", "planned | scheduled | running | completed | aborted"),
    ]
    if scheduled:
        fields.append(("scheduled", scheduled.isoformat(), None))
    fields += [
        ("environment", environment, "start in staging; production only once staging runs are boring"),
        ("steady_state", commented([("metrics", metrics, None)]), "what normal looks like, measured before the fault"),
        ("method", commented([
            ("fault_type", fault, None),
            ("target", where, None),
            ("blast_radius", radius, "start small: one pod, one zone, a slice of traffic"),
            ("duration", "30m", None),
        ]), None),
        ("safety", commented([
            ("abort_conditions", CommentedSeq([
                "SLO burn rate above 10x",
                "Errors visible to customers",
                "An alert fires that the hypothesis did not predict",
            ]), "any one of these stops the experiment at once"),
            ("rollback_plan", "Stop the fault injection; if the steady-state metrics are not back within 5 minutes, follow the service's runbooks", None),
            ("required_approvals", CommentedSeq([owner] if owner else [f"{TODO} who signs off"]), None),
        ]), None),
    ]
    content = document("experiment", commented(fields), header=f"Chaos experiment on {service} ({fault} fault). Record results under `results` after the run.")
    return NewDocument("experiment", name, service, path, content, mode, index)
