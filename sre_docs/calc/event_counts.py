"""Good and total events per bucket, from a monitoring system's answers, checked before they are recorded.

A pull of measurements asks, for each bucket (a UTC day or hour), how much a good-events and an
all-events counter grew. Prometheus answers a range query with one value per evaluation instant; the
value at ``start + step`` is the increase over the bucket ``[start, start + step)``. This module turns
those answers into rows, says what is wrong with a bucket instead of guessing, and merges the rows into
the ones a file already holds.

Rules (each one keeps a wrong number out of the budget):

* a bucket is counted in whole events: an increase is rounded to the nearest integer (Prometheus
  extrapolates an increase when samples do not sit on the bucket's edges, so it can be fractional);
* a bucket the total series has no value for is *missing*: it is reported and never recorded as 0,
  because "no data" is not "no traffic";
* a total of 0 is a bucket with no traffic, recorded as ``[start, 0, 0]`` (the good series may be
  absent then: a counter of good events that never fired has no series);
* good above total, or a negative increase, is reported and the bucket is left out;
* merged into existing rows, a bucket already recorded with the same counts is unchanged, one recorded
  with other counts is a conflict (left alone unless forced), and a bucket after the last recorded row
  is appended, in order. A bucket missing *before* the last recorded row is reported rather than
  inserted: rows are only ever appended, so the file's history reads top to bottom.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

__all__ = [
    "Bucket",
    "BucketProblem",
    "Conflict",
    "MergePlan",
    "bucket_starts",
    "counts_per_bucket",
    "merge_rows",
    "pair_counts",
]

UTC = dt.timezone.utc


@dataclass(frozen=True, order=True)
class Bucket:
    """Good and total events of one bucket starting at ``start`` (UTC)."""

    start: dt.datetime
    good: int
    total: int


@dataclass(frozen=True)
class BucketProblem:
    """Why one bucket (or a whole series, with ``start`` None) is not recorded."""

    start: dt.datetime | None
    message: str


def bucket_starts(first: dt.datetime, end: dt.datetime, step: dt.timedelta) -> list[dt.datetime]:
    """Starts of the complete buckets from ``first`` up to ``end`` (exclusive of a bucket that ends after ``end``).

    ``first`` must sit on a bucket edge (00:00 UTC for days, a whole hour for hours).
    Example: first 2026-11-01T00:00Z, end 2026-11-03T12:00Z, step 1d -> [11-01, 11-02] (11-03 is not over).
    """
    if step <= dt.timedelta(0):
        raise ValueError("the bucket size must be positive")
    if first.tzinfo is None or end.tzinfo is None:
        raise ValueError("bucket edges must be timezone-aware")
    epoch = dt.datetime(1970, 1, 1, tzinfo=UTC)
    if (first - epoch) % step:
        raise ValueError(f"{first.isoformat()} is not on a {step} bucket edge")
    starts = []
    start = first
    while start + step <= end:
        starts.append(start)
        start += step
    return starts


def counts_per_bucket(values: Mapping[dt.datetime, float], starts: Sequence[dt.datetime],
                      step: dt.timedelta) -> tuple[dict[dt.datetime, int], list[BucketProblem]]:
    """Whole-event increase per bucket from values evaluated at each bucket's end.

    ``values`` maps an evaluation instant to the increase over the ``step`` before it. A bucket
    without a value is absent from the result (the caller decides what absence means). A value
    that is not a finite number at least 0 is a problem, never a count.

    Example: step 1d, values {11-02T00:00Z: 1203343.6} -> {11-01: 1203344}.
    """
    counts: dict[dt.datetime, int] = {}
    problems: list[BucketProblem] = []
    for start in starts:
        value = values.get(start + step)
        if value is None:
            continue
        if not math.isfinite(value) or value < 0:
            problems.append(BucketProblem(start, f"the increase is {value!r}, not a count of events"))
            continue
        counts[start] = int(round(value))
    return counts, problems


def pair_counts(starts: Sequence[dt.datetime], total: Mapping[dt.datetime, int], *,
                good: Mapping[dt.datetime, int] | None = None,
                bad: Mapping[dt.datetime, int] | None = None) -> tuple[list[Bucket], list[BucketProblem]]:
    """Rows from per-bucket total and good (or bad) counts, with a problem for each bucket left out.

    Exactly one of ``good`` and ``bad`` is given; with ``bad``, good = total - bad. A bucket with a
    total of 0 is recorded as 0/0 whatever the other series says about it (nothing happened).

    Example: total {d1: 10, d2: 0, d3: 5}, good {d1: 9, d3: 6} -> rows [d1 9/10, d2 0/0], a problem for d3
    (6 good of 5).
    """
    if (good is None) == (bad is None):
        raise ValueError("give exactly one of good and bad")
    rows: list[Bucket] = []
    problems: list[BucketProblem] = []
    for start in starts:
        all_events = total.get(start)
        if all_events is None:
            problems.append(BucketProblem(start, "no data for total events in this bucket (not recorded as zero)"))
            continue
        if all_events == 0:
            rows.append(Bucket(start, 0, 0))
            continue
        if good is not None:
            good_events = good.get(start)
            if good_events is None:
                problems.append(BucketProblem(start, f"no data for good events in this bucket ({all_events} in total)"))
                continue
        else:
            assert bad is not None
            bad_events = bad.get(start)
            if bad_events is None:
                problems.append(BucketProblem(start, f"no data for bad events in this bucket ({all_events} in total)"))
                continue
            good_events = all_events - bad_events
            if good_events < 0:
                problems.append(BucketProblem(start, f"{bad_events} bad events but only {all_events} in total"))
                continue
        if good_events > all_events:
            problems.append(BucketProblem(start, f"{good_events} good events but only {all_events} in total"))
            continue
        rows.append(Bucket(start, good_events, all_events))
    return rows, problems


@dataclass(frozen=True)
class Conflict:
    """A bucket the file already records with other counts."""

    index: int
    recorded: Bucket
    pulled: Bucket


@dataclass(frozen=True)
class MergePlan:
    """What merging pulled rows into a file's rows does."""

    append: tuple[Bucket, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    unchanged: int = 0
    not_inserted: tuple[Bucket, ...] = field(default_factory=tuple)

    @property
    def changes_anything(self) -> bool:
        return bool(self.append or self.conflicts)


def merge_rows(recorded: Iterable[tuple[int, Bucket]], pulled: Iterable[Bucket]) -> MergePlan:
    """Merge ``pulled`` rows into the ``recorded`` ones (each with its index in the file).

    When a bucket is recorded twice, the first row is the one compared (the second is a lint
    finding of its own). Example: recorded [(0, d1 9/10), (1, d2 5/5)], pulled [d1 9/10, d2 4/5, d3 7/7]
    -> unchanged 1, a conflict at index 1 (5/5 recorded, 4/5 pulled), append [d3 7/7].
    """
    by_start: dict[dt.datetime, tuple[int, Bucket]] = {}
    last: dt.datetime | None = None
    for index, row in recorded:
        by_start.setdefault(row.start, (index, row))
        last = row.start if last is None else max(last, row.start)
    append: list[Bucket] = []
    conflicts: list[Conflict] = []
    not_inserted: list[Bucket] = []
    unchanged = 0
    for row in sorted(pulled):
        found = by_start.get(row.start)
        if found is not None:
            index, old = found
            if (old.good, old.total) == (row.good, row.total):
                unchanged += 1
            else:
                conflicts.append(Conflict(index, old, row))
        elif last is not None and row.start < last:
            not_inserted.append(row)
        else:
            append.append(row)
    return MergePlan(tuple(append), tuple(conflicts), unchanged, tuple(not_inserted))
