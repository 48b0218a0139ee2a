"""``lint --since`` reports every finding a change introduces, in whatever file it sits.

Before the fix, findings were kept only when they sat in a path or service the change
touched, so deleting a team, a service or renaming a rotation passed the gate (exit 0) while
the services that named them broke. Now the base commit is linted from git objects (no
checkout) and findings are compared by baseline fingerprint.
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
