"""The handbook from a repo folder: load the model once, run the policies once, build every page.

Both ways of publishing go through here, so they cannot drift apart: the ``sre-docs/handbook``
MkDocs plugin renders the pages in memory, and ``sre-docs handbook render`` writes the same
pages as Markdown files for any generator (Zensical, or MkDocs without the plugin).
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urljoin

from sre_docs.calc.budget_policy import budget_policy_from_mapping
from sre_docs.findings import Finding
from sre_docs.handbook.build import HandbookOptions, PageReuse, build_handbook
from sre_docs.handbook.page_facts import PostmortemRule
from sre_docs.handbook.reference_pages import reference_section
from sre_docs.handbook.site import Handbook
from sre_docs.handbook.tables import Table, budget_policy_tables
from sre_docs.lint.config import Config as RepoConfig
from sre_docs.lint.engine import lint_repo
from sre_docs.lint.policy import FileHistory, LintRepo
from sre_docs.lint.rerun import Relint
from sre_docs.loading.git_changes import last_changed_dates
from sre_docs.loading.session_files import SessionFiles
from sre_docs.model.repository import Repository, load_repository

#: Hand-written guide pages the generated pages link to, by topic; missing ones are not linked.
DEFAULT_GUIDES = {
    "slos": "handbook/slos.md",
    "budgets": "handbook/error-budgets.md",
    "alerting": "handbook/alerting.md",
    "incidents": "handbook/incidents.md",
    "postmortems": "handbook/postmortems.md",
    "chaos": "handbook/chaos.md",
    "toil": "handbook/toil.md",
    "capacity": "handbook/capacity.md",
    "oncall": "handbook/oncall.md",
    "prr": "handbook/prr.md",
}


def load_and_check(root: Path, repo_config: RepoConfig, *, today: dt.date, lint: bool,
                   use_git: bool, session: SessionFiles | None = None, relint: Relint | None = None,
                   context: object = "") -> tuple[Repository, list[Finding]]:
    """The model and its findings: the policy engine's when linting, else the loader's alone.

    With ``session`` (``mkdocs serve``), files whose bytes the previous build loaded are not parsed again;
    with ``relint`` too, the policies re-run only where the changed files can move findings
    (``context``: what else decides them, see :class:`sre_docs.lint.rerun.Relint`).
    """
    if session is not None:
        session.start_round()
        model = load_repository(root, limits=repo_config.limits, known=session)
    else:
        model = load_repository(root, limits=repo_config.limits)
    if not lint:
        return model, list(model.findings)
    history = FileHistory((lambda: last_changed_dates(root, today)) if use_git else None)
    repo = LintRepo.wrap(model, today=today, history=history, limits=repo_config.limits)
    if session is not None and relint is not None:
        return repo, list(relint.lint(repo, repo_config, session.digests, context).findings)
    return repo, list(lint_repo(repo, repo_config).findings)


@dataclass(frozen=True)
class EditLinks:
    """Where "edit this page" points: the YAML file a contributor must change, on the repo's host.

    ``handbook_edit_uri`` is the plugin's own ``edit_uri`` (a prefix joined to ``repo_url``,
    pointing at the repo root); without it the site's ``edit_uri`` is used, re-aimed from
    ``docs_dir`` at the repo file. With neither, pages have no edit link.
    """

    root: Path
    repo_url: str = ""
    site_edit_uri: str = ""
    handbook_edit_uri: str | None = None
    docs_dir: Path | None = None

    def url(self, path: str | None) -> str | None:
        """The edit URL; a file name that is not UTF-8 (kept as surrogate escapes) is percent-encoded byte by byte."""
        if not path:
            return None
        if self.handbook_edit_uri:
            prefix = self.handbook_edit_uri if self.handbook_edit_uri.endswith("/") else self.handbook_edit_uri + "/"
            return urljoin(_slash(self.repo_url), prefix + quote(path, safe="/", errors="surrogateescape"))
        if not self.site_edit_uri or self.docs_dir is None:
            return None
        relative = posixpath.normpath(os.path.relpath(self.root / path, self.docs_dir.resolve()).replace(os.sep, "/"))
        edit_uri = self.site_edit_uri if self.site_edit_uri.endswith("/") else self.site_edit_uri + "/"
        return urljoin(_slash(self.repo_url), edit_uri + quote(relative, safe="/.", errors="surrogateescape"))


def _slash(url: str) -> str:
    return url if not url or url.endswith("/") else url + "/"


@dataclass(frozen=True)
class HandbookRequest:
    """What a generator asks for: the plugin's options, with the facts of the site around it."""

    today: dt.date
    title: str = "Reliability handbook"
    directory_urls: bool = True
    guides: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_GUIDES))
    edit_url: Callable[[str], str | None] | None = None


def generate(repo: Repository, findings: list[Finding], repo_config: RepoConfig, request: HandbookRequest,
             *, existing: Callable[[str], bool], reuse: PageReuse | None = None) -> Handbook:
    """Every generated page and the navigation; ``existing(uri)`` says which hand-written pages exist.

    ``reuse`` keeps services' pages between builds of one process (see :class:`PageReuse`).
    """
    options = HandbookOptions(
        today=request.today, title=request.title, directory_urls=request.directory_urls,
        source_url=request.edit_url,
        guides={topic: uri for topic, uri in request.guides.items() if isinstance(uri, str) and existing(uri)},
        reference=reference_section(repo_config.catalog),
        postmortem_rule=postmortem_rule(repo_config),
    )
    return build_handbook(repo, findings, options, reuse)


def postmortem_rule(repo_config: RepoConfig) -> PostmortemRule:
    """PM001's options as configured, so that the pages mark overdue exactly what the policy reports."""
    if "PM001" not in repo_config.catalog.policies:
        return PostmortemRule()
    options = repo_config.options("PM001")
    return PostmortemRule(tuple(options["severities"]), int(options["business_days"]))


def organisation_policy_tables(repo: Repository) -> dict[str, Table]:
    """The budget-states and budget-exceptions tables of the organisation's default policy, if it has one.

    Hand-written guide pages then show the policy the budgets are judged by. A policy that cannot be
    read is a lint finding; the pages keep the built-in default's tables.
    """
    document = repo.default_budget_policy
    if document is None or not isinstance(document.body, dict):
        return {}
    try:
        policy = budget_policy_from_mapping(document.body)
    except (ValueError, TypeError):
        return {}
    return budget_policy_tables(policy, document.path)
