"""Organisation-wide pages: home, service catalog, teams, incident log, error budgets,
dependency map, on-call health, toil and the findings report.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from sre_docs.calc import toil as toil_calc
from sre_docs.model.factors import category_counts
from sre_docs.model.slo_budgets import SloBudget
from sre_docs.model.toil_hours import team_toil
from sre_docs.policies.tol001 import over_budget
from sre_docs.handbook import charts, operations, page_facts
from sre_docs.handbook.markup import Safe, html_link, md_link, text
from sre_docs.handbook.render import badge, dash, duration, inline_code, number, pct, render, when
from sre_docs.handbook.incident_pages import incident_filters
from sre_docs.handbook.sections import contributed
from sre_docs.handbook.service_page import (
    action_item_rows, budget_badges, dependency_edges, finding_rows, incident_rows, rotation_health_table, service_link,
)
from sre_docs.handbook.site import Page, Site, slug
from sre_docs.words import counted

#: Rows the home page shows before pointing to the full page.
HOME_ROWS = 15
#: Largest organisation drawn as one dependency diagram; bigger ones get the table only.
MAX_DIAGRAM_NODES = 150

_STATE_ORDER = {"exhausted": 0, "critical": 1, "warning": 2, "healthy": 3, None: 4}


def _budget_sorted(site: Site) -> list[SloBudget]:
    items = [item for budgets in site.budgets.values() for item in budgets]
    return sorted(items, key=lambda b: (_STATE_ORDER.get(b.state, 4), not b.at_risk,
                                        b.remaining_pct if b.remaining_pct is not None else 1e9, b.service, b.name))


def _budget_rows(site: Site, here: str, items: Sequence[SloBudget], *, detailed: bool) -> Sequence[tuple[object, ...]]:
    """One row per SLO: the board on the home page, or (``detailed``) the full dashboard."""
    rows: list[tuple[object, ...]] = []
    for item in items:
        status = item.status
        link = md_link(item.name, site.md_path(here, site.service_pages[item.service], f"slo-{slug(item.name)}"))
        slo = Safe(f"{text(item.service)}<br>{link}")
        left = Safe(f"{text(pct(item.remaining_pct))} {budget_badges(item)}")
        exhaustion = when(status.projected_exhaustion.value) if status and status.projected_exhaustion.value else "—"
        if not detailed:
            burn = "—" if not status or status.current_burn_rate.value is None else f"{status.current_burn_rate.value:.2f}x"
            rows.append((slo, f"{item.target:g}%" if item.target is not None else "—", left, burn, exhaustion))
            continue
        minutes = (f"{number(status.remaining_minutes.value, 2)} of {number(item.budget_minutes, 2)}"
                   if status and status.remaining_minutes.value is not None else "—")
        rows.append((
            slo, f"{item.target:g}%" if item.target is not None else "—", left, minutes,
            pct(status.consumed_last_7d_pct.value) if status else "—",
            " · ".join(f"{window} {rate}" for window, rate in item.burn_rate_pairs()) or "—", exhaustion,
            Safe(", ").join(site.incident_link(here, i) for i in item.counted_incidents) or "—",
            status.remaining_pct.source.value if status else "—",
        ))
    return rows


def open_incident_banner(site: Site, here: str, incidents: Sequence[page_facts.IncidentFacts]) -> Safe:
    """A red-bordered box at the top of the home page naming each open incident, linked, in words and colour.

    Raw HTML (one block), so it needs no Markdown extension; links are HTML links to the
    incident pages, relative to ``here``.
    """
    if not incidents:
        return Safe("")
    items = []
    for item in incidents:
        page = site.incident_pages.get(item.id)
        name = html_link(item.id, site.url(here, page)) if page else text(item.id)
        items.append(
            f"<li>{badge(item.severity or '?')} <strong>{name}</strong> {text(item.title)} "
            f"({text(item.status or '?')} since {text(when(item.started))}"
            + (f", {text(item.doc.get('channel'))}" if isinstance(item.doc.get("channel"), str) else "") + ")</li>"
        )
    count = len(incidents)
    heading = counted(count, "open incident")
    return Safe(f'<div class="sre-alert" role="status"><p><strong>{text(heading)}</strong></p><ul>{"".join(items)}</ul></div>')


def build_home(site: Site, *, title: str) -> Page:
    here = "index.md"
    budgets = _budget_sorted(site)
    troubled = [b for b in budgets if b.state in ("exhausted", "critical", "warning") or b.at_risk]
    worst = troubled[:HOME_ROWS] or budgets[:HOME_ROWS]
    open_incidents = sorted((i for i in site.incidents.values() if i.is_open), key=lambda i: (i.severity or "SEV9", str(i.started)))
    overdue = sorted((a for a in site.action_items if a.overdue), key=lambda a: (a.deadline, a.id))
    tiers = []
    for tier, services in site.services_by_tier():
        shown = [md_link(s.name, site.md_path(here, site.service_pages[s.name])) for s in services[:40]]
        more = f" and {len(services) - 40} more" if len(services) > 40 else ""
        tiers.append((tier, len(services), Safe(", ").join(shown) + text(more)))
    states: Counter[str | None] = Counter(b.state for b in budgets)
    markdown = render(
        "home.md.j2", site=site, here=here, title=title,
        counts=dict(services=len(site.repo.services), slos=len(budgets), open_incidents=len(open_incidents),
                    overdue=len(overdue)),
        states=[(s, states.get(s, 0)) for s in ("healthy", "warning", "critical", "exhausted")],
        no_data=states.get(None, 0), at_risk=sum(b.at_risk for b in budgets),
        budget_rows=_budget_rows(site, here, worst, detailed=False), budgets_total=len(budgets),
        incidents=incident_rows(site, here, open_incidents), banner=open_incident_banner(site, here, open_incidents),
        overdue=action_item_rows(site, here, overdue[:HOME_ROWS], with_service=True), overdue_total=len(overdue),
        tiers=tiers,
        severities=[(s.value, n) for s, n in site.severity_counts.items()],
        extra=[(section.title, section.render(site, None, here)) for section in contributed("home")],
    )
    return Page(src_uri=here, title=title, markdown=markdown)


def build_catalog(site: Site) -> Page:
    here = "services/index.md"
    groups = []
    for tier, services in site.services_by_tier():
        rows = []
        for service in services:
            doc = service.catalog
            owner = doc.get("owner_team") if doc else None
            budgets = site.budgets.get(service.name, [])
            worst = min(budgets, key=lambda b: (_STATE_ORDER.get(b.state, 4), not b.at_risk), default=None)
            rows.append((
                md_link(service.name, site.md_path(here, site.service_pages[service.name])),
                dash(doc.get("description") if doc else None),
                md_link(owner, site.md_path(here, "org/index.md", slug(owner))) if owner in site.repo.teams else dash(owner),
                len(service.slos), budget_badges(worst) if worst and worst.state else "—",
                len(site.incidents_of(service.name)),
                len(site.findings_by_service.get(service.name, [])),
            ))
        groups.append((tier, rows))
    markdown = render("catalog.md.j2", groups=groups)
    return Page(src_uri=here, title="Service catalog", markdown=markdown, hide=("toc",), wide=True)


def build_teams(site: Site) -> Page:
    here = "org/index.md"
    owned: dict[str, list[str]] = {}
    for name, service in site.repo.services.items():
        owner = service.catalog.get("owner_team") if service.catalog else None
        if isinstance(owner, str):
            owned.setdefault(owner, []).append(name)
    teams = []
    for name in sorted(site.repo.teams, key=str.lower):
        doc = site.repo.teams[name]
        rotations = [r for r, d in site.repo.rotations.items() if d.get("team") == name]
        teams.append(dict(
            name=name, anchor=slug(name), doc=doc,
            services=[service_link(site, here, s) for s in sorted(owned.get(name, []))],
            rotations=[md_link(r, site.md_path(here, "org/oncall.md", slug(r))) for r in sorted(rotations)],
        ))
    unknown = sorted(set(owned) - set(site.repo.teams))
    markdown = render("teams.md.j2", teams=teams, unknown=[(t, [service_link(site, here, s) for s in sorted(owned[t])]) for t in unknown])
    edit = site.repo.teams[next(iter(site.repo.teams))].path if site.repo.teams else None
    return Page(src_uri=here, title="Teams", markdown=markdown, edit_path=edit)


def build_incident_log(site: Site) -> Page:
    here = "org/incidents.md"
    incidents = sorted(site.incidents.values(), key=lambda i: (i.started is None, i.started), reverse=True)
    months = page_facts.monthly_stats(site.incidents.values(), last=site.clock.today)
    labels = [m.month for m in months]
    trend = charts.incident_trend_chart(
        labels, {sev: [m.by_severity[sev] for m in months] for sev in ("SEV1", "SEV2", "SEV3", "SEV4")},
        chart_id="incidents-by-month", title="Incidents per month by severity",
    )
    def minutes(value: timedelta | None) -> float | None:
        return value.total_seconds() / 60 if value is not None else None

    timing = charts.timing_trend_chart(
        labels, {"MTTD": [minutes(m.mttd) for m in months], "MTTR": [minutes(m.mttr) for m in months]},
        chart_id="incident-timing", title="Mean time to detect and to resolve, per month (minutes)",
    )
    month_rows = [(m.month, m.total, *(m.by_severity[s] for s in ("SEV1", "SEV2", "SEV3", "SEV4")),
                   duration(m.mttd), duration(m.mttr)) for m in reversed(months)]
    rows = []
    for item in incidents:
        row = incident_rows(site, here, [item])[0]
        services = Safe(", ").join(service_link(site, here, s) for s in item.services)
        rows.append((row[0], row[1], services, *row[2:]))
    postmortems = [doc for service in site.repo.services.values() for doc in service.postmortems]
    factor_counts = category_counts(postmortems)
    factors = charts.factor_category_chart(factor_counts, postmortems=len(postmortems), chart_id="contributing-factors",
                                           title="Contributing factors by fishbone category")
    factor_rows = [(category.capitalize(), count) for category, count in factor_counts]
    markdown = render("incidents.md.j2", trend=Safe(trend), timing=Safe(timing), month_rows=month_rows, rows=rows,
                      factors=Safe(factors), factor_rows=factor_rows, postmortem_count=len(postmortems),
                      total=len(incidents), since=labels[0] if labels else "", filters=incident_filters(incidents),
                      open_count=sum(1 for i in incidents if i.is_open))
    return Page(src_uri=here, title="Incident log", markdown=markdown, hide=("toc",), wide=True)


def build_budget_dashboard(site: Site) -> Page:
    here = "org/error-budgets.md"
    budgets = _budget_sorted(site)
    states: Counter[str | None] = Counter(b.state for b in budgets)
    markdown = render(
        "budgets.md.j2", site=site, here=here, rows=_budget_rows(site, here, budgets, detailed=True),
        states=[(s, states.get(s, 0)) for s in ("healthy", "warning", "critical", "exhausted")],
        no_data=states.get(None, 0), at_risk=sum(b.at_risk for b in budgets), as_of=when(site.clock.as_of),
    )
    return Page(src_uri=here, title="Error budgets", markdown=markdown, hide=("toc",), wide=True)


def build_dependency_map(site: Site) -> Page:
    # An index page, so that its source folder and its URL folder are the same: the diagram's links
    # are raw HTML, which MkDocs leaves as written and Zensical resolves against the source file.
    here = "org/dependencies/index.md"
    edges = dependency_edges(site)
    nodes = sorted(set(site.repo.services) | {e.caller for e in edges} | {e.callee for e in edges})
    diagram = ""
    if len(nodes) <= MAX_DIAGRAM_NODES:
        diagram = charts.dependency_diagram(
            nodes, edges, chart_id="dependency-map", title="Service dependency map",
            links={n: site.url(here, site.service_pages[n]) for n in nodes if n in site.service_pages},
            labels={n: site.repo.services[n].tier or "" for n in nodes if n in site.repo.services},
        )
    rows = []
    for name in nodes:
        def listed(chosen: list[charts.DependencyEdge], other: str) -> Safe | str:
            links = [Safe(f"{service_link(site, here, getattr(e, other))}{' (events)' if e.events else ''}")
                     for e in sorted(chosen, key=lambda e: getattr(e, other))]
            return Safe(", ").join(links) or "—"
        rows.append((service_link(site, here, name), listed([e for e in edges if e.caller == name], "callee"),
                     listed([e for e in edges if e.callee == name], "caller")))
    missing = sorted(n for n in nodes if n not in site.repo.services)
    markdown = render("dependencies.md.j2", diagram=Safe(diagram), rows=rows, too_many=len(nodes) > MAX_DIAGRAM_NODES,
                      limit=MAX_DIAGRAM_NODES, missing=missing)
    return Page(src_uri=here, title="Dependency map", markdown=markdown, hide=("toc",), wide=True)


def build_oncall(site: Site) -> Page:
    here = "org/oncall.md"
    covered = site.rotation_services()
    rotations = []
    for name in sorted(site.repo.rotations, key=str.lower):
        doc = site.repo.rotations[name]
        item = operations.rotation_facts(doc, covered.get(name, []), today=site.clock.today)
        schedule = doc.get("schedule", default={})
        escalation = doc.get("escalation", default={})
        handoffs = [h for h in doc.get("handoffs", default=[]) if isinstance(h, dict)]
        latest = max(handoffs, key=lambda h: str(h.get("date", "")), default=None)
        rotations.append(dict[str, Any](
            item=item, anchor=slug(name), doc=doc, health=rotation_health_table(item),
            services=[service_link(site, here, s) for s in item.services],
            schedule=schedule if isinstance(schedule, dict) else {},
            escalation=escalation if isinstance(escalation, dict) else {},
            handoff=latest,
        ))
    summary = [(md_link(r["item"].name, f"#{r['anchor']}"), dash(r["item"].team), len(r["item"].members),
                badge("yes" if r["item"].size_ok else "no", "pass" if r["item"].size_ok else "fail"),
                badge("yes" if r["item"].has_secondary else "no", "pass" if r["item"].has_secondary else "fail"),
                badge(r["item"].worst.value) if r["item"].worst else "—",
                f"{r['item'].imbalance:.1f}x" if r["item"].imbalance is not None else "—") for r in rotations]
    markdown = render("oncall.md.j2", site=site, here=here, rotations=rotations, summary=summary)
    return Page(src_uri=here, title="On-call health", markdown=markdown, wide=True)


def build_toil(site: Site) -> Page:
    here = "org/toil.md"
    items = []
    for name, service in sorted(site.repo.services.items()):
        for doc in service.toil:
            items.append((name, operations.toil_facts(service, doc)))
    items.sort(key=lambda pair: -(pair[1].priority_score or 0))
    rows = [(service_link(site, here, name), t.name, dash(", ".join(t.teams)),
             number(t.hours_per_month), dash(t.doc.get("automation_difficulty")), number(t.priority_score, 2),
             t.action.value if t.action else "—", dash(t.doc.get("status"))) for name, t in items]
    cells = Counter((t.assessment.value_band if t.assessment else None, t.doc.get("automation_difficulty"), t.action) for _, t in items)
    matrix = []
    for band in toil_calc.ValueBand:
        row: list[object] = [f"{band.value.capitalize()} value"]
        for effort in toil_calc.Effort:
            action = next(c.action for c in toil_calc.TOIL_MATRIX if c.value == band and c.effort == effort)
            count = sum(n for (b, e, _), n in cells.items() if b == band and e == effort.value)
            row.append(f"{action.value} ({count})")
        matrix.append(row)
    # The one toil rule (model/toil_hours.py): shared items split evenly, automated items no longer toil.
    totals = team_toil(site.repo)
    teams = []
    for team_name, doc in sorted(site.repo.teams.items()):
        figures = totals.get(team_name)
        hours = figures.toil_hours if figures else 0.0
        sre_hours = page_facts.number(doc.get("sre_hours_per_month"))
        share = None
        note = "—"
        if sre_hours:
            over = over_budget(hours, sre_hours, toil_calc.TOIL_BUDGET_PCT)
            share = toil_calc.toil_share(toil_hours=hours, sre_hours=sre_hours)
            if hours > sre_hours:
                note = badge("more toil than SRE hours", "critical")
            else:
                note = badge("over budget", "critical") if over else badge("within budget", "healthy")
        teams.append((team_name, number(hours), number(figures.automated_hours if figures else 0.0),
                      number(sre_hours), pct(share.share_pct) if share else "—", note))
    toil_hours = sum(t.hours_per_month or 0 for _, t in items if t.doc.get("status") != "automated")
    automated = sum(t.hours_per_month or 0 for _, t in items if t.doc.get("status") == "automated")
    markdown = render("toil.md.j2", site=site, here=here, rows=rows, matrix=matrix, teams=teams,
                      budget=toil_calc.TOIL_BUDGET_PCT, total=number(toil_hours), automated=number(automated))
    return Page(src_uri=here, title="Toil", markdown=markdown, wide=True)


def build_findings(site: Site) -> Page:
    here = "org/findings.md"
    by_code = Counter((f.code, f.severity) for f in site.findings)
    code_rows = [(inline_code(code), badge(sev.value), n) for (code, sev), n in sorted(by_code.items(), key=lambda kv: (-kv[0][1].rank, -kv[1], kv[0][0]))]
    groups = []
    for service, found in sorted(site.findings_by_service.items(), key=lambda kv: (kv[0] is None, kv[0] or "")):
        title = service_link(site, here, service) if service else text("Organisation and repository")
        groups.append((title, finding_rows(site, found)))
    markdown = render("findings.md.j2", counts=[(s.value, n) for s, n in site.severity_counts.items()],
                      code_rows=code_rows, groups=groups, total=len(site.findings))
    return Page(src_uri=here, title="Findings", markdown=markdown, wide=True)


__all__ = [
    "build_budget_dashboard", "build_catalog", "build_dependency_map", "build_findings", "build_home",
    "build_incident_log", "build_oncall", "build_teams", "build_toil",
]
