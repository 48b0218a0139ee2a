"""A postmortem action item is overdue.

## What it checks

An action item whose `status` is not `done` and whose `deadline` is before today is
overdue.

"Today" is the real date unless the configuration (`today:`) or the `SRE_DOCS_TODAY`
environment variable pins it (tests and reproducible reports do).

## Why it matters

Action items are how an incident stops happening again. An overdue item is a known risk
left open; the monthly report counts them, and a growing count is an early sign that
reliability work is losing to feature work.

## Failing example

```yaml
# file: sre-docs.yaml
today: 2026-11-20
# file: services/checkout/postmortems/INC-2026-014.yaml
postmortem:
  incident: INC-2026-014
  title: Checkout errors after deploy
  date: 2026-11-05
  severity: SEV2
  status: final
  action_items:
    - id: AI-001
      description: Add a canary stage to the checkout pipeline
      owner: ana
      priority: P1
      deadline: 2026-11-15
      status: in-progress
```

## Passing example

```yaml
# file: sre-docs.yaml
today: 2026-11-20
# file: services/checkout/postmortems/INC-2026-014.yaml
postmortem:
  incident: INC-2026-014
  title: Checkout errors after deploy
  date: 2026-11-05
  severity: SEV2
  status: final
  action_items:
    - id: AI-001
      description: Add a canary stage to the checkout pipeline
      owner: ana
      priority: P1
      deadline: 2026-11-15
      status: done
      completed: 2026-11-14
```

## Options

None.

## How to fix

Finish the item and mark it `done`, or agree a new deadline in the weekly review and
record it.

## References

- Guide, Phase 5: *Incident Response Workflow*, step 6 (action items tracked to
  completion).
- Guide, Phase 11: *Monthly Reliability Report* (`action_items.overdue`).
"""

from __future__ import annotations

from collections.abc import Iterator

from sre_docs.calc.culture import action_item_overdue
from sre_docs.lint.policy import LintRepo, Problem, problem
from sre_docs.policies._common import all_of_kind, date_of, listed

ID = "PM003"
NAME = "overdue-action-item"
LEVEL = "error"
READS = "service"
OPTIONS: dict = {}


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    for postmortem in all_of_kind(repo, "postmortem"):
        for index, item in enumerate(listed(postmortem.get("action_items"))):
            if not isinstance(item, dict):
                continue
            deadline = date_of(item.get("deadline"))
            if deadline is not None and action_item_overdue(status=item.get("status"), deadline=deadline, today=repo.today):
                yield problem(postmortem, "action_items", index, "deadline",
                              message=f"action item {item.get('id', f'#{index + 1}')} is not done and was due on "
                              f"{deadline.isoformat()}")
