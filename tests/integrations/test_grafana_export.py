"""`sre-docs export grafana`: dashboards in Grafana's own model, querying only the rules `export prometheus` writes."""

from __future__ import annotations

import json
from pathlib import Path

import promql_parser
import pytest
from grafana_foundation_sdk.cog.encoder import JSONEncoder
from grafana_foundation_sdk.models.dashboard import Dashboard

from integration_helpers import example_root
from sre_docs.cli import main
from sre_docs.integrations.grafana import grafana_dashboards
from sre_docs.integrations.handbook_links import HandbookLinks, SiteSettings
from sre_docs.integrations.prometheus import prometheus_rules
from sre_docs.lint.promql import metric_name
from sre_docs.model.repository import load_repository


@pytest.fixture(scope="module")
def exported():
    repo = load_repository(example_root())
    rules = prometheus_rules(repo, HandbookLinks(repo, SiteSettings("https://sre.example.com/")))
    return rules, grafana_dashboards(repo, rules)


def _targets(board: dict) -> list[dict]:
    return [t for panel in board["panels"] for t in panel.get("targets", [])]


def _selectors(expr: str) -> list:
    found: list = []
    promql_parser.walk(promql_parser.parse(expr), found.append)
    return [node for node in found if isinstance(node, promql_parser.VectorSelector)]


def test_every_dashboard_is_grafanas_dashboard_model(exported):
    """The library reads each file back into its typed model and writes the same JSON: no field it does not know."""
    rules, dashboards = exported
    assert sorted(dashboards.files) == sorted(rules.files)  # every example service has SLO rules
    for service, text in dashboards.files.items():
        data = json.loads(text)
        again = json.loads(json.dumps(Dashboard.from_json(data), cls=JSONEncoder))
        assert again == data, service
        ids = [panel["id"] for panel in data["panels"]]
        assert ids == list(range(1, len(ids) + 1))
        assert {panel["type"] for panel in data["panels"]} <= {"row", "stat", "timeseries", "table"}
        assert data["uid"] == f"sre-docs-{service}" and len(data["uid"]) <= 40
        assert [v["name"] for v in data["templating"]["list"]] == ["datasource"]
        assert all(t["datasource"] == {"type": "prometheus", "uid": "${datasource}"} for t in _targets(data))


def test_every_query_reads_series_that_export_prometheus_records(exported):
    """Each selector names a recording rule of the service's exported file and matches its labels exactly
    (ALERTS, Prometheus' own series of firing alerts, is the one exception)."""
    rules, dashboards = exported
    for service, text in dashboards.files.items():
        recorded = [(r["record"], r.get("labels", {})) for g in rules.files[service]["groups"] for r in g["rules"]
                    if "record" in r]
        for target in _targets(json.loads(text)):
            for node in _selectors(target["expr"]):
                name = metric_name(node)
                wanted = {m.name: m.value for m in node.matchers.matchers if str(m.op) == "MatchOp.Equal"}
                if name == "ALERTS":
                    assert wanted == {"alertstate": "firing", "sre_docs_service": service}
                    continue
                assert any(record == name and all(labels.get(k) == v for k, v in wanted.items())
                           for record, labels in recorded), f"{service}: {name}{wanted} is not recorded"


def test_the_checkout_availability_row(exported):
    """checkout-availability: 99.95% over 28d (4w), with three declared alerts: 1h/5m and 6h/30m (page),
    3d/6h (ticket), so five error-ratio windows (6h is shared), shortest first."""
    _, dashboards = exported
    board = json.loads(dashboards.files["checkout"])
    titles = [panel["title"] for panel in board["panels"]]
    start = titles.index("SLO checkout-availability: 99.95% over 4w")
    sli, budget, series, burn = board["panels"][start + 1:start + 5]
    match = '{sre_docs_service="checkout", sre_docs_slo="checkout-availability"}'
    assert sli["title"] == "SLI over 4w"
    assert sli["targets"][0]["expr"] == f"1 - slo:sli_error:ratio_rate4w{match}"
    # The objective 99.95% is the ratio 0.9995: below it the SLI turns red.
    assert sli["fieldConfig"]["defaults"]["thresholds"]["steps"] == [
        {"color": "red", "value": None}, {"color": "green", "value": 0.9995}]
    assert budget["targets"][0]["expr"] == f"slo:period_error_budget_remaining:ratio{match}"
    assert series["targets"][0]["expr"] == f"1 - slo:sli_error:ratio_rate5m{match}"
    assert [t["legendFormat"] for t in burn["targets"]] == ["5m", "30m", "1h", "6h", "3d", "4w (whole window)"]
    on = "on(sre_docs_id, sre_docs_service, sre_docs_slo) group_left"
    assert burn["targets"][2]["expr"] == f"slo:sli_error:ratio_rate1h{match}\n/ {on}\nslo:error_budget:ratio{match}"
    assert titles[-2:] == ["Alerts", "Alerts firing"]


def test_cli_writes_a_file_per_service_and_a_json_array_on_stdout(tmp_path: Path, capsys):
    out = tmp_path / "dashboards"
    assert main(["export", "grafana", "--root", str(example_root()), "--out", str(out)]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert "checkout.json" in names and len(names) == 10
    assert "EXP004" not in capsys.readouterr().err  # runbook links are the rules' concern, not the dashboards'
    assert main(["export", "grafana", "--root", str(example_root()), "--service", "checkout"]) == 0
    boards = json.loads(capsys.readouterr().out)
    assert [b["uid"] for b in boards] == ["sre-docs-checkout"]


def test_no_dashboard_when_the_rules_are_refused(tmp_path: Path, capsys):
    """An SLO whose alert could never fire stops `export prometheus`; the dashboards over those rules stop too."""
    folder = tmp_path / "services" / "svc"
    folder.mkdir(parents=True)
    (folder / "slis.yaml").write_text(
        "sli:\n  name: availability\n  service: svc\n  type: availability\n  description: ok\n"
        "  prometheus:\n    bad_events: sum(rate(errors_total[5m]))\n    total_events: sum(rate(requests_total[5m]))\n")
    (folder / "slos.yaml").write_text("slo:\n  service: svc\n  sli: availability\n  target: 99\n  window: 365d\n")
    out = tmp_path / "out"
    assert main(["export", "grafana", "--root", str(tmp_path), "--out", str(out)]) == 1
    assert not out.exists()
    assert "EXP005" in capsys.readouterr().err
