"""What an SLO target means: allowed downtime per period, the nines, where it fits in the guide.

Every figure comes from ``calc.nines`` and ``calc.budget``; the multi-region strategy
suggestion from ``calc.multiregion``.
"""

from __future__ import annotations

from typing import Any

from sre_docs.calc import multiregion
from sre_docs.calc.error_budget import WORKBOOK_BURN_RATE_TIERS, recommended_burn_rate_alerts
from sre_docs.calc.durations import format_duration
from sre_docs.calc.nines import SLO_TARGET_GUIDE, budget_fraction, check_target, downtime_table, exact_nines, nines_label
from sre_docs.workflows.common import WorkflowError


def describe_target(target: float, *, window: str = "28d") -> dict[str, Any]:
    """Plain data about ``target`` (the shape ``sre-docs nines --json`` prints)."""
    try:
        check_target(target)
    except (TypeError, ValueError) as exc:
        raise WorkflowError(str(exc)) from None
    fits = [row for row in SLO_TARGET_GUIDE if row.target <= target]
    guide_row = fits[-1] if fits else None
    strategy = _strategy(target)
    return {
        "target": target,
        "nines": nines_label(target),
        "exact_nines": round(exact_nines(target), 3),
        "error_budget_pct": round(budget_fraction(target) * 100, 6),
        "downtime": [
            {"period": row.period.id, "label": row.period.label, "seconds": round(row.downtime.total_seconds(), 3),
             "display": row.display}
            for row in downtime_table(target)
        ],
        "guide_row": None if guide_row is None else {
            "target": guide_row.target, "appropriate_for": guide_row.appropriate_for,
        },
        "burn_rate_alerts": [
            {"name": alert.tier.name, "burn_rate": round(alert.burn_rate_threshold, 3),
             "budget_share_pct": alert.tier.budget_share_pct, "long_window": format_duration(alert.tier.long_window),
             "short_window": format_duration(alert.tier.short_window), "severity": alert.tier.severity,
             "exhausts_full_budget_in": format_duration(alert.exhausts_full_budget_in)}
            for alert in recommended_burn_rate_alerts(window, tiers=WORKBOOK_BURN_RATE_TIERS)
        ],
        "window": window,
        "multi_region_strategy": strategy,
    }


def _strategy(target: float) -> dict[str, Any]:
    rule = multiregion.region_decision_rule(target)
    return {"range": rule.range_text, "strategies": [str(s) for s in rule.strategies]}
