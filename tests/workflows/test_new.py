"""``sre-docs new``: documents from templates that lint clean and say what is left to write."""

from __future__ import annotations

from pathlib import Path

from sre_docs.model.repository import load_repository

from workflow_helpers import fill_in, finding_keys, findings, todo_findings


def test_fixture_repo_lints_clean(repo: Path) -> None:
    assert findings(repo) == []


def test_new_service_sli_slo_alert_runbook_lint_clean(repo: Path, cli) -> None:
    result = cli(repo, "new", "service", "ledger", "--tier", "standard", "--team", "payments")
    assert result.code == 0, result.err
    assert "created services/ledger/service.yaml: service ledger" in result.out
    assert "service.description" in result.out  # still to fill in
    text = (repo / "services/ledger/service.yaml").read_text()
    assert "oncall_rotation: payments-primary  # who gets paged" in text  # the team's only rotation

    assert cli(repo, "new", "sli", "ledger", "--name", "request_success_rate", "--type", "availability").code == 0
    result = cli(repo, "new", "slo", "ledger", "--sli", "request_success_rate", "--target", "99.5", "--window", "30d",
                 "--sla", "99")
    assert result.code == 0, result.out + result.err
    slo = load_repository(repo).services["ledger"].slo("request_success_rate")
    assert slo.get("error_budget") == 0.5
    assert slo.get("error_budget_minutes") == 216  # 0.5% of 30 days, from calc.budget
    assert slo.get("sla") == 99
    alerts = slo.get("burn_rate_alerts")
    assert [(a["burn_rate"], a["budget_consumed_pct"], a["long_window"], a["severity"]) for a in alerts] == [
        (14.4, 2, "1h", "page"), (6, 5, "6h", "page"), (1, 10, "3d", "ticket")]
    for alert in alerts:  # every burn-rate alert got its runbook
        assert (repo / f"services/ledger/runbooks/{alert['name']}.yaml").is_file()
    assert "runbook.diagnosis (3)" in result.out  # three empty commands per runbook

    result = cli(repo, "new", "alert", "ledger", "--name", "ledger_saturation", "--signal", "saturation", "--severity", "P2")
    assert result.code == 0, result.out + result.err
    runbook = (repo / "services/ledger/runbooks/ledger_saturation.yaml").read_text()
    assert "Find the saturated resource" in runbook
    assert "option: Scale up" in runbook
    assert "last_reviewed: '2026-11-26'" in (repo / "services/ledger/alerts.yaml").read_text()  # written today
    # What only a person can write is left as TODO markers, which lint reports (TODO001) until filled in:
    # the service's description, the SLI's source, the SLO's stakeholders and each runbook's impact (the team's
    # rotation gives their escalation and owner). The alert's expr is ALR008's: an alert that can never fire.
    runbooks = [f"services/ledger/runbooks/{name}.yaml" for name in (
        "ledger_saturation", "request_success_rate_fast_burn", "request_success_rate_medium_burn",
        "request_success_rate_slow_burn")]
    assert sorted((path, message) for path, _, _, message in todo_findings(repo)) == sorted([
        ("services/ledger/service.yaml",
         "service.description still holds a scaffold TODO marker: write the real value"),
        ("services/ledger/slis.yaml",
         "sli.measurement.source still holds a scaffold TODO marker: write the real value"),
        ("services/ledger/slos.yaml", "slo.stakeholders[0] still holds a scaffold TODO marker: write the real value"),
        *((path, "runbook.impact still holds a scaffold TODO marker: write the real value") for path in runbooks),
    ])
    assert [(f.code, f.message) for f in findings(repo) if f.code != "TODO001"] == [
        ("ALR008", "alert 'ledger_saturation' has no expression yet ('TODO: the PromQL expression that fires it'): "
                   "write the PromQL that fires it")]
    written = ["services/ledger/service.yaml", "services/ledger/slis.yaml", "services/ledger/slos.yaml",
               "services/ledger/alerts.yaml", *runbooks]
    assert fill_in(repo, *written) == 8
    assert findings(repo) == []


def test_new_slo_on_an_existing_slos_file_appends_and_keeps_its_bytes(repo: Path, cli) -> None:
    before = (repo / "services/checkout/slos.yaml").read_bytes()
    result = cli(repo, "new", "slo", "checkout", "--sli", "request_success_rate", "--target", "99.99",
                 "--name", "checkout-strict")
    assert result.code == 0, result.out + result.err
    after = (repo / "services/checkout/slos.yaml").read_bytes()
    assert after.startswith(before + b"---\n")
    assert [load_repository(repo).services["checkout"].slo_name(d) for d in load_repository(repo).services["checkout"].slos] == [
        "checkout-availability", "checkout-strict"]
    # the stakeholders and each new runbook's impact are left to write
    new_files = sorted({path for path, _, _, _ in todo_findings(repo)})
    assert new_files == ["services/checkout/runbooks/checkout-strict-fast-burn.yaml",
                         "services/checkout/runbooks/checkout-strict-medium-burn.yaml",
                         "services/checkout/runbooks/checkout-strict-slow-burn.yaml",
                         "services/checkout/slos.yaml"]
    assert fill_in(repo, *new_files) == 4
    assert findings(repo) == []


def test_nothing_is_replaced_without_force(repo: Path, cli) -> None:
    result = cli(repo, "new", "runbook", "checkout", "--alert", "checkout_high_error_rate")
    assert result.code == 2
    assert "already exists at services/checkout/runbooks/high-error-rate.yaml:1; use --force" in result.err
    result = cli(repo, "new", "service", "checkout", "--tier", "critical", "--team", "payments")
    assert result.code == 2 and "use --force" in result.err
    slos = (repo / "services/checkout/slos.yaml").read_bytes()
    result = cli(repo, "new", "slo", "checkout", "--sli", "request_success_rate", "--target", "99.95",
                 "--name", "checkout-availability", "--force", "--no-runbooks")
    assert result.code == 0, result.err  # written: the findings on it (the missing runbooks) are warnings, not a failure
    assert "warning: findings in the written files" in result.out
    assert "ALR001 no runbook of services/checkout/ names burn-rate alert 'checkout-availability-fast-burn'" in result.out
    text = (repo / "services/checkout/slos.yaml").read_text()
    assert text.startswith("# Checkout's SLOs.\nslo:\n  name: checkout-availability\n")  # the header stays, once
    assert text.count("# Checkout's SLOs.") == 1 and text.count("slo:") == 1
    assert (repo / "services/checkout/slos.yaml").read_bytes() != slos


def test_unknown_references_and_missing_values_are_usage_errors(repo: Path, cli) -> None:
    result = cli(repo, "new", "service", "x", "--tier", "critical", "--team", "paymnts")
    assert result.code == 2 and "did you mean 'payments'" in result.err
    result = cli(repo, "new", "slo", "checkout")  # a required option: argparse names it, no prompt
    assert result.code == 2 and "the following arguments are required: --sli" in result.err
    result = cli(repo, "new", "slo", "checkout", "--sli", "nope", "--target", "99.9")
    assert result.code == 2 and "has no SLI 'nope'" in result.err
    result = cli(repo, "new", "slo", "checkout", "--sli", "request_success_rate", "--target", "99.9", "--sla", "99.95")
    assert result.code == 2 and "must be below the SLO target" in result.err
    assert not (repo / "services/x").exists()


def test_new_experiment_and_sli_latency(repo: Path, cli) -> None:
    result = cli(repo, "new", "experiment", "checkout", "--fault", "compute", "--name", "kill-pods", "--date", "2026-12-03")
    assert result.code == 0, result.out + result.err
    text = (repo / "services/checkout/experiments/kill-pods.yaml").read_text()
    assert "hypothesis: When a random pod of checkout is killed every 10 minutes, checkout will keep serving" in text
    assert "scheduled: '2026-12-03'" in text
    assert cli(repo, "new", "sli", "checkout", "--name", "latency_p99", "--type", "latency", "--threshold-ms", "250").code == 0
    sli = load_repository(repo).services["checkout"].sli("latency_p99")
    assert sli.get("measurement", "threshold_ms") == 250
    # The experiment's steady state comes from the SLO; only where the SLI's events are counted is left to write.
    assert [(p, m) for p, _, _, m in todo_findings(repo)] == [
        ("services/checkout/slis.yaml", "sli.measurement.source still holds a scaffold TODO marker: write the real value")]
    assert fill_in(repo, "services/checkout/experiments/kill-pods.yaml", "services/checkout/slis.yaml") == 1
    assert findings(repo) == []


def test_on_the_example_repo_new_documents_add_no_findings(example: Path, cli) -> None:
    before = finding_keys(example)
    repo = load_repository(example)
    service = next(name for name, svc in sorted(repo.services.items()) if svc.slis and svc.catalog)
    sli = repo.services[service].slis[0].get("name")
    result = cli(example, "new", "slo", service, "--sli", sli, "--target", "99.99", "--name", "workflow-test-slo")
    assert result.code in (0, 1), result.err
    new = finding_keys(example) - before
    # Only a target judgement may differ (a stricter SLO than a policy wants is still a choice); nothing structural.
    # The SLO's stakeholders and its runbooks' impact are TODO markers (TODO001) to fill in.
    assert all(code.startswith(("SLO", "SLA")) or code in ("BUD001", "TODO001") for code, _, _ in new), new
    assert {message for code, _, message in new if code == "TODO001"} == {
        "slo.stakeholders[0] still holds a scaffold TODO marker: write the real value",
        "runbook.impact still holds a scaffold TODO marker: write the real value"}


def test_a_new_service_from_nothing_to_a_clean_slo_in_three_commands(example: Path, cli) -> None:
    """The first hour: service, SLI, SLO, each exiting 0, ending with the SLO at its tier's floor."""
    before = finding_keys(example)
    assert cli(example, "new", "service", "ledger", "--tier", "standard", "--team", "money-movement").code == 0
    # No --type: the name does not say latency, so the SLI is an availability SLI.
    assert cli(example, "new", "sli", "ledger", "--name", "request_success_rate").code == 0
    sli = load_repository(example).services["ledger"].sli("request_success_rate")
    assert sli.get("type") == "availability"
    # No --target: the floor of a standard service (SLO005's default floors: standard 99.5).
    result = cli(example, "new", "slo", "ledger", "--sli", "request_success_rate", "--window", "30d", "--sla", "99")
    assert result.code == 0, result.err
    assert "note: --target not given: 99.5%, the floor of the service's tier (SLO005)" in result.out
    assert load_repository(example).services["ledger"].slo("request_success_rate").get("target") == 99.5
    new = [key for key in finding_keys(example) if key not in before]
    assert {code for code, _, _ in new} == {"TODO001"}  # only what a person has to write
    fill_in(example, *{path for _, path, _ in new})
    assert [key for key in finding_keys(example) if key not in before] == []


def test_required_options_are_named_by_help_and_by_the_error(repo: Path, cli, capsys) -> None:
    result = cli(repo, "new", "service", "ledger")
    assert result.code == 2
    assert "the following arguments are required: --tier, --team" in result.err
    assert not (repo / "services/ledger").exists()


def test_a_written_file_with_findings_exits_0_and_warns(repo: Path, cli) -> None:
    """A target below the floor is written as asked; the finding on it is a warning, and lint is the gate."""
    result = cli(repo, "new", "slo", "checkout", "--sli", "request_success_rate", "--name", "low",
                 "--target", "99.5", "--no-runbooks")
    assert result.code == 0, result.err
    assert "warning: findings in the written files" in result.out
    assert "SLO005 target 99.5% is below the 99.95% floor for critical services" in result.out
