"""A paging alert's runbook has no escalation path.

## What it checks

Alerts that wake someone up are P0 and P1 `alert` documents, alerts with
`notify: page`, and burn-rate alerts with `severity: page`. At least one runbook of
such an alert (one naming it in `alert_name`, or the file its `runbook:` link points
at) must have an `escalation` with a `contact`.

Alerts without any runbook are left to ALR001.

## Why it matters

A page is a promise that someone will act within minutes. When the first responder
cannot fix it, the runbook must say after how long and to whom to escalate; otherwise
a SEV1 waits for someone to guess who knows the system.

## Failing example

```yaml
# file: services/checkout/alerts.yaml
alert:
  name: checkout-down
  service: checkout
  severity: P0
  signal: errors
  condition: success ratio below 90% for 5 minutes
  runbook: runbooks/checkout-down.yaml
# file: services/checkout/runbooks/checkout-down.yaml
runbook:
  title: Checkout is down
  alert_name: checkout-down
  last_updated: 2026-11-02
```

## Passing example

```yaml
# file: services/checkout/alerts.yaml
alert:
  name: checkout-down
  service: checkout
  severity: P0
  signal: errors
  condition: success ratio below 90% for 5 minutes
  runbook: runbooks/checkout-down.yaml
# file: services/checkout/runbooks/checkout-down.yaml
runbook:
  title: Checkout is down
  alert_name: checkout-down
  last_updated: 2026-11-02
  escalation:
    after_minutes: 15
    contact: payments-secondary
```

## Options

- `paging_severities` (list, default `[P0, P1]`): alert severities that page.

## How to fix

Add an `escalation` block (after how many minutes, which contact, what context to hand
over) to the runbook.

## References

- Guide, Phase 4: *Alert Severity Guide* (P0/P1 page).
- Guide, Phase 10: *Runbook Template* (`escalation`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sre_docs.lint.policy import LintRepo, Option, Problem, problem
from sre_docs.model.repository import Document, Repository, Service
from sre_docs.policies._common import linked_documents, runbooks_by_alert
from sre_docs.schemas.vocabulary import ALERT_SEVERITIES

ID = "ALR002"
NAME = "paging-alert-without-escalation"
LEVEL = "error"
READS = "service"
OPTIONS = {"paging_severities": Option(["P0", "P1"], "Alert severities that page.", choices=ALERT_SEVERITIES)}


def _escalates(runbook) -> bool:
    contact = runbook.get("escalation", "contact")
    return isinstance(contact, str) and bool(contact.strip())


@dataclass(frozen=True)
class EscalationGap:
    """A paging alert whose runbooks name no escalation contact: where to point, and what to say."""

    alert: str
    doc: Document
    path: tuple[Any, ...]
    message: str


def escalation_gaps(repo: Repository, service: Service, *, paging_severities: Iterable[str] = ("P0", "P1")) -> list[EscalationGap]:
    """Every paging alert of the service with runbooks, none of which escalates, in document order.

    The one rule for "a page has an escalation path": this policy reports each gap, and ``sre-docs prr``'s
    repo evidence for "Escalation paths documented" (PRR002) counts any gap as a "no".
    """
    paging = set(paging_severities)
    named = runbooks_by_alert(service)
    gaps: list[EscalationGap] = []
    for alert in service.alerts:
        name = alert.get("name")
        if alert.get("severity") not in paging and alert.get("notify") != "page":
            continue
        runbooks = list(named.get(name, [])) + (linked_documents(repo, alert, alert.get("runbook"), "runbook") or [])
        if runbooks and not any(_escalates(r) for r in runbooks):
            gaps.append(EscalationGap(str(name), alert, ("name",), f"paging alert {name!r} ({alert.get('severity')}): "
                                      f"its runbook {runbooks[0].path} has no escalation contact"))
    for slo, index, burn_alert in service.burn_rate_alerts():
        name = burn_alert.get("name")
        if burn_alert.get("severity") != "page" or not isinstance(name, str):
            continue
        runbooks = named.get(name, [])
        if runbooks and not any(_escalates(r) for r in runbooks):
            gaps.append(EscalationGap(name, slo, ("burn_rate_alerts", index, "name"), f"paging burn-rate alert "
                                      f"{name!r}: its runbook {runbooks[0].path} has no escalation contact"))
    return gaps


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    for service in repo.services.values():
        for gap in escalation_gaps(repo, service, paging_severities=options["paging_severities"]):
            yield problem(gap.doc, *gap.path, message=gap.message)
