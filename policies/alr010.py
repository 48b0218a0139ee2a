"""A deployed Prometheus alert has no runbook.

## What it checks

Every alerting rule of the Prometheus rule files the teams deploy: the files matched by
the `prometheus.rule_files` globs of `sre-docs.yaml` (relative to the repo root), and
those passed with `sre-docs lint --rules FILE...`. A rule passes when it carries a
`runbook_url` annotation (whether that URL is a runbook page is ALR011's concern), or
when an `alert` document of the repo has its name: in the service its `service` (or
`sre_docs_service`) label names, or in any service when it has no such label. The
finding sits at the rule's `alert:` line in the rule file.

## Why it matters

"Every alert has a runbook" is checked for the alerts copied into the repo (ALR001), but
the rules Prometheus loads are the ones that page. A rule added straight to the deploy
folder pages someone at 3 a.m. with nothing to follow.

## Failing example

```yaml
# file: sre-docs.yaml
prometheus:
  rule_files: ["deploy/prometheus/*.rules.yaml"]
# file: deploy/prometheus/checkout.rules.yaml
groups:
  - name: checkout
    rules:
      - alert: CheckoutQueueBacklog
        expr: checkout_queue_depth > 500
        labels: {service: checkout, severity: ticket}
```

## Passing example

```yaml
# file: sre-docs.yaml
prometheus:
  rule_files: ["deploy/prometheus/*.rules.yaml"]
# file: deploy/prometheus/checkout.rules.yaml
groups:
  - name: checkout
    rules:
      - alert: CheckoutQueueBacklog
        expr: checkout_queue_depth > 500
        labels: {service: checkout, severity: ticket}
        annotations:
          runbook_url: https://runbooks.example.com/checkout-queue-backlog
```

## Options

None.

## How to fix

Write a runbook for the alert and put its handbook page in the rule's `runbook_url`
annotation, or import the rule as an `alert` document (`sre-docs import prometheus FILE`)
and give it a runbook there. `sre-docs export prometheus` writes rules with their
`runbook_url` already set.

## References

- Guide, Phase 3: *Alert Design Principles* (every alert must have a runbook link, no exceptions).
"""

from __future__ import annotations

from collections.abc import Iterator

from sre_docs.lint.deployed_rules import no_document_words, verdicts
from sre_docs.lint.policy import LintRepo, Problem

ID = "ALR010"
NAME = "deployed-alert-without-runbook"
LEVEL = "error"
OPTIONS: dict = {}


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    if repo.deployed is None:
        return
    for verdict in verdicts(repo, repo.deployed):
        if verdict.problem == "missing":
            alert = verdict.alert
            yield Problem(alert.path, alert.line, alert.column,
                          f"deployed alert {alert.name!r} has no runbook_url annotation and "
                          f"{no_document_words(verdict)}; every alert needs a runbook", verdict.service)
