"""The monthly reliability report and the weekly SRE review agenda, computed from the repo.

Monthly (the guide's ``monthly_report`` template): SLO results and budget states at the
end of the month (``calc.evidence``), the month's incidents with MTTR, MTTD and repeats
(``calc.timing``), toil against SRE time (``calc.toil``), on-call load from the rotations'
health rows for the month, and postmortem action-item follow-through. Highlights,
concerns and priorities are derived from those figures so the report starts a
conversation rather than replacing it.

A past month describes the repo as it stood at the end of that month. The command reads the
repo from git history (:func:`repo_at_month_end`: the newest commit on or before the last day,
23:59:59 UTC, blob by blob, no checkout); where history does not reach back that far it uses
today's files and their dated fields. Either way the dated fields then apply as of the month's
last day: a postmortem dated later does not exist yet, an action item completed later is still
open, an incident that started later has not happened, budgets are computed as of the month's
end. Toil items carry no dates, so without history toil is today's inventory (the report's
``basis`` says so). :func:`compare_with_stored` says how a stored ``org/reports/YYYY-MM.yaml``
differs.

Weekly: the guide's 30-minute agenda with each item pre-filled for the seven days
before ``as_of``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Any

from pathlib import Path

from ruamel.yaml.comments import CommentedMap

from sre_docs.calc.timing import (
    IncidentRecord, IncidentTimeline, find_repeat_incidents, mean_time_to_detect, mean_time_to_resolve, timeline_problems,
)
from sre_docs.calc.toil import toil_share
from sre_docs.loading import git_changes
from sre_docs.model.repository import Document, Repository, repository_from_files
from sre_docs.yamltext.parse import DEFAULT_LIMITS
from sre_docs.schemas.vocabulary import BUDGET_STATES, SEVERITIES
from sre_docs.workflows.budget_view import SloBudget, service_budgets
from sre_docs.workflows.capacity import plan_service
from sre_docs.workflows.common import WorkflowError, commented, document, instant_or_none, minutes, num, UTC
from sre_docs.workflows.toil import audit
from sre_docs.words import counted

_STAMPS = ("started", "detected", "acknowledged", "mitigated", "resolved")


def _all_met(services: int) -> str:
    """The highlight when every service with SLO data met its SLOs, in the right number."""
    if services == 1:
        return "The one service with SLO data met its SLOs"
    return f"All {services} services with SLO data met their SLOs"


def month_bounds(period: str) -> tuple[dt.datetime, dt.datetime]:
    try:
        year, month = (int(part) for part in period.split("-"))
        start = dt.datetime(year, month, 1, tzinfo=UTC)
    except (ValueError, TypeError):
        raise WorkflowError(f"--month {period!r} is not a month (YYYY-MM)") from None
    end = dt.datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=UTC)
    return start, end


def _timeline(doc: Document) -> IncidentTimeline:
    return IncidentTimeline(**{key: instant_or_none(doc.get("timestamps", key)) for key in _STAMPS})


def incidents_between(repo: Repository, start: dt.datetime, end: dt.datetime) -> list[Document]:
    found = []
    for doc in repo.incidents.values():
        started = instant_or_none(doc.get("timestamps", "started"))
        if started is not None and start <= started < end:
            found.append(doc)
    return sorted(found, key=lambda d: (d.get("timestamps", "started"), d.name or ""))


def repeats_among(repo: Repository, ids: set[str]) -> list[Any]:
    records = []
    for doc in repo.incidents.values():
        started = instant_or_none(doc.get("timestamps", "started"))
        if started is None or not doc.name:
            continue
        service = (doc.get("services", default=[doc.service]) or [doc.service])[0] or ""
        records.append(IncidentRecord(id=doc.name, service=service, started=started, title=doc.get("title", default=""),
                                      trigger=doc.get("trigger_alert")))
    return [r for r in find_repeat_incidents(records) if r.incident_id in ids]


@dataclass(frozen=True)
class ActionItem:
    postmortem: str
    #: The postmortem's ``date`` (None when it has none): the item did not exist before it.
    written: dt.date | None
    incident: str | None
    id: str
    description: str
    owner: str | None
    deadline: dt.date | None
    status: str
    completed: dt.date | None

    def overdue(self, on: dt.date) -> bool:
        return self.status != "done" and self.deadline is not None and self.deadline < on


def action_items(repo: Repository) -> list[ActionItem]:
    items = []
    for service in repo.services.values():
        for doc in service.postmortems:
            for item in doc.get("action_items", default=[]):
                if not isinstance(item, dict) or not item.get("id"):
                    continue
                deadline, completed = instant_or_none(item.get("deadline")), instant_or_none(item.get("completed"))
                written = instant_or_none(doc.get("date"))
                items.append(ActionItem(doc.path, written.date() if written else None, doc.get("incident"), item["id"],
                                        item.get("description", ""),
                                        item.get("owner"), deadline.date() if deadline else None,
                                        item.get("status", "open"), completed.date() if completed else None))
    return items


def action_items_on(repo: Repository, day: dt.date) -> list[ActionItem]:
    """The action items as they stood at the end of ``day``, from their dated fields.

    Items of a postmortem dated after ``day`` are left out (it was not written yet); an item marked
    done with a ``completed`` date after ``day`` was still open then (status ``open``). An item marked
    done without a completion date counts as done: nothing says when it was done.
    """
    items = []
    for item in action_items(repo):
        if item.written is not None and item.written > day:
            continue
        if item.status == "done" and item.completed is not None and item.completed > day:
            item = replace(item, status="open", completed=None)
        items.append(item)
    return items


def _worst_state(budgets: list[SloBudget]) -> str | None:
    states = [b.state for b in budgets if b.state]
    return max(states, key=BUDGET_STATES.index) if states else None


@dataclass
class MonthlyReport:
    period: str
    as_of: dt.datetime
    data: dict[str, Any]
    budgets: list[SloBudget]
    #: What the figures describe: "git commit <sha> (<date>)", or "today's files, dated fields as of <day>".
    basis: str = "the repo as it is"
    #: Differences from a stored org/reports/<period>.yaml: (field, stored, computed).
    stored: tuple[tuple[str, Any, Any], ...] | None = None
    stored_path: str | None = None


def monthly_report(repo: Repository, period: str, *, now: dt.datetime) -> MonthlyReport:
    start, end = month_bounds(period)
    if start > now:
        raise WorkflowError(f"{period} has not started yet")
    as_of = min(end, now)
    budgets: list[SloBudget] = []
    meeting = breaching = 0
    worst: tuple[float, str] | None = None
    states = dict.fromkeys(BUDGET_STATES, 0)
    for name in sorted(repo.services):
        own = service_budgets(repo, name, as_of=as_of)
        budgets.extend(own)
        known = [(b, b.remaining_pct) for b in own if b.remaining_pct is not None]
        if not known:
            continue
        if all(left >= 0 for _, left in known):
            meeting += 1
        else:
            breaching += 1
        for b, left in known:
            if worst is None or left < worst[0]:
                worst = (left, f"{name} ({b.slo}: {left:.1f}% of the budget left)")
        state = _worst_state(own)
        if state:
            states[state] += 1
    month_incidents = incidents_between(repo, start, end)
    # Records whose timestamps are out of order (INC002 points at them) have no durations to average.
    timelines = [t for t in map(_timeline, month_incidents) if not timeline_problems(t)]
    by_severity = {sev: sum(1 for d in month_incidents if d.get("severity") == sev) for sev in SEVERITIES}
    mttr, mttd = mean_time_to_resolve(timelines), mean_time_to_detect(timelines)
    repeats = repeats_among(repo, {d.name for d in month_incidents if d.name})
    incidents: dict[str, Any] = {"total": len(month_incidents), "by_severity": by_severity}
    if mttr is not None:
        incidents["mttr_minutes"] = minutes(mttr)
    if mttd is not None:
        incidents["mttd_minutes"] = minutes(mttd)
    incidents["repeat_incidents"] = len(repeats)

    toil = audit(repo)
    spent = sum(t.toil_hours for t in toil.teams)
    automated = sum(t.automated_hours for t in toil.teams)
    sre_hours = sum(t.sre_hours or 0 for t in toil.teams)
    toil_data: dict[str, Any] = {"hours_spent": round(spent, 1), "hours_automated_away": round(automated, 1)}
    toil_pct = None
    if sre_hours:
        toil_pct = toil_share(toil_hours=spent, sre_hours=sre_hours).share_pct
        toil_data["pct_of_sre_time"] = round(toil_pct, 1)

    on_call = _on_call(repo, period, start, end)
    report_day = (as_of - dt.timedelta(microseconds=1)).date() if as_of == end else as_of.date()
    items = action_items_on(repo, report_day)
    open_items = [i for i in items if i.status != "done"]
    overdue = [i for i in items if i.overdue(report_day)]
    completed = [i for i in items if i.completed and start.date() <= i.completed < end.date()]
    data: dict[str, Any] = {
        "period": period,
        "slo_summary": {"services_meeting_slo": meeting, "services_breaching_slo": breaching,
                        **({"worst_performing": worst[1]} if worst else {})},
        "incidents": incidents,
        "error_budget": {"services_in_healthy": states["healthy"], "services_in_warning": states["warning"],
                         "services_in_critical": states["critical"], "services_exhausted": states["exhausted"]},
        "toil": toil_data,
    }
    if on_call:
        data["on_call"] = on_call
    data["action_items"] = {"open": len(open_items), "completed_this_month": len(completed), "overdue": len(overdue)}
    highlights, concerns, priorities = _narrative(repo, data, budgets, repeats, overdue, toil, toil_pct, period)
    data["highlights"], data["concerns"], data["next_month_priorities"] = highlights, concerns, priorities
    return MonthlyReport(period, as_of, data, budgets)


def month_end_day(period: str) -> dt.date:
    """The last day of the month ``YYYY-MM``."""
    _, end = month_bounds(period)
    return (end - dt.timedelta(days=1)).date()


def repo_at_month_end(root: Path, period: str) -> tuple[Repository, str] | None:
    """The repo at the newest commit on or before the month's last day, read blob by blob, and that basis.

    None when ``root`` is not in a git repository or its history starts after the month.
    """
    day = month_end_day(period)
    try:
        repo, prefix = git_changes.open_repo(Path(root))
    except git_changes.GitChangesError:
        return None
    sha = git_changes.commit_on(repo, day)
    if sha is None:
        return None
    files = git_changes.files_at(repo, sha, prefix, max_bytes=DEFAULT_LIMITS.max_file_bytes)
    committed = repo.commit(sha).committed_datetime.astimezone(UTC).date()
    return repository_from_files(root, files), f"git commit {sha[:12]} ({committed.isoformat()})"


#: Sections of a monthly report whose figures a stored report is compared on (texts are not compared).
_COMPARED = ("slo_summary", "incidents", "error_budget", "toil", "on_call", "action_items")


def _decimals(value: float | int) -> int:
    text = repr(value)
    return len(text.split(".")[1]) if "." in text and "e" not in text else 0


def _same(stored: Any, computed: Any) -> bool:
    """Equal, a float agreeing with the stored figure to the stored figure's precision (310 vs 310.2)."""
    numbers = (int, float)
    if isinstance(stored, bool) or isinstance(computed, bool) or not (isinstance(stored, numbers) and isinstance(computed, numbers)):
        return stored == computed
    return round(float(computed), _decimals(stored)) == float(stored)


def _figures(data: Any, prefix: str = "") -> dict[str, Any]:
    found: dict[str, Any] = {}
    if isinstance(data, dict):
        for key, value in data.items():
            found.update(_figures(value, f"{prefix}{key}."))
    elif isinstance(data, (int, float)) and not isinstance(data, bool):
        found[prefix[:-1]] = data
    return found


def compare_with_stored(repo: Repository, report: MonthlyReport) -> MonthlyReport:
    """``report`` with the differences from the stored ``monthly_report`` of its period, if the repo has one.

    Figures are compared field by field (``action_items.open``: stored 7, computed 9); a figure one side
    lacks is a difference too. Highlights, concerns and priorities are prose and are not compared.
    """
    stored = next((d for d in repo.org_of_kind("monthly_report") if str(d.get("period")) == report.period), None)
    if stored is None:
        return report
    body = stored.body if isinstance(stored.body, dict) else {}
    differences = []
    for section in _COMPARED:
        theirs, ours = _figures(body.get(section), f"{section}."), _figures(report.data.get(section), f"{section}.")
        for key in sorted(theirs.keys() | ours.keys()):
            if not _same(theirs.get(key), ours.get(key)):
                differences.append((key, theirs.get(key), ours.get(key)))
    return replace(report, stored=tuple(differences), stored_path=stored.path)


def report_json(report: MonthlyReport) -> dict[str, Any]:
    """The report's figures, with its basis and, when a stored report exists, how it differs."""
    out: dict[str, Any] = {**report.data, "basis": report.basis}
    if report.stored is not None:
        out["stored_report"] = {"path": report.stored_path, "agrees": not report.stored,
                                "differences": [{"field": f, "stored": a, "computed": b} for f, a, b in report.stored]}
    return out


def _on_call(repo: Repository, period: str, start: dt.datetime, end: dt.datetime) -> dict[str, Any]:
    rows = [row for doc in repo.rotations.values() for row in doc.get("health", default=[])
            if isinstance(row, dict) and row.get("period") == period]
    if not rows:
        return {}
    weeks = (end - start) / dt.timedelta(weeks=1)
    data: dict[str, Any] = {}
    pages = [sum(r["pages_by_member"].values()) for r in rows if isinstance(r.get("pages_by_member"), dict)]
    if pages:
        data["total_pages"] = sum(pages)
    off_hours = [r["off_hours_pages_per_week"] for r in rows if isinstance(r.get("off_hours_pages_per_week"), (int, float))]
    if off_hours:
        data["off_hours_pages"] = int(round(sum(off_hours) * weeks))
    weighted = [(r["false_positive_pct"], sum(r["pages_by_member"].values()) if isinstance(r.get("pages_by_member"), dict) else 1)
                for r in rows if isinstance(r.get("false_positive_pct"), (int, float))]
    total_weight = sum(w for _, w in weighted)
    if weighted and total_weight:
        data["false_positive_pct"] = round(sum(v * w for v, w in weighted) / total_weight, 1)
    acks = [r["time_to_acknowledge_min"] for r in rows if isinstance(r.get("time_to_acknowledge_min"), (int, float))]
    if acks:
        data["avg_ack_time_min"] = round(sum(acks) / len(acks), 1)
    return data


def _narrative(repo: Repository, data: dict[str, Any], budgets: list[SloBudget], repeats: list[Any],
               overdue: list[ActionItem], toil: Any, toil_pct: float | None, period: str) -> tuple[list[str], list[str], list[str]]:
    highlights: list[str] = []
    concerns: list[str] = []
    priorities: list[str] = []
    incidents = data["incidents"]
    if incidents["by_severity"]["SEV1"] == 0:
        highlights.append("No SEV1 incident")
    if data["slo_summary"]["services_breaching_slo"] == 0 and data["slo_summary"]["services_meeting_slo"]:
        highlights.append(_all_met(data['slo_summary']['services_meeting_slo']))
    if data["action_items"]["completed_this_month"]:
        highlights.append(f"{data['action_items']['completed_this_month']} postmortem action items completed")
    if data["toil"]["hours_automated_away"]:
        highlights.append(f"{data['toil']['hours_automated_away']:g} hours a month of toil automated away")
    for budget in budgets:
        if budget.state in ("critical", "exhausted"):
            left = budget.computed.remaining_pct.value
            concerns.append(f"{budget.service}: {budget.slo} error budget {budget.state_label} ({left:.1f}% left)")
            priorities.append(f"Restore the {budget.slo} error budget of {budget.service} (reliability work first)")
        elif budget.at_risk:
            concerns.append(f"{budget.service}: {budget.slo} error budget {budget.state_label}: {budget.at_risk_note()}")
    if repeats:
        concerns.append(f"{counted(len(repeats), 'repeat incident')}: " + ", ".join(f"{r.incident_id} repeats {r.repeat_of}" for r in repeats))
        priorities.append("Finish the prevent action items of the repeated incidents")
    if overdue:
        concerns.append(f"{len(overdue)} postmortem action items overdue")
        priorities.append(f"Close the {len(overdue)} overdue action items or agree new deadlines")
    if toil_pct is not None and toil_pct > 25:
        concerns.append(f"Toil takes {toil_pct:.1f}% of SRE time, above the 25% budget")
    do_first = [row for row in toil.rows if row.action == "DO FIRST" and row.status != "automated"]
    if do_first:
        priorities.append(f"Automate '{do_first[0].name}' ({do_first[0].hours_per_month:.1f} h/month, DO FIRST)")
    for team in toil.teams:
        if team.over_budget:
            priorities.append(f"{team.team}: put automation ahead of feature work until toil is below 25%")
    if data.get("on_call", {}).get("false_positive_pct", 0) > 10:
        concerns.append(f"{data['on_call']['false_positive_pct']:g}% of pages were false positives (healthy below 10%)")
        priorities.append("Tune or remove the noisiest alerts")
    return highlights, concerns, priorities


# --- rendering ----------------------------------------------------------------------------------------

_COMMENTS = {
    "slo_summary": "at the end of the month, from measurements or incident records",
    "incidents": "incidents that started in the month",
    "error_budget": "each service counted in the state of its worst SLO",
    "toil": "hours per month from the toil inventory; automated = items marked automated",
    "on_call": "from the rotations' health rows for the month",
    "action_items": "postmortem action items as of the report",
}


def report_document(report: MonthlyReport) -> CommentedMap:
    fields = []
    for key, value in report.data.items():
        if isinstance(value, dict):
            value = CommentedMap((k, num(v) if isinstance(v, float) else v) for k, v in value.items())
        fields.append((key, value, _COMMENTS.get(key)))
    return document("monthly_report", commented(fields), header=(
        f"Monthly reliability report for {report.period}, generated by `sre-docs report monthly`.\n"
        "Review the highlights, concerns and priorities before publishing."))


_WORD_EDGE_UNDERSCORE = re.compile(r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")


def _md(text: Any) -> str:
    """Escape text from the repo for a Markdown list item or table cell.

    Every character that could start emphasis, code, a link, HTML or a heading is
    escaped; underscores only where they could open or close emphasis (inside a word,
    as in ``payments_fast_burn``, CommonMark leaves them alone).
    """
    value = str(text)
    for char in ("\\", "|", "*", "`", "[", "]", "<", ">", "#", "!"):
        value = value.replace(char, "\\" + char)
    value = _WORD_EDGE_UNDERSCORE.sub(r"\\_", value)
    return " ".join(value.splitlines())


def report_markdown(report: MonthlyReport) -> str:
    data = report.data
    lines = [f"# Reliability report: {report.period}", ""]
    slo = data["slo_summary"]
    lines += ["## SLOs", "", f"- Services meeting their SLOs: {slo['services_meeting_slo']}",
              f"- Services breaching an SLO: {slo['services_breaching_slo']}"]
    if "worst_performing" in slo:
        lines.append(f"- Worst performing: {_md(slo['worst_performing'])}")
    budget = data["error_budget"]
    lines += ["", "## Error budgets", "", "| Healthy | Warning | Critical | Exhausted |", "|---|---|---|---|",
              f"| {budget['services_in_healthy']} | {budget['services_in_warning']} | {budget['services_in_critical']} | {budget['services_exhausted']} |"]
    incidents = data["incidents"]
    sev = incidents["by_severity"]
    lines += ["", "## Incidents", "", f"- Total: {incidents['total']} ({', '.join(f'{k} {v}' for k, v in sev.items())})"]
    for key, label in (("mttr_minutes", "MTTR"), ("mttd_minutes", "MTTD")):
        if key in incidents:
            lines.append(f"- {label}: {incidents[key]:g} min")
    lines.append(f"- Repeat incidents: {incidents['repeat_incidents']}")
    toil = data["toil"]
    lines += ["", "## Toil", "", f"- Hours spent per month: {toil['hours_spent']:g}",
              f"- Hours automated away: {toil['hours_automated_away']:g}"]
    if "pct_of_sre_time" in toil:
        lines.append(f"- Share of SRE time: {toil['pct_of_sre_time']:g}% (target below 25%)")
    if data.get("on_call"):
        on_call = data["on_call"]
        labels = {"total_pages": "Pages", "off_hours_pages": "Off-hours pages", "false_positive_pct": "False positives (%)",
                  "avg_ack_time_min": "Mean time to acknowledge (min)"}
        lines += ["", "## On-call", ""] + [f"- {labels[k]}: {v:g}" for k, v in on_call.items()]
    items = data["action_items"]
    lines += ["", "## Action items", "", f"- Open: {items['open']}", f"- Completed this month: {items['completed_this_month']}",
              f"- Overdue: {items['overdue']}"]
    for key, title in (("highlights", "Highlights"), ("concerns", "Concerns"), ("next_month_priorities", "Next month's priorities")):
        lines += ["", f"## {title}", ""] + ([f"- {_md(item)}" for item in data[key]] or ["- None"])
    return "\n".join(lines) + "\n"


# --- weekly review ----------------------------------------------------------------------------------------


def weekly_agenda(repo: Repository, *, as_of: dt.datetime) -> dict[str, Any]:
    """The guide's 30-minute weekly SRE review, pre-filled for the 7 days before ``as_of``."""
    start = as_of - dt.timedelta(days=7)
    slos = []
    for name in sorted(repo.services):
        for budget in service_budgets(repo, name, as_of=as_of):
            slos.append({"service": name, "slo": budget.slo, "state": budget.state, "at_risk": budget.at_risk,
                         "remaining_pct": None if budget.computed.remaining_pct.value is None else round(budget.computed.remaining_pct.value, 1),
                         "spent_this_week_pct": None if budget.computed.consumed_last_7d_pct.value is None else round(budget.computed.consumed_last_7d_pct.value, 1),
                         "source": str(budget.computed.remaining_pct.source)})
    burn_alert_names = {alert.get("name") for svc in repo.services.values() for _, _, alert in svc.burn_rate_alerts()}
    week_incidents = incidents_between(repo, start, as_of)
    incidents = []
    for doc in week_incidents:
        timeline = _timeline(doc)
        end = timeline.resolved or timeline.mitigated
        incidents.append({"id": doc.name, "severity": doc.get("severity"), "title": doc.get("title"),
                          "status": doc.get("status"),
                          "duration_minutes": minutes(end - timeline.started) if end and timeline.started else None,
                          "burn_rate_alert": doc.get("trigger_alert") if doc.get("trigger_alert") in burn_alert_names else None})
    day = as_of.date()
    items = [{"id": i.id, "incident": i.incident, "description": i.description, "owner": i.owner,
              "deadline": i.deadline.isoformat() if i.deadline else None, "status": i.status, "overdue": i.overdue(day)}
             for i in action_items(repo) if i.status != "done"]
    on_call = []
    for doc in repo.rotations.values():
        rows = [r for r in doc.get("health", default=[]) if isinstance(r, dict) and r.get("period")]
        if rows:
            row = max(rows, key=lambda r: r["period"])
            on_call.append({"rotation": doc.name, "period": row["period"],
                            **{k: row.get(k) for k in ("pages_per_shift", "off_hours_pages_per_week", "false_positive_pct")}})
    experiments = []
    for svc in repo.services.values():
        for doc in svc.experiments:
            when = instant_or_none(doc.get("run_date")) or instant_or_none(doc.get("scheduled"))
            if when is not None and start <= when <= as_of + dt.timedelta(days=7):
                experiments.append({"service": svc.name, "name": doc.get("name"), "status": doc.get("status"),
                                    "date": when.date().isoformat()})
    toil = audit(repo)
    capacity = []
    for name, svc in sorted(repo.services.items()):
        if not svc.capacity_models:
            continue
        for plan in plan_service(repo, name, as_of=as_of):
            soon = plan.months_to_threshold is not None and plan.months_to_threshold < 3
            if soon or any("max_instances" in note for note in plan.notes):
                capacity.append({"service": name, "bottleneck": plan.bottleneck,
                                 "months_to_threshold": None if plan.months_to_threshold is None else round(plan.months_to_threshold, 1),
                                 "threshold_pct": plan.threshold_pct, "notes": list(plan.notes)})
    return {
        "week": {"from": start.date().isoformat(), "to": as_of.date().isoformat()},
        "slo_status": slos,
        "incidents": incidents,
        "open_action_items": items,
        "on_call": on_call,
        "reliability_work": {
            "automated_toil": [{"name": r.name, "service": r.service, "hours_per_month": round(r.hours_per_month or 0, 1)}
                               for r in toil.rows if r.status == "automated"],
            "toil_to_automate_next": [{"name": r.name, "service": r.service, "action": r.action}
                                      for r in toil.rows if r.status != "automated" and r.action in ("DO FIRST", "QUICK WIN")][:3],
            "chaos_experiments": experiments,
            "capacity_concerns": capacity,
        },
    }


def weekly_markdown(agenda: dict[str, Any]) -> str:
    week = agenda["week"]
    lines = [f"# Weekly SRE review: {week['from']} to {week['to']} (30 min)", "", "## 1. SLO status (5 min)", ""]
    lines += [f"- {_md(s['service'])} / {_md(s['slo'])}: {s['state'] or 'unknown'}{', at risk' if s['at_risk'] else ''}, "
              f"{'?' if s['remaining_pct'] is None else s['remaining_pct']}% of the budget left, "
              f"{'?' if s['spent_this_week_pct'] is None else s['spent_this_week_pct']}% spent this week ({s['source']})"
              for s in agenda["slo_status"]] or ["- No SLOs"]
    alerts = [i for i in agenda["incidents"] if i["burn_rate_alert"]]
    lines.append("- Burn-rate alerts this week: " + (", ".join(f"{_md(i['burn_rate_alert'])} ({i['id']})" for i in alerts) or "none opened an incident"))
    lines += ["", "## 2. Incident review (10 min)", "", f"- Incidents this week: {len(agenda['incidents'])}"]
    lines += [f"  - {i['id']} {i['severity']} {_md(i['title'])} ({i['status']}"
              + (f", {i['duration_minutes']:g} min" if i["duration_minutes"] is not None else "") + ")"
              for i in agenda["incidents"]]
    lines.append(f"- Open postmortem action items: {len(agenda['open_action_items'])}")
    lines += [f"  - {a['id']} ({a['incident']}) {_md(a['description'])}: {a['status']}, owner {_md(a['owner'] or '?')}, "
              f"due {a['deadline'] or '?'}" + (" **OVERDUE**" if a["overdue"] else "")
              for a in agenda["open_action_items"]]
    lines += ["", "## 3. On-call health (5 min)", ""]
    lines += [f"- {_md(o['rotation'])} ({o['period']}): {o['pages_per_shift']} pages/shift, "
              f"{o['off_hours_pages_per_week']} off-hours pages/week, {o['false_positive_pct']}% false positives"
              for o in agenda["on_call"]] or ["- No health figures recorded"]
    lines.append("- Any on-call feedback?")
    work = agenda["reliability_work"]
    lines += ["", "## 4. Reliability work (10 min)", ""]
    lines.append("- Automation shipped: " + (", ".join(f"{_md(t['name'])} ({t['hours_per_month']:g} h/month)" for t in work["automated_toil"]) or "none recorded"))
    lines.append("- Toil to automate next: " + (", ".join(f"{_md(t['name'])} ({t['action']})" for t in work["toil_to_automate_next"]) or "nothing urgent"))
    lines.append("- Chaos experiments: " + (", ".join(f"{_md(e['name'])} on {_md(e['service'])} ({e['status']}, {e['date']})" for e in work["chaos_experiments"]) or "none this week"))
    lines.append("- Capacity concerns: " + ("; ".join(
        f"{_md(c['service'])} {_md(c['bottleneck'] or '')}" + (f" reaches {c['threshold_pct']:g}% in {c['months_to_threshold']:g} months" if c["months_to_threshold"] is not None else "")
        for c in work["capacity_concerns"]) or "none"))
    return "\n".join(lines) + "\n"
