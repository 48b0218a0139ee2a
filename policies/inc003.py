"""An incident names a service that does not exist.

## What it checks

Every name in an `incident`'s `services` list must be a service folder under
`services/`.

## Why it matters

Incidents count against their services: in the budget of each service's SLOs, in its
scorecard and on its handbook page. A misspelt name drops the incident from all of them,
and the service looks more reliable than it was.

## Failing example

```yaml
# file: services/checkout/service.yaml
service:
  name: checkout
  tier: critical
  owner_team: payments
# file: services/checkout/incidents/INC-2026-014.yaml
incident:
  id: INC-2026-014
  title: Checkout errors after deploy
  services: [checkout, paymnets-api]
  severity: SEV2
  status: resolve
  timestamps:
    started: 2026-11-02T14:05:00Z
```

## Passing example

```yaml
# file: services/checkout/service.yaml
service:
  name: checkout
  tier: critical
  owner_team: payments
# file: services/checkout/incidents/INC-2026-014.yaml
incident:
  id: INC-2026-014
  title: Checkout errors after deploy
  services: [checkout]
  severity: SEV2
  status: resolve
  timestamps:
    started: 2026-11-02T14:05:00Z
```

## Options

None.

## How to fix

Correct the name (the message suggests the closest service).

## References

- Repository kinds: `incident.services`.
"""

from __future__ import annotations

from collections.abc import Iterator

from sre_docs.lint.policy import LintRepo, Problem, problem
from sre_docs.policies._common import listed, suggest

ID = "INC003"
NAME = "incident-unknown-service"
LEVEL = "error"
OPTIONS: dict = {}


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    known = repo.services
    for service in repo.services.values():
        for incident in service.incidents:
            for index, name in enumerate(listed(incident.get("services"))):
                if isinstance(name, str) and name not in known:
                    yield problem(incident, "services", index,
                                  message=f"service {name!r} does not exist{suggest(name, known)}")
