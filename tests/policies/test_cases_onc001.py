"""ONC001 (rotation too small, or without a secondary) case by case.

Every rotation below is one document in org/oncall/payments.yaml::

    1 oncall_rotation:
    2   name: payments            (value at column 9)
    3   team: payments
    4   members: [...]            (value at column 12)
    5   primary: [...]
    6   secondary: [...]          (value at column 14, when given)

The guide's floor is 5 people per rotation; ONC001 is a warning by default.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policy_cases import Case, Expected, run_case

PATH = "org/oncall/payments.yaml"
NO_SECONDARY = "rotation has no secondary on-call layer"


def rotation(members: str, secondary: str | None = "[bo]") -> dict[str, str]:
    lines = ["oncall_rotation:", "  name: payments", "  team: payments", f"  members: {members}", f"  primary: {members}"]
    if secondary is not None:
        lines.append(f"  secondary: {secondary}")
    return {PATH: "\n".join(lines) + "\n"}


def warning(line: int, column: int, message: str) -> Expected:
    return Expected("ONC001", PATH, line, column, "warning", message)


FIVE = "[ana, bo, cy, dee, eli]"

CASES = [
    Case("five people and a secondary", rotation(FIVE)),
    Case("four people", rotation("[ana, bo, cy, dee]"),
         (warning(4, 12, "rotation has 4 people; a healthy rotation has at least 5"),)),
    Case("a name listed twice is one person", rotation("[ana, bo, cy, dee, ana]"),
         (warning(4, 12, "rotation has 4 people; a healthy rotation has at least 5"),)),
    Case("no secondary key: the finding points at the rotation's name", rotation(FIVE, secondary=None),
         (warning(2, 9, NO_SECONDARY),)),
    Case("an empty secondary points at the empty list", rotation(FIVE, secondary="[]"),
         (warning(6, 14, NO_SECONDARY),)),
    Case("too small and no secondary: two findings", rotation("[ana, bo]", secondary=None),
         (warning(2, 9, NO_SECONDARY), warning(4, 12, "rotation has 2 people; a healthy rotation has at least 5"))),
    Case("one person: one person, not one people", rotation("[ana]"),
         (warning(4, 12, "rotation has 1 person; a healthy rotation has at least 5"),)),
    Case("require_secondary false", rotation(FIVE, secondary=None),
         config="policies:\n  ONC001: {options: {require_secondary: false}}\n"),
    Case("min_members 3 with exactly three", rotation("[ana, bo, cy]"),
         config="policies:\n  ONC001: {options: {min_members: 3}}\n"),
    Case("min_members 3 with two", rotation("[ana, bo]"),
         (warning(4, 12, "rotation has 2 people; a healthy rotation has at least 3"),),
         config="policies:\n  ONC001: {options: {min_members: 3}}\n"),
    Case("level error from config", rotation("[ana, bo, cy, dee]"),
         (Expected("ONC001", PATH, 4, 12, "error", "rotation has 4 people; a healthy rotation has at least 5"),),
         config="policies:\n  ONC001: {level: error}\n"),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_onc001(tmp_path: Path, case: Case) -> None:
    assert run_case(tmp_path, "ONC001", case) == sorted(case.expected)
