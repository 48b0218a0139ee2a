"""The example handbook in a real browser: Debian's chromium driven by Playwright, offline.

Install (CI):  apt-get update && apt-get install -y chromium  &&  pip install playwright
Never ``playwright install``: the test launches /usr/bin/chromium. Skipped only when either is missing.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import EXAMPLE_ROOT
from sre_docs.model.repository import load_repository

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} is missing (apt-get install -y chromium)"),
]

SHOTS = Path(os.environ.get("SRE_DOCS_SCREENSHOTS") or tempfile.mkdtemp(prefix="sre-docs-shots-"))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # the stdlib's parameter name
        pass


@pytest.fixture(scope="module")
def server(example_site):
    handler = functools.partial(_QuietHandler, directory=example_site.site_dir)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    thread.join()


@pytest.fixture(scope="module")
def playwright():
    """One Playwright driver for the module: the sync API allows only one at a time."""
    with playwright_api.sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def browser_page(playwright):
    profile = tempfile.mkdtemp(prefix="sre-docs-chromium-")
    context = playwright.chromium.launch_persistent_context(
        profile, executable_path=CHROMIUM, headless=True, args=ARGS, viewport={"width": 1280, "height": 900},
    )
    page = context.new_page()
    record = {"errors": [], "hosts": set()}
    page.on("console", lambda msg: msg.type == "error" and record["errors"].append(msg.text))
    page.on("pageerror", lambda exc: record["errors"].append(str(exc)))
    page.on("request", lambda req: record["hosts"].add(urlsplit(req.url).hostname))
    yield page, record
    context.close()
    shutil.rmtree(profile, ignore_errors=True)


def _targets() -> dict[str, str]:
    """Home, a service page, a runbook and a postmortem of the example organisation."""
    repo = load_repository(EXAMPLE_ROOT)
    service = next(s for s in repo.services.values() if s.runbooks and s.postmortems)
    return {"home": "", "service": f"services/{service.name}/", "runbook": f"services/{service.name}/runbooks/",
            "postmortem": f"services/{service.name}/postmortems/"}


def _first_link(page, prefix: str) -> str:
    hrefs = page.eval_on_selector_all("article a[href]", "els => els.map(e => e.getAttribute('href'))")
    return next(h for h in hrefs if h.startswith(prefix))


def test_pages_load_offline_without_errors(server, browser_page):
    page, record = browser_page
    targets = _targets()
    page.goto(server + targets["service"])
    runbook = server + targets["service"] + _first_link(page, "runbooks/")
    postmortem = server + targets["service"] + _first_link(page, "postmortems/")
    for name, url in (("home", server), ("service", server + targets["service"]), ("runbook", runbook),
                      ("postmortem", postmortem)):
        page.goto(url)
        page.wait_for_load_state("networkidle")
        assert page.locator("article h1").count() == 1, name
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)
    page.goto(server + targets["service"])
    page.wait_for_load_state("networkidle")
    before = page.get_attribute("body", "data-md-color-scheme")
    page.locator("form[data-md-component=palette] label:visible").first.click()  # the light/dark toggle
    page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') !== '{before}'")
    assert {before, page.get_attribute("body", "data-md-color-scheme")} == {"default", "slate"}
    page.screenshot(path=str(SHOTS / "service-toggled-palette.png"), full_page=False)
    assert record["errors"] == []
    assert record["hosts"] == {"127.0.0.1"}


def test_search_finds_a_runbook_by_its_alert_name(server, browser_page):
    page, record = browser_page
    repo = load_repository(EXAMPLE_ROOT)
    runbook = next(d for s in repo.services.values() for d in s.runbooks if d.get("alert_name"))
    alert = runbook.get("alert_name")
    page.goto(server)
    page.wait_for_load_state("networkidle")
    first = _search(page, alert)
    assert "/runbooks/" in first.get_attribute("href")
    assert str(runbook.get("title")) in first.inner_text()
    page.screenshot(path=str(SHOTS / "search.png"), full_page=False)
    assert record["errors"] == []
    assert record["hosts"] == {"127.0.0.1"}


def _search(page, query: str):
    """Paste ``query`` into Material's search box and return the first result once the results settle.

    Pasted, as an on-call engineer pastes an alert name: typed key by key, Material's search worker
    gets the intermediate query ``checkout-`` and, on this Material version, keeps the results of
    ``checkout`` (a theme quirk, not sre-docs' ranking).
    """
    page.click("input.md-search__input")
    page.wait_for_function("() => !/initiali/i.test(document.querySelector('.md-search-result__meta').textContent)",
                           timeout=20000)
    page.fill("input.md-search__input", query)
    page.keyboard.press("End")  # a key event: Material reads the box on keyboard events
    first = page.locator(".md-search-result__item a.md-search-result__link").first
    first.wait_for(timeout=20000)
    seen, stable = None, 0
    while stable < 3:  # the same first result three polls running
        page.wait_for_timeout(200)
        href = first.get_attribute("href")
        stable, seen = (stable + 1, seen) if href == seen else (0, href)
    return first


def test_search_puts_the_runbook_of_every_alert_first(server, browser_page):
    """Pasting an alert name finds its runbook before the postmortems and pages that quote the alert."""
    page, record = browser_page
    repo = load_repository(EXAMPLE_ROOT)
    runbooks = sorted((d for s in repo.services.values() for d in s.runbooks if d.get("alert_name")),
                      key=lambda d: d.path)
    for runbook in runbooks[::4]:  # a spread of services and alerts, not all (each search reloads the page)
        page.goto(server)
        page.wait_for_load_state("networkidle")
        first = _search(page, runbook.get("alert_name"))
        assert "/runbooks/" in first.get_attribute("href"), runbook.get("alert_name")
        assert str(runbook.get("title")) in first.inner_text(), runbook.get("alert_name")
    assert record["errors"] == []


@pytest.mark.parametrize("incident", ["INC-2026-064", "INC-2026-067", "INC-2026-041"])
def test_search_puts_the_incident_page_first(server, browser_page, incident):
    page, record = browser_page
    page.goto(server)
    page.wait_for_load_state("networkidle")
    first = _search(page, incident)
    assert f"/incidents/{incident.lower()}/" in first.get_attribute("href")
    assert record["errors"] == []


# --- layout, links and accessibility ------------------------------------------------------------------------

AXE = EXAMPLE_ROOT / "node_modules" / "axe-core" / "axe.min.js"


def _axe_source() -> str:
    """axe-core from the project's own npm install (package.json); skip only where node/npm do not exist."""
    if AXE.is_file():
        return AXE.read_text(encoding="utf-8")
    if shutil.which("npm") is None:
        pytest.skip("node/npm are not installed, so axe-core cannot be (apt-get install -y npm, then npm ci)")
    pytest.fail(f"{AXE} is missing: run `npm ci` in {EXAMPLE_ROOT} (.ci/run does)")


def _example_paths() -> dict[str, str]:
    """One page of each kind the accessibility check covers, as site paths."""
    repo = load_repository(EXAMPLE_ROOT)
    service = repo.services["checkout"]
    runbook = next(d for d in service.runbooks if d.get("alert_name") == "checkout-db-pool-saturation")
    return {
        "home": "", "service": "services/checkout/",
        "runbook": f"services/checkout/runbooks/{runbook.get('alert_name')}/",
        "postmortem": "services/checkout/postmortems/inc-2026-052/",
        "incident": "services/checkout/incidents/inc-2026-052/",
        "open incident": "services/notifications/incidents/inc-2026-067/",
        "scorecards": "scorecards/", "error budgets": "org/error-budgets/", "incident log": "org/incidents/",
        "culture": "org/culture/",
        "reference": "reference/kinds/incident/",
    }


@pytest.fixture(scope="module")
def chromium(playwright):
    browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
    yield browser
    browser.close()


def _open(browser, *, width: int, scheme: str = "light", search: bool = False):
    """A page in a fresh context; without ``search``, Material's search index is not loaded (it is the
    slowest part of every page load and no check of layout or links needs it)."""
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    if not search:
        context.route("**/search/search_index.json", lambda route: route.abort())
        context.route("**/workers/search.*.js", lambda route: route.abort())
    return context, context.new_page()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_serious_in_either_palette(server, chromium, scheme):
    """axe-core (WCAG 2.x A/AA rules) over a page of each kind: no serious or critical violation."""
    source = _axe_source()
    context, page = _open(chromium, width=1440, scheme=scheme, search=True)
    found = {}
    for name, path in _example_paths().items():
        page.goto(server + path)
        page.wait_for_load_state("networkidle")
        assert page.get_attribute("body", "data-md-color-scheme") == ("slate" if scheme == "dark" else "default")
        page.add_script_tag(content=source)
        violations = page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
            ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
            ".map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))"
        )
        if violations:
            found[name] = violations
        page.screenshot(path=str(SHOTS / f"axe-{name.replace(' ', '-')}-{scheme}.png"))
    context.close()
    assert found == {}


def _generated_paths(example_site) -> list[str]:
    """Every generated page except the reference, as site paths; of the 94 runbooks, the first of each service
    (they share one template, and loading them all would double the test's time)."""
    plugin = example_site.plugins["sre-docs/handbook"]
    paths, runbook_folders = [], set()
    for uri in sorted(plugin.generated):
        if uri.startswith("reference/"):
            continue
        folder = uri.rsplit("/", 1)[0]
        if folder.endswith("/runbooks"):
            if folder in runbook_folders:
                continue
            runbook_folders.add(folder)
        stem = uri.removesuffix(".md")
        paths.append("" if stem == "index" else stem.removesuffix("/index") + "/")
    return paths


@pytest.mark.parametrize("width", [1280, 1440])
def test_no_generated_table_scrolls_sideways_on_a_wide_screen(server, chromium, example_site, width):
    context, page = _open(chromium, width=width)
    wide = {}
    for path in _generated_paths(example_site):
        page.goto(server + path)
        page.wait_for_load_state("load")
        over = page.evaluate(
            "() => [...document.querySelectorAll('article table')].map(t => {"
            " const box = t.closest('.md-typeset__scrollwrap') || t;"
            " return [box.scrollWidth - box.clientWidth, t.querySelector('th') ? t.querySelector('th').textContent : ''];"
            "}).filter(([extra]) => extra > 1)"
        )
        if over:
            wide[path] = over
    context.close()
    assert wide == {}


def test_key_value_tables_stack_on_a_phone(server, chromium):
    """At 390 px every value of a label/value table and every cell of a findings table is on screen, and
    tables that do scroll take the keyboard."""
    context, page = _open(chromium, width=390)
    off_screen, unreachable, findings_cells = {}, {}, {}
    # The example's one finding (BUD001, notifications) shows on its service page and on the findings page.
    paths = {**_example_paths(), "service with a finding": "services/notifications/", "findings": "org/findings/"}
    for name, path in paths.items():
        page.goto(server + path)
        page.wait_for_load_state("networkidle")
        off = page.evaluate(
            "() => [...document.querySelectorAll('article table')].filter(t => t.querySelector('.sre-kv, .sre-stack'))"
            ".flatMap(t => [...t.querySelectorAll('td')]).filter(td => td.textContent.trim())"
            ".filter(td => td.getBoundingClientRect().right > window.innerWidth + 1).map(td => td.textContent.trim())"
        )
        if off:
            off_screen[name] = off
        findings_cells[name] = page.evaluate(
            "() => [...document.querySelectorAll('article table')].filter(t => t.querySelector('.sre-stack'))"
            ".flatMap(t => [...t.querySelectorAll('td')]).length"
        )
        stuck = page.evaluate(
            "() => [...document.querySelectorAll('article table, article .md-typeset__scrollwrap')]"
            ".filter(el => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible')"
            ".filter(el => el.tabIndex < 0 && !el.closest('[tabindex=\"0\"]')).length"
        )
        if stuck:
            unreachable[name] = stuck
        if name == "service":
            page.screenshot(path=str(SHOTS / "service-390.png"), full_page=False)
    context.close()
    assert off_screen == {}
    assert unreachable == {}
    # Level, code, place and message of the one finding: the check above saw a findings table on both pages.
    assert findings_cells["service with a finding"] == findings_cells["findings"] == 4


def test_every_incident_id_on_every_page_links_to_its_incident(server, chromium, example_site):
    """Wherever an incident id is shown as text (tables, summaries, guides), it is a link to that incident's page."""
    repo = load_repository(EXAMPLE_ROOT)
    ids = sorted(repo.incidents)
    site = Path(example_site.site_dir)
    mentioning = sorted(
        "" if p.parent == site else p.parent.relative_to(site).as_posix() + "/"
        for p in site.rglob("index.html") if any(i in p.read_text(encoding="utf-8").replace("&#45;", "-") for i in ids)
    )
    assert len(mentioning) > 20  # the ids appear all over the example: the check below sees them
    context, page = _open(chromium, width=1280)
    unlinked, wrong = {}, {}
    for path in mentioning:
        page.goto(server + path)
        page.wait_for_load_state("load")
        found = page.evaluate(
            """ids => {
              const out = {plain: [], links: []};
              const walker = document.createTreeWalker(document.querySelector('article'), NodeFilter.SHOW_TEXT);
              const pattern = /INC-\\d{4}-\\d+/g;
              for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const parent = node.parentElement;
                if (parent.closest('svg, pre, script, style, .headerlink')) continue;
                for (const match of node.textContent.matchAll(pattern)) {
                  if (!ids.includes(match[0])) continue;
                  const link = parent.closest('a');
                  if (!link) { out.plain.push(match[0]); continue; }
                  out.links.push([match[0], link.href]);
                }
              }
              return out;
            }""",
            ids,
        )
        own = f"/incidents/{path.rstrip('/').rsplit('/', 1)[-1]}/" if "/incidents/" in path else None
        plain = [i for i in found["plain"] if not (own and own == f"/incidents/{i.lower()}/")]
        if plain:
            unlinked[path] = plain
        bad = [(i, href) for i, href in found["links"] if f"/incidents/{i.lower()}/" not in href
               and "/postmortems/" not in href]
        if bad:
            wrong[path] = bad
    context.close()
    assert unlinked == {}
    assert wrong == {}


def test_open_incidents_stand_out_on_the_home_page_and_the_log_filters(server, chromium):
    context, page = _open(chromium, width=1440)
    page.goto(server)
    page.wait_for_load_state("networkidle")
    banner = page.locator("article .sre-alert")
    assert banner.count() == 1
    assert "INC-2026-067" in banner.inner_text()
    banner.locator("a", has_text="INC-2026-067").first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/services/notifications/incidents/inc-2026-067/")
    assert "Open incident." in page.locator("article .sre-note--open").inner_text()
    page.screenshot(path=str(SHOTS / "open-incident.png"))
    page.goto(server + "org/incidents/")
    page.wait_for_load_state("networkidle")
    rows = page.locator("article .sre-filters + * tbody tr, article .sre-filters + table tbody tr")
    total = rows.count()
    assert total == len(load_repository(EXAMPLE_ROOT).incidents)
    page.select_option(".sre-filters select[name=state]", "open")
    assert [r.inner_text().split("\t")[0].strip() for r in rows.all() if r.is_visible()] == ["INC-2026-067"]
    assert page.locator(".sre-filters output").inner_text() == f"1 of {total} incidents shown"
    page.select_option(".sre-filters select[name=state]", "")
    page.select_option(".sre-filters select[name=service]", "checkout")
    shown = [r.inner_text().split("\t")[0].strip() for r in rows.all() if r.is_visible()]
    assert shown == ["INC-2026-064", "INC-2026-052", "INC-2026-031"]
    page.select_option(".sre-filters select[name=severity]", "SEV3")
    assert [r for r in rows.all() if r.is_visible()] == []
    page.screenshot(path=str(SHOTS / "incident-log-filtered.png"))
    context.close()
