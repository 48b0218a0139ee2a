"""Budget status of one SLO from the evidence a repo holds: SLI measurements, incidents, or neither.

Evidence comes in two kinds, both plain values:

- **measurements** -- ``(start, good, total)`` event counts per bucket of a fixed *resolution* (typically an
  hour or a day). Budgets from measurements are event based, as the guide's SLI template aggregates them
  (``sum(good) / sum(total)``): the share of the budget a period spent is ``bad events in the period /
  (budget fraction x total events in the window)``, and a burn rate over a lookback is
  ``(bad / total over the lookback) / budget fraction``.
- **incidents** -- ``(start, end, users_share)`` where ``users_share`` (0..1) is the part of traffic the incident
  hurt, or an explicit ``budget_consumed_pct`` (a postmortem's ``slo_budget_consumed_pct``). An incident spends
  ``minutes inside the period x users_share`` of the window's budget minutes; an explicit percentage is spread
  evenly over the incident's duration (an instantaneous one counts where it starts). An incident with no end is
  still running and counts up to ``as_of``.

Which evidence a figure uses is decided per period, the same way everywhere (:func:`_pick_source`):

1. measurements, when their buckets cover at least ``min_coverage`` (default 90%) of the period;
2. otherwise incidents, when the caller knows the incident record (``incidents`` is not ``None``; an empty
   sequence means "no incidents happened", which is evidence of zero spend);
3. otherwise whatever measurements there are, however partial;
4. otherwise nothing: the figure is ``None`` with source ``"none"``.

Every figure carries that ``source``. A bucket belongs to a period when its start lies in it; coverage is the
number of distinct bucket starts in the period times the resolution, over the period's length.

The freeze that follows exhaustion (see :mod:`sre_docs.calc.budget_policy`) needs the state before this one:
pass ``previous_state``, or take it from :func:`budget_state_history`.

**The evaluation instant.** ``as_of`` is an instant, and a lookback ``[as_of - lookback, as_of)`` only counts the
buckets that *start* inside it. With daily measurements, an instant inside a day (its end, or "now") leaves that
day's bucket out of every lookback while the day before slides half out of it: the 1-day lookback then holds no
bucket at all, the 3- and 7-day ones fall under ``min_coverage``, and the figures drop to the incident record. A
caller that thinks in days ("as of today") must therefore evaluate as of the **start** of that day, 00:00 UTC, the
end of the last complete day: that is what :func:`sre_docs.model.slo_budgets.evaluation_instant` gives the CLI, the
policies, the site and the scorecards. These functions do not guess: an instant given is the instant used.

Two small pieces of glue live here too, because they are rules rather than I/O: :func:`incident_users_share`
(what share of traffic an incident hurt when the record gives no percentage) and :func:`budget_spent_between`
(what one incident cost, from measurements when they cover it, else from its record).
"""

from __future__ import annotations

from itertools import pairwise
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from types import MappingProxyType
from typing import Generic, TypeVar

from sre_docs.calc.error_budget import error_budget_fraction, error_budget_minutes, time_to_exhaustion
from sre_docs.calc.budget_policy import DEFAULT_THRESHOLDS, BudgetState, BudgetThresholds, budget_state
from sre_docs.calc.durations import DAY, HOUR, MINUTE, WEEK, as_timedelta

__all__ = [
    "DEFAULT_LOOKBACKS",
    "BudgetStatus",
    "BurnDownPoint",
    "BurnDownSeries",
    "BurnRateReading",
    "Figure",
    "IncidentImpact",
    "Measurement",
    "Source",
    "StateReading",
    "USERS_SHARE_BY_COLUMN",
    "budget_spent_between",
    "budget_state_history",
    "budget_status",
    "burn_down_series",
    "incident_users_share",
]

T = TypeVar("T")


class Source(StrEnum):
    """Where a figure came from; compares equal to ``"measurements"``, ``"incidents"``, ``"none"``."""

    MEASUREMENTS = "measurements"
    INCIDENTS = "incidents"
    NONE = "none"


@dataclass(frozen=True)
class Figure(Generic[T]):
    """A value and the evidence behind it. ``value`` is ``None`` exactly when nothing could be computed."""

    value: T | None
    source: Source


@dataclass(frozen=True)
class Measurement:
    """Event counts of one bucket starting at ``start`` and lasting one resolution step."""

    start: datetime
    good: int
    total: int

    def __post_init__(self) -> None:
        if isinstance(self.good, bool) or isinstance(self.total, bool):
            raise TypeError("good and total are event counts, not booleans")
        if not 0 <= self.good <= self.total:
            raise ValueError(f"measurement at {self.start}: need 0 <= good <= total, got {self.good}/{self.total}")


@dataclass(frozen=True)
class IncidentImpact:
    """What an incident did to an SLO: its span and either the users hurt or the budget it is known to have cost."""

    start: datetime
    end: datetime | None = None
    users_share: float = 1.0
    budget_consumed_pct: float | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.users_share <= 1:
            raise ValueError(f"incident at {self.start}: users_share is a share 0..1, got {self.users_share!r}")
        if self.end is not None and self.end < self.start:
            raise ValueError(f"incident at {self.start}: ends before it starts ({self.end})")
        if self.budget_consumed_pct is not None and self.budget_consumed_pct < 0:
            raise ValueError(f"incident at {self.start}: budget_consumed_pct must not be negative")


@dataclass(frozen=True)
class BurnRateReading:
    """Burn rate over the ``lookback`` ending at ``as_of``."""

    lookback: timedelta
    burn_rate: float | None
    source: Source


@dataclass(frozen=True)
class BudgetStatus:
    """Where an SLO's error budget stands at ``as_of`` over the rolling window ending then.

    Percentages are of the whole window's budget; remaining figures go negative when the budget is overspent.
    ``projected_exhaustion`` is ``None`` when the budget is already gone or the current burn rate is 1 or less
    (a rolling window never runs dry at or below 1x: old errors age out as fast as new ones come in).
    """

    target: float
    window: timedelta
    as_of: datetime
    budget_minutes: float
    consumed_pct: Figure[float]
    remaining_pct: Figure[float]
    remaining_minutes: Figure[float]
    consumed_last_7d_pct: Figure[float]
    burn_rates: tuple[BurnRateReading, ...]
    current_burn_rate: Figure[float]
    state: Figure[BudgetState]
    projected_exhaustion: Figure[datetime]
    measurement_coverage: float


#: Lookbacks for burn rates, finest first. Those finer than the measurement resolution or longer than the
#: window are dropped; the window itself is always added.
DEFAULT_LOOKBACKS: tuple[timedelta, ...] = (HOUR, 6 * HOUR, DAY, 3 * DAY, WEEK)
_CURRENT_LOOKBACK = DAY


class _Evidence:
    """Normalised evidence for one SLO and window; answers spend, burn and coverage for any period."""

    def __init__(
        self,
        *,
        target: float,
        window: timedelta,
        measurements: Iterable[Measurement | tuple[datetime, int, int]],
        incidents: Iterable[IncidentImpact | tuple[datetime, datetime | None, float]] | None,
        resolution: timedelta | str | None,
        min_coverage: float,
    ) -> None:
        if not 0 < min_coverage <= 1:
            raise ValueError(f"min_coverage is a share in (0, 1], got {min_coverage!r}")
        self.fraction = error_budget_fraction(target)
        self.window = window
        self.budget_minutes = error_budget_minutes(target, window)
        self.min_coverage = min_coverage
        self.measurements = sorted(
            (item if isinstance(item, Measurement) else Measurement(*item) for item in measurements),
            key=lambda item: item.start,
        )
        self.incidents = (
            None
            if incidents is None
            else tuple(item if isinstance(item, IncidentImpact) else IncidentImpact(*item) for item in incidents)
        )
        self._starts = [item.start for item in self.measurements]
        self.resolution = self._resolution(resolution)

    def _resolution(self, given: timedelta | str | None) -> timedelta | None:
        if given is not None:
            step = as_timedelta(given)
            if step <= timedelta(0):
                raise ValueError(f"resolution must be positive, got {given!r}")
            return step
        if not self.measurements:
            return None
        starts = sorted({item.start for item in self.measurements})
        gaps = [later - earlier for earlier, later in pairwise(starts)]
        return min(gaps) if gaps else DAY  # a single bucket: assume daily data

    # -- measurements ------------------------------------------------------------------------------------------
    def _buckets(self, start: datetime, end: datetime) -> list[Measurement]:
        return self.measurements[bisect_left(self._starts, start) : bisect_left(self._starts, end)]

    def coverage(self, start: datetime, end: datetime) -> float:
        if self.resolution is None or end <= start:
            return 0.0
        distinct = len({item.start for item in self._buckets(start, end)})
        return min(1.0, distinct * (self.resolution / (end - start)))

    def _counts(self, start: datetime, end: datetime) -> tuple[int, int]:
        buckets = self._buckets(start, end)
        return sum(item.total - item.good for item in buckets), sum(item.total for item in buckets)

    # -- incidents ---------------------------------------------------------------------------------------------
    def _bad_minutes(self, start: datetime, end: datetime, as_of: datetime) -> float:
        minutes = 0.0
        for incident in self.incidents or ():
            incident_end = incident.end if incident.end is not None else max(as_of, incident.start)
            overlap = min(end, incident_end) - max(start, incident.start)
            if incident.budget_consumed_pct is not None:
                length = incident_end - incident.start
                if length > timedelta(0):
                    share = max(overlap, timedelta(0)) / length
                else:
                    share = 1.0 if start <= incident.start < end else 0.0
                minutes += incident.budget_consumed_pct / 100 * self.budget_minutes * share
            elif overlap > timedelta(0):
                minutes += overlap / MINUTE * incident.users_share
        return minutes

    # -- figures -----------------------------------------------------------------------------------------------
    def pick_source(self, start: datetime, end: datetime) -> Source:
        coverage = self.coverage(start, end)
        if coverage >= self.min_coverage:
            return Source.MEASUREMENTS
        if self.incidents is not None:
            return Source.INCIDENTS
        if coverage > 0:
            return Source.MEASUREMENTS
        return Source.NONE

    def spent_pct(self, start: datetime, end: datetime, *, as_of: datetime, source: Source) -> float | None:
        """Percent of the window's budget spent in [start, end), the window being the one ending at ``as_of``."""
        if source is Source.MEASUREMENTS:
            bad, _ = self._counts(start, end)
            _, window_total = self._counts(as_of - self.window, as_of)
            return 0.0 if window_total == 0 else 100 * bad / (self.fraction * window_total)
        if source is Source.INCIDENTS:
            return 100 * self._bad_minutes(start, end, as_of) / self.budget_minutes
        return None

    def burn(self, lookback: timedelta, *, as_of: datetime) -> BurnRateReading:
        start = as_of - lookback
        source = self.pick_source(start, as_of)
        rate: float | None = None
        if source is Source.MEASUREMENTS:
            bad, total = self._counts(start, as_of)
            rate = None if total == 0 else (bad / total) / self.fraction
            if rate is None:
                source = Source.NONE
        elif source is Source.INCIDENTS:
            rate = self._bad_minutes(start, as_of, as_of) / (self.fraction * (lookback / MINUTE))
        return BurnRateReading(lookback=lookback, burn_rate=rate, source=source)

    def lookbacks(self, wanted: Sequence[timedelta] | None) -> tuple[timedelta, ...]:
        chosen = list(DEFAULT_LOOKBACKS if wanted is None else wanted)
        if wanted is None:
            chosen.append(self.window)
        if self.resolution is not None and self.measurements:
            chosen = [lookback for lookback in chosen if lookback >= self.resolution]
        return tuple(sorted({lookback for lookback in chosen if timedelta(0) < lookback <= self.window}))


def _build(
    target: float,
    window: timedelta | str,
    measurements: Iterable[Measurement | tuple[datetime, int, int]],
    incidents: Iterable[IncidentImpact | tuple[datetime, datetime | None, float]] | None,
    resolution: timedelta | str | None,
    min_coverage: float,
) -> _Evidence:
    length = as_timedelta(window)
    if length <= timedelta(0):
        raise ValueError(f"window must be positive, got {window!r}")
    return _Evidence(
        target=target,
        window=length,
        measurements=measurements,
        incidents=incidents,
        resolution=resolution,
        min_coverage=min_coverage,
    )


def budget_status(
    *,
    target: float,
    window: timedelta | str,
    as_of: datetime,
    measurements: Iterable[Measurement | tuple[datetime, int, int]] = (),
    incidents: Iterable[IncidentImpact | tuple[datetime, datetime | None, float]] | None = None,
    resolution: timedelta | str | None = None,
    previous_state: BudgetState | str | None = None,
    thresholds: BudgetThresholds = DEFAULT_THRESHOLDS,
    min_coverage: float = 0.9,
    lookbacks: Sequence[timedelta] | None = None,
) -> BudgetStatus:
    """Budget consumed and remaining, burn rates, state and projected exhaustion at ``as_of``.

    ``resolution`` defaults to the smallest gap between measurement starts (a single bucket counts as a day).
    Burn rates cover :data:`DEFAULT_LOOKBACKS` plus the window, minus lookbacks finer than the resolution. The
    *current* burn rate is the one over the last day (or the finest reported lookback when a day is not).
    Projection: ``as_of + remaining share x window / current burn rate`` while the burn rate is above 1.
    ``as_of`` is used as given; to evaluate "a day", pass its start (00:00 UTC, see the module notes), or the
    short lookbacks lose the last day of daily data.

    Example: 99.9% over 28 days, one full outage of 20.16 minutes inside the window and the incident record as
    the only evidence -> budget 40.32 min, consumed 50% (source ``incidents``), remaining 20.16 min, state
    ``warning``.
    """
    evidence = _build(target, window, measurements, incidents, resolution, min_coverage)
    length = evidence.window
    start = as_of - length
    source = evidence.pick_source(start, as_of)
    consumed = evidence.spent_pct(start, as_of, as_of=as_of, source=source)
    remaining = None if consumed is None else 100 - consumed
    recent_start = as_of - min(WEEK, length)
    recent_source = evidence.pick_source(recent_start, as_of)
    recent = evidence.spent_pct(recent_start, as_of, as_of=as_of, source=recent_source)
    burn_rates = tuple(evidence.burn(lookback, as_of=as_of) for lookback in evidence.lookbacks(lookbacks))
    current = _current_burn(burn_rates)
    state = None if remaining is None else budget_state(remaining, previous_state=previous_state, thresholds=thresholds)
    projection: datetime | None = None
    if remaining is not None and remaining > 0 and current.value is not None and current.value > 1:
        lasts = time_to_exhaustion(burn_rate=current.value, window=length, budget_remaining_pct=remaining)
        projection = None if lasts is None else as_of + lasts
    return BudgetStatus(
        target=target,
        window=length,
        as_of=as_of,
        budget_minutes=evidence.budget_minutes,
        consumed_pct=Figure(consumed, source),
        remaining_pct=Figure(remaining, source),
        remaining_minutes=Figure(None if remaining is None else remaining / 100 * evidence.budget_minutes, source),
        consumed_last_7d_pct=Figure(recent, recent_source),
        burn_rates=burn_rates,
        current_burn_rate=current,
        state=Figure(state, source),
        projected_exhaustion=Figure(projection, current.source if remaining is not None else Source.NONE),
        measurement_coverage=evidence.coverage(start, as_of),
    )


def _current_burn(readings: tuple[BurnRateReading, ...]) -> Figure[float]:
    for reading in readings:
        if reading.lookback == _CURRENT_LOOKBACK:
            return Figure(reading.burn_rate, reading.source)
    for reading in readings:
        if reading.burn_rate is not None:
            return Figure(reading.burn_rate, reading.source)
    return Figure(None, Source.NONE)


@dataclass(frozen=True)
class BurnDownPoint:
    """Budget left (percent of the window's budget) at one moment of the window."""

    at: datetime
    remaining_pct: float


@dataclass(frozen=True)
class BurnDownSeries:
    """The budget's path through the window ending at ``as_of``: 100% at the window start, then cumulative spend."""

    points: tuple[BurnDownPoint, ...]
    source: Source


def burn_down_series(
    *,
    target: float,
    window: timedelta | str,
    as_of: datetime,
    measurements: Iterable[Measurement | tuple[datetime, int, int]] = (),
    incidents: Iterable[IncidentImpact | tuple[datetime, datetime | None, float]] | None = None,
    resolution: timedelta | str | None = None,
    min_coverage: float = 0.9,
    step: timedelta | str = DAY,
) -> BurnDownSeries:
    """Remaining budget at the window start and after every ``step`` (a day by default) up to ``as_of``.

    ``remaining(t) = 100 - spent in [window start, t)``, with the evidence chosen for the whole window, so the
    series never rises and its last point equals :func:`budget_status`'s ``remaining_pct``. A window that is not
    a whole number of steps ends with a shorter last step. No evidence: no points, source ``"none"``.

    Example: 28-day window, one full outage of 20.16 minutes on day 10 at 99.9% -> 100 for days 0-9, then 50.
    """
    evidence = _build(target, window, measurements, incidents, resolution, min_coverage)
    stride = as_timedelta(step)
    if stride <= timedelta(0):
        raise ValueError(f"step must be positive, got {step!r}")
    start = as_of - evidence.window
    source = evidence.pick_source(start, as_of)
    if source is Source.NONE:
        return BurnDownSeries(points=(), source=source)
    moments = [start]
    while moments[-1] + stride < as_of:
        moments.append(moments[-1] + stride)
    moments.append(as_of)
    points = []
    for moment in moments:
        spent = evidence.spent_pct(start, moment, as_of=as_of, source=source)
        points.append(BurnDownPoint(at=moment, remaining_pct=100 - (spent or 0.0)))
    return BurnDownSeries(points=tuple(points), source=source)


@dataclass(frozen=True)
class StateReading:
    """Rolling budget state at one moment."""

    at: datetime
    remaining_pct: float | None
    state: BudgetState | None
    source: Source


def budget_state_history(
    *,
    target: float,
    window: timedelta | str,
    as_of: datetime,
    measurements: Iterable[Measurement | tuple[datetime, int, int]] = (),
    incidents: Iterable[IncidentImpact | tuple[datetime, datetime | None, float]] | None = None,
    resolution: timedelta | str | None = None,
    thresholds: BudgetThresholds = DEFAULT_THRESHOLDS,
    min_coverage: float = 0.9,
    step: timedelta | str = DAY,
    points: int = 28,
) -> tuple[StateReading, ...]:
    """Rolling remaining budget and state at ``as_of`` and the ``points - 1`` steps before it, oldest first.

    Each reading uses the window ending at its own moment, and the state carries an exhaustion freeze forward,
    so ``history[-1].state`` honours the freeze from the evidence alone (it needs data reaching back one window
    before the oldest reading to be exact). Readings without evidence leave the previous state in force.

    Example: 99.9% over 28 days, a 45-minute full outage 30 days before ``as_of``: the readings 4, 3 and 2 days
    back are ``exhausted`` (the outage is still in their windows, or the freeze holds), today's is ``healthy``.
    """
    evidence = _build(target, window, measurements, incidents, resolution, min_coverage)
    stride = as_timedelta(step)
    if stride <= timedelta(0) or points < 1:
        raise ValueError("step must be positive and points at least 1")
    readings = []
    previous: BudgetState | None = None
    for index in range(points - 1, -1, -1):
        moment = as_of - stride * index
        source = evidence.pick_source(moment - evidence.window, moment)
        spent = evidence.spent_pct(moment - evidence.window, moment, as_of=moment, source=source)
        remaining = None if spent is None else 100 - spent
        state = None
        if remaining is not None:
            state = previous = budget_state(remaining, previous_state=previous, thresholds=thresholds)
        readings.append(StateReading(at=moment, remaining_pct=remaining, state=state, source=source))
    return tuple(readings)


# --- one incident -------------------------------------------------------------------------------------------

#: Share of traffic assumed for each ``users`` column of the severity matrix when an incident record gives no
#: ``users_pct``: the column's upper bound, so that a share nobody wrote down never makes a budget look healthier
#: than it was. ``one_user`` counts as nothing: one user is no measurable share of a service's traffic (an
#: incident that hurt one user and matters anyway records ``users_pct`` or ``budget_consumed_pct``).
USERS_SHARE_BY_COLUMN: Mapping[str, float] = MappingProxyType({
    "one_user": 0.0,
    "lt_25pct": 0.25,
    "gt_25pct": 1.0,
    "all_users": 1.0,
})


def incident_users_share(*, users_pct: object = None, users: object = None) -> float:
    """Share of traffic (0..1) an incident hurt, for the incident evidence of a budget.

    ``users_pct`` (0-100) when it is a number, clipped to 0..100; else the upper bound of the matrix column
    ``users`` (:data:`USERS_SHARE_BY_COLUMN`); with neither, or an unknown column, all users (1.0).

    Examples: ``users_pct=12.5`` -> 0.125; ``users="lt_25pct"`` -> 0.25; ``users="one_user"`` -> 0.0; nothing -> 1.0.
    """
    if isinstance(users_pct, (int, float)) and not isinstance(users_pct, bool) and users_pct == users_pct:
        return max(0.0, min(1.0, float(users_pct) / 100))
    if isinstance(users, str) and users in USERS_SHARE_BY_COLUMN:
        return USERS_SHARE_BY_COLUMN[users]
    return 1.0


def budget_spent_between(
    *,
    target: float,
    window: timedelta | str,
    start: datetime,
    end: datetime,
    measurements: Iterable[Measurement | tuple[datetime, int, int]] = (),
    incident: IncidentImpact | None = None,
    resolution: timedelta | str | None = None,
    min_coverage: float = 0.9,
) -> Figure[float]:
    """Percent of the error budget of the window ending at ``end`` that was spent in ``[start, end)``.

    This is one incident's cost, as ``incident resolve`` and ``postmortem new`` report it. The evidence is chosen
    as everywhere else (:func:`budget_status`): measurements when their buckets cover at least ``min_coverage`` of
    the span (bad events in the span over the budget's events in the window), else the incident record when one is
    given (its minutes inside the span x its users share, or its explicit ``budget_consumed_pct``), else whatever
    measurements there are, else ``None`` with source ``"none"``. A span shorter than one bucket is never covered by
    measurements, so a short incident on daily data is costed from its record.

    Example: 99.9% over 28 days, a 45-minute outage of a quarter of the users, no measurements -> 11.25 minutes of
    a 40.32-minute budget: 27.9%, source ``incidents``.
    """
    if end < start:
        raise ValueError(f"the span ends ({end}) before it starts ({start})")
    evidence = _build(target, window, measurements, None if incident is None else (incident,), resolution, min_coverage)
    source = evidence.pick_source(start, end)
    return Figure(evidence.spent_pct(start, end, as_of=end, source=source), source)
