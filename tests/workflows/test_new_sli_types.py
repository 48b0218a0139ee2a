"""``sre-docs new sli`` without --type (or --name): the guide's SLIs for the catalog's service type, the
target for the tier, and ``new slo`` offering a target from what was measured."""

from __future__ import annotations

from pathlib import Path

from sre_docs.model.repository import load_repository


def set_type(repo: Path, service: str, kind: str) -> None:
    path = repo / f"services/{service}/service.yaml"
    text = path.read_text()
    path.write_text(text.replace("  tier:", f"  service_type: {kind}\n  tier:", 1))


def test_without_a_service_type_a_name_is_needed(repo: Path, cli) -> None:
    result = cli(repo, "new", "sli", "payments")
    assert result.code == 2
    assert ("give --name, or set service_type in payments's catalog entry (one of api, web, data-pipeline, storage, "
            "streaming, batch, ml)") in result.err


def test_the_primary_sli_of_the_type_and_what_the_guide_suggests_next(repo: Path, cli) -> None:
    set_type(repo, "payments", "ml")
    result = cli(repo, "new", "sli", "payments")
    assert result.code == 0, result.err
    assert "added to services/payments/slis.yaml: sli prediction_latency" in result.out
    sli = load_repository(repo).services["payments"].sli("prediction_latency")
    assert sli.get("type") == "latency" and sli.get("measurement", "threshold_ms") == 300
    suggestions = [line for line in result.out.splitlines() if line.startswith("suggestion: ")]
    assert suggestions == [
        "suggestion: the guide's SLIs for an ML Model service include Accuracy drift: "
        "`sre-docs new sli payments --name prediction_quality` (quality)",
        "suggestion: the guide's SLIs for an ML Model service include Feature freshness: "
        "`sre-docs new sli payments --name feature_freshness` (freshness)",
        # payments is important: the guide's table gives 99.95%; SLO005's default floor for important is 99.9%
        "suggestion: the guide's target for an important service is 99.95% (Important customer-facing services); "
        "SLO005 wants at least 99.9%",
    ]
    # a suggested name takes the guide's type without --type
    assert cli(repo, "new", "sli", "payments", "--name", "feature_freshness").code == 0
    assert load_repository(repo).services["payments"].sli("feature_freshness").get("type") == "freshness"


def test_names_outside_the_table_keep_the_old_default(repo: Path, cli) -> None:
    set_type(repo, "payments", "api")
    assert cli(repo, "new", "sli", "payments", "--name", "checkout_latency_p95").code == 0
    assert cli(repo, "new", "sli", "payments", "--name", "gateway_ok").code == 0
    loaded = load_repository(repo).services["payments"]
    assert loaded.sli("checkout_latency_p95").get("type") == "latency"
    assert loaded.sli("gateway_ok").get("type") == "availability"


def test_new_service_records_its_type(repo: Path, cli) -> None:
    result = cli(repo, "new", "service", "ledger", "--tier", "standard", "--team", "payments", "--type", "batch")
    assert result.code == 0, result.err
    assert load_repository(repo).services["ledger"].catalog.get("service_type") == "batch"
    assert cli(repo, "new", "sli", "ledger").code == 0
    assert load_repository(repo).services["ledger"].sli("job_success_rate").get("type") == "availability"


def test_new_slo_offers_a_target_from_the_measurements(repo: Path, cli) -> None:
    # checkout-availability measures request_success_rate: 28 days of 99,985 good of 100,000, the 28 rows from
    # 2026-10-29 to 2026-11-25 inside the 28 days before 2026-11-26 00:00 UTC. Achieved: 2,799,580 / 2,800,000 =
    # 99.985%; the margin is the error rate, 0.015%: 99.985 - 0.015 = 99.97, rounded down to the guide's 99.95.
    result = cli(repo, "new", "slo", "checkout", "--sli", "request_success_rate", "--name", "checkout-second",
                 "--no-runbooks")
    assert result.code == 0, result.err
    assert ("note: SLO checkout-availability achieved 99.985% on this SLI over the last 28 days (2,799,580 good of "
            "2,800,000); less a margin of the error rate measured (0.015%), rounded down to the guide's targets, "
            "that offers --target 99.95") in result.out
    # a 7-day window counts the last 7 rows only: 699,895 of 700,000, the same 99.985%
    week = cli(repo, "new", "slo", "checkout", "--sli", "request_success_rate", "--name", "checkout-week",
               "--window", "7d", "--no-runbooks")
    assert "over the last 7 days (699,895 good of 700,000)" in week.out
    # no measurements for payments' SLI: nothing is offered
    payments = load_repository(repo).services["payments"]
    sli = payments.slos[0].get("sli")
    other = cli(repo, "new", "slo", "payments", "--sli", sli, "--name", "payments-second", "--no-runbooks")
    assert other.code == 0 and "achieved" not in other.out
