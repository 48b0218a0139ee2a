"""SLO003 (an SLO measuring an undefined SLI), SLO007 (measurements that cannot be right) and SLO008 (an SLO or
SLI name used twice), case by case.

An SLO written by ``slo()`` (services/checkout/slos.yaml)::

    1 slo:
    2   service: checkout
    3   sli: availability         (value at column 8)
    4   target: 99.9
    5   window: 28d

Measurements written by ``measurements()`` (services/checkout/measurements/<file>)::

    1 measurements:
    2   slo: availability         (value at column 8)
    3   resolution: 1d
    4   points:
    5     - [2026-11-01, 100, 100]   (row 0: the start at column 8, good events at 8 + len(start) + 2)
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policy_cases import Case, Expected, run_case

SLOS, SLIS = "services/checkout/slos.yaml", "services/checkout/slis.yaml"
BASE = {"services/checkout/service.yaml": "service:\n  name: checkout\n  tier: standard\n  owner_team: payments\n",
        "org/teams.yaml": "team:\n  name: payments\n"}


def sli(name: str = "availability") -> str:
    return (f"sli:\n  name: {name}\n  type: availability\n  prometheus:\n"
            "    good_events: sum(rate(http_requests_total{code!~\"5..\"}[5m]))\n"
            "    total_events: sum(rate(http_requests_total[5m]))\n")


def slo(measures: str = "availability") -> str:
    return f"slo:\n  service: checkout\n  sli: {measures}\n  target: 99.9\n  window: 28d\n"


def repo(slos: list[str], slis: list[str] | None = None, **more: str) -> dict[str, str]:
    files = {**BASE, SLOS: "---\n".join(slos), SLIS: "---\n".join(sli(n) for n in (slis or ["availability"]))}
    files.update({f"services/checkout/measurements/{name}.yaml": text for name, text in more.items()})
    return files


def measurements(*rows: str, slo: str = "availability", resolution: str = "1d") -> str:
    return (f"measurements:\n  slo: {slo}\n  resolution: {resolution}\n  points:\n"
            + "".join(f"    - [{row}]\n" for row in rows))


def error(code: str, path: str, line: int, column: int, message: str) -> Expected:
    return Expected(code, path, line, column, "error", message)


SLO003_CASES = [
    Case("an SLO of a defined SLI", repo([slo()])),
    Case("a typo in the SLI's name", repo([slo("availabilty")]),
         (error("SLO003", SLOS, 3, 8, "SLI 'availabilty' is not defined in services/checkout/; did you mean "
                                      "'availability'?"),)),
    Case("an SLI nothing is close to", repo([slo("latency")]),
         (error("SLO003", SLOS, 3, 8, "SLI 'latency' is not defined in services/checkout/"),)),
]

# An SLO without a name is named after its SLI, so two SLOs of one SLI collide. The second SLO document starts on
# line 7 (after 5 lines and "---"); its sli is on line 9. The second SLI starts on line 8 (after 6 and "---").
SLO008_CASES = [
    Case("one SLO per SLI", repo([slo(), slo("latency")], ["availability", "latency"])),
    Case("two unnamed SLOs of one SLI", repo([slo(), slo()]),
         (error("SLO008", SLOS, 9, 8, "SLO name 'availability' is already used at services/checkout/slos.yaml:1"),)),
    Case("two SLIs of one name", repo([slo()], ["availability", "availability"]),
         (error("SLO008", SLIS, 9, 9, "SLI name 'availability' is already used at services/checkout/slis.yaml:1"),)),
]


def rows_at(name: str) -> str:
    return f"services/checkout/measurements/{name}.yaml"


SLO007_CASES = [
    Case("daily rows that add up", repo([slo()], a=measurements("2026-11-01, 99, 100", "2026-11-02, 100, 100"))),
    # "    - [2026-11-01, " is 19 characters: the good count starts at column 20.
    Case("more good events than events", repo([slo()], a=measurements("2026-11-01, 101, 100")),
         (error("SLO007", rows_at("a"), 5, 20, "row 2026-11-01: 101 good events is more than the 100 counted"),)),
    Case("a daily row that starts at a timestamp", repo([slo()], a=measurements("2026-11-01T00:00:00Z, 5, 5")),
         (error("SLO007", rows_at("a"), 5, 8, "row 2026-11-01T00:00:00Z: daily rows start at a date (YYYY-MM-DD)"),)),
    Case("an hourly row that starts at a date", repo([slo()], a=measurements("2026-11-01, 5, 5", resolution="1h")),
         (error("SLO007", rows_at("a"), 5, 8, "row 2026-11-01: hourly rows start at a timestamp with a timezone "
                                              "(YYYY-MM-DDTHH:MM:SSZ)"),)),
    Case("one day in two files", repo([slo()], a=measurements("2026-11-01, 5, 5"), b=measurements("2026-11-01, 5, 5")),
         (error("SLO007", rows_at("b"), 5, 8, "row 2026-11-01 is counted twice (also in "
                                              "services/checkout/measurements/a.yaml:5)"),)),
    Case("measurements of an SLO the service does not have",
         repo([slo()], a=measurements("2026-11-01, 5, 5", slo="availabilty")),
         (error("SLO007", rows_at("a"), 2, 8, "measurements for 'availabilty', which is not an SLO of "
                                              "services/checkout/; did you mean 'availability'?"),)),
]


@pytest.mark.parametrize(("code", "case"), [
    *(("SLO003", case) for case in SLO003_CASES), *(("SLO007", case) for case in SLO007_CASES),
    *(("SLO008", case) for case in SLO008_CASES),
], ids=lambda value: str(value))
def test_slo_name_policies(tmp_path: Path, code: str, case: Case) -> None:
    assert run_case(tmp_path, code, case) == sorted(case.expected)
