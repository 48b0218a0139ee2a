"""An alert names an SLO that does not exist, or a burn-rate alert names none.

## What it checks

- an `alert` with `slo:` must name an SLO of its own service;
- an `alert` with `signal: burn_rate` must name the SLO whose budget it watches.

## Why it matters

A burn rate only means something against one SLO's budget: the same error ratio is a
slow leak for a 99% SLO and an emergency for 99.99%. An alert tied to a renamed or
deleted SLO keeps firing on thresholds nobody owns.

## Failing example

```yaml
# file: services/checkout/slos.yaml
slo:
  name: checkout-availability
  service: checkout
  sli: availability
  target: 99.9
  window: 28d
# file: services/checkout/alerts.yaml
alert:
  name: checkout-budget-burn
  service: checkout
  severity: P1
  signal: burn_rate
  slo: checkout-availabilty
  condition: 1h burn rate above 13.44 and 5m burn rate above 13.44
  runbook: https://runbooks.example.com/checkout-budget-burn
```

## Passing example

```yaml
# file: services/checkout/slos.yaml
slo:
  name: checkout-availability
  service: checkout
  sli: availability
  target: 99.9
  window: 28d
# file: services/checkout/alerts.yaml
alert:
  name: checkout-budget-burn
  service: checkout
  severity: P1
  signal: burn_rate
  slo: checkout-availability
  condition: 1h burn rate above 13.44 and 5m burn rate above 13.44
  runbook: https://runbooks.example.com/checkout-budget-burn
```

## Options

None.

## How to fix

Correct the `slo` (the message suggests the closest name), or add `slo:` to a burn-rate
alert.

## References

- Guide, Phase 3: *Burn Rate Calculation*.
- Repository kinds: `alert.slo` (for burn-rate alerts).
"""

from __future__ import annotations

from collections.abc import Iterator

from sre_docs.lint.policy import LintRepo, Problem, problem
from sre_docs.policies._common import suggest

ID = "ALR003"
NAME = "alert-unknown-slo"
LEVEL = "error"
READS = "service"
OPTIONS: dict = {}


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    for name, service in repo.services.items():
        slos = {n for n in (service.slo_name(d) for d in service.slos) if isinstance(n, str)}
        for alert in service.alerts:
            slo = alert.get("slo")
            if isinstance(slo, str):
                if slo not in slos:
                    yield problem(alert, "slo", message=f"SLO {slo!r} is not an SLO of services/{name}/"
                                  f"{suggest(slo, slos)}")
            elif alert.get("signal") == "burn_rate":
                yield problem(alert, "signal", message="a burn_rate alert must name the SLO whose budget it watches "
                              "(slo:)")
