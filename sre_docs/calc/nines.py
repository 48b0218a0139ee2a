"""Nines: how much downtime a target allows, and the guide's SLO target selection table.

Targets are percentages (``99.9``), the way SLO documents write them. Arithmetic on the budget goes through
``Decimal`` of the target's shortest ``repr`` so that ``100 - 99.9`` is exactly ``0.1`` and table figures do
not pick up float noise.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from sre_docs.calc.durations import DAY, MONTH, QUARTER, WEEK, YEAR, as_timedelta, format_duration

__all__ = [
    "PERIODS",
    "SLO_TARGET_GUIDE",
    "DowntimeRow",
    "Period",
    "SloTargetRow",
    "allowed_downtime",
    "budget_fraction",
    "check_target",
    "downtime_table",
    "exact_nines",
    "nines_count",
    "nines_label",
]


def check_target(target: float) -> float:
    """Return ``target`` as a float if it is a percentage strictly between 0 and 100, else raise ``ValueError``.

    100% is rejected because it leaves no error budget (every ratio against the budget would divide by zero).
    Example: ``check_target(99.9) == 99.9``; ``check_target(100)`` raises.
    """
    if isinstance(target, bool) or not isinstance(target, (int, float, Decimal)):
        raise TypeError(f"SLO target must be a number, not {type(target).__name__}")
    value = float(target)
    if not 0 < value < 100:
        raise ValueError(f"SLO target must be a percentage strictly between 0 and 100, got {target!r}")
    return value


def _budget_decimal(target: float) -> Decimal:
    """Budget as a fraction, exact in decimal: 99.9 -> Decimal('0.001')."""
    return (Decimal(100) - Decimal(repr(check_target(target)))) / Decimal(100)


def budget_fraction(target: float) -> float:
    """Share of events (or time) allowed to be bad: ``(100 - target) / 100``.

    Example: 99.9 -> 0.001; 99.95 -> 0.0005. (``budget.error_budget_fraction`` is the same function.)
    """
    return float(_budget_decimal(target))


def allowed_downtime(*, target: float, period: timedelta | str) -> timedelta:
    """Downtime a target allows over a period: ``period x (100 - target) / 100``.

    Example: 99.9% over a 30.4375-day month -> 2,629.8 s (43 min 49.8 s), printed ``43m 50s``;
    99.9% over 28 days -> 40.32 min.
    """
    length = as_timedelta(period)
    if length < timedelta(0):
        raise ValueError(f"period must not be negative, got {length}")
    micro = Decimal(length // timedelta(microseconds=1)) * _budget_decimal(target)
    return timedelta(microseconds=int(micro.to_integral_value()))


_HALF_NINE_STEPS = 40  # enough for targets up to 20 nines


def nines_count(target: float) -> float:
    """The conventional "number of nines", in half steps: 99 -> 2, 99.5 -> 2.5, 99.95 -> 3.5, 99.99 -> 4.

    The guide calls 99.5% "2.5" and 99.95% "3.5" nines, so a trailing 5 counts as half a nine. For any target
    the function returns the largest half step the target reaches, where ``n`` whole nines means a budget of
    ``10**(2 - n)`` percent and ``n + 0.5`` nines means ``5 x 10**(1 - n)`` percent. So 99.8 -> 2.5 (it reaches
    99.5 but not 99.9) and 99.97 -> 3.5. This is a label, not a logarithm: see :func:`exact_nines`.

    Example: ``nines_count(99.95) == 3.5``.
    """
    budget_pct = _budget_decimal(target) * 100
    best = 0.0
    for step in range(_HALF_NINE_STEPS + 1):
        nines = step / 2
        whole = int(nines)
        threshold = Decimal(10) ** (2 - whole) if step % 2 == 0 else Decimal(5) * Decimal(10) ** (1 - whole)
        if budget_pct <= threshold:
            best = nines
        else:
            break
    return best


def exact_nines(target: float) -> float:
    """The mathematical number of nines, ``-log10(budget fraction)``.

    Example: 99.9 -> 3.0; 99.95 -> 3.30 (the guide's "3.5" is the label of :func:`nines_count`).
    """
    return float(-_budget_decimal(target).log10())


def nines_label(target: float) -> str:
    """Label used in the guide's table: ``"2 nines"``, ``"2.5"``, ``"3 nines"``, ``"3.5"``.

    Whole counts read "<n> nines" (``"1 nine"`` for one), half counts are the bare number.
    Example: 99.9 -> ``"3 nines"``; 99.95 -> ``"3.5"``.
    """
    count = nines_count(target)
    if count != int(count):
        return f"{count:g}"
    return f"{int(count)} nine" + ("" if int(count) == 1 else "s")


@dataclass(frozen=True)
class Period:
    """A named length of time over which downtime is budgeted."""

    id: str
    label: str
    length: timedelta


#: The periods :func:`downtime_table` reports, shortest first. Month, quarter and year are averages over a
#: 365.25-day year (the guide's month column uses 30.4375 days).
PERIODS: tuple[Period, ...] = (
    Period("day", "Day", DAY),
    Period("week", "Week", WEEK),
    Period("28d", "28 days", timedelta(days=28)),
    Period("30d", "30 days", timedelta(days=30)),
    Period("month", "Month (30.44 days)", MONTH),
    Period("quarter", "Quarter (91.31 days)", QUARTER),
    Period("year", "Year (365.25 days)", YEAR),
)


@dataclass(frozen=True)
class DowntimeRow:
    """Allowed downtime for one period, exact and as printed."""

    period: Period
    downtime: timedelta
    display: str


def downtime_table(target: float) -> tuple[DowntimeRow, ...]:
    """Allowed downtime for ``target`` over every entry of :data:`PERIODS`.

    Example: ``downtime_table(99.9)`` gives day ``1m 26s``, week ``10m 5s``, 28 days ``40m 19s``,
    30 days ``43m 12s``, month ``43m 50s``, quarter ``2h 11m``, year ``8h 46m``.
    """
    rows = []
    for period in PERIODS:
        downtime = allowed_downtime(target=target, period=period.length)
        rows.append(DowntimeRow(period=period, downtime=downtime, display=format_duration(downtime)))
    return tuple(rows)


@dataclass(frozen=True)
class SloTargetRow:
    """One row of the SLO target selection guide: a target and the kind of service it suits."""

    target: float
    appropriate_for: str

    @property
    def nines(self) -> float:
        return nines_count(self.target)

    @property
    def label(self) -> str:
        return nines_label(self.target)

    @property
    def downtime_per_month(self) -> timedelta:
        return allowed_downtime(target=self.target, period=MONTH)


#: The guide's SLO target selection table. Labels and downtimes are computed, not stored.
SLO_TARGET_GUIDE: tuple[SloTargetRow, ...] = (
    SloTargetRow(99.0, "Internal tools and development environments"),
    SloTargetRow(99.5, "Non-critical and back-office services"),
    SloTargetRow(99.9, "Standard production services"),
    SloTargetRow(99.95, "Important customer-facing services"),
    SloTargetRow(99.99, "Critical services such as payments and authentication"),
    SloTargetRow(99.999, "Life-safety systems and financial clearing"),
)
