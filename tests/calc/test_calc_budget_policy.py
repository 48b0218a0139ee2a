from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from sre_docs.calc.budget_policy import (
    DEFAULT_BUDGET_POLICY,
    DEFAULT_BUDGET_STATES,
    BudgetPolicy,
    BudgetState,
    BudgetThresholds,
    budget_policy_from_mapping,
    budget_state,
    budget_states_over_time,
)

# Shaped like the guide's error_budget_policy template (conditions as written there, actions shortened).
TEMPLATE = """
error_budget_policy:
  service: checkout
  budget_states:
    healthy:
      condition: "remaining_budget > 50%"
      actions: ["Normal pace"]
    warning:
      condition: "remaining_budget 25-50%"
      actions: ["More scrutiny"]
    critical:
      condition: "remaining_budget 0-25%"
      actions: ["Feature freeze"]
    exhausted:
      condition: "remaining_budget <= 0"
      actions:
        - "Full deployment freeze"
        - "Freeze maintained until budget recovers to 10%"
  exceptions: ["Security patches"]
  reset: "Rolling 28-day window"
"""


@pytest.mark.parametrize(
    ("remaining", "state"),
    [
        (100, "healthy"),
        (50.1, "healthy"),
        (50, "warning"),
        (25, "warning"),
        (24.9, "critical"),
        (0.1, "critical"),
        (0, "exhausted"),
        (-12, "exhausted"),
    ],
)
def test_budget_state_thresholds(remaining: float, state: str) -> None:
    assert budget_state(remaining) == state
    assert budget_state(remaining) is BudgetState(state)


def test_exhaustion_freeze_holds_until_ten_percent() -> None:
    assert budget_state(5, previous_state="exhausted") is BudgetState.EXHAUSTED
    assert budget_state(9.99, previous_state=BudgetState.EXHAUSTED) is BudgetState.EXHAUSTED
    assert budget_state(10, previous_state="exhausted") is BudgetState.CRITICAL
    assert budget_state(60, previous_state="exhausted") is BudgetState.HEALTHY
    # Without a preceding exhaustion the bare thresholds apply.
    assert budget_state(5, previous_state="critical") is BudgetState.CRITICAL


def test_states_over_time_carry_the_freeze() -> None:
    assert budget_states_over_time([40, -2, 5, 9, 12, 30]) == (
        BudgetState.WARNING,
        BudgetState.EXHAUSTED,
        BudgetState.EXHAUSTED,
        BudgetState.EXHAUSTED,
        BudgetState.CRITICAL,
        BudgetState.WARNING,
    )


def test_default_policy_has_actions_for_every_state() -> None:
    assert [rule.state for rule in DEFAULT_BUDGET_STATES] == list(BudgetState)
    for state in BudgetState:
        assert DEFAULT_BUDGET_POLICY.actions(state)
    assert any("10%" in action for action in DEFAULT_BUDGET_POLICY.actions("exhausted"))
    assert len(DEFAULT_BUDGET_POLICY.exceptions) == 3


def test_policy_from_the_guides_template_matches_the_defaults() -> None:
    policy = budget_policy_from_mapping(yaml.safe_load(TEMPLATE))
    assert policy.thresholds == BudgetThresholds()
    assert policy.actions("exhausted")[0] == "Full deployment freeze"
    assert policy.exceptions == ("Security patches",)
    assert policy.state(5, previous_state="exhausted") is BudgetState.EXHAUSTED


def test_policy_overrides() -> None:
    policy = budget_policy_from_mapping(
        {
            "budget_states": {
                "healthy": {"condition": "remaining_budget > 60%", "actions": ["Ship"]},
                "warning": {"condition": "remaining_budget 30-60%"},
                "exhausted": {"actions": ["Freeze until the budget recovers to 20%"]},
            },
            "exceptions": ["Security fixes"],
        }
    )
    assert policy.thresholds == BudgetThresholds(
        healthy_above_pct=60, warning_at_or_above_pct=30, freeze_release_pct=20
    )
    assert policy.actions("healthy") == ("Ship",)
    assert policy.actions("critical") == DEFAULT_BUDGET_POLICY.actions("critical")
    assert policy.exceptions == ("Security fixes",)
    assert policy.state(55) is BudgetState.WARNING
    assert policy.state(15, previous_state="exhausted") is BudgetState.EXHAUSTED


def test_explicit_thresholds_win() -> None:
    policy = budget_policy_from_mapping(
        {
            "error_budget_policy": {
                "budget_states": {"healthy": {"condition": "> 70%"}},
                "thresholds": {"healthy_above_pct": 55},
            }
        }
    )
    assert policy.thresholds.healthy_above_pct == 55


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"budget_states": {"fine": {}}}, "unknown state"),
        ({"budget_states": {"healthy": {"condition": "lots left"}}}, "cannot read"),
        ({"thresholds": {"nope": 1}}, "unknown threshold"),
        ({"budget_states": {"warning": {"condition": "60-80%"}}}, "exhausted < warning <= healthy"),
        ({"budget_states": ["healthy"]}, "mapping"),
    ],
)
def test_policy_errors(document: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        budget_policy_from_mapping(document)


def test_thresholds_validate_their_order() -> None:
    with pytest.raises(ValueError):
        BudgetThresholds(freeze_release_pct=0)
    assert BudgetPolicy().thresholds == BudgetThresholds()


def test_budget_state_rejects_non_numbers() -> None:
    with pytest.raises(TypeError):
        budget_state("50")  # type: ignore[arg-type]  # the wrong type on purpose
    with pytest.raises(ValueError):
        budget_state(float("nan"))


remaining = st.floats(min_value=-100, max_value=100, allow_nan=False)
_ORDER = [BudgetState.HEALTHY, BudgetState.WARNING, BudgetState.CRITICAL, BudgetState.EXHAUSTED]


@settings(deadline=None)
@given(remaining, remaining)
def test_less_budget_never_gives_a_better_state(first: float, second: float) -> None:
    low, high = sorted((first, second))
    assert _ORDER.index(budget_state(low)) >= _ORDER.index(budget_state(high))


@settings(deadline=None)
@given(st.lists(remaining, min_size=1, max_size=30))
def test_freeze_only_ever_makes_the_state_worse(readings: list[float]) -> None:
    for reading, state in zip(readings, budget_states_over_time(readings), strict=True):
        assert _ORDER.index(state) >= _ORDER.index(budget_state(reading))
        if state is BudgetState.EXHAUSTED and reading > 0:
            assert reading < 10
