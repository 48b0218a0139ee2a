"""Measured good and total events of one SLO, bucket by bucket: the budget's evidence.

With these rows the budget status of an SLO is computed from what happened rather than
estimated from incidents. Daily rows start at a date, hourly rows at a timestamp; that the
start matches the resolution, and that good never exceeds total, is checked by policies.
"""

from sre_docs.schemas.fields import count, enum, identifier, list_of, row
from sre_docs.schemas.vocabulary import MEASUREMENT_RESOLUTIONS

KIND = "measurements"
SCOPE = "service"
SCHEMA = {
    "slo": identifier("The SLO of this service the events were counted for.", required=True),
    "resolution": enum(MEASUREMENT_RESOLUTIONS, "Bucket size of each row: one hour or one day.", required=True),
    "points": list_of(
        row(
            ("start", {"type": ["date", "timestamp"], "meta": {"doc": "Start of the bucket."}}),
            ("good", count("Good events in the bucket.")),
            ("total", count("All events in the bucket.")),
        ),
        "One row per bucket: [start, good, total].",
        required=True,
        min_items=1,
    ),
}
EXAMPLE = """\
measurements:
  slo: checkout-availability
  resolution: 1d
  points:
    - [2026-11-01, 1203344, 1203400]
    - [2026-11-02, 1187002, 1187100]
    - [2026-11-03, 1240518, 1241003]
"""
