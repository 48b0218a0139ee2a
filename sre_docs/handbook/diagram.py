"""The dependency diagram: services as boxes in columns, an arrow from each caller to what it calls.

The layout is a small layered (Sugiyama-style) one computed here, with no JavaScript and
nothing loaded: columns by the longest chain of callers, waypoints where an arrow skips a
column so that it runs between boxes rather than through them, and a few barycentre sweeps
to keep lines from crossing.
"""

from __future__ import annotations

from itertools import pairwise
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sre_docs.handbook.markup import attr, text
from sre_docs.handbook.svg import LINE, WIDTH, coordinate as _n, empty_chart, svg_open
from sre_docs.words import counted

__all__ = ["DependencyEdge", "dependency_diagram", "layered_layout"]


@dataclass(frozen=True)
class DependencyEdge:
    """``caller`` sends requests to ``callee`` (``callee`` is upstream of ``caller``).

    ``events``: the caller consumes the callee's events rather than calling it (the arrow
    still points from consumer to producer: the consumer depends on the producer).
    """

    caller: str
    callee: str
    events: bool = False


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
            for left, right in pairwise(chain):
                neighbours[left].append(right)
                neighbours[right].append(left)
            if waypoints:
                routes[DependencyEdge(caller, callee)] = waypoints
    for _ in range(sweeps):
        for index in range(1, len(columns)):
            position = {node: i for i, node in enumerate(columns[index - 1])}
            columns[index].sort(key=lambda node: (_barycentre(neighbours[node], position), str(node)))
    return columns, routes


def _barycentre(neighbours: Sequence[object], position: Mapping[Any, int]) -> float:
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


#: Box and gap sizes of the diagram, in SVG units (the drawing scales to fit its column).
_BOX_W, _BOX_H, _GAP_X, _GAP_Y = 136, 38, 56, 14


def _verb(edge: DependencyEdge) -> str:
    return "consumes events from" if edge.events else "calls"


def _positions(columns: Sequence[Sequence[object]]) -> tuple[dict[object, tuple[float, float]], int, int]:
    """Top-left corner of every box and waypoint, and the drawing's width and height."""
    rows = max(len(column) for column in columns)
    width = max(WIDTH, 20 + len(columns) * (_BOX_W + _GAP_X) - _GAP_X + 20)
    height = 40 + rows * (_BOX_H + _GAP_Y)
    place: dict[object, tuple[float, float]] = {}
    for c, column in enumerate(columns):
        offset = (rows - len(column)) * (_BOX_H + _GAP_Y) / 2
        for r, node in enumerate(column):
            place[node] = (20 + c * (_BOX_W + _GAP_X), 30 + offset + r * (_BOX_H + _GAP_Y))
    return place, width, height


def _edge_path(edge: DependencyEdge, place: Mapping[object, tuple[float, float]], waypoints: Sequence[object]) -> str:
    """The SVG path of one arrow: through its waypoints, or looping under the boxes when it points backwards."""
    (x1, y1), (x2, y2) = place[edge.caller], place[edge.callee]
    start_x, start_y = x1 + _BOX_W, y1 + _BOX_H / 2
    end_x, end_y = x2, y2 + _BOX_H / 2
    if end_x <= start_x:  # a call back to an earlier column (a cycle): loop under the boxes
        start_x, end_x = x1 + _BOX_W / 2, x2 + _BOX_W / 2
        start_y, end_y = y1 + _BOX_H, y2 + _BOX_H
        bend = max(start_y, end_y) + _GAP_Y + 6
        return f"M{_n(start_x)},{_n(start_y)} C{_n(start_x)},{_n(bend)} {_n(end_x)},{_n(bend)} {_n(end_x)},{_n(end_y)}"
    # Through each waypoint: a curve between columns, a straight run across a column.
    stops = [(start_x, start_y)]
    for waypoint in waypoints:
        x, y = place[waypoint]
        stops += [(x, y + _BOX_H / 2), (x + _BOX_W, y + _BOX_H / 2)]
    stops.append((end_x, end_y))
    path = f"M{_n(stops[0][0])},{_n(stops[0][1])}"
    for i in range(1, len(stops)):
        (ax, ay), (bx, by) = stops[i - 1], stops[i]
        if i % 2:  # from a right edge to the next left edge: curve
            mid = (ax + bx) / 2
            path += f" C{_n(mid)},{_n(ay)} {_n(mid)},{_n(by)} {_n(bx)},{_n(by)}"
        else:
            path += f" L{_n(bx)},{_n(by)}"
    return path


def _node(node: str, x: float, y: float, *, focus: bool, known: bool, sub: str, href: str | None) -> str:
    """One service box with its name, its second line, a tooltip and (for other services) a link."""
    stroke = LINE if focus else "currentColor"
    dashes = "" if known else ' stroke-dasharray="4 3"'
    fill = LINE if focus else "none"
    box = (
        f'<rect x="{_n(x)}" y="{_n(y)}" width="{_BOX_W}" height="{_BOX_H}" rx="5" '
        f'style="stroke:{stroke};fill:{fill};fill-opacity:{0.15 if focus else 0}" '
        f'stroke-width="{2.5 if focus else 1.2}"{dashes}/>'
    )
    name = node if len(node) <= 20 else node[:19] + "…"
    label = (
        f'<text x="{_n(x + _BOX_W / 2)}" y="{_n(y + (16 if sub else 23))}" text-anchor="middle" fill="currentColor" '
        f'font-weight="{700 if focus else 400}">{text(name)}</text>'
    )
    if sub:
        label += (
            f'<text x="{_n(x + _BOX_W / 2)}" y="{_n(y + 30)}" text-anchor="middle" fill="currentColor" '
            f'fill-opacity="0.8" font-size="10">{text(sub)}</text>'
        )
    tooltip = f"<title>{text(node + (' (' + sub + ')' if sub else ''))}</title>"
    if href and not focus:
        return f'<a href="{attr(href)}">{tooltip}{box}{label}</a>'
    return f"<g>{tooltip}{box}{label}</g>"


def _count(n: int, noun: str) -> str:
    return counted(n, noun)


def _description(nodes: Sequence[str], drawn: Sequence[DependencyEdge]) -> str:
    events = sum(1 for e in drawn if e.events)
    counts = f"{_count(len(nodes), 'service')}, {_count(len(drawn) - events, 'call')}" + (
        f", {_count(events, 'event subscription')}" if events else "")
    return f"{counts}. " + "; ".join(f"{e.caller} {_verb(e)} {e.callee}" for e in drawn[:60]) + ("; …" if len(drawn) > 60 else "")


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

    An event consumer's arrow is dashed and reads "consumes events from". ``focus`` is drawn
    in the primary colour; ``links`` maps a node to a (relative) page URL so a click opens that
    service's page; ``labels`` gives a second, smaller line per box (e.g. the tier). Nodes
    without a page (named in a dependency list but not in the repo) are drawn dashed. The
    drawing scales down to fit its column; with links it is a ``group`` rather than an
    ``img``, since an image must not hold links.
    """
    if not nodes:
        return empty_chart(chart_id, title, "No dependencies declared.")
    columns, routes = _layout(nodes, edges)
    place, width, height = _positions(columns)
    links = links or {}
    labels = labels or {}
    drawn = [e for e in dict.fromkeys(edges) if e.caller in place and e.callee in place and e.caller != e.callee]
    linked = any(n in links and n != focus for n in nodes)
    parts = svg_open(chart_id, title, _description(nodes, drawn), width, height, role="group" if linked else "img")
    marker = f"{attr(chart_id)}-arrow"
    parts.append(
        f'<defs><marker id="{marker}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
        f'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="currentColor"/></marker></defs>'
    )
    for edge in drawn:
        path = _edge_path(edge, place, routes.get(DependencyEdge(edge.caller, edge.callee), []))
        dashes = ' stroke-dasharray="6 4"' if edge.events else ""
        parts.append(
            f'<path d="{path}" fill="none" stroke="currentColor" stroke-opacity="0.6" stroke-width="1.3"{dashes} '
            f'marker-end="url(#{marker})"><title>{text(f"{edge.caller} {_verb(edge)} {edge.callee}")}</title></path>'
        )
    for node in nodes:
        x, y = place[node]
        parts.append(_node(node, x, y, focus=node == focus, known=node in links or node == focus,
                           sub=labels.get(node, ""), href=links.get(node)))
    if any(e.events for e in drawn):
        parts.append(
            '<g aria-hidden="true"><line x1="20" y1="14" x2="50" y2="14" stroke="currentColor" stroke-dasharray="6 4"/>'
            '<text x="56" y="18" fill="currentColor">consumes events from</text>'
            '<line x1="200" y1="14" x2="230" y2="14" stroke="currentColor"/>'
            '<text x="236" y="18" fill="currentColor">calls</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)
