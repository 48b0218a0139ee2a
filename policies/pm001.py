"""A serious incident has no postmortem past its due date.

## What it checks

An `incident` of severity SEV1 or SEV2 (option `severities`) that has a `resolved`
timestamp needs a `postmortem` document (one whose `incident` is the incident's id, in
any service folder) within five business days of its resolution (Monday to Friday;
public holidays are not modelled). After that due date, a missing postmortem is a
finding.

"Today" is the real date unless the configuration (`today:`) or the `SRE_DOCS_TODAY`
environment variable pins it.

## Why it matters

The review step closes the incident loop: without a postmortem the same failure comes
back, and the action items that would prevent it are never written. Five business days
is long enough to gather facts and short enough that people still remember them.

## Failing example

```yaml
# file: sre-docs.yaml
today: 2026-11-20
# file: services/checkout/incidents/INC-2026-014.yaml
incident:
  id: INC-2026-014
  title: Checkout errors after deploy
  services: [checkout]
  severity: SEV2
  status: resolve
  timestamps:
    started: 2026-11-02T14:05:00Z
    resolved: 2026-11-02T15:40:00Z
```

## Passing example

```yaml
# file: sre-docs.yaml
today: 2026-11-20
# file: services/checkout/incidents/INC-2026-014.yaml
incident:
  id: INC-2026-014
  title: Checkout errors after deploy
  services: [checkout]
  severity: SEV2
  status: review
  timestamps:
    started: 2026-11-02T14:05:00Z
    resolved: 2026-11-02T15:40:00Z
# file: services/checkout/postmortems/INC-2026-014.yaml
postmortem:
  incident: INC-2026-014
  title: Checkout errors after deploy
  date: 2026-11-05
  severity: SEV2
  status: in-review
```

## Options

- `severities` (list, default `[SEV1, SEV2]`): severities that require a postmortem.
- `business_days` (whole number, default 5): business days allowed after resolution.

## How to fix

Write the postmortem (start from the blameless postmortem template) with `incident`
set to the incident's id.

## References

- Guide, Phase 5: *Incident Response Workflow*, step 6 (review within 5 business days).
- Guide, Phase 6: *Blameless Postmortem Template*.
"""

from __future__ import annotations

from collections.abc import Iterator

from sre_docs.calc.timing import POSTMORTEM_BUSINESS_DAYS, postmortem_due
from sre_docs.lint.policy import LintRepo, Option, Problem, problem
from sre_docs.policies._common import all_of_kind, instant
from sre_docs.schemas.vocabulary import SEVERITIES

ID = "PM001"
NAME = "missing-postmortem"
LEVEL = "error"
OPTIONS = {
    "severities": Option(["SEV1", "SEV2"], "Severities that require a postmortem.", choices=SEVERITIES),
    "business_days": Option(POSTMORTEM_BUSINESS_DAYS, "Business days allowed after resolution.", minimum=0),
}


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    written = repo.postmortems_by_incident
    wanted = set(options["severities"])
    for incident in all_of_kind(repo, "incident"):
        ident, severity = incident.get("id"), incident.get("severity")
        resolved = instant(incident.get("timestamps", "resolved"))
        if severity not in wanted or resolved is None or ident in written:
            continue
        due = postmortem_due(resolved, business_days=options["business_days"])
        if repo.today > due:
            yield problem(incident, "id", message=f"{severity} incident {ident} was resolved on "
                          f"{resolved.date().isoformat()} and has no postmortem; it was due by {due.isoformat()}")
