"""PM001 (a postmortem overdue) and TOL002 (a stated toil total at odds with its minutes and count), case by case.

Today is Thursday 2026-11-26. A postmortem is due five business days after the resolution date:
resolved Wednesday 11-18 -> due Wednesday 11-25 (overdue today); resolved Thursday 11-19 -> due Thursday 11-26
(due today, not yet overdue); resolved Saturday 11-21 -> due Friday 11-27.

An incident written by ``incident()`` has its ``id`` on line 2 (value at column 7). A toil item written by
``item()`` has ``total_hours_per_month`` on line 6 (value at column 26).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policy_cases import Case, Expected, run_case

BASE = {"services/checkout/service.yaml": "service:\n  name: checkout\n  tier: standard\n  owner_team: payments\n",
        "org/teams.yaml": "team:\n  name: payments\n  sre_hours_per_month: 160\n"}
INCIDENT = "services/checkout/incidents/INC-2026-014.yaml"
POSTMORTEM = {"services/checkout/postmortems/INC-2026-014.yaml": (
    "postmortem:\n  incident: INC-2026-014\n  title: Checkout errors\n  date: 2026-11-20\n  severity: SEV2\n"
    "  status: draft\n")}


def incident(severity: str = "SEV2", resolved: str | None = "2026-11-18T11:00:00Z", **more: str) -> dict[str, str]:
    text = (f"incident:\n  id: INC-2026-014\n  title: Checkout errors\n  services: [checkout]\n  severity: {severity}\n"
            f"  status: {'review' if resolved else 'mitigate'}\n  timestamps:\n    started: 2026-11-17T10:00:00Z\n")
    if resolved:
        text += f"    resolved: {resolved}\n"
    return {**BASE, INCIDENT: text, **more}


def overdue(resolved: str, due: str, severity: str = "SEV2") -> Expected:
    return Expected("PM001", INCIDENT, 2, 7, "error", f"{severity} incident INC-2026-014 was resolved on {resolved} "
                                                     f"and has no postmortem; it was due by {due}")


PM001_CASES = [
    Case("resolved 11-18, due 11-25, none written", incident(), (overdue("2026-11-18", "2026-11-25"),)),
    Case("resolved 11-18 with its postmortem", incident(**POSTMORTEM)),
    Case("resolved 11-19: due today, not overdue yet", incident(resolved="2026-11-19T11:00:00Z")),
    Case("resolved on a Saturday: due the next Friday", incident(resolved="2026-11-21T11:00:00Z")),
    Case("SEV3 needs none by default", incident("SEV3")),
    Case("SEV3 when the organisation asks for it", incident("SEV3"), (overdue("2026-11-18", "2026-11-25", "SEV3"),),
         config="policies:\n  PM001: {options: {severities: [SEV1, SEV2, SEV3]}}\n"),
    Case("not resolved: nothing is due", incident(resolved=None)),
    # Resolved Friday 11-20 + 3 business days = Wednesday 11-25.
    Case("business_days 3", incident(resolved="2026-11-20T11:00:00Z"), (overdue("2026-11-20", "2026-11-25"),),
         config="policies:\n  PM001: {options: {business_days: 3}}\n"),
]

TOIL = "services/checkout/toil.yaml"


def item(total: str, *, minutes: int | None = 40, count: int = 10, status: str = "identified") -> dict[str, str]:
    figures = f"  time_per_occurrence_min: {minutes}\n  occurrences_per_month: {count}\n" if minutes is not None else ""
    filler = "" if minutes is not None else "  frequency: weekly\n  owner: ana\n"
    return {**BASE, TOIL: (f"toil_item:\n  name: Renewals\n  category: config\n{figures}{filler}"
                           f"  total_hours_per_month: {total}\n  status: {status}\n")}


def mismatch(message: str) -> Expected:
    return Expected("TOL002", TOIL, 6, 26, "error", message)


# 40 min x 10 a month = 400 / 60 = 6.667 h.
TOL002_CASES = [
    Case("6.67 stated: 0.003 h off, within 0.05", item("6.67")),
    Case("6.6 stated: 0.067 h off", item("6.6"),
         (mismatch("total_hours_per_month is 6.6 but 40 min x 10 a month is 6.67 h, the figure every surface counts"),)),
    Case("6.6 with tolerance_hours 0.1", item("6.6"), config="policies:\n  TOL002: {options: {tolerance_hours: 0.1}}\n"),
    # 30 x 20 / 60 = 10 h: 10.05 is exactly the tolerance away, so it agrees.
    Case("exactly 0.05 h off agrees", item("10.05", minutes=30, count=20)),
    Case("an automated item's figures are still checked", item("12", minutes=30, count=20, status="automated"),
         (mismatch("total_hours_per_month is 12 but 30 min x 20 a month is 10 h, the figure every surface counts"),)),
    Case("a stated total without minutes is the figure itself", item("12", minutes=None)),
]


@pytest.mark.parametrize(("code", "case"), [
    *(("PM001", case) for case in PM001_CASES), *(("TOL002", case) for case in TOL002_CASES),
], ids=lambda value: str(value))
def test_overdue_and_toil_total(tmp_path: Path, code: str, case: Case) -> None:
    assert run_case(tmp_path, code, case) == sorted(case.expected)
