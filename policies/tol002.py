"""A toil item's stated hours a month disagree with its minutes and occurrences.

## What it checks

A `toil_item` that gives `time_per_occurrence_min`, `occurrences_per_month` and
`total_hours_per_month` must have a total within `tolerance_hours` (0.05 h, three
minutes) of `time_per_occurrence_min x occurrences_per_month / 60`. So 40 minutes ten
times a month may be written 6.67 or 6.7, but not 8.

## Why it matters

Every surface counts a toil item's hours the same way: from the minutes and the
occurrences, the stated total only when those are missing (see TOL001). A total that
says something else is read by people and contradicted by every figure sre-docs shows,
so one of the two is wrong and nobody can tell which.

## Failing example

```yaml
# file: services/checkout/toil.yaml
toil_item:
  name: Complete orders stuck in PENDING_PAYMENT
  category: recovery
  time_per_occurrence_min: 30
  occurrences_per_month: 20
  total_hours_per_month: 12
  status: identified
```

## Passing example

```yaml
# file: services/checkout/toil.yaml
toil_item:
  name: Complete orders stuck in PENDING_PAYMENT
  category: recovery
  time_per_occurrence_min: 30
  occurrences_per_month: 20
  total_hours_per_month: 10
  status: identified
```

## Options

- `tolerance_hours` (number, default 0.05): largest accepted difference, in hours.

## How to fix

Correct the minutes or the occurrences if they are what changed, else write the total the
message gives (or drop `total_hours_per_month` and let sre-docs compute it).

## References

- Guide, Phase 8: *Toil Inventory Template* (`time_per_occurrence_min`,
  `occurrences_per_month`, `total_hours_per_month`).
"""

from __future__ import annotations

from collections.abc import Iterator

from sre_docs.calc.toil import STATED_TOTAL_TOLERANCE_HOURS, exceeds_tolerance
from sre_docs.lint.policy import LintRepo, Option, Problem, problem
from sre_docs.model.toil_hours import toil_items

ID = "TOL002"
NAME = "toil-hours-mismatch"
LEVEL = "error"
READS = "service"
OPTIONS = {"tolerance_hours": Option(STATED_TOTAL_TOLERANCE_HOURS, "Largest accepted difference, in hours.",
                                     minimum=0.0)}


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    for item in toil_items(repo):
        figures = item.figures
        if figures.source != "computed" or figures.stated is None or figures.hours is None:
            continue
        if exceeds_tolerance(figures.stated, figures.hours, options["tolerance_hours"]):
            minutes, count = item.doc.get("time_per_occurrence_min"), item.doc.get("occurrences_per_month")
            yield problem(item.doc, "total_hours_per_month",
                          message=f"total_hours_per_month is {figures.stated:g} but {minutes:g} min x {count:g} a "
                          f"month is {round(figures.hours, 2):g} h, the figure every surface counts")
