"""The service page: one page per service with every reliability topic as a section.

Sections, in the order an on-call engineer reaches for them: overview and dependencies,
SLOs and their budgets, alerts, runbooks, incidents and action items, chaos experiments,
toil, capacity, on-call, production readiness, findings. Keeping them on one page keeps the
site's page count near three per service however much a service documents.
"""

from __future__ import annotations

from collections.abc import Sequence

from sre_docs.calc.capacity import LOAD_TEST_SCENARIOS, latest_load_tests
from sre_docs.policies.cap004 import load_test_runs
from sre_docs.model.slo_budgets import SloBudget
from sre_docs.handbook import charts, operations, page_facts
from sre_docs.handbook.markup import Safe, html_link, md_link, text
from sre_docs.handbook.render import badge, dash, duration, inline_code, money, number, pct, render, table, when
from sre_docs.handbook.sections import contributed
from sre_docs.handbook.site import Page, Site, slug
from sre_docs.model.repository import Document, Service
from sre_docs.schemas.vocabulary import PRR_CATEGORIES, PRR_CHECKS

_CATALOG_FIELDS = (
    ("tier", "Tier"), ("data_classification", "Data classification"), ("system", "System"),
    ("architecture", "Architecture"), ("language", "Language"), ("infra", "Infrastructure"),
    ("deployment_frequency", "Deploys"), ("traffic_pattern", "Traffic pattern"),
)


def catalog_rows(site: Site, service: Service, here: str) -> list[tuple[object, object]]:
    doc = service.catalog
    if doc is None:
        return []
    rows: list[tuple[object, object]] = []
    owner = doc.get("owner_team")
    if owner:
        rows.append(("Owner team", md_link(owner, site.md_path(here, "org/index.md", slug(owner)))
                     if owner in site.repo.teams else owner))
    rotation = doc.get("oncall_rotation")
    if rotation:
        rows.append(("On-call rotation", md_link(rotation, site.md_path(here, "org/oncall.md", slug(rotation)))
                     if rotation in site.repo.rotations else f"{rotation} (not found)"))
    for key, label in _CATALOG_FIELDS:
        if doc.get(key) is not None:
            rows.append((label, doc.get(key)))
    if doc.get("peak_rps") is not None:
        rows.append(("Peak traffic", f"{number(doc.get('peak_rps'), 0)} requests/s"))
    if doc.get("storage_gb") is not None:
        rows.append(("Storage", f"{number(doc.get('storage_gb'))} GB"))
    if doc.get("monthly_cost_usd") is not None:
        rows.append(("Cost", f"{money(doc.get('monthly_cost_usd'))} a month"))
    region = doc.get("multi_region", default={})
    if isinstance(region, dict) and region.get("strategy"):
        regions = [r for r in region.get("regions", []) if isinstance(r, str)]
        rows.append(("Multi-region", f"{region['strategy']}" + (f" ({', '.join(regions)})" if regions else "")))
    observability = doc.get("observability", default={})
    if isinstance(observability, dict):
        dashboards = [html_link(url, url) for url in observability.get("dashboards", []) or []]
        if dashboards:
            rows.append(("Dashboards", Safe("<br>").join(dashboards)))
        flags = [k.replace("_", " ") for k in ("tracing", "structured_logging", "anomaly_detection") if observability.get(k) is True]
        if flags:
            rows.append(("Observability", ", ".join(flags)))
    automation = doc.get("automation", default={})
    if isinstance(automation, dict):
        labels = {"ci_cd": "CI/CD", "gitops": "GitOps", "auto_rollback": "automatic rollback", "feature_flags": "feature flags"}
        flags = [label for key, label in labels.items() if automation.get(key) is True]
        if flags:
            rows.append(("Automation", ", ".join(flags)))
    links = [html_link(link.get("title"), link.get("url")) for link in doc.get("links", default=[]) if isinstance(link, dict)]
    if links:
        rows.append(("Links", Safe("<br>").join(links)))
    return rows


def card(rows: Sequence[tuple[object, object]]) -> Sequence[tuple[object, ...]]:
    """Label/value pairs laid out two to a row, so a long catalog entry stays short on the page."""
    out = []
    for i in range(0, len(rows), 2):
        left, right = rows[i], rows[i + 1] if i + 1 < len(rows) else ("", "")
        out.append((Safe(f"**{text(left[0])}**"), left[1], Safe(f"**{text(right[0])}**") if right[0] else "", right[1]))
    return out


def dependency_edges(site: Site) -> list[charts.DependencyEdge]:
    """Every declared dependency between services, from both sides' catalogs, without duplicates.

    A dependency is an event subscription when the consumer lists the producer under
    ``dependencies.events_from``; otherwise it is a call.
    """
    pairs: dict[tuple[str, str], None] = {}
    events: set[tuple[str, str]] = set()
    for name, service in sorted(site.repo.services.items()):
        deps = service.catalog.get("dependencies", default={}) if service.catalog else {}
        if not isinstance(deps, dict):
            continue
        for upstream in deps.get("upstream", []) or []:
            if isinstance(upstream, str):
                pairs[(name, upstream)] = None
        for downstream in deps.get("downstream", []) or []:
            if isinstance(downstream, str):
                pairs[(downstream, name)] = None
        for producer in deps.get("events_from", []) or []:
            if isinstance(producer, str):
                events.add((name, producer))
    return [charts.DependencyEdge(caller, callee, events=(caller, callee) in events) for caller, callee in pairs]


def neighbourhood_diagram(site: Site, service: Service, here: str, edges: Sequence[charts.DependencyEdge]) -> tuple[Safe, list[str], list[str]]:
    calls = sorted({e.callee for e in edges if e.caller == service.name and e.callee != service.name})
    callers = sorted({e.caller for e in edges if e.callee == service.name and e.caller != service.name})
    nodes = [service.name, *calls, *[c for c in callers if c not in calls]]
    local = [e for e in edges if e.caller in nodes and e.callee in nodes and service.name in (e.caller, e.callee)]
    links = {n: site.url(here, site.service_pages[n]) for n in nodes if n in site.service_pages}
    tiers = {n: site.repo.services[n].tier or "" for n in nodes if n in site.repo.services}
    svg = charts.dependency_diagram(
        nodes, local, chart_id=f"deps-{slug(service.name)}", title=f"Dependencies of {service.name}",
        focus=service.name, links=links, labels=tiers,
    ) if len(nodes) > 1 else ""
    return Safe(svg), calls, callers


def service_link(site: Site, here: str, name: str) -> Safe:
    if name in site.service_pages:
        return md_link(name, site.md_path(here, site.service_pages[name]))
    return Safe(f"{text(name)} (not in the repo)")


def _runbook_cell(site: Site, here: str, service: Service, alert: Document | None, name: str, link: object) -> Safe:
    target = site.runbook_for_link(alert, link) if alert is not None else None
    if target is None:
        by_name = service.runbooks_for(name)
        target = by_name[0] if by_name else None
    page = site.page_of(target) if target is not None else None
    if target is not None and page:
        return md_link(target.get("title", default=name), site.md_path(here, page))
    if isinstance(link, str) and link.startswith(("http://", "https://")):
        return html_link("external runbook", link)
    return badge("missing" if not link else f"not found: {link}", "missing")


def slo_sections(site: Site, service: Service, here: str) -> list[dict[str, object]]:
    sections = []
    for index, item in enumerate(site.budgets.get(service.name, [])):
        status = item.status
        sli = service.sli(item.document.get("sli")) if isinstance(item.document.get("sli"), str) else None
        summary = [
            ("SLI", f"{item.document.get('sli')}" + (f" ({sli.get('type')})" if sli and sli.get("type") else "")),
            ("Target", f"{item.target:g}%" if item.target is not None else "—"),
            ("SLA", dash(f"{item.sla:g}%" if item.sla is not None else None)),
            ("Window", dash(item.window)),
            ("Error budget", f"{number(item.budget_minutes, 2)} minutes" if item.budget_minutes is not None else "—"),
        ]
        if status:
            rem, week = status.remaining_pct, status.consumed_last_7d_pct
            summary += [
                ("Remaining", Safe(f"{text(pct(rem.value))} ({text(number(status.remaining_minutes.value, 2))} min) "
                                   f"{budget_badges(item) if item.state else badge('unknown')}")),
                ("Spent in the last 7 days", pct(week.value)),
                ("Burn rate now (1 day)", "—" if status.current_burn_rate.value is None else f"{status.current_burn_rate.value:.2f}x"),
                ("Projected exhaustion", when(status.projected_exhaustion.value) if status.projected_exhaustion.value else "not at the current burn rate"),
                *([("At risk", item.at_risk_note() or "")] if item.at_risk else []),
                ("Evidence", f"{rem.source}" + (f", measurements cover {status.measurement_coverage:.0%} of the window" if status.measurement_coverage else "")),
            ]
        burn_rows = []
        for alert in item.burn_alerts:
            declared = alert.declared_budget_pct
            computed = alert.budget_spent_before_firing_pct
            spent = pct(computed, 2) if computed is not None else "—"
            if declared is not None and computed is not None and abs(declared - computed) > 0.05:
                spent = Safe(f"{text(spent)} (declared {text(pct(declared, 2))})")
            burn_rows.append((
                alert.name, f"{alert.burn_rate:g}x" if alert.burn_rate is not None else "—",
                f"{dash(alert.long_window)} / {dash(alert.short_window)}", dash(alert.severity), spent,
                duration(alert.exhausts_full_budget_in),
                _runbook_cell(site, here, service, None, alert.name, None),
            ))
        chart = ""
        if item.burn_down is not None:
            chart = charts.burn_down_chart(
                [(p.at, p.remaining_pct) for p in item.burn_down.points],
                chart_id=f"burn-{slug(service.name)}-{index}", title=f"Error budget burn-down: {item.name}",
                thresholds={"healthy": item.policy.thresholds.healthy_above_pct,
                            "warning": item.policy.thresholds.warning_at_or_above_pct,
                            "exhausted": item.policy.thresholds.exhausted_at_or_below_pct},
            )
        sections.append(dict(
            item=item, anchor=f"slo-{slug(item.name)}", summary=card(summary), burn_rows=burn_rows, chart=Safe(chart),
            sli=sli, description=item.document.get("description"),
            burn_rates=burn_rate_table(item),
        ))
    return sections


def sli_rows(service: Service) -> Sequence[tuple[object, ...]]:
    """Every SLI of the service, with the SLOs that set a target for it."""
    rows = []
    for sli in sorted(service.slis, key=lambda d: str(d.get("name", default=""))):
        name = sli.get("name", default="?")
        measurement = sli.get("measurement", default={})
        measurement = measurement if isinstance(measurement, dict) else {}
        used_by = [service.slo_name(slo) for slo in service.slos if slo.get("sli") == name]
        rows.append((
            inline_code(name), dash(sli.get("type")), dash(measurement.get("good_events")),
            dash(measurement.get("total_events")), dash(measurement.get("source")),
            ", ".join(n for n in used_by if n) or badge("no SLO", "warning"),
        ))
    return rows


def burn_rate_table(item: SloBudget) -> Safe:
    """Burn rates over each lookback the data supports, as one row: the windows and numbers `sre-docs budget`
    prints (empty when nothing could be computed)."""
    pairs = item.burn_rate_pairs()
    if not pairs or all(rate == "—" for _, rate in pairs):
        return Safe("")
    headers = ["Burn rate over", *(window for window, _ in pairs)]
    return table(headers, [["rate", *(rate for _, rate in pairs)]], "l" + "r" * len(pairs))


def budget_badges(item: SloBudget) -> Safe:
    """The state badge, and an "at risk" badge beside it when the current burn runs out inside the window."""
    state = badge(item.state) if item.state else badge("no data", "neutral")
    return Safe(f"{state} {badge('at risk', 'warning')}") if item.at_risk else state


def rotation_health_table(rotation: operations.RotationFacts) -> Safe:
    if not rotation.metrics:
        return Safe("")
    rows: list[tuple[str, str, str]] = [
        (metric.name, f"{value:g} {metric.unit}", badge(health.value)) for metric, value, health in rotation.metrics]
    if rotation.imbalance is not None:
        rows.append(("Busiest member vs the mean", f"{rotation.imbalance:.1f}x", "—"))
    return table((f"Health in {rotation.period}", "Value", "Status"), rows, "lrl")


def alert_rows(site: Site, service: Service, here: str) -> Sequence[tuple[object, ...]]:
    rows = []
    for alert in sorted(service.alerts, key=lambda a: (str(a.get("severity", default="P9")), str(a.get("name")))):
        name = alert.get("name", default="?")
        rows.append((
            Safe(f'<span id="alert-{text(slug(str(name)))}"></span>{inline_code(name)}'),
            badge(alert.get("severity", default="?")), dash(alert.get("signal")), dash(alert.get("condition")),
            dash(alert.get("notify")), _runbook_cell(site, here, service, alert, str(name), alert.get("runbook")),
        ))
    for slo, _, burn in service.burn_rate_alerts():
        name = burn.get("name", "?")
        rows.append((
            inline_code(name), badge("P0" if burn.get("severity") == "page" else "P2"), "burn_rate",
            f"{service.slo_name(slo)}: burn rate above {burn.get('burn_rate', '?')}x over {burn.get('long_window', '?')} "
            f"and {burn.get('short_window', '?')}",
            dash(burn.get("severity")), _runbook_cell(site, here, service, None, str(name), None),
        ))
    return rows


def incident_status_badge(item: page_facts.IncidentFacts) -> Safe:
    """The workflow step as a badge; an open incident says "open" in words, not only in colour."""
    if item.is_open:
        return badge(f"open: {item.status or '?'}", "open")
    return badge(item.status or "?", "done")


def incident_rows(site: Site, here: str, incidents: Sequence[page_facts.IncidentFacts]) -> Sequence[tuple[object, ...]]:
    rows = []
    for item in incidents:
        severity = badge(item.severity or "?")
        if item.matrix and item.severity and item.matrix.severity != item.severity:
            severity = Safe(f"{severity} (matrix: {text(item.matrix.severity)})")
        review: str
        postmortem_page = site.page_of(item.postmortem) if item.postmortem is not None else None
        if item.postmortem is not None and postmortem_page:
            review = md_link(f"postmortem ({item.postmortem.get('status', default='?')})", site.md_path(here, postmortem_page))
        elif item.postmortem_due:
            review = Safe(f"due {text(when(item.postmortem_due))}" + (f" {badge('overdue')}" if item.postmortem_overdue else ""))
        else:
            review = "—"
        d = item.durations
        rows.append((
            site.incident_link(here, item.id), item.title, severity, incident_status_badge(item),
            when(item.started), duration(d.time_to_detect if d else None), duration(d.time_to_resolve if d else None), review,
        ))
    return rows


def action_item_rows(site: Site, here: str, items: Sequence[page_facts.ActionItem], *, with_service: bool = False) -> Sequence[tuple[object, ...]]:
    rows = []
    for item in items:
        status = badge(item.status or "?", "done" if item.status == "done" else "open")
        if item.overdue:
            status = Safe(f"{status} {badge('overdue')}")
        page = site.page_of(item.postmortem)
        incident = item.postmortem.get("incident")
        where: object = md_link("postmortem", site.md_path(here, page, "action-items")) if page else "—"
        if isinstance(incident, str) and incident:
            where = Safe(f"{site.incident_link(here, incident)} ({text(where)})")
        row = [inline_code(item.id), item.description, dash(item.owner), dash(item.priority), when(item.deadline), status, where]
        if with_service:
            row.insert(0, service_link(site, here, item.postmortem.service or "?"))
        rows.append(tuple(row))
    return rows


def experiment_rows(service: Service) -> Sequence[tuple[object, ...]]:
    rows = []
    for exp in sorted(service.experiments, key=lambda e: str(e.get("run_date") or e.get("scheduled") or "")):
        method = exp.get("method", default={})
        method = method if isinstance(method, dict) else {}
        results = exp.get("results", default={})
        outcome = results.get("outcome") if isinstance(results, dict) else None
        rows.append((
            exp.get("name", default="?"), exp.get("hypothesis", default=""), dash(exp.get("status")), dash(exp.get("environment")),
            f"{dash(method.get('fault_type'))}" + (f" on {method['target']}" if method.get("target") else ""),
            dash(method.get("blast_radius")), dash(exp.get("run_date") or exp.get("scheduled")), dash(outcome),
        ))
    return rows


def toil_rows(service: Service) -> Sequence[tuple[object, ...]]:
    items = [operations.toil_facts(service, doc) for doc in service.toil]
    items.sort(key=lambda t: -(t.priority_score or 0))
    return [(
        t.name, dash(t.doc.get("category")), dash(t.doc.get("frequency")), number(t.hours_per_month),
        dash(t.doc.get("automation_difficulty")), number(t.priority_score, 2),
        badge(t.action.value, "neutral") if t.action else "—", dash(t.doc.get("status")),
    ) for t in items]


def capacity_sections(service: Service) -> list[dict[str, object]]:
    sections: list[dict[str, object]] = []
    for index, doc in enumerate(service.capacity_models):
        item = operations.capacity_facts(doc)
        chart = charts.capacity_projection_chart(
            item.projection, chart_id=f"capacity-{slug(service.name)}-{index}",
            title=f"Projected {doc.get('bottleneck_resource', default='resource')} utilisation of {service.name}",
            thresholds=(("scale-up", item.scale_up_pct), ("full", 100.0)),
        )
        scaling = doc.get("scaling_strategy", default={})
        scaling = scaling if isinstance(scaling, dict) else {}
        rows = [
            ("Bottleneck", dash(doc.get("bottleneck_resource"))),
            ("Peak utilisation", pct(item.utilisation_pct)),
            ("Growth", f"{item.growth_pct:g}% a month" if item.growth_pct is not None else "—"),
            ("Reaches the scale-up threshold", _months(item.months_to_scale_up, item.scale_up_pct)),
            ("Reaches full capacity", _months(item.months_to_full, 100.0)),
            ("Instances", f"{dash(scaling.get('current_instances'))} now, {dash(scaling.get('min_instances'))}-{dash(scaling.get('max_instances'))} allowed"),
            ("Auto-scaling", dash(scaling.get("auto_scaling"))),
            ("Last load test", dash(doc.get("last_load_test"))),
            ("Load tests (latest run)", _load_tests(doc)),
            ("Last review", f"{doc.get('last_review')} ({doc.get('review_cadence', default='quarterly')})"
                            if doc.get("last_review") else "—"),
        ]
        if item.cost:
            rows.append(("Monthly cost", f"{money(item.cost.current_monthly)} now, {money(item.cost.projected_6mo_monthly)} in 6 months, "
                                         f"{money(item.cost.projected_12mo_monthly)} in 12 months"))
        sections.append(dict(rows=card(rows), chart=Safe(chart)))
    return sections


def _load_tests(doc: Document) -> str:
    """The latest run of each of the guide's five scenarios (CAP004's reading), or a dash for one never run."""
    latest = latest_load_tests(load_test_runs(doc))
    parts = []
    for scenario in LOAD_TEST_SCENARIOS:
        run = latest.get(scenario.name)
        parts.append(f"{scenario.name} {run.result or '?'} {run.day.isoformat()}" if run else f"{scenario.name} —")
    return "; ".join(parts)


def _months(months: float | None, level: float) -> str:
    if months is None:
        return f"not within the forecast ({level:g}%)"
    if months == 0:
        return f"already at or above {level:g}%"
    return f"in {months:.1f} months ({level:g}%)"


def prr_rows(service: Service) -> tuple[Document | None, Sequence[tuple[object, ...]], dict[str, int]]:
    review = service.prr
    if review is None:
        return None, [], {}
    given = {c.get("id"): c for c in review.get("checks", default=[]) if isinstance(c, dict)}
    headings = dict(PRR_CATEGORIES)
    counts = {"pass": 0, "fail": 0, "n/a": 0, "missing": 0}
    rows = []
    for check in PRR_CHECKS:
        entry = given.get(check.id)
        status = entry.get("status") if entry else None
        status = status if status in counts else "missing"
        counts[status] += 1
        rows.append((headings.get(check.category, check.category), check.text, badge(status, status.replace("/", "-")),
                     dash(entry.get("evidence") if entry else None)))
    return review, rows, counts


def finding_rows(site: Site, findings: Sequence) -> Sequence[tuple[object, ...]]:
    rows = []
    for f in findings:
        location = f"{f.path}:{f.line}:{f.column}"
        source = site.source_url(f.path) if site.source_url else None
        rows.append((badge(f.severity.value), inline_code(f.code), html_link(location, source) if source else inline_code(location), f.message))
    return rows


def build_service_page(site: Site, service: Service, edges: Sequence[charts.DependencyEdge]) -> Page:
    here = site.service_pages[service.name]
    diagram, calls, callers = neighbourhood_diagram(site, service, here, edges)
    incidents = site.incidents_of(service.name)
    items = [a for a in site.action_items if a.postmortem.service == service.name]
    items.sort(key=lambda a: (a.status == "done", not a.overdue, str(a.deadline)))
    review, prr, prr_counts = prr_rows(service)
    rotation_name = service.catalog.get("oncall_rotation") if service.catalog else None
    rotation = site.repo.rotations.get(rotation_name) if isinstance(rotation_name, str) else None
    runbooks = sorted(service.runbooks, key=lambda d: str(d.get("title", default="")))
    rotation_facts = operations.rotation_facts(rotation, today=site.clock.today) if rotation else None
    markdown = render(
        "service.md.j2",
        site=site, service=service, here=here,
        description=service.catalog.get("description") if service.catalog else None,
        catalog=card(catalog_rows(site, service, here)),
        unreadable=site.repo.unreadable_in(service.folder),
        diagram=diagram, calls=[service_link(site, here, n) for n in calls],
        callers=[service_link(site, here, n) for n in callers],
        slos=slo_sections(site, service, here),
        slis=sli_rows(service),
        alerts=alert_rows(site, service, here),
        runbooks=[(md_link(d.get("title", default=d.path), site.md_path(here, page)), d)
                  for d in runbooks if (page := site.page_of(d))],
        incidents=incident_rows(site, here, incidents),
        action_items=action_item_rows(site, here, items),
        experiments=experiment_rows(service),
        toil=toil_rows(service),
        capacity=capacity_sections(service),
        rotation=rotation_facts,
        rotation_health=rotation_health_table(rotation_facts) if rotation_facts else Safe(""),
        rotation_name=rotation_name,
        oncall_link=md_link(rotation_name, site.md_path(here, "org/oncall.md", slug(str(rotation_name)))) if rotation else None,
        prr_review=review, prr=prr, prr_counts=prr_counts,
        findings=finding_rows(site, site.findings_by_service.get(service.name, [])),
        extra=[(section.title, section.render(site, service, here)) for section in contributed("service")],
    )
    edit = service.catalog.path if service.catalog else None
    return Page(src_uri=here, title=service.name, markdown=markdown, edit_path=edit)
