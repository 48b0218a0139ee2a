"""An alert has not been through the monthly alert review.

## What it checks

Every `alert` document records the day the alert review last looked at it in
`last_reviewed`. The alert is reported when the date is missing, or when it is more than
`max_age_days` days (31 by default: the review is monthly) before today, or after today.

Burn-rate alerts declared in an SLO are reviewed with their SLO (`last_reviewed` of the
SLO) and are not checked here.

## Why it matters

"Alert fatigue = death: review alert volume monthly." An alert nobody has looked at since
it was written keeps firing on thresholds that made sense for last year's traffic. The
review decides, alert by alert, to keep it, tune it or delete it; a date on the alert is
what shows the review happened.

## Failing example

```yaml
# file: sre-docs.yaml
today: 2026-11-26
# file: services/checkout/alerts.yaml
alert:
  name: checkout-high-error-rate
  service: checkout
  severity: P1
  signal: errors
  condition: 5xx ratio above 2% for 10 minutes
  runbook: https://runbooks.example.com/checkout-errors
  last_reviewed: 2026-08-01
```

## Passing example

```yaml
# file: sre-docs.yaml
today: 2026-11-26
# file: services/checkout/alerts.yaml
alert:
  name: checkout-high-error-rate
  service: checkout
  severity: P1
  signal: errors
  condition: 5xx ratio above 2% for 10 minutes
  runbook: https://runbooks.example.com/checkout-errors
  last_reviewed: 2026-11-03
```

## Options

- `max_age_days` (whole number, default 31): days after which the last review is stale.

## How to fix

Hold the monthly alert review: look at how often each alert fired and whether anyone had
to act; keep, tune or delete it, and set `last_reviewed` to the day of the review.

## References

- Guide, Phase 4: *Alert Design Rules* (rule 6: review alert volume monthly).
"""

from __future__ import annotations

from collections.abc import Iterator

from sre_docs.lint.policy import LintRepo, Option, Problem, problem
from sre_docs.policies._common import date_of

ID = "ALR007"
NAME = "alert-review-overdue"
LEVEL = "warning"
READS = "service"
OPTIONS = {"max_age_days": Option(31, "Days after which an alert's last review is stale.", minimum=1)}


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    limit = options["max_age_days"]
    for service in repo.services.values():
        for alert in service.alerts:
            name = alert.get("name")
            reviewed = date_of(alert.get("last_reviewed"))
            if alert.get("last_reviewed") is None:
                yield problem(alert, "name", message=f"alert {name!r} has no last_reviewed date: record the monthly "
                              "alert review (keep, tune or delete it)")
            elif reviewed is None:
                continue  # not a date: the schema says so
            elif reviewed > repo.today:
                yield problem(alert, "last_reviewed", message=f"alert {name!r} was last reviewed on "
                              f"{reviewed.isoformat()}, after today ({repo.today.isoformat()})")
            elif (repo.today - reviewed).days > limit:
                # No "N days ago": it would change daily and defeat baselines.
                yield problem(alert, "last_reviewed", message=f"alert {name!r} was last reviewed on "
                              f"{reviewed.isoformat()}, more than {limit} days ago; review alerts monthly")
