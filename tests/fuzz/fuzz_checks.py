"""The pipeline every fuzzed repository goes through, and the properties checked on the way.

``run_pipeline(root)`` does what ``sre-docs lint`` and the handbook plugin do -- load, run
every policy with a fixed "today", build every handbook page, score the services, format
the findings and run the exports -- and fails on the first exception that escapes. Then:

* ``check_findings``: every finding points into a file of the repo (or at 1:1 of a folder,
  for tree problems and files missing from a folder), at a 1-based line within the lines
  an editor shows and a column within that line (one past its end at most);
* ``check_pages``: every page that carries a payload (they all hold ``MARKER``), rendered
  to HTML with the handbook's Markdown extensions, holds no live markup: no ``<script>``,
  no ``on*=`` handler, no ``javascript:`` link, no ``<iframe>``/``<style>``/``<object>``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Sequence
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import markdown
from fuzz_strategies import MARKER, TODAY

from sre_docs.lint.config import Config, load_config
from sre_docs.lint.engine import LintResult, lint
from sre_docs.findings import Finding
from sre_docs.handbook.build import HandbookOptions, build_handbook
from sre_docs.handbook.site import Page
from sre_docs.lint.formatters import (
    format_github,
    format_json,
    format_junit,
    format_sarif,
    format_text,
)

TODAY_ENV = {"SRE_DOCS_TODAY": TODAY.isoformat()}


def write_repo(root: Path, files: dict[str, bytes]) -> Path:
    for relative, data in files.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return root


# --- findings --------------------------------------------------------------------------------------

_BREAK = re.compile(r"\r\n|\r|\n")


def editor_lines(data: bytes) -> list[str]:
    """The lines an editor shows for ``data`` (a trailing line break opens one more, empty line)."""
    return _BREAK.split(data.decode("utf-8", errors="replace").removeprefix("\ufeff"))


def check_findings(root: Path, findings: Iterable[Finding]) -> None:
    for finding in findings:
        where = f"{finding.code} {finding.path}:{finding.line}:{finding.column} {finding.message!r}"
        assert isinstance(finding.line, int) and isinstance(finding.column, int), where
        assert finding.line >= 1 and finding.column >= 1, where
        parts = finding.path.split("/")
        assert finding.path and not finding.path.startswith("/") and ".." not in parts and "" not in parts, where
        target = root / finding.path
        assert target.exists() or target.is_symlink(), f"{where}: no such file"
        if target.is_dir():  # a tree problem (REPO003) or a file missing from a folder (CAT005)
            assert (finding.line, finding.column) == (1, 1), f"{where}: a position in a folder"
            continue
        lines = editor_lines(target.read_bytes())
        assert finding.line <= len(lines), f"{where}: the file has {len(lines)} lines"
        line = lines[finding.line - 1]
        assert finding.column <= len(line) + 1, f"{where}: line {finding.line} has {len(line)} characters"


# --- markup ----------------------------------------------------------------------------------------

_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "background"}
_BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
_FORBIDDEN_TAGS = {"script", "iframe", "object", "embed", "style", "base", "frame", "frameset", "meta", "link", "form"}


class _Elements(HTMLParser):
    """Every element and attribute a browser would build, and the text of inline scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.script_bodies: list[str] = []
        self._script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))
        self._script = tag == "script"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        self._script = False

    def handle_data(self, data: str) -> None:
        if self._script:
            self.script_bodies.append(data)


def live_markup(html: str, *, theme: bool = False) -> list[str]:
    """Live markup in ``html``. With ``theme=True`` (a whole MkDocs page), the theme's own
    ``<script>``, ``<link>``, ``<meta>``, ``<style>`` and ``<form>`` elements are allowed, but no
    script may carry text from the input and no element an event handler."""
    parser = _Elements()
    parser.feed(html)
    parser.close()
    problems = []
    for tag, attrs in parser.tags:
        for name, value in attrs.items():
            if name.startswith("on"):
                problems.append(f"<{tag} {name}={value!r}>")
            if name in _URL_ATTRIBUTES and re.sub(r"[\s\x00-\x1f]", "", value).lower().startswith(_BAD_SCHEMES):
                problems.append(f"<{tag} {name}={value!r}>")
        if tag in _FORBIDDEN_TAGS and not theme:
            problems.append(f"<{tag}>")
        if theme and tag in ("iframe", "object", "embed", "base", "frame"):
            problems.append(f"<{tag}>")
    for body in parser.script_bodies:
        if "fz1337" in body or "alert(" in body:
            problems.append(f"script body {body[:80]!r}")
    return problems


#: The Markdown extensions of the example's mkdocs.yml plus those of the site tests.
_EXTENSIONS = [
    "tables", "abbr", "admonition", "attr_list", "md_in_html", "footnotes", "def_list", "toc",
    "pymdownx.details", "pymdownx.superfences", "pymdownx.highlight", "pymdownx.inlinehilite",
    "pymdownx.tabbed", "pymdownx.magiclink", "pymdownx.critic",
]


_MARKDOWN: list[markdown.Markdown] = []


def to_html(text: str) -> str:
    if not _MARKDOWN:
        _MARKDOWN.append(markdown.Markdown(extensions=_EXTENSIONS))
    converter = _MARKDOWN[0]
    converter.reset()
    return converter.convert(text)


def check_pages(pages: Sequence[Page]) -> None:
    """Pages carrying a payload (all payloads hold ``MARKER``) are rendered and searched for live
    markup; rendering every page of every example would cost most of the time budget."""
    for page in pages:
        assert isinstance(page.markdown, str) and isinstance(page.title, str), page.src_uri
        assert page.src_uri.endswith(".md") and ".." not in page.src_uri.split("/"), page.src_uri
        if MARKER in page.markdown or MARKER in page.title:
            problems = live_markup(to_html(page.markdown))
            assert problems == [], f"{page.src_uri}: {problems}"


# --- the pipeline ----------------------------------------------------------------------------------


def config_for(root: Path) -> Config:
    return load_config(root, environ=TODAY_ENV)


def handbook_pages(result: LintResult, today: dt.date = TODAY) -> list[Page]:
    """Every page the handbook plugin generates (scorecard pages and sections included: they
    are contributed through ``sre_docs.handbook.sections``)."""
    options = HandbookOptions(today=today, source_url=lambda path: f"https://git.example/edit/{path}")
    handbook = build_handbook(result.repo, result.findings, options)
    uris = [page.src_uri for page in handbook.pages]
    assert len(uris) == len(set(uris)), "two generated pages share a path"
    assert any(uri.startswith("scorecards/") for uri in uris) or not result.repo.services, "no scorecard pages"
    return list(handbook.pages)


def check_reports(findings: Sequence[Finding]) -> None:
    """Every output format takes every finding; the machine-readable ones stay parseable."""
    format_text(findings)
    json.loads(format_json(findings))
    sarif = json.loads(format_sarif(findings))
    assert len(sarif["runs"][0]["results"]) == len(findings)
    commands = format_github(findings).split("\n")
    assert commands[-1] == "" and len(commands) == len(findings) + 2, "one command per finding, then a summary"
    for line in commands[:-2]:
        assert line.startswith("::") and "\r" not in line, line
    ElementTree.fromstring(format_junit(findings).encode("utf-8"))


def run_exports(repo) -> None:
    """The exports never raise; what they cannot export they report as findings."""
    from sre_docs.integrations.backstage import export_catalog
    from sre_docs.integrations.handbook_links import HandbookLinks, SiteSettings
    from sre_docs.integrations.openslo_export import export_openslo
    from sre_docs.integrations.export_files import dump_documents, dump_yaml
    from sre_docs.integrations.prometheus import prometheus_rules

    links = HandbookLinks(repo, SiteSettings("https://sre.example/", True))
    rules = prometheus_rules(repo, links)
    for data in rules.files.values():
        dump_yaml(data)
    openslo = export_openslo(repo)
    dump_documents(openslo.objects())
    catalog = export_catalog(repo, links, techdocs_ref="dir:.")
    for entities in catalog.files.values():
        dump_documents(entities)


def run_pipeline(root: Path, *, config: Config | None = None) -> tuple[LintResult, list[Page]]:
    """Lint, render, score, report and export one repository, checking what comes out."""
    result = lint(root, config or config_for(root), use_git=False)
    check_findings(root, result.findings)
    check_findings(root, result.suppressed)
    pages = handbook_pages(result)
    check_pages(pages)
    check_reports(result.findings)
    run_exports(result.repo)
    return result, pages
