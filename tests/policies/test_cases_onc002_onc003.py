"""ONC002 (critical on-call health figure) and ONC003 (a service paging 5 times a week or more), case by case.

Every rotation is one document in org/oncall/payments.yaml; lines are counted from ``rotation()``::

    1 oncall_rotation:
    2   name: payments
    3   team: payments
    4   members: [ana, bo, cy, dee, eli]
    5   primary: [ana, bo, cy, dee, eli]
    6   secondary: [bo]
    7   health:
    8     - period: 2026-10       (the first row; each row's figures follow on their own lines)

Figures are read from the latest ``period`` not after today's month (today is 2026-11-26, so 2026-11).
The guide's critical bands: pages per shift above 5, off-hours pages above 3 a week, acknowledgement above 15 min,
mitigation above 60 min, false positives above 30%, escalations above 40%, satisfaction below 3 of 5.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policy_cases import Case, Expected, run_case

PATH = "org/oncall/payments.yaml"


def rotation(*rows: dict[str, object]) -> dict[str, str]:
    lines = ["oncall_rotation:", "  name: payments", "  team: payments", "  members: [ana, bo, cy, dee, eli]",
             "  primary: [ana, bo, cy, dee, eli]", "  secondary: [bo]", "  health:"]
    for row in rows:
        first = True
        for key, value in row.items():
            lines.append(("    - " if first else "      ") + f"{key}: {value}")
            first = False
    return {PATH: "\n".join(lines) + "\n"}


def onc002(line: int, column: int, message: str) -> Expected:
    return Expected("ONC002", PATH, line, column, "warning", message)


def onc003(line: int, column: int, message: str) -> Expected:
    return Expected("ONC003", PATH, line, column, "warning", message)


ONC002_CASES = [
    Case("every figure healthy", rotation({"period": "2026-11", "pages_per_shift": 1.5, "satisfaction": 4.2})),
    # Line 9 is pages_per_shift (value at column 24: 6 spaces + "pages_per_shift: " = 23 characters).
    Case("6 pages a shift is critical", rotation({"period": "2026-11", "pages_per_shift": 6}),
         (onc002(9, 24, "pages per shift was 6 in 2026-11: critical (>5 pages); healthy is <2 pages"),)),
    Case("5 pages a shift is the warning band's top, not critical", rotation({"period": "2026-11", "pages_per_shift": 5})),
    Case("satisfaction 2.9 is critical, 3 is not",
         rotation({"period": "2026-10", "satisfaction": 3}, {"period": "2026-11", "satisfaction": 2.9}),
         (onc002(11, 21, "on-call satisfaction was 2.9 in 2026-11: critical (<3 of 5); healthy is >4 of 5"),)),
    Case("only the latest month counts: October's 9 pages are history",
         rotation({"period": "2026-10", "pages_per_shift": 9}, {"period": "2026-11", "pages_per_shift": 1})),
    Case("rows out of order: the latest period wins, not the last row",
         rotation({"period": "2026-11", "pages_per_shift": 7}, {"period": "2026-09", "pages_per_shift": 1}),
         (onc002(9, 24, "pages per shift was 7 in 2026-11: critical (>5 pages); healthy is <2 pages"),)),
    Case("a row for next month is not read",
         rotation({"period": "2026-11", "pages_per_shift": 1}, {"period": "2026-12", "pages_per_shift": 9})),
    Case("several critical figures, one finding each (30% false positives is not above 30)",
         rotation({"period": "2026-11", "time_to_mitigate_min": 61, "off_hours_pages_per_week": 3.5,
                   "escalation_rate_pct": 41, "false_positive_pct": 30}),
         (onc002(10, 33, "pages outside working hours was 3.5 in 2026-11: critical (>3 pages/week); healthy is "
                         "<1 pages/week"),
          onc002(9, 29, "time to mitigate was 61 in 2026-11: critical (>60 min); healthy is <30 min"),
          onc002(11, 28, "escalation rate was 41 in 2026-11: critical (>40 %); healthy is <20 %"))),
    Case("level error from config", rotation({"period": "2026-11", "pages_per_shift": 6}),
         (Expected("ONC002", PATH, 9, 24, "error",
                   "pages per shift was 6 in 2026-11: critical (>5 pages); healthy is <2 pages"),),
         config="policies:\n  ONC002: {level: error}\n"),
]


@pytest.mark.parametrize("case", ONC002_CASES, ids=str)
def test_onc002(tmp_path: Path, case: Case) -> None:
    assert run_case(tmp_path, "ONC002", case) == sorted(case.expected)


LIMIT = "the guide's limit is fewer than 5 a week per service"

ONC003_CASES = [
    Case("4.9 pages a week is under the limit", rotation({"period": "2026-11", "pages_per_week_by_service": "{checkout: 4.9}"})),
    # Line 9: "      pages_per_week_by_service: {checkout: 5.0}"; the value of checkout starts at column 45.
    Case("5 a week is at the limit: a finding", rotation({"period": "2026-11", "pages_per_week_by_service": "{checkout: 5.0}"}),
         (onc003(9, 45, f"checkout paged 5 times a week in 2026-11; {LIMIT}"),)),
    # Line 9: "      pages_per_week_by_service: {checkout: 0.5, payments: 12.25}"; payments' value at column 60.
    Case("two services, one over", rotation({"period": "2026-11",
                                             "pages_per_week_by_service": "{checkout: 0.5, payments: 12.25}"}),
         (onc003(9, 60, f"payments paged 12.25 times a week in 2026-11; {LIMIT}"),)),
    Case("only the latest month counts",
         rotation({"period": "2026-10", "pages_per_week_by_service": "{checkout: 9}"},
                  {"period": "2026-11", "pages_per_week_by_service": "{checkout: 1}"})),
    Case("a row for next month is not read",
         rotation({"period": "2026-11", "pages_per_week_by_service": "{checkout: 1}"},
                  {"period": "2026-12", "pages_per_week_by_service": "{checkout: 9}"})),
    Case("no figures by service", rotation({"period": "2026-11", "pages_per_shift": 1})),
]


@pytest.mark.parametrize("case", ONC003_CASES, ids=str)
def test_onc003(tmp_path: Path, case: Case) -> None:
    assert run_case(tmp_path, "ONC003", case) == sorted(case.expected)
