"""A postmortem's contributing factor has no category, or one outside the guide's fishbone.

## What it checks

Each entry of a `postmortem`'s `contributing_factors` is written as
`{category: ..., description: ...}`, and its `category` is one of the guide's fishbone
categories: people, process, technology, environment, monitoring, testing (plus any
listed in the `extra_categories` option). Two problems are reported:

- an unknown category (an error, with the closest known one suggested);
- a plain sentence without a category, the older form (a warning).

Draft prompts (a category or description starting with `TODO:`) are left alone; PM007
reports them once the postmortem is final.

## Why it matters

Categories turn single postmortems into a pattern: the handbook's incident statistics
chart the factors of every postmortem by category, so a team sees whether its incidents
keep coming from process gaps, missing monitoring or untested changes. A misspelt or
missing category drops the factor out of its bar.

## Failing example

```yaml
# file: services/checkout/postmortems/INC-2026-014.yaml
postmortem:
  incident: INC-2026-014
  title: Checkout errors after deploy
  date: 2026-11-05
  severity: SEV2
  status: draft
  contributing_factors:
    - category: tecnology
      description: The staging gateway runs the newer API, so tests passed.
```

(A plain sentence in the list, `- No canary stage for library upgrades.`, would be
reported too, as a warning.)

## Passing example

```yaml
# file: services/checkout/postmortems/INC-2026-014.yaml
postmortem:
  incident: INC-2026-014
  title: Checkout errors after deploy
  date: 2026-11-05
  severity: SEV2
  status: draft
  contributing_factors:
    - category: testing
      description: The staging gateway runs the newer API, so tests passed.
    - category: process
      description: No canary stage for library upgrades.
```

## Options

- `extra_categories` (list, default `[]`): categories an organisation adds to the
  guide's six.

## How to fix

Correct the category, or rewrite a plain sentence as `category:` and `description:`.

## References

- Guide, Phase 6: *Root Cause Analysis Methods* (Fishbone / Ishikawa categories).
"""

from __future__ import annotations

from collections.abc import Iterator

from sre_docs.findings import Severity
from sre_docs.lint.policy import LintRepo, Option, Problem, problem
from sre_docs.model.factors import factors_of
from sre_docs.policies._common import all_of_kind, suggest
from sre_docs.schemas.vocabulary import CONTRIBUTING_FACTOR_CATEGORIES

ID = "PM008"
NAME = "contributing-factor-category"
LEVEL = "error"
OPTIONS = {"extra_categories": Option([], "Categories added to the guide's six.")}


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    known = (*CONTRIBUTING_FACTOR_CATEGORIES, *options["extra_categories"])
    listing = ", ".join(known)
    for postmortem in all_of_kind(repo, "postmortem"):
        for factor in factors_of(postmortem):
            if factor.placeholder:
                continue
            if factor.category is None:
                yield problem(postmortem, "contributing_factors", factor.index, hint=Severity.WARNING, message=(
                    f"contributing factor {factor.index + 1} has no category; write it as category: and "
                    f"description:, the category one of {listing}"))
            elif factor.category not in known:
                yield problem(postmortem, "contributing_factors", factor.index, "category", message=(
                    f"contributing factor category {factor.category!r} is not one of {listing}"
                    f"{suggest(factor.category, known)}"))
