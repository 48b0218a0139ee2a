"""A serious incident has no postmortem past its due date.

## What it checks

An `incident` of severity SEV1 or SEV2 (option `severities`) that has a `resolved`
timestamp needs a `postmortem` document (one whose `incident` is the incident's id, in
any service folder, or the one the incident's `postmortem:` link leads to; a draft
counts) within five business days of its resolution (Monday to Friday; public holidays
are not modelled). After that due date, a missing postmortem is a finding.

This is the one rule for "overdue postmortem": the handbook's incident pages and the
scorecards call the same predicate (`postmortem_overdue`), so an incident the site marks
overdue is one this policy reports, and SEV3/SEV4 incidents are never overdue unless
`severities` names them.

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

import datetime as dt
from collections.abc import Collection, Iterator

from sre_docs.calc.timing import POSTMORTEM_BUSINESS_DAYS, postmortem_due
from sre_docs.lint.policy import LintRepo, Option, Problem, problem
from sre_docs.model.repository import Document, Repository
from sre_docs.policies._common import all_of_kind, instant
from sre_docs.schemas.vocabulary import SEVERITIES

#: The default severities that need a postmortem (the option's default; the site and scorecards use it too).
DEFAULT_SEVERITIES: tuple[str, ...] = ("SEV1", "SEV2")


ID = "PM001"
NAME = "missing-postmortem"
LEVEL = "error"
OPTIONS = {
    "severities": Option(list(DEFAULT_SEVERITIES), "Severities that require a postmortem.", choices=SEVERITIES),
    "business_days": Option(POSTMORTEM_BUSINESS_DAYS, "Business days allowed after resolution.", minimum=0),
}


def postmortem_of(repo: Repository, incident: Document) -> Document | None:
    """The incident's postmortem: the one naming its id, else the one its ``postmortem:`` link leads to."""
    found = repo.postmortems_by_incident.get(incident.get("id"))
    if found is not None:
        return found
    link = incident.get("postmortem")
    docs = repo.resolve_link(incident, link) if isinstance(link, str) else None
    return next((d for d in docs if d.kind == "postmortem"), None) if isinstance(docs, list) else None


def postmortem_due_date(incident: Document, *, severities: Collection[str] = DEFAULT_SEVERITIES,
                        business_days: int = POSTMORTEM_BUSINESS_DAYS) -> dt.date | None:
    """When the incident's postmortem is due, or None when it needs none (milder severity, not resolved)."""
    resolved = instant(incident.get("timestamps", "resolved"))
    if incident.get("severity") not in severities or resolved is None:
        return None
    return postmortem_due(resolved, business_days=business_days)


def postmortem_overdue(repo: Repository, incident: Document, today: dt.date, *,
                       severities: Collection[str] = DEFAULT_SEVERITIES,
                       business_days: int = POSTMORTEM_BUSINESS_DAYS) -> dt.date | None:
    """The due date of a postmortem that is missing past it; None when nothing is overdue.

    Overdue means: the severity needs a postmortem, the incident is resolved, ``today`` is after
    the due date, and no postmortem exists (:func:`postmortem_of`).
    """
    due = postmortem_due_date(incident, severities=severities, business_days=business_days)
    if due is None or today <= due or postmortem_of(repo, incident) is not None:
        return None
    return due


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    for incident in all_of_kind(repo, "incident"):
        due = postmortem_overdue(repo, incident, repo.today, severities=options["severities"],
                                 business_days=options["business_days"])
        if due is not None:
            resolved = instant(incident.get("timestamps", "resolved"))  # set: a due date needs a resolution
            day = resolved.date().isoformat() if resolved else "?"
            yield problem(incident, "id", message=f"{incident.get('severity')} incident {incident.get('id')} was "
                          f"resolved on {day} and has no postmortem; it was due by "
                          f"{due.isoformat()}")
