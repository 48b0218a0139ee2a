"""A chaos experiment lacks a testable hypothesis, abort conditions or a rollback plan.

## What it checks

Every `experiment` needs:

- a `hypothesis` of the form "When <fault>, <the system> will <expected behaviour>":
  it starts with "When", has a comma after the condition and says what "will" happen;
- at least one entry under `safety.abort_conditions`;
- a `safety.rollback_plan`.

Completed and aborted experiments are checked too (option `statuses`): their record is
what the next game day starts from.

## Why it matters

Chaos engineering is an experiment, not an outage on purpose: a hypothesis that names
the fault and the expected behaviour can be confirmed or disproved, and the abort
conditions and rollback plan keep the blast radius to what was agreed.

## Failing example

```yaml
# file: services/checkout/experiments/db-latency.yaml
experiment:
  name: checkout-db-latency
  hypothesis: Checkout should be fine with a slow database
  status: planned
  method:
    fault_type: storage
  safety:
    abort_conditions: []
```

## Passing example

```yaml
# file: services/checkout/experiments/db-latency.yaml
experiment:
  name: checkout-db-latency
  hypothesis: When database latency rises fivefold, checkout will keep p99 under 1 s by serving from its cache
  status: planned
  method:
    fault_type: storage
  safety:
    abort_conditions:
      - SLO burn rate above 10x
      - Customer-visible errors
    rollback_plan: Remove the latency fault with `chaos stop db-latency`
```

## Options

- `statuses` (list, default all statuses): experiment statuses to check.

## How to fix

Rewrite the hypothesis in the "When …, … will …" form and fill in the safety block
(the template suggests abort conditions).

## References

- Guide, Phase 7: *Chaos Experiment Template* (`hypothesis`, `safety`).
- Guide, Phase 7: *Game Day Runbook* (abort conditions defined beforehand).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from sre_docs.lint.policy import LintRepo, Option, Problem, problem, problem_at_kind
from sre_docs.policies._common import all_of_kind, listed
from sre_docs.schemas.vocabulary import EXPERIMENT_STATUSES

ID = "CHS001"
NAME = "experiment-not-safe"
LEVEL = "error"
OPTIONS = {"statuses": Option(list(EXPERIMENT_STATUSES), "Experiment statuses to check.", choices=EXPERIMENT_STATUSES)}

HYPOTHESIS = re.compile(r"^\s*when\b.+?,.+?\bwill\b.+", re.I | re.S)


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    statuses = set(options["statuses"])
    for experiment in all_of_kind(repo, "experiment"):
        if experiment.get("status", default="planned") not in statuses:
            continue
        hypothesis = experiment.get("hypothesis")
        if isinstance(hypothesis, str) and not HYPOTHESIS.match(hypothesis):
            yield problem(experiment, "hypothesis", message="hypothesis must read \"When <fault>, <system> will "
                          "<expected behaviour>\" so the experiment can confirm or disprove it")
        conditions = experiment.get("safety", "abort_conditions")
        if not any(isinstance(c, str) and c.strip() for c in listed(conditions)):
            if conditions is not None:
                yield problem(experiment, "safety", "abort_conditions", message="experiment has no abort conditions")
            else:
                yield problem_at_kind(experiment, "experiment has no abort conditions (safety.abort_conditions)")
        plan = experiment.get("safety", "rollback_plan")
        if not (isinstance(plan, str) and plan.strip()):
            yield problem_at_kind(experiment, "experiment has no rollback plan (safety.rollback_plan)")
