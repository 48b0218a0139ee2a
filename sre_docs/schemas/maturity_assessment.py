"""A team's own maturity assessment: a score from 1 to 5 in each of eight dimensions.

The scores add up to 8-40, which places a service between firefighting and advanced;
the scorecards set them beside what the repo's documents show.
"""

from sre_docs.schemas.fields import count, formatted, mapping, text
from sre_docs.schemas.vocabulary import MATURITY_DIMENSION_LABELS, MATURITY_SCORE_RANGE

_LOW, _HIGH = MATURITY_SCORE_RANGE

KIND = "maturity_assessment"
SCOPE = "service"
SCHEMA = {
    "service": text("The service assessed.", required=True),
    "date": formatted("date", "When the assessment was made.", required=True),
    "assessor": text("Who made it."),
    "scores": mapping(
        {
            dimension: count(f"{label}: {_LOW} (ad hoc) to {_HIGH} (optimised).", required=True, min=_LOW, max=_HIGH)
            for dimension, label in MATURITY_DIMENSION_LABELS
        },
        "A score for each of the eight dimensions.",
        required=True,
    ),
    "notes": text("Why the scores are what they are."),
}
EXAMPLE = """\
maturity_assessment:
  service: checkout
  date: 2026-10-01
  assessor: amara
  scores:
    slos: 4
    monitoring: 4
    incident_response: 3
    automation: 4
    chaos_engineering: 2
    capacity_planning: 3
    toil_management: 3
    oncall_health: 4
  notes: Chaos experiments only in staging so far.
"""
