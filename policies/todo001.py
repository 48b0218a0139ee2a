"""A value still holds the TODO marker a scaffold left in it.

## What it checks

Every string value of every document except postmortems: one that starts with the word
`TODO` (upper case, after any spaces) is a placeholder that `sre-docs new` wrote where
only a person can give the value (`TODO: who agreed to this target`). Each one is a
finding, at the value, until it is replaced. The same predicate makes the list a command
prints after writing ("Still to fill in"), so the two never disagree.

Postmortems are left to the postmortem policies: a draft is expected to hold its prompts
until its deadline, and a final one with prompts left is their finding (PM007). An alert's
`expr` is left to ALR008, which says what a placeholder expression means (the alert never
fires): one finding for one placeholder.

## Why it matters

A scaffold is valid on purpose, so that it can be written and checked at once; but its
placeholders read as facts everywhere the document is shown. The handbook would publish
"TODO: what checkout does" as the service's description, a PRR would count
"TODO: evidence" as evidence, and an alert whose expression is a placeholder never fires.
It is an error, not a warning: a placeholder is never a value anyone should merge.

## Failing example

```yaml
# file: services/checkout/toil.yaml
toil_item:
  name: Rotate partner API keys
  category: access
  time_per_occurrence_min: 20
  occurrences_per_month: 4
  owner: "TODO: who drives the automation"
```

## Passing example

```yaml
# file: services/checkout/toil.yaml
toil_item:
  name: Rotate partner API keys
  category: access
  time_per_occurrence_min: 20
  occurrences_per_month: 4
  owner: grace.achieng
```

## Options

None.

## How to fix

Write the real value in place of the marker (the command that wrote the document listed
every one), or remove an optional field you cannot fill in yet.

## References

- Guide, *Natural Language Commands*: each workflow produces a complete document.
"""

from __future__ import annotations

from collections.abc import Iterator

from sre_docs.lint.policy import LintRepo, Problem, problem
from sre_docs.schemas.markers import dotted, todo_paths

ID = "TODO001"
NAME = "unfilled-scaffold"
LEVEL = "error"
READS = "service"
OPTIONS: dict = {}

#: Kinds whose own policies judge their placeholders (a postmortem draft may hold prompts until its deadline).
SKIPPED_KINDS = frozenset({"postmortem"})

#: Values another policy judges with the same predicate (``schemas.markers.is_todo``): (kind, path) -> its id.
JUDGED_ELSEWHERE = {("alert", ("expr",)): "ALR008"}


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    for doc in repo.documents:
        if doc.kind in SKIPPED_KINDS:
            continue
        for path in todo_paths(doc.body):
            if (doc.kind, path) in JUDGED_ELSEWHERE:
                continue
            where = dotted((doc.kind, *path)) if path else doc.kind
            yield problem(doc, *path, message=f"{where} still holds a scaffold TODO marker: write the real value")
