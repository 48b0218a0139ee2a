"""A blameless postmortem: why an incident happened and what will stop it happening again.

It looks at systems, not people: the timeline, the root cause and what contributed, what
went well and what did not, and action items with owners and deadlines.
"""

from sre_docs.schemas.fields import (
    budget_share, count, enum, flag, formatted, identifiers, list_of, mapping, number, record, text, texts,
)
from sre_docs.schemas.vocabulary import (
    ACTION_ITEM_PRIORITIES, ACTION_ITEM_STATUSES, ACTION_ITEM_TYPES, DETECTION_METHODS,
    POSTMORTEM_STATUSES, SEVERITIES,
)

KIND = "postmortem"
SCOPE = "service"
SCHEMA = {
    "incident": formatted("incident_id", "Id of the incident it reviews.", required=True),
    "title": text("What happened, in a line.", required=True),
    "date": formatted("date", "When the postmortem was written or reviewed.", required=True),
    "severity": enum(SEVERITIES, "The incident's final severity.", required=True),
    "duration": formatted("human_duration", "How long the incident lasted, e.g. `2h 15m`."),
    "authors": texts("Who wrote it."),
    "reviewers": texts("Who reviewed it."),
    "status": enum(POSTMORTEM_STATUSES, "Where it stands: draft, in review or final.", required=True),
    "summary": text("One paragraph: what happened, the impact, how it ended."),
    "impact": mapping({
        "users_affected": count("Number of users affected."),
        "duration_minutes": number("Minutes of impact.", min=0),
        "revenue_impact_usd": number("Revenue lost, in US dollars.", min=0),
        "slo_budget_consumed_pct": budget_share("Share of the SLO's error budget spent, in percent (may exceed 100)."),
        "data_loss": flag("Data was lost."),
        "customer_tickets": count("Support tickets customers opened about it."),
    }, "What the incident cost."),
    "timeline": list_of(record({
        "time": formatted("timestamp", "When it happened.", required=True),
        "event": text("What happened.", required=True),
    }), "Every significant event, in order."),
    "root_cause": text("Why it happened, below the surface cause."),
    "contributing_factors": list_of({
        "type": ["dict", "string"],
        "schema": {
            "category": text("Fishbone category: people, process, technology, environment, monitoring or testing "
                             "(PM008 checks it).", required=True),
            "description": text("What it was and how it made things worse or slowed the recovery.", required=True),
        },
        "meta": {"doc": "A factor with its category; a plain sentence is still read, and PM008 asks for a category."},
    }, "What made it worse or slowed the recovery, each under one of the guide's fishbone categories."),
    "budgets_exhausted": identifiers("SLOs whose error budget exhaustion this postmortem reviews (BUD002), when it "
                                     "is not already the budget its incident spent."),
    "five_whys": list_of(record({
        "why": text("The question.", required=True),
        "because": text("The answer, which the next why asks about.", required=True),
    }), "A chain of whys down to the root cause."),
    "detection": mapping({
        "how_detected": enum(DETECTION_METHODS, "How it came to light."),
        "time_to_detect_minutes": number("Minutes from start to detection.", min=0),
        "could_have_detected_sooner": text("What would have caught it earlier."),
    }, "How it was noticed."),
    "resolution": mapping({
        "how_resolved": text("What ended it."),
        "time_to_mitigate_minutes": number("Minutes from start to mitigation.", min=0),
        "time_to_resolve_minutes": number("Minutes from start to resolution.", min=0),
    }, "How it ended."),
    "what_went_well": texts("What worked and should be kept."),
    "what_went_wrong": texts("What did not work."),
    "where_we_got_lucky": texts("What could have made it worse but did not."),
    "action_items": list_of(record({
        "id": formatted("action_item_id", "Action item id, AI-NNN, unique in the postmortem.", required=True),
        "type": enum(ACTION_ITEM_TYPES, "Prevent a repeat, detect sooner, mitigate faster, or fix a process."),
        "description": text("What will be done.", required=True),
        "owner": text("Who does it."),
        "priority": enum(ACTION_ITEM_PRIORITIES, "How urgent it is."),
        "deadline": formatted("date", "When it is due."),
        "status": enum(ACTION_ITEM_STATUSES, "Open, in progress or done.", required=True),
        "completed": formatted("date", "When it was done."),
        "ticket": text("Tracker link or key."),
    }), "Follow-up work with owners and deadlines."),
}
EXAMPLE = """\
postmortem:
  incident: INC-2026-014
  title: Checkout failing for card payments
  date: 2026-11-05
  severity: SEV2
  duration: 2h 15m
  authors: [li-wei]
  reviewers: [amara, sofia]
  status: final
  summary: >
    A new payment gateway client sent a header the gateway rejected; card payments
    failed for 18% of customers until the client was rolled back.
  impact:
    users_affected: 5400
    duration_minutes: 43
    revenue_impact_usd: 42000
    slo_budget_consumed_pct: 35
    data_loss: false
    customer_tickets: 212
  timeline:
    - time: 2026-11-02T14:05:00Z
      event: Gateway client 4.2 rolled out
    - time: 2026-11-02T14:09:00Z
      event: checkout_high_error_rate fired
    - time: 2026-11-02T14:48:00Z
      event: Rollback complete, errors back to normal
  root_cause: The 4.2 client sends an idempotency header the gateway's older API rejects.
  contributing_factors:
    - category: testing
      description: The staging gateway runs the newer API, so tests passed
  five_whys:
    - why: Why did card payments fail?
      because: The gateway rejected the requests.
    - why: Why did the gateway reject them?
      because: The new client sends a header its API version does not accept.
  detection:
    how_detected: alert
    time_to_detect_minutes: 4
    could_have_detected_sooner: A canary would have caught it at 5% of traffic.
  resolution:
    how_resolved: Rolled back the client
    time_to_mitigate_minutes: 43
    time_to_resolve_minutes: 135
  what_went_well: [Alert fired within 4 minutes]
  what_went_wrong: [No canary for library upgrades]
  where_we_got_lucky: [It happened in business hours]
  action_items:
    - id: AI-001
      type: prevent
      description: Pin the staging gateway to the production API version
      owner: li-wei
      priority: P1
      deadline: 2026-11-30
      status: in-progress
      ticket: PAY-1432
    - id: AI-002
      type: detect
      description: Canary deploys for checkout
      owner: amara
      priority: P0
      deadline: 2026-11-20
      status: done
      completed: 2026-11-18
"""
