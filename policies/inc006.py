"""A SEV1 or SEV2 incident has no incident commander.

## What it checks

An `incident` whose `severity` is one of `severities` (SEV1 and SEV2 by default) must
name its incident commander under `roles.incident_commander`. An empty name or a
`TODO:` placeholder does not count. The check applies from the moment the incident is
declared, open or closed.

## Why it matters

The guide assigns the incident commander during triage, within the first 15 minutes:
the IC coordinates, makes the final call when the team disagrees, owns the handoff and
declares the end. A serious incident without one is run by whoever shouts loudest, and
its record cannot say who decided what. Who held the role is also what the culture
figures count (one person always saving the day).

## Failing example

```yaml
# file: services/checkout/incidents/INC-2026-014.yaml
incident:
  id: INC-2026-014
  title: Checkout errors after deploy
  services: [checkout]
  severity: SEV2
  status: respond
  timestamps:
    started: 2026-11-02T14:05:00Z
  roles:
    operations_lead: li-wei
```

## Passing example

```yaml
# file: services/checkout/incidents/INC-2026-014.yaml
incident:
  id: INC-2026-014
  title: Checkout errors after deploy
  services: [checkout]
  severity: SEV2
  status: respond
  timestamps:
    started: 2026-11-02T14:05:00Z
  roles:
    incident_commander: amara
    operations_lead: li-wei
```

## Options

- `severities` (list, default `[SEV1, SEV2]`): severities that need a named incident
  commander.

The test of "named" is the one the scorecard's `incident_roles_assigned` criterion uses
(`sre_docs.model.incident_roles`).

## How to fix

Name the commander: `sre-docs incident assign INC-2026-014 --ic NAME` writes
`roles.incident_commander` and posts the assignment as a status update.

## References

- Guide, Phase 5: *Incident Command System (ICS)* and *Incident Response Workflow*,
  step 2 (triage: assign IC and roles).
"""

from __future__ import annotations

from collections.abc import Iterator

from sre_docs.lint.policy import LintRepo, Option, Problem, problem
from sre_docs.model.incident_roles import COMMANDER_REQUIRED, role_missing
from sre_docs.policies._common import all_of_kind
from sre_docs.schemas.vocabulary import SEVERITIES

ID = "INC006"
NAME = "incident-commander-missing"
LEVEL = "error"
OPTIONS = {
    "severities": Option(list(COMMANDER_REQUIRED), "Severities that need a named incident commander.",
                         choices=SEVERITIES),
}


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    wanted = set(options["severities"])
    for incident in all_of_kind(repo, "incident"):
        severity = incident.get("severity")
        if not role_missing(incident, "incident_commander", wanted):
            continue
        where = ("roles",) if isinstance(incident.get("roles"), dict) else ("severity",)
        yield problem(incident, *where, key=where == ("roles",),
                      message=f"{severity} incident {incident.get('id')} has no incident commander "
                              f"(roles.incident_commander); name one with `sre-docs incident assign "
                              f"{incident.get('id')} --ic NAME`")
