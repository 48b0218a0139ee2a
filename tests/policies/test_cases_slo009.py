"""SLO009 (a burn-rate alert that can never fire), case by case.

Two defects: the threshold ``burn_rate x (100% - target)`` is 100% of events or more (an error ratio never
exceeds it), or the long window is longer than the SLO window.

An SLO written by ``slo()``::

    6   window: <w>               (value at column 11)
    7   burn_rate_alerts:
    8     - name: fast
    9       burn_rate: <r>        (value at column 18)
    10      short_window: 5m
    11      long_window: <l>      (value at column 20)
    12      severity: page
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policy_cases import Case, Expected, run_case

PATH = "services/checkout/slos.yaml"


def slo(target: str, window: str, rate: str | None = None, long: str = "1h") -> dict[str, str]:
    text = f"slo:\n  name: checkout-availability\n  service: checkout\n  sli: availability\n  target: {target}\n  window: {window}\n"
    if rate is not None:
        text += (f"  burn_rate_alerts:\n    - name: fast\n      burn_rate: {rate}\n      short_window: 5m\n"
                 f"      long_window: {long}\n      severity: page\n")
    return {PATH: text}


def error(line: int, column: int, message: str) -> Expected:
    return Expected("SLO009", PATH, line, column, "error", message)


NEVER = "is not below 100%, so the error ratio can never exceed it"

CASES = [
    Case("14.4 x 0.1% = 1.44% of events", slo("99.9", "30d", "14.4")),
    # 999 x 0.1% = 99.9%: just below 100%, so it can fire.
    Case("999 x 0.1% is just below 100%", slo("99.9", "30d", "999")),
    Case("1000 x 0.1% is 100% of events", slo("99.9", "30d", "1000"),
         (error(9, 18, f"burn-rate alert fast: its threshold 1000 x 0.1% = 100% of events {NEVER}"),)),
    Case("a long window equal to the SLO window", slo("99.9", "1d", "2", long="1d")),
    Case("a 3-day long window on a 1-day SLO", slo("99.9", "1d", "2", long="3d"),
         (error(11, 20, "burn-rate alert fast: its long window 3d is longer than the SLO window 1d"),)),
    # No declared alerts: the Workbook's fast tier spends 2% of a 365-day budget in 1 hour, a burn rate of
    # 0.02 x 8760 h / 1 h = 175.2; at 99% that is 175.2 x 1% = 175.2% of events. The 6-hour tier (5%:
    # 0.05 x 8760 / 6 = 73, so 73%) and the day tiers stay below 100%.
    Case("the Workbook's fast tier on a 365-day window at 99%", slo("99", "365d"),
         (error(6, 11, "burn-rate alert checkout-availability_fast_burn (Workbook tier for a 365d window): its "
                       f"threshold 175.2 x 1% = 175.2% of events {NEVER}"),)),
    Case("the Workbook tiers on a 30-day window", slo("99", "30d")),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_slo009(tmp_path: Path, case: Case) -> None:
    assert run_case(tmp_path, "SLO009", case) == sorted(case.expected)
