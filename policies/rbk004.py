"""A runbook has not been tested for too long.

## What it checks

A runbook's `last_tested` is the day someone last followed it for real -- in a drill, a
game day or an incident -- and it worked. A runbook whose `last_tested` is more than
`max_age_days` days (180 by default) before today is reported, and so is one tested
"after today" (a typo that would otherwise pass for ever). With `require_test: true`, a
runbook with no `last_tested` at all is reported too.

The scorecards' documentation criterion "runbooks tested" uses the same rule
(`runbook_test_state` below), except that there a runbook never tested never counts.

"Today" is the real date unless the configuration (`today:`) or the `SRE_DOCS_TODAY`
environment variable pins it.

## Why it matters

A runbook can be current (RBK001) and still fail at 3 AM: a command needs a permission
the on-call engineer lacks, a dashboard link is dead, a rollback step was never tried.
The guide's rubric asks for "complete, current, tested runbooks"; only running them
shows they work.

## Failing example

```yaml
# file: sre-docs.yaml
today: 2026-11-20
# file: services/checkout/runbooks/high-latency.yaml
runbook:
  title: Checkout latency is high
  alert_name: checkout-high-latency
  last_updated: 2026-11-01
  last_tested: 2026-03-01
```

## Passing example

```yaml
# file: sre-docs.yaml
today: 2026-11-20
# file: services/checkout/runbooks/high-latency.yaml
runbook:
  title: Checkout latency is high
  alert_name: checkout-high-latency
  last_updated: 2026-11-01
  last_tested: 2026-10-15
```

## Options

- `max_age_days` (whole number, default 180): age after which a runbook's test is too old.
- `require_test` (true/false, default false): report runbooks that were never tested.

## How to fix

Follow the runbook in a drill or the next game day, fix what did not work, and set
`last_tested` to that day.

## References

- Guide, Quality Scoring Rubric: documentation at level 5 ("complete, current, tested runbooks").
- Guide, Phase 7: *Game Day Runbook* ("Runbacks tested in staging").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from enum import StrEnum

from sre_docs.lint.policy import LintRepo, Option, Problem, problem
from sre_docs.policies._common import date_of

ID = "RBK004"
NAME = "untested-runbook"
LEVEL = "warning"
READS = "service"
DEFAULT_MAX_AGE_DAYS = 180
OPTIONS = {
    "max_age_days": Option(DEFAULT_MAX_AGE_DAYS, "Age in days after which a runbook's last test is too old.", minimum=1),
    "require_test": Option(False, "Report runbooks that have no last_tested date."),
}


class RunbookTestState(StrEnum):
    """Where a runbook's last test stands."""

    CURRENT = "current"
    STALE = "stale"
    NEVER = "never"
    FUTURE = "future"


def runbook_test_state(last_tested: dt.date | None, today: dt.date, max_age_days: int) -> RunbookTestState:
    """The rule of this policy and of the scorecards' "runbooks tested" criterion.

    Tested exactly ``max_age_days`` ago is still current; a day more is stale.
    """
    if last_tested is None:
        return RunbookTestState.NEVER
    if last_tested > today:
        return RunbookTestState.FUTURE
    return RunbookTestState.STALE if (today - last_tested).days > max_age_days else RunbookTestState.CURRENT


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    limit = options["max_age_days"]
    for service in repo.services.values():
        for runbook in service.runbooks:
            tested = date_of(runbook.get("last_tested"))
            state = runbook_test_state(tested, repo.today, limit)
            if state is RunbookTestState.STALE and tested is not None:
                yield problem(runbook, "last_tested", message=f"runbook last tested {tested.isoformat()}, more than "
                              f"{limit} days ago; follow it in a drill or game day at least every {limit} days")
            elif state is RunbookTestState.FUTURE and tested is not None:
                yield problem(runbook, "last_tested", message=f"last_tested {tested.isoformat()} is after today "
                              f"({repo.today.isoformat()})")
            elif state is RunbookTestState.NEVER and options["require_test"]:
                yield problem(runbook, "title", message="runbook has never been tested; follow it in a drill or "
                              "game day and record the day in last_tested")
