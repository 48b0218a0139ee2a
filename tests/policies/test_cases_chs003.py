"""CHS003 (a completed game day with unchecked or missing checklist items) case by case.

Every experiment below is::

    1 experiment:
    2   name: checkout-db-latency
    3   hypothesis: When the database slows to 500 ms, checkout will serve from its cache
    4   status: <status>                 (value at column 11)
    5   automated: <true|false>
    6   method:
    7     fault_type: storage
    8   game_day:                        (when given; key at column 3)
    9     pre: {...}                     (key at column 5)
   10     during: {...}
   11     post: {...}

The guide's game day runbook has 6 pre-game, 8 game-day and 4 post-game items.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policy_cases import Case, Expected, run_case
from sre_docs.policies.chs003 import unchecked_items

PATH = "services/checkout/experiments/db-latency.yaml"
PRE = ["designed-and-reviewed", "steady-state-identified", "abort-conditions-defined", "participants-briefed",
       "rollback-tested", "stakeholders-notified"]
DURING = ["steady-state-verified", "announced", "fault-injected", "observed-and-documented", "abort-watched",
          "planned-duration", "fault-removed", "recovery-verified"]
POST = ["results-documented", "surprises-noted", "action-items-created", "findings-shared"]


def ticks(items: list[str], *, undone: tuple[str, ...] = (), drop: tuple[str, ...] = ()) -> str:
    return "{" + ", ".join(f"{i}: {'false' if i in undone else 'true'}" for i in items if i not in drop) + "}"


def experiment(*phases: tuple[str, str], status: str = "completed", automated: str = "false",
               game_day: bool = True) -> dict[str, str]:
    lines = ["experiment:", "  name: checkout-db-latency",
             "  hypothesis: When the database slows to 500 ms, checkout will serve from its cache",
             f"  status: {status}", f"  automated: {automated}", "  method:", "    fault_type: storage"]
    if game_day:
        lines.append("  game_day:" + ("" if phases else " {}"))
        lines += [f"    {phase}: {value}" for phase, value in phases]
    return {PATH: "\n".join(lines) + "\n"}


ALL = (("pre", ticks(PRE)), ("during", ticks(DURING)), ("post", ticks(POST)))


def error(line: int, column: int, message: str) -> Expected:
    return Expected("CHS003", PATH, line, column, "error", message)


def not_done(line: int, phase: str, missing: list[str], total: int) -> Expected:
    return error(line, 5, f"game day 'checkout-db-latency' is completed with {len(missing)} of {total} {phase} items "
                          f"not done: {', '.join(missing)}")


def no_phase(phase: str, total: int) -> Expected:
    return error(8, 3, f"game day 'checkout-db-latency' is completed but records no {phase} checklist "
                       f"(game_day.{phase}, {total} items)")


CASES = [
    Case("every item of the three lists done", experiment(*ALL)),
    Case("completed without any checklist: at the status", experiment(game_day=False),
         (error(4, 11, "game day 'checkout-db-latency' is completed but records no game_day checklist (pre, during, "
                       "post: the 18 items of the guide's game day runbook)"),)),
    Case("an empty game_day: each phase missing, at the game_day key", experiment(),
         (no_phase("pre", 6), no_phase("during", 8), no_phase("post", 4))),
    Case("one post item false", experiment(ALL[0], ALL[1], ("post", ticks(POST, undone=("findings-shared",)))),
         (not_done(11, "post", ["findings-shared"], 4),)),
    Case("an item left out counts as not done", experiment(("pre", ticks(PRE, drop=("stakeholders-notified",))),
                                                           ALL[1], ALL[2]),
         (not_done(9, "pre", ["stakeholders-notified"], 6),)),
    Case("items in two phases, in checklist order", experiment(
        ("pre", ticks(PRE, undone=("rollback-tested", "designed-and-reviewed"))),
        ("during", ticks(DURING, undone=("recovery-verified",))), ALL[2]),
         (not_done(9, "pre", ["designed-and-reviewed", "rollback-tested"], 6),
          not_done(10, "during", ["recovery-verified"], 8))),
    Case("a phase missing", experiment(ALL[0], ALL[1]), (no_phase("post", 4),)),
    Case("a planned experiment with nothing ticked is fine", experiment(
        ("pre", ticks(PRE, undone=tuple(PRE))), status="planned")),
    Case("an aborted game day is not held to the list", experiment(status="aborted", game_day=False)),
    Case("automated chaos has no game day", experiment(automated="true", game_day=False)),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_chs003(tmp_path: Path, case: Case) -> None:
    assert run_case(tmp_path, "CHS003", case) == sorted(case.expected)


def test_unchecked_items_counts_the_guide_lists() -> None:
    # 6 + 8 + 4 = 18 items, all missing from an empty record
    assert unchecked_items({}) == {"pre": None, "during": None, "post": None}
    assert unchecked_items({"pre": {}, "during": {}, "post": {}}) == {"pre": PRE, "during": DURING, "post": POST}
    assert unchecked_items("not a mapping") == {"pre": None, "during": None, "post": None}
