"""A piece of toil: manual, repetitive work, measured so it can be automated away.

Hours per month and the effort to automate decide where it sits in the toil priority
matrix; the inventory adds up to the share of SRE time lost to toil.
"""

from sre_docs.schemas.fields import enum, identifiers, number, text
from sre_docs.schemas.vocabulary import (
    AUTOMATION_DIFFICULTIES, TOIL_CATEGORIES, TOIL_FREQUENCIES, TOIL_STATUSES,
)

KIND = "toil_item"
SCOPE = "service"
SCHEMA = {
    "name": text("What the work is.", required=True),
    "category": enum(TOIL_CATEGORIES, "The kind of work.", required=True),
    "frequency": enum(TOIL_FREQUENCIES, "How often it comes up."),
    "time_per_occurrence_min": number("Minutes each occurrence takes.", min=0),
    "occurrences_per_month": number("How many times a month it comes up.", min=0),
    "total_hours_per_month": number("Hours a month it costs in all.", min=0),
    "teams_affected": identifiers("Teams that do the work."),
    "automation_difficulty": enum(AUTOMATION_DIFFICULTIES, "Effort needed to automate it."),
    "automation_value": number("Hours a month automation would save.", min=0),
    "priority_score": number("Value divided by difficulty: higher goes first.", min=0),
    "status": enum(TOIL_STATUSES, "Whether it is still done by hand."),
    "owner": text("Who drives the automation."),
}
EXAMPLE = """\
toil_item:
  name: Renew TLS certificates for partner endpoints
  category: config
  frequency: monthly
  time_per_occurrence_min: 90
  occurrences_per_month: 4
  total_hours_per_month: 6
  teams_affected: [payments]
  automation_difficulty: low
  automation_value: 6
  priority_score: 6
  status: automating
  owner: jonas
"""
