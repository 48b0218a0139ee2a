"""Error budgets of the repository's SLOs: the one path from the model to ``calc.evidence``.

The CLI (``sre-docs budget``, ``chaos plan``, reports), the policies (BUD001, CHS002), the
handbook and the scorecards all ask this module, so they always agree. It reads the
documents into calc inputs, asks :func:`sre_docs.calc.budget_evidence.budget_status`, and keeps
the answer per repository and instant (a lint run, a site build and a scorecard compute
each SLO's budget once). The rules it applies:

- **When.** A day is evaluated at its start, 00:00 UTC (:func:`evaluation_instant`): the
  end of the last complete day. Daily measurements "up to yesterday" then fill the 1-, 3-
  and 7-day lookbacks; an instant inside the day would leave a day out of each of them
  (see the calc module's notes). An explicit instant (``--as-of 2026-11-26T14:05:00Z``)
  is used as given.
- **Measurements.** Rows ``[start, good, total]`` of the ``measurements`` documents that
  name the SLO, at the finest ``resolution`` they declare. A row that is not a date or
  timestamp with two whole counts, ``0 <= good <= total``, is skipped and reported.
- **Incidents.** The service's incidents (filed in its folder or naming it) that name
  the SLO under ``impact.slo``, or that name no SLO when the service has only one. An
  incident spends from ``started`` to ``mitigated`` (else ``resolved``); a closed one
  (status ``resolve`` or ``review``) with neither counts as instantaneous, an open one runs
  up to the evaluation instant. Its cost is ``impact.budget_consumed_pct`` when written,
  else its postmortem's ``impact.slo_budget_consumed_pct``, else its minutes times the
  share of users it hurt (:func:`sre_docs.calc.budget_evidence.incident_users_share`: ``users_pct``,
  else the upper bound of the ``users`` column). Records without a usable start are
  listed as not counted.
- **Merging.** Measurements count for the days they cover, incidents for the days they
  do not (after the last measurement, before the first, in gaps); each figure names its
  source (see :mod:`sre_docs.calc.budget_evidence`).
- **Policy.** The service's error budget policy (its own, one in ``org/`` naming it, the
  organisation default), else the guide's; one that cannot be read falls back to the
  guide's with a note. Inside the freeze band the state depends on whether the budget
  ran out recently, so the state history of one window decides it there: the state
  before this one is kept as ``previous_state`` and passed to the calc, and the deploy
  gate (``sre-docs budget --gate``) reads the resulting state.
- **At risk.** A budget whose projected exhaustion at the current burn falls inside the
  next window is *at risk*, whatever its state; every surface words it with
  :meth:`SloBudget.at_risk_note` and shows the burn rates with :meth:`SloBudget.burn_rate_pairs`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any
from weakref import WeakKeyDictionary

from sre_docs.calc import error_budget as budget_calc
from sre_docs.calc.budget_policy import DEFAULT_BUDGET_POLICY, BudgetPolicy, BudgetState, budget_policy_from_mapping
from sre_docs.calc.durations import DAY, format_duration
from sre_docs.calc.budget_evidence import (
    BudgetStatus,
    BurnDownSeries,
    Figure,
    IncidentImpact,
    Measurement,
    budget_exhaustion_onsets,
    budget_spent_between,
    budget_state_history,
    budget_status,
    burn_down_series,
    incident_users_share,
)
from sre_docs.model.repository import Document, Repository, Service
from sre_docs.schemas.types import parse_duration, parse_moment

UTC = dt.timezone.utc

#: Incident statuses after the impact has ended.
CLOSED_STATUSES = ("resolve", "review")


def evaluation_instant(day: dt.date) -> dt.datetime:
    """The instant "as of ``day``" means for a budget: 00:00 UTC, the end of the last complete day."""
    return dt.datetime.combine(day, dt.time(), tzinfo=UTC)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if math.isfinite(value) else None


# --- calc inputs from the documents -------------------------------------------------------------------


@dataclass(frozen=True)
class MeasuredRows:
    """An SLO's measurement rows, their finest resolution and what could not be used."""

    rows: tuple[Measurement, ...]
    resolution: dt.timedelta | None
    problems: tuple[str, ...] = ()

    @property
    def latest(self) -> dt.datetime | None:
        return max((row.start for row in self.rows), default=None)


def measurements_of(service: Service, slo_name: str) -> MeasuredRows:
    """The measurement rows recorded for one SLO of ``service``."""
    rows: list[Measurement] = []
    resolution: dt.timedelta | None = None
    problems: list[str] = []
    for doc in service.measurements:
        if doc.get("slo") != slo_name:
            continue
        declared = doc.get("resolution")
        step = parse_duration(declared) if isinstance(declared, str) else None
        if step is not None:
            resolution = step if resolution is None else min(resolution, step)
        skipped = 0
        for point in doc.get("points", default=[]):
            row = _row(point)
            if row is None:
                skipped += 1
            else:
                rows.append(row)
        if skipped:
            problems.append(f"{doc.path}: {skipped} measurement row(s) could not be used")
    return MeasuredRows(tuple(rows), resolution, tuple(problems))


def _row(point: Any) -> Measurement | None:
    if not isinstance(point, list) or len(point) != 3:
        return None
    start, good, total = point
    moment = parse_moment(start)
    counts = (good, total)
    if moment is None or not all(isinstance(n, int) and not isinstance(n, bool) for n in counts) or not 0 <= good <= total:
        return None
    return Measurement(moment, good, total)


def incident_counts_against(incident: Document, service: Service, slo_name: str) -> bool:
    """Whether an incident spent this SLO's budget: it names the SLO, or names none and the service has one SLO."""
    named = incident.get("impact", "slo")
    if named:
        return named == slo_name
    return len(service.slos) == 1


def incident_impact_from(body: Mapping[str, Any], *, postmortem_pct: float | None = None) -> IncidentImpact | None:
    """The budget evidence of one incident body (plain data); None when its span is unknown or reversed."""
    stamps, impact = body.get("timestamps"), body.get("impact")
    stamps = stamps if isinstance(stamps, Mapping) else {}
    impact = impact if isinstance(impact, Mapping) else {}
    started = parse_moment(stamps.get("started"))
    if started is None:
        return None
    end = parse_moment(stamps.get("mitigated")) or parse_moment(stamps.get("resolved"))
    if end is None and body.get("status") in CLOSED_STATUSES:
        end = started
    if end is not None and end < started:
        return None
    explicit = _number(impact.get("budget_consumed_pct"))
    if explicit is None:
        explicit = postmortem_pct
    if explicit is not None and explicit >= 0:
        return IncidentImpact(start=started, end=end, budget_consumed_pct=explicit)
    share = incident_users_share(users_pct=impact.get("users_pct"), users=impact.get("users"))
    return IncidentImpact(start=started, end=end, users_share=share)


def incident_impact(repo: Repository, incident: Document) -> IncidentImpact | None:
    """:func:`incident_impact_from` for a record of the repository (its postmortem's figure as a fallback)."""
    body = incident.body if isinstance(incident.body, dict) else {}
    postmortem = repo.postmortems_by_incident.get(str(incident.get("id") or incident.name))
    pct = _number(postmortem.get("impact", "slo_budget_consumed_pct")) if postmortem is not None else None
    return incident_impact_from(body, postmortem_pct=pct)


def policy_for(repo: Repository, service: str) -> tuple[BudgetPolicy, str | None, str | None]:
    """(policy, the document it came from, a note when that document could not be read)."""
    document = repo.budget_policy_for(service)
    if document is None:
        return DEFAULT_BUDGET_POLICY, None, None
    try:
        return budget_policy_from_mapping(document.body if isinstance(document.body, dict) else {}), document.path, None
    except (ValueError, TypeError) as exc:
        return DEFAULT_BUDGET_POLICY, document.path, f"{document.path}: {exc}; the guide's default policy applies"


# --- the figures ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BurnAlertFacts:
    """A burn-rate alert declared in an SLO, with what firing means for the budget."""

    name: str
    burn_rate: float | None
    long_window: str | None
    short_window: str | None
    severity: str | None
    declared_budget_pct: float | None
    budget_spent_before_firing_pct: float | None
    exhausts_full_budget_in: dt.timedelta | None


@dataclass(frozen=True)
class EvidenceInputs:
    """What the calc functions were given for one SLO (kept for the burn-down chart and one-incident costs)."""

    target: float
    window: str
    as_of: dt.datetime
    measurements: tuple[Measurement, ...]
    incidents: tuple[IncidentImpact, ...]
    resolution: dt.timedelta | None

    def kwargs(self) -> dict[str, Any]:
        return dict(target=self.target, window=self.window, as_of=self.as_of, measurements=self.measurements,
                    incidents=self.incidents, resolution=self.resolution)


@dataclass(frozen=True)
class SloBudget:
    """One SLO's error budget as of one instant, with the policy that applies and the evidence used.

    ``status`` is None when the SLO lacks a usable target and window, or its evidence could
    not be computed; ``problems`` then says why.
    """

    service: str
    slo: str
    document: Document
    target: float | None
    sla: float | None
    window: str | None
    budget_minutes: float | None
    policy: BudgetPolicy
    policy_path: str | None
    policy_note: str | None
    status: BudgetStatus | None
    inputs: EvidenceInputs | None
    burn_alerts: tuple[BurnAlertFacts, ...]
    measurement_points: int = 0
    counted_incidents: tuple[str, ...] = ()
    uncounted_incidents: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()
    previous_state: BudgetState | None = None

    @property
    def name(self) -> str:
        return self.slo

    @property
    def path(self) -> str:
        return self.document.path

    @property
    def computed(self) -> BudgetStatus:
        """The status of a budget known to be computed (``budget_view.service_budgets`` keeps only those)."""
        if self.status is None:
            raise ValueError(f"{self.service}/{self.slo}: the budget was not computed: {'; '.join(self.problems)}")
        return self.status

    @property
    def state(self) -> BudgetState | None:
        return self.status.state.value if self.status else None

    @property
    def remaining_pct(self) -> float | None:
        return self.status.remaining_pct.value if self.status else None

    @property
    def actions(self) -> tuple[str, ...]:
        return self.policy.actions(self.state) if self.state else ()

    @property
    def at_risk(self) -> bool:
        """The current burn spends what is left before the window turns over (see ``BudgetStatus.at_risk``)."""
        return bool(self.status and self.status.at_risk.value)

    @property
    def state_label(self) -> str | None:
        """The state as every surface words it: ``"healthy"``, or ``"healthy, at risk"`` when at risk."""
        if self.state is None:
            return None
        return f"{self.state}, at risk" if self.at_risk else str(self.state)

    def at_risk_note(self) -> str | None:
        """Why the budget is at risk, in one sentence (CLI, site and BUD001 print this same text)."""
        status = self.status
        if status is None or not self.at_risk or status.projected_exhaustion.value is None:
            return None
        burn = status.current_burn_rate.value or 0.0
        lookback = next((r.lookback for r in status.burn_rates if r.burn_rate == burn), DAY)
        runs_out = status.projected_exhaustion.value.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
        return (f"at the current {format_duration(lookback)} burn rate of {burn:.2f}x the "
                f"{self.remaining_pct:.1f}% left runs out on {runs_out}, inside the {format_duration(status.window)} "
                "window")

    def burn_rate_pairs(self) -> tuple[tuple[str, str], ...]:
        """(lookback, burn rate) for each lookback the data supports, finest first: ``("1d", "6.47x")``.

        The CLI and the site's error budget pages show exactly these windows and numbers.
        """
        if self.status is None:
            return ()
        return tuple((format_duration(r.lookback), "—" if r.burn_rate is None else f"{r.burn_rate:.2f}x")
                     for r in self.status.burn_rates)

    @property
    def allows_chaos(self) -> bool | None:
        """Whether the policy lets chaos experiments run: a healthy budget that is not at risk (an experiment
        spends budget on purpose). None when the state is unknown. ``chaos plan`` and CHS002 both ask this."""
        if self.state is None:
            return None
        return self.state is BudgetState.HEALTHY and not self.at_risk

    @property
    def freezes_deploys(self) -> bool:
        """The policy says stop deploying: the budget is exhausted, or was and has not yet recovered to the
        policy's release point (the state stays ``exhausted`` through that band)."""
        return self.state is BudgetState.EXHAUSTED

    @property
    def freeze_held(self) -> bool:
        """Frozen only because the budget ran out before and is not yet back to the release point."""
        remaining = self.remaining_pct
        return (self.freezes_deploys and remaining is not None
                and remaining > self.policy.thresholds.exhausted_at_or_below_pct)

    @cached_property
    def burn_down(self) -> BurnDownSeries | None:
        """The budget's path through the window (for the charts); computed on first use."""
        if self.inputs is None:
            return None
        return burn_down_series(**self.inputs.kwargs())


def _burn_alerts(slo: Document, window: str | None) -> tuple[BurnAlertFacts, ...]:
    facts = []
    for alert in slo.get("burn_rate_alerts", default=[]):
        if not isinstance(alert, dict):
            continue
        rate, long_window = _number(alert.get("burn_rate")), alert.get("long_window")
        spent = lasts = None
        if rate is not None and window:
            try:
                lasts = budget_calc.time_to_exhaustion(burn_rate=rate, window=window)
                if isinstance(long_window, str):
                    spent = budget_calc.budget_spent(burn_rate=rate, duration=long_window, window=window)
            except (ValueError, TypeError):
                spent = lasts = None
        facts.append(BurnAlertFacts(
            name=str(alert.get("name", "")), burn_rate=rate, long_window=long_window,
            short_window=alert.get("short_window"), severity=alert.get("severity"),
            declared_budget_pct=_number(alert.get("budget_consumed_pct")),
            budget_spent_before_firing_pct=spent, exhausts_full_budget_in=lasts,
        ))
    return tuple(facts)


def _status(inputs: EvidenceInputs, policy: BudgetPolicy) -> tuple[BudgetStatus, BudgetState | None]:
    """The status and the state before it, with the freeze after exhaustion decided from one window of history.

    The previous state only matters inside the freeze band (above the exhaustion point, below the release
    point); elsewhere it is not looked up and comes back as None.
    """
    thresholds = policy.thresholds
    status = budget_status(thresholds=thresholds, **inputs.kwargs())
    remaining = status.remaining_pct.value
    if remaining is None or not thresholds.exhausted_at_or_below_pct < remaining < thresholds.freeze_release_pct:
        return status, None
    days = max(2, min(366, math.ceil(status.window / DAY) + 1))
    history = budget_state_history(thresholds=thresholds, points=days, **inputs.kwargs())
    previous = next((reading.state for reading in reversed(history[:-1]) if reading.state is not None), None)
    return budget_status(thresholds=thresholds, previous_state=previous, **inputs.kwargs()), previous


def _compute(repo: Repository, service: Service, slo: Document, as_of: dt.datetime) -> SloBudget:
    name = service.slo_name(slo) or "?"
    target, raw_window = _number(slo.get("target")), slo.get("window")
    window = raw_window if isinstance(raw_window, str) else None
    policy, policy_path, policy_note = policy_for(repo, service.name)
    problems = [policy_note] if policy_note else []
    minutes = None
    if target is not None and window is not None and parse_duration(window) is not None:
        try:
            minutes = budget_calc.error_budget_minutes(target, window)
        except ValueError as exc:
            problems.append(str(exc))
    base: dict[str, Any] = dict(
        service=service.name, slo=name, document=slo, target=target, sla=_number(slo.get("sla")), window=window,
        budget_minutes=minutes, policy=policy, policy_path=policy_path, policy_note=policy_note,
        burn_alerts=_burn_alerts(slo, window),
    )
    if minutes is None or target is None or window is None:
        problems.append("the SLO needs a target and a window before its budget can be computed")
        return SloBudget(status=None, inputs=None, problems=tuple(problems), **base)
    measured = measurements_of(service, name)
    problems.extend(measured.problems)
    impacts: list[IncidentImpact] = []
    counted: list[str] = []
    uncounted: list[str] = []
    for doc in repo.incidents_of(service.name):
        if not incident_counts_against(doc, service, name):
            continue
        ident = str(doc.get("id") or doc.name or doc.path)
        impact = incident_impact(repo, doc)
        (uncounted if impact is None else counted).append(ident)
        if impact is not None:
            impacts.append(impact)
    inputs = EvidenceInputs(target, window, as_of, measured.rows, tuple(impacts), measured.resolution)
    base.update(measurement_points=len(measured.rows), counted_incidents=tuple(sorted(counted)),
                uncounted_incidents=tuple(sorted(uncounted)))
    try:
        status, previous = _status(inputs, policy)
    except (ValueError, TypeError, OverflowError) as exc:
        problems.append(f"budget could not be computed: {exc}")
        return SloBudget(status=None, inputs=None, problems=tuple(problems), **base)
    return SloBudget(status=status, inputs=inputs, problems=tuple(problems), previous_state=previous, **base)


#: Budgets already computed, per repository (weakly held: a repository's budgets go with it).
_CACHE: WeakKeyDictionary[Repository, dict[tuple[str, int, dt.datetime], SloBudget]] = WeakKeyDictionary()


def slo_budget(repo: Repository, service: Service, slo: Document, *, as_of: dt.datetime) -> SloBudget:
    """One SLO's budget as of ``as_of``, computed once per repository and instant."""
    cache = _CACHE.setdefault(repo, {})
    key = (service.name, id(slo), as_of)
    if key not in cache:
        cache[key] = _compute(repo, service, slo, as_of)
    return cache[key]


def service_budgets(repo: Repository, service: Service, *, as_of: dt.datetime) -> list[SloBudget]:
    """Every SLO's budget of ``service``, in the order its SLOs are filed."""
    return [slo_budget(repo, service, slo, as_of=as_of) for slo in service.slos]


def budget_exhaustions(budget: SloBudget, *, days: int) -> tuple[dt.datetime, ...]:
    """When this SLO's budget ran out over the ``days`` before its evaluation instant (and at it), oldest first.

    The same evidence and policy thresholds as the budget itself (:func:`slo_budget`), read once a day at 00:00
    UTC by :func:`sre_docs.calc.budget_evidence.budget_state_history`; each onset is the first day of an exhausted
    spell (:func:`sre_docs.calc.budget_evidence.budget_exhaustion_onsets`). Empty when the budget was not computed.
    """
    if budget.inputs is None:
        return ()
    try:
        return budget_exhaustion_onsets(thresholds=budget.policy.thresholds, points=days + 1, **budget.inputs.kwargs())
    except (ValueError, TypeError, OverflowError):
        return ()


def incident_cost(repo: Repository, service: Service, slo: Document, body: Mapping[str, Any]) -> Figure[float] | None:
    """What one incident (given as plain data) cost this SLO: the budget spent from its start to its end.

    From the SLO's measurements when they cover the span, else from the record; None when
    the SLO has no target or window or the incident has no start and end yet.
    """
    name = service.slo_name(slo)
    target, window = _number(slo.get("target")), slo.get("window")
    impact = incident_impact_from(body)
    if name is None or target is None or not isinstance(window, str) or parse_duration(window) is None:
        return None
    if impact is None or impact.end is None:
        return None
    measured = measurements_of(service, name)
    return budget_spent_between(target=target, window=window, start=impact.start, end=impact.end,
                                measurements=measured.rows, incident=impact, resolution=measured.resolution)


__all__ = [
    "BurnAlertFacts",
    "EvidenceInputs",
    "MeasuredRows",
    "SloBudget",
    "budget_exhaustions",
    "evaluation_instant",
    "incident_cost",
    "incident_counts_against",
    "incident_impact",
    "incident_impact_from",
    "measurements_of",
    "policy_for",
    "service_budgets",
    "slo_budget",
]
