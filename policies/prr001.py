"""A critical or important service has no passing production readiness review.

## What it checks

A service whose tier is in `tiers` (critical and important by default) needs a `prr`
document; its latest review (by `date`) must:

- cover every one of the 28 checks of the checklist (a check may be `n/a`, but it must
  be listed);
- have no check with `status: fail`.

A `pass` that the repository contradicts is PRR002's finding, for every service with a
review. For the checks the repo can answer, `repo_evidence` gives the answer (an SLI
exists, every alert has a runbook by ALR001's rule, paging alerts escalate by ALR002's,
the catalog turns tracing on, a capacity model declares auto-scaling, …). `sre-docs prr`
(which counts a contradicted check as blocking) and the scorecards' readiness criteria use
the same predicate (`readiness`), so the three agree. A new service of another tier needs
a review too (PRR003).

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
  oncall_rotation: payments-primary
# file: org/oncall/payments-primary.yaml
oncall_rotation:
  name: payments-primary
  team: payments
  members: [amara, jonas]
  primary: [amara, jonas]
  secondary: [jonas, amara]
# file: org/error_budget_policy.yaml
error_budget_policy:
  budget_states:
    healthy: {condition: remaining_budget > 50%, actions: [Ship at the usual pace]}
    warning: {condition: remaining_budget 25-50%, actions: [No chaos experiments]}
    critical: {condition: remaining_budget 0-25%, actions: [Reliability work only]}
    exhausted: {condition: remaining_budget <= 0, actions: [Deploy freeze]}
# file: services/checkout/slis.yaml
sli:
  name: availability
  type: availability
# file: services/checkout/alerts.yaml
alert:
  name: checkout-errors
  service: checkout
  severity: P1
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

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from sre_docs.lint.policy import LintRepo, Option, Problem, problem
from sre_docs.model.repository import Document, Repository, Service
from sre_docs.policies._common import listed, tier_of
from sre_docs.lint.promql import is_placeholder
from sre_docs.policies.alr001 import runbook_gaps
from sre_docs.policies.alr002 import escalation_gaps
from sre_docs.policies.log001 import missing_log_fields
from sre_docs.schemas.vocabulary import PRR_CHECK_IDS, TIERS
from sre_docs.words import counted

ID = "PRR001"
NAME = "production-readiness"
LEVEL = "error"
OPTIONS = {"tiers": Option(["critical", "important"], "Tiers that need a passing review.", choices=TIERS)}


def _flag(service: Service, *path: str) -> tuple[bool | None, str]:
    """A catalog switch: on, explicitly off, or not recorded (None: the catalog is silent, which proves nothing)."""
    value = service.catalog.get(*path) if service.catalog is not None else None
    where = f"catalog: {'.'.join(path)}"
    if value is None:
        return None, where
    return (True, where) if value else (False, f"{where} is off")


def autoscaling_declared(service: Service) -> tuple[bool | None, str]:
    """A capacity model declares auto-scaling with room to scale (``max_instances`` above ``min_instances``).

    The one rule behind the PRR check ``capacity.autoscaling-tested`` and the scorecard's auto-scaling
    criterion. False when a capacity model says ``auto_scaling: false`` and none says true; None when no
    capacity model says either way.
    """
    said_no = None
    for model in service.capacity_models:
        strategy = model.get("scaling_strategy", default={})
        strategy = strategy if isinstance(strategy, dict) else {}
        low, high = strategy.get("min_instances"), strategy.get("max_instances")
        if strategy.get("auto_scaling") is True and not (isinstance(low, int) and isinstance(high, int) and high <= low):
            return True, f"auto-scaling in {model.path}"
        if strategy.get("auto_scaling") is False and said_no is None:
            said_no = model.path
    if said_no is not None:
        return False, f"{said_no}: scaling_strategy.auto_scaling is false"
    return None, "no capacity model declares auto-scaling"


def repo_evidence(repo: Repository, service: Service) -> dict[str, Callable[[], tuple[bool | None, str]]]:
    """For each checklist item the repository itself can answer: (what it shows, in words), computed on demand.

    True: the repo shows it. False: the repo shows otherwise (no SLIs, an alert without its runbook by
    ALR001's rule, tracing switched off in the catalog, a capacity model without auto-scaling, …); a review
    that passes such a check is contradicted. None: the repo does not record it either way, which
    contradicts nothing. Items not listed (circuit breakers, secrets, backups, a tested rollback, …) leave
    no trace in the documents, so the review's word stands for them.
    """
    catalog = service.catalog
    rotation = catalog.get("oncall_rotation") if catalog else None

    def alerts_with_runbooks() -> tuple[bool | None, str]:
        count = len(service.alerts) + sum(1 for _ in service.burn_rate_alerts())
        if not count:
            return False, "no alerts defined"
        missing = sorted({gap.alert for gap in runbook_gaps(repo, service)})
        if missing:
            return False, f"no runbook for {', '.join(missing)} (ALR001)"
        unwritten = sorted(str(a.get("name")) for a in service.alerts if is_placeholder(a.get("expr")))
        if unwritten:
            return False, f"no expression yet for {', '.join(unwritten)} (ALR008)"
        return True, f"{counted(count, 'alert')}, all with runbooks"

    def escalation() -> tuple[bool | None, str]:
        unescalated = sorted({gap.alert for gap in escalation_gaps(repo, service)})
        if unescalated:
            return False, f"no escalation contact in the runbook of paging alert {', '.join(unescalated)} (ALR002)"
        rot = repo.rotations.get(rotation) if isinstance(rotation, str) else None
        if rot is not None and rot.get("escalation", "contact"):
            return True, f"rotation {rotation} escalates to {rot.get('escalation', 'contact')}"
        with_contact = [d for d in service.runbooks if d.get("escalation", "contact")]
        if with_contact:
            return True, f"{counted(len(with_contact), 'runbook')} {'names' if len(with_contact) == 1 else 'name'} an escalation contact"
        return None, "no rotation or runbook names an escalation contact"

    def stakeholders() -> tuple[bool | None, str]:
        if any(d.get("stakeholders") for d in service.slos):
            return True, "an SLO lists its stakeholders"
        return None, "no SLO lists stakeholders"

    def policy() -> tuple[bool | None, str]:
        found = repo.budget_policy_for(service.name) is not None
        return found, "error budget policy found" if found else "no error budget policy"

    def dashboards() -> tuple[bool | None, str]:
        found, _ = _flag(service, "observability", "dashboards")
        text = {True: "dashboards linked in the catalog", False: "no dashboards in the catalog",
                None: "catalog: observability.dashboards"}
        return found, text[found]

    def structured_logging() -> tuple[bool | None, str]:
        says, where = _flag(service, "observability", "structured_logging")
        if says is not True:
            return says, where
        missing = missing_log_fields(service)
        if missing:
            return False, f"log_fields miss {', '.join(missing)} (LOG001)"
        return True, "catalog: structured logging with the standard's log fields"

    def load_test() -> tuple[bool | None, str]:
        tested = [m.get("last_load_test") for m in service.capacity_models if m.get("last_load_test")]
        return (True, f"last load test {tested[0]}") if tested else (None, "no load test recorded")

    def runbooks(at_least: int) -> Callable[[], tuple[bool | None, str]]:
        def count() -> tuple[bool | None, str]:
            found = len(service.runbooks)
            if found >= at_least:
                return True, counted(found, "runbook")
            return (None if found else False), counted(found, "runbook")  # others may live in a wiki; none at all is a gap
        return count

    return {
        "slos.slis-defined": lambda: (bool(service.slis), counted(len(service.slis), "SLI")),
        "slos.targets-agreed": stakeholders,
        "slos.budget-policy": policy,
        "monitoring.golden-signals": dashboards,
        "monitoring.alerts-with-runbooks": alerts_with_runbooks,
        "monitoring.structured-logging": structured_logging,
        "monitoring.tracing": lambda: _flag(service, "observability", "tracing"),
        "incidents.oncall-rotation": lambda: (rotation in repo.rotations,
                                              f"rotation {rotation}" if rotation in repo.rotations else "no known on-call rotation"),
        "incidents.escalation-paths": escalation,
        "incidents.top5-runbooks": runbooks(5),
        "capacity.load-tested-2x": load_test,
        "capacity.autoscaling-tested": lambda: autoscaling_declared(service),
        "deploy.feature-flags": lambda: _flag(service, "automation", "feature_flags"),
        "docs.operational-runbook": runbooks(1),
    }


@dataclass(frozen=True)
class ReadinessCheck:
    """One checklist item: the review's status (``missing`` when absent), what the repo shows, and the verdict."""

    id: str
    index: int | None  # position in the review's ``checks``
    entry: dict[str, Any]
    status: str
    repo_says: bool | None
    repo_detail: str | None

    @property
    def contradicted(self) -> bool:
        """The review says ``pass`` and the repository shows otherwise."""
        return self.status == "pass" and self.repo_says is False

    @property
    def passes(self) -> bool:
        """``pass`` the repo does not contradict, or ``n/a`` (the reviewers decided it does not apply)."""
        return (self.status == "pass" and not self.contradicted) or self.status == "n/a"

    @property
    def blocks(self) -> bool:
        """A check that fails, is missing or is contradicted blocks production."""
        return self.status in ("fail", "missing") or self.contradicted


def readiness(repo: Repository, service: Service, review: Document | None) -> list[ReadinessCheck]:
    """Every checklist item of the review, in checklist order, with the repo's evidence beside it."""
    recorded: dict[str, tuple[int, dict[str, Any]]] = {}
    if review is not None:
        for index, item in enumerate(listed(review.get("checks"))):
            if isinstance(item, dict) and isinstance(item.get("id"), str) and item["id"] not in recorded:
                recorded[item["id"]] = (index, item)
    evidence = repo_evidence(repo, service)
    rows = []
    for check_id in PRR_CHECK_IDS:
        position: int | None
        position, entry = recorded.get(check_id, (None, {}))
        status: str = entry["status"] if isinstance(entry.get("status"), str) else "missing"
        says, detail = evidence[check_id]() if check_id in evidence else (None, None)
        rows.append(ReadinessCheck(check_id, position, entry, status, says, detail))
    return rows


def review_problems(repo: LintRepo, service: Service, who: str, at: tuple[str, ...] = ("tier",)) -> Iterator[Problem]:
    """What keeps the service's latest review from passing: no review, failing checks, checks not covered.

    ``who`` names the service in the "no review" message ("critical service checkout", "new service
    ledger (launch 2026-11-20)") and ``at`` the catalog field that finding points at. PRR001 and PRR003 share
    it, so the bar is one bar.
    """
    review = service.prr
    if review is None and repo.unreadable_in(service.folder):
        return  # the review may be in the file that failed to load; its own error says why
    if review is None:
        if service.catalog is None:
            return  # no catalog entry to point at: CAT005 reports the missing service document
        yield problem(service.catalog, *at, message=f"{who} has no production readiness review (prr)")
        return
    seen = set()
    for index, item in enumerate(listed(review.get("checks"))):
        if not isinstance(item, dict):
            continue
        seen.add(item.get("id"))
        if item.get("status") == "fail":
            yield problem(review, "checks", index, "status", message=f"readiness check {item.get('id')} fails")
    missing = [check_id for check_id in PRR_CHECK_IDS if check_id not in seen]
    if missing:
        shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
        yield problem(review, "checks", key=True, message=f"review does not cover {len(missing)} of the "
                      f"{len(PRR_CHECK_IDS)} checks: {shown}")


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    tiers = set(options["tiers"])
    for name, service in repo.services.items():
        tier = tier_of(service)
        if tier not in tiers or service.catalog is None:
            continue
        yield from review_problems(repo, service, f"{tier} service {name}")
