"""Every criterion, broken alone in an otherwise perfect service, sets its dimension's level.

The gold fixture meets all five levels of every dimension. Each case below breaks one
criterion; since levels are cumulative the dimension must drop to one below that
criterion's level, however much of the higher levels is still met (breaking a level-2
criterion of a service that meets level 5 everywhere else leaves it at level 1).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from scorecard_fixture import TODAY, Files

from sre_docs.scorecard.facts import GitFacts
from sre_docs.scorecard.rules import load_rules
from sre_docs.scorecard.score import score_service

SVC = "services/gold"
RULES = load_rules()


def _set(path: str, *keys: str, index: int = 0, value: object = None, delete: bool = False) -> Callable[[Files], None]:
    def edit(files: Files) -> None:
        target = files.body(path, index)
        for key in keys[:-1]:
            target = target[key]
        if delete:
            del target[keys[-1]]
        else:
            target[keys[-1]] = value
    return edit


def _all(*edits: Callable[[Files], None]) -> Callable[[Files], None]:
    def edit(files: Files) -> None:
        for one in edits:
            one(files)
    return edit


def _drop(*paths: str) -> Callable[[Files], None]:
    return lambda files: files.drop(*paths)


def _drop_prefix(prefix: str) -> Callable[[Files], None]:
    return lambda files: files.drop_matching(prefix)


def _add(path: str, document: dict) -> Callable[[Files], None]:
    return lambda files: files.add(path, document)


def _slo_alerts(keep: int) -> Callable[[Files], None]:
    def edit(files: Files) -> None:
        for index in (0, 1):
            body = files.body(f"{SVC}/slos.yaml", index)
            body["burn_rate_alerts"] = body["burn_rate_alerts"][:keep]
            if not keep:
                del body["burn_rate_alerts"]
    return edit


def _rotation(*keys: str, value: object = None, delete: bool = False) -> Callable[[Files], None]:
    return _set("org/oncall/gold-primary.yaml", *keys, value=value, delete=delete)


def _health(key: str, value: object) -> Callable[[Files], None]:
    def edit(files: Files) -> None:
        files.body("org/oncall/gold-primary.yaml")["health"][0][key] = value
    return edit


def _prr(check_id: str, status: str) -> Callable[[Files], None]:
    def edit(files: Files) -> None:
        for check in files.body(f"{SVC}/prr.yaml")["checks"]:
            if check["id"] == check_id:
                check["status"] = status
    return edit


def _experiments(key: str, value: object = None, delete: bool = False, names: tuple[str, ...] = ("staging-one", "staging-two", "production-continuous")) -> Callable[[Files], None]:
    return _all(*(_set(f"{SVC}/experiments/{name}.yaml", key, value=value, delete=delete) for name in names))


_INCIDENT = f"{SVC}/incidents/INC-2026-101.yaml"
_POSTMORTEM = f"{SVC}/postmortems/INC-2026-101.yaml"
_CAPACITY = f"{SVC}/capacity.yaml"
_TOIL = f"{SVC}/toil.yaml"
_SEV3 = {"incident": {
    "id": "INC-2026-102", "title": "Slow pages", "services": ["gold"], "severity": "SEV3", "status": "resolve",
    "detection": "alert", "timestamps": {"started": "2026-10-01T10:00:00Z", "resolved": "2026-10-01T12:00:00Z"},
}}


def _sev4(number: int, commander: str) -> Callable[[Files], None]:
    """A minor incident commanded by ``commander`` (SEV4 needs no postmortem and no full command structure)."""
    ident = f"INC-2026-1{number:02d}"
    return _add(f"{SVC}/incidents/{ident}.yaml", {"incident": {
        "id": ident, "title": "Minor glitch", "services": ["gold"], "severity": "SEV4", "status": "resolve",
        "detection": "alert", "roles": {"incident_commander": commander},
        "timestamps": {"started": f"2026-10-{number:02d}T10:00:00Z", "resolved": f"2026-10-{number:02d}T11:00:00Z"},
    }})


def _toil_item(name: str, hours: float, status: str = "identified") -> dict:
    return {"toil_item": {"name": name, "category": "data", "total_hours_per_month": hours, "status": status}}


#: (criterion key, edit that breaks it, git facts or None)
CASES: list[tuple[str, Callable[[Files], None], dict[str, dt.date] | None]] = [
    # SLOs
    ("slos/slis-defined", _drop(f"{SVC}/slis.yaml"), None),
    ("slos/slos-defined", _drop(f"{SVC}/slos.yaml"), None),
    ("slos/slos-name-slis", _set(f"{SVC}/slos.yaml", "sli", value="nonexistent"), None),
    ("slos/slo-per-sli", _add(f"{SVC}/slis.yaml", {"sli": {"name": "freshness", "type": "freshness"}}), None),
    ("slos/budget-policy", _drop("org/error_budget_policy.yaml"), None),
    ("slos/reviewed-quarterly", _set(f"{SVC}/slos.yaml", "last_reviewed", value="2026-05-01"), None),
    ("slos/multiwindow-burn-alerts", _slo_alerts(1), None),
    ("slos/stakeholders-agreed", _set(f"{SVC}/slos.yaml", "stakeholders", index=1, delete=True), None),
    ("slos/budgets-from-data", _drop(f"{SVC}/measurements/gold-latency.yaml"), None),
    ("slos/reviewed-monthly", _set(f"{SVC}/slos.yaml", "review_cadence", value="quarterly"), None),
    # monitoring
    ("monitoring/alerts-exist", _all(_drop(f"{SVC}/alerts.yaml"), _slo_alerts(0)), None),
    ("monitoring/alerts-have-runbooks", _drop(f"{SVC}/runbooks/gold_saturation.yaml"), None),
    ("monitoring/dashboards-linked", _set(f"{SVC}/service.yaml", "observability", "dashboards", delete=True), None),
    ("monitoring/golden-signals", lambda f: f.drop_doc(f"{SVC}/alerts.yaml", 0), None),
    ("monitoring/structured-logging", _set(f"{SVC}/service.yaml", "observability", "structured_logging", value=False), None),
    ("monitoring/tracing", _set(f"{SVC}/service.yaml", "observability", "tracing", value=False), None),
    ("monitoring/page-on-symptoms", _set(f"{SVC}/alerts.yaml", "notify", index=1, value="page"), None),
    ("monitoring/anomaly-detection", _set(f"{SVC}/service.yaml", "observability", "anomaly_detection", value=False), None),
    ("monitoring/prr-monitoring", _prr("monitoring.tracing", "fail"), None),
    # incident response
    ("incident_response/runbooks-exist", _drop_prefix(f"{SVC}/runbooks/"), None),
    ("incident_response/oncall-covered", _drop("org/oncall/gold-primary.yaml"), None),
    ("incident_response/postmortems-written", _all(_drop(_POSTMORTEM), _set(_INCIDENT, "postmortem", delete=True)), None),
    ("incident_response/commander-named", _set(_INCIDENT, "roles", "incident_commander", delete=True), None),
    ("incident_response/postmortems-complete", _set(_POSTMORTEM, "root_cause", delete=True), None),
    ("incident_response/actions-on-time", _all(_set(_POSTMORTEM, "action_items", value=[
        {"id": "AI-001", "description": "Validate flags", "deadline": "2026-09-30", "status": "open"}])), None),
    ("incident_response/postmortems-for-sev3", _add(f"{SVC}/incidents/INC-2026-102.yaml", _SEV3), None),
    ("incident_response/detected-by-alerts", _set(_INCIDENT, "detection", value="user report"), None),
    ("incident_response/full-command-structure", _set(_INCIDENT, "roles", "communications_lead", delete=True), None),
    # resolved Tuesday 2026-09-01: due five business days later, Tuesday 2026-09-08; written on the 10th
    ("incident_response/postmortems-on-time", _set(_POSTMORTEM, "date", value="2026-09-10"), None),
    # ana commands INC-2026-101 and four SEV4s: 5 of 5 incidents, 100% > 40%
    ("incident_response/no-hero", _all(*(_sev4(n, "ana") for n in (10, 11, 12, 13))), None),
    ("incident_response/actions-closed-on-time", _set(_POSTMORTEM, "action_items", value=[
        {"id": "AI-001", "description": "Validate flags", "deadline": "2026-09-30", "status": "done", "completed": "2026-10-05"}]), None),
    # automation
    ("automation/delivery-declared", _set(f"{SVC}/service.yaml", "deployment_frequency", delete=True), None),
    ("automation/ci-cd", _set(f"{SVC}/service.yaml", "automation", "ci_cd", value=False), None),
    ("automation/auto-rollback", _set(f"{SVC}/service.yaml", "automation", "auto_rollback", value=False), None),
    ("automation/ships-weekly", _set(f"{SVC}/service.yaml", "deployment_frequency", value="monthly"), None),
    ("automation/gitops", _set(f"{SVC}/service.yaml", "automation", "gitops", value=False), None),
    ("automation/feature-flags", _set(f"{SVC}/service.yaml", "automation", "feature_flags", delete=True), None),
    ("automation/self-healing", lambda f: f.body(f"{SVC}/auto_remediation.yaml")[0].update(enabled=False), None),
    ("automation/auto-scaling", _set(_CAPACITY, "scaling_strategy", "auto_scaling", value=False), None),
    # the team's 12 + 6 = 18 h of toil over 60 SRE hours: 30%, over the rubric's 25%
    ("automation/toil-under-budget", _set("org/teams.yaml", "sre_hours_per_month", value=60), None),
    # chaos engineering
    ("chaos_engineering/experiment-planned", _drop_prefix(f"{SVC}/experiments/"), None),
    ("chaos_engineering/exploratory", _experiments("status", "planned"), None),
    ("chaos_engineering/experiments-safe", _set(f"{SVC}/experiments/staging-one.yaml", "safety", "rollback_plan", delete=True), None),
    ("chaos_engineering/systematic", _experiments("scheduled", delete=True, names=("staging-one", "staging-two")), None),
    ("chaos_engineering/results-recorded", _set(f"{SVC}/experiments/staging-two.yaml", "results", "observations", delete=True), None),
    ("chaos_engineering/production-game-days", _set(f"{SVC}/experiments/production-continuous.yaml", "environment", value="staging"), None),
    ("chaos_engineering/continuous", _set(f"{SVC}/experiments/production-continuous.yaml", "automated", value=False), None),
    # capacity planning
    ("capacity_planning/model-exists", _drop(_CAPACITY), None),
    ("capacity_planning/current-state-known", _set(_CAPACITY, "current_state", "headroom_pct", delete=True), None),
    ("capacity_planning/growth-forecast", _all(_set(_CAPACITY, "growth_forecast", "projected_6mo", delete=True),
                                               _set(_CAPACITY, "growth_forecast", "projected_12mo", delete=True)), None),
    ("capacity_planning/reviewed-quarterly", _set(_CAPACITY, "last_load_test", value="2026-05-01"), None),
    # revised in git last week (so reviewed), but the last load test is eight months old
    ("capacity_planning/load-tested", _set(_CAPACITY, "last_load_test", value="2026-03-01"), {_CAPACITY: dt.date(2026, 11, 9)}),
    ("capacity_planning/cost-projected", _set(_CAPACITY, "cost_projection", delete=True), None),
    ("capacity_planning/auto-scaling", _set(_CAPACITY, "scaling_strategy", "auto_scaling", value=False), None),
    ("capacity_planning/headroom-holds", _all(_set(_CAPACITY, "growth_forecast", "monthly_growth_pct", value=10),
                                              _set(_CAPACITY, "scaling_strategy", "max_instances", value=7)), None),
    # toil management
    ("toil_management/toil-inventoried", _drop(_TOIL), None),
    ("toil_management/toil-quantified", _set(_TOIL, "total_hours_per_month", index=1, delete=True), None),
    ("toil_management/under-half", _set(_TOIL, "total_hours_per_month", index=1, value=100), None),
    ("toil_management/reduction-planned", _set(_TOIL, "total_hours_per_month", index=1, value=11), None),
    ("toil_management/under-budget", _set("org/teams.yaml", "sre_hours_per_month", value=60), None),
    ("toil_management/systematic-elimination", _all(_add(_TOIL, _toil_item("Fix stuck exports", 9)), _add(_TOIL, _toil_item("Reindex search", 9))), None),
    # on-call health
    ("oncall_health/rotation-exists", _drop("org/oncall/gold-primary.yaml"), None),
    ("oncall_health/rotation-of-three", _all(_rotation("members", value=["ana", "bo"]), _rotation("primary", value=["ana", "bo"])), None),
    ("oncall_health/escalation-path", _rotation("escalation", delete=True), None),
    # The rotation's people are its members (ONC001's count), not only those on the primary layer.
    ("oncall_health/rotation-of-five", _all(_rotation("members", value=["ana", "bo", "cy", "di"]),
                                            _rotation("primary", value=["ana", "bo", "cy", "di"])), None),
    ("oncall_health/secondary-layer", _rotation("secondary", delete=True), None),
    ("oncall_health/health-tracked", _health("period", "2026-06"), None),
    ("oncall_health/under-five-pages", _health("pages_per_shift", 6), None),
    ("oncall_health/handoffs-written", lambda f: f.body("org/oncall/gold-primary.yaml")["handoffs"][0].update(date="2026-09-01"), None),
    ("oncall_health/compensated", _rotation("compensation", delete=True), None),
    ("oncall_health/under-two-pages", _health("pages_per_shift", 3), None),
    ("oncall_health/quiet-nights", _health("off_hours_pages_per_week", 2), None),
    ("oncall_health/balanced-load", _health("pages_by_member", {"ana": 10, "bo": 0, "cy": 0, "di": 0, "ed": 0}), None),
    # documentation (rubric only)
    ("documentation/described", _set(f"{SVC}/service.yaml", "description", delete=True), None),
    ("documentation/runbooks-exist", _drop_prefix(f"{SVC}/runbooks/"), None),
    ("documentation/alerts-have-runbooks", _drop(f"{SVC}/runbooks/gold_saturation.yaml"), None),
    ("documentation/runbooks-complete", _set(f"{SVC}/runbooks/gold_saturation.yaml", "escalation", delete=True), None),
    ("documentation/links-listed", _set(f"{SVC}/service.yaml", "links", delete=True), None),
    ("documentation/runbooks-current", _set(f"{SVC}/runbooks/gold_saturation.yaml", "last_updated", value="2026-07-01"), None),
    # tested 2026-05-01: 199 days before 2026-11-16, over 180
    ("documentation/runbooks-tested", _set(f"{SVC}/runbooks/gold_saturation.yaml", "last_tested", value="2026-05-01"), None),
    ("documentation/docs-reviewed", _prr("docs.api-docs", "fail"), None),
]


def _criterion(key: str):
    dimension, ident = key.split("/")
    return next(c for c in RULES.dimension(dimension).criteria if c.id == ident)


def test_gold_meets_every_level() -> None:
    card = score_service(Files().repository(), "gold", RULES, today=TODAY)
    assert {d.id: d.level for d in card.dimensions} == {d.id: 5 for d in RULES.dimensions}
    assert card.total == 40 and card.band.label == "Advanced" and card.quality == pytest.approx(100)
    assert all(r.met for d in card.dimensions for r in d.results)


def test_every_shipped_criterion_has_a_case() -> None:
    shipped = {c.key for d in RULES.dimensions for c in d.criteria}
    assert shipped == {key for key, _, _ in CASES}


@pytest.mark.parametrize("key, edit, git", CASES, ids=[case[0] for case in CASES])
def test_breaking_one_criterion_sets_the_level(key: str, edit: Callable[[Files], None], git: dict | None) -> None:
    criterion = _criterion(key)
    files = Files()
    edit(files)
    card = score_service(files.repository(), "gold", RULES, today=TODAY, git=GitFacts(git) if git else None)
    dim = card.dimension(criterion.dimension)
    missed = {r.criterion.key for r in dim.missed}
    assert key in missed
    assert not [k for k in missed if _criterion(k).level < criterion.level], missed
    assert dim.level == criterion.level - 1
    broken = next(r for r in dim.results if r.criterion.key == key)
    assert broken.evidence.fixes, "a missed criterion must say what would satisfy it"
    assert dim.maturity == max(1, criterion.level - 1)
