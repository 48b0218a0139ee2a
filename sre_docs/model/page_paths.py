"""Where each page of the handbook lives: one plan that the site and the linter both read.

The handbook gives every service a folder, and every runbook, postmortem and incident a page
inside it, named by a slug of its alert name, incident id or title. ``sre-docs lint`` must know
those paths too: a Prometheus rule deployed outside the repo points at a runbook page by URL, and
the check that the URL resolves has to ask the same plan the site is built from, or the two
would drift the first time the layout changes. The plan is pure (model in, paths out), so it lives
below both the linter and the page builders.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sre_docs.model.repository import Document, Repository

_SLUG = re.compile(r"[^a-z0-9]+")


def slug(value: str, *, fallback: str = "page") -> str:
    """Lower-case ASCII words joined by ``-``: safe in a file name and a URL on any OS."""
    words = _SLUG.sub("-", value.lower()).strip("-")
    return words[:80].rstrip("-") or fallback


def page_url(src_uri: str, *, directory_urls: bool = True) -> str:
    """The URL path MkDocs gives a page (``services/a/index.md`` -> ``services/a/``)."""
    stem, _ = posixpath.splitext(src_uri)
    if posixpath.basename(stem) == "index":
        head = posixpath.dirname(stem)
        return f"{head}/" if head else ""
    return f"{stem}/" if directory_urls else f"{stem}.html"


@dataclass
class PagePlan:
    """Source paths (``services/checkout/runbooks/high-error-rate.md``) of the pages the repo's documents get.

    ``service_pages`` maps a service name to its page; ``doc_pages`` maps ``id(document)`` to the page of a
    runbook, postmortem or incident. Names that slug alike get ``-2``, ``-3`` in file order.
    """

    service_pages: dict[str, str] = field(default_factory=dict)
    doc_pages: dict[int, str] = field(default_factory=dict)

    def page_of(self, doc: Document) -> str | None:
        return self.doc_pages.get(id(doc))


def plan_pages(repo: Repository) -> PagePlan:
    """The page plan of ``repo``: a folder per service, a page per runbook, postmortem and incident."""
    plan = PagePlan()
    used: set[str] = {"index", "tiers"}
    for name in sorted(repo.services):
        base = slug(name, fallback="service")
        candidate, n = base, 2
        while candidate in used:
            candidate, n = f"{base}-{n}", n + 1
        used.add(candidate)
        folder = f"services/{candidate}"
        plan.service_pages[name] = f"{folder}/index.md"
        service = repo.services[name]
        _plan(plan, service.runbooks, f"{folder}/runbooks", lambda d: d.get("alert_name") or d.get("title"))
        _plan(plan, service.postmortems, f"{folder}/postmortems", lambda d: d.get("incident") or d.get("title"))
        _plan(plan, service.incidents, f"{folder}/incidents", lambda d: d.get("id") or d.get("title"))
    return plan


def _plan(plan: PagePlan, docs: Iterable[Document], folder: str, name_of: Callable[[Document], object]) -> None:
    used: set[str] = {"index"}
    for doc in sorted(docs, key=lambda d: (d.path, d.line)):
        base = slug(str(name_of(doc) or posixpath.splitext(posixpath.basename(doc.path))[0]))
        candidate, n = base, 2
        while candidate in used:
            candidate, n = f"{base}-{n}", n + 1
        used.add(candidate)
        plan.doc_pages[id(doc)] = f"{folder}/{candidate}.md"
