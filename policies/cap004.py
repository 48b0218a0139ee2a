"""A capacity model is past its review, or the guide's load tests are missing, stale or failed.

## What it checks

For every `capacity_model`:

- `last_review` must be given and no older than its `review_cadence` allows: 92 days
  for `quarterly` (the default, the guide's full capacity review), 31 for `monthly`;
- each scenario in `scenarios` (the guide's five load-testing benchmarks: baseline,
  growth at 2x peak, spike at 10x, soak at 1.5x for 4 hours, stress until it breaks)
  must have a run in `load_tests`; its latest run must be at most
  `load_test_max_age_days` (92) old and must have passed.

## Why it matters

A capacity model is a forecast, and forecasts drift: the guide updates the growth
model monthly and reviews capacity in full every quarter. Its numbers also rest on load
tests; each scenario answers a different question (does scaling work, do circuit
breakers hold, does memory leak, where is the real limit), and a scenario never run is a
question nobody has answered.

## Failing example

```yaml
# file: sre-docs.yaml
today: 2026-11-26
# file: services/checkout/capacity.yaml
capacity_model:
  service: checkout
  bottleneck_resource: connections
  load_tests:
    - scenario: baseline
      date: 2026-10-21
      result: pass
    - scenario: growth
      date: 2026-10-21
      result: pass
    - scenario: spike
      date: 2026-10-21
      result: fail
    - scenario: soak
      date: 2026-05-02
      result: pass
  review_cadence: quarterly
  last_review: 2026-08-01
```

## Passing example

```yaml
# file: sre-docs.yaml
today: 2026-11-26
# file: services/checkout/capacity.yaml
capacity_model:
  service: checkout
  bottleneck_resource: connections
  load_tests:
    - scenario: baseline
      date: 2026-10-21
      result: pass
    - scenario: growth
      date: 2026-10-21
      result: pass
    - scenario: spike
      date: 2026-10-21
      result: pass
    - scenario: soak
      date: 2026-10-22
      result: pass
    - scenario: stress
      date: 2026-10-23
      result: pass
  review_cadence: quarterly
  last_review: 2026-11-02
```

## Options

- `scenarios` (list, default all five): the load-test scenarios every model must record.
- `load_test_max_age_days` (number, default 92): oldest acceptable latest run of a scenario.

## How to fix

Hold the review and write its date in `last_review`; run the missing, stale or failed
scenarios and record each run in `load_tests`.

## References

- Guide, Phase 9: *Capacity Planning Cadence* and *Load Testing Benchmarks*.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from sre_docs.calc.capacity import (
    LOAD_TEST_MAX_AGE_DAYS, LOAD_TEST_SCENARIOS, REVIEW_CADENCE_DAYS, LoadTestRun, days_overdue, latest_load_tests,
)
from sre_docs.lint.policy import LintRepo, Option, Problem, problem, problem_at_kind
from sre_docs.policies._common import all_of_kind, date_of, listed

ID = "CAP004"
NAME = "capacity-review-overdue"
LEVEL = "warning"
_NAMES = [scenario.name for scenario in LOAD_TEST_SCENARIOS]
_TARGETS = {scenario.name: scenario.target for scenario in LOAD_TEST_SCENARIOS}
OPTIONS = {
    "scenarios": Option(list(_NAMES), "Load-test scenarios every model must record.", choices=tuple(_NAMES)),
    "load_test_max_age_days": Option(float(LOAD_TEST_MAX_AGE_DAYS), "Oldest acceptable latest run of a scenario, "
                                     "in days.", minimum=0.0),
}


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    max_age = int(options["load_test_max_age_days"])
    for model in all_of_kind(repo, "capacity_model"):
        yield from _review(repo.today, model)
        latest = latest_load_tests(load_test_runs(model))
        missing = [name for name in options["scenarios"] if name not in latest]
        if missing:
            message = (f"no {', '.join(missing)} load test recorded; the guide runs {len(options['scenarios'])} "
                       f"scenarios: {', '.join(options['scenarios'])}")
            yield (problem(model, "load_tests", message=message, key=True) if model.get("load_tests") is not None
                   else problem_at_kind(model, message))
        for name in options["scenarios"]:
            if name not in latest:
                continue
            day, index = latest[name].day, latest[name].index
            late = days_overdue(last=day, today=repo.today, max_age_days=max_age)
            if late:
                yield problem(model, "load_tests", index, "date",
                              message=f"the last {name} load test ran on {day.isoformat()}, "
                              f"{(repo.today - day).days} days ago; run it at least every {max_age} days")
            if model.get("load_tests", index, "result") == "fail":
                yield problem(model, "load_tests", index, "result",
                              message=f"the last {name} load test ({day.isoformat()}) failed its target "
                              f"({_TARGETS[name]}); fix and run it again")


def load_test_runs(model) -> list[LoadTestRun]:
    """The model's recorded load-test runs that name a scenario and a date (the schema reports the others)."""
    runs = []
    for index, run in enumerate(listed(model.get("load_tests"))):
        day = date_of(run.get("date")) if isinstance(run, dict) else None
        name = run.get("scenario") if isinstance(run, dict) else None
        if day is not None and isinstance(name, str):
            result = run.get("result")
            runs.append(LoadTestRun(name, day, result if isinstance(result, str) else None, index))
    return runs


def _review(today: dt.date, model) -> Iterator[Problem]:
    cadence = model.get("review_cadence")
    cadence = cadence if cadence in REVIEW_CADENCE_DAYS else "quarterly"
    allowed = REVIEW_CADENCE_DAYS[cadence]
    reviewed = date_of(model.get("last_review"))
    if reviewed is None:
        yield problem_at_kind(model, f"no last_review: the model gets a full {cadence} review (every {allowed} days)")
        return
    late = days_overdue(last=reviewed, today=today, max_age_days=allowed)
    if late:
        yield problem(model, "last_review",
                      message=f"last_review {reviewed.isoformat()} is {(today - reviewed).days} days old, {late} "
                      f"days past its {cadence} review (every {allowed} days)")
