"""A counter function reads a metric that is not named like a counter.

## What it checks

In every PromQL string of the repo (SLI queries, alert expressions), `rate()`, `irate()`
and `increase()` must read a metric whose name ends in `_total`, `_count`, `_sum` or
`_bucket`: the suffixes Prometheus' client libraries and OpenMetrics give counters.

## Why it matters

These functions treat every drop in the value as a counter reset. Over a gauge (a queue
length, a temperature) each drop adds a jump, so the result is wrong, and often wildly so,
without any error.

## Failing example

```yaml
# file: services/checkout/alerts.yaml
alert:
  name: checkout-queue-growing
  service: checkout
  severity: P2
  signal: saturation
  condition: The order queue grows
  expr: rate(checkout_queue_depth[5m]) > 10
  runbook: https://wiki.example.com/queue
```

## Passing example

```yaml
# file: services/checkout/alerts.yaml
alert:
  name: checkout-queue-growing
  service: checkout
  severity: P2
  signal: saturation
  condition: The order queue grows
  expr: deriv(checkout_queue_depth[5m]) > 10
  runbook: https://wiki.example.com/queue
```

## Options

None.

## How to fix

For a gauge use `deriv()` or `delta()`; for a counter, name it with `_total` (client
libraries add the suffix when the metric is declared as a counter).

## References

- Guide, Phase 4: *Four Golden Signals* (rates of errors and traffic).
- Prometheus: *Metric and label naming*; the `rate()` function.
- pint: `promql/counter`.
"""

from __future__ import annotations

from collections.abc import Iterator

from sre_docs.lint.policy import LintRepo, Problem, problem
from sre_docs.lint.promql import parse, queries

ID = "PQL002"
NAME = "rate-over-non-counter"
LEVEL = "warning"
READS = "service"


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    for service in repo.services.values():
        for query in queries(service):
            for function, metric in parse(query.text).counter_rates:  # none when PQL001 reports the query
                yield problem(query.doc, *query.path,
                              message=f"{query.label}: {function}() over {metric}, whose name does not end in "
                              "_total, _count, _sum or _bucket; is it a gauge?")
