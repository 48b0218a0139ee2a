"""CHS001 (experiment without a testable hypothesis, abort conditions or rollback plan) case by case.

Every experiment below is::

    1 experiment:
    2   name: checkout-db-latency
    3   hypothesis: ...                    (value at column 15)
    4   status: <status>
    5   method:
    6     fault_type: storage
    7   safety:                            (when given)
    8     abort_conditions: ...            (value at column 23)
    9     rollback_plan: ...

Findings about something missing altogether point at the kind key (1:1).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policy_cases import Case, Expected, run_case

PATH = "services/checkout/experiments/db-latency.yaml"
GOOD = "When the database slows to 500 ms, checkout will serve from its cache and keep p99 under 1 s"
HYPOTHESIS = ('hypothesis must read "When <fault>, <system> will <expected behaviour>" so the experiment can '
              "confirm or disprove it")
NO_ROLLBACK = "experiment has no rollback plan (safety.rollback_plan)"


def experiment(hypothesis: str = GOOD, *, status: str = "planned", abort: str | None = "[error rate above 1%]",
               rollback: str | None = "Remove the latency injection") -> dict[str, str]:
    lines = ["experiment:", "  name: checkout-db-latency", f"  hypothesis: {hypothesis}", f"  status: {status}",
             "  method:", "    fault_type: storage"]
    if abort is not None or rollback is not None:
        lines.append("  safety:")
        if abort is not None:
            lines.append(f"    abort_conditions: {abort}")
        if rollback is not None:
            lines.append(f"    rollback_plan: {rollback}")
    return {PATH: "\n".join(lines) + "\n"}


def error(line: int, column: int, message: str) -> Expected:
    return Expected("CHS001", PATH, line, column, "error", message)


CASES = [
    Case("a testable hypothesis, abort conditions and a rollback plan", experiment()),
    Case("the hypothesis may span lines and use any case", experiment("'WHEN the cache is cold,\n    checkout WILL stay up'")),
    Case("a hope is not a hypothesis", experiment("Checkout should be fine with a slow database"),
         (error(3, 15, HYPOTHESIS),)),
    Case("no comma between the fault and the system", experiment("When the database is slow checkout will cope"),
         (error(3, 15, HYPOTHESIS),)),
    Case("no 'will'", experiment("When the database is slow, checkout copes"), (error(3, 15, HYPOTHESIS),)),
    Case("empty abort conditions point at the list", experiment(abort="[]"),
         (error(8, 23, "experiment has no abort conditions"),)),
    Case("blank abort conditions are none", experiment(abort="['  ']"),
         (error(8, 23, "experiment has no abort conditions"),)),
    Case("no abort_conditions key: at the kind", experiment(abort=None),
         (error(1, 1, "experiment has no abort conditions (safety.abort_conditions)"),)),
    Case("no rollback plan", experiment(rollback=None), (error(1, 1, NO_ROLLBACK),)),
    Case("no safety block at all: both at the kind", experiment(abort=None, rollback=None),
         (error(1, 1, "experiment has no abort conditions (safety.abort_conditions)"), error(1, 1, NO_ROLLBACK))),
    Case("statuses [planned] leaves a completed experiment alone",
         experiment("It should be fine", status="completed", abort=None, rollback=None),
         config="policies:\n  CHS001: {options: {statuses: [planned]}}\n"),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_chs001(tmp_path: Path, case: Case) -> None:
    assert run_case(tmp_path, "CHS001", case) == sorted(case.expected)
