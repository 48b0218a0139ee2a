"""An alert's notification does not match its severity.

## What it checks

The guide's alert severity table gives each severity its notification. An `alert`
document with a `notify` must use the one of its severity:

| severity | notification in the guide | `notify` |
|----------|---------------------------|----------|
| P0       | PagerDuty and a phone call | `page`  |
| P1       | Slack and PagerDuty        | `page`  |
| P2       | A ticket is opened         | `ticket` |
| P3       | Dashboard only             | `dashboard` |

An alert without `notify` is routed by its severity and cannot disagree with it.

## Why it matters

The severity is the promise (P3: someone looks at the weekly review); the notification
is what actually happens at 3 a.m. `severity: P3` with `notify: page` wakes someone for a
trend; `severity: P0` with `notify: dashboard` lets data loss wait for the weekly review.
Either way the incident record, the page counts and the responder's expectations no
longer agree.

## Failing example

```yaml
# file: services/checkout/alerts.yaml
alert:
  name: checkout-slow-trend
  service: checkout
  severity: P3
  signal: latency
  condition: p50 latency up 20% week over week
  notify: page
  runbook: https://runbooks.example.com/checkout-slow-trend
```

## Passing example

```yaml
# file: services/checkout/alerts.yaml
alert:
  name: checkout-slow-trend
  service: checkout
  severity: P3
  signal: latency
  condition: p50 latency up 20% week over week
  notify: dashboard
  runbook: https://runbooks.example.com/checkout-slow-trend
```

## Options

None.

## How to fix

Decide how urgent the alert is, then make the other field follow: change `notify` to the
severity's notification, or change the severity to the one whose notification you want.

## References

- Guide, Phase 4: *Alert Severity Guide* (the notification column).
"""

from __future__ import annotations

from collections.abc import Iterator

from sre_docs.calc.alerts import alert_severity, expected_notify
from sre_docs.lint.policy import LintRepo, Problem, problem
from sre_docs.schemas.vocabulary import ALERT_NOTIFICATIONS, ALERT_SEVERITIES

ID = "ALR006"
NAME = "severity-notification-mismatch"
LEVEL = "error"
READS = "service"
OPTIONS: dict = {}


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    for service in repo.services.values():
        for alert in service.alerts:
            severity, notify = alert.get("severity"), alert.get("notify")
            if severity not in ALERT_SEVERITIES or notify not in ALERT_NOTIFICATIONS:
                continue  # the schema reports unknown values
            wanted = expected_notify(severity)
            if notify != wanted:
                level = alert_severity(severity)
                yield problem(alert, "notify", message=f"alert {alert.get('name')!r} is {level.label} "
                              f"({level.notification}), so notify must be {wanted}, not {notify}")
