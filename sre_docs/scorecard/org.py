"""The organisation view over every service's scorecard: who leads, how services spread over
the maturity bands, and which dimension is weakest across the organisation (where the next
investment pays most). Pure: scorecards in, a frozen ``OrgView`` out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sre_docs.calc.scores import MATURITY_BANDS, MATURITY_DIMENSIONS, MaturityBand, OrgQuality, org_quality
from sre_docs.scorecard.score import Scorecard


@dataclass(frozen=True)
class DimensionStanding:
    """How the organisation does on one dimension."""

    id: str
    name: str
    mean_level: float
    #: Services at maturity 1 or 2 on this dimension.
    lagging: tuple[str, ...]
    #: What level 3 and 5 look like, from the guide.
    defined: str
    optimised: str


@dataclass(frozen=True)
class OrgView:
    #: Scorecards ordered by maturity total, then quality score, then name.
    leaderboard: tuple[Scorecard, ...]
    #: Every band with the services in it, lowest band first (empty bands included).
    bands: tuple[tuple[MaturityBand, tuple[str, ...]], ...]
    #: Dimensions, weakest first.
    dimensions: tuple[DimensionStanding, ...]
    #: Services whose own assessment disagrees with the evidence: (service, dimension ids).
    disagreements: tuple[tuple[str, tuple[str, ...]], ...]
    #: The organisation's 0-100 quality score (mean of the services') and its band; None with no service.
    quality: OrgQuality | None = None

    @property
    def weakest(self) -> DimensionStanding | None:
        """The dimension with the lowest mean level; None when every service is at 5 everywhere."""
        if not self.dimensions or self.dimensions[0].mean_level >= 5:
            return None
        return self.dimensions[0]

    @property
    def mean_total(self) -> float | None:
        return sum(c.total for c in self.leaderboard) / len(self.leaderboard) if self.leaderboard else None


def org_view(cards: Mapping[str, Scorecard]) -> OrgView:
    ranked = tuple(sorted(cards.values(), key=lambda c: (-c.total, -c.quality, c.service)))
    bands = tuple(
        (band, tuple(c.service for c in ranked if band.low <= c.total <= band.high)) for band in MATURITY_BANDS
    )
    standings = []
    guide_order = {d.id: i for i, d in enumerate(MATURITY_DIMENSIONS)}
    for dimension in MATURITY_DIMENSIONS:
        levels = [(c.service, c.dimension(dimension.id).maturity) for c in ranked]
        if not levels:
            continue
        mean = sum(level for _, level in levels) / len(levels)
        standings.append(DimensionStanding(
            id=dimension.id, name=dimension.name, mean_level=mean,
            lagging=tuple(sorted(service for service, level in levels if level <= 2)),
            defined=dimension.level_3, optimised=dimension.level_5,
        ))
    standings.sort(key=lambda s: (s.mean_level, guide_order[s.id]))
    disagreements = tuple(
        (c.service, tuple(d.id for d in c.disagreements)) for c in sorted(ranked, key=lambda c: c.service) if c.disagreements
    )
    return OrgView(ranked, bands, tuple(standings), disagreements, org_quality([c.quality for c in ranked]))
