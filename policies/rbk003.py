"""A runbook is written for an alert that does not exist.

## What it checks

The `alert_name` of every `runbook` must be the name of an alert of its service (an
`alert` document or a burn-rate alert in an SLO), or of an alert elsewhere whose
`runbook:` link points at this runbook's file.

## Why it matters

Alerts get renamed and removed; their runbooks stay behind. An orphaned runbook is not
just clutter: the renamed alert now fires with no runbook (see ALR001), and the one that
exists answers to a name nobody pages with.

## Failing example

```yaml
# file: services/checkout/alerts.yaml
alert:
  name: checkout-high-latency
  service: checkout
  severity: P2
  signal: latency
  condition: p99 above 800 ms for 10 minutes
  runbook: runbooks/high-latency.yaml
# file: services/checkout/runbooks/high-latency.yaml
runbook:
  title: Checkout latency is high
  alert_name: checkout-latency-high
  last_updated: 2026-11-02
```

## Passing example

```yaml
# file: services/checkout/alerts.yaml
alert:
  name: checkout-high-latency
  service: checkout
  severity: P2
  signal: latency
  condition: p99 above 800 ms for 10 minutes
  runbook: runbooks/high-latency.yaml
# file: services/checkout/runbooks/high-latency.yaml
runbook:
  title: Checkout latency is high
  alert_name: checkout-high-latency
  last_updated: 2026-11-02
```

## Options

None.

## How to fix

Set `alert_name` to the alert's current name (the message suggests the closest), or
delete the runbook if its alert is gone.

## References

- Guide, Phase 10: *Runbook Template* (`alert_name`: exact alert that triggers it).
"""

from __future__ import annotations

from collections.abc import Iterator

from sre_docs.lint.policy import LintRepo, Problem, problem
from sre_docs.policies._common import alert_names, is_url, suggest

ID = "RBK003"
NAME = "runbook-unknown-alert"
LEVEL = "error"
READS = "service"
OPTIONS: dict = {}


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    # Every alert of the repo, wherever it is filed: an alert may link a runbook in another service's folder, and
    # under ``lint --since`` only the services a change reaches are iterated (the link is part of that reach).
    linked: dict[str, set[str]] = {}  # runbook file -> names of alerts linking to it
    for docs in repo.documents_by_path.values():
        for alert in docs:
            if alert.kind != "alert":
                continue
            link, name = alert.get("runbook"), alert.get("name")
            if isinstance(link, str) and isinstance(name, str) and not is_url(link):
                target = repo.resolve_path(alert.path, link)
                if target is not None:
                    linked.setdefault(target, set()).add(name)
    for folder, service in repo.services.items():
        names = alert_names(service)
        for runbook in service.runbooks:
            wanted = runbook.get("alert_name")
            if not isinstance(wanted, str) or wanted in names or wanted in linked.get(runbook.path, ()):
                continue
            yield problem(runbook, "alert_name", message=f"runbook is for alert {wanted!r}, which is not an alert of "
                          f"services/{folder}/{suggest(wanted, names)}")
