"""An SLO: the target an SLI must meet over a rolling window, with its error budget.

The budget is what the target leaves over (100 - target, in percent of events, or in
minutes of the window). Burn-rate alerts page when the budget is being spent too fast.
"""

from sre_docs.schemas.fields import (
    budget_share, enum, flag, formatted, identifier, list_of, mapping, number, record, share, table, text,
    texts,
)
from sre_docs.schemas.vocabulary import BURN_ALERT_SEVERITIES, REVIEW_CADENCES

#: A Prometheus label name (the keys of ``alerting.labels`` and ``alerting.annotations``).
LABEL_NAME = {"type": "string", "regex": r"[a-zA-Z_][a-zA-Z0-9_]*"}


def _alert_settings(doc: str, *, extra: dict | None = None) -> dict:
    return mapping({
        **(extra or {}),
        "disabled": flag("Export no alert of this kind (recording rules are still exported)."),
        "for": formatted("duration", "How long the condition must hold before the alert fires (Prometheus `for:`)."),
        "labels": table(LABEL_NAME, text("Label value."), "Labels added to the alerts, e.g. `team: payments`."),
        "annotations": table(LABEL_NAME, text("Annotation text."), "Annotations added to the alerts."),
    }, doc)


KIND = "slo"
SCOPE = "service"
SCHEMA = {
    "name": identifier("Name of the SLO, unique in its service; defaults to the SLI's name."),
    "service": identifier("The service this SLO belongs to (its folder name).", required=True),
    "sli": identifier("Name of the SLI this SLO sets a target for.", required=True),
    "description": text("What the SLO promises, in a sentence."),
    "target": share("Target in percent of good events, strictly between 0 and 100.", required=True),
    "sla": share("External commitment (SLA) in percent; the SLO target must sit above it."),
    "window": formatted("duration", "Rolling window, e.g. 28d or 30d.", required=True),
    "error_budget": number("Error budget in percent: 100 - target.", min=0, max=100),
    "error_budget_minutes": number("Error budget in minutes of the window.", min=0),
    "burn_rate_alerts": list_of(record({
        "name": identifier("Alert name; a runbook names it in `alert_name`.", required=True),
        "burn_rate": number("Burn-rate threshold: how many times faster than sustainable.", required=True, above=0),
        "budget_consumed_pct": budget_share("Share of the budget spent over the long window before it fires."),
        "short_window": formatted("duration", "Short window, confirms the burn is still going on.", required=True),
        "long_window": formatted("duration", "Long window over which the burn rate is measured.", required=True),
        "severity": enum(BURN_ALERT_SEVERITIES, "page wakes someone; ticket waits for working hours.", required=True),
    }), "Multi-window, multi-burn-rate alerts."),
    "alerting": _alert_settings(
        "How `sre-docs export prometheus` writes the burn-rate alerts of this SLO.",
        extra={
            "mode": enum(("tiers", "page_ticket"), "tiers (default): one alert per burn-rate alert; page_ticket: "
                         "the Workbook's two, a page (any paging tier) and a ticket (any ticketing tier)."),
            "page": _alert_settings("Settings of the paging alerts only (`severity: page`)."),
            "ticket": _alert_settings("Settings of the ticketing alerts only (`severity: ticket`)."),
        },
    ),
    "review_cadence": enum(REVIEW_CADENCES, "How often the SLO is reviewed."),
    "last_reviewed": formatted("date", "When the SLO was last reviewed."),
    "owner": text("Who owns the SLO."),
    "stakeholders": texts("Who agreed to the SLO."),
    "escalation_when_budget_exhausted": texts("What happens when the budget runs out."),
}
EXAMPLE = """\
slo:
  name: checkout-availability
  service: checkout
  sli: request_success_rate
  target: 99.95
  sla: 99.9
  window: 28d
  error_budget: 0.05
  error_budget_minutes: 20.16
  burn_rate_alerts:
    - name: checkout_fast_burn
      burn_rate: 13.44
      budget_consumed_pct: 2
      short_window: 5m
      long_window: 1h
      severity: page
  review_cadence: monthly
"""
