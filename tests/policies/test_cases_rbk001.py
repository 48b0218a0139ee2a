"""RBK001 (stale runbook) case by case, as of 2026-11-26 and without git history.

Every runbook below is::

    1 runbook:
    2   title: High latency
    3   alert_name: checkout-high-latency
    4   last_updated: <date>        (value at column 17)

2026-08-28 is exactly 90 days before 2026-11-26 (3 days of August, 30 of September, 31 of
October, 26 of November), so it is the last day that is not stale.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policy_cases import Case, Expected, run_case

PATH = "services/checkout/runbooks/high-latency.yaml"


def runbook(last_updated: str) -> dict[str, str]:
    return {PATH: ("runbook:\n  title: High latency\n  alert_name: checkout-high-latency\n"
                   f"  last_updated: {last_updated}\n")}


def stale(date: str, days: int = 90, level: str = "warning") -> Expected:
    return Expected("RBK001", PATH, 4, 17, level, f"runbook last changed {date} (last_updated), more than {days} days "
                                                   f"ago; review it at least every {days} days")


CASES = [
    Case("changed today", runbook("2026-11-26")),
    Case("exactly 90 days ago", runbook("2026-08-28")),
    Case("91 days ago", runbook("2026-08-27"), (stale("2026-08-27"),)),
    Case("years ago", runbook("2020-01-01"), (stale("2020-01-01"),)),
    Case("a date in the future is not stale", runbook("2027-01-01")),
    Case("max_age_days 30: exactly 30 days ago", runbook("2026-10-27"),
         config="policies:\n  RBK001: {options: {max_age_days: 30}}\n"),
    Case("max_age_days 30: 31 days ago", runbook("2026-10-26"), (stale("2026-10-26", 30),),
         config="policies:\n  RBK001: {options: {max_age_days: 30}}\n"),
    Case("level error from config", runbook("2026-08-27"), (stale("2026-08-27", level="error"),),
         config="policies:\n  RBK001: {level: error}\n"),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_rbk001(tmp_path: Path, case: Case) -> None:
    assert run_case(tmp_path, "RBK001", case) == sorted(case.expected)
