"""`sre-docs assess` and `sre-docs scorecard`: output, JSON contract, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from scorecard_fixture import TODAY, Files

from sre_docs.cli import main


@pytest.fixture()
def org(tmp_path: Path) -> Path:
    files = Files()
    files.drop_matching("services/gold/experiments/")
    files.docs["services/bare/service.yaml"] = [{"service": {"name": "bare", "tier": "standard", "owner_team": "gold-team"}}]
    files.write(tmp_path)
    return tmp_path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_assess_text_is_plain_when_piped(org: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "assess", "gold", "--root", str(org), "--today", TODAY.isoformat())
    assert code == 0 and err == ""
    assert "\033[" not in out
    lines = out.splitlines()
    assert lines[0] == "gold  (tier critical, team gold-team)  as of 2026-11-16"
    assert lines[1] == "Maturity 36/40 - Advanced: Work on predicting failures and on the reliability culture."
    assert lines[2] == "Quality score 90/100"
    # Maturity dimensions read on the guide's 1-5 scale, the scale the total adds up: nothing met is 1, ad hoc.
    assert "Chaos Engineering           1 #....   Ad hoc, nothing met yet  5!" in out
    assert "Documentation (rubric 0-5)  5 #####   Optimised" in out
    assert "Chaos Engineering: maturity 1 (Ad hoc, nothing met yet)" in out
    assert "Flagged: Chaos Engineering: the team rates itself 5, 4 levels above the evidence (1)" in out
    assert "  MISS L1 At least one chaos experiment is written down - 0 experiment documents (needs 1)" in out
    assert "        -> add an `experiment` in services/gold/experiments/new.yaml" in out


def test_assess_json_is_stable(org: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "assess", "gold", "--root", str(org), "--today", TODAY.isoformat(), "--json")
    assert code == 0
    data = json.loads(out)
    assert list(data) == ["schema", "rules", "scorecard"]
    assert data["schema"] == "sre-docs/scorecard/v1"
    card = data["scorecard"]
    assert [d["id"] for d in card["dimensions"]][:2] == ["slos", "monitoring"]
    chaos = next(d for d in card["dimensions"] if d["id"] == "chaos_engineering")
    assert (chaos["level"], chaos["maturity"], chaos["self_assessed"], chaos["gap"], chaos["flagged"]) == (0, 1, 5, 4, True)
    assert chaos["criteria"][0] == {
        "id": "experiment-planned", "level": 1, "text": "At least one chaos experiment is written down",
        "check": "has_documents", "met": False, "shown": True, "detail": "0 experiment documents (needs 1)",
        "fixes": [{"path": "services/gold/experiments/new.yaml", "line": None,
                   "action": "add an `experiment`"}],
    }
    assert card["disagreements"] == ["chaos_engineering"]
    assert _run(capsys, "assess", "gold", "--root", str(org), "--today", TODAY.isoformat(), "--json")[1] == out


def test_scorecard_org_text_and_json(org: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "scorecard", "--root", str(org), "--today", TODAY.isoformat())
    assert code == 0
    assert "1  gold     critical  36     Advanced" in out
    assert "2  bare     standard  " in out
    assert "Weakest dimension: Chaos Engineering (mean maturity 1.0); services at 1-2: bare, gold" in out
    assert "1  gold     critical  36     Advanced      90       5    5    5    5    1!   5    5     5    5" in out


def test_table_adds_up_to_the_total(org: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The eight maturity cells of a row sum to its total; the rubric-only Documentation keeps its 0-5 level."""
    code, out, _ = _run(capsys, "scorecard", "--root", str(org), "--today", TODAY.isoformat())
    assert code == 0
    for line in out.splitlines():
        if line.startswith(("1  ", "2  ")):
            cells = line.split()
            total, maturity = int(cells[3]), cells[-9:-1]
            assert sum(int(cell.rstrip("!")) for cell in maturity) == total, line
            assert all(int(cell.rstrip("!")) >= 1 for cell in maturity)
    assert "2  bare     standard  12     Firefighting  10       1    1    1    1    1    1    1     5    0" in out
    code, out, _ = _run(capsys, "scorecard", "--root", str(org), "--today", TODAY.isoformat(), "--json")
    data = json.loads(out)
    assert [e["service"] for e in data["leaderboard"]] == ["gold", "bare"]
    assert data["weakest"] == "chaos_engineering"
    assert [s["service"] for s in data["services"]] == ["bare", "gold"]
    assert "criteria" not in data["services"][0]["dimensions"][0]


def test_organisation_quality_and_culture(org: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """gold scores 90 and bare 10 (the rows above): (90 + 10) / 2 = 50, level 2.5, the rubric's "0-2" column."""
    code, out, _ = _run(capsys, "scorecard", "--root", str(org), "--today", TODAY.isoformat())
    assert code == 0
    assert "Organisation quality score: 50.0/100, Ad hoc (rubric column 0-2; the mean of 2 services)" in out
    code, out, _ = _run(capsys, "scorecard", "--root", str(org), "--today", TODAY.isoformat(), "--json")
    data = json.loads(out)
    assert data["quality"] == {"score": 50.0, "band": "Ad hoc", "column": "0-2", "services": 2}
    # One incident (INC-2026-101, SEV2, resolved Tuesday 2026-09-01, due 2026-09-08), its postmortem dated 09-04.
    culture = data["culture"]
    assert culture["incident_commanders"] == {"incidents": 1, "people": 1, "top": ["ana"], "top_count": 1,
                                              "share_pct": 100.0, "hero_culture": False}
    assert culture["responders"]["top"] == ["ana", "bo", "cy"] and culture["responders"]["people"] == 3
    assert culture["postmortems"] == {"severities": ["SEV1", "SEV2"], "on_time": 1, "late": 0, "skipped": 0,
                                      "pending": 0, "skipped_or_late_pct": 0.0}


def test_today_from_the_environment(org: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SRE_DOCS_TODAY", "2026-11-16")
    code, out, _ = _run(capsys, "assess", "gold", "--root", str(org), "--json")
    assert code == 0 and json.loads(out)["scorecard"]["as_of"] == "2026-11-16"


def test_unknown_service_is_a_usage_error(org: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "assess", "gol", "--root", str(org))
    assert code == 2 and out == ""
    assert "no service 'gol'" in err and "did you mean 'gold'?" in err


def test_invalid_rules_exit_2_with_positions(org: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (org / "sre-docs.yaml").write_text("scorecard:\n  dimensions:\n    slo: {}\n")
    code, out, err = _run(capsys, "scorecard", "--root", str(org))
    assert code == 2 and out == ""
    assert err == ("sre-docs: invalid config: scorecard rules:\n"
                   "  sre-docs.yaml:3:5: SCR005 unknown scorecard dimension 'slo'; did you mean 'slos'?\n")


def test_history_outside_git_is_a_usage_error(org: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "scorecard", "--root", str(org), "--history", "--today", TODAY.isoformat())
    assert code == 2 and "--history:" in err and "not inside a git repository" in err
