"""Two alerts of one service share a name.

## What it checks

Within a service, alert names must be unique, counting both `alert` documents and the
burn-rate alerts declared in SLOs.

## Why it matters

Runbooks, incidents (`trigger_alert`) and pages refer to alerts by name. Two alerts of
one name share one runbook whether or not it fits either, and the incident record cannot
say which one fired.

## Failing example

```yaml
# file: services/checkout/alerts.yaml
alert:
  name: checkout-errors
  service: checkout
  severity: P1
  signal: errors
  condition: 5xx ratio above 2%
  runbook: https://runbooks.example.com/checkout-errors
---
alert:
  name: checkout-errors
  service: checkout
  severity: P2
  signal: errors
  condition: 4xx ratio above 10%
  runbook: https://runbooks.example.com/checkout-errors
```

## Passing example

```yaml
# file: services/checkout/alerts.yaml
alert:
  name: checkout-server-errors
  service: checkout
  severity: P1
  signal: errors
  condition: 5xx ratio above 2%
  runbook: https://runbooks.example.com/checkout-server-errors
---
alert:
  name: checkout-client-errors
  service: checkout
  severity: P2
  signal: errors
  condition: 4xx ratio above 10%
  runbook: https://runbooks.example.com/checkout-client-errors
```

## Options

None.

## How to fix

Rename one of the alerts (and its runbook's `alert_name`).

## References

- Guide, Phase 10: *Runbook Template* (`alert_name`: the exact alert that triggers it).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sre_docs.lint.policy import LintRepo, Problem, problem
from sre_docs.model.repository import Document

ID = "ALR004"
NAME = "duplicate-alert-name"
LEVEL = "error"
READS = "service"
OPTIONS: dict = {}


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    for service in repo.services.values():
        first: dict[str, tuple[Document, tuple[Any, ...]]] = {}
        entries: list[tuple[Document, tuple[Any, ...], Any]] = [(a, ("name",), a.get("name")) for a in service.alerts]
        entries += [(slo, ("burn_rate_alerts", i, "name"), alert.get("name")) for slo, i, alert in service.burn_rate_alerts()]
        for doc, path, name in entries:
            if not isinstance(name, str):
                continue
            if name in first:
                earlier, where = first[name]
                yield problem(doc, *path, message=f"alert name {name!r} is already used at "
                              f"{earlier.path}:{earlier.locate(*where)[0]}")
            else:
                first[name] = (doc, path)  # located only for a message: positions stay packed until then
