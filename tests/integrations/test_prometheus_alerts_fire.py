"""The exported alerts fire when they must and stay silent when they must, under ``promtool test rules``.

Each test writes a tiny repo, exports it with the CLI, and runs a promtool unit test over synthetic
series. The failure modes pinned here are the silent ones: a rule that evaluates to nothing
(label collision, a missing good series) or to NaN (no traffic) never pages, and
``promtool check rules`` does not notice.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from integration_helpers import write_repo
from sre_docs.cli import main
from sre_docs.integrations.export_files import dump_yaml

SITE = "https://sre.example.com/handbook"

SERVICE = """\
service:
  name: shop
  tier: critical
  owner_team: web
"""
TEAM = "team:\n  name: web\n  members: [alice]\n"


def _repo(tmp_path: Path, sli_prometheus: str, extra: dict[str, str] | None = None) -> Path:
    """One service, one SLI with the given prometheus block, one 30d 99.9% SLO with the Workbook tiers."""
    files = {
        "org/teams.yaml": TEAM,
        "services/shop/service.yaml": SERVICE,
        "services/shop/slis.yaml": "sli:\n  name: requests\n  type: availability\n  prometheus:\n" + sli_prometheus,
        "services/shop/slos.yaml": "slo:\n  name: shop-availability\n  service: shop\n  sli: requests\n"
                                   "  target: 99.9\n  window: 30d\n",
        **(extra or {}),
    }
    return write_repo(tmp_path / "repo", files)


def _export(root: Path, out: Path) -> dict[str, dict[str, Any]]:
    assert main(["export", "prometheus", "--root", str(root), "--out", str(out), "--site-url", SITE]) == 0
    written = yaml.safe_load((out / "shop.rules.yaml").read_text())
    return {r.get("alert") or r["record"]: r for g in written["groups"] for r in g["rules"]}


def _expected(alert: dict[str, Any], value_text: str, extra_labels: dict[str, str] | None = None) -> dict[str, Any]:
    annotations = {k: v.replace("{{ $value | humanizePercentage }}", value_text)
                   for k, v in alert["annotations"].items()}
    return {"exp_labels": {**alert["labels"], **(extra_labels or {})}, "exp_annotations": annotations}


def _promtool_test(promtool: str, out: Path, tests: list[dict[str, Any]]) -> None:
    test_file = out / "test.yaml"
    test_file.write_text(dump_yaml({"rule_files": ["shop.rules.yaml"], "evaluation_interval": "1m", "tests": tests}))
    result = subprocess.run([promtool, "test", "rules", str(test_file)], capture_output=True, text=True,
                            timeout=120, cwd=out)
    assert result.returncode == 0, result.stdout + result.stderr


GOOD_TOTAL = ('    good_events: sum(rate(http_requests_total{code!~"5.."}[5m]))\n'
              "    total_events: sum(rate(http_requests_total[5m]))\n")


def test_sli_grouped_by_service_evaluates_and_alerts_per_group(tmp_path, promtool):
    # `sum by (service)` keeps a `service` label. With bare `service` labels on the rules every series of the
    # recording rule would end up with one label set and the rule would fail at evaluation: nothing fires.
    root = _repo(tmp_path, '    bad_events: sum by (service) (rate(http_requests_total{code=~"5.."}[5m]))\n'
                           "    total_events: sum by (service) (rate(http_requests_total[5m]))\n")
    rules = _export(root, tmp_path / "out")
    fast = rules["shop-availability_fast_burn"]
    _promtool_test(promtool, tmp_path / "out", [{
        "interval": "1m",
        "input_series": [
            # cart: 20 of 1000 requests a minute fail = 2% errors = 20x the 0.1% budget, above the 14.4x fast burn.
            {"series": 'http_requests_total{service="cart",code="200"}', "values": "0+980x150"},
            {"series": 'http_requests_total{service="cart",code="500"}', "values": "0+20x150"},
            # search: 0.05% errors = 0.5x the budget rate: silent.
            {"series": 'http_requests_total{service="search",code="200"}', "values": "0+19990x150"},
            {"series": 'http_requests_total{service="search",code="500"}', "values": "0+10x150"},
        ],
        "promql_expr_test": [{
            "expr": "slo:sli_error:ratio_rate5m", "eval_time": "90m",
            "exp_samples": [
                {"labels": 'slo:sli_error:ratio_rate5m{service="cart", sre_docs_id="shop/shop-availability", '
                           'sre_docs_service="shop", sre_docs_slo="shop-availability"}', "value": 0.02},
                {"labels": 'slo:sli_error:ratio_rate5m{service="search", sre_docs_id="shop/shop-availability", '
                           'sre_docs_service="shop", sre_docs_slo="shop-availability"}', "value": 0.0005},
            ],
        }],
        "alert_rule_test": [{"eval_time": "90m", "alertname": fast["alert"],
                             "exp_alerts": [_expected(fast, "2%", {"service": "cart"})]}],
    }])


def test_a_total_series_without_any_good_series_alerts(tmp_path, promtool):
    # Every request fails and the good series was never created (a restart, say): the error ratio is 1, not empty.
    rules = _export(_repo(tmp_path, GOOD_TOTAL), tmp_path / "out")
    fast = rules["shop-availability_fast_burn"]
    _promtool_test(promtool, tmp_path / "out", [{
        "interval": "1m",
        "input_series": [{"series": 'http_requests_total{code="503"}', "values": "0+100x150"}],
        "promql_expr_test": [{"expr": "slo:sli_error:ratio_rate1h", "eval_time": "90m", "exp_samples": [{
            "labels": 'slo:sli_error:ratio_rate1h{sre_docs_id="shop/shop-availability", sre_docs_service="shop", '
                      'sre_docs_slo="shop-availability"}', "value": 1}]}],
        "alert_rule_test": [{"eval_time": "90m", "alertname": fast["alert"], "exp_alerts": [_expected(fast, "100%")]}],
    }])


@pytest.mark.parametrize("form", ["good", "bad"])
def test_zero_traffic_is_an_error_ratio_of_zero_and_does_not_alert(tmp_path, promtool, form):
    block = GOOD_TOTAL if form == "good" else (
        '    bad_events: sum(rate(http_requests_total{code=~"5.."}[5m]))\n'
        "    total_events: sum(rate(http_requests_total[5m]))\n")
    rules = _export(_repo(tmp_path, block), tmp_path / "out")
    alerts = [name for name in rules if not name.startswith("slo:")]
    assert len(alerts) == 4
    _promtool_test(promtool, tmp_path / "out", [{
        "interval": "1m",
        # The counters exist but do not move: no requests at all (0/0 would be NaN).
        "input_series": [{"series": 'http_requests_total{code="200"}', "values": "5+0x150"},
                         {"series": 'http_requests_total{code="500"}', "values": "5+0x150"}],
        "promql_expr_test": [{"expr": "slo:sli_error:ratio_rate5m", "eval_time": "90m", "exp_samples": [{
            "labels": 'slo:sli_error:ratio_rate5m{sre_docs_id="shop/shop-availability", sre_docs_service="shop", '
                      'sre_docs_slo="shop-availability"}', "value": 0}]}],
        "alert_rule_test": [{"eval_time": "90m", "alertname": name, "exp_alerts": []} for name in alerts],
    }])


ALERTS = """\
alert:
  name: shop-queue-backlog
  service: shop
  severity: P2
  signal: saturation
  condition: More than 100 jobs waiting for 10 minutes
  expr: sum(shop_queue_jobs_waiting) > 100
  for: 10m
  runbook: runbooks/queue-backlog.yaml
  description: Jobs wait; emails go out late.
---
alert:
  name: shop-dashboard-only
  service: shop
  severity: P3
  signal: traffic
  condition: Traffic is unusually low
  runbook: https://wiki.example.com/shop/low-traffic
"""
RUNBOOK = "runbook:\n  title: Queue backlog\n  alert_name: shop-queue-backlog\n  last_updated: 2026-10-01\n"


def test_a_standalone_alert_is_exported_with_its_runbook_and_routing_and_fires_on_its_expr(tmp_path, promtool):
    root = _repo(tmp_path, GOOD_TOTAL, {"services/shop/alerts.yaml": ALERTS,
                                        "services/shop/runbooks/queue-backlog.yaml": RUNBOOK})
    rules = _export(root, tmp_path / "out")
    backlog = rules["shop-queue-backlog"]
    assert backlog == {
        "alert": "shop-queue-backlog",
        "expr": "sum(shop_queue_jobs_waiting) > 100",
        "for": "10m",
        # P2 is a ticket in the guide's severity table.
        "labels": {"severity": "ticket", "sre_docs_priority": "P2", "sre_docs_service": "shop"},
        "annotations": {
            "summary": "shop: More than 100 jobs waiting for 10 minutes",
            "description": "Jobs wait; emails go out late.",
            "runbook_url": f"{SITE}/services/shop/runbooks/shop-queue-backlog/",  # the runbook's page
            "dashboard_url": f"{SITE}/services/shop/",
        },
    }
    assert "shop-dashboard-only" not in rules  # no expr: nothing to evaluate
    _promtool_test(promtool, tmp_path / "out", [{
        "interval": "1m",
        "input_series": [{"series": "shop_queue_jobs_waiting", "values": "50 50 150x30"}],
        "alert_rule_test": [
            # Above 100 from minute 2; `for: 10m` holds it pending until minute 12.
            {"eval_time": "11m", "alertname": "shop-queue-backlog", "exp_alerts": []},
            {"eval_time": "13m", "alertname": "shop-queue-backlog", "exp_alerts": [
                {"exp_labels": backlog["labels"], "exp_annotations": backlog["annotations"]}]},
        ],
    }])


def test_standalone_alerts_of_the_example_checkout_are_all_exported(tmp_path):
    from integration_helpers import example_root

    root = example_root()
    if root is None:
        pytest.skip("the example organisation is not in this checkout")
    out = tmp_path / "out"
    assert main(["export", "prometheus", "--root", str(root), "--service", "checkout", "--out", str(out),
                 "--site-url", SITE]) == 0
    written = yaml.safe_load((out / "checkout.rules.yaml").read_text())
    alerts = [r["alert"] for g in written["groups"] for r in g["rules"] if "alert" in r]
    # 2 SLOs x 3 declared burn-rate alerts, and the 4 alert documents of services/checkout/alerts.yaml.
    assert len(alerts) == 10
    assert alerts[6:] == ["checkout-high-latency", "checkout-orders-drop", "checkout-pending-orders-stuck",
                          "checkout-db-pool-saturation"]


def test_alerts_that_can_never_fire_are_refused_and_nothing_is_written(tmp_path, capsys):
    root = _repo(tmp_path, GOOD_TOTAL)
    (root / "services/shop/slos.yaml").write_text(
        "slo:\n  name: shop-availability\n  service: shop\n  sli: requests\n  target: 99\n  window: 365d\n")
    out = tmp_path / "out"
    assert main(["export", "prometheus", "--root", str(root), "--out", str(out), "--site-url", SITE]) == 1
    assert not out.exists()
    err = capsys.readouterr().err
    # 365d at 99%: the fast burn is 2% x 8760h / 1h = 175.2; 175.2 x 1% = 175.2% of events.
    assert err == (
        "services/shop/slos.yaml:6:11: error EXP005 burn-rate alert shop-availability_fast_burn of SLO "
        "'shop-availability' is not exported: its threshold 175.2 x 1% = 175.2% of events is not below 100%, "
        "so the error ratio can never exceed it\n"
        "1 finding(s): 1 error(s), 0 warning(s), 0 info in 1 file(s)\n"
        "sre-docs: errors found, nothing written\n")


def test_invalid_promql_is_refused_and_nothing_is_written(tmp_path, capsys):
    bad_alert = ALERTS.replace("expr: sum(shop_queue_jobs_waiting) > 100", "expr: sum(shop_queue_jobs_waiting > 100")
    root = _repo(tmp_path, '    good_events: sum(rate(http_requests_total{code!~"5.."}))\n'
                           "    total_events: sum(rate(http_requests_total[5m]))\n",
                 {"services/shop/alerts.yaml": bad_alert})
    out = tmp_path / "out"
    assert main(["export", "prometheus", "--root", str(root), "--out", str(out), "--site-url", SITE]) == 1
    assert not out.exists()
    assert capsys.readouterr().err == (
        "services/shop/alerts.yaml:7:9: error EXP007 alert 'shop-queue-backlog': expr is not valid PromQL "
        "(unclosed left parenthesis); not exported\n"
        "services/shop/slis.yaml:5:18: error EXP007 SLI 'requests': prometheus.good_events is not valid PromQL "
        "(expected type matrix in call to function 'rate', got vector); no rules exported for its SLOs\n"
        "2 finding(s): 2 error(s), 0 warning(s), 0 info in 2 file(s)\n"
        "sre-docs: errors found, nothing written\n")


def test_slo_metadata_rules_record_objective_budget_and_burn(tmp_path, promtool):
    rules = _export(_repo(tmp_path, GOOD_TOTAL), tmp_path / "out")
    match = '{sre_docs_service="shop", sre_docs_slo="shop-availability"}'
    assert rules["slo:sli_error:ratio_rate30d"]["expr"] == f"avg_over_time(slo:sli_error:ratio_rate5m{match}[30d])"
    assert rules["slo:objective:ratio"]["expr"] == "vector(0.999)"
    ids = ('sre_docs_id="shop/shop-availability", sre_docs_service="shop", sre_docs_slo="shop-availability"')

    def sample(record: str, value: float) -> dict[str, Any]:
        # Rounded to 3 decimals in PromQL: 1 - 980/1000 is 0.02 only up to binary noise.
        return {"expr": f"round({record} * 1000) / 1000", "eval_time": "90m",
                "exp_samples": [{"labels": f"{{{ids}}}", "value": value}]}

    _promtool_test(promtool, tmp_path / "out", [{
        "interval": "1m",
        # 20 of 1000 requests a minute fail: an error ratio of 2% against a 0.1% budget.
        "input_series": [{"series": 'http_requests_total{code="200"}', "values": "0+980x150"},
                         {"series": 'http_requests_total{code="500"}', "values": "0+20x150"}],
        "promql_expr_test": [
            sample("slo:objective:ratio", 0.999),
            sample("slo:error_budget:ratio", 0.001),
            sample("slo:time_period:days", 30),
            sample("slo:current_burn_rate:ratio", 20),            # 0.02 / 0.001
            sample("slo:period_burn_rate:ratio", 20),             # every 5m ratio so far is 0.02
            sample("slo:period_error_budget_remaining:ratio", -19),  # 1 - 20: the budget is 19 budgets overspent
        ],
    }])


TWO_SLOS = """\
slo:
  name: four
  service: shop
  sli: requests
  target: 99.9
  window: 30d
---
slo:
  name: two
  service: shop
  sli: requests
  target: 99.9
  window: 30d
  alerting:
    mode: page_ticket
"""


#: (errors per 1000 requests, alerts of the four-alert SLO that fire, alerts of the two-alert SLO that fire).
#: Burn = error ratio / 0.1%. Thresholds for 30d: fast 14.4, medium 6 (page); daily 3, slow 1 (ticket).
BURN_SCENARIOS = [
    (0.5, [], []),                                                   # 0.5x: nothing
    (2, ["four_slow_burn"], ["two_ticket"]),                         # 2x: above 1 only
    (4, ["four_daily_burn", "four_slow_burn"], ["two_ticket"]),      # 4x: above 3 and 1
    (10, ["four_daily_burn", "four_medium_burn", "four_slow_burn"], ["two_page", "two_ticket"]),  # 10x: not 14.4
    (20, ["four_daily_burn", "four_fast_burn", "four_medium_burn", "four_slow_burn"], ["two_page", "two_ticket"]),
]


def test_the_two_alert_mode_fires_exactly_when_the_four_alert_mode_does(tmp_path, promtool):
    root = _repo(tmp_path, GOOD_TOTAL)
    (root / "services/shop/slos.yaml").write_text(TWO_SLOS)
    rules = _export(root, tmp_path / "out")
    assert sorted(name for name in rules if "alert" in rules[name]) == sorted(
        [f"four_{t}_burn" for t in ("fast", "medium", "daily", "slow")] + ["two_page", "two_ticket"])
    # The page alert is the fast pair or the medium pair, each over both of its windows.
    match = '{sre_docs_service="shop", sre_docs_slo="two"}'
    assert rules["two_page"]["expr"] == (
        "(\n"
        f"  slo:sli_error:ratio_rate1h{match} > (14.4 * 0.001)\n"
        "  and\n"
        f"  slo:sli_error:ratio_rate5m{match} > (14.4 * 0.001)\n"
        ")\n"
        "or\n"
        "(\n"
        f"  slo:sli_error:ratio_rate6h{match} > (6 * 0.001)\n"
        "  and\n"
        f"  slo:sli_error:ratio_rate30m{match} > (6 * 0.001)\n"
        ")")
    assert rules["two_page"]["labels"] == {
        "severity": "page", "sre_docs_service": "shop", "sre_docs_slo": "two", "sre_docs_id": "shop/two"}
    tests = []
    for errors, four_firing, two_firing in BURN_SCENARIOS:
        tests.append({
            "name": f"{errors} errors in 1000",
            "interval": "1m",
            "input_series": [{"series": 'http_requests_total{code="200"}', "values": f"0+{1000 - errors:g}x150"},
                             {"series": 'http_requests_total{code="500"}', "values": f"0+{errors:g}x150"}],
            "promql_expr_test": [{
                "expr": 'count by (alertname) (ALERTS{alertstate="firing"})', "eval_time": "2h",
                "exp_samples": [{"labels": f'{{alertname="{name}"}}', "value": 1}
                                for name in sorted(four_firing + two_firing)],
            }],
        })
    _promtool_test(promtool, tmp_path / "out", tests)


SETTINGS = """\
slo:
  name: shop-availability
  service: shop
  sli: requests
  target: 99.9
  window: 30d
  alerting:
    for: 2m
    labels: {team: web, sre_docs_slo: mine}
    annotations: {playbook: "https://wiki.example.com/{{ $labels.team }}"}
    page:
      labels: {team: web-oncall}
    ticket:
      disabled: true
"""


def test_alerting_settings_for_labels_annotations_and_disabled_tiers(tmp_path, capsys):
    root = _repo(tmp_path, GOOD_TOTAL)
    (root / "services/shop/slos.yaml").write_text(SETTINGS)
    rules = _export(root, tmp_path / "out")
    alerts = {name: rule for name, rule in rules.items() if "alert" in rule}
    assert sorted(alerts) == ["shop-availability_fast_burn", "shop-availability_medium_burn"]  # tickets disabled
    fast = alerts["shop-availability_fast_burn"]
    assert list(fast)[:3] == ["alert", "expr", "for"] and fast["for"] == "2m"
    assert fast["labels"] == {"severity": "page", "sre_docs_tier": "fast_burn", "team": "web-oncall",
                              "sre_docs_service": "shop", "sre_docs_slo": "shop-availability",
                              "sre_docs_id": "shop/shop-availability"}
    assert fast["annotations"]["playbook"] == "https://wiki.example.com/{{ $labels.team }}"  # a template, as written
    assert "slo:sli_error:ratio_rate3d" in rules  # recording rules stay for dashboards
    assert ("services/shop/slos.yaml:7:3: warning EXP008 label 'sre_docs_slo' of SLO 'shop-availability': labels "
            "starting with sre_docs_ are set by sre-docs; ignored") in capsys.readouterr().err


def test_alerts_disabled_for_an_slo(tmp_path):
    root = _repo(tmp_path, GOOD_TOTAL)
    (root / "services/shop/slos.yaml").write_text(
        "slo:\n  name: shop-availability\n  service: shop\n  sli: requests\n  target: 99.9\n  window: 30d\n"
        "  alerting:\n    disabled: true\n")
    rules = _export(root, tmp_path / "out")
    assert [name for name, rule in rules.items() if "alert" in rule] == []
    assert "slo:period_error_budget_remaining:ratio" in rules
