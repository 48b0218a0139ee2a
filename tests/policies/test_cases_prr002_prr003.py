"""PRR002 (a pass the repo contradicts, every tier) and PRR003 (a new service needs a review) case by case.

A review is written as::

    1 prr:
    2   service: checkout
    3   date: 2026-10-01
    4   checks:
    5     - {id: <id>, status: <status>}     (the id at column 12, the status at 12 + len(id) + 10)

A catalog entry for PRR003 is::

    1 service:
    2   name: ledger
    3   tier: <tier>
    4   owner_team: payments
    5   launch_date: <date>                 (value at column 16)

Today is 2026-11-26; 2026-08-28 is exactly 90 days before it (3 + 30 + 31 + 26).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policy_cases import Case, Expected, run_case
from sre_docs.schemas.vocabulary import PRR_CHECK_IDS

REVIEW = "services/checkout/prr.yaml"


def review(check: str, status: str = "pass", service: str = "checkout") -> dict[str, str]:
    return {f"services/{service}/prr.yaml": f"prr:\n  service: {service}\n  date: 2026-10-01\n  checks:\n"
                                            f"    - {{id: {check}, status: {status}}}\n"}


def catalog(tier: str = "standard", extra: str = "") -> dict[str, str]:
    return {"services/checkout/service.yaml": f"service:\n  name: checkout\n  tier: {tier}\n  owner_team: payments\n{extra}"}


def alert(*, severity: str = "P2", notify: str = "ticket", runbook: str = "https://runbooks.example.com/x",
          expr: str | None = None) -> dict[str, str]:
    text = (f"alert:\n  name: checkout-errors\n  service: checkout\n  severity: {severity}\n  signal: errors\n"
            f"  condition: fires\n" + (f"  expr: {expr}\n" if expr else "") +
            f"  notify: {notify}\n  runbook: {runbook}\n  last_reviewed: 2026-11-20\n")
    return {"services/checkout/alerts.yaml": text}


RUNBOOK_WITHOUT_ESCALATION = {"services/checkout/runbooks/errors.yaml":
                              "runbook:\n  title: Errors\n  alert_name: checkout-errors\n  last_updated: 2026-11-20\n"}


def contradicted(check: str, says: str) -> Expected:
    return Expected("PRR002", REVIEW, 5, 12 + len(check) + 10, "error",
                    f"readiness check {check} passes in the review, but the repo shows otherwise: {says}")


PRR002 = [
    Case("a standard service: a broken runbook link contradicts alerts-with-runbooks (ALR001's predicate)",
         catalog() | alert(runbook="runbooks/errors.yaml") | review("monitoring.alerts-with-runbooks"),
         (contradicted("monitoring.alerts-with-runbooks", "no runbook for checkout-errors (ALR001)"),)),
    Case("a critical service too", catalog("critical") | alert(runbook="runbooks/errors.yaml")
         | review("monitoring.alerts-with-runbooks"),
         (contradicted("monitoring.alerts-with-runbooks", "no runbook for checkout-errors (ALR001)"),)),
    Case("no alerts at all", catalog() | review("monitoring.alerts-with-runbooks"),
         (contradicted("monitoring.alerts-with-runbooks", "no alerts defined"),)),
    Case("a TODO expression is not alerting configured (ALR008's predicate)",
         catalog() | alert(expr='"TODO: write it"') | review("monitoring.alerts-with-runbooks"),
         (contradicted("monitoring.alerts-with-runbooks", "no expression yet for checkout-errors (ALR008)"),)),
    Case("a URL runbook and a real expression: the pass stands",
         catalog() | alert(expr="up == 0") | review("monitoring.alerts-with-runbooks")),
    Case("a fail is PRR001's business, not a contradiction", catalog() | alert(runbook="runbooks/errors.yaml")
         | review("monitoring.alerts-with-runbooks", "fail")),
    Case("n/a is a decision", catalog() | review("monitoring.alerts-with-runbooks", "n/a")),
    Case("a paging alert whose runbook does not escalate contradicts escalation-paths (ALR002's predicate)",
         catalog() | alert(severity="P1", notify="page", runbook="runbooks/errors.yaml") | RUNBOOK_WITHOUT_ESCALATION
         | review("incidents.escalation-paths"),
         (contradicted("incidents.escalation-paths",
                       "no escalation contact in the runbook of paging alert checkout-errors (ALR002)"),)),
    Case("structured logging without the standard's fields (LOG001's predicate)",
         catalog(extra="  observability:\n    structured_logging: true\n    log_fields: [timestamp, level, service, "
                 "message, error_type, error_message, environment, host]\n")
         | review("monitoring.structured-logging"),
         (contradicted("monitoring.structured-logging", "log_fields miss region (LOG001)"),)),
    Case("structured logging with the standard's fields",
         catalog(extra="  observability:\n    structured_logging: true\n    log_fields: [timestamp, level, service, "
                 "message, error_type, error_message, environment, host, region]\n")
         | review("monitoring.structured-logging")),
    Case("a catalog silent about logging contradicts nothing", catalog() | review("monitoring.structured-logging")),
    Case("no review, nothing to contradict", catalog() | alert(runbook="runbooks/errors.yaml")),
]


def ledger(tier: str = "standard", launch: str | None = "2026-11-20") -> dict[str, str]:
    text = f"service:\n  name: ledger\n  tier: {tier}\n  owner_team: payments\n"
    if launch:
        text += f"  launch_date: {launch}\n"
    return {"services/ledger/service.yaml": text}


def no_review(when: str, tier: str = "standard") -> Expected:
    return Expected("PRR003", "services/ledger/service.yaml", 5, 16, "error",
                    f"new service ledger ({when}) has no production readiness review (prr)")


FULL = {"services/ledger/prr.yaml": "prr:\n  service: ledger\n  date: 2026-11-10\n  checks:\n" +
        "".join(f"    - {{id: {check}, status: n/a}}\n" for check in PRR_CHECK_IDS)}

PRR003 = [
    Case("launched 6 days ago, no review: at launch_date", ledger(), (no_review("launched 2026-11-20"),)),
    Case("launched exactly 90 days ago is still new", ledger(launch="2026-08-28"), (no_review("launched 2026-08-28"),)),
    Case("launched 91 days ago is not new", ledger(launch="2026-08-27")),
    Case("launching next year: before going to production", ledger(launch="2027-01-10"),
         (no_review("launches 2027-01-10"),)),
    Case("experimental tier too", ledger("experimental"), (no_review("launched 2026-11-20"),)),
    Case("critical and important services are PRR001's", ledger("critical")),
    Case("no launch_date: not judged new", ledger(launch=None)),
    Case("a full review that fails nothing", ledger() | FULL),
    Case("the review fails a check (PRR001's bar, reported as PRR003)",
         ledger() | {"services/ledger/prr.yaml": FULL["services/ledger/prr.yaml"].replace(
             "{id: data.retention-policy, status: n/a}", "{id: data.retention-policy, status: fail}")},
         (Expected("PRR003", "services/ledger/prr.yaml", 5 + PRR_CHECK_IDS.index("data.retention-policy"), 12 + 21 + 10, "error",
                   "readiness check data.retention-policy fails"),)),
    Case("a review of one check", ledger() | review("slos.slis-defined", "n/a", "ledger"),
         (Expected("PRR003", "services/ledger/prr.yaml", 4, 3, "error",
                   "review does not cover 27 of the 28 checks: slos.targets-agreed, slos.budget-policy, "
                   "monitoring.golden-signals, monitoring.alerts-with-runbooks, monitoring.structured-logging and "
                   "22 more"),)),
    Case("new_days 7: exactly 7 days ago", ledger(launch="2026-11-19"), (no_review("launched 2026-11-19"),),
         config="policies:\n  PRR003: {options: {new_days: 7}}\n"),
    Case("new_days 7: 8 days ago", ledger(launch="2026-11-18"),
         config="policies:\n  PRR003: {options: {new_days: 7}}\n"),
    Case("tiers [critical]: a new standard service is left alone", ledger("standard"),
         config="policies:\n  PRR003: {options: {tiers: [critical]}}\n"),
]


@pytest.mark.parametrize("case", PRR002, ids=str)
def test_prr002(tmp_path: Path, case: Case) -> None:
    assert run_case(tmp_path, "PRR002", case) == sorted(case.expected)


@pytest.mark.parametrize("case", PRR003, ids=str)
def test_prr003(tmp_path: Path, case: Case) -> None:
    assert run_case(tmp_path, "PRR003", case) == sorted(case.expected)
