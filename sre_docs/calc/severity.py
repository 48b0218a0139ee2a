"""Incident severity: the classification matrix and the rules that raise a severity automatically.

Severities are the strings ``"SEV1"`` (worst) to ``"SEV4"``. The matrix crosses *what broke* (rows) with *how
many users it hurts* (columns). Then the escalation rules apply, in this order:

1. floors -- data loss and a security breach exposing personal data make it at least SEV1; revenue impact makes
   it at least SEV2. The guide says revenue impact means "SEV1 or SEV2": we read that as a floor of SEV2, with
   SEV1 left to the incident commander or to another rule (for instance the next one);
2. an imminent SLA breach raises the result of step 1 by one level, never above SEV1. Applying it after the
   floors means a revenue-hitting incident that is about to breach an SLA becomes SEV1.

Users: exactly one user is ``one_user``; everyone is ``all_users``; otherwise a share below 25% is
``lt_25pct`` and a share of 25% or more is ``gt_25pct`` (the guide leaves exactly 25% out; we pick the more
severe column).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

__all__ = [
    "ESCALATION_RULES",
    "IMPACT_FUNCTION_LABELS",
    "SEVERITIES",
    "SEVERITY_MATRIX",
    "USER_IMPACT_LABELS",
    "EscalationRule",
    "ImpactFunction",
    "SeverityCell",
    "SeverityDecision",
    "UserImpact",
    "base_severity",
    "classify_severity",
    "escalate",
    "is_at_least",
    "more_severe",
    "severity_rank",
    "user_impact_for",
]

#: All severities, most severe first.
SEVERITIES: tuple[str, ...] = ("SEV1", "SEV2", "SEV3", "SEV4")


def severity_rank(severity: str) -> int:
    """1 for SEV1 up to 4 for SEV4: a lower rank is more severe. Raises ``ValueError`` for anything else.

    Example: ``severity_rank("SEV2") == 2``.
    """
    if severity not in SEVERITIES:
        raise ValueError(f"unknown severity {severity!r}: expected one of {', '.join(SEVERITIES)}")
    return SEVERITIES.index(severity) + 1


def more_severe(first: str, second: str) -> str:
    """The worse of two severities.

    Example: ``more_severe("SEV3", "SEV2") == "SEV2"``.
    """
    return first if severity_rank(first) <= severity_rank(second) else second


def is_at_least(severity: str, floor: str) -> bool:
    """Whether ``severity`` is as bad as ``floor`` or worse.

    Example: ``is_at_least("SEV1", "SEV2") is True``; ``is_at_least("SEV3", "SEV2") is False``.
    """
    return severity_rank(severity) <= severity_rank(floor)


def escalate(severity: str, levels: int = 1) -> str:
    """Raise a severity by ``levels``, stopping at SEV1; a negative count lowers it, stopping at SEV4.

    Example: ``escalate("SEV3") == "SEV2"``; ``escalate("SEV1") == "SEV1"``.
    """
    index = severity_rank(severity) - 1 - levels
    return SEVERITIES[min(max(index, 0), len(SEVERITIES) - 1)]


class ImpactFunction(StrEnum):
    """What the incident broke: the matrix rows, worst first."""

    CORE_DOWN = "core_down"
    DEGRADED = "degraded"
    NON_CORE_DOWN = "non_core_down"
    COSMETIC = "cosmetic"


class UserImpact(StrEnum):
    """How many users it hurts: the matrix columns, fewest first."""

    ONE_USER = "one_user"
    LT_25PCT = "lt_25pct"
    GT_25PCT = "gt_25pct"
    ALL_USERS = "all_users"


IMPACT_FUNCTION_LABELS: Mapping[ImpactFunction, str] = MappingProxyType({
    ImpactFunction.CORE_DOWN: "Core function down",
    ImpactFunction.DEGRADED: "Degraded performance",
    ImpactFunction.NON_CORE_DOWN: "Non-core feature down",
    ImpactFunction.COSMETIC: "Cosmetic or minor",
})

USER_IMPACT_LABELS: Mapping[UserImpact, str] = MappingProxyType({
    UserImpact.ONE_USER: "1 user",
    UserImpact.LT_25PCT: "under 25% of users",
    UserImpact.GT_25PCT: "25% of users or more",
    UserImpact.ALL_USERS: "all users",
})


@dataclass(frozen=True)
class SeverityCell:
    """One cell of the matrix."""

    function: ImpactFunction
    users: UserImpact
    severity: str


def _row(function: ImpactFunction, *severities: str) -> tuple[SeverityCell, ...]:
    cells = zip(UserImpact, severities, strict=True)
    return tuple(SeverityCell(function, users, severity) for users, severity in cells)


#: The guide's severity classification matrix, row by row in the order of :class:`ImpactFunction`, each row in
#: the column order of :class:`UserImpact`.
SEVERITY_MATRIX: tuple[SeverityCell, ...] = (
    *_row(ImpactFunction.CORE_DOWN, "SEV3", "SEV2", "SEV1", "SEV1"),
    *_row(ImpactFunction.DEGRADED, "SEV4", "SEV3", "SEV2", "SEV1"),
    *_row(ImpactFunction.NON_CORE_DOWN, "SEV4", "SEV3", "SEV3", "SEV2"),
    *_row(ImpactFunction.COSMETIC, "SEV4", "SEV4", "SEV3", "SEV3"),
)


@dataclass(frozen=True)
class EscalationRule:
    """An automatic escalation: a floor the severity must reach, and/or a number of levels to raise it."""

    id: str
    description: str
    floor: str | None = None
    levels_up: int = 0


#: The guide's auto-escalation triggers. Floors apply first, then level raises (see the module docstring).
ESCALATION_RULES: tuple[EscalationRule, ...] = (
    EscalationRule("data_loss", "Any loss of data makes it SEV1", floor="SEV1"),
    EscalationRule("pii_breach", "A security breach exposing personal data makes it SEV1", floor="SEV1"),
    EscalationRule("revenue_impact", "Lost revenue makes it SEV2 at least (SEV1 at the IC's call)", floor="SEV2"),
    EscalationRule("sla_breach_imminent", "An SLA about to be breached raises it one level", levels_up=1),
)


def base_severity(*, function: ImpactFunction | str, users: UserImpact | str) -> str:
    """Matrix lookup without escalation.

    Example: ``base_severity(function="degraded", users="gt_25pct") == "SEV2"``.
    """
    wanted_function, wanted_users = ImpactFunction(function), UserImpact(users)
    for cell in SEVERITY_MATRIX:
        if cell.function == wanted_function and cell.users == wanted_users:
            return cell.severity
    raise LookupError(f"severity matrix has no cell for {wanted_function}/{wanted_users}")  # pragma: no cover


def user_impact_for(*, affected_users: int, total_users: int) -> UserImpact:
    """Matrix column for a count of affected users out of the user base.

    Everyone affected -> ``all_users`` (this wins when the user base is a single user); exactly one ->
    ``one_user``; a share of 25% or more -> ``gt_25pct``; otherwise ``lt_25pct``.
    Example: 300 of 1,000 -> ``gt_25pct``; 250 of 1,000 -> ``gt_25pct``; 249 of 1,000 -> ``lt_25pct``.
    """
    if affected_users < 1 or total_users < 1:
        raise ValueError("an incident affects at least one user out of a user base of at least one")
    if affected_users > total_users:
        raise ValueError(f"affected_users ({affected_users}) exceeds total_users ({total_users})")
    if affected_users == total_users:
        return UserImpact.ALL_USERS
    if affected_users == 1:
        return UserImpact.ONE_USER
    return UserImpact.GT_25PCT if affected_users * 4 >= total_users else UserImpact.LT_25PCT


@dataclass(frozen=True)
class SeverityDecision:
    """A classification: the final severity, the matrix severity it started from, and why it changed."""

    severity: str
    base: str
    reasons: tuple[str, ...]


def classify_severity(
    *,
    function: ImpactFunction | str,
    users: UserImpact | str,
    data_loss: bool = False,
    pii_breach: bool = False,
    revenue_impact: bool = False,
    sla_breach_imminent: bool = False,
) -> SeverityDecision:
    """Matrix severity plus the auto-escalation rules.

    Examples: degraded performance for under 25% of users is SEV3; with revenue impact it becomes SEV2; with an
    imminent SLA breach as well, SEV1. A cosmetic issue for one user that lost data is SEV1.
    """
    wanted_function, wanted_users = ImpactFunction(function), UserImpact(users)
    base = base_severity(function=wanted_function, users=wanted_users)
    reasons = [
        f"matrix: {IMPACT_FUNCTION_LABELS[wanted_function].lower()} for {USER_IMPACT_LABELS[wanted_users]} is {base}"
    ]
    triggered = {
        "data_loss": data_loss,
        "pii_breach": pii_breach,
        "revenue_impact": revenue_impact,
        "sla_breach_imminent": sla_breach_imminent,
    }
    severity = base
    for rule in sorted(ESCALATION_RULES, key=lambda rule: rule.levels_up):  # floors (levels_up 0) first
        if not triggered.get(rule.id):
            continue
        before = severity
        if rule.floor is not None:
            severity = more_severe(severity, rule.floor)
        if rule.levels_up:
            severity = escalate(severity, rule.levels_up)
        change = f"{before} -> {severity}" if severity != before else f"stays {severity}"
        reasons.append(f"{rule.id}: {rule.description} ({change})")
    return SeverityDecision(severity=severity, base=base, reasons=tuple(reasons))
