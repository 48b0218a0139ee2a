"""Multi-region architecture: the strategies and which SLO targets call for which.

The guide's decision guide read as four non-overlapping bands (a target falls in exactly one):

- below 99.9%                      -> a single region with good backups;
- 99.9% to 99.95%, both included    -> active-passive with automated failover;
- above 99.95% up to 99.99% included -> active-active, read-only or full;
- above 99.99%                     -> cell-based.

So 99.95% exactly is active-passive and 99.99% exactly is active-active: each rule's "above" is strict. The
guide's "> 99.95% -> active-active" would also cover targets above 99.99%; we let the more specific cell-based
rule take over there, and :func:`strategy_sufficient` still accepts a stronger design than the band asks for.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sre_docs.calc.nines import check_target

__all__ = [
    "MULTI_REGION_STRATEGIES",
    "REGION_DECISION_GUIDE",
    "RegionDecisionRule",
    "RegionStrategy",
    "StrategyProfile",
    "recommended_strategies",
    "region_decision_rule",
    "strategy_fits",
    "strategy_sufficient",
]


class RegionStrategy(StrEnum):
    """Deployment strategies across regions, from least to most resilient.

    The values are the service schema's vocabulary (``multi_region.strategy`` in a service
    document, :data:`sre_docs.schemas.vocabulary.MULTI_REGION_STRATEGIES`), so a value read
    from YAML is a strategy as it is: one spelling everywhere.
    """

    SINGLE_REGION = "single-region"
    ACTIVE_PASSIVE = "active-passive"
    ACTIVE_ACTIVE_READ = "active-active-read"
    ACTIVE_ACTIVE_FULL = "active-active-full"
    CELL_BASED = "cell-based"


@dataclass(frozen=True)
class StrategyProfile:
    """A row of the guide's strategy table: how hard, how fast to recover, how costly (x single-region cost)."""

    strategy: RegionStrategy
    name: str
    complexity: str
    recovery_time: str
    cost_multiplier_low: float
    cost_multiplier_high: float

    @property
    def cost_text(self) -> str:
        low, high = self.cost_multiplier_low, self.cost_multiplier_high
        return f"{low:g}x" if low == high else f"{low:g}-{high:g}x"


#: The guide's multi-region strategy table (single region, which it does not profile, is not listed).
MULTI_REGION_STRATEGIES: tuple[StrategyProfile, ...] = (
    StrategyProfile(RegionStrategy.ACTIVE_PASSIVE, "Active-passive", "Low", "Minutes", 1.5, 1.5),
    StrategyProfile(RegionStrategy.ACTIVE_ACTIVE_READ, "Active-active (reads)", "Medium", "Seconds", 1.8, 1.8),
    StrategyProfile(RegionStrategy.ACTIVE_ACTIVE_FULL, "Active-active (full)", "High", "Near zero", 2.0, 3.0),
    StrategyProfile(RegionStrategy.CELL_BASED, "Cell-based", "Very high", "Per cell", 2.0, 4.0),
)


@dataclass(frozen=True)
class RegionDecisionRule:
    """A band of SLO targets and the strategies it calls for. ``None`` bounds are open-ended."""

    low: float | None
    low_inclusive: bool
    high: float | None
    high_inclusive: bool
    strategies: tuple[RegionStrategy, ...]
    advice: str

    def contains(self, target: float) -> bool:
        """Whether ``target`` falls in this band."""
        if self.low is not None and (target < self.low or (target == self.low and not self.low_inclusive)):
            return False
        if self.high is not None and (target > self.high or (target == self.high and not self.high_inclusive)):
            return False
        return True

    @property
    def range_text(self) -> str:
        if self.low is None:
            return f"below {self.high:g}%"
        if self.high is None:
            return f"above {self.low:g}%"
        opening = "from" if self.low_inclusive else "above"
        return f"{opening} {self.low:g}% to {self.high:g}%"


#: The decision guide as bands that cover every target without overlap.
REGION_DECISION_GUIDE: tuple[RegionDecisionRule, ...] = (
    RegionDecisionRule(None, False, 99.9, False, (RegionStrategy.SINGLE_REGION,),
                       "One region is enough; make sure backups restore."),
    RegionDecisionRule(99.9, True, 99.95, True, (RegionStrategy.ACTIVE_PASSIVE,),
                       "Keep a standby region and fail over to it automatically."),
    RegionDecisionRule(99.95, False, 99.99, True,
                       (RegionStrategy.ACTIVE_ACTIVE_READ, RegionStrategy.ACTIVE_ACTIVE_FULL),
                       "Serve from several regions at once, reads only or everything."),
    RegionDecisionRule(99.99, False, None, False, (RegionStrategy.CELL_BASED,),
                       "Split the service into independent cells to contain failures."),
)

# How much resilience each strategy provides; the two active-active variants rank the same.
_STRENGTH: dict[RegionStrategy, int] = {
    RegionStrategy.SINGLE_REGION: 0,
    RegionStrategy.ACTIVE_PASSIVE: 1,
    RegionStrategy.ACTIVE_ACTIVE_READ: 2,
    RegionStrategy.ACTIVE_ACTIVE_FULL: 2,
    RegionStrategy.CELL_BASED: 3,
}


def region_decision_rule(target: float) -> RegionDecisionRule:
    """The band a target falls in. Example: 99.95 -> the band "from 99.9% to 99.95%" (active-passive)."""
    value = check_target(target)
    for rule in REGION_DECISION_GUIDE:
        if rule.contains(value):
            return rule
    raise LookupError(f"no multi-region rule covers {target!r}")  # pragma: no cover


def recommended_strategies(target: float) -> tuple[RegionStrategy, ...]:
    """Strategies the decision guide recommends for an SLO target.

    Examples: 99.5 -> single region; 99.9 and 99.95 -> active-passive; 99.99 -> active-active (read, full);
    99.995 -> cell-based.
    """
    return region_decision_rule(target).strategies


def strategy_fits(target: float, strategy: RegionStrategy | str) -> bool:
    """Whether ``strategy`` is one the guide recommends for ``target`` (exactly, neither weaker nor stronger).

    Example: ``strategy_fits(99.95, "active-passive") is True``; ``strategy_fits(99.99, "active-passive") is False``.
    """
    return RegionStrategy(strategy) in recommended_strategies(target)


def strategy_sufficient(target: float, strategy: RegionStrategy | str) -> bool:
    """Whether ``strategy`` is at least as resilient as what the guide recommends for ``target``.

    Stronger than needed passes (it costs more but does not endanger the SLO). Example: cell-based for 99.9 ->
    True; single region for 99.9 -> False.
    """
    needed = min(_STRENGTH[item] for item in recommended_strategies(target))
    return _STRENGTH[RegionStrategy(strategy)] >= needed
