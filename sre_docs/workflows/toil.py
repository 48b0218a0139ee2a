"""Toil audit: the inventory with hours, priority and the matrix action, and the 25% budget.

Hours, automation value, priority score and the priority-matrix action come from
``calc.toil.assess_toil``; the share of SRE time from ``calc.toil.toil_share``. Each item's
hours and teams, and each team's toil and automated-away hours, come from
``model.toil_hours``, the rule TOL001, the handbook and the scorecards share: hours computed
from minutes x occurrences (the stated total only when those are missing), an item shared
by several teams split evenly between them, an item naming none belonging to its service's
owning team, automated items counted as automated away.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sre_docs.calc.toil import TOIL_BUDGET_PCT, assess_toil, toil_share
from sre_docs.model.repository import Repository
from sre_docs.model.toil_hours import ToilItem, team_toil, toil_items
from sre_docs.policies.tol001 import over_budget
from sre_docs.workflows.common import WorkflowError, suggest


@dataclass(frozen=True)
class ToilRow:
    service: str | None
    name: str
    path: str
    line: int
    category: str | None
    status: str | None
    teams: tuple[str, ...]
    hours_per_month: float | None
    automation_value_hours: float | None
    difficulty: str | None
    priority_score: float | None
    value_band: str | None
    action: str | None
    note: str | None = None


@dataclass(frozen=True)
class TeamToil:
    team: str
    toil_hours: float
    automated_hours: float
    sre_hours: float | None
    share_pct: float | None
    meets_target: bool | None
    over_budget: bool | None


@dataclass(frozen=True)
class ToilAudit:
    team: str | None
    rows: tuple[ToilRow, ...]
    teams: tuple[TeamToil, ...]
    budget_pct: float = TOIL_BUDGET_PCT
    notes: tuple[str, ...] = field(default_factory=tuple)


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _row(item: ToilItem) -> ToilRow:
    doc = item.doc
    difficulty = doc.get("automation_difficulty")
    value = _number(doc.get("automation_value"))
    base = dict(service=item.service, name=doc.get("name", default="?"), path=doc.path, line=doc.line,
                category=doc.get("category"), status=doc.get("status"), teams=item.teams, difficulty=difficulty)
    hours = item.hours
    if item.figures.source != "computed":
        note = "time_per_occurrence_min and occurrences_per_month are needed to compute the hours"
        return ToilRow(**base, hours_per_month=hours, automation_value_hours=value, priority_score=None,
                       value_band=None, action=None, note=note)
    if difficulty is None:
        return ToilRow(**base, hours_per_month=hours, automation_value_hours=value if value is not None else hours,
                       priority_score=None, value_band=None, action=None,
                       note="automation_difficulty is needed for the priority and the matrix action")
    minutes, count = _number(doc.get("time_per_occurrence_min")), _number(doc.get("occurrences_per_month"))
    assert minutes is not None and count is not None  # a computed figure had both
    assessed = assess_toil(time_per_occurrence_min=minutes, occurrences_per_month=count,
                           automation_difficulty=difficulty, automation_value_hours=value)
    return ToilRow(**base, hours_per_month=assessed.hours_per_month,
                   automation_value_hours=assessed.automation_value_hours, priority_score=assessed.priority_score,
                   value_band=str(assessed.value_band), action=str(assessed.action))


def audit(repo: Repository, *, team: str | None = None) -> ToilAudit:
    if team is not None and team not in repo.teams:
        raise WorkflowError(f"no team {team!r} in org/{suggest(team, repo.teams)}")
    rows = [_row(item) for item in toil_items(repo)]
    if team is not None:
        rows = [row for row in rows if team in row.teams]
    rows.sort(key=lambda row: (-(row.priority_score or -1), -(row.hours_per_month or 0), row.name))
    totals = team_toil(repo)
    names = [team] if team else sorted(set(totals) | {n for n, d in repo.teams.items() if d.get("sre_hours_per_month")})
    summaries = []
    notes: list[str] = []
    for name in names:
        spent = totals[name].toil_hours if name in totals else 0.0
        automated = totals[name].automated_hours if name in totals else 0.0
        doc = repo.teams.get(name)
        sre_hours = _number(doc.get("sre_hours_per_month")) if doc else None
        share_pct = meets = over = None
        if sre_hours:
            over = over_budget(spent, sre_hours, TOIL_BUDGET_PCT)
            result = toil_share(toil_hours=spent, sre_hours=sre_hours)
            share_pct, meets = result.share_pct, result.meets_target
            if spent > sre_hours:
                notes.append(f"{name}: {spent:.1f} toil hours exceed the {sre_hours:g} SRE hours available")
        elif doc is not None:
            notes.append(f"{name}: set sre_hours_per_month in org/ to measure the toil share")
        summaries.append(TeamToil(name, spent, automated, sre_hours, share_pct, meets, over))
    return ToilAudit(team, tuple(rows), tuple(summaries), notes=tuple(notes))


def audit_json(result: ToilAudit) -> dict[str, Any]:
    def r(value: float | None) -> float | None:
        return None if value is None else round(value, 2)

    return {
        "team": result.team,
        "budget_pct": result.budget_pct,
        "items": [
            {
                "service": row.service, "name": row.name, "path": row.path, "category": row.category,
                "status": row.status, "teams": list(row.teams), "hours_per_month": r(row.hours_per_month),
                "automation_value_hours": r(row.automation_value_hours), "difficulty": row.difficulty,
                "priority_score": r(row.priority_score), "value_band": row.value_band, "action": row.action,
                "note": row.note,
            }
            for row in result.rows
        ],
        "teams": [
            {
                "team": t.team, "toil_hours": r(t.toil_hours), "automated_hours": r(t.automated_hours),
                "sre_hours": t.sre_hours, "share_pct": r(t.share_pct), "meets_target": t.meets_target,
                "over_budget": t.over_budget,
            }
            for t in result.teams
        ],
        "notes": list(result.notes),
    }
