"""PM003 (overdue action item) and TOL001 (toil over the team's budget) case by case, as of 2026-11-26.

PM003: the postmortem's first action item starts on line 8; its ``deadline`` is on line 12
(value at column 17)::

    8     - id: AI-001
    9       description: Add a canary stage
   10       owner: ana
   11       priority: P1
   12       deadline: <date>
   13       status: <status>

TOL001: the team (org/teams.yaml) has ``sre_hours_per_month`` on line 3 (value at column
24); the toil belongs to the team that owns the service it is filed under.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policy_cases import Case, Expected, run_case

POSTMORTEM = "services/checkout/postmortems/INC-2026-014.yaml"


def postmortem(deadline: str, status: str = "open") -> dict[str, str]:
    return {POSTMORTEM: (
        "postmortem:\n  incident: INC-2026-014\n  title: Checkout errors after deploy\n  date: 2026-11-05\n"
        "  severity: SEV2\n  status: final\n  action_items:\n    - id: AI-001\n      description: Add a canary stage\n"
        f"      owner: ana\n      priority: P1\n      deadline: {deadline}\n      status: {status}\n")}


def overdue(deadline: str) -> Expected:
    return Expected("PM003", POSTMORTEM, 12, 17, "error", f"action item AI-001 is not done and was due on {deadline}")


PM003_CASES = [
    Case("due today: not overdue yet", postmortem("2026-11-26")),
    Case("due yesterday", postmortem("2026-11-25"), (overdue("2026-11-25"),)),
    Case("due yesterday but in progress is still overdue", postmortem("2026-11-25", "in-progress"), (overdue("2026-11-25"),)),
    Case("due long ago but done", postmortem("2026-01-01", "done")),
    Case("due next month", postmortem("2026-12-26")),
]


@pytest.mark.parametrize("case", PM003_CASES, ids=str)
def test_pm003(tmp_path: Path, case: Case) -> None:
    assert run_case(tmp_path, "PM003", case) == sorted(case.expected)


TEAMS = "org/teams.yaml"


def toil(*items: str, sre_hours: str | None = "160") -> dict[str, str]:
    team = "team:\n  name: payments\n" + (f"  sre_hours_per_month: {sre_hours}\n" if sre_hours is not None else "")
    return {
        TEAMS: team,
        "services/checkout/service.yaml": "service:\n  name: checkout\n  tier: standard\n  owner_team: payments\n",
        "services/checkout/toil.yaml": "---\n".join(items),
    }


def item(name: str, *fields: str, status: str = "identified") -> str:
    return "toil_item:\n" + f"  name: {name}\n  category: config\n" + "".join(f"  {f}\n" for f in fields) + f"  status: {status}\n"


def over(spent: str, pct: str, budget: str = "25") -> Expected:
    return Expected("TOL001", TEAMS, 3, 24, "warning",
                    f"team payments spends {spent} h a month on toil, {pct}% of its 160 SRE hours; keep it under {budget}%")


TOL001_CASES = [
    Case("40 h of 160 is exactly 25%: not over", toil(item("Renewals", "total_hours_per_month: 40"))),
    Case("40.5 h of 160 is 25.3%", toil(item("Renewals", "total_hours_per_month: 40.5")), (over("40.5", "25.3"),)),
    Case("25 runs of 120 min: 50 h, 31.25%",
         toil(item("Renewals", "time_per_occurrence_min: 120", "occurrences_per_month: 25")), (over("50.0", "31.2"),)),
    Case("items add up: 30 h + 20 h", toil(item("Renewals", "total_hours_per_month: 30"),
                                          item("Restarts", "total_hours_per_month: 20")), (over("50.0", "31.2"),)),
    Case("automated toil does not count", toil(item("Renewals", "total_hours_per_month: 50", status="automated"))),
    Case("more toil than SRE hours: 200 h of 160", toil(item("Renewals", "total_hours_per_month: 200")),
         (over("200.0", "125.0"),)),
    Case("an item without figures counts nothing", toil(item("Renewals"))),
    Case("a team without sre_hours_per_month is not judged",
         toil(item("Renewals", "total_hours_per_month: 200"), sre_hours=None)),
    Case("max_pct 40 allows 31.25%", toil(item("Renewals", "total_hours_per_month: 50")),
         config="policies:\n  TOL001: {options: {max_pct: 40}}\n"),
    Case("max_pct 20 flags 25%", toil(item("Renewals", "total_hours_per_month: 40")), (over("40.0", "25.0", "20"),),
         config="policies:\n  TOL001: {options: {max_pct: 20}}\n"),
]


@pytest.mark.parametrize("case", TOL001_CASES, ids=str)
def test_tol001(tmp_path: Path, case: Case) -> None:
    assert run_case(tmp_path, "TOL001", case) == sorted(case.expected)
