from __future__ import annotations

from datetime import timedelta

import pytest

from sre_docs.calc.alerts import ALERT_SEVERITY_GUIDE, MAX_PAGES_PER_WEEK_PER_SERVICE, alert_severity


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
