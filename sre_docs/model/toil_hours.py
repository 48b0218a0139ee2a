"""Toil of the repository's teams: the one path from the toil inventory to ``calc.toil``.

``sre-docs toil audit``, the monthly report, TOL001/TOL002, the handbook's toil page and the
scorecards' toil criteria all ask this module, so a team's toil is one number everywhere. The
rules (``calc.toil`` holds the arithmetic):

- **Hours.** ``time_per_occurrence_min x occurrences_per_month / 60`` when both are given, else
  the stated ``total_hours_per_month``. A stated total that disagrees with the computed hours
  (by more than 0.05 h) is reported by TOL002 and otherwise ignored.
- **Teams.** The teams named in ``teams_affected``; an item naming none belongs to the owning
  team (``owner_team``) of the service it is filed under.
- **Shared items** are split evenly between their teams: the hours are spent once.
- **Automated items** (``status: automated``) are no longer toil; their hours are shown as
  automated away.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

from sre_docs.calc.toil import ItemHours, TeamToilHours, ToilItemInput, item_hours, team_toil_hours
from sre_docs.model.repository import Document, Repository, Service

__all__ = ["ToilItem", "team_toil", "toil_item", "toil_items"]


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        return None
    return float(value)


@dataclass(frozen=True)
class ToilItem:
    """One toil item as every surface counts it."""

    doc: Document
    service: str | None
    teams: tuple[str, ...]
    figures: ItemHours

    @property
    def hours(self) -> float | None:
        return self.figures.hours

    @property
    def automated(self) -> bool:
        return self.doc.get("status") == "automated"


def toil_item(service: Service | None, doc: Document) -> ToilItem:
    """Hours and teams of one toil item (see the module's rules)."""
    owner = service.catalog.get("owner_team") if service is not None and service.catalog is not None else None
    named = doc.get("teams_affected", default=[])
    # Items the schema refused are None (kept so that list positions stay put): they name no team.
    teams = tuple(t for t in named if isinstance(t, str)) if isinstance(named, list) else ()
    if not teams and isinstance(owner, str):
        teams = (owner,)
    figures = item_hours(time_per_occurrence_min=_number(doc.get("time_per_occurrence_min")),
                         occurrences_per_month=_number(doc.get("occurrences_per_month")),
                         stated_total=_number(doc.get("total_hours_per_month")))
    return ToilItem(doc, service.name if service is not None else doc.service, teams, figures)


def toil_items(repo: Repository) -> list[ToilItem]:
    """Every toil item of every service, in service order then file order."""
    return [toil_item(service, doc) for _, service in sorted(repo.services.items()) for doc in service.toil]


#: Team totals per repository: every service's scorecard asks for its owner's total.
_TEAMS: WeakKeyDictionary[Repository, dict[str, TeamToilHours]] = WeakKeyDictionary()


def team_toil(repo: Repository) -> dict[str, TeamToilHours]:
    """Toil and automated-away hours a month per team, by the module's rules (computed once per repository)."""
    found = _TEAMS.get(repo)
    if found is None:
        found = team_toil_hours([ToilItemInput(item.hours, item.teams, item.automated) for item in toil_items(repo)])
        _TEAMS[repo] = found
    return found
