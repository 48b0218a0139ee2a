"""RBK004 (untested runbook) case by case, as of 2026-11-26.

Every runbook below is::

    1 runbook:
    2   title: High latency
    3   alert_name: checkout-high-latency
    4   last_updated: 2026-11-20
    5   last_tested: <date>         (value at column 16)

2026-05-30 is exactly 180 days before 2026-11-26: 1 (May 31) + 30 (June) + 31 (July) + 31 (August) +
30 (September) + 31 (October) + 26 (November) = 180, so it is the last day that is not stale.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from policy_cases import Case, Expected, run_case
from sre_docs.policies.rbk004 import RunbookTestState, runbook_test_state

PATH = "services/checkout/runbooks/high-latency.yaml"


def runbook(last_tested: str | None) -> dict[str, str]:
    tested = f"  last_tested: {last_tested}\n" if last_tested else ""
    return {PATH: ("runbook:\n  title: High latency\n  alert_name: checkout-high-latency\n"
                   f"  last_updated: 2026-11-20\n{tested}")}


def stale(date: str, days: int = 180, level: str = "warning") -> Expected:
    return Expected("RBK004", PATH, 5, 16, level, f"runbook last tested {date}, more than {days} days ago; follow it "
                                                   f"in a drill or game day at least every {days} days")


NEVER = Expected("RBK004", PATH, 2, 10, "warning", "runbook has never been tested; follow it in a drill or game day "
                                                    "and record the day in last_tested")

CASES = [
    Case("tested today", runbook("2026-11-26")),
    Case("exactly 180 days ago", runbook("2026-05-30")),
    Case("181 days ago", runbook("2026-05-29"), (stale("2026-05-29"),)),
    Case("years ago", runbook("2020-01-01"), (stale("2020-01-01"),)),
    Case("after today", runbook("2026-11-27"), (Expected("RBK004", PATH, 5, 16, "warning",
                                                          "last_tested 2026-11-27 is after today (2026-11-26)"),)),
    Case("never tested: not reported by default", runbook(None)),
    Case("never tested with require_test", runbook(None), (NEVER,),
         config="policies:\n  RBK004: {options: {require_test: true}}\n"),
    Case("max_age_days 90: exactly 90 days ago", runbook("2026-08-28"),
         config="policies:\n  RBK004: {options: {max_age_days: 90}}\n"),
    Case("max_age_days 90: 91 days ago", runbook("2026-08-27"), (stale("2026-08-27", 90),),
         config="policies:\n  RBK004: {options: {max_age_days: 90}}\n"),
    Case("level error from config", runbook("2026-05-29"), (stale("2026-05-29", level="error"),),
         config="policies:\n  RBK004: {level: error}\n"),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_rbk004(tmp_path: Path, case: Case) -> None:
    assert run_case(tmp_path, "RBK004", case) == sorted(case.expected)


@pytest.mark.parametrize(("tested", "expected"), [
    (None, RunbookTestState.NEVER),
    (dt.date(2026, 5, 30), RunbookTestState.CURRENT),   # 180 days before 2026-11-26
    (dt.date(2026, 5, 29), RunbookTestState.STALE),     # 181 days
    (dt.date(2026, 11, 26), RunbookTestState.CURRENT),
    (dt.date(2026, 11, 27), RunbookTestState.FUTURE),
])
def test_runbook_test_state(tested: dt.date | None, expected: RunbookTestState) -> None:
    assert runbook_test_state(tested, dt.date(2026, 11, 26), 180) is expected
