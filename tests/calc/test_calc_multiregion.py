from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sre_docs.calc.multiregion import (
    MULTI_REGION_STRATEGIES,
    REGION_DECISION_GUIDE,
    RegionStrategy,
    recommended_strategies,
    strategy_fits,
    strategy_sufficient,
)


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        (99.0, ["single-region"]),
        (99.89, ["single-region"]),
        (99.9, ["active-passive"]),
        (99.95, ["active-passive"]),  # 99.95 exactly: the 99.9-99.95 band includes its top
        (99.951, ["active-active-read", "active-active-full"]),
        (99.99, ["active-active-read", "active-active-full"]),  # 99.99 exactly is not "> 99.99"
        (99.991, ["cell-based"]),
        (99.999, ["cell-based"]),
    ],
)
def test_recommended_strategies(target: float, expected: list[str]) -> None:
    assert list(recommended_strategies(target)) == expected
    for strategy in RegionStrategy:
        assert strategy_fits(target, strategy) == (strategy in expected)


def test_sufficiency_accepts_stronger_designs() -> None:
    assert strategy_sufficient(99.9, "cell-based")
    assert strategy_sufficient(99.99, "active-active-read")
    assert not strategy_sufficient(99.9, "single-region")
    assert not strategy_sufficient(99.995, "active-active-full")
    assert not strategy_fits(99.9, "cell-based")


def test_strategy_table_as_data() -> None:
    rows = [(p.strategy.value, p.complexity, p.recovery_time, p.cost_text) for p in MULTI_REGION_STRATEGIES]
    assert rows == [
        ("active-passive", "Low", "Minutes", "1.5x"),
        ("active-active-read", "Medium", "Seconds", "1.8x"),
        ("active-active-full", "High", "Near zero", "2-3x"),
        ("cell-based", "Very high", "Per cell", "2-4x"),
    ]
    assert [rule.range_text for rule in REGION_DECISION_GUIDE] == [
        "below 99.9%", "from 99.9% to 99.95%", "above 99.95% to 99.99%", "above 99.99%"]


def test_unknown_strategy_and_bad_target() -> None:
    with pytest.raises(ValueError):
        strategy_fits(99.9, "multi_cloud")
    with pytest.raises(ValueError):
        recommended_strategies(100)


@settings(deadline=None)
@given(st.floats(min_value=0.01, max_value=99.99999, allow_nan=False))
def test_every_target_falls_in_exactly_one_band(target: float) -> None:
    assert sum(rule.contains(target) for rule in REGION_DECISION_GUIDE) == 1


@settings(deadline=None)
@given(st.floats(min_value=0.01, max_value=99.99999), st.floats(min_value=0.01, max_value=99.99999))
def test_a_higher_target_never_needs_a_weaker_design(first: float, second: float) -> None:
    low, high = sorted((first, second))
    for strategy in RegionStrategy:
        if strategy_sufficient(high, strategy):
            assert strategy_sufficient(low, strategy)


def test_strategies_spelled_as_the_service_schema_spells_them() -> None:
    """One spelling everywhere: a `multi_region.strategy` read from YAML is a calc strategy as it is."""
    from sre_docs.schemas.vocabulary import MULTI_REGION_STRATEGIES as SCHEMA_STRATEGIES

    assert [s.value for s in RegionStrategy] == list(SCHEMA_STRATEGIES)
    for written in SCHEMA_STRATEGIES:
        assert RegionStrategy(written).value == written
