"""Figures about operations — toil, capacity, on-call — computed through ``sre_docs.calc``.

Like ``facts``, this is glue: it reads values from documents and hands them to the calc
functions, and a figure it cannot compute comes back as ``None`` instead of an exception.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from sre_docs.calc import capacity, oncall, toil
from sre_docs.handbook.page_facts import number
from sre_docs.model.capacity_figures import capacity_figures
from sre_docs.model.repository import Document, Service
from sre_docs.model.toil_hours import toil_item
from sre_docs.model.oncall_figures import latest_health, page_load, rotation_people

__all__ = ["CapacityFacts", "RotationFacts", "ToilFacts", "capacity_facts", "rotation_facts", "toil_facts"]


@dataclass(frozen=True)
class ToilFacts:
    doc: Document
    name: str
    #: The teams it belongs to (``teams_affected``, else the service's owner), as the team totals count it.
    teams: tuple[str, ...]
    hours_per_month: float | None
    assessment: toil.ToilAssessment | None
    action: toil.ToilAction | None
    priority_score: float | None


def toil_facts(service: Service | None, doc: Document) -> ToilFacts:
    """The figures of one toil item; its hours and teams are the one toil rule's (``model/toil_hours.py``)."""
    minutes, times = number(doc.get("time_per_occurrence_min")), number(doc.get("occurrences_per_month"))
    difficulty = doc.get("automation_difficulty")
    value = number(doc.get("automation_value"))
    item = toil_item(service, doc)
    hours = item.hours
    assessment = None
    action = score = None
    try:
        if item.figures.source == "computed" and minutes is not None and times is not None:
            if difficulty:
                assessment = toil.assess_toil(time_per_occurrence_min=minutes, occurrences_per_month=times,
                                              automation_difficulty=difficulty, automation_value_hours=value)
                action, score = assessment.action, assessment.priority_score
        else:
            worth = value if value is not None else hours
            if difficulty and worth is not None:
                action = toil.toil_matrix_action(value_hours=worth, effort=difficulty)
                score = toil.priority_score(automation_value_hours=worth, difficulty=difficulty)
    except (ValueError, TypeError):
        pass
    return ToilFacts(doc=doc, name=str(doc.get("name", default=doc.path)), teams=item.teams, hours_per_month=hours,
                     assessment=assessment, action=action, priority_score=score)


@dataclass(frozen=True)
class CapacityFacts:
    doc: Document
    utilisation_pct: float | None
    growth_pct: float | None
    scale_up_pct: float
    projection: tuple[tuple[float, float], ...]
    months_to_scale_up: float | None
    months_to_full: float | None
    cost: capacity.CostProjection | None


def capacity_facts(doc: Document) -> CapacityFacts:
    """The card's figures; months and headroom are the ones every surface shows (``model/capacity_figures.py``)."""
    figures = capacity_figures(doc)
    utilisation, growth = figures.peak_pct, figures.growth_pct
    projection: tuple[tuple[float, float], ...] = ()
    cost = None
    try:
        if utilisation is not None and growth is not None:
            projection = tuple(
                (float(m), capacity.project_growth(current=utilisation, monthly_growth_pct=growth, months=m))
                for m in range(13)
            )
        monthly = number(doc.get("cost_projection", "current_monthly")) or number(doc.get("current_state", "cost_per_month_usd"))
        if monthly is not None and growth is not None:
            cost = capacity.cost_projection(current_monthly=monthly, monthly_growth_pct=growth)
    except (ValueError, TypeError):
        pass
    return CapacityFacts(doc=doc, utilisation_pct=utilisation, growth_pct=growth, scale_up_pct=figures.threshold_pct,
                         projection=projection, months_to_scale_up=figures.months_to_threshold,
                         months_to_full=figures.months_to_full, cost=cost)


@dataclass(frozen=True)
class RotationFacts:
    doc: Document
    name: str
    team: str | None
    members: tuple[str, ...]
    size_ok: bool
    has_secondary: bool
    period: str | None
    metrics: tuple[tuple[oncall.OnCallMetric, float, oncall.Health], ...]
    imbalance: float | None
    worst: oncall.Health | None
    services: tuple[str, ...] = field(default=())


def rotation_facts(doc: Document, services: Iterable[str] = (), *, today: dt.date | None = None) -> RotationFacts:
    """The rotation's figures as every surface reads them (``model/oncall_figures.py``), as of ``today``."""
    members = rotation_people(doc)
    latest = latest_health(doc, today=today)
    metrics = tuple((metric, value, status) for _, metric, value, status in (latest.figures() if latest else []))
    load = page_load(doc, latest)
    imbalance = oncall.page_load_imbalance(load) if load else None
    order = [oncall.Health.HEALTHY, oncall.Health.WARNING, oncall.Health.CRITICAL]
    worst = max((h for _, _, h in metrics), key=order.index, default=None)
    return RotationFacts(
        doc=doc, name=str(doc.get("name", default=doc.path)), team=doc.get("team"), members=members,
        size_ok=oncall.rotation_size_ok(len(members)), has_secondary=bool(doc.get("secondary")),
        period=latest.period if latest else None, metrics=metrics, imbalance=imbalance, worst=worst,
        services=tuple(services),
    )
