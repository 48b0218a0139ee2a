from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sre_docs.calc.toil import (
    DIFFICULTY_WEIGHTS,
    TOIL_BUDGET_PCT,
    TOIL_MATRIX,
    Effort,
    ToilAction,
    ValueBand,
    assess_toil,
    priority_score,
    toil_hours_per_month,
    toil_matrix_action,
    toil_share,
    value_band,
)

# The guide's matrix as printed: rows high/medium/low value, columns low/medium/high effort.
GUIDE_MATRIX = {
    "high": ["DO FIRST", "DO SECOND", "PLAN"],
    "medium": ["DO SECOND", "PLAN", "EVALUATE"],
    "low": ["QUICK WIN", "SKIP", "SKIP"],
}
HOURS_FOR_BAND = {"high": 12.0, "medium": 5.0, "low": 1.0}


@pytest.mark.parametrize(
    ("band", "effort", "action"),
    [
        (band, effort, row[index])
        for band, row in GUIDE_MATRIX.items()
        for index, effort in enumerate(["low", "medium", "high"])
    ],
)
def test_matrix_cell_by_cell(band: str, effort: str, action: str) -> None:
    assert toil_matrix_action(value_hours=HOURS_FOR_BAND[band], effort=effort) == action
    assert any(cell.value == band and cell.effort == effort and cell.action == action for cell in TOIL_MATRIX)


def test_matrix_data_is_complete() -> None:
    assert len(TOIL_MATRIX) == 9
    cells = {(cell.value, cell.effort) for cell in TOIL_MATRIX}
    assert cells == {(band, effort) for band in ValueBand for effort in Effort}
    assert {cell.action for cell in TOIL_MATRIX} == set(ToilAction)


@pytest.mark.parametrize(("hours", "band"), [(0, "low"), (1.99, "low"), (2, "medium"), (10, "medium"), (10.01, "high")])
def test_value_band_boundaries(hours: float, band: str) -> None:
    assert value_band(hours) == band


def test_hours_and_priority_worked_examples() -> None:
    assert toil_hours_per_month(time_per_occurrence_min=15, occurrences_per_month=40) == 10.0
    assert priority_score(automation_value_hours=12, difficulty="medium") == 6.0
    assert DIFFICULTY_WEIGHTS == {Effort.LOW: 1, Effort.MEDIUM: 2, Effort.HIGH: 3}


def test_assess_toil_worked_example() -> None:
    result = assess_toil(time_per_occurrence_min=30, occurrences_per_month=30, automation_difficulty="low")
    assert (result.hours_per_month, result.automation_value_hours, result.priority_score) == (15.0, 15.0, 15.0)
    assert (result.value_band, result.action) == (ValueBand.HIGH, ToilAction.DO_FIRST)
    partial = assess_toil(
        time_per_occurrence_min=30, occurrences_per_month=30, automation_difficulty="high", automation_value_hours=6
    )
    assert (partial.priority_score, partial.value_band, partial.action) == (2.0, ValueBand.MEDIUM, ToilAction.EVALUATE)


def test_toil_share() -> None:
    assert TOIL_BUDGET_PCT == 25
    fine = toil_share(toil_hours=30, sre_hours=160)
    assert (fine.share_pct, fine.meets_target, fine.over_budget) == (18.75, True, False)
    over = toil_share(toil_hours=48, sre_hours=160)
    assert (over.share_pct, over.meets_target, over.over_budget) == (30.0, False, True)
    edge = toil_share(toil_hours=40, sre_hours=160)
    assert (edge.meets_target, edge.over_budget) == (False, False)
    # More toil than SRE hours is a share over 100%, not an error: 25 / 20 = 1.25 -> 125%; 10 / 5 -> 200%.
    beyond = toil_share(toil_hours=25, sre_hours=20)
    assert (beyond.share_pct, beyond.meets_target, beyond.over_budget) == (125.0, False, True)
    assert toil_share(toil_hours=10, sre_hours=5).share_pct == 200.0


@pytest.mark.parametrize(
    "call",
    [
        lambda: toil_hours_per_month(time_per_occurrence_min=-1, occurrences_per_month=1),
        lambda: toil_share(toil_hours=1, sre_hours=0),
        lambda: toil_share(toil_hours=-1, sre_hours=5),
        lambda: priority_score(automation_value_hours=1, difficulty="trivial"),
    ],
)
def test_invalid_inputs(call: object) -> None:
    with pytest.raises(ValueError):
        call()  # type: ignore[operator]  # each case is a lambda


@settings(deadline=None)
@given(st.floats(min_value=0, max_value=1000), st.floats(min_value=0, max_value=1000), st.sampled_from(list(Effort)))
def test_more_value_never_lowers_priority(first: float, second: float, effort: Effort) -> None:
    low, high = sorted((first, second))
    more = priority_score(automation_value_hours=high, difficulty=effort)
    assert more >= priority_score(automation_value_hours=low, difficulty=effort)
    order = [ValueBand.LOW, ValueBand.MEDIUM, ValueBand.HIGH]
    assert order.index(value_band(high)) >= order.index(value_band(low))


# --- stored figures against their inputs (TOL003, TOL004) ---------------------------------------------------

from sre_docs.calc.toil import expected_priority_score, value_exceeds_hours


@pytest.mark.parametrize(("value", "hours", "difficulty", "score"), [
    (10, 10, "medium", 5.0),          # checkout's item: 10 h saved / 2
    (10, 10, "high", 10 / 3),         # 3.333...
    (12, 20, "low", 12.0),            # the value, not the hours, is divided
    (None, 40 * 10 / 60, "high", (40 * 10 / 60) / 3),  # no value: the hours, 6.667 / 3 = 2.222
    (0, 10, "low", 0.0),              # nothing to save
    (None, None, "low", None),        # nothing known
])
def test_expected_priority_score(value, hours, difficulty, score) -> None:
    result = expected_priority_score(automation_value_hours=value, hours_per_month=hours, difficulty=difficulty)
    assert result == (None if score is None else pytest.approx(score))


@pytest.mark.parametrize(("value", "hours", "exceeds"), [
    (15, 10, True),      # 5 h more than the work costs
    (10.05, 10, False),  # 0.05 over: on the tolerance
    (10.06, 10, True),
    (10, 10, False),
    (4, 10, False),      # partial automation
    (0.01, 0, False),
    (0.1, 0, True),
])
def test_value_exceeds_hours(value: float, hours: float, exceeds: bool) -> None:
    assert value_exceeds_hours(value, hours) is exceeds
