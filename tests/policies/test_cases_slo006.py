"""SLO006 (the multi-region strategy against the strictest SLO target), case by case.

The decision guide: under 99.9% one region; 99.9% to 99.95% (both included) active-passive; above 99.95% up to
99.99% active-active (reads or full); above 99.99% cell-based. A stronger strategy than needed is fine unless
``flag_overbuilt`` is on.

The service document: ``name`` on line 2 (value at column 9); with ``multi_region``, its ``strategy`` on line 6
(value at column 15).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policy_cases import Case, Expected, run_case

SERVICE = "services/checkout/service.yaml"


def repo(*targets: str, strategy: str | None = None) -> dict[str, str]:
    service = "service:\n  name: checkout\n  tier: standard\n  owner_team: payments\n"
    if strategy is not None:
        service += f"  multi_region:\n    strategy: {strategy}\n    regions: [eu-west-1, eu-central-1]\n"
    slos = "---\n".join(f"slo:\n  name: slo-{index}\n  service: checkout\n  sli: availability\n  target: {target}\n"
                        "  window: 28d\n" for index, target in enumerate(targets))
    return {"org/teams.yaml": "team:\n  name: payments\n", SERVICE: service, "services/checkout/slos.yaml": slos}


def warning(line: int, column: int, message: str) -> Expected:
    return Expected("SLO006", SERVICE, line, column, "warning", message)


CASES = [
    Case("99.5 in one region", repo("99.5")),
    Case("99.9 in one region: the finding points at the name", repo("99.9"),
         (warning(2, 9, "single-region cannot carry the 99.9% target of SLO slo-0; the decision guide calls for "
                        "active-passive"),)),
    Case("99.9 active-passive", repo("99.9", strategy="active-passive")),
    Case("99.95 is still active-passive", repo("99.95", strategy="active-passive")),
    Case("99.99 needs active-active", repo("99.99", strategy="active-passive"),
         (warning(6, 15, "active-passive cannot carry the 99.99% target of SLO slo-0; the decision guide calls for "
                         "active-active-read or active-active-full"),)),
    Case("the strictest of two SLOs counts", repo("99.5", "99.995", strategy="active-active-full"),
         (warning(6, 15, "active-active-full cannot carry the 99.995% target of SLO slo-1; the decision guide calls "
                         "for cell-based"),)),
    Case("stronger than needed passes by default", repo("99.5", strategy="cell-based")),
    Case("flag_overbuilt reports it", repo("99.5", strategy="cell-based"),
         (warning(6, 15, "cell-based is more than the 99.5% target needs (single-region)"),),
         config="policies:\n  SLO006: {options: {flag_overbuilt: true}}\n"),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_slo006(tmp_path: Path, case: Case) -> None:
    assert run_case(tmp_path, "SLO006", case) == sorted(case.expected)
