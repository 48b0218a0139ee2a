"""A postmortem names an incident that does not exist.

## What it checks

The `incident` of every `postmortem` must be the `id` of an `incident` document
somewhere in the repo.

## Why it matters

The postmortem and its incident are read together: the incident holds the timestamps,
roles and impact, the postmortem what was learnt. A postmortem for an unknown id also
leaves its real incident looking unreviewed (PM001).

## Failing example

```yaml
# file: services/checkout/postmortems/INC-2026-014.yaml
postmortem:
  incident: INC-2026-041
  title: Checkout errors after deploy
  date: 2026-11-05
  severity: SEV2
  status: draft
# file: services/checkout/incidents/INC-2026-014.yaml
incident:
  id: INC-2026-014
  title: Checkout errors after deploy
  services: [checkout]
  severity: SEV2
  status: review
  timestamps:
    started: 2026-11-02T14:05:00Z
```

## Passing example

```yaml
# file: services/checkout/postmortems/INC-2026-014.yaml
postmortem:
  incident: INC-2026-014
  title: Checkout errors after deploy
  date: 2026-11-05
  severity: SEV2
  status: draft
# file: services/checkout/incidents/INC-2026-014.yaml
incident:
  id: INC-2026-014
  title: Checkout errors after deploy
  services: [checkout]
  severity: SEV2
  status: review
  timestamps:
    started: 2026-11-02T14:05:00Z
```

## Options

None.

## How to fix

Correct the id (the message suggests the closest), or add the incident record.

## References

- Guide, Phase 6: *Blameless Postmortem Template*.
- Repository kinds: `postmortem.incident`.
"""

from __future__ import annotations

from collections.abc import Iterator

from sre_docs.lint.policy import LintRepo, Problem, problem
from sre_docs.policies._common import all_of_kind, suggest

ID = "PM006"
NAME = "postmortem-unknown-incident"
LEVEL = "error"
OPTIONS: dict = {}


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    known = repo.incidents
    for postmortem in all_of_kind(repo, "postmortem"):
        ident = postmortem.get("incident")
        if isinstance(ident, str) and ident not in known:
            yield problem(postmortem, "incident", message=f"incident {ident} does not exist{suggest(ident, known)}")
