"""An alert's expression has no condition.

## What it checks

Every `alert` with an `expr` must filter: somewhere in it a comparison (`>`, `<`, `==`,
`!=`, `>=`, `<=`) without `bool`, or `absent()` / `absent_over_time()`.

## Why it matters

Prometheus fires an alert for every series its expression returns. Without a condition that
is every series that exists, all the time: the alert fires from the moment it is loaded, and
a team learns to ignore it. `> bool` does not filter either: it returns 0 or 1 for every
series, and both fire.

## Failing example

```yaml
# file: services/checkout/alerts.yaml
alert:
  name: checkout-errors
  service: checkout
  severity: P1
  signal: errors
  condition: More than 2% of requests fail
  expr: sum(rate(http_requests_total{code=~"5.."}[5m])) / sum(rate(http_requests_total[5m]))
  runbook: https://wiki.example.com/errors
```

## Passing example

```yaml
# file: services/checkout/alerts.yaml
alert:
  name: checkout-errors
  service: checkout
  severity: P1
  signal: errors
  condition: More than 2% of requests fail
  expr: sum(rate(http_requests_total{code=~"5.."}[5m])) / sum(rate(http_requests_total[5m])) > 0.02
  runbook: https://wiki.example.com/errors
```

## Options

None.

## How to fix

Add the threshold the alert's `condition` states in words (`> 0.02`).

## References

- Guide, Phase 4: *Alert Design Rules* (every alert must be actionable).
- Prometheus: *Alerting rules*.
- pint: `alerts/comparison`.
"""

from __future__ import annotations

from collections.abc import Iterator

from sre_docs.lint.policy import LintRepo, Problem, problem
from sre_docs.lint.promql import is_query, parse

ID = "PQL005"
NAME = "alert-without-condition"
LEVEL = "warning"
READS = "service"


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    for service in repo.services.values():
        for alert in service.alerts:
            text = alert.get("expr")
            parsed = parse(text) if is_query(text) else None
            if parsed is not None and parsed.error is None and not parsed.filters:
                yield problem(alert, "expr", message=f"alert {alert.get('name')!r}: its expr has no comparison "
                              "(nor absent()), so it fires for every series it returns")
