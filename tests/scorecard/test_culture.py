"""The culture indicators of a small repo whose every figure is worked out by hand below.

Today is 2026-11-26, so incidents count from 2025-11-26. The incidents of service `shop`:

| id           | sev  | resolved             | due (5 business days) | postmortem | outcome     | commander | others        |
|--------------|------|----------------------|-----------------------|------------|-------------|-----------|---------------|
| INC-2026-001 | SEV1 | Mon 2026-10-05       | Mon 2026-10-12        | 2026-10-14 | late        | ana       | bo (ops)      |
| INC-2026-002 | SEV2 | Mon 2026-11-02       | Mon 2026-11-09        | none       | skipped     | ana       | cy (comms)    |
| INC-2026-003 | SEV2 | Mon 2026-11-23       | Mon 2026-11-30        | none       | not yet due | ana       |               |
| INC-2026-004 | SEV3 | 2026-06-01           | -                     | -          | -           | bo        |               |
| INC-2026-005 | SEV4 | 2026-07-01           | -                     | -          | -           | ana       | bo (scribe)   |
| INC-2025-001 | SEV2 | 2025-11-01           | (before the window: not counted)                   | zed       |               |

Commanders: ana 4 of 5 = 80% > 40% (and 5 incidents are enough to judge): hero culture.
Any role: ana in 001, 002, 003, 005 = 4; bo in 001, 004, 005 = 3; cy 1: ana 4 of 5 = 80%.
Postmortems: 2 due (001, 002), both skipped or late: 100%; 1 pending.
Action items (in 001's postmortem): bo's AI-001 open, due 2026-11-01: overdue; bo's AI-002 done: left out;
AI-003 with no owner, due 2026-12-31: open, not overdue.
Rotation `shop-oncall` (ana, bo, cy): November pages ana 6, bo 0, cy not listed = 0 -> mean 2, busiest 6 / 2 = 3x:
unfair; handoffs to ana, bo, ana -> shifts 2, 1, 0: 3 shifts = 3 members (a full turn), mean 1, busiest 2x: fair.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sre_docs.calc.culture import Concentration, OwnerLoad, PostmortemOutcome
from sre_docs.findings import Finding
from sre_docs.handbook.build import HandbookOptions, build_handbook
from sre_docs.model.repository import load_repository
from sre_docs.scorecard.check_registry import run_check, CHECKS
from sre_docs.scorecard.culture import culture_view
from sre_docs.scorecard.facts import Facts

TODAY = dt.date(2026, 11, 26)


def _incident(ident: str, severity: str, day: str, roles: str, postmortem: str = "") -> str:
    return (f"incident:\n  id: {ident}\n  title: Trouble {ident}\n  services: [shop]\n  severity: {severity}\n"
            f"  status: review\n  timestamps:\n    started: {day}T10:00:00Z\n    resolved: {day}T12:00:00Z\n"
            f"  roles:\n{roles}{postmortem}")


FILES = {
    "services/shop/service.yaml": "service:\n  name: shop\n  tier: standard\n  owner_team: shop-team\n  oncall_rotation: shop-oncall\n",
    "services/shop/incidents/INC-2026-001.yaml": _incident(
        "INC-2026-001", "SEV1", "2026-10-05", "    incident_commander: ana\n    operations_lead: bo\n"),
    "services/shop/incidents/INC-2026-002.yaml": _incident(
        "INC-2026-002", "SEV2", "2026-11-02", "    incident_commander: ana\n    communications_lead: cy\n"),
    "services/shop/incidents/INC-2026-003.yaml": _incident("INC-2026-003", "SEV2", "2026-11-23", "    incident_commander: ana\n"),
    "services/shop/incidents/INC-2026-004.yaml": _incident("INC-2026-004", "SEV3", "2026-06-01", "    incident_commander: bo\n"),
    "services/shop/incidents/INC-2026-005.yaml": _incident(
        "INC-2026-005", "SEV4", "2026-07-01", "    incident_commander: ana\n    scribe: bo\n"),
    "services/shop/incidents/INC-2025-001.yaml": _incident("INC-2025-001", "SEV2", "2025-11-01", "    incident_commander: zed\n"),
    "services/shop/postmortems/INC-2026-001.yaml": (
        "postmortem:\n  incident: INC-2026-001\n  title: Trouble\n  date: 2026-10-14\n  severity: SEV1\n  status: final\n"
        "  action_items:\n"
        "    - {id: AI-001, description: Fix it, owner: bo, deadline: 2026-11-01, status: open}\n"
        "    - {id: AI-002, description: Test it, owner: bo, deadline: 2026-10-01, status: done}\n"
        "    - {id: AI-003, description: Watch it, deadline: 2026-12-31, status: open}\n"),
    "org/oncall/shop-oncall.yaml": (
        "oncall_rotation:\n  name: shop-oncall\n  team: shop-team\n  members: [ana, bo, cy]\n  primary: [ana, bo, cy]\n"
        "  handoffs:\n    - {date: 2026-11-02, from: cy, to: ana}\n    - {date: 2026-11-09, from: ana, to: bo}\n"
        "    - {date: 2026-11-16, from: bo, to: ana}\n"
        "  health:\n    - {period: 2026-10, pages_by_member: {ana: 1, bo: 1, cy: 1}}\n"
        "    - {period: 2026-11, pages_by_member: {ana: 6, bo: 0}}\n"),
}


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("culture")
    for name, body in FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    loaded = load_repository(root, cache=False, workers=1)
    assert not loaded.unreadable
    return loaded


def test_hero_concentration(repo) -> None:
    view = culture_view(repo, TODAY)
    assert view.since == dt.date(2025, 11, 26)
    assert [d.get("id") for d in view.incidents] == [
        "INC-2026-004", "INC-2026-005", "INC-2026-001", "INC-2026-002", "INC-2026-003"]
    assert view.commanders == Concentration(incidents=5, people=2, top=("ana",), top_count=4)
    assert view.responders == Concentration(incidents=5, people=3, top=("ana",), top_count=4)
    assert view.hero_commander and view.hero_responder


def test_postmortems_skipped_or_late(repo) -> None:
    view = culture_view(repo, TODAY)
    rows = [(r.incident.get("id"), r.due, r.written, r.outcome) for r in view.postmortems]
    assert rows == [
        ("INC-2026-001", dt.date(2026, 10, 12), dt.date(2026, 10, 14), PostmortemOutcome.LATE),
        ("INC-2026-002", dt.date(2026, 11, 9), None, PostmortemOutcome.SKIPPED),
        ("INC-2026-003", dt.date(2026, 11, 30), None, PostmortemOutcome.PENDING),
    ]
    assert view.discipline.due == 2 and view.discipline.skipped_or_late_pct == 100.0
    # SEV1 only (PM001 configured so): 001 is the one due, and it was late.
    only_sev1 = culture_view(repo, TODAY, severities=("SEV1",))
    assert [r.outcome for r in only_sev1.postmortems] == [PostmortemOutcome.LATE]


def test_action_items_and_rotations(repo) -> None:
    view = culture_view(repo, TODAY)
    assert view.owners == (OwnerLoad("bo", 1, 1), OwnerLoad(None, 1, 0))
    assert view.overdue_items == 1
    (rotation,) = view.rotations
    assert rotation.period == "2026-11"
    assert rotation.pages is not None and rotation.pages.by_member == (("ana", 6), ("bo", 0), ("cy", 0))
    assert rotation.pages.busiest_ratio == 3.0 and not rotation.fair_pages
    assert rotation.shifts.by_member == (("ana", 2), ("bo", 1), ("cy", 0))
    assert rotation.shifts.busiest_ratio == 2.0 and rotation.fair_shifts
    assert view.warning_signs() == [
        "ana commanded 4 of 5 incidents (80%, over 40%): the same person saves the day",
        "ana held a role in 4 of 5 incidents (80%, over 40%): the same person saves the day",
        "2 of 2 postmortems due were skipped or late (100%)",
        "1 postmortem action item is overdue",
        "rotation shop-oncall: the busiest member took 3.0x the mean pages in 2026-11 (fair: at most 2x)",
    ]


def test_a_day_earlier_nothing_is_skipped_yet(repo) -> None:
    # On 2026-11-09 (002's due day) 002 is not yet skipped, 003 has not started and 001 was already late.
    view = culture_view(repo, dt.date(2026, 11, 9))
    assert [r.outcome for r in view.postmortems] == [PostmortemOutcome.LATE, PostmortemOutcome.PENDING]
    assert view.commanders.incidents == 4  # 003 starts on the 23rd


def test_empty_repo(tmp_path: Path) -> None:
    (tmp_path / "services").mkdir()
    view = culture_view(load_repository(tmp_path, cache=False, workers=1), TODAY)
    assert view.commanders.share_pct is None and view.discipline.skipped_or_late_pct is None
    assert view.owners == () and view.rotations == () and view.warning_signs() == []
    assert view.to_dict()["incident_commanders"]["share_pct"] is None


def _evidence(repo, check: str, **params):
    merged = {**CHECKS[check].defaults, **params}
    return run_check(check, Facts(repo, repo.services["shop"], TODAY), merged)


def test_scorecard_criteria_use_the_same_figures(repo) -> None:
    hero = _evidence(repo, "no_hero_culture")
    assert not hero.met and hero.value == 80.0
    assert hero.detail == "ana commanded 4 of 5 incidents (80%)"
    # judged only from 6 incidents: 5 are too few
    assert _evidence(repo, "no_hero_culture", min_incidents=6).met
    late = _evidence(repo, "postmortems_on_time")
    assert not late.met and late.value == 100.0
    assert late.detail == "1 skipped and 1 late of 2 postmortems due (100%)"
    assert [f.action for f in late.fixes] == [
        "write the next postmortem within five business days (INC-2026-001's was due 2026-10-12, dated 2026-10-14)",
        "write the postmortem of INC-2026-002 (due 2026-11-09)",
    ]
    assert _evidence(repo, "postmortems_on_time", max_pct=100).met


def test_culture_page_escapes_and_shows_the_figures(repo) -> None:
    handbook = build_handbook(repo, list[Finding](), HandbookOptions(today=TODAY))
    page = handbook.page("org/culture.md")
    assert page is not None and page.title == "Reliability culture"
    md = page.markdown
    assert "- ana commanded 4 of 5 incidents &#40;80&#37;&#44; over 40&#37;&#41;&#58; the same person saves the day" in md
    assert ("| Incident commander | 5 | 2 | ana | 4 &#40;80&#46;0&#37;&#41; | "
            '<span class="sre-badge sre-badge--warning">warning sign</span> |') in md
    assert '| bo | 1 | <span class="sre-badge sre-badge--overdue">1</span> |' in md
    assert "| <em>nobody named</em> | 1 | 0 |" in md
    assert ('| [<code>INC&#45;2026&#45;001</code>](../services/shop/incidents/inc-2026-001.md) | '
            '<span class="sre-badge sre-badge--sev1">SEV1</span> | 2026&#45;10&#45;12 | 2026&#45;10&#45;14 | '
            '<span class="sre-badge sre-badge--warning">late</span> |') in md
    assert any(node.page == "org/culture.md" for section in handbook.nav for node in section.children)


def test_hostile_names_are_escaped(tmp_path: Path) -> None:
    files = {
        "services/shop/service.yaml": "service:\n  name: shop\n  tier: standard\n  owner_team: shop-team\n",
        "services/shop/incidents/INC-2026-001.yaml": _incident(
            "INC-2026-001", "SEV3", "2026-10-05", '    incident_commander: "<script>alert(1)</script>"\n'),
        "services/shop/postmortems/INC-2026-001.yaml": (
            "postmortem:\n  incident: INC-2026-001\n  title: Trouble\n  date: 2026-10-14\n  severity: SEV3\n  status: final\n"
            "  action_items:\n    - {id: AI-001, description: Fix, owner: '<img src=x onerror=alert(1)>', status: open}\n"),
    }
    for name, body in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(body, encoding="utf-8")
    handbook = build_handbook(load_repository(tmp_path, cache=False, workers=1), [], HandbookOptions(today=TODAY))
    md = handbook.page("org/culture.md").markdown
    assert "<script" not in md and "<img" not in md
    assert "| &#60;script&#62;alert&#40;1&#41;&#60;&#47;script&#62; | 1 | 100&#46;0&#37; |" in md
    assert "| &#60;img src&#61;x onerror&#61;alert&#40;1&#41;&#62; | 1 | 0 |" in md
