"""SLO005 (an SLO at or above its tier's floor; critical and important services have one) case by case.

Each case is a service (``services/checkout/service.yaml``, tier on line 3, value at
column 9) and, when given, one SLO (``slos.yaml``, target on line 4, value at column 11).
Floors by default: critical 99.95, important 99.9, standard 99.5, experimental 99.0.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policy_cases import Case, Expected, run_case

SERVICE = "services/checkout/service.yaml"
SLOS = "services/checkout/slos.yaml"


def repo(tier: str, target: str | None) -> dict[str, str]:
    files = {SERVICE: f"service:\n  name: checkout\n  tier: {tier}\n  owner_team: payments\n"}
    if target is not None:
        files[SLOS] = f"slo:\n  service: checkout\n  sli: availability\n  target: {target}\n  window: 28d\n"
    return files


def below(target: str, floor: str, tier: str) -> Expected:
    return Expected("SLO005", SLOS, 4, 11, "error", f"target {target}% is below the {floor}% floor for {tier} services")


def no_slo(tier: str) -> Expected:
    return Expected("SLO005", SERVICE, 3, 9, "error", f"{tier} service checkout has no SLO; {tier} services need at least one")


CASES = [
    Case("critical at its floor", repo("critical", "99.95")),
    Case("critical just under: 99.94", repo("critical", "99.94"), (below("99.94", "99.95", "critical"),)),
    Case("important at its floor", repo("important", "99.9")),
    Case("important under: 99.89", repo("important", "99.89"), (below("99.89", "99.9", "important"),)),
    Case("standard under: 99.4", repo("standard", "99.4"), (below("99.4", "99.5", "standard"),)),
    Case("experimental at 99", repo("experimental", "99")),
    Case("experimental under: 98.99", repo("experimental", "98.99"), (below("98.99", "99", "experimental"),)),
    Case("critical without an SLO", repo("critical", None), (no_slo("critical"),)),
    Case("important without an SLO", repo("important", None), (no_slo("important"),)),
    Case("standard without an SLO is allowed", repo("standard", None)),
    Case("require_slo_tiers [standard] asks standard services too", repo("standard", None), (no_slo("standard"),),
         config="policies:\n  SLO005: {options: {require_slo_tiers: [standard]}}\n"),
    Case("a floor set in config", repo("standard", "99.8"), (below("99.8", "99.9", "standard"),),
         config="policies:\n  SLO005: {options: {floors: {standard: 99.9}}}\n"),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_slo005(tmp_path: Path, case: Case) -> None:
    assert run_case(tmp_path, "SLO005", case) == sorted(case.expected)
