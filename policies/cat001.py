"""A service's dependency names a service that does not exist.

## What it checks

Every name under `dependencies.upstream` (services this one calls) and
`dependencies.downstream` (services that call this one) of a `service` document must be
a folder under `services/`, or be listed in the `external` option (third-party systems
such as a payment provider that have no folder of their own).

## Why it matters

The dependency graph drives the handbook's dependency diagrams, blast-radius questions
during an incident ("who calls us?") and the escalation path to the teams around a
service. A misspelt or removed name silently cuts an edge out of that graph.

## Failing example

```yaml
# file: services/checkout/service.yaml
service:
  name: checkout
  tier: critical
  owner_team: payments
  dependencies:
    upstream: [payment-gateway]
```

## Passing example

```yaml
# file: services/checkout/service.yaml
service:
  name: checkout
  tier: critical
  owner_team: payments
  dependencies:
    upstream: [payments-api]
# file: services/payments-api/service.yaml
service:
  name: payments-api
  tier: critical
  owner_team: payments
  dependencies:
    downstream: [checkout]
```

## Options

- `external` (list of names, default empty): dependencies that live outside this repo
  and are accepted as they are.

## How to fix

Correct the name (the message suggests the closest service), add the missing service's
folder, or list the name under `external` if it is a third-party system.

## References

- Guide, Phase 1: *Service Catalog Entry* (`dependencies`).
"""

from __future__ import annotations

from collections.abc import Iterator

from sre_docs.lint.policy import LintRepo, Option, Problem, problem
from sre_docs.policies._common import listed, suggest

ID = "CAT001"
NAME = "unknown-dependency"
LEVEL = "error"
OPTIONS = {"external": Option([], "Dependencies outside this repo that are accepted as they are.")}


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    known = set(repo.services)
    external = set(options["external"])
    for service in repo.services.values():
        catalog = service.catalog
        if catalog is None:
            continue
        for direction in ("upstream", "downstream"):
            for index, name in enumerate(listed(catalog.get("dependencies", direction))):
                if isinstance(name, str) and name not in known and name not in external:
                    yield problem(
                        catalog, "dependencies", direction, index,
                        message=f"{direction} dependency {name!r} is not a service of this repo"
                        f"{suggest(name, known)} (list third-party systems in the 'external' option)",
                    )
