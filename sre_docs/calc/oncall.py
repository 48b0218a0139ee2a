"""On-call health: the guide's metric thresholds, rotation size, and how evenly pages are spread.

Boundaries: the guide's middle column is a closed range, so a value equal to either end of it is a *warning*.
For the metrics where less is better, a value below the lower end is healthy and above the upper end critical
(exactly 2 pages per shift is a warning, exactly 5 still a warning, 5.1 critical). For on-call satisfaction,
where more is better, above 4 (of 5) is healthy, 3 to 4 a warning and below 3 critical.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "MIN_ROTATION_SIZE",
    "ONCALL_METRICS",
    "Health",
    "OnCallMetric",
    "classify_metric",
    "classify_metrics",
    "oncall_metric",
    "page_load_imbalance",
    "rotation_size_ok",
]


class Health(StrEnum):
    """Health of one metric; compares equal to ``"healthy"``, ``"warning"``, ``"critical"``."""

    HEALTHY = "healthy"
    WARNING = "warning"
    CRITICAL = "critical"


@dataclass(frozen=True)
class OnCallMetric:
    """A metric and its warning range ``[warning_low, warning_high]`` (both ends are a warning).

    With ``higher_is_better`` false, values below the range are healthy and above it critical; with it true,
    the other way round.
    """

    id: str
    name: str
    unit: str
    warning_low: float
    warning_high: float
    higher_is_better: bool = False

    def classify(self, value: float) -> Health:
        """Health of ``value`` for this metric."""
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
            raise ValueError(f"{self.id}: value must be a number, got {value!r}")
        if self.warning_low <= value <= self.warning_high:
            return Health.WARNING
        below = value < self.warning_low
        return Health.HEALTHY if below != self.higher_is_better else Health.CRITICAL

    @property
    def healthy_text(self) -> str:
        sign = ">" if self.higher_is_better else "<"
        bound = self.warning_high if self.higher_is_better else self.warning_low
        return f"{sign}{bound:g} {self.unit}"

    @property
    def warning_text(self) -> str:
        return f"{self.warning_low:g}-{self.warning_high:g} {self.unit}"

    @property
    def critical_text(self) -> str:
        sign = "<" if self.higher_is_better else ">"
        bound = self.warning_low if self.higher_is_better else self.warning_high
        return f"{sign}{bound:g} {self.unit}"


#: The guide's on-call health table.
ONCALL_METRICS: tuple[OnCallMetric, ...] = (
    OnCallMetric("pages_per_shift", "Pages per shift", "pages", 2, 5),
    OnCallMetric("off_hours_pages_per_week", "Pages outside working hours", "pages/week", 1, 3),
    OnCallMetric("time_to_acknowledge_min", "Time to acknowledge", "min", 5, 15),
    OnCallMetric("time_to_mitigate_min", "Time to mitigate", "min", 30, 60),
    OnCallMetric("false_positive_rate_pct", "False positive rate", "%", 10, 30),
    OnCallMetric("escalation_rate_pct", "Escalation rate", "%", 20, 40),
    OnCallMetric("satisfaction", "On-call satisfaction", "of 5", 3, 4, higher_is_better=True),
)

_BY_ID = {metric.id: metric for metric in ONCALL_METRICS}


def oncall_metric(metric_id: str) -> OnCallMetric:
    """The metric definition for an id; ``ValueError`` listing the known ids otherwise.

    Example: ``oncall_metric("pages_per_shift").warning_text == "2-5 pages"``.
    """
    try:
        return _BY_ID[metric_id]
    except KeyError:
        raise ValueError(f"unknown on-call metric {metric_id!r}: expected one of {', '.join(_BY_ID)}") from None


def classify_metric(metric_id: str, value: float) -> Health:
    """Health of one on-call metric value.

    Examples: ``classify_metric("pages_per_shift", 1.9) == "healthy"``; 2 -> warning; 5 -> warning; 6 ->
    critical. ``classify_metric("satisfaction", 4.2) == "healthy"``; 4 -> warning; 2.9 -> critical.
    """
    return oncall_metric(metric_id).classify(value)


def classify_metrics(values: Mapping[str, float]) -> dict[str, Health]:
    """:func:`classify_metric` for each entry of ``values`` (metric id to value).

    Example: ``{"pages_per_shift": 1, "satisfaction": 2}`` -> pages healthy, satisfaction critical.
    """
    return {metric_id: classify_metric(metric_id, value) for metric_id, value in values.items()}


#: Smallest healthy rotation: one week on call, four weeks off.
MIN_ROTATION_SIZE = 5


def rotation_size_ok(people: int, *, minimum: int = MIN_ROTATION_SIZE) -> bool:
    """Whether a rotation has at least ``minimum`` people (5 by default).

    Example: 5 -> True; 4 -> False.
    """
    if people < 0:
        raise ValueError(f"a rotation cannot have {people} people")
    return people >= minimum


def page_load_imbalance(pages_by_member: Mapping[str, int]) -> float | None:
    """How unevenly pages fall on the rotation: the busiest member's pages over the mean per member.

    1.0 means perfectly even; ``n`` (the rotation size) means one person took every page. Include members who
    got no pages, or they will not count. ``None`` when there were no pages (or no members).

    Example: {"ana": 6, "bo": 2, "cy": 1, "di": 1} -> mean 2.5, busiest 6 -> 2.4.
    """
    if any(pages < 0 for pages in pages_by_member.values()):
        raise ValueError("page counts must not be negative")
    total = sum(pages_by_member.values())
    if not pages_by_member or total == 0:
        return None
    return max(pages_by_member.values()) / (total / len(pages_by_member))
