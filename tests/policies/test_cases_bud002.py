"""BUD002 (an exhausted error budget needs a postmortem) case by case.

Checkout has one SLO, availability (99.9% over 28 days, target on line 5 of slos.yaml, column 11), unless a case
adds a second. Incidents state what they spent (``budget_consumed_pct``), so the budget is simple arithmetic:
spent = the sum of the incidents inside the 28 days before each daily reading (00:00 UTC), exhausted at 100% or
more. Today is 2026-11-26; a postmortem is due five business days after the day the budget ran out.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policy_cases import Case, Expected, run_case

SLO = ("slo:\n  name: availability\n  service: checkout\n  sli: availability\n  target: 99.9\n  window: 28d\n")
LATENCY = ("---\nslo:\n  name: latency\n  service: checkout\n  sli: latency\n  target: 99\n  window: 28d\n")


def incident(ident: str, day: str, pct: int, slo: str = "availability") -> dict[str, str]:
    return {f"services/checkout/incidents/{ident}.yaml": (
        f"incident:\n  id: {ident}\n  title: Checkout errors\n  services: [checkout]\n  severity: SEV3\n"
        f"  status: review\n  timestamps:\n    started: {day}T14:00:00Z\n    mitigated: {day}T15:00:00Z\n"
        f"    resolved: {day}T16:00:00Z\n  impact:\n    function: core_down\n    users: one_user\n    slo: {slo}\n"
        f"    budget_consumed_pct: {pct}\n")}


def postmortem(ident: str, date: str, *extra: str) -> dict[str, str]:
    return {f"services/checkout/postmortems/{ident}.yaml": (
        f"postmortem:\n  incident: {ident}\n  title: Checkout errors\n  date: {date}\n  severity: SEV3\n"
        "  status: draft\n" + "".join(line + "\n" for line in extra))}


def elsewhere(ident: str, services: str) -> dict[str, str]:
    """An incident of ``services`` filed under payments that spent payments' latency budget, and its postmortem
    (dated 11-16) naming ``availability`` under budgets_exhausted."""
    return {
        f"services/payments/incidents/{ident}.yaml": (
            f"incident:\n  id: {ident}\n  title: Gateway errors\n  services: {services}\n  severity: SEV3\n"
            "  status: review\n  timestamps:\n    started: 2026-11-12T14:00:00Z\n    mitigated: 2026-11-12T15:00:00Z\n"
            "    resolved: 2026-11-12T16:00:00Z\n  impact:\n    function: degraded\n    users: one_user\n"
            "    slo: latency\n"),
        f"services/payments/postmortems/{ident}.yaml": (
            f"postmortem:\n  incident: {ident}\n  title: Gateway errors\n  date: 2026-11-16\n  severity: SEV3\n"
            "  status: draft\n  budgets_exhausted: [availability]\n"),
    }


def repo(*parts: dict[str, str], latency: bool = False) -> dict[str, str]:
    files = {"services/checkout/slos.yaml": SLO + (LATENCY if latency else "")}
    for part in parts:
        files.update(part)
    return files


def ran_out(day: str, due: str) -> Expected:
    return Expected("BUD002", "services/checkout/slos.yaml", 5, 11, "error", (
        f"error budget of SLO availability ran out on {day} and no postmortem reviews it (due by {due}); write one "
        "for the incident that spent it, or name availability under budgets_exhausted of the postmortem that "
        "reviews the exhaustion"))


CASES = [
    # 120% on Monday 2026-11-02: exhausted from the reading at 00:00 on Tuesday 11-03; due Tuesday 11-10.
    Case("one incident spent it all, no postmortem", repo(incident("INC-2026-014", "2026-11-02", 120)),
         (ran_out("2026-11-03", "2026-11-10"),)),
    Case("one incident spent it all, its draft postmortem covers it",
         repo(incident("INC-2026-014", "2026-11-02", 120), postmortem("INC-2026-014", "2026-11-05"))),
    # 120% on Tuesday 11-24: exhausted from Wednesday 11-25, due Wednesday 12-02, after today.
    Case("right after the exhaustion the postmortem is not due yet", repo(incident("INC-2026-014", "2026-11-24", 120))),
    # 60% on 11-02 and 60% on 11-09: 60% spent at the 11-09 reading (40% left, warning), 120% at 11-10 (Tuesday);
    # due Tuesday 11-17.
    Case("a slow burn over two incidents, neither reviewed",
         repo(incident("INC-2026-014", "2026-11-02", 60), incident("INC-2026-015", "2026-11-09", 60)),
         (ran_out("2026-11-10", "2026-11-17"),)),
    Case("a slow burn: a postmortem of either incident in the window covers it",
         repo(incident("INC-2026-014", "2026-11-02", 60), incident("INC-2026-015", "2026-11-09", 60),
              postmortem("INC-2026-014", "2026-11-06"))),
    # The reviewed incident spent the latency SLO, not availability.
    Case("a postmortem of another SLO's incident does not cover it",
         repo(incident("INC-2026-014", "2026-11-02", 60), incident("INC-2026-015", "2026-11-09", 60),
              incident("INC-2026-016", "2026-11-12", 10, slo="latency"), postmortem("INC-2026-016", "2026-11-16"),
              latency=True),
         (ran_out("2026-11-10", "2026-11-17"),)),
    # The same postmortem naming the SLO, dated 11-16: within 28 days of 11-10.
    Case("a postmortem naming the SLO under budgets_exhausted covers it",
         repo(incident("INC-2026-014", "2026-11-02", 60), incident("INC-2026-015", "2026-11-09", 60),
              incident("INC-2026-016", "2026-11-12", 10, slo="latency"),
              postmortem("INC-2026-016", "2026-11-16", "  budgets_exhausted: [availability]"), latency=True)),
    # 120% on 2026-08-03: exhausted from 08-04 (Tuesday), due 08-11. A postmortem naming the SLO dated 11-16 is
    # more than 28 days after 08-04, so it is another review.
    Case("naming the SLO counts within one window of the exhaustion only",
         repo(incident("INC-2026-014", "2026-08-03", 120), incident("INC-2026-016", "2026-11-12", 10, slo="latency"),
              postmortem("INC-2026-016", "2026-11-16", "  budgets_exhausted: [availability]"), latency=True),
         (ran_out("2026-08-04", "2026-08-11"),)),
    # SLO names repeat across services: payments' review of its own "availability" is not checkout's.
    Case("a postmortem of another service naming an SLO of the same name does not cover it",
         repo(incident("INC-2026-014", "2026-11-02", 60), incident("INC-2026-015", "2026-11-09", 60),
              elsewhere("INC-2026-020", "[payments]")),
         (ran_out("2026-11-10", "2026-11-17"),)),
    Case("a postmortem filed elsewhere, for an incident that names the service, covers it",
         repo(incident("INC-2026-014", "2026-11-02", 60), incident("INC-2026-015", "2026-11-09", 60),
              elsewhere("INC-2026-020", "[payments, checkout]"))),
    Case("an exhaustion before the lookback is not looked at", repo(incident("INC-2026-014", "2026-08-03", 120)),
         config="policies:\n  BUD002: {options: {lookback_days: 30}}\n"),
    Case("a budget that never ran out", repo(incident("INC-2026-014", "2026-11-02", 99))),
    Case("no evidence at all", repo()),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_bud002(tmp_path: Path, case: Case) -> None:
    assert run_case(tmp_path, "BUD002", case) == sorted(case.expected)
