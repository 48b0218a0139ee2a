"""An SLI's good (or bad) events and its total events come from different metrics.

## What it checks

For every `sli` whose `prometheus:` block has `total_events` with `good_events` or
`bad_events`: the two queries must select at least one metric family in common. A family is
the metric name without its `_total`, `_count`, `_sum`, `_bucket` or `_created` suffix, so
`http_request_duration_seconds_bucket` and `http_request_duration_seconds_count` are one
family.

## Why it matters

Good and total events counted by two different metrics are counted at different places
(a load balancer and the application, say), with different labels and different resets. The
ratio can go above 1 or below 0, and the error budget it spends means nothing.

## Failing example

```yaml
# file: services/checkout/slis.yaml
sli:
  name: availability
  type: availability
  prometheus:
    good_events: sum(rate(app_orders_placed_total[5m]))
    total_events: sum(rate(lb_requests_total[5m]))
```

## Passing example

```yaml
# file: services/checkout/slis.yaml
sli:
  name: latency
  type: latency
  prometheus:
    good_events: sum(rate(http_request_duration_seconds_bucket{le="0.5"}[5m]))
    total_events: sum(rate(http_request_duration_seconds_count[5m]))
```

## Options

None.

## How to fix

Count both with one metric, told apart by a label (`code`, `outcome`, `le`), or write the
SLI as an `error_ratio` if the two sources are meant.

## References

- Guide, Phase 2: *SLI Specification Template* (`good_events` and `total_events` of one source).
- The SRE Workbook, chapter "Implementing SLOs" (the SLI as good events over valid events).
- pint: `promql/series` (the same family of mistakes at query time).
"""

from __future__ import annotations

from collections.abc import Iterator

from sre_docs.lint.policy import LintRepo, Problem, problem
from sre_docs.lint.promql import is_query, parse

ID = "PQL004"
NAME = "sli-metric-family"
LEVEL = "warning"
READS = "service"


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    for service in repo.services.values():
        for sli in service.slis:
            block = sli.get("prometheus")
            if not isinstance(block, dict) or not is_query(block.get("total_events")):
                continue
            total = parse(block["total_events"])
            for key in ("good_events", "bad_events"):
                text = block.get(key)
                part = parse(text) if is_query(text) else None
                if total.error is not None or part is None or part.error is not None:
                    continue  # absent, or PQL001 reports it
                mine, theirs = part.families, total.families
                if mine and theirs and not mine & theirs:
                    yield problem(sli, "prometheus", key,
                                  message=f"SLI {sli.get('name')!r}: prometheus.{key} selects "
                                  f"{', '.join(sorted(mine))} but total_events selects {', '.join(sorted(theirs))}; "
                                  "count both with one metric")
