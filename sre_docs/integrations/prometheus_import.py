"""Prometheus rule files -> ``alert`` documents: a start for a team that adopts sre-docs with alerts it already runs.

A rule file is ``{groups: [{name, rules: [...]}]}``, as Prometheus loads it. Every alerting rule (a
rule with ``alert``) becomes an ``alert`` document of a service; recording rules are counted and
left out, and so are the rules ``export prometheus`` wrote (they carry ``sre_docs_*`` labels: their
source is already in the repo). The files are read by sre-docs' own YAML reader, so every finding
points at the rule's line.

How each field is filled, and what is reported when it has to be guessed:

* **service** -- ``--service``, else the rule's ``sre_docs_service``, ``service`` or ``job`` label;
  none is an error (PRM010);
* **severity** -- ``sre_docs_priority`` (P0-P3), else the ``severity`` label read as the guide's
  levels (``page``, ``urgent``, ``ticket``, ``log``, ``P1``…) or the common ``critical`` (P0),
  ``high``/``error`` (P1), ``warning`` (P2), ``info``/``none`` (P3); anything else is P2 (PRM020);
* **notify** -- from the severity: P0/P1 page, P2 ticket, P3 dashboard (the guide's table);
* **signal** -- guessed from the expression (PRM021): durations -> latency, ``5..``/error/fail ->
  errors, saturation words -> saturation, else traffic (never burn_rate, which needs an SLO);
* **condition** -- the ``summary`` annotation, else the ``description``, else the expression;
* **runbook** -- the runbook file whose handbook page the ``runbook_url`` annotation points at (any
  form ``lint`` accepts for ALR011), else the annotation when it is an http(s) URL, else
  ``runbooks/<alert>.yaml``, which must be written (PRM022);
* an alert the service already has as a document is not imported again (PRM024);
* ``expr``, ``for`` and the ``description`` annotation as they are. Other labels and
  annotations have no place in an ``alert`` document and are listed (PRM023).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from typing import Any

from sre_docs.calc.alerts import alert_severity
from sre_docs.findings import Finding, Severity
from sre_docs.lint.deployed_rules import runbook_at
from sre_docs.loading.site_settings import SiteSettings
from sre_docs.model.repository import Document, Repository
from sre_docs.schemas.types import IDENTIFIER
from sre_docs.yamltext.parse import DEFAULT_LIMITS, Limits, ParsedDocument, parse_bytes

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO
#: Severity label values beyond the guide's own names.
COMMON_SEVERITIES = {"critical": "P0", "high": "P1", "error": "P1", "warning": "P2", "warn": "P2",
                     "info": "P3", "none": "P3", "low": "P3"}
NOTIFY = {"page": "page", "ticket": "ticket", "none": "dashboard"}
KEPT_LABELS = frozenset({"severity", "sre_docs_priority", "sre_docs_service", "service", "job"})
KEPT_ANNOTATIONS = frozenset({"summary", "description", "runbook_url", "dashboard_url"})
_SIGNALS = (
    ("latency", re.compile(r"latency|duration|_seconds_bucket|histogram_quantile", re.I)),
    ("errors", re.compile(r"5\.\.|5xx|error|fail", re.I)),
    ("saturation", re.compile(r"saturat|utili[sz]ation|queue|pool|cpu|memory|disk|connections|capacity", re.I)),
)


@dataclass
class RulesImport:
    """Alert documents by service, findings, and what was left out."""

    alerts: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    recording_rules: int = 0
    exported_by_sre_docs: int = 0

    @property
    def failed(self) -> bool:
        return any(f.severity is Severity.ERROR for f in self.findings)


@dataclass(frozen=True)
class _At:
    path: str
    doc: ParsedDocument

    def finding(self, code: str, severity: Severity, message: str, *where: Any) -> Finding:
        line, column = self.doc.locate(where)
        return Finding(code, severity, self.path, line, column, message)


def _strings(value: Any) -> dict[str, str]:
    return {str(k): str(v) for k, v in value.items() if v is not None} if isinstance(value, dict) else {}


def severity_of(labels: dict[str, str]) -> str | None:
    """P0-P3 from a rule's labels, or None when they do not say."""
    for key in ("sre_docs_priority", "severity"):
        value = labels.get(key)
        if value is None:
            continue
        try:
            return alert_severity(value).id
        except ValueError:
            if value.strip().casefold() in COMMON_SEVERITIES:
                return COMMON_SEVERITIES[value.strip().casefold()]
    return None


def signal_of(expr: str) -> str:
    for signal, pattern in _SIGNALS:
        if pattern.search(expr):
            return signal
    return "traffic"


@dataclass(frozen=True)
class KnownRepo:
    """The repo the rules are imported into: an import links its runbooks and skips its alerts."""

    repo: Repository
    site: SiteSettings

    def runbook_link(self, url: str, service: str) -> str | None:
        """The ``runbook:`` link (from ``services/<service>/``) of the runbook whose page ``url`` is, if any."""
        doc = runbook_at(self.repo, self.site, url)
        return posixpath.relpath(doc.path, f"services/{service}") if doc is not None else None

    def alert_document(self, name: str, service: str) -> Document | None:
        found = self.repo.services.get(service)
        return next((a for a in found.alerts if a.get("name") == name), None) if found is not None else None


def _alert(at: _At, where: tuple[Any, ...], rule: dict[str, Any], service_option: str | None,
           result: RulesImport, known: KnownRepo | None = None) -> None:
    name, expr = rule.get("alert"), rule.get("expr")
    if not isinstance(name, str) or not IDENTIFIER.match(name):
        result.findings.append(at.finding("PRM003", E, f"alert name {name!r} is not a valid sre-docs name",
                                          *where, "alert"))
        return
    if not isinstance(expr, (str, int, float)) or isinstance(expr, bool) or not str(expr).strip():
        result.findings.append(at.finding("PRM003", E, f"alert {name!r} has no expr", *where))
        return
    expr = str(expr).strip()
    labels, annotations = _strings(rule.get("labels")), _strings(rule.get("annotations"))
    if any(k.startswith("sre_docs_") for k in labels) and "sre_docs_priority" not in labels:
        result.exported_by_sre_docs += 1
        return
    service = service_option or next(
        (labels[k] for k in ("sre_docs_service", "service", "job") if IDENTIFIER.match(labels.get(k, ""))), None)
    if service is None:
        result.findings.append(at.finding(
            "PRM010", E, f"alert {name!r}: no service (no sre_docs_service, service or job label); pass --service",
            *where, "alert"))
        return
    existing = known.alert_document(name, service) if known is not None else None
    if existing is not None:
        result.findings.append(at.finding(
            "PRM024", I, f"alert {name!r} is already an alert document of services/{service}/ "
            f"({existing.path}:{existing.line}); not imported again", *where, "alert"))
        return
    severity = severity_of(labels)
    if severity is None:
        severity = "P2"
        result.findings.append(at.finding(
            "PRM020", W, f"alert {name!r}: severity {labels.get('severity')!r} is not a level of the guide; "
            "written as P2 (ticket)", *where, "alert"))
    signal = signal_of(expr)
    result.findings.append(at.finding("PRM021", I, f"alert {name!r}: signal guessed from its expression: {signal}",
                                      *where, "expr"))
    url = annotations.get("runbook_url", "").strip()
    linked = known.runbook_link(url, service) if known is not None and url else None
    if linked is not None:
        runbook = linked  # a runbook page of the handbook: the alert links the runbook's file
    elif url.startswith(("http://", "https://")):
        runbook = url
    else:
        runbook = f"runbooks/{name}.yaml"
        said = (f"runbook_url {url!r}, which is neither an http(s) URL nor a runbook page of the repo" if url
                else "no runbook_url")
        result.findings.append(at.finding(
            "PRM022", W, f"alert {name!r} has {said}; write services/{service}/{runbook} (every alert needs "
            "a runbook)", *where, "alert"))
    dropped = sorted({f"label {k}" for k in labels if k not in KEPT_LABELS}
                     | {f"annotation {k}" for k in annotations if k not in KEPT_ANNOTATIONS})
    if dropped:
        result.findings.append(at.finding(
            "PRM023", I, f"alert {name!r}: {', '.join(dropped)} not kept (an alert document has no place for them)",
            *where, "alert"))
    summary = annotations.get("summary", "")
    if labels.get("sre_docs_service") and summary.startswith(labels["sre_docs_service"] + ": "):
        summary = summary[len(labels["sre_docs_service"]) + 2:]  # export prefixes the service
    condition = summary or annotations.get("description") or f"{expr} returns a series"
    body: dict[str, Any] = {
        "name": name, "service": service, "severity": severity, "signal": signal, "condition": condition,
        "expr": expr,
    }
    if isinstance(rule.get("for"), str):
        body["for"] = rule["for"]
    body["notify"] = NOTIFY[alert_severity(severity).routing]
    body["runbook"] = runbook
    if annotations.get("description") and annotations["description"] != condition:
        body["description"] = annotations["description"]
    result.alerts.setdefault(service, []).append(body)


def import_rules(files: list[tuple[str, bytes]], *, service: str | None = None,
                 limits: Limits = DEFAULT_LIMITS, known: KnownRepo | None = None) -> RulesImport:
    """Alert documents for the alerting rules of Prometheus rule files (display path, bytes).

    With ``known`` (the repo imported into), a ``runbook_url`` to a runbook page of its handbook becomes a
    link to that runbook's file, and an alert the service already has as a document is left out (PRM024):
    the same files ``lint`` checks as deployed rules (ALR010, ALR011) import without duplicates.
    """
    result = RulesImport()
    for path, data in files:
        parsed = parse_bytes(data, path, limits)
        result.findings.extend(parsed.findings)
        for doc in parsed.documents:
            at = _At(path, doc)
            groups = doc.value.get("groups") if isinstance(doc.value, dict) else None
            if not isinstance(groups, list):
                result.findings.append(at.finding("PRM001", E, "not a Prometheus rule file: expected groups: [...]"))
                continue
            for g, group in enumerate(groups):
                rules = group.get("rules") if isinstance(group, dict) else None
                if not isinstance(rules, list):
                    result.findings.append(at.finding("PRM002", E, "a rule group needs a list of rules", "groups", g))
                    continue
                for r, rule in enumerate(rules):
                    where = ("groups", g, "rules", r)
                    if not isinstance(rule, dict) or not ("alert" in rule or "record" in rule):
                        result.findings.append(at.finding("PRM002", E, "a rule needs alert or record", *where))
                    elif "record" in rule:
                        result.recording_rules += 1
                    else:
                        _alert(at, where, rule, service, result, known)
    result.findings = sorted(set(result.findings), key=lambda f: f.sort_key)
    return result


FILE_NAME = "prometheus-alerts.yaml"
HEADER = "# Imported from Prometheus rules by `sre-docs import prometheus`.\n"


def render_alert_files(result: RulesImport) -> dict[str, str]:
    """``services/<service>/prometheus-alerts.yaml`` -> YAML text of its imported alerts."""
    from sre_docs.yamltext.safe_write import render

    return {f"services/{service}/{FILE_NAME}": HEADER + "---\n".join(render({"alert": a}) for a in alerts)
            for service, alerts in sorted(result.alerts.items())}
