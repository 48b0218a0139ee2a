"""PM007 (final postmortem unfinished or unreviewed) and PM008 (contributing factor categories) case by case.

Every postmortem starts with the same five lines, then its extra lines in the order given::

    1 postmortem:
    2   incident: INC-2026-014
    3   title: Checkout errors after deploy
    4   date: 2026-11-05
    5   severity: SEV2
    6 ...
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policy_cases import Case, Expected, run_case

PATH = "services/checkout/postmortems/INC-2026-014.yaml"
INCIDENT = ("incident:\n  id: INC-2026-014\n  title: Checkout errors after deploy\n  services: [checkout]\n"
            "  severity: SEV3\n  status: review\n  timestamps:\n    started: 2026-11-02T14:05:00Z\n")


def postmortem(*lines: str) -> dict[str, str]:
    text = ("postmortem:\n  incident: INC-2026-014\n  title: Checkout errors after deploy\n  date: 2026-11-05\n"
            "  severity: SEV2\n" + "".join(line + "\n" for line in lines))
    return {PATH: text, "services/checkout/incidents/INC-2026-014.yaml": INCIDENT}


def found(code: str, line: int, column: int, level: str, message: str) -> Expected:
    return Expected(code, PATH, line, column, level, message)


NO_REVIEWERS = "final postmortem names no reviewers; list who reviewed it in the review meeting under reviewers"


def todo_at(where: str, status: str = "final") -> str:
    return f"{status} postmortem still has a TODO at {where}; write it, or set the status back to draft or in-review"


PM007 = [
    Case("final, reviewed, complete", postmortem("  reviewers: [amara]", "  status: final", "  summary: Done.")),
    Case("final with reviewers: [] (at the list)", postmortem("  reviewers: []", "  status: final"),
         (found("PM007", 6, 14, "error", NO_REVIEWERS),)),
    Case("final without the key (at the status)", postmortem("  status: final"),
         (found("PM007", 6, 11, "error", NO_REVIEWERS),)),
    Case("a blank reviewer does not count", postmortem("  reviewers: ['']", "  status: final"),
         (found("PM007", 6, 14, "error", NO_REVIEWERS),)),
    Case("TODOs deep in the document, each reported",
         postmortem("  reviewers: [amara]", "  status: final", "  five_whys:", "    - why: Why did it fail?",
                    "      because: 'TODO: answer'", "  action_items:", "    - id: AI-001",
                    "      description: 'TODO: what will be done'", "      status: open"),
         (found("PM007", 10, 16, "error", todo_at("five_whys[0].because")),
          found("PM007", 13, 20, "error", todo_at("action_items[0].description")))),
    Case("a TODO in the middle of a sentence is prose, not a prompt",
         postmortem("  reviewers: [amara]", "  status: final", "  summary: 'The TODO: list in the runbook was empty.'")),
    Case("drafts and reviews may be unfinished", postmortem("  status: in-review", "  summary: 'TODO: summary'")),
    Case("in-review held to it by option", postmortem("  status: in-review", "  summary: 'TODO: summary'"),
         (found("PM007", 6, 11, "error", "in-review postmortem names no reviewers; list who reviewed it in the review "
                                         "meeting under reviewers"),
          found("PM007", 7, 12, "error", todo_at("summary", "in-review"))),
         config="policies:\n  PM007: {options: {statuses: [in-review, final]}}\n"),
]

KNOWN = "people, process, technology, environment, monitoring, testing"

PM008 = [
    Case("every factor categorised",
         postmortem("  status: draft", "  contributing_factors:", "    - category: technology",
                    "      description: The pool was too small.", "    - category: environment",
                    "      description: The provider throttled us.")),
    # Line 8 is the first factor's category (value at column 17).
    Case("a misspelt category", postmortem("  status: draft", "  contributing_factors:", "    - category: monitorng",
                                           "      description: No alert on the pool."),
         (found("PM008", 8, 17, "error", f"contributing factor category 'monitorng' is not one of {KNOWN}; did you "
                                         "mean 'monitoring'?"),)),
    Case("an unknown category with nothing close", postmortem("  status: draft", "  contributing_factors:",
                                                              "    - category: luck", "      description: Bad luck."),
         (found("PM008", 8, 17, "error", f"contributing factor category 'luck' is not one of {KNOWN}"),)),
    # The second entry (line 10) is a plain sentence: a warning at the item.
    Case("a plain sentence is a warning",
         postmortem("  status: final", "  reviewers: [amara]", "  contributing_factors:", "    - category: process",
                    "      description: No canary.", "    - The staging API differs from production."),
         (found("PM008", 11, 7, "warning", f"contributing factor 2 has no category; write it as category: and "
                                           f"description:, the category one of {KNOWN}"),)),
    Case("draft prompts are left to PM007", postmortem("  status: draft", "  contributing_factors:",
                                                       "    - category: 'TODO: people | process'",
                                                       "      description: 'TODO: what made it worse'")),
    Case("an extra category by option",
         postmortem("  status: draft", "  contributing_factors:", "    - category: vendor",
                    "      description: The vendor's API changed."),
         config="policies:\n  PM008: {options: {extra_categories: [vendor]}}\n"),
]


@pytest.mark.parametrize("case", PM007, ids=str)
def test_pm007(tmp_path: Path, case: Case) -> None:
    assert run_case(tmp_path, "PM007", case) == sorted(case.expected)


@pytest.mark.parametrize("case", PM008, ids=str)
def test_pm008(tmp_path: Path, case: Case) -> None:
    assert run_case(tmp_path, "PM008", case) == sorted(case.expected)
