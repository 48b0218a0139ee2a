"""A final postmortem still has TODO prompts or names no reviewers.

## What it checks

A `postmortem` whose `status` is one of `statuses` (`final` by default):

- holds no text that starts with `TODO:` (the prompts `sre-docs postmortem new` writes
  for what only people can write), anywhere in the document;
- lists at least one name under `reviewers`.

Drafts and postmortems in review may have both; that is what those statuses are for.

## Why it matters

"Final" tells readers the analysis is done and agreed: the monthly report counts it as
reviewed, and the culture figures count it as not skipped. A final postmortem with
prompts still in it was never finished, and one that nobody reviewed skipped the guide's
review meeting, where the root cause and the action items are challenged.

## Failing example

```yaml
# file: services/checkout/postmortems/INC-2026-014.yaml
postmortem:
  incident: INC-2026-014
  title: Checkout errors after deploy
  date: 2026-11-05
  severity: SEV2
  reviewers: []
  status: final
  summary: "TODO: one paragraph: what happened, who was affected, how it ended"
  root_cause: The 4.2 client sends a header the gateway's older API rejects.
```

## Passing example

```yaml
# file: services/checkout/postmortems/INC-2026-014.yaml
postmortem:
  incident: INC-2026-014
  title: Checkout errors after deploy
  date: 2026-11-05
  severity: SEV2
  reviewers: [amara, sofia]
  status: final
  summary: A gateway client upgrade broke card payments for 18% of customers until it was rolled back.
  root_cause: The 4.2 client sends a header the gateway's older API rejects.
```

## Options

- `statuses` (list, default `[final]`): postmortem statuses that must be complete and
  reviewed.

## How to fix

Write what each prompt asks for and list who reviewed the postmortem; or set the status
back to `draft` or `in-review` until that is done.

## References

- Guide, Phase 6: *Blameless Postmortem Template* (authors, reviewers, status) and
  *Postmortem Review Meeting*.
"""

from __future__ import annotations

from collections.abc import Iterator

from sre_docs.lint.policy import LintRepo, Option, Problem, problem
from sre_docs.model.incident_roles import named
from sre_docs.policies._common import all_of_kind, listed, strings
from sre_docs.schemas.vocabulary import POSTMORTEM_STATUSES

ID = "PM007"
NAME = "unfinished-final-postmortem"
LEVEL = "error"
OPTIONS = {
    "statuses": Option(["final"], "Postmortem statuses that must be complete and reviewed.",
                       choices=POSTMORTEM_STATUSES),
}

TODO = "TODO:"


def _dotted(path: tuple) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    wanted = set(options["statuses"])
    for postmortem in all_of_kind(repo, "postmortem"):
        status = postmortem.get("status")
        if status not in wanted:
            continue
        body = postmortem.body if isinstance(postmortem.body, dict) else {}
        for path, value in strings(body):
            if value.strip().startswith(TODO):
                yield problem(postmortem, *path, message=f"{status} postmortem still has a TODO at {_dotted(path)}; "
                              "write it, or set the status back to draft or in-review")
        if not any(named(name) for name in listed(postmortem.get("reviewers"))):
            where = ("reviewers",) if "reviewers" in body else ("status",)
            yield problem(postmortem, *where, message=f"{status} postmortem names no reviewers; list who reviewed it "
                          "in the review meeting under reviewers")
