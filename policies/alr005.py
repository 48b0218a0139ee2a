"""A paging alert watches a cause, not a symptom users feel.

## What it checks

An `alert` document pages when its `notify` is `page`, or when it has no `notify` and its
severity routes to a pager (P0, P1: see ALR006). A paging alert must watch a *symptom*:
something users feel. sre-docs reads that from the alert's own fields:

- a **symptom** is a golden signal users see (`signal: latency`, `errors` or `traffic`),
  a `burn_rate` alert, or any alert tied to an SLO with `slo:` (an SLO is, by definition,
  what users experience);
- a **cause** is a `signal: saturation` alert that names no SLO: CPU, memory, disk,
  connections, queue depth. Saturation explains why users may suffer soon; by itself it
  says nothing about whether they do.

A saturation alert that does threaten users should say so by naming the SLO it protects
(`slo:`); otherwise it belongs in a ticket (P2) or on a dashboard (P3).

## Why it matters

The guide's alert design rules: "Symptoms over causes: alert on 'users can't check out',
not 'database CPU high'" and "Page only for customer impact: everything else is a
ticket". A page for a busy CPU wakes someone who often finds nothing wrong; that is how
alert fatigue starts, and a tired responder misses the page that mattered.

The guide's severity table lists "capacity warning" among the P1 examples, which would
page on a cause; sre-docs follows the design rules (no page without customer impact), so
a capacity warning is a P2 ticket here unless it names the SLO it threatens.

## Failing example

```yaml
# file: services/checkout/alerts.yaml
alert:
  name: checkout-db-cpu
  service: checkout
  severity: P0
  signal: saturation
  condition: database CPU above 90% for 10 minutes
  notify: page
  runbook: https://runbooks.example.com/checkout-db-cpu
```

## Passing example

```yaml
# file: services/checkout/alerts.yaml
alert:
  name: checkout-db-cpu
  service: checkout
  severity: P2
  signal: saturation
  condition: database CPU above 80% for 10 minutes
  notify: ticket
  runbook: https://runbooks.example.com/checkout-db-cpu
---
alert:
  name: checkout-high-error-rate
  service: checkout
  severity: P0
  signal: errors
  condition: more than 2% of checkouts fail for 5 minutes
  notify: page
  runbook: https://runbooks.example.com/checkout-errors
```

## Options

None.

## How to fix

Page on what users feel: an error-rate, latency or burn-rate alert on the SLO. Turn the
cause alert into a ticket (`severity: P2`, `notify: ticket`), or, when the resource is
what users wait on, name the SLO it threatens in `slo:`.

## References

- Guide, Phase 4: *Alert Design Rules* (rule 3, symptoms over causes; rule 5, page only
  for customer impact).
"""

from __future__ import annotations

from collections.abc import Iterator

from sre_docs.calc.alerts import expected_notify
from sre_docs.lint.policy import LintRepo, Problem, problem
from sre_docs.model.repository import Document
from sre_docs.schemas.vocabulary import ALERT_SEVERITIES

ID = "ALR005"
NAME = "page-on-cause"
LEVEL = "error"
READS = "service"
OPTIONS: dict = {}


def pages(alert: Document) -> bool:
    """The alert reaches a pager: ``notify: page``, or no ``notify`` and a severity that routes to a pager."""
    notify = alert.get("notify")
    if notify is not None:
        return notify == "page"
    severity = alert.get("severity")
    return severity in ALERT_SEVERITIES and expected_notify(severity) == "page"


def watches_cause(alert: Document) -> bool:
    """The alert watches a cause: a saturation signal tied to no SLO (see the policy's documentation)."""
    return alert.get("signal") == "saturation" and not alert.get("slo")


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    for service in repo.services.values():
        for alert in service.alerts:
            if pages(alert) and watches_cause(alert):
                where = "notify" if alert.get("notify") is not None else "severity"
                yield problem(alert, where, message=f"alert {alert.get('name')!r} pages on a cause (signal: saturation, "
                              "no slo): page only on symptoms users feel; make it a ticket (P2) or name the SLO it "
                              "threatens")
