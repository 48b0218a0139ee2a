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
from sre_docs.schemas.vocabulary import FAULT_TYPES, GAME_DAY_CHECKLIST

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

@dataclass(frozen=True)
class LibraryExperiment:
    """One row of the guide's experiment library, made runnable.

    ``experiment`` and ``validates`` are the guide's words; the hypothesis follows the guide's template ("When
    <fault>, the system will <expected behaviour>") with ``{service}`` and ``{target}`` filled in; ``abort`` adds
    the conditions particular to this fault to the template's three; ``rollback`` removes the fault.
    """

    key: str
    fault: str
    experiment: str
    validates: str
    hypothesis: str
    target: str
    blast_radius: str
    abort: tuple[str, ...]
    rollback: str


#: The abort conditions of the guide's experiment template: every experiment stops on any of them.
TEMPLATE_ABORT_CONDITIONS = (
    "SLO burn rate above 10x",
    "Errors visible to customers",
    "An alert fires that the hypothesis did not predict",
)

#: The guide's chaos experiment library, in its order. The first experiment of each fault type is the one
#: ``--fault`` alone picks.
CHAOS_LIBRARY: tuple[LibraryExperiment, ...] = (
    LibraryExperiment(
        "db-latency", "network", "Add 200ms latency to DB calls", "Timeout handling, circuit breakers",
        "When 200 ms of latency is added to calls from {service} to {target}, {service} will keep meeting its SLOs "
        "because its timeouts and circuit breakers hold", "its database", "single pod",
        ("p99 latency above the SLO threshold for 5 minutes",),
        "Remove the latency rule (tc netem or the service mesh fault)"),
    LibraryExperiment(
        "packet-drop", "network", "Drop 5% of packets to downstream", "Retry logic, error handling",
        "When 5% of the packets from {service} to {target} are dropped, {service} will retry the failed calls and "
        "keep its error rate within the SLO", "its downstream dependencies", "single pod",
        ("Retries more than double the request rate to {target} (a retry storm)",),
        "Remove the packet-loss rule (tc netem or the service mesh fault); connections recover on their own"),
    LibraryExperiment(
        "dns-failure", "network", "DNS resolution failure", "Caching, fallback, error messages",
        "When DNS lookups from {service} for {target} fail, {service} will keep serving from cached addresses and "
        "return clear error messages for what it cannot reach", "the names it resolves", "single pod",
        ("Requests fail with unhandled DNS errors (5xx to users or stack traces in the logs)",),
        "Restore the resolver configuration (remove the DNS block rule) and flush negative DNS caches"),
    LibraryExperiment(
        "pod-kill", "compute", "Kill random pod every 10 min", "Auto-restart, load balancing",
        "When a random pod of {service} is killed every 10 minutes, {service} will keep serving while the "
        "scheduler replaces the pod and the load balancer routes around it", "{service} pods", "single pod",
        ("Fewer ready pods than the minimum replica count for 5 minutes",),
        "Stop the pod killer; the scheduler restores the replica count"),
    LibraryExperiment(
        "cpu-stress", "compute", "CPU stress to 95% on 1 node", "Auto-scaling, graceful degradation",
        "When CPU on {target} is held at 95%, {service} will move load to healthy nodes and scale out, degrading "
        "gracefully instead of timing out", "one {service} node", "single node",
        ("p99 latency above the SLO threshold for 5 minutes", "No capacity added by auto-scaling within 10 minutes"),
        "Kill the CPU stress process (stress-ng) on the node; cordon and drain the node if the load does not drop"),
    LibraryExperiment(
        "disk-fill", "compute", "Fill disk to 95%", "Disk monitoring, log rotation, alerts",
        "When the disk of {target} fills to 95%, {service} will raise its disk alert, rotate logs to free space "
        "and keep accepting writes", "one {service} node's data volume", "single node",
        ("Disk usage above 98%", "Writes fail or the node starts evicting pods"),
        "Delete the filler file; restart the service once space is free if it does not recover"),
    LibraryExperiment(
        "db-slowdown", "storage", "Increase DB latency 5x", "Connection pool handling, timeouts",
        "When {target} becomes five times slower, {service} will keep its connection pool healthy and degrade "
        "gracefully instead of failing", "its database", "single AZ",
        ("Connection pool exhausted (no free connections) for 1 minute",),
        "Remove the database latency injection; recycle the connection pool if it does not drain"),
    LibraryExperiment(
        "cache-failure", "storage", "Simulate cache failure (Redis down)", "Cache-aside pattern, DB fallback",
        "When {target} is down, {service} will read through to the database (cache-aside) and keep its latency SLO "
        "while the database takes the extra load", "its Redis cache", "single AZ",
        ("Database CPU or connections above 90%",),
        "Bring Redis back (restart it or unblock its port) and let the cache warm; shed load if the database stays "
        "saturated"),
    LibraryExperiment(
        "dependency-outage", "dependency", "Block external API (payment provider)", "Circuit breaker, queuing, retry",
        "When {target} is unreachable, {service} will fail fast through its circuit breaker and retry with backoff "
        "instead of piling up requests", "its main downstream dependency", "single AZ",
        ("Queued or retried work grows past what can be drained within an hour",),
        "Unblock the dependency (remove the egress rule) and let queued work drain at the normal rate"),
    LibraryExperiment(
        "dependency-429", "dependency", "Return 429s from auth service", "Rate limit handling, backoff",
        "When {target} answers with HTTP 429 Too Many Requests, {service} will back off exponentially and honour "
        "Retry-After instead of retrying at once", "its auth service", "percentage of traffic",
        ("Requests to {target} grow instead of falling (a retry storm)", "Users are logged out or refused"),
        "Remove the 429 fault rule; check that the retry queues drain"),
    LibraryExperiment(
        "clock-skew", "data", "Clock skew on subset of nodes", "Timestamp handling, ordering",
        "When clocks drift on {target}, {service} will keep ordering and timestamps correct",
        "a subset of {service} nodes", "single node",
        ("Records written out of order or with timestamps in the future",),
        "Resynchronise the clocks (restart NTP or chrony) on the skewed nodes"),
    LibraryExperiment(
        "traffic-spike", "scale", "10x traffic spike over 5 minutes", "Auto-scaling speed, queue depth",
        "When traffic to {service} grows tenfold over five minutes, autoscaling will add capacity before latency "
        "breaches the SLO", "{service} entry point", "percentage of traffic",
        ("Queue depth still growing 10 minutes into the spike",),
        "Stop the load generator; scale back down once the queues are empty"),
)


def library_experiment(*, fault: str | None = None, experiment: str | None = None) -> LibraryExperiment:
    """The library's experiment by name, or the first of a fault type; both given must agree."""
    if experiment is not None:
        chosen = next((e for e in CHAOS_LIBRARY if e.key == experiment), None)
        if chosen is None:
            raise WorkflowError(f"experiment {experiment!r} is not one of {', '.join(e.key for e in CHAOS_LIBRARY)}")
        if fault is not None and fault != chosen.fault:
            raise WorkflowError(f"experiment {experiment} is a {chosen.fault} fault, not {fault}")
        return chosen
    if fault not in FAULT_TYPES:
        raise WorkflowError(f"fault {fault!r} is not one of {', '.join(FAULT_TYPES)}")
    return next(e for e in CHAOS_LIBRARY if e.fault == fault)


def new_experiment(repo: Repository, *, service: str, fault: str | None = None, today: dt.date, name: str | None = None,
                   target: str | None = None, environment: str = "staging", scheduled: dt.date | None = None,
                   force: bool = False, experiment: str | None = None) -> NewDocument:
    """An experiment document from the library (by ``experiment`` name, or the first of ``fault``'s type).

    It carries the guide's game day checklists with every item still to do: CHS003 holds a completed game day
    to them.
    """
    svc = service_for(repo, service)
    chosen = library_experiment(fault=fault, experiment=experiment)
    fault = chosen.fault
    if environment not in ("staging", "production"):
        raise WorkflowError(f"environment {environment!r} is not staging or production")
    name = check_name(name or f"{service}-{experiment or fault}-{(scheduled or today).isoformat()}", "experiment name")
    existing = next((d for d in svc.experiments if d.get("name") == name), None)
    path, mode, index = place(repo, svc, "experiment", name, existing, force=force)
    if existing is None and (repo.root / path).exists() and not force:
        raise WorkflowError(f"{path} already exists; use --force to overwrite it or pick another --name")
    where = target or chosen.target.format(service=service)  # --target is text, not a format string
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
        ("hypothesis", chosen.hypothesis.format(service=service, target=where), "When <fault>, the system will <expected behaviour>"),
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
            ("experiment", chosen.key, f"the guide's library: {chosen.experiment}; validates {chosen.validates}"),
            ("target", where, None),
            ("blast_radius", chosen.blast_radius, "start small: one pod, one zone, a slice of traffic"),
            ("duration", "30m", None),
        ]), None),
        ("safety", commented([
            ("abort_conditions", CommentedSeq([*TEMPLATE_ABORT_CONDITIONS, *(a.format(target=where) for a in chosen.abort)]),
             "any one of these stops the experiment at once"),
            ("rollback_plan", f"{chosen.rollback}. If the steady-state metrics are not back within 5 minutes, follow "
             "the service's runbooks", None),
            ("required_approvals", CommentedSeq([owner] if owner else [f"{TODO} who signs off"]), None),
        ]), None),
        ("game_day", commented([
            (phase, commented([(item, False, None) for item, _ in items]), None)
            for phase, items in GAME_DAY_CHECKLIST.items()
        ]), "the guide's game day runbook: set each item to true as it is done (CHS003 checks a completed game day)"),
    ]
    content = document("experiment", commented(fields), header=f"Chaos experiment on {service} ({fault} fault). Record results under `results` after the run.")
    return NewDocument("experiment", name, service, path, content, mode, index)
