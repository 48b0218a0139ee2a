"""Build the small fixture repo with MkDocs (strict) and check pages, nav, edit links and lint gating."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from conftest import base_config, build_site, html_files, make_site, nav_paths
from sre_docs.model.repository import load_repository


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("small")
    config_file = make_site(tmp, "small", docs={"handbook/toil.md": "# Toil\n\n<!-- sre-docs:table toil-matrix -->\n"})
    config = build_site(config_file)
    return config, Path(config.site_dir), html_files(Path(config.site_dir)), config_file.parent


def _plugin(config):
    return config.plugins["sre-docs/handbook"]


def test_every_service_runbook_and_postmortem_has_a_page(small_site):
    config, site_dir, pages, root = small_site
    repo = load_repository(root)
    assert set(repo.services) == {"checkout", "payments"}
    for name, service in repo.services.items():
        assert f"services/{name}/index.html" in pages
        runbook_pages = [p for p in pages if p.startswith(f"services/{name}/runbooks/")]
        postmortem_pages = [p for p in pages if p.startswith(f"services/{name}/postmortems/")]
        assert len(runbook_pages) == len(service.runbooks)
        assert len(postmortem_pages) == len(service.postmortems)
        for doc in service.runbooks:
            assert any(doc.get("title") in pages[p] for p in runbook_pages), doc.get("title")
    for page in ("index.html", "services/index.html", "org/index.html", "org/incidents/index.html",
                 "org/error-budgets/index.html", "org/dependencies/index.html", "org/oncall/index.html",
                 "org/toil/index.html", "org/findings/index.html", "reference/index.html",
                 "reference/kinds/index.html", "reference/policies/index.html"):
        assert page in pages, page


def test_every_generated_page_is_in_the_nav(small_site):
    config, *_ = small_site
    in_nav = set(nav_paths(config.nav))
    generated = set(_plugin(config).generated)
    assert generated <= in_nav
    assert "handbook/toil.md" in in_nav  # the site's own pages stay in the nav too


def test_no_generated_page_shows_a_python_none(small_site):
    _, _, pages, _ = small_site
    for name, page in pages.items():
        article = page[page.find("<article"):page.find("</article>")]
        assert not re.search(r">\s*None\s*<|None, None", article), name


def test_nav_groups_services_by_tier(small_site):
    config, *_ = small_site
    services = next(item["Services"] for item in config.nav if isinstance(item, dict) and "Services" in item)
    titles = [next(iter(entry)) for entry in services]
    assert titles == ["Service catalog", "Critical", "Important"]
    critical = services[1]["Critical"]
    checkout = critical[0]["checkout"]
    assert checkout[0] == {"checkout": "services/checkout/index.md"}
    assert [next(iter(e)) for e in checkout[1:]] == ["Runbooks", "Postmortems", "Incidents"]


def test_edit_links_open_the_yaml_file(small_site):
    config, site_dir, pages, root = small_site
    base = "https://git.example.com/shop/reliability/edit/main/"
    assert f'href="{base}services/checkout/service.yaml"' in pages["services/checkout/index.html"]
    runbook = pages["services/checkout/runbooks/checkout-high-error-rate/index.html"]
    assert f'href="{base}services/checkout/runbooks/high-error-rate.yaml"' in runbook
    postmortem = pages["services/checkout/postmortems/inc-2026-014/index.html"]
    assert f'href="{base}services/checkout/postmortems/inc-2026-014.yaml"' in postmortem
    # Pages with no single source file have no edit button at all, rather than a dead link.
    assert 'title="Edit this page"' not in pages["org/incidents/index.html"]
    assert 'title="Edit this page"' not in pages["index.html"]
    # Hand-written pages keep MkDocs' own edit link into docs/.
    assert f'href="{base}docs/handbook/toil.md"' in pages["handbook/toil/index.html"]


def test_edit_uri_option_overrides_the_default(tmp_path):
    config = base_config(edit_uri="src/branch/main/reliability/")
    built = build_site(make_site(tmp_path, "small", config))
    page = (Path(built.site_dir) / "services/payments/index.html").read_text()
    assert 'href="https://git.example.com/shop/reliability/src/branch/main/reliability/services/payments/service.yaml"' in page


def test_runbook_page_shows_diagnosis_mitigation_and_escalation(small_site):
    _, _, pages, _ = small_site
    page = pages["services/checkout/runbooks/checkout-high-error-rate/index.html"]
    assert "kubectl -n checkout get pods" in page.replace("&#45;", "-").replace("&#32;", " ")
    for heading in ("Diagnosis", "Mitigation", "Escalation"):
        assert f">{heading}<" in page
    assert "30 minutes" in page


def test_service_page_links_alerts_to_runbook_pages(small_site):
    _, _, pages, _ = small_site
    page = pages["services/checkout/index.html"]
    assert 'href="runbooks/checkout-high-error-rate/"' in page
    assert 'href="runbooks/checkout-fast-burn/"' in page
    assert 'href="postmortems/inc-2026-014/"' in page


def test_overdue_action_items_are_flagged(small_site):
    _, _, pages, _ = small_site
    postmortem = pages["services/checkout/postmortems/inc-2026-014/index.html"]
    assert "sre-badge--overdue" in postmortem
    home = pages["index.html"]
    assert "Contract test against the gateway sandbox" in home


def test_table_placeholders_are_rendered_from_the_code(small_site):
    _, _, pages, _ = small_site
    page = pages["handbook/toil/index.html"]
    assert "sre-docs:table" not in page
    assert "DO FIRST" in page and "QUICK WIN" in page


def test_unknown_table_fails_the_build_naming_the_page(tmp_path, caplog):
    config_file = make_site(tmp_path, "small", docs={"guide.md": "# G\n\n<!-- sre-docs:table no-such-table -->\n"})
    with pytest.raises(Abort):
        build_site(config_file)
    assert any(re.search(r"docs/guide\.md, line 3: unknown table 'no-such-table'", r.getMessage()) for r in caplog.records)


def test_findings_fail_a_strict_build_when_fail_on_is_error(tmp_path, caplog):
    config = base_config()
    del config["plugins"][1]["sre-docs/handbook"]["fail_on"]  # default: sre-docs.yaml's fail_on (error)
    with pytest.raises(Abort):
        build_site(make_site(tmp_path, "small", config))
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert any(re.search(r"services/checkout/slos\.yaml:5:11: error SLO005", m) for m in warnings)
    assert not any("SLO006" in m for m in warnings)  # a warning-level finding stays below the gate


def test_fail_on_warning_also_gates_warnings(tmp_path, caplog):
    with pytest.raises(Abort):
        build_site(make_site(tmp_path, "small", base_config(fail_on="warning")))
    assert any("SLO006" in r.getMessage() for r in caplog.records if r.levelname == "WARNING")


def _build_error(config_file: Path, caplog: pytest.LogCaptureFixture) -> str:
    """Build, expect MkDocs to abort on a plugin error, and return the error it logged."""
    with pytest.raises(Abort, match="BuildError"):
        build_site(config_file)
    return "\n".join(r.getMessage() for r in caplog.records if r.levelname == "ERROR")


def test_bad_today_option_names_the_key_and_file(tmp_path, caplog):
    logged = _build_error(make_site(tmp_path, "small", base_config(today="26/11/2026")), caplog)
    assert re.search(r"sre-docs/handbook → today in .*mkdocs\.yml: '26/11/2026' is not a date", logged)


def test_bad_sre_docs_config_names_file_line_and_column(tmp_path, caplog):
    config_file = make_site(tmp_path, "small")
    (config_file.parent / "sre-docs.yaml").write_text("fail_on: sometimes\n")
    assert "invalid config: sre-docs.yaml:1:10: fail_on" in _build_error(config_file, caplog)


def test_missing_root_names_the_option(tmp_path, caplog):
    logged = _build_error(make_site(tmp_path, "small", base_config(root="no-such-folder")), caplog)
    assert re.search(r"sre-docs/handbook → root in .*mkdocs\.yml: 'no-such-folder' is not a folder", logged)


def test_explicit_nav_is_kept_and_generated_sections_expand_in_place(tmp_path):
    config = base_config()
    config["nav"] = [{"Start": "index.md"}, {"Guide": ["guide.md"]}, {"All services": "services/index.md"}]
    built = build_site(make_site(tmp_path, "small", config, docs={"guide.md": "# Guide\n"}))
    titles = [next(iter(item)) for item in built.nav]
    # Sections the nav does not name are added after it: organisation, the contributed scorecards, reference.
    assert titles == ["Start", "Guide", "All services", "Organisation", "Scorecards", "Reference"]
    assert "services/checkout/runbooks/checkout-fast-burn.md" in nav_paths(built.nav)


def test_serve_watches_the_yaml_folders(small_site):
    config, _, _, root = small_site

    class Server:
        def __init__(self) -> None:
            self.watched: list[str] = []

        def watch(self, path: str, recursive: bool = True) -> None:
            self.watched.append(path)

    server = Server()
    _plugin(config).on_serve(server, config=config, builder=None)
    assert str(root / "services") in server.watched and str(root / "org") in server.watched


def test_budget_figures_come_from_the_calculations(small_site):
    from sre_docs.model.slo_budgets import slo_budget
    from sre_docs.handbook.page_facts import Clock

    config, _, pages, root = small_site
    repo = load_repository(root)
    service = repo.services["checkout"]
    budget = slo_budget(repo, service, service.slos[0], as_of=Clock(__import__("datetime").date(2026, 11, 26)).as_of)
    shown = f"{budget.remaining_pct:.1f}%"
    assert budget.status.remaining_pct.source == "measurements"
    assert shown in html.unescape(pages["services/checkout/index.html"])
    assert shown in html.unescape(pages["org/error-budgets/index.html"])


def test_a_hand_written_page_on_a_generated_path_is_refused(tmp_path, caplog):
    config_file = make_site(tmp_path, "small", docs={"index.md": "# My own home\n"})
    assert "docs/index.md has the path of a generated page" in _build_error(config_file, caplog).replace("\\", "/")


def test_nothing_is_escaped_twice(small_site):
    _, _, pages, _ = small_site
    for name, page in pages.items():
        assert "&amp;#" not in page, name


def test_diagram_links_open_existing_pages(small_site):
    _, site_dir, pages, _ = small_site
    # checkout calls payments (upstream: [payments]): each service page links the other service, never
    # itself; the organisation's diagram links both. The checkout page's second chart (its budget) has no links.
    expected = {
        "services/checkout/index.html": ["../payments/"],
        "services/payments/index.html": ["../checkout/"],
        "org/dependencies/index.html": ["../../services/checkout/", "../../services/payments/"],
    }
    for name, links in expected.items():
        svgs = re.findall(r'<svg [^>]*class="sre-chart".*?</svg>', pages[name], re.S)
        hrefs = [html.unescape(h) for svg in svgs for h in re.findall(r'<a href="([^"]+)"', svg)]
        assert hrefs == links, name
        for href in hrefs:
            target = (site_dir / name).parent / href / "index.html"
            assert target.resolve().is_file(), (name, href)


def test_enabled_false_turns_both_plugins_off(tmp_path):
    """Like Material's own plugins: `enabled: false` builds the hand-written pages alone, untouched."""
    config = base_config(enabled=False, root="does-not-exist")  # not even read when off
    config["plugins"] = ["search", {"sre-docs/handbook": {"enabled": False, "root": "does-not-exist"}},
                         {"sre-docs/tables": {"enabled": False}}]
    page = "# Guide\n\n<!-- sre-docs:table nines -->\n"
    built = build_site(make_site(tmp_path, "small", config, docs={"index.md": page}))
    site = Path(built.site_dir)
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html")) == ["index.html"]
    assert "<!-- sre-docs:table nines -->" in (site / "index.html").read_text(encoding="utf-8")
    assert not (site / "assets/sre-docs").exists()
    plugin = built.plugins["sre-docs/handbook"]
    assert (plugin.repo, plugin.generated, plugin.findings) == (None, {}, [])


def test_enabled_true_is_the_default(tmp_path):
    built = build_site(make_site(tmp_path, "small", base_config(enabled=True)))
    assert (Path(built.site_dir) / "services/checkout/index.html").is_file()
