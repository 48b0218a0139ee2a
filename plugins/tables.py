"""``sre-docs/tables``: reference tables in hand-written pages, rendered from the code's data.

A line ``<!-- sre-docs:table NAME -->`` in any Markdown page becomes the table NAME of
``sre_docs.handbook.tables`` (the nines table, the severity matrix, on-call thresholds …),
so a page and the check that enforces the same numbers cannot disagree. Placeholders
inside fenced code blocks are left alone, so the syntax itself can be documented.
"""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from sre_docs.handbook.tables import UnknownTable, replace_placeholders


class TablesConfig(base.Config):
    """``enabled``: off leaves every placeholder as the HTML comment it is (as Material's own plugins do)."""

    enabled = c.Type(bool, default=True)


class TablesPlugin(BasePlugin[TablesConfig]):
    """Replace table placeholders with tables built from ``sre_docs.calc`` and the vocabulary."""

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Priority: default (0). Runs on every page; pages without a placeholder come back unchanged."""
        if not self.config.enabled or "sre-docs:table" not in markdown:
            return markdown
        try:
            return replace_placeholders(markdown)
        except UnknownTable as exc:
            raise PluginError(f"sre-docs/tables: {config.docs_dir}/{page.file.src_uri}, {exc}") from exc
