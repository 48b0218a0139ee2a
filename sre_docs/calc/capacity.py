"""Capacity planning: compound growth, when a utilisation threshold is reached, instances and cost ahead.

Growth is compound and monthly: ``projected = current x (1 + g)^months`` with ``g`` the monthly growth as a
fraction (5% -> 0.05). Load is assumed to spread evenly over instances, and cost to grow in proportion to load
(more load, proportionally more instances); both are first approximations a capacity model can refine.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

__all__ = [
    "DEFAULT_SCALE_UP_THRESHOLD_PCT",
    "HEADROOM_TOLERANCE_PCT",
    "LOAD_TEST_MAX_AGE_DAYS",
    "LOAD_TEST_SCENARIOS",
    "PROJECTION_TOLERANCE",
    "REVIEW_CADENCE_DAYS",
    "LoadTestRun",
    "LoadTestScenario",
    "latest_load_tests",
    "days_overdue",
    "headroom_disagrees",
    "projection_disagrees",
    "CostProjection",
    "GrowthForecast",
    "cost_projection",
    "growth_forecast",
    "headroom_pct",
    "instances_needed",
    "months_until_threshold",
    "project_growth",
]

#: The capacity model template's default scale-up threshold, in percent utilisation.
DEFAULT_SCALE_UP_THRESHOLD_PCT = 80.0


def _number(name: str, value: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        raise TypeError(f"{name} must be a number, got {value!r}")
    return float(value)


def _growth_factor(monthly_growth_pct: float) -> float:
    factor = 1 + _number("monthly_growth_pct", monthly_growth_pct) / 100
    if factor <= 0:
        raise ValueError(f"monthly_growth_pct must be above -100, got {monthly_growth_pct!r}")
    return factor


def project_growth(*, current: float, monthly_growth_pct: float, months: float) -> float:
    """``current x (1 + monthly_growth_pct / 100) ** months``.

    Example: 1,000 rps growing 5% a month -> 1,340.1 after 6 months, 1,795.9 after 12.
    """
    if _number("months", months) < 0:
        raise ValueError(f"months must not be negative, got {months!r}")
    return _number("current", current) * _growth_factor(monthly_growth_pct) ** months


@dataclass(frozen=True)
class GrowthForecast:
    """The capacity model's growth block: the metric now, in 6 months and in 12 months."""

    current: float
    monthly_growth_pct: float
    projected_6mo: float
    projected_12mo: float


def growth_forecast(*, current: float, monthly_growth_pct: float) -> GrowthForecast:
    """6- and 12-month projections of a growing metric (see :func:`project_growth`).

    Example: 1,000 growing 5% a month -> 1,340.1 in 6 months and 1,795.9 in 12.
    """
    return GrowthForecast(
        current=current,
        monthly_growth_pct=monthly_growth_pct,
        projected_6mo=project_growth(current=current, monthly_growth_pct=monthly_growth_pct, months=6),
        projected_12mo=project_growth(current=current, monthly_growth_pct=monthly_growth_pct, months=12),
    )


def months_until_threshold(
    *, utilisation_pct: float, monthly_growth_pct: float, threshold_pct: float = DEFAULT_SCALE_UP_THRESHOLD_PCT
) -> float | None:
    """Months until utilisation reaches the threshold: ``log(threshold / utilisation) / log(1 + g)``.

    0 when already at or above it; ``None`` when it never gets there (no growth, shrinking load, or zero load).
    Fractional months are kept. Example: 50% growing 5% a month reaches 80% in log(1.6) / log(1.05) = 9.63
    months.
    """
    utilisation = _number("utilisation_pct", utilisation_pct)
    threshold = _number("threshold_pct", threshold_pct)
    if utilisation < 0 or threshold <= 0:
        raise ValueError("utilisation_pct must not be negative and threshold_pct must be positive")
    if utilisation >= threshold:
        return 0.0
    factor = _growth_factor(monthly_growth_pct)
    if utilisation == 0 or factor <= 1:
        return None
    return math.log(threshold / utilisation) / math.log(factor)


def instances_needed(
    *,
    current_instances: int,
    utilisation_pct: float,
    monthly_growth_pct: float = 0.0,
    months: float = 0.0,
    threshold_pct: float = DEFAULT_SCALE_UP_THRESHOLD_PCT,
) -> int:
    """Instances that keep utilisation at or under the threshold after ``months`` of growth.

    ``ceil(current_instances x projected utilisation / threshold)``, at least 1. Example: 10 instances at 70%,
    growing 5% a month, in 6 months -> 70 x 1.340 = 93.8% of today's fleet -> ceil(10 x 93.8 / 80) = 12.
    """
    if current_instances < 1:
        raise ValueError(f"current_instances must be at least 1, got {current_instances!r}")
    if _number("threshold_pct", threshold_pct) <= 0:
        raise ValueError("threshold_pct must be positive")
    projected = project_growth(current=utilisation_pct, monthly_growth_pct=monthly_growth_pct, months=months)
    if projected < 0:
        raise ValueError("utilisation_pct must not be negative")
    # Round away float noise first so that exactly-at-threshold loads do not gain an instance.
    return max(1, math.ceil(round(current_instances * projected / threshold_pct, 9)))


@dataclass(frozen=True)
class CostProjection:
    """The capacity model's cost block: monthly cost now, in 6 months and in 12 months."""

    current_monthly: float
    projected_6mo_monthly: float
    projected_12mo_monthly: float


def cost_projection(*, current_monthly: float, monthly_growth_pct: float) -> CostProjection:
    """Monthly cost in 6 and 12 months, growing with the load (same compound rate).

    Example: $10,000 a month, load growing 5% a month -> $13,401 and $17,959.
    """
    if _number("current_monthly", current_monthly) < 0:
        raise ValueError("current_monthly must not be negative")
    forecast = growth_forecast(current=current_monthly, monthly_growth_pct=monthly_growth_pct)
    return CostProjection(
        current_monthly=current_monthly,
        projected_6mo_monthly=forecast.projected_6mo,
        projected_12mo_monthly=forecast.projected_12mo,
    )


def headroom_pct(*, peak_utilisation_pct: float, ceiling_pct: float = 100.0) -> float:
    """Room left between peak utilisation and a ceiling (full capacity by default): ``ceiling - peak``.

    Negative when the peak is over the ceiling. Example: peak 65% -> 35; against the 80% scale-up threshold -> 15.
    """
    return _number("ceiling_pct", ceiling_pct) - _number("peak_utilisation_pct", peak_utilisation_pct)


# --- stored figures checked against their inputs (CAP002, CAP003) ----------------------------------------

#: A stored projection agrees with the computed one when within 1% of it, or within 0.5 (rounding to a whole
#: number): 1150 growing 4% a month is 1455.12 in 6 months, and 1455 or 1460 are both written fairly.
PROJECTION_TOLERANCE = 0.01

#: A stated headroom agrees with ``100 - peak`` within half a percentage point (a rounded peak).
HEADROOM_TOLERANCE_PCT = 0.5


def projection_disagrees(stated: float, computed: float, tolerance: float = PROJECTION_TOLERANCE) -> bool:
    """A stored projection further from the computed one than ``max(0.5, tolerance x computed)``.

    Examples: 1455 against 1455.12 -> False; 9999 against 1455.12 -> True (8543.9 > 14.55); 16.5 against
    16.47 -> False (0.03 <= 0.5); 1470 against 1455.12 -> True (14.88 > 14.55).
    """
    allowed = max(0.5, tolerance * abs(_number("computed", computed)))
    return round(abs(_number("stated", stated) - computed), 9) > allowed


def headroom_disagrees(*, headroom_pct: float, peak_utilisation_pct: float,
                       tolerance: float = HEADROOM_TOLERANCE_PCT) -> bool:
    """A stated headroom that is not ``100 - peak`` (within the tolerance).

    Examples: 10 beside a 58% peak -> True (42 expected); 42 -> False; 42.5 -> False (0.5 is within); 43 -> True.
    """
    expected = 100.0 - _number("peak_utilisation_pct", peak_utilisation_pct)  # headroom_pct(), whose name is shadowed here
    return round(abs(_number("headroom_pct", headroom_pct) - expected), 9) > tolerance


# --- reviews and load tests (CAP004) ---------------------------------------------------------------------

#: Longest gap between two capacity reviews, in days, per cadence. The guide's full review is quarterly
#: (92 days: the longest three calendar months, July to September); a monthly model update allows 31.
REVIEW_CADENCE_DAYS: Mapping[str, int] = MappingProxyType({"monthly": 31, "quarterly": 92})

#: A load-test scenario's latest run older than this is stale: each quarterly review repeats them.
LOAD_TEST_MAX_AGE_DAYS = 92


@dataclass(frozen=True)
class LoadTestScenario:
    """One row of the guide's load-testing benchmarks."""

    name: str
    method: str
    duration: str
    target: str


#: The guide's five load-testing scenarios, in its order.
LOAD_TEST_SCENARIOS: tuple[LoadTestScenario, ...] = (
    LoadTestScenario("baseline", "Steady load at current peak", "30m", "Establish metrics"),
    LoadTestScenario("growth", "2x current peak", "15m", "Verify scaling works"),
    LoadTestScenario("spike", "10x normal in 60 seconds", "5m", "Circuit breakers hold"),
    LoadTestScenario("soak", "1.5x normal load", "4h", "No memory leaks, degradation"),
    LoadTestScenario("stress", "Ramp until failure", "until it breaks", "Find actual limits"),
)


@dataclass(frozen=True)
class LoadTestRun:
    """One recorded run of a load-test scenario; ``index`` is its place in the model's list."""

    scenario: str
    day: dt.date
    result: str | None
    index: int


def latest_load_tests(runs: tuple[LoadTestRun, ...] | list[LoadTestRun]) -> dict[str, LoadTestRun]:
    """The latest run of each scenario; of two on the same day, the one listed last.

    Example: growth failed on 2026-06-01 and passed on 2026-10-21 -> the pass of 2026-10-21 counts.
    """
    latest: dict[str, LoadTestRun] = {}
    for run in runs:
        if run.scenario not in latest or run.day >= latest[run.scenario].day:
            latest[run.scenario] = run
    return latest


def days_overdue(*, last: dt.date, today: dt.date, max_age_days: int) -> int:
    """Days past the allowed age (0 when not overdue): ``(today - last) - max_age_days``, at least 0.

    Examples: reviewed 2026-08-01, today 2026-11-26, quarterly (92) -> 117 days old, 25 overdue; reviewed
    2026-08-26 -> 92 days old, 0 (on the last allowed day).
    """
    if max_age_days < 0:
        raise ValueError(f"max_age_days must not be negative, got {max_age_days!r}")
    return max(0, (today - last).days - max_age_days)
