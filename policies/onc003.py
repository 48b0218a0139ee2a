"""A service pages its on-call rotation 5 times a week or more.

## What it checks

For every `oncall_rotation`, the `health` entry of the latest `period` (not after the current
month) is read; each service
in its `pages_per_week_by_service` with 5 or more pages a week is a finding. The guide's
alert-design rule is "fewer than 5 pages a week per service". `sre-docs pull pages` derives the
figures from PagerDuty or Opsgenie exports; they can also be typed in.

## Why it matters

A service that pages most days trains people to ignore pages: alert fatigue is how a real
outage gets acknowledged late. The fix is in the service's alerts, not in the rotation.

## Failing example

```yaml
# file: org/oncall/payments-primary.yaml
oncall_rotation:
  name: payments-primary
  team: payments
  members: [ana, bo, cy, di, ed]
  primary: [ana, bo, cy, di, ed]
  secondary: [cy, di, ed, ana, bo]
  health:
    - period: 2026-10
      pages_per_week_by_service: {checkout: 1.2}
    - period: 2026-11
      pages_per_week_by_service: {checkout: 5.0, payments: 0.7}
```

## Passing example

```yaml
# file: org/oncall/payments-primary.yaml
oncall_rotation:
  name: payments-primary
  team: payments
  members: [ana, bo, cy, di, ed]
  primary: [ana, bo, cy, di, ed]
  secondary: [cy, di, ed, ana, bo]
  health:
    - period: 2026-10
      pages_per_week_by_service: {checkout: 6.5}
    - period: 2026-11
      pages_per_week_by_service: {checkout: 4.9, payments: 0.7}
```

## Options

None (the limit is the guide's, `sre_docs.calc.paging.MAX_PAGES_PER_WEEK_PER_SERVICE`).

## How to fix

Review the service's alerts: drop the ones that need no action, merge duplicates, turn
cause-based alerts into symptom-based burn-rate alerts, and fix what pages most.

## References

- Guide, Phase 4: *Alert Design Rules* ("Alert fatigue = death").
"""

from __future__ import annotations

from collections.abc import Iterator

from sre_docs.calc.paging import MAX_PAGES_PER_WEEK_PER_SERVICE, service_pages_ok
from sre_docs.lint.policy import LintRepo, Problem, problem
from sre_docs.model.oncall_figures import latest_health
from sre_docs.policies._common import number

ID = "ONC003"
NAME = "service-pages-per-week"
LEVEL = "warning"
OPTIONS: dict = {}


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    for rotation in repo.org_of_kind("oncall_rotation"):
        found = latest_health(rotation, today=repo.today)
        if found is None:
            continue
        index, latest = found.index, found.row
        services = latest.get("pages_per_week_by_service")
        if not isinstance(services, dict):
            continue
        for service, value in services.items():
            rate = number(value)
            if rate is None or service_pages_ok(rate):
                continue
            yield problem(rotation, "health", index, "pages_per_week_by_service", service,
                          message=f"{service} paged {rate:g} times a week in {latest['period']}; the guide's limit is "
                                  f"fewer than {MAX_PAGES_PER_WEEK_PER_SERVICE:g} a week per service")
