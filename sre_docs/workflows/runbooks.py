"""Runbooks for alerts: diagnosis steps and mitigation options by the alert's signal.

The steps follow the guide's response workflow: confirm the symptom, look at what
changed, look at what the service depends on, then at its resources. Commands are left
empty unless sre-docs itself can answer the question: the exact ``kubectl``, PromQL or
SQL differs per team, and a wrong command in a runbook is worse than an empty one.
``sre-docs new runbook`` lists the empty ones as still to fill in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ruamel.yaml.comments import CommentedSeq

from sre_docs.model.repository import Repository, Service
from sre_docs.workflows.common import TODO, WorkflowError, commented, document, suggest
from sre_docs.workflows.documents import NewDocument, all_alert_names, place, service_for

@dataclass(frozen=True)
class Step:
    step: str
    expected: str
    if_unexpected: str
    command: str = ""


@dataclass(frozen=True)
class Option:
    option: str
    when: str
    steps: tuple[str, ...]


_RECENT_CHANGES = Step(
    "Check deployments and config changes of the last few hours",
    "Nothing shipped shortly before the alert started",
    "Roll the change back first (see Mitigation: Rollback), then investigate",
)
_DEPENDENCIES = Step(
    "Check the health of the services and databases it calls",
    "Every dependency within its own SLO",
    "Follow that dependency's runbook and tell its on-call; consider the circuit breaker option",
)


def diagnosis_steps(signal: str, *, service: str, slo: str | None = None) -> tuple[Step, ...]:
    """The starting diagnosis for an alert on ``signal``."""
    budget = f"sre-docs budget {service}" + (f" --slo {slo}" if slo else "")
    steps: dict[str, tuple[Step, ...]] = {
        "latency": (
            Step("Confirm the slowdown on the latency dashboard (p50, p95, p99)",
                 "Only the tail (p99) is slow, and only for a few endpoints",
                 "Everything is slow: suspect saturation or a shared dependency"),
            _RECENT_CHANGES,
            _DEPENDENCIES,
            Step("Check saturation: CPU, memory, connection pools, queue depth",
                 "All below 80%", "Scale up (see Mitigation) and look for a leak or a runaway job"),
        ),
        "errors": (
            Step("Find which endpoints and status codes the errors come from",
                 "Errors limited to one endpoint or one error type",
                 "Errors everywhere: suspect the latest deploy or a shared dependency"),
            _RECENT_CHANGES,
            _DEPENDENCIES,
            Step("Read the error logs for the most frequent exception",
                 "One exception type dominates, with a trace id to follow",
                 "Escalate to a subject-matter expert for the component"),
        ),
        "traffic": (
            Step("Tell a drop from a spike on the request-rate dashboard",
                 "A spike that autoscaling absorbs",
                 "A drop: check DNS, the load balancer and the callers upstream"),
            Step("Check the callers: is one client retrying in a loop or sending far more than usual?",
                 "Traffic spread over the usual clients",
                 "Rate-limit or block the offending client (see Mitigation: Shed load)"),
            _RECENT_CHANGES,
        ),
        "saturation": (
            Step("Find the saturated resource: CPU, memory, disk, connections or a queue",
                 "One resource near its limit, with a clear cause",
                 "Several resources at once: suspect a traffic spike or a noisy neighbour"),
            Step("Check that autoscaling reacts: new instances starting, none failing to start",
                 "Instance count rising towards the maximum",
                 "Scale up by hand (see Mitigation) and check the autoscaler's limits"),
            Step("Look for a leak or a runaway job: memory that only grows, a batch job out of schedule",
                 "Usage follows traffic", "Restart or stop the offender, then open an action item"),
            _RECENT_CHANGES,
        ),
        "burn_rate": (
            Step("Check how much error budget is left and how fast it burns",
                 "Budget state healthy or warning, burn rate falling",
                 "Critical or exhausted: apply the error budget policy (freeze risky changes)",
                 command=budget),
            Step("Find which requests fail or are slow: availability or latency SLI?",
                 "One endpoint or error type explains the burn", "Open an incident and follow the errors runbook"),
            _RECENT_CHANGES,
            _DEPENDENCIES,
        ),
    }
    return steps[signal]


_ROLLBACK = Option("Rollback", "A deploy or config change shortly before the alert",
                   ("Roll back to the previous release", "Watch the signal recover for 15 minutes"))
_FLAG = Option("Disable the feature flag", "A newly enabled feature is involved",
               ("Turn the flag off", "Confirm the errors or latency drop"))
_SCALE = Option("Scale up", "Load above what the current instances handle",
                ("Raise the instance count or limits", "Check the bottleneck moves away"))
_FAILOVER = Option("Fail over", "One zone, region or replica is the problem",
                   ("Shift traffic away from the failing component", "Confirm the healthy side holds the load"))
_BREAKER = Option("Open the circuit breaker", "A dependency is failing or slow",
                  ("Serve a degraded response instead of calling it", "Tell the dependency's on-call"))
_SHED = Option("Shed load", "A single client or a spike overwhelms the service",
               ("Rate-limit or block the offending traffic", "Tell the client's owners"))


def mitigation_options(signal: str) -> tuple[Option, ...]:
    """Ways to stop the impact, fastest first (the guide's order)."""
    return {
        "latency": (_ROLLBACK, _FLAG, _SCALE, _BREAKER),
        "errors": (_ROLLBACK, _FLAG, _FAILOVER, _BREAKER),
        "traffic": (_SHED, _SCALE, _FAILOVER),
        "saturation": (_SCALE, _ROLLBACK, _SHED),
        "burn_rate": (_ROLLBACK, _FLAG, _FAILOVER, _SCALE),
    }[signal]


# --- the runbook document ---------------------------------------------------------------------------


def new_runbook(repo: Repository, *, service: str, alert: str, today: dt.date, signal: str | None = None,
                slo: str | None = None, force: bool = False) -> NewDocument:
    svc = service_for(repo, service)
    names = all_alert_names(svc)
    if signal is None:
        if alert not in names:
            raise WorkflowError(f"service {service!r} has no alert {alert!r}{suggest(alert, names)}; create it with `sre-docs new alert {service}`")
        signal = names[alert]
    existing = next((d for d in svc.runbooks if d.get("alert_name") == alert), None)
    path, mode, index = place(repo, svc, "runbook", alert, existing, force=force)
    if existing is None and (repo.root / path).exists() and not force:
        raise WorkflowError(f"{path} already exists; use --force to overwrite it")
    slo = slo or _alert_slo(svc, alert)
    owner = svc.catalog.get("owner_team") if svc.catalog else None
    rotation = repo.rotations.get(svc.catalog.get("oncall_rotation")) if svc.catalog and svc.catalog.get("oncall_rotation") else None
    contact = (rotation.get("escalation", "contact") if rotation else None) or (
        f"{owner} on-call secondary" if owner else f"{TODO} who to call when this is not mitigated in time")
    diagnosis = CommentedSeq()
    for step in diagnosis_steps(signal, service=service, slo=slo):
        diagnosis.append(commented([
            ("step", step.step, None),
            ("command", step.command, None if step.command else "TODO: the exact command or query"),
            ("expected", step.expected, None),
            ("if_unexpected", step.if_unexpected, None),
        ]))
    mitigation = CommentedSeq()
    for option in mitigation_options(signal):
        mitigation.append(commented([
            ("option", option.option, None),
            ("when", option.when, None),
            ("steps", CommentedSeq(option.steps), None),
        ]))
    body = commented([
        ("title", f"{alert} on {service}", None),
        ("alert_name", alert, "the exact alert that sends a responder here"),
        ("last_updated", today.isoformat(), "bump it whenever the steps are checked"),
        ("owner", owner or f"{TODO} who keeps this runbook current", None),
        ("overview", _overview(signal, service), None),
        ("impact", f"{TODO} who feels it and how while it fires (which user journeys of {service} fail or slow down)", None),
        ("diagnosis", diagnosis, "in order; stop at the first unexpected answer"),
        ("mitigation", mitigation, "fastest first: stop the bleeding before finding the cause"),
        ("escalation", commented([
            ("after_minutes", 30, "escalate when not mitigated by then"),
            ("contact", contact, None),
            ("context_to_provide", "Incident channel, severity, what was checked and tried, links to the dashboards", None),
        ]), None),
    ])
    content = document("runbook", body, header=f"Runbook for the {alert} alert ({signal}). Fill in the empty commands.")
    return NewDocument("runbook", alert, service, path, content, mode, index)


def _alert_slo(service: Service, alert: str) -> str | None:
    for slo, _, entry in service.burn_rate_alerts():
        if entry.get("name") == alert:
            return service.slo_name(slo)
    doc = next((d for d in service.alerts if d.get("name") == alert), None)
    return doc.get("slo") if doc else None


def _overview(signal: str, service: str) -> str:
    return {
        "latency": f"{service} answers more slowly than usual: its slowest requests take over twice their normal time.",
        "traffic": f"The request rate of {service} moved sharply away from normal: a drop usually means an upstream or routing problem, a spike means load to absorb.",
        "errors": f"{service} fails more requests than its SLO allows.",
        "saturation": f"A resource of {service} (CPU, memory, disk, connections or a queue) is close to full; latency and errors follow if nothing is done.",
        "burn_rate": f"The error budget of {service} is being spent fast enough to run out well before the window ends.",
    }[signal]
