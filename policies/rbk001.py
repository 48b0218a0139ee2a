"""A runbook has not been touched for too long.

## What it checks

A runbook is stale when it last changed more than `max_age_days` days (90 by default)
before today. When the repo is a git repository, the date is the last commit that
changed the runbook's file (a file with uncommitted edits counts as changed today),
read from one `git log` pass over the whole repo. Otherwise, and for files git does not
know yet, the runbook's own `last_updated` date is used.

"Today" is the real date unless the configuration (`today:`) or the `SRE_DOCS_TODAY`
environment variable pins it.

## Why it matters

Systems change under their runbooks: commands get renamed, dashboards move, the
rollback procedure gains a step. A runbook nobody has looked at for a quarter is likely
to be wrong exactly when it is needed.

## Failing example

```yaml
# file: sre-docs.yaml
today: 2026-11-20
# file: services/checkout/runbooks/high-latency.yaml
runbook:
  title: Checkout latency is high
  alert_name: checkout-high-latency
  last_updated: 2026-03-01
```

## Passing example

```yaml
# file: sre-docs.yaml
today: 2026-11-20
# file: services/checkout/runbooks/high-latency.yaml
runbook:
  title: Checkout latency is high
  alert_name: checkout-high-latency
  last_updated: 2026-10-15
```

## Options

- `max_age_days` (whole number, default 90): age after which a runbook is stale.
- `use_git` (true/false, default true): judge by git history when available.

## How to fix

Walk through the runbook (ideally in a game day), fix what changed, and commit it with
a new `last_updated`.

## References

- Guide, Phase 10: *Runbook Template* (`last_updated`).
- Guide, Quality Scoring Rubric: documentation ("complete, current, tested runbooks").
"""

from __future__ import annotations

from collections.abc import Iterator

from sre_docs.lint.policy import LintRepo, Option, Problem, problem
from sre_docs.policies._common import date_of

ID = "RBK001"
NAME = "stale-runbook"
LEVEL = "warning"
READS = "service"
OPTIONS = {
    "max_age_days": Option(90, "Age in days after which a runbook is stale.", minimum=1),
    "use_git": Option(True, "Judge the age by git history when the repo is a git repository."),
}


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    limit = options["max_age_days"]
    for service in repo.services.values():
        for runbook in service.runbooks:
            changed = repo.history.last_changed(runbook.path) if options["use_git"] else None
            source = "git history"
            if changed is None:
                changed, source = date_of(runbook.get("last_updated")), "last_updated"
            if changed is None:
                continue
            if (repo.today - changed).days > limit:
                # No "N days ago" in the message: it would change daily and defeat baselines.
                yield problem(runbook, "last_updated", message=f"runbook last changed {changed.isoformat()} "
                              f"({source}), more than {limit} days ago; review it at least every {limit} days")
