from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sre_docs.calc.error_budget import (
    WORKBOOK_BURN_RATE_TIERS,
    WORKBOOK_FOUR_TIER_BURN_RATE_TIERS,
    budget_spent,
    burn_alert_defects,
    burn_rate,
    burn_rate_threshold,
    error_budget_fraction,
    error_budget_minutes,
    recommended_burn_rate_alerts,
    time_to_exhaustion,
)

DAYS_28 = timedelta(days=28)
DAYS_30 = timedelta(days=30)


def test_error_budget_fraction() -> None:
    assert error_budget_fraction(99.9) == 0.001
    assert error_budget_fraction(99) == 0.01


def test_error_budget_minutes_for_the_guides_template() -> None:
    # The template says 40; the exact figure is 40.32.
    assert error_budget_minutes(99.9, "28d") == pytest.approx(40.32)
    assert error_budget_minutes(99.9, DAYS_30) == pytest.approx(43.2)


def test_burn_rate_worked_example() -> None:
    assert burn_rate(observed_error_pct=0.5, target=99.9) == 5.0
    assert burn_rate(observed_error_pct=0, target=99.9) == 0.0
    assert burn_rate(observed_error_pct=0.1, target=99.9) == pytest.approx(1.0)


def test_burn_rate_rejects_nonsense() -> None:
    with pytest.raises(ValueError):
        burn_rate(observed_error_pct=-1, target=99.9)
    with pytest.raises(ValueError):
        burn_rate(observed_error_pct=101, target=99.9)
    with pytest.raises(ValueError):
        burn_rate(observed_error_pct=1, target=100)


def test_time_to_exhaustion_worked_examples() -> None:
    assert time_to_exhaustion(burn_rate=5, window="28d") == timedelta(days=5.6)
    # The guide's comment says "2 hours"; it is 46.67 hours.
    assert time_to_exhaustion(burn_rate=14.4, window="28d") / timedelta(hours=1) == pytest.approx(46.6667, abs=1e-4)
    # The guide's "~5 hours" for 6x is about 4.67 days.
    assert time_to_exhaustion(burn_rate=6, window="28d") / timedelta(days=1) == pytest.approx(4.6667, abs=1e-4)
    assert time_to_exhaustion(burn_rate=1, window="28d") == DAYS_28
    assert time_to_exhaustion(burn_rate=14.4, window="30d") == timedelta(hours=50)
    assert time_to_exhaustion(burn_rate=0, window="28d") is None
    assert time_to_exhaustion(burn_rate=2, window="28d", budget_remaining_pct=50) == timedelta(days=7)


def test_budget_spent_worked_example() -> None:
    assert budget_spent(burn_rate=14.4, duration="1h", window="30d") == pytest.approx(2.0)
    assert budget_spent(burn_rate=6, duration="6h", window="30d") == pytest.approx(5.0)
    assert budget_spent(burn_rate=1, duration="3d", window="30d") == pytest.approx(10.0)


def test_workbook_thresholds_reused_on_a_28_day_window_spend_a_little_more() -> None:
    # docs/guide-errata.md: 14.4 / 6 / 1 on 28 days spend 2.14%, 5.36% and 10.7% of the budget.
    assert budget_spent(burn_rate=14.4, duration="1h", window="28d") == pytest.approx(2.142857)
    assert budget_spent(burn_rate=6, duration="6h", window="28d") == pytest.approx(5.357143)
    assert budget_spent(burn_rate=1, duration="3d", window="28d") == pytest.approx(10.714286)


@pytest.mark.parametrize(
    ("share", "long_window", "window", "expected"),
    [
        (2, "1h", "30d", 14.4),
        (5, "6h", "30d", 6.0),
        (10, "1d", "30d", 3.0),
        (10, "3d", "30d", 1.0),
        (2, "1h", "28d", 13.44),
        (5, "6h", "28d", 5.6),
        (10, "1d", "28d", 2.8),
        (10, "3d", "28d", 0.9333),
    ],
)
def test_burn_rate_threshold(share: float, long_window: str, window: str, expected: float) -> None:
    assert burn_rate_threshold(budget_share_pct=share, long_window=long_window, window=window) == pytest.approx(
        expected, abs=1e-4
    )


def test_workbook_tiers_as_data() -> None:
    three = [(t.budget_share_pct, t.long_window, t.short_window, t.severity) for t in WORKBOOK_BURN_RATE_TIERS]
    assert three == [
        (2.0, timedelta(hours=1), timedelta(minutes=5), "page"),
        (5.0, timedelta(hours=6), timedelta(minutes=30), "page"),
        (10.0, timedelta(days=3), timedelta(hours=6), "ticket"),
    ]
    four = [(t.budget_share_pct, t.long_window, t.short_window, t.severity) for t in WORKBOOK_FOUR_TIER_BURN_RATE_TIERS]
    assert four[2] == (10.0, timedelta(days=1), timedelta(hours=2), "ticket")
    assert len(four) == 4


@pytest.mark.parametrize(
    ("window", "expected"), [("30d", [14.4, 6.0, 3.0, 1.0]), ("28d", [13.44, 5.6, 2.8, 0.9333])]
)
def test_recommended_burn_rate_alerts(window: str, expected: list[float]) -> None:
    alerts = recommended_burn_rate_alerts(window)
    assert [alert.burn_rate_threshold for alert in alerts] == pytest.approx(expected, abs=1e-4)
    for alert in alerts:
        assert (alert.exhausts_full_budget_in * alert.burn_rate_threshold).total_seconds() == pytest.approx(
            alert.window.total_seconds()
        )


def test_recommended_burn_rate_alerts_three_tier() -> None:
    alerts = recommended_burn_rate_alerts("30d", tiers=WORKBOOK_BURN_RATE_TIERS)
    assert [alert.burn_rate_threshold for alert in alerts] == pytest.approx([14.4, 6.0, 1.0])
    assert alerts[0].exhausts_full_budget_in == timedelta(hours=50)


def test_windows_must_be_positive() -> None:
    with pytest.raises(ValueError):
        error_budget_minutes(99.9, "0d")
    with pytest.raises(ValueError):
        budget_spent(burn_rate=1, duration=timedelta(hours=-1), window="30d")


rates = st.floats(min_value=0.001, max_value=1000, allow_nan=False)
windows = st.integers(min_value=1, max_value=400).map(lambda days: timedelta(days=days))
hours = st.integers(min_value=1, max_value=24 * 30).map(lambda count: timedelta(hours=count))


@settings(deadline=None)
@given(rates, windows)
def test_time_to_exhaustion_times_burn_rate_is_the_window(rate: float, window: timedelta) -> None:
    lasts = time_to_exhaustion(burn_rate=rate, window=window)
    assert lasts is not None
    # timedelta keeps whole microseconds, so allow a few of them of rounding.
    assert (lasts * rate).total_seconds() == pytest.approx(window.total_seconds(), rel=1e-9, abs=rate * 1e-6)


@settings(deadline=None)
@given(st.floats(min_value=0.01, max_value=100), hours, windows)
def test_spending_at_the_threshold_spends_the_share(share: float, long_window: timedelta, window: timedelta) -> None:
    threshold = burn_rate_threshold(budget_share_pct=share, long_window=long_window, window=window)
    assert budget_spent(burn_rate=threshold, duration=long_window, window=window) == pytest.approx(share)


@settings(deadline=None)
@given(rates, hours, hours, windows)
def test_spending_is_additive_over_consecutive_periods(
    rate: float, first: timedelta, second: timedelta, window: timedelta
) -> None:
    together = budget_spent(burn_rate=rate, duration=first + second, window=window)
    apart = budget_spent(burn_rate=rate, duration=first, window=window) + budget_spent(
        burn_rate=rate, duration=second, window=window
    )
    assert together == pytest.approx(apart)


@settings(deadline=None)
@given(rates, windows, st.floats(min_value=0, max_value=100))
def test_exhaustion_time_spends_exactly_the_remaining_budget(rate: float, window: timedelta, remaining: float) -> None:
    lasts = time_to_exhaustion(burn_rate=rate, window=window, budget_remaining_pct=remaining)
    assert lasts is not None
    assert budget_spent(burn_rate=rate, duration=lasts, window=window) == pytest.approx(remaining, abs=1e-6)


NEVER_BELOW = "is not below 100%, so the error ratio can never exceed it"


@pytest.mark.parametrize(("burn", "target", "long_window", "window", "expected"), [
    # 30 days at 99.9%: 14.4 x 0.1% = 1.44% of events, 1h within 30d: sound.
    (14.4, 99.9, "1h", "30d", ()),
    # 365 days at 99%: Workbook fast burn 2% x 8760h / 1h = 175.2; 175.2 x 1% = 175.2% of events.
    (175.2, 99, "1h", "365d", (f"its threshold 175.2 x 1% = 175.2% of events {NEVER_BELOW}",)),
    # The edge: 1000 x 0.1% = exactly 100%; an error ratio of 1 is not above 1, so it can never fire.
    (1000, 99.9, "1h", "1d", (f"its threshold 1000 x 0.1% = 100% of events {NEVER_BELOW}",)),
    # Just below: 999 x 0.1% = 99.9% of events can still be exceeded.
    (999, 99.9, "1h", "1d", ()),
    # A long window equal to the SLO window is allowed; one day longer is not.
    (1, 99.9, "3d", "3d", ()),
    (1, 99.9, "3d", "2d", ("its long window 3d is longer than the SLO window 2d",)),
    # Both at once: 200 x 1% = 200%, and 3d > 1d.
    (200, 99, "3d", "1d", (f"its threshold 200 x 1% = 200% of events {NEVER_BELOW}",
                           "its long window 3d is longer than the SLO window 1d")),
])
def test_burn_alert_defects(burn, target, long_window, window, expected) -> None:
    assert burn_alert_defects(burn_rate=burn, target=target, long_window=long_window, window=window) == expected
