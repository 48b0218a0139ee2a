"""A toil item's automation would save more hours than the toil costs.

## What it checks

A `toil_item` whose hours a month are known (from its minutes and occurrences, else its
stated total, as TOL002 counts them) must not give an `automation_value` (hours saved a
month) more than `tolerance_hours` (0.05 h) above them. Less is fine: automation that
removes part of the work saves part of the hours.

## Why it matters

The automation value feeds the priority score and the toil matrix. A value above the
hours the work costs puts the item in a higher value band than it can ever earn, and the
team automates the wrong thing first.

## Failing example

```yaml
# file: services/checkout/toil.yaml
toil_item:
  name: Complete orders stuck in PENDING_PAYMENT
  category: recovery
  time_per_occurrence_min: 30
  occurrences_per_month: 20
  automation_value: 15
```

## Passing example

```yaml
# file: services/checkout/toil.yaml
toil_item:
  name: Complete orders stuck in PENDING_PAYMENT
  category: recovery
  time_per_occurrence_min: 30
  occurrences_per_month: 20
  automation_value: 10
```

## Options

- `tolerance_hours` (number, default 0.05): largest accepted excess, in hours.

## How to fix

Lower `automation_value` to the hours automation really gives back, or correct the
minutes and occurrences if the work costs more than they say.

## References

- Guide, Phase 8: *Toil Inventory Template* (`automation_value: hours saved per month`).
"""

from __future__ import annotations

from collections.abc import Iterator

from sre_docs.calc.toil import STATED_TOTAL_TOLERANCE_HOURS, value_exceeds_hours
from sre_docs.lint.policy import LintRepo, Option, Problem, problem
from sre_docs.model.toil_hours import toil_items
from sre_docs.policies._common import number

ID = "TOL004"
NAME = "toil-value-over-hours"
LEVEL = "error"
OPTIONS = {"tolerance_hours": Option(STATED_TOTAL_TOLERANCE_HOURS, "Largest accepted excess, in hours.",
                                     minimum=0.0)}


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    for item in toil_items(repo):
        value = number(item.doc.get("automation_value"))
        if value is None or item.hours is None:
            continue
        if value_exceeds_hours(value, item.hours, options["tolerance_hours"]):
            yield problem(item.doc, "automation_value",
                          message=f"automation_value is {value:g} h a month but the work costs "
                          f"{round(item.hours, 2):g} h a month; automation cannot save more than that")
