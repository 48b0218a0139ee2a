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
