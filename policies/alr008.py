"""An alert's expression is still a TODO placeholder.

## What it checks

An `alert` document whose `expr` starts with the word `TODO`, in capitals (as `sre-docs new alert`
writes it, `TODO: the PromQL expression that fires it`, or any `TODO …` left by hand): the
scaffold marker that TODO001 reports everywhere else, by the same predicate. The PromQL checks
(PQL001 to PQL005) skip placeholders, and TODO001 leaves an alert's `expr` to this policy, so
this is the one finding for it.

## Why it matters

An alert without a real expression never fires. It still counts as "an alert with a
runbook" on the scorecard and in the readiness review, so the repo looks covered while
nothing watches the service.

## Failing example

```yaml
# file: services/checkout/alerts.yaml
alert:
  name: checkout-high-error-rate
  service: checkout
  severity: P1
  signal: errors
  condition: 5xx ratio above 2% for 10 minutes
  expr: "TODO: the PromQL expression that fires it"
  runbook: https://runbooks.example.com/checkout-errors
```

## Passing example

```yaml
# file: services/checkout/alerts.yaml
alert:
  name: checkout-high-error-rate
  service: checkout
  severity: P1
  signal: errors
  condition: 5xx ratio above 2% for 10 minutes
  expr: sum(rate(http_requests_total{job="checkout",code=~"5.."}[5m])) / sum(rate(http_requests_total{job="checkout"}[5m])) > 0.02
  runbook: https://runbooks.example.com/checkout-errors
```

## Options

None.

## How to fix

Write the PromQL expression that fires the alert (`sre-docs lint` then checks it with the
PQL policies), or delete the alert if nobody can say when it should fire.

## References

- Guide, Phase 4: *Alert Design Rules* (rule 2: every alert must be actionable).
"""

from __future__ import annotations

from collections.abc import Iterator

from sre_docs.lint.policy import LintRepo, Problem, problem
from sre_docs.lint.promql import is_placeholder

ID = "ALR008"
NAME = "alert-expr-placeholder"
LEVEL = "error"
READS = "service"
OPTIONS: dict = {}


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    for service in repo.services.values():
        for alert in service.alerts:
            expr = alert.get("expr")
            if is_placeholder(expr):
                yield problem(alert, "expr", message=f"alert {alert.get('name')!r} has no expression yet "
                              f"({expr.strip().splitlines()[0]!r}): write the PromQL that fires it")
