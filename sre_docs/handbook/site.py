"""The page plan: which pages the handbook has, where they live and how they link.

Everything here is independent of MkDocs. A :class:`Handbook` is a list of pages (a source
path, a plain-text title, Markdown, and the YAML file a contributor edits to change it) and
a navigation tree. The MkDocs plugin turns it into files and nav entries; another
generator could write the same pages to disk.

Page budget per service, whatever the repo's size: one service page (SLOs, alerts,
incidents, experiments, toil, capacity, on-call, PRR and findings are sections of it), one
page per runbook and one per postmortem.
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar, cast

from sre_docs.model.slo_budgets import SloBudget, service_budgets
from sre_docs.findings import Finding, Severity
from sre_docs.handbook import page_facts
from sre_docs.handbook.markup import Safe, md_code, md_link, text
from sre_docs.model.page_paths import page_url, plan_pages, slug
from sre_docs.model.repository import Document, Repository, Service
from sre_docs.schemas.vocabulary import TIERS

_T = TypeVar("_T")

__all__ = ["Handbook", "NavNode", "Page", "Site", "relative_path", "relative_url", "page_url", "slug"]


@dataclass(frozen=True)
class Page:
    """One generated page. ``title`` is plain text: whoever renders it escapes it."""

    src_uri: str
    title: str
    markdown: str
    edit_path: str | None = None
    #: Parts of the page frame a generator may leave out to give wide tables room ("toc").
    hide: tuple[str, ...] = ()
    #: A data page (tables first): the theme gives it the whole window's width.
    wide: bool = False
    #: Weight of the page in site search (Material's ``search.boost``): the page people look
    #: an alert name or an incident id up for comes first; ``None`` keeps the default.
    search_boost: float | None = None
    #: A shorter title for the navigation (``title`` names the page in the browser tab and in search).
    nav_title: str | None = None

    @property
    def label(self) -> str:
        """The page's name in the navigation."""
        return self.nav_title or self.title


@dataclass(frozen=True)
class NavNode:
    """A nav entry: a page (``page`` set, no children) or a section (``page`` is its index page, if any)."""

    title: str
    page: str | None = None
    children: tuple[NavNode, ...] = ()


@dataclass(frozen=True)
class Handbook:
    pages: tuple[Page, ...]
    nav: tuple[NavNode, ...]
    #: Incident id -> the source path of its page, for linking ids in any page's text.
    incidents: Mapping[str, str] = field(default_factory=dict)

    def page(self, src_uri: str) -> Page | None:
        return next((p for p in self.pages if p.src_uri == src_uri), None)


def relative_path(path: str, start: str) -> str:
    """``posixpath.relpath(path, start)`` for the site's own relative paths, without asking the OS for the
    working folder (``relpath`` does, twice per call; a big handbook makes tens of thousands of links).
    Absolute paths and paths that climb (``..``) go to ``relpath`` itself."""
    if path.startswith("/") or start.startswith("/"):
        return posixpath.relpath(path, start)
    to = [part for part in path.split("/") if part and part != "."]
    origin = [part for part in start.split("/") if part and part != "."]
    if ".." in to or ".." in origin:
        return posixpath.relpath(path, start)
    common = 0
    for mine, theirs in zip(to, origin, strict=False):
        if mine != theirs:
            break
        common += 1
    return "/".join([".."] * (len(origin) - common) + to[common:]) or "."


def relative_url(from_uri: str, to_uri: str, *, directory_urls: bool = True, anchor: str = "") -> str:
    """A relative URL from one page to another, for raw HTML (Markdown links use ``.md`` paths)."""
    source = page_url(from_uri, directory_urls=directory_urls)
    target = page_url(to_uri, directory_urls=directory_urls)
    base = source if source.endswith("/") or not source else posixpath.dirname(source) + "/"
    rel = relative_path(target or ".", base.rstrip("/") or ".")
    if target.endswith("/") and not rel.endswith("/"):
        rel += "/"
    if rel == "./":
        rel = "./"
    return rel + (f"#{anchor}" if anchor else "")


@dataclass
class Site:
    """The repository, its findings and the clock, with every page path decided up front.

    Builders ask the site for paths and links, and for figures computed once (budgets,
    incident facts) so that the home page and the service page agree.
    """

    repo: Repository
    findings: Sequence[Finding]
    clock: page_facts.Clock
    directory_urls: bool = True
    source_url: Callable[[str], str | None] | None = None
    #: Hand-written guide pages that exist in this site, by topic (``slos`` -> ``handbook/slos.md``).
    guides: Mapping[str, str] = field(default_factory=dict)
    #: Which incidents need a postmortem by when (PM001's options), for the "overdue" marks.
    postmortem_rule: page_facts.PostmortemRule = field(default_factory=page_facts.PostmortemRule)
    service_pages: dict[str, str] = field(default_factory=dict)
    doc_pages: dict[int, str] = field(default_factory=dict)  # id(document) -> src_uri
    #: Under ``mkdocs serve``: service -> fingerprint of what its pages show (``build.service_inputs``),
    #: and values computed per service by earlier builds, which builders reuse when the fingerprint is unchanged.
    unit_keys: dict[str, str] = field(default_factory=dict)
    kept: dict[Any, Any] | None = None
    #: Incident id -> its page; the incident filed under the id in ``repo.incidents`` owns the id.
    incident_pages: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        plan = plan_pages(self.repo)  # the same plan the linter reads for deployed rules' runbook URLs
        self.service_pages.update(plan.service_pages)
        self.doc_pages.update(plan.doc_pages)
        for ident, doc in self.repo.incidents.items():
            if id(doc) in self.doc_pages:
                self.incident_pages[str(ident)] = self.doc_pages[id(doc)]

    # -- links -------------------------------------------------------------------------------------
    def page_of(self, doc: Document) -> str | None:
        return self.doc_pages.get(id(doc))

    def incident_link(self, here: str, ident: object, label: object | None = None) -> Safe:
        """A link to an incident's page by its id, or the id as code when the repo has no such incident."""
        target = self.incident_pages.get(ident) if isinstance(ident, str) else None
        shown = md_code(ident) if label is None else text(label)
        if target is None or target == here:
            return shown
        return md_link(shown, self.md_path(here, target))

    def md_path(self, from_uri: str, to_uri: str, anchor: str = "") -> str:
        """Relative ``.md`` path for a Markdown link between two generated pages."""
        rel = relative_path(to_uri, posixpath.dirname(from_uri) or ".")
        return rel + (f"#{anchor}" if anchor else "")

    def guide(self, here: str, topic: str, label: str) -> Safe:
        """A link to the hand-written guide page on ``topic``, or just ``label`` when the site has none."""
        target = self.guides.get(topic)
        return md_link(label, self.md_path(here, target)) if target else text(label)

    def url(self, from_uri: str, to_uri: str, anchor: str = "") -> str:
        return relative_url(from_uri, to_uri, directory_urls=self.directory_urls, anchor=anchor)

    def runbook_for_link(self, doc: Document, link: object) -> Document | None:
        """The runbook document a relative link from ``doc`` points at, if it is in the repo."""
        if not isinstance(link, str):
            return None
        found = self.repo.resolve_link(doc, link)
        if isinstance(found, list):
            return next((d for d in found if d.kind == "runbook"), None)
        return None

    # -- computed once -------------------------------------------------------------------------------
    @cached_property
    def incidents(self) -> dict[str, page_facts.IncidentFacts]:
        return {key: page_facts.incident_facts(self.repo, doc, self.clock, self.postmortem_rule) for key, doc in self.repo.incidents.items()}

    def incidents_of(self, service: str) -> list[page_facts.IncidentFacts]:
        chosen = [self.incidents[str(d.get("id") or d.name)] for d in self.repo.incidents_of(service)
                  if str(d.get("id") or d.name) in self.incidents]
        return sorted(chosen, key=lambda i: (i.started is None, i.started), reverse=True)

    @cached_property
    def budgets(self) -> dict[str, list[SloBudget]]:
        """Every SLO's budget by service, from :mod:`sre_docs.model.slo_budgets` as of the site's day (00:00 UTC).

        Under ``mkdocs serve``, a service's budgets come from the last build when its inputs are unchanged
        (a budget reads the service's folder, the incidents naming it wherever they are filed, the
        organisation's budget policy and the day: all part of ``unit_keys``)."""
        return {name: self.keep(name, "budgets", "", functools.partial(service_budgets, self.repo, service,
                                                                       as_of=self.clock.as_of))
                for name, service in self.repo.services.items()}

    def keep(self, service: str, kind: str, what: str, make: Callable[[], _T]) -> _T:
        """``make()``, or the ``kind`` of value (budgets, a scorecard, its page) an earlier build made for
        ``service`` when the service's inputs (``unit_keys``) and ``what`` else it depends on are unchanged."""
        stamp = (self.unit_keys.get(service), what)
        if self.kept is None or stamp[0] is None:
            return make()
        found = self.kept.get((service, kind))
        if found is not None and found[0] == stamp:
            return cast(_T, found[1])
        value = make()
        self.kept[(service, kind)] = (stamp, value)
        return value

    @cached_property
    def action_items(self) -> list[page_facts.ActionItem]:
        items = []
        for service in self.repo.services.values():
            for doc in service.postmortems:
                items.extend(page_facts.action_items(doc, self.clock))
        return items

    @cached_property
    def findings_by_service(self) -> dict[str | None, list[Finding]]:
        grouped: dict[str | None, list[Finding]] = {}
        for finding in sorted(self.findings, key=lambda f: (-f.severity.rank, f.sort_key)):
            grouped.setdefault(finding.service, []).append(finding)
        return grouped

    @cached_property
    def severity_counts(self) -> dict[Severity, int]:
        counts = {severity: 0 for severity in sorted(Severity, key=lambda s: -s.rank)}
        for finding in self.findings:
            counts[finding.severity] += 1
        return counts

    def services_by_tier(self) -> list[tuple[str, list[Service]]]:
        """(tier, services) in tier order; services without a valid tier last, as ``unclassified``."""
        groups: dict[str, list[Service]] = {tier: [] for tier in (*TIERS, "unclassified")}
        for name in sorted(self.repo.services, key=str.lower):
            service = self.repo.services[name]
            groups[service.tier if service.tier in TIERS else "unclassified"].append(service)
        return [(tier, members) for tier, members in groups.items() if members]

    def rotation_services(self) -> Mapping[str, list[str]]:
        covered: dict[str, list[str]] = {}
        for name, service in sorted(self.repo.services.items()):
            rotation = service.catalog.get("oncall_rotation") if service.catalog else None
            if isinstance(rotation, str):
                covered.setdefault(rotation, []).append(name)
        return covered
