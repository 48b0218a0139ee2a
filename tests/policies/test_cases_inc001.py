"""INC001 (an incident's severity against the guide's matrix and escalations), case by case.

The matrix (columns: 1 user, under 25%, 25% or more, all users): core function down SEV3 SEV2 SEV1 SEV1;
degraded SEV4 SEV3 SEV2 SEV1. Data loss or a PII breach makes it SEV1; an imminent SLA breach raises it a level.

An incident written by ``incident()``::

    5   severity: SEVx            (value at column 13)
    9   impact:
    10    function: ...
    11    users: ...              (value at column 12)
    12..  users_pct, flags        (when given)
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policy_cases import Case, Expected, run_case

BASE = {"services/checkout/service.yaml": "service:\n  name: checkout\n  tier: standard\n  owner_team: payments\n",
        "org/teams.yaml": "team:\n  name: payments\n"}
PATH = "services/checkout/incidents/INC-2026-014.yaml"


def incident(severity: str, function: str, users: str, *more: str) -> dict[str, str]:
    text = (f"incident:\n  id: INC-2026-014\n  title: Checkout errors\n  services: [checkout]\n  severity: {severity}\n"
            "  status: review\n  timestamps:\n    started: 2026-11-17T10:00:00Z\n"
            f"  impact:\n    function: {function}\n    users: {users}\n" + "".join(f"    {line}\n" for line in more))
    return {**BASE, PATH: text}


def severity(message: str) -> Expected:
    return Expected("INC001", PATH, 5, 13, "error", message)


CASES = [
    Case("core down for all users is SEV1", incident("SEV1", "core_down", "all_users")),
    Case("recorded SEV3 for a SEV1 impact", incident("SEV3", "core_down", "all_users"),
         (severity("recorded SEV3, but the impact calls for SEV1: matrix: core function down for all users is SEV1"),)),
    Case("degraded for under 25% is SEV3", incident("SEV3", "degraded", "lt_25pct")),
    Case("more severe than the matrix is allowed by default", incident("SEV1", "degraded", "lt_25pct")),
    Case("allow_more_severe false", incident("SEV1", "degraded", "lt_25pct"),
         (severity("recorded SEV1, but the impact calls for SEV3: matrix: degraded performance for under 25% of users "
                   "is SEV3"),),
         config="policies:\n  INC001: {options: {allow_more_severe: false}}\n"),
    Case("data loss makes it SEV1", incident("SEV3", "degraded", "lt_25pct", "data_loss: true"),
         (severity("recorded SEV3, but the impact calls for SEV1: matrix: degraded performance for under 25% of users "
                   "is SEV3; data_loss: Any loss of data makes it SEV1 (SEV3 -> SEV1)"),)),
    Case("an imminent SLA breach raises it one level", incident("SEV2", "core_down", "lt_25pct", "sla_breach_imminent: true"),
         (severity("recorded SEV2, but the impact calls for SEV1: matrix: core function down for under 25% of users "
                   "is SEV2; sla_breach_imminent: An SLA about to be breached raises it one level (SEV2 -> SEV1)"),)),
    # users_pct 25 is the first percent of the "25% or more" column; the severity is judged on the column given.
    Case("users_pct 25 is not under 25%", incident("SEV3", "degraded", "lt_25pct", "users_pct: 25"),
         (Expected("INC001", PATH, 11, 12, "error", "impact.users is lt_25pct but users_pct 25% puts it in gt_25pct"),)),
    Case("users_pct 24.9 is", incident("SEV3", "degraded", "lt_25pct", "users_pct: 24.9")),
    Case("users_pct 100 is all users", incident("SEV1", "degraded", "gt_25pct", "users_pct: 100"),
         (Expected("INC001", PATH, 11, 12, "error", "impact.users is gt_25pct but users_pct 100% puts it in all_users"),)),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_inc001(tmp_path: Path, case: Case) -> None:
    assert run_case(tmp_path, "INC001", case) == sorted(case.expected)
