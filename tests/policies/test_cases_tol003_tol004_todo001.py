"""TOL003 (priority score), TOL004 (value over hours) and TODO001 (unfilled scaffold), case by case.

Toil arithmetic by hand: 30 min x 20 a month = 600 min = 10 h; 40 min x 10 = 400 min = 6.667 h.
Priority = value (else the hours) / weight, with low 1, medium 2, high 3.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policy_cases import Case, Expected, run_case

TOIL = "services/checkout/toil.yaml"
SERVICE = "service:\n  name: checkout\n  tier: standard\n  owner_team: payments\n"


def item(**fields: object) -> dict[str, str]:
    body = "".join(f"  {key}: {value}\n" for key, value in fields.items())
    return {TOIL: "toil_item:\n  name: Stuck orders\n  category: recovery\n" + body}


def error(code: str, line: int, column: int, message: str, path: str = TOIL) -> Expected:
    return Expected(code, path, line, column, "error", message)


BASE = {"time_per_occurrence_min": 30, "occurrences_per_month": 20}

TOL003_CASES = [
    Case("10 h saved at medium difficulty scores 5", item(**BASE, automation_difficulty="medium",
                                                          automation_value=10, priority_score=5)),
    Case("scored 10 instead of 5", item(**BASE, automation_difficulty="medium", automation_value=10, priority_score=10),
         (error("TOL003", 8, 19, "priority_score is 10 but automation_value 10 / 2 (medium difficulty) is 5"),)),
    Case("3.33 for 10 / 3 is within 0.05", item(**BASE, automation_difficulty="high", automation_value=10,
                                                  priority_score=3.33)),
    Case("3.2 for 10 / 3 is not", item(**BASE, automation_difficulty="high", automation_value=10, priority_score=3.2),
         (error("TOL003", 8, 19, "priority_score is 3.2 but automation_value 10 / 3 (high difficulty) is 3.33"),)),
    Case("no automation value: the hours, 40 min x 10 = 6.667 h / 1",
         item(time_per_occurrence_min=40, occurrences_per_month=10, automation_difficulty="low", priority_score=10),
         (error("TOL003", 7, 19, "priority_score is 10 but 6.67 h a month / 1 (low difficulty) is 6.67"),)),
    Case("no difficulty: nothing to divide by", item(**BASE, automation_value=10, priority_score=99)),
    Case("neither value nor hours", item(automation_difficulty="low", priority_score=4)),
]

TOL004_CASES = [
    Case("saves all 10 h", item(**BASE, automation_value=10)),
    Case("saves part of it", item(**BASE, automation_value=4)),
    Case("saves 15 h of 10", item(**BASE, automation_value=15),
         (error("TOL004", 6, 21, "automation_value is 15 h a month but the work costs 10 h a month; automation "
                                 "cannot save more than that"),)),
    Case("only a stated total of 4.5 h: 6 h saved is too many",
         item(total_hours_per_month=4.5, automation_value=6),
         (error("TOL004", 5, 21, "automation_value is 6 h a month but the work costs 4.5 h a month; automation "
                                 "cannot save more than that"),)),
    Case("hours unknown: nothing to compare", item(automation_value=60)),
]

TODO001_CASES = [
    Case("a filled-in document", {TOIL: "toil_item:\n  name: Stuck orders\n  category: recovery\n  owner: grace\n"}),
    Case("a marker in a field, a list item and a nested list",
         {"services/checkout/service.yaml": SERVICE + "  description: 'TODO: what it does'\n",
          "services/checkout/prr.yaml": (
              "prr:\n  service: checkout\n  date: 2026-11-20\n  reviewers: [amara, 'TODO: who else']\n  checks:\n"
              "    - id: slos.slis-defined\n      status: fail\n      evidence: TODO\n")},
         (error("TODO001", 5, 16, "service.description still holds a scaffold TODO marker: write the real value",
                "services/checkout/service.yaml"),
          error("TODO001", 4, 22, "prr.reviewers[1] still holds a scaffold TODO marker: write the real value",
                "services/checkout/prr.yaml"),
          error("TODO001", 8, 17, "prr.checks[0].evidence still holds a scaffold TODO marker: write the real value",
                "services/checkout/prr.yaml"))),
    Case("an org document and a list kind",
         {"org/auto_remediation.yaml": "auto_remediation:\n  - trigger: disk_full\n    condition: '  TODO: when'\n"
                                      "    action: Clean up\n"},
         (error("TODO001", 3, 16, "auto_remediation[0].condition still holds a scaffold TODO marker: write the real "
                                  "value", "org/auto_remediation.yaml"),)),
    Case("TODOS, Todo and a TODO inside the text are not markers",
         {"services/checkout/service.yaml": SERVICE + "  description: 'TODOS list; Todo: nothing; see TODO: x'\n"}),
    Case("postmortems are left to their own policies", {
        "services/checkout/service.yaml": SERVICE,
        "services/checkout/postmortems/INC-2026-001.yaml": (
            "postmortem:\n  incident: INC-2026-001\n  title: Outage\n  date: 2026-11-20\n  severity: SEV3\n"
            "  status: draft\n  summary: 'TODO: one paragraph'\n")}),
]


@pytest.mark.parametrize("case", TOL003_CASES, ids=str)
def test_tol003(tmp_path: Path, case: Case) -> None:
    assert run_case(tmp_path, "TOL003", case) == sorted(case.expected)


@pytest.mark.parametrize("case", TOL004_CASES, ids=str)
def test_tol004(tmp_path: Path, case: Case) -> None:
    assert run_case(tmp_path, "TOL004", case) == sorted(case.expected)


@pytest.mark.parametrize("case", TODO001_CASES, ids=str)
def test_todo001(tmp_path: Path, case: Case) -> None:
    assert run_case(tmp_path, "TODO001", case) == sorted(case.expected)
