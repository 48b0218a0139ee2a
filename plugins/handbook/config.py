"""Options of the ``sre-docs/handbook`` plugin, as written under ``plugins:`` in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from sre_docs.handbook.generate import DEFAULT_GUIDES

class HandbookConfig(base.Config):
    """``root``: the reliability repo (folder with services/ and org/), relative to mkdocs.yml.

    ``today``: the day figures are computed for (YYYY-MM-DD); default: ``today:`` in
    sre-docs.yaml or ``$SRE_DOCS_TODAY``, else the day of the build.
    ``fail_on``: findings at or above this level are MkDocs warnings (so ``--strict``
    fails on them); ``never`` keeps every finding informational; default: ``fail_on:``
    of sre-docs.yaml (``error``).
    ``lint``: run the policies (off: only schema and parse findings are shown).
    ``use_git``: let date-based policies read file dates from git.
    ``edit_uri``: prefix, joined to ``repo_url``, of the URL that edits a repo file
    (``edit/main/``); default: the site's ``edit_uri`` pointed at the repo root instead of
    ``docs_dir``.
    ``title``: heading of the home page.
    ``guides``: topic -> hand-written page, for links from generated pages.
    """

    root = c.Optional(c.Type(str))
    title = c.Type(str, default="Reliability handbook")
    today = c.Optional(c.Type(str))
    fail_on = c.Optional(c.Choice(("error", "warning", "info", "never")))
    lint = c.Type(bool, default=True)
    use_git = c.Type(bool, default=True)
    edit_uri = c.Optional(c.Type(str))
    guides = c.Type(dict, default=DEFAULT_GUIDES)
