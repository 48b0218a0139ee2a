"""A toil item's stated priority score disagrees with its automation value and difficulty.

## What it checks

A `toil_item` that gives `priority_score` and `automation_difficulty` must have a score
within `tolerance` (0.05) of the guide's formula, value / difficulty: its
`automation_value` (else its hours a month, as TOL002 counts them) divided by 1 for low,
2 for medium and 3 for high difficulty. 10 hours of medium difficulty scores 5; written
as 3.33 for 10 hours of high difficulty is fine, 8 is not.

## Why it matters

The score decides which toil is automated first. A score typed by hand and never
recomputed keeps an item at the top of the list long after its hours, or its
difficulty, changed; the handbook's toil matrix and `sre-docs toil audit` rank by the
computed figure, so the stored one contradicts them.

## Failing example

```yaml
# file: services/checkout/toil.yaml
toil_item:
  name: Complete orders stuck in PENDING_PAYMENT
  category: recovery
  time_per_occurrence_min: 30
  occurrences_per_month: 20
  automation_difficulty: medium
  automation_value: 10
  priority_score: 10
```

## Passing example

```yaml
# file: services/checkout/toil.yaml
toil_item:
  name: Complete orders stuck in PENDING_PAYMENT
  category: recovery
  time_per_occurrence_min: 30
  occurrences_per_month: 20
  automation_difficulty: medium
  automation_value: 10
  priority_score: 5
```

## Options

- `tolerance` (number, default 0.05): largest accepted difference.

## How to fix

Write the score the message gives, or correct the value or the difficulty if they are
what is wrong.

## References

- Guide, Phase 8: *Toil Inventory Template* (`priority_score: value / difficulty`).
"""

from __future__ import annotations

from collections.abc import Iterator

from sre_docs.calc.toil import STATED_TOTAL_TOLERANCE_HOURS, DIFFICULTY_WEIGHTS, Effort, exceeds_tolerance, expected_priority_score
from sre_docs.lint.policy import LintRepo, Option, Problem, problem
from sre_docs.model.toil_hours import toil_items
from sre_docs.policies._common import number

ID = "TOL003"
NAME = "toil-priority-mismatch"
LEVEL = "error"
OPTIONS = {"tolerance": Option(STATED_TOTAL_TOLERANCE_HOURS, "Largest accepted difference.", minimum=0.0)}


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    for item in toil_items(repo):
        stated = number(item.doc.get("priority_score"))
        difficulty = item.doc.get("automation_difficulty")
        if stated is None or difficulty not in DIFFICULTY_WEIGHTS:
            continue
        value = number(item.doc.get("automation_value"))
        expected = expected_priority_score(automation_value_hours=value, hours_per_month=item.hours,
                                           difficulty=difficulty)
        if expected is None or not exceeds_tolerance(stated, expected, options["tolerance"]):
            continue
        basis = f"automation_value {value:g}" if value is not None else f"{round(item.hours or 0, 2):g} h a month"
        weight = DIFFICULTY_WEIGHTS[Effort(difficulty)]
        yield problem(item.doc, "priority_score",
                      message=f"priority_score is {stated:g} but {basis} / {weight} ({difficulty} difficulty) is "
                      f"{round(expected, 2):g}")
