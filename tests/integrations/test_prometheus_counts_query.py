"""How an SLI's rate query becomes a count per bucket, and the ``prometheus:`` settings in sre-docs.yaml."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sre_docs.integrations.prometheus_pull import CannotCount, counts_query
from sre_docs.lint.config import ConfigError, HeaderSetting, PrometheusSettings, load_config

DAY, HOUR = dt.timedelta(days=1), dt.timedelta(hours=1)


@pytest.mark.parametrize("query, step, expected", [
    ('sum(rate(http_requests_total{job="search",code=~"5.."}[5m]))', DAY,
     'sum(increase(http_requests_total{job="search",code=~"5.."}[1d]))'),
    ("sum(rate(checkout_orders_total[5m]))", HOUR, "sum(increase(checkout_orders_total[1h]))"),
    ("sum(increase(etl_reconciled_rows_total{result=\"match\"}[1d]))", HOUR,
     "sum(increase(etl_reconciled_rows_total{result=\"match\"}[1h]))"),
    # Freshness: minutes with a small lag are the events; the subquery keeps its one-minute resolution.
    ("sum(count_over_time((etl_table_lag_seconds < 1800)[5m:1m]))", DAY,
     "sum(count_over_time((etl_table_lag_seconds < 1800)[1d:1m]))"),
    ("sum(rate(a_total[{{.window}}]))", DAY, "sum(increase(a_total[1d]))"),
    # A rate( inside a label value is text, not a function.
    ('sum(rate(x_total{path="/rate(1)"}[5m]))', DAY, 'sum(increase(x_total{path="/rate(1)"}[1d]))'),
    ("sum(rate(a_total[5m])) + sum(rate(b_total[30s]))", DAY, "sum(increase(a_total[1d])) + sum(increase(b_total[1d]))"),
])
def test_counts_query(query: str, step: dt.timedelta, expected: str) -> None:
    assert counts_query(query, step) == expected


@pytest.mark.parametrize("query, message", [
    ("sum(irate(a_total[5m]))", "irate() is a rate at one instant"),
    ("sum(avg_over_time(a[5m]))", "every range selector must sit in rate(...)"),
    ("sum(a_total)", "every range selector must sit in rate(...)"),
    ("rate(a_total[5m]) / ignoring(x) sum_over_time(b[5m])", "every range selector must sit in rate(...)"),
])
def test_queries_that_cannot_count(query: str, message: str) -> None:
    with pytest.raises(CannotCount, match=message.replace("(", r"\(").replace(")", r"\)")):
        counts_query(query, DAY)


def _config(tmp_path: Path, text: str):
    (tmp_path / "sre-docs.yaml").write_text(text)
    return load_config(tmp_path)


def test_prometheus_settings(tmp_path: Path) -> None:
    config = _config(tmp_path, "prometheus:\n  url: https://prom.example.com/\n  timeout: 12.5\n"
                               "  headers:\n    Authorization: PROM_AUTH\n  tls_verify: false\n")
    assert config.prometheus == PrometheusSettings(
        url="https://prom.example.com/", timeout=12.5,
        headers=(HeaderSetting("Authorization", "PROM_AUTH", "sre-docs.yaml:5:20"),), tls_verify=False)
    assert _config(tmp_path, "today: 2026-11-26\n").prometheus == PrometheusSettings(None, 30.0, (), True)


@pytest.mark.parametrize("text, message", [
    ("prometheus: http://x\n", "sre-docs.yaml:1:13: prometheus must be a mapping of url, timeout, headers, tls_verify, rule_files"),
    ("prometheus:\n  url: prom:9090\n", "sre-docs.yaml:2:8: prometheus.url must be an http:// or https:// URL, got 'prom:9090'"),
    ("prometheus:\n  timeout: 0\n", "sre-docs.yaml:2:12: prometheus.timeout is seconds, above 0 and at most 3600, got 0"),
    ("prometheus:\n  tls_verify: 'no'\n", "sre-docs.yaml:2:15: prometheus.tls_verify must be true or false, got 'no'"),
    ("prometheus:\n  verify: false\n", "sre-docs.yaml:2:3: unknown setting 'verify' for prometheus; did you mean 'tls_verify'?"),
    ("prometheus:\n  headers:\n    Authorization: Bearer abc123\n",
     "sre-docs.yaml:3:20: prometheus.headers.Authorization names the environment variable that holds the value "
     "(like PROMETHEUS_TOKEN), never the value itself; got 'Bearer abc123'"),
    ("prometheus:\n  headers:\n    'Bad Header': X\n", "sre-docs.yaml:3:5: 'Bad Header' is not an HTTP header name"),
])
def test_bad_prometheus_settings(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        _config(tmp_path, text)
    assert str(caught.value) == f"invalid config: {message}"
