"""``sre-docs new`` for the operational kinds: each writes a valid document with the guide's defaults,
lints with exactly the TODO001 findings of what a person must still write, and lints clean once filled in.

Figures written by the scaffolds, worked by hand:

* toil, 40 min x 10 a month: 400 / 60 = 6.667 h, written 6.67; value 6.67; high difficulty: 6.67 / 3 = 2.22.
* capacity, 500 growing 4% a month: 1.04^6 = 1.265319 -> 632.66 -> 632.7; 1.04^12 = 1.601032 -> 800.52 -> 800.5;
  cost 10000 -> 12653.19 -> 12653 and 16010.32 -> 16010; headroom 100 - 40 = 60.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sre_docs.model.repository import load_repository

from workflow_helpers import fill_in, findings, todo_findings


def todo(path: str, line: int, column: int, where: str) -> tuple[str, int, int, str]:
    return (path, line, column, f"{where} still holds a scaffold TODO marker: write the real value")


def others(root: Path) -> list[tuple[str, str, int, int, str]]:
    return [(f.code, f.path, f.line, f.column, f.message) for f in findings(root) if f.code != "TODO001"]


def test_new_toil_computes_its_figures_and_leaves_the_owner(repo: Path, cli) -> None:
    path = "services/payments/toil.yaml"
    result = cli(repo, "new", "toil", "payments", "--name", "Rotate partner API keys", "--category", "access",
                 "--minutes", "40", "--per-month", "10", "--difficulty", "high")
    assert result.code == 0, result.err
    assert f"created {path}: toil_item Rotate partner API keys" in result.out
    item = load_repository(repo).services["payments"].toil[0]
    assert [item.get(k) for k in ("frequency", "total_hours_per_month", "automation_value", "priority_score",
                                  "teams_affected", "status")] == ["weekly", 6.67, 6.67, 2.22, ["payments"], "identified"]
    assert todo_findings(repo) == [todo(path, 15, 10, "toil_item.owner")]
    assert others(repo) == []
    assert fill_in(repo, path) == 1
    assert findings(repo) == []
    # a second item of the same name is refused; another name is appended to the same file
    again = cli(repo, "new", "toil", "payments", "--name", "Rotate partner API keys", "--category", "access",
                "--minutes", "5", "--per-month", "1", "--difficulty", "low")
    assert again.code == 2 and "already exists at services/payments/toil.yaml:2; use --force" in again.err
    other = cli(repo, "new", "toil", "payments", "--name", "Refund by hand", "--category", "data", "--minutes", "5",
                "--per-month", "30", "--difficulty", "low", "--owner", "jonas")
    assert other.code == 0 and f"added to {path}" in other.out
    # 5 x 30 / 60 = 2.5 h, daily (30 a month), low: 2.5 / 1 = 2.5
    second = load_repository(repo).services["payments"].toil[1]
    assert [second.get(k) for k in ("frequency", "total_hours_per_month", "priority_score")] == ["daily", 2.5, 2.5]
    assert findings(repo) == []


LOAD_TESTS = """load_tests:
    - {scenario: baseline, date: 2026-11-20, result: pass}
    - {scenario: growth, date: 2026-11-20, result: pass}
    - {scenario: spike, date: 2026-11-20, result: pass}
    - {scenario: soak, date: 2026-11-21, result: pass}
    - {scenario: stress, date: 2026-11-22, result: pass}"""


def test_new_capacity_model_projects_from_its_inputs(repo: Path, cli) -> None:
    path = "services/payments/capacity.yaml"
    assert cli(repo, "capacity", "payments").code == 2  # no model yet; the error says how to make one
    missing = cli(repo, "capacity", "payments")
    assert ("service 'payments' has no capacity_model document; create one with `sre-docs new capacity payments "
            "--bottleneck RESOURCE --peak-utilization PCT`") in missing.err
    result = cli(repo, "new", "capacity", "payments", "--bottleneck", "connections", "--peak-utilization", "40",
                 "--growth", "4%", "--current", "500", "--instances", "6", "--max-instances", "20", "--cost", "10000")
    assert result.code == 0, result.err
    model = load_repository(repo).services["payments"].capacity_models[0]
    assert model.get("current_state") == {"peak_utilization_pct": 40, "headroom_pct": 60, "cost_per_month_usd": 10000}
    assert model.get("growth_forecast") == {"metric": "TODO: what grows (MAU, requests/sec, storage_gb)",
                                            "current": 500, "monthly_growth_pct": 4, "projected_6mo": 632.7,
                                            "projected_12mo": 800.5}
    assert model.get("cost_projection") == {"current_monthly": 10000, "projected_6mo_monthly": 12653,
                                            "projected_12mo_monthly": 16010}
    assert model.get("scaling_strategy", "scale_up_threshold") == 80
    assert [model.get(k) for k in ("review_cadence", "last_review", "load_tests")] == ["quarterly", "2026-11-26", []]
    assert todo_findings(repo) == [todo(path, 10, 13, "capacity_model.growth_forecast.metric")]
    # not load tested yet: a real finding, which the five scenarios listed in the file answer
    assert others(repo) == [("CAP004", path, 34, 3, "no baseline, growth, spike, soak, stress load test recorded; "
                             "the guide runs 5 scenarios: baseline, growth, spike, soak, stress")]
    text = (repo / path).read_text()
    assert "#   soak: 1.5x normal load, 4h; target: No memory leaks, degradation\n" in text
    fill_in(repo, path)
    (repo / path).write_text(text.replace("load_tests: []", LOAD_TESTS).replace("'TODO: what grows (MAU, requests/sec, storage_gb)'", "requests/sec"))
    assert findings(repo) == []
    plan = cli(repo, "capacity", "payments", "--json")
    assert plan.code == 0 and '"projected_6mo": 632.7' in plan.out


def test_new_capacity_takes_the_catalogs_figures_and_refuses_a_second_model(repo: Path, cli) -> None:
    again = cli(repo, "new", "capacity", "checkout", "--bottleneck", "CPU", "--peak-utilization", "50", "--growth", "2")
    assert again.code == 2 and "already exists at services/checkout/capacity.yaml:" in again.err
    bad = cli(repo, "new", "capacity", "payments", "--bottleneck", "CPU", "--peak-utilization", "150", "--growth", "2")
    assert bad.code == 2 and "peak utilisation 150% must be between 0 and 100" in bad.err
    assert not (repo / "services/payments/capacity.yaml").exists()


def test_new_prr_lists_the_28_checks_with_what_the_repo_shows(repo: Path, cli) -> None:
    path = "services/payments/prr.yaml"
    refused = cli(repo, "new", "prr", "payments")
    assert refused.code == 2 and "prr 'payments' already exists at services/payments/prr.yaml:" in refused.err
    result = cli(repo, "new", "prr", "payments", "--force")
    assert result.code == 0, result.err
    doc = load_repository(repo).services["payments"].prr
    checks = doc.get("checks")
    assert len(checks) == 28 and {c["status"] for c in checks} == {"fail"}
    assert checks[0] == {"id": "slos.slis-defined", "status": "fail",
                         "evidence": "TODO: what shows it (the repo shows: yes, 1 SLI)"}
    found = todo_findings(repo)
    assert found[0] == todo(path, 5, 7, "prr.reviewers[0]")
    assert found[1:] == [todo(path, 9 + 3 * i, 17, f"prr.checks[{i}].evidence") for i in range(28)]
    # Every check starts as fail: production stays blocked (PRR001) until the reviewers mark it.
    assert others(repo) == [("PRR001", path, 8 + 3 * i, 15, f"readiness check {c['id']} fails")
                            for i, c in enumerate(checks)]
    report = cli(repo, "prr", "payments")
    assert report.code == 1 and "28 checks block production" in report.out
    assert fill_in(repo, path) == 29
    # The review: a pass where the repo agrees, n/a where it does not apply to payments (the repo says no).
    text = (repo / path).read_text()
    shows = {row.id: row.repo_says for row in __import__("sre_docs.workflows.prr", fromlist=["review"]).review(
        load_repository(repo), "payments").rows}
    for check_id, says in shows.items():
        status = "n/a" if says is False else "pass"
        text = text.replace(f"- id: {check_id}", f"- id: {check_id}!", 1)
        head, _, tail = text.partition(f"- id: {check_id}!")
        tail = tail.replace("status: fail", f"status: {status}", 1)
        text = head + f"- id: {check_id}" + tail
    (repo / path).write_text(text)
    assert findings(repo) == []
    assert cli(repo, "prr", "payments").code == 0


def test_new_budget_policy_is_the_guides(repo: Path, cli) -> None:
    org = cli(repo, "new", "budget-policy")
    assert org.code == 2 and "error budget policy already exists at org/error_budget_policy.yaml:" in org.err
    result = cli(repo, "new", "error-budget-policy", "payments")
    assert result.code == 0, result.err
    policy = load_repository(repo).services["payments"].of_kind("error_budget_policy")[0]
    states = policy.get("budget_states")
    assert [(name, s.get("min_remaining_pct"), len(s["actions"])) for name, s in states.items()] == [
        ("healthy", 50, 3), ("warning", 25, 4), ("critical", 0, 4), ("exhausted", None, 5)]
    assert policy.get("freeze_until_recovered_pct") == 10
    assert policy.get("reset") == "Rolling 30d window (no manual resets)"  # the window of payments' SLO
    assert findings(repo) == []  # nothing left to write: every value has the guide's default


def test_new_team_and_rotation(repo: Path, cli) -> None:
    team = cli(repo, "new", "team", "platform", "--member", "ana", "--manager", "rosa", "--sre-hours", "120")
    assert team.code == 0 and "added to org/teams.yaml: team platform" in team.out
    assert load_repository(repo).teams["platform"].get("slack") == "#team-platform"
    assert todo_findings(repo) == [todo("org/teams.yaml", 19, 16, "team.description")]
    members = ["ana", "bo", "cy", "di", "ed"]
    path = "org/oncall/platform-oncall.yaml"
    rotation = cli(repo, "new", "rotation", "platform-oncall", "--team", "platform",
                   *[arg for m in members for arg in ("--member", m)])
    assert rotation.code == 0, rotation.err
    doc = load_repository(repo).rotations["platform-oncall"]
    assert doc.get("primary") == members and doc.get("secondary") == ["cy", "di", "ed", "ana", "bo"]
    assert [f for f in todo_findings(repo) if f[0] == path] == [
        todo(path, 27, 15, "oncall_rotation.schedule.timezone"),
        todo(path, 32, 14, "oncall_rotation.escalation.contact"),
        todo(path, 33, 17, "oncall_rotation.compensation"),
    ]
    assert others(repo) == []
    assert fill_in(repo, "org/teams.yaml", path) == 4
    assert findings(repo) == []
    unknown = cli(repo, "new", "rotation", "x-oncall", "--team", "platfrom")
    assert unknown.code == 2 and "did you mean 'platform'" in unknown.err


def test_new_assessment_starts_from_the_evidence(repo: Path, cli) -> None:
    from sre_docs.scorecard.rules import load_rules
    from sre_docs.scorecard.score import score_service
    import datetime as dt

    path = "services/payments/maturity.yaml"
    result = cli(repo, "new", "self-assessment", "payments", "--assessor", "amara")
    assert result.code == 0, result.err
    loaded = load_repository(repo)
    doc = loaded.services["payments"].of_kind("maturity_assessment")[0]
    card = score_service(loaded, "payments", load_rules(repo), today=dt.date(2026, 11, 26))
    from sre_docs.schemas.vocabulary import MATURITY_DIMENSIONS

    levels = {d.id: d.level for d in card.dimensions if d.id in MATURITY_DIMENSIONS}
    assert sorted(levels) == sorted(MATURITY_DIMENSIONS)
    assert doc.get("scores") == {name: max(1, min(5, level)) for name, level in levels.items()}
    assert todo_findings(repo) == [todo(path, 15, 10, "maturity_assessment.notes")]
    assert fill_in(repo, path) == 1
    assert findings(repo) == []


def test_new_remediation_adds_the_guides_rules_it_lacks(repo: Path, cli) -> None:
    result = cli(repo, "new", "auto-remediation", "checkout")
    assert result.code == 0, result.err
    rules = load_repository(repo).services["checkout"].of_kind("auto_remediation")[0].body
    assert [(r["trigger"], r["enabled"]) for r in rules] == [
        ("pod_crash_loop", False), ("disk_usage_high", False), ("connection_pool_exhausted", False),
        ("certificate_expiring", False)]
    again = cli(repo, "new", "remediation", "checkout")
    assert again.code == 2 and "services/checkout/auto_remediation.yaml already has every rule of the guide" in again.err
    org = cli(repo, "new", "remediation")
    assert org.code == 0 and "created org/auto_remediation.yaml" in org.out
    assert findings(repo) == []


@pytest.mark.parametrize("argv", [
    ("new", "toil", "nope", "--name", "x", "--category", "data", "--minutes", "1", "--per-month", "1",
     "--difficulty", "low"),
    ("new", "capacity", "nope", "--bottleneck", "CPU", "--peak-utilization", "1", "--growth", "1"),
    ("new", "prr", "nope"),
    ("new", "assessment", "nope"),
    ("new", "remediation", "nope"),
    ("new", "budget-policy", "nope"),
])
def test_an_unknown_service_is_a_usage_error(repo: Path, cli, argv) -> None:
    result = cli(repo, *argv)
    assert result.code == 2 and "no service 'nope' under services/" in result.err


# --- the builders' refusals and branches, without the CLI ------------------------------------------------


def test_builder_refusals(repo: Path) -> None:
    import datetime as dt

    from sre_docs.workflows import scaffold_ops as ops
    from sre_docs.workflows.common import WorkflowError

    loaded = load_repository(repo)
    day = dt.date(2026, 11, 26)
    cases = [
        (lambda: ops.new_toil(loaded, service="payments", name=" ", category="data", minutes=1, per_month=1,
                              difficulty="low"), "the toil item needs a name"),
        (lambda: ops.new_toil(loaded, service="payments", name="x", category="cooking", minutes=1, per_month=1,
                              difficulty="low"), "category 'cooking' is not one of"),
        (lambda: ops.new_toil(loaded, service="payments", name="x", category="data", minutes=-1, per_month=1,
                              difficulty="low"), "must not be negative"),
        (lambda: ops.new_toil(loaded, service="payments", name="x", category="data", minutes=1, per_month=1,
                              difficulty="low", frequency="hourly"), "frequency 'hourly' is not one of"),
        (lambda: ops.new_capacity(loaded, service="payments", bottleneck="CPU", peak_pct=50, growth_pct=-100,
                                  today=day), "monthly growth must be above -100%"),
        (lambda: ops.new_capacity(loaded, service="payments", bottleneck="CPU", peak_pct=50, growth_pct=1,
                                  today=day, instances=10, max_instances=4), "max instances (4) is below the current 10"),
        (lambda: ops.new_team(loaded, name="ops", sre_hours=-1), "must not be negative"),
        (lambda: ops.new_team(loaded, name="payments"), "team 'payments' already exists at org/teams.yaml:1"),
        (lambda: ops.new_rotation(loaded, name="payments-primary", team="payments"),
         "on-call rotation 'payments-primary' already exists at org/oncall/payments-primary.yaml:1"),
    ]
    for build, message in cases:
        with pytest.raises(WorkflowError, match=None) as caught:
            build()
        assert message in str(caught.value)


def test_a_team_without_members_needs_them_for_a_rotation(repo: Path) -> None:
    from sre_docs.workflows import scaffold_ops as ops
    from sre_docs.workflows.common import WorkflowError

    (repo / "org/teams.yaml").write_text((repo / "org/teams.yaml").read_text() + "---\nteam:\n  name: empty\n")
    with pytest.raises(WorkflowError, match="team 'empty' lists no members: give them with --member"):
        ops.new_rotation(load_repository(repo), name="empty-oncall", team="empty")
    one = ops.new_rotation(load_repository(repo), name="empty-oncall", team="empty", members=["solo"])
    assert "secondary" not in one.body  # one person: no second layer to shift


def test_capacity_without_current_or_cost_projects_nothing_it_cannot(repo: Path) -> None:
    import datetime as dt

    from sre_docs.workflows import scaffold_ops as ops

    new = ops.new_capacity(load_repository(repo), service="payments", bottleneck="storage", peak_pct=30,
                           growth_pct=2, today=dt.date(2026, 11, 26), metric="storage_gb", max_instances=8)
    body = new.body
    assert body["growth_forecast"] == {"metric": "storage_gb", "monthly_growth_pct": 2}  # no current: no projection
    assert "cost_projection" not in body and "cost_per_month_usd" not in body["current_state"]
    assert body["scaling_strategy"]["max_instances"] == 8 and "current_instances" not in body["scaling_strategy"]


def test_org_budget_policy_and_remediation_are_created_when_missing(repo: Path, cli) -> None:
    (repo / "org/error_budget_policy.yaml").unlink()
    result = cli(repo, "new", "budget-policy")
    assert result.code == 0 and "created org/error_budget_policy.yaml" in result.out
    assert load_repository(repo).default_budget_policy.get("reset") == "Rolling 28d window (no manual resets)"
    # a service's rules file with one of the guide's triggers gets the other three appended
    path = repo / "services/payments/auto_remediation.yaml"
    path.write_text("auto_remediation:\n  - trigger: disk_usage_high\n    condition: disk > 85%\n    action: Clean up\n")
    added = cli(repo, "new", "remediation", "payments")
    assert added.code == 0 and "added to services/payments/auto_remediation.yaml" in added.out
    docs = load_repository(repo).services["payments"].of_kind("auto_remediation")
    assert [r["trigger"] for d in docs for r in d.body] == [
        "disk_usage_high", "pod_crash_loop", "connection_pool_exhausted", "certificate_expiring"]
    assert findings(repo) == []


def test_toil_frequency_boundaries() -> None:
    from sre_docs.workflows.scaffold_ops import toil_frequency

    assert [toil_frequency(n) for n in (0, 3.9, 4, 19, 20, 30)] == [
        "monthly", "monthly", "weekly", "weekly", "daily", "daily"]
