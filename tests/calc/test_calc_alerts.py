from __future__ import annotations

from datetime import timedelta

import pytest

from sre_docs.calc.alerts import ALERT_SEVERITY_GUIDE, MAX_PAGES_PER_WEEK_PER_SERVICE, alert_severity, expected_notify


def test_guide_as_data() -> None:
    assert [(level.id, level.name, level.respond_within, level.routing) for level in ALERT_SEVERITY_GUIDE] == [
        ("P0", "Page", timedelta(minutes=5), "page"),      # PagerDuty and a phone call
        ("P1", "Urgent", timedelta(minutes=30), "page"),   # Slack and PagerDuty
        ("P2", "Ticket", None, "ticket"),                  # a ticket is opened automatically
        ("P3", "Log", None, "none"),                       # dashboard only: nobody is notified
    ]
    assert all(level.notification and level.examples and level.response_time for level in ALERT_SEVERITY_GUIDE)
    assert MAX_PAGES_PER_WEEK_PER_SERVICE == 5


@pytest.mark.parametrize(
    ("name", "level"), [("P0", "P0"), ("page", "P0"), ("Urgent", "P1"), ("p2/ticket", "P2"), (" log ", "P3")]
)
def test_lookup(name: str, level: str) -> None:
    assert alert_severity(name).id == level


def test_unknown_severity() -> None:
    with pytest.raises(ValueError, match="P0/Page"):
        alert_severity("critical")


@pytest.mark.parametrize(("severity", "notify"), [
    # the guide's notification column: P0 PagerDuty + phone, P1 Slack + PagerDuty (both reach a pager),
    # P2 ticket auto-created, P3 dashboard only
    ("P0", "page"), ("P1", "page"), ("P2", "ticket"), ("P3", "dashboard"), ("log", "dashboard"), ("P1/Urgent", "page"),
])
def test_expected_notify_follows_the_notification_column(severity: str, notify: str) -> None:
    assert expected_notify(severity) == notify


def test_expected_notify_of_an_unknown_severity() -> None:
    with pytest.raises(ValueError, match="unknown alert severity 'P9'"):
        expected_notify("P9")
