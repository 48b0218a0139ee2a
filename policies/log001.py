"""A service's log fields do not meet the structured log standard.

## What it checks

A service whose catalog turns `observability.structured_logging` on, or lists
`observability.log_fields`, must list every field the guide's structured log standard asks
of it:

- always: `timestamp`, `level`, `service`, `message`, `error_type`, `error_message`,
  `environment`, `host`, `region` (option `required_fields`);
- when the catalog turns `tracing` on: `trace_id`, `span_id` (option `trace_fields`);
- when the service takes requests (`peak_rps` above 0): `http_method`, `http_path`,
  `http_status`, `duration_ms` (option `request_fields`).

The domain fields of the guide's example (`customer_id`, `payment_id`, `amount_cents`,
`retry_count`) are the payment service's own and are not required. Reported: structured
logging switched on with no `log_fields` (at the switch), or the fields that are missing
(at `log_fields`, in the standard's order).

`sre-docs prr`'s evidence for "Structured logging implemented" (PRR002) calls the same
predicate (`missing_log_fields`), so a review cannot pass the check while this policy fails.

## Why it matters

At 3 a.m. the responder searches logs by service, level and trace id, and joins them to a
request by path and status. A log line without `trace_id` cannot be followed across
services; one without `duration_ms` cannot show which requests were slow. "Structured
logging: true" says nothing until the fields are agreed.

## Failing example

```yaml
# file: services/checkout/service.yaml
service:
  name: checkout
  tier: critical
  owner_team: payments
  peak_rps: 1200
  observability:
    tracing: true
    structured_logging: true
    log_fields: [timestamp, level, service, message, error_type, error_message, environment, host, region]
```

## Passing example

```yaml
# file: services/checkout/service.yaml
service:
  name: checkout
  tier: critical
  owner_team: payments
  peak_rps: 1200
  observability:
    tracing: true
    structured_logging: true
    log_fields: [timestamp, level, service, trace_id, span_id, message, error_type, error_message, http_method, http_path, http_status, duration_ms, environment, host, region]
```

## Options

- `required_fields` (list): fields every service's logs carry.
- `trace_fields` (list, default `[trace_id, span_id]`): required when tracing is on.
- `request_fields` (list, default `[http_method, http_path, http_status, duration_ms]`):
  required when the service takes requests.

## How to fix

Add the fields to the service's log encoder, then list them in `observability.log_fields`.

## References

- Guide, Phase 4: *Structured Log Standard*.
- Guide, Phase 11: *Production Readiness Review Checklist* (structured logging implemented).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from sre_docs.lint.policy import LintRepo, Option, Problem, problem
from sre_docs.model.repository import Service
from sre_docs.policies._common import number

ID = "LOG001"
NAME = "log-fields"
LEVEL = "error"
READS = "service"
REQUIRED_FIELDS = ["timestamp", "level", "service", "message", "error_type", "error_message", "environment", "host",
                   "region"]
TRACE_FIELDS = ["trace_id", "span_id"]
REQUEST_FIELDS = ["http_method", "http_path", "http_status", "duration_ms"]
#: The structured log standard's order, so missing fields are listed as the guide lists them.
_ORDER = ["timestamp", "level", "service", "trace_id", "span_id", "message", "error_type", "error_message",
          "http_method", "http_path", "http_status", "duration_ms", "environment", "host", "region"]
OPTIONS = {
    "required_fields": Option(REQUIRED_FIELDS, "Fields every service's logs carry."),
    "trace_fields": Option(TRACE_FIELDS, "Fields required when the catalog turns tracing on."),
    "request_fields": Option(REQUEST_FIELDS, "Fields required when the service takes requests (peak_rps above 0)."),
}


def observability(service: Service) -> dict[str, Any]:
    block = service.catalog.get("observability") if service.catalog is not None else None
    return block if isinstance(block, dict) else {}


def takes_requests(service: Service) -> bool:
    """The service serves requests: its catalog gives a ``peak_rps`` above 0 (LOG001's request fields, LOG002's RED)."""
    rps = number(service.catalog.get("peak_rps")) if service.catalog is not None else None
    return rps is not None and rps > 0


def missing_log_fields(service: Service, *, required: Sequence[str] = REQUIRED_FIELDS,
                       trace: Sequence[str] = TRACE_FIELDS, request: Sequence[str] = REQUEST_FIELDS) -> list[str]:
    """The standard's fields the service's ``log_fields`` lack, in the standard's order (all of them when none are listed)."""
    obs = observability(service)
    listed = {f for f in obs.get("log_fields") or [] if isinstance(f, str)}
    wanted = list(required) + (list(trace) if obs.get("tracing") is True else []) + \
        (list(request) if takes_requests(service) else [])
    missing = [f for f in dict.fromkeys(wanted) if f not in listed]
    return sorted(missing, key=lambda f: _ORDER.index(f) if f in _ORDER else len(_ORDER))


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    for name, service in repo.services.items():
        obs = observability(service)
        if service.catalog is None or (obs.get("structured_logging") is not True and obs.get("log_fields") is None):
            continue
        missing = missing_log_fields(service, required=options["required_fields"], trace=options["trace_fields"],
                                     request=options["request_fields"])
        if obs.get("log_fields") is None:
            yield problem(service.catalog, "observability", "structured_logging", message=f"service {name} turns "
                          f"structured_logging on but lists no log_fields; the structured log standard asks for "
                          f"{', '.join(missing)}")
        elif missing:
            yield problem(service.catalog, "observability", "log_fields", message=f"log_fields of {name} miss "
                          f"{len(missing)} field(s) of the structured log standard: {', '.join(missing)}")
