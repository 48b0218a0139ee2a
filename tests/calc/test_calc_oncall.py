from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sre_docs.calc.oncall import (
    ONCALL_METRICS,
    Health,
    classify_metric,
    classify_metrics,
    oncall_metric,
    page_load_imbalance,
    rotation_size_ok,
)


@pytest.mark.parametrize(
    ("metric", "value", "health"),
    [
        ("pages_per_shift", 1.9, "healthy"), ("pages_per_shift", 2, "warning"), ("pages_per_shift", 5, "warning"),
        ("pages_per_shift", 5.1, "critical"),
        ("off_hours_pages_per_week", 0, "healthy"), ("off_hours_pages_per_week", 1, "warning"),
        ("off_hours_pages_per_week", 3, "warning"), ("off_hours_pages_per_week", 4, "critical"),
        ("time_to_acknowledge_min", 4, "healthy"), ("time_to_acknowledge_min", 5, "warning"),
        ("time_to_acknowledge_min", 15, "warning"), ("time_to_acknowledge_min", 16, "critical"),
        ("time_to_mitigate_min", 29, "healthy"), ("time_to_mitigate_min", 30, "warning"),
        ("time_to_mitigate_min", 60, "warning"), ("time_to_mitigate_min", 61, "critical"),
        ("false_positive_rate_pct", 9.9, "healthy"), ("false_positive_rate_pct", 10, "warning"),
        ("false_positive_rate_pct", 30, "warning"), ("false_positive_rate_pct", 31, "critical"),
        ("escalation_rate_pct", 19, "healthy"), ("escalation_rate_pct", 20, "warning"),
        ("escalation_rate_pct", 40, "warning"), ("escalation_rate_pct", 41, "critical"),
        ("satisfaction", 4.2, "healthy"), ("satisfaction", 4, "warning"), ("satisfaction", 3, "warning"),
        ("satisfaction", 2.9, "critical"),
    ],
)
def test_classify_metric_boundaries(metric: str, value: float, health: str) -> None:
    assert classify_metric(metric, value) == health


def test_table_as_data() -> None:
    rows = {metric.id: (metric.healthy_text, metric.warning_text, metric.critical_text) for metric in ONCALL_METRICS}
    assert rows["pages_per_shift"] == ("<2 pages", "2-5 pages", ">5 pages")
    assert rows["satisfaction"] == (">4 of 5", "3-4 of 5", "<3 of 5")
    assert len(ONCALL_METRICS) == 7


def test_classify_metrics_and_unknown_ids() -> None:
    assert classify_metrics({"pages_per_shift": 1, "satisfaction": 2}) == {
        "pages_per_shift": Health.HEALTHY, "satisfaction": Health.CRITICAL}
    with pytest.raises(ValueError, match="unknown on-call metric"):
        oncall_metric("pages")
    with pytest.raises(ValueError):
        classify_metric("pages_per_shift", float("nan"))


def test_rotation_size() -> None:
    assert rotation_size_ok(5) and not rotation_size_ok(4)
    assert rotation_size_ok(3, minimum=3)
    with pytest.raises(ValueError):
        rotation_size_ok(-1)


def test_page_load_imbalance_worked_example() -> None:
    assert page_load_imbalance({"ana": 6, "bo": 2, "cy": 1, "di": 1}) == pytest.approx(2.4)
    assert page_load_imbalance({"ana": 3, "bo": 3}) == 1.0
    assert page_load_imbalance({"ana": 5, "bo": 0, "cy": 0}) == 3.0
    assert page_load_imbalance({"ana": 0}) is None and page_load_imbalance({}) is None
    with pytest.raises(ValueError):
        page_load_imbalance({"ana": -1})


@settings(deadline=None)
@given(st.dictionaries(st.text(max_size=5), st.integers(min_value=0, max_value=100), min_size=1, max_size=12))
def test_page_load_imbalance_lies_between_one_and_rotation_size(pages: dict) -> None:
    imbalance = page_load_imbalance(pages)
    if sum(pages.values()) == 0:
        assert imbalance is None
    else:
        assert imbalance is not None and 1 - 1e-9 <= imbalance <= len(pages) + 1e-9


@settings(deadline=None)
@given(st.sampled_from(ONCALL_METRICS), st.floats(min_value=0, max_value=200), st.floats(min_value=0, max_value=200))
def test_health_is_monotone_in_the_value(metric: object, first: float, second: float) -> None:
    order = [Health.HEALTHY, Health.WARNING, Health.CRITICAL]
    worse, better = sorted((first, second), reverse=not metric.higher_is_better)  # type: ignore[attr-defined]  # hypothesis draws an OncallMetric
    assert order.index(metric.classify(worse)) >= order.index(metric.classify(better))  # type: ignore[attr-defined]  # hypothesis draws an OncallMetric
