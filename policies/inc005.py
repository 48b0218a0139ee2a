"""Two incidents share an id.

## What it checks

Incident `id`s must be unique across the whole repository, whichever service folders the
incidents are filed in.

## Why it matters

Postmortems, reports and the handbook refer to incidents by id. With two incidents of
one id, a postmortem documents one of them at random and the other appears to have
none.

## Failing example

```yaml
# file: services/checkout/incidents/INC-2026-014.yaml
incident:
  id: INC-2026-014
  title: Checkout errors after deploy
  services: [checkout]
  severity: SEV2
  status: resolve
  timestamps:
    started: 2026-11-02T14:05:00Z
# file: services/checkout/incidents/INC-2026-015.yaml
incident:
  id: INC-2026-014
  title: Card payments declined
  services: [checkout]
  severity: SEV1
  status: resolve
  timestamps:
    started: 2026-11-09T08:30:00Z
```

## Passing example

```yaml
# file: services/checkout/incidents/INC-2026-014.yaml
incident:
  id: INC-2026-014
  title: Checkout errors after deploy
  services: [checkout]
  severity: SEV2
  status: resolve
  timestamps:
    started: 2026-11-02T14:05:00Z
# file: services/checkout/incidents/INC-2026-015.yaml
incident:
  id: INC-2026-015
  title: Card payments declined
  services: [checkout]
  severity: SEV1
  status: resolve
  timestamps:
    started: 2026-11-09T08:30:00Z
```

## Options

None.

## How to fix

Give the later incident the next free id (and update its postmortem's `incident`).

## References

- Repository kinds: `incident.id` (unique across the repo).
"""

from __future__ import annotations

from collections.abc import Iterator

from sre_docs.model.repository import Document
from sre_docs.lint.policy import LintRepo, Problem, problem

ID = "INC005"
NAME = "duplicate-incident-id"
LEVEL = "error"
READS = "service"
OPTIONS: dict = {}


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    first: dict[str, Document] = {}
    for service in repo.services.values():
        for incident in service.incidents:
            ident = incident.get("id")
            if not isinstance(ident, str):
                continue
            if ident in first:
                yield problem(incident, "id", message=f"incident id {ident} is already used at "
                              f"{first[ident].path}:{first[ident].line}")
            else:
                first[ident] = incident  # located only for a message: positions stay packed until then
