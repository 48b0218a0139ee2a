"""Inline SVG charts: plain data in, one self-contained ``<svg>`` string out.

The charts load nothing (no script, no font, no image, no stylesheet, no CDN), so the
handbook works offline and prints. Colours come from the page: text and axes use
``currentColor``, series use Material's CSS variables (``--md-primary-fg-color`` …) and our
own ``--sre-*`` variables, each with a fallback colour, so a chart reads in the light and
the dark palette alike. Every chart has a ``<title>`` and a ``<desc>`` that screen readers
announce (``role="img"`` + ``aria-labelledby``), and a data table sits next to it on the
page for the exact numbers.

Labels that came from YAML (service names, SLO names) are escaped with
:func:`sre_docs.handbook.markup.text`, whose numeric references are valid in XML and HTML.
Colours and the ``<svg>`` frame are in ``svg``; the dependency diagram lives in ``diagram``
and is re-exported here, so every chart is reached as ``charts.<name>``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sre_docs.handbook.diagram import DependencyEdge, dependency_diagram, layered_layout
from sre_docs.handbook.markup import text
from sre_docs.handbook.svg import (
    ACCENT, BAND_COLOURS, LINE, PRIMARY, SERIES_COLOURS, SEVERITY_COLOURS, WIDTH, coordinate, empty_chart, svg_open,
)

__all__ = [
    "ACCENT",
    "BAND_COLOURS",
    "LINE",
    "PRIMARY",
    "SEVERITY_COLOURS",
    "DependencyEdge",
    "burn_down_chart",
    "capacity_projection_chart",
    "dependency_diagram",
    "factor_category_chart",
    "incident_trend_chart",
    "layered_layout",
    "month_labels",
    "timing_trend_chart",
]

_WIDTH, _HEIGHT = WIDTH, 300
_LEFT, _RIGHT, _TOP, _BOTTOM = 64, 30, 46, 62
_n = coordinate  # short: used in every coordinate of every f-string below


@dataclass(frozen=True)
class _Frame:
    """The plotting area and the value ranges mapped onto it."""

    x_min: float
    x_max: float
    y_min: float
    y_max: float
    width: int = _WIDTH
    height: int = _HEIGHT

    def x(self, value: float) -> float:
        span = (self.x_max - self.x_min) or 1.0
        return _LEFT + (value - self.x_min) / span * (self.width - _LEFT - _RIGHT)

    def y(self, value: float) -> float:
        span = (self.y_max - self.y_min) or 1.0
        return self.height - _BOTTOM - (value - self.y_min) / span * (self.height - _TOP - _BOTTOM)


def _nice_step(span: float, ticks: int = 5) -> float:
    raw = span / max(ticks, 1)
    if raw <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 2.5, 5, 10):
        if raw <= multiple * magnitude:
            return multiple * magnitude
    return 10 * magnitude


def _y_axis(frame: _Frame, unit: str) -> list[str]:
    step = _nice_step(frame.y_max - frame.y_min)
    parts = []
    value = math.ceil(frame.y_min / step) * step
    while value <= frame.y_max + step / 1000:
        y = frame.y(value)
        parts.append(
            f'<line x1="{_LEFT}" x2="{frame.width - _RIGHT}" y1="{_n(y)}" y2="{_n(y)}" '
            f'stroke="currentColor" stroke-opacity="0.15"/>'
            f'<text x="{_LEFT - 6}" y="{_n(y + 4)}" text-anchor="end" fill="currentColor">{text(f"{value:g}{unit}")}</text>'
        )
        value += step
    parts.append(
        f'<line x1="{_LEFT}" x2="{_LEFT}" y1="{_TOP}" y2="{frame.height - _BOTTOM}" stroke="currentColor" stroke-opacity="0.5"/>'
    )
    return parts


def _x_labels(frame: _Frame, labels: Sequence[tuple[float, str]]) -> list[str]:
    """Tick labels under the x axis; a label may hold a second line after ``\\n`` (the year under a month)."""
    parts = [
        f'<line x1="{_LEFT}" x2="{frame.width - _RIGHT}" y1="{frame.height - _BOTTOM}" y2="{frame.height - _BOTTOM}" '
        f'stroke="currentColor" stroke-opacity="0.5"/>'
    ]
    for position, label in labels:
        first, _, second = label.partition("\n")
        x = _n(frame.x(position))
        lines = f'<tspan x="{x}">{text(first)}</tspan>'
        if second:
            lines += f'<tspan x="{x}" dy="13">{text(second)}</tspan>'
        parts.append(
            f'<text x="{x}" y="{frame.height - _BOTTOM + 16}" text-anchor="middle" fill="currentColor">{lines}</text>'
        )
    return parts


def _titles(frame: _Frame, title: str, *, x_title: str, y_title: str) -> list[str]:
    """The chart's visible title (top left) and the names of its axes, units included."""
    middle_y = (_TOP + frame.height - _BOTTOM) / 2
    return [
        f'<text x="4" y="15" fill="currentColor" font-size="13" font-weight="700">{text(title)}</text>',
        f'<text x="{_n((_LEFT + frame.width - _RIGHT) / 2)}" y="{frame.height - 6}" text-anchor="middle" '
        f'fill="currentColor">{text(x_title)}</text>',
        f'<text x="14" y="{_n(middle_y)}" text-anchor="middle" fill="currentColor" '
        f'transform="rotate(-90 14 {_n(middle_y)})">{text(y_title)}</text>',
    ]


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def month_labels(months: Sequence[str]) -> list[str]:
    """``YYYY-MM`` labels as a month name, with the year underneath on the first month and on each January.

    ``["2025-12", "2026-01", "2026-02"]`` gives ``["Dec\\n2025", "Jan\\n2026", "Feb"]``, so twelve
    months fit under a chart without running together.
    """
    out = []
    for index, month in enumerate(months):
        year, _, number = month.partition("-")
        if not (year.isdigit() and number.isdigit() and 1 <= int(number) <= 12):
            out.append(month)  # not a YYYY-MM label: shown as given
            continue
        name = _MONTHS[int(number) - 1]
        out.append(f"{name}\n{year}" if index == 0 or name == "Jan" else name)
    return out


def _thin(labels: Sequence[tuple[float, str]], most: int = 8) -> list[tuple[float, str]]:
    if len(labels) <= most:
        return list(labels)
    stride = math.ceil(len(labels) / most)
    kept = list(labels[::stride])
    if kept[-1] != labels[-1]:
        kept[-1] = labels[-1]
    return kept


def _polyline(frame: _Frame, points: Sequence[tuple[float, float]], colour: str, *, dashed: bool = False) -> str:
    coords = " ".join(f"{_n(frame.x(x))},{_n(frame.y(y))}" for x, y in points)
    dash = ' stroke-dasharray="6 4"' if dashed else ""
    return f'<polyline points="{coords}" fill="none" style="stroke:{colour}" stroke-width="2"{dash}/>'


def _legend(entries: Sequence[tuple[str, str]], width: int, y: float) -> list[str]:
    parts: list[str] = []
    x: float = _LEFT
    for label, colour in entries:
        parts.append(
            f'<rect x="{_n(x)}" y="{_n(y - 9)}" width="10" height="10" style="fill:{colour}"/>'
            f'<text x="{_n(x + 14)}" y="{_n(y)}" fill="currentColor">{text(label)}</text>'
        )
        x += 22 + 6.5 * len(label)
        if x > width - 60:
            break
    return parts


# --- budget burn-down ---------------------------------------------------------------------------


def burn_down_chart(
    points: Sequence[tuple[datetime, float]],
    *,
    chart_id: str,
    title: str,
    thresholds: Mapping[str, float] | None = None,
) -> str:
    """Budget remaining (% of the window's budget) across the window, with the state bands.

    ``points`` are (moment, remaining %) oldest first, as :func:`sre_docs.calc.budget_evidence.burn_down_series`
    returns them. ``thresholds`` maps ``healthy``/``warning``/``exhausted`` to the percentages where
    those states begin (50 / 25 / 0 by default) and draws them as dashed lines.
    """
    if not points:
        return empty_chart(chart_id, title, "No budget evidence (measurements or incidents) in this window.")
    bounds = {"healthy": 50.0, "warning": 25.0, "exhausted": 0.0, **(thresholds or {})}
    start, end = points[0][0], points[-1][0]
    seconds = [(moment - start).total_seconds() for moment, _ in points]
    values = [value for _, value in points]
    frame = _Frame(0, max(seconds[-1], 1), min(0.0, min(values) - 5), max(100.0, max(values)))
    last = values[-1]
    desc = (
        f"Error budget remaining from {start:%Y-%m-%d} to {end:%Y-%m-%d}: starts at {values[0]:.1f}% "
        f"and ends at {last:.1f}% of the window's budget."
    )
    parts = svg_open(chart_id, title, desc, _WIDTH, _HEIGHT)
    parts.extend(_titles(frame, title, x_title="Day (UTC)", y_title="Budget left (%)"))
    parts.extend(_y_axis(frame, "%"))
    for state, colour_key in (("healthy", "healthy"), ("warning", "warning"), ("exhausted", "exhausted")):
        level = bounds[state]
        y = frame.y(level)
        parts.append(
            f'<line x1="{_LEFT}" x2="{_WIDTH - _RIGHT}" y1="{_n(y)}" y2="{_n(y)}" '
            f'style="stroke:{BAND_COLOURS[colour_key]}" stroke-width="1.5" stroke-dasharray="4 3"/>'
            f'<text x="{_WIDTH - _RIGHT - 2}" y="{_n(y - 3)}" text-anchor="end" '
            f'style="fill:{BAND_COLOURS[colour_key]}">{text(f"{state} {level:g}%")}</text>'
        )
    day = 86400.0
    labels = [(s, moment.strftime("%b %d")) for s, (moment, _) in zip(seconds, points, strict=True) if s % day == 0 or s == seconds[-1]]
    parts.extend(_x_labels(frame, _thin(labels, 7)))
    parts.append(_polyline(frame, list(zip(seconds, values, strict=True)), LINE))
    x, y = frame.x(seconds[-1]), frame.y(last)
    parts.append(f'<circle cx="{_n(x)}" cy="{_n(y)}" r="3.5" style="fill:{LINE}"/>')
    parts.append("</svg>")
    return "".join(parts)


# --- capacity projection -------------------------------------------------------------------------


def capacity_projection_chart(
    projection: Sequence[tuple[float, float]],
    *,
    chart_id: str,
    title: str,
    thresholds: Sequence[tuple[str, float]] = (),
    unit: str = "%",
) -> str:
    """Projected utilisation by month (month 0 = now) against horizontal thresholds.

    ``projection`` is (months from now, utilisation) pairs; ``thresholds`` are (label, level)
    lines such as the scale-up threshold and full capacity.
    """
    if not projection:
        return empty_chart(chart_id, title, "No growth forecast to project.")
    months = [m for m, _ in projection]
    values = [v for _, v in projection]
    levels = [level for _, level in thresholds]
    top = max([*values, *levels, 1.0])
    frame = _Frame(min(months), max(months) or 1, 0, top * 1.08)
    crossing = [
        f"{label} {'reached' if values[0] >= level else 'not reached'}" if values[-1] < level or values[0] >= level
        else f"{label} crossed"
        for label, level in thresholds
    ]
    desc = (
        f"Projected utilisation from {values[0]:.1f}{unit} now to {values[-1]:.1f}{unit} in {months[-1]:g} months"
        + (f"; {', '.join(crossing)}." if crossing else ".")
    )
    parts = svg_open(chart_id, title, desc, _WIDTH, _HEIGHT)
    parts.extend(_titles(frame, title, x_title="Months from now", y_title=f"Utilisation ({unit.strip()})"))
    parts.extend(_y_axis(frame, unit))
    colours = (BAND_COLOURS["warning"], BAND_COLOURS["exhausted"], BAND_COLOURS["critical"])
    for index, (label, level) in enumerate(thresholds):
        colour = colours[index % len(colours)]
        y = frame.y(level)
        parts.append(
            f'<line x1="{_LEFT}" x2="{_WIDTH - _RIGHT}" y1="{_n(y)}" y2="{_n(y)}" style="stroke:{colour}" '
            f'stroke-width="1.5" stroke-dasharray="4 3"/>'
            f'<text x="{_WIDTH - _RIGHT - 2}" y="{_n(y - 3)}" text-anchor="end" style="fill:{colour}">'
            f'{text(f"{label} {level:g}{unit}")}</text>'
        )
    parts.extend(_x_labels(frame, _thin([(m, f"+{m:g} mo" if m else "now") for m in months], 7)))
    parts.append(_polyline(frame, projection, LINE))
    parts.append("</svg>")
    return "".join(parts)


# --- incidents by month --------------------------------------------------------------------------


def incident_trend_chart(
    months: Sequence[str],
    counts: Mapping[str, Sequence[int]],
    *,
    chart_id: str,
    title: str,
) -> str:
    """Stacked bars: incidents per month, split by severity (``counts[severity][month index]``)."""
    if not months:
        return empty_chart(chart_id, title, "No incidents recorded.")
    severities = [sev for sev in counts if any(counts[sev])]
    totals = [sum(counts[sev][i] for sev in counts) for i in range(len(months))]
    frame = _Frame(-0.5, len(months) - 0.5, 0, max(max(totals), 1) * 1.1)
    desc = "Incidents per month: " + "; ".join(
        f"{month} {total}" + (
            " (" + ", ".join(f"{sev} {counts[sev][i]}" for sev in severities if counts[sev][i]) + ")" if total else ""
        )
        for i, (month, total) in enumerate(zip(months, totals, strict=True))
    )
    parts = svg_open(chart_id, title, desc, _WIDTH, _HEIGHT)
    parts.extend(_titles(frame, title, x_title="Month the incident started", y_title="Incidents"))
    parts.extend(_y_axis(frame, ""))
    bar = (frame.x(1) - frame.x(0)) * 0.6
    for i, month in enumerate(months):
        base = 0
        for sev in severities:
            value = counts[sev][i]
            if not value:
                continue
            top, bottom = frame.y(base + value), frame.y(base)
            colour = SEVERITY_COLOURS.get(sev, ACCENT)
            parts.append(
                f'<rect x="{_n(frame.x(i) - bar / 2)}" y="{_n(top)}" width="{_n(bar)}" height="{_n(bottom - top)}" '
                f'style="fill:{colour}"><title>{text(f"{month}: {value} {sev}")}</title></rect>'
            )
            base += value
    parts.extend(_x_labels(frame, _thin(list(enumerate(month_labels(months))), 12)))
    parts.extend(_legend([(sev, SEVERITY_COLOURS.get(sev, ACCENT)) for sev in severities], _WIDTH, _TOP - 14))
    parts.append("</svg>")
    return "".join(parts)


def timing_trend_chart(
    months: Sequence[str],
    series: Mapping[str, Sequence[float | None]],
    *,
    chart_id: str,
    title: str,
    unit: str = " min",
) -> str:
    """Lines per month (e.g. MTTD and MTTR in minutes); ``None`` months leave a gap in the line."""
    known = [v for values in series.values() for v in values if v is not None]
    if not months or not known:
        return empty_chart(chart_id, title, "No incident with the timestamps these figures need.")
    frame = _Frame(-0.5, len(months) - 0.5, 0, max(known) * 1.1 or 1)
    desc = "; ".join(
        f"{name}: " + ", ".join(f"{m} {v:.0f}{unit}" for m, v in zip(months, values, strict=True) if v is not None)
        for name, values in series.items()
    )
    parts = svg_open(chart_id, title, desc, _WIDTH, _HEIGHT)
    parts.extend(_titles(frame, title, x_title="Month the incidents started", y_title=f"Mean time ({unit.strip()})"))
    parts.extend(_y_axis(frame, ""))
    legend = []
    for index, (name, values) in enumerate(series.items()):
        colour = SERIES_COLOURS[index % len(SERIES_COLOURS)]
        legend.append((name, colour))
        run: list[tuple[float, float]] = []
        for i, value in enumerate([*values, None]):
            if value is None:
                if len(run) > 1:
                    parts.append(_polyline(frame, run, colour, dashed=index > 0))
                run = []
                continue
            run.append((i, value))
            parts.append(
                f'<circle cx="{_n(frame.x(i))}" cy="{_n(frame.y(value))}" r="3" style="fill:{colour}">'
                f'<title>{text(f"{name} {months[i]}: {value:.0f}{unit}")}</title></circle>'
            )
    parts.extend(_x_labels(frame, _thin(list(enumerate(month_labels(months))), 12)))
    parts.extend(_legend(legend, _WIDTH, _TOP - 14))
    parts.append("</svg>")
    return "".join(parts)


def factor_category_chart(counts: Sequence[tuple[str, int]], *, postmortems: int, chart_id: str, title: str) -> str:
    """Bars: contributing factors per fishbone category across ``postmortems`` postmortems (zeros drawn as gaps)."""
    total = sum(count for _, count in counts)
    if not counts or not total:
        return empty_chart(chart_id, title, "No postmortem names a contributing factor yet.")
    frame = _Frame(-0.5, len(counts) - 0.5, 0, max(count for _, count in counts) * 1.1)
    desc = (f"Contributing factors in {postmortems} postmortem{'s' if postmortems != 1 else ''}, {total} in all: "
            + "; ".join(f"{category} {count}" for category, count in counts))
    parts = svg_open(chart_id, title, desc, _WIDTH, _HEIGHT)
    parts.extend(_titles(frame, title, x_title="Fishbone category", y_title="Contributing factors (count)"))
    parts.extend(_y_axis(frame, ""))
    bar = (frame.x(1) - frame.x(0)) * 0.6
    for index, (category, count) in enumerate(counts):
        if not count:
            continue
        top, bottom = frame.y(count), frame.y(0)
        parts.append(
            f'<rect x="{_n(frame.x(index) - bar / 2)}" y="{_n(top)}" width="{_n(bar)}" height="{_n(bottom - top)}" '
            f'style="fill:{PRIMARY}"><title>{text(f"{category}: {count}")}</title></rect>'
        )
    parts.extend(_x_labels(frame, [(index, category) for index, (category, _) in enumerate(counts)]))
    parts.append("</svg>")
    return "".join(parts)
