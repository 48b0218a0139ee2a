"""A readiness review passes a check that the repository contradicts.

## What it checks

For every service with a `prr` document, whatever its tier, each check its latest review
marks `pass` is compared with what the repository itself shows. The comparison is PRR001's
`readiness`, and its evidence calls the policies' own predicates, not copies of them:

| check | the repo says "no" when |
|-------|-------------------------|
| `monitoring.alerts-with-runbooks` | there are no alerts; ALR001 finds an alert without its runbook (`runbook_gaps`); ALR008 finds an alert whose `expr` is still a TODO (`is_placeholder`) |
| `incidents.escalation-paths` | ALR002 finds a paging alert whose runbook names no escalation contact (`escalation_gaps`) |
| `monitoring.structured-logging` | LOG001 finds the catalog's log fields missing a required field (`missing_log_fields`), or the catalog turns structured logging off |
| `slos.slis-defined` | the service has no SLI |
| `slos.budget-policy` | no error budget policy applies to it |
| `monitoring.golden-signals` | the catalog lists no dashboards |
| `monitoring.tracing`, `deploy.feature-flags` | the catalog turns them off |
| `incidents.oncall-rotation` | the catalog names no known on-call rotation |
| `incidents.top5-runbooks`, `docs.operational-runbook` | the service has no runbook at all |
| `capacity.autoscaling-tested` | a capacity model turns auto-scaling off |

So "alerting configured with runbooks: pass" while ALR001 fails is a finding here, and
`sre-docs prr` counts the same check as blocking.

## Why it matters

A review is a snapshot of what people believed on the day. When the repo later says
otherwise (a runbook deleted, tracing switched off), the review still reads "pass", and a
launch or an audit relies on a check that no longer holds.

## Failing example

```yaml
# file: services/checkout/service.yaml
service:
  name: checkout
  tier: standard
  owner_team: payments
# file: services/checkout/alerts.yaml
alert:
  name: checkout-errors
  service: checkout
  severity: P2
  signal: errors
  condition: 5xx ratio above 2% for 10 minutes
  runbook: runbooks/errors.yaml
# file: services/checkout/prr.yaml
prr:
  service: checkout
  date: 2026-10-01
  checks:
    - {id: monitoring.alerts-with-runbooks, status: pass}
```

## Passing example

```yaml
# file: services/checkout/service.yaml
service:
  name: checkout
  tier: standard
  owner_team: payments
# file: services/checkout/alerts.yaml
alert:
  name: checkout-errors
  service: checkout
  severity: P2
  signal: errors
  condition: 5xx ratio above 2% for 10 minutes
  runbook: runbooks/errors.yaml
# file: services/checkout/runbooks/errors.yaml
runbook:
  title: Checkout errors
  alert_name: checkout-errors
  last_updated: 2026-11-02
# file: services/checkout/prr.yaml
prr:
  service: checkout
  date: 2026-10-01
  checks:
    - {id: monitoring.alerts-with-runbooks, status: pass}
```

## Options

None.

## How to fix

Fix what the repo shows (write the runbook, turn tracing back on), or, when the review was
wrong, mark the check `fail` and plan the work.

## References

- Guide, Phase 11: *Production Readiness Review Checklist*.
- Guide, Phase 4: *Alert Design Rules* (every alert must have a runbook link).
"""

from __future__ import annotations

from collections.abc import Iterator

from sre_docs.lint.policy import LintRepo, Problem, problem
from sre_docs.policies.prr001 import readiness

ID = "PRR002"
NAME = "readiness-pass-contradicted"
LEVEL = "error"
READS = "service"
OPTIONS: dict = {}


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    for service in repo.services.values():
        review = service.prr
        if review is None:
            continue
        for row in readiness(repo, service, review):
            if row.contradicted and row.index is not None:
                yield problem(review, "checks", row.index, "status", message=f"readiness check {row.id} passes in "
                              f"the review, but the repo shows otherwise: {row.repo_detail}")
