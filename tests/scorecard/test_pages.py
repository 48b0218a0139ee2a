"""Handbook pages of the scorecards: content, links, the radar chart, and escaping of YAML values."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import markdown
from scorecard_fixture import TODAY, Files

from sre_docs.handbook import scorecards as pages
from sre_docs.handbook.markup import text
from sre_docs.scorecard.trends import HistoryPoint
from sre_docs.scorecard.org import org_view
from sre_docs.scorecard.rules import load_rules
from sre_docs.scorecard.score import score_repository

HOSTILE = "<script>alert(1)</script> [x](javascript:y) {: onclick=z } | *b*"


def _cards(files: Files, rules=None):
    rules = rules or load_rules()
    cards = score_repository(files.repository(), rules, today=TODAY)
    return cards, org_view(cards), rules


def _hostile_files() -> Files:
    files = Files()
    toil = files.body("services/gold/toil.yaml", 1)
    toil["name"] = HOSTILE
    toil["total_hours_per_month"] = 11  # big enough to need a plan -> its name appears in a fix
    files.drop_matching("services/gold/experiments/")
    return files


def test_page_set_and_uris() -> None:
    cards, view, rules = _cards(Files())
    built = pages.scorecard_pages(cards, view, rules, edit_path="sre-docs.yaml")
    assert [(p.src_uri, p.title) for p in built] == [
        ("scorecards/index.md", "Maturity scorecards"),
        ("scorecards/rules.md", "Scorecard rules"),
        ("scorecards/gold.md", "Scorecard: gold"),
    ]
    assert built[1].edit_path == "sre-docs.yaml"
    assert pages.page_uris(["index", "Gold", "gold"]) == {
        "Gold": "scorecards/gold.md", "gold": "scorecards/gold-2.md", "index": "scorecards/index-2.md",
    }


def test_scorecard_page_escapes_every_yaml_value() -> None:
    cards, _view, _ = _cards(_hostile_files())
    page = pages.scorecard_page(cards["gold"])
    assert "<script" not in page and "javascript:y)" not in page and "{: onclick" not in page
    assert "&#60;script&#62;" in page  # shown, as text
    html = markdown.markdown(page, extensions=["tables", "attr_list"])
    assert "<script" not in html and "onclick=" not in html and 'href="javascript' not in html


def test_scorecard_page_content() -> None:
    cards, _, _ = _cards(_hostile_files())
    trend = (HistoryPoint(30, TODAY.replace(day=1), "a" * 40, {"gold": {"levels": {}, "total": 30, "quality": 70.0, "band": "Maturing"}}),
             HistoryPoint(90, TODAY.replace(month=8), None, {}))
    page = pages.scorecard_page(cards["gold"], trend=trend)
    assert "**Maturity 33/40, Advanced.**" in page
    assert "## Self-assessment disagrees" in page
    assert "| 30 days ago &#40;2026&#45;11&#45;01&#41; | aaaaaaaaaa | 30 | 70 | Maturing | ↑ |" in page
    assert "90 days ago" not in page  # no commit that far back: nothing to compare, so no row
    assert "    - give <code>" in page  # fixes render field names as code
    # One scale on the page: the dimension's 1-5 maturity; the chaos model's stage is named, not numbered.
    assert "0-4" not in page and "Chaos maturity on" not in page
    assert ("- ✗ **L1** At least one chaos experiment is written down: 0 experiment documents &#40;needs 1&#41;"
            in page)


def test_trend_without_history_is_a_sentence() -> None:
    cards, _, _ = _cards(_hostile_files())
    before_git = (HistoryPoint(30, TODAY.replace(day=1), None, {}), HistoryPoint(90, TODAY.replace(month=8), None, {}))
    page = pages.scorecard_page(cards["gold"], trend=before_git)
    assert ("## Trend\n\nNo trend yet: git holds no commit of this repository made by 2026&#45;11&#45;01 "
            "(30 days ago), so there is nothing to compare with.\n") in page
    assert "| As of |" not in page
    assert "No trend yet: earlier scores are read from git history, and none was found" in pages.scorecard_page(cards["gold"])
    board = pages.leaderboard_page(_cards(_hostile_files())[1], trend=before_git)
    assert "| 30d |" not in board and "No trend yet: git holds no commit" in board


def test_radar_chart_is_valid_svg_with_both_polygons() -> None:
    cards, _, _ = _cards(_hostile_files())
    svg = str(pages.radar_chart(cards["gold"]))
    root = ET.fromstring(re.sub(r"&#(\d+);", lambda m: chr(int(m.group(1))) if chr(int(m.group(1))) not in "<&" else m.group(0), svg))
    ns = "{http://www.w3.org/2000/svg}"
    polygons = root.findall(f"{ns}polygon")
    assert len(polygons) == 5 + 2  # five level rings, the evidence, the self-assessment
    assert polygons[5].get("fill").startswith("var(--md-primary-fg-color")
    assert polygons[6].get("stroke-dasharray")
    labels = [t.text for t in root.findall(f"{ns}text")]
    assert "Chaos Engineering 1" in labels and "SLOs 5" in labels
    assert root.find(f"{ns}title").text == "Maturity of gold"
    assert "currentColor" in svg and "<script" not in svg


def test_leaderboard_rules_and_home_panel() -> None:
    hostile_rules = load_rules(config=f"scorecard:\n  dimensions:\n    slos:\n      levels:\n        2:\n          - id: slos-defined\n            text: \"{HOSTILE}\"\n".encode())
    _cards_by_name, view, rules = _cards(_hostile_files(), hostile_rules)
    board = pages.leaderboard_page(view)
    assert "| 1 | [gold](gold.md) | critical | 33 | Advanced | 90 |" in board
    assert "[scorecard rules](rules.md)" in board
    assert "The weakest dimension across the organisation is **Chaos Engineering**" in board
    rules_md = pages.rules_page(rules)
    assert "<script" not in rules_md and "&#60;script&#62;" in rules_md
    assert all(str(text(c.id)) in rules_md for d in rules.dimensions for c in d.criteria)
    assert "| slo&#95;for&#95;every&#95;sli | Every SLI of the service has at least one SLO setting a target for it&#46; | &#45; |" in rules_md
    assert ("| min&#95;rotation&#95;size | The rotation has at least <code>min</code> people &#40;its distinct members&#44; as "
            "ONC001 counts them&#59; the guide&#58; 5&#44; one week on and four off&#41;&#46; | min |") in rules_md
    panel = pages.home_panel(view)
    assert "[gold](scorecards/gold.md) (33)" in panel and "[All scorecards](scorecards/index.md)" in panel
    assert "**Invest next in:** Chaos Engineering" in panel
    assert pages.home_panel(org_view({})) == ""


def test_site_adapters_build_pages_and_sections(tmp_path) -> None:
    from sre_docs.handbook.page_facts import Clock
    from sre_docs.handbook.site import Site
    from sre_docs.model.repository import load_repository

    files = Files()
    files.drop_matching("services/gold/experiments/")
    files.write(tmp_path)
    repo = load_repository(tmp_path)
    site = Site(repo=repo, findings=repo.findings, clock=Clock(TODAY))
    built = pages.site_pages(site)
    assert [p.src_uri for p in built] == ["scorecards/index.md", "scorecards/rules.md", "scorecards/gold.md"]
    # not a git repository: no error, and the trend section says why it is empty
    assert "## Trend\n\nNo trend yet: earlier scores are read from git history, and none was found" in built[2].markdown
    home = pages.home_section(site, None, "index.md")
    assert "[gold](scorecards/gold.md) (36)" in home
    section = pages.service_section(site, repo.services["gold"], "services/gold/index.md")
    assert "[full scorecard](../../scorecards/gold.md)" in section
    assert "Chaos Engineering" in section and "Next steps:" in section
    assert pages.service_section(site, None, "x.md") == ""


def test_pages_show_the_maturity_the_total_adds_up() -> None:
    """Maturity dimensions read 1-5 (nothing met is 1, ad hoc); only the rubric-only Documentation reads 0-5."""
    files = Files()
    files.drop_matching("services/gold/experiments/")
    files.docs["services/bare/service.yaml"] = [{"service": {"name": "bare", "tier": "standard", "owner_team": "gold-team"}}]
    cards, view, _ = _cards(files)
    page = pages.scorecard_page(cards["bare"])
    assert "| Chaos Engineering | 1 · Ad hoc&#44; nothing met yet |" in page
    assert "| Documentation &#40;rubric only&#44; 0&#45;5&#41; | 0 · nothing met yet |" in page
    assert "### Chaos Engineering: maturity 1 · Ad hoc&#44; nothing met yet" in page
    assert " 0 · none" not in page and "| 0 · Ad hoc" not in page
    board = pages.leaderboard_page(view)
    row = next(line for line in board.splitlines() if "[bare](bare.md)" in line)
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    assert cells[3] == "12" and cells[6:14] == ["1", "1", "1", "1", "1", "1", "1", "5"] and cells[14] == "0"
    assert sum(int(c) for c in cells[6:14]) == int(cells[3])
    panel = pages.home_panel(view)
    assert "(mean maturity 1.0)" in panel
