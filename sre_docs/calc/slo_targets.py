"""Choosing SLIs and SLO targets: the guide's SLI table by service type, its targets by tier, measured targets.

- **SLIs by service type** (the guide's *SLI Selection by Service Type*): each type has a primary SLI and
  secondary ones. Each is given here with the sre-docs SLI type that measures it (availability, latency,
  quality, freshness); the guide's throughput has no SLI type (it is load, not a share of good events) and is
  left out.
- **Target by tier** (the guide's *SLO Target Selection Guide*, ``calc.nines.SLO_TARGET_GUIDE``): critical
  99.99% ("critical services, payments, auth"), important 99.95% ("important customer-facing"), standard 99.9%
  ("standard production"), experimental 99% ("internal tools").
- **Target from measurements**: what was achieved over the window, minus a margin equal to the error rate
  measured, so a window like the measured one spends half of the budget (the guide: "start lower than you
  think"); then rounded down to the guide's ladder of targets (99, 99.5, 99.9, 99.95, 99.99, 99.999), or to one
  decimal below 99. In a formula: ``ladder_floor(achieved - (100 - achieved))``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from sre_docs.calc.nines import SLO_TARGET_GUIDE

__all__ = [
    "GUIDE_TARGETS",
    "SERVICE_TYPE_SLIS",
    "TARGET_LADDER",
    "ServiceTypeSlis",
    "SliSuggestion",
    "achieved_pct",
    "measured_target",
]


@dataclass(frozen=True)
class SliSuggestion:
    """One SLI the guide suggests: a name for it, the SLI type that measures it, what it is in the guide's words."""

    name: str
    sli_type: str
    guide: str


@dataclass(frozen=True)
class ServiceTypeSlis:
    """A row of the guide's table: the service type's primary SLI, then its secondary ones."""

    label: str
    primary: SliSuggestion
    secondary: tuple[SliSuggestion, ...]

    @property
    def all(self) -> tuple[SliSuggestion, ...]:
        return (self.primary, *self.secondary)


#: The guide's SLI table by service type (``service_type`` in a catalog entry).
SERVICE_TYPE_SLIS: Mapping[str, ServiceTypeSlis] = MappingProxyType({
    "api": ServiceTypeSlis("API/Backend", SliSuggestion("request_success_rate", "availability", "Request success rate"), (
        SliSuggestion("request_latency", "latency", "Latency p50/p95/p99"),
    )),
    "web": ServiceTypeSlis("Frontend/Web", SliSuggestion("page_load", "latency", "Page load (LCP)"), (
        SliSuggestion("interaction_latency", "latency", "FID/INP"),
        SliSuggestion("layout_stability", "quality", "CLS"),
        SliSuggestion("page_success_rate", "availability", "Error rate"),
    )),
    "data-pipeline": ServiceTypeSlis("Data Pipeline", SliSuggestion("data_freshness", "freshness", "Freshness"), (
        SliSuggestion("correctness", "quality", "Correctness"),
        SliSuggestion("completeness", "quality", "Completeness"),
    )),
    "storage": ServiceTypeSlis("Storage", SliSuggestion("durability", "quality", "Durability"), (
        SliSuggestion("availability", "availability", "Availability"),
        SliSuggestion("latency", "latency", "Latency"),
    )),
    "streaming": ServiceTypeSlis("Streaming", SliSuggestion("processing_latency", "latency", "Processing latency"), (
        SliSuggestion("ordering", "quality", "Ordering"),
        SliSuggestion("delivery_completeness", "quality", "Data loss rate"),
    )),
    "batch": ServiceTypeSlis("Batch Job", SliSuggestion("job_success_rate", "availability", "Success rate"), (
        SliSuggestion("job_duration", "latency", "Duration"),
        SliSuggestion("on_time_completion", "freshness", "SLA compliance"),
    )),
    "ml": ServiceTypeSlis("ML Model", SliSuggestion("prediction_latency", "latency", "Prediction latency"), (
        SliSuggestion("prediction_quality", "quality", "Accuracy drift"),
        SliSuggestion("feature_freshness", "freshness", "Feature freshness"),
    )),
})

_ROWS = {row.target: row.appropriate_for for row in SLO_TARGET_GUIDE}

#: The guide's target for each tier, in percent, with what its target table says the target suits
#: (the rows of ``calc.nines.SLO_TARGET_GUIDE``).
GUIDE_TARGETS: Mapping[str, tuple[float, str]] = MappingProxyType({
    tier: (target, _ROWS[target])
    for tier, target in (("critical", 99.99), ("important", 99.95), ("standard", 99.9), ("experimental", 99.0))
})

#: The targets of the guide's table, lowest first: a measured target is rounded down to one of them.
TARGET_LADDER: tuple[float, ...] = tuple(sorted(row.target for row in SLO_TARGET_GUIDE))


def achieved_pct(good: int, total: int) -> float | None:
    """Good events as a percentage of all events; None with no traffic.

    Example: 9,990 good of 10,000 -> 99.9. Good above total is an error (the measurements policies report it).
    """
    if good < 0 or total < 0 or good > total:
        raise ValueError(f"good ({good}) must be between 0 and total ({total})")
    if total == 0:
        return None
    return 100 * good / total


def measured_target(achieved: float) -> float | None:
    """The target to offer from an achieved percentage: ``achieved - (100 - achieved)``, rounded down to the ladder.

    Below the ladder's lowest step (99) it is rounded down to one decimal; None when nothing above 0 is left
    (achieved at or below 50%). Examples: 99.998 -> 99.996 -> 99.99; 99.9 -> 99.8 -> 99.5; 99.95 -> 99.9 -> 99.9;
    100 -> 100 -> 99.999; 99.2 -> 98.4 -> 98.4; 98.76 -> 97.52 -> 97.5.
    """
    if not 0 <= achieved <= 100:
        raise ValueError(f"achieved must be a percentage from 0 to 100, got {achieved!r}")
    raw = round(2 * achieved - 100, 9)  # round away float noise: 2 x 99.95 - 100 is 99.9, not 99.89999
    steps = [step for step in TARGET_LADDER if step <= raw]
    if steps:
        return steps[-1]
    rounded = math.floor(raw * 10) / 10
    return rounded if rounded > 0 else None
