"""The incident command roles as the record holds them: one reading for INC006, the scorecards and the pages.

``roles`` maps each role to one person's handle (``subject_matter_experts`` to a list of handles). A role is held
when its value is a non-blank handle that is not a ``TODO:`` placeholder; :func:`named` is that test, so the lint
(INC006), the scorecard criterion (``incident_roles_assigned``) and anything counting who held which role agree
on what "named" means. ``sre-docs incident assign`` writes the fields and posts each change as a status update.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sre_docs.model.repository import Document

#: The single-person roles of the guide's ICS table, as ``roles`` keys, in the table's order.
SINGLE_ROLES: tuple[str, ...] = ("incident_commander", "communications_lead", "operations_lead", "scribe")
#: The role held by several people: a list of handles.
EXPERTS = "subject_matter_experts"
#: Severities whose incidents must name a commander (the guide's triage step; INC006's default).
COMMANDER_REQUIRED: tuple[str, ...] = ("SEV1", "SEV2")


def named(value: Any) -> bool:
    """Whether a role value names someone: a non-blank string that is not a ``TODO:`` placeholder (for the
    experts' list: at least one such string)."""
    if isinstance(value, list):
        return any(named(item) for item in value)
    return isinstance(value, str) and bool(value.strip()) and not value.strip().startswith("TODO:")


def holder(incident: Document, role: str) -> Any:
    """The value recorded for ``role`` (None when ``roles`` is missing or not a mapping)."""
    roles = incident.get("roles")
    return roles.get(role) if isinstance(roles, dict) else None


def role_missing(incident: Document, role: str, severities: Collection[str] = COMMANDER_REQUIRED) -> bool:
    """The incident's severity is one of ``severities`` and ``role`` names nobody. INC006 asks it for the commander;
    the scorecard's ``incident_roles_assigned`` for each role it is configured with."""
    return incident.get("severity") in severities and not named(holder(incident, role))
