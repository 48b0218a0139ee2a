"""A blameless postmortem drafted from its incident record.

Everything the record already knows is filled in: the timeline (timestamps and status
updates, in order), duration, impact, the error budget spent (``calc.evidence``) and the
times to detect, mitigate and resolve (``calc.timing``). What only people can write (the
summary, root cause, five whys, what went well and wrong, where we got lucky, the action
items' substance) is left as ``TODO:`` prompts that pass the schema and that
``sre-docs postmortem new`` lists as still to fill in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from sre_docs.calc.timing import IncidentDurations, IncidentTimeline, incident_durations
from sre_docs.model.repository import Document, Repository
from sre_docs.schemas.vocabulary import CONTRIBUTING_FACTOR_CATEGORIES
from sre_docs.workflows.common import TODO, WorkflowError, commented, document, human_duration, instant_or_none, minutes, stamp
from sre_docs.workflows.incidents import Edit, IncidentFigures, incident_figures, postmortem_link, postmortem_path_for

_DETECTED_BY = {
    "alert": "Detected by an alert",
    "user report": "Detected through a user report",
    "manual check": "Detected during a manual check",
}


@dataclass
class NewPostmortem:
    path: str
    content: CommentedMap
    incident_edits: list[Edit]
    notes: list[str]


def timeline(body: dict[str, Any]) -> list[tuple[dt.datetime, str]]:
    """The incident's moments and updates, oldest first (ties keep record order)."""
    stamps = body.get("timestamps") or {}
    trigger = body.get("trigger_alert")
    detected = _DETECTED_BY.get(body.get("detection") or "", "Detected")
    if trigger:
        detected += f" ({trigger})"
    labels = {
        "started": "Impact began",
        "detected": detected,
        "acknowledged": "On-call engineer acknowledged the page",
        "mitigated": "Impact mitigated",
        "resolved": "Incident resolved",
    }
    #: Status updates posted at the moment of a step are merged into that step's line.
    step_of_status = {"triage": "detected", "mitigate": "mitigated", "resolve": "resolved"}
    moments: dict[str, dt.datetime] = {}
    events: list[tuple[dt.datetime, int, str]] = []
    merged: set[str] = set()
    for order, (key, label) in enumerate(labels.items()):
        moment = instant_or_none(stamps.get(key))
        if moment is not None:
            moments[key] = moment
            events.append((moment, order, label))
    for update in body.get("updates") or []:
        if not isinstance(update, dict):
            continue
        moment = instant_or_none(update.get("time"))
        if moment is None or not update.get("message"):
            continue
        step = step_of_status.get(update.get("status", ""))
        if step is not None and moments.get(step) == moment and step not in merged:
            # Only the first update of a step's moment is merged into its line; a second one (two commands
            # posting in the same second) stays an update line of its own.
            merged.add(step)
            index = next(i for i, event in enumerate(events) if event[0] == moment and event[2] == labels[step])
            stem = labels[step].split()[-1][:6].lower()
            text = update["message"] if step != "detected" and stem in update["message"].lower() else f"{labels[step]}: {update['message']}"
            events[index] = (moment, events[index][1], text)
            continue
        events.append((moment, 10, f"Update ({update.get('status', '?')}): {update['message']}"))
    events.sort(key=lambda item: (item[0], item[1]))
    return [(moment, text) for moment, _, text in events]


def new_postmortem(repo: Repository, incident: Document, *, today: dt.date, force: bool = False) -> NewPostmortem:
    """The draft of ``incident``'s postmortem, the edits that link it from the incident, and notes for the user."""
    body = incident.body if isinstance(incident.body, dict) else {}
    incident_id = incident.name or "?"
    path = _draft_path(repo, incident, incident_id, force=force)
    notes: list[str] = []
    if body.get("status") not in ("resolve", "review"):
        notes.append(f"{incident_id} is not resolved yet; resolve it first for a complete timeline and duration")
    figures = incident_figures(repo, incident)
    notes.extend(figures.notes)
    durations = _durations(body.get("timestamps") or {}, notes)
    roles = body.get("roles") or {}
    authors = [roles[k] for k in ("incident_commander", "scribe") if roles.get(k)]
    fields: list[tuple[str, Any, str | None]] = [
        ("incident", incident_id, None),
        ("title", body.get("title") or incident_id, None),
        ("date", (figures.ended.date() if figures.ended else today).isoformat(), None),
        ("severity", body.get("severity") or "SEV4", "final severity, after any escalation"),
    ]
    if figures.duration is not None:
        fields.append(("duration", human_duration(figures.duration), "from impact start to resolution"))
    fields += [
        ("authors", CommentedSeq(authors or [f"{TODO} who writes it"]), None),
        ("reviewers", CommentedSeq(), "add them before moving to in-review"),
        ("status", "draft", "draft | in-review | final"),
        ("summary", f"{TODO} one paragraph: what happened, who was affected, how it ended", None),
        ("impact", commented(_impact_fields(body.get("impact") or {}, figures)),
         "add users_affected and customer_tickets when known"),
        ("timeline", CommentedSeq(commented([("time", stamp(moment), None), ("event", text, None)])
                                  for moment, text in timeline(body)),
         "from the incident record; add what the record does not show"),
        *_analysis_prompts(body.get("root_cause")),
        ("detection", commented(_detection_fields(body, durations)), None),
        ("resolution", commented(_resolution_fields(durations)), None),
        ("what_went_well", CommentedSeq([f"{TODO} what worked and should be kept"]), None),
        ("what_went_wrong", CommentedSeq([f"{TODO} what did not work"]), None),
        ("where_we_got_lucky", CommentedSeq([f"{TODO} what could have made it worse"]), None),
        ("action_items", _action_items(roles.get("incident_commander"), (figures.postmortem_due or today)),
         "owners and deadlines agreed in the review meeting"),
    ]
    header = f"Blameless postmortem of {incident_id}, drafted by `sre-docs postmortem new`. Replace every TODO."
    if figures.postmortem_due:
        header += f"\nDue {figures.postmortem_due.isoformat()} (5 business days after resolution)."
    content = document("postmortem", commented(fields), header=header)
    edits = [Edit("upsert", ("incident",), postmortem_link(incident, path), key="postmortem")]
    if body.get("status") == "resolve":
        edits.append(Edit("set", ("incident", "status"), "review"))
    return NewPostmortem(path, content, edits, notes)


def _draft_path(repo: Repository, incident: Document, incident_id: str, *, force: bool) -> str:
    """Where the draft goes: the postmortem already filed for the incident, else its usual place; never over a
    file that exists unless ``force``."""
    path = postmortem_path_for(incident)
    existing = repo.postmortems_by_incident.get(incident_id)
    if existing is not None and existing.path != path:
        path = existing.path
    if ((repo.root / path).exists() or existing is not None) and not force:
        raise WorkflowError(f"{path} already exists; use --force to overwrite it")
    return path


def _durations(stamps: dict[str, Any], notes: list[str]) -> IncidentDurations:
    """Times to detect, mitigate and resolve; none (and a note) when the timestamps are out of order."""
    try:
        return incident_durations(IncidentTimeline(**{
            key: instant_or_none(stamps.get(key)) for key in ("started", "detected", "acknowledged", "mitigated", "resolved")
        }))
    except ValueError as exc:  # timestamps out of order (INC002 points at them): the draft leaves the times out
        notes.append(f"times to detect, mitigate and resolve left out: {exc}")
        return IncidentDurations(None, None, None, None)


def _impact_fields(impact: dict[str, Any], figures: IncidentFigures) -> list[tuple[str, Any, str | None]]:
    """Duration, revenue, the budget spent (any share, over 100% too) and data loss, from the record."""
    fields: list[tuple[str, Any, str | None]] = []
    if figures.duration is not None:
        fields.append(("duration_minutes", minutes(figures.duration), None))
    if isinstance(impact.get("revenue_impact_usd"), (int, float)):
        fields.append(("revenue_impact_usd", impact["revenue_impact_usd"], None))
    if figures.budget_consumed_pct is not None:
        fields.append(("slo_budget_consumed_pct", round(figures.budget_consumed_pct, 2),
                       f"of the {figures.slo} error budget, {figures.budget_evidence}"))
    fields.append(("data_loss", bool(impact.get("data_loss")), None))
    return fields


def _analysis_prompts(known_cause: Any = None) -> list[tuple[str, Any, str | None]]:
    """Root cause, contributing factors and the five whys: what only people can write.

    The root cause given at ``incident resolve --root-cause`` (the record's ``root_cause``) is the starting
    point when there is one; the review meeting deepens it.
    """
    if isinstance(known_cause, str) and known_cause.strip():
        cause: tuple[str, Any, str | None] = ("root_cause", known_cause.strip(),
                                              "as given at resolution; go below the surface cause in review")
    else:
        cause = ("root_cause", f"{TODO} why it happened, below the surface cause", None)
    return [
        cause,
        ("contributing_factors", CommentedSeq([commented([
            ("category", f"{TODO} {' | '.join(CONTRIBUTING_FACTOR_CATEGORIES)}", None),
            ("description", f"{TODO} what made it worse or slowed the fix (what triggered it, why it spread, why "
                            "it was not caught or fixed sooner)", None),
        ])]), "one entry per factor, each under a fishbone category"),
        ("five_whys", CommentedSeq(
            commented([("why", f"{TODO} Why {question}?", None), ("because", f"{TODO} answer", None)])
            for question in ("did users see the problem", "did that happen", "did that happen", "did that happen",
                             "was that possible")
        ), "each answer is the next question's subject"),
    ]


def _detection_fields(body: dict[str, Any], durations: IncidentDurations) -> list[tuple[str, Any, str | None]]:
    fields: list[tuple[str, Any, str | None]] = []
    if body.get("detection"):
        fields.append(("how_detected", body["detection"], None))
    if durations.time_to_detect is not None:
        fields.append(("time_to_detect_minutes", minutes(durations.time_to_detect), None))
    fields.append(("could_have_detected_sooner", f"{TODO} what would have caught it earlier", None))
    return fields


def _resolution_fields(durations: IncidentDurations) -> list[tuple[str, Any, str | None]]:
    fields: list[tuple[str, Any, str | None]] = [("how_resolved", f"{TODO} what ended it", None)]
    if durations.time_to_mitigate is not None:
        fields.append(("time_to_mitigate_minutes", minutes(durations.time_to_mitigate), None))
    if durations.time_to_resolve is not None:
        fields.append(("time_to_resolve_minutes", minutes(durations.time_to_resolve), None))
    return fields


def _action_items(owner: str | None, due: dt.date) -> CommentedSeq:
    """One prevent, one detect and one mitigate item, owned by the IC until the review, due four weeks after the
    postmortem is."""
    deadline = due + dt.timedelta(days=28)
    items = CommentedSeq()
    for number, (kind, what) in enumerate((
        ("prevent", "a change that keeps this cause from happening again"),
        ("detect", "an alert or check that would have caught it sooner"),
        ("mitigate", "a faster or safer way to stop the impact next time"),
    ), start=1):
        item: list[tuple[str, str, str | None]] = [
            ("id", f"AI-{number:03d}", None), ("type", kind, None), ("description", f"{TODO} {what}", None),
        ]
        if owner:
            item.append(("owner", owner, "confirm in the review meeting"))
        item += [("priority", "P1", None), ("deadline", deadline.isoformat(), None), ("status", "open", None)]
        items.append(commented(item))
    return items
