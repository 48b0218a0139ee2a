"""A team spends more than a quarter of its SRE time on toil.

## What it checks

For every `team` with `sre_hours_per_month`, the toil of the services it owns
(`owner_team`), counting items not yet `automated`, must stay at or below `max_pct`
(25%) of those hours. An item's hours are its `total_hours_per_month`, or
`time_per_occurrence_min x occurrences_per_month / 60`. This is the same count the
scorecards use.

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

from sre_docs.calc.toil import TOIL_BUDGET_PCT, toil_hours_per_month, toil_share
from sre_docs.lint.policy import LintRepo, Option, Problem, problem
from sre_docs.policies._common import number

ID = "TOL001"
NAME = "toil-over-budget"
LEVEL = "warning"
OPTIONS = {"max_pct": Option(TOIL_BUDGET_PCT, "Largest share of SRE hours spent on toil.", minimum=0.0, maximum=100.0)}


def hours(item) -> float | None:
    total = number(item.get("total_hours_per_month"))
    if total is not None:
        return total
    each, count = number(item.get("time_per_occurrence_min")), number(item.get("occurrences_per_month"))
    if each is None or count is None or each < 0 or count < 0:
        return None
    return toil_hours_per_month(time_per_occurrence_min=each, occurrences_per_month=count)


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    per_team: dict[str, float] = {}
    for service in repo.services.values():
        owner = service.catalog.get("owner_team") if service.catalog else None
        if not isinstance(owner, str):
            continue
        for item in service.toil:
            if item.get("status") != "automated":
                per_team[owner] = per_team.get(owner, 0.0) + (hours(item) or 0.0)
    for name, team in repo.teams.items():
        available = number(team.get("sre_hours_per_month"))
        spent = per_team.get(name, 0.0)
        if available is None or available <= 0 or spent == 0:
            continue
        share = toil_share(toil_hours=min(spent, available), sre_hours=available, budget_pct=options["max_pct"])
        if spent > available or share.share_pct > options["max_pct"]:
            pct = 100 * spent / available
            yield problem(team, "sre_hours_per_month", message=f"team {name} spends {spent:.1f} h a month on toil, "
                          f"{pct:.1f}% of its {available:g} SRE hours; keep it under {options['max_pct']:g}%")
