"""The example organisation's handbook: the repo's own mkdocs.yml, built with --strict."""

from __future__ import annotations

from pathlib import Path

from conftest import EXAMPLE_ROOT, nav_paths
from sre_docs.model.repository import load_repository


def test_example_builds_strict_with_a_page_per_service_runbook_and_postmortem(example_site):
    site = Path(example_site.site_dir)
    repo = load_repository(EXAMPLE_ROOT)
    assert repo.services, "the example organisation has services"
    plugin = example_site.plugins["sre-docs/handbook"]
    in_nav = set(nav_paths(example_site.nav))
    pages = plugin.generated  # source path -> (title, edit_path)
    for name, service in repo.services.items():
        uri = f"services/{name}/index.md"
        assert uri in pages and uri in in_nav
        assert (site / f"services/{name}/index.html").is_file()
        for doc in [*service.runbooks, *service.postmortems]:
            matching = [uri for uri, page in pages.items() if page.edit_path == doc.path and uri.startswith(f"services/{name}/")]
            assert len(matching) >= 1, doc
            for uri in matching:
                assert uri in in_nav
                html_file = site / uri.removesuffix(".md") / "index.html"
                assert html_file.is_file(), html_file


def test_example_has_no_lint_findings_at_error_level(example_site):
    plugin = example_site.plugins["sre-docs/handbook"]
    assert [f for f in plugin.findings if f.severity.value == "error"] == []


def test_hand_written_pages_have_their_tables_rendered(example_site):
    site = Path(example_site.site_dir)
    for page in (site / "handbook").rglob("index.html"):
        assert "<!-- sre-docs:table" not in page.read_text(encoding="utf-8"), page  # a placeholder left over
    severity = (site / "handbook/incidents/index.html").read_text(encoding="utf-8")
    assert "Core function down" in severity and "SEV1" in severity
    budgets = (site / "handbook/error-budgets/index.html").read_text(encoding="utf-8")
    assert "guide-errata" in budgets and "13&#46;44x" in budgets


def test_every_hand_written_page_is_in_the_nav(example_site):
    in_nav = set(nav_paths(example_site.nav))
    docs = Path(example_site.docs_dir)
    for page in docs.rglob("*.md"):
        assert page.relative_to(docs).as_posix() in in_nav, page


def test_no_generated_page_shows_a_python_none(example_site):
    """A missing value is shown as a dash, never as Python's "None"."""
    import re

    site = Path(example_site.site_dir)
    for uri in example_site.plugins["sre-docs/handbook"].generated:
        if uri.startswith("reference/"):
            continue
        page = (site / (uri.removesuffix("index.md").removesuffix(".md")) / "index.html").read_text(encoding="utf-8")
        article = page[page.find("<article"):page.find("</article>")]
        assert not re.search(r">\s*None\s*<|None, None|\bNone\b(?= ·)", article), uri


def test_nothing_is_escaped_twice(example_site):
    for page in Path(example_site.site_dir).rglob("*.html"):
        assert "&amp;#" not in page.read_text(encoding="utf-8"), page


def test_charts_in_the_built_pages_are_valid_self_contained_svg(example_site):
    import re
    import xml.etree.ElementTree as ET

    site = Path(example_site.site_dir)
    count = 0
    for page in [site / "index.html", *(site / "services").rglob("index.html"), *(site / "org").rglob("index.html")]:
        for svg in re.findall(r'<svg xmlns="http://www.w3.org/2000/svg" class="sre-chart".*?</svg>', page.read_text(encoding="utf-8"), re.S):
            root = ET.fromstring(svg)
            count += 1
            for element in root.iter():
                for name, value in element.attrib.items():
                    if name.endswith("href"):
                        assert not re.match(r"^\s*([a-z][a-z0-9+.-]*:|//)", value, re.I), (page, value)
            assert re.findall(r"https?://[^\s\"']+", svg) == ["http://www.w3.org/2000/svg"], page
    assert count >= 20


def test_scorecards_are_in_the_handbook(example_site):
    """Each service has a scorecard page in the nav; its page and the home page show the summary as markup."""
    site = Path(example_site.site_dir)
    in_nav = set(nav_paths(example_site.nav))
    repo = load_repository(EXAMPLE_ROOT)
    assert "scorecards/index.md" in in_nav
    for name in repo.services:
        assert (site / f"scorecards/{name}/index.html").is_file(), name
        page = (site / f"services/{name}/index.html").read_text(encoding="utf-8")
        assert 'id="maturity-scorecard"' in page
        assert "&#91;full scorecard&#93;" not in page  # the section is Markdown, not escaped text
        assert f'href="../../scorecards/{name}/"' in page
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'id="maturity-scorecards"' in home and "Invest next in" in home


def _article_text(path: Path) -> str:
    import html
    import re

    page = path.read_text(encoding="utf-8")
    article = page[page.find("<article"):page.find("</article>")]
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", article)))


def test_an_incident_page_tells_the_whole_story(example_site):
    """INC-2026-052 of the example: every section, with the figures worked from its YAML by hand."""
    site = Path(example_site.site_dir)
    text = _article_text(site / "services/checkout/incidents/inc-2026-052/index.html")
    expected = [
        "INC-2026-052: Checkout errors after scaling out without resizing the database pool",
        "SEV2 review · checkout · started 2026-10-17 18:04 UTC · channel #inc-2026-10-17-checkout-db-pool",
        "Detected by alert; first alert: checkout-availability-fast-burn (runbook).",
        # Started 18:04; detected 18:08 (+4m), acknowledged 18:10 (+6m), mitigated 18:26 (+22m), resolved 20:05 (+2h 1m).
        "Impact started 2026-10-17 18:04 UTC — Detected 2026-10-17 18:08 UTC 4m Acknowledged 2026-10-17 18:10 UTC 6m "
        "Mitigated 2026-10-17 18:26 UTC 22m Resolved 2026-10-17 20:05 UTC 2h 1m",
        "2026-10-17 18:13 UTC triage 12% of orders failing with database timeouts.",
        "Incident commander elena.petrova Communications lead ines.carvalho Operations lead marcus.reid "
        "Scribe grace.achieng Subject matter experts dmitri.volkov",
        # core_down x lt_25pct is SEV2 in the matrix; revenue impact sets a SEV2 floor: stays SEV2.
        "Recorded as SEV2 . The severity matrix reaches SEV2 : Core function down for under 25% of users is SEV2 "
        "Lost revenue makes it SEV2 at least (SEV1 at the IC's call) (stays SEV2)",
        "What stopped working Core function down Users affected under 25% of users (12% measured) Data lost no",
        "Revenue lost yes SLA breach imminent no Revenue lost (USD) $31,000",
        # The record declares 13% of checkout-availability's budget.
        "checkout checkout-availability 13.0% 13.0%",
        # Detect 18:08-18:04 = 4m; acknowledge 18:10-18:08 = 2m; mitigate 22m; resolve 2h 1m.
        "Time to detect (MTTD) 4m Time to acknowledge 2m Time to mitigate 22m Time to resolve (MTTR) 2h 1m",
        "Postmortem of INC-2026-052 (final).",
        "AI-001 CI check in the gitops repo",
    ]
    for fragment in expected:
        assert fragment in text, fragment


def test_an_open_incident_says_so_and_is_on_the_home_page(example_site):
    site = Path(example_site.site_dir)
    text = _article_text(site / "services/notifications/incidents/inc-2026-067/index.html")
    assert "Open incident. The response is at the " in text
    home = (site / "index.html").read_text(encoding="utf-8")
    banner = home[home.find('<div class="sre-alert"'):]
    banner = banner[:banner.find("</div>")]
    assert '<strong>1 open incident</strong>' in banner
    import html

    assert 'href="services/notifications/incidents/inc-2026-067/"' in html.unescape(banner)
    assert "<title>Larkspur Market reliability handbook</title>" in home  # once, not "name - name"


def test_incident_ids_link_to_their_pages_across_the_site(example_site):
    site = Path(example_site.site_dir)
    budgets = (site / "org/error-budgets/index.html").read_text(encoding="utf-8")
    assert '<a href="../../services/checkout/incidents/inc-2026-052/"><code>INC&#45;2026&#45;052</code></a>' in budgets
    log = (site / "org/incidents/index.html").read_text(encoding="utf-8")
    assert '<a href="../../services/notifications/incidents/inc-2026-067/"><code>INC&#45;2026&#45;067</code></a>' in log
    assert ('<div class="sre-filters" role="group" aria-label="Filter the incidents" data-sre-filter="incidents" '
            'hidden>') in log


def test_runbook_related_files_and_if_not_paths_are_links(example_site):
    site = Path(example_site.site_dir)
    page = (site / "services/auth/runbooks/auth-availability-fast-burn/index.html").read_text(encoding="utf-8")
    # related: login-error-spike.yaml, high-latency.yaml, ../slos.yaml
    related = page[page.index('id="related"'):page.index("</ul>", page.index('id="related"'))]
    assert related.count("<a href=") == 3
    assert '<a href="../auth-login-error-spike/">Logins are failing</a>' in related
    assert '<a href="../../">auth &#40;slos&#46;yaml&#41;</a>' in related
    # if_unexpected: "... login failing: follow runbooks/login-error-spike.yaml" (relative to the service folder)
    assert 'login failing&#58; follow <a href="../auth-login-error-spike/">Logins are failing</a>' in page
    # Mitigation commands are code blocks (Material adds the copy button to each).
    assert '<pre class="sre-code"><code class="language-shell">argocd app rollback auth&#45;prod</code></pre>' in page


def test_budget_policy_page_shows_the_organisations_policy(example_site):
    """Issue 12 item 8: the guide's state and exception tables come from org/error_budget_policy.yaml."""
    import html
    import re

    page = (Path(example_site.site_dir) / "handbook/error-budgets/index.html").read_text(encoding="utf-8")
    cells = [html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", page, re.S)]
    # The exceptions table: the organisation's four, in its order (the built-in default has three).
    start = cells.index("Security patches always ship")
    assert cells[start:start + 4] == [
        "Security patches always ship",
        "Changes required by regulation or by the payment card industry standard always ship",
        "Fixes that prevent data loss always ship",
        "Fixes for the SLO that is burning always ship",
    ]
    # The states table: the organisation's condition and first action of each state.
    for state, condition, first_action in (
        ("healthy", "remaining_budget > 50%", "Ship at the normal pace; roadmap work comes first"),
        ("warning", "remaining_budget 25-50%", "Look harder at the SLO dashboard; the weekly review starts with this service"),
        ("critical", "remaining_budget 0-25%", "Feature freeze for the owning team; reliability work only"),
        ("exhausted", "remaining_budget <= 0", "Deploy freeze for the service, apart from the exceptions below"),
    ):
        at = cells.index(state)
        assert cells[at + 1] == condition and cells[at + 2].startswith(first_action)
    text = html.unescape(page)
    assert "Stop all deployments" not in text and "Changes required for regulatory compliance" not in text
    assert text.count("Generated from <code>org/error_budget_policy.yaml</code>.") == 2
