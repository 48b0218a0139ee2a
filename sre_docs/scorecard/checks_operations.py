"""Evidence checks for on-call health, automation, capacity, chaos engineering and toil.

Registered in ``evidence.CHECKS``; the numbers come from ``sre_docs.calc`` (rotation size,
page load imbalance, toil hours and share, compound growth), so a threshold changed there
or in the rules file reaches the scorecard and the handbook together.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sre_docs.calc import oncall
from sre_docs.calc.culture import fair_load
from sre_docs.model.toil_hours import team_toil, toil_item
from sre_docs.policies.chs001 import has_abort_conditions, safety_gaps
from sre_docs.model.capacity_figures import capacity_figures, runway
from sre_docs.model.oncall_figures import LatestHealth, latest_health, page_load, rotation_people
from sre_docs.policies.prr001 import autoscaling_declared
from sre_docs.policies.tol001 import over_budget
from sre_docs.model.repository import Document
from sre_docs.scorecard.facts import (
    Evidence,
    Facts,
    Fix,
    catalog_path,
    event_date,
    field_fix,
    file_for,
    missed,
    not_shown,
    over_every,
    passed,
    plural,
)

# --- on-call ---------------------------------------------------------------------------------------


def _rotation(facts: Facts) -> Document | None:
    """The rotation the catalog names, else the one of the owning team."""
    catalog = facts.service.catalog
    named = catalog.get("oncall_rotation") if catalog else None
    if named:
        return facts.repo.rotations.get(named)
    team = catalog.get("owner_team") if catalog else None
    return next((r for r in facts.repo.rotations.values() if team and r.get("team") == team), None)


def _no_rotation(facts: Facts) -> Evidence:
    catalog = facts.service.catalog
    named = catalog.get("oncall_rotation") if catalog else None
    if named:
        return missed(f"rotation `{named}` is not defined", Fix(f"org/oncall/{named}.yaml", f"define `oncall_rotation` `{named}`"))
    return missed("no on-call rotation", field_fix(catalog, catalog_path(facts.service), (), "set `oncall_rotation` to a rotation in org/oncall/"))


def oncall_rotation_assigned(facts: Facts, params: Mapping[str, Any]) -> Evidence:
    """An on-call rotation covers the service: the one its catalog entry names, or its owning team's."""
    rotation = _rotation(facts)
    if rotation is None:
        return _no_rotation(facts)
    return passed(f"rotation `{rotation.get('name')}` ({rotation.path})")


def min_rotation_size(facts: Facts, params: Mapping[str, Any]) -> Evidence:
    """The rotation has at least ``min`` people (its distinct members, as ONC001 counts them; the guide: 5, one week on and four off)."""
    rotation = _rotation(facts)
    if rotation is None:
        return _no_rotation(facts)
    people = len(rotation_people(rotation))
    detail = f"{plural(people, 'person', 'people')} on the rotation `{rotation.get('name')}`"
    if oncall.rotation_size_ok(people, minimum=params["min"]):
        return passed(detail, people)
    return missed(detail, field_fix(rotation, rotation.path, ("members",), f"grow the rotation to {params['min']} people"), value=people)


def rotation_field(facts: Facts, params: Mapping[str, Any]) -> Evidence:
    """The rotation sets ``field`` (a dotted path such as ``escalation.contact``, ``secondary`` or ``compensation``)."""
    rotation = _rotation(facts)
    if rotation is None:
        return _no_rotation(facts)
    dotted = params["field"]
    value = rotation.get(*dotted.split("."))
    if value not in (None, "", [], {}):
        return passed(f"`{dotted}` is set in `{rotation.get('name')}`")
    parent = tuple(dotted.split(".")[:-1])
    return missed(f"`{dotted}` is not set in `{rotation.get('name')}`", field_fix(rotation, rotation.path, parent, f"set `{dotted}`"))


def _latest_health(facts: Facts) -> tuple[Document | None, int | None, dict[str, Any] | None]:
    rotation = _rotation(facts)
    if rotation is None:
        return None, None, None
    latest = latest_health(rotation, today=facts.today)
    return (rotation, latest.index, latest.row) if latest else (rotation, None, None)


def _period_end(period: str) -> dt.date | None:
    try:
        year, month = (int(part) for part in period.split("-"))
        return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    except ValueError:
        return None


def oncall_health_recorded(facts: Facts, params: Mapping[str, Any]) -> Evidence:
    """The rotation records its health (pages, acknowledgement, satisfaction) for a month ending at most ``max_age_days`` ago."""
    rotation, _, entry = _latest_health(facts)
    if rotation is None:
        return _no_rotation(facts)
    period = entry["period"] if entry else None
    age = facts.days_since(_period_end(period) if period else None)
    if age is not None and age <= params["max_age_days"]:
        return passed(f"health recorded for {period}")
    seen = f"latest {period}" if period else "never recorded"
    return missed(f"on-call health {seen}", field_fix(rotation, rotation.path, ("health",), "record last month's on-call `health`"))


def _health_metric(facts: Facts, params: Mapping[str, Any], key: str, label: str) -> Evidence:
    rotation, index, entry = _latest_health(facts)
    if rotation is None:
        return _no_rotation(facts)
    value = entry.get(key) if entry else None
    if entry is None or not isinstance(value, (int, float)) or isinstance(value, bool):
        return missed(f"{label} not recorded", field_fix(rotation, rotation.path, ("health",), f"record `{key}` in the latest `health` entry"))
    detail = f"{value:g} {label} in {entry['period']} (needs under {params['below']:g})"
    if value < params["below"]:
        return passed(detail, value)
    return missed(detail, field_fix(rotation, rotation.path, ("health", index, key), f"bring {label} under {params['below']:g} (noise reduction, auto-remediation)"), value=value)


def pages_per_shift(facts: Facts, params: Mapping[str, Any]) -> Evidence:
    """The rotation's latest recorded pages per shift are under ``below`` (the guide: healthy under 2, critical over 5)."""
    return _health_metric(facts, params, "pages_per_shift", "pages per shift")


def off_hours_pages(facts: Facts, params: Mapping[str, Any]) -> Evidence:
    """The rotation's latest recorded off-hours pages per week are under ``below`` (the guide: healthy under 1)."""
    return _health_metric(facts, params, "off_hours_pages_per_week", "off-hours pages per week")


def page_load_balanced(facts: Facts, params: Mapping[str, Any]) -> Evidence:
    """Pages are spread over the rotation: the busiest member took at most ``max_ratio`` times the mean (latest ``pages_by_member``)."""
    rotation, index, entry = _latest_health(facts)
    if rotation is None:
        return _no_rotation(facts)
    by_member = entry.get("pages_by_member") if entry else None
    if entry is None or index is None or not isinstance(by_member, dict) or not by_member:
        return missed("pages by member not recorded", field_fix(rotation, rotation.path, ("health",), "record `pages_by_member` in the latest `health` entry"))
    people = page_load(rotation, LatestHealth(index, entry)) or {}
    imbalance = oncall.page_load_imbalance(people)
    if imbalance is None:
        return not_shown(f"no pages in {entry['period']} to spread")
    detail = f"busiest member took {imbalance:.2f}x the mean in {entry['period']}"
    if fair_load(imbalance, max_ratio=params["max_ratio"]):
        return passed(detail, round(imbalance, 2))
    return missed(detail, field_fix(rotation, rotation.path, ("health", index, "pages_by_member"), "rebalance who takes pages (same person always paged)"), value=round(imbalance, 2))


def handoffs_recorded(facts: Facts, params: Mapping[str, Any]) -> Evidence:
    """The rotation wrote a handoff (open issues, changes, risks) in the last ``max_age_days``."""
    rotation = _rotation(facts)
    if rotation is None:
        return _no_rotation(facts)
    dates = [d for d in (event_date(h.get("date")) for h in rotation.get("handoffs", default=[]) if isinstance(h, dict))
             if d and d <= facts.today]
    latest = max(dates) if dates else None
    age = facts.days_since(latest)
    if age is not None and age <= params["max_age_days"]:
        return passed(f"latest handoff {latest}")
    return missed(f"latest handoff {latest or 'never'}", field_fix(rotation, rotation.path, ("handoffs",), "record each shift's `handoffs`"))


# --- automation and capacity -------------------------------------------------------------------------


def auto_remediation_enabled(facts: Facts, params: Mapping[str, Any]) -> Evidence:
    """At least ``min`` enabled auto-remediation rules apply to the service (its own, or organisation rules naming it)."""
    rules = [
        rule for doc in facts.service.of_kind("auto_remediation") for rule in (doc.body or [])
        if isinstance(rule, dict) and rule.get("service") in (None, facts.name)
    ]
    rules += [
        rule for doc in facts.repo.org_of_kind("auto_remediation") for rule in (doc.body or [])
        if isinstance(rule, dict) and rule.get("service") == facts.name
    ]
    enabled = [rule for rule in rules if rule.get("enabled") is not False]
    detail = f"{plural(len(enabled), 'enabled auto-remediation rule')}"
    if len(enabled) >= params["min"]:
        return passed(detail, len(enabled))
    return missed(detail, Fix(file_for(facts.service, "auto_remediation"), "add an `auto_remediation` rule for a known failure"), value=len(enabled))


def autoscaling_enabled(facts: Facts, params: Mapping[str, Any]) -> Evidence:
    """A capacity model declares auto-scaling, with room to scale (``max_instances`` above ``min_instances`` when both are given): the rule of the PRR check ``capacity.autoscaling-tested``."""
    found, detail = autoscaling_declared(facts.service)
    if found is True:
        return passed(detail)
    models = facts.service.capacity_models
    model = models[0] if models else None
    return missed("no auto-scaling", field_fix(model, file_for(facts.service, "capacity_model"), ("scaling_strategy",),
                                               "set `scaling_strategy.auto_scaling: true` with `max_instances` above `min_instances`"))


def capacity_forecast(facts: Facts, params: Mapping[str, Any]) -> Evidence:
    """Every capacity model forecasts growth: ``growth_forecast`` with a monthly growth rate and a 6- or 12-month projection."""
    fixes = []
    for model in facts.service.capacity_models:
        forecast = model.get("growth_forecast", default={})
        if not isinstance(forecast.get("monthly_growth_pct"), (int, float)):
            fixes.append(field_fix(model, model.path, ("growth_forecast",), "set `growth_forecast.monthly_growth_pct`"))
        if not any(isinstance(forecast.get(k), (int, float)) for k in ("projected_6mo", "projected_12mo")):
            fixes.append(field_fix(model, model.path, ("growth_forecast",), "set `growth_forecast.projected_6mo` and `projected_12mo`"))
    count = len(facts.service.capacity_models)
    return over_every(count, min(len({f.path for f in fixes}), count), none="no capacity model to check",
                      holds=f"{plural(count, 'capacity model')} with a growth forecast",
                      broken=f"{plural(len(fixes), 'gap')} in the growth forecast", fixes=tuple(fixes))


def capacity_headroom_holds(facts: Facts, params: Mapping[str, Any]) -> Evidence:
    """Forecast growth fits for ``months``: CAP001's runway rule (``model.capacity_figures.runway``), the instances needed then within ``max_instances``, or utilisation under the scale-up threshold."""
    months = params["months"]
    models = facts.service.capacity_models
    if not models:
        return missed("no capacity model", Fix(file_for(facts.service, "capacity_model"), "add a `capacity_model`"))
    fixes = []
    for model in models:
        figures = capacity_figures(model)
        verdict = runway(figures, months)  # CAP001's own rule
        if verdict.short is None:
            fixes.append(field_fix(model, model.path, ("current_state",), "set `current_state.peak_utilization_pct` and `growth_forecast.monthly_growth_pct`"))
        elif verdict.short and verdict.rule == "instances":
            needed, ceiling = verdict.instances_needed, figures.max_instances
            fixes.append(field_fix(model, model.path, ("scaling_strategy", "max_instances"),
                                   f"raise `max_instances` to {needed} or plan capacity: {months}-month growth needs {needed}, cap is {ceiling}"))
        elif verdict.short:
            fixes.append(field_fix(model, model.path, ("current_state", "peak_utilization_pct"),
                                   f"add capacity: utilisation reaches {figures.threshold_pct:g}% in {verdict.months_to_threshold:.1f} months"))
    if not fixes:
        return passed(f"forecast growth fits for {months} months")
    return missed(f"forecast growth outruns capacity within {months} months", *fixes)


# --- chaos engineering -------------------------------------------------------------------------------

CHAOS_LEVELS = ("None", "Exploratory", "Systematic", "Production", "Continuous")


def chaos_level(experiments: list[Document], today: dt.date, *, within_days: int, systematic_min: int,
                continuous_within_days: int = 30) -> int:
    """The guide's chaos maturity level (0-4) shown by experiments completed in the last ``within_days``.

    1 Exploratory: an experiment was run. 2 Systematic: ``systematic_min`` of them were
    scheduled ahead (``scheduled`` date). 3 Production: one ran in production with abort
    conditions. 4 Continuous: an automated one did so in the last ``continuous_within_days``.
    Levels build on each other, as in the guide's model.
    """
    recent = today - dt.timedelta(days=continuous_within_days)
    since = today - dt.timedelta(days=within_days)
    done = [
        e for e in experiments
        if e.get("status") == "completed" and since <= (event_date(e.get("run_date")) or event_date(e.get("scheduled")) or dt.date.min) <= today
    ]
    production = [e for e in done if e.get("environment") == "production" and has_abort_conditions(e)]
    steps = (
        bool(done),
        sum(1 for e in done if e.get("scheduled")) >= systematic_min,
        bool(production),
        any(e.get("automated") is True and (event_date(e.get("run_date")) or dt.date.min) >= recent for e in production),
    )
    level = 0
    for reached in steps:
        if not reached:
            break
        level += 1
    return level


def chaos_maturity(facts: Facts, params: Mapping[str, Any]) -> Evidence:
    """Experiments show the guide's chaos maturity level ``min`` or above (0 None, 1 Exploratory, 2 Systematic, 3 Production, 4 Continuous)."""
    level = chaos_level(facts.service.experiments, facts.today, within_days=params["within_days"],
                        systematic_min=params["systematic_min"], continuous_within_days=params["continuous_within_days"])
    # Named by its stage, not its 0-4 number: the page already scores the dimension on the 1-5 maturity scale.
    detail = (f"{CHAOS_LEVELS[level]} stage of the guide's chaos model over the last {params['within_days']} days" if level
              else f"no completed experiment in the last {params['within_days']} days")
    if level >= params["min"]:
        return passed(detail, level)
    target = file_for(facts.service, "experiment", "next-experiment")
    advice = {
        1: "run an experiment and record it with `status: completed` and `run_date`",
        2: f"schedule experiments ahead (`scheduled` date); {params['systematic_min']} completed ones count as systematic",
        3: "run a game day in `environment: production` with `safety.abort_conditions`",
        4: "automate a production experiment (`automated: true`) with abort conditions",
    }
    return missed(detail, *(Fix(target, advice[step]) for step in range(level + 1, params["min"] + 1)), value=level)


def experiments_have_safety(facts: Facts, params: Mapping[str, Any]) -> Evidence:
    """Every experiment states its steady state, and passes CHS001: a testable hypothesis, abort conditions and a rollback plan."""
    fixes = []
    what = {"hypothesis": "a hypothesis in the form \"When <fault>, <system> will <expected behaviour>\"",
            "abort_conditions": "`safety.abort_conditions`", "rollback_plan": "a `safety.rollback_plan`"}
    for exp in facts.service.experiments:
        name = exp.get("name")
        if not exp.get("steady_state", "metrics"):
            fixes.append(field_fix(exp, exp.path, ("steady_state",), f"give experiment `{name}` steady-state metrics"))
        for gap in safety_gaps(exp):
            where = ("hypothesis",) if gap.field == "hypothesis" else ("safety",)
            fixes.append(field_fix(exp, exp.path, where, f"give experiment `{name}` {what[gap.field]}"))
    count = len(facts.service.experiments)
    return over_every(count, min(len({f.path for f in fixes}), count), none="no experiment to check",
                      holds=f"{plural(count, 'experiment')} with safety controls",
                      broken=f"{plural(len(fixes), 'safety gap')} across {plural(count, 'experiment')}", fixes=tuple(fixes))


def experiment_results_recorded(facts: Facts, params: Mapping[str, Any]) -> Evidence:
    """Every completed experiment records its outcome and observations."""
    done = [e for e in facts.service.experiments if e.get("status") == "completed"]
    gaps = [e for e in done if not e.get("results", "outcome") or not e.get("results", "observations")]
    return over_every(
        len(done), len(gaps), none="no completed experiment to check",
        holds=f"results of {plural(len(done), 'completed experiment')} recorded",
        broken=f"{len(gaps)} of {plural(len(done), 'completed experiment')} without results",
        fixes=tuple(field_fix(e, e.path, ("results",), f"record `results.outcome` and `observations` of `{e.get('name')}`") for e in gaps))


# --- toil ---------------------------------------------------------------------------------------------


def _hours(facts: Facts, item: Document) -> float | None:
    """The item's hours a month by the one toil rule (``model/toil_hours.py``): computed, else as stated."""
    return toil_item(facts.service, item).hours


def toil_quantified(facts: Facts, params: Mapping[str, Any]) -> Evidence:
    """Every toil item says what it costs: ``total_hours_per_month``, or time per occurrence and occurrences per month."""
    gaps = [item for item in facts.service.toil if _hours(facts, item) is None]
    count = len(facts.service.toil)
    return over_every(
        count, len(gaps), none="no toil item to check", holds=f"{plural(count, 'toil item')} quantified",
        broken=f"{len(gaps)} of {plural(count, 'toil item')} without hours",
        fixes=tuple(field_fix(i, i.path, (), f"set `time_per_occurrence_min` and `occurrences_per_month` of `{i.get('name')}`") for i in gaps))


def toil_share(facts: Facts, params: Mapping[str, Any]) -> Evidence:
    """The owning team spends at most ``max_pct`` of its SRE hours on toil not yet automated.

    The team's toil and the verdict are TOL001's: every item the team shares in, split evenly between its
    teams (``model/toil_hours.py``), over budget above ``max_pct``.
    """
    catalog = facts.service.catalog
    team_name = catalog.get("owner_team") if catalog else None
    team = facts.repo.teams.get(team_name) if team_name else None
    sre_hours = team.get("sre_hours_per_month") if team else None
    if not isinstance(sre_hours, (int, float)) or sre_hours <= 0:
        where = field_fix(team, "org/teams.yaml", (), f"set `sre_hours_per_month` of team `{team_name}`") if team_name else \
            field_fix(catalog, catalog_path(facts.service), (), "set `owner_team`")
        return missed("the owning team's SRE hours are unknown", where)
    totals = team_toil(facts.repo).get(str(team_name))
    hours = totals.toil_hours if totals is not None else 0.0
    share = 100 * hours / sre_hours
    detail = f"team `{team_name}`: {hours:.1f} h of toil a month, {share:.1f}% of {sre_hours:g} h"
    if not over_budget(hours, float(sre_hours), params["max_pct"]):
        return passed(detail, round(share, 1))
    mine = sorted((i for i in facts.service.toil if i.get("status") != "automated"), key=lambda i: -(_hours(facts, i) or 0))
    fixes = [field_fix(i, i.path, ("status",), f"automate `{i.get('name')}` ({_hours(facts, i) or 0:.1f} h a month)") for i in mine[:3]]
    return missed(detail, *(fixes or [Fix(file_for(facts.service, "toil_item"), "inventory and automate the team's toil")]), value=round(share, 1))


def toil_reduction_planned(facts: Facts, params: Mapping[str, Any]) -> Evidence:
    """Every toil item costing ``min_hours`` a month or more has an owner and is being automated (or is automated)."""
    big = [i for i in facts.service.toil if (_hours(facts, i) or 0) >= params["min_hours"]]
    gaps = [i for i in big if not i.get("owner") or i.get("status") not in ("automating", "automated")]
    return over_every(
        len(big), len(gaps), none=f"no toil item reaches {params['min_hours']:g} h a month",
        holds=f"{plural(len(big), 'toil item')} of {params['min_hours']:g}+ h a month have a plan",
        broken=f"{len(gaps)} of {plural(len(big), 'large toil item')} without a reduction plan",
        fixes=tuple(field_fix(i, i.path, ("status",), f"give `{i.get('name')}` an `owner` and `status: automating`") for i in gaps))


def toil_automation_progress(facts: Facts, params: Mapping[str, Any]) -> Evidence:
    """At least ``min_pct`` of the service's inventoried toil hours are automated or being automated."""
    hours = [(i, _hours(facts, i) or 0.0) for i in facts.service.toil]
    total = sum(h for _, h in hours)
    if total == 0:
        return missed("no toil hours inventoried", Fix(file_for(facts.service, "toil_item"), "inventory toil with its hours"), value=0)
    done = sum(h for i, h in hours if i.get("status") in ("automating", "automated"))
    share = 100 * done / total
    detail = f"{share:.0f}% of {total:.1f} toil hours a month automated or in progress"
    if share >= params["min_pct"]:
        return passed(detail, round(share, 1))
    rest = sorted(((i, h) for i, h in hours if i.get("status") not in ("automating", "automated")), key=lambda p: -p[1])
    return missed(detail, *(field_fix(i, i.path, ("status",), f"start automating `{i.get('name')}` ({h:.1f} h a month)") for i, h in rest[:3]), value=round(share, 1))
