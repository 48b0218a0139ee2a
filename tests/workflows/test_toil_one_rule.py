"""Issue 12 item 4: toil has one answer, from one computation (``model/toil_hours.py``), on every surface.

Before, data-platform had three: `toil audit` 15.7 h (6.5%), the org toil page 24.2 h (10.1%: shared
items in full, automated items counted) and `assess` 11.2 h (4.7%: owned services only, stated totals).

The rule: hours = minutes x occurrences / 60 (a stated total only when those are missing); an item
belongs to its `teams_affected`, else to its service's owner; a shared item is split evenly; an
automated item is automated away, not toil; over budget means above 25%.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import textwrap
from pathlib import Path

import pytest

from sre_docs.calc.toil import ItemHours, TeamToilHours, ToilItemInput, item_hours, team_toil_hours
from sre_docs.cli import main
from sre_docs.handbook.org_pages import build_toil
from sre_docs.handbook.page_facts import Clock
from sre_docs.handbook.site import Site
from sre_docs.lint.config import load_config
from sre_docs.lint.engine import lint
from sre_docs.model.repository import load_repository
from sre_docs.scorecard.check_registry import CHECKS
from sre_docs.scorecard.facts import Facts
from sre_docs.workflows.reliability_report import monthly_report
from sre_docs.workflows.toil import audit, audit_json

EXAMPLE = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 20)


@pytest.mark.parametrize(("minutes", "count", "stated", "expected"), [
    (40, 10, 6.67, ItemHours(40 * 10 / 60, "computed", 6.67, False)),  # 6.667; |6.67 - 6.667| = 0.003 <= 0.05
    (40, 10, 6.6, ItemHours(40 * 10 / 60, "computed", 6.6, True)),     # |6.6 - 6.667| = 0.067 > 0.05
    (30, 20, 10.05, ItemHours(10.0, "computed", 10.05, False)),        # 0.05 exactly is within the tolerance
    (30, 20, 12, ItemHours(10.0, "computed", 12, True)),               # 30 x 20 / 60 = 10, not 12
    (None, 20, 4.5, ItemHours(4.5, "stated", 4.5, False)),             # no minutes: the stated total counts
    (None, None, None, ItemHours(None, None)),                         # nothing to count
])
def test_item_hours(minutes, count, stated, expected):
    assert item_hours(time_per_occurrence_min=minutes, occurrences_per_month=count, stated_total=stated) == expected


def test_team_toil_hours_split_shared_items_and_set_automated_aside():
    items = [
        ToilItemInput(9.0, ("discovery", "data-platform"), False),  # 9 / 2 = 4.5 each
        ToilItemInput(4.0, ("data-platform",), True),               # automated away
        ToilItemInput(6.0, ("discovery", "discovery"), False),      # a team named twice gets one share: 6
        ToilItemInput(None, ("discovery",), False),                 # unknown hours add nothing
        ToilItemInput(3.0, (), False),                              # no team: nobody's
    ]
    assert team_toil_hours(items) == {
        "data-platform": TeamToilHours(4.5, 4.0),
        "discovery": TeamToilHours(4.5 + 6.0, 0.0),
    }


def test_example_data_platform_has_one_answer(capsys):
    """data-platform: Replay 40 x 10 / 60 = 6.667 h, Schema drift 90 x 3 / 60 = 4.5 h, Backfill 180 x 3 / 60 = 9 h
    shared with discovery -> 4.5 h, Compact 30 x 8 / 60 = 4 h automated. Toil 6.667 + 4.5 + 4.5 = 15.667 h;
    share 15.667 / 240 = 6.53%; automated away 4 h."""
    repo = load_repository(EXAMPLE)
    # toil audit --json
    assert main(["toil", "audit", "--team", "data-platform", "--json", "--root", str(EXAMPLE)]) == 0
    team = json.loads(capsys.readouterr().out)["teams"]
    assert team == [{"team": "data-platform", "toil_hours": 15.67, "automated_hours": 4.0, "sre_hours": 240.0,
                     "share_pct": 6.53, "meets_target": True, "over_budget": False}]
    # assess: the scorecard criterion of the owning team
    facts = Facts(repo=repo, service=repo.services["order-events-etl"], today=TODAY)
    evidence = CHECKS["toil_share"].run(facts, {"max_pct": 25})
    assert (evidence.met, evidence.detail, evidence.value) == (
        True, "team `data-platform`: 15.7 h of toil a month, 6.5% of 240 h", 6.5)
    # the org toil page's team row
    page = html.unescape(build_toil(Site(repo=repo, findings=[], clock=Clock(TODAY))).markdown)
    row = next(line for line in page.splitlines() if line.startswith("| data-platform"))
    assert [cell.strip() for cell in row.strip("|").split("|")][:5] == ["data-platform", "15.7", "4", "240", "6.5%"]
    assert "119.7 hours of toil a month across all services, and 8 hours" in page


def _write(root: Path, files: dict[str, str]) -> Path:
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def _item(name: str, *, minutes: int | None = None, count: int | None = None, total: float | None = None,
          teams: list[str] | None = None, status: str = "identified") -> str:
    lines = [f"toil_item:\n  name: {name}\n  category: recovery\n"]
    if minutes is not None:
        lines.append(f"  time_per_occurrence_min: {minutes}\n  occurrences_per_month: {count}\n")
    if total is not None:
        lines.append(f"  total_hours_per_month: {total}\n")
    if teams:
        lines.append(f"  teams_affected: [{', '.join(teams)}]\n")
    lines.append(f"  status: {status}\n")
    return "".join(lines)


@pytest.fixture
def toil_repo(tmp_path: Path) -> Path:
    """alpha (100 SRE h) owns svc-a, beta (60 h) owns svc-b, gamma has no SRE hours.

    svc-a: shared 60 x 15 / 60 = 15 h by alpha, beta, gamma (5 h each); owned 30 x 20 / 60 = 10 h, no teams ->
    alpha, stated 12 (TOL002); automated 20 x 30 / 60 = 10 h for alpha; stated-only 5 h for beta.
    svc-b: 60 x 5 / 60 = 5 h, no teams -> beta.
    alpha: 5 + 10 = 15 h toil (15% of 100), 10 h automated away. beta: 5 + 5 + 5 = 15 h, 15 / 60 = 25.0%:
    exactly the budget, so within it. gamma: 5 h. Organisation: 15 + 15 + 5 = 35 h = 15 + 10 + 5 + 5 by item.
    """
    return _write(tmp_path, {
        "sre-docs.yaml": "today: 2026-11-20\n",
        "org/teams.yaml": "team:\n  name: alpha\n  sre_hours_per_month: 100\n---\n"
                          "team:\n  name: beta\n  sre_hours_per_month: 60\n---\nteam:\n  name: gamma\n",
        "services/svc-a/service.yaml": "service:\n  name: svc-a\n  tier: standard\n  owner_team: alpha\n",
        "services/svc-b/service.yaml": "service:\n  name: svc-b\n  tier: standard\n  owner_team: beta\n",
        "services/svc-a/toil.yaml": "---\n".join([
            _item("Shared", minutes=60, count=15, teams=["alpha", "beta", "gamma"]),
            _item("Owned", minutes=30, count=20, total=12),
            _item("Automated", minutes=20, count=30, teams=["alpha"], status="automated"),
            _item("Stated only", total=5, teams=["beta"]),
        ]),
        "services/svc-b/toil.yaml": _item("Beta work", minutes=60, count=5),
    })


def _findings(root: Path, code: str) -> list[tuple[str, int, int, str]]:
    return [(f.path, f.line, f.column, f.message)
            for f in lint(root, load_config(root, environ={}), use_git=False).findings if f.code == code]


def test_every_surface_counts_the_fixture_the_same_way(toil_repo: Path) -> None:
    repo = load_repository(toil_repo)
    teams = {t["team"]: t for t in audit_json(audit(repo))["teams"]}
    assert {name: (t["toil_hours"], t["automated_hours"], t["share_pct"], t["over_budget"]) for name, t in teams.items()} == {
        "alpha": (15.0, 10.0, 15.0, False),
        "beta": (15.0, 0.0, 25.0, False),
        "gamma": (5.0, 0.0, None, None),
    }
    # TOL001 is silent at exactly 25%; TOL002 reports the stated 12 h against the computed 10 h.
    assert _findings(toil_repo, "TOL001") == []
    assert _findings(toil_repo, "TOL002") == [
        ("services/svc-a/toil.yaml", 14, 26, "total_hours_per_month is 12 but 30 min x 20 a month is 10 h, "
                                            "the figure every surface counts")]
    # The scorecard criterion of svc-b's owner agrees, at the same edge.
    facts = Facts(repo=repo, service=repo.services["svc-b"], today=TODAY)
    evidence = CHECKS["toil_share"].run(facts, {"max_pct": 25})
    assert (evidence.met, evidence.detail) == (True, "team `beta`: 15.0 h of toil a month, 25.0% of 60 h")
    # The site's team table.
    page = html.unescape(build_toil(Site(repo=repo, findings=[], clock=Clock(TODAY))).markdown)
    rows = {cells[0]: cells[1:5] for line in page.splitlines() if re.match(r"\| (alpha|beta|gamma) ", line)
            for cells in [[c.strip() for c in line.strip("|").split("|")]]}
    assert rows == {"alpha": ["15", "10", "100", "15.0%"], "beta": ["15", "0", "60", "25.0%"], "gamma": ["5", "0", "—", "—"]}
    assert "35 hours of toil a month across all services, and 10 hours a month already automated away" in page
    # The monthly report: 35 h spent, 10 automated away, 35 / (100 + 60) = 21.875% -> 21.9.
    report = monthly_report(repo, "2026-10", now=dt.datetime(2026, 11, 20, tzinfo=dt.timezone.utc))
    assert report.data["toil"] == {"hours_spent": 35.0, "hours_automated_away": 10.0, "pct_of_sre_time": 21.9}


def test_one_more_sre_hour_short_is_over_budget_everywhere(toil_repo: Path) -> None:
    """beta with 59 SRE hours: 15 / 59 = 25.42% > 25%."""
    teams = toil_repo / "org/teams.yaml"
    teams.write_text(teams.read_text().replace("sre_hours_per_month: 60", "sre_hours_per_month: 59"))
    assert _findings(toil_repo, "TOL001") == [
        ("org/teams.yaml", 7, 24, "team beta spends 15.0 h a month on toil, 25.4% of its 59 SRE hours; keep it under 25%")]
    repo = load_repository(toil_repo)
    beta = next(t for t in audit_json(audit(repo))["teams"] if t["team"] == "beta")
    assert (beta["share_pct"], beta["over_budget"]) == (25.42, True)
    evidence = CHECKS["toil_share"].run(Facts(repo=repo, service=repo.services["svc-b"], today=TODAY), {"max_pct": 25})
    assert (evidence.met, evidence.detail) == (False, "team `beta`: 15.0 h of toil a month, 25.4% of 59 h")
