"""Scores: the reliability maturity assessment (8 to 40) and the quality rubric (0 to 100).

Maturity: eight dimensions, each scored 1 (ad hoc) to 5 (optimised); the total falls in one of four bands,
each with the area to work on next.

Quality rubric: eight weighted dimensions (weights add up to 100). A dimension's level runs from 0 to 5 -- the
rubric's lowest column is "0-2", so 0 is a valid level -- and earns ``level / 5 x weight`` points:

    quality = sum(level_d / 5 x weight_d)

Example: every dimension at level 3 -> 60; SLO coverage 5 and all else 0 -> 20.

Organisation: the mean of its services' quality scores. Because the score is linear in the levels, that is also
the score of the mean levels. Its band is the rubric column the mean level (score / 20) falls in: below 60 the
"0-2" column (ad hoc), 60 to below 100 the "3-4" column (defined), 100 the "5" column (optimised).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

__all__ = [
    "MATURITY_BANDS",
    "MATURITY_DIMENSIONS",
    "QUALITY_RUBRIC",
    "QUALITY_BANDS",
    "DimensionPoints",
    "MaturityBand",
    "MaturityDimension",
    "OrgQuality",
    "QualityBand",
    "RubricDimension",
    "maturity_band",
    "maturity_total",
    "org_quality",
    "quality_band",
    "quality_points",
    "quality_score",
    "rubric_column",
]


@dataclass(frozen=True)
class MaturityDimension:
    """One assessment dimension with what levels 1, 3 and 5 look like."""

    id: str
    name: str
    level_1: str
    level_3: str
    level_5: str


#: The maturity assessment's dimensions, in the guide's order.
MATURITY_DIMENSIONS: tuple[MaturityDimension, ...] = (
    MaturityDimension(
        "slos", "SLOs", "No SLO exists", "SLOs exist and are reviewed every quarter",
        "SLOs are set from data and error budgets are computed automatically",
    ),
    MaturityDimension(
        "monitoring", "Monitoring", "Only basic health checks", "Golden signals on dashboards",
        "Full observability with anomaly detection",
    ),
    MaturityDimension(
        "incident_response", "Incident Response", "No runbooks; individual heroics carry the day",
        "A written process and postmortems", "Detection is automated and incident command is structured",
    ),
    MaturityDimension(
        "automation", "Automation", "Deployments are manual", "A CI/CD pipeline and some automation",
        "Systems heal and scale themselves; changes flow through GitOps",
    ),
    MaturityDimension(
        "chaos_engineering", "Chaos Engineering", "Failure is never tested", "Basic fault injection",
        "Chaos runs continuously in production",
    ),
    MaturityDimension(
        "capacity_planning", "Capacity Planning", "Scaling happens in reaction to trouble",
        "Capacity is forecast every quarter", "Scaling is predictive and automatic",
    ),
    MaturityDimension(
        "toil_management", "Toil Management", "Toil takes more than half of the time",
        "Toil is tracked and there are plans to cut it", "Toil stays under 25% and is removed systematically",
    ),
    MaturityDimension(
        "oncall_health", "On-Call Health", "Burnout; single people cover around the clock",
        "A rotation exists with escalation paths", "Load is balanced, under 2 pages per shift",
    ),
)

_MATURITY_IDS = tuple(dimension.id for dimension in MATURITY_DIMENSIONS)
MATURITY_MIN_LEVEL, MATURITY_MAX_LEVEL = 1, 5


@dataclass(frozen=True)
class MaturityBand:
    """A range of maturity totals (both ends included), its name and the advice for teams in it."""

    low: int
    high: int
    label: str
    advice: str


#: Score interpretation bands, lowest first; together they cover 8 to 40 without gaps.
MATURITY_BANDS: tuple[MaturityBand, ...] = (
    MaturityBand(8, 16, "Firefighting", "Define SLOs and an incident process before anything else."),
    MaturityBand(17, 24, "Foundation built", "Next, bring in chaos engineering and cut toil."),
    MaturityBand(25, 32, "Maturing", "Tune error budget use and plan capacity ahead."),
    MaturityBand(33, 40, "Advanced", "Work on predicting failures and on the reliability culture."),
)


def _check_level(dimension: str, level: object, low: int, high: int) -> float:
    if isinstance(level, bool) or not isinstance(level, (int, float)):
        raise TypeError(f"{dimension}: level must be a number, not {type(level).__name__}")
    if not low <= level <= high:
        raise ValueError(f"{dimension}: level must be between {low} and {high}, got {level!r}")
    return float(level)


def _check_keys(scores: Mapping[str, object], expected: tuple[str, ...], what: str) -> None:
    missing = [key for key in expected if key not in scores]
    unknown = sorted(key for key in scores if key not in expected)
    if missing or unknown:
        parts = []
        if missing:
            parts.append(f"missing {', '.join(missing)}")
        if unknown:
            parts.append(f"unknown {', '.join(unknown)}")
        raise ValueError(f"{what}: {'; '.join(parts)} (expected exactly: {', '.join(expected)})")


def maturity_total(scores: Mapping[str, int]) -> int:
    """Sum of the eight dimension scores, each a whole number 1-5; 8 to 40.

    Every dimension of :data:`MATURITY_DIMENSIONS` must be scored, and nothing else.
    Example: all 3 -> 24; slos 5, the rest 2 -> 19.
    """
    _check_keys(scores, _MATURITY_IDS, "maturity scores")
    total = 0
    for key in _MATURITY_IDS:
        level = scores[key]
        _check_level(key, level, MATURITY_MIN_LEVEL, MATURITY_MAX_LEVEL)
        if level != int(level):
            raise ValueError(f"{key}: maturity levels are whole numbers, got {level!r}")
        total += int(level)
    return total


def maturity_band(total: int) -> MaturityBand:
    """The band a maturity total falls in: 8-16, 17-24, 25-32 or 33-40.

    Example: 24 -> "Foundation built"; 25 -> "Maturing". Raises ``ValueError`` outside 8-40.
    """
    for band in MATURITY_BANDS:
        if band.low <= total <= band.high:
            return band
    raise ValueError(f"maturity total must be a whole number from 8 to 40, got {total!r}")


@dataclass(frozen=True)
class RubricDimension:
    """One quality rubric dimension: its weight (points at level 5) and what each column of levels means."""

    id: str
    name: str
    weight: int
    levels_0_to_2: str
    levels_3_to_4: str
    level_5: str


#: The quality scoring rubric; weights add up to 100.
QUALITY_RUBRIC: tuple[RubricDimension, ...] = (
    RubricDimension("slo_coverage", "SLO Coverage", 20, "No SLO", "Critical services have SLOs",
                    "Every service has SLOs, error budgets and reviews"),
    RubricDimension("monitoring", "Monitoring", 15, "Basic health checks only", "Golden signals on dashboards",
                    "A full observability stack with anomaly detection"),
    RubricDimension("incident_response", "Incident Response", 15, "Improvised, no process",
                    "Incident command roles, runbooks, postmortems",
                    "Structured incident command, blameless culture, tracked actions"),
    RubricDimension("automation", "Automation", 15, "Everything by hand", "CI/CD and some automation",
                    "Self-healing, GitOps, toil under 25%"),
    RubricDimension("chaos_engineering", "Chaos Engineering", 10, "None", "Experiments in staging",
                    "Continuous chaos in production with safety controls"),
    RubricDimension("capacity_planning", "Capacity Planning", 10, "Reactive", "Forecast every quarter",
                    "Predictive, auto-scaled, cost-optimised"),
    RubricDimension("oncall_health", "On-Call Health", 10, "Burnout and heroics",
                    "A fair rotation, under 5 pages per shift",
                    "Balanced and paid for, under 2 pages per shift"),
    RubricDimension("documentation", "Documentation", 5, "Nothing written down", "Runbooks exist",
                    "Runbooks are complete, current and tested"),
)

_RUBRIC_IDS = tuple(dimension.id for dimension in QUALITY_RUBRIC)
RUBRIC_MIN_LEVEL, RUBRIC_MAX_LEVEL = 0, 5


def rubric_column(level: float) -> str:
    """Which rubric column describes a level: ``"0-2"`` below 3, ``"3-4"`` from 3 to below 5, ``"5"`` at 5.

    Example: 2 -> ``"0-2"``; 4 -> ``"3-4"``.
    """
    value = _check_level("level", level, RUBRIC_MIN_LEVEL, RUBRIC_MAX_LEVEL)
    return "5" if value >= 5 else "3-4" if value >= 3 else "0-2"


@dataclass(frozen=True)
class DimensionPoints:
    """Points one rubric dimension earned."""

    dimension: RubricDimension
    level: float
    points: float


def quality_points(levels: Mapping[str, float]) -> tuple[DimensionPoints, ...]:
    """Points per rubric dimension, in rubric order: ``level / 5 x weight``.

    ``levels`` maps every dimension id of :data:`QUALITY_RUBRIC` (and nothing else) to a level from 0 to 5;
    fractional levels (an average of several assessors) are allowed.
    Example: SLO coverage at level 4 earns 4 / 5 x 20 = 16 points.
    """
    _check_keys(levels, _RUBRIC_IDS, "quality levels")
    return tuple(
        DimensionPoints(
            dimension=dimension,
            level=(level := _check_level(dimension.id, levels[dimension.id], RUBRIC_MIN_LEVEL, RUBRIC_MAX_LEVEL)),
            points=level / RUBRIC_MAX_LEVEL * dimension.weight,
        )
        for dimension in QUALITY_RUBRIC
    )


def quality_score(levels: Mapping[str, float]) -> float:
    """Quality score 0-100: the sum of :func:`quality_points`.

    Example: slo_coverage 4, monitoring 3, incident_response 3, automation 2, chaos_engineering 1,
    capacity_planning 3, oncall_health 4, documentation 5 -> 16 + 9 + 9 + 6 + 2 + 6 + 8 + 5 = 61.
    """
    return sum(item.points for item in quality_points(levels))


@dataclass(frozen=True)
class QualityBand:
    """A range of 0-100 quality scores: the rubric column its mean level falls in, and that column's name."""

    column: str
    label: str
    low: float
    #: Upper end, excluded -- except for the top band, which is the single score 100.
    high: float


#: The rubric's three columns as bands of the 0-100 score (level = score / 20); names from the maturity table.
QUALITY_BANDS: tuple[QualityBand, ...] = (
    QualityBand("0-2", "Ad hoc", 0.0, 60.0),
    QualityBand("3-4", "Defined", 60.0, 100.0),
    QualityBand("5", "Optimised", 100.0, 100.0),
)


def quality_band(score: float) -> QualityBand:
    """The band of a 0-100 quality score: the :func:`rubric_column` of the level ``score / 20``.

    Example: 59.9 -> level 2.995 -> "0-2" (Ad hoc); 60 -> level 3 -> "3-4" (Defined); 100 -> "5" (Optimised).
    """
    value = _check_level("quality score", score, 0, 100)
    column = rubric_column(value / 100 * RUBRIC_MAX_LEVEL)
    return next(band for band in QUALITY_BANDS if band.column == column)


@dataclass(frozen=True)
class OrgQuality:
    """The organisation's 0-100 quality score over ``services`` scored services, and its band."""

    score: float
    band: QualityBand
    services: int


def org_quality(scores: Sequence[float]) -> OrgQuality | None:
    """The mean of the services' 0-100 quality scores with its band; ``None`` with no service to score.

    Example: 94, 90, 55 -> (94 + 90 + 55) / 3 = 79.67 -> "3-4" (Defined); 50, 60 -> 55 -> "0-2" (Ad hoc).
    """
    if not scores:
        return None
    for score in scores:
        _check_level("quality score", score, 0, 100)
    mean = sum(scores) / len(scores)
    return OrgQuality(score=mean, band=quality_band(mean), services=len(scores))
