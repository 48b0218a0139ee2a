"""A hostile repo: every YAML value tries to become HTML, Markdown or an include; all must stay text."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import build_site, html_files, make_site

_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "srcdoc"}
_BAD_SCHEMES = ("javascript:", "data:", "vbscript:")


class _Elements(HTMLParser):
    """Every element and attribute a browser would build from the page, plus inline script bodies."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def _problems(page: str) -> list[str]:
    parser = _Elements()
    parser.feed(page)
    problems = []
    for tag, attrs in parser.tags:
        for name, value in attrs.items():
            if name.startswith("on"):
                problems.append(f"<{tag} {name}=…>")
            if name in _URL_ATTRIBUTES and value.strip().lower().startswith((*_BAD_SCHEMES, "//")):
                problems.append(f"<{tag} {name}={value!r}>")
        if tag in ("iframe", "object", "embed", "style", "base", "frame"):
            problems.append(f"<{tag}>")
        if tag == "img" and not attrs.get("src", "").startswith(("../", "assets/", "./")):
            problems.append(f"<img src={attrs.get('src')!r}>")
        if tag == "script" and attrs.get("src", "").startswith(("http:", "https:", "//")):
            problems.append(f"<script src={attrs['src']!r}>")
    problems.extend(f"script body: {body[:60]!r}" for body in parser.scripts if "alert" in body)
    if "root:x:0:0" in page:
        problems.append("/etc/passwd included")
    return problems


@pytest.fixture(scope="module")
def hostile_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    config = build_site(make_site(tmp_path_factory.mktemp("hostile"), "hostile"))
    return html_files(Path(config.site_dir))


def _generated(pages: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in pages.items() if k.startswith(("services/", "org/", "index.html"))}


def test_no_live_markup_anywhere(hostile_pages):
    assert len(_generated(hostile_pages)) >= 8
    for name, page in _generated(hostile_pages).items():
        assert _problems(page) == [], name


def test_the_checker_itself_catches_live_markup():
    assert _problems('<p><img src=x onerror=alert(1)></p>')
    assert _problems('<a href="javascript:alert(1)">x</a>')
    assert _problems('<a href="&#106;avascript:alert(1)">x</a>')
    assert _problems('<script>alert(1)</script>')
    assert _problems('<iframe src="x"></iframe>')
    assert _problems('<p>&lt;img src=x onerror=alert(1)&gt;</p>') == []


def test_hostile_text_is_shown_as_text(hostile_pages):
    service = html.unescape(hostile_pages["services/evil/index.html"])
    assert "<script>alert('description')</script>" in service
    assert '{: onclick="alert(1)" }' in service
    assert "[click me](javascript:alert(1))" in service
    assert '--8<-- "/etc/passwd"' in service
    runbook_name = next(n for n in hostile_pages if n.startswith("services/evil/runbooks/"))
    runbook = html.unescape(hostile_pages[runbook_name])
    assert "<img src=x onerror=alert('title')>" in runbook  # the title, as text
    assert '</code></pre><script>alert("command")</script>' in runbook
    assert '--8<-- "/etc/hostname"' in runbook


def test_links_keep_only_http_and_relative_targets(hostile_pages):
    service = hostile_pages["services/evil/index.html"]
    hrefs = re.findall(r'href="([^"]*)"', service)
    decoded = [html.unescape(h) for h in hrefs]
    assert "https://ok.example/dashboard?a=1&b=2" in decoded
    assert "https://grafana.example/d/evil" in decoded
    for href in decoded:
        assert not href.lower().startswith(("javascript:", "data:", "vbscript:", "//")), href
        assert '"' not in href and "onmouseover" not in href, href
    # Refused links still show their label as plain text.
    text = html.unescape(service)
    assert "<b onmouseover=alert(1)>bold</b>" in text


def test_titles_and_nav_are_escaped(hostile_pages):
    incident_page = next(p for n, p in hostile_pages.items() if n.startswith("services/evil/postmortems/"))
    assert "<title>INC-2026-666: {: onclick=alert(1) } &lt;style&gt;" in incident_page
    runbook_page = next(p for n, p in hostile_pages.items() if n.startswith("services/evil/runbooks/"))
    title = re.search(r"<title>(.*?)</title>", runbook_page, re.S).group(1)
    assert title.startswith("&lt;img src=x onerror=alert(&#x27;title&#x27;)&gt;")
    nav_links = re.findall(r'class="md-nav__link[^"]*"[^>]*>(.*?)</', runbook_page, re.S)
    assert any("&lt;img src=x onerror" in link for link in nav_links)


def test_a_service_folder_without_a_catalog_entry_still_gets_a_page(hostile_pages):
    page = html.unescape(hostile_pages["services/orphan/index.html"])
    assert "document yet, so the catalog entry is missing" in page
    assert 'href="https://wiki.example/runbooks/orphan"' in page  # the external runbook link, decoded
    assert 'title="Edit this page"' not in hostile_pages["services/orphan/index.html"]  # no catalog file to edit
