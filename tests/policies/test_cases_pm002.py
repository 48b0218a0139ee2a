"""PM002 (action item without owner, priority or deadline) case by case.

Every postmortem below starts with the same seven lines; the first action item starts on
line 8 (its ``id`` key at column 7), and each item in ``item()`` takes one line per field::

    1 postmortem:
    2   incident: INC-2026-014
    3   title: Checkout errors after deploy
    4   date: 2026-11-05
    5   severity: SEV2
    6   status: draft
    7   action_items:
    8     - id: AI-001
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policy_cases import Case, Expected, run_case

PATH = "services/checkout/postmortems/INC-2026-014.yaml"
HEADER = ("postmortem:\n  incident: INC-2026-014\n  title: Checkout errors after deploy\n  date: 2026-11-05\n"
          "  severity: SEV2\n  status: draft\n  action_items:\n")


def item(ident: str, **fields: str) -> str:
    """An action item: ``id``, a description, then ``fields`` in the order given, then a status."""
    lines = [f"    - id: {ident}", "      description: Add a canary stage"]
    lines += [f"      {name}: {value}" for name, value in fields.items()]
    lines.append("      status: open")
    return "\n".join(lines) + "\n"


def postmortem(*items: str) -> dict[str, str]:
    return {PATH: HEADER + "".join(items)}


def error(line: int, message: str) -> Expected:
    return Expected("PM002", PATH, line, 7, "error", message)


COMPLETE = dict(owner="ana", priority="P1", deadline="2026-11-20")

CASES = [
    Case("owner, priority and deadline: complete", postmortem(item("AI-001", **COMPLETE))),
    Case("no owner", postmortem(item("AI-001", priority="P1", deadline="2026-11-20")),
         (error(8, "action item AI-001 has no owner"),)),
    Case("nothing but a description", postmortem(item("AI-001")),
         (error(8, "action item AI-001 has no owner, priority, deadline"),)),
    Case("a blank owner is no owner", postmortem(item("AI-001", owner="'  '", priority="P1", deadline="2026-11-20")),
         (error(8, "action item AI-001 has no owner"),)),
    # The first item takes lines 8-13 (id, description, three fields, status): the second starts on line 14.
    Case("the second item, without a deadline",
         postmortem(item("AI-001", **COMPLETE), item("AI-002", owner="bo", priority="P2")),
         (error(14, "action item AI-002 has no deadline"),)),
    Case("required [type, ticket] asks for other fields", postmortem(item("AI-001", **COMPLETE)),
         (error(8, "action item AI-001 has no type, ticket"),),
         config="policies:\n  PM002: {options: {required: [type, ticket]}}\n"),
    Case("required [owner] is content with an owner", postmortem(item("AI-001", owner="ana")),
         config="policies:\n  PM002: {options: {required: [owner]}}\n"),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_pm002(tmp_path: Path, case: Case) -> None:
    assert run_case(tmp_path, "PM002", case) == sorted(case.expected)
