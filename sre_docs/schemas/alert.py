"""An alert: a condition worth a human's attention, with its severity and its runbook.

Every alert names the runbook that tells a responder what to do, and a severity that
says how fast: P0 pages at once, P3 only shows on a dashboard.
"""

from sre_docs.schemas.fields import enum, formatted, identifier, text
from sre_docs.schemas.vocabulary import ALERT_NOTIFICATIONS, ALERT_SEVERITIES, ALERT_SIGNALS

KIND = "alert"
SCOPE = "service"
SCHEMA = {
    "name": identifier("Alert name as the alerting system knows it; runbooks name it in `alert_name`.", required=True),
    "service": identifier("The service it watches (its folder name).", required=True),
    "severity": enum(ALERT_SEVERITIES, "P0 page now, P1 urgent, P2 next business day, P3 weekly review.", required=True),
    "signal": enum(ALERT_SIGNALS, "The golden signal it watches, or burn_rate for SLO alerts.", required=True),
    "slo": identifier("For burn-rate alerts: the SLO whose budget it watches."),
    "condition": text("When it fires, in words.", required=True),
    "expr": text("The PromQL expression that fires it."),
    "for": formatted("duration", "How long the condition must hold before it fires."),
    "notify": enum(ALERT_NOTIFICATIONS, "Where it goes: a page, a ticket or a dashboard."),
    "runbook": text(
        "Link to its runbook: a path relative to this file (e.g. `runbooks/high-error-rate.yaml`) or an http(s) URL.",
        required=True,
    ),
    "description": text("What it means when it fires."),
    "last_reviewed": formatted("date", "The day the monthly alert review last looked at it (kept, tuned or deleted)."),
    "owner": text("Who looks after the alert."),
}
EXAMPLE = """\
alert:
  name: checkout_high_error_rate
  service: checkout
  severity: P1
  signal: errors
  condition: More than 2% of checkout requests fail for 10 minutes
  expr: |
    sum(rate(http_requests_total{job="checkout",code=~"5.."}[5m]))
      / sum(rate(http_requests_total{job="checkout"}[5m])) > 0.02
  for: 10m
  notify: page
  runbook: runbooks/high-error-rate.yaml
  description: Customers see errors when they pay.
  owner: payments
  last_reviewed: 2026-11-03
"""
