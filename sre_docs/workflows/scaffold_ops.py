"""New documents of the operational kinds, from the guide's templates and the repo's own facts.

One builder per kind that :mod:`~sre_docs.workflows.scaffold` does not cover: toil item,
capacity model, production readiness review, error budget policy, on-call rotation, team,
maturity self-assessment and auto-remediation rules. Each fills what the guide gives a
default for (budget states, scaling thresholds, the 28 PRR checks, the five load-test
scenarios, …), computes what follows from the inputs with :mod:`sre_docs.calc` (so
TOL002-TOL004 and CAP002-CAP003 hold from the first write), and leaves ``TODO:`` markers
where only a person can answer; TODO001 reports each marker until it is replaced.
Nothing here touches the disk.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from ruamel.yaml.comments import CommentedSeq

from sre_docs.calc import capacity, toil
from sre_docs.model.repository import Document, Repository
from sre_docs.schemas.vocabulary import (
    AUTOMATION_DIFFICULTIES, BOTTLENECK_RESOURCES, MATURITY_DIMENSION_LABELS, MATURITY_SCORE_RANGE, PRR_CHECKS,
    SCALING_TYPES, TOIL_CATEGORIES, TOIL_FREQUENCIES,
)
from sre_docs.workflows.common import TODO, WorkflowError, commented, document, num, suggest
from sre_docs.workflows.documents import NewDocument, check_name, place, service_for

# --- toil item -----------------------------------------------------------------------------------


def toil_frequency(occurrences_per_month: float) -> str:
    """The guide's frequency word for a monthly count: 20 or more is daily (a month's working days),
    4 or more weekly, fewer monthly."""
    if occurrences_per_month >= 20:
        return "daily"
    if occurrences_per_month >= 4:
        return "weekly"
    return "monthly"


def new_toil(repo: Repository, *, service: str, name: str, category: str, minutes: float, per_month: float,
             difficulty: str, frequency: str | None = None, owner: str | None = None,
             force: bool = False) -> NewDocument:
    """A toil item whose hours, automation value and priority score are computed from its inputs."""
    svc = service_for(repo, service)
    if not name.strip():
        raise WorkflowError("the toil item needs a name: what the work is")
    _choice(category, TOIL_CATEGORIES, "category")
    _choice(difficulty, AUTOMATION_DIFFICULTIES, "difficulty")
    if frequency is not None:
        _choice(frequency, TOIL_FREQUENCIES, "frequency")
    if minutes < 0 or per_month < 0:
        raise WorkflowError("minutes and occurrences a month must not be negative")
    existing = next((d for d in svc.toil if d.get("name") == name), None)
    path, mode, index = place(repo, svc, "toil_item", name, existing, force=force)
    hours = toil.toil_hours_per_month(time_per_occurrence_min=minutes, occurrences_per_month=per_month)
    score = toil.priority_score(automation_value_hours=round(hours, 2), difficulty=difficulty)
    owner_team = svc.catalog.get("owner_team") if svc.catalog else None
    fields: list[tuple[str, Any, str | None]] = [
        ("name", name, None),
        ("category", category, "deployment | scaling | config | data | access | monitoring | recovery"),
        ("frequency", frequency or toil_frequency(per_month), "daily | weekly | monthly | per-incident"),
        ("time_per_occurrence_min", num(minutes), None),
        ("occurrences_per_month", num(per_month), None),
        ("total_hours_per_month", num(round(hours, 2)), "minutes x occurrences / 60 (TOL002)"),
    ]
    if isinstance(owner_team, str):
        fields.append(("teams_affected", CommentedSeq([owner_team]), "teams that do the work"))
    fields += [
        ("automation_difficulty", difficulty, "low | medium | high"),
        ("automation_value", num(round(hours, 2)), "hours saved a month once automated; lower it for partial automation"),
        ("priority_score", num(round(score, 2)), "value / difficulty (1, 2, 3): higher goes first (TOL003)"),
        ("status", "identified", "identified | automating | automated"),
        ("owner", owner or f"{TODO} who drives the automation", None),
    ]
    action = toil.toil_matrix_action(value_hours=hours, effort=difficulty)
    content = document("toil_item", commented(fields),
                       header=f"Toil item of {service}: {num(round(hours, 2))} h a month, {action.value} in the "
                              "guide's priority matrix.")
    return NewDocument("toil_item", name, service, path, content, mode, index)


# --- capacity model --------------------------------------------------------------------------------


def new_capacity(repo: Repository, *, service: str, bottleneck: str, peak_pct: float, growth_pct: float,
                 today: dt.date, metric: str | None = None, current: float | None = None,
                 instances: int | None = None, max_instances: int | None = None, cost: float | None = None,
                 scaling: str = "horizontal", force: bool = False) -> NewDocument:
    """A capacity model whose headroom and projections follow from its inputs (CAP002, CAP003).

    Without ``current``, a model of requests a second starts from the catalog's ``peak_rps``; without
    ``cost``, from the catalog's ``monthly_cost_usd``. The five load-test scenarios are listed in a
    comment to run and record; the model counts as reviewed today.
    """
    svc = service_for(repo, service)
    _choice(bottleneck, BOTTLENECK_RESOURCES, "bottleneck")
    _choice(scaling, SCALING_TYPES, "scaling")
    if not 0 <= peak_pct <= 100:
        raise WorkflowError(f"peak utilisation {peak_pct:g}% must be between 0 and 100")
    if growth_pct <= -100:
        raise WorkflowError("monthly growth must be above -100%")
    if instances is not None and max_instances is not None and max_instances < instances:
        raise WorkflowError(f"max instances ({max_instances}) is below the current {instances}")
    existing = svc.capacity_models[0] if svc.capacity_models else None
    path, mode, index = place(repo, svc, "capacity_model", service, existing, force=force)
    catalog = svc.catalog
    if current is None and metric in (None, "requests/sec") and catalog is not None:
        peak_rps = catalog.get("peak_rps")
        if isinstance(peak_rps, (int, float)) and not isinstance(peak_rps, bool):
            current, metric = float(peak_rps), "requests/sec"
    if cost is None and catalog is not None:
        stated = catalog.get("monthly_cost_usd")
        cost = float(stated) if isinstance(stated, (int, float)) and not isinstance(stated, bool) else None

    state: list[tuple[str, Any, str | None]] = [
        ("peak_utilization_pct", num(peak_pct), f"of the {bottleneck} bottleneck, at peak"),
        ("headroom_pct", num(round(capacity.headroom_pct(peak_utilisation_pct=peak_pct), 2)), "100 - peak (CAP003)"),
    ]
    if cost is not None:
        state.append(("cost_per_month_usd", num(cost), None))
    forecast: list[tuple[str, Any, str | None]] = [
        ("metric", metric or f"{TODO} what grows (MAU, requests/sec, storage_gb)", None),
    ]
    if current is not None:
        grown = capacity.growth_forecast(current=current, monthly_growth_pct=growth_pct)
        forecast += [
            ("current", num(current), None),
            ("monthly_growth_pct", num(growth_pct), "compound, per month"),
            ("projected_6mo", num(round(grown.projected_6mo, 1)), "current x (1 + growth)^6 (CAP002)"),
            ("projected_12mo", num(round(grown.projected_12mo, 1)), "current x (1 + growth)^12"),
        ]
    else:
        forecast.append(("monthly_growth_pct", num(growth_pct), "compound, per month; add `current` to project it"))
    strategy: list[tuple[str, Any, str | None]] = [
        ("type", scaling, "horizontal | vertical | hybrid"),
        ("auto_scaling", True, None),
    ]
    if instances is not None:
        strategy += [("min_instances", instances, None)]
        if max_instances is not None:
            strategy.append(("max_instances", max_instances, "CAP001 checks it holds six months of growth"))
        strategy.append(("current_instances", instances, None))
    elif max_instances is not None:
        strategy.append(("max_instances", max_instances, None))
    strategy += [
        ("scale_up_threshold", num(capacity.DEFAULT_SCALE_UP_THRESHOLD_PCT), "% utilisation (the guide's default)"),
        ("scale_down_threshold", 30, None),
        ("cooldown_seconds", 300, None),
    ]
    fields: list[tuple[str, Any, str | None]] = [
        ("service", service, None),
        ("bottleneck_resource", bottleneck, "CPU | memory | storage | connections | bandwidth: what runs out first"),
        ("current_state", commented(state), None),
        ("growth_forecast", commented(forecast), None),
        ("scaling_strategy", commented(strategy), None),
    ]
    if cost is not None:
        costs = capacity.cost_projection(current_monthly=cost, monthly_growth_pct=growth_pct)
        fields.append(("cost_projection", commented([
            ("current_monthly", num(cost), None),
            ("projected_6mo_monthly", num(round(costs.projected_6mo_monthly)), "grows with the load (CAP002)"),
            ("projected_12mo_monthly", num(round(costs.projected_12mo_monthly)), None),
        ]), None))
    fields += [
        ("load_tests", CommentedSeq(), "one item per run: {scenario, date, result: pass | fail, notes} (CAP004)"),
        ("review_cadence", "quarterly", "the guide's full capacity review; monthly for fast-growing services"),
        ("last_review", today.isoformat(), "writing the model is its first review"),
    ]
    body = commented(fields)
    scenarios = "\n".join(f"  {s.name}: {s.method}, {s.duration}; target: {s.target}" for s in capacity.LOAD_TEST_SCENARIOS)
    body.yaml_set_comment_before_after_key(
        "load_tests", before="The guide's five load tests, each to run and record here (CAP004 lists the missing):\n"
                             + scenarios, indent=2)
    content = document("capacity_model", body, header=f"Capacity model of {service}. `sre-docs capacity {service}` "
                       "shows when the bottleneck runs out and what it will cost.")
    return NewDocument("capacity_model", service, service, path, content, mode, index)


# --- production readiness review -------------------------------------------------------------------


def new_prr(repo: Repository, *, service: str, today: dt.date, reviewers: Sequence[str] = (),
            repo_shows: Mapping[str, str] | None = None, force: bool = False) -> NewDocument:
    """The guide's 28 checks, each ``fail`` until a reviewer marks it, with what the repo shows as a hint.

    ``repo_shows`` maps a check id to what the repo itself shows for it (PRR001's evidence), so a
    reviewer starts from the facts; a check marked ``pass`` against them is PRR001's finding.
    """
    svc = service_for(repo, service)
    path, mode, index = place(repo, svc, "prr", service, svc.prr, force=force)
    shows = repo_shows or {}
    checks = CommentedSeq()
    for check in PRR_CHECKS:
        hint = f" (the repo shows: {shows[check.id]})" if shows.get(check.id) else ""
        checks.append(commented([
            ("id", check.id, check.text),
            ("status", "fail", None),
            ("evidence", f"{TODO} what shows it{hint}", None),
        ]))
    people = CommentedSeq(list(reviewers) or [f"{TODO} who took part (the owning team and an SRE)"])
    body = commented([
        ("service", service, None),
        ("date", today.isoformat(), None),
        ("reviewers", people, None),
        ("checks", checks, "mark each pass, fail or n/a; every failed check blocks production"),
    ])
    content = document("prr", body, header=f"Production readiness review of {service}: the guide's 28 checks. "
                       f"`sre-docs prr {service}` shows what still blocks production.")
    return NewDocument("prr", service, service, path, content, mode, index)


# --- error budget policy ---------------------------------------------------------------------------

#: The guide's error budget policy: state -> (condition, least remaining budget, actions).
GUIDE_BUDGET_STATES: tuple[tuple[str, str, int | None, tuple[str, ...]], ...] = (
    ("healthy", "remaining_budget > 50%", 50, (
        "Normal development velocity", "Feature work prioritized", "Chaos experiments allowed")),
    ("warning", "remaining_budget 25-50%", 25, (
        "Increase monitoring scrutiny", "Review recent changes for risk", "Limit risky deployments to business hours",
        "No chaos experiments")),
    ("critical", "remaining_budget 0-25%", 0, (
        "Feature freeze - reliability work only", "All deployments require SRE approval",
        "Mandatory rollback plan for every change", "Daily error budget review")),
    ("exhausted", "remaining_budget <= 0", None, (
        "Complete deployment freeze", "All engineering redirected to reliability", "VP Engineering notified",
        "Postmortem required for budget exhaustion", "Freeze maintained until budget recovers to 10%")),
)
GUIDE_BUDGET_EXCEPTIONS = ("Security patches always allowed", "Regulatory compliance changes always allowed",
                           "Data loss prevention always allowed")


def new_budget_policy(repo: Repository, *, service: str | None = None, force: bool = False) -> NewDocument:
    """The guide's policy, for one service or (without one) as the organisation's default.

    The reset names the service's SLO window when all its SLOs share one (the guide's 28 days otherwise).
    """
    window = "28d"
    if service is not None:
        svc = service_for(repo, service)
        existing = next(iter(svc.of_kind("error_budget_policy")), None)
        path, mode, index = place(repo, svc, "error_budget_policy", service, existing, force=force)
        windows = {d.get("window") for d in svc.slos if isinstance(d.get("window"), str)}
        window = windows.pop() if len(windows) == 1 else window
    else:
        existing = repo.default_budget_policy
        path, mode, index = _place_org(repo, "org/error_budget_policy.yaml", "error budget policy", existing,
                                       force=force)
    states = commented([
        (name, commented([
            ("condition", condition, None),
            *([("min_remaining_pct", floor, None)] if floor is not None else []),
            ("actions", CommentedSeq(list(actions)), None),
        ]), None)
        for name, condition, floor, actions in GUIDE_BUDGET_STATES
    ])
    fields: list[tuple[str, Any, str | None]] = []
    if service is not None:
        fields.append(("service", service, None))
    fields += [
        ("budget_states", states, "what the team does in each state, as the budget runs down"),
        ("freeze_until_recovered_pct", 10, "after exhaustion, the freeze holds until this much budget is back"),
        ("exceptions", CommentedSeq(list(GUIDE_BUDGET_EXCEPTIONS)), "changes that ship whatever the budget says"),
        ("reset", f"Rolling {window} window (no manual resets)", None),
    ]
    whose = f"{service}" if service else "the organisation (every service without its own)"
    content = document("error_budget_policy", commented(fields),
                       header=f"Error budget policy of {whose}, from the guide. Change the actions to your own.")
    return NewDocument("error_budget_policy", service or "default", service, path, content, mode, index)


# --- on-call rotation ------------------------------------------------------------------------------


def new_rotation(repo: Repository, *, name: str, team: str, members: Sequence[str] = (),
                 force: bool = False) -> NewDocument:
    """A rotation of the team's members with a primary and a secondary layer (the guide: both, always).

    The secondary layer is the primary shifted by half the rotation, so nobody holds both in one week.
    """
    check_name(name, "rotation name")
    team_doc = repo.teams.get(team)
    if team_doc is None:
        raise WorkflowError(f"no team {team!r} in org/{suggest(team, repo.teams)}; create it with "
                            f"`sre-docs new team {team}`")
    people = list(members) or [m for m in team_doc.get("members", default=[]) if isinstance(m, str)]
    if not people:
        raise WorkflowError(f"team {team!r} lists no members: give them with --member")
    for person in people:
        check_name(person, "member")
    path, mode, index = _place_org(repo, f"org/oncall/{name}.yaml", f"on-call rotation {name!r}",
                                   repo.rotations.get(name), force=force)
    fields: list[tuple[str, Any, str | None]] = [
        ("name", name, "services name it in oncall_rotation"),
        ("team", team, None),
        ("members", CommentedSeq(people), "the guide: at least 5 (one week on, four off)"),
        ("primary", CommentedSeq(people), "in shift order"),
    ]
    if len(people) > 1:
        half = len(people) // 2
        fields.append(("secondary", CommentedSeq(people[half:] + people[:half]), "the primary shifted by half"))
    fields += [
        ("schedule", commented([
            ("shift_length", "1w", None),
            ("handoff_day", "monday", None),
            ("handoff_time", "10:00", None),
            ("timezone", f"{TODO} timezone of the handoff, e.g. Europe/Berlin", None),
        ]), None),
        ("follow_the_sun", commented([("enabled", False, "turn on for teams spread over regions")]), None),
        ("escalation", commented([
            ("after_minutes", 15, "an unacknowledged page goes to the contact after this"),
            ("contact", f"{TODO} who is called when nobody answers", None),
        ]), None),
        ("compensation", f"{TODO} on-call pay, time off in lieu, or equivalent", None),
        ("handoffs", CommentedSeq(), "`sre-docs oncall handoff` adds one at each change"),
    ]
    content = document("oncall_rotation", commented(fields), header=f"On-call rotation {name} of team {team}.")
    return NewDocument("oncall_rotation", name, None, path, content, mode, index)


# --- team ------------------------------------------------------------------------------------------


def new_team(repo: Repository, *, name: str, members: Sequence[str] = (), manager: str | None = None,
             sre_hours: float | None = None, sre_team: bool = False, force: bool = False) -> NewDocument:
    """A team, appended to ``org/teams.yaml`` (created when missing)."""
    check_name(name, "team name")
    for person in members:
        check_name(person, "member")
    if sre_hours is not None and sre_hours < 0:
        raise WorkflowError("SRE hours a month must not be negative")
    existing = repo.teams.get(name)
    path = existing.path if existing is not None else "org/teams.yaml"
    path, mode, index = _place_org(repo, path, f"team {name!r}", existing, force=force, shared=True)
    fields: list[tuple[str, Any, str | None]] = [
        ("name", name, "services name it in owner_team"),
        ("description", f"{TODO} what the team is responsible for", None),
        ("members", CommentedSeq(list(members)), None),
        ("manager", manager or f"{TODO} who manages the team", None),
        ("slack", f"#team-{name}", None),
    ]
    if sre_hours is not None:
        fields.append(("sre_hours_per_month", num(sre_hours), "the toil share is measured against it (TOL001)"))
    fields.append(("is_sre_team", sre_team, None))
    content = document("team", commented(fields))
    return NewDocument("team", name, None, path, content, mode, index)


# --- maturity self-assessment ----------------------------------------------------------------------


def new_assessment(repo: Repository, *, service: str, today: dt.date, evidence_levels: Mapping[str, int],
                   assessor: str | None = None, force: bool = False) -> NewDocument:
    """The team's own scores, started from what the repo's evidence shows (the scorecard's levels)."""
    svc = service_for(repo, service)
    low, high = MATURITY_SCORE_RANGE
    same_day = next((d for d in svc.of_kind("maturity_assessment") if str(d.get("date")) == today.isoformat()), None)
    path, mode, index = place(repo, svc, "maturity_assessment", service, same_day, force=force)
    scores = commented([
        (dimension, max(low, min(high, int(evidence_levels.get(dimension, low)))),
         f"{label}: the repo shows {evidence_levels[dimension]}" if dimension in evidence_levels else label)
        for dimension, label in MATURITY_DIMENSION_LABELS
    ])
    body = commented([
        ("service", service, None),
        ("date", today.isoformat(), None),
        ("assessor", assessor or f"{TODO} who made it", None),
        ("scores", scores, "1 ad hoc to 5 optimised; start from the evidence, then score as you see it"),
        ("notes", f"{TODO} why the scores are what they are, where they differ from the evidence", None),
    ])
    content = document("maturity_assessment", body, header=f"Maturity self-assessment of {service} (scores 1-5). "
                       f"`sre-docs scorecard {service}` sets it beside the evidence.")
    return NewDocument("maturity_assessment", service, service, path, content, mode, index)


# --- auto-remediation ------------------------------------------------------------------------------

#: The guide's self-healing rules: (trigger, condition, action, escalate_if).
GUIDE_REMEDIATIONS: tuple[tuple[str, str, str, str], ...] = (
    ("pod_crash_loop", "restart_count > 3 in 10 min", "Delete pod, let scheduler reschedule",
     "Still crashing after 3 auto-remediations"),
    ("disk_usage_high", "disk_usage > 85%", "Run log cleanup script, archive old data", "Still above 85% after cleanup"),
    ("connection_pool_exhausted", "available_connections = 0", "Kill idle connections, increase pool temporarily",
     "Pool exhausted again within 1 hour"),
    ("certificate_expiring", "days_until_expiry < 14", "Trigger cert renewal", "Renewal fails"),
)


def new_remediation(repo: Repository, *, service: str | None = None) -> NewDocument:
    """The guide's self-healing rules that the scope lacks, switched off until the automation behind each exists.

    In a service folder they apply to it; without a service, to every service (``org/auto_remediation.yaml``).
    A file that exists gets a new document appended, so the rules already there stay; triggers it already
    has are left out, and when it has them all there is nothing to add.
    """
    if service is not None:
        svc = service_for(repo, service)
        present = list(svc.of_kind("auto_remediation"))
        path = present[0].path if present else f"{svc.folder}/auto_remediation.yaml"
    else:
        present = list(repo.org_of_kind("auto_remediation"))
        path = present[0].path if present else "org/auto_remediation.yaml"
    known = {rule.get("trigger") for doc in present for rule in (doc.body or []) if isinstance(rule, dict)}
    rules = CommentedSeq()
    for trigger, condition, action, escalate in GUIDE_REMEDIATIONS:
        if trigger in known:
            continue
        rules.append(commented([
            ("trigger", trigger, None),
            ("condition", condition, None),
            ("action", action, None),
            ("escalate_if", escalate, "then a human is paged"),
            ("enabled", False, "true once the automation is in place"),
        ]))
    if not rules:
        raise WorkflowError(f"{path} already has every rule of the guide ({', '.join(t for t, *_ in GUIDE_REMEDIATIONS)})")
    mode = "append" if (repo.root / path).exists() else "create"
    whose = service or "every service"
    content = document("auto_remediation", rules, header=f"Self-healing rules for {whose}, from the guide.")
    return NewDocument("auto_remediation", service or "org", service, path, content, mode)


# --- helpers ---------------------------------------------------------------------------------------


def _choice(value: str, allowed: Sequence[str], what: str) -> None:
    if value not in allowed:
        raise WorkflowError(f"{what} {value!r} is not one of {', '.join(allowed)}")


def _place_org(repo: Repository, path: str, what: str, existing: Document | None, *, force: bool,
               shared: bool = False) -> tuple[str, str, int]:
    """(path, mode, index) of an organisation document: replace with --force, append to a shared file, else create."""
    if existing is not None:
        if not force:
            raise WorkflowError(f"{what} already exists at {existing.path}:{existing.line}; use --force to replace it")
        return existing.path, "replace", existing.parsed.index
    if (repo.root / path).exists():
        if shared:
            return path, "append", 0
        if not force:
            raise WorkflowError(f"{path} already exists; use --force to replace it")
    return path, "create", 0
