from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sre_docs.calc.scores import (
    MATURITY_BANDS,
    MATURITY_DIMENSIONS,
    QUALITY_BANDS,
    QUALITY_RUBRIC,
    maturity_band,
    maturity_total,
    org_quality,
    quality_points,
    quality_band,
    quality_score,
    rubric_column,
)

MATURITY_IDS = ["slos", "monitoring", "incident_response", "automation", "chaos_engineering",
                "capacity_planning", "toil_management", "oncall_health"]
RUBRIC = {"slo_coverage": 20, "monitoring": 15, "incident_response": 15, "automation": 15,
          "chaos_engineering": 10, "capacity_planning": 10, "oncall_health": 10, "documentation": 5}


def test_maturity_dimensions_as_data() -> None:
    assert [dimension.id for dimension in MATURITY_DIMENSIONS] == MATURITY_IDS
    for dimension in MATURITY_DIMENSIONS:
        assert dimension.name and dimension.level_1 and dimension.level_3 and dimension.level_5


def test_maturity_total_worked_examples() -> None:
    assert maturity_total(dict.fromkeys(MATURITY_IDS, 3)) == 24
    assert maturity_total({**dict.fromkeys(MATURITY_IDS, 2), "slos": 5}) == 19
    assert maturity_total(dict.fromkeys(MATURITY_IDS, 1)) == 8
    assert maturity_total(dict.fromkeys(MATURITY_IDS, 5)) == 40


@pytest.mark.parametrize(
    ("scores", "message"),
    [
        ({**dict.fromkeys(MATURITY_IDS, 3), "slos": 6}, "between 1 and 5"),
        ({**dict.fromkeys(MATURITY_IDS, 3), "slos": 0}, "between 1 and 5"),
        ({**dict.fromkeys(MATURITY_IDS, 3), "slos": 2.5}, "whole numbers"),
        (dict.fromkeys(MATURITY_IDS[:-1], 3), "missing oncall_health"),
        ({**dict.fromkeys(MATURITY_IDS, 3), "documentation": 3}, "unknown documentation"),
    ],
)
def test_maturity_total_validates(scores: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        maturity_total(scores)


@pytest.mark.parametrize(
    ("total", "label"),
    [(8, "Firefighting"), (16, "Firefighting"), (17, "Foundation built"), (24, "Foundation built"),
     (25, "Maturing"), (32, "Maturing"), (33, "Advanced"), (40, "Advanced")],
)
def test_maturity_bands(total: int, label: str) -> None:
    assert maturity_band(total).label == label
    assert maturity_band(total).advice


def test_maturity_bands_cover_8_to_40_without_gaps() -> None:
    assert [(band.low, band.high) for band in MATURITY_BANDS] == [(8, 16), (17, 24), (25, 32), (33, 40)]
    for bad in (7, 41):
        with pytest.raises(ValueError):
            maturity_band(bad)


def test_rubric_weights_as_data() -> None:
    assert {dimension.id: dimension.weight for dimension in QUALITY_RUBRIC} == RUBRIC
    assert list(RUBRIC) == [dimension.id for dimension in QUALITY_RUBRIC]
    assert sum(dimension.weight for dimension in QUALITY_RUBRIC) == 100


def test_quality_score_worked_examples() -> None:
    levels = {"slo_coverage": 4, "monitoring": 3, "incident_response": 3, "automation": 2,
              "chaos_engineering": 1, "capacity_planning": 3, "oncall_health": 4, "documentation": 5}
    assert quality_score(levels) == pytest.approx(61)
    assert quality_score(dict.fromkeys(RUBRIC, 3)) == pytest.approx(60)
    assert quality_score({**dict.fromkeys(RUBRIC, 0), "slo_coverage": 5}) == pytest.approx(20)
    assert quality_score(dict.fromkeys(RUBRIC, 5)) == pytest.approx(100)
    assert quality_score(dict.fromkeys(RUBRIC, 0)) == 0
    points = quality_points(levels)
    assert [round(item.points, 6) for item in points] == [16, 9, 9, 6, 2, 6, 8, 5]


@pytest.mark.parametrize("bad", [-1, 5.5, "3", True])
def test_quality_score_validates_levels(bad: object) -> None:
    with pytest.raises((ValueError, TypeError)):
        quality_score({**dict.fromkeys(RUBRIC, 3), "monitoring": bad})


def test_quality_score_needs_every_dimension() -> None:
    with pytest.raises(ValueError, match="missing documentation"):
        quality_score(dict.fromkeys(list(RUBRIC)[:-1], 3))


def test_rubric_column() -> None:
    columns = [rubric_column(level) for level in (0, 2, 2.9, 3, 4, 4.9, 5)]
    assert columns == ["0-2", "0-2", "0-2", "3-4", "3-4", "3-4", "5"]


levels = st.floats(min_value=0, max_value=5, allow_nan=False)


@settings(deadline=None)
@given(st.fixed_dictionaries({key: levels for key in RUBRIC}), st.sampled_from(list(RUBRIC)), levels)
def test_quality_score_is_bounded_and_monotone(base: dict, key: str, new_level: float) -> None:
    score = quality_score(base)
    assert 0 <= score <= 100 + 1e-9
    raised = {**base, key: max(base[key], new_level)}
    assert quality_score(raised) >= score - 1e-9


@settings(deadline=None)
@given(st.fixed_dictionaries({key: st.integers(min_value=1, max_value=5) for key in MATURITY_IDS}))
def test_every_maturity_total_has_a_band(scores: dict) -> None:
    total = maturity_total(scores)
    band = maturity_band(total)
    assert band.low <= total <= band.high


# --- organisation quality score and band ---------------------------------------------------------------------

@pytest.mark.parametrize(("score", "column", "label"), [
    (0, "0-2", "Ad hoc"),
    (59.9, "0-2", "Ad hoc"),      # level 59.9 / 20 = 2.995 < 3
    (60, "3-4", "Defined"),       # level 3
    (99.9, "3-4", "Defined"),     # level 4.995 < 5
    (100, "5", "Optimised"),      # level 5
])
def test_quality_band(score: float, column: str, label: str) -> None:
    band = quality_band(score)
    assert (band.column, band.label) == (column, label)


def test_quality_band_refuses_scores_outside_0_100() -> None:
    with pytest.raises(ValueError):
        quality_band(100.1)
    with pytest.raises(ValueError):
        quality_band(-1)
    assert [b.column for b in QUALITY_BANDS] == ["0-2", "3-4", "5"]


def test_org_quality() -> None:
    # (94 + 90 + 55) / 3 = 239 / 3 = 79.67 -> level 3.98 -> "3-4"
    result = org_quality([94, 90, 55])
    assert result is not None
    assert result.score == pytest.approx(239 / 3)
    assert (result.band.column, result.services) == ("3-4", 3)
    # (50 + 60) / 2 = 55 -> "0-2"
    low = org_quality([50, 60])
    assert low is not None and low.score == 55 and low.band.label == "Ad hoc"
    top = org_quality([100.0])
    assert top is not None and top.band.column == "5"
    assert org_quality([]) is None
    with pytest.raises(ValueError):
        org_quality([101])
