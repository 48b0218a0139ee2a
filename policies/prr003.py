"""A new service has no passing production readiness review.

## What it checks

The guide asks for the readiness review "before any new service goes to production",
whatever its tier. A service is **new** when its catalog entry has a `launch_date` (the day
it first takes production traffic) that is in the future or at most `new_days` days (90 by
default) before today. A service without `launch_date` is not judged new: the date is what
makes the rule computable, and `sre-docs new service` writes it.

A new service whose tier is in `tiers` (standard and experimental by default: critical and
important services need a review whatever their age, which is PRR001's rule) must meet
PRR001's bar: a `prr` document whose latest review covers all 28 checks and fails none.
The findings are PRR001's, from the same function (`review_problems`); a `pass` the repo
contradicts is PRR002's.

## Why it matters

A new service is the one nobody has been paged for yet: its alerts, runbooks and rollback
have never been used in anger. A standard-tier service can still take a critical one down
with it, and the review is the cheapest moment to find that out.

## Failing example

```yaml
# file: sre-docs.yaml
today: 2026-11-26
# file: services/ledger/service.yaml
service:
  name: ledger
  tier: standard
  owner_team: payments
  launch_date: 2026-11-20
```

## Passing example

```yaml
# file: sre-docs.yaml
today: 2026-11-26
# file: services/ledger/service.yaml
service:
  name: ledger
  tier: standard
  owner_team: payments
  launch_date: 2026-06-01
```

## Options

- `new_days` (whole number, default 90): how many days after its launch a service still
  counts as new.
- `tiers` (list, default `[standard, experimental]`): tiers held to this rule.

## How to fix

Hold the review before launch (`sre-docs prr SERVICE` shows what the repo already answers),
record it in `prr.yaml`, and fix the failing checks.

## References

- Guide, Phase 11: *Production Readiness Review Checklist* ("Before any new service goes to
  production").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from sre_docs.lint.policy import LintRepo, Option, Problem
from sre_docs.model.repository import Service
from sre_docs.policies._common import date_of, tier_of
from sre_docs.policies.prr001 import review_problems
from sre_docs.schemas.vocabulary import TIERS

ID = "PRR003"
NAME = "new-service-without-review"
LEVEL = "error"
OPTIONS = {
    "new_days": Option(90, "Days after its launch_date that a service still counts as new.", minimum=0),
    "tiers": Option(["standard", "experimental"], "Tiers held to this rule.", choices=TIERS),
}


def launched_recently(service: Service, today: dt.date, new_days: int) -> dt.date | None:
    """The service's launch day when it makes the service new (in the future, or at most ``new_days`` ago)."""
    launch = date_of(service.catalog.get("launch_date")) if service.catalog is not None else None
    if launch is None or (today - launch).days > new_days:
        return None
    return launch


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    tiers = set(options["tiers"])
    for name, service in repo.services.items():
        if service.catalog is None or tier_of(service) not in tiers:
            continue
        launch = launched_recently(service, repo.today, options["new_days"])
        if launch is not None:
            when = "launches" if launch > repo.today else "launched"
            yield from review_problems(repo, service, f"new service {name} ({when} {launch.isoformat()})",
                                       ("launch_date",))
