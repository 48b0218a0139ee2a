"""A criterion with nothing to check is "not shown" and not met: never a pass (issue 16).

Before, the gold service without incidents reached Incident Response 5 ("Optimised") on
"0 incidents of SEV1/SEV2 covered", and a service with no completed experiment showed
"results of 0 completed experiments recorded" ✓.
"""

from __future__ import annotations

from scorecard_fixture import TODAY, Files

from sre_docs.handbook import scorecards as pages
from sre_docs.scorecard.formats import assess_text, criterion_dict
from sre_docs.scorecard.rules import load_rules
from sre_docs.scorecard.score import score_service

SVC = "services/gold"
RULES = load_rules()


def _card(edit):
    files = Files()
    edit(files)
    return score_service(files.repository(), "gold", RULES, today=TODAY)


def _without_incidents(files: Files) -> None:
    files.drop_matching(f"{SVC}/incidents/")
    files.drop_matching(f"{SVC}/postmortems/")


def test_no_incident_is_not_optimised_incident_response() -> None:
    card = _card(_without_incidents)
    dim = card.dimension("incident_response")
    shown = {r.criterion.id: (r.met, r.evidence.shown, r.evidence.detail) for r in dim.results}
    # L1 a runbook and L2 a rotation are facts; L3 is about every SEV1/SEV2 incident, and there is none.
    assert shown["runbooks-exist"][:2] == (True, True)
    assert shown["oncall-covered"][:2] == (True, True)
    assert shown["postmortems-written"] == (False, False, "no SEV1/SEV2 incident in the last 365 days")
    assert shown["commander-named"] == (False, False, "no SEV1/SEV2 incident in the last 365 days")
    assert shown["postmortems-complete"] == (False, False, "no postmortem in the last 365 days")
    assert shown["actions-on-time"] == (False, False, "no action item with a deadline")
    assert (dim.level, dim.maturity) == (2, 2)
    not_shown = next(r for r in dim.results if r.criterion.id == "postmortems-written")
    assert criterion_dict(not_shown)["met"] is False and criterion_dict(not_shown)["shown"] is False
    assert not_shown.evidence.fixes == ()


def test_no_completed_experiment_shows_no_result_check() -> None:
    def planned_only(files: Files) -> None:
        for name in ("staging-one", "staging-two", "production-continuous"):
            files.body(f"{SVC}/experiments/{name}.yaml")["status"] = "planned"
    card = _card(planned_only)
    dim = card.dimension("chaos_engineering")
    results = next(r for r in dim.results if r.criterion.check == "experiment_results_recorded")
    assert (results.met, results.evidence.shown, results.evidence.detail) == (False, False, "no completed experiment to check")
    page = pages.scorecard_page(card)
    assert f"- – **L{results.criterion.level}** " in page
    assert ": not shown, no completed experiment to check" in page
    text = assess_text(card)
    assert f"  n/a  L{results.criterion.level} " in text and "- not shown: no completed experiment to check" in text
    coloured = assess_text(card, colour=True)
    assert "\033[2m–\033[0m" in coloured


def test_gold_still_meets_every_level_with_evidence() -> None:
    card = _card(lambda files: None)
    assert all(r.met and r.evidence.shown for d in card.dimensions for r in d.results)
