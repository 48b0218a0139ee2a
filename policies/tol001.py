"""A team spends more than a quarter of its SRE time on toil.

## What it checks

For every `team` with `sre_hours_per_month`, its toil must stay at or below `max_pct`
(25%) of those hours. A team's toil is counted by the one rule that `sre-docs toil audit`,
the monthly report, the handbook's toil page and the scorecards share
(`sre_docs/model/toil_hours.py`):

- an item's hours are `time_per_occurrence_min x occurrences_per_month / 60`, or its
  `total_hours_per_month` when those two are not given (TOL002 reports a total that
  disagrees with them);
- an item belongs to the teams in its `teams_affected`, else to the `owner_team` of its
  service; an item shared by several teams is split evenly between them;
- items whose status is `automated` are no longer toil.

## Why it matters

Toil grows with the service while the team does not. Past a quarter of the team's time,
there is not enough left to automate it away, and the team turns into an operations
queue. The guide's rule: above 25%, automation comes before feature work.

## Failing example

```yaml
# file: org/teams.yaml
team:
  name: payments
  sre_hours_per_month: 160
# file: services/checkout/service.yaml
service:
  name: checkout
  tier: critical
  owner_team: payments
# file: services/checkout/toil.yaml
toil_item:
  name: Manual certificate renewal
  category: config
  time_per_occurrence_min: 120
  occurrences_per_month: 25
  status: identified
```

## Passing example

```yaml
# file: org/teams.yaml
team:
  name: payments
  sre_hours_per_month: 160
# file: services/checkout/service.yaml
service:
  name: checkout
  tier: critical
  owner_team: payments
# file: services/checkout/toil.yaml
toil_item:
  name: Manual certificate renewal
  category: config
  time_per_occurrence_min: 120
  occurrences_per_month: 25
  status: automated
```

## Options

- `max_pct` (number, default 25.0): largest acceptable share of SRE hours spent on toil.

## How to fix

Automate the largest items first (the handbook's toil matrix ranks them), or record the
team's real SRE hours if they are higher.

## References

- Guide, Phase 8: *Toil Budget Rule* (below 25% of SRE time) and *Toil Reduction
  Priority Matrix*.
"""

from __future__ import annotations

from collections.abc import Iterator

from sre_docs.calc.toil import TOIL_BUDGET_PCT, toil_share
from sre_docs.lint.policy import LintRepo, Option, Problem, problem
from sre_docs.model.toil_hours import team_toil
from sre_docs.policies._common import number

ID = "TOL001"
NAME = "toil-over-budget"
LEVEL = "warning"
OPTIONS = {"max_pct": Option(TOIL_BUDGET_PCT, "Largest share of SRE hours spent on toil.", minimum=0.0, maximum=100.0)}


def over_budget(toil_hours: float, sre_hours: float, max_pct: float) -> bool:
    """The rule of this policy and of the scorecards' toil criteria: more than ``max_pct`` of SRE hours on toil.

    Exactly ``max_pct`` is within budget; more toil than SRE hours (a share over 100%) is over it.
    """
    return toil_share(toil_hours=toil_hours, sre_hours=sre_hours, budget_pct=max_pct).over_budget


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    per_team = team_toil(repo)
    for name, team in repo.teams.items():
        available = number(team.get("sre_hours_per_month"))
        spent = per_team[name].toil_hours if name in per_team else 0.0
        if available is None or available <= 0 or spent == 0:
            continue
        if over_budget(spent, available, options["max_pct"]):
            pct = 100 * spent / available
            yield problem(team, "sre_hours_per_month", message=f"team {name} spends {spent:.1f} h a month on toil, "
                          f"{pct:.1f}% of its {available:g} SRE hours; keep it under {options['max_pct']:g}%")
