"""A page per incident, and the incident index with its filters.

An incident page answers what an on-call engineer or a reviewer asks first: is it still
open, who runs it and where (commander, roles, channel), how it unfolded (timestamps and
status updates), why it has the severity it has (the matrix inputs and each escalation
rule that fired), what it cost (users, revenue and the error budget of each SLO it counted
against) and what came out of it (the postmortem and its action items). Every figure comes
from :mod:`sre_docs.handbook.page_facts` and ``sre_docs.calc``, the same functions the
incident log, the service pages and the CLI use.
"""

from __future__ import annotations

from collections.abc import Sequence

from sre_docs.calc.incident_budget import incident_spent_pct
from sre_docs.calc.severity import IMPACT_FUNCTION_LABELS, USER_IMPACT_LABELS, ImpactFunction, UserImpact
from sre_docs.handbook import page_facts
from sre_docs.handbook.markup import Safe, md_link, text
from sre_docs.handbook.render import dash, duration, kv_table, money, pct, render, when
from sre_docs.handbook.service_page import action_item_rows, budget_badges, incident_status_badge, service_link
from sre_docs.handbook.site import Page, Site, slug
from sre_docs.model.slo_budgets import incident_impact

__all__ = ["build_incident_page", "incident_filters"]

#: Search weight of an incident page: its id finds it before the pages that mention the incident.
INCIDENT_BOOST = 4.0

_ROLES = (
    ("incident_commander", "Incident commander"), ("communications_lead", "Communications lead"),
    ("operations_lead", "Operations lead"), ("scribe", "Scribe"),
)
_STEPS = (
    ("started", "Impact started"), ("detected", "Detected"), ("acknowledged", "Acknowledged"),
    ("mitigated", "Mitigated"), ("resolved", "Resolved"),
)


def _label(labels: object, key: object) -> str:
    try:
        return labels[key]  # type: ignore[index]  # a StrEnum-keyed mapping looked up by its value
    except (KeyError, TypeError):
        return str(key)


def _reason(reason: str) -> str:
    """A step of the matrix's reasoning in words: ``revenue_impact: Lost revenue …`` -> ``Lost revenue …``."""
    head, sep, rest = reason.partition(": ")
    if not sep or " " in head:
        return reason
    return rest[:1].upper() + rest[1:]


def _severity_inputs(item: page_facts.IncidentFacts) -> list[tuple[object, object]]:
    impact = item.doc.get("impact", default={})
    if not isinstance(impact, dict):
        return []
    rows: list[tuple[object, object]] = []
    function, users = impact.get("function"), impact.get("users")
    if function is not None:
        known = function in {f.value for f in ImpactFunction}
        rows.append(("What stopped working", _label(IMPACT_FUNCTION_LABELS, ImpactFunction(function)) if known else function))
    if users is not None:
        known = users in {u.value for u in UserImpact}
        shown = _label(USER_IMPACT_LABELS, UserImpact(users)) if known else users
        if isinstance(impact.get("users_pct"), (int, float)):
            shown = f"{shown} ({impact['users_pct']:g}% measured)"
        rows.append(("Users affected", shown))
    for key, label in (("data_loss", "Data lost"), ("pii_breach", "Personal data exposed"),
                       ("revenue_impact", "Revenue lost"), ("sla_breach_imminent", "SLA breach imminent")):
        if key in impact:
            rows.append((label, "yes" if impact.get(key) is True else "no"))
    if impact.get("revenue_impact_usd") is not None:
        rows.append(("Revenue lost (USD)", money(page_facts.number(impact.get("revenue_impact_usd")))))
    return rows


def _budget_rows(site: Site, here: str, item: page_facts.IncidentFacts) -> list[tuple[object, ...]]:
    """One row per SLO whose budget this incident counted against: its cost, declared and computed."""
    impact = incident_impact(site.repo, item.doc)
    declared_slo = item.doc.get("impact", "slo")
    declared = page_facts.number(item.doc.get("impact", "budget_consumed_pct"))
    rows: list[tuple[object, ...]] = []
    for service in item.services:
        for budget in site.budgets.get(service, []):
            counted = item.id in budget.counted_incidents
            if not counted and item.id not in budget.uncounted_incidents:
                continue
            spent = "—"
            if counted and impact is not None and budget.budget_minutes:
                spent = pct(incident_spent_pct(impact, budget_minutes=budget.budget_minutes, as_of=site.clock.as_of), 1)
            elif not counted:
                spent = "not counted: no usable start time"
            link = md_link(budget.name, site.md_path(here, site.service_pages[service], f"slo-{slug(budget.name)}")) \
                if service in site.service_pages else text(budget.name)
            left = budget.status.remaining_pct.value if budget.status else None
            state = budget_badges(budget)
            rows.append((service_link(site, here, service), link, spent,
                         pct(declared, 1) if declared is not None and declared_slo == budget.name else "—",
                         Safe(f"{text(pct(left))} {state}")))
    return rows


def _trigger(site: Site, here: str, item: page_facts.IncidentFacts) -> Safe | str:
    """The alert that fired first, linked to its runbook when one of the incident's services has it."""
    name = item.doc.get("trigger_alert")
    if not isinstance(name, str) or not name:
        return "—"
    for service in item.services:
        found = site.repo.services.get(service)
        for runbook in (found.runbooks_for(name) if found else []):
            page = site.page_of(runbook)
            if page:
                return Safe(f"{md_link(name, site.md_path(here, page))} (runbook)")
    return text(name)


def build_incident_page(site: Site, item: page_facts.IncidentFacts) -> Page:
    here = site.incident_pages[item.id]
    doc = item.doc
    roles = doc.get("roles", default={})
    roles = roles if isinstance(roles, dict) else {}
    role_rows: list[tuple[object, object]] = [(label, roles[key]) for key, label in _ROLES if roles.get(key)]
    experts = [e for e in roles.get("subject_matter_experts", []) or [] if isinstance(e, str)]
    if experts:
        role_rows.append(("Subject matter experts", ", ".join(experts)))
    started = item.timeline.started
    steps = []
    for key, label in _STEPS:
        at = getattr(item.timeline, key)
        after = duration(at - started) if at is not None and started is not None and key != "started" else "—"
        steps.append((label, when(at), after))
    d = item.durations
    durations = [
        ("Time to detect (MTTD)", duration(d.time_to_detect if d else None)),
        ("Time to acknowledge", duration(d.time_to_acknowledge if d else None)),
        ("Time to mitigate", duration(d.time_to_mitigate if d else None)),
        ("Time to resolve (MTTR)", duration(d.time_to_resolve if d else None)),
    ]
    updates = [(when(page_facts.moment(u.get("time"))), dash(u.get("status")), u.get("message", ""))
               for u in doc.get("updates", default=[]) if isinstance(u, dict)]
    postmortem = None
    items: list[tuple[object, ...]] = []
    postmortem_page = site.page_of(item.postmortem) if item.postmortem is not None else None
    if item.postmortem is not None and postmortem_page:
        postmortem = md_link(f"Postmortem of {item.id}", site.md_path(here, postmortem_page))
        items = list(action_item_rows(site, here, page_facts.action_items(item.postmortem, site.clock)))
    reasons = [_reason(r) for r in item.matrix.reasons] if item.matrix else []
    channel = doc.get("channel")
    markdown = render(
        "incident.md.j2", item=item, here=here, status=incident_status_badge(item),
        services=Safe(", ").join(service_link(site, here, s) for s in item.services) or "—",
        channel=channel if isinstance(channel, str) else None, trigger=_trigger(site, here, item),
        detection=doc.get("detection"), summary=doc.get("summary"), reasons=reasons,
        steps=steps, updates=updates, problems=item.timeline_problems,
        roles=kv_table("Role", role_rows) if role_rows else Safe(""),
        inputs=kv_table("Severity input", _severity_inputs(item)),
        durations=kv_table("Duration", durations),
        budget_rows=_budget_rows(site, here, item), postmortem=postmortem,
        postmortem_status=item.postmortem.get("status") if item.postmortem is not None else None,
        action_items=items, log=site.md_path(here, "org/incidents.md"),
    )
    return Page(src_uri=here, title=f"{item.id}: {item.title}", markdown=markdown, edit_path=doc.path,
                search_boost=INCIDENT_BOOST, nav_title=item.id)


def incident_filters(rows: Sequence[page_facts.IncidentFacts]) -> Safe:
    """The filter bar of the incident index: a ``<select>`` per column, read by handbook.js.

    Without JavaScript the bar stays hidden and the table lists every incident.
    """
    services = sorted({s for i in rows for s in i.services})
    severities = sorted({i.severity for i in rows if i.severity})
    options = {
        "service": [("", "All services"), *((s, s) for s in services)],
        "severity": [("", "All severities"), *((s, s) for s in severities)],
        "state": [("", "Open and closed"), ("open", "Open"), ("closed", "Closed")],
    }
    # A <div>, not a <form>: generated pages hold no forms (nothing to submit, nothing to phish with).
    parts = ['<div class="sre-filters" role="group" aria-label="Filter the incidents" data-sre-filter="incidents" hidden>']
    for key, choices in options.items():
        parts.append(f'<label>{text(key.capitalize())} <select name="{key}">')
        parts.extend(f'<option value="{text(value)}">{text(label)}</option>' for value, label in choices)
        parts.append("</select></label>")
    parts.append('<output aria-live="polite"></output></div>')
    return Safe("".join(parts))
