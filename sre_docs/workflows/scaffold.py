"""New documents from the guide's templates, filled in from what the repo already knows.

Each builder returns a :class:`NewDocument`: where it goes, the document itself (a
ruamel ``CommentedMap`` whose comments explain each field) and the fields still to be
written by a person (strings starting with ``TODO:``, empty runbook commands). The CLI
renders, checks and writes it; nothing here touches the disk.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from sre_docs.calc.budget import WORKBOOK_BURN_RATE_TIERS, error_budget_minutes, recommended_burn_rate_alerts
from sre_docs.calc.durations import format_duration
from sre_docs.calc.nines import budget_fraction, nines_label
from sre_docs.model import Document, Repository, Service
from sre_docs.schemas.types import IDENTIFIER, parse_duration
from sre_docs.schemas.vocabulary import (
    ALERT_SEVERITIES, ALERT_SIGNALS, FAULT_TYPES, SLI_TYPES, TIERS,
)
from sre_docs.workflows.common import TODO, WorkflowError, commented, document, num, suggest, todo_paths
from sre_docs.workflows.runbook_steps import diagnosis_steps, mitigation_options

#: Default file names of each kind inside a service folder ("{name}" is the document's name).
DEFAULT_FILES: dict[str, str] = {
    "service": "service.yaml",
    "sli": "slis.yaml",
    "slo": "slos.yaml",
    "alert": "alerts.yaml",
    "runbook": "runbooks/{name}.yaml",
    "experiment": "experiments/{name}.yaml",
}
#: Kinds whose documents share one file per service (new ones are appended to it).
SHARED_FILE_KINDS = ("sli", "slo", "alert")


@dataclass
class NewDocument:
    """A document to write: its kind, name, target file and content."""

    kind: str
    name: str
    service: str | None
    path: str
    content: CommentedMap
    #: "create" a new file, "append" to an existing multi-document file, or "replace" document ``index``.
    mode: str = "create"
    index: int = 0
    notes: list[str] = field(default_factory=list)
    #: Documents to write with this one (the runbooks of a new SLO's burn-rate alerts, say).
    companions: list[NewDocument] = field(default_factory=list)

    @property
    def body(self) -> Any:
        return self.content[self.kind]

    def still_to_fill(self) -> list[str]:
        """Dotted paths a person still has to fill in."""
        from sre_docs.workflows.common import dotted

        paths = [dotted((self.kind, *p)) for p in todo_paths(self.body)]
        if self.kind == "runbook":
            for index, step in enumerate(self.body.get("diagnosis", [])):
                if not step.get("command"):
                    paths.append(f"runbook.diagnosis[{index}].command")
        return paths


def _check_name(value: str, what: str) -> str:
    if not IDENTIFIER.match(value or ""):
        raise WorkflowError(f"{what} {value!r} is not a valid name (letters, digits, '.', '_', '-'; starting with a letter or digit)")
    return value


def _service(repo: Repository, name: str) -> Service:
    service = repo.services.get(name)
    if service is None:
        raise WorkflowError(f"no service {name!r} under services/{suggest(name, repo.services)}; create it with `sre-docs new service {name}`")
    return service


def place(repo: Repository, service: Service, kind: str, name: str, existing: Document | None, *, force: bool) -> tuple[str, str, int]:
    """(path, mode, index) for a new document of ``kind`` named ``name`` in ``service``."""
    if existing is not None:
        if not force:
            line = existing.line
            raise WorkflowError(f"{kind} {name!r} already exists at {existing.path}:{line}; use --force to replace it")
        siblings = [d for d in service.documents if d.path == existing.path]
        return existing.path, "replace", existing.parsed.index if siblings else 0
    template = DEFAULT_FILES[kind]
    if kind in SHARED_FILE_KINDS:
        files = sorted({d.path for d in service.of_kind(kind)})
        if len(files) == 1:
            return files[0], "append", 0
        path = f"{service.folder}/{template}"
        return path, ("append" if (repo.root / path).exists() else "create"), 0
    return f"{service.folder}/{template.format(name=name)}", "create", 0


# --- service ---------------------------------------------------------------------------------


def new_service(repo: Repository, *, name: str, tier: str, team: str, rotation: str | None = None,
                description: str | None = None, force: bool = False) -> NewDocument:
    _check_name(name, "service name")
    if tier not in TIERS:
        raise WorkflowError(f"tier {tier!r} is not one of {', '.join(TIERS)}")
    if team not in repo.teams:
        raise WorkflowError(f"no team {team!r} in org/{suggest(team, repo.teams)}; add it to org/teams.yaml first")
    if rotation is None:
        owned = [n for n, doc in repo.rotations.items() if doc.get("team") == team]
        rotation = owned[0] if len(owned) == 1 else None
    elif rotation not in repo.rotations:
        raise WorkflowError(f"no on-call rotation {rotation!r} in org/oncall/{suggest(rotation, repo.rotations)}")
    path = f"services/{name}/service.yaml"
    if name in repo.services and repo.services[name].catalog is not None and not force:
        raise WorkflowError(f"service {name!r} already exists ({repo.services[name].catalog.path}); use --force to replace it")
    fields: list[tuple[str, Any, str | None]] = [
        ("name", name, "must equal the folder name"),
        ("tier", tier, "critical | important | standard | experimental: sets the bar for SLOs and reviews"),
        ("owner_team", team, "the team that answers for it (org/teams.yaml)"),
    ]
    if rotation:
        fields.append(("oncall_rotation", rotation, "who gets paged (org/oncall/)"))
    fields += [
        ("description", description or f"{TODO} what {name} does for its users, in a sentence or two", None),
        ("dependencies", commented([
            ("upstream", CommentedSeq(), "services this one calls"),
            ("downstream", CommentedSeq(), "services that call this one"),
        ]), "fill both lists so incidents and reviews can follow the blast radius"),
        ("observability", commented([
            ("dashboards", CommentedSeq(), "links to the golden-signal dashboards"),
            ("tracing", False, "set true once distributed tracing is on"),
            ("structured_logging", False, "set true once logs are JSON with trace ids"),
        ]), None),
        ("automation", commented([
            ("ci_cd", False, "builds and deploys through a pipeline"),
            ("auto_rollback", False, "bad deploys roll back without a human"),
            ("feature_flags", False, "risky features ship behind flags"),
        ]), None),
    ]
    body = commented(fields)
    body.yaml_set_comment_before_after_key(
        "dependencies",
        before="Optional catalog fields to add when known: data_classification, deployment_frequency,\n"
               "architecture, language, infra, traffic_pattern, peak_rps, storage_gb, monthly_cost_usd, multi_region.",
        indent=2,
    )
    content = document("service", body, header=f"Catalog entry of {name}. Next: `sre-docs new sli {name}` and `sre-docs new slo {name}`.")
    doc = NewDocument("service", name, name, path, content)
    if rotation is None:
        doc.notes.append("no on-call rotation set: add `oncall_rotation` once one answers its pages")
    return doc


# --- SLI --------------------------------------------------------------------------------------

_SLI_MEASUREMENTS: dict[str, tuple[str, str, str]] = {
    # type: (description, good events, total events)
    "availability": ("Share of valid requests served without a server error",
                     "Responses with a status below 500", "All requests except health checks"),
    "latency": ("Share of valid requests served fast enough",
                "Requests answered within {threshold} ms", "All requests except health checks"),
    "quality": ("Share of responses served complete rather than degraded",
                "Responses served without falling back to degraded content", "All responses"),
    "freshness": ("Share of reads that see recently updated data",
                  "Reads of data updated within the freshness threshold", "All reads"),
}


def new_sli(repo: Repository, *, service: str, name: str, type: str, threshold_ms: float | None = None,
            description: str | None = None, force: bool = False) -> NewDocument:
    svc = _service(repo, service)
    _check_name(name, "SLI name")
    if type not in SLI_TYPES:
        raise WorkflowError(f"SLI type {type!r} is not one of {', '.join(SLI_TYPES)}")
    path, mode, index = place(repo, svc, "sli", name, svc.sli(name), force=force)
    default_description, good, total = _SLI_MEASUREMENTS[type]
    threshold = threshold_ms if threshold_ms is not None else 300
    measurement = [
        ("good_events", good.format(threshold=f"{threshold:g}"), "which events count as good"),
        ("total_events", total, "which events count at all"),
        ("source", f"{TODO} where the events are counted (load balancer logs, metrics, probes)", None),
        ("aggregation", "sum(good) / sum(total) over the SLO window", None),
    ]
    if type == "latency":
        measurement.append(("threshold_ms", num(threshold), "a good event is faster than this"))
    body = commented([
        ("name", name, "SLOs refer to the SLI by this name"),
        ("description", description or default_description, None),
        ("type", type, "availability | latency | quality | freshness"),
        ("measurement", commented(measurement), "in words, so anyone can check the queries against it"),
        ("exclusions", CommentedSeq(["Health check endpoints", "Synthetic monitoring traffic"]),
         "traffic left out of both counts"),
    ])
    content = document("sli", body, header=f"SLI of {service}. Add `prometheus` queries once the metrics exist.")
    return NewDocument("sli", name, service, path, content, mode, index)


# --- SLO --------------------------------------------------------------------------------------


def new_slo(repo: Repository, *, service: str, sli: str, target: float, today: dt.date, window: str = "28d",
            sla: float | None = None, name: str | None = None, with_runbooks: bool = True,
            force: bool = False) -> NewDocument:
    svc = _service(repo, service)
    if svc.sli(sli) is None:
        known = [d.get("name") for d in svc.slis if d.get("name")]
        raise WorkflowError(f"service {service!r} has no SLI {sli!r}{suggest(sli, known)}; create it with `sre-docs new sli {service} --name {sli}`")
    if not 0 < target < 100:
        raise WorkflowError(f"target {target:g} must be a percentage strictly between 0 and 100")
    if sla is not None and not 0 < sla < target:
        raise WorkflowError(f"the SLA ({sla:g}%) must be below the SLO target ({target:g}%): the SLO is the internal, stricter promise")
    if parse_duration(window) is None or parse_duration(window) <= dt.timedelta(0):
        raise WorkflowError(f"window {window!r} is not a duration such as 28d or 30d")
    name = _check_name(name or sli, "SLO name")
    path, mode, index = place(repo, svc, "slo", name, svc.slo(name), force=force)
    budget_pct = round(budget_fraction(target) * 100, 6)
    budget_min = round(error_budget_minutes(target, window), 2)
    alerts = CommentedSeq()
    for alert in recommended_burn_rate_alerts(window, tiers=WORKBOOK_BURN_RATE_TIERS):
        tier = alert.tier
        entry = commented([
            ("name", f"{name}_{tier.name}", None),
            ("burn_rate", num(round(alert.burn_rate_threshold, 3)),
             f"spends the whole budget in {format_duration(alert.exhausts_full_budget_in)}"),
            ("budget_consumed_pct", num(tier.budget_share_pct), f"of the budget gone within {format_duration(tier.long_window)} when it fires"),
            ("short_window", _duration_text(tier.short_window), None),
            ("long_window", _duration_text(tier.long_window), None),
            ("severity", tier.severity, None),
        ])
        alerts.append(entry)
    owner = svc.catalog.get("owner_team") if svc.catalog else None
    fields: list[tuple[str, Any, str | None]] = [
        ("name", name, None),
        ("service", service, None),
        ("sli", sli, None),
        ("target", num(target), f"{_nines_words(target)}; percent of good events"),
    ]
    if sla is not None:
        fields.append(("sla", num(sla), "the external promise; the SLO stays above it"))
    fields += [
        ("window", window, "rolling window"),
        ("error_budget", num(budget_pct), "percent of events allowed to fail: 100 - target"),
        ("error_budget_minutes", num(budget_min), f"minutes of full outage per {window} window"),
        ("burn_rate_alerts", alerts, "SRE Workbook multi-window alerts: 2% in 1h and 5% in 6h page, 10% in 3d opens a ticket"),
        ("review_cadence", "monthly", None),
    ]
    if owner:
        fields.append(("owner", owner, None))
    fields += [
        ("stakeholders", CommentedSeq([f"{TODO} who agreed to this target (product owner, support lead)"]), None),
        ("escalation_when_budget_exhausted", CommentedSeq([
            "Stop non-critical deployments",
            "Move the team's engineering time to reliability work",
            "Escalate to the VP of Engineering when nothing improves within 48 hours",
        ]), None),
    ]
    content = document("slo", commented(fields), header=f"SLO of {service} on the {sli} SLI, with the SRE Workbook's burn-rate alerts.")
    new = NewDocument("slo", name, service, path, content, mode, index)
    if with_runbooks:
        for entry in alerts:
            alert_name = entry["name"]
            if svc.runbooks_for(alert_name) or (repo.root / f"{svc.folder}/runbooks/{alert_name}.yaml").exists():
                continue
            new.companions.append(new_runbook(repo, service=service, alert=alert_name, signal="burn_rate", slo=name,
                                              today=today))
    return new


def _nines_words(target: float) -> str:
    label = nines_label(target)
    return label if "nine" in label else f"{label} nines"


def _duration_text(delta: dt.timedelta) -> str:
    seconds = int(delta.total_seconds())
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds % size == 0 and seconds >= size:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


# --- alerts -----------------------------------------------------------------------------------

_ALERT_CONDITIONS: dict[str, tuple[str, str | None]] = {
    # signal: (condition in words, "for" duration)
    "latency": ("p99 latency above twice its usual baseline", "5m"),
    "traffic": ("requests per second drop by more than 30% or jump by more than 50%", "5m"),
    "errors": ("error rate above the SLO's burn-rate threshold", "5m"),
    "saturation": ("utilisation of the busiest resource above 80%", "10m"),
    "burn_rate": ("the error budget burns faster than the SLO's page threshold", None),
}
_NOTIFY = {"P0": "page", "P1": "page", "P2": "ticket", "P3": "dashboard"}


def all_alert_names(service: Service) -> dict[str, str]:
    """Alert name -> signal, for alert documents and SLO burn-rate alerts."""
    names = {d.get("name"): d.get("signal", default="errors") for d in service.alerts if d.get("name")}
    for _, _, alert in service.burn_rate_alerts():
        if isinstance(alert.get("name"), str):
            names.setdefault(alert["name"], "burn_rate")
    return names


def new_alert(repo: Repository, *, service: str, name: str, signal: str, severity: str, slo: str | None = None,
              condition: str | None = None, force: bool = False) -> NewDocument:
    svc = _service(repo, service)
    _check_name(name, "alert name")
    if signal not in ALERT_SIGNALS:
        raise WorkflowError(f"signal {signal!r} is not one of {', '.join(ALERT_SIGNALS)}")
    if severity not in ALERT_SEVERITIES:
        raise WorkflowError(f"severity {severity!r} is not one of {', '.join(ALERT_SEVERITIES)}")
    if signal == "burn_rate" and not slo:
        raise WorkflowError("a burn_rate alert needs --slo: the SLO whose budget it watches")
    if slo and svc.slo(slo) is None:
        names = [n for n in (svc.slo_name(d) for d in svc.slos) if n]
        raise WorkflowError(f"service {service!r} has no SLO {slo!r}{suggest(slo, names)}")
    existing = next((d for d in svc.alerts if d.get("name") == name), None)
    if existing is None and name in all_alert_names(svc):
        raise WorkflowError(f"{name!r} is already a burn-rate alert of an SLO in {service}; pick another name")
    path, mode, index = place(repo, svc, "alert", name, existing, force=force)
    runbook_path = f"{svc.folder}/runbooks/{name}.yaml"
    from sre_docs.workflows.common import relative_link

    words, hold = _ALERT_CONDITIONS[signal]
    fields: list[tuple[str, Any, str | None]] = [
        ("name", name, "runbooks name it in alert_name"),
        ("service", service, None),
        ("severity", severity, "P0 page now, P1 urgent, P2 next business day, P3 weekly review"),
        ("signal", signal, "latency | traffic | errors | saturation | burn_rate"),
    ]
    if slo:
        fields.append(("slo", slo, None))
    fields += [
        ("condition", condition or words, "in words: what users feel when it fires"),
        ("expr", f"{TODO} the PromQL expression that fires it", None),
    ]
    if hold:
        fields.append(("for", hold, "how long the condition must hold"))
    fields += [
        ("notify", _NOTIFY[severity], "page only for customer impact; everything else is a ticket"),
        ("runbook", relative_link(path, runbook_path), "every alert links a runbook, no exceptions"),
    ]
    content = document("alert", commented(fields))
    return NewDocument("alert", name, service, path, content, mode, index)


# --- runbooks ---------------------------------------------------------------------------------


def new_runbook(repo: Repository, *, service: str, alert: str, today: dt.date, signal: str | None = None,
                slo: str | None = None, force: bool = False) -> NewDocument:
    svc = _service(repo, service)
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


# --- chaos experiments ------------------------------------------------------------------------------

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
    svc = _service(repo, service)
    if fault not in FAULT_TYPES:
        raise WorkflowError(f"fault {fault!r} is not one of {', '.join(FAULT_TYPES)}")
    if environment not in ("staging", "production"):
        raise WorkflowError(f"environment {environment!r} is not staging or production")
    name = _check_name(name or f"{service}-{fault}-{(scheduled or today).isoformat()}", "experiment name")
    existing = next((d for d in svc.experiments if d.get("name") == name), None)
    path, mode, index = place(repo, svc, "experiment", name, existing, force=force)
    if existing is None and (repo.root / path).exists() and not force:
        raise WorkflowError(f"{path} already exists; use --force to overwrite it or pick another --name")
    hypothesis, default_target, radius = _EXPERIMENTS[fault]
    where = (target or default_target).format(service=service)
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
