"""PQL001-PQL005 (PromQL in SLIs and alerts: syntax, rate over a gauge, a range too short, one metric family,
an alert that always fires), case by case.

An SLI written by ``sli()`` (services/checkout/slis.yaml)::

    1 sli:
    2   name: availability
    3   type: availability
    4   prometheus:
    5     good_events: ...      (value at column 18)
    6     total_events: ...     (value at column 19)

An alert written by ``alert()`` (services/checkout/alerts.yaml) has its ``expr`` on line 7, value at column 9.
Queries are quoted as YAML single-quoted strings, so their text is what the case shows.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from policy_cases import Case, Expected, run_case
from sre_docs.lint.promql import Parsed, parse

SLIS = "services/checkout/slis.yaml"
ALERTS = "services/checkout/alerts.yaml"
SERVICE = {"services/checkout/service.yaml": "service:\n  name: checkout\n  tier: standard\n  owner_team: payments\n",
           "org/teams.yaml": "team:\n  name: payments\n"}
GOOD = 'sum(rate(http_requests_total{code!~"5.."}[5m]))'
TOTAL = "sum(rate(http_requests_total[5m]))"


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def sli(good: str = GOOD, total: str = TOTAL) -> dict[str, str]:
    return {**SERVICE, SLIS: ("sli:\n  name: availability\n  type: availability\n  prometheus:\n"
                              f"    good_events: {_quoted(good)}\n    total_events: {_quoted(total)}\n")}


def alert(expr: str) -> dict[str, str]:
    return {**SERVICE, ALERTS: ("alert:\n  name: checkout-errors\n  service: checkout\n  severity: P1\n  signal: errors\n"
                                f"  condition: Errors\n  expr: {_quoted(expr)}\n  runbook: https://wiki.example/errors\n")}


def good(code: str, level: str, message: str) -> Expected:
    return Expected(code, SLIS, 5, 18, level, message)


def expr(code: str, level: str, message: str) -> Expected:
    return Expected(code, ALERTS, 7, 9, level, message)


GOOD_LABEL = "SLI 'availability' prometheus.good_events"
EXPR_LABEL = "alert 'checkout-errors' expr"

PQL001_CASES = [
    Case("valid queries", sli()),
    Case("the window placeholder parses as 5m", sli(total="sum(rate(http_requests_total[{{.window}}]))")),
    Case("an unclosed parenthesis in an SLI", sli(good='sum(rate(http_requests_total{code!~"5.."}[5m])'),
         (good("PQL001", "error", f"{GOOD_LABEL} is not valid PromQL: unclosed left parenthesis"),)),
    # The parser gives no detail for a trailing operator; its message is passed on as it is.
    Case("a comparison with nothing on its right", alert('sum(rate(http_requests_total{code=~"5.."}[5m])) >'),
         (expr("PQL001", "error", f"{EXPR_LABEL} is not valid PromQL: invalid promql query"),)),
]

PQL002_CASES = [
    Case("rate over counters", sli()),
    Case("rate over a gauge", sli(good="sum(rate(queue_depth[5m]))"),
         (good("PQL002", "warning", f"{GOOD_LABEL}: rate() over queue_depth, whose name does not end in _total, "
                                    "_count, _sum or _bucket; is it a gauge?"),)),
    Case("increase over a histogram bucket is fine", sli(good='sum(increase(latency_seconds_bucket{le="0.3"}[5m]))',
                                                         total="sum(increase(latency_seconds_count[5m]))")),
]

PQL003_CASES = [
    Case("5m is five scrapes of 1m", sli()),
    Case("2m is exactly two scrapes: enough", sli(good='sum(rate(http_requests_total{code!~"5.."}[2m]))')),
    Case("1m is one scrape", sli(good='sum(rate(http_requests_total{code!~"5.."}[1m]))'),
         (good("PQL003", "warning", f"{GOOD_LABEL}: rate() over [1m], shorter than 2 scrape intervals of 1m ([2m])"),)),
    Case("a 30s scrape interval makes 1m enough", sli(good='sum(rate(http_requests_total{code!~"5.."}[1m]))'),
         config="policies:\n  PQL003: {options: {scrape_interval: 30s}}\n"),
]

PQL004_CASES = [
    Case("good and total from one metric", sli()),
    # Families are named without the counter's _total suffix (http_requests_total is family http_requests).
    Case("good from another metric than total", sli(good="sum(rate(checkout_orders_ok_total[5m]))"),
         (Expected("PQL004", SLIS, 5, 18, "warning",
                   "SLI 'availability': prometheus.good_events selects checkout_orders_ok but total_events "
                   "selects http_requests; count both with one metric"),)),
    Case("a histogram's bucket and count are one family",
         sli(good='sum(rate(latency_seconds_bucket{le="0.3"}[5m]))', total="sum(rate(latency_seconds_count[5m]))")),
]

PQL005_CASES = [
    Case("a threshold", alert('sum(rate(http_requests_total{code=~"5.."}[5m])) > 1')),
    Case("absent() needs no comparison", alert("absent(up{job=\"checkout\"})")),
    Case("no comparison", alert('sum(rate(http_requests_total{code=~"5.."}[5m]))'),
         (expr("PQL005", "warning", "alert 'checkout-errors': its expr has no comparison (nor absent()), so it fires "
                                    "for every series it returns"),)),
]


@pytest.mark.parametrize(("code", "case"), [
    *(("PQL001", case) for case in PQL001_CASES), *(("PQL002", case) for case in PQL002_CASES),
    *(("PQL003", case) for case in PQL003_CASES), *(("PQL004", case) for case in PQL004_CASES),
    *(("PQL005", case) for case in PQL005_CASES),
], ids=lambda value: str(value))
def test_promql_policies(tmp_path: Path, code: str, case: Case) -> None:
    assert run_case(tmp_path, code, case) == sorted(case.expected)


# What one parse keeps of a query for all five policies, worked out by reading each query.
FACTS = [
    ("rate over a gauge, a short range, no condition",
     "rate(queue_depth[1m])",
     Parsed(None, (("rate", "queue_depth"),), (("rate", timedelta(minutes=1)),), frozenset({"queue_depth"}), False)),
    ("histogram bucket and count: one family; a comparison filters",
     "histogram_quantile(0.99, sum(rate(latency_seconds_bucket[5m])) by (le)) > 0.3 "
     "and sum(increase(latency_seconds_count[1h])) > 0",
     Parsed(None, (), (("rate", timedelta(minutes=5)), ("increase", timedelta(hours=1))),
            frozenset({"latency_seconds"}), True)),
    ("a bool comparison does not filter; {{.window}} reads as 5m",
     "sum(rate(errors_total[{{.window}}])) > bool 0",
     Parsed(None, (), (("rate", timedelta(minutes=5)),), frozenset({"errors"}), False)),
    ("absent() filters; a rate inside a subquery is still read",
     "absent(up{job='api'}) or max_over_time(rate(x_total[1m])[10m:1m]) > 1",
     Parsed(None, (), (("rate", timedelta(minutes=1)),), frozenset({"up", "x"}), True)),
]


@pytest.mark.parametrize(("text", "expected"), [case[1:] for case in FACTS], ids=[case[0] for case in FACTS])
def test_one_parse_keeps_what_the_policies_read(text: str, expected: Parsed) -> None:
    assert parse(text) == expected


def test_a_syntax_error_keeps_the_parser_message_and_no_facts() -> None:
    parsed = parse("rate(x_total)")
    assert parsed.error is not None and "expected type matrix" in parsed.error
    assert (parsed.counter_rates, parsed.rate_ranges, parsed.families, parsed.filters) == ((), (), frozenset(), False)
