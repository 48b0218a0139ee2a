"""A postmortem uses blaming language.

## What it checks

Every text of a `postmortem` (summary, root cause, contributing factors, five whys,
timeline events, what went well or wrong, action items) is searched for phrases that
put the failure on a person: "human error", "X's fault", "should have known",
"careless", "negligent", "dropped the ball" and the like (option `phrases`, regular
expressions matched without regard to case).

Each match is reported at the exact line and column of the phrase, also inside
multi-line block text (`|` or `>`), so an editor jumps to the words to rewrite.

## Why it matters

People tell the whole story only when they are not blamed for it. "Human error" ends an
investigation exactly where it should start: what made the mistake easy to make, and
what would have caught it? A blameless postmortem names systems and conditions, not
culprits.

## Failing example

```yaml
# file: services/checkout/postmortems/INC-2026-014.yaml
postmortem:
  incident: INC-2026-014
  title: Checkout errors after deploy
  date: 2026-11-05
  severity: SEV2
  status: draft
  root_cause: |
    The deploy carried a config change that disabled the payment retry.
    This was human error: the reviewer should have known the flag mattered.
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
  root_cause: |
    The deploy carried a config change that disabled the payment retry.
    Nothing in review or CI shows which flags the payment path depends on.
```

## Options

- `phrases` (list of regular expressions): the phrases to look for. A plain space in a
  phrase also matches a line break, so a phrase folded over two lines is still found.

## How to fix

Describe what the system allowed rather than what a person did wrong: "the deploy tool
let a config change skip the canary" instead of "the engineer was careless".

## References

- Guide, Phase 6: *Blameless Postmortem Template*.
- Guide, Phase 12: *Reliability Culture Indicators* ("postmortems are blameless").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from sre_docs.lint.policy import LintRepo, Option, Problem
from sre_docs.policies._common import all_of_kind, phrase_in_source, strings

ID = "PM005"
NAME = "blaming-language"
LEVEL = "warning"
READS = "service"

DEFAULT_PHRASES = [
    r"human error",
    r"\b[\w.-]+'s fault\b",
    r"\bfault of\b",
    r"should have known",
    r"should have (?:caught|noticed|checked)",
    r"\bcareless(?:ness|ly)?\b",
    r"\bnegligen(?:t|ce)\b",
    r"\bincompeten(?:t|ce)\b",
    r"dropped the ball",
    r"\b(?:didn't|did not) bother\b",
    r"\bblamed?\b",
    r"\b(?:lazy|sloppy)\b",
]


def _valid_patterns(value: object) -> str | None:
    for pattern in value if isinstance(value, list) else []:
        try:
            re.compile(pattern)
        except re.error as exc:
            return f"has a bad regular expression {pattern!r}: {exc}"
    return None


OPTIONS = {"phrases": Option(DEFAULT_PHRASES, "Blaming phrases (regular expressions, any case).",
                             validate=_valid_patterns)}


def _compile(phrases: list[str]) -> list[tuple[re.Pattern[str], re.Pattern[str]]]:
    """(pattern for the value, pattern for the raw file: spaces match any white space)."""
    compiled = []
    for phrase in phrases:
        raw = re.sub(r"(?:\\s\+|\\ | )+", r"\\s+", phrase)
        compiled.append((re.compile(phrase, re.I), re.compile(raw, re.I)))
    return compiled


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    patterns = _compile(options["phrases"])
    if not patterns:
        return
    # One pass with all phrases first: most texts hold none, and then one search is enough.
    anything = re.compile("|".join(f"(?:{p.pattern})" for p, _ in patterns), re.I)
    for postmortem in all_of_kind(repo, "postmortem"):
        source = None
        for path, text in strings(postmortem.body):
            if not anything.search(text):
                continue
            for value_pattern, raw_pattern in patterns:
                for occurrence, match in enumerate(value_pattern.finditer(text)):
                    if source is None:
                        source = repo.source_text(postmortem.path) or ""
                    mark = postmortem.locate(*path)
                    line, column = phrase_in_source(source, mark, raw_pattern, occurrence) or mark
                    yield Problem(postmortem.path, line, column,
                                  f"blaming language {match.group(0)!r}: describe what the system allowed, not "
                                  "who got it wrong", postmortem.service)
