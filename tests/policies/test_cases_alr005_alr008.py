"""ALR005 to ALR008 (page on a cause, severity vs notification, alert review, TODO expression) case by case.

Every alert below is written as::

    1 alert:
    2   name: checkout-alert              (value at column 9)
    3   service: checkout
    4   severity: <severity>              (value at column 13)
    5   signal: <signal>
    6   condition: fires
    7.. <extra lines, in the order given>  (notify: value at column 11; expr: at column 9)
    n   runbook: https://runbooks.example.com/checkout-alert
    n+1 last_reviewed: <date>             (value at column 18), unless left out

Today is 2026-11-26 (policy_cases.TODAY). 2026-10-26 is exactly 31 days before it (October has 31 days).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policy_cases import Case, Expected, run_case

PATH = "services/checkout/alerts.yaml"


def alert(severity: str = "P1", signal: str = "errors", *extra: str, reviewed: str | None = "2026-11-20") -> dict[str, str]:
    lines = ["alert:", "  name: checkout-alert", "  service: checkout", f"  severity: {severity}", f"  signal: {signal}",
             "  condition: fires", *(f"  {line}" for line in extra), "  runbook: https://runbooks.example.com/checkout-alert"]
    if reviewed is not None:
        lines.append(f"  last_reviewed: {reviewed}")
    return {PATH: "\n".join(lines) + "\n"}


def found(code: str, line: int, column: int, message: str, level: str = "error") -> Expected:
    return Expected(code, PATH, line, column, level, message)


CAUSE = ("alert 'checkout-alert' pages on a cause (signal: saturation, no slo): page only on symptoms users feel; "
         "make it a ticket (P2) or name the SLO it threatens")

ALR005 = [
    Case("P0 saturation alert that pages", alert("P0", "saturation", "notify: page"), (found("ALR005", 7, 11, CAUSE),)),
    Case("P0 saturation alert without notify pages by its severity: at the severity",
         alert("P0", "saturation"), (found("ALR005", 4, 13, CAUSE),)),
    Case("P1 routes to a pager too", alert("P1", "saturation"), (found("ALR005", 4, 13, CAUSE),)),
    Case("P2 saturation alert that pages (ALR006 also objects)", alert("P2", "saturation", "notify: page"),
         (found("ALR005", 7, 11, CAUSE),)),
    Case("a saturation ticket is fine", alert("P2", "saturation", "notify: ticket")),
    Case("a saturation alert on the dashboard is fine", alert("P3", "saturation", "notify: dashboard")),
    Case("a saturation alert without notify at P2 does not page", alert("P2", "saturation")),
    Case("a saturation alert naming the SLO it threatens is a symptom", alert("P0", "saturation", "slo: checkout-availability",
                                                                              "notify: page")),
    Case("an error alert that pages is a symptom", alert("P0", "errors", "notify: page")),
    Case("a latency alert that pages is a symptom", alert("P1", "latency")),
    Case("a P0 saturation alert sent to a dashboard does not page (ALR006's business)",
         alert("P0", "saturation", "notify: dashboard")),
]


def mismatch(label: str, notification: str, wanted: str, got: str) -> Expected:
    return found("ALR006", 7, 11, f"alert 'checkout-alert' is {label} ({notification}), so notify must be {wanted}, "
                                  f"not {got}")


ALR006 = [
    Case("P3 that pages", alert("P3", "latency", "notify: page"),
         (mismatch("P3/Log", "Dashboard only", "dashboard", "page"),)),
    Case("P3 that opens a ticket", alert("P3", "latency", "notify: ticket"),
         (mismatch("P3/Log", "Dashboard only", "dashboard", "ticket"),)),
    Case("P0 on a dashboard", alert("P0", "errors", "notify: dashboard"),
         (mismatch("P0/Page", "PagerDuty and a phone call", "page", "dashboard"),)),
    Case("P1 as a ticket: the guide sends P1 to Slack and PagerDuty", alert("P1", "errors", "notify: ticket"),
         (mismatch("P1/Urgent", "Slack and PagerDuty", "page", "ticket"),)),
    Case("P2 that pages", alert("P2", "errors", "notify: page"),
         (mismatch("P2/Ticket", "A ticket is opened automatically", "ticket", "page"),)),
    Case("P2 on a dashboard", alert("P2", "errors", "notify: dashboard"),
         (mismatch("P2/Ticket", "A ticket is opened automatically", "ticket", "dashboard"),)),
    Case("P0 page", alert("P0", "errors", "notify: page")),
    Case("P1 page", alert("P1", "errors", "notify: page")),
    Case("P2 ticket", alert("P2", "errors", "notify: ticket")),
    Case("P3 dashboard", alert("P3", "errors", "notify: dashboard")),
    Case("no notify: routed by the severity", alert("P3", "errors")),
]


def stale(date: str, days: int = 31) -> Expected:
    return found("ALR007", 8, 18, f"alert 'checkout-alert' was last reviewed on {date}, more than {days} days ago; "
                                  "review alerts monthly", "warning")


ALR007 = [
    Case("reviewed today", alert(reviewed="2026-11-26")),
    Case("exactly 31 days ago", alert(reviewed="2026-10-26")),
    Case("32 days ago", alert(reviewed="2026-10-25"), (stale("2026-10-25"),)),
    Case("never reviewed: at the name", alert(reviewed=None),
         (found("ALR007", 2, 9, "alert 'checkout-alert' has no last_reviewed date: record the monthly alert review "
                                "(keep, tune or delete it)", "warning"),)),
    Case("a review after today", alert(reviewed="2026-11-27"),
         (found("ALR007", 8, 18, "alert 'checkout-alert' was last reviewed on 2026-11-27, after today (2026-11-26)",
                "warning"),)),
    Case("max_age_days 7: exactly 7 days ago", alert(reviewed="2026-11-19"),
         config="policies:\n  ALR007: {options: {max_age_days: 7}}\n"),
    Case("max_age_days 7: 8 days ago", alert(reviewed="2026-11-18"), (stale("2026-11-18", 7),),
         config="policies:\n  ALR007: {options: {max_age_days: 7}}\n"),
]


def todo(text: str) -> Expected:
    return found("ALR008", 7, 9, f"alert 'checkout-alert' has no expression yet ({text!r}): write the PromQL that fires it")


ALR008 = [
    Case("the placeholder sre-docs new writes", alert("P1", "errors", 'expr: "TODO: the PromQL expression that fires it"'),
         (todo("TODO: the PromQL expression that fires it"),)),
    Case("no colon", alert("P1", "errors", "expr: TODO later"), (todo("TODO later"),)),
    # The marker is the scaffold's (schemas.markers.is_todo, shared with TODO001): upper case, a whole word.
    Case("lower case is not the marker (PQL001 reads it as PromQL)", alert("P1", "errors", "expr: todo later")),
    Case("just TODO", alert("P1", "errors", "expr: TODO"), (todo("TODO"),)),
    Case("a block: the first line is quoted", alert("P1", "errors", "expr: |", "  TODO: ask the DBAs", "  which metric"),
         (todo("TODO: ask the DBAs"),)),
    Case("a metric whose name starts with todo is a query", alert("P1", "errors", "expr: todo_items_total > 5")),
    Case("a real expression", alert("P1", "errors", 'expr: sum(rate(http_requests_total{code=~"5.."}[5m])) > 1')),
    Case("no expr at all is not a placeholder", alert()),
]


@pytest.mark.parametrize("case", ALR005, ids=str)
def test_alr005(tmp_path: Path, case: Case) -> None:
    assert run_case(tmp_path, "ALR005", case) == sorted(case.expected)


@pytest.mark.parametrize("case", ALR006, ids=str)
def test_alr006(tmp_path: Path, case: Case) -> None:
    assert run_case(tmp_path, "ALR006", case) == sorted(case.expected)


@pytest.mark.parametrize("case", ALR007, ids=str)
def test_alr007(tmp_path: Path, case: Case) -> None:
    assert run_case(tmp_path, "ALR007", case) == sorted(case.expected)


@pytest.mark.parametrize("case", ALR008, ids=str)
def test_alr008(tmp_path: Path, case: Case) -> None:
    assert run_case(tmp_path, "ALR008", case) == sorted(case.expected)


@pytest.mark.parametrize("expr", ["TODO later", '"TODO: the PromQL expression that fires it"'])
def test_a_placeholder_is_not_a_promql_syntax_error(tmp_path: Path, expr: str) -> None:
    """ALR008 is the one finding for a placeholder: PQL001 (syntax) leaves it alone."""
    assert run_case(tmp_path, "PQL001", Case("placeholder", alert("P1", "errors", f"expr: {expr}"))) == []
