"""One service's scorecard, derived from the repository by the rules.

Pure: the repository model, the rules, "today" and optional git dates go in; a frozen
``Scorecard`` comes out. Levels are cumulative, as in Spotify's Soundcheck or OpsLevel: a
service holds level N of a dimension when it meets every criterion of levels 1..N, so a
service that meets everything of level 4 but one criterion of level 2 holds level 1. The
guide's maturity scale starts at 1 (ad hoc), so a service meeting no level still scores 1
there; the quality rubric starts at 0 and takes the level as it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sre_docs.calc.scores import (
    MaturityBand,
    maturity_band,
    maturity_total,
    quality_points,
)
from sre_docs.model.repository import Repository, Service
from sre_docs.scorecard.check_registry import run_check
from sre_docs.scorecard.facts import Evidence, Facts, GitFacts
from sre_docs.scorecard.rules import MATURITY_IDS, Criterion, DimensionRules, Rules


@dataclass(frozen=True)
class CriterionResult:
    criterion: Criterion
    evidence: Evidence

    @property
    def met(self) -> bool:
        return self.evidence.met


#: How a level-0 dimension reads beside its score: no criterion of level 1 is met yet.
NOTHING_MET = "nothing met yet"


@dataclass(frozen=True)
class DimensionScore:
    """A dimension's derived level (0-5) with every criterion's result.

    ``level`` is the rubric's 0-5 (what the criteria met add up to); the eight maturity
    dimensions are read by people on the guide's 1-5 scale, ``maturity``, and that is what
    ``shown_level`` and ``label`` give for them (the documentation dimension, which only
    feeds the quality rubric, keeps its 0-5 level).
    """

    id: str
    name: str
    level: int
    results: tuple[CriterionResult, ...]
    self_assessed: int | None = None
    #: One of the guide's eight maturity dimensions (scored 1-5 in the maturity total).
    maturity_scale: bool = False

    @property
    def maturity(self) -> int:
        """The level on the guide's 1-5 maturity scale (nothing met is still 1, ad hoc)."""
        return max(1, self.level)

    @property
    def shown_level(self) -> int:
        """The score people read: the 1-5 maturity of a maturity dimension, else the 0-5 level."""
        return self.maturity if self.maturity_scale else self.level

    def shown(self, level: int | None) -> int | None:
        """Another 0-5 level of this dimension (an earlier commit's) on the scale ``shown_level`` uses."""
        if level is None:
            return None
        return max(1, level) if self.maturity_scale else level

    def label(self, level_names: Mapping[int, str]) -> str:
        """The name of the shown score, saying so when no criterion is met yet.

        A maturity dimension with nothing met holds maturity 1 (ad hoc) by the guide's scale,
        so it reads "Ad hoc, nothing met yet"; the documentation dimension reads "nothing met yet".
        """
        name = level_names.get(self.shown_level, "")
        if self.level == 0:
            return f"{name}, {NOTHING_MET}" if name else NOTHING_MET
        return name or f"level {self.shown_level}"

    @property
    def missed(self) -> tuple[CriterionResult, ...]:
        return tuple(r for r in self.results if not r.met)

    @property
    def next_steps(self) -> tuple[CriterionResult, ...]:
        """The missed criteria that stand between the service and its next level."""
        return tuple(r for r in self.results if not r.met and r.criterion.level == self.level + 1)

    @property
    def gap(self) -> int | None:
        """Self-assessed minus derived maturity: positive when the team rates itself higher."""
        return None if self.self_assessed is None else self.self_assessed - self.maturity

    def figure(self, check: str) -> float | int | None:
        """The figure a check of this dimension reported (e.g. ``chaos_maturity`` -> the chaos level)."""
        return next((r.evidence.value for r in self.results if r.criterion.check == check and r.evidence.value is not None), None)


@dataclass(frozen=True)
class SelfAssessment:
    path: str
    date: str | None
    assessor: str | None
    scores: Mapping[str, int]


@dataclass(frozen=True)
class Scorecard:
    service: str
    tier: str | None
    owner_team: str | None
    as_of: dt.date
    dimensions: tuple[DimensionScore, ...]
    total: int
    band: MaturityBand
    quality: float
    quality_levels: Mapping[str, int]
    self_assessment: SelfAssessment | None
    disagreement_levels: int
    level_names: Mapping[int, str]

    @property
    def maturity_dimensions(self) -> tuple[DimensionScore, ...]:
        return tuple(d for d in self.dimensions if d.id in MATURITY_IDS)

    def dimension(self, dimension_id: str) -> DimensionScore:
        return next(d for d in self.dimensions if d.id == dimension_id)

    @property
    def disagreements(self) -> tuple[DimensionScore, ...]:
        """Dimensions where the team's own score and the evidence differ by the flagged number of levels."""
        return tuple(d for d in self.maturity_dimensions if d.gap is not None and abs(d.gap) >= self.disagreement_levels)

    def summary(self) -> dict[str, Any]:
        """The few numbers a trend needs (cached per commit)."""
        return {
            "levels": {d.id: d.level for d in self.dimensions},
            "total": self.total,
            "quality": round(self.quality, 1),
            "band": self.band.label,
        }


def _evaluate(criterion: Criterion, facts: Facts) -> CriterionResult:
    try:
        evidence = run_check(criterion.check, facts, criterion.params)
    except Exception as exc:  # noqa: BLE001 -- one odd document must not sink every scorecard
        evidence = Evidence(False, f"could not be evaluated ({type(exc).__name__}: {exc}); run `sre-docs lint`")
    return CriterionResult(criterion, evidence)


def score_dimension(rules: DimensionRules, facts: Facts, self_assessed: int | None = None) -> DimensionScore:
    results = tuple(_evaluate(c, facts) for c in rules.criteria)
    level = 0
    for candidate in range(1, 6):
        if all(r.met for r in results if r.criterion.level == candidate):
            level = candidate
        else:
            break
    return DimensionScore(rules.id, rules.name, level, results, self_assessed, maturity_scale=rules.id in MATURITY_IDS)


def _self_assessment(service: Service) -> SelfAssessment | None:
    doc = service.maturity_assessment
    if doc is None:
        return None
    raw = doc.get("scores", default={})
    scores = {k: v for k, v in raw.items() if k in MATURITY_IDS and isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 5}
    return SelfAssessment(doc.path, doc.get("date"), doc.get("assessor"), scores)


def score_service(repo: Repository, service: str, rules: Rules, *, today: dt.date, git: GitFacts | None = None) -> Scorecard:
    """The scorecard of ``service`` as of ``today``."""
    svc = repo.services[service]
    facts = Facts(repo, svc, today, git)
    own = _self_assessment(svc)
    dimensions = tuple(
        score_dimension(dim, facts, own.scores.get(dim.id) if own else None) for dim in rules.dimensions
    )
    by_id = {d.id: d for d in dimensions}
    total = maturity_total({d: by_id[d].maturity for d in MATURITY_IDS})
    quality_levels = {rubric_id: by_id[target].level for rubric_id, target in rules.rubric.items()}
    quality = sum(p.points for p in quality_points(quality_levels))
    catalog = svc.catalog
    return Scorecard(
        service=service,
        tier=catalog.get("tier") if catalog else None,
        owner_team=catalog.get("owner_team") if catalog else None,
        as_of=today,
        dimensions=dimensions,
        total=total,
        band=maturity_band(total),
        quality=quality,
        quality_levels=quality_levels,
        self_assessment=own,
        disagreement_levels=rules.disagreement_levels,
        level_names=rules.level_names,
    )


def score_repository(repo: Repository, rules: Rules, *, today: dt.date, git: GitFacts | None = None) -> dict[str, Scorecard]:
    """Scorecards of every service, by name (sorted)."""
    return {name: score_service(repo, name, rules, today=today, git=git) for name in sorted(repo.services)}
