"""PromQL in the repo, parsed once: where each query sits, its syntax tree, and what pint would say of it.

The parser is ``promql-parser`` (GreptimeDB's Rust port of Prometheus' own parser, with
Python bindings): it knows Prometheus' grammar and function signatures, so ``rate(x)``
(a vector where a range is needed) is an error here exactly as it is for Prometheus.
Its error messages carry no position, so a syntax error is reported at the start of the
string that holds the query.

The strings: every non-empty value of an SLI's ``prometheus:`` block and every alert's
``expr``, except the ``TODO: …`` placeholders that ``sre-docs new`` writes (they are listed
as still to fill in, and ``export prometheus`` refuses them). The ``{{.window}}`` placeholder of OpenSLO and Sloth queries stands for the
window the export substitutes, so it is read as ``[5m]``.

The checks below are pure functions of the tree's nodes, worked out once per query (``parse``) for the PQL
policies:

* counter functions (``rate``, ``irate``, ``increase``) over a metric whose name does not
  end in ``_total``, ``_count``, ``_sum`` or ``_bucket`` (Prometheus' and OpenMetrics'
  counter suffixes): most likely a gauge, whose drops ``rate()`` reads as counter resets;
* ranges of the per-second and change functions (``rate``, ``irate``, ``increase``,
  ``delta``, ``idelta``, ``deriv``) shorter than a minimum: with fewer than two samples in
  the range they return nothing;
* the metric families a query selects (``http_request_duration_seconds`` for
  ``…_bucket`` and ``…_count``), so an SLI's good and total events can be compared;
* whether an alert's expression has a condition at all (a comparison that filters, or
  ``absent()``): without one it fires for every series that exists.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache
from typing import Any, TypeGuard

import promql_parser

from sre_docs.model.repository import Document, Service
from sre_docs.schemas.markers import TODO, is_todo

WINDOW_PLACEHOLDER = re.compile(r"\{\{\s*\.window\s*\}\}")
SLI_QUERIES = ("good_events", "bad_events", "total_events", "error_ratio")
COUNTER_FUNCTIONS = frozenset({"rate", "irate", "increase"})
RANGE_FUNCTIONS = frozenset({"rate", "irate", "increase", "delta", "idelta", "deriv"})
COUNTER_SUFFIXES = ("_total", "_count", "_sum", "_bucket")
COMPARISONS = frozenset({"==", "!=", ">", "<", ">=", "<="})
ABSENT_FUNCTIONS = frozenset({"absent", "absent_over_time"})


#: How ``sre-docs new`` marks a value still to be written (TODO001 reports it; the PQL policies skip it).
PLACEHOLDER = TODO


def is_placeholder(text: object) -> bool:
    """A value still to be written: the scaffold's TODO marker (``sre_docs.schemas.markers.is_todo``, one rule for
    TODO001, ALR008 and the commands). ALR008 reports such an ``expr``; the PQL checks leave it alone, so a
    placeholder is one finding, not a syntax error as well."""
    return is_todo(text)


def is_query(text: object) -> TypeGuard[str]:
    """A string to parse as PromQL: not empty and not a placeholder."""
    return isinstance(text, str) and bool(text.strip()) and not is_placeholder(text)


@dataclass(frozen=True)
class Query:
    """One PromQL string of the repo: the document and key path that hold it, and its text."""

    doc: Document
    path: tuple[str, ...]
    text: str
    label: str  # "SLI 'x' prometheus.good_events" or "alert 'y' expr", for messages


def queries(service: Service) -> Iterator[Query]:
    """Every PromQL string of a service: its SLIs' prometheus queries, then its alerts' expressions."""
    for sli in service.slis:
        block = sli.get("prometheus")
        if isinstance(block, dict):
            for key in SLI_QUERIES:
                text = block.get(key)
                if is_query(text):
                    yield Query(sli, ("prometheus", key), text, f"SLI {sli.get('name')!r} prometheus.{key}")
    for alert in service.alerts:
        text = alert.get("expr")
        if is_query(text):
            yield Query(alert, ("expr",), text, f"alert {alert.get('name')!r} expr")


@dataclass(frozen=True, slots=True)
class Parsed:
    """What the PQL policies read from one query, worked out in one walk of its tree: the parser's message, or the
    facts below. The tree itself is not kept: the policies share each string, and at 3,000 services the trees of
    an LRU cache of 4,096 queries came to about 65 MB, while a lint went through more distinct queries than that,
    in the same order for each policy, so the cache never hit."""

    error: str | None
    counter_rates: tuple[tuple[str, str], ...] = ()  # see non_counter_rates
    rate_ranges: tuple[tuple[str, timedelta], ...] = ()  # (function, range) of each rate-like call over raw samples
    families: frozenset[str] = frozenset()  # see metric_families
    filters: bool = False  # see has_condition


@lru_cache(maxsize=1 << 16)
def parse(text: str) -> Parsed:
    """Parse a query (``{{.window}}`` read as 5m) into the facts the policies check; cached by text."""
    try:
        tree = promql_parser.parse(WINDOW_PLACEHOLDER.sub("5m", text))
    except ValueError as exc:
        return Parsed(str(exc) or "invalid PromQL")
    nodes = _nodes(tree)
    return Parsed(None, tuple(non_counter_rates(nodes)), tuple(rate_ranges(nodes)), metric_families(nodes),
                  has_condition(nodes))


def _nodes(tree: Any) -> list[Any]:
    found: list[Any] = []
    promql_parser.walk(tree, found.append)
    return found


def metric_name(selector: Any) -> str | None:
    """The metric name a vector selector picks: ``x`` or ``{__name__="x"}``; None for a regex or none."""
    if selector.name:
        return str(selector.name)
    for matcher in selector.matchers.matchers:
        if matcher.name == "__name__" and str(matcher.op) == "MatchOp.Equal":
            return str(matcher.value)
    return None


def _range_argument(call: Any) -> Any | None:
    """The range argument of a function call (a matrix selector or a subquery), if any."""
    for argument in call.args:
        if isinstance(argument, (promql_parser.MatrixSelector, promql_parser.SubqueryExpr)):
            return argument
    return None


def non_counter_rates(nodes: list[Any]) -> list[tuple[str, str]]:
    """(function, metric) for each counter function over a metric without a counter suffix."""
    found = []
    for node in nodes:
        if isinstance(node, promql_parser.Call) and node.func.name in COUNTER_FUNCTIONS:
            argument = _range_argument(node)
            if isinstance(argument, promql_parser.MatrixSelector):
                name = metric_name(argument.vector_selector)
                if name is not None and not name.endswith(COUNTER_SUFFIXES):
                    found.append((node.func.name, name))
    return found


def rate_ranges(nodes: list[Any]) -> list[tuple[str, timedelta]]:
    """(function, range) for each rate-like function over raw samples (a matrix selector)."""
    found = []
    for node in nodes:
        if isinstance(node, promql_parser.Call) and node.func.name in RANGE_FUNCTIONS:
            argument = _range_argument(node)
            if isinstance(argument, promql_parser.MatrixSelector):
                found.append((node.func.name, argument.range))
    return found


def short_ranges(parsed: Parsed, minimum: timedelta) -> list[tuple[str, timedelta]]:
    """(function, range) for each rate-like function whose range of raw samples is below ``minimum``."""
    return [(function, length) for function, length in parsed.rate_ranges if length < minimum]


def metric_family(name: str) -> str:
    """A metric's family: the name without a counter or histogram suffix (``x_bucket`` -> ``x``)."""
    for suffix in (*COUNTER_SUFFIXES, "_created"):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def metric_families(nodes: list[Any]) -> frozenset[str]:
    """The families of every metric the query selects by name."""
    names = (metric_name(node) for node in nodes if isinstance(node, promql_parser.VectorSelector))
    return frozenset(metric_family(name) for name in names if name is not None)


def has_condition(nodes: list[Any]) -> bool:
    """True when an alert expression filters: a comparison without ``bool``, or ``absent()``."""
    for node in nodes:
        if isinstance(node, promql_parser.BinaryExpr) and str(node.op) in COMPARISONS:
            if node.modifier is None or not node.modifier.return_bool:
                return True
        if isinstance(node, promql_parser.Call) and node.func.name in ABSENT_FUNCTIONS:
            return True
    return False


def format_range(length: timedelta) -> str:
    """A range as PromQL writes it (``90s``, ``1m``, ``1h``)."""
    seconds = int(length.total_seconds())
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds and seconds % size == 0:
            return f"{seconds // size}{unit}"
    if length == timedelta(seconds=seconds):
        return f"{seconds}s"
    return f"{int(length / timedelta(milliseconds=1))}ms"
