"""``sre_docs.words``: the one rule for a count with its noun, and for a key shown as a label."""

from __future__ import annotations

import pytest

from sre_docs.words import counted, label, noun


@pytest.mark.parametrize(("count", "singular", "expected"), [
    (0, "open incident", "0 open incidents"),
    (1, "open incident", "1 open incident"),
    (2, "open incident", "2 open incidents"),
    (1, "finding", "1 finding"),
    (3, "finding", "3 findings"),
    (1, "person", "1 person"),
    (4, "person", "4 people"),
    (2, "criterion", "2 criteria"),
    (2, "error budget policy", "2 error budget policies"),
    (2, "capacity model", "2 capacity models"),
    (2, "dependency", "2 dependencies"),
    (2, "day", "2 days"),          # a vowel before the y: just "s"
    (2, "match", "2 matches"),
    (2, "SLO", "2 SLOs"),
    (1.0, "hour", "1 hour"),
    (1.5, "hour", "1.5 hours"),
    ("1", "hour", "1 hour"),       # a figure already formatted by the page
    ("12.5", "hour", "12.5 hours"),
])
def test_counted(count, singular: str, expected: str) -> None:
    assert counted(count, singular) == expected


def test_given_plural_wins() -> None:
    assert counted(2, "off-hours page", "off-hours pages") == "2 off-hours pages"
    assert noun(1, "check", "checks") == "check"


@pytest.mark.parametrize(("key", "expected"), [
    ("chaos_engineering", "chaos engineering"),
    ("capacity_model", "capacity model"),
    ("on-call", "on call"),
    ("slos", "SLOs"),
    ("slo", "SLO"),
    ("toil_item", "toil item"),
    ("__x__", "x"),
])
def test_label(key: str, expected: str) -> None:
    assert label(key) == expected
