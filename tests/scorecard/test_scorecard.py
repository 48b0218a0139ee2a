"""Scorecard totals, bands, the rubric, self-assessments and the organisation view."""

from __future__ import annotations

import pytest
from scorecard_fixture import TODAY, Files

from sre_docs.model.repository import repository_from_files
from sre_docs.scorecard.org import org_view
from sre_docs.scorecard.rules import load_rules
from sre_docs.scorecard.score import score_repository, score_service

RULES = load_rules()


def _bare_service(name: str) -> list[tuple[str, bytes]]:
    return [(f"services/{name}/service.yaml", f"service:\n  name: {name}\n  tier: standard\n  owner_team: nobody\n".encode())]


def test_a_service_with_nothing_scores_the_floor() -> None:
    repo = repository_from_files(".", _bare_service("empty"))
    card = score_service(repo, "empty", RULES, today=TODAY)
    assert {d.id: d.level for d in card.dimensions} == dict.fromkeys([d.id for d in RULES.dimensions], 0)
    assert [d.maturity for d in card.maturity_dimensions] == [1] * 8
    assert card.total == 8 and card.band.label == "Firefighting"
    assert card.quality == 0
    first = card.dimension("slos").next_steps
    assert [r.criterion.id for r in first] == ["slis-defined"]
    assert str(first[0].evidence.fixes[0]) == "add a `sli` in services/empty/slis.yaml"


def test_quality_uses_the_rubric_weights() -> None:
    files = Files()
    files.drop_matching("services/gold/experiments/")  # chaos 0 -> loses its 10 points
    files.body("services/gold/service.yaml")["observability"]["anomaly_detection"] = False  # monitoring 4 of 5 -> -3
    card = score_service(files.repository(), "gold", RULES, today=TODAY)
    assert card.dimension("chaos_engineering").level == 0 and card.dimension("monitoring").level == 4
    assert card.quality == pytest.approx(100 - 10 - 3)
    assert card.total == 40 - 4 - 1  # chaos counts 1 on the maturity scale


def test_self_assessment_two_levels_off_is_flagged() -> None:
    files = Files()
    files.drop_matching("services/gold/experiments/")
    files.body("services/gold/capacity.yaml")["growth_forecast"] = {}  # capacity 2
    card = score_service(files.repository(), "gold", RULES, today=TODAY)
    flagged = {d.id: d.gap for d in card.disagreements}
    assert flagged == {"chaos_engineering": 4, "capacity_planning": 3}
    assert card.self_assessment is not None and card.self_assessment.assessor == "ana"
    # one level apart is not a disagreement
    files.body("services/gold/maturity.yaml")["scores"].update(chaos_engineering=2, capacity_planning=3)
    card = score_service(files.repository(), "gold", RULES, today=TODAY)
    assert card.disagreements == ()


def test_disagreement_threshold_comes_from_the_rules() -> None:
    files = Files()
    files.drop_matching("services/gold/experiments/")
    files.body("services/gold/maturity.yaml")["scores"]["chaos_engineering"] = 3
    strict = load_rules(config=b"scorecard:\n  settings: {disagreement_levels: 1}\n")
    lenient = load_rules(config=b"scorecard:\n  settings: {disagreement_levels: 3}\n")
    repo = files.repository()
    assert [d.id for d in score_service(repo, "gold", strict, today=TODAY).disagreements] == ["chaos_engineering"]
    assert score_service(repo, "gold", lenient, today=TODAY).disagreements == ()


def test_the_day_matters_reviews_age() -> None:
    repo = Files().repository()
    later = score_service(repo, "gold", RULES, today=TODAY.replace(year=2027))
    assert later.dimension("slos").level == 2  # a year on, no SLO review is recent enough
    assert later.total < 40


def test_a_failing_check_is_reported_not_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    from sre_docs.scorecard import check_registry

    def broken(facts, params):
        raise KeyError("surprise")

    monkeypatch.setitem(check_registry.CHECKS, "has_alerts", check_registry.EvidenceCheck("has_alerts", broken, {}))
    card = score_service(Files().repository(), "gold", RULES, today=TODAY)
    result = next(r for r in card.dimension("monitoring").results if r.criterion.check == "has_alerts")
    assert not result.met and "could not be evaluated (KeyError" in result.evidence.detail
    assert card.dimension("monitoring").level == 0


def test_org_view_leaderboard_bands_and_weakest_dimension() -> None:
    files = Files()
    for name in ("bare-a", "bare-b"):
        for path, _ in _bare_service(name):
            files.docs[path] = [{"service": {"name": name, "tier": "standard", "owner_team": "nobody"}}]
    files.drop_matching("services/gold/experiments/")
    cards = score_repository(files.repository(), RULES, today=TODAY)
    view = org_view(cards)
    assert [c.service for c in view.leaderboard] == ["gold", "bare-a", "bare-b"]
    assert {band.label: members for band, members in view.bands} == {
        "Firefighting": ("bare-a", "bare-b"), "Foundation built": (), "Maturing": (), "Advanced": ("gold",),
    }
    assert view.weakest is not None and view.weakest.id == "chaos_engineering"
    assert view.weakest.lagging == ("bare-a", "bare-b", "gold")
    assert view.disagreements == (("gold", ("chaos_engineering",)),)
    assert view.mean_total == pytest.approx((36 + 8 + 8) / 3)


def test_org_view_without_gaps_names_no_weakest_dimension() -> None:
    view = org_view(score_repository(Files().repository(), RULES, today=TODAY))
    assert view.weakest is None


def test_future_dates_are_not_evidence() -> None:
    files = Files()
    files.body("services/gold/slos.yaml", 0)["last_reviewed"] = "2062-01-01"
    files.body("org/oncall/gold-primary.yaml")["handoffs"][0]["date"] = "2027-01-01"
    card = score_service(files.repository(), "gold", RULES, today=TODAY)
    assert card.dimension("slos").level == 2  # never reviewed, as far as anyone can tell today
    assert card.dimension("oncall_health").level == 3  # the only handoff has not happened yet
