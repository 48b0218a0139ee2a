"""Event counts per bucket from Prometheus, for ``sre-docs pull prometheus``.

An SLI's queries are written as rates, e.g. ``sum(rate(checkout_orders_total[5m]))``. The count of
events in a bucket is the same expression with ``increase`` over the bucket:
``sum(increase(checkout_orders_total[1d]))``. Prometheus' ``increase`` handles counter resets
(a drop is read as a restart from zero) and extrapolates to the bucket's edges when no sample sits
on them. One range query per SLI query, evaluated at each bucket's end with a step of one bucket,
gives every bucket at once.

A query sre-docs cannot turn into counts is a finding, not a guess: ``irate`` (a rate at one
instant), or a range selector outside ``rate``, ``increase`` and ``count_over_time``
(``avg_over_time`` has no count to add up). What the server says is checked the same way: a query it refuses (PULL002, with
Prometheus' message at the SLI's file:line:col), no series at all (PULL003: no data is not zero),
more than one series (PULL004: the SLI must add up to one), and a bucket without data or with
more good than total events (PULL005). Unreachable servers, timeouts and HTTP errors raise
:class:`~sre_docs.integrations.prometheus_api.PrometheusUnavailable` for the caller to stop on.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sre_docs.calc.event_counts import Bucket, BucketProblem, counts_per_bucket, pair_counts
from sre_docs.findings import Finding, Severity
from sre_docs.integrations.prometheus import RANGE_SELECTOR, WINDOW_PLACEHOLDER, over_window, prom_duration
from sre_docs.integrations.prometheus_api import PrometheusClient, QueryFailed
from sre_docs.workflows.measurements_pull import PullTarget

__all__ = ["CannotCount", "SloPull", "counts_query", "pull_slo"]

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|`[^`]*`')
_FUNCTION = re.compile(r"(?<![\w:])(rate|irate|increase|count_over_time)\s*\(")


class CannotCount(ValueError):
    """The query cannot be turned into a count of events; ``str()`` says why."""


def _mask(query: str) -> str:
    """``query`` with string literals blanked, so a ``rate(`` inside a label value is not a function."""
    return _STRING.sub(lambda match: '"' + " " * (len(match.group()) - 2) + '"', query)


def counts_query(query: str, bucket: dt.timedelta) -> str:
    """The PromQL for the number of events in each bucket, from an SLI's rate query.

    ``rate`` and ``increase`` become ``increase`` over the bucket; ``count_over_time`` (samples
    counted as events, as freshness SLIs do) keeps its name and a subquery keeps its resolution.
    Example: ``sum(rate(http_requests_total{code!~"5.."}[5m]))`` with one day ->
    ``sum(increase(http_requests_total{code!~"5.."}[1d]))``.
    """
    masked = _mask(query)
    functions = [match.group(1) for match in _FUNCTION.finditer(masked)]
    if "irate" in functions:
        raise CannotCount("irate() is a rate at one instant; counts need rate() or increase()")
    selectors = list(RANGE_SELECTOR.finditer(masked))
    placeholders = len(WINDOW_PLACEHOLDER.findall(masked))
    if not functions or len(selectors) + placeholders != len(functions):
        raise CannotCount("every range selector must sit in rate(...), increase(...) or count_over_time(...) "
                          "for the query to count events")
    length = prom_duration(bucket)
    out, last = [], 0
    for match in _FUNCTION.finditer(masked):
        name = "count_over_time" if match.group(1) == "count_over_time" else "increase"
        out.append(query[last:match.start()] + name + "(")
        last = match.end()
    out.append(query[last:])
    rewritten = over_window("".join(out), length)
    assert rewritten is not None  # a selector or placeholder was found above
    return rewritten


@dataclass(frozen=True)
class SloPull:
    """What Prometheus gave for one SLO: checked rows and findings."""

    target: PullTarget
    rows: tuple[Bucket, ...]
    findings: tuple[Finding, ...]


def _finding(target: PullTarget, field: str, code: str, message: str) -> Finding:
    line, column = target.sli.locate("prometheus", field)
    return Finding(code, Severity.ERROR, target.sli.path, line, column,
                   f"SLO {target.name}: prometheus.{field}: {message}", target.service)


def _stamp(moment: dt.datetime, step: dt.timedelta) -> str:
    return moment.date().isoformat() if step == dt.timedelta(days=1) else moment.strftime("%Y-%m-%dT%H:%MZ")


def pull_slo(client: PrometheusClient, target: PullTarget, starts: list[dt.datetime], step: dt.timedelta) -> SloPull:
    """Ask for the SLO's counts in each bucket of ``starts`` and check them."""
    if not starts:
        return SloPull(target, (), ())
    counts: dict[str, dict[dt.datetime, int]] = {}
    findings: list[Finding] = []
    problems: list[tuple[str, BucketProblem]] = []
    span = f"{_stamp(starts[0], step)} to {_stamp(starts[-1], step)}"
    for field, query in target.queries:
        try:
            promql = counts_query(query, step)
        except CannotCount as exc:
            findings.append(_finding(target, field, "PULL002", f"cannot count events with this query: {exc}"))
            continue
        try:
            series = client.query_range(promql, starts[0] + step, starts[-1] + step, step)
        except QueryFailed as exc:
            findings.append(_finding(target, field, "PULL002", f"Prometheus refused {promql!r}: {exc}"))
            continue
        if len(series) > 1:
            shown = ", ".join("{" + ", ".join(f'{k}="{v}"' for k, v in sorted(s.labels.items())) + "}"
                              for s in series[:3])
            findings.append(_finding(target, field, "PULL004",
                                     f"{len(series)} series ({shown}{' …' if len(series) > 3 else ''}); the query "
                                     "must add up to one series, e.g. with sum()"))
            continue
        if not series:
            counts[field] = {}
            continue
        values, bad_values = counts_per_bucket(series[0].values, starts, step)
        counts[field] = values
        problems.extend((field, problem) for problem in bad_values)
    if findings:
        return SloPull(target, (), tuple(findings))
    total = counts["total_events"]
    other_field = target.queries[1][0]
    other = counts[other_field]
    if not total:
        return SloPull(target, (), (_finding(
            target, "total_events", "PULL003",
            f"no series from {span}: nothing recorded (no data is not zero traffic)"),))
    if not other and any(total.values()):
        return SloPull(target, (), (_finding(
            target, other_field, "PULL003",
            f"no series from {span} while there was traffic: nothing recorded (no data is not zero)"),))
    # A bucket whose value was unusable is absent from the counts; its problem is reported once, below.
    unusable = {(field, problem.start) for field, problem in problems}
    if other_field == "good_events":
        rows, paired = pair_counts(starts, total, good=other)
    else:
        rows, paired = pair_counts(starts, total, bad=other)
    for problem in paired:
        field = "total_events" if problem.message.startswith("no data for total") else other_field
        if (field, problem.start) in unusable or ("total_events", problem.start) in unusable:
            continue
        problems.append((field, problem))
    out = [
        _finding(target, field, "PULL005",
                 f"{_stamp(problem.start, step)}: {problem.message}" if problem.start else problem.message)
        for field, problem in sorted(problems, key=lambda item: (item[1].start or starts[0], item[0]))
    ]
    return SloPull(target, tuple(rows), tuple(out))
