"""The example handbook in a real browser: Debian's chromium driven by Playwright, offline.

Install (CI):  apt-get update && apt-get install -y chromium  &&  pip install playwright
Never ``playwright install``: the test launches /usr/bin/chromium. Skipped only when either is missing.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
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
expect = playwright_api.expect
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
def browser_page():
    profile = tempfile.mkdtemp(prefix="sre-docs-chromium-")
    with playwright_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
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
    page.click("input.md-search__input")
    page.keyboard.type(alert, delay=15)  # typed key by key, as Material listens to keyboard events
    first = page.locator(".md-search-result__item a.md-search-result__link").first
    # Results refresh as each key lands; on a busy machine the first ones are for a prefix of the name.
    expect(first).to_have_attribute("href", re.compile("/runbooks/"), timeout=20000)
    assert str(runbook.get("title")) in first.inner_text()
    page.screenshot(path=str(SHOTS / "search.png"), full_page=False)
    assert record["errors"] == []
    assert record["hosts"] == {"127.0.0.1"}
