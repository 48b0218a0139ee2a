"""CAP002 (stored projections), CAP003 (headroom) and CAP004 (review and load tests), case by case.

The arithmetic, by hand:

* growth: 1150 x 1.04^6 = 1150 x 1.265319 = 1455.12 and 1150 x 1.04^12 = 1150 x 1.601032 = 1841.19;
  1% of them is 14.55 and 18.41. Cost: 16900 x 1.265319 = 21383.9 and 16900 x 1.601032 = 27057.4.
  Shrinking 2% a month: 1000 x 0.98^6 = 885.84.
* headroom: 100 - peak; 58 leaves 42.
* today is 2026-11-26: 2026-08-26 is 92 days before it (31 + 30 + 31), 2026-10-26 is 31.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policy_cases import Case, Expected, run_case

PATH = "services/checkout/capacity.yaml"


def model(text: str) -> dict[str, str]:
    return {PATH: text}


def found(code: str, line: int, column: int, message: str, level: str = "error") -> Expected:
    return Expected(code, PATH, line, column, level, message)


GROWTH = """\
capacity_model:
  service: checkout
  bottleneck_resource: connections
  growth_forecast:
    current: {current}
    monthly_growth_pct: {growth}
    projected_6mo: {six}
    projected_12mo: {twelve}
  cost_projection:
    current_monthly: 16900
    projected_6mo_monthly: {cost6}
    projected_12mo_monthly: 27057
"""


def growth(current=1150, growth=4, six=1455, twelve=1841, cost6=21384) -> dict[str, str]:
    return model(GROWTH.format(current=current, growth=growth, six=six, twelve=twelve, cost6=cost6))


CAP002_CASES = [
    Case("every figure follows from its inputs", growth()),
    Case("9999 in six months", growth(six=9999),
         (found("CAP002", 7, 20, "growth_forecast.projected_6mo is 9999 but 1150 growing 4% a month for 6 months "
                                 "is 1,455.1"),)),
    Case("1469 is within 1% of 1455.12, 1470 is not", growth(six=1470),
         (found("CAP002", 7, 20, "growth_forecast.projected_6mo is 1470 but 1150 growing 4% a month for 6 months "
                                 "is 1,455.1"),)),
    Case("the twelve-month and cost figures too", growth(twelve=1600, cost6=17000),
         (found("CAP002", 8, 21, "growth_forecast.projected_12mo is 1600 but 1150 growing 4% a month for 12 months "
                                 "is 1,841.2"),
          found("CAP002", 11, 28, "cost_projection.projected_6mo_monthly is 17000 but 16900 growing 4% a month for 6 "
                                  "months is 21,383.9"))),
    Case("growth changed, projections not: every one is stale", growth(growth=2),
         # 1150 x 1.02^6 = 1295.09, x 1.02^12 = 1458.47; 16900 x 1.02^6 = 19032.1, x 1.02^12 = 21433.3
         (found("CAP002", 7, 20, "growth_forecast.projected_6mo is 1455 but 1150 growing 2% a month for 6 months "
                                 "is 1,295.1"),
          found("CAP002", 8, 21, "growth_forecast.projected_12mo is 1841 but 1150 growing 2% a month for 12 months "
                                 "is 1,458.5"),
          found("CAP002", 11, 28, "cost_projection.projected_6mo_monthly is 21384 but 16900 growing 2% a month for 6 "
                                  "months is 19,032.1"),
          found("CAP002", 12, 29, "cost_projection.projected_12mo_monthly is 27057 but 16900 growing 2% a month for "
                                  "12 months is 21,433.3"))),
    Case("a shrinking metric: 1000 x 0.98^6 = 885.84",
         growth(current=1000, growth=-2, six=886, twelve=785, cost6=19032)
         | {},
         # 1000 x 0.98^12 = 784.72 (785 agrees); cost 16900 x 0.98^6 = 14970.7, not 19032; 16900 x 0.98^12 = 13261.7
         (found("CAP002", 11, 28, "cost_projection.projected_6mo_monthly is 19032 but 16900 growing -2% a month for 6 "
                                  "months is 14,970.7"),
          found("CAP002", 12, 29, "cost_projection.projected_12mo_monthly is 27057 but 16900 growing -2% a month for "
                                  "12 months is 13,261.7"))),
    Case("no growth rate: nothing to check against",
         model("capacity_model:\n  service: checkout\n  bottleneck_resource: CPU\n  growth_forecast:\n"
               "    current: 10\n    projected_6mo: 99\n")),
    Case("tolerance_pct 5 accepts 1500 (44.9 off, 5% is 72.8)", growth(six=1500),
         config="policies:\n  CAP002: {options: {tolerance_pct: 5}}\n"),
]

HEADROOM = """\
capacity_model:
  service: checkout
  bottleneck_resource: connections
  current_state:
    peak_utilization_pct: {peak}
    headroom_pct: {headroom}
"""

CAP003_CASES = [
    Case("58% peak, 42% headroom", model(HEADROOM.format(peak=58, headroom=42))),
    Case("58% peak beside 10% headroom", model(HEADROOM.format(peak=58, headroom=10)),
         (found("CAP003", 6, 19, "headroom_pct is 10 but a 58% peak leaves 42%"),)),
    Case("half a point off is a rounded peak", model(HEADROOM.format(peak=57.5, headroom=42))),
    Case("a point off is not", model(HEADROOM.format(peak=57, headroom=42)),
         (found("CAP003", 6, 19, "headroom_pct is 42 but a 57% peak leaves 43%"),)),
    Case("headroom without a peak: nothing to compare",
         model("capacity_model:\n  service: checkout\n  bottleneck_resource: CPU\n  current_state:\n"
               "    headroom_pct: 30\n")),
]

REVIEWED = """\
capacity_model:
  service: checkout
  bottleneck_resource: connections
  load_tests:
    - {{scenario: baseline, date: 2026-10-21, result: pass}}
    - {{scenario: growth, date: {growth_date}, result: {growth_result}}}
    - {{scenario: spike, date: 2026-10-21, result: pass}}
    - {{scenario: soak, date: 2026-10-22, result: pass}}
    - {{scenario: stress, date: 2026-10-23, result: pass}}
  review_cadence: {cadence}
  last_review: {review}
"""


def reviewed(growth_date="2026-10-21", growth_result="pass", cadence="quarterly", review="2026-11-02"):
    return model(REVIEWED.format(growth_date=growth_date, growth_result=growth_result, cadence=cadence,
                                 review=review))


def warn(line: int, column: int, message: str) -> Expected:
    return found("CAP004", line, column, message, "warning")


CAP004_CASES = [
    Case("reviewed this quarter, all five scenarios run and passed", reviewed()),
    Case("a later run of a scenario replaces an older failure",
         {PATH: reviewed()[PATH].replace("  load_tests:\n", "  load_tests:\n"
                                         "    - {scenario: growth, date: 2026-06-01, result: fail}\n")}),
    Case("reviewed exactly 92 days ago: the last day of the quarter", reviewed(review="2026-08-26")),
    Case("reviewed 93 days ago", reviewed(review="2026-08-25"),
         (warn(11, 16, "last_review 2026-08-25 is 93 days old, 1 days past its quarterly review (every 92 days)"),)),
    Case("monthly cadence: 31 days is fine, 32 is late", reviewed(cadence="monthly", review="2026-10-25"),
         (warn(11, 16, "last_review 2026-10-25 is 32 days old, 1 days past its monthly review (every 31 days)"),)),
    Case("the only growth run is old and failed",
         reviewed(growth_date="2026-05-01", growth_result="fail"),
         # 2026-05-01 -> 2026-11-01 is 31+30+31+31+30+31 = 184 days, +25 = 209. Columns: "    - {scenario: growth, "
         # is 25 characters and "date: " 6 more, so the date starts at 32; the result 20 characters later, at 52.
         (warn(6, 32, "the last growth load test ran on 2026-05-01, 209 days ago; run it at least every 92 days"),
          warn(6, 52, "the last growth load test (2026-05-01) failed its target (Verify scaling works); fix and run "
                      "it again"))),
    Case("no review and no load tests at all",
         model("capacity_model:\n  service: checkout\n  bottleneck_resource: CPU\n"),
         (warn(1, 1, "no baseline, growth, spike, soak, stress load test recorded; the guide runs 5 scenarios: "
                     "baseline, growth, spike, soak, stress"),
          warn(1, 1, "no last_review: the model gets a full quarterly review (every 92 days)"))),
    Case("an organisation that requires only two scenarios",
         model("capacity_model:\n  service: checkout\n  bottleneck_resource: CPU\n  load_tests:\n"
               "    - {scenario: growth, date: 2026-11-01, result: pass}\n  last_review: 2026-11-01\n"),
         (warn(4, 3, "no spike load test recorded; the guide runs 2 scenarios: growth, spike"),),
         config="policies:\n  CAP004: {options: {scenarios: [growth, spike]}}\n"),
]


@pytest.mark.parametrize("case", CAP002_CASES, ids=str)
def test_cap002(tmp_path: Path, case: Case) -> None:
    assert run_case(tmp_path, "CAP002", case) == sorted(case.expected)


@pytest.mark.parametrize("case", CAP003_CASES, ids=str)
def test_cap003(tmp_path: Path, case: Case) -> None:
    assert run_case(tmp_path, "CAP003", case) == sorted(case.expected)


@pytest.mark.parametrize("case", CAP004_CASES, ids=str)
def test_cap004(tmp_path: Path, case: Case) -> None:
    assert run_case(tmp_path, "CAP004", case) == sorted(case.expected)
