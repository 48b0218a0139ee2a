"""A chaos experiment lacks a testable hypothesis, abort conditions or a rollback plan.

## What it checks

Every `experiment` needs:

- a `hypothesis` of the form "When <fault>, <the system> will <expected behaviour>":
  it starts with "When", has a comma after the condition and says what "will" happen;
- at least one entry under `safety.abort_conditions`;
- a `safety.rollback_plan`.

Completed and aborted experiments are checked too (option `statuses`): their record is
what the next game day starts from.

The scorecards' criterion "every experiment states its steady state, abort conditions and
rollback plan" and the chaos maturity level (a production experiment counts only with
abort conditions) call this policy's predicates (`safety_gaps`, `has_abort_conditions`).

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
from dataclasses import dataclass

from sre_docs.lint.policy import LintRepo, Option, Problem, problem, problem_at_kind
from sre_docs.model.repository import Document
from sre_docs.policies._common import all_of_kind, listed
from sre_docs.schemas.vocabulary import EXPERIMENT_STATUSES

ID = "CHS001"
NAME = "experiment-not-safe"
LEVEL = "error"
READS = "service"
OPTIONS = {"statuses": Option(list(EXPERIMENT_STATUSES), "Experiment statuses to check.", choices=EXPERIMENT_STATUSES)}

HYPOTHESIS = re.compile(r"^\s*when\b.+?,.+?\bwill\b.+", re.I | re.S)


@dataclass(frozen=True)
class SafetyGap:
    """One missing safety element of an experiment: the field it concerns and what is wrong."""

    field: str  # "hypothesis", "abort_conditions" or "rollback_plan"
    message: str
    #: Path below the document to point at, or None for the document's kind key.
    path: tuple[str, ...] | None


def has_abort_conditions(experiment: Document) -> bool:
    """At least one non-blank string under ``safety.abort_conditions``."""
    return any(isinstance(c, str) and c.strip() for c in listed(experiment.get("safety", "abort_conditions")))


def safety_gaps(experiment: Document) -> list[SafetyGap]:
    """What the experiment lacks: a testable hypothesis, abort conditions, a rollback plan (in that order)."""
    gaps = []
    hypothesis = experiment.get("hypothesis")
    if isinstance(hypothesis, str) and not HYPOTHESIS.match(hypothesis):
        gaps.append(SafetyGap("hypothesis", "hypothesis must read \"When <fault>, <system> will <expected behaviour>\" "
                              "so the experiment can confirm or disprove it", ("hypothesis",)))
    if not has_abort_conditions(experiment):
        if experiment.get("safety", "abort_conditions") is not None:
            gaps.append(SafetyGap("abort_conditions", "experiment has no abort conditions", ("safety", "abort_conditions")))
        else:
            gaps.append(SafetyGap("abort_conditions", "experiment has no abort conditions (safety.abort_conditions)", None))
    plan = experiment.get("safety", "rollback_plan")
    if not (isinstance(plan, str) and plan.strip()):
        gaps.append(SafetyGap("rollback_plan", "experiment has no rollback plan (safety.rollback_plan)", None))
    return gaps


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    statuses = set(options["statuses"])
    for experiment in all_of_kind(repo, "experiment"):
        if experiment.get("status", default="planned") not in statuses:
            continue
        for gap in safety_gaps(experiment):
            if gap.path is None:
                yield problem_at_kind(experiment, gap.message)
            else:
                yield problem(experiment, *gap.path, message=gap.message)
