"""An incident: what broke, how badly, who ran the response and how it unfolded.

The record follows the response workflow (detect, triage, respond, mitigate, resolve,
review); its timestamps give detection and recovery times, and its impact fixes the
severity by the classification matrix.
"""

from sre_docs.schemas.fields import (
    budget_share, enum, flag, formatted, identifier, identifiers, list_of, mapping, number, percent, record, text, texts,
)
from sre_docs.schemas.vocabulary import (
    DETECTION_METHODS, IMPACT_FUNCTIONS, IMPACT_USERS, INCIDENT_STATUSES, SEVERITIES,
)

KIND = "incident"
SCOPE = "service"
SCHEMA = {
    "id": formatted("incident_id", "Incident id, INC-<year>-<number>, unique across the repo.", required=True),
    "title": text("What happened, in a line.", required=True),
    "services": identifiers("Services that were affected.", required=True, min_items=1),
    "severity": enum(SEVERITIES, "SEV1 (worst) to SEV4, by the severity matrix.", required=True),
    "status": enum(INCIDENT_STATUSES, "Where the response stands in the workflow.", required=True),
    "summary": text("A paragraph on what happened and what was done."),
    "detection": enum(DETECTION_METHODS, "How it came to light."),
    "trigger_alert": identifier("The alert that fired first, if one did."),
    "timestamps": mapping({
        "started": formatted("timestamp", "When the impact began.", required=True),
        "detected": formatted("timestamp", "When someone or something noticed."),
        "acknowledged": formatted("timestamp", "When the on-call engineer took it."),
        "mitigated": formatted("timestamp", "When the impact stopped."),
        "resolved": formatted("timestamp", "When the cause was fixed."),
    }, "When each step of the response happened.", required=True),
    "impact": mapping({
        "function": enum(IMPACT_FUNCTIONS, "What stopped working: a row of the severity matrix.", required=True),
        "users": enum(IMPACT_USERS, "How many users were affected: a column of the severity matrix.", required=True),
        "users_pct": percent("Share of users affected, in percent."),
        "data_loss": flag("Data was lost (SEV1 at least)."),
        "pii_breach": flag("Personal data was exposed (SEV1)."),
        "revenue_impact": flag("Revenue was lost (SEV2 at least)."),
        "revenue_impact_usd": number("Revenue lost, in US dollars.", min=0),
        "sla_breach_imminent": flag("An SLA breach was close (one level up)."),
        "slo": identifier("The SLO whose error budget it spent."),
        "budget_consumed_pct": budget_share("Share of that SLO's error budget it spent, in percent (may exceed 100)."),
    }, "Who and what was hurt."),
    "roles": mapping({
        "incident_commander": text("Ran the response and made the calls (a person's handle)."),
        "communications_lead": text("Kept stakeholders and customers informed (a handle)."),
        "operations_lead": text("Had hands on the keyboard (a handle)."),
        "subject_matter_experts": texts("Experts pulled in (handles)."),
        "scribe": text("Kept the timeline (a handle)."),
    }, "Who holds each incident command role now, one handle per role; `sre-docs incident assign` changes them "
       "and records each change as a status update, so the updates hold the history."),
    "channel": formatted("channel", "The incident's chat channel, #inc-YYYY-MM-DD-slug."),
    "updates": list_of(record({
        "time": formatted("timestamp", "When the update was posted.", required=True),
        "status": enum(INCIDENT_STATUSES, "The workflow step at the time.", required=True),
        "message": text("What was said.", required=True),
    }), "Status updates, oldest first."),
    "root_cause": text("The cause in one sentence, as known at resolution; the postmortem draft starts from it."),
    "early_resolution": text("Why it was resolved less than 30 minutes after mitigation, before the guide's SLI "
                             "verification period was over (`incident resolve --early-reason`)."),
    "postmortem": text("Path to its postmortem, relative to this file."),
}
EXAMPLE = """\
incident:
  id: INC-2026-014
  title: Checkout failing for card payments
  services: [checkout, payment-gateway]
  severity: SEV2
  status: review
  summary: A gateway client upgrade broke card payments for a third of customers until rolled back.
  detection: alert
  trigger_alert: checkout_high_error_rate
  timestamps:
    started: 2026-11-02T14:05:00Z
    detected: 2026-11-02T14:09:00Z
    acknowledged: 2026-11-02T14:11:00Z
    mitigated: 2026-11-02T14:48:00Z
    resolved: 2026-11-02T16:20:00Z
  impact:
    function: core_down
    users: lt_25pct
    users_pct: 18
    data_loss: false
    revenue_impact: true
    revenue_impact_usd: 42000
    slo: checkout-availability
    budget_consumed_pct: 35
  roles:
    incident_commander: amara
    communications_lead: jonas
    operations_lead: li-wei
    subject_matter_experts: [sofia]
    scribe: noah
  channel: "#inc-2026-11-02-checkout-card-payments"
  updates:
    - time: 2026-11-02T14:15:00Z
      status: triage
      message: Card payments failing for some customers; investigating.
    - time: 2026-11-02T14:50:00Z
      status: mitigate
      message: Rolled back the gateway client; error rate back to normal.
  postmortem: ../postmortems/INC-2026-014.yaml
"""
