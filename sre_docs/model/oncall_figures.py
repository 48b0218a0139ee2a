"""The figures of one on-call rotation, read once: the path from an ``oncall_rotation`` to ``calc.oncall``.

``sre-docs oncall health``, the on-call and service pages, ONC001/ONC002/ONC003 and the
scorecard's on-call criteria all read a rotation through this module, so the period, each
health figure, the rotation's size and the busiest member's share are one number everywhere.
The rules:

- **People.** The distinct names in ``members``: everyone who takes shifts, including people
  not yet in the ``primary`` order.
- **Latest period.** The ``health`` row with the latest ``period`` (``YYYY-MM``) that is not after
  the current month; a row for a month still to come is data entered early and is not read.
- **Figures.** The numbers of that row (booleans and text are not figures).
- **Page load.** Every member counts, with zero pages when the row names them not; pages
  recorded for someone who has left the rotation count too, since they were taken on it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sre_docs.calc import oncall
from sre_docs.model.repository import Document
from sre_docs.schemas.oncall_rotation import HEALTH_METRICS

__all__ = ["LatestHealth", "latest_health", "page_load", "rotation_people"]


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def rotation_people(doc: Document) -> tuple[str, ...]:
    """The rotation's people: distinct ``members``, in their order."""
    members = doc.get("members", default=[])
    return tuple(dict.fromkeys(m for m in members if isinstance(m, str))) if isinstance(members, list) else ()


@dataclass(frozen=True)
class LatestHealth:
    """The health row every surface reads, with its position in ``health`` (for findings and fixes)."""

    index: int
    row: dict[str, Any]

    @property
    def period(self) -> str:
        return str(self.row["period"])

    def figures(self) -> list[tuple[str, oncall.OnCallMetric, float, oncall.Health]]:
        """``(field, metric, value, health)`` for each number the row records, in the guide's order."""
        found = []
        for field, metric_id in HEALTH_METRICS.items():
            value = _number(self.row.get(field))
            if value is not None:
                metric = oncall.oncall_metric(metric_id)
                found.append((field, metric, value, metric.classify(value)))
        return found


def latest_health(doc: Document, *, today: dt.date | None = None, period: str | None = None) -> LatestHealth | None:
    """The row of ``period`` when given, else the latest one not after ``today``'s month (all rows without ``today``)."""
    rows = doc.get("health", default=[])
    if not isinstance(rows, list):
        return None
    month = today.strftime("%Y-%m") if today is not None else None
    entries = [(i, row) for i, row in enumerate(rows)
               if isinstance(row, dict) and isinstance(row.get("period"), str)
               and (row["period"] == period if period is not None else month is None or row["period"] <= month)]
    if not entries:
        return None
    index, row = max(entries, key=lambda pair: pair[1]["period"])
    return LatestHealth(index, row)


def page_load(doc: Document, latest: LatestHealth | None) -> dict[str, int] | None:
    """Pages per person in the latest row (see the module's rules); None when the row records none by member."""
    recorded = latest.row.get("pages_by_member") if latest is not None else None
    if not isinstance(recorded, dict):
        return None
    load = dict.fromkeys(rotation_people(doc), 0)
    load.update({str(name): count for name, count in recorded.items()
                 if isinstance(count, int) and not isinstance(count, bool) and count >= 0})
    return load
