"""Incident timing: how long detection, acknowledgement, mitigation and resolution took, and what is due when.

Reference points (one convention for the whole repo):

- time to detect      = detected - started
- time to acknowledge = acknowledged - detected (how long the page waited for a human)
- time to mitigate    = mitigated - started (how long users were hurt at full strength)
- time to resolve     = resolved - started

A missing timestamp makes the durations that need it ``None``. Timestamps should be timezone-aware; naive and
aware ones cannot be mixed (``ValueError``). A timestamp earlier than the one it is measured from is reported by
:func:`timeline_problems` and makes the duration raise ``ValueError``.

Postmortems are due five business days after resolution. Business days are Monday to Friday; public holidays
are not modelled (they differ per country and year), so a due date may fall on one.
"""

from __future__ import annotations

from itertools import pairwise
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

__all__ = [
    "POSTMORTEM_BUSINESS_DAYS",
    "REPEAT_TITLE_SIMILARITY",
    "REPEAT_WINDOW_DAYS",
    "IncidentDurations",
    "IncidentRecord",
    "IncidentTimeline",
    "RepeatIncident",
    "add_business_days",
    "business_days_between",
    "find_repeat_incidents",
    "incident_durations",
    "mean_duration",
    "mean_time_to_acknowledge",
    "mean_time_to_detect",
    "mean_time_to_mitigate",
    "mean_time_to_resolve",
    "postmortem_due",
    "timeline_problems",
    "title_similarity",
]

#: Business days allowed between resolution and the postmortem.
POSTMORTEM_BUSINESS_DAYS = 5


@dataclass(frozen=True)
class IncidentTimeline:
    """The moments of an incident; any may be unknown (``None``)."""

    started: datetime | None = None
    detected: datetime | None = None
    acknowledged: datetime | None = None
    mitigated: datetime | None = None
    resolved: datetime | None = None


@dataclass(frozen=True)
class IncidentDurations:
    """Durations derived from a timeline; ``None`` where a needed timestamp is missing."""

    time_to_detect: timedelta | None
    time_to_acknowledge: timedelta | None
    time_to_mitigate: timedelta | None
    time_to_resolve: timedelta | None


# (duration name, later field, earlier field)
_SPANS: tuple[tuple[str, str, str], ...] = (
    ("time_to_detect", "detected", "started"),
    ("time_to_acknowledge", "acknowledged", "detected"),
    ("time_to_mitigate", "mitigated", "started"),
    ("time_to_resolve", "resolved", "started"),
)
# Order the moments must respect when present.
_ORDER: tuple[str, ...] = ("started", "detected", "acknowledged", "mitigated", "resolved")


def _difference(later: datetime, earlier: datetime, what: str) -> timedelta:
    try:
        return later - earlier
    except TypeError:
        raise ValueError(f"{what}: cannot mix timezone-aware and naive timestamps") from None


def timeline_problems(timeline: IncidentTimeline) -> tuple[str, ...]:
    """Ordering problems in a timeline, as sentences; empty when the present moments are in order.

    The order is started <= detected <= acknowledged <= mitigated <= resolved (missing moments are skipped).
    Example: detected before started -> ``("detected (..) is before started (..)",)``.
    """
    present = [(name, getattr(timeline, name)) for name in _ORDER if getattr(timeline, name) is not None]
    problems = []
    for (earlier_name, earlier), (later_name, later) in pairwise(present):
        if _difference(later, earlier, later_name) < timedelta(0):
            problems.append(f"{later_name} ({later.isoformat()}) is before {earlier_name} ({earlier.isoformat()})")
    return tuple(problems)


def incident_durations(timeline: IncidentTimeline) -> IncidentDurations:
    """Durations of one incident (see the module docstring for the reference points).

    Example: started 10:00, detected 10:04, acknowledged 10:06, mitigated 10:30, resolved 12:00 ->
    detect 4 min, acknowledge 2 min, mitigate 30 min, resolve 2 h.
    """
    values: dict[str, timedelta | None] = {}
    for name, later_field, earlier_field in _SPANS:
        later, earlier = getattr(timeline, later_field), getattr(timeline, earlier_field)
        if later is None or earlier is None:
            values[name] = None
            continue
        span = _difference(later, earlier, name)
        if span < timedelta(0):
            raise ValueError(
                f"{name}: {later_field} ({later.isoformat()}) is before {earlier_field} ({earlier.isoformat()})"
            )
        values[name] = span
    return IncidentDurations(**values)


def mean_duration(durations: Iterable[timedelta | None]) -> timedelta | None:
    """Mean of the known durations, ``None`` values skipped; ``None`` when none is known.

    Example: 10 min, unknown, 20 min -> 15 min.
    """
    known = [duration for duration in durations if duration is not None]
    if not known:
        return None
    return sum(known, timedelta(0)) / len(known)


def mean_time_to_detect(timelines: Iterable[IncidentTimeline]) -> timedelta | None:
    """MTTD: mean of ``detected - started`` over the incidents that have both.

    Example: detected after 4 and 10 minutes -> 7 minutes.
    """
    return mean_duration(incident_durations(item).time_to_detect for item in timelines)


def mean_time_to_acknowledge(timelines: Iterable[IncidentTimeline]) -> timedelta | None:
    """Mean of ``acknowledged - detected`` over the incidents that have both.

    Example: acknowledged 2 and 20 minutes after detection -> 11 minutes.
    """
    return mean_duration(incident_durations(item).time_to_acknowledge for item in timelines)


def mean_time_to_mitigate(timelines: Iterable[IncidentTimeline]) -> timedelta | None:
    """Mean of ``mitigated - started`` over the incidents that have both.

    Example: mitigated after 30 and 60 minutes -> 45 minutes.
    """
    return mean_duration(incident_durations(item).time_to_mitigate for item in timelines)


def mean_time_to_resolve(timelines: Iterable[IncidentTimeline]) -> timedelta | None:
    """MTTR: mean of ``resolved - started`` over the incidents that have both.

    Example: resolved after 2 and 4 hours, a third incident still open -> 3 hours.
    """
    return mean_duration(incident_durations(item).time_to_resolve for item in timelines)


def _as_date(moment: date | datetime) -> date:
    # A datetime's own calendar date, in its own timezone: no conversion to UTC.
    return moment.date() if isinstance(moment, datetime) else moment


def add_business_days(start: date | datetime, days: int) -> date:
    """The date ``days`` weekdays after ``start`` (Saturday and Sunday skipped; ``start`` itself not counted).

    Example: Friday 2026-02-20 + 5 -> Friday 2026-02-27; Saturday 2026-02-21 + 1 -> Monday 2026-02-23.
    """
    if days < 0:
        raise ValueError(f"days must not be negative, got {days}")
    current = _as_date(start)
    remaining = days
    while remaining:
        current += timedelta(days=1)
        if current.weekday() < 5:
            remaining -= 1
    return current


def business_days_between(start: date | datetime, end: date | datetime) -> int:
    """Weekdays in ``(start, end]``: the first day not counted, the last one counted; negative when reversed.

    ``business_days_between(d, add_business_days(d, n)) == n`` for any date ``d``. Example: Friday to the next
    Monday -> 1; Monday to the next Monday -> 5.
    """
    first, last = _as_date(start), _as_date(end)
    if last < first:
        return -business_days_between(last, first)
    whole_weeks, extra = divmod((last - first).days, 7)
    count = whole_weeks * 5
    for offset in range(1, extra + 1):
        if (first + timedelta(days=offset)).weekday() < 5:
            count += 1
    return count


def postmortem_due(resolved_at: date | datetime, *, business_days: int = POSTMORTEM_BUSINESS_DAYS) -> date:
    """Last day for the postmortem: five business days after the resolution date (holidays not modelled).

    Example: resolved Wednesday 2026-02-18 -> due Wednesday 2026-02-25; resolved Saturday 2026-02-21 -> due
    Friday 2026-02-27.
    """
    return add_business_days(resolved_at, business_days)


# --- repeat incidents ----------------------------------------------------------------------------------------

#: Default look-back for repeats, in days.
REPEAT_WINDOW_DAYS = 30
#: Default minimum title similarity (see :func:`title_similarity`) for two titles to name the same problem.
REPEAT_TITLE_SIMILARITY = 0.6

_WORD = re.compile(r"[a-z0-9]+")


def _title_words(title: str) -> frozenset[str]:
    # Lower-case words of two characters or more, numbers dropped (dates, counts and ids differ between repeats).
    return frozenset(word for word in _WORD.findall(title.lower()) if len(word) > 1 and not word.isdigit())


def title_similarity(first: str, second: str) -> float:
    """Jaccard similarity of two titles' word sets, 0..1.

    Words are lower-cased runs of letters and digits; one-character words and pure numbers are ignored.
    Example: "Checkout API 500s after deploy" vs "checkout api 500s after config push" -> 4 shared words of 7
    -> 0.571.
    """
    words_a, words_b = _title_words(first), _title_words(second)
    if not words_a and not words_b:
        return 0.0
    return len(words_a & words_b) / len(words_a | words_b)


@dataclass(frozen=True)
class IncidentRecord:
    """What repeat detection needs to know about an incident."""

    id: str
    service: str
    started: datetime
    title: str = ""
    trigger: str | None = None  # the alert or change that set it off, when known


@dataclass(frozen=True)
class RepeatIncident:
    """``incident_id`` repeats ``repeat_of`` (an earlier incident), for ``reason``."""

    incident_id: str
    repeat_of: str
    reason: str


def find_repeat_incidents(
    incidents: Sequence[IncidentRecord],
    *,
    within_days: float = REPEAT_WINDOW_DAYS,
    min_title_similarity: float = REPEAT_TITLE_SIMILARITY,
) -> tuple[RepeatIncident, ...]:
    """Incidents that repeat an earlier one.

    Rule: incident B repeats an earlier incident A when both are on the same service, B started after A and at
    most ``within_days`` later, and either both name the same trigger (compared case-insensitively) or their
    titles are at least ``min_title_similarity`` alike. B is linked to the most recent such A, so a chain of
    three occurrences gives two repeats. Results are in order of B's start.

    Example: "Checkout latency spike" on the 1st and "Checkout latency spike again" on the 20th, same service,
    no triggers -> titles 0.75 alike -> the second repeats the first.
    """
    ordered = sorted(incidents, key=lambda item: item.started)
    limit = timedelta(days=within_days)
    repeats = []
    for index, later in enumerate(ordered):
        for earlier in reversed(ordered[:index]):
            if earlier.service != later.service or not timedelta(0) < later.started - earlier.started <= limit:
                continue
            reason = _repeat_reason(earlier, later, min_title_similarity)
            if reason:
                repeats.append(RepeatIncident(incident_id=later.id, repeat_of=earlier.id, reason=reason))
                break
    return tuple(repeats)


def _repeat_reason(earlier: IncidentRecord, later: IncidentRecord, min_similarity: float) -> str | None:
    if earlier.trigger and later.trigger and earlier.trigger.casefold() == later.trigger.casefold():
        return f"same trigger {later.trigger!r}"
    similarity = title_similarity(earlier.title, later.title)
    if similarity >= min_similarity:
        return f"similar title ({similarity:.2f})"
    return None
