from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sre_docs.calc.durations import MONTH, format_duration
from sre_docs.calc.nines import (
    PERIODS,
    Period,
    SLO_TARGET_GUIDE,
    allowed_downtime,
    budget_fraction,
    check_target,
    downtime_table,
    exact_nines,
    nines_count,
    nines_label,
)

# The guide's "SLO Target Selection Guide" table, copied as printed: (label, target, downtime per month).
GUIDE_ROWS = [
    ("2 nines", 99.0, "7h 18m"),
    ("2.5", 99.5, "3h 39m"),
    ("3 nines", 99.9, "43m 50s"),
    ("3.5", 99.95, "21m 55s"),
    ("4 nines", 99.99, "4m 23s"),
    ("5 nines", 99.999, "26s"),
]


@pytest.mark.parametrize(("label", "target", "per_month"), GUIDE_ROWS)
def test_reproduces_the_guides_target_table(label: str, target: float, per_month: str) -> None:
    assert nines_label(target) == label
    assert format_duration(allowed_downtime(target=target, period=MONTH)) == per_month
    month_row = next(row for row in downtime_table(target) if row.period.id == "month")
    assert month_row.display == per_month


def test_target_table_data_matches_the_guide_row_by_row() -> None:
    assert [row.target for row in SLO_TARGET_GUIDE] == [target for _, target, _ in GUIDE_ROWS]
    for row, (label, _, per_month) in zip(SLO_TARGET_GUIDE, GUIDE_ROWS, strict=True):
        assert row.label == label
        assert format_duration(row.downtime_per_month) == per_month
        assert row.appropriate_for


def test_downtime_table_for_three_nines() -> None:
    table = {row.period.id: row for row in downtime_table(99.9)}
    assert [period.id for period in PERIODS] == ["day", "week", "28d", "30d", "month", "quarter", "year"]
    assert table["day"].downtime == timedelta(seconds=86.4)
    assert table["week"].downtime == timedelta(seconds=604.8)
    assert table["28d"].downtime == timedelta(minutes=40.32)
    assert table["30d"].downtime == timedelta(minutes=43.2)
    assert table["month"].downtime == timedelta(seconds=2629.8)
    assert table["year"].downtime == timedelta(seconds=31557.6)
    displays = [row.display for row in table.values()]
    assert displays == ["1m 26s", "10m 5s", "40m 19s", "43m 12s", "43m 50s", "2h 11m", "8h 46m"]


@pytest.mark.parametrize(
    ("target", "count"),
    [(99, 2), (99.5, 2.5), (99.9, 3), (99.95, 3.5), (99.99, 4), (99.999, 5), (99.8, 2.5), (99.97, 3.5),
     (95, 1.5), (90, 1), (50, 0.5), (10, 0)],
)
def test_nines_count(target: float, count: float) -> None:
    assert nines_count(target) == count


def test_nines_label_and_exact_nines() -> None:
    assert nines_label(90) == "1 nine"
    assert nines_label(99.95) == "3.5"
    assert exact_nines(99.9) == pytest.approx(3.0)
    assert exact_nines(99.95) == pytest.approx(3.30103, abs=1e-5)


def test_budget_fraction_is_exact_in_decimal() -> None:
    assert budget_fraction(99.9) == 0.001
    assert budget_fraction(99.95) == 0.0005


@pytest.mark.parametrize("bad", [0, 100, -1, 101, float("nan")])
def test_targets_must_be_between_0_and_100(bad: float) -> None:
    with pytest.raises(ValueError):
        check_target(bad)


def test_targets_must_be_numbers() -> None:
    with pytest.raises(TypeError):
        check_target("99.9")  # type: ignore[arg-type]  # the wrong type on purpose
    with pytest.raises(TypeError):
        check_target(True)


def test_allowed_downtime_accepts_strings_and_rejects_negative_periods() -> None:
    assert allowed_downtime(target=99.9, period="28d") == timedelta(minutes=40.32)
    with pytest.raises(ValueError):
        allowed_downtime(target=99.9, period=timedelta(days=-1))


targets = st.floats(min_value=0.001, max_value=99.9999, allow_nan=False)


@settings(deadline=None)
@given(targets, targets, st.sampled_from(PERIODS))
def test_a_higher_target_never_allows_more_downtime(first: float, second: float, period: Period) -> None:
    low, high = sorted((first, second))
    assert allowed_downtime(target=high, period=period.length) <= allowed_downtime(target=low, period=period.length)


@settings(deadline=None)
@given(targets, targets)
def test_nines_count_is_monotone(first: float, second: float) -> None:
    low, high = sorted((first, second))
    assert nines_count(low) <= nines_count(high)
    assert nines_count(high) <= exact_nines(high) + 0.5
