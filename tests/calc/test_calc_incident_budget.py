"""What one incident spent of an SLO's budget: figures worked by hand."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from sre_docs.calc.budget_evidence import IncidentImpact, budget_status
from sre_docs.calc.error_budget import error_budget_minutes
from sre_docs.calc.incident_budget import incident_spent_pct

T0 = datetime(2026, 11, 10, 12, 0, tzinfo=timezone.utc)
# 99.9% over 30 days: 0.001 x 43,200 min = 43.2 budget minutes.
BUDGET_30D = 43.2


@pytest.mark.parametrize(("impact", "as_of", "expected"), [
    # 60 min x 25% of users = 15 bad minutes; 15 / 43.2 = 34.722…%
    (IncidentImpact(T0, T0 + timedelta(minutes=60), users_share=0.25), T0 + timedelta(days=1), 34.7222),
    # Everyone for 43.2 minutes: exactly the budget.
    (IncidentImpact(T0, T0 + timedelta(minutes=43.2), users_share=1.0), T0 + timedelta(days=1), 100.0),
    # Over the budget: 2 h for everyone = 120 / 43.2 = 277.78%
    (IncidentImpact(T0, T0 + timedelta(hours=2)), T0 + timedelta(days=1), 277.7778),
    # Still open: runs until the evaluation, 30 min later -> 30 x 0.5 = 15 min -> 34.72%
    (IncidentImpact(T0, None, users_share=0.5), T0 + timedelta(minutes=30), 34.7222),
    # Still open and evaluated before it started: nothing spent yet.
    (IncidentImpact(T0, None), T0 - timedelta(hours=1), 0.0),
    # Zero length: nothing spent by the minutes rule.
    (IncidentImpact(T0, T0), T0, 0.0),
    # A declared share wins over the minutes, even for a zero-length record.
    (IncidentImpact(T0, T0, budget_consumed_pct=13.0), T0, 13.0),
    (IncidentImpact(T0, T0 + timedelta(hours=5), users_share=1.0, budget_consumed_pct=0.0), T0, 0.0),
])
def test_incident_spent_pct(impact, as_of, expected):
    assert incident_spent_pct(impact, budget_minutes=BUDGET_30D, as_of=as_of) == pytest.approx(expected, abs=1e-4)


def test_the_budget_minutes_come_from_the_error_budget_function():
    assert error_budget_minutes(99.9, "30d") == pytest.approx(BUDGET_30D)


@pytest.mark.parametrize("minutes", [0.0, -1.0])
def test_a_budget_of_no_minutes_is_refused(minutes):
    with pytest.raises(ValueError, match="budget_minutes must be positive"):
        incident_spent_pct(IncidentImpact(T0, T0 + timedelta(minutes=1)), budget_minutes=minutes, as_of=T0)


def test_agrees_with_the_budget_status_when_the_whole_incident_is_in_the_window():
    """Budget status from incidents alone spends the same share as the incident page shows."""
    first = IncidentImpact(T0, T0 + timedelta(minutes=60), users_share=0.25)  # 34.72%
    second = IncidentImpact(T0 + timedelta(days=2), T0 + timedelta(days=2, minutes=10))  # 10 / 43.2 = 23.15%
    as_of = T0 + timedelta(days=5)
    status = budget_status(target=99.9, window="30d", as_of=as_of, incidents=[first, second])
    pages = sum(incident_spent_pct(i, budget_minutes=BUDGET_30D, as_of=as_of) for i in (first, second))
    assert pages == pytest.approx(57.8704, abs=1e-4)
    assert status.consumed_pct.value == pytest.approx(pages)
