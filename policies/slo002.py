"""An SLO's stated error budget disagrees with its target and window.

## What it checks

- `error_budget` (percent) must equal `100 - target`, within `budget_tolerance_points`;
- `error_budget_minutes` must equal the budget share of the window in minutes (for
  example 99.9% over 28 days is 40.32 minutes), within `minutes_tolerance_pct` percent of
  the exact figure or `minutes_tolerance_floor` minutes, whichever is larger, so that a
  figure rounded to the minute passes.

## Why it matters

People read the stated budget, tools compute it. When the two differ, the team plans
with the wrong number: a budget written for a 30-day window on a 28-day SLO overstates
the downtime the team can afford.

## Failing example

```yaml
# file: services/checkout/slos.yaml
slo:
  service: checkout
  sli: availability
  target: 99.95
  window: 28d
  error_budget: 0.1
  error_budget_minutes: 43.2
```

## Passing example

```yaml
# file: services/checkout/slos.yaml
slo:
  service: checkout
  sli: availability
  target: 99.9
  window: 28d
  error_budget: 0.1
  error_budget_minutes: 40
```

## Options

- `budget_tolerance_points` (number, default 0.0001): allowed difference for
  `error_budget`, in percentage points.
- `minutes_tolerance_pct` (number, default 1.0): allowed difference for
  `error_budget_minutes`, in percent of the exact figure.
- `minutes_tolerance_floor` (number, default 0.5): allowed difference in minutes when
  that is larger (so rounding to the minute passes).

## How to fix

Write the figures the message gives, or drop the fields and let the handbook compute
them.

## References

- Guide, Phase 2: *SLO Document Template* (`error_budget`, `error_budget_minutes`).
- Guide, Phase 3: *Burn Rate Calculation*.
"""

from __future__ import annotations

from collections.abc import Iterator

from sre_docs.calc.error_budget import error_budget_minutes
from sre_docs.lint.policy import LintRepo, Option, Problem, problem
from sre_docs.policies._common import duration, exact, number

ID = "SLO002"
NAME = "error-budget-mismatch"
LEVEL = "error"
READS = "service"
OPTIONS = {
    "budget_tolerance_points": Option(0.0001, "Allowed difference for error_budget, in points.", minimum=0.0),
    "minutes_tolerance_pct": Option(1.0, "Allowed difference for error_budget_minutes, in percent.", minimum=0.0),
    "minutes_tolerance_floor": Option(0.5, "Allowed difference in minutes when larger.", minimum=0.0),
}


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    for service in repo.services.values():
        for slo in service.slos:
            target = number(slo.get("target"))
            if target is None or not 0 < target < 100:
                continue
            stated = number(slo.get("error_budget"))
            if stated is not None:
                expected = 100 - exact(target)
                if abs(exact(stated) - expected) > exact(float(options["budget_tolerance_points"])):
                    yield problem(slo, "error_budget", message=f"error_budget {stated:g}% does not match "
                                  f"100 - target ({target:g}) = {expected}%")
            minutes = number(slo.get("error_budget_minutes"))
            window = slo.get("window")
            if minutes is None or duration(window) is None:
                continue
            expected_minutes = error_budget_minutes(target, window)
            allowed = max(float(options["minutes_tolerance_floor"]),
                          expected_minutes * float(options["minutes_tolerance_pct"]) / 100)
            if abs(minutes - expected_minutes) > allowed:
                yield problem(slo, "error_budget_minutes", message=f"error_budget_minutes {minutes:g} does not match "
                              f"{target:g}% over {window}: {expected_minutes:.2f} minutes")
