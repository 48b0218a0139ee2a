"""Reliability culture indicators: the guide's warning signs, as figures a repo can show.

The guide (Phase 12, *Reliability Culture Indicators*) lists warning signs; four of them leave traces in a
reliability repo:

- **hero culture** ("the same person always saves the day"): how concentrated incident command, and
  incident roles in general, are on one person -- :func:`concentration`, :func:`hero_culture`;
- **postmortems skipped**: the share of serious incidents whose postmortem is missing past its due date or
  was written after it -- :func:`postmortem_outcome`, :func:`postmortem_discipline`;
- **actions that never happen**: open and overdue postmortem action items per owner --
  :func:`action_item_overdue`, :func:`overdue_by_owner`;
- **"same 2 people always paged"**: how pages and shifts spread over a rotation's members --
  :func:`load_spread`, :func:`fair_load`.

The guide gives no number for "always". sre-docs derives one from its rotation rule (Phase 10: at least 5
people, one week on and four off): a person's fair share of a duty spread over 5 people is 20%, and, as for
page load (where the busiest member may carry at most twice the mean), twice the fair share is the limit:

    HERO_SHARE_PCT = 2 x 100 / 5 = 40%

With fewer than 5 incidents one person commanding most of them says little, so the hero sign needs at least
``MIN_INCIDENTS`` (5) incidents naming someone before it is raised.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from sre_docs.calc.oncall import MIN_ROTATION_SIZE, page_load_imbalance

__all__ = [
    "FAIR_LOAD_RATIO",
    "HERO_SHARE_PCT",
    "MIN_INCIDENTS",
    "Concentration",
    "LoadSpread",
    "OwnerLoad",
    "PostmortemDiscipline",
    "PostmortemOutcome",
    "action_item_overdue",
    "concentration",
    "fair_load",
    "hero_culture",
    "load_spread",
    "overdue_by_owner",
    "postmortem_discipline",
    "postmortem_outcome",
]

#: The busiest member may carry at most this many times the mean load (pages or shifts) of a rotation.
FAIR_LOAD_RATIO = 2.0
#: Largest share of incidents one person may hold a role in before it reads as hero culture:
#: twice the fair share of a rotation of the guide's minimum size (2 x 100 / 5).
HERO_SHARE_PCT = FAIR_LOAD_RATIO * 100 / MIN_ROTATION_SIZE
#: Fewest incidents naming someone before the hero sign is judged at all.
MIN_INCIDENTS = MIN_ROTATION_SIZE


# --- hero culture ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Concentration:
    """How one duty (commanding incidents, or any incident role) spreads over people.

    ``incidents`` counts the incidents that name at least one person; ``top`` is everyone tied for the most
    incidents (sorted), each with ``top_count`` of them.
    """

    incidents: int
    people: int
    top: tuple[str, ...]
    top_count: int

    @property
    def share_pct(self) -> float | None:
        """The top person's share of the incidents, in percent; ``None`` with no incident to count."""
        return 100 * self.top_count / self.incidents if self.incidents else None


def concentration(people_per_incident: Iterable[Collection[str]]) -> Concentration:
    """Who appears in the most incidents, and in how many: one collection of names per incident.

    A name counts once per incident even when it holds two roles in it; empty names and incidents naming
    nobody are left out (they have no one to count).
    Example: [{"ana"}, {"ana", "bo"}, {"bo"}, {"ana"}, set()] -> 4 incidents, 2 people, top ana with 3 (75%).
    """
    counts: Counter[str] = Counter()
    incidents = 0
    for people in people_per_incident:
        names = {name for name in people if name}
        if not names:
            continue
        incidents += 1
        counts.update(names)
    if not counts:
        return Concentration(incidents=0, people=0, top=(), top_count=0)
    most = max(counts.values())
    return Concentration(incidents=incidents, people=len(counts),
                         top=tuple(sorted(name for name, n in counts.items() if n == most)), top_count=most)


def hero_culture(value: Concentration, *, max_share_pct: float = HERO_SHARE_PCT, min_incidents: int = MIN_INCIDENTS) -> bool:
    """The warning sign: one person is in more than ``max_share_pct`` of at least ``min_incidents`` incidents.

    Exactly the limit is not a sign. Example: 2 of 5 incidents (40%) -> False; 3 of 5 (60%) -> True;
    4 of 4 (100%) -> False (too few incidents to judge).
    """
    share = value.share_pct
    return share is not None and value.incidents >= min_incidents and share > max_share_pct


# --- postmortems ----------------------------------------------------------------------------------------------


class PostmortemOutcome(StrEnum):
    """What became of the postmortem a serious incident needs."""

    ON_TIME = "on time"
    LATE = "late"
    SKIPPED = "skipped"
    PENDING = "not yet due"


def postmortem_outcome(*, due: dt.date, written: dt.date | None, today: dt.date) -> PostmortemOutcome:
    """On time (written by the due day), late (written after it), skipped (missing past it) or not yet due.

    A missing postmortem is skipped only once ``today`` is after the due day, as PM001 reports it.
    Example: due 2026-11-09, written 2026-11-12 -> late; due 2026-11-09, none, today 2026-11-09 -> not yet due;
    today 2026-11-10 -> skipped.
    """
    if written is None:
        return PostmortemOutcome.SKIPPED if today > due else PostmortemOutcome.PENDING
    return PostmortemOutcome.LATE if written > due else PostmortemOutcome.ON_TIME


@dataclass(frozen=True)
class PostmortemDiscipline:
    """Counts of each outcome over the serious incidents of a period."""

    on_time: int
    late: int
    skipped: int
    pending: int

    @property
    def due(self) -> int:
        """Incidents whose postmortem was due by now (pending ones are not)."""
        return self.on_time + self.late + self.skipped

    @property
    def skipped_or_late_pct(self) -> float | None:
        """Share of the due postmortems that were skipped or late, in percent; ``None`` when none was due."""
        return 100 * (self.skipped + self.late) / self.due if self.due else None


def postmortem_discipline(outcomes: Iterable[PostmortemOutcome]) -> PostmortemDiscipline:
    """Tally of :func:`postmortem_outcome` results.

    Example: on time, late, skipped, on time, not yet due -> 4 due (2 on time, 1 late, 1 skipped; the pending
    one is not due), 2 of 4 skipped or late = 50%.
    """
    counts = Counter(outcomes)
    return PostmortemDiscipline(on_time=counts[PostmortemOutcome.ON_TIME], late=counts[PostmortemOutcome.LATE],
                                skipped=counts[PostmortemOutcome.SKIPPED], pending=counts[PostmortemOutcome.PENDING])


# --- action items ---------------------------------------------------------------------------------------------


def action_item_overdue(*, status: object, deadline: dt.date | None, today: dt.date) -> bool:
    """An action item is overdue when it is not done and its deadline is before ``today`` (PM003's rule).

    Example: open, due 2026-11-25, today 2026-11-26 -> True; due today -> False; done -> False.
    """
    return status != "done" and deadline is not None and deadline < today


@dataclass(frozen=True)
class OwnerLoad:
    """One owner's postmortem action items: not done, and overdue among them. ``owner`` None: nobody named."""

    owner: str | None
    open: int
    overdue: int


def overdue_by_owner(items: Iterable[tuple[str | None, object, dt.date | None]], *, today: dt.date) -> tuple[OwnerLoad, ...]:
    """Open and overdue action items per owner, from ``(owner, status, deadline)`` triples.

    Done items are left out. Most overdue first, then most open, then by name (nobody named last).
    Example: (ana, open, 2026-11-01), (ana, done, 2026-10-01), (bo, open, 2026-12-01), (None, open, 2026-11-02),
    today 2026-11-26 -> ana 1 open 1 overdue; unowned 1 open 1 overdue; bo 1 open 0 overdue.
    """
    open_items: Counter[str | None] = Counter()
    late: Counter[str | None] = Counter()
    for owner, status, deadline in items:
        if status == "done":
            continue
        key = owner or None
        open_items[key] += 1
        late[key] += action_item_overdue(status=status, deadline=deadline, today=today)
    loads = [OwnerLoad(owner=owner, open=n, overdue=late[owner]) for owner, n in open_items.items()]
    return tuple(sorted(loads, key=lambda o: (-o.overdue, -o.open, o.owner is None, o.owner or "")))


# --- on-call fairness -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LoadSpread:
    """How a load (pages, or shifts taken) falls on a rotation's members, busiest first."""

    by_member: tuple[tuple[str, int], ...]
    total: int
    #: Busiest member's load over the mean per member (``calc.oncall.page_load_imbalance``); None with no load.
    busiest_ratio: float | None

    @property
    def top_two_share_pct(self) -> float | None:
        """Share of the load on the two busiest members ("the same 2 people always paged"), in percent."""
        return 100 * sum(n for _, n in self.by_member[:2]) / self.total if self.total else None

    @property
    def full_turn(self) -> bool:
        """At least one unit of load per member: a rotation that has not gone round once cannot be judged fair or not."""
        return self.total >= len(self.by_member) > 0


def load_spread(load_by_member: Mapping[str, int], members: Sequence[str] = ()) -> LoadSpread:
    """The load per member, counting ``members`` who carried none as 0.

    Example: {"ana": 6, "bo": 2, "cy": 1}, members ana, bo, cy, di -> total 10, mean 2.5, busiest ratio
    6 / 2.5 = 2.4, top two 8 of 10 = 80%.
    """
    load = {name: 0 for name in members}
    load.update(load_by_member)
    ordered = tuple(sorted(load.items(), key=lambda kv: (-kv[1], kv[0])))
    return LoadSpread(by_member=ordered, total=sum(load.values()), busiest_ratio=page_load_imbalance(load))


def fair_load(busiest_ratio: float | None, *, max_ratio: float = FAIR_LOAD_RATIO) -> bool:
    """Load is fair while the busiest member carries at most ``max_ratio`` times the mean (no load is fair).

    The rule of the scorecards' balanced-load criterion and of the culture page. Example: 2.0 -> True;
    2.4 -> False; None -> True.
    """
    return busiest_ratio is None or busiest_ratio <= max_ratio
