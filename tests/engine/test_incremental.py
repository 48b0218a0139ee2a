"""The fast path of a change (``sre_docs.lint.incremental``) finds what a whole run finds.

Three things are pinned: the policies that declare ``READS = "service"`` keep that promise
(checking one service at a time gives the whole run's findings), a change linted by the fast
path gives exactly the whole run's findings, and the base's whole run is taken from the cache
the second time instead of being linted again.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import types
from pathlib import Path

import pytest

from sre_docs.lint import engine, incremental
from sre_docs.lint.config import load_config
from sre_docs.lint.engine import lint_repo, policy_findings, work_tree_repo
from sre_docs.lint.incremental import affected_services, lint_against, local_services, service_view, whole_run
from sre_docs.lint.policy import ORGANISATION, SERVICE, Policy, PolicyDefinitionError

REPO_ROOT = Path(__file__).resolve().parents[2]
FIXTURE = REPO_ROOT / "tests" / "workflows" / "fixture"
sys.path.insert(0, str(REPO_ROOT / "tests" / "security"))
from test_since_gate import CASES, GATEWAY_INCIDENT  # the change cases are shared with the gate tests


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SRE_DOCS_TODAY", "2026-11-26")


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


def _committed_copy(source: Path, root: Path) -> Path:
    shutil.copytree(source, root, ignore=shutil.ignore_patterns(".git", "site", "benchmarks", "tests", "*.egg-info"))
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "base")
    return root


# --- the promise of READS = "service" ------------------------------------------------------------------


def _repos(tmp_path: Path) -> list[Path]:
    """The example organisation, and the small fixture with an incident that names a second service."""
    fixture = tmp_path / "fixture"
    shutil.copytree(FIXTURE, fixture)
    (fixture / "services/checkout/incidents/INC-2026-002.yaml").write_text(GATEWAY_INCIDENT)
    return [REPO_ROOT, fixture]


def test_service_policies_find_per_service_what_they_find_for_the_whole_repo(tmp_path: Path) -> None:
    for root in _repos(tmp_path):
        config = load_config(root)
        repo = work_tree_repo(root, config, use_git=False)
        service_ids = [p.id for p in config.catalog.policies.values() if p.reads == SERVICE]
        whole = policy_findings(repo, config, only=service_ids)
        assert sum(map(len, whole.values())) > 0, root  # the comparison has something to compare
        for name in repo.services:
            alone = policy_findings(service_view(repo, {name}), config, only=service_ids)
            for policy in service_ids:
                assert [f for f in alone[policy] if f.service == name] == [
                    f for f in whole[policy] if f.service == name], (root.name, name, policy)
        org_only = policy_findings(service_view(repo, set()), config, only=service_ids)
        for policy in service_ids:
            assert [f for f in org_only[policy] if f.service is None] == [
                f for f in whole[policy] if f.service is None], (root.name, policy)


def test_cross_service_policies_stay_organisation_wide() -> None:
    """The policies that read other services' folders or names must not claim one service."""
    config = load_config(REPO_ROOT)
    reads = {p.id: p.reads for p in config.catalog.policies.values()}
    for policy in ("CAT001", "CAT002", "INC003", "INC004", "PM001", "PM004", "PM006", "CHS002", "TOL001",
                   "PRR001", "ONC001", "ONC002", "ONC003"):
        assert reads[policy] == ORGANISATION, policy


def _module(**attributes: object) -> types.ModuleType:
    module = types.ModuleType("planted")
    module.__dict__.update(ID="ZZZ900", NAME="planted", check=lambda repo, options: iter(()), **attributes)
    return module


def test_a_policy_that_does_not_say_what_it_reads_runs_over_the_whole_repo() -> None:
    assert Policy.from_module(_module()).reads == ORGANISATION
    assert Policy.from_module(_module(READS="service")).reads == SERVICE
    with pytest.raises(PolicyDefinitionError, match=r"READS must be one of 'service', 'organisation', got 'team'"):
        Policy.from_module(_module(READS="team"))


# --- which services a change reaches ------------------------------------------------------------------------


@pytest.mark.parametrize(("paths", "expected"), [
    ([], frozenset()),
    (["services/checkout/slos.yaml"], frozenset({"checkout"})),
    (["services/checkout/slos.yaml", "services/payments/prr.yaml", "README.md"], frozenset({"checkout", "payments"})),
    (["docs/index.md", "sre-docs.yaml"], frozenset()),  # not read by the linter; the config is the same on both sides
    (["org/teams.yaml"], None),
    (["services/checkout/slos.yaml", "org/teams.yaml"], None),
    (["services/stray.yaml"], None),
    (["services"], None),
])
def test_a_change_is_local_when_every_path_sits_in_a_service_folder(paths: list[str], expected) -> None:
    assert local_services(paths) == expected


def test_an_incident_reaches_the_services_it_names_on_either_side(tmp_path: Path) -> None:
    root = tmp_path / "fixture"
    shutil.copytree(FIXTURE, root)
    config = load_config(root)
    before = whole_run(work_tree_repo(root, config, use_git=False), config)[1]
    incident = "services/checkout/incidents/INC-2026-002.yaml"
    (root / incident).write_text(GATEWAY_INCIDENT)
    head = work_tree_repo(root, config, use_git=False)
    # Added: it names payments, so payments' budget moves.
    assert affected_services(head, before, [incident], frozenset({"checkout"})) == {"checkout", "payments"}
    # Removed again: the base run remembers whom the file's incident named.
    after = whole_run(head, config)[1]
    (root / incident).unlink()
    head = work_tree_repo(root, config, use_git=False)
    assert affected_services(head, after, [incident], frozenset({"checkout"})) == {"checkout", "payments"}
    # A postmortem reaches the services of its incident.
    postmortem = "services/checkout/postmortems/INC-2026-001.yaml"
    assert affected_services(head, after, [postmortem], frozenset({"checkout"})) == {"checkout"}


SHARED_RUNBOOK = """\
runbook:
  title: Gateway errors seen from checkout
  alert_name: checkout_gateway_errors
  last_updated: 2026-10-14
  owner: payments
  diagnosis:
    - step: Check the gateway's status page
      expected: No open incident
  mitigation:
    - option: Fail over
      when: The gateway is down
      steps: [kubectl scale deploy/gateway-b --replicas=3 -n payments]
  escalation:
    after_minutes: 30
    contact: payments engineering manager
"""

GATEWAY_ALERT = """\
---
alert:
  name: checkout_gateway_errors
  service: checkout
  severity: P2
  signal: errors
  condition: More than 1% of card payments from checkout fail for 10 minutes
  for: 10m
  notify: ticket
  runbook: ../payments/runbooks/gateway-errors.yaml
  last_reviewed: 2026-11-04
"""


def test_an_alert_reaches_the_folder_of_the_runbook_it_links(tmp_path: Path) -> None:
    """Payments keeps the runbook of a checkout alert: dropping the alert from checkout's file leaves payments'
    runbook for an alert that is nowhere (RBK003 in payments' folder), and the fast path finds it."""
    root = tmp_path / "fixture"
    shutil.copytree(FIXTURE, root)
    (root / "services/payments/runbooks/gateway-errors.yaml").write_text(SHARED_RUNBOOK)
    alerts = root / "services/checkout/alerts.yaml"
    alerts.write_text(alerts.read_text() + GATEWAY_ALERT)
    config = load_config(root)
    before = whole_run(work_tree_repo(root, config, use_git=False), config)
    assert [f for f in before[0].findings if f.code == "RBK003"] == []
    changed = ["services/checkout/alerts.yaml"]
    alerts.write_text(alerts.read_text().replace(GATEWAY_ALERT, ""))
    head = work_tree_repo(root, config, use_git=False)
    # The alert is gone from the work tree: the base run remembers where it linked.
    assert affected_services(head, before[1], changed, frozenset({"checkout"})) == {"checkout", "payments"}
    fast = lint_against(head, config, before[1], changed).findings
    assert fast == lint_repo(head, config).findings
    assert [(f.code, f.path, f.line) for f in fast if f.code == "RBK003"] == [
        ("RBK003", "services/payments/runbooks/gateway-errors.yaml", 3)]


@pytest.mark.parametrize("deleted", [True, False], ids=["runbook deleted", "escalation dropped"])
def test_a_runbook_reaches_the_services_whose_alerts_link_it(tmp_path: Path, deleted: bool) -> None:
    """Checkout's paging alert links a runbook kept under payments: deleting it breaks the link (ALR001 in
    checkout's folder); dropping its escalation leaves the page without one (ALR002), which contradicts
    checkout's review (PRR002). A change to payments' folder alone, found by the fast path."""
    root = tmp_path / "fixture"
    shutil.copytree(FIXTURE, root)
    runbook = root / "services/payments/runbooks/gateway-errors.yaml"
    runbook.write_text(SHARED_RUNBOOK)
    alerts = root / "services/checkout/alerts.yaml"
    alerts.write_text(alerts.read_text() + GATEWAY_ALERT.replace("severity: P2", "severity: P1"))
    config = load_config(root)
    before = whole_run(work_tree_repo(root, config, use_git=False), config)
    # No runbook of checkout's own names the alert (ALR001 wants one): that finding stands on both sides.
    old = {(f.code, f.path, f.line, f.message) for f in before[0].findings}
    changed = ["services/payments/runbooks/gateway-errors.yaml"]
    if deleted:
        runbook.unlink()
    else:
        runbook.write_text(SHARED_RUNBOOK.replace("  escalation:\n    after_minutes: 30\n    contact: payments "
                                                  "engineering manager\n", ""))
    head = work_tree_repo(root, config, use_git=False)
    assert affected_services(head, before[1], changed, frozenset({"payments"})) == {"checkout", "payments"}
    fast = lint_against(head, config, before[1], changed).findings
    assert fast == lint_repo(head, config).findings
    introduced = sorted((f.code, f.path, f.line) for f in fast if (f.code, f.path, f.line, f.message) not in old)
    assert introduced == ([("ALR001", "services/checkout/alerts.yaml", 20)] if deleted else [
        ("ALR002", "services/checkout/alerts.yaml", 13),
        ("PRR002", "services/checkout/prr.yaml", 23),  # its review says escalation paths are documented
        ("RBK002", "services/payments/runbooks/gateway-errors.yaml", 1),  # the changed file itself
    ])


def _changed(before: Path, after: Path) -> list[str]:
    """Files added, removed or edited between two folders."""
    def files(top: Path) -> dict[str, bytes]:
        return {p.relative_to(top).as_posix(): p.read_bytes() for p in top.rglob("*") if p.is_file()}

    old, new = files(before), files(after)
    return sorted(path for path in old.keys() | new.keys() if old.get(path) != new.get(path))


# --- the fast path finds what the whole run finds ---------------------------------------------------------


@pytest.mark.parametrize(("change", "_expected"), [(c[1], c[2]) for c in CASES], ids=[c[0] for c in CASES])
def test_the_fast_path_finds_what_a_whole_run_finds(tmp_path: Path, change, _expected) -> None:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE, root)
    config = load_config(root)
    base = whole_run(work_tree_repo(root, config, use_git=False), config)[1]
    change(root)
    paths = _changed(FIXTURE, root)
    assert paths, "the change changed something"
    head = work_tree_repo(root, config, use_git=False)
    assert lint_against(head, config, base, paths).findings == lint_repo(head, config).findings


def test_a_change_to_one_service_of_the_example_matches_a_whole_run(tmp_path: Path) -> None:
    root = _committed_copy(REPO_ROOT, tmp_path / "example")
    config = load_config(root)
    base = whole_run(work_tree_repo(root, config), config)[1]
    path = root / "services/checkout/slos.yaml"
    path.write_text(path.read_text().replace("target: 99.95", "target: 99.2", 1))
    head = work_tree_repo(root, config)
    fast = lint_against(head, config, base, ["services/checkout/slos.yaml"]).findings
    assert fast == lint_repo(head, config).findings
    assert any(f.path == "services/checkout/slos.yaml" for f in fast)


# --- the base is linted once ------------------------------------------------------------------------------------


def test_the_base_run_comes_from_the_cache_the_second_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("SRE_DOCS_CACHE", raising=False)
    root = _committed_copy(FIXTURE, tmp_path / "repo")
    sha = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=True).stdout.strip()
    config = load_config(root)
    linted: list[str] = []
    real = engine.commit_repo

    def counting(root_: Path, config_, commit: str):
        linted.append(commit)
        return real(root_, config_, commit)

    monkeypatch.setattr(incremental, "commit_repo", counting)
    first = incremental.base_run(root, config, sha)
    second = incremental.base_run(root, config, sha)
    assert linted == [sha]
    assert second == first
    # Another day, or the cache off, is another run.
    monkeypatch.setenv("SRE_DOCS_CACHE", "0")
    incremental.base_run(root, config, sha)
    assert linted == [sha, sha]
