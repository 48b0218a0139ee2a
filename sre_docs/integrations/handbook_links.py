"""Absolute links into the published handbook, for alerts and catalogs that live elsewhere.

A Prometheus alert's ``runbook_url`` and a Backstage component's links must point at the
same pages the site builds. Rather than guess the paths, this module asks the site's own
page plan (:class:`sre_docs.handbook.site.Site`), so that a change in the site's layout
moves the links with it.

The site's base URL comes from ``--site-url``, else from ``site_url`` in the repo's
``mkdocs.yml``. Without either there is nowhere absolute to point, and callers leave the
links out (and say so).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from sre_docs.handbook.page_facts import Clock
from sre_docs.handbook.site import Site, page_url
from sre_docs.model.repository import Document, Repository

MKDOCS_FILES = ("mkdocs.yml", "mkdocs.yaml")


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose ``!ENV`` and ``!!python/name:`` tags a safe loader refuses."""


def _unknown_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    return None


_TolerantLoader.add_multi_constructor("!", _unknown_tag)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _unknown_tag)


@dataclass(frozen=True)
class SiteSettings:
    site_url: str | None
    directory_urls: bool = True


def site_settings(root: Path, site_url: str | None = None) -> SiteSettings:
    """The handbook's base URL and URL style, from the arguments and the repo's mkdocs.yml."""
    config: dict[str, Any] = {}
    for name in MKDOCS_FILES:
        path = root / name
        if path.is_file():
            try:
                loaded = yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader)  # noqa: S506 -- a SafeLoader subclass that only ignores unknown tags
            except (yaml.YAMLError, OSError, UnicodeDecodeError):
                loaded = None
            config = loaded if isinstance(loaded, dict) else {}
            break
    configured = config.get("site_url")
    base = site_url or (configured if isinstance(configured, str) and configured.strip() else None)
    directory_urls = config.get("use_directory_urls", True)
    return SiteSettings(base, directory_urls if isinstance(directory_urls, bool) else True)


@dataclass
class HandbookLinks:
    """Absolute URLs of handbook pages; every method returns None when no base URL is known."""

    repo: Repository
    settings: SiteSettings

    def __post_init__(self) -> None:
        self._site = Site(self.repo, [], Clock(dt.date.today()), directory_urls=self.settings.directory_urls)

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
        return self._absolute(self._site.service_pages.get(service))

    def document_page(self, doc: Document) -> str | None:
        """The page of a runbook or postmortem (documents that get a page of their own)."""
        return self._absolute(self._site.page_of(doc))
