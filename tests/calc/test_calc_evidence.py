from __future__ import annotations

from itertools import pairwise
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sre_docs.calc.budget_policy import BudgetState
from sre_docs.calc.budget_evidence import (
    IncidentImpact,
    Measurement,
    Source,
    budget_state_history,
    budget_status,
    burn_down_series,
)

AS_OF = datetime(2026, 3, 1, tzinfo=timezone.utc)
WINDOW_START = AS_OF - timedelta(days=28)


def hourly(
    bad_per_hour: int = 0, *, recent_bad: int | None = None, total: int = 1000
) -> list[tuple[datetime, int, int]]:
    """28 days of hourly buckets with ``bad_per_hour`` errors (``recent_bad`` in the last 24 hours)."""
    points = []
    moment = WINDOW_START
    while moment < AS_OF:
        bad = recent_bad if recent_bad is not None and moment >= AS_OF - timedelta(days=1) else bad_per_hour
        points.append((moment, total - bad, total))
        moment += timedelta(hours=1)
    return points


def daily(bad_per_day: int, *, days: int = 28, total: int = 100_000) -> list[Measurement]:
    return [Measurement(AS_OF - timedelta(days=days - index), total - bad_per_day, total) for index in range(days)]


def test_incident_worked_example() -> None:
    start = datetime(2026, 2, 10, tzinfo=timezone.utc)
    outage = IncidentImpact(start=start, end=start + timedelta(minutes=20.16))
    status = budget_status(target=99.9, window="28d", as_of=AS_OF, incidents=[outage])
    assert status.budget_minutes == pytest.approx(40.32)
    assert status.consumed_pct.value == pytest.approx(50.0)
    assert status.consumed_pct.source == "incidents"
    assert status.remaining_minutes.value == pytest.approx(20.16)
    assert status.state.value is BudgetState.WARNING
    assert status.consumed_last_7d_pct.value == 0.0
    assert status.projected_exhaustion.value is None
    assert status.measurement_coverage == 0.0
    window_burn = status.burn_rates[-1]
    assert window_burn.lookback == timedelta(days=28) and window_burn.burn_rate == pytest.approx(0.5)


def test_incident_users_share_and_clipping_to_the_window() -> None:
    # Starts 10 minutes before the window, lasts 30 minutes, hurts half the users: 20 min x 0.5 count.
    incident = (WINDOW_START - timedelta(minutes=10), WINDOW_START + timedelta(minutes=20), 0.5)
    status = budget_status(target=99.9, window="28d", as_of=AS_OF, incidents=[incident])
    assert status.consumed_pct.value == pytest.approx(100 * 10 / 40.32)


def test_incident_with_explicit_budget_share_and_ongoing_incident() -> None:
    three_days_ago = AS_OF - timedelta(days=3)
    known = IncidentImpact(start=three_days_ago, end=three_days_ago + timedelta(hours=1), budget_consumed_pct=30)
    ongoing = IncidentImpact(start=AS_OF - timedelta(minutes=4.032), users_share=1.0)
    status = budget_status(target=99.9, window="28d", as_of=AS_OF, incidents=[known, ongoing])
    assert status.consumed_pct.value == pytest.approx(40.0)
    assert status.consumed_last_7d_pct.value == pytest.approx(40.0)
    assert status.state.value is BudgetState.HEALTHY


def test_explicit_budget_share_is_prorated_when_partly_outside_the_window() -> None:
    half_in = IncidentImpact(
        start=WINDOW_START - timedelta(hours=1), end=WINDOW_START + timedelta(hours=1), budget_consumed_pct=30
    )
    status = budget_status(target=99.9, window="28d", as_of=AS_OF, incidents=[half_in])
    assert status.consumed_pct.value == pytest.approx(15.0)


def test_no_evidence_gives_none_everywhere() -> None:
    status = budget_status(target=99.9, window="28d", as_of=AS_OF)
    assert status.consumed_pct.value is None and status.consumed_pct.source == "none"
    assert status.remaining_pct.source is Source.NONE
    assert status.state.value is None and status.state.source == "none"
    assert status.projected_exhaustion.source == "none"
    assert all(reading.burn_rate is None and reading.source == "none" for reading in status.burn_rates)
    assert burn_down_series(target=99.9, window="28d", as_of=AS_OF).points == ()


def test_empty_incident_record_means_zero_spend() -> None:
    status = budget_status(target=99.9, window="28d", as_of=AS_OF, incidents=[])
    assert status.consumed_pct.value == 0.0 and status.consumed_pct.source == "incidents"
    assert status.state.value is BudgetState.HEALTHY


def test_hourly_measurements() -> None:
    # 0.05% errors for 27 days, then 0.5% for the last day.
    status = budget_status(target=99.9, window="28d", as_of=AS_OF, measurements=hourly(0, recent_bad=5))
    assert status.measurement_coverage == 1.0
    assert status.consumed_pct.source == "measurements"
    # 24 h x 5 bad of 672 h x 1000 total -> 120 / (0.001 x 672,000) = 17.857%.
    assert status.consumed_pct.value == pytest.approx(100 * 120 / 672)
    lookbacks = [reading.lookback for reading in status.burn_rates]
    hours = [1, 6, 24, 72, 168, 672]
    assert lookbacks == [timedelta(hours=count) for count in hours]
    by_lookback = {reading.lookback: reading.burn_rate for reading in status.burn_rates}
    assert by_lookback[timedelta(hours=1)] == pytest.approx(5.0)
    assert by_lookback[timedelta(days=1)] == pytest.approx(5.0)
    assert by_lookback[timedelta(days=3)] == pytest.approx(5 / 3)
    assert status.current_burn_rate.value == pytest.approx(5.0)
    remaining = 100 - 100 * 120 / 672
    expected = AS_OF + timedelta(days=28) * (remaining / 100 / 5)
    assert status.projected_exhaustion.value == expected
    assert status.projected_exhaustion.source == "measurements"


def test_daily_measurements_skip_finer_lookbacks() -> None:
    status = budget_status(target=99.9, window="28d", as_of=AS_OF, measurements=daily(50))
    lookbacks = [reading.lookback for reading in status.burn_rates]
    assert lookbacks == [timedelta(days=count) for count in (1, 3, 7, 28)]
    # 0.05% errors: burn 0.5, budget half spent, never exhausts at this rate.
    assert status.consumed_pct.value == pytest.approx(50.0)
    assert status.current_burn_rate.value == pytest.approx(0.5)
    assert status.projected_exhaustion.value is None
    assert status.consumed_last_7d_pct.value == pytest.approx(12.5)


def test_measurements_preferred_over_incidents_when_they_cover_the_window() -> None:
    incidents = [(AS_OF - timedelta(days=2), AS_OF - timedelta(days=2) + timedelta(minutes=40), 1.0)]
    status = budget_status(target=99.9, window="28d", as_of=AS_OF, measurements=daily(0), incidents=incidents)
    assert status.consumed_pct.source == "measurements" and status.consumed_pct.value == 0.0


def test_measurements_and_incidents_merge_by_the_time_each_covers() -> None:
    """Measurements count for the days they cover, incidents for the rest of the window (issue 12, item 1)."""
    incidents = [(AS_OF - timedelta(days=20), AS_OF - timedelta(days=20) + timedelta(minutes=4.032), 1.0)]
    recent_only = daily(500, days=7)
    status = budget_status(target=99.9, window="28d", as_of=AS_OF, measurements=recent_only, incidents=incidents)
    assert status.measurement_coverage == pytest.approx(0.25)
    # Measured: 7 days x 500 bad = 3,500 bad of 700,000 events; the 7 measured days' traffic stands for the
    # window's 28: 700,000 x 28/7 = 2,800,000 events, budget 0.1% of that = 2,800 -> 3,500 / 2,800 = 125%.
    # Unmeasured 21 days: the incident, 4.032 full-outage minutes of a 40.32-minute budget = 10%.
    assert status.consumed_pct.source == Source.MIXED == "measurements+incidents"
    assert status.consumed_pct.value == pytest.approx(135.0)
    assert status.remaining_pct.value == pytest.approx(-35.0)
    # The last 7 days are all measured: 3,500 / 2,800 = 125%.
    assert status.consumed_last_7d_pct.source == "measurements"
    assert status.consumed_last_7d_pct.value == pytest.approx(125.0)
    # The 28-day burn rate: (0.5% error ratio x 7 d measured + 4.032 bad minutes) / (0.001 x 28 d)
    # = (0.005 x 10,080 + 4.032) / 40.32 = (50.4 + 4.032) / 40.32 = 1.35, the consumption as a multiple of a budget.
    by_lookback = {reading.lookback: reading for reading in status.burn_rates}
    assert by_lookback[timedelta(days=28)].burn_rate == pytest.approx(1.35)
    assert by_lookback[timedelta(days=28)].source == "measurements+incidents"
    # Without an incident record the unmeasured days are unknown and add nothing: 125%, from measurements.
    partial = budget_status(target=99.9, window="28d", as_of=AS_OF, measurements=recent_only)
    assert partial.consumed_pct.source == "measurements"
    assert partial.consumed_pct.value == pytest.approx(125.0)
    assert partial.state.value is BudgetState.EXHAUSTED
    assert partial.projected_exhaustion.value is None


def test_an_incident_after_the_last_measurement_counts() -> None:
    """The issue's scenario in small: measured days up to yesterday's eve, then an incident nobody measured yet.

    99.95% over 28 days: budget 0.0005 x 40,320 = 20.16 minutes. Daily data for the 27 days before the last one,
    none of it bad. On the last day an incident hurt 18% of users for 108 minutes: 19.44 budget minutes = 96.428..%.
    """
    measured = [(AS_OF - timedelta(days=28 - index), 100_000, 100_000) for index in range(27)]
    day = AS_OF - timedelta(days=1)
    incident = (day + timedelta(hours=9), day + timedelta(hours=10, minutes=48), 0.18)
    status = budget_status(target=99.95, window="28d", as_of=AS_OF, measurements=measured, incidents=[incident])
    assert status.consumed_pct.value == pytest.approx(100 * 19.44 / 20.16)  # 96.43%
    assert status.consumed_pct.source == "measurements+incidents"
    assert status.remaining_pct.value == pytest.approx(100 - 100 * 19.44 / 20.16)  # 3.57%
    assert status.state.value is BudgetState.CRITICAL
    # Spent in the last 7 days can never exceed spent in the window: the same evidence backs both.
    assert status.consumed_last_7d_pct.value == pytest.approx(100 * 19.44 / 20.16)
    # 1-day burn: 19.44 bad minutes / (0.0005 x 1,440) = 27x, from the incident record alone.
    one_day = {reading.lookback: reading for reading in status.burn_rates}[timedelta(days=1)]
    assert (one_day.burn_rate, one_day.source) == (pytest.approx(27.0), "incidents")
    # 3.57% left at 27x: 0.0357 x 28 d / 27 = 0.037 d, inside the window: at risk.
    assert status.at_risk.value is True
    # An incident on a measured day is in the measurements already and is not counted twice.
    inside = (AS_OF - timedelta(days=10), AS_OF - timedelta(days=10) + timedelta(minutes=108), 0.18)
    twice = budget_status(target=99.95, window="28d", as_of=AS_OF, measurements=measured, incidents=[inside])
    assert twice.consumed_pct.value == 0.0 and twice.consumed_pct.source == "measurements+incidents"


def test_incidents_fill_a_gap_between_measurements() -> None:
    # Daily data with days 10-14 (counting from the window start) missing; a 20.16-minute full outage on day 12.
    gap = set(range(10, 15))
    measured = [(WINDOW_START + timedelta(days=index), 100_000, 100_000) for index in range(28) if index not in gap]
    outage_start = WINDOW_START + timedelta(days=12, hours=3)
    incident = (outage_start, outage_start + timedelta(minutes=20.16), 1.0)
    status = budget_status(target=99.9, window="28d", as_of=AS_OF, measurements=measured, incidents=[incident])
    # 23 of 28 days measured (no bad events); the gap holds 20.16 of the 40.32 budget minutes: 50% spent.
    assert status.measurement_coverage == pytest.approx(23 / 28)
    assert status.consumed_pct.value == pytest.approx(50.0)
    assert status.state.value is BudgetState.WARNING


def test_at_risk_when_the_current_burn_runs_out_inside_the_window() -> None:
    # 60% left and a 1-day burn of 6.5x: 0.6 x 28 d / 6.5 = 2.58 days, well inside the 28-day window.
    # Daily data, 100,000 events a day at 99.9%: 27 days with 23 bad each (621 bad), then 650 bad yesterday
    # -> 1,271 bad of a 2,800-event budget = 45.39% spent, 54.61% left; 1-day burn 0.0065 / 0.001 = 6.5x.
    measured = [(AS_OF - timedelta(days=28 - index), 100_000 - (650 if index == 27 else 23), 100_000) for index in range(28)]
    status = budget_status(target=99.9, window="28d", as_of=AS_OF, measurements=measured)
    assert status.remaining_pct.value == pytest.approx(100 - 100 * 1271 / 2800)
    assert status.state.value is BudgetState.HEALTHY
    assert status.current_burn_rate.value == pytest.approx(6.5)
    # Exhaustion: 54.61% x 28 d / 6.5 = 2.352 d after AS_OF.
    assert status.projected_exhaustion.value == AS_OF + timedelta(days=28) * ((100 - 100 * 1271 / 2800) / 100 / 6.5)
    assert status.at_risk.value is True and status.at_risk.source == "measurements"
    # A steady 0.5x burn never exhausts a rolling window: not at risk.
    steady = budget_status(target=99.9, window="28d", as_of=AS_OF, measurements=daily(50))
    assert steady.at_risk.value is False


def test_previous_state_keeps_the_freeze() -> None:
    status = budget_status(target=99.9, window="28d", as_of=AS_OF, measurements=daily(95), previous_state="exhausted")
    assert status.remaining_pct.value == pytest.approx(5.0)
    assert status.state.value is BudgetState.EXHAUSTED


def test_state_history_infers_the_freeze() -> None:
    # A 45-minute outage 30 days ago, then nothing: the budget was exhausted and recovers when it ages out.
    incidents = [(AS_OF - timedelta(days=30), AS_OF - timedelta(days=30) + timedelta(minutes=45), 1.0)]
    history = budget_state_history(target=99.9, window="28d", as_of=AS_OF, incidents=incidents, points=5)
    assert [reading.at for reading in history] == [AS_OF - timedelta(days=offset) for offset in (4, 3, 2, 1, 0)]
    assert [reading.state for reading in history[:3]] == [BudgetState.EXHAUSTED] * 3
    assert history[-1].state is BudgetState.HEALTHY
    assert all(reading.source == "incidents" for reading in history)


def test_burn_down_series_from_incidents() -> None:
    start = WINDOW_START + timedelta(days=10, hours=3)
    outage = (start, start + timedelta(minutes=20.16), 1.0)
    series = burn_down_series(target=99.9, window="28d", as_of=AS_OF, incidents=[outage])
    assert series.source == "incidents"
    assert len(series.points) == 29
    assert series.points[0].at == WINDOW_START and series.points[-1].at == AS_OF
    assert [round(point.remaining_pct, 6) for point in series.points[:12]] == [100.0] * 11 + [50.0]
    assert series.points[-1].remaining_pct == pytest.approx(50.0)


def test_burn_down_series_ends_at_the_status_remaining() -> None:
    measurements = hourly(0, recent_bad=5)
    series = burn_down_series(target=99.9, window="28d", as_of=AS_OF, measurements=measurements)
    status = budget_status(target=99.9, window="28d", as_of=AS_OF, measurements=measurements)
    assert series.source == "measurements"
    assert series.points[-1].remaining_pct == pytest.approx(status.remaining_pct.value)
    odd = burn_down_series(target=99.9, window="36h", as_of=AS_OF, measurements=measurements)
    assert [point.at for point in odd.points] == [AS_OF - timedelta(hours=36), AS_OF - timedelta(hours=12), AS_OF]


def test_resolution_inference_and_validation() -> None:
    single = budget_status(target=99.9, window="28d", as_of=AS_OF, measurements=[(AS_OF - timedelta(days=1), 10, 10)])
    assert single.measurement_coverage == pytest.approx(1 / 28)
    with pytest.raises(ValueError):
        budget_status(target=99.9, window="28d", as_of=AS_OF, measurements=[(AS_OF, 11, 10)])
    with pytest.raises(ValueError):
        budget_status(target=99.9, window="28d", as_of=AS_OF, resolution="0h")
    with pytest.raises(ValueError):
        IncidentImpact(start=AS_OF, end=AS_OF - timedelta(hours=1))
    with pytest.raises(ValueError):
        IncidentImpact(start=AS_OF, users_share=1.5)


def test_zero_traffic_is_zero_spend() -> None:
    silent = [(moment, 0, 0) for moment, _, _ in hourly()]
    status = budget_status(target=99.9, window="28d", as_of=AS_OF, measurements=silent)
    assert status.consumed_pct.value == 0.0
    assert all(reading.burn_rate is None and reading.source == "none" for reading in status.burn_rates)


@settings(deadline=None, max_examples=60)
@given(st.lists(st.integers(min_value=0, max_value=200), min_size=28, max_size=28))
def test_burn_down_never_rises_and_consumption_adds_up(bad_per_day: list[int]) -> None:
    measurements = [
        (AS_OF - timedelta(days=28 - index), 100_000 - bad, 100_000) for index, bad in enumerate(bad_per_day)
    ]
    series = burn_down_series(target=99.9, window="28d", as_of=AS_OF, measurements=measurements)
    values = [point.remaining_pct for point in series.points]
    assert all(later <= earlier + 1e-9 for earlier, later in pairwise(values))
    status = budget_status(target=99.9, window="28d", as_of=AS_OF, measurements=measurements)
    assert values[-1] == pytest.approx(status.remaining_pct.value)
    assert status.consumed_pct.value == pytest.approx(sum(bad_per_day) / (0.001 * 28 * 100_000) * 100)
    # The whole window's burn rate is consumption as a multiple of the full budget.
    assert status.burn_rates[-1].burn_rate == pytest.approx(status.consumed_pct.value / 100)


@settings(deadline=None, max_examples=60)
@given(st.floats(min_value=0, max_value=600), st.floats(min_value=0.01, max_value=1))
def test_spending_then_recovering_budget(outage_minutes: float, share: float) -> None:
    # An outage spends budget while it is in the window and gives all of it back once it ages out.
    start = AS_OF - timedelta(days=5)
    incident = (start, start + timedelta(minutes=outage_minutes), share)
    during = budget_status(target=99.9, window="28d", as_of=AS_OF, incidents=[incident])
    # timedelta keeps whole microseconds: allow that much rounding.
    assert during.consumed_pct.value == pytest.approx(100 * outage_minutes * share / 40.32, abs=1e-6)
    after = budget_status(target=99.9, window="28d", as_of=AS_OF + timedelta(days=40), incidents=[incident])
    assert after.consumed_pct.value == 0.0
    assert after.state.value is BudgetState.HEALTHY


# --- one incident: users share and cost -----------------------------------------------------------------------


def test_incident_users_share_reads_the_percentage_then_the_column_upper_bound() -> None:
    from sre_docs.calc.budget_evidence import USERS_SHARE_BY_COLUMN, incident_users_share
    from sre_docs.schemas.vocabulary import IMPACT_USERS

    assert list(USERS_SHARE_BY_COLUMN) == list(IMPACT_USERS)  # every column of the matrix has a share
    assert incident_users_share(users_pct=12.5, users="all_users") == 0.125
    assert incident_users_share(users="one_user") == 0.0
    assert incident_users_share(users="lt_25pct") == 0.25
    assert incident_users_share(users="gt_25pct") == incident_users_share(users="all_users") == 1.0
    assert incident_users_share() == incident_users_share(users="someone") == 1.0  # unknown: assume everyone
    assert incident_users_share(users_pct=250) == 1.0 and incident_users_share(users_pct=-3) == 0.0
    assert incident_users_share(users_pct=True, users="lt_25pct") == 0.25  # a boolean is not a percentage
    assert incident_users_share(users_pct=float("nan"), users="lt_25pct") == 0.25


def test_budget_spent_between_prefers_covering_measurements() -> None:
    from sre_docs.calc.budget_evidence import budget_spent_between

    start, end = AS_OF - timedelta(hours=3), AS_OF
    record = IncidentImpact(start=start, end=end, users_share=0.5)
    # Hourly data with 5 bad events an hour in the last day: 15 bad events in the span, against 0.1% of the
    # 672,000 events of the window ending at ``end``.
    measured = budget_spent_between(target=99.9, window="28d", start=start, end=end, measurements=hourly(0, recent_bad=5),
                                    incident=record)
    assert measured.source == Source.MEASUREMENTS
    assert measured.value == pytest.approx(100 * 15 / (0.001 * 672_000))
    # No measurements: 180 minutes x half the users of a 40.32-minute budget.
    recorded = budget_spent_between(target=99.9, window="28d", start=start, end=end, incident=record)
    assert recorded.source == Source.INCIDENTS and recorded.value == pytest.approx(100 * 90 / 40.32)
    # Daily buckets never cover a 3-hour span: the record decides.
    daily = [(AS_OF - timedelta(days=d), 999, 1000) for d in range(1, 29)]
    assert budget_spent_between(target=99.9, window="28d", start=start, end=end, measurements=daily,
                                incident=record).source == Source.INCIDENTS
    nothing = budget_spent_between(target=99.9, window="28d", start=start, end=end)
    assert nothing.value is None and nothing.source == Source.NONE
    with pytest.raises(ValueError):
        budget_spent_between(target=99.9, window="28d", start=end, end=start)


def test_a_lookback_ending_inside_a_day_misses_that_days_bucket() -> None:
    """Why callers evaluate a day at 00:00 UTC: at its end, daily data 'up to yesterday' leaves the 1d lookback empty."""
    midnight = AS_OF
    daily = [(midnight - timedelta(days=d), 990, 1000) for d in range(1, 29)]
    at_start = budget_status(target=99.9, window="28d", as_of=midnight, measurements=daily, incidents=())
    at_end = budget_status(target=99.9, window="28d", as_of=midnight + timedelta(hours=23, minutes=59), measurements=daily,
                           incidents=())
    by_lookback = {r.lookback: r for r in at_start.burn_rates}
    assert by_lookback[timedelta(days=1)].source == Source.MEASUREMENTS
    assert by_lookback[timedelta(days=1)].burn_rate == pytest.approx(10)
    assert {r.lookback: r for r in at_end.burn_rates}[timedelta(days=1)].source == Source.INCIDENTS


@settings(deadline=None, max_examples=80)
@given(
    st.sets(st.integers(min_value=0, max_value=60), max_size=40),
    st.integers(min_value=-5, max_value=65),
    st.integers(min_value=1, max_value=40),
    st.sampled_from([1, 2, 3]),
)
def test_covered_and_uncovered_time_split_any_period(days: set[int], offset: int, length: int, step: int) -> None:
    """The indexed coverage equals the plain definition: each bucket that starts in the period measures
    [start, start + resolution) of it; what is left is where incidents count."""
    from sre_docs.calc.budget_evidence import _build

    base = AS_OF - timedelta(days=60)
    points = [(base + timedelta(days=day), 1, 1) for day in days]
    evidence = _build(99.9, "90d", points, (), timedelta(days=step) if points else None)
    start, end = base + timedelta(days=offset), base + timedelta(days=offset + length)
    # Plain definition, day by day (all instants here are whole days).
    measured = {day + extra for day in days if start <= base + timedelta(days=day) < end for extra in range(step)}
    inside = {day for day in range(offset, offset + length)}
    assert evidence.covered_time(start, end) == timedelta(days=len(measured & inside))
    gaps = evidence.uncovered(start, end)
    gap_days = {day for low, high in gaps for day in range((low - base).days, (high - base).days)}
    assert gap_days == inside - measured
    assert all(low < high for low, high in gaps) and gaps == sorted(gaps)


def test_exhaustion_onsets_worked_example() -> None:
    from sre_docs.calc.budget_evidence import StateReading, exhaustion_onsets
    from sre_docs.calc.budget_policy import BudgetState

    day = [datetime(2026, 11, d, tzinfo=timezone.utc) for d in range(1, 9)]
    states = [BudgetState.HEALTHY, BudgetState.CRITICAL, BudgetState.EXHAUSTED, BudgetState.EXHAUSTED, None,
              BudgetState.CRITICAL, BudgetState.EXHAUSTED, None]
    readings = [StateReading(at, None, state, Source.NONE) for at, state in zip(day, states, strict=True)]
    # Exhausted on day 3 (after critical) and again on day 7 (after critical); day 4 continues the first spell and
    # the readings without a state (days 5 and 8) change nothing.
    assert exhaustion_onsets(readings) == (day[2], day[6])
    # Already exhausted at the first reading: that reading is an onset.
    assert exhaustion_onsets(readings[2:]) == (day[2], day[6])
    assert exhaustion_onsets([]) == ()


def test_exhaustion_onsets_from_a_history() -> None:
    from sre_docs.calc.budget_evidence import budget_state_history, exhaustion_onsets

    # 99.9% over 28 days is 40.32 minutes of budget. A 60-minute full outage on 11-02 14:00-15:00 spends
    # 60 / 40.32 = 149%: the reading at 00:00 on 11-03 is the first exhausted one, and it stays exhausted while the
    # outage is in the window (and then through the freeze until the budget is back above 10%).
    as_of = datetime(2026, 11, 10, tzinfo=timezone.utc)
    outage = IncidentImpact(start=datetime(2026, 11, 2, 14, tzinfo=timezone.utc),
                            end=datetime(2026, 11, 2, 15, tzinfo=timezone.utc), users_share=1.0)
    history = budget_state_history(target=99.9, window="28d", as_of=as_of, incidents=[outage], points=10)
    assert exhaustion_onsets(history) == (datetime(2026, 11, 3, tzinfo=timezone.utc),)


# --- the ceiling that lets BUD002 skip budgets that cannot have run out ---------------------------------------

_DAY = timedelta(days=1)


@pytest.mark.parametrize(("measurements", "incidents", "ceiling"), [
    # 99.9% leaves 0.1% errors. The worst daily bucket has 50 bad of 100,000 = 0.05%: 0.0005 / 0.001 = 50%.
    ([(AS_OF - 3 * _DAY, 99_990, 100_000), (AS_OF - 2 * _DAY, 99_950, 100_000)], None, 50.0),
    # A bucket with no traffic and no errors adds nothing.
    ([(AS_OF - 2 * _DAY, 0, 0)], [], 0.0),
    # 28 days at 99.9% is 40.32 budget minutes. A 20.16-minute full outage is 50%; a 40.32-minute outage that hurt
    # a quarter of users is 25%: 75% in all.
    ([], [IncidentImpact(AS_OF - 5 * _DAY, AS_OF - 5 * _DAY + timedelta(minutes=20.16)),
          IncidentImpact(AS_OF - 4 * _DAY, AS_OF - 4 * _DAY + timedelta(minutes=40.32), users_share=0.25)], 75.0),
    # An incident known to have cost 30% counts whole; one that ended before the earliest window began counts not
    # at all (the span is 2 readings back, 1 day apart, and 28 days: it starts 29 days before as_of).
    ([], [IncidentImpact(AS_OF - _DAY, AS_OF - _DAY, budget_consumed_pct=30.0),
          IncidentImpact(AS_OF - 40 * _DAY, AS_OF - 30 * _DAY)], 30.0),
    # A running incident counts up to the last reading: started 10.08 minutes before as_of, 25% of the budget.
    ([], [IncidentImpact(AS_OF - timedelta(minutes=10.08))], 25.0),
    # Both kinds add up: 50% measured ceiling + 25% recorded.
    ([(AS_OF - 2 * _DAY, 99_950, 100_000)], [IncidentImpact(AS_OF - 40 * _DAY, AS_OF - 27 * _DAY,
                                                             budget_consumed_pct=25.0)], 75.0),
])
def test_spent_ceiling_worked_values(measurements, incidents, ceiling) -> None:
    from sre_docs.calc.budget_evidence import _build

    evidence = _build(99.9, "28d", measurements, incidents, None)
    assert evidence.spent_ceiling_pct(AS_OF - _DAY, AS_OF) == pytest.approx(ceiling)


def test_onsets_skip_only_budgets_that_cannot_run_out() -> None:
    from sre_docs.calc.budget_evidence import budget_exhaustion_onsets

    # 99.9% over 28 days: 40.32 budget minutes. A 39-minute outage (97%) cannot exhaust the budget; a 41-minute one
    # (102%) does, at the first daily reading after it ends (2026-02-21 00:00).
    start = datetime(2026, 2, 20, 10, tzinfo=timezone.utc)
    for minutes, onsets in ((39, ()), (41, (datetime(2026, 2, 21, tzinfo=timezone.utc),))):
        outage = IncidentImpact(start, start + timedelta(minutes=minutes))
        assert budget_exhaustion_onsets(target=99.9, window="28d", as_of=AS_OF, incidents=[outage],
                                        points=30) == onsets


@settings(max_examples=150, deadline=None)
@given(
    bad=st.lists(st.integers(min_value=0, max_value=400), min_size=0, max_size=60),
    outages=st.lists(st.tuples(st.integers(min_value=0, max_value=90), st.integers(min_value=0, max_value=120),
                               st.floats(min_value=0, max_value=1), st.one_of(st.none(), st.floats(0, 150))),
                     max_size=4),
    record=st.booleans(),
    points=st.integers(min_value=1, max_value=60),
)
def test_onsets_equal_the_walked_history(bad, outages, record, points) -> None:
    """The skip is exact: whatever the evidence, the onsets are those of the whole history walked day by day."""
    from sre_docs.calc.budget_evidence import budget_exhaustion_onsets, exhaustion_onsets

    measurements = [(AS_OF - (len(bad) - k) * _DAY, 100_000 - b * 10, 100_000) for k, b in enumerate(bad)]
    incidents = [IncidentImpact(AS_OF - days * _DAY, AS_OF - days * _DAY + timedelta(minutes=length), share, cost)
                 for days, length, share, cost in outages] if record else None
    args = dict(target=99.9, window="28d", as_of=AS_OF, measurements=measurements, incidents=incidents, points=points)
    assert budget_exhaustion_onsets(**args) == exhaustion_onsets(budget_state_history(**args))
