"""New documents from the guide's templates, filled in from what the repo already knows.

Each builder returns a :class:`NewDocument`: where it goes, the document itself (a
ruamel ``CommentedMap`` whose comments explain each field) and the fields still to be
written by a person (strings starting with ``TODO:``, empty runbook commands). The CLI
renders, checks and writes it; nothing here touches the disk.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ruamel.yaml.comments import CommentedSeq

from sre_docs.calc.alerts import expected_notify
from sre_docs.calc.error_budget import WORKBOOK_BURN_RATE_TIERS, error_budget_minutes, recommended_burn_rate_alerts
from sre_docs.calc.durations import format_duration
from sre_docs.calc.nines import budget_fraction, nines_label
from sre_docs.calc.slo_targets import GUIDE_TARGETS, SERVICE_TYPE_SLIS, achieved_pct, measured_target
from sre_docs.model.repository import Repository
from sre_docs.model.slo_budgets import measurements_of
from sre_docs.schemas.types import parse_duration
from sre_docs.schemas.vocabulary import ALERT_SEVERITIES, ALERT_SIGNALS, SLI_TYPES, TIERS
from sre_docs.workflows.common import TODO, WorkflowError, commented, document, num, relative_link, suggest
from sre_docs.workflows.documents import NewDocument, all_alert_names, check_name, place, service_for
from sre_docs.workflows.runbooks import new_runbook

# --- service ---------------------------------------------------------------------------------


def new_service(repo: Repository, *, name: str, tier: str, team: str, rotation: str | None = None,
                description: str | None = None, service_type: str | None = None, force: bool = False) -> NewDocument:
    check_name(name, "service name")
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
    existing = repo.services[name].catalog if name in repo.services else None
    if existing is not None and not force:
        raise WorkflowError(f"service {name!r} already exists ({existing.path}); use --force to replace it")
    fields: list[tuple[str, Any, str | None]] = [
        ("name", name, "must equal the folder name"),
        ("tier", tier, "critical | important | standard | experimental: sets the bar for SLOs and reviews"),
        ("owner_team", team, "the team that answers for it (org/teams.yaml)"),
    ]
    if rotation:
        fields.append(("oncall_rotation", rotation, "who gets paged (org/oncall/)"))
    if service_type is not None:
        if service_type not in SERVICE_TYPE_SLIS:
            raise WorkflowError(f"service type {service_type!r} is not one of {', '.join(SERVICE_TYPE_SLIS)}")
        fields.append(("service_type", service_type, "picks the guide's SLIs for `sre-docs new sli`"))
    fields += [
        ("description", description or f"{TODO} what {name} does for its users, in a sentence or two", None),
        ("dependencies", commented([
            ("upstream", CommentedSeq(), "services this one calls"),
            ("downstream", CommentedSeq(), "services that call this one"),
        ]), "fill both lists so incidents and reviews can follow the blast radius"),
        ("observability", commented([
            ("dashboards", CommentedSeq(), "links to the golden-signal dashboards"),
            ("tracing", False, "set true once distributed tracing is on"),
            ("structured_logging", False, "set true once logs are JSON with trace ids, and list log_fields (LOG001)"),
            ("monitoring_methods", CommentedSeq(["RED", "USE"]),
             "RED for the requests it serves, USE for the resources it runs on (LOG002)"),
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
    svc = service_for(repo, service)
    check_name(name, "SLI name")
    if type not in SLI_TYPES:
        raise WorkflowError(f"SLI type {type!r} is not one of {', '.join(SLI_TYPES)}")
    path, mode, index = place(repo, svc, "sli", name, svc.sli(name), force=force)
    default_description, good, total = _SLI_MEASUREMENTS[type]
    threshold = threshold_ms if threshold_ms is not None else 300
    measurement: list[tuple[str, Any, str | None]] = [
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


def service_type_of(repo: Repository, service: str) -> str | None:
    """The catalog's ``service_type`` of a service, when it names one of the guide's types."""
    svc = service_for(repo, service)
    value = svc.catalog.get("service_type") if svc.catalog else None
    return value if isinstance(value, str) and value in SERVICE_TYPE_SLIS else None


def choose_sli(repo: Repository, *, service: str, name: str | None, type: str | None) -> tuple[str, str]:
    """(name, SLI type) for ``new sli``: the guide's primary SLI of the service type when no name is given;
    the type the guide's table gives a suggested name, else ``latency`` when the name says so, else
    ``availability``."""
    kind = service_type_of(repo, service)
    if name is None:
        if kind is None:
            raise WorkflowError(f"give --name, or set service_type in {service}'s catalog entry (one of "
                                f"{', '.join(SERVICE_TYPE_SLIS)}) to start from the guide's SLI for that type")
        name = SERVICE_TYPE_SLIS[kind].primary.name
    if type is None:
        suggested = next((s for s in SERVICE_TYPE_SLIS[kind].all if s.name == name), None) if kind else None
        type = suggested.sli_type if suggested else ("latency" if "latency" in name.lower() else "availability")
    return name, type


def sli_suggestions(repo: Repository, *, service: str, floors: Mapping[str, Any]) -> list[str]:
    """What the guide suggests next for the service: the SLIs of its type it lacks, and the target for its tier."""
    svc = service_for(repo, service)
    kind = service_type_of(repo, service)
    lines: list[str] = []
    if kind is not None:
        row = SERVICE_TYPE_SLIS[kind]
        have = {d.get("name") for d in svc.slis}
        for suggestion in row.all:
            if suggestion.name not in have:
                lines.append(f"the guide's SLIs for {_a(row.label)} service include {suggestion.guide}: "
                             f"`sre-docs new sli {service} --name {suggestion.name}` ({suggestion.sli_type})")
    tier = svc.catalog.get("tier") if svc.catalog else None
    if isinstance(tier, str) and tier in GUIDE_TARGETS:
        target, why = GUIDE_TARGETS[tier]
        floor = floors.get(tier)
        floor_text = f"; SLO005 wants at least {floor:g}%" if isinstance(floor, (int, float)) else ""
        lines.append(f"the guide's target for {_a(tier)} service is {target:g}% ({why}){floor_text}")
    return lines


def _a(word: str) -> str:
    """``a`` or ``an`` before a word; an acronym goes by how its first letter is spoken (an ML model)."""
    head = word.split("/")[0].split()[0] if word.strip() else word
    vowel_sound = head[:1] in "AEFHILMNORSX" if head.isupper() else head[:1].lower() in "aeiou"
    return f"{'an' if vowel_sound else 'a'} {word}"


@dataclass(frozen=True)
class MeasuredOffer:
    """A target offered from what an existing SLO on the same SLI achieved over the window."""

    slo: str
    good: int
    total: int
    achieved_pct: float
    target: float | None
    days: float


def measured_offer(repo: Repository, *, service: str, sli: str, window: str, as_of: dt.datetime) -> MeasuredOffer | None:
    """What was achieved on the SLI over the window ending ``as_of`` (the measurements of an SLO of that SLI),
    and the target that offers (:func:`sre_docs.calc.slo_targets.measured_target`); None without traffic."""
    svc = service_for(repo, service)
    length = parse_duration(window)
    if length is None:
        return None
    for slo in svc.slos:
        name = svc.slo_name(slo)
        if slo.get("sli") != sli or not name:
            continue
        rows = [r for r in measurements_of(svc, name).rows if as_of - length <= r.start < as_of]
        good, total = sum(r.good for r in rows), sum(r.total for r in rows)
        achieved = achieved_pct(good, total)
        if achieved is None:
            continue
        first = min(r.start for r in rows)
        return MeasuredOffer(name, good, total, achieved, measured_target(achieved), (as_of - first) / dt.timedelta(days=1))
    return None


# --- SLO --------------------------------------------------------------------------------------


#: The target offered when neither ``--target`` nor a tier floor is known: the guide's usual starting point.
DEFAULT_TARGET = 99.9


def default_target(repo: Repository, *, service: str, floors: Mapping[str, Any]) -> float:
    """A target that passes SLO005 for the service's tier: the tier's floor, so lint stays clean."""
    svc = service_for(repo, service)
    tier = svc.catalog.get("tier") if svc.catalog else None
    floor = floors.get(tier) if isinstance(tier, str) else None
    return float(floor) if isinstance(floor, (int, float)) and not isinstance(floor, bool) else DEFAULT_TARGET


def new_slo(repo: Repository, *, service: str, sli: str, target: float, today: dt.date, window: str = "28d",
            sla: float | None = None, name: str | None = None, with_runbooks: bool = True,
            force: bool = False) -> NewDocument:
    svc = service_for(repo, service)
    if svc.sli(sli) is None:
        known = [d.get("name") for d in svc.slis if d.get("name")]
        raise WorkflowError(f"service {service!r} has no SLI {sli!r}{suggest(sli, known)}; create it with `sre-docs new sli {service} --name {sli}`")
    if not 0 < target < 100:
        raise WorkflowError(f"target {target:g} must be a percentage strictly between 0 and 100")
    if sla is not None and not 0 < sla < target:
        raise WorkflowError(f"the SLA ({sla:g}%) must be below the SLO target ({target:g}%): the SLO is the internal, stricter promise")
    length = parse_duration(window)
    if length is None or length <= dt.timedelta(0):
        raise WorkflowError(f"window {window!r} is not a duration such as 28d or 30d")
    name = check_name(name or sli, "SLO name")
    path, mode, index = place(repo, svc, "slo", name, svc.slo(name), force=force)
    budget_pct = round(budget_fraction(target) * 100, 6)
    budget_min = round(error_budget_minutes(target, window), 2)
    alerts = CommentedSeq()
    for alert in recommended_burn_rate_alerts(window, tiers=WORKBOOK_BURN_RATE_TIERS):
        tier = alert.tier
        entry = commented([
            ("name", _alert_name(name, tier.name), None),
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


def _alert_name(slo: str, tier: str) -> str:
    """``checkout-availability-fast-burn`` or ``request_success_rate_fast_burn``: the SLO name's own style."""
    separator = "-" if "-" in slo else "_"
    return f"{slo}{separator}{tier.replace('_', separator)}"


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


def new_alert(repo: Repository, *, service: str, name: str, signal: str, severity: str, slo: str | None = None,
              condition: str | None = None, force: bool = False, today: dt.date | None = None) -> NewDocument:
    svc = service_for(repo, service)
    check_name(name, "alert name")
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
        ("notify", expected_notify(severity), "page only for customer impact; everything else is a ticket"),
        ("runbook", relative_link(path, runbook_path), "every alert links a runbook, no exceptions"),
    ]
    if today is not None:
        fields.append(("last_reviewed", today.isoformat(), "the monthly alert review sets it again (ALR007)"))
    content = document("alert", commented(fields))
    return NewDocument("alert", name, service, path, content, mode, index)
