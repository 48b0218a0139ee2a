"""A critical or important service has no passing production readiness review.

## What it checks

A service whose tier is in `tiers` (critical and important by default) needs a `prr`
document; its latest review (by `date`) must:

- cover every one of the 28 checks of the checklist (a check may be `n/a`, but it must
  be listed);
- have no check with `status: fail`.

## Why it matters

The checklist is the minimum a service needs before it carries production traffic:
SLOs, alerts with runbooks, an on-call rotation, tested rollback, backups that restore.
A skipped check is a question nobody asked until the incident asked it.

## Failing example

```yaml
# file: services/checkout/service.yaml
service:
  name: checkout
  tier: critical
  owner_team: payments
# file: services/checkout/prr.yaml
prr:
  service: checkout
  date: 2026-10-01
  checks:
    - {id: slos.slis-defined, status: pass}
    - {id: capacity.load-tested-2x, status: fail, evidence: tested to 1.2x only}
```

## Passing example

```yaml
# file: services/checkout/service.yaml
service:
  name: checkout
  tier: critical
  owner_team: payments
# file: services/checkout/prr.yaml
prr:
  service: checkout
  date: 2026-10-01
  checks:
    - {id: slos.slis-defined, status: pass}
    - {id: slos.targets-agreed, status: pass}
    - {id: slos.budget-policy, status: pass}
    - {id: monitoring.golden-signals, status: pass}
    - {id: monitoring.alerts-with-runbooks, status: pass}
    - {id: monitoring.structured-logging, status: pass}
    - {id: monitoring.tracing, status: pass}
    - {id: incidents.oncall-rotation, status: pass}
    - {id: incidents.escalation-paths, status: pass}
    - {id: incidents.top5-runbooks, status: pass}
    - {id: capacity.load-tested-2x, status: pass}
    - {id: capacity.autoscaling-tested, status: pass}
    - {id: capacity.resource-limits, status: pass}
    - {id: resilience.graceful-degradation, status: pass}
    - {id: resilience.circuit-breakers, status: pass}
    - {id: resilience.retry-backoff, status: pass}
    - {id: resilience.timeouts, status: pass}
    - {id: deploy.rollback-tested, status: pass}
    - {id: deploy.canary-ready, status: pass}
    - {id: deploy.feature-flags, status: n/a}
    - {id: security.authn-authz, status: pass}
    - {id: security.secrets-in-vault, status: pass}
    - {id: security.dependencies-scanned, status: pass}
    - {id: data.backup-restore-tested, status: pass}
    - {id: data.retention-policy, status: pass}
    - {id: docs.architecture-diagram, status: pass}
    - {id: docs.api-docs, status: pass}
    - {id: docs.operational-runbook, status: pass}
```

## Options

- `tiers` (list, default `[critical, important]`): tiers that need a passing review.

## How to fix

Hold the review (`sre-docs` can scaffold the `prr` document with all 28 checks), fix the
failing checks, and record `n/a` with evidence for checks that do not apply.

## References

- Guide, Phase 11: *Production Readiness Review Checklist*.
"""

from __future__ import annotations

from collections.abc import Iterator

from sre_docs.lint.policy import LintRepo, Option, Problem, problem
from sre_docs.policies._common import listed, tier_of
from sre_docs.schemas.vocabulary import PRR_CHECK_IDS, TIERS

ID = "PRR001"
NAME = "production-readiness"
LEVEL = "error"
OPTIONS = {"tiers": Option(["critical", "important"], "Tiers that need a passing review.", choices=TIERS)}


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    tiers = set(options["tiers"])
    for name, service in repo.services.items():
        tier = tier_of(service)
        if tier not in tiers or service.catalog is None:
            continue
        review = service.prr
        if review is None and repo.unreadable_in(service.folder):
            continue  # the review may be in the file that failed to load; its own error says why
        if review is None:
            yield problem(service.catalog, "tier", message=f"{tier} service {name} has no production readiness "
                          f"review (prr)")
            continue
        seen = set()
        for index, item in enumerate(listed(review.get("checks"))):
            if not isinstance(item, dict):
                continue
            seen.add(item.get("id"))
            if item.get("status") == "fail":
                yield problem(review, "checks", index, "status",
                              message=f"readiness check {item.get('id')} fails")
        missing = [check_id for check_id in PRR_CHECK_IDS if check_id not in seen]
        if missing:
            shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
            yield problem(review, "checks", key=True, message=f"review does not cover {len(missing)} of the "
                          f"{len(PRR_CHECK_IDS)} checks: {shown}")
