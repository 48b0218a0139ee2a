"""Incidents and their postmortems, numbered org-wide in the order they started.

Severity is never picked directly: the generator picks what broke and who was hurt, and the
guide's matrix and escalation rules (``sre_docs.calc.severity``) decide the severity. Every
SEV1 and SEV2 (and some SEV3s) gets a final postmortem within five business days of the
resolution, with action items either done or due after the corpus' "today".
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any

from benchmarks.synth.plan import TODAY, OrgPlan, ServicePlan, TeamPlan, rng_for
from benchmarks.synth.reliability import alerts_of, burn_alert_names, slos_of
from sre_docs.calc.severity import classify_severity
from sre_docs.calc.timing import add_business_days

#: Mean incidents per service over the last year, by tier.
_RATE = {"critical": 2.2, "important": 1.4, "standard": 0.7, "experimental": 0.3}
#: (what broke, who was hurt, weight): mostly contained incidents, a few large ones.
_CELLS = (
    ("degraded", "lt_25pct", 30), ("non_core_down", "lt_25pct", 16), ("cosmetic", "gt_25pct", 8),
    ("degraded", "one_user", 8), ("core_down", "lt_25pct", 12), ("degraded", "gt_25pct", 10),
    ("non_core_down", "all_users", 6), ("core_down", "gt_25pct", 5), ("cosmetic", "lt_25pct", 5),
)
_USERS_PCT = {"one_user": (0.01, 0.01), "lt_25pct": (2, 22), "gt_25pct": (26, 70), "all_users": (100, 100)}
_SYMPTOMS = (
    ("errors after a configuration push", "A configuration change with a wrong connection string went out to every pod"),
    ("slow responses during a database failover", "The primary database failed over and connection pools kept stale connections"),
    ("requests timing out behind an overloaded dependency", "A dependency ran out of worker threads under a retry storm"),
    ("partial outage after a certificate expired", "An internal certificate expired because its renewal job had been failing silently"),
    ("stale data served from an unbounded cache", "A cache kept entries without expiry after a library upgrade"),
    ("memory exhaustion after a traffic spike", "A marketing campaign doubled traffic and pods hit their memory limit"),
    ("failed writes while a disk filled up", "Log rotation stopped and the data volume filled up"),
    ("dropped messages during a broker upgrade", "A rolling broker upgrade removed partitions before consumers moved"),
)


@dataclass(frozen=True)
class IncidentPlan:
    id: str
    service: str
    started: datetime
    detected: datetime
    acknowledged: datetime
    mitigated: datetime
    resolved: datetime
    function: str
    users: str
    users_pct: float
    revenue_impact_usd: int
    severity: str
    symptom: int
    slo: str
    budget_consumed_pct: float
    trigger_alert: str | None
    postmortem: bool

    @property
    def path(self) -> str:
        return f"services/{self.service}/incidents/{self.id}.yaml"


def plan_incidents(plan: OrgPlan) -> list[IncidentPlan]:
    """Every incident of the last year, with ids INC-<year>-<nnn> in start order."""
    drafts = []
    for svc in plan.services:
        rng = rng_for(plan.seed, "incidents", svc.name)
        count = sum(1 for _ in range(9) if rng.random() < _RATE[svc.tier] / 9)
        # Slots 40 days apart keep a service's incidents from looking like repeats of each other.
        for slot in sorted(rng.sample(range(9), count)):
            started_day = TODAY - timedelta(days=12 + slot * 40 + rng.randint(0, 8))
            started = datetime.combine(started_day, time(rng.randint(0, 23), rng.choice((0, 10, 20, 35, 50))),
                                       tzinfo=UTC)
            drafts.append((started, svc, rng.random()))
    drafts.sort(key=lambda d: (d[0], d[1].name))
    numbers: dict[int, int] = defaultdict(int)
    incidents = []
    for started, svc, salt in drafts:
        numbers[started.year] += 1
        rng = rng_for(plan.seed, "incident", svc.name, started.isoformat(), salt)
        incidents.append(_incident(f"INC-{started.year}-{numbers[started.year]:03d}", svc, started, rng))
    return incidents


def _incident(incident_id: str, svc: ServicePlan, started: datetime, rng: random.Random) -> IncidentPlan:
    function, users, _ = rng.choices(_CELLS, weights=[c[2] for c in _CELLS])[0]
    revenue = function == "core_down" and svc.domain in ("checkout", "payments", "billing", "cart", "orders")
    severity = classify_severity(function=function, users=users, revenue_impact=revenue).severity
    low, high = _USERS_PCT[users]
    detected = started + timedelta(minutes=rng.randint(1, 6))
    acknowledged = detected + timedelta(minutes=rng.randint(1, 4))
    mitigated = acknowledged + timedelta(minutes=rng.randint(12, 50))
    # SLIs are watched for 30 minutes after mitigation before resolving (INC007); the draw stays the same.
    resolved = mitigated + timedelta(minutes=rng.randint(20, 200) + 10)
    slo_name = slos_of(svc)[0][0]
    by_alert = rng.random() < 0.8
    alert_names = [a.name for a in alerts_of(svc)] + [name for _, name in burn_alert_names(svc)]
    return IncidentPlan(
        id=incident_id, service=svc.name, started=started, detected=detected, acknowledged=acknowledged,
        mitigated=mitigated, resolved=resolved, function=function, users=users,
        users_pct=round(rng.uniform(low, high), 1) if low != high else low,
        revenue_impact_usd=rng.choice((4_000, 12_500, 38_000, 90_000)) if revenue else 0,
        severity=severity, symptom=rng.randrange(len(_SYMPTOMS)), slo=slo_name,
        budget_consumed_pct=round(rng.uniform(2, 12), 1),
        trigger_alert=rng.choice(alert_names) if by_alert else None,
        postmortem=severity in ("SEV1", "SEV2") or rng.random() < 0.3,
    )


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _minutes(later: datetime, earlier: datetime) -> int:
    return int((later - earlier).total_seconds() // 60)


def _human(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return f"{hours}h {rest}m" if hours else f"{rest}m"


def _roles(team: TeamPlan, rng: random.Random) -> dict[str, Any]:
    people = rng.sample(team.members, 5)
    return {"incident_commander": people[0], "communications_lead": people[1], "operations_lead": people[2],
            "subject_matter_experts": [people[3]], "scribe": people[4]}


def incident_document(item: IncidentPlan, svc: ServicePlan, team: TeamPlan) -> dict[str, Any]:
    rng = rng_for(0, "incident-doc", item.id)
    symptom, cause = _SYMPTOMS[item.symptom]
    slug = "-".join(symptom.split()[:3]).replace(",", "")
    services = [svc.name] + ([svc.downstream[0]] if svc.downstream and rng.random() < 0.3 else [])
    impact: dict[str, Any] = {
        "function": item.function, "users": item.users, "users_pct": item.users_pct,
        "data_loss": False, "pii_breach": False, "revenue_impact": bool(item.revenue_impact_usd),
    }
    if item.revenue_impact_usd:
        impact["revenue_impact_usd"] = item.revenue_impact_usd
    impact.update({"sla_breach_imminent": False, "slo": item.slo, "budget_consumed_pct": item.budget_consumed_pct})
    body: dict[str, Any] = {
        "id": item.id,
        "title": f"{svc.name}: {symptom}",
        "services": services,
        "severity": item.severity,
        "status": "review" if item.postmortem else "resolve",
        "summary": f"{cause}. Users of {svc.name} saw {symptom.split(' ', 1)[0]} for "
                   f"{_human(_minutes(item.mitigated, item.started))} until the on-call engineer mitigated it; "
                   f"the underlying fix followed {_human(_minutes(item.resolved, item.mitigated))} later.\n",
        "detection": "alert" if item.trigger_alert else "user report",
    }
    if item.trigger_alert:
        body["trigger_alert"] = item.trigger_alert
    body.update({
        "timestamps": {"started": _stamp(item.started), "detected": _stamp(item.detected),
                       "acknowledged": _stamp(item.acknowledged), "mitigated": _stamp(item.mitigated),
                       "resolved": _stamp(item.resolved)},
        "impact": impact,
        "roles": _roles(team, rng),
        "channel": f"#inc-{item.started:%Y-%m-%d}-{svc.domain}-{slug}",
        "updates": [
            {"time": _stamp(item.acknowledged + timedelta(minutes=2)), "status": "triage",
             "message": f"Investigating {symptom} on {svc.name}; severity {item.severity}. Next update in 30 minutes."},
            {"time": _stamp(item.acknowledged + timedelta(minutes=8)), "status": "respond",
             "message": "Roles assigned; checking recent deployments, configuration changes and dependencies."},
            # Check-ins every 12 minutes until mitigation: within SEV1's 15 (INC009).
            *({"time": _stamp(item.acknowledged + timedelta(minutes=minute)), "status": "respond",
               "message": "Still investigating; next update within 15 minutes."}
              for minute in range(20, int((item.mitigated - item.acknowledged).total_seconds() // 60), 12)),
            {"time": _stamp(item.mitigated), "status": "mitigate",
             "message": "Impact mitigated; error rate and latency are back within the SLO. Root cause investigation ongoing."},
            {"time": _stamp(item.resolved), "status": "resolve",
             "message": "Fix deployed and verified for 30 minutes; the incident is resolved."},
        ],
    })
    if item.postmortem:
        body["postmortem"] = f"../postmortems/{item.id}.yaml"
    return {"incident": body}


def postmortem_document(item: IncidentPlan, svc: ServicePlan, team: TeamPlan) -> dict[str, Any]:
    rng = rng_for(0, "postmortem-doc", item.id)
    symptom, cause = _SYMPTOMS[item.symptom]
    written = add_business_days(item.resolved, rng.randint(1, 5))
    total = _minutes(item.resolved, item.started)
    actions = []
    for number, (kind, text) in enumerate(rng.sample(_ACTIONS, 3), start=1):
        done = rng.random() < 0.5
        action: dict[str, Any] = {
            "id": f"AI-{number:03d}", "type": kind, "description": text.format(job=svc.name),
            "owner": rng.choice(team.members), "priority": rng.choice(("P0", "P1", "P2")),
        }
        if done:
            due = rng.randint(10, 30)
            action["deadline"] = (written + timedelta(days=due)).isoformat()
            action["status"] = "done"
            action["completed"] = min(written + timedelta(days=rng.randint(3, due)), TODAY).isoformat()
        else:
            action["deadline"] = (TODAY + timedelta(days=rng.randint(7, 60))).isoformat()
            action["status"] = rng.choice(("open", "in-progress"))
        action["ticket"] = f"REL-{rng.randint(1000, 9999)}"
        actions.append(action)
    return {"postmortem": {
        "incident": item.id,
        "title": f"{svc.name}: {symptom}",
        "date": written.isoformat(),
        "severity": item.severity,
        "duration": _human(total),
        "authors": rng.sample(team.members, 2),
        "reviewers": [team.manager],
        "status": "final",
        "summary": f"{cause}. {svc.name} served {symptom.split(' ', 1)[0]} to {item.users_pct}% of its users for "
                   f"{_human(_minutes(item.mitigated, item.started))}. The on-call engineer mitigated it and the "
                   f"team shipped the fix the same day.\n",
        "impact": {
            "users_affected": max(1, int(item.users_pct * 1200)),
            "duration_minutes": total,
            "revenue_impact_usd": item.revenue_impact_usd,
            "slo_budget_consumed_pct": item.budget_consumed_pct,
            "data_loss": False,
            "customer_tickets": rng.randint(0, 40),
        },
        "timeline": [
            {"time": _stamp(item.started), "event": "Impact begins"},
            {"time": _stamp(item.detected), "event": f"Detected by {item.trigger_alert or 'a customer report'}"},
            {"time": _stamp(item.acknowledged), "event": "On-call engineer acknowledges and opens the incident channel"},
            {"time": _stamp(item.mitigated), "event": "Mitigation applied; impact ends"},
            {"time": _stamp(item.resolved), "event": "Fix verified; incident resolved"},
        ],
        "root_cause": f"{cause}, and nothing in the deploy pipeline checked for it before the change reached "
                      f"production. The first signal was user-facing.\n",
        "contributing_factors": [
            {"category": "process", "description": "The change was rolled out to all pods at once"},
            {"category": "monitoring",
             "description": "The dashboard that would have shown it first was not linked from the runbook"},
        ],
        "five_whys": [
            {"why": f"Why did users of {svc.name} see {symptom.split(' ', 1)[0]}?", "because": cause},
            {"why": "Why did the change reach every pod?", "because": "The rollout had no canary stage for this component"},
            {"why": "Why was there no canary stage?", "because": "The component was moved to the new pipeline without one"},
            {"why": "Why was that not caught?", "because": "The pipeline migration checklist did not mention canaries"},
            {"why": "Why did the checklist miss it?", "because": "It was written for stateless services only"},
        ],
        "detection": {
            "how_detected": "alert" if item.trigger_alert else "user report",
            "time_to_detect_minutes": _minutes(item.detected, item.started),
            "could_have_detected_sooner": "A canary comparison would have caught it within five minutes",
        },
        "resolution": {
            "how_resolved": "Rolled back the change, then shipped a corrected version through the canary stage",
            "time_to_mitigate_minutes": _minutes(item.mitigated, item.started),
            "time_to_resolve_minutes": total,
        },
        "what_went_well": ["The alert fired within minutes", "Roles were assigned quickly"],
        "what_went_wrong": ["The rollback took longer than it should have", "Status updates were late once"],
        "where_we_got_lucky": ["It happened outside the daily peak"],
        "action_items": actions,
    }}


_ACTIONS = (
    ("prevent", "Add a canary stage to the {job} pipeline"),
    ("detect", "Alert on the canary's error ratio compared with the baseline"),
    ("mitigate", "Make the {job} rollback a single pipeline button"),
    ("process", "Add canaries to the pipeline migration checklist"),
    ("prevent", "Validate configuration against its schema before it is pushed"),
    ("detect", "Link the dependency dashboard from every {job} runbook"),
)
