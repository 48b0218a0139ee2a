"""ALR001-ALR004 (alerts: a usable runbook, an escalation for pages, a known SLO, a unique name), case by case.

An alert written by ``alert()`` in services/checkout/alerts.yaml; each further alert follows a ``---`` line, so
the second alert's document starts 9 lines further down (8 lines and the separator, without ``slo``)::

    1 alert:
    2   name: checkout-down       (value at column 9)
    3   service: checkout
    4   severity: P1
    5   signal: errors            (value at column 11)
    6   condition: error rate above 5% for 5 minutes
    7   notify: page
    8   runbook: runbooks/down.yaml   (value at column 12)
    9   slo: ...                  (value at column 8, when given)

The runbook services/checkout/runbooks/down.yaml names ``checkout-down`` and escalates to the payments lead,
unless a case says otherwise.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policy_cases import Case, Expected, run_case

ALERTS = "services/checkout/alerts.yaml"
SERVICE = {"services/checkout/service.yaml": "service:\n  name: checkout\n  tier: standard\n  owner_team: payments\n",
           "org/teams.yaml": "team:\n  name: payments\n"}


def alert(name: str = "checkout-down", *, severity: str = "P1", notify: str = "page", signal: str = "errors",
          runbook: str = "runbooks/down.yaml", slo: str | None = None) -> str:
    lines = ["alert:", f"  name: {name}", "  service: checkout", f"  severity: {severity}", f"  signal: {signal}",
             "  condition: error rate above 5% for 5 minutes", f"  notify: {notify}"]
    lines.append(f"  runbook: {runbook}")
    if slo is not None:
        lines.append(f"  slo: {slo}")
    return "\n".join(lines) + "\n"


def runbook(alert_name: str = "checkout-down", contact: str | None = "payments lead (ana)") -> str:
    escalation = "  escalation:\n    after_minutes: 15\n" + (f"    contact: {contact}\n" if contact else "")
    return (f"runbook:\n  title: Checkout is down\n  alert_name: {alert_name}\n  last_updated: 2026-11-02\n"
            "  diagnosis:\n    - step: Check the error dashboard\n  mitigation:\n    - option: Roll back\n" + escalation)


def repo(*alerts: str, runbooks: dict[str, str] | None = None, extra: dict[str, str] | None = None) -> dict[str, str]:
    files = {**SERVICE, ALERTS: "---\n".join(alerts)}
    files.update({"services/checkout/runbooks/down.yaml": runbook()} if runbooks is None else runbooks)
    files.update(extra or {})
    return files


def error(code: str, line: int, column: int, message: str, path: str = ALERTS) -> Expected:
    return Expected(code, path, line, column, "error", message)


ALR001_CASES = [
    Case("a link to a runbook that names the alert", repo(alert())),
    Case("a link to a file that does not exist", repo(alert(runbook="runbooks/gone.yaml")),
         (error("ALR001", 8, 12, "runbook link 'runbooks/gone.yaml' does not resolve: "
                                 "services/checkout/runbooks/gone.yaml holds no runbook"),)),
    Case("a link out of the repository", repo(alert(runbook="../../../elsewhere.yaml")),
         (error("ALR001", 8, 12, "runbook link '../../../elsewhere.yaml' does not resolve: it leaves the repository"),)),
    Case("a wiki URL is accepted as it is", repo(alert(runbook="https://wiki.example/checkout-down"), runbooks={})),
    Case("a URL when allow_urls is off", repo(alert(runbook="https://wiki.example/checkout-down"), runbooks={}),
         (error("ALR001", 8, 12, "runbook link 'https://wiki.example/checkout-down' is a URL; link a runbook file "
                                 "in this repo"),),
         config="policies:\n  ALR001: {options: {allow_urls: false}}\n"),
    # The link resolves, but the runbook is for checkout-down: no runbook names checkout-slow.
    Case("a link to a runbook written for another alert", repo(alert("checkout-slow")),
         (error("ALR001", 2, 9, "no runbook of services/checkout/ names alert 'checkout-slow' in alert_name"),)),
]

ALR002_CASES = [
    Case("a page whose runbook escalates", repo(alert())),
    Case("a page whose runbook names no contact", repo(alert(), runbooks={
        "services/checkout/runbooks/down.yaml": runbook(contact=None)}),
         (error("ALR002", 2, 9, "paging alert 'checkout-down' (P1): its runbook services/checkout/runbooks/down.yaml "
                                "has no escalation contact"),)),
    Case("a P3 ticket needs no escalation", repo(alert(severity="P3", notify="ticket"), runbooks={
        "services/checkout/runbooks/down.yaml": runbook(contact=None)})),
    Case("a P3 that pages all the same", repo(alert(severity="P3"), runbooks={
        "services/checkout/runbooks/down.yaml": runbook(contact=None)}),
         (error("ALR002", 2, 9, "paging alert 'checkout-down' (P3): its runbook services/checkout/runbooks/down.yaml "
                                "has no escalation contact"),)),
    Case("paging_severities [P0]: a P1 ticket is not a page", repo(alert(notify="ticket"), runbooks={
        "services/checkout/runbooks/down.yaml": runbook(contact=None)}),
         config="policies:\n  ALR002: {options: {paging_severities: [P0]}}\n"),
]

ALR003_CASES = [
    Case("no slo on an errors alert", repo(alert())),
    Case("a burn_rate alert that names no SLO", repo(alert(signal="burn_rate")),
         (error("ALR003", 5, 11, "a burn_rate alert must name the SLO whose budget it watches (slo:)"),)),
    Case("an SLO the service does not have", repo(alert(slo="checkout-availability")),
         (error("ALR003", 9, 8, "SLO 'checkout-availability' is not an SLO of services/checkout/"),)),
]

ALR004_CASES = [
    Case("two names", repo(alert(), alert("checkout-slow", runbook="runbooks/slow.yaml"),
                           extra={"services/checkout/runbooks/slow.yaml": runbook("checkout-slow")})),
    # The second alert's document starts on line 10 (after 8 lines and "---"): its name is on line 11.
    Case("one name twice in a file", repo(alert(), alert()),
         (error("ALR004", 11, 9, "alert name 'checkout-down' is already used at services/checkout/alerts.yaml:2"),)),
    Case("one name in two files: the later file's is the finding", repo(alert(), extra={
        "services/checkout/more-alerts.yaml": alert()}),
         (error("ALR004", 2, 9, "alert name 'checkout-down' is already used at services/checkout/alerts.yaml:2",
                path="services/checkout/more-alerts.yaml"),)),
]


@pytest.mark.parametrize(("code", "case"), [
    *(("ALR001", case) for case in ALR001_CASES), *(("ALR002", case) for case in ALR002_CASES),
    *(("ALR003", case) for case in ALR003_CASES), *(("ALR004", case) for case in ALR004_CASES),
], ids=lambda value: str(value))
def test_alert_policies(tmp_path: Path, code: str, case: Case) -> None:
    assert run_case(tmp_path, code, case) == sorted(case.expected)
