"""SLO009: the exact findings for burn-rate alerts that can never fire or outlast their SLO window."""

from __future__ import annotations

from policy_helpers import FIXTURES, lint_folder

NEVER = "is not below 100%, so the error ratio can never exceed it"


def test_slo009_findings_are_exact():
    findings = [f for f in lint_folder(FIXTURES / "SLO009" / "fail") if f.code == "SLO009"]
    assert [(f.path, f.line, f.column, f.severity.value, f.message) for f in findings] == [
        # 365d at 99%: the Workbook fast burn is 2% x 8760h / 1h = 175.2; 175.2 x 1% = 175.2% of events.
        ("services/checkout/slos.yaml", 6, 11, "error",
         f"burn-rate alert yearly_fast_burn (Workbook tier for a 365d window): its threshold 175.2 x 1% = 175.2% "
         f"of events {NEVER}"),
        # 1000 x (100 - 99.9)% = 100%: an error ratio is never above 1.
        ("services/checkout/slos.yaml", 16, 18, "error",
         f"burn-rate alert daily-fast-burn: its threshold 1000 x 0.1% = 100% of events {NEVER}"),
        ("services/checkout/slos.yaml", 23, 20, "error",
         "burn-rate alert daily-slow-burn: its long window 3d is longer than the SLO window 1d"),
    ]
