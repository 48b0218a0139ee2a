"""The guide's SLI table by service type, its targets by tier, and targets offered from measurements.

Measured targets, by hand: offered = achieved - (100 - achieved), rounded down to the ladder 99, 99.5, 99.9,
99.95, 99.99, 99.999 (one decimal below 99).
"""

from __future__ import annotations

import pytest

from sre_docs.calc.slo_targets import (
    GUIDE_TARGETS, SERVICE_TYPE_SLIS, TARGET_LADDER, achieved_pct, measured_target,
)
from sre_docs.schemas.vocabulary import SERVICE_TYPES, SLI_TYPES


@pytest.mark.parametrize(("achieved", "offered"), [
    (99.998, 99.99),    # 99.996 -> the 99.99 step
    (99.9, 99.5),       # 99.8 -> 99.5
    (99.95, 99.9),      # exactly 99.9 (float noise rounded away)
    (99.981, 99.95),    # 99.962 -> 99.95: checkout's 12,000,221 of 12,002,498 in the example
    (100.0, 99.999),    # a perfect window still leaves a budget
    (99.2, 98.4),       # 98.4, below the ladder: one decimal
    (98.76, 97.5),      # 97.52 -> 97.5
    (50.0, None),       # nothing left above 0
    (50.04, None),      # 0.08 -> 0.0: nothing
    (50.06, 0.1),
])
def test_measured_target(achieved: float, offered: float | None) -> None:
    assert measured_target(achieved) == offered


def test_achieved_pct() -> None:
    assert achieved_pct(9_990, 10_000) == pytest.approx(99.9)       # 10 bad of 10,000 = 0.1%
    assert achieved_pct(12_000_221, 12_002_498) == pytest.approx(99.98103, abs=1e-5)  # 2,277 bad / 12,002,498
    assert achieved_pct(0, 5) == 0
    assert achieved_pct(0, 0) is None  # zero traffic: nothing achieved, no target to offer
    with pytest.raises(ValueError):
        achieved_pct(6, 5)
    with pytest.raises(ValueError):
        measured_target(100.5)


def test_the_guides_sli_table() -> None:
    rows = {kind: (row.label, row.primary.guide, [s.guide for s in row.secondary]) for kind, row in SERVICE_TYPE_SLIS.items()}
    assert rows == {
        "api": ("API/Backend", "Request success rate", ["Latency p50/p95/p99"]),
        "web": ("Frontend/Web", "Page load (LCP)", ["FID/INP", "CLS", "Error rate"]),
        "data-pipeline": ("Data Pipeline", "Freshness", ["Correctness", "Completeness"]),
        "storage": ("Storage", "Durability", ["Availability", "Latency"]),
        "streaming": ("Streaming", "Processing latency", ["Ordering", "Data loss rate"]),
        "batch": ("Batch Job", "Success rate", ["Duration", "SLA compliance"]),
        "ml": ("ML Model", "Prediction latency", ["Accuracy drift", "Feature freshness"]),
    }
    assert SERVICE_TYPES == tuple(SERVICE_TYPE_SLIS)
    for row in SERVICE_TYPE_SLIS.values():
        assert all(s.sli_type in SLI_TYPES for s in row.all)
        assert len({s.name for s in row.all}) == len(row.all)


def test_targets_by_tier_are_steps_of_the_ladder() -> None:
    assert {tier: target for tier, (target, _) in GUIDE_TARGETS.items()} == {
        "critical": 99.99, "important": 99.95, "standard": 99.9, "experimental": 99.0}
    assert all(target in TARGET_LADDER for target, _ in GUIDE_TARGETS.values())
