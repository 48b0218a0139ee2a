"""The example organisation's handbook: the repo's own mkdocs.yml, built with --strict."""

from __future__ import annotations

from pathlib import Path

from conftest import EXAMPLE_ROOT, nav_paths
from sre_docs.model import load_repository


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
