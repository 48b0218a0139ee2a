"""Bucketing and checking of pulled event counts (sre_docs.calc.event_counts), against values worked by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from sre_docs.calc.event_counts import (
    Bucket, BucketProblem, Conflict, MergePlan, bucket_starts, counts_per_bucket, merge_rows, pair_counts,
)

UTC = dt.timezone.utc
DAY = dt.timedelta(days=1)
HOUR = dt.timedelta(hours=1)


def d(day: int, hour: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, tzinfo=UTC)


def test_bucket_starts_only_complete_buckets() -> None:
    # 11-01 00:00 to 11-03 12:00 by day: 11-01 and 11-02 are over; 11-03 ends at 11-04 00:00, after the end.
    assert bucket_starts(d(1), d(3, 12), DAY) == [d(1), d(2)]
    # By hour from 11-01 22:00 to 11-02 00:00: 22:00 and 23:00.
    assert bucket_starts(d(1, 22), d(2), HOUR) == [d(1, 22), d(1, 23)]
    assert bucket_starts(d(2), d(2), DAY) == []


@pytest.mark.parametrize("first, end, step, message", [
    (d(1, 5), d(3), DAY, "not on a 1 day, 0:00:00 bucket edge"),
    (dt.datetime(2026, 11, 1), d(3), DAY, "timezone-aware"),
    (d(1), d(3), dt.timedelta(0), "must be positive"),
])
def test_bucket_starts_refuses_bad_edges(first, end, step, message) -> None:
    with pytest.raises(ValueError, match=message):
        bucket_starts(first, end, step)


def test_counts_per_bucket_reads_the_value_at_each_bucket_end() -> None:
    # The value at 11-02 00:00 is the increase over 11-01: 1,203,343.6 rounds to 1,203,344; 11-02's value sits at
    # 11-03 00:00 (12.4 -> 12); 11-03 has no value (absent, not 0); 11-04's NaN and 11-05's -3 are problems.
    values = {d(2): 1203343.6, d(3): 12.4, d(5): float("nan"), d(6): -3.0, d(9): 99.0}
    counts, problems = counts_per_bucket(values, [d(1), d(2), d(3), d(4), d(5)], DAY)
    assert counts == {d(1): 1203344, d(2): 12}
    assert [(p.start, p.message) for p in problems] == [
        (d(4), "the increase is nan, not a count of events"),
        (d(5), "the increase is -3.0, not a count of events"),
    ]


def test_pair_counts_with_good_events() -> None:
    # d1: 9 of 10. d2: 0 in total -> 0/0 though good says nothing. d3: 6 good of 5 -> left out.
    # d4: no total -> left out (never 0). d5: total 7 but no good value -> left out.
    starts = [d(1), d(2), d(3), d(4), d(5)]
    rows, problems = pair_counts(starts, {d(1): 10, d(2): 0, d(3): 5, d(5): 7}, good={d(1): 9, d(3): 6})
    assert rows == [Bucket(d(1), 9, 10), Bucket(d(2), 0, 0)]
    assert problems == [
        BucketProblem(d(3), "6 good events but only 5 in total"),
        BucketProblem(d(4), "no data for total events in this bucket (not recorded as zero)"),
        BucketProblem(d(5), "no data for good events in this bucket (7 in total)"),
    ]


def test_pair_counts_with_bad_events() -> None:
    # good = total - bad: 100 - 3 = 97; 8 bad of 5 is impossible; a missing bad value is not 0 bad.
    rows, problems = pair_counts([d(1), d(2), d(3)], {d(1): 100, d(2): 5, d(3): 4}, bad={d(1): 3, d(2): 8})
    assert rows == [Bucket(d(1), 97, 100)]
    assert problems == [
        BucketProblem(d(2), "8 bad events but only 5 in total"),
        BucketProblem(d(3), "no data for bad events in this bucket (4 in total)"),
    ]


def test_pair_counts_needs_exactly_one_of_good_and_bad() -> None:
    with pytest.raises(ValueError):
        pair_counts([d(1)], {d(1): 1})
    with pytest.raises(ValueError):
        pair_counts([d(1)], {d(1): 1}, good={}, bad={})


def test_merge_rows() -> None:
    # Recorded: d1 9/10 (index 0), d2 5/5 (1), d4 1/1 (2). Pulled: d1 same, d2 other counts, d3 missing before the
    # last recorded row (d4), d5 and d6 after it, given out of order.
    recorded = [(0, Bucket(d(1), 9, 10)), (1, Bucket(d(2), 5, 5)), (2, Bucket(d(4), 1, 1))]
    pulled = [Bucket(d(6), 2, 2), Bucket(d(1), 9, 10), Bucket(d(2), 4, 5), Bucket(d(3), 7, 7), Bucket(d(5), 0, 0)]
    assert merge_rows(recorded, pulled) == MergePlan(
        append=(Bucket(d(5), 0, 0), Bucket(d(6), 2, 2)),
        conflicts=(Conflict(1, Bucket(d(2), 5, 5), Bucket(d(2), 4, 5)),),
        unchanged=1,
        not_inserted=(Bucket(d(3), 7, 7),),
    )


def test_merge_into_an_empty_file_appends_everything_in_order() -> None:
    plan = merge_rows([], [Bucket(d(2), 1, 1), Bucket(d(1), 0, 0)])
    assert plan.append == (Bucket(d(1), 0, 0), Bucket(d(2), 1, 1))
    assert plan.changes_anything


def test_a_bucket_recorded_twice_is_compared_with_its_first_row() -> None:
    recorded = [(0, Bucket(d(1), 9, 10)), (1, Bucket(d(1), 1, 1))]
    plan = merge_rows(recorded, [Bucket(d(1), 9, 10)])
    assert (plan.unchanged, plan.conflicts, plan.changes_anything) == (1, (), False)
