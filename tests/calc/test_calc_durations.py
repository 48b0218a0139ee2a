from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sre_docs.calc.durations import MONTH, QUARTER, YEAR, as_timedelta, format_duration, parse_duration


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("30s", timedelta(seconds=30)),
        ("5m", timedelta(minutes=5)),
        ("1h", timedelta(hours=1)),
        ("28d", timedelta(days=28)),
        ("2w", timedelta(days=14)),
        ("1.5h", timedelta(minutes=90)),
        (" 6h ", timedelta(hours=6)),
        ("0s", timedelta(0)),
    ],
)
def test_parse_duration(text: str, expected: timedelta) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text", ["", "5", "m", "1h30m", "-5m", "5M", "5 minutes", "1y", "1.h", "five m"])
def test_parse_duration_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="invalid duration"):
        parse_duration(text)


def test_parse_duration_rejects_non_strings() -> None:
    with pytest.raises(TypeError):
        parse_duration(5)  # type: ignore[arg-type]  # the wrong type on purpose


def test_as_timedelta_passes_timedeltas_through() -> None:
    assert as_timedelta(timedelta(hours=2)) == timedelta(hours=2)
    assert as_timedelta("2h") == timedelta(hours=2)


def test_calendar_constants() -> None:
    assert MONTH == timedelta(days=30.4375)
    assert QUARTER == timedelta(days=91.3125)
    assert YEAR == timedelta(days=365.25)
    assert MONTH * 12 == YEAR


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [
        (26298.0, "7h 18m"),  # 99% of a month
        (13149.0, "3h 39m"),  # 99.5%
        (2629.8, "43m 50s"),  # 99.9%: rounded, not truncated
        (1314.9, "21m 55s"),  # 99.95%
        (262.98, "4m 23s"),  # 99.99%
        (26.298, "26s"),  # 99.999%
        (26 * 3600 + 600, "1d 2h"),
        (7200, "2h"),
        (86400, "1d"),
        (3599.6, "1h"),  # rounding carries into the next unit
        (86399.9, "1d"),
        (59.6, "1m"),
        (60, "1m"),
        (0, "0s"),
        (0.4, "400ms"),
        (0.6, "1s"),
        (120 * 86400, "120d"),
    ],
)
def test_format_duration(seconds: float, expected: str) -> None:
    assert format_duration(seconds) == expected
    assert format_duration(timedelta(seconds=seconds)) == expected


def test_format_duration_rejects_negative_and_infinite() -> None:
    with pytest.raises(ValueError):
        format_duration(-1)
    with pytest.raises(ValueError):
        format_duration(float("inf"))


@settings(deadline=None)
@given(st.integers(min_value=0, max_value=10**6), st.sampled_from(["s", "m", "h", "d", "w"]))
def test_parse_then_format_round_trips_single_units(number: int, unit: str) -> None:
    # A whole number of one unit prints as that amount (possibly re-expressed in a larger unit).
    parsed = parse_duration(f"{number}{unit}")
    assert parse_duration(f"{parsed.total_seconds():.0f}s") == parsed


@settings(deadline=None)
@given(st.floats(min_value=0.5, max_value=10**8, allow_nan=False))
def test_format_duration_is_within_half_of_its_precision(seconds: float) -> None:
    text = format_duration(seconds)
    units = {"d": 86400, "h": 3600, "m": 60, "s": 1}
    shown = sum(int(part[:-1]) * units[part[-1]] for part in text.split())
    # Precision is the unit below the leading one (hours for "1d 2h" and for "1d"), a second for "26s".
    precision = {"d": 3600, "h": 60, "m": 1, "s": 1}[text.split()[0][-1]]
    assert abs(shown - seconds) <= precision / 2 + 1e-6
