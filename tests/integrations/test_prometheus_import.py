"""import prometheus: alerting rules a team already runs become alert documents, every guess reported."""

from __future__ import annotations

from pathlib import Path

import yaml

from integration_helpers import SMALL_REPO, write_repo
from sre_docs.cli import main
from sre_docs.findings import Severity
from sre_docs.integrations.prometheus_import import import_rules, severity_of

RULES = """\
groups:
  - name: checkout
    rules:
      - record: job:http_requests:rate5m
        expr: sum by (job) (rate(http_requests_total[5m]))
      - alert: CheckoutHighErrorRate
        expr: sum(rate(http_requests_total{job="checkout",code=~"5.."}[5m])) > 0.02
        for: 10m
        labels:
          severity: critical
          team: payments
        annotations:
          summary: More than 2% of checkout requests fail
          runbook_url: https://wiki.example.com/checkout/errors
      - alert: CheckoutQueueBacklog
        expr: sum(checkout_queue_jobs{job="checkout"}) > 100
        labels:
          severity: sometimes
          job: checkout
"""


def test_alerting_rules_become_alert_documents_with_every_guess_reported():
    result = import_rules([("rules.yaml", RULES.encode())], service="checkout")
    assert result.recording_rules == 1
    assert result.alerts == {"checkout": [
        {"name": "CheckoutHighErrorRate", "service": "checkout", "severity": "P0", "signal": "errors",
         "condition": "More than 2% of checkout requests fail",
         "expr": 'sum(rate(http_requests_total{job="checkout",code=~"5.."}[5m])) > 0.02', "for": "10m",
         "notify": "page", "runbook": "https://wiki.example.com/checkout/errors"},
        {"name": "CheckoutQueueBacklog", "service": "checkout", "severity": "P2", "signal": "saturation",
         "condition": 'sum(checkout_queue_jobs{job="checkout"}) > 100 returns a series',
         "expr": 'sum(checkout_queue_jobs{job="checkout"}) > 100', "notify": "ticket",
         "runbook": "runbooks/CheckoutQueueBacklog.yaml"},
    ]}
    assert [(f.code, f.severity.value, f.line, f.column, f.message) for f in result.findings] == [
        ("PRM023", "info", 6, 16, "alert 'CheckoutHighErrorRate': label team not kept (an alert document has no "
                                  "place for them)"),
        ("PRM021", "info", 7, 15, "alert 'CheckoutHighErrorRate': signal guessed from its expression: errors"),
        ("PRM020", "warning", 15, 16, "alert 'CheckoutQueueBacklog': severity 'sometimes' is not a level of the "
                                      "guide; written as P2 (ticket)"),
        ("PRM022", "warning", 15, 16, "alert 'CheckoutQueueBacklog' has no runbook_url; write "
                                      "services/checkout/runbooks/CheckoutQueueBacklog.yaml (every alert needs a "
                                      "runbook)"),
        ("PRM021", "info", 16, 15, "alert 'CheckoutQueueBacklog': signal guessed from its expression: saturation"),
    ]


def test_an_alert_without_any_service_is_an_error():
    result = import_rules([("rules.yaml", RULES.encode())])
    assert [(f.code, f.line, f.column, f.message) for f in result.findings if f.severity is Severity.ERROR] == [
        ("PRM010", 6, 16, "alert 'CheckoutHighErrorRate': no service (no sre_docs_service, service or job label); "
                          "pass --service")]
    assert result.failed


def test_severity_labels():
    # The guide's own names and ids first, then the common words.
    assert [severity_of({"severity": s}) for s in ("page", "P1", "urgent", "ticket", "log", "critical", "high",
                                                    "warning", "info", "bogus")] == [
        "P0", "P1", "P1", "P2", "P3", "P0", "P1", "P2", "P3", None]
    assert severity_of({"sre_docs_priority": "P1", "severity": "page"}) == "P1"


def test_not_a_rule_file():
    result = import_rules([("x.yaml", b"alert: x\n"), ("y.yaml", b"groups:\n  - name: g\n    rules: 3\n")])
    assert [(f.path, f.code, f.line, f.column) for f in result.findings] == [
        ("x.yaml", "PRM001", 1, 1), ("y.yaml", "PRM002", 2, 5)]


def test_export_then_import_gives_the_alert_documents_back_and_skips_the_slo_rules(tmp_path):
    files = dict(SMALL_REPO)
    files["services/checkout/alerts.yaml"] = """\
alert:
  name: checkout-queue-backlog
  service: checkout
  severity: P2
  signal: saturation
  condition: More than 100 jobs waiting for 10 minutes
  expr: sum(checkout_queue_jobs_waiting) > 100
  for: 10m
  notify: ticket
  runbook: https://wiki.example.com/queue
  description: Jobs wait; emails go out late.
"""
    root = write_repo(tmp_path / "repo", files)
    out = tmp_path / "rules"
    assert main(["export", "prometheus", "--root", str(root), "--out", str(out), "--site-url", "https://x.example/"]) == 0
    sources = [(p.name, p.read_bytes()) for p in sorted(out.iterdir())]
    result = import_rules(sources)
    assert result.alerts == {"checkout": [yaml.safe_load(files["services/checkout/alerts.yaml"])["alert"]]}
    assert result.exported_by_sre_docs == 6  # 2 declared + 4 Workbook burn-rate alerts, generated from SLOs
    assert not result.failed


def test_cli_writes_checks_and_never_overwrites(tmp_path, capsys):
    rules = tmp_path / "rules.yaml"
    rules.write_text(RULES)
    root = tmp_path / "repo"
    root.mkdir()
    assert main(["import", "prometheus", str(rules), "--root", str(root)]) == 1  # no service for one alert
    assert "nothing written" in capsys.readouterr().err and not (root / "services").exists()
    assert main(["import", "prometheus", str(rules), "--root", str(root), "--service", "checkout", "--check"]) == 0
    assert not (root / "services").exists()
    assert main(["import", "prometheus", str(rules), "--root", str(root), "--service", "checkout"]) == 0
    written = root / "services/checkout/prometheus-alerts.yaml"
    assert [d["alert"]["name"] for d in yaml.safe_load_all(written.read_text())] == [
        "CheckoutHighErrorRate", "CheckoutQueueBacklog"]
    written.write_text("# edited by hand\n")
    capsys.readouterr()
    assert main(["import", "prometheus", str(rules), "--root", str(root), "--service", "checkout"]) == 1
    assert "use --force" in capsys.readouterr().err
    assert written.read_text() == "# edited by hand\n"
    assert main(["import", "prometheus", str(rules), "--root", str(root), "--service", "checkout", "--force"]) == 0
    assert "CheckoutQueueBacklog" in written.read_text()
    assert Path(written).is_file()


DEPLOYED = Path(__file__).parent / "fixtures" / "deployed" / "checkout-platform.rules.yaml"


def test_the_example_lints_clean_with_a_deployed_rule_file(capsys):
    """Rules deployed beside the example's checkout: one links a runbook page of the handbook from the site root
    (the example sets no site_url), the other has the name of an alert document. Neither is an ALR finding."""
    import json

    from integration_helpers import example_root

    main(["lint", "--root", str(example_root()), "--rules", str(DEPLOYED), "--format", "json"])
    codes = [f["code"] for f in json.loads(capsys.readouterr().out)["findings"]]
    assert [c for c in codes if c.startswith("ALR")] == []


def test_the_deployed_rules_lint_checks_import_with_links_to_their_runbooks_and_no_duplicates():
    """The same file imported: the page link becomes a link to the runbook's file, and the alert the repo has
    already is left out."""
    from integration_helpers import example_root
    from sre_docs.integrations.prometheus_import import KnownRepo
    from sre_docs.loading.site_settings import SiteSettings
    from sre_docs.model.repository import load_repository

    path = "checkout-platform.rules.yaml"
    known = KnownRepo(load_repository(example_root()), SiteSettings(None))
    result = import_rules([(path, DEPLOYED.read_bytes())], known=known)
    assert [(f.code, f.line, f.column, f.message) for f in result.findings] == [
        ("PRM021", 8, 15, "alert 'CheckoutDbPoolNearlyFull': signal guessed from its expression: saturation"),
        ("PRM024", 15, 16, "alert 'checkout-high-latency' is already an alert document of services/checkout/ "
                           "(services/checkout/alerts.yaml:2); not imported again"),
    ]
    [alert] = result.alerts["checkout"]
    # The page /services/checkout/runbooks/checkout-db-pool-saturation/ is built from
    # services/checkout/runbooks/db-pool-saturation.yaml: the alert file beside runbooks/ links it as written here.
    assert alert["runbook"] == "runbooks/db-pool-saturation.yaml"
    # Without the repo, the same rule's relative URL is no runbook at all.
    alone = import_rules([(path, DEPLOYED.read_bytes())])
    assert [f.message for f in alone.findings if f.code == "PRM022"][0] == (
        "alert 'CheckoutDbPoolNearlyFull' has runbook_url '/services/checkout/runbooks/checkout-db-pool-saturation/', "
        "which is neither an http(s) URL nor a runbook page of the repo; write "
        "services/checkout/runbooks/CheckoutDbPoolNearlyFull.yaml (every alert needs a runbook)")
