"""What one incident spent of an SLO's error budget, for the incident's own page.

The budget status (:mod:`sre_docs.calc.budget_evidence`) spreads every incident over the
window it overlaps; an incident page wants the whole incident's cost, wherever the window
falls today. Both read an incident the same way: a declared ``budget_consumed_pct`` is
taken as given; otherwise each minute of the incident costs ``users_share`` minutes of full
outage, and an incident still open runs until the moment of evaluation.
"""

from __future__ import annotations

from datetime import datetime

from sre_docs.calc.budget_evidence import IncidentImpact
from sre_docs.calc.durations import MINUTE

__all__ = ["incident_spent_pct"]


def incident_spent_pct(incident: IncidentImpact, *, budget_minutes: float, as_of: datetime) -> float:
    """Percent of a window's error budget the incident spent from its start to its end.

    Example: a 99.9% SLO over 30 days has 43.2 budget minutes; an incident that hurt 25% of
    users for 60 minutes spent 60 x 0.25 = 15 bad minutes, 15 / 43.2 = 34.7% of the budget.

    >>> from datetime import datetime, timezone
    >>> start = datetime(2026, 11, 1, 10, 0, tzinfo=timezone.utc)
    >>> end = datetime(2026, 11, 1, 11, 0, tzinfo=timezone.utc)
    >>> round(incident_spent_pct(IncidentImpact(start, end, users_share=0.25), budget_minutes=43.2, as_of=end), 1)
    34.7
    """
    if budget_minutes <= 0:
        raise ValueError(f"budget_minutes must be positive, got {budget_minutes!r}")
    if incident.budget_consumed_pct is not None:
        return incident.budget_consumed_pct
    end = incident.end if incident.end is not None else max(as_of, incident.start)
    bad_minutes = (end - incident.start) / MINUTE * incident.users_share
    return 100 * bad_minutes / budget_minutes
