"""A deployed Prometheus rule file cannot be checked.

## What it checks

The rule files named for ALR010 and ALR011 must be there and be Prometheus rule files:

- every glob of `prometheus.rule_files` in `sre-docs.yaml` matches at least one file
  (the finding sits at the glob in the config);
- every file is a regular file (symbolic links are not followed) within the size limit,
  readable, valid YAML and shaped as `groups: [{name, rules: [...]}]`; an alerting rule's
  `alert` is text. The finding sits at the line and column of the defect.

## Why it matters

A renamed deploy folder, or a rule file broken by a bad merge, would otherwise switch the
runbook checks off without a word: no deployed alert, no finding. Prometheus refuses to
load a broken file too, so the alerts in it are not firing either.

## Failing example

```yaml
# file: sre-docs.yaml
prometheus:
  rule_files: ["deploy/prometheus/*.rules.yaml"]
# file: deploy/prometheus/checkout.rules.yaml
rules:
  - alert: CheckoutQueueBacklog
    expr: checkout_queue_depth > 500
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
        annotations:
          runbook_url: https://runbooks.example.com/checkout-queue-backlog
```

## Options

None.

## How to fix

Fix the glob or the file (`promtool check rules FILE` says what Prometheus thinks of it).

## References

- Guide, Phase 3: *Alert Design Principles* (every alert must have a runbook link).
"""

from __future__ import annotations

from collections.abc import Iterator

from sre_docs.lint.policy import LintRepo, Problem

ID = "ALR012"
NAME = "deployed-rule-file-unreadable"
LEVEL = "error"
OPTIONS: dict = {}


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    if repo.deployed is None:
        return
    for found in repo.deployed.problems:
        yield Problem(found.path, found.line, found.column, found.message)
