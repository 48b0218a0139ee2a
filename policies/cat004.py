"""A service's name differs from its folder name.

## What it checks

The `name` of a `service` document must equal the name of the folder it lives in:
`services/checkout/service.yaml` must say `name: checkout`.

## Why it matters

The folder name is the service's identity everywhere else: SLOs, alerts, incidents and
dependency lists refer to it, and the handbook's URLs are built from it. A second,
different name in the catalog entry makes every cross-reference ambiguous.

## Failing example

```yaml
# file: services/checkout/service.yaml
service:
  name: checkout-api
  tier: critical
  owner_team: payments
```

## Passing example

```yaml
# file: services/checkout/service.yaml
service:
  name: checkout
  tier: critical
  owner_team: payments
```

## Options

None.

## How to fix

Make `name` match the folder, or rename the folder (and every reference to it) if the
name in the document is the right one.

## References

- Repository layout: `services/<service>/` — the folder name is the service name.
"""

from __future__ import annotations

from collections.abc import Iterator

from sre_docs.lint.policy import LintRepo, Problem, problem

ID = "CAT004"
NAME = "service-name-mismatch"
LEVEL = "error"
READS = "service"
OPTIONS: dict = {}


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    for folder, service in repo.services.items():
        for catalog in service.of_kind("service"):
            name = catalog.get("name")
            if isinstance(name, str) and name != folder:
                yield problem(catalog, "name",
                              message=f"service name {name!r} differs from its folder services/{folder}/")
