from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sre_docs.calc.capacity import (
    cost_projection,
    growth_forecast,
    headroom_pct,
    instances_needed,
    months_until_threshold,
    project_growth,
)


def test_growth_worked_example() -> None:
    forecast = growth_forecast(current=1000, monthly_growth_pct=5)
    assert forecast.projected_6mo == pytest.approx(1340.0956, abs=1e-4)
    assert forecast.projected_12mo == pytest.approx(1795.8563, abs=1e-4)
    assert project_growth(current=1000, monthly_growth_pct=0, months=12) == 1000
    assert project_growth(current=1000, monthly_growth_pct=-10, months=1) == pytest.approx(900)


def test_months_until_threshold() -> None:
    expected = math.log(1.6) / math.log(1.05)
    assert months_until_threshold(utilisation_pct=50, monthly_growth_pct=5) == pytest.approx(expected)
    assert months_until_threshold(utilisation_pct=50, monthly_growth_pct=5) == pytest.approx(9.633, abs=1e-3)
    assert months_until_threshold(utilisation_pct=85, monthly_growth_pct=5) == 0
    assert months_until_threshold(utilisation_pct=80, monthly_growth_pct=5) == 0
    assert months_until_threshold(utilisation_pct=50, monthly_growth_pct=0) is None
    assert months_until_threshold(utilisation_pct=50, monthly_growth_pct=-3) is None
    assert months_until_threshold(utilisation_pct=0, monthly_growth_pct=10) is None
    assert months_until_threshold(utilisation_pct=40, monthly_growth_pct=100, threshold_pct=80) == pytest.approx(1)


def test_instances_needed() -> None:
    assert instances_needed(current_instances=10, utilisation_pct=70, monthly_growth_pct=5, months=6) == 12
    assert instances_needed(current_instances=10, utilisation_pct=80) == 10
    assert instances_needed(current_instances=10, utilisation_pct=81) == 11
    assert instances_needed(current_instances=4, utilisation_pct=1) == 1
    with pytest.raises(ValueError):
        instances_needed(current_instances=0, utilisation_pct=50)


def test_cost_projection_worked_example() -> None:
    cost = cost_projection(current_monthly=10_000, monthly_growth_pct=5)
    assert cost.current_monthly == 10_000
    assert cost.projected_6mo_monthly == pytest.approx(13_400.96, abs=0.01)
    assert cost.projected_12mo_monthly == pytest.approx(17_958.56, abs=0.01)


def test_headroom() -> None:
    assert headroom_pct(peak_utilisation_pct=65) == 35
    assert headroom_pct(peak_utilisation_pct=65, ceiling_pct=80) == 15
    assert headroom_pct(peak_utilisation_pct=90, ceiling_pct=80) == -10


def test_invalid_inputs() -> None:
    with pytest.raises(ValueError):
        project_growth(current=1, monthly_growth_pct=-100, months=1)
    with pytest.raises(ValueError):
        project_growth(current=1, monthly_growth_pct=5, months=-1)
    with pytest.raises(TypeError):
        project_growth(current="1", monthly_growth_pct=5, months=1)  # type: ignore[arg-type]  # the wrong type on purpose


@settings(deadline=None)
@given(st.floats(min_value=0.1, max_value=79), st.floats(min_value=0.1, max_value=50))
def test_growing_for_the_predicted_months_reaches_the_threshold(utilisation: float, growth: float) -> None:
    months = months_until_threshold(utilisation_pct=utilisation, monthly_growth_pct=growth)
    assert months is not None and months > 0
    assert project_growth(current=utilisation, monthly_growth_pct=growth, months=months) == pytest.approx(80)


@settings(deadline=None)
@given(st.integers(min_value=1, max_value=500), st.floats(min_value=0, max_value=300),
       st.floats(min_value=0, max_value=20), st.floats(min_value=0, max_value=24))
def test_instances_needed_keep_utilisation_under_the_threshold(
    instances: int, utilisation: float, growth: float, months: float
) -> None:
    needed = instances_needed(
        current_instances=instances, utilisation_pct=utilisation, monthly_growth_pct=growth, months=months
    )
    load = instances * project_growth(current=utilisation, monthly_growth_pct=growth, months=months)
    assert load / needed <= 80 + 1e-6
    assert needed == 1 or load / (needed - 1) > 80 - 1e-6


# --- stored figures against their inputs (CAP002, CAP003) and the review clock (CAP004) ----------------------

from sre_docs.calc.capacity import (
    LOAD_TEST_SCENARIOS, REVIEW_CADENCE_DAYS, days_overdue, headroom_disagrees, projection_disagrees,
)


@pytest.mark.parametrize(("stated", "computed", "disagrees"), [
    # 1150 x 1.04^6 = 1455.12; 1% of it is 14.55.
    (1455, 1455.12, False),     # 0.12 off
    (1469.6, 1455.12, False),   # 14.48 <= 14.55
    (1470, 1455.12, True),      # 14.88 > 14.55
    (9999, 1455.12, True),      # the example
    (16.5, 16.47, False),       # 0.03 off: within 1% of 16.47 (0.16) and the 0.5 rounding allowance
    (17.0, 16.47, True),        # 0.53 > 0.5 (and > 0.16)
    (0, 0, False),              # zero stays zero
    (0.5, 0, False),            # the 0.5 allowance
    (0.6, 0, True),
])
def test_projection_disagrees(stated: float, computed: float, disagrees: bool) -> None:
    assert projection_disagrees(stated, computed) is disagrees


def test_projection_tolerance_is_a_parameter() -> None:
    # 5% of 1455.12 = 72.76: 1500 (44.88 off) agrees, 1530 (74.88 off) does not.
    assert projection_disagrees(1500, 1455.12, 0.05) is False
    assert projection_disagrees(1530, 1455.12, 0.05) is True


@pytest.mark.parametrize(("headroom", "peak", "disagrees"), [
    (10, 58, True),     # the example: 100 - 58 = 42
    (42, 58, False),
    (42.5, 58, False),  # 0.5 off, on the tolerance
    (43, 58, True),
    (42.5, 57.5, False),
    (0, 100, False),
    (-5, 105, False),   # over capacity: the schema refuses both, the arithmetic still holds
])
def test_headroom_disagrees(headroom: float, peak: float, disagrees: bool) -> None:
    assert headroom_disagrees(headroom_pct=headroom, peak_utilisation_pct=peak) is disagrees


def test_days_overdue_worked_examples() -> None:
    import datetime as dt

    today = dt.date(2026, 11, 26)
    # 2026-08-01 -> 2026-11-01 is 31 + 30 + 31 = 92 days; +25 = 117; 117 - 92 = 25.
    assert days_overdue(last=dt.date(2026, 8, 1), today=today, max_age_days=92) == 25
    # 2026-08-26 -> 2026-11-26 is 31 + 30 + 31 = 92 days: the last allowed day.
    assert days_overdue(last=dt.date(2026, 8, 26), today=today, max_age_days=92) == 0
    assert days_overdue(last=dt.date(2026, 8, 25), today=today, max_age_days=92) == 1
    # monthly: 2026-10-20 is 37 days before, 6 past 31.
    assert days_overdue(last=dt.date(2026, 10, 20), today=today, max_age_days=REVIEW_CADENCE_DAYS["monthly"]) == 6
    assert days_overdue(last=dt.date(2026, 12, 1), today=today, max_age_days=0) == 0  # a date ahead is not overdue
    with pytest.raises(ValueError):
        days_overdue(last=today, today=today, max_age_days=-1)


def test_the_guides_five_load_test_scenarios() -> None:
    assert [(s.name, s.method, s.duration, s.target) for s in LOAD_TEST_SCENARIOS] == [
        ("baseline", "Steady load at current peak", "30m", "Establish metrics"),
        ("growth", "2x current peak", "15m", "Verify scaling works"),
        ("spike", "10x normal in 60 seconds", "5m", "Circuit breakers hold"),
        ("soak", "1.5x normal load", "4h", "No memory leaks, degradation"),
        ("stress", "Ramp until failure", "until it breaks", "Find actual limits"),
    ]
    from sre_docs.schemas.vocabulary import LOAD_TEST_SCENARIOS as NAMES

    assert NAMES == tuple(s.name for s in LOAD_TEST_SCENARIOS)


def test_latest_load_tests() -> None:
    import datetime as dt

    from sre_docs.calc.capacity import LoadTestRun, latest_load_tests

    runs = [
        LoadTestRun("growth", dt.date(2026, 10, 21), "pass", 0),
        LoadTestRun("growth", dt.date(2026, 6, 1), "fail", 1),    # older, listed later: does not count
        LoadTestRun("spike", dt.date(2026, 10, 21), "fail", 2),
        LoadTestRun("spike", dt.date(2026, 10, 21), "pass", 3),   # same day, listed last: counts
    ]
    assert latest_load_tests(runs) == {"growth": runs[0], "spike": runs[3]}
    assert latest_load_tests([]) == {}
