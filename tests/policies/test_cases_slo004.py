"""SLO004 (burn-rate alerts) case by case: each branch, its boundaries and its options.

Every SLO below starts with the same six lines, so the alerts start on line 7::

    1 slo:
    2   service: checkout
    3   sli: availability
    4   target: 99.9
    5   window: <window>
    6   burn_rate_alerts:
    7     - name: ...            (key at column 7)
    8       burn_rate: ...       (value at column 18)
    9       budget_consumed_pct: ...
   10       short_window: ...    (value at column 21)
   11       long_window: ...
   12       severity: ...
   13     - name: ...            (the second alert: lines 13-18, same columns)

The expected burn rate is ``share / 100 x window / long_window``: for a 30-day window
(720 h), 2% in 1 h is 0.02 x 720 = 14.4 and 10% in 3 d (72 h) is 0.1 x 720 / 72 = 1; for
a 28-day window (672 h), 2% in 1 h is 0.02 x 672 = 13.44.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policy_cases import Case, Expected, run_case

PATH = "services/checkout/slos.yaml"


def slo(alerts: str, *, window: str = "30d") -> dict[str, str]:
    """The SLO file: the six header lines above, then ``alerts`` (already indented) from line 7."""
    header = f"slo:\n  service: checkout\n  sli: availability\n  target: 99.9\n  window: {window}\n  burn_rate_alerts:\n"
    return {PATH: header + alerts}


def alert(name: str, rate: object, share: object, short: str, long: str, severity: str) -> str:
    """One alert in six lines; ``share=None`` leaves ``budget_consumed_pct`` out (five lines)."""
    lines = [f"    - name: {name}", f"      burn_rate: {rate}"]
    if share is not None:
        lines.append(f"      budget_consumed_pct: {share}")
    lines += [f"      short_window: {short}", f"      long_window: {long}", f"      severity: {severity}"]
    return "\n".join(lines) + "\n"


FAST = alert("fast", 14.4, 2, "5m", "1h", "page")        # lines 7-12
SLOW = alert("slow", 1, 10, "6h", "3d", "ticket")        # lines 13-18 when second


def error(line: int, column: int, message: str) -> Expected:
    return Expected("SLO004", PATH, line, column, "error", message)


NO_ALERTS = ("SLO has no burn-rate alerts; add a paging fast burn and slower ticketing burns "
             "(multi-window, multi-burn-rate)")
NO_FAST_PAGE = "no burn-rate alert pages on a fast burn (severity page with a long window of at most 1h)"

CASES = [
    # --- the guide's alerts pass ----------------------------------------------------------------
    Case("a fast page and a slow ticket at the guide's 30d rates", slo(FAST + SLOW)),
    Case("the 28d rates: 13.44 and 0.933 (0.1 x 672 / 72 = 0.9333, 0.03% off)",
         slo(alert("fast", 13.44, 2, "5m", "1h", "page") + alert("slow", 0.933, 10, "6h", "3d", "ticket"),
             window="28d")),

    # --- branch 1: no alerts ---------------------------------------------------------------------
    Case("no burn_rate_alerts key: one finding at the kind key, nothing else",
         {PATH: "slo:\n  service: checkout\n  sli: availability\n  target: 99.9\n  window: 30d\n"},
         (error(1, 1, NO_ALERTS),)),
    Case("an empty list is the same as none",
         {PATH: "slo:\n  service: checkout\n  sli: availability\n  target: 99.9\n  window: 30d\n  burn_rate_alerts: []\n"},
         (error(1, 1, NO_ALERTS),)),

    # --- branch 2: distinct burn rates ---------------------------------------------------------------
    Case("two alerts with the same rate count as one rate",
         slo(FAST + alert("fast-again", 14.4, 2, "10m", "1h", "page")),
         (error(6, 3, "burn-rate alerts use 1 burn rate(s); use at least 2 (a fast paging burn and a slow ticketing one)"),)),
    Case("min_burn_rates 3 with two rates",
         slo(FAST + SLOW), (error(6, 3, "burn-rate alerts use 2 burn rate(s); use at least 3 (a fast paging burn and a slow ticketing one)"),),
         config="policies:\n  SLO004: {options: {min_burn_rates: 3}}\n"),
    Case("min_burn_rates 3 with exactly three rates",
         slo(FAST + SLOW + alert("medium", 6, 5, "30m", "6h", "page")),
         config="policies:\n  SLO004: {options: {min_burn_rates: 3}}\n"),

    # --- branch 3: a fast burn that pages ------------------------------------------------------------
    Case("the fast burn opens a ticket instead of paging",
         slo(alert("fast", 14.4, 2, "5m", "1h", "ticket") + SLOW),
         (error(6, 3, NO_FAST_PAGE),)),
    Case("a page over 6h is not a fast burn (longer than 1h)",
         slo(alert("medium", 6, 5, "30m", "6h", "page") + SLOW),
         (error(6, 3, NO_FAST_PAGE),)),
    Case("fast_burn_max_long_window 6h makes the 6h page fast enough",
         slo(alert("medium", 6, 5, "30m", "6h", "page") + SLOW),
         config="policies:\n  SLO004: {options: {fast_burn_max_long_window: 6h}}\n"),
    Case("a 61m page is one minute over the 1h limit",
         slo(alert("fast", 14.4, None, "5m", "61m", "page") + SLOW),
         (error(6, 3, NO_FAST_PAGE),)),

    # --- branch 4: the short window confirms the long one ---------------------------------------------
    Case("short window equal to the long window",
         slo(alert("fast", 14.4, 2, "1h", "1h", "page") + SLOW),
         (error(10, 21, "burn-rate alert fast: short window 1h is not shorter than the long window 1h"),)),
    Case("72h and 3d are the same span, spelled differently: equal",
         slo(FAST + alert("slow", 1, 10, "72h", "3d", "ticket")),
         (error(16, 21, "burn-rate alert slow: short window 72h is not shorter than the long window 3d"),)),
    Case("short window longer than the long one (swapped)",
         slo(FAST + alert("slow", 1, 10, "3d", "6h", "ticket")),
         # The stated 10% now reads as 10% in 6h: 0.1 x 720 / 6 = 12, so the rate is off as well.
         (error(14, 18, "burn-rate alert slow: 1x does not spend 10% of a 30d budget in 6h; that takes 12x"),
          error(16, 21, "burn-rate alert slow: short window 3d is not shorter than the long window 6h"))),
    Case("short window one minute shorter passes", slo(alert("fast", 14.4, 2, "59m", "1h", "page") + SLOW)),

    # --- branch 5: the stated rate matches budget_consumed_pct for this window -------------------------
    Case("14.4 copied into a 28d SLO: 0.02 x 672 = 13.44, 7.1% off",
         slo(alert("fast", 14.4, 2, "5m", "1h", "page") + alert("slow", 0.933, 10, "6h", "3d", "ticket"), window="28d"),
         (error(8, 18, "burn-rate alert fast: 14.4x does not spend 2% of a 28d budget in 1h; that takes 13.44x"),)),
    Case("14.0 for 13.44 is 4.2% off: within 5% of the rate (0.56 apart, the tolerance is relative)",
         slo(alert("fast", 14.0, 2, "5m", "1h", "page") + alert("slow", 0.933, 10, "6h", "3d", "ticket"), window="28d")),
    Case("0.14 for 0.1 (1% in 3d of 30d) is 40% off though only 0.04 apart",
         slo(FAST + alert("slow", 0.14, 1, "6h", "3d", "ticket")),
         (error(14, 18, "burn-rate alert slow: 0.14x does not spend 1% of a 30d budget in 3d; that takes 0.1x"),)),
    Case("15.12 is 14.4 + 5%: on the boundary, allowed", slo(alert("fast", 15.12, 2, "5m", "1h", "page") + SLOW)),
    Case("15.13 is just past 14.4 + 5%",
         slo(alert("fast", 15.13, 2, "5m", "1h", "page") + SLOW),
         (error(8, 18, "burn-rate alert fast: 15.13x does not spend 2% of a 30d budget in 1h; that takes 14.4x"),)),
    Case("13.68 is 14.4 - 5%: on the boundary, allowed", slo(alert("fast", 13.68, 2, "5m", "1h", "page") + SLOW)),
    Case("13.67 is just below 14.4 - 5%",
         slo(alert("fast", 13.67, 2, "5m", "1h", "page") + SLOW),
         (error(8, 18, "burn-rate alert fast: 13.67x does not spend 2% of a 30d budget in 1h; that takes 14.4x"),)),
    Case("threshold_tolerance_pct 10 lets 15.8 (9.7% off) through",
         slo(alert("fast", 15.8, 2, "5m", "1h", "page") + SLOW),
         config="policies:\n  SLO004: {options: {threshold_tolerance_pct: 10}}\n"),
    Case("threshold_tolerance_pct 0 wants the exact rate",
         slo(alert("fast", 14.41, 2, "5m", "1h", "page") + SLOW),
         (error(8, 18, "burn-rate alert fast: 14.41x does not spend 2% of a 30d budget in 1h; that takes 14.4x"),),
         config="policies:\n  SLO004: {options: {threshold_tolerance_pct: 0}}\n"),
    Case("no budget_consumed_pct: nothing to compare the rate with",
         slo(alert("fast", 99, None, "5m", "1h", "page") + SLOW)),
    Case("budget_consumed_pct 0: no rate spends nothing, so none is checked",
         slo(alert("fast", 99, 0, "5m", "1h", "page") + SLOW)),
    Case("a long window longer than the SLO window is not checked against it",
         slo(FAST + alert("slow", 1, 10, "6h", "35d", "ticket"))),

    # --- several branches at once, and the level from config -------------------------------------------
    Case("every alert wrong at once: one finding per problem, in file order",
         slo(alert("fast", 14.4, 2, "1h", "1h", "ticket") + alert("slow", 14.4, 10, "6h", "3d", "ticket")),
         (error(6, 3, "burn-rate alerts use 1 burn rate(s); use at least 2 (a fast paging burn and a slow ticketing one)"),
          error(6, 3, NO_FAST_PAGE),
          error(10, 21, "burn-rate alert fast: short window 1h is not shorter than the long window 1h"),
          error(14, 18, "burn-rate alert slow: 14.4x does not spend 10% of a 30d budget in 3d; that takes 1x"))),
    Case("level warning from config",
         slo(alert("fast", 14.4, 2, "1h", "1h", "page") + SLOW),
         (Expected("SLO004", PATH, 10, 21, "warning",
                   "burn-rate alert fast: short window 1h is not shorter than the long window 1h"),),
         config="policies:\n  SLO004: {level: warning}\n"),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_slo004(tmp_path: Path, case: Case) -> None:
    assert run_case(tmp_path, "SLO004", case) == sorted(case.expected)
