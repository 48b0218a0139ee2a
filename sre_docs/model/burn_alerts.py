"""The burn-rate alerts an SLO gets: the ones it declares, else the SRE Workbook's tiers for its window.

One answer for every surface that needs it: ``export prometheus`` writes these alerts, and the
policy SLO009 checks the very same list, so an alert the export would refuse is also a lint
finding before anyone exports. Each alert carries its ``defects``
(:func:`sre_docs.calc.error_budget.burn_alert_defects`): reasons it can never fire.

An SLO without ``burn_rate_alerts`` gets the four Workbook tiers, with thresholds computed
from its own window (30d: 14.4, 6, 3, 1; 28d: 13.44, 5.6, 2.8, 0.933). A declared alert is
matched to a Workbook tier by its pair of windows, so that dashboards and routes can use the
tier name whatever the alert is called.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sre_docs.calc.error_budget import burn_alert_defects, recommended_burn_rate_alerts
from sre_docs.model.repository import Document, Service
from sre_docs.schemas.types import parse_duration


@dataclass(frozen=True)
class BurnAlert:
    """One multi-window burn-rate alert of an SLO.

    ``index`` is its position in the SLO's ``burn_rate_alerts`` (None for a Workbook tier the
    SLO did not declare), so that findings point at the declaration.
    """

    name: str
    tier: str
    burn_rate: float
    long_window: timedelta
    short_window: timedelta
    severity: str  # page | ticket
    index: int | None
    defects: tuple[str, ...]


def slo_window(slo: Document) -> timedelta | None:
    """The SLO's window, or None when it is missing or not a positive duration."""
    window = parse_duration(slo.get("window") or "")
    return window if window is not None and window > timedelta(0) else None


def burn_alerts(service: Service, slo: Document) -> list[BurnAlert]:
    """The SLO's declared burn-rate alerts, else the Workbook tiers for its window.

    Empty when the SLO has no usable window or target (the schema check reports those).
    """
    window, target = slo_window(slo), slo.get("target")
    if window is None or isinstance(target, bool) or not isinstance(target, (int, float)) or not 0 < target < 100:
        return []
    recommended = recommended_burn_rate_alerts(window)
    tier_of = {(r.tier.long_window, r.tier.short_window): r.tier.name for r in recommended}

    def defects(rate: float, long_window: timedelta) -> tuple[str, ...]:
        return burn_alert_defects(burn_rate=rate, target=float(target), long_window=long_window, window=window)

    declared = []
    for index, item in enumerate(slo.get("burn_rate_alerts", default=[])):
        if not isinstance(item, dict):
            continue
        long_window = parse_duration(item.get("long_window") or "")
        short_window = parse_duration(item.get("short_window") or "")
        rate = item.get("burn_rate")
        if (not item.get("name") or long_window is None or short_window is None or isinstance(rate, bool)
                or not isinstance(rate, (int, float)) or rate <= 0 or long_window <= timedelta(0)):
            continue  # an invalid alert has been reported by the schema check
        declared.append(BurnAlert(
            name=item["name"], tier=str(tier_of.get((long_window, short_window), item["name"])),
            burn_rate=float(rate), long_window=long_window, short_window=short_window,
            severity=item.get("severity") or "page", index=index, defects=defects(float(rate), long_window),
        ))
    if declared:
        return declared
    slo_name = service.slo_name(slo)
    return [
        BurnAlert(
            name=f"{slo_name}_{r.tier.name}", tier=r.tier.name, burn_rate=r.burn_rate_threshold,
            long_window=r.tier.long_window, short_window=r.tier.short_window, severity=r.tier.severity,
            index=None, defects=defects(r.burn_rate_threshold, r.tier.long_window),
        )
        for r in recommended
    ]


#: Label names the export owns; an SLO's own labels may not set them.
RESERVED_LABEL_PREFIX = "sre_docs_"


@dataclass(frozen=True)
class AlertSettings:
    """How the alerts of one severity of an SLO are exported: the SLO's ``alerting`` merged with its section.

    The ``page`` or ``ticket`` section wins over the SLO-wide values; either one disabling the
    alerts disables them.
    """

    disabled: bool
    hold_for: str | None
    labels: tuple[tuple[str, str], ...]
    annotations: tuple[tuple[str, str], ...]


def alert_mode(slo: Document) -> str:
    """``tiers`` (one alert per burn-rate alert) or ``page_ticket`` (one page and one ticket alert)."""
    mode = slo.get("alerting", "mode")
    return mode if mode in ("tiers", "page_ticket") else "tiers"


def _texts(value: object) -> dict[str, str]:
    if not isinstance(value, dict):
        return {}
    return {k: v for k, v in value.items() if isinstance(k, str) and isinstance(v, str)}


def alert_settings(slo: Document, severity: str) -> AlertSettings:
    """The export settings of the SLO's alerts of ``severity`` (page or ticket)."""
    base = slo.get("alerting")
    base = base if isinstance(base, dict) else {}
    section = base.get(severity)
    section = section if isinstance(section, dict) else {}
    hold_for = section.get("for") or base.get("for")
    labels = {**_texts(base.get("labels")), **_texts(section.get("labels"))}
    annotations = {**_texts(base.get("annotations")), **_texts(section.get("annotations"))}
    return AlertSettings(
        disabled=base.get("disabled") is True or section.get("disabled") is True,
        hold_for=hold_for if isinstance(hold_for, str) else None,
        labels=tuple(labels.items()),
        annotations=tuple(annotations.items()),
    )
