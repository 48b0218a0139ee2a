"""The reliability repo as OpenSLO v1: Service, SLI, SLO, AlertPolicy, AlertNotificationTarget.

One service becomes one Service object, its SLIs and SLOs, and one AlertPolicy (with its
AlertCondition inline) per burn-rate alert of an SLO. The on-call rotation of a service,
when it has one, is the notification target of its alert policies. SLIs with PromQL
become Prometheus ratio metrics (``counter: false``: the queries are already rates); SLIs
described only in words keep their descriptions in a metric source of type ``sre-docs``.
See :mod:`openslo_common` for naming and for the fields that travel as annotations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sre_docs.findings import Finding, Severity
from sre_docs.integrations.openslo_common import (
    API_VERSION, DESCRIBED_SOURCE, MAX_DESCRIPTION, MAX_DISPLAY_NAME, SERVICE_ANNOTATIONS, SLI_ANNOTATIONS,
    SLO_ANNOTATIONS, annotation, openslo_duration, openslo_name, ratio_from_percent,
)
from sre_docs.model.burn_alerts import alert_settings
from sre_docs.model.repository import Document, Repository, Service


def _object(kind: str, name: str, spec: dict[str, Any], *, display: str | None = None,
            annotations: dict[str, str] | None = None, labels: dict[str, list[str]] | None = None) -> dict[str, Any]:
    """An OpenSLO object that passes the spec's limits: a display name or description too long for it is
    shortened, and the whole text travels in an ``sre-docs/`` annotation (the name is there already)."""
    metadata: dict[str, Any] = {"name": name}
    notes = dict(annotations or {})
    if display and display != name:
        metadata["displayName"] = _shorten(display, MAX_DISPLAY_NAME)
    if labels:
        metadata["labels"] = labels
    description = spec.get("description")
    if isinstance(description, str) and len(description) > MAX_DESCRIPTION:
        spec = {**spec, "description": _shorten(description, MAX_DESCRIPTION)}
        notes[annotation("description")] = description
    if notes:
        metadata["annotations"] = notes
    return {"apiVersion": API_VERSION, "kind": kind, "metadata": metadata, "spec": spec}


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _annotations(doc: Document, fields: dict[tuple[str, ...], str], original_name: str | None) -> dict[str, str]:
    notes = {annotation("name"): original_name} if original_name else {}
    for path, name in fields.items():
        value = doc.get(*path)
        if value is not None and not isinstance(value, (dict, list)):
            notes[annotation(name)] = str(value)
    return notes


def _source(kind: str, spec: dict[str, Any]) -> dict[str, Any]:
    return {"metricSource": {"type": kind, "spec": spec}}


def sli_spec(sli: Document) -> tuple[dict[str, Any], dict[str, str]]:
    """The SLI's metric (from its PromQL when it has any, else from its descriptions), and the
    queries a ratio metric has no room for (it holds good or bad, not both), as annotations."""
    queries = sli.get("prometheus", default={})
    queries = {k: v for k, v in queries.items() if isinstance(v, str) and v.strip()} if isinstance(queries, dict) else {}
    spec: dict[str, Any] = {}
    extra: dict[str, str] = {}
    if sli.get("description"):
        spec["description"] = sli.get("description")
    if "total_events" in queries and ("good_events" in queries or "bad_events" in queries):
        ratio: dict[str, Any] = {"counter": False}
        if "good_events" in queries:
            ratio["good"] = _source("Prometheus", {"query": queries["good_events"]})
            if "bad_events" in queries:
                extra[annotation("prometheus-bad-events")] = queries["bad_events"]
        else:
            ratio["bad"] = _source("Prometheus", {"query": queries["bad_events"]})
        ratio["total"] = _source("Prometheus", {"query": queries["total_events"]})
        if "error_ratio" in queries:
            extra[annotation("prometheus-error-ratio")] = queries["error_ratio"]
        spec["ratioMetric"] = ratio
    elif "error_ratio" in queries:
        spec["ratioMetric"] = {"counter": False, "rawType": "failure",
                               "raw": _source("Prometheus", {"query": queries["error_ratio"]})}
        for ours in ("good_events", "bad_events", "total_events"):
            if ours in queries:
                extra[annotation("prometheus-" + ours.replace("_", "-"))] = queries[ours]
    else:
        described = {}
        for ours, theirs in (("good_events", "good"), ("total_events", "total")):
            text = sli.get("measurement", ours)
            described[theirs] = _source(DESCRIBED_SOURCE, {"description": text} if text else {})
        spec["ratioMetric"] = {"counter": False, **described}
        for ours in ("good_events", "bad_events", "total_events"):
            if ours in queries:
                extra[annotation("prometheus-" + ours.replace("_", "-"))] = queries[ours]
    in_words = spec["ratioMetric"].get("good", {}).get("metricSource", {}).get("type") == DESCRIBED_SOURCE
    if not in_words:  # the metric holds PromQL: the descriptions travel as annotations
        for ours in ("good_events", "total_events"):
            text = sli.get("measurement", ours)
            if text:
                extra[annotation("measurement-" + ours.replace("_", "-"))] = text
    return spec, extra


@dataclass
class OpenSloExport:
    """OpenSLO objects per service, the shared notification targets, and findings."""

    by_service: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    targets: list[dict[str, Any]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def objects(self) -> list[dict[str, Any]]:
        return [*self.targets, *(o for objects in self.by_service.values() for o in objects)]


def _service_objects(service: Service, export: OpenSloExport, targets: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    catalog = service.catalog
    service_name = openslo_name(service.name)
    objects: list[dict[str, Any]] = []
    if catalog is not None:
        labels = {"team": [catalog.get("owner_team")]} if catalog.get("owner_team") else None
        service_spec = {"description": catalog.get("description")} if catalog.get("description") else {}
        objects.append(_object("Service", service_name, service_spec, display=service.name, labels=labels,
                               annotations=_annotations(catalog, SERVICE_ANNOTATIONS, service.name)))
    rotation = catalog.get("oncall_rotation") if catalog is not None else None
    target_ref = None
    if rotation:
        target_ref = openslo_name(rotation)
        targets.setdefault(target_ref, _object(
            "AlertNotificationTarget", target_ref,
            {"description": f"The on-call rotation {rotation} (org/oncall)", "target": "oncall"},
            display=rotation, annotations={annotation("name"): rotation},
        ))

    sli_names: dict[str, str] = {}
    for sli in service.slis:
        name = sli.get("name")
        if not name or not sli.get("type"):
            continue  # reported by the schema check
        sli_names[name] = openslo_name(service.name, name)
        spec, extra = sli_spec(sli)
        notes = _annotations(sli, SLI_ANNOTATIONS, name)
        notes[annotation("service")] = service.name
        notes.update(extra)
        objects.append(_object("SLI", sli_names[name], spec, display=name, annotations=notes))

    for slo in service.slos:
        slo_name = service.slo_name(slo)
        sli_ref = sli_names.get(slo.get("sli") or "")
        target, window = slo.get("target"), slo.get("window")
        if not slo_name or sli_ref is None or not isinstance(target, (int, float)) or not window:
            line, column = slo.locate(key=True)
            export.findings.append(Finding(
                "EXP010", Severity.WARNING, slo.path, line, column,
                f"SLO {slo_name!r} is not exported to OpenSLO: it needs a target, a window and an SLI defined "
                "in its service (run `sre-docs lint`)", service.name,
            ))
            continue
        policies = []
        for alert in slo.get("burn_rate_alerts", default=[]):
            if not isinstance(alert, dict) or not all(alert.get(k) for k in ("name", "burn_rate", "long_window", "short_window")):
                continue
            policy_name = openslo_name(service.name, slo_name, alert["name"])
            severity = alert.get("severity") or "page"
            rule: dict[str, Any] = {"kind": "burnrate", "op": "gt", "threshold": alert["burn_rate"],
                                    "lookbackWindow": _duration(alert["long_window"], slo, export, service.name)}
            hold_for = alert_settings(slo, severity).hold_for
            if hold_for:  # OpenSLO's alertAfter is how long the condition holds first: Prometheus' for
                rule["alertAfter"] = _duration(hold_for, slo, export, service.name)
            condition = _object("AlertCondition", policy_name, {"severity": severity, "condition": rule},
                                display=alert["name"], annotations={annotation("name"): alert["name"],
                                                                   annotation("short-window"): alert["short_window"]})
            del condition["apiVersion"]
            policy_spec: dict[str, Any] = {
                "description": f"Burn-rate alert {alert['name']} of SLO {slo_name} ({service.name})",
                "alertWhenBreaching": True,
                "conditions": [condition],
            }
            policy_spec["notificationTargets"] = [{"targetRef": target_ref or _owner_target(service, targets)}]
            objects.append(_object("AlertPolicy", policy_name, policy_spec, display=alert["name"],
                                   annotations={annotation("name"): alert["name"]}))
            policies.append({"alertPolicyRef": policy_name})
        spec = {}
        if slo.get("description"):
            spec["description"] = slo.get("description")
        spec.update({
            "service": service_name,
            "indicatorRef": sli_ref,
            "timeWindow": [{"duration": _duration(window, slo, export, service.name), "isRolling": True}],
            "budgetingMethod": "Occurrences",
            "objectives": [{"displayName": slo_name, "target": ratio_from_percent(target)}],
        })
        if policies:
            spec["alertPolicies"] = policies
        notes = _annotations(slo, SLO_ANNOTATIONS, slo_name)
        notes[annotation("service")] = service.name
        objects.append(_object("SLO", openslo_name(service.name, slo_name), spec, display=slo_name, annotations=notes))
    return objects


def _duration(text: str, doc: Document, export: OpenSloExport, service: str) -> str:
    """``text`` as an OpenSLO duration; seconds, which OpenSLO lacks, are rounded up to minutes and reported."""
    converted, exact = openslo_duration(text)
    if not exact:
        line, column = doc.locate(key=True)
        export.findings.append(Finding(
            "EXP011", Severity.WARNING, doc.path, line, column,
            f"{text} has seconds, which OpenSLO durations do not: written as {converted}", service,
        ))
    return converted


def _owner_target(service: Service, targets: dict[str, dict[str, Any]]) -> str:
    """A notification target for a service without an on-call rotation: its owner team (OpenSLO needs one)."""
    team = service.catalog.get("owner_team") if service.catalog is not None else None
    name = openslo_name(service.name, "owner")
    targets.setdefault(name, _object(
        "AlertNotificationTarget", name,
        {"description": f"Owner of {service.name}: no on-call rotation is named", "target": f"team:{team or 'unknown'}"},
        annotations={annotation("name"): f"{service.name}-owner"},
    ))
    return name


def export_openslo(repo: Repository, services: list[str] | None = None) -> OpenSloExport:
    export = OpenSloExport()
    targets: dict[str, dict[str, Any]] = {}
    for name in services if services is not None else sorted(repo.services):
        objects = _service_objects(repo.services[name], export, targets)
        if objects:
            export.by_service[name] = objects
    export.targets = [targets[k] for k in sorted(targets)]
    return export
