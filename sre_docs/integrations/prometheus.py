"""Prometheus recording and alerting rules for the SLOs whose SLIs carry PromQL, and for alert documents.

For every SLO whose SLI has a ``prometheus:`` block, one rule group holds:

* recording rules ``slo:sli_error:ratio_rate<window>`` -- the SLI's error ratio over each
  window the alerts need (5m, 30m, 1h, 2h, 6h, 1d, 3d for the Workbook's four tiers);
* one multi-window, multi-burn-rate alert per tier: it fires while the error ratio over
  both the long and the short window exceeds ``burn rate x error budget``. The short
  window makes the alert stop soon after the burn stops.

The tiers come from :func:`sre_docs.model.burn_alerts.burn_alerts` (the SLO's own
``burn_rate_alerts``, else the Workbook's for its window), the list the policy SLO009 checks.
An alert that can never fire (threshold at or above 100% of events) or whose long window
outlasts the SLO window is an error (EXP005), and the CLI then writes nothing.

Every ``alert`` document with an ``expr`` becomes an alerting rule of the service's
``sre-docs:<service>:alerts`` group, with its ``for``, a ``runbook_url`` to its runbook's
handbook page, and the routing label ``severity`` from the guide's table (P0/P1 ``page``,
P2 ``ticket``, P3 ``none``; :mod:`sre_docs.calc.alerts`).

**Labels that cannot collide.** The rules label their series ``sre_docs_service``,
``sre_docs_slo`` and ``sre_docs_id`` (as Sloth uses ``sloth_*``) and the alerts add
``sre_docs_tier``. Bare ``service`` or ``slo`` labels would clash with a label the SLI's
PromQL keeps (``sum by (service) (...)``): every series would then get the same label set
and the rule fails at evaluation, silently for ``promtool check rules``. Labels the query
keeps pass through to the recording rules and from there to the alerts, so an SLI grouped
by ``service`` alerts per service.

**Missing series.** With ``good_events`` the error ratio is ``1 - good/total``, and a good
series that does not exist at all (every request failing after a restart) would leave the
ratio empty and the alert silent. The exported ratio counts a missing good (or bad) series
as 0 events wherever ``total`` exists, and a window with no traffic (``total`` = 0) as an
error ratio of 0 rather than NaN: ``(good or total * 0) / (total > 0) or total * 0``.

How queries become windows: the SLI's PromQL is written for one window, e.g.
``sum(rate(http_requests_total{code=~"5.."}[5m]))``. Each rule rewrites every range
selector (``[5m]``, or the range of a subquery ``[5m:1m]``, keeping its resolution) -- or the
``{{.window}}`` placeholder used by OpenSLO and Sloth -- to the rule's window. A query with
neither cannot be measured over a window and is reported.

Annotations are Go templates in Prometheus, so text from the repo is escaped (``{{``
would start a template action); the labels and names are identifiers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sre_docs.calc.alerts import alert_severity
from sre_docs.calc.nines import budget_fraction
from sre_docs.findings import Finding, Severity
from sre_docs.integrations.handbook_links import HandbookLinks
from sre_docs.lint.promql import parse as parse_promql
from sre_docs.model.burn_alerts import (
    RESERVED_LABEL_PREFIX, AlertSettings, BurnAlert, alert_mode, alert_settings, burn_alerts, slo_window,
)
from sre_docs.model.repository import Document, Repository, Service

RECORD_PREFIX = "slo:sli_error:ratio_rate"
LABEL_SERVICE, LABEL_SLO, LABEL_ID, LABEL_TIER = "sre_docs_service", "sre_docs_slo", "sre_docs_id", "sre_docs_tier"
LABEL_PRIORITY = "sre_docs_priority"
#: The label Alertmanager routes on: page, ticket or none.
ROUTING_LABEL = "severity"
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


def _indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + line for line in text.strip().splitlines())


@dataclass(frozen=True)
class ErrorRatio:
    """How to compute an SLI's error ratio over any window, from its ``prometheus:`` block."""

    form: str  # "bad/total", "good/total" or "error_ratio"
    queries: tuple[tuple[str, str], ...]

    def over(self, window: str) -> str:
        """The error ratio over ``window``: 1 when total exists without good, 0 when there is no traffic.

        ``(events or total * 0)`` counts a missing good (bad) series as zero events wherever total exists;
        dividing by ``(total > 0)`` drops windows without traffic, which ``or total * 0`` then sets to 0.
        """
        q = {name: (over_window(query, window) or query).strip() for name, query in self.queries}
        if self.form == "error_ratio":
            return f"({q['error_ratio']})"
        total = f"({q['total_events']})"
        events = q["bad_events"] if self.form == "bad/total" else q["good_events"]
        share = f"(\n  ({events})\n  or\n  {total} * 0\n)\n/\n({total} > 0)"
        if self.form == "good/total":
            share = "1 - (\n" + _indent(share, "  ") + "\n)"
        return f"{share}\nor\n{total} * 0"


def error_ratio_of(sli: Document, service: str) -> tuple[ErrorRatio | None, list[Finding]]:
    """The SLI's error ratio, or None and findings saying why it cannot be computed."""
    block = sli.get("prometheus")
    if not isinstance(block, dict):
        return None, []
    queries = {k: v for k, v in block.items() if isinstance(v, str) and v.strip()}
    used: tuple[str, ...]
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
        error = parse_promql(queries[name]).error
        if error is not None:
            line, column = sli.locate("prometheus", name)
            findings.append(Finding(
                "EXP007", Severity.ERROR, sli.path, line, column,
                f"SLI {sli.get('name')!r}: prometheus.{name} is not valid PromQL ({error}); "
                "no rules exported for its SLOs", service,
            ))
        elif over_window(queries[name], "5m") is None:
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


def _label_value(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def selector(labels: dict[str, str]) -> str:
    """A PromQL label selector (``{a="b", c="d"}``) with the values escaped."""
    return "{" + ", ".join(f'{k}="{_label_value(v)}"' for k, v in labels.items()) + "}"


def template_literal(text: str) -> str:
    """Text that Prometheus' Go templating prints as written."""
    return text.replace("{{", '{{ "{{" }}')


@dataclass
class RulesExport:
    """Rule files by service (``{"groups": [...]}``), findings, and what was left out."""

    files: dict[str, dict[str, Any]] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    slos_exported: int = 0
    alerts_exported: int = 0
    slos_without_promql: list[str] = field(default_factory=list)
    alerts_without_expr: list[str] = field(default_factory=list)


def _defects(service: Service, slo: Document, alerts: list[BurnAlert]) -> list[Finding]:
    """EXP005 for every alert that can never fire or outlasts the SLO window (the SLO009 predicate)."""
    findings = []
    for alert in alerts:
        for defect in alert.defects:
            if alert.index is None:
                line, column = slo.locate("window")
            else:
                key = "burn_rate" if "threshold" in defect else "long_window"
                line, column = slo.locate("burn_rate_alerts", alert.index, key)
            findings.append(Finding(
                "EXP005", Severity.ERROR, slo.path, line, column,
                f"burn-rate alert {alert.name} of SLO {service.slo_name(slo)!r} is not exported: {defect}",
                service.name,
            ))
    return findings


def _condition(alert: BurnAlert, match: str, budget: float) -> str:
    """Both windows of one burn-rate alert above its threshold."""
    threshold = f"({number(alert.burn_rate)} * {number(budget)})"
    long_w, short_w = prom_duration(alert.long_window), prom_duration(alert.short_window)
    return (f"{RECORD_PREFIX}{long_w}{match} > {threshold}\n"
            f"and\n{RECORD_PREFIX}{short_w}{match} > {threshold}")


def _burn_words(alert: BurnAlert, budget: float) -> str:
    return (f"above {number(alert.burn_rate)} x {number(budget * 100)}% over both "
            f"{prom_duration(alert.long_window)} and {prom_duration(alert.short_window)}")


def metadata_rules(slo: Document, labels: dict[str, str], match: str, windows: list[timedelta],
                   budget: float) -> list[dict[str, Any]]:
    """Sloth's SLO metadata series, for dashboards: objective, budget, error ratio over the window, burn.

    The error ratio over the whole SLO window is the mean of the shortest window's ratio over the
    SLO window (``avg_over_time``), as Sloth records it, rather than one query over 30 days of raw
    series. When an alert window already equals the SLO window, that rule is the one used.
    """
    window = slo_window(slo)
    assert window is not None  # the caller checked
    shortest, period = prom_duration(windows[0]), prom_duration(window)
    on = f"on({LABEL_ID}, {LABEL_SERVICE}, {LABEL_SLO}) group_left"
    rules: list[dict[str, Any]] = []
    if window not in windows:
        rules.append({"record": f"{RECORD_PREFIX}{period}",
                      "expr": f"avg_over_time({RECORD_PREFIX}{shortest}{match}[{period}])", "labels": dict(labels)})
    rules += [
        {"record": "slo:objective:ratio", "expr": f"vector({number(1 - budget)})", "labels": dict(labels)},
        {"record": "slo:error_budget:ratio", "expr": f"vector({number(budget)})", "labels": dict(labels)},
        {"record": "slo:time_period:days", "expr": f"vector({number(window / timedelta(days=1))})",
         "labels": dict(labels)},
        {"record": "slo:current_burn_rate:ratio",
         "expr": f"{RECORD_PREFIX}{shortest}{match}\n/ {on}\nslo:error_budget:ratio{match}", "labels": dict(labels)},
        {"record": "slo:period_burn_rate:ratio",
         "expr": f"{RECORD_PREFIX}{period}{match}\n/ {on}\nslo:error_budget:ratio{match}", "labels": dict(labels)},
        {"record": "slo:period_error_budget_remaining:ratio",
         "expr": f"1 - slo:period_burn_rate:ratio{match}", "labels": dict(labels)},
    ]
    return rules


def _with_settings(rule: dict[str, Any], settings: AlertSettings, slo: Document,
                   findings: list[Finding], service: str) -> dict[str, Any]:
    """The SLO's own ``for``, labels and annotations on an alerting rule; sre_docs_* labels stay ours."""
    if settings.hold_for:
        rule = {"alert": rule["alert"], "expr": rule["expr"], "for": settings.hold_for,
                **{k: v for k, v in rule.items() if k not in ("alert", "expr")}}
    for name, value in settings.labels:
        if name.startswith(RESERVED_LABEL_PREFIX):
            line, column = slo.locate("alerting", key=True)
            findings.append(Finding(
                "EXP008", Severity.WARNING, slo.path, line, column,
                f"label {name!r} of SLO {slo.get('name') or slo.get('sli')!r}: labels starting with "
                f"{RESERVED_LABEL_PREFIX} are set by sre-docs; ignored", service,
            ))
            continue
        rule["labels"][name] = value
    rule["annotations"].update(dict(settings.annotations))  # written for Prometheus: templates allowed
    return rule


def _alert_rules(service: Service, slo: Document, alerts: list[BurnAlert], match: str, budget: float,
                 links: HandbookLinks, findings: list[Finding]) -> list[dict[str, Any]]:
    """The alerting rules of an SLO: one per tier, or one page and one ticket in page_ticket mode."""
    slo_name = service.slo_name(slo) or ""
    target = float(slo.get("target"))
    groups: list[tuple[str, str, str | None, list[BurnAlert]]]
    if alert_mode(slo) == "tiers":
        groups = [(a.name, a.severity, a.tier, [a]) for a in alerts]
    else:
        groups = [(f"{slo_name}_{severity}", severity, None, [a for a in alerts if a.severity == severity])
                  for severity in ("page", "ticket")]
    service_page = links.service_page(service.name)
    rules = []
    for name, severity, tier, members in groups:
        settings = alert_settings(slo, severity)
        if not members or settings.disabled:
            continue
        what = tier or " and ".join(a.tier for a in members)
        rates = " or ".join(f"{number(a.burn_rate)}x" for a in members)
        long_w = prom_duration(members[0].long_window)
        annotations = {
            "summary": template_literal(
                f"{service.name}: SLO {slo_name} is burning its error budget over {rates} the sustainable rate "
                f"({what})"
            ),
            "description": template_literal(
                "Error ratio " + ", or ".join(_burn_words(a, budget) for a in members)
                + f" (SLO {number(target)}% over {slo.get('window')}). "
            ) + "Error ratio over " + long_w + ": {{ $value | humanizePercentage }}.",
            "slo": template_literal(slo_name),
        }
        runbooks = [r for a in members for r in service.runbooks_for(a.name)] + service.runbooks_for(name)
        if runbooks and links.known:
            annotations["runbook_url"] = links.document_page(runbooks[0]) or ""
        elif not runbooks:
            first = members[0]
            line, column = (slo.locate("burn_rate_alerts", first.index, "name") if first.index is not None
                            else slo.locate(key=True))
            findings.append(Finding(
                "EXP003", Severity.INFO, slo.path, line, column,
                f"alert {name!r} of SLO {slo_name!r} has no runbook (no runbook with alert_name "
                f"{' or '.join(repr(a.name) for a in members)}); its rule has no runbook_url", service.name,
            ))
        if service_page:
            annotations["dashboard_url"] = service_page
        conditions = [_condition(a, match, budget) for a in members]
        expr = conditions[0] if len(conditions) == 1 else "\nor\n".join(
            "(\n" + _indent(c, "  ") + "\n)" for c in conditions)
        labels = {ROUTING_LABEL: severity, **({LABEL_TIER: tier} if tier else {})}
        rule = {"alert": name, "expr": expr, "labels": labels,
                "annotations": {k: v for k, v in annotations.items() if v}}
        rules.append(_with_settings(rule, settings, slo, findings, service.name))
    return rules


def slo_group(service: Service, slo: Document, ratio: ErrorRatio, links: HandbookLinks,
              findings: list[Finding]) -> dict[str, Any] | None:
    """The rule group of one SLO: recording rules for its windows and its metadata, then its alerts.

    None when one of its alerts could never fire (the findings say which and why).
    """
    slo_name = service.slo_name(slo) or ""
    budget = budget_fraction(float(slo.get("target")))
    alerts = burn_alerts(service, slo)
    refused = _defects(service, slo, alerts)
    if refused:
        findings.extend(refused)
        return None
    labels = {LABEL_SERVICE: service.name, LABEL_SLO: slo_name, LABEL_ID: f"{service.name}/{slo_name}"}
    match = selector({LABEL_SERVICE: service.name, LABEL_SLO: slo_name})
    windows = sorted({a.long_window for a in alerts} | {a.short_window for a in alerts}) or [timedelta(minutes=5)]
    rules: list[dict[str, Any]] = [
        {"record": f"{RECORD_PREFIX}{prom_duration(w)}", "expr": ratio.over(prom_duration(w)), "labels": dict(labels)}
        for w in windows
    ]
    rules += metadata_rules(slo, labels, match, windows, budget)
    for rule in _alert_rules(service, slo, alerts, match, budget, links, findings):
        rule["labels"] = {**rule["labels"], **{k: v for k, v in labels.items() if k not in rule["labels"]}}
        rules.append(rule)
    return {"name": f"sre-docs:{service.name}:{slo_name}", "rules": rules}


def _runbook_url(repo: Repository, alert: Document, links: HandbookLinks) -> str | None:
    """The handbook page of the alert's runbook, or the runbook URL as written."""
    link = alert.get("runbook")
    if not isinstance(link, str) or not link.strip():
        return None
    if link.startswith(("http://", "https://")):
        return link
    target = repo.resolve_link(alert, link)
    documents = target if isinstance(target, list) else [target] if target is not None else []
    runbooks = [d for d in documents if d.kind == "runbook"]
    return links.document_page(runbooks[0]) if runbooks else None


def alert_rule(repo: Repository, service: Service, alert: Document, links: HandbookLinks,
               findings: list[Finding]) -> dict[str, Any]:
    """The alerting rule of an ``alert`` document: its expr and ``for``, routed by its severity."""
    level = alert_severity(alert.get("severity"))
    labels = {ROUTING_LABEL: level.routing, LABEL_PRIORITY: level.id, LABEL_SERVICE: service.name}
    annotations = {
        "summary": template_literal(f"{service.name}: {alert.get('condition') or alert.get('name')}"),
        "description": template_literal(alert.get("description") or ""),
    }
    url = _runbook_url(repo, alert, links)
    if url:
        annotations["runbook_url"] = url
    elif links.known:
        line, column = alert.locate("runbook")
        findings.append(Finding(
            "EXP006", Severity.WARNING, alert.path, line, column,
            f"alert {alert.get('name')!r}: runbook {alert.get('runbook')!r} is not a runbook of the repo "
            "nor an http(s) URL; its rule has no runbook_url", service.name,
        ))
    service_page = links.service_page(service.name)
    if service_page:
        annotations["dashboard_url"] = service_page
    rule: dict[str, Any] = {"alert": alert.get("name"), "expr": alert.get("expr").strip()}
    if alert.get("for"):
        rule["for"] = alert.get("for")
    rule["labels"] = labels
    rule["annotations"] = {k: v for k, v in annotations.items() if v}
    return rule


def _standalone_group(repo: Repository, service: Service, links: HandbookLinks,
                      export: RulesExport) -> dict[str, Any] | None:
    rules = []
    for alert in service.alerts:
        name, expr, severity = alert.get("name"), alert.get("expr"), alert.get("severity")
        if not isinstance(name, str) or not isinstance(severity, str):
            continue  # the schema check reports it
        try:
            alert_severity(severity)
        except ValueError:
            continue  # the schema check reports it
        if not isinstance(expr, str) or not expr.strip():
            export.alerts_without_expr.append(f"{service.name}/{name}")
            continue
        error = parse_promql(expr).error
        if error is not None:
            line, column = alert.locate("expr")
            export.findings.append(Finding(
                "EXP007", Severity.ERROR, alert.path, line, column,
                f"alert {name!r}: expr is not valid PromQL ({error}); not exported", service.name,
            ))
            continue
        rules.append(alert_rule(repo, service, alert, links, export.findings))
    export.alerts_exported += len(rules)
    return {"name": f"sre-docs:{service.name}:alerts", "rules": rules} if rules else None


def prometheus_rules(repo: Repository, links: HandbookLinks, services: Iterable[str] | None = None) -> RulesExport:
    """Rule groups for every SLO (of the chosen services) whose SLI carries PromQL, and every alert with an expr."""
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
            target = slo.get("target")
            if (sli is None or isinstance(target, bool) or not isinstance(target, (int, float)) or not slo_name
                    or slo_window(slo) is None):
                continue  # the linter reports dangling SLIs and missing fields
            ratio, problems = error_ratio_of(sli, service.name)
            export.findings.extend(problems)
            if ratio is None:
                if not problems:
                    export.slos_without_promql.append(f"{service.name}/{slo_name}")
                continue
            group = slo_group(service, slo, ratio, links, export.findings)
            if group is not None:
                groups.append(group)
                export.slos_exported += 1
        standalone = _standalone_group(repo, service, links, export)
        if standalone is not None:
            groups.append(standalone)
        if groups:
            export.files[name] = {"groups": groups}
    export.findings = sorted(set(export.findings), key=lambda f: f.sort_key)
    return export
