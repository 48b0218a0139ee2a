"""The incident workflow: declare, update, mitigate, resolve, with the guide's messages.

``start_incident`` classifies the severity with the matrix and escalation rules
(``calc.severity``), allocates the next ``INC-YYYY-NNN`` id, names the channel and builds
the incident document; the other steps return the surgical edits to make to the
incident's file. Notifications follow the guide's communication templates, in our words.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from sre_docs.model.slo_budgets import incident_cost
from sre_docs.calc.severity import (
    IMPACT_FUNCTION_LABELS, USER_IMPACT_LABELS, ImpactFunction, SeverityDecision, UserImpact, classify_severity,
)
from sre_docs.calc.incident_response import (
    SLI_VERIFICATION, UPDATE_CADENCE_MINUTES, earliest_resolution, verification_shortfall,
)
from sre_docs.calc.timing import postmortem_due
from sre_docs.model.repository import Document, Repository
from sre_docs.schemas.vocabulary import DETECTION_METHODS, IMPACT_FUNCTIONS, IMPACT_USERS, INCIDENT_STATUSES
from sre_docs.workflows.budget_view import require_service
from sre_docs.workflows.common import (
    WorkflowError, clock, commented, document, instant_or_none, relative_link, slugify, spoken_duration, stamp,
    suggest,
)


#: Statuses after which the incident no longer hurts users.
CLOSED = ("resolve", "review")

_ID = re.compile(r"INC-([0-9]{4})-([0-9]{3,})\Z")
#: The role flags of ``incident start`` and ``incident assign`` -> role fields, in the order the guide's ICS table lists the roles.
ROLE_FLAGS: tuple[tuple[str, str, str], ...] = (
    ("ic", "incident_commander", "incident commander"),
    ("comms", "communications_lead", "communications lead"),
    ("ops", "operations_lead", "operations lead"),
    ("scribe", "scribe", "scribe"),
)
_ROLE_KEYS = {flag: key for flag, key, _ in ROLE_FLAGS}


@dataclass(frozen=True)
class Edit:
    """One surgical change to a document: ``set`` a value, ``upsert`` a key, ``append`` to a list."""

    op: str
    path: tuple[Any, ...]
    value: Any
    key: str | None = None


@dataclass
class NewIncident:
    id: str
    path: str
    channel: str
    decision: SeverityDecision
    content: CommentedMap
    notification: str
    customer_status: str
    next_update: dt.datetime


def incident_ids(repo: Repository) -> set[str]:
    """Every incident id in the repo, including files that failed validation (by file name)."""
    ids = set(repo.incidents)
    services = repo.root / "services"
    if services.is_dir():
        for path in services.glob("*/incidents/*.y*ml"):
            ids.add(path.stem)
    return ids


def next_incident_id(existing: set[str], year: int) -> str:
    """The next free id of ``year``: one above the highest number used that year."""
    numbers = [int(m.group(2)) for m in (_ID.match(i) for i in existing) if m and int(m.group(1)) == year]
    return f"INC-{year:04d}-{(max(numbers, default=0) + 1):03d}"


def channel_name(day: dt.date, title: str) -> str:
    return f"#inc-{day.isoformat()}-{slugify(title, words=5, length=40)}"


def start_incident(
    repo: Repository, *, title: str, services: list[str], function: str, users: str, at: dt.datetime,
    started: dt.datetime | None = None, data_loss: bool = False, pii_breach: bool = False, revenue: bool = False,
    sla_breach_imminent: bool = False, roles: dict[str, Any] | None = None, detection: str | None = None,
    trigger_alert: str | None = None, slo: str | None = None, users_pct: float | None = None,
) -> NewIncident:
    """Declare an incident: classify it, allocate its id and file, and word the first notifications."""
    _check_start(repo, title=title, services=services, function=function, users=users, detection=detection, slo=slo)
    started = started or at
    if started > at:
        raise WorkflowError(f"the impact cannot start ({stamp(started)}) after the incident is declared ({stamp(at)})")
    flags = {"data_loss": data_loss, "pii_breach": pii_breach, "revenue_impact": revenue,
             "sla_breach_imminent": sla_breach_imminent}
    decision = classify_severity(function=function, users=users, **flags)
    incident_id, path = _free_incident_path(repo, services[0], started.year)
    channel = channel_name(at.date(), title)
    cadence = dt.timedelta(minutes=UPDATE_CADENCE_MINUTES[decision.severity])
    next_update = at + cadence
    roles = {key: value for key, value in (roles or {}).items() if value}
    fields: list[tuple[str, Any, str | None]] = [
        ("id", incident_id, None),
        ("title", title.strip(), None),
        ("services", CommentedSeq(services), None),
        ("severity", decision.severity, "; ".join(decision.reasons)),
        ("status", "triage", "detect | triage | respond | mitigate | resolve | review"),
    ]
    if detection:
        fields.append(("detection", detection, None))
    if trigger_alert:
        fields.append(("trigger_alert", trigger_alert, None))
    fields += [
        ("timestamps", commented([
            ("started", stamp(started), "when users were first hurt"),
            ("detected", stamp(at), "when it was noticed"),
        ]), None),
        ("impact", commented(_impact_fields(function, users, users_pct, flags, slo)), None),
    ]
    if role_fields := _role_fields(roles):
        fields.append(("roles", commented(role_fields), None))
    fields += [
        ("channel", channel, None),
        ("updates", CommentedSeq([commented([
            ("time", stamp(at), None),
            ("status", "triage", None),
            ("message", f"Declared {decision.severity}; investigating. Next update by {clock(next_update)}.", None),
        ])]), "oldest first; `sre-docs incident update` adds more"),
    ]
    content = document("incident", commented(fields), header=(
        f"Incident {incident_id}, opened with `sre-docs incident start`.\n"
        f"Record progress with `sre-docs incident update|mitigate|resolve {incident_id}`."
    ))
    notification = _start_notification(title, decision, _impact_text(function, users, services), roles, channel,
                                       next_update)
    customer = customer_status(repo, services, function, cadence)
    return NewIncident(incident_id, path, channel, decision, content, notification, customer, next_update)


def _check_start(repo: Repository, *, title: str, services: list[str], function: str, users: str,
                 detection: str | None, slo: str | None) -> None:
    """Refuse a declaration the record could not hold, naming the flag to fix."""
    if not title.strip():
        raise WorkflowError("the incident needs a title")
    if not services:
        raise WorkflowError("name at least one affected service with --service")
    for name in services:
        require_service(repo, name)
    if function not in IMPACT_FUNCTIONS:
        raise WorkflowError(f"--function {function!r} is not one of {', '.join(IMPACT_FUNCTIONS)}")
    if users not in IMPACT_USERS:
        raise WorkflowError(f"--users {users!r} is not one of {', '.join(IMPACT_USERS)}")
    if detection is not None and detection not in DETECTION_METHODS:
        raise WorkflowError(f"--detection {detection!r} is not one of {', '.join(DETECTION_METHODS)}")
    if slo is not None and not any(repo.services[s].slo(slo) is not None for s in services):
        raise WorkflowError(f"none of {', '.join(services)} has an SLO {slo!r}")


def _free_incident_path(repo: Repository, service: str, year: int) -> tuple[str, str]:
    """The next incident id of ``year`` and its file under ``service``, skipping ids whose file exists already."""
    taken = incident_ids(repo)
    while True:
        incident_id = next_incident_id(taken, year)
        path = f"services/{service}/incidents/{incident_id}.yaml"
        if not (repo.root / path).exists():
            return incident_id, path
        taken.add(incident_id)


def _impact_fields(function: str, users: str, users_pct: float | None, flags: dict[str, bool],
                   slo: str | None) -> list[tuple[str, Any, str | None]]:
    """The ``impact`` mapping: matrix row and column (with their labels as comments), share, flags, SLO."""
    fields: list[tuple[str, Any, str | None]] = [
        ("function", function, IMPACT_FUNCTION_LABELS[ImpactFunction(function)].lower()),
        ("users", users, USER_IMPACT_LABELS[UserImpact(users)]),
    ]
    if users_pct is not None:
        fields.append(("users_pct", users_pct, None))
    fields += [(key, True, None) for key, flag in flags.items() if flag]
    if slo:
        fields.append(("slo", slo, "the SLO whose error budget it spends"))
    return fields


def _role_fields(roles: dict[str, Any]) -> list[tuple[str, Any, str | None]]:
    """The ``roles`` mapping from the role flags (``ic``, ``comms``, ``ops``, ``scribe``, ``sme``)."""
    fields: list[tuple[str, Any, str | None]] = [(key, roles[flag], None) for flag, key in _ROLE_KEYS.items()
                                                 if roles.get(flag)]
    if roles.get("sme"):
        fields.append(("subject_matter_experts", CommentedSeq(roles["sme"]), None))
    return fields


def _start_notification(title: str, decision: SeverityDecision, impact_text: str, roles: dict[str, Any],
                        channel: str, next_update: dt.datetime) -> str:
    """The guide's internal "incident declared" notification."""
    ic = roles.get("ic") or "unassigned (name one with --ic)"
    return "\n".join([
        f"\N{LARGE RED CIRCLE} INCIDENT: {title.strip()}",
        f"Severity: {decision.severity}",
        f"Impact: {impact_text}",
        "Status: Investigating",
        f"IC: {ic}",
        f"Channel: {channel}",
        f"Next update: {clock(next_update)}",
    ])


def _display_name(repo: Repository, service: str) -> str:
    return service.replace("-", " ").replace("_", " ").title()


def _impact_text(function: str, users: str, services: list[str]) -> str:
    return f"{IMPACT_FUNCTION_LABELS[ImpactFunction(function)]} for {USER_IMPACT_LABELS[UserImpact(users)]} ({', '.join(services)})"


_CUSTOMER_WORDING: dict[str, tuple[str, str, str]] = {
    # function: (headline, what we are looking into, what users may find)
    "core_down": ("Investigating an outage", "failures in {name}", "{name} cannot be reached"),
    "degraded": ("Investigating degraded performance", "slow responses and errors in {name}",
                 "requests are slow or fail now and then"),
    "non_core_down": ("Investigating a partial outage", "problems with some {name} features",
                      "some features are not available"),
    "cosmetic": ("Investigating a display issue", "display problems in {name}", "parts of pages look wrong"),
}


def customer_status(repo: Repository, services: list[str], function: str, cadence: dt.timedelta) -> str:
    names = [_display_name(repo, s) for s in services]
    name = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    headline, looking_into, notice = _CUSTOMER_WORDING[function]
    return "\n".join([
        f"{name} - {headline}",
        "",
        f"We are looking into reports of {looking_into.format(name=name)}.",
        f"Some users may find that {notice.format(name=name)}.",
        "Our engineers are working on a fix.",
        f"We will post another update within {spoken_duration(cadence)}.",
    ])


# --- later steps --------------------------------------------------------------------------------


def find_incident(repo: Repository, incident_id: str) -> Document:
    doc = repo.incidents.get(incident_id)
    if doc is None:
        raise WorkflowError(f"no incident {incident_id!r}{suggest(incident_id, repo.incidents)}")
    return doc


def _check_time(doc: Document, at: dt.datetime) -> None:
    started = instant_or_none(doc.get("timestamps", "started"))
    if started is not None and at < started:
        raise WorkflowError(f"{stamp(at)} is before the incident started ({stamp(started)})")
    times = [instant_or_none(u.get("time")) for u in doc.get("updates", default=[]) if isinstance(u, dict)]
    latest = max((t for t in times if t is not None), default=None)
    if latest is not None and at < latest:
        raise WorkflowError(f"{stamp(at)} is before the latest update ({stamp(latest)}); updates stay in order")


def update_edits(doc: Document, *, status: str, message: str, at: dt.datetime) -> list[Edit]:
    """Append a status update and move the incident to ``status``."""
    if status not in INCIDENT_STATUSES:
        raise WorkflowError(f"--status {status!r} is not one of {', '.join(INCIDENT_STATUSES)}")
    if not message.strip():
        raise WorkflowError("the update needs a --message")
    _check_time(doc, at)
    edits = [Edit("append", ("incident", "updates"), {"time": stamp(at), "status": status, "message": message.strip()})]
    if doc.get("status") != status:
        edits.insert(0, Edit("set", ("incident", "status"), status))
    return edits


def _timestamp_edits(doc: Document, field_name: str, status: str, message: str, at: dt.datetime,
                     force: bool) -> list[Edit]:
    recorded = doc.get("timestamps", field_name)
    if recorded and not force:
        raise WorkflowError(f"{doc.name} already has timestamps.{field_name} ({recorded}); use --force to change it")
    _check_time(doc, at)
    edits = [Edit("upsert", ("incident", "timestamps"), stamp(at), key=field_name)]
    if doc.get("status") != status:
        edits.append(Edit("set", ("incident", "status"), status))
    edits.append(Edit("append", ("incident", "updates"), {"time": stamp(at), "status": status, "message": message}))
    return edits


def mitigate_edits(doc: Document, *, at: dt.datetime, message: str | None = None, force: bool = False) -> list[Edit]:
    if doc.get("status") in CLOSED and not force:
        raise WorkflowError(f"{doc.name} is already resolved; use --force to record a mitigation anyway")
    resolved = instant_or_none(doc.get("timestamps", "resolved"))
    if resolved is not None and at > resolved:
        raise WorkflowError(f"mitigation ({stamp(at)}) cannot come after resolution ({stamp(resolved)})")
    return _timestamp_edits(doc, "mitigated", "mitigate",
                            message or "Impact mitigated; root cause investigation continues.", at, force)


def resolve_edits(doc: Document, *, at: dt.datetime, message: str | None = None, force: bool = False,
                  early_reason: str | None = None, root_cause: str | None = None) -> list[Edit]:
    """Record the resolution, refusing one inside the guide's SLI verification period unless a reason is given.

    The guide resolves an incident once its SLIs have been normal for 30 minutes after mitigation
    (``calc.incident_response``); INC007 holds hand-written records to the same rule. ``early_reason`` is
    written to ``early_resolution``, ``root_cause`` to ``root_cause`` (the postmortem draft starts from it).
    """
    mitigated = instant_or_none(doc.get("timestamps", "mitigated"))
    if mitigated is not None and at < mitigated:
        raise WorkflowError(f"resolution ({stamp(at)}) cannot come before mitigation ({stamp(mitigated)})")
    early_reason = (early_reason or "").strip() or None
    root_cause = (root_cause or "").strip() or None
    if mitigated is not None and verification_shortfall(mitigated, at) is not None and early_reason is None:
        waited = (at - mitigated).total_seconds() / 60
        raise WorkflowError(
            f"{doc.name} was mitigated at {stamp(mitigated)}, {waited:g} minutes before; the guide resolves an "
            f"incident once its SLIs have been normal for {SLI_VERIFICATION.total_seconds() / 60:g} minutes, so at "
            f"{stamp(earliest_resolution(mitigated))} at the earliest. Resolve then, or resolve now and record why "
            "with --early-reason TEXT")
    edits = _timestamp_edits(doc, "resolved", "resolve", message or "Resolved: SLIs back to normal; all clear.", at, force)
    if early_reason is not None:
        edits.append(Edit("upsert", ("incident",), early_reason, key="early_resolution"))
    if root_cause is not None:
        edits.append(Edit("upsert", ("incident",), root_cause, key="root_cause"))
    return edits


def assign_edits(doc: Document, *, roles: dict[str, str | None], add_sme: list[str],
                 at: dt.datetime) -> tuple[list[Edit], list[str]]:
    """Change who holds the incident's roles: the edits, and each change in words (posted as a status update).

    Every change is recorded as one update in the current workflow step, so the record keeps the handoffs
    (IC rule 4: the IC owns the handoff) while ``roles`` says who holds each role now. Experts only join: the
    list says who was pulled in during the incident.
    """
    current = doc.get("roles") if isinstance(doc.get("roles"), dict) else {}
    changes: list[str] = []
    edits: list[Edit] = []
    for flag, key, label in ROLE_FLAGS:
        name = (roles.get(flag) or "").strip()
        if not name:
            continue
        before = current.get(key)
        if before == name:
            continue
        changes.append(f"{label} {before} -> {name}" if isinstance(before, str) and before else f"{label} {name}")
        edits.append(Edit("upsert", ("incident", "roles"), name, key=key))
    experts = [e for e in current.get("subject_matter_experts") or [] if isinstance(e, str)]
    for name in dict.fromkeys(n.strip() for n in add_sme):
        if name and name not in experts:
            changes.append(f"subject-matter expert {name} joins")
            edits.append(Edit("append", ("incident", "roles", "subject_matter_experts"), name))
    if not changes:
        raise WorkflowError("nothing to change: name a role with --ic, --comms, --ops, --scribe or --sme "
                            "(the people given already hold those roles)")
    _check_time(doc, at)
    status = doc.get("status") if doc.get("status") in INCIDENT_STATUSES else "respond"
    message = "Roles: " + "; ".join(changes) + "."
    edits.append(Edit("append", ("incident", "updates"), {"time": stamp(at), "status": status, "message": message}))
    return edits, changes


# --- figures of a finished incident ------------------------------------------------------------------


@dataclass(frozen=True)
class IncidentFigures:
    started: dt.datetime | None
    ended: dt.datetime | None
    duration: dt.timedelta | None
    slo: str | None
    budget_consumed_pct: float | None
    postmortem_due: dt.date | None
    notes: tuple[str, ...] = field(default_factory=tuple)
    #: Where ``budget_consumed_pct`` came from: ``measurements`` or ``incidents`` (the record).
    budget_source: str | None = None

    @property
    def budget_evidence(self) -> str:
        return {"measurements": "by the measurements", "measurements+incidents": "by the measurements and the incident record"}.get(
            self.budget_source or "", "by the incident record")


def incident_slo(repo: Repository, body: dict[str, Any], service: str) -> Document | None:
    """The SLO an incident spent: ``impact.slo``, or the service's only SLO."""
    svc = repo.services.get(service)
    if svc is None:
        return None
    named = (body.get("impact") or {}).get("slo")
    if named:
        return svc.slo(named)
    return svc.slos[0] if len(svc.slos) == 1 else None


def incident_figures(repo: Repository, doc: Document, value: dict[str, Any] | None = None) -> IncidentFigures:
    """Duration, budget spent and postmortem due date, from the incident record (``value`` if given)."""
    body = (value or doc.parsed.value)["incident"]
    stamps = body.get("timestamps") or {}
    started = instant_or_none(stamps.get("started"))
    resolved = instant_or_none(stamps.get("resolved"))
    duration = resolved - started if started and resolved else None
    service = (body.get("services") or [doc.service])[0]
    slo = incident_slo(repo, body, service)
    consumed = None
    source = None
    notes: list[str] = []
    if slo is not None and started is not None and service in repo.services:
        cost = incident_cost(repo, repo.services[service], slo, body)
        if cost is not None and cost.value is not None:
            consumed, source = cost.value, str(cost.source)
            impact = body.get("impact") or {}
            if source == "incidents" and not impact.get("users_pct") and impact.get("users") in ("lt_25pct", "gt_25pct"):
                notes.append("budget assumes the upper bound of the users column; set impact.users_pct for a closer figure")
    if slo is None and service in repo.services and len(repo.services[service].slos) > 1:
        names = ", ".join(n for n in (repo.services[service].slo_name(d) for d in repo.services[service].slos) if n)
        notes.append(f"no budget is counted: {service} has several SLOs ({names}) and the incident names none; "
                     f"set impact.slo to the one it hurt (`sre-docs incident start --slo` does it from the start)")
    due = postmortem_due(resolved) if resolved else None
    slo_name = repo.services[service].slo_name(slo) if slo is not None and service in repo.services else None
    return IncidentFigures(started, resolved, duration, slo_name, consumed, due, tuple(notes), source)


def resolution_notification(body: dict[str, Any], figures: IncidentFigures, *, postmortem_path: str,
                            root_cause: str | None) -> str:
    impact = body.get("impact") or {}
    impact_text = _impact_text(impact.get("function", "degraded"), impact.get("users", "all_users"), body.get("services") or [])
    if figures.budget_consumed_pct is not None and figures.slo:
        impact_text += f"; spent {figures.budget_consumed_pct:.1f}% of the {figures.slo} error budget ({figures.budget_evidence})"
    elif figures.slo is None:
        impact_text += "; error budget spent: not counted, no SLO named"
    duration = spoken_duration(figures.duration) if figures.duration is not None else "unknown (no start time)"
    due = f", due {figures.postmortem_due.isoformat()} (5 business days)" if figures.postmortem_due else ""
    return "\n".join([
        f"\N{WHITE HEAVY CHECK MARK} RESOLVED: {body.get('title', '')}",
        f"Duration: {duration}",
        f"Impact: {impact_text}",
        f"Root cause: {root_cause or 'under investigation; the postmortem will explain it'}",
        f"Postmortem: {postmortem_path}{due}",
    ])


def postmortem_path_for(doc: Document) -> str:
    """Where the incident's postmortem lives: its link when set, else postmortems/<id>.yaml beside incidents/."""
    link = doc.get("postmortem")
    if isinstance(link, str) and link:
        resolved = Repository.resolve_path(doc.path, link)
        if resolved:
            return resolved
    service = (doc.get("services", default=[doc.service]) or [doc.service])[0] or doc.service
    return f"services/{service}/postmortems/{doc.name}.yaml"


def postmortem_link(doc: Document, postmortem_path: str) -> str:
    return relative_link(doc.path, postmortem_path)
