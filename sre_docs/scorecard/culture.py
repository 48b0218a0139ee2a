"""The culture indicators of a repository (or of one service): the model read into ``calc.culture``.

One computation for every surface: the organisation's culture page in the handbook, the culture criteria
of the scorecards and ``sre-docs scorecard --json``. Incidents count when they started in the last
``within_days`` (365) days up to ``today``; which incidents need a postmortem, and by when, is PM001's rule
(its due date, its way of finding the postmortem), so a postmortem the policy calls missing is "skipped" here.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from sre_docs.calc import culture
from sre_docs.calc.timing import POSTMORTEM_BUSINESS_DAYS
from sre_docs.model.repository import Document, Repository
from sre_docs.policies.pm001 import DEFAULT_SEVERITIES, postmortem_due_date, postmortem_of
from sre_docs.scorecard.facts import event_date

__all__ = ["CultureView", "PostmortemRow", "RotationFairness", "culture_view", "incident_people", "WINDOW_DAYS"]

#: Incidents of the last year count, as for the scorecards' incident criteria.
WINDOW_DAYS = 365
_ROLES = ("incident_commander", "communications_lead", "operations_lead", "scribe")


@dataclass(frozen=True)
class PostmortemRow:
    """A serious incident, when its postmortem was due, when it was written and what that makes it."""

    incident: Document
    due: dt.date
    written: dt.date | None
    outcome: culture.PostmortemOutcome


@dataclass(frozen=True)
class RotationFairness:
    """How pages (latest ``health`` month) and shifts (the ``to`` of every handoff) spread over a rotation."""

    rotation: Document
    name: str
    members: tuple[str, ...]
    period: str | None
    pages: culture.LoadSpread | None
    shifts: culture.LoadSpread

    @property
    def fair_pages(self) -> bool:
        return culture.fair_load(self.pages.busiest_ratio if self.pages else None)

    @property
    def fair_shifts(self) -> bool:
        """Judged once the handoffs cover a full turn of the rotation (as many shifts as members)."""
        return not self.shifts.full_turn or culture.fair_load(self.shifts.busiest_ratio)


@dataclass(frozen=True)
class CultureView:
    today: dt.date
    since: dt.date
    incidents: tuple[Document, ...]
    commanders: culture.Concentration
    responders: culture.Concentration
    postmortems: tuple[PostmortemRow, ...]
    discipline: culture.PostmortemDiscipline
    severities: tuple[str, ...]
    owners: tuple[culture.OwnerLoad, ...]
    rotations: tuple[RotationFairness, ...]

    @property
    def hero_commander(self) -> bool:
        return culture.hero_culture(self.commanders)

    @property
    def hero_responder(self) -> bool:
        return culture.hero_culture(self.responders)

    @property
    def overdue_items(self) -> int:
        return sum(o.overdue for o in self.owners)

    def warning_signs(self) -> list[str]:
        """The guide's warning signs the repo shows, in plain sentences (empty when none)."""
        signs = []
        for label, value, hero in (("commanded", self.commanders, self.hero_commander),
                                   ("held a role in", self.responders, self.hero_responder)):
            if hero:
                signs.append(f"{' and '.join(value.top)} {label} {value.top_count} of {value.incidents} incidents "
                             f"({value.share_pct:.0f}%, over {culture.HERO_SHARE_PCT:g}%): the same person saves the day")
        share = self.discipline.skipped_or_late_pct
        if share:
            signs.append(f"{self.discipline.skipped + self.discipline.late} of {self.discipline.due} postmortems due were "
                         f"skipped or late ({share:.0f}%)")
        if self.overdue_items:
            signs.append(f"{self.overdue_items} postmortem action item{' is' if self.overdue_items == 1 else 's are'} overdue")
        for rotation in self.rotations:
            if not rotation.fair_pages and rotation.pages is not None:
                signs.append(f"rotation {rotation.name}: the busiest member took {rotation.pages.busiest_ratio:.1f}x the "
                             f"mean pages in {rotation.period} (fair: at most {culture.FAIR_LOAD_RATIO:g}x)")
            if not rotation.fair_shifts:
                signs.append(f"rotation {rotation.name}: the busiest member took {rotation.shifts.busiest_ratio:.1f}x the "
                             f"mean shifts in the recorded handoffs (fair: at most {culture.FAIR_LOAD_RATIO:g}x)")
        return signs

    def to_dict(self) -> dict[str, Any]:
        """The figures for ``--json`` output."""
        def conc(value: culture.Concentration, hero: bool) -> dict[str, Any]:
            share = value.share_pct
            return {"incidents": value.incidents, "people": value.people, "top": list(value.top),
                    "top_count": value.top_count, "share_pct": None if share is None else round(share, 1),
                    "hero_culture": hero}

        def spread(value: culture.LoadSpread | None) -> dict[str, Any] | None:
            if value is None:
                return None
            ratio, top_two = value.busiest_ratio, value.top_two_share_pct
            return {"by_member": dict(value.by_member), "total": value.total,
                    "busiest_ratio": None if ratio is None else round(ratio, 2),
                    "top_two_share_pct": None if top_two is None else round(top_two, 1),
                    "fair": culture.fair_load(ratio)}

        share = self.discipline.skipped_or_late_pct
        return {
            "since": self.since.isoformat(), "incidents": len(self.incidents),
            "thresholds": {"hero_share_pct": culture.HERO_SHARE_PCT, "min_incidents": culture.MIN_INCIDENTS,
                           "fair_load_ratio": culture.FAIR_LOAD_RATIO},
            "incident_commanders": conc(self.commanders, self.hero_commander),
            "responders": conc(self.responders, self.hero_responder),
            "postmortems": {"severities": list(self.severities), "on_time": self.discipline.on_time,
                            "late": self.discipline.late, "skipped": self.discipline.skipped,
                            "pending": self.discipline.pending,
                            "skipped_or_late_pct": None if share is None else round(share, 1)},
            "action_items_by_owner": [{"owner": o.owner, "open": o.open, "overdue": o.overdue} for o in self.owners],
            "rotations": [{"name": r.name, "period": r.period, "pages": spread(r.pages), "shifts": spread(r.shifts)}
                          for r in self.rotations],
            "warning_signs": self.warning_signs(),
        }


def _text(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def incident_people(incident: Document) -> tuple[str | None, set[str]]:
    """The incident's commander, and everyone who held a command role or was pulled in as an expert."""
    roles = incident.get("roles", default={})
    roles = roles if isinstance(roles, dict) else {}
    people = {name for name in (_text(roles.get(role)) for role in _ROLES) if name}
    experts = roles.get("subject_matter_experts")
    if isinstance(experts, list):
        people.update(name for name in (_text(e) for e in experts) if name)
    return _text(roles.get("incident_commander")), people


def _rotation_fairness(doc: Document) -> RotationFairness:
    members = tuple(m for m in doc.get("members", default=[]) if isinstance(m, str))
    rows = [r for r in doc.get("health", default=[]) if isinstance(r, dict) and isinstance(r.get("period"), str)]
    latest = max(rows, key=lambda r: r["period"]) if rows else None
    pages = None
    by_member = latest.get("pages_by_member") if latest else None
    if isinstance(by_member, dict):
        counts = {k: v for k, v in by_member.items() if isinstance(k, str) and isinstance(v, int)
                  and not isinstance(v, bool) and v >= 0}
        pages = culture.load_spread(counts, members)
    taken = Counter(h["to"] for h in doc.get("handoffs", default=[]) if isinstance(h, dict) and isinstance(h.get("to"), str))
    return RotationFairness(rotation=doc, name=str(doc.get("name", default=doc.path)), members=members,
                            period=latest["period"] if latest else None, pages=pages,
                            shifts=culture.load_spread(dict(taken), members))


def culture_view(repo: Repository, today: dt.date, *, service: str | None = None, within_days: int = WINDOW_DAYS,
                 severities: Collection[str] = DEFAULT_SEVERITIES,
                 business_days: int = POSTMORTEM_BUSINESS_DAYS) -> CultureView:
    """The culture indicators of the whole repo, or of one ``service`` (its incidents, postmortems and rotation)."""
    since = today - dt.timedelta(days=within_days)
    pool: Iterable[Document] = repo.incidents_of(service) if service is not None else repo.incidents.values()
    incidents = []
    for doc in pool:
        started = event_date(doc.get("timestamps", "started"))
        if started is not None and since <= started <= today:
            incidents.append(doc)
    incidents.sort(key=lambda d: (str(d.get("timestamps", "started")), str(d.get("id"))))
    people = [incident_people(doc) for doc in incidents]
    rows = []
    for doc in incidents:
        due = postmortem_due_date(doc, severities=severities, business_days=business_days)
        if due is None:
            continue
        written_doc = postmortem_of(repo, doc)
        written = event_date(written_doc.get("date")) if written_doc is not None else None
        if written_doc is not None and written is None:
            written = due  # a postmortem without a readable date is PM001's business, not a late one
        rows.append(PostmortemRow(doc, due, written, culture.postmortem_outcome(due=due, written=written, today=today)))
    services = [repo.services[service]] if service in repo.services else [] if service is not None else list(repo.services.values())
    items = [
        (_text(item.get("owner")), item.get("status"), event_date(item.get("deadline")))
        for svc in services for pm in svc.postmortems
        for item in pm.get("action_items", default=[]) if isinstance(item, dict)
    ]
    if service is None:
        rotations = [repo.rotations[name] for name in sorted(repo.rotations)]
    else:
        catalog = repo.services[service].catalog if service in repo.services else None
        chosen = catalog.get("oncall_rotation") if catalog else None
        rotations = [repo.rotations[chosen]] if isinstance(chosen, str) and chosen in repo.rotations else []
    return CultureView(
        today=today, since=since, incidents=tuple(incidents),
        commanders=culture.concentration([{ic} if ic else set() for ic, _ in people]),
        responders=culture.concentration([everyone for _, everyone in people]),
        postmortems=tuple(rows), discipline=culture.postmortem_discipline(r.outcome for r in rows),
        severities=tuple(severities), owners=culture.overdue_by_owner(items, today=today),
        rotations=tuple(_rotation_fairness(doc) for doc in rotations),
    )
