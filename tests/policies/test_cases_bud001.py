"""BUD001 (an error budget in a state the policy acts on, or running out at the current burn), case by case.

The same organisation as CHS002's cases (``test_cases_chs002.repo``): checkout-availability, 99.9% over 28 days, its
only evidence the incident a case writes with the share of the budget it spent. The SLO's ``target`` is on line 5,
value at column 11. The actions are those of the built-in policy (no org/error_budget_policy.yaml).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policy_cases import Case, Expected, run_case
from test_cases_chs002 import repo

SLOS = "services/checkout/slos.yaml"
WARNING = ("Watch monitoring more closely; Look over recent changes for risk; Keep risky deployments to business hours; "
           "Pause chaos experiments")
CRITICAL = ("Freeze features: only reliability work proceeds; Every deployment needs SRE sign-off; Every change carries "
            "a rollback plan; Review the error budget every day")
EXHAUSTED = ("Stop all deployments; Move all engineering effort to reliability; Inform the VP of Engineering; Write a "
             "postmortem on the exhaustion; Keep the freeze until 10% of the budget has recovered")


def low(state: str, actions: str) -> Expected:
    return Expected("BUD001", SLOS, 5, 11, "error",
                    f"error budget of SLO checkout-availability is {state}; the policy asks: {actions}")


CASES = [
    Case("60% left is healthy", repo(40)),
    Case("50% left is warning, not reported by default", repo(50)),
    Case("warning among the states", repo(50), (low("warning", WARNING),),
         config="policies:\n  BUD001: {options: {states: [warning, critical, exhausted]}}\n"),
    Case("20% left is critical", repo(80), (low("critical", CRITICAL),)),
    Case("-20% left is exhausted", repo(120), (low("exhausted", EXHAUSTED),)),
    # 30% spent yesterday: 70% left; the day's burn is 0.3 x 28 = 8.4x; 0.7 / 8.4 x 28 days = 2 days 8 hours after
    # the start of today (2026-11-26 00:00): 2026-11-28 08:00 UTC. A warning, whatever the policy's level.
    Case("healthy but at risk", repo(30, day="2026-11-25"),
         (Expected("BUD001", SLOS, 5, 11, "warning",
                   "error budget of SLO checkout-availability is healthy, at risk: at the current 1d burn rate of 8.40x "
                   "the 70.0% left runs out on 2026-11-28 08:00 UTC, inside the 28d window"),)),
    Case("at_risk false", repo(30, day="2026-11-25"), config="policies:\n  BUD001: {options: {at_risk: false}}\n"),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_bud001(tmp_path: Path, case: Case) -> None:
    assert run_case(tmp_path, "BUD001", case) == sorted(case.expected)
