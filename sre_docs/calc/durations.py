"""Durations as the reliability repo writes them (``"5m"``, ``"28d"``) and as the guide prints them.

The guide's tables print a downtime with its two largest units (``7h 18m``, ``43m 50s``) or a lone unit when it
is below a minute (``26s``). Checking the SLO target table row by row shows the rule: the exact figure (for a
month of 365.25/12 days) is *rounded* to the smaller displayed unit, not truncated -- 99.9% of a month is
43 min 49.8 s, printed ``43m 50s``; 99.95% is 21 min 54.9 s, printed ``21m 55s``; 99.99% is 4 min 22.98 s,
printed ``4m 23s``. :func:`format_duration` follows the same rule and extends it to days (``1d 2h``).
"""

from __future__ import annotations

import math
import re
from datetime import timedelta

__all__ = [
    "DAY",
    "HOUR",
    "MINUTE",
    "MONTH",
    "QUARTER",
    "SECOND",
    "WEEK",
    "YEAR",
    "as_timedelta",
    "format_duration",
    "parse_duration",
]

SECOND = timedelta(seconds=1)
MINUTE = timedelta(minutes=1)
HOUR = timedelta(hours=1)
DAY = timedelta(days=1)
WEEK = timedelta(weeks=1)
#: An average Gregorian-ish month: 365.25 / 12 = 30.4375 days (the guide's "Downtime/month" column uses it).
MONTH = timedelta(days=365.25 / 12)
#: A quarter of an average year: 91.3125 days.
QUARTER = timedelta(days=365.25 / 4)
#: An average year including leap days: 365.25 days.
YEAR = timedelta(days=365.25)

_UNITS: dict[str, timedelta] = {"s": SECOND, "m": MINUTE, "h": HOUR, "d": DAY, "w": WEEK}
_PATTERN = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*")


def parse_duration(text: str) -> timedelta:
    """Turn ``"<number><unit>"`` into a ``timedelta``; units are ``s m h d w`` (lower case only).

    One number and one unit: ``"30s"``, ``"5m"``, ``"1h"``, ``"28d"``, ``"2w"``; a decimal number is accepted
    (``"1.5h"``). ``m`` always means minutes (there is no month unit: months differ in length, so windows are
    written in days). Compound forms (``"1h30m"``) and negative values are rejected with ``ValueError``.

    Example: ``parse_duration("28d") == timedelta(days=28)``; ``parse_duration("2w") == timedelta(days=14)``.
    """
    if not isinstance(text, str):
        raise TypeError(f"duration must be a string such as '28d', not {type(text).__name__}")
    match = _PATTERN.fullmatch(text)
    if match is None:
        raise ValueError(f"invalid duration {text!r}: expected a number and one unit of s, m, h, d, w (e.g. '28d')")
    number, unit = match.groups()
    return _UNITS[unit] * float(number) if "." in number else _UNITS[unit] * int(number)


def as_timedelta(value: timedelta | str) -> timedelta:
    """Accept either a ``timedelta`` or a duration string (see :func:`parse_duration`).

    Example: ``as_timedelta("1h") == as_timedelta(timedelta(hours=1))``.
    """
    if isinstance(value, timedelta):
        return value
    return parse_duration(value)


def _round_half_up(value: float) -> int:
    return math.floor(value + 0.5)


# (threshold, major unit, minor unit) from the largest display scale down to minutes.
_SCALES: tuple[tuple[float, float, str, float, str], ...] = (
    (86400.0, 86400.0, "d", 3600.0, "h"),
    (3600.0, 3600.0, "h", 60.0, "m"),
    (60.0, 60.0, "m", 1.0, "s"),
)


def format_duration(value: timedelta | float) -> str:
    """Print a duration with its two largest units, rounded half-up to the smaller one.

    ``value`` is a ``timedelta`` or a number of seconds. Rules:

    - at least a day: ``"<d>d <h>h"`` rounded to the hour;
    - at least an hour: ``"<h>h <m>m"`` rounded to the minute;
    - at least a minute: ``"<m>m <s>s"`` rounded to the second;
    - below a minute: whole seconds (``"26s"``), or milliseconds below half a second (``"263ms"``);
    - a zero smaller unit is left out (``"2h"``, ``"1d"``); rounding that reaches the next unit moves up
      (59 min 59.6 s prints ``"1h"``).

    Examples (allowed downtime per 30.4375-day month): 99% -> 26,298 s -> ``"7h 18m"``; 99.9% -> 2,629.8 s ->
    ``"43m 50s"``; 99.999% -> 26.298 s -> ``"26s"``; 26 h 10 min -> ``"1d 2h"``.
    """
    seconds = value.total_seconds() if isinstance(value, timedelta) else float(value)
    if math.isnan(seconds) or math.isinf(seconds):
        raise ValueError(f"cannot format a non-finite duration: {seconds!r}")
    if seconds < 0:
        raise ValueError(f"cannot format a negative duration: {seconds!r} s")
    for threshold, major, major_unit, minor, minor_unit in _SCALES:
        if seconds >= threshold:
            rounded = _round_half_up(seconds / minor) * minor
            # Rounding may carry into a larger scale (e.g. 23h 59.6m -> 24h): format that instead.
            if major_unit != "d" and rounded >= _next_scale(major):
                return format_duration(rounded)
            whole, rest = divmod(round(rounded), round(major))
            minor_count = round(rest / minor)
            return f"{whole}{major_unit}" + (f" {minor_count}{minor_unit}" if minor_count else "")
    whole_seconds = _round_half_up(seconds)
    if whole_seconds >= 60:
        return format_duration(60.0)
    if whole_seconds >= 1 or seconds == 0:
        return f"{whole_seconds}s"
    return f"{_round_half_up(seconds * 1000)}ms"


def _next_scale(major: float) -> float:
    return {3600.0: 86400.0, 60.0: 3600.0}[major]
