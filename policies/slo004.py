"""An SLO's burn-rate alerts are not multi-window, multi-burn-rate.

## What it checks

For every `slo`:

- it has burn-rate alerts at all, with at least `min_burn_rates` different burn rates;
- one of them is a **fast burn that pages**: `severity: page` with a `long_window` of at
  most `fast_burn_max_long_window` (1 hour by default);
- in every alert the `short_window` is shorter than the `long_window` (the short window
  confirms that the burn measured over the long one is still going on);
- when an alert states `budget_consumed_pct`, its `burn_rate` is the rate that spends
  that share of the budget within the long window, for **this SLO's window**:
  `burn_rate = budget_consumed_pct / 100 x window / long_window`, within
  `threshold_tolerance_pct` percent. 2% in 1 hour is 14.4 for a 30-day window but
  13.44 for a 28-day one.

## Why it matters

A single threshold either pages too late for a sudden outage or too often for a slow
leak. Pairing a fast, paging burn rate with slower ticketing ones, each confirmed over a
short window, catches both while keeping pages rare and resetting them quickly. A
threshold copied from an example written for another window pages at the wrong budget
spend.

## Failing example

```yaml
# file: services/checkout/slos.yaml
slo:
  service: checkout
  sli: availability
  target: 99.9
  window: 28d
  burn_rate_alerts:
    - name: checkout-fast-burn
      burn_rate: 14.4
      budget_consumed_pct: 2
      short_window: 5m
      long_window: 1h
      severity: page
    - name: checkout-slow-burn
      burn_rate: 1
      short_window: 3d
      long_window: 6h
      severity: ticket
```

## Passing example

```yaml
# file: services/checkout/slos.yaml
slo:
  service: checkout
  sli: availability
  target: 99.9
  window: 28d
  burn_rate_alerts:
    - name: checkout-fast-burn
      burn_rate: 13.44
      budget_consumed_pct: 2
      short_window: 5m
      long_window: 1h
      severity: page
    - name: checkout-medium-burn
      burn_rate: 5.6
      budget_consumed_pct: 5
      short_window: 30m
      long_window: 6h
      severity: page
    - name: checkout-slow-burn
      burn_rate: 0.933
      budget_consumed_pct: 10
      short_window: 6h
      long_window: 3d
      severity: ticket
```

## Options

- `min_burn_rates` (whole number, default 2): fewest distinct burn rates an SLO needs.
- `fast_burn_max_long_window` (duration, default `1h`): longest long window that still
  counts as a fast burn.
- `threshold_tolerance_pct` (number, default 5.0): allowed difference between the stated
  burn rate and the one computed from `budget_consumed_pct`, in percent.

## How to fix

Use the handbook's burn-rate table for the SLO's window (four tiers: 2% in 1 h and 5% in
6 h page; 10% in 1 d and 10% in 3 d open tickets), or correct the windows the message
points at.

## References

- Guide, Phase 2: *SLO Document Template* (`burn_rate_alerts`).
- Guide, Phase 3: *Burn Rate Calculation*; Phase 4: *Alert Design Rules*
  (multi-window, multi-burn-rate).
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from sre_docs.calc.error_budget import burn_rate_threshold
from sre_docs.lint.policy import LintRepo, Option, Problem, problem, problem_at_kind
from sre_docs.policies._common import duration, number
from sre_docs.schemas.types import DURATION

ID = "SLO004"
NAME = "burn-rate-alerts"
LEVEL = "error"
READS = "service"


def _duration_option(value: object) -> str | None:
    return None if isinstance(value, str) and DURATION.match(value) else "must be a duration such as 1h"


OPTIONS = {
    "min_burn_rates": Option(2, "Fewest distinct burn rates an SLO needs.", minimum=1),
    "fast_burn_max_long_window": Option("1h", "Longest long window that counts as a fast burn.",
                                        validate=_duration_option),
    "threshold_tolerance_pct": Option(5.0, "Allowed difference from the computed burn rate, in percent.",
                                      minimum=0.0),
}


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    fast_limit = duration(options["fast_burn_max_long_window"])
    tolerance = float(options["threshold_tolerance_pct"]) / 100
    for service in repo.services.values():
        for slo in service.slos:
            alerts = [(i, a) for i, a in enumerate(slo.get("burn_rate_alerts", default=[])) if isinstance(a, dict)]
            if not alerts:
                yield problem_at_kind(slo, "SLO has no burn-rate alerts; add a paging fast burn and slower "
                                           "ticketing burns (multi-window, multi-burn-rate)")
                continue
            rates = {number(a.get("burn_rate")) for _, a in alerts} - {None}
            if len(rates) < options["min_burn_rates"]:
                yield problem(slo, "burn_rate_alerts", key=True,
                              message=f"burn-rate alerts use {len(rates)} burn rate(s); use at least "
                              f"{options['min_burn_rates']} (a fast paging burn and a slow ticketing one)")
            if not any(_is_fast_page(a, fast_limit) for _, a in alerts):
                yield problem(slo, "burn_rate_alerts", key=True,
                              message=f"no burn-rate alert pages on a fast burn (severity page with a long window of "
                              f"at most {options['fast_burn_max_long_window']})")
            window = duration(slo.get("window"))
            for index, alert in alerts:
                yield from _check_alert(slo, index, alert, window, tolerance)


def _is_fast_page(alert: dict, limit) -> bool:
    long_window = duration(alert.get("long_window"))
    return alert.get("severity") == "page" and long_window is not None and limit is not None and long_window <= limit


def _check_alert(slo, index: int, alert: dict, window, tolerance: float) -> Iterator[Problem]:
    name = alert.get("name", f"#{index + 1}")
    short, long = duration(alert.get("short_window")), duration(alert.get("long_window"))
    if short is not None and long is not None and short >= long:
        yield problem(slo, "burn_rate_alerts", index, "short_window",
                      message=f"burn-rate alert {name}: short window {alert['short_window']} is not shorter than "
                      f"the long window {alert['long_window']}")
    rate, share = number(alert.get("burn_rate")), number(alert.get("budget_consumed_pct"))
    if rate is None or share is None or share <= 0 or long is None or window is None or long > window:
        return
    expected = burn_rate_threshold(budget_share_pct=share, long_window=long, window=window)
    gap, allowed = abs(rate - expected), tolerance * expected
    # Exactly on the tolerance passes: 13.68 is 5% below 14.4 in decimal, but 1 ulp more in binary.
    if gap > allowed and not math.isclose(gap, allowed, rel_tol=1e-9):
        yield problem(slo, "burn_rate_alerts", index, "burn_rate",
                      message=f"burn-rate alert {name}: {rate:g}x does not spend {share:g}% of a "
                      f"{slo.get('window')} budget in {alert['long_window']}; that takes {expected:.4g}x")
