from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sre_docs.calc.severity import (
    ESCALATION_RULES,
    SEVERITIES,
    SEVERITY_MATRIX,
    ImpactFunction,
    UserImpact,
    base_severity,
    classify_severity,
    escalate,
    is_at_least,
    more_severe,
    severity_rank,
    user_impact_for,
)

# The guide's matrix as printed: rows core/degraded/non-core/cosmetic, columns 1 user/<25%/>25%/all.
GUIDE_MATRIX = {
    "core_down": ["SEV3", "SEV2", "SEV1", "SEV1"],
    "degraded": ["SEV4", "SEV3", "SEV2", "SEV1"],
    "non_core_down": ["SEV4", "SEV3", "SEV3", "SEV2"],
    "cosmetic": ["SEV4", "SEV4", "SEV3", "SEV3"],
}
COLUMNS = ["one_user", "lt_25pct", "gt_25pct", "all_users"]


@pytest.mark.parametrize(
    ("function", "users", "expected"),
    [(function, users, row[index]) for function, row in GUIDE_MATRIX.items() for index, users in enumerate(COLUMNS)],
)
def test_matrix_cell_by_cell(function: str, users: str, expected: str) -> None:
    assert base_severity(function=function, users=users) == expected
    decision = classify_severity(function=function, users=users)
    assert decision.severity == decision.base == expected
    assert len(decision.reasons) == 1


def test_matrix_data_has_sixteen_distinct_cells() -> None:
    assert len(SEVERITY_MATRIX) == 16
    assert {(cell.function, cell.users) for cell in SEVERITY_MATRIX} == {
        (function, users) for function in ImpactFunction for users in UserImpact
    }


def test_severity_helpers() -> None:
    assert SEVERITIES == ("SEV1", "SEV2", "SEV3", "SEV4")
    assert severity_rank("SEV1") == 1 and severity_rank("SEV4") == 4
    assert more_severe("SEV3", "SEV2") == "SEV2"
    assert is_at_least("SEV1", "SEV2") and not is_at_least("SEV3", "SEV2")
    assert escalate("SEV3") == "SEV2" and escalate("SEV1") == "SEV1" and escalate("SEV4", 5) == "SEV1"
    assert escalate("SEV3", -3) == "SEV4"
    with pytest.raises(ValueError):
        severity_rank("P1")


def test_data_loss_is_sev1() -> None:
    decision = classify_severity(function="cosmetic", users="one_user", data_loss=True)
    assert (decision.base, decision.severity) == ("SEV4", "SEV1")
    assert decision.reasons[-1].startswith("data_loss:")


def test_pii_breach_is_sev1() -> None:
    assert classify_severity(function="non_core_down", users="lt_25pct", pii_breach=True).severity == "SEV1"


def test_revenue_impact_is_at_least_sev2() -> None:
    assert classify_severity(function="cosmetic", users="one_user", revenue_impact=True).severity == "SEV2"
    assert classify_severity(function="core_down", users="all_users", revenue_impact=True).severity == "SEV1"


def test_sla_breach_raises_one_level() -> None:
    assert classify_severity(function="non_core_down", users="lt_25pct", sla_breach_imminent=True).severity == "SEV2"
    assert classify_severity(function="core_down", users="all_users", sla_breach_imminent=True).severity == "SEV1"


def test_floors_apply_before_the_sla_raise() -> None:
    decision = classify_severity(function="degraded", users="lt_25pct", revenue_impact=True, sla_breach_imminent=True)
    assert (decision.base, decision.severity) == ("SEV3", "SEV1")
    assert [reason.split(":")[0] for reason in decision.reasons] == ["matrix", "revenue_impact", "sla_breach_imminent"]


def test_escalation_rules_as_data() -> None:
    assert {rule.id: (rule.floor, rule.levels_up) for rule in ESCALATION_RULES} == {
        "data_loss": ("SEV1", 0),
        "pii_breach": ("SEV1", 0),
        "revenue_impact": ("SEV2", 0),
        "sla_breach_imminent": (None, 1),
    }


@pytest.mark.parametrize(
    ("affected", "total", "column"),
    [(1, 1000, "one_user"), (249, 1000, "lt_25pct"), (250, 1000, "gt_25pct"), (999, 1000, "gt_25pct"),
     (1000, 1000, "all_users"), (1, 1, "all_users"), (2, 3, "gt_25pct")],
)
def test_user_impact_for(affected: int, total: int, column: str) -> None:
    assert user_impact_for(affected_users=affected, total_users=total) == column


def test_user_impact_for_rejects_impossible_counts() -> None:
    with pytest.raises(ValueError):
        user_impact_for(affected_users=0, total_users=10)
    with pytest.raises(ValueError):
        user_impact_for(affected_users=11, total_users=10)


def test_unknown_rows_and_columns_are_rejected() -> None:
    with pytest.raises(ValueError):
        classify_severity(function="down", users="all_users")
    with pytest.raises(ValueError):
        classify_severity(function="core_down", users="half")


functions = st.sampled_from(list(ImpactFunction))
users = st.sampled_from(list(UserImpact))
flags = st.booleans()


@settings(deadline=None)
@given(functions, functions, users, users)
def test_matrix_is_monotone_in_impact(
    function_a: ImpactFunction, function_b: ImpactFunction, users_a: UserImpact, users_b: UserImpact
) -> None:
    # Rows go from worst to mildest and columns from fewest to most users.
    rows, columns = list(ImpactFunction), list(UserImpact)
    worse_function = min(function_a, function_b, key=rows.index)
    milder_function = max(function_a, function_b, key=rows.index)
    more_users = max(users_a, users_b, key=columns.index)
    fewer_users = min(users_a, users_b, key=columns.index)
    worst = base_severity(function=worse_function, users=more_users)
    mildest = base_severity(function=milder_function, users=fewer_users)
    assert is_at_least(worst, mildest)


@settings(deadline=None)
@given(functions, users, st.lists(flags, min_size=8, max_size=8))
def test_more_escalation_triggers_never_lower_the_severity(
    function: ImpactFunction, users: UserImpact, switches: list[bool]
) -> None:
    names = ["data_loss", "pii_breach", "revenue_impact", "sla_breach_imminent"]
    fewer = dict(zip(names, switches[:4], strict=True))
    more = {name: fewer[name] or extra for name, extra in zip(names, switches[4:], strict=True)}
    low = classify_severity(function=function, users=users, **fewer)
    high = classify_severity(function=function, users=users, **more)
    assert is_at_least(high.severity, low.severity)
    assert is_at_least(low.severity, low.base)
