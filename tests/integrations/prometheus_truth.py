"""The generated counters behind the pull tests, and the truth they add up to (see test_pull_prometheus.py)."""

from __future__ import annotations

import datetime as dt
import sys

from integration_helpers import PROJECT

sys.path.insert(0, str(PROJECT))
from benchmarks.live_prometheus import Counter

UTC = dt.timezone.utc
FIRST = dt.datetime(2026, 10, 29, tzinfo=UTC)
DAYS = 28
STEP = dt.timedelta(minutes=5)
RESET_AT = dt.datetime(2026, 11, 10, 12, 0, tzinfo=UTC)
NO_TRAFFIC = dt.date(2026, 11, 15)
OUTAGE = dt.date(2026, 11, 19)
LATENCY_FROM = dt.datetime(2026, 11, 5, tzinfo=UTC)
BROKEN_EXPORTER = dt.date(2026, 11, 20)


def _series() -> tuple[list[Counter], dict[str, dict[dt.date, tuple[int, int]]]]:
    """The counters and, per SLO, the true (good, total) of each day, summed from the same events."""
    placed = Counter("checkout_orders_total", {"outcome": "placed"})
    declined = Counter("checkout_orders_total", {"outcome": "declined"})
    failed = Counter("checkout_orders_total", {"outcome": "failed"})
    count = Counter("http_request_duration_seconds_count", {"job": "checkout", "code": "201"})
    fast = Counter("http_request_duration_seconds_bucket", {"job": "checkout", "code": "201", "le": "2.5"})
    errors = Counter("http_request_duration_seconds_count", {"job": "checkout", "code": "503"})
    errors_fast = Counter("http_request_duration_seconds_bucket", {"job": "checkout", "code": "503", "le": "2.5"})
    truth: dict[str, dict[dt.date, list[int]]] = {"checkout-availability": {}, "checkout-latency": {}}
    for counter in (placed, declined, failed):
        counter.scrape(FIRST)
    moment = FIRST
    for _ in range(DAYS * 288):
        day, index = moment.date(), (moment - dt.datetime.combine(moment.date(), dt.time(), UTC)) // STEP
        moment += STEP
        if day == NO_TRAFFIC:
            events = (0, 0, 0)
        elif day == OUTAGE and 120 <= index < 132:
            events = (10, 0, 30)
        else:
            events = (45, 3, 1 if index % 96 == 0 else 0)
        reset = moment == RESET_AT
        for counter, n in zip((placed, declined, failed), events, strict=True):
            counter.scrape(moment, n, reset=reset)
        row = truth["checkout-availability"].setdefault(day, [0, 0])
        row[0] += events[0] + events[1]
        row[1] += sum(events)
        if moment - STEP >= LATENCY_FROM:
            if moment - STEP == LATENCY_FROM:
                for counter in (count, fast, errors, errors_fast):
                    counter.scrape(LATENCY_FROM)
            good = 61 if day == BROKEN_EXPORTER else 59
            count.scrape(moment, 60)
            fast.scrape(moment, good)
            errors.scrape(moment, 100)
            errors_fast.scrape(moment, 100)
            if day != BROKEN_EXPORTER:
                row = truth["checkout-latency"].setdefault(day, [0, 0])
                row[0] += good
                row[1] += 60
    frozen = {slo: {day: (g, t) for day, (g, t) in rows.items()} for slo, rows in truth.items()}
    return [placed, declined, failed, count, fast, errors, errors_fast], frozen


COUNTERS, TRUTH = _series()
