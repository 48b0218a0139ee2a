"""Error budget states and what each one asks of the team: the guide's default error budget policy.

States by remaining budget (percent of the window's budget):

- ``healthy``   -- more than 50% left;
- ``warning``   -- 25% to 50% left, both ends included;
- ``critical``  -- above 0% and below 25%;
- ``exhausted`` -- 0% or less left.

The guide writes the warning band as "25-50%" and the critical band as "0-25%", so 25% sits in both; we put
it in ``warning`` (the critical band starts *below* 25%), just as 50% is ``warning`` because healthy is
strictly above 50%.

Exhaustion starts a deployment freeze that lasts until the budget is back to 10%: while the previous state
was ``exhausted`` and less than 10% is left, the state stays ``exhausted`` even though the bare thresholds
would say ``critical``. At 10% or more the freeze lifts and the thresholds apply again.

A service's own policy document can override thresholds and actions: see :func:`budget_policy_from_mapping`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

__all__ = [
    "DEFAULT_BUDGET_POLICY",
    "DEFAULT_BUDGET_STATES",
    "DEFAULT_POLICY_EXCEPTIONS",
    "DEFAULT_THRESHOLDS",
    "BudgetPolicy",
    "BudgetState",
    "BudgetStateRule",
    "BudgetThresholds",
    "budget_policy_from_mapping",
    "budget_state",
    "budget_states_over_time",
]


class BudgetState(StrEnum):
    """Error budget state; compares equal to its lower-case name (``BudgetState.HEALTHY == "healthy"``)."""

    HEALTHY = "healthy"
    WARNING = "warning"
    CRITICAL = "critical"
    EXHAUSTED = "exhausted"


@dataclass(frozen=True)
class BudgetThresholds:
    """Where the states change, in percent of the budget remaining. Defaults are the guide's."""

    healthy_above_pct: float = 50.0
    warning_at_or_above_pct: float = 25.0
    exhausted_at_or_below_pct: float = 0.0
    freeze_release_pct: float = 10.0

    def __post_init__(self) -> None:
        if not self.exhausted_at_or_below_pct < self.warning_at_or_above_pct <= self.healthy_above_pct:
            raise ValueError(
                "budget thresholds must satisfy exhausted < warning <= healthy, got "
                f"{self.exhausted_at_or_below_pct}, {self.warning_at_or_above_pct}, {self.healthy_above_pct}"
            )
        if not self.freeze_release_pct > self.exhausted_at_or_below_pct:
            raise ValueError(
                f"the freeze must lift above the exhaustion point ({self.exhausted_at_or_below_pct}%), "
                f"got {self.freeze_release_pct}%"
            )


DEFAULT_THRESHOLDS = BudgetThresholds()


@dataclass(frozen=True)
class BudgetStateRule:
    """One state of the policy: when it applies (in words) and what the team does while in it."""

    state: BudgetState
    condition: str
    actions: tuple[str, ...]


#: The guide's default policy, paraphrased.
DEFAULT_BUDGET_STATES: tuple[BudgetStateRule, ...] = (
    BudgetStateRule(
        BudgetState.HEALTHY,
        "more than 50% of the budget left",
        (
            "Ship at the usual pace",
            "Feature work comes first",
            "Chaos experiments may run",
        ),
    ),
    BudgetStateRule(
        BudgetState.WARNING,
        "between 25% and 50% of the budget left",
        (
            "Watch monitoring more closely",
            "Look over recent changes for risk",
            "Keep risky deployments to business hours",
            "Pause chaos experiments",
        ),
    ),
    BudgetStateRule(
        BudgetState.CRITICAL,
        "less than 25% of the budget left",
        (
            "Freeze features: only reliability work proceeds",
            "Every deployment needs SRE sign-off",
            "Every change carries a rollback plan",
            "Review the error budget every day",
        ),
    ),
    BudgetStateRule(
        BudgetState.EXHAUSTED,
        "no budget left (and, once exhausted, until 10% is back)",
        (
            "Stop all deployments",
            "Move all engineering effort to reliability",
            "Inform the VP of Engineering",
            "Write a postmortem on the exhaustion",
            "Keep the freeze until 10% of the budget has recovered",
        ),
    ),
)

#: Changes the guide lets through whatever the state.
DEFAULT_POLICY_EXCEPTIONS: tuple[str, ...] = (
    "Security patches",
    "Changes required for regulatory compliance",
    "Changes that prevent data loss",
)


@dataclass(frozen=True)
class BudgetPolicy:
    """Thresholds, per-state actions and always-allowed exceptions of an error budget policy."""

    thresholds: BudgetThresholds = DEFAULT_THRESHOLDS
    states: tuple[BudgetStateRule, ...] = DEFAULT_BUDGET_STATES
    exceptions: tuple[str, ...] = DEFAULT_POLICY_EXCEPTIONS

    def actions(self, state: BudgetState | str) -> tuple[str, ...]:
        """Actions the policy asks for in ``state``."""
        wanted = BudgetState(state)
        for rule in self.states:
            if rule.state == wanted:
                return rule.actions
        return ()

    def state(self, remaining_pct: float, *, previous_state: BudgetState | str | None = None) -> BudgetState:
        """:func:`budget_state` with this policy's thresholds."""
        return budget_state(remaining_pct, previous_state=previous_state, thresholds=self.thresholds)


DEFAULT_BUDGET_POLICY = BudgetPolicy()


def budget_state(
    remaining_pct: float,
    *,
    previous_state: BudgetState | str | None = None,
    thresholds: BudgetThresholds = DEFAULT_THRESHOLDS,
) -> BudgetState:
    """State for ``remaining_pct`` of the budget left, honouring a running exhaustion freeze.

    Rule (defaults): ``> 50`` healthy; ``25..50`` warning; ``0 < x < 25`` critical; ``<= 0`` exhausted; and if
    ``previous_state`` is exhausted, anything below 10 stays exhausted.

    Examples: 60 -> healthy; 50 -> warning; 25 -> warning; 24.9 -> critical; 0 -> exhausted;
    5 after exhausted -> exhausted; 10 after exhausted -> critical.
    """
    if isinstance(remaining_pct, bool) or not isinstance(remaining_pct, (int, float)):
        raise TypeError(f"remaining_pct must be a number, not {type(remaining_pct).__name__}")
    if remaining_pct != remaining_pct:
        raise ValueError("remaining_pct is NaN")
    if remaining_pct <= thresholds.exhausted_at_or_below_pct:
        return BudgetState.EXHAUSTED
    if previous_state is not None and BudgetState(previous_state) is BudgetState.EXHAUSTED:
        if remaining_pct < thresholds.freeze_release_pct:
            return BudgetState.EXHAUSTED
    if remaining_pct > thresholds.healthy_above_pct:
        return BudgetState.HEALTHY
    if remaining_pct >= thresholds.warning_at_or_above_pct:
        return BudgetState.WARNING
    return BudgetState.CRITICAL


def budget_states_over_time(
    remaining_pcts: Iterable[float],
    *,
    initial_state: BudgetState | str | None = None,
    thresholds: BudgetThresholds = DEFAULT_THRESHOLDS,
) -> tuple[BudgetState, ...]:
    """States of a series of remaining-budget readings, oldest first, carrying the freeze from one to the next.

    Example: ``[40, -2, 5, 9, 12]`` -> warning, exhausted, exhausted, exhausted, critical.
    """
    states = []
    previous = initial_state
    for remaining in remaining_pcts:
        previous = budget_state(remaining, previous_state=previous, thresholds=thresholds)
        states.append(previous)
    return tuple(states)


# --- reading a policy document -------------------------------------------------------------------------------

_NUMBER = r"(-?\d+(?:\.\d+)?)"
_ABOVE = re.compile(rf"^\s*(?:remaining_budget)?\s*>\s*{_NUMBER}\s*%?\s*$")
_AT_OR_BELOW = re.compile(rf"^\s*(?:remaining_budget)?\s*<=\s*{_NUMBER}\s*%?\s*$")
_RANGE = re.compile(rf"^\s*(?:remaining_budget)?\s*{_NUMBER}\s*%?\s*(?:-|–|to)\s*{_NUMBER}\s*%?\s*$")
_RECOVERS_TO = re.compile(rf"recovers?\s+to\s+{_NUMBER}\s*%")

_THRESHOLD_KEYS = ("healthy_above_pct", "warning_at_or_above_pct", "exhausted_at_or_below_pct", "freeze_release_pct")


def _condition_bound(state: str, condition: str) -> tuple[str, float] | None:
    """Map one state's condition string to the threshold it sets, as (field name, value)."""
    if state == "healthy" and (match := _ABOVE.match(condition)):
        return "healthy_above_pct", float(match.group(1))
    if state == "warning" and (match := _RANGE.match(condition)):
        return "warning_at_or_above_pct", float(match.group(1))
    if state == "critical" and (match := _RANGE.match(condition)):
        return "exhausted_at_or_below_pct", float(match.group(1))
    if state == "exhausted" and (match := _AT_OR_BELOW.match(condition)):
        return "exhausted_at_or_below_pct", float(match.group(1))
    return None


def budget_policy_from_mapping(
    document: Mapping[str, Any], *, base: BudgetPolicy = DEFAULT_BUDGET_POLICY
) -> BudgetPolicy:
    """Build a policy from a plain mapping shaped like the guide's ``error_budget_policy`` template.

    Accepts the document itself or ``{"error_budget_policy": {...}}``. Read, each optional (missing parts keep
    ``base``):

    - ``budget_states.<state>.actions`` -- list of strings, replaces that state's actions;
    - ``budget_states.<state>.condition`` -- the template's forms: ``"remaining_budget > 50%"`` (healthy),
      ``"remaining_budget 25-50%"`` (warning: sets its lower bound), ``"remaining_budget 0-25%"`` (critical:
      sets the exhaustion point), ``"remaining_budget <= 0"`` (exhausted);
    - a "... recovers to N%" sentence among the exhausted actions sets the freeze release point;
    - ``thresholds`` -- explicit numbers under the field names of :class:`BudgetThresholds`, which win over
      anything read from conditions;
    - ``exceptions`` -- list of strings.

    Raises ``ValueError`` naming the state for an unknown state or a condition it cannot read.

    Example: ``{"budget_states": {"healthy": {"condition": "remaining_budget > 60%"}}}`` gives a policy in which
    55% left is ``warning``; every other threshold and action stays the guide's.
    """
    body = document.get("error_budget_policy", document)
    if not isinstance(body, Mapping):
        raise ValueError("error_budget_policy must be a mapping")
    bounds: dict[str, float] = {}
    actions = {rule.state: rule.actions for rule in base.states}
    conditions = {rule.state: rule.condition for rule in base.states}
    states = body.get("budget_states") or {}
    if not isinstance(states, Mapping):
        raise ValueError("budget_states must be a mapping of state name to its condition and actions")
    for name, spec in states.items():
        try:
            state = BudgetState(str(name))
        except ValueError:
            expected = [known.value for known in BudgetState]
            raise ValueError(f"budget_states.{name}: unknown state (expected one of {expected})") from None
        spec = spec or {}
        if not isinstance(spec, Mapping):
            raise ValueError(f"budget_states.{name} must be a mapping with 'condition' and/or 'actions'")
        if "condition" in spec:
            bound = _condition_bound(state.value, str(spec["condition"]))
            if bound is None:
                raise ValueError(f"budget_states.{name}.condition: cannot read {spec['condition']!r}")
            bounds[bound[0]] = bound[1]
            conditions[state] = str(spec["condition"])
        if "actions" in spec:
            actions[state] = tuple(str(action) for action in spec["actions"] or ())
            if state is BudgetState.EXHAUSTED:
                for action in actions[state]:
                    if match := _RECOVERS_TO.search(action):
                        bounds["freeze_release_pct"] = float(match.group(1))
    explicit = body.get("thresholds") or {}
    if not isinstance(explicit, Mapping):
        raise ValueError("thresholds must be a mapping of threshold name to percent")
    for key, value in explicit.items():
        if key not in _THRESHOLD_KEYS:
            raise ValueError(f"thresholds.{key}: unknown threshold (expected one of {list(_THRESHOLD_KEYS)})")
        bounds[key] = float(value)
    thresholds = replace(base.thresholds, **bounds)
    exceptions = body.get("exceptions")
    return BudgetPolicy(
        thresholds=thresholds,
        states=tuple(BudgetStateRule(s, conditions[s], actions.get(s, ())) for s in BudgetState),
        exceptions=base.exceptions if exceptions is None else tuple(str(item) for item in exceptions),
    )
