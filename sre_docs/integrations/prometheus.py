"""Prometheus recording and alerting rules for the SLOs whose SLIs carry PromQL.

For every SLO whose SLI has a ``prometheus:`` block, one rule group holds:

* recording rules ``slo:sli_error:ratio_rate<window>`` -- the SLI's error ratio over each
  window the alerts need (5m, 30m, 1h, 2h, 6h, 1d, 3d for the Workbook's four tiers),
  labelled with ``service`` and ``slo``;
* one multi-window, multi-burn-rate alert per tier: it fires while the error ratio over
  both the long and the short window exceeds ``burn rate x error budget``. The short
  window makes the alert stop soon after the burn stops.

The tiers are the SLO's own ``burn_rate_alerts`` when it declares them (the names match
the runbooks' ``alert_name``); otherwise the SRE Workbook's tiers with thresholds computed
from the SLO's window by :func:`sre_docs.calc.error_budget.recommended_burn_rate_alerts`
(30d: 14.4, 6, 3, 1; 28d: 13.44, 5.6, 2.8, 0.93).

How queries become windows: the SLI's PromQL is written for one window, e.g.
``sum(rate(http_requests_total{code=~"5.."}[5m]))``. Each rule rewrites every range
selector (``[5m]``, or the range of a subquery ``[5m:1m]``, keeping its resolution) -- or the
``{{.window}}`` placeholder used by OpenSLO and Sloth -- to the rule's window. A query with neither cannot be measured over a window and is reported.

Annotations are Go templates in Prometheus, so text from the repo is escaped (``{{``
would start a template action); the labels and names are identifiers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sre_docs.calc.error_budget import recommended_burn_rate_alerts
from sre_docs.calc.nines import budget_fraction
from sre_docs.findings import Finding, Severity
from sre_docs.integrations.handbook_links import HandbookLinks
from sre_docs.model.repository import Document, Repository, Service
from sre_docs.schemas.types import parse_duration

RECORD_PREFIX = "slo:sli_error:ratio_rate"
WINDOW_PLACEHOLDER = re.compile(r"\{\{\s*\.window\s*\}\}")
#: A range selector such as ``[5m]`` or ``[1h30m]``, or the range of a subquery (``[5m:1m]``,
#: whose resolution after the colon is kept).
RANGE_SELECTOR = re.compile(r"\[\s*(?:[0-9]+(?:ms|[smhdwy]))+\s*(:[^\]]*)?\]")
_UNITS = (("w", timedelta(weeks=1)), ("d", timedelta(days=1)), ("h", timedelta(hours=1)),
          ("m", timedelta(minutes=1)), ("s", timedelta(seconds=1)))


def prom_duration(length: timedelta) -> str:
    """A Prometheus duration in the largest unit that divides it (``1h``, ``30m``, ``3d``)."""
    seconds = int(length.total_seconds())
    if seconds <= 0 or length != timedelta(seconds=seconds):
        raise ValueError(f"{length} is not a whole, positive number of seconds")
    for unit, size in _UNITS:
        count, rest = divmod(seconds, int(size.total_seconds()))
        if rest == 0:
            return f"{count}{unit}"
    raise AssertionError("unreachable: seconds always divide")  # pragma: no cover


def number(value: float) -> str:
    """A float for PromQL, without binary noise (``13.44``, not ``13.440000000000001``)."""
    text = f"{value:.10g}"
    return text if "e" not in text else repr(value)


def over_window(query: str, window: str) -> str | None:
    """``query`` measured over ``window``, or None when it names no window to replace."""
    if WINDOW_PLACEHOLDER.search(query):
        return WINDOW_PLACEHOLDER.sub(window, query)
    if RANGE_SELECTOR.search(query):
        return RANGE_SELECTOR.sub(lambda match: f"[{window}{match.group(1) or ''}]", query)
    return None


@dataclass(frozen=True)
class ErrorRatio:
    """How to compute an SLI's error ratio over any window, from its ``prometheus:`` block."""

    form: str  # "bad/total", "good/total" or "error_ratio"
    queries: tuple[tuple[str, str], ...]

    def over(self, window: str) -> str:
        q = {name: over_window(query, window) for name, query in self.queries}
        if self.form == "bad/total":
            return f"({q['bad_events']})\n/\n({q['total_events']})"
        if self.form == "good/total":
            return f"1 - (\n  ({q['good_events']})\n  /\n  ({q['total_events']})\n)"
        return f"({q['error_ratio']})"


def error_ratio_of(sli: Document, service: str) -> tuple[ErrorRatio | None, list[Finding]]:
    """The SLI's error ratio, or None and findings saying why it cannot be computed."""
    block = sli.get("prometheus")
    if not isinstance(block, dict):
        return None, []
    queries = {k: v for k, v in block.items() if isinstance(v, str) and v.strip()}
    if "total_events" in queries and "bad_events" in queries:
        form, used = "bad/total", ("bad_events", "total_events")
    elif "total_events" in queries and "good_events" in queries:
        form, used = "good/total", ("good_events", "total_events")
    elif "error_ratio" in queries:
        form, used = "error_ratio", ("error_ratio",)
    else:
        line, column = sli.locate("prometheus")
        return None, [Finding(
            "EXP001", Severity.WARNING, sli.path, line, column,
            f"SLI {sli.get('name')!r}: prometheus needs total_events with good_events or bad_events, "
            "or error_ratio; no rules exported for its SLOs", service,
        )]
    findings = []
    for name in used:
        if over_window(queries[name], "5m") is None:
            line, column = sli.locate("prometheus", name)
            findings.append(Finding(
                "EXP002", Severity.WARNING, sli.path, line, column,
                f"SLI {sli.get('name')!r}: prometheus.{name} has no range selector such as [5m] "
                "(or {{.window}} placeholder), so its error ratio cannot be taken over the alert windows; "
                "no rules exported for its SLOs", service,
            ))
    if findings:
        return None, findings
    return ErrorRatio(form, tuple((name, queries[name]) for name in used)), []


@dataclass(frozen=True)
class BurnAlert:
    """One multi-window burn-rate alert of an SLO."""

    name: str
    tier: str
    burn_rate: float
    long_window: timedelta
    short_window: timedelta
    severity: str  # page | ticket


def burn_alerts(service: Service, slo: Document) -> list[BurnAlert]:
    """The SLO's declared burn-rate alerts, else the Workbook tiers for its window."""
    window = parse_duration(slo.get("window"))
    recommended = recommended_burn_rate_alerts(window)
    tier_of = {(r.tier.long_window, r.tier.short_window): r.tier.name for r in recommended}
    declared = []
    for item in slo.get("burn_rate_alerts", default=[]):
        if not isinstance(item, dict):
            continue
        long_window = parse_duration(item.get("long_window") or "")
        short_window = parse_duration(item.get("short_window") or "")
        rate = item.get("burn_rate")
        if not item.get("name") or long_window is None or short_window is None or not isinstance(rate, (int, float)):
            continue  # an invalid alert has been reported by the schema check
        declared.append(BurnAlert(
            name=item["name"], tier=tier_of.get((long_window, short_window), item["name"]),
            burn_rate=float(rate), long_window=long_window, short_window=short_window,
            severity=item.get("severity") or "page",
        ))
    if declared:
        return declared
    slo_name = service.slo_name(slo)
    return [
        BurnAlert(
            name=f"{slo_name}_{r.tier.name}", tier=r.tier.name, burn_rate=r.burn_rate_threshold,
            long_window=r.tier.long_window, short_window=r.tier.short_window, severity=r.tier.severity,
        )
        for r in recommended
    ]


def _label_value(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def template_literal(text: str) -> str:
    """Text that Prometheus' Go templating prints as written."""
    return text.replace("{{", '{{ "{{" }}')


@dataclass
class RulesExport:
    """Rule files by service (``{"groups": [...]}``), findings, and what was left out."""

    files: dict[str, dict[str, Any]] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    slos_exported: int = 0
    slos_without_promql: list[str] = field(default_factory=list)


def slo_group(service: Service, slo: Document, ratio: ErrorRatio, links: HandbookLinks,
              findings: list[Finding]) -> dict[str, Any]:
    """The rule group of one SLO: recording rules for its windows, then one alert per tier."""
    slo_name = service.slo_name(slo)
    target = float(slo.get("target"))
    budget = budget_fraction(target)
    labels = {"service": service.name, "slo": slo_name}
    selector = "{" + ", ".join(f'{k}="{_label_value(v)}"' for k, v in labels.items()) + "}"
    alerts = burn_alerts(service, slo)
    windows = sorted({a.long_window for a in alerts} | {a.short_window for a in alerts})
    rules: list[dict[str, Any]] = [
        {"record": f"{RECORD_PREFIX}{prom_duration(w)}", "expr": ratio.over(prom_duration(w)), "labels": dict(labels)}
        for w in windows
    ]
    service_page = links.service_page(service.name)
    for alert in alerts:
        threshold = f"({number(alert.burn_rate)} * {number(budget)})"
        long_w, short_w = prom_duration(alert.long_window), prom_duration(alert.short_window)
        annotations = {
            "summary": template_literal(
                f"{service.name}: SLO {slo_name} is burning its error budget over {number(alert.burn_rate)}x "
                f"the sustainable rate ({alert.tier})"
            ),
            "description": template_literal(
                f"Error ratio above {number(alert.burn_rate)} x {number(budget * 100)}% over both {long_w} and "
                f"{short_w} (SLO {number(target)}% over {slo.get('window')}). "
            ) + "Error ratio over " + long_w + ": {{ $value | humanizePercentage }}.",
            "slo": template_literal(slo_name),
        }
        runbooks = service.runbooks_for(alert.name)
        if runbooks and links.known:
            annotations["runbook_url"] = links.document_page(runbooks[0]) or ""
        elif not runbooks:
            line, column = slo.locate("burn_rate_alerts") if slo.get("burn_rate_alerts") else slo.locate(key=True)
            findings.append(Finding(
                "EXP003", Severity.INFO, slo.path, line, column,
                f"alert {alert.name!r} of SLO {slo_name!r} has no runbook (no runbook with alert_name "
                f"{alert.name!r}); its rule has no runbook_url", service.name,
            ))
        if service_page:
            annotations["dashboard_url"] = service_page
        rules.append({
            "alert": alert.name,
            "expr": (f"{RECORD_PREFIX}{long_w}{selector} > {threshold}\n"
                     f"and\n{RECORD_PREFIX}{short_w}{selector} > {threshold}"),
            "labels": {"severity": alert.severity, "tier": alert.tier, **labels},
            "annotations": {k: v for k, v in annotations.items() if v},
        })
    return {"name": f"sre-docs:{service.name}:{slo_name}", "rules": rules}


def prometheus_rules(repo: Repository, links: HandbookLinks, services: Iterable[str] | None = None) -> RulesExport:
    """Rule groups for every SLO (of the chosen services) whose SLI carries PromQL."""
    export = RulesExport()
    chosen = sorted(repo.services) if services is None else list(services)
    if not links.known:
        export.findings.append(Finding(
            "EXP004", Severity.WARNING, "mkdocs.yml", 1, 1,
            "no site URL (pass --site-url or set site_url in mkdocs.yml): alerts get no runbook_url",
        ))
    for name in chosen:
        service = repo.services[name]
        groups = []
        for slo in service.slos:
            slo_name = service.slo_name(slo)
            sli = service.sli(slo.get("sli")) if slo.get("sli") else None
            if (sli is None or not isinstance(slo.get("target"), (int, float)) or not slo_name
                    or parse_duration(slo.get("window") or "") is None):
                continue  # the linter reports dangling SLIs and missing fields
            ratio, problems = error_ratio_of(sli, service.name)
            export.findings.extend(problems)
            if ratio is None:
                if not problems:
                    export.slos_without_promql.append(f"{service.name}/{slo_name}")
                continue
            groups.append(slo_group(service, slo, ratio, links, export.findings))
            export.slos_exported += 1
        if groups:
            export.files[name] = {"groups": groups}
    export.findings = sorted(set(export.findings), key=lambda f: f.sort_key)
    return export
