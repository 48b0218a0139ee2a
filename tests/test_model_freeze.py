"""The model hands the budget's recent history to the freeze rule.

``calc.budget_policy`` keeps a budget ``exhausted`` below 10% when it was exhausted before
(the deployment freeze); ``calc`` has its own tests for that. This one checks the model's
side: ``model.slo_budgets`` must work out the previous state from the window's history and
pass it on, or the CLI, the site and the policies would all show ``critical`` during a freeze.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from sre_docs.calc.budget_policy import BudgetState
from sre_docs.model.repository import load_repository
from sre_docs.model.slo_budgets import slo_budget

FIXTURE = Path(__file__).resolve().parent / "workflows" / "fixture"
TODAY = dt.datetime(2026, 11, 26, tzinfo=dt.timezone.utc)


def _incident(ident: str, started: str, consumed_pct: float) -> str:
    return f"""\
incident:
  id: {ident}
  title: Card gateway errors
  services: [payments]
  severity: SEV2
  status: review
  detection: alert
  timestamps:
    started: {started}
    detected: {started}
    mitigated: {started.replace("T10:00", "T10:10")}
    resolved: {started.replace("T10:00", "T11:00")}
  impact:
    function: degraded
    users: gt_25pct
    slo: payments-availability
    budget_consumed_pct: {consumed_pct}
"""


def _payments(tmp_path: Path, incidents: dict[str, tuple[str, float]]) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE, root)
    folder = root / "services" / "payments" / "incidents"
    folder.mkdir()
    for ident, (started, pct) in incidents.items():
        (folder / f"{ident}.yaml").write_text(_incident(ident, started, pct), encoding="utf-8")
    return root


def _budget(root: Path):
    repo = load_repository(root, workers=1, cache=False)
    service = repo.services["payments"]
    (slo,) = service.slos
    return slo_budget(repo, service, slo, as_of=TODAY)


def test_a_budget_that_ran_out_stays_frozen_below_ten_percent(tmp_path: Path) -> None:
    # payments-availability: 99.9% over a rolling 30d window, evaluated 2026-11-26T00:00Z.
    #   A 2026-10-20 spends 50%, B 2026-11-10 spends 55%, C 2026-11-15 spends 37%.
    #   On 2026-11-16 the window (from 2026-10-17) holds A+B+C = 142% spent: exhausted.
    #   On 2026-11-20 A has left the window (it starts 2026-10-21): B+C = 92% spent, 8% left.
    #   8% is below the 10% release line and the budget was exhausted, so the freeze holds
    #   until today: state exhausted, not the "critical" the bare thresholds give for 8%.
    root = _payments(tmp_path, {
        "INC-2026-101": ("2026-10-20T10:00:00Z", 50),
        "INC-2026-102": ("2026-11-10T10:00:00Z", 55),
        "INC-2026-103": ("2026-11-15T10:00:00Z", 37),
    })
    budget = _budget(root)
    assert budget.counted_incidents == ("INC-2026-101", "INC-2026-102", "INC-2026-103")
    assert budget.remaining_pct == pytest.approx(8.0)
    assert budget.state is BudgetState.EXHAUSTED
    assert budget.actions == ("Deploy freeze", "Postmortem for the exhaustion")


def test_the_same_eight_percent_without_an_exhaustion_is_critical(tmp_path: Path) -> None:
    # Only B and C: 92% spent, 8% left, and the budget never ran out in the window
    # (55% then 92%), so the thresholds apply: below 25% and above 0% is critical.
    root = _payments(tmp_path, {
        "INC-2026-102": ("2026-11-10T10:00:00Z", 55),
        "INC-2026-103": ("2026-11-15T10:00:00Z", 37),
    })
    budget = _budget(root)
    assert budget.remaining_pct == pytest.approx(8.0)
    assert budget.state is BudgetState.CRITICAL
    assert budget.actions == ("Reliability work only", "SRE approves every deploy")


def test_the_freeze_lifts_at_ten_percent(tmp_path: Path) -> None:
    # A 50% + B 55% + C 35%: exhausted on 2026-11-16 (140% spent); once A leaves the window,
    # B+C = 90% spent leaves exactly 10%, the release line: the thresholds apply again (critical).
    root = _payments(tmp_path, {
        "INC-2026-101": ("2026-10-20T10:00:00Z", 50),
        "INC-2026-102": ("2026-11-10T10:00:00Z", 55),
        "INC-2026-103": ("2026-11-15T10:00:00Z", 35),
    })
    budget = _budget(root)
    assert budget.remaining_pct == pytest.approx(10.0)
    assert budget.state is BudgetState.CRITICAL
