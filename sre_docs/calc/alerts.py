"""Alert severities P0 to P3: how fast a human must respond, how they are told, what belongs in each.

Besides the ids ``P0``-``P3``, :func:`alert_severity` accepts each level's name from the guide (``page``,
``urgent``, ``ticket``, ``log``, any case) and the combined form ``"P0/Page"``, so the ``severity: page`` of a
burn-rate alert resolves to P0 and ``severity: ticket`` to P2.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sre_docs.calc.durations import MINUTE

__all__ = [
    "ALERT_SEVERITY_GUIDE",
    "MAX_PAGES_PER_WEEK_PER_SERVICE",
    "AlertSeverity",
    "alert_severity",
    "expected_notify",
]


@dataclass(frozen=True)
class AlertSeverity:
    """One level of the alert severity guide.

    ``respond_within`` is the response-time limit when the guide gives one in minutes; the next-business-day and
    weekly levels have ``None`` and say so in ``response_time``. ``routing`` follows the notification column: P0
    and P1 reach a pager (``page``), P2 opens a ticket (``ticket``), P3 only shows on a dashboard (``none``); it is
    the ``severity`` label of exported Prometheus alerts, the label Alertmanager routes on.
    """

    id: str
    name: str
    response_time: str
    respond_within: timedelta | None
    notification: str
    examples: tuple[str, ...]
    routing: str  # the ``severity`` label Alertmanager routes on: page, ticket or none

    @property
    def label(self) -> str:
        return f"{self.id}/{self.name}"


#: The guide's alert severity table, most urgent first.
ALERT_SEVERITY_GUIDE: tuple[AlertSeverity, ...] = (
    AlertSeverity("P0", "Page", "under 5 minutes", 5 * MINUTE, "PagerDuty and a phone call",
                  ("Critical SLO burn rate", "Data loss", "Security breach"), "page"),
    AlertSeverity("P1", "Urgent", "under 30 minutes", 30 * MINUTE, "Slack and PagerDuty",
                  ("Degraded service", "Raised error rates", "Capacity warning"), "page"),
    AlertSeverity("P2", "Ticket", "next business day", None, "A ticket is opened automatically",
                  ("Slow budget burn", "A non-critical component is down"), "ticket"),
    AlertSeverity("P3", "Log", "at the weekly review", None, "Dashboard only",
                  ("Information", "Trends worth watching"), "none"),
)

#: Alert volume the guide aims for: fewer than this many pages per service per week.
MAX_PAGES_PER_WEEK_PER_SERVICE = 5


def alert_severity(name: str) -> AlertSeverity:
    """Look a severity up by id (``"P1"``), name (``"urgent"``) or label (``"P1/Urgent"``), ignoring case.

    Raises ``ValueError`` listing the accepted values otherwise. Example: ``alert_severity("ticket").id == "P2"``.
    """
    wanted = name.strip().casefold()
    for level in ALERT_SEVERITY_GUIDE:
        if wanted in (level.id.casefold(), level.name.casefold(), level.label.casefold()):
            return level
    accepted = ", ".join(f"{level.id}/{level.name}" for level in ALERT_SEVERITY_GUIDE)
    raise ValueError(f"unknown alert severity {name!r}: expected one of {accepted}")


#: An alert document's ``notify`` value for each routing of the guide's notification column.
_NOTIFY_BY_ROUTING = {"page": "page", "ticket": "ticket", "none": "dashboard"}


def expected_notify(severity: str) -> str:
    """The ``notify`` an alert of ``severity`` must have, from the guide's notification column.

    P0 (PagerDuty and a phone call) and P1 (Slack and PagerDuty) reach a pager: ``page``; P2 opens a ticket:
    ``ticket``; P3 shows on a dashboard only: ``dashboard``. ALR006 and ``sre-docs new alert`` both use it, so a
    scaffolded alert never contradicts the lint. Raises ``ValueError`` for an unknown severity.
    Example: ``expected_notify("P1") == "page"`` and ``expected_notify("P3") == "dashboard"``.
    """
    return _NOTIFY_BY_ROUTING[alert_severity(severity).routing]
