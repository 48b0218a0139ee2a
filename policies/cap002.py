"""A capacity model's stored projections disagree with its own growth figures.

## What it checks

For every `capacity_model` with `growth_forecast.monthly_growth_pct`:

- `growth_forecast.projected_6mo` and `projected_12mo` against `current` grown
  compound for 6 and 12 months: `current x (1 + growth / 100) ^ months`;
- `cost_projection.projected_6mo_monthly` and `projected_12mo_monthly` against
  `current_monthly` grown at the same rate (cost follows load, as `sre-docs capacity`
  assumes).

A stored figure agrees when it is within `tolerance_pct` (1%) of the computed one, or
within 0.5 (a figure rounded to a whole number). So 1150 growing 4% a month may be
written 1455 in six months, not 9999.

## Why it matters

The projections are what people read and budget from; `sre-docs capacity` and the
handbook compute their own from the inputs. A stored figure typed once and never
recomputed says something else, and nobody can tell which is right.

## Failing example

```yaml
# file: services/checkout/capacity.yaml
capacity_model:
  service: checkout
  bottleneck_resource: connections
  growth_forecast:
    metric: peak orders per minute
    current: 1150
    monthly_growth_pct: 4
    projected_6mo: 9999
    projected_12mo: 1841
```

## Passing example

```yaml
# file: services/checkout/capacity.yaml
capacity_model:
  service: checkout
  bottleneck_resource: connections
  growth_forecast:
    metric: peak orders per minute
    current: 1150
    monthly_growth_pct: 4
    projected_6mo: 1455
    projected_12mo: 1841
```

## Options

- `tolerance_pct` (number, default 1.0): largest accepted difference, in percent of the computed figure.

## How to fix

Write the figure the message gives (`sre-docs capacity SERVICE` shows them all), or
correct `current` or `monthly_growth_pct` if they are what changed.

## References

- Guide, Phase 9: *Capacity Model Template* (`growth_forecast`, `cost_projection`).
"""

from __future__ import annotations

from collections.abc import Iterator

from sre_docs.calc.capacity import PROJECTION_TOLERANCE, project_growth, projection_disagrees
from sre_docs.lint.policy import LintRepo, Option, Problem, problem
from sre_docs.policies._common import all_of_kind, number

ID = "CAP002"
NAME = "capacity-projection-mismatch"
LEVEL = "error"
OPTIONS = {"tolerance_pct": Option(PROJECTION_TOLERANCE * 100, "Largest accepted difference, in percent of the "
                                   "computed figure.", minimum=0.0)}

#: (block, base field, projected field, months)
_FIGURES = (
    ("growth_forecast", "current", "projected_6mo", 6),
    ("growth_forecast", "current", "projected_12mo", 12),
    ("cost_projection", "current_monthly", "projected_6mo_monthly", 6),
    ("cost_projection", "current_monthly", "projected_12mo_monthly", 12),
)


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    tolerance = float(options["tolerance_pct"]) / 100
    for model in all_of_kind(repo, "capacity_model"):
        growth = number(model.get("growth_forecast", "monthly_growth_pct"))
        if growth is None or growth <= -100:
            continue
        for block, base_field, field, months in _FIGURES:
            base, stated = number(model.get(block, base_field)), number(model.get(block, field))
            if base is None or stated is None:
                continue
            computed = project_growth(current=base, monthly_growth_pct=growth, months=months)
            if projection_disagrees(stated, computed, tolerance):
                yield problem(model, block, field,
                              message=f"{block}.{field} is {stated:g} but {base:g} growing {growth:g}% a month for "
                              f"{months} months is {computed:,.1f}")
