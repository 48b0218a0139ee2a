"""A service names an owner team or on-call rotation that does not exist.

## What it checks

A `service` document's `owner_team` must be the `name` of a `team` document under
`org/`, and its `oncall_rotation`, when given, the `name` of an `oncall_rotation`
document under `org/oncall/`.

## Why it matters

Ownership is what turns a finding, a page or a postmortem action into someone's work.
An owner that does not exist means alerts route to nobody and scorecards credit no team.

## Failing example

```yaml
# file: services/checkout/service.yaml
service:
  name: checkout
  tier: critical
  owner_team: paymnets
# file: org/teams.yaml
team:
  name: payments
```

## Passing example

```yaml
# file: services/checkout/service.yaml
service:
  name: checkout
  tier: critical
  owner_team: payments
  oncall_rotation: payments-primary
# file: org/teams.yaml
team:
  name: payments
# file: org/oncall/payments-primary.yaml
oncall_rotation:
  name: payments-primary
  team: payments
  members: [ana, bo, cy, di, ed]
  primary: [ana, bo, cy, di, ed]
  secondary: [bo, cy, di, ed, ana]
```

## Options

None.

## How to fix

Correct the name (the message suggests the closest), or add the team to `org/teams.yaml`
or the rotation under `org/oncall/`.

## References

- Guide, Phase 1: *Service Catalog Entry* (`owner_team`, `oncall_rotation`).
- Guide, Phase 10: *On-Call Rotation Best Practices*.
"""

from __future__ import annotations

from collections.abc import Iterator

from sre_docs.lint.policy import LintRepo, Problem, problem
from sre_docs.policies._common import suggest

ID = "CAT003"
NAME = "unknown-owner"
LEVEL = "error"
READS = "service"
OPTIONS: dict = {}


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    teams, rotations = repo.teams, repo.rotations
    for service in repo.services.values():
        catalog = service.catalog
        if catalog is None:
            continue
        team = catalog.get("owner_team")
        if isinstance(team, str) and team not in teams:
            yield problem(catalog, "owner_team",
                          message=f"owner team {team!r} is not a team in org/{suggest(team, teams)}")
        rotation = catalog.get("oncall_rotation")
        if isinstance(rotation, str) and rotation not in rotations:
            yield problem(catalog, "oncall_rotation",
                          message=f"on-call rotation {rotation!r} is not a rotation in org/oncall/{suggest(rotation, rotations)}")
