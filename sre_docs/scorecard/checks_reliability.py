"""Evidence checks for SLOs, monitoring and incident response.

Each function is registered in ``evidence.CHECKS`` with its parameter schema; its
docstring's first paragraph is what the rules page says the check looks for. A check
over "every X" passes when there is no X: the criteria of a lower level ask for X to exist.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sre_docs.calc.durations import MONTH, QUARTER, WEEK, parse_duration
from sre_docs.calc.verdict import every
from sre_docs.model.incident_roles import holder, named
from sre_docs.model.slo_budgets import evaluation_instant, slo_budget
from sre_docs.calc.budget_evidence import Source
from sre_docs.calc.culture import PostmortemOutcome, hero_culture
from sre_docs.model.repository import Document
from sre_docs.policies.alr001 import runbook_gaps
from sre_docs.policies.pm001 import postmortem_of, postmortem_overdue
from sre_docs.policies.rbk004 import RunbookTestState, runbook_test_state
from sre_docs.scorecard.culture import culture_view, incident_people
from sre_docs.scorecard.facts import (
    Evidence,
    Facts,
    Fix,
    event_date,
    field_fix,
    file_for,
    missed,
    not_shown,
    over_every,
    passed,
    plural,
)

# --- SLOs ---------------------------------------------------------------------------------------

_CADENCE_LENGTH = {"weekly": WEEK, "monthly": MONTH, "quarterly": QUARTER}


def slo_for_every_sli(facts: Facts, params: Mapping[str, Any]) -> Evidence:
    """Every SLI of the service has at least one SLO setting a target for it."""
    service = facts.service
    covered = {slo.get("sli") for slo in service.slos}
    names = [sli.get("name") for sli in service.slis if sli.get("name")]
    bare = [name for name in names if name not in covered]
    target = file_for(service, "slo")
    return over_every(len(names), len(bare), none="no SLI to check", holds=f"{plural(len(names), 'SLI')}, each with an SLO",
                      broken=f"{len(bare)} of {plural(len(names), 'SLI')} without an SLO",
                      fixes=tuple(Fix(target, f"add an `slo` for SLI `{name}`") for name in bare))


def slos_reference_slis(facts: Facts, params: Mapping[str, Any]) -> Evidence:
    """Every SLO names an SLI that the service defines, so its target measures something real."""
    service = facts.service
    known = {sli.get("name") for sli in service.slis}
    dangling = [slo for slo in service.slos if slo.get("sli") not in known]
    return over_every(
        len(service.slos), len(dangling), none="no SLO to check",
        holds=f"{plural(len(service.slos), 'SLO')} point at defined SLIs",
        broken=f"{plural(len(dangling), 'SLO')} name an undefined SLI",
        fixes=tuple(field_fix(slo, slo.path, ("sli",), f"define SLI `{slo.get('sli')}` in {file_for(service, 'sli')} or correct `sli`")
                    for slo in dangling),
    )


def error_budget_policy_applies(facts: Facts, params: Mapping[str, Any]) -> Evidence:
    """An error budget policy covers the service: its own, or the organisation's default in org/."""
    policy = facts.repo.budget_policy_for(facts.name)
    if policy is not None:
        whose = "its own" if facts.name in (policy.service, policy.get("service")) else "the organisation's default"
        return passed(f"{whose} policy ({policy.path})")
    return missed(
        "no error budget policy applies",
        Fix("org/error_budget_policy.yaml", "add the default `error_budget_policy` (without `service`)"),
    )


def slos_reviewed_on_cadence(facts: Facts, params: Mapping[str, Any]) -> Evidence:
    """Every SLO states a review cadence no slower than ``slowest_cadence`` and was reviewed within it.

    The last review is the later of the SLO file's last commit and its ``last_reviewed`` date;
    ``grace_days`` of slack are allowed past the cadence.
    """
    slowest = _CADENCE_LENGTH[params["slowest_cadence"]]
    grace = dt.timedelta(days=params["grace_days"])
    fixes: list[Fix] = []
    for slo in facts.service.slos:
        name = facts.service.slo_name(slo)
        cadence = slo.get("review_cadence")
        if cadence not in _CADENCE_LENGTH or _CADENCE_LENGTH[cadence] > slowest:
            fixes.append(field_fix(slo, slo.path, ("review_cadence",), f"set `review_cadence` of SLO `{name}` to {params['slowest_cadence']} or more often"))
            continue
        reviewed = facts.touched(slo, ("last_reviewed",))
        if reviewed is None or facts.today - reviewed > _CADENCE_LENGTH[cadence] + grace:
            seen = "never" if reviewed is None else reviewed.isoformat()
            fixes.append(field_fix(slo, slo.path, ("last_reviewed",), f"review SLO `{name}` ({cadence}; last: {seen}) and set `last_reviewed`"))
    count = len(facts.service.slos)
    return over_every(count, len(fixes), none="no SLO to review", holds=f"{plural(count, 'SLO')} reviewed on cadence",
                      broken=f"{len(fixes)} of {plural(count, 'SLO')} not reviewed on a {params['slowest_cadence']} or faster cadence",
                      fixes=tuple(fixes))


def multiwindow_burn_alerts(facts: Facts, params: Mapping[str, Any]) -> Evidence:
    """Every SLO has ``min_alerts`` burn-rate alerts with a short window under the long one, at distinct burn rates.

    With ``require_page``, at least one of them pages; the others may open tickets.
    """
    wanted = params["min_alerts"]
    fixes: list[Fix] = []
    for slo in facts.service.slos:
        name = facts.service.slo_name(slo)
        good = [a for a in slo.get("burn_rate_alerts", default=[]) if isinstance(a, dict) and _two_windows(a)]
        rates = {a.get("burn_rate") for a in good}
        problems = []
        if len(good) < wanted or len(rates) < min(wanted, 2):
            problems.append(f"{len(good)} multi-window alert(s) at {plural(len(rates), 'burn rate')}, needs {wanted}")
        if params["require_page"] and not any(a.get("severity") == "page" for a in good):
            problems.append("none pages")
        if problems:
            fixes.append(field_fix(slo, slo.path, ("burn_rate_alerts",), f"give SLO `{name}` multi-window burn-rate alerts ({'; '.join(problems)}), e.g. {_suggest(slo)}"))
    count = len(facts.service.slos)
    return over_every(count, len(fixes), none="no SLO to alert on", holds=f"{plural(count, 'SLO')} with multi-window, multi-burn-rate alerts",
                      broken=f"{len(fixes)} of {plural(count, 'SLO')} lack multi-window burn-rate alerts", fixes=tuple(fixes))


def _two_windows(alert: Mapping[str, Any]) -> bool:
    short, long = alert.get("short_window"), alert.get("long_window")
    if not isinstance(short, str) or not isinstance(long, str):
        return False
    try:
        return parse_duration(short) < parse_duration(long)
    except (TypeError, ValueError):
        return False


def _suggest(slo: Document) -> str:
    from sre_docs.calc.error_budget import recommended_burn_rate_alerts

    try:
        tiers = recommended_burn_rate_alerts(slo.get("window", default="30d"))
    except (TypeError, ValueError):
        return "the SRE Workbook's tiers"
    return ", ".join(
        f"{a.burn_rate_threshold:.3g}x over {_short(a.tier.long_window)}/{_short(a.tier.short_window)} ({a.tier.severity})"
        for a in tiers
    )


def _short(span: dt.timedelta) -> str:
    minutes = int(span.total_seconds() // 60)
    return f"{minutes // 1440}d" if minutes % 1440 == 0 else f"{minutes // 60}h" if minutes % 60 == 0 else f"{minutes}m"


def slos_measured(facts: Facts, params: Mapping[str, Any]) -> Evidence:
    """Every SLO's error budget is computed from measurements: points cover ``min_coverage_pct`` of its window and the latest is at most ``max_age_days`` old."""
    as_of = evaluation_instant(facts.today)
    fixes: list[Fix] = []
    slos = facts.service.slos
    for slo in slos:
        name = facts.service.slo_name(slo)
        target_file = file_for(facts.service, "measurements", name or "slo")
        budget = slo_budget(facts.repo, facts.service, slo, as_of=as_of)
        latest = max((row.start for row in budget.inputs.measurements), default=None) if budget.inputs else None
        if budget.measurement_points == 0:
            fixes.append(Fix(target_file, f"add `measurements` for SLO `{name}`"))
            continue
        if budget.status is None:
            why = "; ".join(budget.problems) or "its budget cannot be computed"
            fixes.append(Fix(slo.path, f"correct SLO `{name}` ({why})"))
            continue
        if latest is not None and (as_of - latest).days > params["max_age_days"]:
            fixes.append(Fix(target_file, f"append recent measurements for SLO `{name}` (latest from {latest.date()})"))
            continue
        coverage = budget.status.measurement_coverage * 100
        if budget.status.consumed_pct.source not in (Source.MEASUREMENTS, Source.MIXED) or coverage < params["min_coverage_pct"]:
            fixes.append(Fix(target_file, f"fill the gaps in measurements of SLO `{name}` (covers {coverage:.0f}% of its window)"))
    return over_every(len(slos), len(fixes), none="no SLO to measure",
                      holds=f"budgets of {plural(len(slos), 'SLO')} computed from measurements",
                      broken=f"{len(fixes)} of {plural(len(slos), 'SLO')} without a measured budget", fixes=tuple(fixes))


# --- monitoring -----------------------------------------------------------------------------------


def _all_alerts(facts: Facts) -> list[tuple[Any, Document, tuple[Any, ...], Mapping[str, Any]]]:
    """(name, document, path to the alert in it, alert) for alert documents and SLO burn-rate alerts."""
    alerts: list[tuple[Any, Document, tuple[Any, ...], Mapping[str, Any]]] = [
        (a.get("name"), a, (), a.body) for a in facts.service.alerts if isinstance(a.body, dict)]
    alerts += [(alert.get("name"), slo, ("burn_rate_alerts", index), alert) for slo, index, alert in facts.service.burn_rate_alerts()]
    return alerts


def has_alerts(facts: Facts, params: Mapping[str, Any]) -> Evidence:
    """The service has at least ``min`` alerts (alert documents and burn-rate alerts of its SLOs)."""
    count = len(_all_alerts(facts))
    if count >= params["min"]:
        return passed(plural(count, "alert"), count)
    return missed(f"{plural(count, 'alert')} (needs {params['min']})", Fix(file_for(facts.service, "alert"), "add an `alert` on a user-facing symptom"), value=count)


def every_alert_has_runbook(facts: Facts, params: Mapping[str, Any]) -> Evidence:
    """Every alert has a runbook by ALR001's rule: its link leads to a runbook file (or is an http(s) URL) and a runbook names it; every burn-rate alert has a runbook naming it."""
    alerts = _all_alerts(facts)
    gaps = runbook_gaps(facts.repo, facts.service)
    fixes: list[Fix] = []
    for gap in gaps:
        if gap.kind == "unnamed":
            fixes.append(Fix(file_for(facts.service, "runbook", gap.alert), f"add a `runbook` with `alert_name: {gap.alert}`"))
        else:
            link = gap.doc.get("runbook")
            fixes.append(field_fix(gap.doc, gap.doc.path, ("runbook",), f"point `runbook` of alert `{gap.alert}` at an existing runbook (now {link!r})"))
    missing = len({(id(gap.doc), gap.alert) for gap in gaps})
    return over_every(len(alerts), min(missing, len(alerts)), none="no alert to check",
                      holds=f"{plural(len(alerts), 'alert')}, each with a runbook",
                      broken=f"{missing} of {plural(len(alerts), 'alert')} without a runbook", fixes=tuple(fixes))


def golden_signals_alerted(facts: Facts, params: Mapping[str, Any]) -> Evidence:
    """Alerts cover each of the golden ``signals``; a burn-rate alert counts for latency when its SLI is a latency SLI, else for errors."""
    covered: set[str] = set()
    for _, doc, _, alert in _all_alerts(facts):
        signal = alert.get("signal") if doc.kind == "alert" else "burn_rate"
        if signal == "burn_rate":
            slo = doc if doc.kind == "slo" else facts.service.slo(str(alert.get("slo")))
            sli = facts.service.sli(str(slo.get("sli"))) if slo is not None else None
            signal = "latency" if sli is not None and sli.get("type") == "latency" else "errors"
        covered.add(str(signal))
    gaps = [signal for signal in params["signals"] if signal not in covered]
    if not gaps:
        return passed(f"alerts cover {', '.join(params['signals'])}")
    target = file_for(facts.service, "alert")
    return missed(f"no alert on {', '.join(gaps)}", *(Fix(target, f"add an `alert` with `signal: {signal}`") for signal in gaps))


def no_paging_on_causes(facts: Facts, params: Mapping[str, Any]) -> Evidence:
    """No alert pages on a cause (``cause_signals``, saturation by default): pages are for symptoms users feel."""
    causes = set(params["cause_signals"])
    paging = [a for a in facts.service.alerts if a.get("notify") == "page" and a.get("signal") in causes]
    return over_every(
        len(facts.service.alerts), len(paging), none="no alert to check", holds="pages only on symptoms",
        broken=f"{plural(len(paging), 'alert')} page on a cause",
        fixes=tuple(field_fix(a, a.path, ("notify",), f"make alert `{a.get('name')}` a ticket, or alert on the symptom instead")
                    for a in paging),
    )


# --- incident response -----------------------------------------------------------------------------


def _recent_incidents(facts: Facts, days: int, severities: list[str] | None = None) -> list[Document]:
    since = facts.today - dt.timedelta(days=days)
    found = []
    for incident in facts.repo.incidents_of(facts.name):
        started = event_date(incident.get("timestamps", "started"))
        if started is None or not since <= started <= facts.today:
            continue
        if severities is None or incident.get("severity") in severities:
            found.append(incident)
    return found


def _postmortem_of(facts: Facts, incident: Document) -> Document | None:
    return postmortem_of(facts.repo, incident)


def postmortems_for_incidents(facts: Facts, params: Mapping[str, Any]) -> Evidence:
    """Every incident of the given ``severities`` started in the last ``within_days`` has a postmortem once it is due (five business days after resolution)."""
    incidents = _recent_incidents(facts, params["within_days"], params["severities"])
    fixes: list[Fix] = []
    for incident in incidents:
        # PM001's predicate: written, still open, or still within its time for a postmortem is not overdue.
        due = postmortem_overdue(facts.repo, incident, facts.today, severities=params["severities"])
        if due is None:
            continue
        ident = incident.get("id")
        fixes.append(Fix(file_for(facts.service, "postmortem", str(ident)), f"write the postmortem of {ident} (due {due})"))
    severities = "/".join(params["severities"])
    return over_every(len(incidents), len(fixes), none=f"no {severities} incident in the last {params['within_days']} days",
                      holds=f"{plural(len(incidents), 'incident')} of {severities} covered",
                      broken=f"{len(fixes)} of {plural(len(incidents), 'incident')} without a postmortem", fixes=tuple(fixes))


def _postmortems(facts: Facts, days: int) -> list[Document]:
    since = facts.today - dt.timedelta(days=days)
    found = {id(pm): pm for pm in facts.service.postmortems}
    for incident in facts.repo.incidents_of(facts.name):
        pm = _postmortem_of(facts, incident)
        if pm is not None:
            found[id(pm)] = pm
    return [pm for pm in found.values() if (event_date(pm.get("date")) or facts.today) >= since]


def postmortems_complete(facts: Facts, params: Mapping[str, Any]) -> Evidence:
    """Every postmortem of the last ``within_days`` fills the ``sections`` and, with ``final``, has reached status final.

    A postmortem dated in the last ``review_days`` may still be a draft or in review.
    """
    postmortems = _postmortems(facts, params["within_days"])
    review_from = facts.today - dt.timedelta(days=params["review_days"])
    fixes: list[Fix] = []
    for pm in postmortems:
        ident = pm.get("incident") or pm.name
        for section in params["sections"]:
            value = pm.get(section)
            if value in (None, "", [], {}):
                fixes.append(field_fix(pm, pm.path, (section,), f"fill `{section}` in the postmortem of {ident}"))
        written = event_date(pm.get("date")) or facts.today
        if params["final"] and pm.get("status") != "final" and written < review_from:
            fixes.append(field_fix(pm, pm.path, ("status",), f"review the postmortem of {ident} to `status: final` (now {pm.get('status')})"))
    incomplete = len({fix.path for fix in fixes})
    return over_every(len(postmortems), min(incomplete, len(postmortems)), none=f"no postmortem in the last {params['within_days']} days",
                      holds=f"{plural(len(postmortems), 'postmortem')} complete",
                      broken=f"{plural(len(fixes), 'gap')} across {plural(len(postmortems), 'postmortem')}", fixes=tuple(fixes))


def action_items_on_time(facts: Facts, params: Mapping[str, Any]) -> Evidence:
    """At most ``max_overdue`` postmortem action items are open past their deadline, and at most ``max_late_pct`` of the closed ones closed late."""
    overdue: list[Fix] = []
    closed = late = 0
    for pm in _postmortems(facts, 3660):
        for index, item in enumerate(pm.get("action_items", default=[])):
            if not isinstance(item, dict):
                continue
            deadline = event_date(item.get("deadline"))
            if deadline is None:
                continue
            if item.get("status") == "done":
                completed = event_date(item.get("completed"))
                if completed is not None:
                    closed += 1
                    late += completed > deadline
            elif deadline < facts.today:
                overdue.append(field_fix(pm, pm.path, ("action_items", index, "status"),
                                         f"close or re-plan action item {item.get('id')} (deadline {deadline}, {item.get('status')})"))
    late_pct = 100 * late / closed if closed else 0.0
    detail = f"{plural(len(overdue), 'overdue action item')}; {late} of {closed} closed late"
    if every(closed + len(overdue), 0) is None:
        return not_shown("no action item with a deadline")
    if len(overdue) <= params["max_overdue"] and late_pct <= params["max_late_pct"]:
        return passed(detail)
    fixes = overdue or [Fix(file_for(facts.service, "postmortem"), f"close action items by their deadlines ({late_pct:.0f}% closed late)")]
    return missed(detail, *fixes)


def incident_roles_assigned(facts: Facts, params: Mapping[str, Any]) -> Evidence:
    """Every incident of the given ``severities`` in the last ``within_days`` names each incident command role in ``roles``."""
    incidents = _recent_incidents(facts, params["within_days"], params["severities"])
    fixes = [
        field_fix(incident, incident.path, ("roles",), f"name the `{role}` of {incident.get('id')}")
        for incident in incidents for role in params["roles"] if not named(holder(incident, role))
    ]
    unnamed = len({fix.path for fix in fixes})
    severities = "/".join(params["severities"])
    return over_every(len(incidents), min(unnamed, len(incidents)), none=f"no {severities} incident in the last {params['within_days']} days",
                      holds=f"roles named in {plural(len(incidents), 'incident')}",
                      broken=f"{plural(len(fixes), 'role')} unnamed across {plural(len(incidents), 'incident')}", fixes=tuple(fixes))


def detected_by_alert(facts: Facts, params: Mapping[str, Any]) -> Evidence:
    """At least ``min_pct`` of the incidents started in the last ``within_days`` were detected by an alert, not by users."""
    incidents = _recent_incidents(facts, params["within_days"])
    if every(len(incidents), 0) is None:
        return not_shown(f"no incident in the last {params['within_days']} days")
    by_alert = [i for i in incidents if i.get("detection") == "alert"]
    share = 100 * len(by_alert) / len(incidents)
    detail = f"{len(by_alert)} of {plural(len(incidents), 'incident')} detected by an alert ({share:.0f}%)"
    if share >= params["min_pct"]:
        return passed(detail, round(share, 1))
    others = [i for i in incidents if i.get("detection") != "alert"]
    return missed(detail, *(field_fix(i, i.path, ("detection",), f"add an alert that would have caught {i.get('id')} ({i.get('detection') or 'detection not recorded'})")
                            for i in others), value=round(share, 1))


# --- culture and runbook tests ------------------------------------------------------------------------


def no_hero_culture(facts: Facts, params: Mapping[str, Any]) -> Evidence:
    """No one person commanded more than ``max_share_pct`` of the service's incidents of the last ``within_days``.

    The hero sign of the culture page (``calc.culture.hero_culture``), judged from ``min_incidents`` incidents
    naming a commander: with fewer there is nothing to judge, and the criterion holds.
    """
    view = culture_view(facts.repo, facts.today, service=facts.name, within_days=params["within_days"])
    value = view.commanders
    if value.incidents < params["min_incidents"]:
        return passed(f"{plural(value.incidents, 'incident')} naming a commander (judged from {params['min_incidents']})")
    share = value.share_pct or 0.0
    detail = f"{', '.join(value.top)} commanded {value.top_count} of {plural(value.incidents, 'incident')} ({share:.0f}%)"
    if not hero_culture(value, max_share_pct=params["max_share_pct"], min_incidents=params["min_incidents"]):
        return passed(detail, round(share, 1))
    fixes = [field_fix(doc, doc.path, ("roles", "incident_commander"), f"let someone else command the next incident like {doc.get('id')}")
             for doc in view.incidents if incident_people(doc)[0] in value.top][:3]
    return missed(detail, *fixes, value=round(share, 1))


def postmortems_on_time(facts: Facts, params: Mapping[str, Any]) -> Evidence:
    """At most ``max_pct`` of the postmortems due for the ``severities`` incidents of the last ``within_days`` were skipped or written late.

    Due five business days after resolution, as PM001 says; late means the postmortem's `date` is after that day.
    """
    view = culture_view(facts.repo, facts.today, service=facts.name, within_days=params["within_days"],
                        severities=params["severities"])
    tally = view.discipline
    if tally.due == 0:
        return passed(f"no postmortem of {'/'.join(params['severities'])} due yet")
    share = tally.skipped_or_late_pct or 0.0
    detail = f"{tally.skipped} skipped and {tally.late} late of {plural(tally.due, 'postmortem')} due ({share:.0f}%)"
    if share <= params["max_pct"]:
        return passed(detail, round(share, 1))
    fixes = []
    for row in view.postmortems:
        ident = row.incident.get("id")
        if row.outcome is PostmortemOutcome.SKIPPED:
            fixes.append(Fix(file_for(facts.service, "postmortem", str(ident)), f"write the postmortem of {ident} (due {row.due})"))
        elif row.outcome is PostmortemOutcome.LATE:
            fixes.append(Fix(file_for(facts.service, "postmortem", str(ident)),
                             f"write the next postmortem within five business days ({ident}'s was due {row.due}, dated {row.written})"))
    return missed(detail, *fixes, value=round(share, 1))


def runbooks_tested(facts: Facts, params: Mapping[str, Any]) -> Evidence:
    """Every runbook was followed in a drill, game day or incident in the last ``max_age_days`` (its `last_tested`; RBK004's rule)."""
    runbooks = facts.service.runbooks
    if not runbooks:
        return passed("no runbook documents to check")
    fixes = []
    for runbook in runbooks:
        tested = event_date(runbook.get("last_tested"))
        state = runbook_test_state(tested, facts.today, params["max_age_days"])
        if state is not RunbookTestState.CURRENT:
            seen = "never" if tested is None else str(tested)
            fixes.append(field_fix(runbook, runbook.path, ("last_tested",),
                                   f"test runbook `{runbook.get('alert_name') or runbook.path}` and set `last_tested` (now: {seen})"))
    if not fixes:
        return passed(f"all {plural(len(runbooks), 'runbook')} tested within {params['max_age_days']} days")
    return missed(f"{len(fixes)} of {plural(len(runbooks), 'runbook')} not tested within {params['max_age_days']} days", *fixes)
