"""RBK002 (a runbook without diagnosis, mitigation or escalation), RBK003 (a runbook for an alert that does not
exist), PM005 (blaming language) and PM006 (a postmortem for an incident that does not exist), case by case.

A runbook written by ``runbook()`` (services/checkout/runbooks/down.yaml)::

    1 runbook:                  (the kind: findings about a whole runbook point here, line 1 column 1)
    2   title: Checkout is down
    3   alert_name: checkout-down   (value at column 15)
    4   last_updated: 2026-11-02
    5.. diagnosis, mitigation, escalation, each when given

The alert ``checkout-down`` is defined in services/checkout/alerts.yaml unless a case says otherwise.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policy_cases import Case, Expected, run_case

RUNBOOK = "services/checkout/runbooks/down.yaml"
ALERTS = {"services/checkout/alerts.yaml": "alert:\n  name: checkout-down\n  service: checkout\n  severity: P1\n"
                                          "  signal: errors\n  condition: error rate above 5% for 5 minutes\n"
                                          "  notify: page\n  runbook: runbooks/down.yaml\n"}
PARTS = {"diagnosis": "  diagnosis:\n    - step: Check the error dashboard\n",
         "mitigation": "  mitigation:\n    - option: Roll back the last deploy\n",
         "escalation": "  escalation:\n    after_minutes: 15\n"}


def runbook(*, alert: str = "checkout-down", without: tuple[str, ...] = (), alerts: dict[str, str] = ALERTS,
            path: str = RUNBOOK) -> dict[str, str]:
    text = f"runbook:\n  title: Checkout is down\n  alert_name: {alert}\n  last_updated: 2026-11-02\n"
    text += "".join(body for part, body in PARTS.items() if part not in without)
    return {path: text, **alerts}


def rbk002(message: str) -> Expected:
    return Expected("RBK002", RUNBOOK, 1, 1, "error", message)


RBK002_CASES = [
    Case("diagnosis, mitigation and escalation", runbook()),
    Case("no mitigation", runbook(without=("mitigation",)),
         (rbk002("runbook has no mitigation (options to stop the impact)"),)),
    Case("nothing but the title: three findings", runbook(without=("diagnosis", "mitigation", "escalation")),
         (rbk002("runbook has no diagnosis (steps to find out what is wrong)"),
          rbk002("runbook has no mitigation (options to stop the impact)"),
          rbk002("runbook has no escalation (who to call and after how long)"))),
]


def rbk003(message: str, path: str = RUNBOOK) -> Expected:
    return Expected("RBK003", path, 3, 15, "error", message)


RBK003_CASES = [
    Case("the alert exists", runbook()),
    Case("a typo in the alert's name", runbook(alert="checkout-dwn"),
         (rbk003("runbook is for alert 'checkout-dwn', which is not an alert of services/checkout/; "
                 "did you mean 'checkout-down'?"),)),
    Case("no alerts at all", runbook(alert="payments-down", alerts={}),
         (rbk003("runbook is for alert 'payments-down', which is not an alert of services/checkout/"),)),
    # A runbook shared across services: an alert of another service links to it by path, so its name is known.
    Case("an alert of another service that links to this runbook",
         runbook(alert="search-down", alerts={
             "services/search/service.yaml": "service:\n  name: search\n  tier: standard\n  owner_team: payments\n",
             "services/search/alerts.yaml": "alert:\n  name: search-down\n  service: search\n  severity: P1\n"
                                            "  signal: errors\n  condition: error rate above 5% for 5 minutes\n"
                                            "  notify: page\n  runbook: ../checkout/runbooks/down.yaml\n"})),
]

POSTMORTEM = "services/checkout/postmortems/INC-2026-014.yaml"
INCIDENT = {"services/checkout/incidents/INC-2026-014.yaml": (
    "incident:\n  id: INC-2026-014\n  title: Checkout errors after deploy\n  services: [checkout]\n  severity: SEV2\n"
    "  status: review\n  timestamps:\n    started: 2026-11-05T10:00:00Z\n")}


def postmortem(summary: str, *, incident: str = "INC-2026-014", files: dict[str, str] = INCIDENT) -> dict[str, str]:
    text = (f"postmortem:\n  incident: {incident}\n  title: Checkout errors after deploy\n  date: 2026-11-05\n"
            f"  severity: SEV2\n  status: draft\n  summary: {summary}\n")
    return {POSTMORTEM: text, **files}


def pm005(line: int, column: int, phrase: str) -> Expected:
    return Expected("PM005", POSTMORTEM, line, column, "warning",
                    f"blaming language {phrase!r}: describe what the system allowed, not who got it wrong")


# The summary's value starts at line 7, column 12 ("  summary: " is 11 characters).
PM005_CASES = [
    Case("what the system allowed", postmortem("The pipeline let the change skip the canary.")),
    Case("'human error', found where it stands in the line", postmortem("Root cause was human error in a deploy."),
         (pm005(7, 27, "human error"),)),  # 12 + len("Root cause was ") = 12 + 15
    Case("any case, and a name's fault", postmortem("It was Bob's fault; HUMAN ERROR again."),
         (pm005(7, 19, "Bob's fault"), pm005(7, 32, "HUMAN ERROR"))),
    Case("the same phrase twice: each occurrence", postmortem("careless review, careless deploy"),
         (pm005(7, 12, "careless"), pm005(7, 29, "careless"))),
    # "faulty" is no blame: the patterns match whole words.
    Case("'faulty' is not 'fault of'", postmortem("A faulty disk failed.")),
    # 12 + len("Root cause was human error; ops ") = 12 + 32 = 44; "human error" is no longer a phrase.
    Case("phrases from config replace the defaults", postmortem("Root cause was human error; ops goofed."),
         (pm005(7, 44, "goofed"),), config="policies:\n  PM005: {options: {phrases: [goofed]}}\n"),
]

PM006_CASES = [
    Case("the incident exists", postmortem("The pipeline let the change skip the canary.")),
    Case("a postmortem for an incident that does not exist, with the close one suggested",
         postmortem("The pipeline let the change skip the canary.", incident="INC-2026-041"),
         (Expected("PM006", POSTMORTEM, 2, 13, "error",
                   "incident INC-2026-041 does not exist; did you mean 'INC-2026-014'?"),)),
    Case("no incidents at all", postmortem("The pipeline let the change skip the canary.", files={}),
         (Expected("PM006", POSTMORTEM, 2, 13, "error", "incident INC-2026-014 does not exist"),)),
]

SERVICE = {"services/checkout/service.yaml": "service:\n  name: checkout\n  tier: standard\n  owner_team: payments\n",
           "org/teams.yaml": "team:\n  name: payments\n"}


def _with_service(case: Case) -> Case:
    return Case(case.description, {**SERVICE, **case.files}, case.expected, case.config)


@pytest.mark.parametrize(("code", "case"), [
    *(("RBK002", case) for case in RBK002_CASES), *(("RBK003", case) for case in RBK003_CASES),
    *(("PM005", case) for case in PM005_CASES), *(("PM006", case) for case in PM006_CASES),
], ids=lambda value: str(value))
def test_runbook_and_postmortem_policies(tmp_path: Path, code: str, case: Case) -> None:
    case = _with_service(case)
    assert run_case(tmp_path, code, case) == sorted(case.expected)
