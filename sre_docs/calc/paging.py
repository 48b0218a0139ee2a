"""On-call health figures derived from pages: the numbers behind a rotation's monthly ``health`` row.

A *page* is one incident (PagerDuty) or alert (Opsgenie) that notified the rotation. From the pages
of one calendar month (UTC) this module derives the guide's figures:

* pages per shift = pages / (days in the period / shift length in days);
* off-hours pages per week = pages outside working hours / (days / 7). Working hours are Monday to
  Friday, 08:00 to 18:00, on the rotation's own clock (its ``schedule.timezone``), the business hours
  PagerDuty's analytics use; 18:00 itself is off hours;
* time to acknowledge = the mean of the acknowledged pages' times, in minutes (pages nobody
  acknowledged are left out of the mean, and counted apart);
* pages per member, members who took none included (fairness is ``calc.oncall.page_load_imbalance``);
* pages per week of each service = the service's pages / (days / 7).

The guide's alert-design rule "fewer than 5 pages a week per service" is :func:`service_pages_ok`,
the one predicate the policy and the derivation share. Figures are rounded to two decimals.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

__all__ = [
    "MAX_PAGES_PER_WEEK_PER_SERVICE",
    "Page",
    "PeriodFigures",
    "derive_period",
    "is_off_hours",
    "month_days",
    "service_pages_ok",
]

#: The guide: "target <5 pages/week per service".
MAX_PAGES_PER_WEEK_PER_SERVICE = 5.0
WORK_START, WORK_END = dt.time(8), dt.time(18)


@dataclass(frozen=True)
class Page:
    """One page: when it fired (aware), how long until someone acknowledged it, whom it went to, for what."""

    id: str
    created: dt.datetime
    acknowledged_after: dt.timedelta | None = None
    responder: str | None = None
    service: str | None = None
    #: Where the page was read (file, line), for findings about it.
    source: tuple[str, int] | None = None


def service_pages_ok(pages_per_week: float) -> bool:
    """Whether a service pages less than the guide's 5 times a week.

    Example: 4.99 -> True; 5 -> False (the guide says fewer than 5).
    """
    return pages_per_week < MAX_PAGES_PER_WEEK_PER_SERVICE


def is_off_hours(moment: dt.datetime, zone: ZoneInfo) -> bool:
    """Whether ``moment`` falls outside Monday-Friday 08:00-18:00 on the clock of ``zone``.

    Example: 2026-11-02 (a Monday) 17:30 UTC in Europe/Berlin is 18:30 there -> True; 16:30 UTC -> False.
    """
    if moment.tzinfo is None:
        raise ValueError("a page's time must carry its timezone")
    local = moment.astimezone(zone)
    return local.weekday() >= 5 or not WORK_START <= local.time() < WORK_END


def month_days(period: str, *, until: dt.date | None = None) -> int:
    """Days of the month ``period`` (YYYY-MM) that are over by ``until`` (the month's end when None or later).

    Example: "2026-11" -> 30; "2026-11" until 2026-11-26 -> 25 (the 1st to the 25th); "2026-02" -> 28.
    """
    year, month = int(period[:4]), int(period[5:7])
    first = dt.date(year, month, 1)
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    end = following if until is None or until >= following else until
    return max(0, (end - first).days)


@dataclass(frozen=True)
class PeriodFigures:
    """The derived health figures of one rotation in one month."""

    period: str
    days: int
    pages: int
    pages_per_shift: float
    off_hours_pages_per_week: float
    time_to_acknowledge_min: float | None
    unacknowledged: int
    pages_by_member: dict[str, int]
    pages_per_week_by_service: dict[str, float]


def derive_period(period: str, pages: Sequence[Page], *, days: int, shift_days: float, zone: ZoneInfo,
                  members: Iterable[str]) -> PeriodFigures:
    """The health figures of ``pages`` (all in ``period``) over ``days`` days with shifts of ``shift_days``.

    Example: 30 days, 7-day shifts, 6 pages of which 2 off hours, acknowledged after 2, 4 and 9 minutes
    (three never acknowledged) -> 6 / (30 / 7) = 1.4 pages per shift, 2 / (30 / 7) = 0.47 off-hours pages
    a week, (2 + 4 + 9) / 3 = 5.0 minutes to acknowledge.
    """
    if days <= 0 or shift_days <= 0:
        raise ValueError("the period and the shift must last more than zero days")
    weeks = days / 7
    acknowledged = [p.acknowledged_after.total_seconds() / 60 for p in pages if p.acknowledged_after is not None]
    by_member = {member: 0 for member in members}
    for page in pages:
        if page.responder:
            by_member[page.responder] = by_member.get(page.responder, 0) + 1
    by_service: dict[str, int] = {}
    for page in pages:
        if page.service:
            by_service[page.service] = by_service.get(page.service, 0) + 1
    return PeriodFigures(
        period=period,
        days=days,
        pages=len(pages),
        pages_per_shift=round(len(pages) / (days / shift_days), 2),
        off_hours_pages_per_week=round(sum(1 for p in pages if is_off_hours(p.created, zone)) / weeks, 2),
        time_to_acknowledge_min=round(sum(acknowledged) / len(acknowledged), 2) if acknowledged else None,
        unacknowledged=len(pages) - len(acknowledged),
        pages_by_member=by_member,
        pages_per_week_by_service={name: round(count / weeks, 2) for name, count in sorted(by_service.items())},
    )
