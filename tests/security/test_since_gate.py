"""A change reports every finding it introduces, in whatever file it sits.

Before the fix, findings were kept only when they sat in a path or service the change
touched, so deleting a team, a service or renaming a rotation passed the gate (exit 0) while
the services that named them broke. Now the base commit's findings are compared with the
change's by baseline fingerprint.

The fast path (``sre_docs.lint.incremental``) runs a policy that reads one service's documents
only for the services a change can reach, and reuses the base's findings elsewhere; so each
way a change reaches beyond its files is a case here, for each of the three gates
(``lint --since``, ``diff`` and the pre-commit hook):

- an organisation policy: a deleted team, service or renamed rotation (CAT001, CAT003, PRR001);
- a service policy, another file of the same service: a deleted runbook, SLI or alert;
- a service policy, another service's folder: an incident filed under checkout that names
  payments spends payments' budget (BUD001 in services/payments/slos.yaml) and, three weeks
  earlier, leaves its exhaustion without a postmortem (BUD002);
- the changed file itself: an SLO target moved under its SLA.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from attack_helpers import FIXTURE_REPO

TEAMS_WITHOUT_PAYMENTS = """\
team:
  name: sre
  description: Site reliability engineering.
  members: [kai, mira]
  sre_hours_per_month: 320
  is_sre_team: true
"""


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


@pytest.fixture
def git_repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE_REPO, root)
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "base")
    _git(root, "checkout", "-q", "-b", "change")
    return root


def _delete_team(root: Path) -> None:
    (root / "org/teams.yaml").write_text(TEAMS_WITHOUT_PAYMENTS)


def _delete_service(root: Path) -> None:
    shutil.rmtree(root / "services/payments")


def _delete_runbook(root: Path) -> None:
    (root / "services/checkout/runbooks/high-error-rate.yaml").unlink()


def _delete_sli(root: Path) -> None:
    (root / "services/checkout/slis.yaml").unlink()


def _rename_rotation(root: Path) -> None:
    path = root / "org/oncall/payments-primary.yaml"
    path.write_text(path.read_text().replace("name: payments-primary", "name: payments-oncall"))


def _delete_alert(root: Path) -> None:
    (root / "services/checkout/alerts.yaml").unlink()


def _target_under_sla(root: Path) -> None:
    path = root / "services/checkout/slos.yaml"
    path.write_text(path.read_text().replace("target: 99.95", "target: 99.7"))


#: Filed in checkout's folder, naming payments too: it counts against payments-availability.
#: 60% of users for 10:00-11:30 (mitigated) = 0.6 x 90 = 54 bad minutes; payments' budget is
#: 0.1% of 30 days = 43.2 minutes, so the budget is exhausted (54 > 43.2).
GATEWAY_INCIDENT = """\
incident:
  id: INC-2026-002
  title: Card gateway outage seen from checkout
  services: [checkout, payments]
  severity: SEV2
  status: review
  detection: alert
  trigger_alert: checkout_high_error_rate
  timestamps:
    started: 2026-11-24T10:00:00Z
    detected: 2026-11-24T10:04:00Z
    mitigated: 2026-11-24T11:30:00Z
    resolved: 2026-11-24T12:00:00Z
  impact:
    function: degraded
    users: gt_25pct
    users_pct: 60
    slo: payments-availability
  roles:
    incident_commander: amara
  channel: "#inc-2026-11-24-gateway"
  updates:
    - {time: 2026-11-24T10:10:00Z, status: triage, message: Card payments failing through the gateway.}
    - {time: 2026-11-24T10:40:00Z, status: respond, message: Gateway vendor engaged.}
    - {time: 2026-11-24T11:10:00Z, status: respond, message: Failing over to the second gateway.}
    - {time: 2026-11-24T11:30:00Z, status: mitigate, message: Payments through the second gateway.}
"""


def _incident_naming_another_service(root: Path) -> None:
    (root / "services/checkout/incidents/INC-2026-002.yaml").write_text(GATEWAY_INCIDENT)


def _earlier_incident_naming_another_service(root: Path) -> None:
    """The same outage three weeks earlier (Tuesday 2026-11-03): payments' budget ran out at the 11-04 reading,
    five business days later (11-11) a postmortem was due, and none reviews it (BUD002 in payments' folder)."""
    text = GATEWAY_INCIDENT.replace("2026-11-24", "2026-11-03").replace("INC-2026-002", "INC-2026-003")
    (root / "services/checkout/incidents/INC-2026-003.yaml").write_text(text)


ROTATION_GONE = ("error CAT003 on-call rotation 'payments-primary' is not a rotation in org/oncall/; "
                 "did you mean 'payments-oncall'?")

CASES: list[tuple[str, Callable[[Path], None], list[str]]] = [
    ("deleted team", _delete_team, [
        "services/checkout/service.yaml:4:15: error CAT003 owner team 'payments' is not a team in org/",
        "services/payments/service.yaml:4:15: error CAT003 owner team 'payments' is not a team in org/",
    ]),
    ("deleted service", _delete_service, [
        "services/checkout/service.yaml:8:16: error CAT001 upstream dependency 'payments' is not a service of this "
        "repo (list third-party systems in the 'external' option)",
    ]),
    ("deleted runbook", _delete_runbook, [
        "services/checkout/alerts.yaml:2:9: error ALR001 no runbook of services/checkout/ names alert "
        "'checkout_high_error_rate' in alert_name",
        "services/checkout/alerts.yaml:9:12: error ALR001 runbook link 'runbooks/high-error-rate.yaml' does not "
        "resolve: services/checkout/runbooks/high-error-rate.yaml holds no runbook",
        # The review's pass now contradicts the repo (one predicate with ALR001): an untouched file breaks too.
        "services/checkout/prr.yaml:15:15: error PRR002 readiness check monitoring.alerts-with-runbooks passes in "
        "the review, but the repo shows otherwise: no runbook for checkout_high_error_rate (ALR001)",
    ]),
    ("deleted SLI", _delete_sli, [
        "services/checkout/prr.yaml:7:15: error PRR002 readiness check slos.slis-defined passes in the review, but "
        "the repo shows otherwise: 0 SLIs",
        "services/checkout/slos.yaml:5:8: error SLO003 SLI 'request_success_rate' is not defined in services/checkout/",
    ]),
    ("renamed rotation", _rename_rotation, [
        "services/checkout/prr.yaml:21:15: error PRR002 readiness check incidents.oncall-rotation passes in the "
        "review, but the repo shows otherwise: no known on-call rotation",
        "services/checkout/service.yaml:5:20: " + ROTATION_GONE,
        "services/payments/prr.yaml:21:15: error PRR002 readiness check incidents.oncall-rotation passes in the "
        "review, but the repo shows otherwise: no known on-call rotation",
        "services/payments/service.yaml:5:20: " + ROTATION_GONE,
    ]),
    ("deleted alert", _delete_alert, [
        "services/checkout/runbooks/high-error-rate.yaml:3:15: error RBK003 runbook is for alert "
        "'checkout_high_error_rate', which is not an alert of services/checkout/",
    ]),
    ("SLO target under its SLA", _target_under_sla, [
        "services/checkout/slos.yaml:6:11: error SLO001 SLO target 99.7% is not above its SLA of 99.8%; the error "
        "budget would run out only when the contract is already broken",
        "services/checkout/slos.yaml:6:11: error SLO005 target 99.7% is below the 99.95% floor for critical services",
        "services/checkout/slos.yaml:9:17: error SLO002 error_budget 0.05% does not match 100 - target (99.7) = 0.3%",
        "services/checkout/slos.yaml:10:25: error SLO002 error_budget_minutes 20.16 does not match 99.7% over 28d: "
        "120.96 minutes",
    ]),
    ("incident naming another service", _incident_naming_another_service, [
        "services/payments/slos.yaml:5:11: error BUD001 error budget of SLO payments-availability is exhausted; "
        "the policy asks: Deploy freeze; Postmortem for the exhaustion",
    ]),
    ("earlier incident naming another service", _earlier_incident_naming_another_service, [
        "services/checkout/incidents/INC-2026-003.yaml:2:7: error PM001 SEV2 incident INC-2026-003 was resolved on "
        "2026-11-03 and has no postmortem; it was due by 2026-11-10",
        # 54 bad minutes against 43.2 (see GATEWAY_INCIDENT), 23 days ago: still inside the 30-day window.
        "services/payments/slos.yaml:5:11: error BUD001 error budget of SLO payments-availability is exhausted; "
        "the policy asks: Deploy freeze; Postmortem for the exhaustion",
        "services/payments/slos.yaml:5:11: error BUD002 error budget of SLO payments-availability ran out on "
        "2026-11-04 and no postmortem reviews it (due by 2026-11-11); write one for the incident that spent it, or "
        "name payments-availability under budgets_exhausted of the postmortem that reviews the exhaustion",
    ]),
]


@pytest.mark.parametrize("committed", [False, True], ids=["in the work tree", "committed on the branch"])
@pytest.mark.parametrize(("change", "expected"), [(c[1], c[2]) for c in CASES], ids=[c[0] for c in CASES])
def test_a_change_reports_what_it_breaks_in_files_it_did_not_touch(
        git_repo: Path, cli, change: Callable[[Path], None], expected: list[str], committed: bool) -> None:
    assert cli(git_repo, "lint", "--since", "main").code == 0  # the base is clean
    change(git_repo)
    if committed:
        _git(git_repo, "add", "-A")
        _git(git_repo, "commit", "-q", "-m", "change")
    result = cli(git_repo, "lint", "--since", "main", "--format", "text")
    assert result.code == 1
    assert result.out.splitlines()[:-1] == expected


def test_old_findings_in_untouched_files_stay_out(git_repo: Path, cli) -> None:
    _delete_sli(git_repo)  # a finding in checkout that the base already has
    _git(git_repo, "commit", "-q", "-am", "break checkout")
    _git(git_repo, "branch", "-f", "main")
    path = git_repo / "services/payments/service.yaml"
    path.write_text(path.read_text().replace("Talks to the card gateway.", "Talks to the card gateway and back."))
    result = cli(git_repo, "lint", "--since", "main", "--format", "text")
    assert (result.code, result.out) == (0, "no findings\n")
    assert cli(git_repo, "lint", "--format", "text").code == 1  # the old finding is still there


def _as_text(finding: dict) -> str:
    return (f"{finding['path']}:{finding['line']}:{finding['column']}: {finding['severity']} {finding['code']} "
            f"{finding['message']}")


@pytest.mark.parametrize("gate", ["lint --since", "diff", "pre-commit"])
@pytest.mark.parametrize(("change", "expected"), [(c[1], c[2]) for c in CASES], ids=[c[0] for c in CASES])
def test_every_gate_reports_what_a_change_breaks_anywhere(
        git_repo: Path, cli, user_cache: Path, change: Callable[[Path], None], expected: list[str], gate: str) -> None:
    """The three gates agree, with the cache on, cold and then warm (base findings reused)."""
    import json

    for attempt in ("cold", "warm"):
        change(git_repo)
        if gate == "lint --since":
            result = cli(git_repo, "lint", "--since", "main", "--format", "text")
            assert (result.code, result.out.splitlines()[:-1]) == (1, expected), attempt
        elif gate == "diff":
            result = cli(git_repo, "diff", "main", "--format", "json")
            introduced = json.loads(result.out)["findings"]["introduced"]
            assert (result.code, [_as_text(f) for f in introduced]) == (0, expected), attempt
        else:  # pre-commit: the change staged, the staged files passed, compared with HEAD
            _git(git_repo, "add", "-A")
            staged = subprocess.run(["git", "diff", "--cached", "--name-only"], cwd=git_repo, check=True,
                                    capture_output=True, text=True).stdout.split()
            result = cli(git_repo, "lint", "--format", "text", *(str(git_repo / name) for name in staged))
            assert (result.code, result.out.splitlines()[:-1]) == (1, expected), attempt
        _git(git_repo, "reset", "-q", "--hard")
        _git(git_repo, "clean", "-qfd")
