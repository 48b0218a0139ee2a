"""Culture indicators against values worked by hand (the arithmetic is in the comments)."""

from __future__ import annotations

import datetime as dt

import pytest

from sre_docs.calc.culture import (
    FAIR_LOAD_RATIO,
    HERO_SHARE_PCT,
    MIN_INCIDENTS,
    Concentration,
    OwnerLoad,
    PostmortemOutcome,
    action_item_overdue,
    concentration,
    fair_load,
    hero_culture,
    load_spread,
    overdue_by_owner,
    postmortem_discipline,
    postmortem_outcome,
)

D = dt.date


def test_thresholds_come_from_the_rotation_rule() -> None:
    # Fair share in a rotation of the guide's minimum 5 people: 100 / 5 = 20%; twice that = 40%.
    assert HERO_SHARE_PCT == 40.0
    assert MIN_INCIDENTS == 5
    assert FAIR_LOAD_RATIO == 2.0


def test_concentration_counts_a_person_once_per_incident() -> None:
    # ana: incidents 1, 2, 4 (twice in 4: counted once) -> 3; bo: 2, 3 -> 2; the empty incident is not counted.
    result = concentration([{"ana"}, {"ana", "bo"}, {"bo"}, ["ana", "ana"], set(), {""}])
    assert result == Concentration(incidents=4, people=2, top=("ana",), top_count=3)
    assert result.share_pct == 75.0  # 3 / 4


def test_concentration_ties_and_empty() -> None:
    tie = concentration([{"bo"}, {"ana"}, {"cy"}])
    assert tie == Concentration(incidents=3, people=3, top=("ana", "bo", "cy"), top_count=1)
    assert tie.share_pct == pytest.approx(100 / 3)  # 1 of 3
    nothing = concentration([])
    assert nothing == Concentration(incidents=0, people=0, top=(), top_count=0)
    assert nothing.share_pct is None


@pytest.mark.parametrize(("names", "expected"), [
    # 2 of 5 = 40%: exactly the limit, not a sign.
    ([{"a"}, {"a"}, {"b"}, {"c"}, {"d"}], False),
    # 3 of 5 = 60% > 40%.
    ([{"a"}, {"a"}, {"a"}, {"c"}, {"d"}], True),
    # 4 of 4 = 100%, but fewer than 5 incidents: not judged.
    ([{"a"}, {"a"}, {"a"}, {"a"}], False),
    # 5 of 12 = 41.7% > 40%.
    ([{"a"}] * 5 + [{"b"}] * 4 + [{"c"}] * 3, True),
    # nothing at all
    ([], False),
])
def test_hero_culture(names: list[set[str]], expected: bool) -> None:
    assert hero_culture(concentration(names)) is expected


def test_hero_culture_options() -> None:
    # 3 of 4 = 75%: judged once the minimum is 4; over a limit of 70%, not over 80%.
    value = concentration([{"a"}, {"a"}, {"a"}, {"b"}])
    assert hero_culture(value, min_incidents=4, max_share_pct=70) is True
    assert hero_culture(value, min_incidents=4, max_share_pct=80) is False


@pytest.mark.parametrize(("written", "today", "expected"), [
    (D(2026, 11, 9), D(2026, 11, 26), PostmortemOutcome.ON_TIME),   # on the due day
    (D(2026, 11, 3), D(2026, 11, 26), PostmortemOutcome.ON_TIME),   # before it
    (D(2026, 11, 10), D(2026, 11, 26), PostmortemOutcome.LATE),     # a day after
    (None, D(2026, 11, 9), PostmortemOutcome.PENDING),              # due today: not yet skipped (PM001 agrees)
    (None, D(2026, 11, 10), PostmortemOutcome.SKIPPED),             # the day after the due day
    (D(2026, 11, 12), D(2026, 11, 5), PostmortemOutcome.LATE),      # written late whatever today is
])
def test_postmortem_outcome(written: dt.date | None, today: dt.date, expected: PostmortemOutcome) -> None:
    assert postmortem_outcome(due=D(2026, 11, 9), written=written, today=today) is expected


def test_postmortem_discipline() -> None:
    o = PostmortemOutcome
    result = postmortem_discipline([o.ON_TIME, o.LATE, o.SKIPPED, o.ON_TIME, o.PENDING])
    # due = 2 on time + 1 late + 1 skipped = 4; (1 + 1) / 4 = 50%
    assert (result.on_time, result.late, result.skipped, result.pending, result.due) == (2, 1, 1, 1, 4)
    assert result.skipped_or_late_pct == 50.0
    # Only pending ones: nothing due, no share.
    assert postmortem_discipline([o.PENDING]).skipped_or_late_pct is None
    assert postmortem_discipline([]).due == 0
    # 1 skipped of 3 = 33.3%
    assert postmortem_discipline([o.SKIPPED, o.ON_TIME, o.ON_TIME]).skipped_or_late_pct == pytest.approx(100 / 3)


@pytest.mark.parametrize(("status", "deadline", "expected"), [
    ("open", D(2026, 11, 25), True),
    ("in-progress", D(2026, 11, 25), True),
    ("open", D(2026, 11, 26), False),   # due today
    ("done", D(2026, 1, 1), False),
    ("open", None, False),
])
def test_action_item_overdue(status: str, deadline: dt.date | None, expected: bool) -> None:
    assert action_item_overdue(status=status, deadline=deadline, today=D(2026, 11, 26)) is expected


def test_overdue_by_owner() -> None:
    items = [
        ("ana", "open", D(2026, 11, 1)),       # ana overdue
        ("ana", "done", D(2026, 10, 1)),       # done: left out
        ("bo", "open", D(2026, 12, 1)),        # bo open, not overdue
        ("bo", "in-progress", None),           # bo open, no deadline
        (None, "open", D(2026, 11, 2)),        # nobody: overdue
        ("", "open", D(2026, 11, 3)),          # empty owner is nobody too: overdue
        ("cy", "open", D(2026, 11, 20)),       # cy overdue
    ]
    assert overdue_by_owner(items, today=D(2026, 11, 26)) == (
        OwnerLoad(None, 2, 2),   # 2 overdue first
        OwnerLoad("ana", 1, 1),  # 1 overdue, 1 open, then by name: ana before cy
        OwnerLoad("cy", 1, 1),
        OwnerLoad("bo", 2, 0),
    )
    assert overdue_by_owner([], today=D(2026, 11, 26)) == ()


def test_load_spread() -> None:
    spread = load_spread({"ana": 6, "bo": 2, "cy": 1}, ["ana", "bo", "cy", "di"])
    # total 6 + 2 + 1 + 0 = 9; mean 9 / 4 = 2.25; busiest 6 / 2.25 = 2.667; top two (6 + 2) / 9 = 88.9%
    assert spread.by_member == (("ana", 6), ("bo", 2), ("cy", 1), ("di", 0))
    assert spread.total == 9
    assert spread.busiest_ratio == pytest.approx(6 / 2.25)
    assert spread.top_two_share_pct == pytest.approx(800 / 9)
    assert fair_load(spread.busiest_ratio) is False
    even = load_spread({"a": 2, "b": 2, "c": 2, "d": 2, "e": 2})
    # mean 2, busiest 2 -> 1.0; top two 4 of 10 = 40%
    assert even.busiest_ratio == 1.0 and even.top_two_share_pct == 40.0
    assert fair_load(even.busiest_ratio) is True
    none = load_spread({}, ["a", "b"])
    assert none.total == 0 and none.busiest_ratio is None and none.top_two_share_pct is None
    # A full turn: at least as much load as members. 9 >= 4 yes; 0 of 2 no; 2 shifts over 5 members no.
    assert spread.full_turn is True and none.full_turn is False
    assert load_spread({"a": 1, "b": 1}, ["a", "b", "c", "d", "e"]).full_turn is False
    assert load_spread({}).full_turn is False


@pytest.mark.parametrize(("ratio", "expected"), [(2.0, True), (2.01, False), (None, True), (1.0, True)])
def test_fair_load(ratio: float | None, expected: bool) -> None:
    assert fair_load(ratio) is expected
    assert fair_load(3.0, max_ratio=3) is True
