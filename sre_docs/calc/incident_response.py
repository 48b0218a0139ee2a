"""Stage targets of the incident response workflow, held against what an incident's record shows.

The guide's workflow (Phase 5) gives each stage a time box, and its alert severity guide a response time:

- **acknowledge** (detect stage): the page is acknowledged within its severity's response time, P0 under
  5 minutes, P1 under 30 (P2 and P3 have no minute target). The page's severity is the trigger alert's when
  it is known; otherwise the incident's severity stands for it (:data:`ACK_LEVEL_BY_SEVERITY`). A duration
  equal to the target is on time: records are kept to the minute.
- **first status update** (triage stage, 5-15 min): posted within :data:`FIRST_UPDATE_WITHIN` (15 minutes)
  of detection.
- **check-ins** (respond stage): every 15 minutes for SEV1 and 30 for SEV2 until the impact is mitigated
  (:data:`UPDATE_CADENCE_MINUTES`; the hour for SEV3 and SEV4 is this tool's default, which
  ``incident start`` promises but the guide does not set).
- **verification** (resolve stage): SLIs back to normal for 30 minutes or more, so an incident is resolved
  no sooner than :data:`SLI_VERIFICATION` after its mitigation.

Every function takes plain values; the lint policies INC007-INC009 and ``sre-docs incident resolve`` call them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from types import MappingProxyType

from sre_docs.calc.alerts import AlertSeverity, alert_severity

__all__ = [
    "ACK_LEVEL_BY_SEVERITY",
    "FIRST_UPDATE_WITHIN",
    "SLI_VERIFICATION",
    "UPDATE_CADENCE_MINUTES",
    "AckTarget",
    "UpdateGap",
    "acknowledge_target",
    "earliest_resolution",
    "late_acknowledgement",
    "update_gaps",
    "verification_shortfall",
]

#: How long SLIs must have been back to normal before an incident is resolved (guide: "30+ minutes").
SLI_VERIFICATION = timedelta(minutes=30)

#: The first status update is due by the end of triage, 15 minutes after detection.
FIRST_UPDATE_WITHIN = timedelta(minutes=15)

#: Minutes between status updates until mitigation. SEV1 15 and SEV2 30 are the guide's; SEV3 and SEV4 get
#: this tool's hour.
UPDATE_CADENCE_MINUTES: Mapping[str, int] = MappingProxyType({"SEV1": 15, "SEV2": 30, "SEV3": 60, "SEV4": 60})

#: The alert severity whose response time applies when no trigger alert says how urgent the page was. SEV1 and
#: SEV2 are the guide's P0 cases (critical burn, data loss, revenue); SEV3 a P1 (degraded service); SEV4 a P2.
ACK_LEVEL_BY_SEVERITY: Mapping[str, str] = MappingProxyType({"SEV1": "P0", "SEV2": "P0", "SEV3": "P1", "SEV4": "P2"})


def verification_shortfall(mitigated: datetime | None, resolved: datetime | None, *,
                           period: timedelta = SLI_VERIFICATION) -> timedelta | None:
    """How much of the verification period was skipped: ``period - (resolved - mitigated)`` when positive.

    ``None`` when either moment is unknown, or when the resolution came ``period`` or more after mitigation
    (a resolution before the mitigation is an ordering problem, INC002's, and is reported as the whole period
    plus the reversal). Example: mitigated 14:48, resolved 14:50 -> 30 - 2 = 28 minutes short; resolved 15:18
    -> None.
    """
    if mitigated is None or resolved is None:
        return None
    waited = resolved - mitigated
    return period - waited if waited < period else None


def earliest_resolution(mitigated: datetime, *, period: timedelta = SLI_VERIFICATION) -> datetime:
    """The first moment an incident mitigated at ``mitigated`` may be resolved.

    Example: mitigated 14:48 -> 15:18.
    """
    return mitigated + period


@dataclass(frozen=True)
class AckTarget:
    """The response time a page had, the severity level it comes from, and why that level applies."""

    level: AlertSeverity
    basis: str  # "alert" (the trigger alert's severity) or "severity" (the incident's, by the table)

    @property
    def within(self) -> timedelta | None:
        return self.level.respond_within


def acknowledge_target(*, alert_severity_name: str | None, incident_severity: str | None,
                       by_severity: Mapping[str, str] = ACK_LEVEL_BY_SEVERITY) -> AckTarget | None:
    """The response time to hold an acknowledgement to.

    The trigger alert's severity (``P0``-``P3`` or ``page``/``ticket``) when known, else the incident severity's
    level from ``by_severity``; ``None`` when neither is known. Examples: alert ``page`` -> P0, 5 minutes;
    no alert, SEV3 -> P1, 30 minutes; no alert, SEV4 -> P2, no minute target (``within`` is None).
    """
    if alert_severity_name:
        try:
            return AckTarget(alert_severity(alert_severity_name), "alert")
        except ValueError:
            pass
    level = by_severity.get(incident_severity or "")
    return AckTarget(alert_severity(level), "severity") if level else None


def late_acknowledgement(detected: datetime | None, acknowledged: datetime | None,
                         within: timedelta | None) -> timedelta | None:
    """The time to acknowledge when it exceeded ``within``; ``None`` when on time or not measurable.

    Example: detected 06:19, acknowledged 06:31, within 5 minutes -> 12 minutes (late); acknowledged 06:24 ->
    5 minutes is on time -> None.
    """
    if detected is None or acknowledged is None or within is None:
        return None
    taken = acknowledged - detected
    return taken if taken > within else None


@dataclass(frozen=True)
class UpdateGap:
    """A stretch without a status update that was longer than allowed.

    ``kind`` is ``"first"`` (detection to the first update), ``"between"`` (one update to the next) or
    ``"until_mitigated"`` (the last update to the mitigation, or detection to mitigation with no update).
    ``index`` is the position (in time order) of the update that ended the gap, None when mitigation ended it.
    """

    kind: str
    start: datetime
    end: datetime
    allowed: timedelta
    index: int | None

    @property
    def length(self) -> timedelta:
        return self.end - self.start


def update_gaps(*, detected: datetime | None, updates: Iterable[datetime], mitigated: datetime | None,
                every: timedelta, first_within: timedelta = FIRST_UPDATE_WITHIN) -> tuple[UpdateGap, ...]:
    """Gaps in the status updates while users were hurt, from detection to mitigation.

    Rules: the first update is due ``first_within`` after ``detected``; then one every ``every`` until
    ``mitigated``. Only updates up to the mitigation count (later ones are after the cadence ends). With no
    mitigation recorded (open, or resolved without one) the stretch after the last update is not judged: the
    record does not say when the check-ins could stop. Without ``detected`` nothing is judged. Updates are
    taken in time order; ``index`` counts in that order.

    Example: SEV1 (every 15 min), detected 17:57, updates 18:02, 18:15, mitigated 18:39 -> one gap,
    18:15 to 18:39 = 24 minutes > 15 (``until_mitigated``). Detected 18:08, first update 18:30 -> 22 minutes >
    15: a ``first`` gap.
    """
    if detected is None:
        return ()
    times = sorted(updates)
    if mitigated is not None:
        times = [moment for moment in times if moment <= mitigated]
    gaps: list[UpdateGap] = []
    previous = detected
    for index, moment in enumerate(times):
        allowed = first_within if index == 0 else every
        if moment - previous > allowed:
            gaps.append(UpdateGap("first" if index == 0 else "between", previous, moment, allowed, index))
        previous = max(previous, moment)
    if mitigated is not None:
        allowed = first_within if not times else every
        if mitigated - previous > allowed:
            gaps.append(UpdateGap("until_mitigated", previous, mitigated, allowed, None))
    return tuple(gaps)
