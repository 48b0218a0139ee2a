"""A service's multi-region strategy is too weak for its SLO target.

## What it checks

The strictest SLO target of a service picks a strategy from the guide's decision guide,
and the service's `multi_region.strategy` (single region when absent) must be at least
that resilient:

| strictest target | strategy needed |
|---|---|
| below 99.9% | single region with good backups |
| 99.9% to 99.95% | active-passive with automated failover |
| above 99.95% to 99.99% | active-active (read or full) |
| above 99.99% | cell-based |

A stronger strategy than needed passes unless `flag_overbuilt` is on (it costs more but
does not endanger the SLO).

## Why it matters

A single region goes down for longer than a 99.99% budget allows in a year. A target
the architecture cannot reach is a promise the team will break, however well it operates.

## Failing example

```yaml
# file: services/checkout/service.yaml
service:
  name: checkout
  tier: critical
  owner_team: payments
  multi_region:
    strategy: active-passive
    regions: [eu-west-1, eu-central-1]
# file: services/checkout/slos.yaml
slo:
  service: checkout
  sli: availability
  target: 99.99
  window: 28d
```

## Passing example

```yaml
# file: services/checkout/service.yaml
service:
  name: checkout
  tier: critical
  owner_team: payments
  multi_region:
    strategy: active-active-read
    regions: [eu-west-1, eu-central-1]
# file: services/checkout/slos.yaml
slo:
  service: checkout
  sli: availability
  target: 99.99
  window: 28d
```

## Options

- `flag_overbuilt` (true/false, default false): also report strategies stronger than
  the target needs.

## How to fix

Move to the strategy the message names, or lower the SLO target to what the current
architecture can deliver.

## References

- Guide, Phase 12: *Multi-Region Reliability* (strategy table and decision guide).
"""

from __future__ import annotations

from collections.abc import Iterator

from sre_docs.calc.multiregion import recommended_strategies, strategy_fits, strategy_sufficient
from sre_docs.lint.policy import LintRepo, Option, Problem, problem
from sre_docs.policies._common import number

ID = "SLO006"
NAME = "multi-region-fit"
LEVEL = "warning"
READS = "service"
OPTIONS = {"flag_overbuilt": Option(False, "Also report strategies stronger than the target needs.")}


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    for service in repo.services.values():
        catalog = service.catalog
        targets = [(t, slo) for slo in service.slos if (t := number(slo.get("target"))) is not None and 0 < t < 100]
        if catalog is None or not targets:
            continue
        target, slo = max(targets, key=lambda item: item[0])
        written = catalog.get("multi_region", "strategy")
        strategy = written if isinstance(written, str) else "single-region"
        needed = " or ".join(recommended_strategies(target))
        where = ("multi_region", "strategy") if isinstance(written, str) else ("name",)
        if not strategy_sufficient(target, strategy):
            yield problem(catalog, *where, message=f"{strategy} cannot carry the {target:g}% target of "
                          f"SLO {service.slo_name(slo)}; the decision guide calls for {needed}")
        elif options["flag_overbuilt"] and not strategy_fits(target, strategy):
            yield problem(catalog, *where, message=f"{strategy} is more than the {target:g}% target needs "
                          f"({needed})")
