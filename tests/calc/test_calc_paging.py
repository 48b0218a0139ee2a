"""On-call figures derived from pages (sre_docs.calc.paging), against values worked by hand."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from sre_docs.calc.paging import Page, derive_period, is_off_hours, month_days, service_pages_ok

UTC = dt.timezone.utc
LISBON, BERLIN = ZoneInfo("Europe/Lisbon"), ZoneInfo("Europe/Berlin")


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


@pytest.mark.parametrize("moment, zone, off", [
    ("2026-11-02T16:30:00+00:00", BERLIN, False),  # Monday 17:30 in Berlin: still working hours
    ("2026-11-02T17:00:00+00:00", BERLIN, True),   # 18:00 in Berlin: the end of the day is off hours
    ("2026-11-02T07:59:00+00:00", LISBON, True),   # 07:59 in Lisbon (UTC+0 in November)
    ("2026-11-02T08:00:00+00:00", LISBON, False),  # 08:00 in Lisbon
    ("2026-07-01T07:30:00+00:00", LISBON, False),  # 08:30 in Lisbon in summer (UTC+1)
    ("2026-11-07T12:00:00+00:00", LISBON, True),   # Saturday noon
])
def test_is_off_hours(moment: str, zone: ZoneInfo, off: bool) -> None:
    assert is_off_hours(at(moment), zone) is off


def test_is_off_hours_needs_a_time_zone() -> None:
    with pytest.raises(ValueError):
        is_off_hours(dt.datetime(2026, 11, 2, 12), LISBON)


@pytest.mark.parametrize("period, until, days", [
    ("2026-11", None, 30), ("2026-11", dt.date(2026, 11, 26), 25), ("2026-11", dt.date(2027, 1, 1), 30),
    ("2026-02", None, 28), ("2026-12", None, 31), ("2026-11", dt.date(2026, 11, 1), 0),
])
def test_month_days(period: str, until: dt.date | None, days: int) -> None:
    assert month_days(period, until=until) == days


def test_service_pages_ok_is_fewer_than_five() -> None:
    assert service_pages_ok(4.99) and not service_pages_ok(5) and not service_pages_ok(7.5)


def test_derive_period() -> None:
    # July 2026 for a 7-day rotation in Lisbon (UTC+1 in summer), five pages:
    #   Wed 01 10:00Z (11:00 local, on hours), checkout, elena, acknowledged after 2 min
    #   Sat 04 02:30Z (off hours), payments, marcus, 5 min
    #   Tue 07 17:30Z (18:30 local, off hours), checkout, elena, 10 min
    #   Wed 08 16:59Z (17:59 local, on hours), checkout, sofia, never acknowledged
    #   Wed 15 06:00Z (07:00 local, off hours), checkout, dev, 1 min
    # 31 days = 31/7 shifts: 5 / (31/7) = 35/31 = 1.129 -> 1.13 pages per shift; 3 off hours / (31/7 weeks)
    # = 21/31 = 0.677 -> 0.68; acknowledged (2 + 5 + 10 + 1) / 4 = 4.5 min; checkout 4 x 7/31 = 0.903 -> 0.9,
    # payments 7/31 = 0.226 -> 0.23 pages a week.
    minutes = dt.timedelta(minutes=1)
    pages = [
        Page("1", at("2026-07-01T10:00:00+00:00"), 2 * minutes, "elena", "checkout"),
        Page("2", at("2026-07-04T02:30:00+00:00"), 5 * minutes, "marcus", "payments"),
        Page("3", at("2026-07-07T17:30:00+00:00"), 10 * minutes, "elena", "checkout"),
        Page("4", at("2026-07-08T16:59:00+00:00"), None, "sofia", "checkout"),
        Page("5", at("2026-07-15T06:00:00+00:00"), 1 * minutes, "dev", "checkout"),
    ]
    figures = derive_period("2026-07", pages, days=31, shift_days=7, zone=LISBON,
                            members=["elena", "marcus", "sofia", "dev", "grace"])
    assert (figures.pages, figures.pages_per_shift, figures.off_hours_pages_per_week) == (5, 1.13, 0.68)
    assert (figures.time_to_acknowledge_min, figures.unacknowledged) == (4.5, 1)
    assert figures.pages_by_member == {"elena": 2, "marcus": 1, "sofia": 1, "dev": 1, "grace": 0}
    assert figures.pages_per_week_by_service == {"checkout": 0.9, "payments": 0.23}


def test_derive_period_without_acknowledgements_or_responders() -> None:
    # One page in a 14-day period with 1-day shifts: 1 / 14 = 0.07 per shift; off hours (Sunday) 1 / 2 weeks = 0.5.
    page = Page("1", at("2026-11-01T12:00:00+00:00"))
    figures = derive_period("2026-11", [page], days=14, shift_days=1, zone=LISBON, members=["a"])
    assert (figures.pages_per_shift, figures.off_hours_pages_per_week, figures.time_to_acknowledge_min) == (0.07, 0.5, None)
    assert (figures.pages_by_member, figures.pages_per_week_by_service) == ({"a": 0}, {})


def test_derive_period_refuses_an_empty_period() -> None:
    with pytest.raises(ValueError):
        derive_period("2026-11", [], days=0, shift_days=7, zone=LISBON, members=[])
