"""A capacity model runs out of room within the planning horizon.

## What it checks

For every `capacity_model`, growing today's peak utilisation by
`growth_forecast.monthly_growth_pct` a month (compound):

- with auto-scaling on and instance counts given: the instances needed in
  `horizon_months` (6) to stay under `scaling_strategy.scale_up_threshold` (80% when not
  given) must not exceed `max_instances`;
- otherwise: utilisation must not reach the scale-up threshold within the horizon;
- in both cases, headroom today (`current_state.headroom_pct`, else 100 minus the peak)
  must be at least `min_headroom_pct`.

## Why it matters

Capacity takes weeks to buy, approve or re-architect, and a saturated service fails all
at once rather than gradually. A model that already shows the ceiling inside six months
is a plan that needs to start now.

## Failing example

```yaml
# file: services/checkout/capacity.yaml
capacity_model:
  service: checkout
  bottleneck_resource: CPU
  current_state:
    peak_utilization_pct: 62
  growth_forecast:
    monthly_growth_pct: 8
  scaling_strategy:
    type: horizontal
    auto_scaling: true
    current_instances: 12
    max_instances: 14
    scale_up_threshold: 75
```

## Passing example

```yaml
# file: services/checkout/capacity.yaml
capacity_model:
  service: checkout
  bottleneck_resource: CPU
  current_state:
    peak_utilization_pct: 62
  growth_forecast:
    monthly_growth_pct: 8
  scaling_strategy:
    type: horizontal
    auto_scaling: true
    current_instances: 12
    max_instances: 24
    scale_up_threshold: 75
```

## Options

- `horizon_months` (number, default 6): how far ahead to project.
- `min_headroom_pct` (number, default 20.0): least headroom acceptable today.

## How to fix

Raise `max_instances` (and the budget behind it), remove the bottleneck, or revise the
growth forecast if it is wrong.

## References

- Guide, Phase 9: *Capacity Model Template* and *Capacity Planning Cadence*.
"""

from __future__ import annotations

from collections.abc import Iterator

from sre_docs.lint.policy import LintRepo, Option, Problem, problem
from sre_docs.model.capacity_figures import capacity_figures, runway
from sre_docs.policies._common import all_of_kind

ID = "CAP001"
NAME = "capacity-runway"
LEVEL = "warning"
READS = "service"
OPTIONS = {
    "horizon_months": Option(6.0, "How far ahead to project, in months.", minimum=0.0),
    "min_headroom_pct": Option(20.0, "Least headroom acceptable today, in percent.", minimum=0.0, maximum=100.0),
}


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    horizon = float(options["horizon_months"])
    for model in all_of_kind(repo, "capacity_model"):
        figures = capacity_figures(model)
        verdict = runway(figures, horizon)
        growth, threshold = figures.growth_pct, figures.threshold_pct
        if verdict.short and verdict.rule == "instances":
            yield problem(model, "scaling_strategy", "max_instances",
                          message=f"at {growth:g}% growth a month, {verdict.instances_needed} instances are needed within "
                          f"{horizon:g} months to stay under {threshold:g}%, above max_instances {figures.max_instances}")
        elif verdict.short:
            yield problem(model, "current_state", "peak_utilization_pct",
                          message=f"peak utilisation {figures.peak_pct:g}% growing {growth:g}% a month reaches the "
                          f"{threshold:g}% scale-up threshold in {verdict.months_to_threshold:.1f} months")
        room = figures.headroom_pct
        if room is not None and room < options["min_headroom_pct"]:
            where = ("current_state", "headroom_pct") if figures.headroom_stated else ("current_state", "peak_utilization_pct")
            yield problem(model, *where, message=f"headroom is {room:g}%, below the {options['min_headroom_pct']:g}% "
                          "floor")
