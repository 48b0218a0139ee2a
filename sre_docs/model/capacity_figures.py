"""The figures of one capacity model, read once: the path from a ``capacity_model`` to ``calc.capacity``.

``sre-docs capacity``, the service page's capacity card, CAP001 and the scorecard's capacity
criteria all read a model through :func:`capacity_figures` and judge its runway with
:func:`runway`, so each figure (headroom, months to the scale-up threshold, instances needed)
is one number everywhere. The rules (``calc.capacity`` holds the arithmetic):

- **Threshold.** ``scaling_strategy.scale_up_threshold`` when it is a positive number, else 80%.
- **Growth.** ``growth_forecast.monthly_growth_pct`` (or a growth given on the command line);
  without one the load is taken as flat, and the runway cannot be judged.
- **Headroom.** ``current_state.headroom_pct`` when stated, else 100 minus the peak.
- **Runway.** With auto-scaling on and both ``current_instances`` and ``max_instances`` given,
  the instances needed at the horizon must not exceed ``max_instances``; otherwise utilisation
  must not reach the threshold within the horizon (reaching it exactly at the horizon is short).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sre_docs.calc import capacity
from sre_docs.model.repository import Document

__all__ = ["CapacityFigures", "Runway", "capacity_figures", "runway"]


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _count(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


@dataclass(frozen=True)
class CapacityFigures:
    """One capacity model's inputs and the figures every surface shows."""

    peak_pct: float | None
    #: The growth the figures use; None when neither the model nor the caller gives one (flat load assumed).
    growth_pct: float | None
    threshold_pct: float
    auto_scaling: bool
    current_instances: int | None
    max_instances: int | None
    headroom_pct: float | None
    headroom_stated: bool
    #: Months until the peak reaches the threshold (0 when already there; None when it never does).
    months_to_threshold: float | None
    #: Months until the peak reaches 100%, on the same growth.
    months_to_full: float | None

    def instances_needed(self, months: float) -> int | None:
        """Instances that keep the peak under the threshold after ``months`` (None without an instance count)."""
        if self.peak_pct is None or self.current_instances is None or self.current_instances < 1:
            return None
        return capacity.instances_needed(current_instances=self.current_instances, utilisation_pct=self.peak_pct,
                                         monthly_growth_pct=self.growth_pct or 0.0, months=months,
                                         threshold_pct=self.threshold_pct)


def capacity_figures(doc: Document, *, growth_pct: float | None = None) -> CapacityFigures:
    """The figures of ``doc`` (see the module's rules); ``growth_pct`` overrides the model's forecast."""
    peak = _number(doc.get("current_state", "peak_utilization_pct"))
    if peak is not None and peak < 0:
        peak = None
    growth = growth_pct if growth_pct is not None else _number(doc.get("growth_forecast", "monthly_growth_pct"))
    if growth is not None and growth <= -100:
        growth = None
    stated_threshold = _number(doc.get("scaling_strategy", "scale_up_threshold"))
    threshold = stated_threshold if stated_threshold is not None and stated_threshold > 0 else capacity.DEFAULT_SCALE_UP_THRESHOLD_PCT
    stated_headroom = _number(doc.get("current_state", "headroom_pct"))
    headroom = stated_headroom if stated_headroom is not None else (
        capacity.headroom_pct(peak_utilisation_pct=peak) if peak is not None else None)
    to_threshold = to_full = None
    if peak is not None:
        flat = growth if growth is not None else 0.0
        to_threshold = capacity.months_until_threshold(utilisation_pct=peak, monthly_growth_pct=flat, threshold_pct=threshold)
        to_full = capacity.months_until_threshold(utilisation_pct=peak, monthly_growth_pct=flat, threshold_pct=100.0)
    return CapacityFigures(
        peak_pct=peak, growth_pct=growth, threshold_pct=threshold,
        auto_scaling=doc.get("scaling_strategy", "auto_scaling") is True,
        current_instances=_count(doc.get("scaling_strategy", "current_instances")),
        max_instances=_count(doc.get("scaling_strategy", "max_instances")),
        headroom_pct=headroom, headroom_stated=stated_headroom is not None,
        months_to_threshold=to_threshold, months_to_full=to_full,
    )


@dataclass(frozen=True)
class Runway:
    """Whether forecast growth fits within a horizon; ``short`` is None when the model cannot tell."""

    short: bool | None
    #: "instances" (needed vs max_instances) or "threshold" (months to the scale-up threshold); None when unknown.
    rule: str | None
    instances_needed: int | None = None
    months_to_threshold: float | None = None


def runway(figures: CapacityFigures, horizon_months: float) -> Runway:
    """The one runway rule of CAP001 and the scorecard (see the module's rules)."""
    if figures.peak_pct is None or figures.growth_pct is None:
        return Runway(None, None)
    if figures.auto_scaling and figures.max_instances is not None and figures.current_instances is not None \
            and figures.current_instances >= 1:
        needed = figures.instances_needed(horizon_months)
        assert needed is not None  # peak and instances are known
        return Runway(needed > figures.max_instances, "instances", instances_needed=needed)
    months = figures.months_to_threshold
    return Runway(months is not None and months <= horizon_months, "threshold", months_to_threshold=months)
