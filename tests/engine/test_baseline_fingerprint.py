"""A baseline entry survives edits that only move a finding, and nothing more.

The baseline file is written and read back as ``--write-baseline`` and ``--baseline`` do
(``render`` then ``parse``), then asked which of the new run's findings it accepts. Messages
that name a position ("first declared on line 12") are the case to watch: an organisation's
own policies write such messages, and an edit above the finding changes the number.
"""

from __future__ import annotations

import pytest

from sre_docs.findings import Finding, Severity
from sre_docs.lint.baseline import parse, render

PATH = "services/checkout/alerts.yaml"


def finding(message: str, *, line: int = 20, column: int = 5, code: str = "ORG001") -> Finding:
    return Finding(code, Severity.ERROR, PATH, line, column, message, "checkout")


def accepted(before: Finding, after: Finding) -> bool:
    """Whether a baseline written from ``before`` accepts ``after`` in the next run."""
    baseline = parse(render([before]), "baseline.json")
    new, known = baseline.split([after])
    assert len(new) + len(known) == 1
    return known == [after]


@pytest.mark.parametrize(("before", "after"), [
    # Two lines added above: the finding and the position it names both move down by two.
    ("alert checkout_errors is declared twice (first on line 12)",
     "alert checkout_errors is declared twice (first on line 14)"),
    ("alert checkout_errors is declared twice (first at line 12, column 5)",
     "alert checkout_errors is declared twice (first at line 14, column 9)"),
    ("runbook steps on lines 3-5 repeat each other", "runbook steps on lines 7-9 repeat each other"),
    ("see col 7", "see col 11"),
    ("Line 4: title is empty", "Line 40: title is empty"),
    # Re-wrapped white space is the same message.
    ("owner  is missing\tfor checkout", "owner is missing for checkout"),
])
def test_moved_findings_stay_accepted(before: str, after: str) -> None:
    assert accepted(finding(before), finding(after, line=22, column=9))


@pytest.mark.parametrize(("before", "after"), [
    # Numbers that are not positions are what the finding is about: a change is a new finding.
    ("burn rate 14.4x is too slow for 2% in 1h", "burn rate 13.44x is too slow for 2% in 1h"),
    ("12 of 28 checks fail", "14 of 28 checks fail"),
    ("deadline 2026-11-01 has passed", "deadline 2026-12-01 has passed"),
    ("alert checkout_errors is declared twice (first on line 12)",
     "alert payments_errors is declared twice (first on line 12)"),
])
def test_changed_findings_are_new(before: str, after: str) -> None:
    assert not accepted(finding(before), finding(after))


def test_same_message_of_another_policy_is_new() -> None:
    message = "alert checkout_errors is declared twice (first on line 12)"
    assert not accepted(finding(message, code="ORG001"), finding(message, code="ORG002"))


def test_one_entry_accepts_one_finding() -> None:
    # Baseline of one finding naming line 12; the next run has that finding (moved) and a copy.
    baseline = parse(render([finding("duplicate step (first on line 12)")]), "baseline.json")
    moved, copy = finding("duplicate step (first on line 15)", line=23), finding("duplicate step (first on line 30)", line=31)
    new, known = baseline.split([moved, copy])
    assert (new, known) == ([copy], [moved])
