"""A team: the people who own services and staff rotations.

Services and rotations name their team; the SRE hours a team has each month are what
its toil share is measured against.
"""

from sre_docs.schemas.fields import flag, identifier, identifiers, number, text

KIND = "team"
SCOPE = "org"
SCHEMA = {
    "name": identifier("Name of the team; services name it in `owner_team`.", required=True),
    "description": text("What the team is responsible for."),
    "members": identifiers("Member handles."),
    "manager": text("Who manages the team."),
    "slack": text("Where to reach the team, e.g. #team-payments."),
    "sre_hours_per_month": number("SRE hours available per month: the denominator of the toil share.", min=0),
    "is_sre_team": flag("The team is an SRE team rather than a product team."),
}
EXAMPLE = """\
team:
  name: payments
  description: Checkout, payment gateway integration and refunds.
  members: [amara, jonas, li-wei, sofia, noah]
  manager: rosa
  slack: "#team-payments"
  sre_hours_per_month: 320
  is_sre_team: false
"""
