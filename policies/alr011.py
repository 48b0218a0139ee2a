"""A deployed Prometheus alert's runbook_url is not a runbook page of the handbook.

## What it checks

For every alerting rule of the deployed rule files (`prometheus.rule_files` in
`sre-docs.yaml`, `sre-docs lint --rules FILE...`) that no `alert` document of the repo
matches (see ALR010), the `runbook_url` annotation must lead to the page the handbook
builds for one of the repo's runbooks. The page paths come from the handbook's own page
plan, and the site from `site_url` (and `use_directory_urls`) in `mkdocs.yml`. Accepted
forms, for a site at `https://sre.example.com/`:

- `https://sre.example.com/services/checkout/runbooks/high-error-rate/`, with or without
  the trailing slash, or ending in `index.html`;
- `/services/checkout/runbooks/high-error-rate/` (from the site root; below the site's own
  path when `site_url` has one) and `services/checkout/runbooks/high-error-rate/`.

Without a `site_url` the host cannot be checked, and an absolute URL resolves when its
path ends with a runbook page's path.

## Why it matters

A runbook link that leads to a wiki page nobody reviews, a moved page or a typo gives the
on-call engineer a 404 in the middle of an incident. Runbooks kept in the repo are
reviewed (RBK001) and complete (RBK002); a link to their pages is a link to that.

## Failing example

```yaml
# file: mkdocs.yml
site_name: Reliability handbook
site_url: https://sre.example.com/
# file: sre-docs.yaml
prometheus:
  rule_files: ["deploy/prometheus/*.rules.yaml"]
# file: deploy/prometheus/checkout.rules.yaml
groups:
  - name: checkout
    rules:
      - alert: CheckoutHighErrorRate
        expr: job:http_errors:ratio_rate5m{job="checkout"} > 0.02
        labels: {service: checkout, severity: page}
        annotations:
          runbook_url: https://sre.example.com/services/checkout/runbooks/high-eror-rate/
# file: services/checkout/runbooks/high-error-rate.yaml
runbook:
  title: Checkout error rate is high
  alert_name: high-error-rate
  last_updated: 2026-11-02
```

## Passing example

```yaml
# file: mkdocs.yml
site_name: Reliability handbook
site_url: https://sre.example.com/
# file: sre-docs.yaml
prometheus:
  rule_files: ["deploy/prometheus/*.rules.yaml"]
# file: deploy/prometheus/checkout.rules.yaml
groups:
  - name: checkout
    rules:
      - alert: CheckoutHighErrorRate
        expr: job:http_errors:ratio_rate5m{job="checkout"} > 0.02
        labels: {service: checkout, severity: page}
        annotations:
          runbook_url: https://sre.example.com/services/checkout/runbooks/high-error-rate/
# file: services/checkout/runbooks/high-error-rate.yaml
runbook:
  title: Checkout error rate is high
  alert_name: high-error-rate
  last_updated: 2026-11-02
```

## Options

None.

## How to fix

Point `runbook_url` at the runbook's handbook page (the service page lists them), write
the runbook if it does not exist, or import the rule as an `alert` document
(`sre-docs import prometheus FILE`).

## References

- Guide, Phase 3: *Alert Design Principles* (every alert must have a runbook link);
  Phase 10: *Runbook Template*.
"""

from __future__ import annotations

from collections.abc import Iterator

from sre_docs.lint.deployed_rules import no_document_words, verdicts
from sre_docs.lint.policy import LintRepo, Problem

ID = "ALR011"
NAME = "deployed-alert-runbook-unresolved"
LEVEL = "error"
OPTIONS: dict = {}


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    if repo.deployed is None:
        return
    site = repo.deployed.site.site_url
    for verdict in verdicts(repo, repo.deployed):
        if verdict.problem == "unresolved":
            alert = verdict.alert
            where = f" at {site}" if site else ""
            yield Problem(alert.path, alert.line, alert.column,
                          f"deployed alert {alert.name!r}: runbook_url {alert.annotation('runbook_url')!r} is not "
                          f"a runbook page of the handbook{where}, and {no_document_words(verdict)}", verdict.service)
