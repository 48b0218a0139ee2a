"""Prometheus rules: windows, thresholds from the SLO's own window, runbook links, and promtool."""

from __future__ import annotations

import datetime as dt
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
import yaml

from integration_helpers import example_root
from sre_docs.cli import main
from sre_docs.handbook.page_facts import Clock
from sre_docs.handbook.site import Site, page_url
from sre_docs.integrations.handbook_links import HandbookLinks, SiteSettings, site_settings
from sre_docs.integrations.export_files import dump_yaml
from sre_docs.integrations.prometheus import (
    number, over_window, prom_duration, prometheus_rules, template_literal,
)
from sre_docs.model.burn_alerts import burn_alerts
from sre_docs.model.repository import load_repository

SITE = "https://sre.example.com/handbook"


def _rules(root: Path, site: str | None = SITE):
    repo = load_repository(root)
    return repo, prometheus_rules(repo, HandbookLinks(repo, SiteSettings(site)))


def _by_name(export, service: str) -> dict[str, dict]:
    rules = [r for g in export.files[service]["groups"] for r in g["rules"]]
    return {r.get("alert") or r["record"]: r for r in rules}


# --- pure pieces ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("query", "window", "expected"), [
    ("sum(rate(x[5m]))", "1h", "sum(rate(x[1h]))"),
    ("rate(a[1h30m]) / rate(b[ 5m ])", "3d", "rate(a[3d]) / rate(b[3d])"),
    ("sum(count_over_time((lag < 1800)[5m:1m]))", "6h", "sum(count_over_time((lag < 1800)[6h:1m]))"),
    ("sum(rate(x[{{.window}}])) / sum(rate(y[{{ .window }}]))", "30m", "sum(rate(x[30m])) / sum(rate(y[30m]))"),
    ("sum(x)", "1h", None),
    ('x{path="[5m]"}', "1h", 'x{path="[1h]"}'),  # a known limit: ranges inside label values are rewritten too
])
def test_over_window(query, window, expected):
    assert over_window(query, window) == expected


def test_prom_duration_and_numbers():
    assert [prom_duration(timedelta(minutes=m)) for m in (5, 30, 60, 120, 360, 1440, 4320)] == [
        "5m", "30m", "1h", "2h", "6h", "1d", "3d"]
    assert prom_duration(timedelta(days=14)) == "2w"
    with pytest.raises(ValueError):
        prom_duration(timedelta(0))
    assert number(0.02 * 672) == "13.44"
    assert number((100 - 99.95) / 100) == "0.0005"


def test_template_literal_keeps_text_out_of_go_templates():
    assert template_literal("a {{ b }} c") == 'a {{ "{{" }} b }} c'


# --- thresholds ----------------------------------------------------------------------------------------


def test_declared_alerts_are_exported_as_declared(small_repo):
    repo = load_repository(small_repo)
    service = repo.services["checkout"]
    alerts = burn_alerts(service, service.slos[0])
    assert [(a.name, a.tier, a.burn_rate, a.severity) for a in alerts] == [
        ("checkout_fast_burn", "fast_burn", 13.44, "page"), ("checkout_slow_burn", "slow_burn", 0.93, "ticket")]


def test_undeclared_alerts_get_workbook_tiers_for_the_slo_window(small_repo):
    repo = load_repository(small_repo)
    service = repo.services["payments"]
    alerts = burn_alerts(service, service.slos[0])  # 30d window
    assert [(a.tier, round(a.burn_rate, 6), prom_duration(a.long_window), prom_duration(a.short_window), a.severity)
            for a in alerts] == [
        ("fast_burn", 14.4, "1h", "5m", "page"), ("medium_burn", 6.0, "6h", "30m", "page"),
        ("daily_burn", 3.0, "1d", "2h", "ticket"), ("slow_burn", 1.0, "3d", "6h", "ticket")]
    assert alerts[0].name == "charge-success_fast_burn"


def test_rules_cover_every_window_and_alert(small_repo):
    _, export = _rules(small_repo)
    assert export.slos_exported == 2
    assert export.slos_without_promql == ["payments/words-only"]
    payments = _by_name(export, "payments")
    assert sorted(k for k in payments if k.startswith("slo:")) == sorted(
        [f"slo:sli_error:ratio_rate{w}" for w in ("5m", "30m", "1h", "2h", "6h", "1d", "3d", "30d")]
        + ["slo:objective:ratio", "slo:error_budget:ratio", "slo:time_period:days", "slo:current_burn_rate:ratio",
           "slo:period_burn_rate:ratio", "slo:period_error_budget_remaining:ratio"])
    record = payments["slo:sli_error:ratio_rate2h"]
    ids = {"sre_docs_service": "payments", "sre_docs_slo": "charge-success", "sre_docs_id": "payments/charge-success"}
    assert record["labels"] == ids
    # 1 - good/total, where a missing good series counts as 0 good events and no traffic as an error ratio of 0.
    total = "(sum(rate(charges_total[2h])))"
    assert record["expr"] == (
        "1 - (\n"
        "  (\n"
        '    (sum(rate(charges_total{outcome="ok"}[2h])))\n'
        "    or\n"
        f"    {total} * 0\n"
        "  )\n"
        "  /\n"
        f"  ({total} > 0)\n"
        ")\n"
        "or\n"
        f"{total} * 0")
    fast = payments["charge-success_fast_burn"]
    assert fast["labels"] == {"severity": "page", "sre_docs_tier": "fast_burn", **ids}
    # 30d window, 99.9%: 14.4 x (100 - 99.9)% = 14.4 x 0.001.
    assert fast["expr"] == (
        'slo:sli_error:ratio_rate1h{sre_docs_service="payments", sre_docs_slo="charge-success"} > (14.4 * 0.001)\n'
        'and\nslo:sli_error:ratio_rate5m{sre_docs_service="payments", sre_docs_slo="charge-success"} > (14.4 * 0.001)')
    checkout = _by_name(export, "checkout")
    assert "(13.44 * 0.0005)" in checkout["checkout_fast_burn"]["expr"]
    assert checkout["slo:sli_error:ratio_rate1h"]["expr"] == (
        "(\n"
        '  (sum(rate(http_requests_total{job="checkout",code=~"5.."}[1h])))\n'
        "  or\n"
        '  (sum(rate(http_requests_total{job="checkout"}[1h]))) * 0\n'
        ")\n"
        "/\n"
        '((sum(rate(http_requests_total{job="checkout"}[1h]))) > 0)\n'
        "or\n"
        '(sum(rate(http_requests_total{job="checkout"}[1h]))) * 0')


def test_runbook_url_is_the_runbook_page_of_the_site(small_repo):
    repo, export = _rules(small_repo)
    runbook = repo.services["checkout"].runbooks[0]
    site = Site(repo, [], Clock(dt.date(2026, 11, 1)))  # the site's own page plan
    expected = f"{SITE}/{page_url(site.page_of(runbook))}"
    fast = _by_name(export, "checkout")["checkout_fast_burn"]
    assert fast["annotations"]["runbook_url"] == expected == f"{SITE}/services/checkout/runbooks/checkout-fast-burn/"
    assert fast["annotations"]["slo"] == "checkout-availability"
    assert "runbook_url" not in _by_name(export, "checkout")["checkout_slow_burn"]["annotations"]
    assert any(f.code == "EXP003" and "checkout_slow_burn" in f.message for f in export.findings)


def test_site_url_comes_from_mkdocs_yml(small_repo):
    (small_repo / "mkdocs.yml").write_text(
        "site_name: x\nsite_url: https://docs.example.org/sre/\nuse_directory_urls: false\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "extra:\n  token: !ENV [TOKEN, none]\n")
    settings = site_settings(small_repo)
    assert settings == SiteSettings("https://docs.example.org/sre/", False)
    assert site_settings(small_repo, "https://other.example/").site_url == "https://other.example/"
    repo = load_repository(small_repo)
    export = prometheus_rules(repo, HandbookLinks(repo, settings))
    url = _by_name(export, "checkout")["checkout_fast_burn"]["annotations"]["runbook_url"]
    assert url == "https://docs.example.org/sre/services/checkout/runbooks/checkout-fast-burn.html"


def test_without_a_site_url_no_runbook_url_and_a_warning(small_repo):
    _, export = _rules(small_repo, site=None)
    assert "runbook_url" not in _by_name(export, "checkout")["checkout_fast_burn"]["annotations"]
    assert any(f.code == "EXP004" for f in export.findings)


def test_queries_without_a_window_are_reported(small_repo):
    (small_repo / "services/payments/slis.yaml").write_text(
        "sli:\n  name: charge-success\n  type: availability\n  prometheus:\n"
        "    good_events: sum(charges_ok)\n    total_events: sum(rate(charges_total[5m]))\n")
    _, export = _rules(small_repo)
    problem = next(f for f in export.findings if f.code == "EXP002")
    assert (problem.path, problem.line, problem.column) == ("services/payments/slis.yaml", 5, 18)
    assert "payments" not in export.files


# --- the CLI and promtool -----------------------------------------------------------------------------------


def test_cli_writes_one_file_per_service(small_repo, tmp_path, capsys):
    out = tmp_path / "rules"
    code = main(["export", "prometheus", "--root", str(small_repo), "--out", str(out), "--site-url", SITE])
    assert code == 0
    assert sorted(p.name for p in out.iterdir()) == ["checkout.rules.yaml", "payments.rules.yaml"]
    assert "sre-docs: 2 SLO(s) and 0 alert(s) exported; 1 SLO(s) have no prometheus queries in their SLI\n" in (
        capsys.readouterr().err)
    assert main(["export", "prometheus", "--root", str(small_repo), "--service", "checkot"]) == 2
    assert "did you mean 'checkout'" in capsys.readouterr().err


def _check_rules(promtool: str, files: list[Path]) -> None:
    result = subprocess.run([promtool, "check", "rules", *map(str, files)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_promtool_accepts_the_small_repo_rules(small_repo, tmp_path, promtool):
    out = tmp_path / "rules"
    assert main(["export", "prometheus", "--root", str(small_repo), "--out", str(out), "--site-url", SITE]) == 0
    _check_rules(promtool, sorted(out.iterdir()))


def test_promtool_accepts_the_example_organisation_rules(tmp_path, promtool):
    root = example_root()
    if root is None:
        pytest.skip("the example organisation is not in this checkout")
    out = tmp_path / "rules"
    assert main(["export", "prometheus", "--root", str(root), "--out", str(out), "--site-url", SITE]) == 0
    files = sorted(out.iterdir())
    assert files, "the example organisation has SLIs with prometheus queries"
    _check_rules(promtool, files)


def _unit_test(rules: Path, alert: dict, errors_per_minute: float, requests_per_minute: float,
               expect_firing: bool) -> dict:
    """A promtool unit test: steady traffic with a constant share of 5xx for two hours."""
    expected = []
    if expect_firing:
        ratio = errors_per_minute / requests_per_minute
        annotations = {k: v.replace("{{ $value | humanizePercentage }}", f"{ratio * 100:g}%")
                       for k, v in alert["annotations"].items()}
        expected = [{"exp_labels": alert["labels"], "exp_annotations": annotations}]
    good = requests_per_minute - errors_per_minute
    return {
        "rule_files": [rules.name],
        "evaluation_interval": "1m",
        "tests": [{
            "interval": "1m",
            "input_series": [
                {"series": 'http_requests_total{job="checkout",code="200"}', "values": f"0+{good:g}x150"},
                {"series": 'http_requests_total{job="checkout",code="500"}', "values": f"0+{errors_per_minute:g}x150"},
            ],
            "alert_rule_test": [{"eval_time": "90m", "alertname": alert["alert"], "exp_alerts": expected}],
        }],
    }


@pytest.mark.parametrize(("errors", "firing"), [
    (10.0, True),    # 1% errors = 20x the 0.05% budget rate: above the 13.44x fast-burn threshold
    (0.25, False),   # 0.025% errors = 0.5x burn: the budget lasts twice the window, no page
])
def test_fast_burn_alert_fires_on_a_fast_burn_and_not_at_half_burn(small_repo, tmp_path, promtool, errors, firing):
    out = tmp_path / "rules"
    assert main(["export", "prometheus", "--root", str(small_repo), "--service", "checkout",
                 "--out", str(out), "--site-url", SITE]) == 0
    rules = out / "checkout.rules.yaml"
    written = yaml.safe_load(rules.read_text())
    alert = next(r for g in written["groups"] for r in g["rules"] if r.get("alert") == "checkout_fast_burn")
    test_file = out / "test.yaml"
    test_file.write_text(dump_yaml(_unit_test(rules, alert, errors, 1000.0, firing)))
    result = subprocess.run([promtool, "test", "rules", str(test_file)], capture_output=True, text=True,
                            timeout=120, cwd=out)
    assert result.returncode == 0, result.stdout + result.stderr
