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
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sre_docs.handbook.markup import attr, text

__all__ = [
    "BAND_COLOURS",
    "SEVERITY_COLOURS",
    "DependencyEdge",
    "burn_down_chart",
    "capacity_projection_chart",
    "dependency_diagram",
    "incident_trend_chart",
    "layered_layout",
    "timing_trend_chart",
]

#: Material's link colour is tuned for contrast in both palettes; the primary colour is not (indigo on slate).
PRIMARY = "var(--md-typeset-a-color, var(--md-primary-fg-color, #4051b5))"
ACCENT = "var(--md-accent-fg-color, #526cfe)"
BAND_COLOURS = {
    "healthy": "var(--sre-healthy, #2e7d32)",
    "warning": "var(--sre-warning, #f9a825)",
    "critical": "var(--sre-critical, #ef6c00)",
    "exhausted": "var(--sre-exhausted, #c62828)",
}
SEVERITY_COLOURS = {
    "SEV1": "var(--sre-sev1, #c62828)",
    "SEV2": "var(--sre-sev2, #ef6c00)",
    "SEV3": "var(--sre-sev3, #f9a825)",
    "SEV4": "var(--sre-sev4, #78909c)",
}
SERIES_COLOURS = (PRIMARY, "var(--sre-series-2, #00897b)", "var(--sre-series-3, #8e24aa)")

_WIDTH, _HEIGHT = 640, 260
_LEFT, _RIGHT, _TOP, _BOTTOM = 52, 30, 16, 40


def _n(value: float) -> str:
    """A coordinate, rounded to a tenth and without a trailing ``.0``."""
    rounded = round(value, 1)
    return str(int(rounded)) if rounded == int(rounded) else str(rounded)


def _open(chart_id: str, title: str, desc: str, width: int, height: int, *, min_scale: float = 0.0) -> list[str]:
    """The ``<svg>`` start tag with title and description. ``min_scale`` keeps a wide diagram from
    shrinking below that share of its natural size (the page scrolls sideways instead)."""
    ident = attr(chart_id)
    floor = f"min-width:{int(width * min_scale)}px;" if min_scale else ""
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="sre-chart" viewBox="0 0 {width} {height}" '
        f'width="100%" style="max-width:{width}px;{floor}color:inherit" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" font-family="inherit" font-size="11">',
        f'<title id="{ident}-title">{text(title)}</title>',
        f'<desc id="{ident}-desc">{text(desc)}</desc>',
    ]


def _empty(chart_id: str, title: str, message: str) -> str:
    parts = _open(chart_id, title, message, _WIDTH, 60)
    parts.append(f'<text x="{_WIDTH // 2}" y="34" text-anchor="middle" fill="currentColor">{text(message)}</text>')
    parts.append("</svg>")
    return "".join(parts)


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
    parts = [
        f'<line x1="{_LEFT}" x2="{frame.width - _RIGHT}" y1="{frame.height - _BOTTOM}" y2="{frame.height - _BOTTOM}" '
        f'stroke="currentColor" stroke-opacity="0.5"/>'
    ]
    for position, label in labels:
        parts.append(
            f'<text x="{_n(frame.x(position))}" y="{frame.height - _BOTTOM + 16}" text-anchor="middle" '
            f'fill="currentColor">{text(label)}</text>'
        )
    return parts


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
    parts, x = [], _LEFT
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

    ``points`` are (moment, remaining %) oldest first, as :func:`sre_docs.calc.evidence.burn_down_series`
    returns them. ``thresholds`` maps ``healthy``/``warning``/``exhausted`` to the percentages where
    those states begin (50 / 25 / 0 by default) and draws them as dashed lines.
    """
    if not points:
        return _empty(chart_id, title, "No budget evidence (measurements or incidents) in this window.")
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
    parts = _open(chart_id, title, desc, _WIDTH, _HEIGHT)
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
    labels = [(s, moment.strftime("%b %d")) for s, (moment, _) in zip(seconds, points) if s % day == 0 or s == seconds[-1]]
    parts.extend(_x_labels(frame, _thin(labels, 7)))
    parts.append(_polyline(frame, list(zip(seconds, values)), PRIMARY))
    x, y = frame.x(seconds[-1]), frame.y(last)
    parts.append(f'<circle cx="{_n(x)}" cy="{_n(y)}" r="3.5" style="fill:{PRIMARY}"/>')
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
        return _empty(chart_id, title, "No growth forecast to project.")
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
    parts = _open(chart_id, title, desc, _WIDTH, _HEIGHT)
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
    parts.append(_polyline(frame, projection, PRIMARY))
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
        return _empty(chart_id, title, "No incidents recorded.")
    severities = [sev for sev in counts if any(counts[sev])]
    totals = [sum(counts[sev][i] for sev in counts) for i in range(len(months))]
    frame = _Frame(-0.5, len(months) - 0.5, 0, max(max(totals), 1) * 1.1)
    desc = "Incidents per month: " + "; ".join(
        f"{month} {total}" + (
            " (" + ", ".join(f"{sev} {counts[sev][i]}" for sev in severities if counts[sev][i]) + ")" if total else ""
        )
        for i, (month, total) in enumerate(zip(months, totals))
    )
    parts = _open(chart_id, title, desc, _WIDTH, _HEIGHT)
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
    parts.extend(_x_labels(frame, _thin([(i, m) for i, m in enumerate(months)], 12)))
    parts.extend(_legend([(sev, SEVERITY_COLOURS.get(sev, ACCENT)) for sev in severities], _WIDTH, _TOP + 4))
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
        return _empty(chart_id, title, "No incident with the timestamps these figures need.")
    frame = _Frame(-0.5, len(months) - 0.5, 0, max(known) * 1.1 or 1)
    desc = "; ".join(
        f"{name}: " + ", ".join(f"{m} {v:.0f}{unit}" for m, v in zip(months, values) if v is not None)
        for name, values in series.items()
    )
    parts = _open(chart_id, title, desc, _WIDTH, _HEIGHT)
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
    parts.extend(_x_labels(frame, _thin([(i, m) for i, m in enumerate(months)], 12)))
    parts.extend(_legend(legend, _WIDTH, _TOP + 4))
    parts.append("</svg>")
    return "".join(parts)


# --- dependency diagram --------------------------------------------------------------------------


@dataclass(frozen=True)
class DependencyEdge:
    """``caller`` sends requests to ``callee`` (``callee`` is upstream of ``caller``)."""

    caller: str
    callee: str


def layered_layout(nodes: Sequence[str], edges: Sequence[DependencyEdge], *, sweeps: int = 4) -> list[list[str]]:
    """Columns of nodes, callers to the left of what they call.

    A node's column is the longest chain of callers above it (edges closing a cycle are
    ignored for this). Within a column, nodes are ordered by the mean position of their
    neighbours in the previous column, a few sweeps left-to-right (the barycentre heuristic),
    which keeps most lines from crossing. Ties keep name order, so the layout is stable.
    """
    columns, _ = _layout(nodes, edges, sweeps=sweeps)
    return [[n for n in column if isinstance(n, str)] for column in columns]


_Waypoint = tuple[str, str, str, int]  # ("~", caller, callee, column): where a long edge crosses a column


def _layout(
    nodes: Sequence[str], edges: Sequence[DependencyEdge], *, sweeps: int = 4
) -> tuple[list[list[str | _Waypoint]], dict[DependencyEdge, list[_Waypoint]]]:
    """Columns including waypoints for edges that skip columns, and each such edge's waypoints.

    Waypoints take a slot in every column an edge passes, so the edge runs between boxes
    rather than through them (the dummy nodes of a Sugiyama layout).
    """
    present = set(nodes)
    outgoing: dict[str, list[str]] = {node: [] for node in nodes}
    for edge in edges:
        if edge.caller in present and edge.callee in present and edge.caller != edge.callee:
            outgoing[edge.caller].append(edge.callee)
    acyclic = _drop_back_edges(sorted(nodes), outgoing)
    incoming: dict[str, list[str]] = {node: [] for node in nodes}
    for caller, callees in acyclic.items():
        for callee in callees:
            incoming[callee].append(caller)
    layer: dict[str, int] = {}
    for node in _topological(sorted(nodes), acyclic, incoming):
        layer[node] = max((layer[caller] + 1 for caller in incoming[node]), default=0)
    columns: list[list[str | _Waypoint]] = [[] for _ in range(max(layer.values(), default=-1) + 1)]
    for node in sorted(nodes):
        columns[layer[node]].append(node)
    neighbours: dict[str | _Waypoint, list[str | _Waypoint]] = {node: [] for node in nodes}
    routes: dict[DependencyEdge, list[_Waypoint]] = {}
    for caller in sorted(acyclic):
        for callee in sorted(set(acyclic[caller])):
            chain: list[str | _Waypoint] = [caller]
            waypoints = [("~", caller, callee, c) for c in range(layer[caller] + 1, layer[callee])]
            for waypoint in waypoints:
                columns[waypoint[3]].append(waypoint)
                neighbours[waypoint] = []
            chain.extend(waypoints)
            chain.append(callee)
            for left, right in zip(chain, chain[1:]):
                neighbours[left].append(right)
                neighbours[right].append(left)
            if waypoints:
                routes[DependencyEdge(caller, callee)] = waypoints
    for _ in range(sweeps):
        for index in range(1, len(columns)):
            position = {node: i for i, node in enumerate(columns[index - 1])}
            columns[index].sort(key=lambda node: (_barycentre(neighbours[node], position), str(node)))
    return columns, routes


def _barycentre(neighbours: Sequence[object], position: Mapping[object, int]) -> float:
    placed = [position[n] for n in neighbours if n in position]
    return sum(placed) / len(placed) if placed else math.inf


def _drop_back_edges(nodes: list[str], outgoing: Mapping[str, list[str]]) -> dict[str, list[str]]:
    kept: dict[str, list[str]] = {node: [] for node in nodes}
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    for root in nodes:
        if root in state:
            continue
        stack = [(root, iter(sorted(set(outgoing[root]))))]
        state[root] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
            elif state.get(child) == 1:
                continue  # closes a cycle: leave it out of the layering
            else:
                kept[node].append(child)
                if child not in state:
                    state[child] = 1
                    stack.append((child, iter(sorted(set(outgoing[child])))))
    return kept


def _topological(nodes: list[str], outgoing: Mapping[str, list[str]], incoming: Mapping[str, list[str]]) -> list[str]:
    waiting = {node: len(incoming[node]) for node in nodes}
    ready = [node for node in nodes if waiting[node] == 0]
    order = []
    while ready:
        node = ready.pop(0)
        order.append(node)
        for callee in outgoing[node]:
            waiting[callee] -= 1
            if waiting[callee] == 0:
                ready.append(callee)
    return order


def dependency_diagram(
    nodes: Sequence[str],
    edges: Sequence[DependencyEdge],
    *,
    chart_id: str,
    title: str,
    focus: str | None = None,
    links: Mapping[str, str] | None = None,
    labels: Mapping[str, str] | None = None,
) -> str:
    """Services as boxes in columns, an arrow from each caller to each service it calls.

    ``focus`` is drawn in the primary colour; ``links`` maps a node to a (relative) page URL
    so a click opens that service's page; ``labels`` gives a second, smaller line per box
    (e.g. the tier). Nodes without a page (named in a dependency list but not in the repo)
    are drawn dashed.
    """
    if not nodes:
        return _empty(chart_id, title, "No dependencies declared.")
    columns, routes = _layout(nodes, edges)
    box_w, box_h, gap_x, gap_y = 136, 38, 56, 14
    rows = max(len(column) for column in columns)
    width = max(_WIDTH, 20 + len(columns) * (box_w + gap_x) - gap_x + 20)
    height = 40 + rows * (box_h + gap_y)
    place: dict[object, tuple[float, float]] = {}
    for c, column in enumerate(columns):
        offset = (rows - len(column)) * (box_h + gap_y) / 2
        for r, node in enumerate(column):
            place[node] = (20 + c * (box_w + gap_x), 30 + offset + r * (box_h + gap_y))
    links = links or {}
    labels = labels or {}
    drawn = [e for e in dict.fromkeys(edges) if e.caller in place and e.callee in place and e.caller != e.callee]
    desc = f"{len(nodes)} services, {len(drawn)} calls. " + "; ".join(
        f"{e.caller} calls {e.callee}" for e in drawn[:60]
    ) + ("; …" if len(drawn) > 60 else "")
    parts = _open(chart_id, title, desc, width, height, min_scale=0.8)
    marker = f"{attr(chart_id)}-arrow"
    parts.append(
        f'<defs><marker id="{marker}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
        f'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="currentColor"/></marker></defs>'
    )
    for edge in drawn:
        (x1, y1), (x2, y2) = place[edge.caller], place[edge.callee]
        start_x, start_y = x1 + box_w, y1 + box_h / 2
        end_x, end_y = x2, y2 + box_h / 2
        if end_x <= start_x:  # a call back to an earlier column (a cycle): loop under the boxes
            start_x, end_x = x1 + box_w / 2, x2 + box_w / 2
            start_y, end_y = y1 + box_h, y2 + box_h
            bend = max(start_y, end_y) + gap_y + 6
            path = f"M{_n(start_x)},{_n(start_y)} C{_n(start_x)},{_n(bend)} {_n(end_x)},{_n(bend)} {_n(end_x)},{_n(end_y)}"
        else:
            # Through each waypoint: a curve between columns, a straight run across a column.
            stops = [(start_x, start_y)]
            for waypoint in routes.get(edge, []):
                x, y = place[waypoint]
                stops += [(x, y + box_h / 2), (x + box_w, y + box_h / 2)]
            stops.append((end_x, end_y))
            path = f"M{_n(stops[0][0])},{_n(stops[0][1])}"
            for i in range(1, len(stops)):
                (ax, ay), (bx, by) = stops[i - 1], stops[i]
                if i % 2:  # from a right edge to the next left edge: curve
                    mid = (ax + bx) / 2
                    path += f" C{_n(mid)},{_n(ay)} {_n(mid)},{_n(by)} {_n(bx)},{_n(by)}"
                else:
                    path += f" L{_n(bx)},{_n(by)}"
        parts.append(
            f'<path d="{path}" fill="none" stroke="currentColor" stroke-opacity="0.55" stroke-width="1.3" '
            f'marker-end="url(#{marker})"><title>{text(f"{edge.caller} calls {edge.callee}")}</title></path>'
        )
    for node in nodes:
        x, y = place[node]
        is_focus = node == focus
        known = node in links or is_focus
        stroke = PRIMARY if is_focus else "currentColor"
        dashes = "" if known else ' stroke-dasharray="4 3"'
        fill = PRIMARY if is_focus else "none"
        box = (
            f'<rect x="{_n(x)}" y="{_n(y)}" width="{box_w}" height="{box_h}" rx="5" '
            f'style="stroke:{stroke};fill:{fill};fill-opacity:{0.15 if is_focus else 0}" '
            f'stroke-width="{2.5 if is_focus else 1.2}"{dashes}/>'
        )
        name = node if len(node) <= 20 else node[:19] + "…"
        sub = labels.get(node, "")
        label = (
            f'<text x="{_n(x + box_w / 2)}" y="{_n(y + (16 if sub else 23))}" text-anchor="middle" fill="currentColor" '
            f'font-weight="{700 if is_focus else 400}">{text(name)}</text>'
        )
        if sub:
            label += (
                f'<text x="{_n(x + box_w / 2)}" y="{_n(y + 30)}" text-anchor="middle" fill="currentColor" '
                f'fill-opacity="0.7" font-size="10">{text(sub)}</text>'
            )
        tooltip = f"<title>{text(node + (' (' + sub + ')' if sub else ''))}</title>"
        href = links.get(node)
        if href and not is_focus:
            parts.append(f'<a href="{attr(href)}">{tooltip}{box}{label}</a>')
        else:
            parts.append(f"<g>{tooltip}{box}{label}</g>")
    parts.append("</svg>")
    return "".join(parts)
