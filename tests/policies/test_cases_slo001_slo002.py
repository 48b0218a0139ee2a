"""SLO001 (target above the SLA) and SLO002 (stated budget matches the target) case by case.

Every SLO file below is one document::

    1 slo:
    2   service: checkout
    3   sli: availability
    4   target: <t>                     (value at column 11)
    5   <fifth line>                    (sla: value at column 8; window: ...)
    6   ...                             (error_budget: value at column 17)
    7   ...                             (error_budget_minutes: value at column 25)

Figures are decimal, as written: 99.95 - 99.9 is 0.05 points, not 0.04999…
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policy_cases import Case, Expected, run_case

PATH = "services/checkout/slos.yaml"
NOT_ABOVE = "the error budget would run out only when the contract is already broken"


def slo(target: str, *rest: str) -> dict[str, str]:
    lines = ["slo:", "  service: checkout", "  sli: availability", f"  target: {target}", *rest]
    return {PATH: "\n".join(lines) + "\n"}


def at_target(code: str, message: str, level: str = "error") -> Expected:
    return Expected(code, PATH, 4, 11, level, message)


SLO001_CASES = [
    Case("target 0.1 points above the SLA: the default buffer, no finding", slo("99.99", "  sla: 99.89", "  window: 28d")),
    Case("target equal to the SLA", slo("99.9", "  sla: 99.9", "  window: 28d"),
         (at_target("SLO001", f"SLO target 99.9% is not above its SLA of 99.9%; {NOT_ABOVE}"),)),
    Case("target below the SLA", slo("99.8", "  sla: 99.9", "  window: 28d"),
         (at_target("SLO001", f"SLO target 99.8% is not above its SLA of 99.9%; {NOT_ABOVE}"),)),
    Case("0.05 points of buffer is positive but thin: a warning", slo("99.95", "  sla: 99.9", "  window: 28d"),
         (at_target("SLO001", "SLO target 99.95% is only 0.05 points above its SLA of 99.9%; "
                              "keep at least 0.1 points of buffer", "warning"),)),
    Case("0.09 points, just under the buffer", slo("99.99", "  sla: 99.9", "  window: 28d"),
         (at_target("SLO001", "SLO target 99.99% is only 0.09 points above its SLA of 99.9%; "
                              "keep at least 0.1 points of buffer", "warning"),)),
    Case("no SLA: nothing to compare", slo("99.9", "  window: 28d")),
    Case("min_buffer_points 0 accepts any positive gap", slo("99.95", "  sla: 99.9", "  window: 28d"),
         config="policies:\n  SLO001: {options: {min_buffer_points: 0}}\n"),
    Case("min_buffer_points 0.5 with 0.4 points", slo("99.5", "  sla: 99.1", "  window: 28d"),
         (at_target("SLO001", "SLO target 99.5% is only 0.4 points above its SLA of 99.1%; "
                              "keep at least 0.5 points of buffer", "warning"),),
         config="policies:\n  SLO001: {options: {min_buffer_points: 0.5}}\n"),
    Case("level warning from config turns the error into a warning too", slo("99.9", "  sla: 99.9", "  window: 28d"),
         (at_target("SLO001", f"SLO target 99.9% is not above its SLA of 99.9%; {NOT_ABOVE}", "warning"),),
         config="policies:\n  SLO001: {level: warning}\n"),
]


@pytest.mark.parametrize("case", SLO001_CASES, ids=str)
def test_slo001(tmp_path: Path, case: Case) -> None:
    assert run_case(tmp_path, "SLO001", case) == sorted(case.expected)


def budget(stated: str) -> Expected:
    return Expected("SLO002", PATH, 6, 17, "error", f"error_budget {stated}% does not match 100 - target (99.95) = 0.05%")


SLO002_CASES = [
    # 99.95% over 28 days: 0.05% of 40,320 minutes = 20.16 minutes.
    Case("both figures right", slo("99.95", "  window: 28d", "  error_budget: 0.05", "  error_budget_minutes: 20.16")),
    Case("error_budget 0.0001 points off: within the tolerance", slo("99.95", "  window: 28d", "  error_budget: 0.0501")),
    Case("error_budget 0.0002 points off", slo("99.95", "  window: 28d", "  error_budget: 0.0502"), (budget("0.0502"),)),
    Case("error_budget of another target (99.9)", slo("99.95", "  window: 28d", "  error_budget: 0.1"), (budget("0.1"),)),
    # The allowance is the larger of 0.5 minutes and 1% of 20.16 (0.2016): 0.5 minutes.
    Case("minutes 0.5 off: on the allowance", slo("99.95", "  window: 28d", "  error_budget: 0.05", "  error_budget_minutes: 20.66")),
    Case("minutes 0.51 off", slo("99.95", "  window: 28d", "  error_budget: 0.05", "  error_budget_minutes: 20.67"),
         (Expected("SLO002", PATH, 7, 25, "error", "error_budget_minutes 20.67 does not match 99.95% over 28d: 20.16 minutes"),)),
    Case("minutes for a 30-day window in a 28-day SLO (21.6)",
         slo("99.95", "  window: 28d", "  error_budget: 0.05", "  error_budget_minutes: 21.6"),
         (Expected("SLO002", PATH, 7, 25, "error", "error_budget_minutes 21.6 does not match 99.95% over 28d: 20.16 minutes"),)),
    # 99% over 30 days: 1% of 43,200 minutes = 432; 1% of that (4.32) beats the 0.5-minute floor.
    Case("a large budget: 4 minutes off is within 1%", slo("99", "  window: 30d", "  error_budget_minutes: 436")),
    Case("a large budget: 5 minutes off is not", slo("99", "  window: 30d", "  error_budget_minutes: 437"),
         (Expected("SLO002", PATH, 6, 25, "error", "error_budget_minutes 437 does not match 99% over 30d: 432.00 minutes"),)),
    Case("minutes_tolerance_floor 2 lets 1.5 minutes through",
         slo("99.95", "  window: 28d", "  error_budget_minutes: 21.66"),
         config="policies:\n  SLO002: {options: {minutes_tolerance_floor: 2}}\n"),
    Case("budget_tolerance_points 0.01 lets 0.055 through", slo("99.95", "  window: 28d", "  error_budget: 0.055"),
         config="policies:\n  SLO002: {options: {budget_tolerance_points: 0.01}}\n"),
    Case("both wrong: two findings, each at its own value",
         slo("99.95", "  window: 28d", "  error_budget: 0.1", "  error_budget_minutes: 43.2"),
         (budget("0.1"),
          Expected("SLO002", PATH, 7, 25, "error", "error_budget_minutes 43.2 does not match 99.95% over 28d: 20.16 minutes"))),
    Case("neither figure stated", slo("99.95", "  window: 28d")),
]


@pytest.mark.parametrize("case", SLO002_CASES, ids=str)
def test_slo002(tmp_path: Path, case: Case) -> None:
    assert run_case(tmp_path, "SLO002", case) == sorted(case.expected)
