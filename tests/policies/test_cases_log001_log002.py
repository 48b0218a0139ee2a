"""LOG001 (log fields against the structured log standard) and LOG002 (RED and USE) case by case.

Every catalog entry below is::

    1 service:
    2   name: checkout                  (value at column 9)
    3   tier: standard
    4   owner_team: payments
    5   peak_rps: <n>                   (when given; value at column 13)
    .   observability:
    .     tracing: <bool>               (when given)
    .     structured_logging: <bool>    (when given; value at column 25)
    .     log_fields: [...]             (when given; value at column 17)
    .     monitoring_methods: [...]     (when given; value at column 25)

The standard's fields, in the guide's order: timestamp, level, service, trace_id, span_id, message, error_type,
error_message, http_method, http_path, http_status, duration_ms, environment, host, region.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policy_cases import Case, Expected, run_case

PATH = "services/checkout/service.yaml"
BASE = ["timestamp", "level", "service", "message", "error_type", "error_message", "environment", "host", "region"]
TRACE = ["trace_id", "span_id"]
REQUEST = ["http_method", "http_path", "http_status", "duration_ms"]


def service(*, rps: str | None = None, tracing: str | None = None, logging: str | None = None,
            fields: list[str] | None = None, methods: str | None = None, alert: str | None = None) -> dict[str, str]:
    lines = ["service:", "  name: checkout", "  tier: standard", "  owner_team: payments"]
    if rps is not None:
        lines.append(f"  peak_rps: {rps}")
    obs = [(k, v) for k, v in (("tracing", tracing), ("structured_logging", logging),
                               ("log_fields", None if fields is None else "[" + ", ".join(fields) + "]"),
                               ("monitoring_methods", methods)) if v is not None]
    if obs:
        lines.append("  observability:")
        lines += [f"    {k}: {v}" for k, v in obs]
    files = {PATH: "\n".join(lines) + "\n"}
    if alert is not None:
        files["services/checkout/alerts.yaml"] = (
            f"alert:\n  name: checkout-{alert}\n  service: checkout\n  severity: P2\n  signal: {alert}\n"
            "  condition: fires\n  notify: ticket\n  runbook: https://runbooks.example.com/x\n  last_reviewed: 2026-11-20\n")
    return files


def error(code: str, line: int, column: int, message: str) -> Expected:
    return Expected(code, PATH, line, column, "error", message)


def missing(line: int, names: list[str]) -> Expected:
    return error("LOG001", line, 17, f"log_fields of checkout miss {len(names)} field(s) of the structured log "
                                     f"standard: {', '.join(names)}")


LOG001 = [
    Case("the base fields, no tracing, no requests", service(logging="true", fields=BASE)),
    Case("the base fields in any order, extra fields welcome", service(fields=[*reversed(BASE), "customer_id"])),
    Case("no structured logging and no fields: nothing to check", service(logging="false")),
    Case("no observability at all", service(rps="1200")),
    Case("structured logging on, no fields: at the switch, all the base fields named",
         service(logging="true"), (error("LOG001", 6, 25, "service checkout turns structured_logging on but lists no "
                                         f"log_fields; the structured log standard asks for {', '.join(BASE)}"),)),
    Case("tracing on asks for trace_id and span_id", service(tracing="true", logging="true", fields=BASE),
         (missing(8, TRACE),)),
    Case("requests ask for the HTTP fields and the duration", service(rps="1200", logging="true", fields=BASE),
         (missing(8, REQUEST),)),
    Case("peak_rps 0 asks for no request fields", service(rps="0", logging="true", fields=BASE)),
    Case("tracing and requests: all 15 fields", service(rps="1200", tracing="true", logging="true",
                                                        fields=[*BASE, *TRACE, *REQUEST])),
    Case("missing fields listed in the standard's order", service(rps="5", tracing="true", logging="true",
                                                                   fields=["host", "level", "message"]),
         (missing(9, ["timestamp", "service", "trace_id", "span_id", "error_type", "error_message", "http_method",
                      "http_path", "http_status", "duration_ms", "environment", "region"]),)),
    Case("fields listed without the switch are still checked", service(fields=["timestamp"]),
         (missing(6, BASE[1:]),)),
]


def red(line: int, column: int, rps: str = "1200") -> Expected:
    return error("LOG002", line, column, f"service checkout: it takes requests (peak_rps {rps}) but does not track "
                                         "RED (rate, errors and duration of every service)")


def use(line: int, column: int) -> Expected:
    return error("LOG002", line, column, "service checkout: it has a saturation alert (checkout-saturation) but does "
                                         "not track USE (utilisation, saturation and errors of every resource)")


LOG002 = [
    Case("requests and RED", service(rps="1200", methods="[RED]")),
    Case("requests, a saturation alert, RED and USE", service(rps="1200", methods="[RED, USE]", alert="saturation")),
    Case("requests without RED: at monitoring_methods", service(rps="1200", methods="[USE]"), (red(7, 25),)),
    Case("requests and no methods at all: at peak_rps", service(rps="1200"), (red(5, 13),)),
    Case("a fractional rate", service(rps="0.5", methods="[]"), (red(7, 25, "0.5"),)),
    Case("a saturation alert without USE", service(rps="1200", methods="[RED]", alert="saturation"), (use(7, 25),)),
    Case("both missing, no peak_rps: at the name", service(alert="saturation"), (use(2, 9),)),
    Case("an errors alert asks for no USE", service(methods="[RED]", rps="10", alert="errors")),
    Case("RED with no requests", service(rps="0", methods="[RED]"),
         (error("LOG002", 7, 25, "service checkout: it tracks RED but takes no requests (peak_rps 0): RED has nothing "
                                 "to measure; track USE"),)),
    Case("RED and USE with no requests is fine", service(rps="0", methods="[RED, USE]")),
    Case("nothing known: not judged", service()),
]


@pytest.mark.parametrize("case", LOG001, ids=str)
def test_log001(tmp_path: Path, case: Case) -> None:
    assert run_case(tmp_path, "LOG001", case) == sorted(case.expected)


@pytest.mark.parametrize("case", LOG002, ids=str)
def test_log002(tmp_path: Path, case: Case) -> None:
    assert run_case(tmp_path, "LOG002", case) == sorted(case.expected)
