"""INC003 (an incident naming an unknown service), INC004 (a postmortem link that leads nowhere or elsewhere),
INC005 (an incident id used twice) and PM004 (a postmortem timeline out of order or at odds with its figures).

An incident written by ``incident()`` (services/checkout/incidents/INC-2026-014.yaml unless named)::

    1 incident:
    2   id: INC-2026-014                    (value at column 7)
    3   title: Checkout errors after deploy
    4   services: [checkout, ...]           (first item at column 14; each next one after ", ")
    5   severity: SEV2
    6   status: review
    7   timestamps:
    8     started: 2026-11-05T10:00:00Z
    9   postmortem: ...                     (value at column 15, when given)
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policy_cases import Case, Expected, run_case

SERVICE = {"services/checkout/service.yaml": "service:\n  name: checkout\n  tier: standard\n  owner_team: payments\n",
           "services/search/service.yaml": "service:\n  name: search\n  tier: standard\n  owner_team: payments\n",
           "org/teams.yaml": "team:\n  name: payments\n"}
INCIDENT = "services/checkout/incidents/INC-2026-014.yaml"
POSTMORTEM = "services/checkout/postmortems/INC-2026-014.yaml"


def incident(ident: str = "INC-2026-014", *, services: str = "[checkout]", postmortem: str | None = None,
             started: str = "2026-11-05T10:00:00Z") -> str:
    text = (f"incident:\n  id: {ident}\n  title: Checkout errors after deploy\n  services: {services}\n"
            f"  severity: SEV2\n  status: review\n  timestamps:\n    started: {started}\n")
    return text + (f"  postmortem: {postmortem}\n" if postmortem is not None else "")


def postmortem(ident: str = "INC-2026-014", *, timeline: tuple[tuple[str, str], ...] = (), detect: float | None = None) -> str:
    text = (f"postmortem:\n  incident: {ident}\n  title: Checkout errors after deploy\n  date: 2026-11-05\n"
            "  severity: SEV2\n  status: draft\n")
    if timeline:
        text += "  timeline:\n" + "".join(f"    - time: {time}\n      event: {event}\n" for time, event in timeline)
    if detect is not None:
        text += f"  detection:\n    time_to_detect_minutes: {detect:g}\n"
    return text


def error(code: str, line: int, column: int, message: str, path: str = INCIDENT) -> Expected:
    return Expected(code, path, line, column, "error", message)


INC003_CASES = [
    Case("services of the repo", {**SERVICE, INCIDENT: incident(services="[checkout, search]")}),
    # "  services: [checkout, serch]": serch starts after "[checkout, ", at column 14 + 10 = 24.
    Case("a typo in the second service", {**SERVICE, INCIDENT: incident(services="[checkout, serch]")},
         (error("INC003", 4, 24, "service 'serch' does not exist; did you mean 'search'?"),)),
    Case("an unknown service with nothing close", {**SERVICE, INCIDENT: incident(services="[ledger]")},
         (error("INC003", 4, 14, "service 'ledger' does not exist"),)),
]

INC004_CASES = [
    Case("a link to this incident's postmortem",
         {**SERVICE, INCIDENT: incident(postmortem="../postmortems/INC-2026-014.yaml"), POSTMORTEM: postmortem()}),
    Case("a URL is not checked", {**SERVICE, INCIDENT: incident(postmortem="https://docs.example/pm/14")}),
    Case("a link to a file that does not exist",
         {**SERVICE, INCIDENT: incident(postmortem="../postmortems/INC-2026-041.yaml")},
         (error("INC004", 9, 15, "postmortem link '../postmortems/INC-2026-041.yaml' does not resolve: "
                                 "services/checkout/postmortems/INC-2026-041.yaml holds no postmortem"),)),
    Case("a link out of the repository", {**SERVICE, INCIDENT: incident(postmortem="../../../../pm.yaml")},
         (error("INC004", 9, 15, "postmortem link '../../../../pm.yaml' does not resolve: it leaves the repository"),)),
    Case("a link to another incident's postmortem",
         {**SERVICE, INCIDENT: incident(postmortem="../postmortems/INC-2026-014.yaml"),
          POSTMORTEM: postmortem("INC-2026-009"),
          "services/checkout/incidents/INC-2026-009.yaml": incident("INC-2026-009")},
         (error("INC004", 9, 15, "postmortem link '../postmortems/INC-2026-014.yaml' leads to the postmortem of "
                                 "INC-2026-009, not of INC-2026-014"),)),
]

INC005_CASES = [
    Case("two ids", {**SERVICE, INCIDENT: incident(), "services/checkout/incidents/INC-2026-015.yaml":
                     incident("INC-2026-015")}),
    # Files are read in path order: checkout's incident comes first, search's second is the finding.
    Case("one id in two services", {**SERVICE, INCIDENT: incident(),
                                    "services/search/incidents/INC-2026-014.yaml": incident(services="[search]")},
         (error("INC005", 2, 7, "incident id INC-2026-014 is already used at services/checkout/incidents/"
                                "INC-2026-014.yaml:1", path="services/search/incidents/INC-2026-014.yaml"),)),
]

START, DETECT, MITIGATE = "2026-11-05T10:00:00Z", "2026-11-05T10:04:00Z", "2026-11-05T10:40:00Z"
TIMELINE = ((START, "Deploy of config 4.2 started"), (DETECT, "Error alert detected the spike"),
            (MITIGATE, "Rollback mitigated the impact"))


def pm004(line: int, column: int, message: str) -> Expected:
    return Expected("PM004", POSTMORTEM, line, column, "error", message)


# Timeline lines: entry i's "time" is on line 8 + 2i, its value at column 13 ("    - time: " is 12 characters).
# With three entries the detection block follows on lines 14-15, the figure's value at column 29.
PM004_CASES = [
    Case("in order, and 4 minutes to detect as stated", {**SERVICE, POSTMORTEM: postmortem(timeline=TIMELINE, detect=4)}),
    Case("an entry earlier than the one before it",
         {**SERVICE, POSTMORTEM: postmortem(timeline=(TIMELINE[0], ("2026-11-05T09:50:00Z", "Canary detected errors")))},
         (pm004(10, 13, "timeline entry at 2026-11-05T09:50:00Z is earlier than the entry before it"),)),
    # 10:00 -> 10:04 is 4 minutes; 10 is 6 off, more than the 1-minute tolerance.
    Case("10 minutes to detect stated, 4 in the timeline", {**SERVICE, POSTMORTEM: postmortem(timeline=TIMELINE, detect=10)},
         (pm004(15, 29, "time_to_detect_minutes is 10, but the timeline puts detected 4 minutes after the start"),)),
    Case("5 stated against 4: within the 1-minute tolerance", {**SERVICE, POSTMORTEM: postmortem(timeline=TIMELINE, detect=5)}),
    Case("minutes_tolerance 0: 5 against 4 is a finding", {**SERVICE, POSTMORTEM: postmortem(timeline=TIMELINE, detect=5)},
         (pm004(15, 29, "time_to_detect_minutes is 5, but the timeline puts detected 4 minutes after the start"),),
         config="policies:\n  PM004: {options: {minutes_tolerance: 0}}\n"),
    # The incident record's start (09:58) wins over the timeline's first entry: 09:58 -> 10:04 is 6 minutes.
    Case("the incident's own start counts", {**SERVICE, POSTMORTEM: postmortem(timeline=TIMELINE, detect=4),
                                             INCIDENT: incident(started="2026-11-05T09:58:00Z")},
         (pm004(15, 29, "time_to_detect_minutes is 4, but the timeline puts detected 6 minutes after the start"),)),
]


@pytest.mark.parametrize(("code", "case"), [
    *(("INC003", case) for case in INC003_CASES), *(("INC004", case) for case in INC004_CASES),
    *(("INC005", case) for case in INC005_CASES), *(("PM004", case) for case in PM004_CASES),
], ids=lambda value: str(value))
def test_incident_policies(tmp_path: Path, code: str, case: Case) -> None:
    assert run_case(tmp_path, code, case) == sorted(case.expected)
