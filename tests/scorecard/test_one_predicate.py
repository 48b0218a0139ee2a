"""Issue 12 item 6: a scorecard criterion that restates a policy calls that policy's own predicate.

Before: the criterion "alerts have runbooks" passed an alert whose runbook link was broken (a runbook
named it) and accepted any ``://`` link, while ALR001 reported errors; ``sre-docs prr search`` printed
"(contradicts pass)" twice and then "Nothing blocks production" while lint was clean; the chaos
criterion accepted blank abort conditions and any hypothesis that CHS001 rejects.
"""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from pathlib import Path

import pytest

from sre_docs.cli import main
from sre_docs.lint.config import load_config
from sre_docs.lint.engine import lint
from sre_docs.model.repository import load_repository
from sre_docs.scorecard.check_registry import CHECKS
from sre_docs.scorecard.checks_operations import chaos_level
from sre_docs.scorecard.facts import Facts
from sre_docs.schemas.vocabulary import PRR_CHECK_IDS
from sre_docs.workflows.prr import review

TODAY = dt.date(2026, 11, 20)

SERVICE = """\
service:
  name: checkout
  tier: critical
  owner_team: payments
  oncall_rotation: payments-primary
  observability:
    tracing: false
"""
ROTATION = """\
oncall_rotation:
  name: payments-primary
  team: payments
  members: [amara, jonas]
  primary: [amara, jonas]
  secondary: [jonas, amara]
  escalation:
    after_minutes: 15
    contact: payments engineering manager
"""
POLICY = """\
error_budget_policy:
  budget_states:
    healthy: {condition: remaining_budget > 50%, actions: [Ship at the usual pace]}
    warning: {condition: remaining_budget 25-50%, actions: [No chaos experiments]}
    critical: {condition: remaining_budget 0-25%, actions: [Reliability work only]}
    exhausted: {condition: remaining_budget <= 0, actions: [Deploy freeze]}
"""
ALERTS = """\
alert:
  name: checkout-errors
  service: checkout
  severity: P1
  signal: errors
  condition: 5xx above 2% for 10 minutes
  runbook: runbooks/errors.yaml
---
alert:
  name: checkout-latency
  service: checkout
  severity: P2
  signal: latency
  condition: p99 above 1 s for 10 minutes
  runbook: runbooks/missing.yaml
---
alert:
  name: checkout-saturation
  service: checkout
  severity: P2
  signal: saturation
  condition: CPU above 80% for 10 minutes
  runbook: ftp://wiki.example/checkout-saturation
"""
RUNBOOK = """\
runbook:
  title: Checkout {name}
  alert_name: {name}
  last_updated: 2026-11-02
"""
CAPACITY = """\
capacity_model:
  service: checkout
  bottleneck_resource: CPU
  current_state:
    peak_utilization_pct: 50
    headroom_pct: 50
  scaling_strategy:
    type: horizontal
    auto_scaling: false
    min_instances: 4
    max_instances: 4
    current_instances: 4
"""
EXPERIMENT = """\
experiment:
  name: checkout-pod-kill
  hypothesis: Checkout should be fine when a pod dies
  status: completed
  run_date: 2026-11-10
  environment: production
  steady_state:
    metrics: [{name: error rate, baseline: 0.1%}]
  safety:
    abort_conditions: ["  "]
    rollback_plan: Stop the experiment
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    checks = "".join(f"    - {{id: {check}, status: pass}}\n" for check in PRR_CHECK_IDS)
    files = {
        "sre-docs.yaml": "today: 2026-11-20\n",
        "org/oncall/payments-primary.yaml": ROTATION,
        "org/error_budget_policy.yaml": POLICY,
        "services/checkout/slis.yaml": "sli:\n  name: availability\n  type: availability\n",
        "services/checkout/service.yaml": SERVICE,
        "services/checkout/alerts.yaml": ALERTS,
        # checkout-errors: its own file; checkout-latency: named by a runbook, but its link is broken.
        "services/checkout/runbooks/errors.yaml": RUNBOOK.format(name="checkout-errors"),
        "services/checkout/runbooks/latency.yaml": RUNBOOK.format(name="checkout-latency"),
        "services/checkout/capacity.yaml": CAPACITY,
        "services/checkout/experiments/pod-kill.yaml": EXPERIMENT,
        "services/checkout/prr.yaml": f"prr:\n  service: checkout\n  date: 2026-11-01\n  checks:\n{checks}",
    }
    for path, text in files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(textwrap.dedent(text), encoding="utf-8")
    return tmp_path


def _findings(root: Path, code: str) -> list[tuple[str, int, int, str]]:
    return [(f.path, f.line, f.column, f.message)
            for f in lint(root, load_config(root, environ={}), use_git=False).findings if f.code == code]


def _facts(root: Path) -> Facts:
    repo = load_repository(root)
    return Facts(repo=repo, service=repo.services["checkout"], today=TODAY)


def test_alerts_have_runbooks_is_alr001(root: Path) -> None:
    assert _findings(root, "ALR001") == [
        ("services/checkout/alerts.yaml", 15, 12,
         "runbook link 'runbooks/missing.yaml' does not resolve: services/checkout/runbooks/missing.yaml holds no runbook"),
        ("services/checkout/alerts.yaml", 18, 9,
         "no runbook of services/checkout/ names alert 'checkout-saturation' in alert_name"),
        ("services/checkout/alerts.yaml", 23, 12,
         "runbook link 'ftp://wiki.example/checkout-saturation' does not resolve: it leaves the repository"),
    ]
    evidence = CHECKS["every_alert_has_runbook"].run(_facts(root), {})
    # checkout-latency (broken link) and checkout-saturation (ftp link, no runbook) of 3 alerts.
    assert (evidence.met, evidence.detail) == (False, "2 of 3 alerts without a runbook")
    prr = {row.id: row for row in review(load_repository(root), "checkout").rows}
    row = prr["monitoring.alerts-with-runbooks"]
    assert (row.repo_says, row.repo_detail, row.contradicted, row.blocks) == (
        False, "no runbook for checkout-latency, checkout-saturation (ALR001)", True, True)


def test_a_contradicted_pass_blocks_everywhere(root: Path, capsys) -> None:
    # The review passes all 28 checks; the repo contradicts three: alerts with runbooks (above), tracing
    # (switched off in the catalog) and auto-scaling (the capacity model says false).
    messages = [message for _, _, _, message in _findings(root, "PRR001")]
    assert messages == [
        "readiness check monitoring.alerts-with-runbooks passes in the review, but the repo shows otherwise: "
        "no runbook for checkout-latency, checkout-saturation (ALR001)",
        "readiness check monitoring.tracing passes in the review, but the repo shows otherwise: "
        "catalog: observability.tracing is off",
        "readiness check capacity.autoscaling-tested passes in the review, but the repo shows otherwise: "
        "services/checkout/capacity.yaml: scaling_strategy.auto_scaling is false",
    ]
    assert main(["prr", "checkout", "--json", "--root", str(root)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert (data["ready"], data["blockers"]) == (
        False, ["monitoring.alerts-with-runbooks", "monitoring.tracing", "capacity.autoscaling-tested"])
    evidence = CHECKS["prr_checks_pass"].run(_facts(root), {"ids": ["monitoring.tracing", "slos.slis-defined"],
                                                            "max_age_days": 365})
    assert (evidence.met, evidence.detail) == (False, "monitoring.tracing not passed")
    assert [fix.action for fix in evidence.fixes] == [
        "pass PRR check `monitoring.tracing` (now: pass, but the repo shows otherwise: catalog: observability.tracing is off)"]
    autoscaling = CHECKS["autoscaling_enabled"].run(_facts(root), {})
    assert (autoscaling.met, autoscaling.detail) == (False, "no auto-scaling")


def test_a_silent_repo_contradicts_nothing(root: Path) -> None:
    """A catalog that does not mention tracing is not evidence against it."""
    path = root / "services/checkout/service.yaml"
    path.write_text(path.read_text().replace("  observability:\n    tracing: false\n", ""))
    prr = {row.id: row for row in review(load_repository(root), "checkout").rows}
    assert (prr["monitoring.tracing"].repo_says, prr["monitoring.tracing"].blocks) == (None, False)
    assert [m for *_, m in _findings(root, "PRR001") if "tracing" in m] == []


def test_chaos_criteria_are_chs001(root: Path) -> None:
    assert _findings(root, "CHS001") == [
        ("services/checkout/experiments/pod-kill.yaml", 3, 15, 'hypothesis must read "When <fault>, <system> will '
         '<expected behaviour>" so the experiment can confirm or disprove it'),
        ("services/checkout/experiments/pod-kill.yaml", 10, 23, "experiment has no abort conditions"),
    ]
    evidence = CHECKS["experiments_have_safety"].run(_facts(root), {})
    assert (evidence.met, evidence.detail) == (False, "2 safety gaps across 1 experiment")
    assert [fix.action for fix in evidence.fixes] == [
        'give experiment `checkout-pod-kill` a hypothesis in the form "When <fault>, <system> will <expected behaviour>"',
        "give experiment `checkout-pod-kill` `safety.abort_conditions`",
    ]
    # A production run with only a blank abort condition is not a production game day (level 3): level 1.
    experiments = _facts(root).service.experiments
    assert chaos_level(experiments, TODAY, within_days=180, systematic_min=1) == 1


def test_example_search_review_is_contradicted_and_says_so(capsys) -> None:
    """The example's search review passes auto-scaling while its capacity model says auto_scaling: false:
    `prr search` blocks on it (it used to print "Nothing blocks production"), and PRR001 reports it, suppressed
    in the example with a reason and an end date."""
    example = Path(__file__).resolve().parents[2]
    assert main(["prr", "search", "--json", "--root", str(example)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert (data["ready"], data["blockers"]) == (False, ["capacity.autoscaling-tested"])
    result = lint(example, load_config(example, environ={}), use_git=False)
    suppressed = [(f.path, f.message) for f in result.suppressed if f.code == "PRR001"]
    assert suppressed == [
        ("services/payments/prr.yaml", "readiness check capacity.autoscaling-tested passes in the review, but the repo "
         "shows otherwise: services/payments/capacity.yaml: scaling_strategy.auto_scaling is false"),
        ("services/search/prr.yaml", "readiness check capacity.autoscaling-tested passes in the review, but the repo "
         "shows otherwise: services/search/capacity.yaml: scaling_strategy.auto_scaling is false"),
    ]


@pytest.mark.parametrize(("pages", "fair"), [
    # 4 + 2 + 1 + 1 = 8 pages, mean 2, busiest 4 / 2 = 2.0x: at the limit, still fair
    ("{ana: 4, bo: 2, cy: 1, di: 1}", True),
    # 5 + 1 + 1 + 1 = 8, mean 2, busiest 2.5x: unfair
    ("{ana: 5, bo: 1, cy: 1, di: 1}", False),
])
def test_page_load_fairness_is_one_rule(tmp_path: Path, pages: str, fair: bool) -> None:
    """`sre-docs oncall health`, the balanced-load criterion and the culture page judge page load alike."""
    from sre_docs.scorecard.culture import culture_view
    from sre_docs.workflows.oncall import health

    files = {
        "services/checkout/service.yaml": SERVICE.replace("payments-primary", "four"),
        "org/oncall/four.yaml": ("oncall_rotation:\n  name: four\n  team: payments\n  members: [ana, bo, cy, di]\n"
                                 f"  primary: [ana, bo, cy, di]\n  health:\n    - {{period: 2026-11, pages_by_member: {pages}}}\n"),
    }
    for path, text in files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
    repo = load_repository(tmp_path)
    (item,) = health(repo)
    concern = [c for c in item.concerns if "pages (" in c]
    evidence = CHECKS["page_load_balanced"].run(Facts(repo, repo.services["checkout"], TODAY), {"max_ratio": 2})
    (rotation,) = culture_view(repo, TODAY).rotations
    assert (not concern, evidence.met, rotation.fair_pages) == (fair, fair, fair)
