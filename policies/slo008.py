"""Two SLOs (or two SLIs) of one service share a name.

## What it checks

Within a service folder, SLO names must be unique (an SLO without `name` is named after
its SLI, so two unnamed SLOs on one SLI collide), and so must SLI names.

## Why it matters

Alerts, measurements, incidents and the budget command refer to SLOs by name. With two
SLOs of one name, evidence is credited to whichever comes first and the other silently
has none.

## Failing example

```yaml
# file: services/checkout/slos.yaml
slo:
  service: checkout
  sli: availability
  target: 99.9
  window: 28d
---
slo:
  service: checkout
  sli: availability
  target: 99.95
  window: 7d
```

## Passing example

```yaml
# file: services/checkout/slos.yaml
slo:
  name: availability-28d
  service: checkout
  sli: availability
  target: 99.9
  window: 28d
---
slo:
  name: availability-7d
  service: checkout
  sli: availability
  target: 99.95
  window: 7d
```

## Options

None.

## How to fix

Give each SLO a distinct `name` (and each SLI a distinct `name`).

## References

- Repository kinds: `slo.name` (unique within a service), `sli.name`.
"""

from __future__ import annotations

from collections.abc import Iterator

from sre_docs.model.repository import Document
from sre_docs.lint.policy import LintRepo, Problem, problem

ID = "SLO008"
NAME = "duplicate-slo-name"
LEVEL = "error"
READS = "service"
OPTIONS: dict = {}


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    for service in repo.services.values():
        first: dict[str, Document] = {}
        for slo in service.slos:
            name = service.slo_name(slo)
            if not isinstance(name, str):
                continue
            where = ("name",) if slo.get("name") else ("sli",)
            if name in first:
                yield problem(slo, *where, message=f"SLO name {name!r} is already used at "
                              f"{first[name].path}:{first[name].line}")
            else:
                first[name] = slo  # located only for a message: positions stay packed until then
        first_sli: dict[str, Document] = {}
        for sli in service.slis:
            name = sli.get("name")
            if not isinstance(name, str):
                continue
            if name in first_sli:
                yield problem(sli, "name", message=f"SLI name {name!r} is already used at "
                              f"{first_sli[name].path}:{first_sli[name].line}")
            else:
                first_sli[name] = sli
