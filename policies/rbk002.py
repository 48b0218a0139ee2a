"""A runbook lacks diagnosis, mitigation or escalation.

## What it checks

Every `runbook` must have a non-empty `diagnosis` list (how to find out what is wrong),
a non-empty `mitigation` list (how to stop the bleeding) and an `escalation` block (who
to call, and when). One finding per missing part, on the runbook's first line.

## Why it matters

A runbook that only explains what an alert means leaves the responder to improvise the
rest under pressure. The guide's template has all three because each answers a question
the responder will have within the first fifteen minutes.

## Failing example

```yaml
# file: services/checkout/runbooks/high-latency.yaml
runbook:
  title: Checkout latency is high
  alert_name: checkout-high-latency
  last_updated: 2026-11-02
  overview: p99 latency of checkout is above 800 ms.
```

## Passing example

```yaml
# file: services/checkout/runbooks/high-latency.yaml
runbook:
  title: Checkout latency is high
  alert_name: checkout-high-latency
  last_updated: 2026-11-02
  diagnosis:
    - step: Check recent deployments
      command: kubectl rollout history deploy/checkout
  mitigation:
    - option: Rollback
      when: A deployment in the last hour
      steps: [kubectl rollout undo deploy/checkout]
  escalation:
    after_minutes: 30
    contact: payments-secondary
```

## Options

None.

## How to fix

Add the missing sections (the runbook template lists what each holds).

## References

- Guide, Phase 10: *Runbook Template* (`diagnosis`, `mitigation`, `escalation`).
"""

from __future__ import annotations

from collections.abc import Iterator

from sre_docs.lint.policy import LintRepo, Problem, problem_at_kind

ID = "RBK002"
NAME = "incomplete-runbook"
LEVEL = "error"
READS = "service"
OPTIONS: dict = {}

_PARTS = (
    ("diagnosis", "steps to find out what is wrong"),
    ("mitigation", "options to stop the impact"),
    ("escalation", "who to call and after how long"),
)


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    for service in repo.services.values():
        for runbook in service.runbooks:
            for part, meaning in _PARTS:
                if not runbook.get(part):
                    yield problem_at_kind(runbook, f"runbook has no {part} ({meaning})")
