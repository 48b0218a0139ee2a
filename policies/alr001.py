"""An alert has no runbook.

## What it checks

Every alert needs a runbook that names it:

- an `alert` document: some `runbook` of its service must have `alert_name` equal to the
  alert's `name`, and its `runbook:` link must lead to a file of the repo holding a
  `runbook` document (the path is relative to the alert's file). An `http(s)` link (a
  runbook kept in a wiki) is accepted instead of both, unless `allow_urls` is off;
- a burn-rate alert declared in an SLO (`burn_rate_alerts[].name`): some runbook of the
  service must name it in `alert_name`.

This is the one rule for "an alert has a runbook": the scorecard criterion (every alert
has a runbook) and `sre-docs prr`'s repo evidence for "Alerting configured with runbooks"
call the same predicate (`runbook_gaps`, with `allow_urls` on), so an alert this policy
reports is one the scorecard and the review count as missing its runbook.

## Why it matters

The person paged at 3 a.m. has minutes, not hours: the runbook is what turns an alert
into action. "Every alert must have a runbook link, no exceptions" is the first alert
design rule.

## Failing example

```yaml
# file: services/checkout/alerts.yaml
alert:
  name: checkout-high-error-rate
  service: checkout
  severity: P1
  signal: errors
  condition: 5xx ratio above 2% for 10 minutes
  runbook: runbooks/high-error-rate.yaml
```

## Passing example

```yaml
# file: services/checkout/alerts.yaml
alert:
  name: checkout-high-error-rate
  service: checkout
  severity: P1
  signal: errors
  condition: 5xx ratio above 2% for 10 minutes
  runbook: runbooks/high-error-rate.yaml
# file: services/checkout/runbooks/high-error-rate.yaml
runbook:
  title: Checkout error rate is high
  alert_name: checkout-high-error-rate
  last_updated: 2026-11-02
```

## Options

- `allow_urls` (true/false, default true): accept `http(s)` runbook links without
  checking them (they cannot be resolved inside the repo).

## How to fix

Write the runbook (start from the runbook template) with `alert_name` set to the
alert's name, and point the alert's `runbook:` at its file.

## References

- Guide, Phase 4: *Alert Design Rules* (rule 1: every alert must have a runbook link).
- Guide, Phase 10: *Runbook Template* (`alert_name`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sre_docs.lint.policy import LintRepo, Option, Problem, problem
from sre_docs.model.repository import Document, Repository, Service
from sre_docs.policies._common import is_url, linked_documents, runbooks_by_alert

ID = "ALR001"
NAME = "alert-without-runbook"
LEVEL = "error"
READS = "service"
OPTIONS = {"allow_urls": Option(True, "Accept http(s) runbook links without checking them.")}


@dataclass(frozen=True)
class RunbookGap:
    """One reason an alert lacks a usable runbook: where it is (document and field path) and what is wrong."""

    alert: str
    doc: Document
    path: tuple[Any, ...]
    #: "url" (a URL while URLs are not allowed), "broken-link" (the link leads to no runbook) or "unnamed"
    #: (no runbook of the service names the alert in ``alert_name``).
    kind: str
    message: str


def runbook_gaps(repo: Repository, service: Service, *, allow_urls: bool = True) -> list[RunbookGap]:
    """Every runbook gap of the service's alerts and burn-rate alerts, in document order.

    An alert document's ``runbook:`` link must be an http(s) URL (when ``allow_urls``) or lead to a
    runbook file of the repo; and some runbook of the service must name the alert, unless the link
    is an accepted URL. A burn-rate alert needs a runbook naming it.
    """
    gaps: list[RunbookGap] = []
    named = runbooks_by_alert(service)
    for alert in service.alerts:
        name = alert.get("name")
        link = alert.get("runbook")
        label = name if isinstance(name, str) else "?"
        url = isinstance(link, str) and is_url(link)
        if isinstance(link, str):
            if url:
                if not allow_urls:
                    gaps.append(RunbookGap(label, alert, ("runbook",), "url", f"runbook link {link!r} is a URL; "
                                           "link a runbook file in this repo"))
            elif linked_documents(repo, alert, link, "runbook") is None:
                target = repo.resolve_path(alert.path, link)
                where = f"{target} holds no runbook" if target else "it leaves the repository"
                gaps.append(RunbookGap(label, alert, ("runbook",), "broken-link",
                                       f"runbook link {link!r} does not resolve: {where}"))
        if isinstance(name, str) and name not in named and not url:
            gaps.append(RunbookGap(name, alert, ("name",), "unnamed", f"no runbook of services/{service.name}/ "
                                   f"names alert {name!r} in alert_name"))
    for slo, index, burn_alert in service.burn_rate_alerts():
        name = burn_alert.get("name")
        if isinstance(name, str) and name not in named:
            gaps.append(RunbookGap(name, slo, ("burn_rate_alerts", index, "name"), "unnamed",
                                   f"no runbook of services/{service.name}/ names burn-rate alert {name!r} in alert_name"))
    return gaps


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    for service in repo.services.values():
        for gap in runbook_gaps(repo, service, allow_urls=options["allow_urls"]):
            yield problem(gap.doc, *gap.path, message=gap.message)
