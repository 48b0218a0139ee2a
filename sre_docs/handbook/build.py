"""Assemble the whole handbook: every page and the navigation tree.

Navigation is hierarchical so that Material's ``navigation.prune`` keeps each page's HTML
small at any size: Services → tier → (alphabetical run, in big tiers) → service →
(runbooks, postmortems). A service with runbooks or postmortems becomes a section whose index page is
the service page (Material's ``navigation.indexes``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sre_docs.findings import Finding
from sre_docs.handbook import culture_page, doc_pages, incident_pages, org_pages
from sre_docs.handbook.page_facts import Clock, PostmortemRule
from sre_docs.handbook.sections import CONTRIBUTED_PAGES
from sre_docs.handbook.charts import DependencyEdge
from sre_docs.handbook.service_page import build_service_page, dependency_edges
from sre_docs.handbook.site import Handbook, NavNode, Page, Site
from sre_docs.model.repository import Repository, Service

__all__ = ["HandbookOptions", "PageReuse", "build_handbook", "service_inputs"]


@dataclass(frozen=True)
class HandbookOptions:
    """Choices a generator makes for the handbook.

    ``source_url`` maps a repo-relative path to a URL showing the file (findings link to
    it); ``guides`` names the hand-written guide pages present, by topic; ``reference``
    is extra pages with their nav tree (policy and kind references) built elsewhere.
    """

    today: dt.date
    title: str = "Reliability handbook"
    directory_urls: bool = True
    source_url: Callable[[str], str | None] | None = None
    guides: Mapping[str, str] = field(default_factory=dict)
    reference: tuple[tuple[Page, ...], tuple[NavNode, ...]] = ((), ())
    #: PM001's options, so that the pages mark overdue exactly the postmortems the policy reports.
    postmortem_rule: PostmortemRule = field(default_factory=PostmortemRule)


@dataclass
class PageReuse:
    """The pages of earlier builds, kept by the fingerprint of their inputs (for ``mkdocs serve``).

    A service's pages (its page, runbooks, postmortems and incidents) are the bulk of a big
    handbook, and an edit touches one service. They are rebuilt only when their inputs changed:
    see :func:`service_inputs`. Organisation-wide pages read every service and are always rebuilt.

    ``digests``: repo path -> hash of the file's bytes, for every file of this build.
    ``context``: what else decides the pages (the generator's own settings); a new value drops
    every kept page. ``units`` is updated in place; ``rebuilt`` names the services built this time.
    """

    digests: Mapping[str, str]
    context: str = ""
    units: dict[str, tuple[str, list[Page], NavNode]] = field(default_factory=dict)
    rebuilt: set[str] = field(default_factory=set)
    #: Other values kept per service by the builders (``Site.kept``): scorecards and their pages.
    memo: dict[Any, Any] = field(default_factory=dict)
    #: src_uri -> (the page as built, the page marked for layout) of the last build: see ``_all_marked``.
    marked: dict[str, tuple[Page, Page]] = field(default_factory=dict)


def _folder_digests(digests: Mapping[str, str]) -> dict[str, str]:
    """Top folder (``services/<name>`` or ``org``) -> one hash of the paths and contents of its files."""
    grouped: dict[str, list[str]] = {}
    for path, digest in sorted(digests.items()):
        parts = path.split("/")
        folder = "/".join(parts[:2]) if parts[0] == "services" and len(parts) > 2 else parts[0]
        grouped.setdefault(folder, []).append(f"{path}\0{digest}")
    return {folder: _hash(entries) for folder, entries in grouped.items()}


def _hash(parts: Sequence[object]) -> str:
    return hashlib.sha256("\n".join(repr(p) for p in parts).encode("utf-8", "surrogatepass")).hexdigest()


def service_inputs(site: Site, service: Service, edges: Sequence[DependencyEdge]) -> set[str]:
    """The services whose documents a service's pages show: itself, its dependencies both ways (the
    dependency graph shows their names and tiers), every service an incident of its pages names
    (incident pages show each affected service's budget) and the folders of those incidents' postmortems. ``edges``: those that touch the service, or all."""
    related = {service.name}
    for edge in edges:
        if service.name in (edge.caller, edge.callee):
            related.update((edge.caller, edge.callee))
    for doc in [*service.incidents, *site.repo.incidents_of(service.name)]:
        named = doc.get("services", default=[])
        related.update(n for n in (named if isinstance(named, list) else []) if isinstance(n, str))
        if doc.service is not None:
            related.add(doc.service)
        # Its postmortem, wherever filed: its budget figure stands in for the incident's (budgets, pages).
        postmortem = site.repo.postmortems_by_incident.get(str(doc.get("id") or doc.name))
        if postmortem is not None and postmortem.service is not None:
            related.add(postmortem.service)
    return related


def _shared_inputs(site: Site, options: HandbookOptions, folders: Mapping[str, str], context: str) -> str:
    """What every service's pages depend on: the organisation's files, the day, the options and the
    page plan (which page every document has, as links point there)."""
    return _hash([
        context, folders.get("org"), folders.get("sre-docs.yaml"), options.today, options.title,
        options.directory_urls, sorted(options.guides.items()), options.postmortem_rule,
        sorted(site.service_pages.items()), sorted(site.doc_pages.values()), sorted(site.incident_pages.items()),
        sorted((name, s.tier) for name, s in site.repo.services.items()),
    ])


def _unit_keys(site: Site, edges: Sequence[DependencyEdge], folders: Mapping[str, str], shared: str) -> dict[str, str]:
    """Service -> one hash of everything its pages show (see :func:`service_inputs`): the folders of
    the related services, the findings about it and its dependency edges, besides ``shared``.

    Edges and findings are grouped by service first, so that the keys of a thousand services cost
    one pass over each rather than one per service."""
    touching: dict[str, list[DependencyEdge]] = {}
    for edge in edges:
        for name in dict.fromkeys((edge.caller, edge.callee)):
            touching.setdefault(name, []).append(edge)
    by_folder: dict[str, list[str]] = {}
    for name, service in site.repo.services.items():
        by_folder.setdefault(service.folder, []).append(name)
    about: dict[str, list[Finding]] = {}
    for finding in site.findings:
        parts = finding.path.split("/")
        owners = {finding.service}
        for end in range(1, len(parts)):
            owners.update(by_folder.get("/".join(parts[:end]), ()))
        for owner in owners:
            if owner is not None:
                about.setdefault(owner, []).append(finding)
    keys = {}
    for name, service in site.repo.services.items():
        own = touching.get(name, [])
        related = sorted(service_inputs(site, service, own))
        findings = [f for f in about.get(name, ()) if f.service == name or f.path.startswith(service.folder + "/")]
        keys[name] = _hash([
            shared, [(other, folders.get(f"services/{other}")) for other in related],
            sorted(repr(f) for f in findings),
            sorted(repr(e) for e in own),
        ])
    return keys


#: A tier with more services than this is split into alphabetical runs in the navigation, so
#: that no page carries hundreds of sibling entries (Material renders every visible sibling).
MAX_FLAT_SERVICES = 25


def _service_pages(site: Site, service: Service, edges: Sequence[DependencyEdge]) -> tuple[list[Page], NavNode]:
    """The service page, its runbook, postmortem and incident pages, and its nav node."""
    page = build_service_page(site, service, edges)
    runbooks = [doc_pages.build_runbook_page(site, service, d) for d in service.runbooks if site.page_of(d)]
    postmortems = [doc_pages.build_postmortem_page(site, service, d) for d in service.postmortems if site.page_of(d)]
    incidents = [incident_pages.build_incident_page(site, site.incidents[i]) for i in sorted(
        (str(d.get("id")) for d in service.incidents if site.page_of(d) == site.incident_pages.get(str(d.get("id")))),
        reverse=True) if i in site.incidents]
    children: list[NavNode] = []
    if runbooks:
        ordered = sorted(runbooks, key=lambda p: p.label.lower())
        children.append(NavNode("Runbooks", None, tuple(NavNode(p.label, p.src_uri) for p in ordered)))
    if postmortems:
        ordered = sorted(postmortems, key=lambda p: p.title, reverse=True)
        children.append(NavNode("Postmortems", None, tuple(NavNode(p.title, p.src_uri) for p in ordered)))
    if incidents:
        children.append(NavNode("Incidents", None, tuple(NavNode(p.label, p.src_uri) for p in incidents)))
    node = NavNode(service.name, page.src_uri, (NavNode(service.name, page.src_uri), *children) if children else ())
    return [page, *runbooks, *postmortems, *incidents], node


def _buckets(services: Sequence[tuple[Service, NavNode]]) -> tuple[NavNode, ...]:
    """Service nodes of one tier; past ``MAX_FLAT_SERVICES``, split into alphabetical runs of about that size.

    Material's ``navigation.sections`` shows every child of a tier on every page of the
    Services tab, so a tier of 400 services would put 400 entries on each of thousands of
    pages. Runs labelled "first … last" keep that to a few dozen entries at any size.
    """
    if len(services) <= MAX_FLAT_SERVICES:
        return tuple(node for _, node in services)
    count = math.ceil(len(services) / MAX_FLAT_SERVICES)
    size = math.ceil(len(services) / count)
    runs = [services[i:i + size] for i in range(0, len(services), size)]
    return tuple(NavNode(f"{run[0][0].name} … {run[-1][0].name}", None, tuple(node for _, node in run)) for run in runs)


def build_handbook(repo: Repository, findings: Sequence[Finding], options: HandbookOptions,
                   reuse: PageReuse | None = None) -> Handbook:
    """Every generated page of the handbook and its navigation; with ``reuse``, a service's pages
    come from an earlier build when none of their inputs changed."""
    site = Site(repo=repo, findings=findings, clock=Clock(options.today), directory_urls=options.directory_urls,
                source_url=options.source_url, guides=dict(options.guides), postmortem_rule=options.postmortem_rule)
    edges = dependency_edges(site)
    tier_nodes: list[NavNode] = []
    folders = _folder_digests(reuse.digests) if reuse is not None else {}
    shared = _shared_inputs(site, options, folders, reuse.context) if reuse is not None else ""
    if reuse is not None:
        reuse.rebuilt.clear()
        for gone in set(reuse.units) - set(repo.services):
            del reuse.units[gone]
        site.unit_keys = _unit_keys(site, edges, folders, shared)
        site.kept = reuse.memo
    pages: list[Page] = [org_pages.build_home(site, title=options.title), org_pages.build_catalog(site)]
    for tier, services in site.services_by_tier():
        service_nodes = []
        for service in services:
            if reuse is None:
                service_pages, node = _service_pages(site, service, edges)
            else:
                key = site.unit_keys[service.name]
                kept = reuse.units.get(service.name)
                if kept is not None and kept[0] == key:
                    service_pages, node = kept[1], kept[2]
                else:
                    service_pages, node = _service_pages(site, service, edges)
                    reuse.units[service.name] = (key, service_pages, node)
                    reuse.rebuilt.add(service.name)
            pages.extend(service_pages)
            service_nodes.append((service, node))
        tier_nodes.append(NavNode(tier.capitalize(), None, _buckets(service_nodes)))
    org = [
        org_pages.build_teams(site), org_pages.build_incident_log(site), org_pages.build_budget_dashboard(site),
        org_pages.build_dependency_map(site), org_pages.build_oncall(site), org_pages.build_toil(site),
        culture_page.build_culture(site), org_pages.build_findings(site),
    ]
    pages.extend(org)
    groups = []
    for group in sorted(CONTRIBUTED_PAGES, key=lambda g: (g.order, g.title)):
        extra = list(group.build(site))
        if extra:
            pages.extend(extra)
            groups.append(NavNode(group.title, extra[0].src_uri, tuple(NavNode(p.title, p.src_uri) for p in extra)))
    reference_pages, reference_nav = options.reference
    pages.extend(reference_pages)
    nav = [
        NavNode("Home", "index.md"),
        NavNode("Services", "services/index.md", (NavNode("Service catalog", "services/index.md"), *tier_nodes)),
        NavNode("Organisation", "org/index.md", tuple(NavNode(p.title, p.src_uri) for p in org)),
        *groups,
    ]
    if reference_nav:
        nav.append(NavNode("Reference", reference_nav[0].page, reference_nav))
    return Handbook(pages=_all_marked(pages, reuse), nav=tuple(nav), incidents=dict(site.incident_pages))


def _all_marked(pages: Sequence[Page], reuse: PageReuse | None) -> tuple[Page, ...]:
    """Every page :func:`_marked`; with ``reuse``, a page kept from the last build (the same object) gets the
    same marked page as then, so that its Markdown is the same string and is not hashed again."""
    if reuse is None:
        return tuple(_marked(p) for p in pages)
    done: dict[str, tuple[Page, Page]] = {}
    out = []
    for page in pages:
        known = reuse.marked.get(page.src_uri)
        marked = known[1] if known is not None and known[0] is page else _marked(page)
        done[page.src_uri] = (page, marked)
        out.append(marked)
    reuse.marked = done
    return tuple(out)


def _marked(page: Page) -> Page:
    """The page with the empty element the handbook's CSS keys its layout on (``sre-page``; ``sre-wide`` for data pages).

    In the Markdown itself, so every generator that builds the pages (the plugin, or Zensical
    after ``sre-docs handbook render``) lays them out the same way.
    """
    marker = '<div class="sre-page sre-wide"></div>' if page.wide else '<div class="sre-page"></div>'
    return dataclasses.replace(page, markdown=f"{marker}\n\n{page.markdown}")
