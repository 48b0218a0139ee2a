"""A service's monitoring methods do not fit what it is.

## What it checks

The catalog's `observability.monitoring_methods` lists how the service is monitored: `RED`
(rate, errors and duration of the requests it serves) and `USE` (utilisation, saturation
and errors of the resources it runs on). The guide applies RED to every service and USE to
every resource, and sre-docs reads which applies from the catalog and the alerts:

- a service that takes requests (`peak_rps` above 0) must track `RED`;
- a service with a `signal: saturation` alert watches a resource, so it must track `USE`
  (a saturation alert alone watches one dimension of the three);
- a service that declares `RED` while its `peak_rps` is 0 has no requests to measure (a
  batch job, a consumer): it is reported unless it also tracks `USE`.

Services that give neither `peak_rps` nor saturation alerts and declare no methods are not
judged.

## Why it matters

RED answers "are users being served?", USE answers "which resource is running out?". A
service that only watches CPU cannot tell whether its users notice; one that only watches
requests learns about a full disk from the outage.

## Failing example

```yaml
# file: services/checkout/service.yaml
service:
  name: checkout
  tier: critical
  owner_team: payments
  peak_rps: 1200
  observability:
    monitoring_methods: [USE]
```

## Passing example

```yaml
# file: services/checkout/service.yaml
service:
  name: checkout
  tier: critical
  owner_team: payments
  peak_rps: 1200
  observability:
    monitoring_methods: [RED, USE]
```

## Options

None.

## How to fix

Track what is missing (RED: request rate, error rate and a latency histogram per endpoint;
USE: utilisation, saturation and errors per resource) and list it in
`observability.monitoring_methods`.

## References

- Guide, Phase 4: *USE Method (Infrastructure)* and *RED Method (Services)*.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sre_docs.lint.policy import LintRepo, Problem, problem
from sre_docs.model.repository import Document, Service
from sre_docs.policies._common import number
from sre_docs.policies.log001 import observability, takes_requests

ID = "LOG002"
NAME = "monitoring-method"
LEVEL = "error"
READS = "service"
OPTIONS: dict = {}


def method_gaps(service: Service) -> list[str]:
    """What the service's methods lack or declare in vain, each as a sentence (empty: they fit)."""
    catalog = service.catalog
    if catalog is None:
        return []
    declared = observability(service).get("monitoring_methods")
    methods = {m for m in declared if isinstance(m, str)} if isinstance(declared, list) else set()
    gaps = []
    if takes_requests(service) and "RED" not in methods:
        gaps.append(f"it takes requests (peak_rps {number(catalog.get('peak_rps')):g}) but does not track RED "
                    "(rate, errors and duration of every service)")
    saturation = [a.get("name") for a in service.alerts if a.get("signal") == "saturation"]
    if saturation and "USE" not in methods:
        gaps.append(f"it has a saturation alert ({saturation[0]}) but does not track USE (utilisation, saturation and "
                    "errors of every resource)")
    if "RED" in methods and "USE" not in methods and number(catalog.get("peak_rps")) == 0:
        gaps.append("it tracks RED but takes no requests (peak_rps 0): RED has nothing to measure; track USE")
    return gaps


def _where(catalog: Document, obs: dict[str, Any]) -> tuple[Any, ...]:
    if "monitoring_methods" in obs:
        return ("observability", "monitoring_methods")
    return ("peak_rps",) if catalog.get("peak_rps") is not None else ("name",)


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    for name, service in repo.services.items():
        catalog = service.catalog
        if catalog is None:
            continue
        for gap in method_gaps(service):
            yield problem(catalog, *_where(catalog, observability(service)), message=f"service {name}: {gap}")
