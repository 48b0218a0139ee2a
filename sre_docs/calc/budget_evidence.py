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

Evidence is **merged** per period, the same way everywhere (``_Evidence.spent_pct`` and ``_Evidence.burn``):

1. **measurements count for the time they cover.** A bucket belongs to a period when its start lies in it and
   covers ``[start, start + resolution)`` of it. Its bad events count against the budget.
2. **incidents count for the time measurements do not cover**: after the last measurement, before the first, and
   in gaps. An incident inside covered time is already in the measurements and is not counted again.
3. A period that measurements cover in part is normalised to the whole window: the measured share of the budget is
   ``bad events / (budget fraction x total events of the covered time x window / covered time)``, that is the
   covered time's traffic stands for the whole window's. With full coverage this is the plain
   ``bad / (fraction x total)``; with none, only incidents count.
4. Without an incident record (``incidents`` is ``None``) uncovered time counts as unknown and adds nothing; an
   empty record means "no incidents happened", which is evidence of zero spend.

Every figure carries its ``source``: ``measurements`` (all of its time is measured, or the uncovered time has no
incident record to read), ``incidents`` (none of it is measured), ``measurements+incidents`` (both count), or
``none`` (nothing could be computed; the value is ``None``). ``measurement_coverage`` is the covered share of the
window.

A burn rate over a lookback is the same merge in rate form: ``(measured error ratio x covered minutes + incident
bad minutes in the uncovered time) / (budget fraction x lookback minutes)``, which is ``(bad / total) / fraction``
when measured throughout and ``bad minutes / (fraction x minutes)`` when not measured at all. A fully measured
lookback without traffic has no burn rate (``None``, source ``none``).

The freeze that follows exhaustion (see :mod:`sre_docs.calc.budget_policy`) needs the state before this one:
pass ``previous_state``, or take it from :func:`budget_state_history`.

**The evaluation instant.** ``as_of`` is an instant, and a lookback ``[as_of - lookback, as_of)`` only counts the
buckets that *start* inside it. With daily measurements, an instant inside a day (its end, or "now") leaves that
day's bucket out of every lookback while the day before slides half out of it: the 1-day lookback then holds no
bucket at all, the 3- and 7-day ones lose a day of measurements, and the incident record fills the rest. A
caller that thinks in days ("as of today") must therefore evaluate as of the **start** of that day, 00:00 UTC, the
end of the last complete day: that is what :func:`sre_docs.model.slo_budgets.evaluation_instant` gives the CLI, the
policies, the site and the scorecards. These functions do not guess: an instant given is the instant used.

Two small pieces of glue live here too, because they are rules rather than I/O: :func:`incident_users_share`
(what share of traffic an incident hurt when the record gives no percentage) and :func:`budget_spent_between`
(what one incident cost, from the measurements for the time they cover and from its record for the rest).
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
    "budget_exhaustion_onsets",
    "budget_state_history",
    "exhaustion_onsets",
    "budget_status",
    "burn_down_series",
    "incident_users_share",
]

T = TypeVar("T")


class Source(StrEnum):
    """Where a figure came from; compares equal to ``"measurements"``, ``"incidents"``, ``"measurements+incidents"``, ``"none"``."""

    MEASUREMENTS = "measurements"
    INCIDENTS = "incidents"
    MIXED = "measurements+incidents"
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

    Percentages are of the whole window's budget; remaining figures go negative when the budget is overspent, and
    consumed figures have no upper bound. ``projected_exhaustion`` is ``None`` when the budget is already gone or
    the current burn rate is 1 or less (a rolling window never runs dry at or below 1x: old errors age out as fast
    as new ones come in). ``at_risk`` is true when that projection falls inside the next window (``as_of +
    window``): whatever the policy state says today, the current burn spends what is left before the window has
    turned over. It is a warning beside the state, not a state of the policy, so it changes no action.
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
    at_risk: Figure[bool]
    measurement_coverage: float


#: Lookbacks for burn rates, finest first. Those finer than the measurement resolution or longer than the
#: window are dropped; the window itself is always added.
DEFAULT_LOOKBACKS: tuple[timedelta, ...] = (HOUR, 6 * HOUR, DAY, 3 * DAY, WEEK)
_CURRENT_LOOKBACK = DAY


_Interval = tuple[datetime, datetime]


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
    ) -> None:
        self.fraction = error_budget_fraction(target)
        self.window = window
        self.budget_minutes = error_budget_minutes(target, window)
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
        self._index()

    def _index(self) -> None:
        """Prefix sums that answer counts and covered time for any period in O(log n).

        ``_unique`` are the distinct bucket starts; bucket ``k`` measures ``_span[k]`` of time (its resolution, cut
        short where the next bucket starts), and ``_gaps`` are the unmeasured stretches between consecutive buckets,
        by the index of the bucket before them.
        """
        bad = total = 0
        self._bad_before, self._total_before = [0], [0]
        for item in self.measurements:
            bad += item.total - item.good
            total += item.total
            self._bad_before.append(bad)
            self._total_before.append(total)
        self._unique = sorted(set(self._starts))
        step = self.resolution or timedelta(0)
        nexts = self._unique[1:]
        self._span = [min(step, later - earlier) for earlier, later in zip(self._unique, nexts, strict=False)]  # nexts is one shorter
        if self._unique:
            self._span.append(step)
        self._span_before = [timedelta(0)]
        for span in self._span:
            self._span_before.append(self._span_before[-1] + span)
        self._gap_after = [k for k, (earlier, later) in enumerate(zip(self._unique, nexts, strict=False)) if later - earlier > step]

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
    def _bucket_range(self, start: datetime, end: datetime) -> tuple[int, int]:
        """Indexes into ``_unique`` of the buckets that start in ``[start, end)``."""
        return bisect_left(self._unique, start), bisect_left(self._unique, end)

    def covered_time(self, start: datetime, end: datetime) -> timedelta:
        """How much of ``[start, end)`` the buckets that start in it measure."""
        first, stop = self._bucket_range(start, end)
        if self.resolution is None or first >= stop:
            return timedelta(0)
        last = stop - 1
        return self._span_before[last] - self._span_before[first] + min(self._span[last], end - self._unique[last])

    def uncovered(self, start: datetime, end: datetime) -> list[_Interval]:
        """The parts of ``[start, end)`` no bucket of it measures, in order: where incidents count."""
        first, stop = self._bucket_range(start, end)
        if self.resolution is None or first >= stop:
            return [(start, end)] if start < end else []
        gaps: list[_Interval] = []
        if self._unique[first] > start:
            gaps.append((start, self._unique[first]))
        last = stop - 1
        for k in self._gap_after[bisect_left(self._gap_after, first) : bisect_left(self._gap_after, last)]:
            gaps.append((self._unique[k] + self.resolution, self._unique[k + 1]))
        tail = self._unique[last] + self._span[last]
        if tail < end:
            gaps.append((tail, end))
        return gaps

    def coverage(self, start: datetime, end: datetime) -> float:
        if end <= start:
            return 0.0
        return min(1.0, self.covered_time(start, end) / (end - start))

    def _counts(self, start: datetime, end: datetime) -> tuple[int, int]:
        low, high = bisect_left(self._starts, start), bisect_left(self._starts, end)
        return (self._bad_before[high] - self._bad_before[low], self._total_before[high] - self._total_before[low])

    # -- incidents ---------------------------------------------------------------------------------------------
    def _bad_minutes(self, spans: Sequence[_Interval], as_of: datetime) -> float:
        """Budget minutes the incident record spent inside ``spans`` (full-outage minutes x users share)."""
        minutes = 0.0
        for incident in self.incidents or ():
            incident_end = incident.end if incident.end is not None else max(as_of, incident.start)
            length = incident_end - incident.start
            for low, high in spans:
                overlap = min(high, incident_end) - max(low, incident.start)
                if incident.budget_consumed_pct is not None:
                    if length > timedelta(0):
                        share = max(overlap, timedelta(0)) / length
                    else:
                        share = 1.0 if low <= incident.start < high else 0.0
                    minutes += incident.budget_consumed_pct / 100 * self.budget_minutes * share
                elif overlap > timedelta(0):
                    minutes += overlap / MINUTE * incident.users_share
        return minutes

    def spent_ceiling_pct(self, start: datetime, end: datetime) -> float | None:
        """A ceiling on what any window ending in ``[start, end]`` can have spent, in percent, or None when the
        evidence gives none.

        Measured share: ``bad x covered / (fraction x total x window)`` is at most ``(bad / total) / fraction``
        (covered time never exceeds the window), and the error ratio of a sum of buckets is at most the largest
        error ratio of its buckets. Recorded share: each incident adds at most its whole cost, or its minutes
        inside the span (capped at one window) times its users share. Sums of ceilings are ceilings of sums.
        """
        if self.fraction <= 0 or self.budget_minutes <= 0:
            return None
        span_start = start - self.window
        worst = 0.0
        for item in self.measurements[bisect_left(self._starts, span_start) : bisect_left(self._starts, end)]:
            bad = item.total - item.good
            if bad:
                worst = max(worst, bad / item.total)  # good <= total, so bad > 0 means total > 0
        minutes = 0.0
        for incident in self.incidents or ():
            incident_end = incident.end if incident.end is not None else max(end, incident.start)
            if incident.start > end or incident_end < span_start:
                continue
            if incident.budget_consumed_pct is not None:
                minutes += incident.budget_consumed_pct / 100 * self.budget_minutes
            else:
                inside = min(incident_end, end) - max(incident.start, span_start)
                minutes += min(inside, self.window) / MINUTE * incident.users_share
        return 100 * worst / self.fraction + 100 * minutes / self.budget_minutes

    # -- figures -----------------------------------------------------------------------------------------------
    def source(self, start: datetime, end: datetime) -> Source:
        """Which evidence a figure over ``[start, end)`` rests on (see the module notes)."""
        first, stop = self._bucket_range(start, end)
        measured = self.resolution is not None and first < stop
        unmeasured = self.incidents is not None and bool(self.uncovered(start, end))
        if measured and unmeasured:
            return Source.MIXED
        if measured:
            return Source.MEASUREMENTS
        if self.incidents is not None:
            return Source.INCIDENTS
        return Source.NONE

    def spent_pct(self, start: datetime, end: datetime, *, as_of: datetime) -> Figure[float]:
        """Percent of the window's budget spent in [start, end), the window being the one ending at ``as_of``."""
        source = self.source(start, end)
        if source is Source.NONE:
            return Figure(None, source)
        measured = 0.0
        if source in (Source.MEASUREMENTS, Source.MIXED):
            bad, _ = self._counts(start, end)
            window_start = as_of - self.window
            _, covered_total = self._counts(window_start, as_of)
            covered = self.covered_time(window_start, as_of)
            if covered_total and covered > timedelta(0):
                # The covered time's traffic stands for the whole window's (equal to ``total`` at full coverage).
                window_total = covered_total * (self.window / covered)
                measured = 100 * bad / (self.fraction * window_total)
        recorded = 0.0
        if source in (Source.INCIDENTS, Source.MIXED):
            recorded = 100 * self._bad_minutes(self.uncovered(start, end), as_of) / self.budget_minutes
        return Figure(measured + recorded, source)

    def burn(self, lookback: timedelta, *, as_of: datetime) -> BurnRateReading:
        start = as_of - lookback
        source = self.source(start, as_of)
        if source is Source.NONE:
            return BurnRateReading(lookback=lookback, burn_rate=None, source=source)
        measured_minutes = 0.0
        if source in (Source.MEASUREMENTS, Source.MIXED):
            bad, total = self._counts(start, as_of)
            if total == 0 and source is Source.MEASUREMENTS:
                return BurnRateReading(lookback=lookback, burn_rate=None, source=Source.NONE)
            ratio = 0.0 if total == 0 else bad / total
            measured_minutes = ratio * (self.covered_time(start, as_of) / MINUTE)
        recorded_minutes = 0.0
        if source in (Source.INCIDENTS, Source.MIXED):
            recorded_minutes = self._bad_minutes(self.uncovered(start, as_of), as_of)
        rate = (measured_minutes + recorded_minutes) / (self.fraction * (lookback / MINUTE))
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
) -> _Evidence:
    length = as_timedelta(window)
    if length <= timedelta(0):
        raise ValueError(f"window must be positive, got {window!r}")
    return _Evidence(target=target, window=length, measurements=measurements, incidents=incidents,
                     resolution=resolution)


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
    evidence = _build(target, window, measurements, incidents, resolution)
    length = evidence.window
    start = as_of - length
    spent = evidence.spent_pct(start, as_of, as_of=as_of)
    consumed, source = spent.value, spent.source
    remaining = None if consumed is None else 100 - consumed
    recent = evidence.spent_pct(as_of - min(WEEK, length), as_of, as_of=as_of)
    burn_rates = tuple(evidence.burn(lookback, as_of=as_of) for lookback in evidence.lookbacks(lookbacks))
    current = _current_burn(burn_rates)
    state = None if remaining is None else budget_state(remaining, previous_state=previous_state, thresholds=thresholds)
    projection: datetime | None = None
    if remaining is not None and remaining > 0 and current.value is not None and current.value > 1:
        lasts = time_to_exhaustion(burn_rate=current.value, window=length, budget_remaining_pct=remaining)
        projection = None if lasts is None else as_of + lasts
    at_risk = projection is not None and projection < as_of + length
    return BudgetStatus(
        target=target,
        window=length,
        as_of=as_of,
        budget_minutes=evidence.budget_minutes,
        consumed_pct=Figure(consumed, source),
        remaining_pct=Figure(remaining, source),
        remaining_minutes=Figure(None if remaining is None else remaining / 100 * evidence.budget_minutes, source),
        consumed_last_7d_pct=recent,
        burn_rates=burn_rates,
        current_burn_rate=current,
        state=Figure(state, source),
        projected_exhaustion=Figure(projection, current.source if remaining is not None else Source.NONE),
        at_risk=Figure(at_risk, current.source if remaining is not None else Source.NONE),
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
    step: timedelta | str = DAY,
) -> BurnDownSeries:
    """Remaining budget at the window start and after every ``step`` (a day by default) up to ``as_of``.

    ``remaining(t) = 100 - spent in [window start, t)``, with the evidence chosen for the whole window, so the
    series never rises and its last point equals :func:`budget_status`'s ``remaining_pct``. A window that is not
    a whole number of steps ends with a shorter last step. No evidence: no points, source ``"none"``.

    Example: 28-day window, one full outage of 20.16 minutes on day 10 at 99.9% -> 100 for days 0-9, then 50.
    """
    evidence = _build(target, window, measurements, incidents, resolution)
    stride = as_timedelta(step)
    if stride <= timedelta(0):
        raise ValueError(f"step must be positive, got {step!r}")
    start = as_of - evidence.window
    source = evidence.source(start, as_of)
    if source is Source.NONE:
        return BurnDownSeries(points=(), source=source)
    moments = [start]
    while moments[-1] + stride < as_of:
        moments.append(moments[-1] + stride)
    moments.append(as_of)
    points = []
    for moment in moments:
        spent = evidence.spent_pct(start, moment, as_of=as_of).value
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
    evidence = _build(target, window, measurements, incidents, resolution)
    stride = as_timedelta(step)
    if stride <= timedelta(0) or points < 1:
        raise ValueError("step must be positive and points at least 1")
    readings = []
    previous: BudgetState | None = None
    for index in range(points - 1, -1, -1):
        moment = as_of - stride * index
        spent = evidence.spent_pct(moment - evidence.window, moment, as_of=moment)
        source = spent.source
        remaining = None if spent.value is None else 100 - spent.value
        state = None
        if remaining is not None:
            state = previous = budget_state(remaining, previous_state=previous, thresholds=thresholds)
        readings.append(StateReading(at=moment, remaining_pct=remaining, state=state, source=source))
    return tuple(readings)


def exhaustion_onsets(readings: Iterable[StateReading]) -> tuple[datetime, ...]:
    """The moments a budget ran out: each reading in the ``exhausted`` state whose previous reading was not.

    Readings are taken in the order given (oldest first, as :func:`budget_state_history` returns them); a reading
    without a state breaks nothing (the state before it stays in force). The first reading counts as an onset when
    it is already exhausted: the episode began at or before it.

    Example: daily states healthy, critical, exhausted, exhausted, critical, exhausted -> two onsets, the third
    and the sixth day.
    """
    onsets = []
    previous: BudgetState | None = None
    for reading in readings:
        if reading.state is None:
            continue
        if reading.state is BudgetState.EXHAUSTED and previous is not BudgetState.EXHAUSTED:
            onsets.append(reading.at)
        previous = reading.state
    return tuple(onsets)


def budget_exhaustion_onsets(
    *,
    target: float,
    window: timedelta | str,
    as_of: datetime,
    measurements: Iterable[Measurement | tuple[datetime, int, int]] = (),
    incidents: Iterable[IncidentImpact | tuple[datetime, datetime | None, float]] | None = None,
    resolution: timedelta | str | None = None,
    thresholds: BudgetThresholds = DEFAULT_THRESHOLDS,
    step: timedelta | str = DAY,
    points: int = 28,
) -> tuple[datetime, ...]:
    """The onsets (:func:`exhaustion_onsets`) of :func:`budget_state_history` with the same arguments.

    A budget can only turn exhausted where its remaining share falls to the exhaustion point (the freeze only
    prolongs an exhaustion that began so), so when a ceiling on every reading's spend
    (``_Evidence.spent_ceiling_pct``) stays short of it, there are none and the history is not walked.

    Example: 99.9% over 28 days, daily buckets never worse than 0.05% errors and no incidents -> the ceiling is
    ``0.0005 / 0.001 = 50%`` of the budget, short of 100%: no onsets, found without reading 28 windows.
    """
    evidence = _build(target, window, measurements, incidents, resolution)
    stride = as_timedelta(step)
    if stride <= timedelta(0) or points < 1:
        raise ValueError("step must be positive and points at least 1")
    ceiling = evidence.spent_ceiling_pct(as_of - stride * (points - 1), as_of)
    if ceiling is not None and ceiling < 100 - thresholds.exhausted_at_or_below_pct:
        return ()
    return exhaustion_onsets(budget_state_history(
        target=target, window=window, as_of=as_of, measurements=evidence.measurements, incidents=evidence.incidents,
        resolution=resolution, thresholds=thresholds, step=step, points=points))


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
) -> Figure[float]:
    """Percent of the error budget of the window ending at ``end`` that was spent in ``[start, end)``.

    This is one incident's cost, as ``incident resolve`` and ``postmortem new`` report it. The evidence is merged
    as everywhere else (:func:`budget_status`): the buckets that start inside the span count for the time they
    cover (bad events over the budget's events in the window), the incident record for the rest of the span (its
    minutes there x its users share, or its share of an explicit ``budget_consumed_pct``); with neither, ``None``
    with source ``"none"``. A span that no bucket starts in is costed from the record alone, so a short incident on
    daily data is costed from its record. The share has no upper bound: a long SEV1 can spend several budgets.

    Example: 99.9% over 28 days, a 45-minute outage of a quarter of the users, no measurements -> 11.25 minutes of
    a 40.32-minute budget: 27.9%, source ``incidents``.
    """
    if end < start:
        raise ValueError(f"the span ends ({end}) before it starts ({start})")
    evidence = _build(target, window, measurements, None if incident is None else (incident,), resolution)
    return evidence.spent_pct(start, end, as_of=end)
