"""A capacity model's stated headroom is not what its peak utilisation leaves.

## What it checks

For every `capacity_model` that gives both `current_state.peak_utilization_pct` and
`current_state.headroom_pct`, the headroom must be `100 - peak` within
`tolerance_pct` (half a percentage point). A 58% peak leaves 42% headroom; 10% beside it
is a finding.

## Why it matters

CAP001 judges the runway by the stated headroom and `sre-docs capacity` by the peak. A
headroom that does not follow from the peak makes the two disagree about the same
service, and one of them hides a capacity problem.

## Failing example

```yaml
# file: services/checkout/capacity.yaml
capacity_model:
  service: checkout
  bottleneck_resource: connections
  current_state:
    peak_utilization_pct: 58
    headroom_pct: 10
```

## Passing example

```yaml
# file: services/checkout/capacity.yaml
capacity_model:
  service: checkout
  bottleneck_resource: connections
  current_state:
    peak_utilization_pct: 58
    headroom_pct: 42
```

## Options

- `tolerance_pct` (number, default 0.5): largest accepted difference, in percentage points.

## How to fix

Write `100 - peak` as the headroom (or drop it: sre-docs computes it), or correct the peak
if it is the figure that is out of date.

## References

- Guide, Phase 9: *Capacity Model Template* (`current_state`).
"""

from __future__ import annotations

from collections.abc import Iterator

from sre_docs.calc.capacity import HEADROOM_TOLERANCE_PCT, headroom_disagrees, headroom_pct
from sre_docs.lint.policy import LintRepo, Option, Problem, problem
from sre_docs.policies._common import all_of_kind, number

ID = "CAP003"
NAME = "capacity-headroom-mismatch"
LEVEL = "error"
OPTIONS = {"tolerance_pct": Option(HEADROOM_TOLERANCE_PCT, "Largest accepted difference, in percentage points.",
                                   minimum=0.0)}


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    for model in all_of_kind(repo, "capacity_model"):
        peak = number(model.get("current_state", "peak_utilization_pct"))
        stated = number(model.get("current_state", "headroom_pct"))
        if peak is None or stated is None:
            continue
        if headroom_disagrees(headroom_pct=stated, peak_utilisation_pct=peak, tolerance=options["tolerance_pct"]):
            yield problem(model, "current_state", "headroom_pct",
                          message=f"headroom_pct is {stated:g} but a {peak:g}% peak leaves "
                          f"{headroom_pct(peak_utilisation_pct=peak):g}%")
