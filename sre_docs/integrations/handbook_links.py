"""Absolute links into the published handbook, for alerts and catalogs that live elsewhere.

A Prometheus alert's ``runbook_url`` and a Backstage component's links must point at the
same pages the site builds. Rather than guess the paths, this module asks the site's own
page plan (:func:`sre_docs.model.page_paths.plan_pages`, which the site is built from), so that a change in the site's layout
moves the links with it.

The site's base URL comes from ``--site-url``, else from ``site_url`` in the repo's
``mkdocs.yml``. Without either there is nowhere absolute to point, and callers leave the
links out (and say so).
"""

from __future__ import annotations

from dataclasses import dataclass

from sre_docs.loading.site_settings import MKDOCS_FILES, SiteSettings, site_settings
from sre_docs.model.page_paths import page_url, plan_pages
from sre_docs.model.repository import Document, Repository

__all__ = ["MKDOCS_FILES", "HandbookLinks", "SiteSettings", "site_settings"]


@dataclass
class HandbookLinks:
    """Absolute URLs of handbook pages; every method returns None when no base URL is known."""

    repo: Repository
    settings: SiteSettings

    def __post_init__(self) -> None:
        self._plan = plan_pages(self.repo)

    @property
    def known(self) -> bool:
        return self.settings.site_url is not None

    def _absolute(self, src_uri: str | None) -> str | None:
        if src_uri is None or self.settings.site_url is None:
            return None
        base = self.settings.site_url.rstrip("/") + "/"
        return base + page_url(src_uri, directory_urls=self.settings.directory_urls)

    def home(self) -> str | None:
        return self._absolute("index.md")

    def service_page(self, service: str) -> str | None:
        return self._absolute(self._plan.service_pages.get(service))

    def document_page(self, doc: Document) -> str | None:
        """The page of a runbook or postmortem (documents that get a page of their own)."""
        return self._absolute(self._plan.page_of(doc))
