"""Chaos planning: experiments run only on a healthy error budget.

The guide's error budget policy allows chaos experiments while the budget is healthy
and stops them from the warning state on: an experiment spends budget on purpose, and a
budget already under pressure has none to spare. The gate checks every SLO of the
service (from ``workflows.budget``, numbers from ``calc.evidence``) and names the SLO,
its state and the policy's actions when it refuses.
"""

from __future__ import annotations

from dataclasses import dataclass

from sre_docs.workflows.budget import SloBudget

#: The only budget state in which the guide's policy allows chaos experiments.
CHAOS_ALLOWED_STATE = "healthy"


@dataclass(frozen=True)
class ChaosGate:
    allowed: bool
    reasons: tuple[str, ...]


def chaos_gate(service: str, budgets: list[SloBudget]) -> ChaosGate:
    """Whether ``service`` may run an experiment now, and why (not)."""
    if not budgets:
        return ChaosGate(False, (f"{service} has no SLO with a target and window, so its error budget is unknown; "
                                 "define an SLO before injecting faults",))
    reasons = []
    for budget in budgets:
        remaining = budget.status.remaining_pct
        if budget.state != CHAOS_ALLOWED_STATE:
            left = "unknown" if remaining.value is None else f"{remaining.value:.1f}% left"
            actions = "; ".join(budget.actions) or "none listed"
            reasons.append(f"{budget.slo} error budget is {budget.state or 'unknown'} ({left}, from {remaining.source}); "
                           f"the policy's actions: {actions}")
    if reasons:
        return ChaosGate(False, tuple(reasons))
    shown = ", ".join(f"{b.slo} {b.status.remaining_pct.value:.1f}% left" for b in budgets)
    return ChaosGate(True, (f"every error budget is healthy ({shown})",))
