"""A postmortem action item has no owner, priority or deadline.

## What it checks

Every entry of a `postmortem`'s `action_items` must say who owns it (`owner`), how
urgent it is (`priority`) and by when it is due (`deadline`). The list of required
fields is an option.

## Why it matters

An action item without an owner is everyone's and so no one's; without a deadline it
never becomes overdue, so nobody notices it was forgotten. The guide's review step asks
for action items "assigned with owners and deadlines".

## Failing example

```yaml
# file: services/checkout/postmortems/INC-2026-014.yaml
postmortem:
  incident: INC-2026-014
  title: Checkout errors after deploy
  date: 2026-11-05
  severity: SEV2
  status: draft
  action_items:
    - id: AI-001
      type: prevent
      description: Add a canary stage to the checkout pipeline
      status: open
```

## Passing example

```yaml
# file: services/checkout/postmortems/INC-2026-014.yaml
postmortem:
  incident: INC-2026-014
  title: Checkout errors after deploy
  date: 2026-11-05
  severity: SEV2
  status: draft
  action_items:
    - id: AI-001
      type: prevent
      description: Add a canary stage to the checkout pipeline
      owner: ana
      priority: P1
      deadline: 2026-12-15
      status: open
```

## Options

- `required` (list, default `[owner, priority, deadline]`): fields every action item
  needs.

## How to fix

Fill in the missing fields; agree the owner with that person in the review meeting.

## References

- Guide, Phase 5: *Incident Response Workflow*, step 6 (action items with owners and
  deadlines).
- Guide, Phase 6: *Blameless Postmortem Template* (`action_items`).
"""

from __future__ import annotations

from collections.abc import Iterator

from sre_docs.lint.policy import LintRepo, Option, Problem, problem
from sre_docs.policies._common import all_of_kind, listed

ID = "PM002"
NAME = "incomplete-action-item"
LEVEL = "error"
READS = "service"
OPTIONS = {
    "required": Option(["owner", "priority", "deadline"], "Fields every action item needs.",
                       choices=("owner", "priority", "deadline", "type", "ticket")),
}


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    for postmortem in all_of_kind(repo, "postmortem"):
        for index, item in enumerate(listed(postmortem.get("action_items"))):
            if not isinstance(item, dict):
                continue
            missing = [f for f in options["required"] if not (isinstance(item.get(f), str) and item[f].strip())]
            if missing:
                label = item.get("id", f"#{index + 1}")
                yield problem(postmortem, "action_items", index, "id", key=True,
                              message=f"action item {label} has no {', '.join(missing)}")
