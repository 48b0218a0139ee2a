"""An on-call rotation is too small or has no secondary.

## What it checks

Every `oncall_rotation` must have at least `min_members` people in `members` (5 by
default: one week on, four weeks off) and a non-empty `secondary` layer.

## Why it matters

Small rotations burn people out: with four people each is on call every month, and one
holiday makes it every three weeks. Without a secondary, a missed page or a primary who
needs help has nowhere to go.

## Failing example

```yaml
# file: org/oncall/payments-primary.yaml
oncall_rotation:
  name: payments-primary
  team: payments
  members: [ana, bo, cy]
  primary: [ana, bo, cy]
```

## Passing example

```yaml
# file: org/oncall/payments-primary.yaml
oncall_rotation:
  name: payments-primary
  team: payments
  members: [ana, bo, cy, di, ed]
  primary: [ana, bo, cy, di, ed]
  secondary: [cy, di, ed, ana, bo]
```

## Options

- `min_members` (whole number, default 5): smallest healthy rotation.
- `require_secondary` (true/false, default true): require a secondary layer.

## How to fix

Grow the rotation (share it with a sibling team or follow the sun), and set a secondary
layer.

## References

- Guide, Phase 10: *On-Call Rotation Best Practices* (minimum 5 people; primary +
  secondary always).
"""

from __future__ import annotations

from collections.abc import Iterator

from sre_docs.calc.oncall import MIN_ROTATION_SIZE, rotation_size_ok
from sre_docs.lint.policy import LintRepo, Option, Problem, problem
from sre_docs.policies._common import listed
from sre_docs.words import counted

ID = "ONC001"
NAME = "rotation-too-small"
LEVEL = "warning"
OPTIONS = {
    "min_members": Option(MIN_ROTATION_SIZE, "Smallest healthy rotation.", minimum=1),
    "require_secondary": Option(True, "Require a secondary layer."),
}


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    for rotation in repo.org_of_kind("oncall_rotation"):
        people = {m for m in listed(rotation.get("members")) if isinstance(m, str)}
        if rotation.get("members") is not None and not rotation_size_ok(len(people), minimum=options["min_members"]):
            yield problem(rotation, "members", message=f"rotation has {counted(len(people), 'person')}; a healthy rotation has at "
                          f"least {options['min_members']}")
        if options["require_secondary"] and not listed(rotation.get("secondary")):
            where = ("secondary",) if "secondary" in (rotation.body or {}) else ("name",)
            yield problem(rotation, *where, message="rotation has no secondary on-call layer")
