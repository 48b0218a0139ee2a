"""A critical or important service has no SLO, or a target below its tier's floor.

## What it checks

- Services whose `tier` is in `require_slo_tiers` (critical and important by default)
  must have at least one `slo`.
- Every SLO's `target` must reach the floor of its service's tier (option `floors`):
  critical 99.95, important 99.9, standard 99.5, experimental 99.0.

The floors follow the guide's target table one row down from its examples (critical
services such as payments sit at 99.99, important customer-facing ones at 99.95): the
floor is the least a tier may promise, not the recommended target.

## Why it matters

The tier is a promise about how much the business relies on a service. A critical
service without an SLO has no error budget and so no objective signal for when to stop
shipping features; a critical service with a 99% target allows more than seven hours of
downtime a month.

## Failing example

```yaml
# file: services/checkout/service.yaml
service:
  name: checkout
  tier: critical
  owner_team: payments
# file: services/checkout/slos.yaml
slo:
  service: checkout
  sli: availability
  target: 99.5
  window: 28d
```

## Passing example

```yaml
# file: services/checkout/service.yaml
service:
  name: checkout
  tier: critical
  owner_team: payments
# file: services/checkout/slos.yaml
slo:
  service: checkout
  sli: availability
  target: 99.95
  window: 28d
```

## Options

- `require_slo_tiers` (list of tiers, default `[critical, important]`): tiers that must
  have an SLO.
- `floors` (mapping of tier to target, default critical 99.95, important 99.9,
  standard 99.5, experimental 99.0): lowest acceptable target per tier.

## How to fix

Add an SLO (start from the SLO template), raise the target, or lower the tier if the
service is not as critical as recorded.

## References

- Guide, Phase 2: *SLO Target Selection Guide*.
- Guide, Phase 1: *Service Catalog Entry* (`tier`).
"""

from __future__ import annotations

from collections.abc import Iterator

from sre_docs.lint.policy import LintRepo, Option, Problem, problem
from sre_docs.policies._common import exact, number, tier_of
from sre_docs.schemas.vocabulary import TIERS

ID = "SLO005"
NAME = "slo-tier-floor"
LEVEL = "error"
READS = "service"
OPTIONS = {
    "require_slo_tiers": Option(["critical", "important"], "Tiers that must have an SLO.", choices=TIERS),
    "floors": Option({"critical": 99.95, "important": 99.9, "standard": 99.5, "experimental": 99.0},
                     "Lowest acceptable SLO target per tier.", minimum=0.0, maximum=100.0),
}


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    floors = options["floors"]
    for name, service in repo.services.items():
        tier = tier_of(service)
        if tier is None or service.catalog is None:
            continue
        if tier in options["require_slo_tiers"] and not service.slos and not repo.unreadable_in(service.folder):
            yield problem(service.catalog, "tier", message=f"{tier} service {name} has no SLO; "
                          f"{tier} services need at least one")
        floor = number(floors.get(tier))
        if floor is None:
            continue
        for slo in service.slos:
            target = number(slo.get("target"))
            if target is not None and exact(target) < exact(floor):
                yield problem(slo, "target", message=f"target {target:g}% is below the {floor:g}% floor "
                              f"for {tier} services")
