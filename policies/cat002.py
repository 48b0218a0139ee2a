"""Two services disagree about a dependency between them.

## What it checks

When service A lists B under `dependencies.upstream` (A calls B), B must list A under
`dependencies.downstream`, and the other way round. The finding is reported on the
entry that has no counterpart, in the service that declares it.

## Why it matters

Each team keeps its own service document, so the two halves of one edge drift apart:
the callers a team believes it has are not the callers it really has. During an incident
the downstream list answers "whom do we warn?"; a half-recorded edge leaves someone out.

## Failing example

```yaml
# file: services/checkout/service.yaml
service:
  name: checkout
  tier: critical
  owner_team: payments
  dependencies:
    upstream: [inventory]
# file: services/inventory/service.yaml
service:
  name: inventory
  tier: important
  owner_team: fulfilment
```

## Passing example

```yaml
# file: services/checkout/service.yaml
service:
  name: checkout
  tier: critical
  owner_team: payments
  dependencies:
    upstream: [inventory]
# file: services/inventory/service.yaml
service:
  name: inventory
  tier: important
  owner_team: fulfilment
  dependencies:
    downstream: [checkout]
```

## Options

None.

## How to fix

Add the missing name to the other service's list, or remove the stale entry if the
dependency is gone.

## References

- Guide, Phase 1: *Service Catalog Entry* (`dependencies.upstream`, `dependencies.downstream`).
"""

from __future__ import annotations

from collections.abc import Iterator

from sre_docs.lint.policy import LintRepo, Problem, problem
from sre_docs.policies._common import listed

ID = "CAT002"
NAME = "dependency-mismatch"
LEVEL = "error"
OPTIONS: dict = {}

_OTHER = {"upstream": "downstream", "downstream": "upstream"}


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    declared: dict[str, dict[str, set[str]]] = {}
    for name, service in repo.services.items():
        catalog = service.catalog
        if catalog is not None:
            declared[name] = {
                direction: {n for n in listed(catalog.get("dependencies", direction)) if isinstance(n, str)}
                for direction in _OTHER
            }
    for name, service in repo.services.items():
        catalog = service.catalog
        if catalog is None:
            continue
        for direction, other_direction in _OTHER.items():
            for index, other in enumerate(listed(catalog.get("dependencies", direction))):
                lists = declared.get(other) if isinstance(other, str) else None
                if lists is None or other == name or name in lists[other_direction]:
                    continue
                verb = "calls" if direction == "upstream" else "is called by"
                yield problem(
                    catalog, "dependencies", direction, index,
                    message=f"{name} {verb} {other} ({direction}), but {other} does not list {name} "
                    f"under dependencies.{other_direction}",
                )
