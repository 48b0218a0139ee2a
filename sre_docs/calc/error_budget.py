"""Error budget arithmetic: budget size, burn rate, time to exhaustion, multi-window burn-rate alerts.

Conventions: targets and budget shares are percentages (``99.9``, ``2`` for "2% of the budget"); an error
rate passed to :func:`burn_rate` is a percentage of requests too (``0.5`` for 0.5%). Windows and durations
are ``timedelta`` or duration strings (``"28d"``).

A burn rate of 1 spends exactly the whole budget over one SLO window; a burn rate ``r`` spends it in
``window / r``. Note the guide's SLO template comments are off for its own 28-day window: 14.4x exhausts the
budget in about 46.7 hours (not 2 hours) and 6x in about 4.7 days (not ~5 hours); see ``docs/guide-errata.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sre_docs.calc.durations import HOUR, MINUTE, as_timedelta, format_duration
from sre_docs.calc.nines import budget_fraction

__all__ = [
    "WORKBOOK_BURN_RATE_TIERS",
    "WORKBOOK_FOUR_TIER_BURN_RATE_TIERS",
    "BurnRateAlert",
    "BurnRateTier",
    "budget_spent",
    "burn_alert_defects",
    "burn_rate",
    "burn_rate_threshold",
    "error_budget_fraction",
    "error_budget_minutes",
    "recommended_burn_rate_alerts",
    "time_to_exhaustion",
]


def _positive(name: str, value: timedelta | str) -> timedelta:
    length = as_timedelta(value)
    if length <= timedelta(0):
        raise ValueError(f"{name} must be a positive duration, got {value!r}")
    return length


def _non_negative(name: str, value: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{name} must be a number, not {type(value).__name__}")
    if not value >= 0:  # also rejects NaN
        raise ValueError(f"{name} must not be negative, got {value!r}")
    return float(value)


def error_budget_fraction(target: float) -> float:
    """Fraction of requests (or time) the SLO lets fail: ``(100 - target) / 100``.

    Example: ``error_budget_fraction(99.9) == 0.001``.
    """
    return budget_fraction(target)


def error_budget_minutes(target: float, window: timedelta | str) -> float:
    """Minutes of full outage the budget covers in one window: ``budget fraction x window in minutes``.

    Example: 99.9% over 28 days -> 0.001 x 40,320 min = 40.32 minutes (the guide's template rounds it to 40);
    over 30 days -> 43.2 minutes.
    """
    length = _positive("window", window)
    return error_budget_fraction(target) * (length / MINUTE)


def burn_rate(*, observed_error_pct: float, target: float) -> float:
    """How fast the budget is being spent, relative to spending it evenly over the window.

    ``burn rate = observed error rate / error rate the SLO allows``, both in percent.

    Example: SLO 99.9% (allows 0.1%), observed 0.5% errors -> 0.5 / 0.1 = 5.0.
    """
    error_pct = _non_negative("observed_error_pct", observed_error_pct)
    if error_pct > 100:
        raise ValueError(f"observed_error_pct is a percentage (0-100), got {observed_error_pct!r}")
    return error_pct / (error_budget_fraction(target) * 100)


def time_to_exhaustion(
    *, burn_rate: float, window: timedelta | str, budget_remaining_pct: float = 100.0
) -> timedelta | None:
    """Time until the budget is gone at a constant burn rate: ``remaining share x window / burn rate``.

    ``None`` when the burn rate is 0 (the budget is never spent), or so close to 0 that the time is too long
    to represent. With the default full budget,
    ``time_to_exhaustion x burn_rate == window``.

    Examples: 5x over 28 days -> 5.6 days. 14.4x over 28 days -> 28 x 24 / 14.4 = 46.67 hours; the guide's
    comment "exhausts budget in 2 hours" is wrong (about 2 *days* would be right). 1x over 28 days -> 28 days.
    """
    rate = _non_negative("burn_rate", burn_rate)
    remaining = _non_negative("budget_remaining_pct", budget_remaining_pct)
    length = _positive("window", window)
    if rate == 0:
        return None
    try:
        return length * (remaining / 100 / rate)
    except OverflowError:  # a rate so close to 0 (5e-324) that the budget outlasts any representable time
        return None


def budget_spent(*, burn_rate: float, duration: timedelta | str, window: timedelta | str) -> float:
    """Percent of one window's budget spent by burning at ``burn_rate`` for ``duration``: ``100 x r x d / window``.

    Example: SLO window 30 days, 14.4x for 1 hour -> 100 x 14.4 x 1 / 720 = 2.0 (% of the budget).
    """
    rate = _non_negative("burn_rate", burn_rate)
    spent_for = as_timedelta(duration)
    if spent_for < timedelta(0):
        raise ValueError(f"duration must not be negative, got {duration!r}")
    return 100 * rate * (spent_for / _positive("window", window))


def burn_rate_threshold(*, budget_share_pct: float, long_window: timedelta | str, window: timedelta | str) -> float:
    """Burn rate that spends ``budget_share_pct`` of the budget within ``long_window``: ``share x window / long``.

    This is the inverse of :func:`budget_spent`. Examples for a 30-day window: 2% in 1 h -> 14.4;
    5% in 6 h -> 6; 10% in 1 d -> 3; 10% in 3 d -> 1. For a 28-day window: 13.44, 5.6, 2.8 and 0.933.
    """
    share = _non_negative("budget_share_pct", budget_share_pct)
    return share / 100 * (_positive("window", window) / _positive("long_window", long_window))


@dataclass(frozen=True)
class BurnRateTier:
    """One multi-window burn-rate alert: fire when both windows burn faster than the tier's threshold.

    The threshold is not stored: it depends on the SLO window (see :func:`recommended_burn_rate_alerts`).
    """

    name: str
    budget_share_pct: float
    long_window: timedelta
    short_window: timedelta
    severity: str  # "page" or "ticket"


#: The SRE Workbook's recommended multi-window, multi-burn-rate alerts (chapter "Alerting on SLOs").
WORKBOOK_BURN_RATE_TIERS: tuple[BurnRateTier, ...] = (
    BurnRateTier("fast_burn", 2.0, HOUR, 5 * MINUTE, "page"),
    BurnRateTier("medium_burn", 5.0, 6 * HOUR, 30 * MINUTE, "page"),
    BurnRateTier("slow_burn", 10.0, 72 * HOUR, 6 * HOUR, "ticket"),
)

#: The common four-tier variant (Sloth's default windows, for example): adds a ticket for 10% spent in a day.
WORKBOOK_FOUR_TIER_BURN_RATE_TIERS: tuple[BurnRateTier, ...] = (
    WORKBOOK_BURN_RATE_TIERS[0],
    WORKBOOK_BURN_RATE_TIERS[1],
    BurnRateTier("daily_burn", 10.0, 24 * HOUR, 2 * HOUR, "ticket"),
    WORKBOOK_BURN_RATE_TIERS[2],
)


@dataclass(frozen=True)
class BurnRateAlert:
    """A tier resolved for one SLO window: its burn-rate threshold and how long a full budget lasts at it."""

    tier: BurnRateTier
    window: timedelta
    burn_rate_threshold: float
    exhausts_full_budget_in: timedelta


def recommended_burn_rate_alerts(
    window: timedelta | str, *, tiers: tuple[BurnRateTier, ...] = WORKBOOK_FOUR_TIER_BURN_RATE_TIERS
) -> tuple[BurnRateAlert, ...]:
    """Burn-rate thresholds of each tier for an SLO window of any length.

    Example: 30 days -> 14.4, 6, 3, 1; 28 days -> 13.44, 5.6, 2.8, 0.933 (the four-tier default). A full
    budget lasts ``window / threshold`` at each: 50 h, 5 d, 10 d, 30 d for 30 days.
    """
    length = _positive("window", window)
    alerts = []
    for tier in tiers:
        threshold = burn_rate_threshold(
            budget_share_pct=tier.budget_share_pct, long_window=tier.long_window, window=length
        )
        exhausts = time_to_exhaustion(burn_rate=threshold, window=length)
        if exhausts is None:
            raise ValueError(f"tier {tier.name!r} has a zero budget share")
        alerts.append(
            BurnRateAlert(tier=tier, window=length, burn_rate_threshold=threshold, exhausts_full_budget_in=exhausts)
        )
    return tuple(alerts)


def burn_alert_defects(
    *, burn_rate: float, target: float, long_window: timedelta | str, window: timedelta | str
) -> tuple[str, ...]:
    """Why a burn-rate alert can never fire, or cannot mean what it says; empty when it is sound.

    Two defects, both silent in Prometheus (the rules load and evaluate, the alert just never fires):

    - the threshold ``burn_rate x budget fraction`` is 100% of events or more. An error ratio
      is at most 1 and the alert compares with ``>``, so it can never be above. Example: a
      365-day window at 99% gives the Workbook fast burn 2% x 8760 h / 1 h = 175.2, and
      175.2 x 1% = 175.2% of events;
    - the long window is longer than the SLO window: the alert would measure a burn over more
      time than the budget is counted in (a 1-day SLO with a 3-day slow-burn window).

    Example: ``burn_alert_defects(burn_rate=14.4, target=99.9, long_window="1h", window="30d") == ()``.
    """
    defects = []
    threshold = _non_negative("burn_rate", burn_rate) * budget_fraction(target)
    if threshold >= 1:
        defects.append(
            f"its threshold {burn_rate:.4g} x {budget_fraction(target) * 100:.4g}% = {threshold * 100:.4g}% of events "
            "is not below 100%, so the error ratio can never exceed it"
        )
    long = _positive("long_window", long_window)
    length = _positive("window", window)
    if long > length:
        defects.append(f"its long window {format_duration(long)} is longer than the SLO window {format_duration(length)}")
    return tuple(defects)
