"""Pages of their own for the two documents people open in a hurry or read in full:
runbooks (one page each, found by the alert's name) and postmortems (one page each,
with the incident record they belong to).
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re

from sre_docs.handbook import page_facts
from sre_docs.handbook.markup import Safe, html_link, md_link, text
from sre_docs.handbook.render import badge, dash, duration, inline_code, money, render, when
from sre_docs.handbook.service_page import action_item_rows, service_link
from sre_docs.handbook.site import Page, Site
from sre_docs.model.factors import factor_text, factors_of
from sre_docs.model.repository import Document, Service


#: Search weight of a runbook page: pasting an alert name finds its runbook before the postmortems that quote it.
RUNBOOK_BOOST = 4.0


#: A repository file named in running text: ``runbooks/login-error-spike.yaml``, ``../slos.yaml``.
_FILE_IN_TEXT = re.compile(r"(?<![\w/.-])((?:\.\.?/)*[\w.-]+(?:/[\w.-]+)*\.ya?ml)(?![\w/])")


def _page_for_file(site: Site, doc: Document, path: str) -> tuple[str, str] | None:
    """(label, page) for a file a runbook names: relative to the runbook's file, else to its service's folder."""
    candidates = [site.repo.resolve_link(doc, path)]
    if doc.service is not None and doc.service in site.repo.services:
        catalog = site.repo.services[doc.service].catalog
        folder = posixpath.dirname(catalog.path) if catalog is not None else None
        if folder:
            candidates.append(site.repo.documents_by_path.get(posixpath.normpath(posixpath.join(folder, path))))
    for found in candidates:
        docs = found if isinstance(found, list) else [found] if found is not None else []
        for target in docs:
            page = site.page_of(target)
            if page:
                return str(target.get("title", default=path)), page
        for target in docs:  # an SLO, SLI or alert file: its service's page
            if target.service in site.service_pages:
                return f"{target.service} ({posixpath.basename(path)})", site.service_pages[target.service]
    return None


#: A mitigation step that is a command: starts with a lower-case program name (or ./, ~/) and reads as one.
_COMMAND = re.compile(r"^(?:\.{0,2}/|~/)?[a-z][a-z0-9_./+-]*(?:\s|$)")


def is_command(step: object) -> bool:
    """A mitigation step to show as a code block with a copy button, rather than as a sentence.

    ``argocd app rollback auth-prod`` and ``kubectl …`` are commands; ``Watch the dashboard for 10
    minutes`` (a capital, a sentence) is not. Several lines are always a block.
    """
    if not isinstance(step, str) or not step.strip():
        return False
    if "\n" in step.strip():
        return True
    line = step.strip()
    return bool(_COMMAND.match(line)) and not line.endswith(".")


def linked_paths(site: Site, here: str, doc: Document, value: object) -> Safe:
    """``value`` as text, each repository file it names (``runbooks/x.yaml``) a link to that file's page."""
    if not isinstance(value, str):
        return text(value)
    out, position = [], 0
    for match in _FILE_IN_TEXT.finditer(value):
        found = _page_for_file(site, doc, match.group(1))
        if found is None:
            continue
        label, page = found
        out.append(text(value[position:match.start()]) if position == 0 else Safe(_continued(value[position:match.start()])))
        out.append(md_link(label, site.md_path(here, page)))
        position = match.end()
    if not out:
        return text(value)
    out.append(Safe(_continued(value[position:])))
    return Safe("").join(out)


def _continued(value: str) -> str:
    """Text that continues a line: spaces stay spaces (no leading-space escape)."""
    return str(text("x" + value))[1:]


def _alerts_using(site: Site, service: Service, runbook: Document) -> list[Document]:
    name = runbook.get("alert_name")
    return [a for a in service.alerts if a.get("name") == name or site.runbook_for_link(a, a.get("runbook")) is runbook]


def build_runbook_page(site: Site, service: Service, doc: Document) -> Page:
    here = site.page_of(doc)
    assert here is not None
    alert_name = doc.get("alert_name", default="")
    alerts = _alerts_using(site, service, doc)
    burn = [(slo, alert) for slo, _, alert in service.burn_rate_alerts() if alert.get("name") == alert_name]
    fired_by = []
    for alert in alerts:
        fired_by.append(Safe(f"{inline_code(alert.get('name', default='?'))} {badge(alert.get('severity', default='?'))} — "
                             f"{text(alert.get('condition', default=''))}"))
    for slo, burn_alert in burn:
        fired_by.append(Safe(f"{inline_code(burn_alert.get('name', '?'))} — burn-rate alert of SLO "
                             f"{text(service.slo_name(slo))} ({text(burn_alert.get('burn_rate', '?'))}x, {text(burn_alert.get('severity', '?'))})"))
    diagnosis = [d for d in doc.get("diagnosis", default=[]) if isinstance(d, dict)]
    mitigation = [m for m in doc.get("mitigation", default=[]) if isinstance(m, dict)]
    escalation = doc.get("escalation", default={})
    related = [html_link(item, item) if isinstance(item, str) and item.startswith(("http://", "https://"))
               else linked_paths(site, here, doc, item) for item in doc.get("related", default=[])]
    unexpected = {index: linked_paths(site, here, doc, step["if_unexpected"])
                  for index, step in enumerate(diagnosis) if isinstance(step.get("if_unexpected"), str)}
    markdown = render(
        "runbook.md.j2", doc=doc, here=here, alert_name=alert_name, service_link=service_link(site, here, service.name),
        fired_by=fired_by, diagnosis=diagnosis, mitigation=mitigation,
        escalation=escalation if isinstance(escalation, dict) else {}, related=related, unexpected=unexpected,
        is_command=is_command,
    )
    title = str(doc.get('title', default=alert_name))
    # The alert's name, on its own between spaces, joins the page title, which site search weighs most:
    # pasting the name finds this page first (a name glued to punctuation, "latency:", is another word).
    full = f"{title} · {alert_name}" if alert_name and alert_name != title else title
    return Page(src_uri=here, title=full, markdown=markdown, edit_path=doc.path, search_boost=RUNBOOK_BOOST,
                nav_title=title)


def build_postmortem_page(site: Site, service: Service, doc: Document) -> Page:
    here = site.page_of(doc)
    assert here is not None
    incident_id = doc.get("incident", default="")
    incident = site.incidents.get(incident_id) if isinstance(incident_id, str) else None
    items = page_facts.action_items(doc, site.clock)
    impact = doc.get("impact", default={})
    impact_rows = []
    labels = (("users_affected", "Users affected"), ("duration_minutes", "Duration (minutes)"),
              ("revenue_impact_usd", "Revenue lost"), ("slo_budget_consumed_pct", "Error budget spent (%)"),
              ("data_loss", "Data lost"), ("customer_tickets", "Customer tickets"))
    if isinstance(impact, dict):
        shown = {"users_affected": lambda v: f"{v:,}", "customer_tickets": lambda v: f"{v:,}", "revenue_impact_usd": money,
                 "duration_minutes": lambda v: f"{v:g} ({duration(dt.timedelta(minutes=v))})"}
        impact_rows = [(label, shown.get(key, lambda v: v)(impact[key])) for key, label in labels if key in impact]
    record_rows = []
    if incident is not None:
        d = incident.durations
        record_rows = [
            ("Services", Safe(", ").join(service_link(site, here, s) for s in incident.services)),
            ("Severity", Safe(f"{badge(incident.severity or '?')}" + (
                f" (the matrix gives {text(incident.matrix.severity)}: {text('; '.join(incident.matrix.reasons))})"
                if incident.matrix and incident.matrix.severity != incident.severity else ""))),
            ("Status", dash(incident.status)),
            ("Started", when(incident.started)),
            ("Detected after", duration(d.time_to_detect if d else None)),
            ("Acknowledged after detection", duration(d.time_to_acknowledge if d else None)),
            ("Mitigated after", duration(d.time_to_mitigate if d else None)),
            ("Resolved after", duration(d.time_to_resolve if d else None)),
            ("Postmortem due", when(incident.postmortem_due) if incident.postmortem_required
             else f"not required for {incident.severity or 'this severity'}"),
        ]
        channel = incident.doc.get("channel")
        if channel:
            record_rows.append(("Channel", inline_code(channel)))
        roles = incident.doc.get("roles", default={})
        if isinstance(roles, dict):
            for key, label in (("incident_commander", "Incident commander"), ("communications_lead", "Communications lead"),
                               ("operations_lead", "Operations lead"), ("scribe", "Scribe")):
                if roles.get(key):
                    record_rows.append((label, roles[key]))
            experts = [e for e in roles.get("subject_matter_experts", []) or [] if isinstance(e, str)]
            if experts:
                record_rows.append(("Subject matter experts", ", ".join(experts)))
        for problem in incident.timeline_problems:
            record_rows.append(("Timeline problem", problem))
    timeline = [(when(page_facts.moment(e.get("time"))), e.get("event", "")) for e in doc.get("timeline", default=[]) if isinstance(e, dict)]
    updates = []
    if incident is not None:
        updates = [(when(page_facts.moment(u.get("time"))), dash(u.get("status")), u.get("message", ""))
                   for u in incident.doc.get("updates", default=[]) if isinstance(u, dict)]
    markdown = render(
        "postmortem.md.j2", doc=doc, here=here, incident_id=incident_id,
        service_link=service_link(site, here, service.name), impact_rows=impact_rows, record_rows=record_rows,
        timeline=timeline, updates=updates,
        whys=[w for w in doc.get("five_whys", default=[]) if isinstance(w, dict)],
        detection=doc.get("detection", default={}), resolution=doc.get("resolution", default={}),
        action_items=action_item_rows(site, here, items),
        overdue=sum(1 for i in items if i.overdue),
        lists=[("Contributing factors", [factor_text(f) for f in factors_of(doc)])] + [
            (title, [x for x in doc.get(key, default=[]) if isinstance(x, str)]) for key, title in (
                ("what_went_well", "What went well"), ("what_went_wrong", "What went wrong"),
                ("where_we_got_lucky", "Where we got lucky"))],
    )
    title = f"{incident_id}: {doc.get('title', default='')}" if incident_id else str(doc.get("title", default=doc.path))
    return Page(src_uri=here, title=title, markdown=markdown, edit_path=doc.path)


__all__ = ["build_postmortem_page", "build_runbook_page"]
