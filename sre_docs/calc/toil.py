"""Toil: hours spent, what automating it is worth, where it sits in the priority matrix, the 25% budget.

Per toil item:

- hours per month = time per occurrence (min) x occurrences per month / 60;
- automation value = hours saved per month once automated; by default all of the hours per month;
- priority score = automation value / difficulty weight, with low = 1, medium = 2, high = 3 (a simple linear
  scale: medium work costs twice low work, high three times);
- value band: high above 10 h/month, medium from 2 to 10 h/month (both ends), low below 2 h/month;
- matrix action from the value band and the automation difficulty (effort).

Per team (:func:`team_toil_hours`), the one rule every surface uses:

- an item's hours are ``time_per_occurrence_min x occurrences_per_month / 60`` when both are
  given; a stated ``total_hours_per_month`` is used only when they are not, and a stated total
  more than ``STATED_TOTAL_TOLERANCE_HOURS`` away from the computed one is a mismatch to report;
- an item shared by several teams is split evenly between them: its hours are spent once, so the
  teams' toil adds up to the organisation's;
- an item whose status is ``automated`` is no longer toil: its hours count as automated away.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

__all__ = [
    "DIFFICULTY_WEIGHTS",
    "HIGH_VALUE_ABOVE_HOURS",
    "LOW_VALUE_BELOW_HOURS",
    "TOIL_BUDGET_PCT",
    "TOIL_MATRIX",
    "Effort",
    "ToilAction",
    "ToilAssessment",
    "ToilMatrixCell",
    "STATED_TOTAL_TOLERANCE_HOURS",
    "ItemHours",
    "TeamToilHours",
    "ToilItemInput",
    "ToilShare",
    "ValueBand",
    "assess_toil",
    "exceeds_tolerance",
    "item_hours",
    "team_toil_hours",
    "priority_score",
    "expected_priority_score",
    "value_exceeds_hours",
    "toil_hours_per_month",
    "toil_matrix_action",
    "toil_share",
    "value_band",
]


class Effort(StrEnum):
    """How hard the toil is to automate (the template's ``automation_difficulty``)."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class ValueBand(StrEnum):
    """How many hours a month automation would give back."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class ToilAction(StrEnum):
    """What to do about a toil item, from the priority matrix."""

    DO_FIRST = "DO FIRST"
    DO_SECOND = "DO SECOND"
    PLAN = "PLAN"
    EVALUATE = "EVALUATE"
    QUICK_WIN = "QUICK WIN"
    SKIP = "SKIP"


#: Divisors for the priority score.
DIFFICULTY_WEIGHTS: Mapping[Effort, int] = MappingProxyType({Effort.LOW: 1, Effort.MEDIUM: 2, Effort.HIGH: 3})

HIGH_VALUE_ABOVE_HOURS = 10.0
LOW_VALUE_BELOW_HOURS = 2.0


@dataclass(frozen=True)
class ToilMatrixCell:
    """One cell of the toil reduction priority matrix."""

    value: ValueBand
    effort: Effort
    action: ToilAction


#: The guide's toil reduction priority matrix, value rows high to low, effort columns low to high.
TOIL_MATRIX: tuple[ToilMatrixCell, ...] = (
    ToilMatrixCell(ValueBand.HIGH, Effort.LOW, ToilAction.DO_FIRST),
    ToilMatrixCell(ValueBand.HIGH, Effort.MEDIUM, ToilAction.DO_SECOND),
    ToilMatrixCell(ValueBand.HIGH, Effort.HIGH, ToilAction.PLAN),
    ToilMatrixCell(ValueBand.MEDIUM, Effort.LOW, ToilAction.DO_SECOND),
    ToilMatrixCell(ValueBand.MEDIUM, Effort.MEDIUM, ToilAction.PLAN),
    ToilMatrixCell(ValueBand.MEDIUM, Effort.HIGH, ToilAction.EVALUATE),
    ToilMatrixCell(ValueBand.LOW, Effort.LOW, ToilAction.QUICK_WIN),
    ToilMatrixCell(ValueBand.LOW, Effort.MEDIUM, ToilAction.SKIP),
    ToilMatrixCell(ValueBand.LOW, Effort.HIGH, ToilAction.SKIP),
)

#: Most of an SRE's time that toil may take, in percent (the target is to stay below it).
TOIL_BUDGET_PCT = 25.0


def _non_negative(name: str, value: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{name} must be a number, not {type(value).__name__}")
    if not value >= 0:
        raise ValueError(f"{name} must not be negative, got {value!r}")
    return float(value)


def toil_hours_per_month(*, time_per_occurrence_min: float, occurrences_per_month: float) -> float:
    """Hours a month the toil costs: ``minutes per occurrence x occurrences per month / 60``.

    Example: 15 minutes, 40 times a month -> 10 hours.
    """
    minutes = _non_negative("time_per_occurrence_min", time_per_occurrence_min)
    return minutes * _non_negative("occurrences_per_month", occurrences_per_month) / 60


def priority_score(*, automation_value_hours: float, difficulty: Effort | str) -> float:
    """Automation value divided by the difficulty weight (low 1, medium 2, high 3).

    Example: 12 hours saved a month at medium difficulty -> 6.0.
    """
    return _non_negative("automation_value_hours", automation_value_hours) / DIFFICULTY_WEIGHTS[Effort(difficulty)]


def value_band(hours_per_month: float) -> ValueBand:
    """High above 10 h/month, low below 2 h/month, medium from 2 to 10 inclusive.

    Example: 10 -> medium; 10.5 -> high; 1.9 -> low.
    """
    hours = _non_negative("hours_per_month", hours_per_month)
    if hours > HIGH_VALUE_ABOVE_HOURS:
        return ValueBand.HIGH
    if hours < LOW_VALUE_BELOW_HOURS:
        return ValueBand.LOW
    return ValueBand.MEDIUM


def toil_matrix_action(*, value_hours: float, effort: Effort | str) -> ToilAction:
    """The matrix action for an automation value (hours/month) and effort.

    Examples: 12 h, low effort -> DO FIRST; 5 h, high -> EVALUATE; 1 h, low -> QUICK WIN; 1 h, medium -> SKIP.
    """
    band, wanted = value_band(value_hours), Effort(effort)
    for cell in TOIL_MATRIX:
        if cell.value == band and cell.effort == wanted:
            return cell.action
    raise LookupError(f"toil matrix has no cell for {band}/{wanted}")  # pragma: no cover


@dataclass(frozen=True)
class ToilAssessment:
    """Everything the toil inventory derives for one item."""

    hours_per_month: float
    automation_value_hours: float
    priority_score: float
    value_band: ValueBand
    action: ToilAction


def assess_toil(
    *,
    time_per_occurrence_min: float,
    occurrences_per_month: float,
    automation_difficulty: Effort | str,
    automation_value_hours: float | None = None,
) -> ToilAssessment:
    """Hours, value, priority score and matrix action for one toil item.

    ``automation_value_hours`` defaults to the item's hours per month (automation removes all of it). The value
    band and action use the automation value. Example: 30 min x 30 a month, low difficulty -> 15 h, value 15,
    priority 15, high value, DO FIRST.
    """
    hours = toil_hours_per_month(
        time_per_occurrence_min=time_per_occurrence_min, occurrences_per_month=occurrences_per_month
    )
    value = hours if automation_value_hours is None else _non_negative("automation_value_hours", automation_value_hours)
    return ToilAssessment(
        hours_per_month=hours,
        automation_value_hours=value,
        priority_score=priority_score(automation_value_hours=value, difficulty=automation_difficulty),
        value_band=value_band(value),
        action=toil_matrix_action(value_hours=value, effort=automation_difficulty),
    )


@dataclass(frozen=True)
class ToilShare:
    """Share of SRE time spent on toil against the 25% budget.

    ``meets_target`` is the guide's target (below 25%); ``over_budget`` its trigger for putting automation ahead
    of feature work (above 25%). Exactly 25% is neither.
    """

    share_pct: float
    meets_target: bool
    over_budget: bool


def toil_share(*, toil_hours: float, sre_hours: float, budget_pct: float = TOIL_BUDGET_PCT) -> ToilShare:
    """Toil hours as a percentage of SRE hours, compared with the budget.

    Example: 30 toil hours of 160 -> 18.75%, meets the target; 48 of 160 -> 30%, over budget. A share has no
    upper bound: 25 toil hours of 20 SRE hours is 125%, a team that needs more people than it has, shown as such.
    """
    toil = _non_negative("toil_hours", toil_hours)
    total = _non_negative("sre_hours", sre_hours)
    if total == 0:
        raise ValueError("sre_hours must be positive")
    share = 100 * toil / total
    return ToilShare(share_pct=share, meets_target=share < budget_pct, over_budget=share > budget_pct)


#: A stated ``total_hours_per_month`` within this many hours of the computed one agrees with it (3 minutes:
#: 6.67 for 40 min x 10 a month, or a total rounded to one decimal, are both fine).
STATED_TOTAL_TOLERANCE_HOURS = 0.05


def exceeds_tolerance(stated: float, computed: float, tolerance: float = STATED_TOTAL_TOLERANCE_HOURS) -> bool:
    """A stated total further than ``tolerance`` hours from the computed one (the bound itself is within).

    The difference is rounded to 9 decimals first, so 10.05 against 10 is exactly 0.05, not 0.0500000000007.
    Example: 10.05 stated, 10 computed -> False (0.05 is within); 6.6 stated, 6.667 computed -> True (0.067).
    """
    return round(abs(stated - computed), 9) > tolerance


@dataclass(frozen=True)
class ItemHours:
    """An item's hours a month and where they came from.

    ``source`` is ``"computed"`` (minutes x occurrences / 60), ``"stated"`` (only the total was given)
    or ``None`` (neither: the hours are unknown). ``mismatch`` is set when a stated total disagrees
    with the computed hours by more than the tolerance.
    """

    hours: float | None
    source: str | None
    stated: float | None = None
    mismatch: bool = False


def item_hours(*, time_per_occurrence_min: float | None, occurrences_per_month: float | None,
               stated_total: float | None = None) -> ItemHours:
    """The hours a month one toil item costs, computed when it can be, else as stated.

    Examples: 40 min x 10 with 6.67 stated -> 6.667 h, computed, no mismatch (6.67 - 6.667 = 0.003);
    30 min x 20 with 12 stated -> 10 h, computed, mismatch (12 - 10 = 2 > 0.05); only 4.5 stated -> 4.5 h, stated.
    """
    if time_per_occurrence_min is not None and occurrences_per_month is not None:
        hours = toil_hours_per_month(time_per_occurrence_min=time_per_occurrence_min,
                                     occurrences_per_month=occurrences_per_month)
        mismatch = stated_total is not None and exceeds_tolerance(stated_total, hours)
        return ItemHours(hours, "computed", stated_total, mismatch)
    if stated_total is not None:
        return ItemHours(_non_negative("total_hours_per_month", stated_total), "stated", stated_total)
    return ItemHours(None, None)


@dataclass(frozen=True)
class ToilItemInput:
    """What the team totals need of one item: its hours, the teams it belongs to, whether it is automated."""

    hours: float | None
    teams: tuple[str, ...]
    automated: bool


@dataclass(frozen=True)
class TeamToilHours:
    """One team's toil a month (items not automated) and the hours automated away, each split evenly."""

    toil_hours: float
    automated_hours: float


def team_toil_hours(items: tuple[ToilItemInput, ...] | list[ToilItemInput]) -> dict[str, TeamToilHours]:
    """Toil and automated-away hours per team; a shared item is split evenly between its teams.

    Example: 9 h shared by discovery and data-platform and 4 h automated for data-platform ->
    discovery 4.5 toil; data-platform 4.5 toil and 4 automated. Items with unknown hours or no team add nothing.
    """
    toil: dict[str, float] = {}
    automated: dict[str, float] = {}
    for item in items:
        teams = tuple(dict.fromkeys(item.teams))  # a team named twice gets one share
        if item.hours is None or not teams:
            continue
        share = item.hours / len(teams)
        for team in teams:
            target = automated if item.automated else toil
            target[team] = target.get(team, 0.0) + share
            (toil if item.automated else automated).setdefault(team, 0.0)
    return {team: TeamToilHours(toil.get(team, 0.0), automated.get(team, 0.0)) for team in sorted(toil.keys() | automated.keys())}


def expected_priority_score(*, automation_value_hours: float | None, hours_per_month: float | None,
                            difficulty: Effort | str) -> float | None:
    """The priority score an item's inputs give: its automation value (else its hours) / the difficulty weight.

    The value defaults to the item's hours, as in :func:`assess_toil` (automation removes all of it); None when
    neither is known. Examples: value 10, medium -> 10 / 2 = 5.0; no value, 40 min x 10 = 6.667 h, high ->
    6.667 / 3 = 2.222; nothing known -> None.
    """
    basis = automation_value_hours if automation_value_hours is not None else hours_per_month
    if basis is None:
        return None
    return priority_score(automation_value_hours=basis, difficulty=difficulty)


def value_exceeds_hours(automation_value_hours: float, hours_per_month: float,
                        tolerance: float = STATED_TOTAL_TOLERANCE_HOURS) -> bool:
    """Automation that would save more hours than the toil costs (beyond the tolerance): impossible.

    Example: 12 h saved of a 10 h item -> True; 10.05 of 10 -> False (within 0.05); 4 of 10 -> False (partial
    automation saves less).
    """
    return round(automation_value_hours - hours_per_month, 9) > tolerance
