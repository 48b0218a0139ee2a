"""Each kind of change as the terminal and the pull-request comment word it (``impact/renderers.py``).

The golden comment in ``test_diff.py`` shows one realistic change; this table gives each headline its own row,
built from the comparison's dataclasses directly, so every branch of the wording is pinned by an exact line.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from sre_docs.findings import Finding, Severity
from sre_docs.impact.changes import (
    AlertChange, BurnAlertChange, CapacityChange, DeletedRunbook, DimensionChange, FindingsDiff, Impact, Pair,
    RuleChange, ScoreChange, ServiceChange, SloChange,
)
from sre_docs.impact.renderers import MAX_HEADLINES, MAX_ROWS, Base, render_markdown, render_text
from sre_docs.model.slo_budgets import BurnAlertFacts

BASE = Base("0123456789abcdef", "main")
EMPTY = Impact(as_of=dt.date(2026, 11, 26), findings=FindingsDiff((), (), ()), slos=(), scores=(), alerts=(),
               deleted_runbooks=(), services=(), capacity=(), rotations=())


def _slo(change: str = "changed", *, target=(99.9, 99.9), window=("28d", "28d"), sla=(None, None), budget=(40.32, 40.32),
         spent=(10.0, 10.0), state=("healthy", "healthy"), actions=(), burn=()) -> SloChange:
    return SloChange("checkout", "checkout-availability", "services/checkout/slos.yaml", change, Pair(*target),
                     Pair(*window), Pair(*sla), Pair(*budget), Pair(*spent), Pair(*state), tuple(actions), tuple(burn))


def _burn(rate: float | None, long: str | None, short: str | None, severity: str | None) -> BurnAlertFacts:
    return BurnAlertFacts("fast", rate, long, short, severity, None, None, None)


def _finding(code: str, level: Severity, line: int = 1) -> Finding:
    return Finding(code, level, "services/checkout/slos.yaml", line, 3, f"{code} message")


def _headline(**changes) -> str:
    """The one headline line of the terminal report (after the heading line)."""
    lines = render_text(dataclasses.replace(EMPTY, **changes), BASE).splitlines()
    assert lines[0] == "Reliability impact, compared with 0123456789ab (main) as of 2026-11-26:"
    return lines[1]


@pytest.mark.parametrize(("changes", "line"), [
    # SLOs: added (budget 40.32 min shown to 0.1; 12.4% spent shown whole), removed.
    (dict(slos=(_slo("added", target=(None, 99.9), window=(None, "28d"), budget=(None, 40.32), spent=(None, 12.4),
                     state=(None, "healthy")),)),
     "  note:   new SLO checkout-availability (checkout): target 99.9 over 28d, budget 40.3 min, spent 12%, healthy"),
    (dict(slos=(_slo("added", target=(None, 99.9), window=(None, None), budget=(None, None), spent=(None, None),
                     state=(None, None)),)),
     "  note:   new SLO checkout-availability (checkout): target 99.9 over —, budget — min, spent —, no state"),
    (dict(slos=(_slo("removed", target=(99.9, None), window=("28d", None)),)),
     "  worse:  SLO checkout-availability (checkout) removed (was 99.9 over 28d)"),
    # Only the evidence moved: no "what", the state held.
    (dict(slos=(_slo(spent=(10.0, 20.0)),)),
     "  note:   SLO checkout-availability (checkout): spent 10% → 20%, still healthy"),
    (dict(slos=(_slo(spent=(10.0, 20.0), state=(None, None)),)),
     "  note:   SLO checkout-availability (checkout): spent 10% → 20%, no state"),
    # A shorter window: 28d -> 7d is a quarter of the minutes (40.32 -> 10.08, shown 10.1); the state worsened,
    # so the policy's first action shows, with the count of the others.
    (dict(slos=(_slo(window=("28d", "7d"), budget=(40.32, 10.08), spent=(10.0, 40.0), state=("healthy", "warning"),
                     actions=("Review the SLO", "Slow releases")),)),
     "  worse:  SLO checkout-availability (checkout): window 28d → 7d; budget 40.3 → 10.1 min; spent 10% → 40%, "
     "warning under the new window (was healthy); policy: Review the SLO (+1 more)"),
    # A looser target and an SLA: the state improved under the new target.
    (dict(slos=(_slo(target=(99.9, 99.5), sla=(99.5, 99.0), budget=(40.32, 201.6), spent=(80.0, 16.0),
                     state=("critical", "healthy"), actions=("Normal releases",)),)),
     "  better: SLO checkout-availability (checkout): target 99.9 → 99.5, SLA 99.5 → 99; budget 40.3 → 201.6 min; "
     "spent 80% → 16%, healthy under the new target (was critical); policy: Normal releases"),
    # A state change from the evidence alone names no cause.
    (dict(slos=(_slo(spent=(60.0, 80.0), state=("warning", "critical")),)),
     "  worse:  SLO checkout-availability (checkout): spent 60% → 80%, critical (was warning)"),
    (dict(slos=(_slo(burn=(BurnAlertChange("fast", _burn(14.4, "1h", "5m", "page"), _burn(10, "1h", None, None)),)),)),
     "  note:   burn-rate alert fast of checkout-availability (checkout): 14.4× over 1h/5m page → 10× over 1h"),
    (dict(slos=(_slo(burn=(BurnAlertChange("fast", _burn(None, None, None, None), _burn(6, "6h", "30m", "ticket")),)),)),
     "  note:   burn-rate alert fast of checkout-availability (checkout): — → 6× over 6h/30m ticket"),
    # Findings: errors rank first among the worse; "info" takes no plural.
    (dict(findings=FindingsDiff((_finding("SLO001", Severity.INFO), _finding("SLO002", Severity.INFO)), (), ())),
     "  worse:  2 findings introduced (2 info)"),
    (dict(findings=FindingsDiff((), (_finding("SLO001", Severity.ERROR), _finding("SLO002", Severity.WARNING, 4)), ())),
     "  better: 2 findings fixed (1 error, 1 warning)"),
    # Runbooks and alerts.
    (dict(deleted_runbooks=(DeletedRunbook("checkout", "services/checkout/runbooks/a.yaml", ("high-errors", "slow")),)),
     "  worse:  runbook services/checkout/runbooks/a.yaml deleted while alerts high-errors, slow still point at it"),
    (dict(deleted_runbooks=(DeletedRunbook("checkout", "services/checkout/runbooks/a.yaml", ("high-errors",)),)),
     "  worse:  runbook services/checkout/runbooks/a.yaml deleted while alert high-errors still points at it"),
    (dict(alerts=(AlertChange("checkout", "slow", "services/checkout/alerts.yaml", "lost runbook", ("a.yaml", "b.yaml")),)),
     "  worse:  alert slow (checkout) lost its runbook (was a.yaml, b.yaml)"),
    (dict(alerts=(AlertChange("checkout", "slow", "services/checkout/alerts.yaml", "removed"),)),
     "  worse:  alert slow (checkout) removed"),
    (dict(alerts=(AlertChange("checkout", "slow", "services/checkout/alerts.yaml", "added"),)),
     "  note:   alert slow (checkout) added"),
    # Capacity: later (or never) is better.
    (dict(capacity=(CapacityChange("checkout", "services/checkout/capacity.yaml", None, Pair("2027-05", None), Pair(5.2, None)),)),
     "  better: capacity of checkout reaches its scale-up threshold in never (within the projection) instead of 2027-05"),
    (dict(capacity=(CapacityChange("checkout", "services/checkout/capacity.yaml", "CPU", Pair(None, "2027-01"), Pair(None, 1.5)),)),
     "  worse:  capacity of checkout (CPU) reaches its scale-up threshold in 2027-01 instead of never"),
    # Services: added, removed, a tier change with the rules it moves (yes/no, percentages, anything else as is).
    (dict(services=(ServiceChange("ledger", "added", Pair(None, None)),)), "  note:   service ledger added (tier —)"),
    (dict(services=(ServiceChange("ledger", "removed", Pair("critical", None)),)),
     "  worse:  service ledger removed (was tier critical)"),
    (dict(services=(ServiceChange("ledger", "tier", Pair("standard", "critical"), (
        RuleChange("multi_region", Pair(False, True), True), RuleChange("min_slo", Pair(99.5, 99.95), True),
        RuleChange("review", Pair("quarterly", "monthly"), False))),)),
     "  worse:  service ledger tier standard → critical: multi_region: no → yes; min_slo: 99.5% → 99.95%; "
     "review: quarterly → monthly"),
    (dict(services=(ServiceChange("ledger", "tier", Pair("critical", "standard")),)),
     "  note:   service ledger tier critical → standard"),
    # Scorecards: the rubric (quality) decides the tone when it moved, else the maturity total.
    (dict(scores=(ScoreChange("checkout", Pair("Advanced", "Defined"), Pair(35, 30), Pair(90.0, 80.0),
                              (DimensionChange("slos", "SLOs", Pair(5, 3)),)),)),
     "  worse:  scorecard of checkout: band Advanced → Defined; maturity 35 → 30; rubric 90.0 → 80.0 (-10.0); SLOs 5 → 3"),
    (dict(scores=(ScoreChange("checkout", Pair("Defined", "Defined"), Pair(30, 31), Pair(80.0, 80.0), ()),)),
     "  better: scorecard of checkout: maturity 30 → 31"),
    (dict(scores=(ScoreChange("checkout", Pair("Defined", "Defined"), Pair(30, 30), Pair(80.0, 80.0),
                              (DimensionChange("chaos", "Chaos", Pair(1, 2)),)),)),
     "  note:   scorecard of checkout: Chaos 1 → 2"),
], ids=lambda value: value[:60] if isinstance(value, str) else None)
def test_each_change_has_its_headline(changes: dict, line: str) -> None:
    assert _headline(**changes) == line


def test_nothing_changed_says_so() -> None:
    assert render_text(EMPTY, BASE) == (
        "Reliability impact, compared with 0123456789ab (main) as of 2026-11-26:\n"
        "  no change to SLOs, findings, scorecards, alerts, runbooks, services, capacity or on-call\n"
        "0 finding(s) unchanged.\n")


def test_a_long_comment_folds_the_rest_away() -> None:
    """13 alerts added and the findings headline are 14 headlines, 2 more than the comment lists (12). A table
    shows 50 lines, its 2 header lines included: of 51 findings, 48 rows show and 3 are left to the terminal."""
    alerts = tuple(AlertChange("checkout", f"alert-{n:02}", "services/checkout/alerts.yaml", "added")
                   for n in range(MAX_HEADLINES + 1))
    findings = tuple(_finding("SLO001", Severity.WARNING, line) for line in range(1, MAX_ROWS + 2))
    comment = render_markdown(dataclasses.replace(EMPTY, alerts=alerts, findings=FindingsDiff(findings, (), ())), BASE)
    lines = comment.splitlines()
    assert "- … and 2 more below" in lines  # 13 alerts + 1 findings headline = 14, 12 shown
    assert "<summary>Every change (14)</summary>" in lines
    assert "- ⚪ alert alert&#45;12 (checkout) added" in lines  # names from documents are escaped
    assert "<summary>Findings: 51 introduced, 0 fixed, 0 unchanged</summary>" in lines
    assert "… and 3 more (run `sre-docs diff` for all)" in lines
    rows = [line for line in lines if line.startswith("| introduced |")]
    assert len(rows) == MAX_ROWS - 2 == 48
    assert rows[-1] == ("| introduced | warning | SLO001 | <code>services&#47;checkout&#47;slos&#46;yaml&#58;48&#58;3</code> | "
                        "SLO001 message |")


def test_scorecards_and_slos_get_their_tables() -> None:
    impact = dataclasses.replace(EMPTY, slos=(_slo(spent=(10.0, 20.0), state=("healthy", "warning"),
                                                   actions=("Review",)),),
                                 scores=(ScoreChange("checkout", Pair("Defined", "Defined"), Pair(30, 31),
                                                     Pair(80.0, 81.5), (DimensionChange("slos", "SLOs", Pair(3, 4)),)),))
    lines = render_markdown(impact, BASE, link=lambda name: f"https://handbook.example/{name}/").splitlines()
    assert "<summary>SLOs (1)</summary>" in lines and "<summary>Scorecards (1)</summary>" in lines
    link = '<a href="https&#58;&#47;&#47;handbook&#46;example&#47;checkout&#47;" rel="noopener noreferrer">checkout</a>'
    assert f"| {link} | checkout&#45;availability | 99.9 | 28d | 40.3 | 10% → 20% | healthy → warning | Review |" in lines
    assert f"| {link} | Defined → Defined | 30 → 31 | 80.0 → 81.5 (+1.5) | SLOs 3 → 4 |" in lines
    assert f"- 🔴 SLO checkout&#45;availability ({link}): spent 10% → 20%, warning (was healthy); policy: Review" in lines
