"""OpenSLO v1 values -> sre-docs values: durations, descriptions, SLIs and burn-rate alerts.

The pure conversions of ``import openslo``, one object at a time; the importer
(:mod:`openslo_import`) resolves references and assembles documents from them, and the spec
checks live in :mod:`openslo_validate`. What a value loses on the way is reported through the
``note`` callback, so that every field is either kept or named in a finding.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from sre_docs.findings import Finding, Severity
from sre_docs.integrations.openslo_common import DESCRIBED_SOURCE, SLI_ANNOTATIONS, NUMERIC_ANNOTATIONS, annotation
from sre_docs.integrations.openslo_read import Located
from sre_docs.schemas.types import DURATION, IDENTIFIER
from sre_docs.schemas.vocabulary import SLI_TYPES

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO
Note = Callable[[Finding], None]

_OPENSLO_DURATION = re.compile(r"([0-9]+)([smhdwMQY])\Z")
_CALENDAR_DAYS = {"M": 30, "Q": 90, "Y": 365}
_PLAIN_SELECTOR = re.compile(r"\s*([A-Za-z_:][A-Za-z0-9_:]*\s*)?(\{[^{}]*\})?\s*\Z")
_PAGING = frozenset({"page", "critical", "high", "p0", "p1", "urgent"})
OP_WORDS = {"lt": "below", "lte": "at most", "gt": "above", "gte": "at least"}
#: Key of a burn-rate alert dict that carries its alertAfter until the SLO's ``alerting`` is built.
FOR_KEY = "_for"


def _mapping(value: Any) -> dict[str, Any]:
    """``value`` when it is a mapping, else an empty one (OpenSLO input is untrusted)."""
    return value if isinstance(value, dict) else {}


def description_of(obj: Located) -> str | None:
    """The description, whole: export shortens one over OpenSLO's 1,050 characters and keeps it in an annotation."""
    text = obj.annotation(annotation("description")) or obj.get("spec", "description")
    return text if isinstance(text, str) else None


def original_name(obj: Located) -> str:
    return obj.annotation(annotation("name")) or obj.name or ""


def annotated(obj: Located, fields: dict[tuple[str, ...], str], body: dict[str, Any]) -> None:
    """Copy the ``sre-docs/`` annotations of ``obj`` back into ``body``."""
    for path, name in fields.items():
        text = obj.annotation(annotation(name))
        if text is None:
            continue
        value: Any = text
        if name in NUMERIC_ANNOTATIONS:
            try:
                value = float(text) if any(c in text for c in ".eE") else int(text)
            except ValueError:
                continue
        target = body
        for part in path[:-1]:
            target = target.setdefault(part, {})
        target[path[-1]] = value


def duration(text: Any, obj: Located, path: tuple[Any, ...], note: Note) -> str | None:
    """An OpenSLO duration as an sre-docs one; months, quarters and years become days."""
    if not isinstance(text, str):
        return None
    match = _OPENSLO_DURATION.match(text.strip())
    if match is None:
        note(obj.finding("OSL050", E, f"{text!r} is not an OpenSLO duration (e.g. 28d, 1w, 1M)", *path))
        return None
    count, unit = match.groups()
    if unit in _CALENDAR_DAYS:
        days = int(count) * _CALENDAR_DAYS[unit]
        note(obj.finding(
            "OSL031", W, f"{text!r} is a calendar length; sre-docs windows are counted in days: written as {days}d",
            *path))
        return f"{days}d"
    return f"{count}{unit}"


def sli_document(sli: Located, note: Note, check_source: Callable[[Located, tuple[Any, ...]], None]
                 ) -> dict[str, Any] | None:
    """The sre-docs SLI of an OpenSLO SLI: PromQL kept as queries, other sources as words; None if unusable."""
    name = original_name(sli)
    if not IDENTIFIER.match(name):
        note(sli.finding("OSL050", E, f"SLI name {name!r} is not a valid sre-docs name", "metadata", "name"))
        return None
    body: dict[str, Any] = {"name": name}
    if description_of(sli) is not None:
        body["description"] = description_of(sli)
    measurement: dict[str, Any] = {}
    prometheus: dict[str, str] = {}
    ratio, threshold = sli.get("spec", "ratioMetric"), sli.get("spec", "thresholdMetric")
    if isinstance(ratio, dict):
        counter = ratio.get("counter") is True
        for theirs, ours in (("good", "good_events"), ("bad", "bad_events"), ("total", "total_events"), ("raw", "raw")):
            source = ratio.get(theirs, {}).get("metricSource") if isinstance(ratio.get(theirs), dict) else None
            if not isinstance(source, dict):
                continue
            check_source(sli, ("spec", "ratioMetric", theirs, "metricSource"))
            kind = str(source.get("type") or "")
            spec = _mapping(source.get("spec"))
            query = spec.get("query")
            if kind.lower() == "prometheus" and isinstance(query, str):
                query = query.strip()
                if counter and _PLAIN_SELECTOR.match(query):
                    query = f"sum(rate({query}[{{{{.window}}}}]))"
                elif counter and "[" not in query:
                    note(sli.finding(
                        "OSL032", W, f"SLI {name!r}: the counter query is not a plain selector, so it cannot be "
                        "turned into a rate; add a range such as [5m] before exporting Prometheus rules",
                        "spec", "ratioMetric", theirs, "metricSource", "spec", "query"))
                if ours == "raw":
                    failure = ratio.get("rawType") != "success"
                    prometheus["error_ratio"] = query if failure else f"1 - ({query})"
                else:
                    prometheus[ours] = query
            elif kind == DESCRIBED_SOURCE:
                if isinstance(spec.get("description"), str) and ours in ("good_events", "total_events"):
                    measurement[ours] = spec["description"]
            else:
                text = query if isinstance(query, str) else ", ".join(f"{k}={v}" for k, v in spec.items())
                text = f"{kind}: {text}".strip()
                if ours == "bad_events":
                    measurement["good_events"] = f"every event except the bad ones ({text})"
                elif ours == "raw":
                    measurement["aggregation"] = f"{ratio.get('rawType') or 'failure'} ratio ({text})"
                else:
                    measurement[ours] = text
                measurement.setdefault("source", kind)
        guessed_type = "availability"
    elif isinstance(threshold, dict):
        source = _mapping(threshold.get("metricSource"))
        check_source(sli, ("spec", "thresholdMetric", "metricSource"))
        spec = _mapping(source.get("spec"))
        threshold_query = spec.get("query")
        text = threshold_query if isinstance(threshold_query, str) else ", ".join(f"{k}={v}" for k, v in spec.items())
        measurement["source"] = str(source.get("type") or "unknown")
        measurement["aggregation"] = f"threshold metric: {text}".strip()
        note(sli.finding("OSL030", I, f"SLI {name!r} is a threshold metric; sre-docs measures good events "
                         "against all events, so its query is kept as text", "spec", "thresholdMetric"))
        guessed_type = "latency"
    else:
        note(sli.finding("OSL050", E, f"SLI {name!r} has neither ratioMetric nor thresholdMetric", "spec"))
        return None
    for ours in ("good_events", "bad_events", "total_events", "error_ratio"):
        extra = sli.annotation(annotation("prometheus-" + ours.replace("_", "-")))
        if extra:
            prometheus.setdefault(ours, extra)
    for ours in ("good_events", "total_events"):
        extra = sli.annotation(annotation("measurement-" + ours.replace("_", "-")))
        if extra:
            measurement.setdefault(ours, extra)
    carried: dict[str, Any] = {}
    annotated(sli, SLI_ANNOTATIONS, carried)
    measurement.update(carried.get("measurement", {}))
    sli_type = carried.get("type")
    if sli_type not in SLI_TYPES:
        sli_type = guessed_type
        note(sli.finding("OSL031", I, f"SLI {name!r}: OpenSLO has no SLI type; written as {sli_type!r}",
                         "metadata", "name"))
    body["type"] = sli_type
    if measurement:
        order = ("good_events", "total_events", "source", "aggregation", "threshold_ms")
        body["measurement"] = {k: measurement[k] for k in order if k in measurement}
    if prometheus:
        body["prometheus"] = prometheus
    return body


def burn_alert(policy: Located, condition: Located, single: bool, note: Note) -> dict[str, Any] | None:
    """A burn-rate alert of an sre-docs SLO from an alert condition (its alertAfter under FOR_KEY)."""
    rule = condition.get("spec", "condition", default={})
    where = ("spec", "condition")
    if not isinstance(rule, dict) or rule.get("kind", "burnrate") != "burnrate":
        note(condition.finding("OSL030", W, f"alert condition {condition.name!r} is not a burn-rate "
                               "condition; not imported", *where))
        return None
    threshold = rule.get("threshold")
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or threshold <= 0:
        note(condition.finding("OSL050", E, f"alert condition {condition.name!r}: threshold must be a "
                               "burn rate above 0", *where, "threshold"))
        return None
    if rule.get("op") in ("lt", "lte"):
        note(condition.finding("OSL031", W, f"alert condition {condition.name!r} uses op "
                               f"{rule.get('op')!r}; a burn-rate alert fires above its threshold", *where, "op"))
    long_window = duration(rule.get("lookbackWindow"), condition, (*where, "lookbackWindow"), note)
    if long_window is None:
        note(condition.finding("OSL050", E, f"alert condition {condition.name!r} has no lookbackWindow",
                               *where))
        return None
    hold_for = duration(rule.get("alertAfter"), condition, (*where, "alertAfter"), note)
    short_window = condition.annotation(annotation("short-window"))
    if short_window is None or not DURATION.match(short_window):
        short_window = f"{max(1, minutes(long_window) // 12)}m"
        note(condition.finding("OSL031", I, f"alert condition {condition.name!r}: OpenSLO has no short "
                               f"window; it is 1/12 of the long one, as in the Workbook: {short_window}",
                               *where))
    severity_text = str(condition.get("spec", "severity", default="page"))
    severity = "page" if severity_text.lower() in _PAGING else "ticket"
    if severity_text.lower() not in ("page", "ticket"):
        note(condition.finding("OSL031", I, f"severity {severity_text!r} written as {severity!r}",
                               "spec", "severity"))
    name = condition.annotation(annotation("name")) or (policy.annotation(annotation("name")) if single else None)
    name = name or condition.name or policy.name or "burn"
    alert = {"name": name, "burn_rate": threshold, "short_window": short_window, "long_window": long_window,
             "severity": severity}
    return {**alert, FOR_KEY: hold_for} if hold_for else alert


def held_for(alerts: list[dict[str, Any]]) -> str | None:
    """The one ``for`` that alerts sharing it can keep: the shortest alertAfter, none if one has none.

    sre-docs holds one ``for`` per severity, OpenSLO one alertAfter per condition. When they differ,
    the shortest wins so that no condition alerts later than its own policy asks (an alert that must
    fire is worth more than one that waits); :func:`for_conflicts` reports the difference.
    """
    values = [a.get(FOR_KEY) for a in alerts]
    held = [str(v) for v in values if v]
    if not values or len(held) < len(values):
        return None
    return min(held, key=minutes)


def for_conflicts(alerts: list[dict[str, Any]], *, per_severity: bool = True) -> list[str]:
    """Words for each group of alerts (per severity, or all) whose alertAfter values differ."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for alert in alerts:
        groups.setdefault(alert["severity"] if per_severity else "", []).append(alert)
    found = []
    for severity, members in sorted(groups.items()):
        if len({a.get(FOR_KEY) or None for a in members}) > 1:
            held = held_for(members)
            listed = ", ".join(f"{a['name']} {a.get(FOR_KEY) or 'none'}" for a in members)
            which = f"{severity} alerts" if severity else "the alert"
            found.append(f"conditions of {which} ask for different alertAfter ({listed}); sre-docs holds one for "
                         f"per {'severity' if severity else 'alert'}: {held or 'none'}, the shortest, so that none "
                         "alerts later than asked")
    return found


def alerting_of(alerts: list[dict[str, Any]]) -> dict[str, Any]:
    """The SLO's ``alerting`` from its conditions' alertAfter: one ``for`` if they agree, else per severity."""
    severities = sorted({a["severity"] for a in alerts})
    fors = {s: held_for([a for a in alerts if a["severity"] == s]) for s in severities}
    if not any(fors.values()):
        return {}
    if len(set(fors.values())) == 1:
        return {"for": next(iter(fors.values()))}
    return {severity: {"for": value} for severity, value in fors.items() if value}


def items(value: Any) -> list[Any]:
    """A list from YAML, or nothing (a number where a list belongs is a spec finding, not a crash)."""
    return value if isinstance(value, list) else []


def minutes(duration: str) -> int:
    count, unit = int(duration[:-1]), duration[-1]
    return count * {"s": 0, "m": 1, "h": 60, "d": 1440, "w": 10080}[unit] if DURATION.match(duration) else 60


def unique_names(alerts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: dict[str, int] = {}
    unique = []
    for alert in alerts:
        name = alert["name"]
        seen[name] = seen.get(name, 0) + 1
        unique.append(alert if seen[name] == 1 else {**alert, "name": f"{name}-{seen[name]}"})
    return unique


