"""A PromQL query of the repo does not parse.

## What it checks

Every PromQL string of the repo: the `prometheus:` queries of each `sli` (`good_events`,
`bad_events`, `total_events`, `error_ratio`) and the `expr` of each `alert`. Each must
parse as PromQL, function signatures included (`rate()` needs a range). The
`{{.window}}` placeholder of OpenSLO and Sloth queries is read as `[5m]`.

## Why it matters

A typo in a query is otherwise found by `promtool` after export, or by nobody: the SLI's
rules are never loaded and its alerts never fire, while the handbook still shows the SLO as
watched.

## Failing example

```yaml
# file: services/checkout/slis.yaml
sli:
  name: availability
  type: availability
  prometheus:
    good_events: sum(rate(http_requests_total{code!~"5.."}[5m])
    total_events: sum(rate(http_requests_total[5m]))
```

## Passing example

```yaml
# file: services/checkout/slis.yaml
sli:
  name: availability
  type: availability
  prometheus:
    good_events: sum(rate(http_requests_total{code!~"5.."}[5m]))
    total_events: sum(rate(http_requests_total[5m]))
```

## Options

None.

## How to fix

Correct the query at the reported position; `promtool promql format` or the Prometheus
expression browser shows where the parser stops. The message is the parser's own.

## References

- Guide, Phase 2: *SLI Specification Template*; Phase 4: *Alert Design Rules*.
- Prometheus: *Querying basics* and *Functions*.
- pint: `promql/syntax`.
"""

from __future__ import annotations

from collections.abc import Iterator

from sre_docs.lint.policy import LintRepo, Problem, problem
from sre_docs.lint.promql import parse, queries

ID = "PQL001"
NAME = "promql-syntax"
LEVEL = "error"
READS = "service"


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    for service in repo.services.values():
        for query in queries(service):
            parsed = parse(query.text)
            if parsed.error is not None:
                yield problem(query.doc, *query.path, message=f"{query.label} is not valid PromQL: {parsed.error}")
