"""SLO009 and the PQL policies: exact findings (code, path, line, column, level, message) per case."""

from __future__ import annotations

import pytest

from policy_helpers import FIXTURES, lint_folder

NEVER = "is not below 100%, so the error ratio can never exceed it"


def test_slo009_findings_are_exact():
    findings = [f for f in lint_folder(FIXTURES / "SLO009" / "fail") if f.code == "SLO009"]
    assert [(f.path, f.line, f.column, f.severity.value, f.message) for f in findings] == [
        # 365d at 99%: the Workbook fast burn is 2% x 8760h / 1h = 175.2; 175.2 x 1% = 175.2% of events.
        ("services/checkout/slos.yaml", 6, 11, "error",
         f"burn-rate alert yearly_fast_burn (Workbook tier for a 365d window): its threshold 175.2 x 1% = 175.2% "
         f"of events {NEVER}"),
        # 1000 x (100 - 99.9)% = 100%: an error ratio is never above 1.
        ("services/checkout/slos.yaml", 16, 18, "error",
         f"burn-rate alert daily-fast-burn: its threshold 1000 x 0.1% = 100% of events {NEVER}"),
        ("services/checkout/slos.yaml", 23, 20, "error",
         "burn-rate alert daily-slow-burn: its long window 3d is longer than the SLO window 1d"),
    ]


GAUGE = "whose name does not end in _total, _count, _sum or _bucket; is it a gauge?"
NO_CONDITION = "its expr has no comparison (nor absent()), so it fires for every series it returns"
PQL_CASES = {
    "PQL001": [
        ("services/checkout/alerts.yaml", 7, 9, "error",
         "alert 'checkout-errors' expr is not valid PromQL: invalid promql query"),
        ("services/checkout/slis.yaml", 5, 18, "error",
         "SLI 'availability' prometheus.good_events is not valid PromQL: unclosed left parenthesis"),
        # rate() needs a range: the parser knows Prometheus' function signatures.
        ("services/checkout/slis.yaml", 12, 18, "error",
         "SLI 'latency' prometheus.error_ratio is not valid PromQL: expected type matrix in call to function "
         "'rate', got vector"),
    ],
    "PQL002": [
        ("services/checkout/alerts.yaml", 7, 9, "warning",
         f"alert 'checkout-queue-growing' expr: increase() over checkout_backlog, {GAUGE}"),
        ("services/checkout/alerts.yaml", 7, 9, "warning",
         f"alert 'checkout-queue-growing' expr: rate() over checkout_queue_depth, {GAUGE}"),
        ("services/checkout/slis.yaml", 5, 17, "warning",
         f"SLI 'availability' prometheus.bad_events: irate() over http_errors, {GAUGE}"),
    ],
    "PQL003": [
        # 2 scrapes x 1m = 2m; 1m and 119s are below it, 2m (the passing fixture) is not.
        ("services/checkout/slis.yaml", 5, 17, "warning",
         "SLI 'availability' prometheus.bad_events: rate() over [1m], shorter than 2 scrape intervals of 1m ([2m])"),
        ("services/checkout/slis.yaml", 6, 19, "warning",
         "SLI 'availability' prometheus.total_events: rate() over [119s], shorter than 2 scrape intervals of 1m "
         "([2m])"),
    ],
    "PQL004": [
        ("services/checkout/slis.yaml", 5, 18, "warning",
         "SLI 'availability': prometheus.good_events selects app_orders_placed but total_events selects "
         "lb_requests; count both with one metric"),
        ("services/checkout/slis.yaml", 12, 17, "warning",
         "SLI 'errors': prometheus.bad_events selects app_errors but total_events selects lb_requests; "
         "count both with one metric"),
    ],
    "PQL005": [
        ("services/checkout/alerts.yaml", 7, 9, "warning", f"alert 'checkout-errors': {NO_CONDITION}"),
        ("services/checkout/alerts.yaml", 16, 9, "warning", f"alert 'checkout-errors-bool': {NO_CONDITION}"),
    ],
}


@pytest.mark.parametrize("code", sorted(PQL_CASES))
def test_promql_findings_are_exact(code):
    findings = [f for f in lint_folder(FIXTURES / code / "fail") if f.code == code]
    got = sorted((f.path, f.line, f.column, f.severity.value, f.message) for f in findings)
    assert got == sorted(PQL_CASES[code])


def test_scrape_interval_option_moves_the_minimum_range(tmp_path):
    import shutil

    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "PQL003" / "pass", root)
    (root / "sre-docs.yaml").write_text("policies:\n  PQL003: {options: {scrape_interval: 30s, min_scrapes: 10}}\n")
    # 10 scrapes x 30s = 5m: the [2m] range is now too short, the [5m] one is not.
    findings = [f for f in lint_folder(root) if f.code == "PQL003"]
    assert [(f.line, f.column, f.message) for f in findings] == [
        (5, 17, "SLI 'availability' prometheus.bad_events: rate() over [2m], shorter than 10 scrape intervals of "
                "30s ([5m])")]


def test_placeholders_of_sre_docs_new_are_not_parsed(tmp_path):
    import shutil

    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "PQL005" / "pass", root)
    alerts = root / "services/checkout/alerts.yaml"
    alerts.write_text(alerts.read_text().replace(
        "expr: absent(up{job=\"checkout\"})", "expr: 'TODO: the PromQL expression that fires it'"))
    assert [f.code for f in lint_folder(root) if f.code.startswith("PQL")] == []
