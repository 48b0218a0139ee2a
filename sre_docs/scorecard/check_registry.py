"""The registry of evidence checks that scorecard criteria are built from.

A criterion in ``rules.yaml`` names a check and gives it parameters::

    - id: rotation-of-five
      check: min_rotation_size
      with: {min: 5}

Each check is a pure function ``(facts, params) -> Evidence`` with a cerberus schema for
its parameters, so a rules file that misspells a check or a parameter is refused before
anything is scored. The registry is explicit (``CHECKS`` below): a check exists when it
is listed here. This module holds the generic checks (over any kind or catalog field);
the domain checks live in ``checks_reliability`` and ``checks_operations``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sre_docs.calc import culture
from sre_docs.policies.prr001 import readiness
from sre_docs.policies.rbk004 import DEFAULT_MAX_AGE_DAYS as DEFAULT_TEST_AGE_DAYS
from sre_docs.schemas.vocabulary import PRR_CHECK_IDS
from sre_docs.scorecard import checks_operations as ops
from sre_docs.scorecard import checks_reliability as rel
from sre_docs.scorecard.facts import (
    Evidence,
    Facts,
    Fix,
    catalog_path,
    field_fix,
    file_for,
    missed,
    over_every,
    passed,
    plural,
)
from sre_docs.words import label

CheckFunction = Callable[[Facts, Mapping[str, Any]], Evidence]


@dataclass(frozen=True)
class EvidenceCheck:
    """A named check, its parameter schema (cerberus, with defaults) and its documentation."""

    name: str
    run: CheckFunction
    params: Mapping[str, Any]

    @property
    def summary(self) -> str:
        """First paragraph of the function's docstring: what the check looks for."""
        doc = (self.run.__doc__ or "").strip()
        return " ".join(doc.split("\n\n", 1)[0].split())

    @property
    def defaults(self) -> dict[str, Any]:
        return {key: rule["default"] for key, rule in self.params.items() if "default" in rule}


# --- generic checks ---------------------------------------------------------------------------

KIND_NAMES = (
    "service", "sli", "slo", "alert", "runbook", "incident", "postmortem", "experiment", "toil_item",
    "capacity_model", "prr", "maturity_assessment", "measurements", "error_budget_policy", "auto_remediation",
)


def _documents(facts: Facts, kind: str) -> list[Any]:
    if kind == "incident":
        return facts.repo.incidents_of(facts.name)
    return facts.service.of_kind(kind)


def _dig(value: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _is_set(value: Any) -> bool:
    return value is not None and value != "" and value != [] and value != {}


def has_documents(facts: Facts, params: Mapping[str, Any]) -> Evidence:
    """The service has at least ``min`` documents of ``kind``."""
    kind, wanted = params["kind"], params["min"]
    found = len(_documents(facts, kind))
    detail = f"{plural(found, label(kind) + ' document')} (needs {wanted})"
    if found >= wanted:
        return passed(detail, found)
    article = "an" if kind[0] in "aeiou" else "a"
    action = f"add {article} `{kind}`" if found == 0 and wanted == 1 else f"add {plural(wanted - found, 'more `' + kind + '` document')}"
    return missed(detail, Fix(file_for(facts.service, kind), action), value=found)


def document_fields(facts: Facts, params: Mapping[str, Any]) -> Evidence:
    """Every document of ``kind`` sets each of ``fields`` (dotted paths; an empty list or text does not count).

    With no document of the kind there is nothing to complete: the criterion is not met and shows as
    "not shown" (``calc.verdict.every``); pair it with ``has_documents`` at the same or a lower level.
    """
    kind, fields = params["kind"], params["fields"]
    docs = _documents(facts, kind)
    fixes = []
    incomplete = 0
    for doc in docs:
        body = doc.body if isinstance(doc.body, dict) else {}
        gaps = [dotted for dotted in fields if not _is_set(_dig(body, dotted))]
        incomplete += bool(gaps)
        for dotted in gaps:
            parent = tuple(dotted.split(".")[:-1])
            fixes.append(field_fix(doc, doc.path, parent, f"set `{dotted}` in {kind} `{doc.name or kind}`"))
    what = label(kind) + " document"
    return over_every(len(docs), incomplete, none=f"no {what} to check",
                      holds=f"all {plural(len(docs), what)} set {', '.join(fields)}",
                      broken=f"{incomplete} of {plural(len(docs), what)} miss {', '.join(fields)}", fixes=tuple(fixes))


def catalog_flag(facts: Facts, params: Mapping[str, Any]) -> Evidence:
    """The service catalog entry sets the boolean ``field`` (dotted path) to true."""
    dotted = params["field"]
    catalog = facts.service.catalog
    value = _dig(catalog.body, dotted) if catalog is not None and isinstance(catalog.body, dict) else None
    if value is True:
        return passed(f"`{dotted}` is true")
    parent = tuple(dotted.split("."))
    said = "false" if value is False else "not set"
    return missed(f"`{dotted}` is {said}", field_fix(catalog, catalog_path(facts.service), parent, f"set `{dotted}: true` once it holds"))


def catalog_value(facts: Facts, params: Mapping[str, Any]) -> Evidence:
    """The service catalog entry sets ``field`` (dotted path); with ``in``, to one of those values."""
    dotted, allowed = params["field"], params.get("in")
    catalog = facts.service.catalog
    value = _dig(catalog.body, dotted) if catalog is not None and isinstance(catalog.body, dict) else None
    parent = tuple(dotted.split("."))
    if not _is_set(value):
        want = f"one of {', '.join(map(str, allowed))}" if allowed else "a value"
        return missed(f"`{dotted}` is not set", field_fix(catalog, catalog_path(facts.service), parent, f"set `{dotted}` to {want}"))
    if allowed and value not in allowed:
        return missed(
            f"`{dotted}` is {value!r}, not one of {', '.join(map(str, allowed))}",
            field_fix(catalog, catalog_path(facts.service), parent, f"reach `{dotted}` {' or '.join(map(str, allowed))}"),
        )
    shown = plural(len(value), "entry", "entries") if isinstance(value, list) else repr(value)
    return passed(f"`{dotted}` is {shown}")


def documents_fresh(facts: Facts, params: Mapping[str, Any]) -> Evidence:
    """Every document of ``kind`` was touched in the last ``max_age_days``.

    Touched means its file changed in git (when ``use_git``) or its ``date_field`` holds a
    recent enough date, whichever is later. With no such document it is not shown (and not met).
    """
    kind, limit = params["kind"], params["max_age_days"]
    date_field = params.get("date_field")
    use_git = params["use_git"]
    docs = _documents(facts, kind)
    fixes = []
    for doc in docs:
        fields = [tuple(date_field.split("."))] if date_field else []
        scoped = facts if use_git else Facts(facts.repo, facts.service, facts.today, None)
        age = facts.days_since(scoped.touched(doc, *fields))
        if age is None or age > limit:
            seen = "never dated" if age is None else f"{age} days ago"
            what = f"update `{date_field}`" if date_field else "review and commit"
            fixes.append(field_fix(doc, doc.path, fields[0] if fields else (), f"{what} for {kind} `{doc.name or doc.path}` (last touched: {seen})"))
    what = label(kind) + " document"
    return over_every(len(docs), len(fixes), none=f"no {what} to check",
                      holds=f"all {plural(len(docs), what)} touched within {limit} days",
                      broken=f"{plural(len(fixes), what)} older than {limit} days", fixes=tuple(fixes))


def prr_checks_pass(facts: Facts, params: Mapping[str, Any]) -> Evidence:
    """The latest production readiness review, held in the last ``max_age_days``, passes every check in ``ids``.

    A check marked ``n/a`` counts as passed: the reviewers decided it does not apply. A ``pass`` the repo
    contradicts does not (PRR001's ``readiness``: PRR002, `sre-docs prr` and this criterion agree).
    """
    ids, limit = params["ids"], params["max_age_days"]
    review = facts.service.prr
    target = file_for(facts.service, "prr")
    if review is None:
        return missed("no production readiness review", Fix(target, f"record a `prr` covering {', '.join(ids)}"))
    age = facts.days_since(facts.touched(review, ("date",)))
    if age is None or age > limit:
        return missed(f"latest review is {age} days old (limit {limit})", field_fix(review, target, ("date",), "hold a new readiness review"))
    verdicts = {row.id: row for row in readiness(facts.repo, facts.service, review)}
    failing = [check_id for check_id in ids if check_id in verdicts and not verdicts[check_id].passes]
    if not failing:
        return passed(f"{plural(len(ids), 'check')} pass in the review of {review.get('date')}")

    def now(check_id: str) -> str:
        row = verdicts[check_id]
        if row.contradicted:
            return f"pass, but the repo shows otherwise: {row.repo_detail}"
        return "absent" if row.status == "missing" else row.status

    return missed(
        f"{', '.join(failing)} not passed",
        *(field_fix(review, target, ("checks",), f"pass PRR check `{check_id}` (now: {now(check_id)})") for check_id in failing),
    )


# --- the registry -----------------------------------------------------------------------------

_KIND = {"type": "string", "required": True, "allowed": list(KIND_NAMES)}
_DAYS = {"type": "integer", "min": 1, "max": 3660}
_PCT = {"type": "number", "min": 0, "max": 100}
_FIELD = {"type": "string", "required": True, "regex": r"[a-z_]+(\.[a-z_]+)*"}


def _days(default: int) -> dict[str, Any]:
    return {**_DAYS, "default": default}


def _pct(default: float) -> dict[str, Any]:
    return {**_PCT, "default": default}


def _strings(allowed: tuple[str, ...] | list[str] | None = None, *, default: list[str] | None = None) -> dict[str, Any]:
    item: dict[str, Any] = {"type": "string"}
    if allowed:
        item["allowed"] = list(allowed)
    rule: dict[str, Any] = {"type": "list", "schema": item, "minlength": 1}
    if default is None:
        rule["required"] = True
    else:
        rule["default"] = default
    return rule


_SEVERITIES = ("SEV1", "SEV2", "SEV3", "SEV4")
_CADENCES = ("weekly", "monthly", "quarterly")
_SIGNALS = ("latency", "traffic", "errors", "saturation", "burn_rate")
_ROLES = ("incident_commander", "communications_lead", "operations_lead", "subject_matter_experts", "scribe")

CHECKS: dict[str, EvidenceCheck] = {check.name: check for check in (
    # generic
    EvidenceCheck("has_documents", has_documents, {"kind": _KIND, "min": {"type": "integer", "min": 1, "default": 1}}),
    EvidenceCheck("document_fields", document_fields, {"kind": _KIND, "fields": _strings()}),
    EvidenceCheck("catalog_flag", catalog_flag, {"field": _FIELD}),
    EvidenceCheck("catalog_value", catalog_value, {"field": _FIELD, "in": {"type": "list", "minlength": 1}}),
    EvidenceCheck("documents_fresh", documents_fresh, {
        "kind": _KIND, "max_age_days": {**_DAYS, "required": True},
        "date_field": {"type": "string", "regex": r"[a-z_]+(\.[a-z_]+)*"}, "use_git": {"type": "boolean", "default": True},
    }),
    EvidenceCheck("prr_checks_pass", prr_checks_pass, {"ids": _strings(PRR_CHECK_IDS), "max_age_days": _days(365)}),
    # SLOs and error budgets
    EvidenceCheck("slo_for_every_sli", rel.slo_for_every_sli, {}),
    EvidenceCheck("slos_reference_slis", rel.slos_reference_slis, {}),
    EvidenceCheck("error_budget_policy_applies", rel.error_budget_policy_applies, {}),
    EvidenceCheck("slos_reviewed_on_cadence", rel.slos_reviewed_on_cadence, {
        "slowest_cadence": {"type": "string", "allowed": list(_CADENCES), "default": "quarterly"},
        "grace_days": {"type": "integer", "min": 0, "max": 366, "default": 7},
    }),
    EvidenceCheck("multiwindow_burn_alerts", rel.multiwindow_burn_alerts, {
        "min_alerts": {"type": "integer", "min": 1, "default": 2},
        "require_page": {"type": "boolean", "default": True},
    }),
    EvidenceCheck("slos_measured", rel.slos_measured, {"max_age_days": _days(7), "min_coverage_pct": _pct(90)}),
    # monitoring
    EvidenceCheck("has_alerts", rel.has_alerts, {"min": {"type": "integer", "min": 1, "default": 1}}),
    EvidenceCheck("every_alert_has_runbook", rel.every_alert_has_runbook, {}),
    EvidenceCheck("golden_signals_alerted", rel.golden_signals_alerted, {
        "signals": _strings(("latency", "traffic", "errors", "saturation"), default=["latency", "traffic", "errors", "saturation"]),
    }),
    EvidenceCheck("no_paging_on_causes", rel.no_paging_on_causes, {"cause_signals": _strings(_SIGNALS, default=["saturation"])}),
    # incident response
    EvidenceCheck("postmortems_for_incidents", rel.postmortems_for_incidents, {
        "severities": _strings(_SEVERITIES, default=["SEV1", "SEV2"]), "within_days": _days(365),
    }),
    EvidenceCheck("postmortems_complete", rel.postmortems_complete, {
        "within_days": _days(365),
        "sections": _strings(("root_cause", "contributing_factors", "five_whys", "timeline", "action_items",
                              "what_went_well", "what_went_wrong", "where_we_got_lucky", "detection", "resolution"),
                             default=["root_cause", "timeline", "action_items"]),
        "final": {"type": "boolean", "default": True}, "review_days": _days(10),
    }),
    EvidenceCheck("action_items_on_time", rel.action_items_on_time, {
        "max_overdue": {"type": "integer", "min": 0, "default": 0}, "max_late_pct": _pct(100),
    }),
    EvidenceCheck("incident_roles_assigned", rel.incident_roles_assigned, {
        "severities": _strings(_SEVERITIES, default=["SEV1", "SEV2"]),
        "roles": _strings(_ROLES, default=["incident_commander"]), "within_days": _days(365),
    }),
    EvidenceCheck("detected_by_alert", rel.detected_by_alert, {"min_pct": _pct(80), "within_days": _days(365)}),
    # culture (the culture page's rules) and tested runbooks (RBK004's)
    EvidenceCheck("no_hero_culture", rel.no_hero_culture, {
        "max_share_pct": _pct(culture.HERO_SHARE_PCT), "min_incidents": {"type": "integer", "min": 1, "default": culture.MIN_INCIDENTS},
        "within_days": _days(365),
    }),
    EvidenceCheck("postmortems_on_time", rel.postmortems_on_time, {
        "severities": _strings(_SEVERITIES, default=["SEV1", "SEV2"]), "within_days": _days(365), "max_pct": _pct(0),
    }),
    EvidenceCheck("runbooks_tested", rel.runbooks_tested, {"max_age_days": _days(DEFAULT_TEST_AGE_DAYS)}),
    # on-call
    EvidenceCheck("oncall_rotation_assigned", ops.oncall_rotation_assigned, {}),
    EvidenceCheck("min_rotation_size", ops.min_rotation_size, {"min": {"type": "integer", "min": 1, "default": 5}}),
    EvidenceCheck("rotation_field", ops.rotation_field, {"field": _FIELD}),
    EvidenceCheck("oncall_health_recorded", ops.oncall_health_recorded, {"max_age_days": _days(92)}),
    EvidenceCheck("pages_per_shift", ops.pages_per_shift, {"below": {"type": "number", "min": 0, "required": True}}),
    EvidenceCheck("off_hours_pages", ops.off_hours_pages, {"below": {"type": "number", "min": 0, "required": True}}),
    EvidenceCheck("page_load_balanced", ops.page_load_balanced, {"max_ratio": {"type": "number", "min": 1, "default": 2}}),
    EvidenceCheck("handoffs_recorded", ops.handoffs_recorded, {"max_age_days": _days(31)}),
    # automation and capacity
    EvidenceCheck("auto_remediation_enabled", ops.auto_remediation_enabled, {"min": {"type": "integer", "min": 1, "default": 1}}),
    EvidenceCheck("autoscaling_enabled", ops.autoscaling_enabled, {}),
    EvidenceCheck("capacity_forecast", ops.capacity_forecast, {}),
    EvidenceCheck("capacity_headroom_holds", ops.capacity_headroom_holds, {"months": {"type": "integer", "min": 1, "max": 60, "default": 6}}),
    # chaos engineering
    EvidenceCheck("chaos_maturity", ops.chaos_maturity, {
        "min": {"type": "integer", "min": 0, "max": 4, "required": True}, "within_days": _days(180),
        "systematic_min": {"type": "integer", "min": 1, "default": 2}, "continuous_within_days": _days(30),
    }),
    EvidenceCheck("experiments_have_safety", ops.experiments_have_safety, {}),
    EvidenceCheck("experiment_results_recorded", ops.experiment_results_recorded, {}),
    # toil
    EvidenceCheck("toil_quantified", ops.toil_quantified, {}),
    EvidenceCheck("toil_share", ops.toil_share, {"max_pct": {**_PCT, "required": True}}),
    EvidenceCheck("toil_reduction_planned", ops.toil_reduction_planned, {"min_hours": {"type": "number", "min": 0, "default": 10}}),
    EvidenceCheck("toil_automation_progress", ops.toil_automation_progress, {"min_pct": _pct(50)}),
)}


def run_check(name: str, facts: Facts, params: Mapping[str, Any]) -> Evidence:
    """Run a registered check; ``params`` are already validated and carry their defaults."""
    return CHECKS[name].run(facts, params)
