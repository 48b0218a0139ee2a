"""INC002 (incident timestamps and updates in order) case by case.

Every incident starts with the same seven lines; its timestamps follow from line 8, one a
line, in the order given; updates (when given) follow them, three lines each::

    1 incident:
    2   id: INC-2026-014
    3   title: Checkout errors after deploy
    4   services: [checkout]
    5   severity: SEV2
    6   status: resolve
    7   timestamps:
    8     started: ...          (value at column 14; detected 15, acknowledged 19, mitigated 16, resolved 15)
      updates:
        - time: ...           (value at column 13)

Moments compare as instants: 14:31+02:00 is 12:31Z.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policy_cases import Case, Expected, run_case

PATH = "services/checkout/incidents/INC-2026-014.yaml"
HEADER = ("incident:\n  id: INC-2026-014\n  title: Checkout errors after deploy\n  services: [checkout]\n"
          "  severity: SEV2\n  status: resolve\n  timestamps:\n")


def incident(*stamps: tuple[str, str], updates: tuple[str, ...] = ()) -> dict[str, str]:
    text = HEADER + "".join(f"    {name}: {moment}\n" for name, moment in stamps)
    if updates:
        text += "  updates:\n" + "".join(f"    - time: {moment}\n      status: respond\n      message: Update\n"
                                         for moment in updates)
    return {PATH: text}


def error(line: int, column: int, message: str) -> Expected:
    return Expected("INC002", PATH, line, column, "error", message)


DAY = "2026-11-02T"
IN_ORDER = (("started", DAY + "14:05:00Z"), ("detected", DAY + "14:09:00Z"), ("acknowledged", DAY + "14:12:00Z"),
            ("mitigated", DAY + "14:31:00Z"), ("resolved", DAY + "15:40:00Z"))

CASES = [
    Case("all five in order", incident(*IN_ORDER)),
    Case("detected at the very minute it started", incident(("started", DAY + "14:05:00Z"), ("detected", DAY + "14:05:00Z"))),
    Case("detected a minute before it started", incident(("started", DAY + "14:05:00Z"), ("detected", DAY + "14:04:00Z")),
         (error(9, 15, f"detected ({DAY}14:04:00Z) is before started ({DAY}14:05:00Z)"),)),
    Case("mitigated in another timezone, before acknowledged",
         incident(*IN_ORDER[:3], ("mitigated", DAY + "14:31:00+02:00"), IN_ORDER[4]),
         (error(11, 16, f"mitigated ({DAY}14:31:00+02:00) is before acknowledged ({DAY}14:12:00Z)"),)),
    Case("a moment out of order is not the reference for the next one",
         incident(("started", DAY + "10:00:00Z"), ("detected", DAY + "09:00:00Z"), ("mitigated", DAY + "09:30:00Z")),
         (error(9, 15, f"detected ({DAY}09:00:00Z) is before started ({DAY}10:00:00Z)"),
          error(10, 16, f"mitigated ({DAY}09:30:00Z) is before started ({DAY}10:00:00Z)"))),
    Case("missing moments are skipped: resolved compared with started",
         incident(("started", DAY + "14:05:00Z"), ("resolved", DAY + "14:00:00Z")),
         (error(9, 15, f"resolved ({DAY}14:00:00Z) is before started ({DAY}14:05:00Z)"),)),
    # Two timestamps (lines 8-9), then "updates:" on line 10: the updates' times are on lines 11, 14, 17.
    Case("updates in order", incident(*IN_ORDER[:2], updates=(DAY + "14:10:00Z", DAY + "14:20:00Z"))),
    Case("an update before the start", incident(*IN_ORDER[:2], updates=(DAY + "14:00:00Z",)),
         (error(11, 13, f"update at {DAY}14:00:00Z is before the incident started"),)),
    Case("an update earlier than the one before it",
         incident(*IN_ORDER[:2], updates=(DAY + "14:20:00Z", DAY + "14:10:00Z", DAY + "14:30:00Z")),
         (error(14, 13, f"update at {DAY}14:10:00Z is earlier than the update before it"),)),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_inc002(tmp_path: Path, case: Case) -> None:
    assert run_case(tmp_path, "INC002", case) == sorted(case.expected)
