"""An incident's postmortem link leads nowhere.

## What it checks

An `incident`'s `postmortem:` (a path relative to the incident's file) must lead to a
file of the repo that holds a `postmortem` document, and that postmortem's `incident`
must be this incident's `id`.

## Why it matters

The link is how a reader of the incident finds what was learnt from it, and how the
handbook joins the two pages. A broken link hides the postmortem; a link to another
incident's postmortem tells the wrong story.

## Failing example

```yaml
# file: services/checkout/incidents/INC-2026-014.yaml
incident:
  id: INC-2026-014
  title: Checkout errors after deploy
  services: [checkout]
  severity: SEV2
  status: review
  timestamps:
    started: 2026-11-02T14:05:00Z
  postmortem: ../postmortems/INC-2026-014.yaml
```

## Passing example

```yaml
# file: services/checkout/incidents/INC-2026-014.yaml
incident:
  id: INC-2026-014
  title: Checkout errors after deploy
  services: [checkout]
  severity: SEV2
  status: review
  timestamps:
    started: 2026-11-02T14:05:00Z
  postmortem: ../postmortems/INC-2026-014.yaml
# file: services/checkout/postmortems/INC-2026-014.yaml
postmortem:
  incident: INC-2026-014
  title: Checkout errors after deploy
  date: 2026-11-04
  severity: SEV2
  status: draft
```

## Options

None.

## How to fix

Correct the path (relative to the incident's file), or write the postmortem there.

## References

- Guide, Phase 5: *Incident Response Workflow*, step 6 (review).
- Guide, Phase 6: *Blameless Postmortem Template*.
"""

from __future__ import annotations

from collections.abc import Iterator

from sre_docs.lint.policy import LintRepo, Problem, problem
from sre_docs.policies._common import all_of_kind, is_url, linked_documents

ID = "INC004"
NAME = "incident-postmortem-link"
LEVEL = "error"
OPTIONS: dict = {}


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    for incident in all_of_kind(repo, "incident"):
        link = incident.get("postmortem")
        if not isinstance(link, str) or is_url(link):
            continue
        found = linked_documents(repo, incident, link, "postmortem")
        if found is None:
            target = repo.resolve_path(incident.path, link)
            where = f"{target} holds no postmortem" if target else "it leaves the repository"
            yield problem(incident, "postmortem", message=f"postmortem link {link!r} does not resolve: {where}")
            continue
        ident = incident.get("id")
        if not any(doc.get("incident") == ident for doc in found):
            other = found[0].get("incident")
            yield problem(incident, "postmortem", message=f"postmortem link {link!r} leads to the postmortem of "
                          f"{other}, not of {ident}")
