"""A completed game day has unchecked or missing checklist items.

## What it checks

An `experiment` with `status: completed` that people ran (it is not `automated: true`) is
a game day, and the guide's game day runbook has three checklists: 6 items before, 8 on
the day and 4 after. The experiment's `game_day` records them, one `true` per item done:

| phase | items |
|-------|-------|
| `pre` | designed-and-reviewed, steady-state-identified, abort-conditions-defined, participants-briefed, rollback-tested, stakeholders-notified |
| `during` | steady-state-verified, announced, fault-injected, observed-and-documented, abort-watched, planned-duration, fault-removed, recovery-verified |
| `post` | results-documented, surprises-noted, action-items-created, findings-shared |

Reported: a completed game day without `game_day`, without one of the three phases, or
with items of a phase that are `false` or not listed (one finding per phase, naming them).
`sre-docs chaos plan` writes all 18 items as `false`, to be ticked off as the game day goes.

Automated experiments (continuous chaos) have no game day and are not checked.

## Why it matters

The checklists are what makes a game day safe and worth the budget it spends: nobody
injects a fault before the abort conditions are defined and the stakeholders know, and
nobody calls it done before the results are written down and shared. An unticked "Share
findings in team meeting" is a lesson only the participants learnt.

## Failing example

```yaml
# file: services/checkout/experiments/db-latency.yaml
experiment:
  name: checkout-db-latency
  hypothesis: When the database slows to 500 ms, checkout will serve from its cache
  status: completed
  method:
    fault_type: storage
  game_day:
    pre: {designed-and-reviewed: true, steady-state-identified: true, abort-conditions-defined: true, participants-briefed: true, rollback-tested: true, stakeholders-notified: false}
    during: {steady-state-verified: true, announced: true, fault-injected: true, observed-and-documented: true, abort-watched: true, planned-duration: true, fault-removed: true, recovery-verified: true}
```

## Passing example

```yaml
# file: services/checkout/experiments/db-latency.yaml
experiment:
  name: checkout-db-latency
  hypothesis: When the database slows to 500 ms, checkout will serve from its cache
  status: completed
  method:
    fault_type: storage
  game_day:
    pre: {designed-and-reviewed: true, steady-state-identified: true, abort-conditions-defined: true, participants-briefed: true, rollback-tested: true, stakeholders-notified: true}
    during: {steady-state-verified: true, announced: true, fault-injected: true, observed-and-documented: true, abort-watched: true, planned-duration: true, fault-removed: true, recovery-verified: true}
    post: {results-documented: true, surprises-noted: true, action-items-created: true, findings-shared: true}
```

## Options

None.

## How to fix

Finish what the list asks (write up the results, share them, create the action items)
and set each item to `true`. An item that did not happen stays `false` and the finding
stays until it does, or is suppressed with the reason.

## References

- Guide, Phase 7: *Game Day Runbook* (pre-game, game day and post-game checklists).
"""

from __future__ import annotations

from collections.abc import Iterator

from sre_docs.lint.policy import LintRepo, Problem, problem
from sre_docs.schemas.vocabulary import GAME_DAY_CHECKLIST

ID = "CHS003"
NAME = "game-day-checklist"
LEVEL = "error"
READS = "service"
OPTIONS: dict = {}


def unchecked_items(game_day: object) -> dict[str, list[str] | None]:
    """Per phase of the game day runbook, the items not ticked (``None``: the phase is not recorded at all)."""
    recorded = game_day if isinstance(game_day, dict) else {}
    gaps: dict[str, list[str] | None] = {}
    for phase, items in GAME_DAY_CHECKLIST.items():
        ticks = recorded.get(phase)
        if not isinstance(ticks, dict):
            gaps[phase] = None
            continue
        missing = [item for item, _ in items if ticks.get(item) is not True]
        if missing:
            gaps[phase] = missing
    return gaps


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    for service in repo.services.values():
        for experiment in service.experiments:
            if experiment.get("status") != "completed" or experiment.get("automated") is True:
                continue
            name = experiment.get("name")
            game_day = experiment.get("game_day")
            if game_day is None:
                yield problem(experiment, "status", message=f"game day {name!r} is completed but records no game_day "
                              "checklist (pre, during, post: the 18 items of the guide's game day runbook)")
                continue
            for phase, missing in unchecked_items(game_day).items():
                total = len(GAME_DAY_CHECKLIST[phase])
                if missing is None:
                    yield problem(experiment, "game_day", key=True, message=f"game day {name!r} is completed but "
                                  f"records no {phase} checklist (game_day.{phase}, {total} items)")
                else:
                    yield problem(experiment, "game_day", phase, key=True, message=f"game day {name!r} is completed "
                                  f"with {len(missing)} of {total} {phase} items not done: {', '.join(missing)}")
