from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sre_docs.calc.capacity import (
    cost_projection,
    growth_forecast,
    headroom_pct,
    instances_needed,
    months_until_threshold,
    project_growth,
)


def test_growth_worked_example() -> None:
    forecast = growth_forecast(current=1000, monthly_growth_pct=5)
    assert forecast.projected_6mo == pytest.approx(1340.0956, abs=1e-4)
    assert forecast.projected_12mo == pytest.approx(1795.8563, abs=1e-4)
    assert project_growth(current=1000, monthly_growth_pct=0, months=12) == 1000
    assert project_growth(current=1000, monthly_growth_pct=-10, months=1) == pytest.approx(900)


def test_months_until_threshold() -> None:
    expected = math.log(1.6) / math.log(1.05)
    assert months_until_threshold(utilisation_pct=50, monthly_growth_pct=5) == pytest.approx(expected)
    assert months_until_threshold(utilisation_pct=50, monthly_growth_pct=5) == pytest.approx(9.633, abs=1e-3)
    assert months_until_threshold(utilisation_pct=85, monthly_growth_pct=5) == 0
    assert months_until_threshold(utilisation_pct=80, monthly_growth_pct=5) == 0
    assert months_until_threshold(utilisation_pct=50, monthly_growth_pct=0) is None
    assert months_until_threshold(utilisation_pct=50, monthly_growth_pct=-3) is None
    assert months_until_threshold(utilisation_pct=0, monthly_growth_pct=10) is None
    assert months_until_threshold(utilisation_pct=40, monthly_growth_pct=100, threshold_pct=80) == pytest.approx(1)


def test_instances_needed() -> None:
    assert instances_needed(current_instances=10, utilisation_pct=70, monthly_growth_pct=5, months=6) == 12
    assert instances_needed(current_instances=10, utilisation_pct=80) == 10
    assert instances_needed(current_instances=10, utilisation_pct=81) == 11
    assert instances_needed(current_instances=4, utilisation_pct=1) == 1
    with pytest.raises(ValueError):
        instances_needed(current_instances=0, utilisation_pct=50)


def test_cost_projection_worked_example() -> None:
    cost = cost_projection(current_monthly=10_000, monthly_growth_pct=5)
    assert cost.current_monthly == 10_000
    assert cost.projected_6mo_monthly == pytest.approx(13_400.96, abs=0.01)
    assert cost.projected_12mo_monthly == pytest.approx(17_958.56, abs=0.01)


def test_headroom() -> None:
    assert headroom_pct(peak_utilisation_pct=65) == 35
    assert headroom_pct(peak_utilisation_pct=65, ceiling_pct=80) == 15
    assert headroom_pct(peak_utilisation_pct=90, ceiling_pct=80) == -10


def test_invalid_inputs() -> None:
    with pytest.raises(ValueError):
        project_growth(current=1, monthly_growth_pct=-100, months=1)
    with pytest.raises(ValueError):
        project_growth(current=1, monthly_growth_pct=5, months=-1)
    with pytest.raises(TypeError):
        project_growth(current="1", monthly_growth_pct=5, months=1)  # type: ignore[arg-type]  # the wrong type on purpose


@settings(deadline=None)
@given(st.floats(min_value=0.1, max_value=79), st.floats(min_value=0.1, max_value=50))
def test_growing_for_the_predicted_months_reaches_the_threshold(utilisation: float, growth: float) -> None:
    months = months_until_threshold(utilisation_pct=utilisation, monthly_growth_pct=growth)
    assert months is not None and months > 0
    assert project_growth(current=utilisation, monthly_growth_pct=growth, months=months) == pytest.approx(80)


@settings(deadline=None)
@given(st.integers(min_value=1, max_value=500), st.floats(min_value=0, max_value=300),
       st.floats(min_value=0, max_value=20), st.floats(min_value=0, max_value=24))
def test_instances_needed_keep_utilisation_under_the_threshold(
    instances: int, utilisation: float, growth: float, months: float
) -> None:
    needed = instances_needed(
        current_instances=instances, utilisation_pct=utilisation, monthly_growth_pct=growth, months=months
    )
    load = instances * project_growth(current=utilisation, monthly_growth_pct=growth, months=months)
    assert load / needed <= 80 + 1e-6
    assert needed == 1 or load / (needed - 1) > 80 - 1e-6
