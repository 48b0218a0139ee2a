"""Capacity plans: where a service's bottleneck is heading, with the numbers from ``calc.capacity``.

For each capacity model of the service: the growing metric in 6 and 12 months, when peak
utilisation crosses the scale-up threshold (and in which month), the instances needed
now, in 6 and in 12 months to stay under it, and the monthly cost then. Growth comes
from ``--growth`` when given, else from the model's ``growth_forecast``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from sre_docs.calc import capacity
from sre_docs.calc.durations import MONTH
from sre_docs.model.capacity_figures import capacity_figures
from sre_docs.model.repository import Repository
from sre_docs.workflows.budget_view import require_service
from sre_docs.workflows.common import WorkflowError, instant_or_none

#: A full capacity review is quarterly (the guide's cadence); a load test older than this is stale (CAP004 too).
LOAD_TEST_MAX_AGE = dt.timedelta(days=capacity.LOAD_TEST_MAX_AGE_DAYS)


def parse_growth(text: str) -> float:
    """``8%``, ``8`` or ``-2.5%`` -> percent per month."""
    match = re.fullmatch(r"\s*([-+]?[0-9]+(?:\.[0-9]+)?)\s*%?\s*", text or "")
    if not match:
        raise WorkflowError(f"--growth {text!r} is not a monthly growth such as 8% or 2.5")
    value = float(match.group(1))
    if value <= -100:
        raise WorkflowError("--growth must be above -100%")
    return value


@dataclass(frozen=True)
class CapacityPlan:
    service: str
    path: str
    bottleneck: str | None
    metric: str | None
    growth_pct: float
    growth_source: str  # "flag", "model" or "none"
    current: float | None
    projected_6mo: float | None
    projected_12mo: float | None
    peak_utilisation_pct: float | None
    headroom_pct: float | None
    auto_scaling: bool
    threshold_pct: float
    months_to_threshold: float | None
    threshold_month: str | None
    instances: dict[str, int | None]
    max_instances: int | None
    cost: dict[str, float | None]
    notes: tuple[str, ...] = field(default_factory=tuple)


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _month_after(as_of: dt.datetime, months: float) -> str:
    return (as_of + MONTH * months).strftime("%Y-%m")


def plan_service(repo: Repository, service_name: str, *, as_of: dt.datetime, growth_pct: float | None = None) -> list[CapacityPlan]:
    service = require_service(repo, service_name)
    if not service.capacity_models:
        raise WorkflowError(f"service {service_name!r} has no capacity_model document; create one with "
                            f"`sre-docs new capacity {service_name} --bottleneck RESOURCE --peak-utilization PCT`")
    plans = []
    for model in service.capacity_models:
        notes: list[str] = []
        forecast = model.get("growth_forecast", default={}) or {}
        state = model.get("current_state", default={}) or {}
        if growth_pct is not None:
            growth, source = growth_pct, "flag"
        elif _number(forecast.get("monthly_growth_pct")) is not None:
            growth, source = float(forecast["monthly_growth_pct"]), "model"
        else:
            growth, source = 0.0, "none"
            notes.append("no monthly growth in the model or on the command line: assuming flat load")
        current = _number(forecast.get("current"))
        projected = capacity.growth_forecast(current=current, monthly_growth_pct=growth) if current is not None else None
        figures = capacity_figures(model, growth_pct=growth)
        peak, threshold, months = figures.peak_pct, figures.threshold_pct, figures.months_to_threshold
        instances: dict[str, int | None] = {label: figures.instances_needed(ahead)
                                            for label, ahead in (("now", 0), ("6mo", 6), ("12mo", 12))}
        if peak is not None and instances["now"] is None:
            notes.append("scaling_strategy.current_instances is not set: instance counts cannot be projected")
        max_instances = figures.max_instances
        if max_instances is not None:
            for label in ("6mo", "12mo"):
                needed = instances[label]
                if needed is not None and needed > max_instances:
                    notes.append(f"needs {needed} instances in {label.replace('mo', ' months')}, above max_instances {max_instances}: raise the limit or scale vertically")
                    break
        costs = model.get("cost_projection", default={}) or {}
        monthly = _number(costs.get("current_monthly")) or _number(state.get("cost_per_month_usd"))
        cost: dict[str, float | None] = {"now": monthly, "6mo": None, "12mo": None}
        if monthly is not None:
            projection = capacity.cost_projection(current_monthly=monthly, monthly_growth_pct=growth)
            cost.update({"6mo": projection.projected_6mo_monthly, "12mo": projection.projected_12mo_monthly})
        tested = instant_or_none(model.get("last_load_test"))
        if tested is None:
            notes.append("no last_load_test: load test to 2x the expected peak before relying on these numbers")
        elif as_of - tested > LOAD_TEST_MAX_AGE:
            notes.append(f"last load test {tested.date().isoformat()} is more than a quarter old")
        if months == 0:
            notes.append(f"peak utilisation {peak:g}% is already at or above the {threshold:g}% scale-up threshold")
        plans.append(CapacityPlan(
            service=service_name, path=model.path, bottleneck=model.get("bottleneck_resource"),
            metric=forecast.get("metric"), growth_pct=growth, growth_source=source, current=current,
            projected_6mo=projected.projected_6mo if projected else None,
            projected_12mo=projected.projected_12mo if projected else None,
            peak_utilisation_pct=peak,
            headroom_pct=figures.headroom_pct, auto_scaling=figures.auto_scaling,
            threshold_pct=threshold, months_to_threshold=months,
            threshold_month=_month_after(as_of, months) if months is not None else None,
            instances=instances, max_instances=max_instances, cost=cost, notes=tuple(notes),
        ))
    return plans


def plan_json(plan: CapacityPlan) -> dict[str, Any]:
    def r(value: float | None, digits: int = 1) -> float | None:
        return None if value is None else round(value, digits)

    return {
        "service": plan.service,
        "path": plan.path,
        "bottleneck": plan.bottleneck,
        "metric": plan.metric,
        "monthly_growth_pct": plan.growth_pct,
        "growth_source": plan.growth_source,
        "current": plan.current,
        "projected_6mo": r(plan.projected_6mo),
        "projected_12mo": r(plan.projected_12mo),
        "peak_utilization_pct": plan.peak_utilisation_pct,
        "headroom_pct": r(plan.headroom_pct),
        "auto_scaling": plan.auto_scaling,
        "scale_up_threshold_pct": plan.threshold_pct,
        "months_to_threshold": r(plan.months_to_threshold),
        "threshold_month": plan.threshold_month,
        "instances": plan.instances,
        "max_instances": plan.max_instances,
        "monthly_cost_usd": {k: r(v, 0) for k, v in plan.cost.items()},
        "notes": list(plan.notes),
    }
