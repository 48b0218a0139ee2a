from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sre_docs.calc.timing import (
    IncidentRecord,
    IncidentTimeline,
    add_business_days,
    business_days_between,
    find_repeat_incidents,
    incident_durations,
    mean_duration,
    mean_time_to_acknowledge,
    mean_time_to_detect,
    mean_time_to_mitigate,
    mean_time_to_resolve,
    postmortem_due,
    timeline_problems,
    title_similarity,
)

UTC = timezone.utc


def at(hour: int, minute: int = 0, day: int = 18) -> datetime:
    return datetime(2026, 2, day, hour, minute, tzinfo=UTC)


FULL = IncidentTimeline(
    started=at(10), detected=at(10, 4), acknowledged=at(10, 6), mitigated=at(10, 30), resolved=at(12)
)


def test_incident_durations_worked_example() -> None:
    durations = incident_durations(FULL)
    assert durations.time_to_detect == timedelta(minutes=4)
    assert durations.time_to_acknowledge == timedelta(minutes=2)
    assert durations.time_to_mitigate == timedelta(minutes=30)
    assert durations.time_to_resolve == timedelta(hours=2)


def test_missing_timestamps_give_none() -> None:
    durations = incident_durations(IncidentTimeline(started=at(10), resolved=at(11)))
    assert durations.time_to_detect is None and durations.time_to_acknowledge is None
    assert durations.time_to_resolve == timedelta(hours=1)


def test_out_of_order_timelines() -> None:
    backwards = IncidentTimeline(started=at(10), detected=at(9, 50), resolved=at(11))
    assert timeline_problems(backwards) == (
        "detected (2026-02-18T09:50:00+00:00) is before started (2026-02-18T10:00:00+00:00)",
    )
    assert timeline_problems(FULL) == ()
    with pytest.raises(ValueError, match="time_to_detect"):
        incident_durations(backwards)


def test_naive_and_aware_cannot_mix() -> None:
    with pytest.raises(ValueError, match="timezone"):
        incident_durations(IncidentTimeline(started=datetime(2026, 2, 18, 10), resolved=at(11)))


def test_means() -> None:
    other = IncidentTimeline(
        started=at(9), detected=at(9, 10), acknowledged=at(9, 30), mitigated=at(10), resolved=at(13)
    )
    unknown = IncidentTimeline(started=at(8))
    timelines = [FULL, other, unknown]
    assert mean_time_to_detect(timelines) == timedelta(minutes=7)
    assert mean_time_to_acknowledge(timelines) == timedelta(minutes=11)
    assert mean_time_to_mitigate(timelines) == timedelta(minutes=45)
    assert mean_time_to_resolve(timelines) == timedelta(hours=3)
    assert mean_duration([timedelta(minutes=10), None, timedelta(minutes=20)]) == timedelta(minutes=15)
    assert mean_duration([None]) is None and mean_time_to_resolve([]) is None


@pytest.mark.parametrize(
    ("resolved", "due"),
    [
        (date(2026, 2, 18), date(2026, 2, 25)),  # Wednesday -> Wednesday
        (date(2026, 2, 20), date(2026, 2, 27)),  # Friday -> Friday
        (date(2026, 2, 21), date(2026, 2, 27)),  # Saturday -> Friday
        (date(2026, 2, 22), date(2026, 2, 27)),  # Sunday -> Friday
        (datetime(2026, 2, 16, 23, 30, tzinfo=UTC), date(2026, 2, 23)),  # Monday night -> Monday
    ],
)
def test_postmortem_due(resolved: date, due: date) -> None:
    assert postmortem_due(resolved) == due


def test_business_days() -> None:
    assert add_business_days(date(2026, 2, 21), 1) == date(2026, 2, 23)
    assert add_business_days(date(2026, 2, 18), 0) == date(2026, 2, 18)
    assert business_days_between(date(2026, 2, 20), date(2026, 2, 23)) == 1
    assert business_days_between(date(2026, 2, 16), date(2026, 2, 23)) == 5
    assert business_days_between(date(2026, 2, 23), date(2026, 2, 16)) == -5
    assert business_days_between(date(2026, 2, 21), date(2026, 2, 22)) == 0
    with pytest.raises(ValueError):
        add_business_days(date(2026, 2, 18), -1)


@settings(deadline=None)
@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)), st.integers(min_value=0, max_value=400))
def test_business_days_round_trip(start: date, count: int) -> None:
    end = add_business_days(start, count)
    assert business_days_between(start, end) == count
    assert end.weekday() < 5 or count == 0


def test_title_similarity() -> None:
    similarity = title_similarity("Checkout API 500s after deploy", "checkout api 500s after config push")
    assert similarity == pytest.approx(4 / 7)
    assert title_similarity("DB down 2026-02-18", "db down 2026-03-01") == 1.0
    assert title_similarity("", "") == 0.0


def test_repeat_incidents() -> None:
    incidents = [
        IncidentRecord("INC-1", "checkout", at(10, day=1), "Checkout latency spike", trigger="CheckoutP99High"),
        IncidentRecord("INC-2", "checkout", at(10, day=9), "Payment page slow", trigger="checkoutp99high"),
        IncidentRecord("INC-3", "search", at(10, day=10), "Checkout latency spike"),  # other service
        IncidentRecord("INC-4", "checkout", at(10, day=20), "Checkout latency spike again"),
        IncidentRecord("INC-5", "checkout", at(10, day=27), "Card vault certificate expired"),
    ]
    repeats = find_repeat_incidents(incidents)
    assert [(item.incident_id, item.repeat_of) for item in repeats] == [("INC-2", "INC-1"), ("INC-4", "INC-1")]
    assert repeats[0].reason == "same trigger 'checkoutp99high'"
    assert repeats[1].reason.startswith("similar title")
    assert find_repeat_incidents(incidents, within_days=7) == ()
