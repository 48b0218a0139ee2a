"""CHS002 (a chaos experiment planned while the error budget is not healthy, or at risk), case by case.

checkout-availability: 99.9% over 28 days; its only evidence is the incident a case writes, which states the share of
the budget it spent (``impact.budget_consumed_pct``). Today is 2026-11-26; budgets are evaluated at its start.
States: healthy above 50% left, warning from 25%, critical below 25%, exhausted at 0% or less.

The experiment (services/checkout/experiments/latency.yaml) has its ``status`` on line 4, value at column 11.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policy_cases import Case, Expected, run_case

EXPERIMENT = "services/checkout/experiments/latency.yaml"
BASE = {
    "org/teams.yaml": "team:\n  name: payments\n",
    "services/checkout/service.yaml": "service:\n  name: checkout\n  tier: standard\n  owner_team: payments\n",
    "services/checkout/slos.yaml": ("slo:\n  name: checkout-availability\n  service: checkout\n  sli: availability\n"
                                    "  target: 99.9\n  window: 28d\n"),
}


def repo(spent: float | None, *, status: str = "planned", day: str = "2026-11-10") -> dict[str, str]:
    files = {**BASE, EXPERIMENT: ("experiment:\n  name: checkout-latency\n  hypothesis: When the database slows down, "
                                  f"checkout will serve from cache\n  status: {status}\n")}
    if spent is not None:
        files["services/checkout/incidents/INC-2026-014.yaml"] = (
            "incident:\n  id: INC-2026-014\n  title: Checkout errors\n  services: [checkout]\n  severity: SEV2\n"
            f"  status: review\n  timestamps:\n    started: {day}T10:00:00Z\n    resolved: {day}T11:00:00Z\n"
            "  impact:\n    function: core_down\n    users: lt_25pct\n    slo: checkout-availability\n"
            f"    budget_consumed_pct: {spent:g}\n")
    return files


def blocked(state: str, status: str = "planned") -> Expected:
    return Expected("CHS002", EXPERIMENT, 4, 11, "error",
                    f"experiment is {status} but the error budget of checkout/checkout-availability is {state}; the "
                    "budget policy allows chaos experiments only while it is healthy and not at risk")


CASES = [
    Case("no evidence of any spend", repo(None)),
    Case("40% spent 16 days ago: 60% left, healthy", repo(40)),
    Case("50% spent: 50% left is warning", repo(50), (blocked("warning"),)),
    Case("80% spent: 20% left is critical", repo(80), (blocked("critical"),)),
    Case("120% spent: exhausted", repo(120), (blocked("exhausted"),)),
    Case("a completed experiment is history", repo(80, status="completed")),
    Case("a running one counts", repo(80, status="running"), (blocked("critical", "running"),)),
    # 30% spent yesterday: 70% left, healthy, but a day's burn of 0.3 x 28 = 8.4x empties the rest in
    # 0.7 x 28 / 8.4 = 2.3 days, inside the window: at risk.
    Case("30% spent yesterday: healthy but at risk", repo(30, day="2026-11-25"), (blocked("healthy, at risk"),)),
    Case("statuses [running]: a planned one is not upcoming", repo(80),
         config="policies:\n  CHS002: {options: {statuses: [running]}}\n"),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_chs002(tmp_path: Path, case: Case) -> None:
    assert run_case(tmp_path, "CHS002", case) == sorted(case.expected)
