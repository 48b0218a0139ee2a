"""``sre-docs/handbook``: MkDocs event handlers, thin on purpose.

Per build: ``on_config`` reads sre-docs.yaml, loads the repository model once and runs the
policies once; ``on_files`` builds every page (``sre_docs.handbook``) and adds them as
generated files, with the navigation merged into the site's ``nav:``; ``on_page_markdown``
points each page's "edit this page" link at the YAML file to change and sets its HTML
title; ``on_serve`` makes ``mkdocs serve`` rebuild when a YAML file changes. Under ``mkdocs
serve`` (``on_serve`` hands each build's record to the next), a rebuild parses only the files that changed,
re-runs the policies only where they can move findings (``sre_docs.lint.rerun``), builds only the pages
of services whose inputs changed, and renders only pages whose Markdown changed
(``sre_docs.plugins.handbook.preview``). Findings are
logged through MkDocs' logger: those at or above ``fail_on`` as warnings, which
``mkdocs build --strict`` turns into a failed build.
"""

from __future__ import annotations

import datetime as dt
import gc
import html
import posixpath
from html import escape as html_escape
from importlib import resources
from pathlib import Path
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkPage

from sre_docs.findings import Finding, Severity
from sre_docs.handbook.build import PageReuse
from sre_docs.handbook.generate import (
    EditLinks, HandbookRequest, generate, load_and_check, organisation_policy_tables,
)
from sre_docs.handbook.id_links import link_incident_ids
from sre_docs.handbook.tables import Table, replace_placeholders
from sre_docs.lint.config import Config as RepoConfig
from sre_docs.lint.config import ConfigError, load_config, utc_today
from sre_docs.lint.engine import PolicyCrash
from sre_docs.lint.rerun import Relint
from sre_docs.loading.session_files import SessionFiles
from sre_docs.model.repository import Repository
from sre_docs.plugins.handbook.config import HandbookConfig
from sre_docs.plugins.handbook.preview import HandbookFile, Preview, TemplateCache, documentation_frame, fingerprint
from sre_docs.handbook.nav_config import merge_nav
from sre_docs.schemas.types import parse_date
from sre_docs.scorecard.rules import RulesError, load_rules
from sre_docs.words import counted

log = get_plugin_logger(__name__)


@dataclass
class _ServeState:
    """What one build keeps for the next into the same site folder: loaded files, built pages, rendered pages."""

    session: SessionFiles = field(default_factory=SessionFiles)
    reuse: PageReuse = field(default_factory=lambda: PageReuse(digests={}))
    preview: Preview = field(default_factory=Preview)
    templates: TemplateCache = field(default_factory=TemplateCache)
    relint: Relint = field(default_factory=Relint)


#: Site folder of a running ``mkdocs serve`` -> what its last build kept. ``mkdocs build`` never registers.
_SERVED: dict[str, _ServeState] = {}

CSS_URI = "assets/sre-docs/handbook.css"
JS_URI = "assets/sre-docs/handbook.js"
_OPTION = "plugins → sre-docs/handbook → {} in {}"


def _nav_title(title: str) -> str:
    """Nav and ``<title>`` text: MkDocs themes print titles as HTML, so escape them as HTML."""
    return html.escape(title, quote=True)


class GeneratedPage(NamedTuple):
    title: str
    edit_path: str | None
    hide: tuple[str, ...] = ()
    wide: bool = False
    search_boost: float | None = None


class HandbookPlugin(BasePlugin[HandbookConfig]):
    """Generate the reliability handbook from the repo next to mkdocs.yml."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.root: Path | None = None
        self.repo: Repository | None = None
        self.findings: list[Finding] = []
        self.today: dt.date | None = None
        self.fail_on: Severity | None = None
        #: Every generated page of this build: source path -> (title, YAML file to edit).
        self.generated: dict[str, GeneratedPage] = {}
        self.repo_config: RepoConfig | None = None
        #: Incident id -> source path of its page, for links from any page's text.
        self.incident_pages: dict[str, str] = {}
        #: The organisation's budget policy tables, which replace the built-in default's in hand-written pages.
        self.policy_tables: dict[str, Table] = {}
        #: Under ``mkdocs serve``: what the last build loaded, built and rendered, for the next one to reuse.
        self.serving = False
        self.session: SessionFiles | None = None
        self.reuse: PageReuse | None = None
        self.preview: Preview | None = None
        self.templates: TemplateCache | None = None
        self.relint: Relint | None = None
        self._files: list[HandbookFile] = []
        self._fingerprints: dict[str, str] = {}
        self._frame = ""

    # -- events ---------------------------------------------------------------------------------

    def on_pre_build(self, config: MkDocsConfig) -> None:
        """Priority: default (0). Under serve, set the last build's output aside before MkDocs empties the folder."""
        if self.config.enabled and self.preview is not None:
            self.preview.set_aside(config.site_dir)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Priority: default (0). Load sre-docs.yaml and the model, run the policies: once per build."""
        if not self.config.enabled:
            return config
        # What the previous build into this folder kept, when ``mkdocs serve`` runs it (see ``on_serve``);
        # else a first record, which a server takes over after its first build.
        state = _SERVED.get(config.site_dir) or _ServeState()
        self.serving = config.site_dir in _SERVED
        self.session, self.reuse, self.preview, self.templates = state.session, state.reuse, state.preview, state.templates
        self.relint = state.relint
        config_file = config.config_file_path or "mkdocs.yml"
        base = Path(config_file).resolve().parent if config.config_file_path else Path.cwd()
        self.root = (base / (self.config.root or ".")).resolve()
        if not self.root.is_dir():
            raise PluginError(f"{_OPTION.format('root', config_file)}: {self.config.root!r} is not a folder")
        try:
            repo_config = load_config(self.root)
        except ConfigError as exc:
            raise PluginError(f"sre-docs/handbook: {exc}") from exc
        try:  # the `scorecard:` section, which load_config leaves to the scorecard rules
            load_rules(self.root)
        except RulesError as exc:
            raise PluginError(f"sre-docs/handbook: invalid config: scorecard rules: {exc}") from exc
        self.today = self._today(repo_config.today, config_file)
        self.repo_config = repo_config
        self.fail_on = self._fail_on(repo_config.fail_on)
        try:
            self.repo, self.findings = load_and_check(self.root, repo_config, today=self.today, lint=self.config.lint,
                                                      use_git=self.config.use_git, session=self.session,
                                                      relint=self.relint, context=self._lint_context())
        except PolicyCrash as exc:
            if self.relint is not None:
                self.relint.forget()
            raise PluginError(f"sre-docs/handbook: {exc}") from exc
        if CSS_URI not in config.extra_css:
            config.extra_css.append(CSS_URI)
        if JS_URI not in [str(script) for script in config.extra_javascript]:
            config.extra_javascript.append(JS_URI)
        self._report()
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Priority: default (0). Build every page and merge the generated navigation."""
        if not self.config.enabled:
            return files
        assert self.repo is not None and self.today is not None and self.repo_config is not None
        request = HandbookRequest(today=self.today, title=self.config.title, directory_urls=config.use_directory_urls,
                                  guides=self.config.guides, edit_url=lambda path: self._edit_url(config, path))
        if self.reuse is not None and self.session is not None:
            self.reuse.digests = self.session.digests
            self.reuse.context = self._context(config)
        handbook = generate(self.repo, self.findings, self.repo_config, request,
                            existing=lambda uri: files.get_file_from_path(uri) is not None, reuse=self.reuse)
        generated = {page.src_uri for page in handbook.pages}
        own_pages = [f.src_uri for f in files.documentation_pages() if f.src_uri not in generated]
        self.generated = {}
        self._files, self._fingerprints = [], {}
        for page in handbook.pages:
            if files.get_file_from_path(page.src_uri) is not None:
                raise PluginError(
                    f"sre-docs/handbook: {config.docs_dir}/{page.src_uri} has the path of a generated page; "
                    f"move or rename it"
                )
            file = HandbookFile.generated(config, page.src_uri, content=page.markdown)
            assert isinstance(file, HandbookFile)
            files.append(file)
            self._files.append(file)
            self.generated[page.src_uri] = GeneratedPage(page.title, page.edit_path, page.hide, page.wide,
                                                         page.search_boost)
            if self.preview is not None:
                self._fingerprints[page.src_uri] = self.preview.page_fingerprint(page.src_uri, page.markdown,
                                                                                 self.generated[page.src_uri])
        self.incident_pages = dict(handbook.incidents)
        for uri in (CSS_URI, JS_URI):
            if files.get_file_from_path(uri) is None:
                asset = resources.files("sre_docs.plugins.handbook").joinpath(posixpath.basename(uri))
                files.append(File.generated(config, uri, content=asset.read_text(encoding="utf-8")))
        config.nav = merge_nav(config.nav, handbook.nav, title=_nav_title, other_pages=own_pages)
        self.policy_tables = organisation_policy_tables(self.repo)
        if self.preview is not None:
            self._frame = fingerprint(repr(config.nav), sorted(f.src_uri for f in files.documentation_pages()),
                                      sorted(self.incident_pages.items()), documentation_frame(files, generated))
            self._hand_written(files, generated)
        # The pages are built; the model is no longer needed and is the bulk of the memory.
        self.repo = None
        return files

    @event_priority(-100)
    def on_nav(self, nav: Any, config: MkDocsConfig, files: Files) -> Any:
        """Priority: -100, last. Under serve, the navigation is built: pass over the pages that can be reused."""
        if self.config.enabled and self.preview is not None:
            reused = self.preview.choose(self._files, self._fingerprints, self._frame)
            built = len(self._files) - len(reused)
            log.debug("preview: rendering " + ", ".join(f.src_uri for f in self._files if f.reused is None))
            # Said on a rebuild under serve; a build (and a server's first) renders everything, said at debug.
            (log.info if self.serving else log.debug)(f"preview: {built} of {len(self._files)} pages to render"
                     + (f"; {counted(self.session.parsed, 'file')} parsed" if self.session is not None else ""))
        return nav

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        """Priority: default (0). Under serve, theme templates compiled by one build serve the next."""
        if self.config.enabled and self.templates is not None and env.bytecode_cache is None:
            env.bytecode_cache = self.templates
        return env

    @event_priority(-100)
    def on_post_build(self, config: MkDocsConfig) -> None:
        """Priority: -100, after search has written its index. Under serve, add the reused pages to it."""
        if self.config.enabled and self.preview is not None:
            self.preview.finish(config.site_dir)

    def on_build_error(self, error: Exception) -> None:
        """Priority: default (0). Under serve, the next build renders everything."""
        if self.preview is not None:
            self.preview.forget()
        if self.reuse is not None:
            self.reuse.units.clear()

    @event_priority(50)
    def on_page_markdown(self, markdown: str, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        """Priority: 50, before ``sre-docs/tables``. Edit link -> the YAML file; HTML title set as escaped
        text; in hand-written pages, the budget policy tables show the organisation's policy."""
        generated = self.generated.get(page.file.src_uri)
        if generated is None and self.policy_tables and "sre-docs:table" in markdown:
            return replace_placeholders(markdown, self.policy_tables, only=True)
        if generated is not None:
            if not (page.is_homepage and generated.title == config.site_name):  # else "<name> - <name>"
                page.meta["title"] = _nav_title(generated.title)
            if generated.hide:
                page.meta["hide"] = list(generated.hide)  # Material's front-matter switch
            if generated.search_boost is not None:
                page.meta["search"] = {"boost": generated.search_boost}  # read by the search plugin
            page.edit_url = self._edit_url(config, generated.edit_path) if generated.edit_path else None
        return markdown

    def on_page_content(self, html: str, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        """Priority: default (0). Incident ids in any page's text (generated or hand-written) link to the incident."""
        if not self.incident_pages:
            return html
        def url_of(ident: str) -> str | None:
            target = self.incident_pages.get(ident)
            found = files.get_file_from_path(target) if target else None
            if found is None or found is page.file:
                return None
            return html_escape(found.url_relative_to(page.file), quote=True)

        return link_incident_ids(html, url_of)

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        """Priority: default (0). Rebuild when a YAML file of the repo or sre-docs.yaml changes, and hand what
        the first build kept to the next builds into this folder (MkDocs makes a new plugin for each)."""
        if not self.config.enabled:
            return server
        if self.session is not None and self.reuse is not None and self.preview is not None and self.templates is not None:
            _SERVED[config.site_dir] = _ServeState(self.session, self.reuse, self.preview, self.templates,
                                                   self.relint or Relint())
            # What the first build keeps (the loaded files, the built pages: most of the process's memory)
            # lives as long as the server. Python's cycle collector would walk all of it in every full
            # collection of every rebuild (about 0.6 s each at 1,000 services); frozen, it is left out.
            # Only this build's survivors are frozen, once: later builds are collected as usual.
            # (No ``on_shutdown`` to undo it: MkDocs would then keep one plugin instance for every build of
            # the process, and the server's process ends with the server anyway.)
            gc.collect()
            gc.freeze()
        if self.root is not None:
            for folder in ("services", "org"):
                if (self.root / folder).is_dir():
                    server.watch(str(self.root / folder), recursive=True)
            if (self.root / "sre-docs.yaml").is_file():
                server.watch(str(self.root / "sre-docs.yaml"), recursive=False)
        return server

    # -- helpers ----------------------------------------------------------------------------------

    def _hand_written(self, files: Files, generated: set[str]) -> None:
        """Under serve, hand-written pages may be reused too: their HTML follows from their source (in the
        frame, with its modification time) and the organisation's budget policy tables they may show."""
        tables = repr(sorted((name, table.source, table.build()) for name, table in self.policy_tables.items()))
        for file in list(files.documentation_pages()):
            if file.src_uri in generated or file.abs_src_path is None or isinstance(file, HandbookFile):
                continue
            own = HandbookFile(file.src_path, file.src_dir, file.dest_dir, file.use_directory_urls,
                               dest_uri=file.dest_uri, inclusion=file.inclusion)
            files.remove(file)
            files.append(own)
            self._files.append(own)
            self._fingerprints[file.src_uri] = fingerprint("hand-written", tables)

    def _lint_context(self) -> str:
        """What decides the findings besides the repo's YAML files: sre-docs.yaml (levels, options, scopes)."""
        assert self.root is not None
        try:
            return fingerprint((self.root / "sre-docs.yaml").read_bytes())
        except OSError:
            return fingerprint(b"")

    def _context(self, config: MkDocsConfig) -> str:
        """What decides the generated pages besides the repo's YAML files: mkdocs.yml, this plugin's
        options and sre-docs.yaml (policy levels, scorecard rules). A change rebuilds every page."""
        parts: list[object] = [sorted((k, repr(v)) for k, v in self.config.items()), self.today]
        for path in (config.config_file_path, str(self.root / "sre-docs.yaml") if self.root else None):
            try:
                parts.append(Path(path).read_bytes() if path else b"")
            except OSError:
                parts.append(b"")
        return fingerprint(*parts)

    def _today(self, configured: dt.date | None, config_file: str) -> dt.date:
        """The plugin's ``today`` option when set (an override), else the repo's: one source of truth.

        ``configured`` is ``today:`` of sre-docs.yaml with ``$SRE_DOCS_TODAY`` applied
        (:func:`sre_docs.lint.config.load_config`), so the site, ``sre-docs lint`` and the CLI
        describe the same day; with neither, the day of the build (UTC).
        """
        if self.config.today:
            parsed = parse_date(str(self.config.today).strip())
            if parsed is None:
                raise PluginError(f"{_OPTION.format('today', config_file)}: {self.config.today!r} is not a date (YYYY-MM-DD)")
            return parsed
        return configured or utc_today()

    def _fail_on(self, configured: Severity) -> Severity | None:
        chosen = self.config.fail_on
        if chosen == "never":
            return None
        return Severity(chosen) if chosen else configured

    def _report(self) -> None:
        failing = 0
        for finding in sorted(self.findings, key=lambda f: f.sort_key):
            line = f"{finding.path}:{finding.line}:{finding.column}: {finding.severity.value} {finding.code} {finding.message}"
            if self.fail_on is not None and finding.severity.rank >= self.fail_on.rank:
                failing += 1
                log.warning(line)
            else:
                log.debug(line)
        counts = {s.value: sum(1 for f in self.findings if f.severity is s) for s in Severity}
        summary = ", ".join(f"{n} {name}" for name, n in counts.items())
        services = len(self.repo.services) if self.repo else 0
        log.info(f"reliability repo {self.root}: {counted(services, 'service')}; findings: {summary}")

    def _edit_url(self, config: MkDocsConfig, path: str | None) -> str | None:
        """URL that opens ``path`` (repo-relative) for editing, or ``None`` when the site has no repo URL."""
        if self.root is None:
            return None
        return EditLinks(root=self.root, repo_url=config.repo_url or "", site_edit_uri=config.edit_uri or "",
                         handbook_edit_uri=self.config.edit_uri, docs_dir=Path(config.docs_dir)).url(path)


__all__ = ["HandbookPlugin"]
