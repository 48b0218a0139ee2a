"""The inline SVG charts: valid XML, accessible, self-contained, drawn from the data given."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest

from sre_docs.handbook import charts

NS = "{http://www.w3.org/2000/svg}"
_DAY = dt.timedelta(days=1)
START = dt.datetime(2026, 10, 29, tzinfo=dt.timezone.utc)


def _all_charts() -> dict[str, str]:
    return {
        "burn-down": charts.burn_down_chart([(START + i * _DAY, 100 - i * 2.5) for i in range(29)],
                                            chart_id="b", title="Budget <checkout>"),
        "burn-down-empty": charts.burn_down_chart([], chart_id="e", title="Nothing"),
        "capacity": charts.capacity_projection_chart([(m, 50 * 1.05 ** m) for m in range(13)], chart_id="c",
                                                     title="CPU", thresholds=[("scale-up", 80), ("full", 100)]),
        "incidents": charts.incident_trend_chart(["2026-09", "2026-10", "2026-11"],
                                                 {"SEV1": [0, 1, 0], "SEV2": [2, 0, 1], "SEV3": [1, 1, 1], "SEV4": [0, 0, 0]},
                                                 chart_id="i", title="Incidents"),
        "timing": charts.timing_trend_chart(["2026-09", "2026-10", "2026-11"], {"MTTD": [4, None, 6], "MTTR": [60, 90, 30]},
                                            chart_id="t", title="Timing"),
        "factors": charts.factor_category_chart([("people", 0), ("process", 7), ("technology", 7), ("<b>x</b>", 1)],
                                                postmortems=6, chart_id="f", title="Factors"),
        "factors-empty": charts.factor_category_chart([("people", 0)], postmortems=0, chart_id="g", title="None"),
        "dependencies": charts.dependency_diagram(
            ["web", "checkout", "payments", "ledger", "<img src=x>"],
            [charts.DependencyEdge("web", "checkout"), charts.DependencyEdge("checkout", "payments"),
             charts.DependencyEdge("payments", "ledger"), charts.DependencyEdge("ledger", "checkout")],
            chart_id="d", title="Map", focus="checkout", links={"web": "../web/", "payments": "../payments/"}),
    }


@pytest.mark.parametrize("name", list(_all_charts()))
def test_chart_is_valid_accessible_svg(name):
    svg = _all_charts()[name]
    root = ET.fromstring(svg)
    assert root.tag == f"{NS}svg"
    # An image's content is presentational, so a drawing with links is a group (axe: nested-interactive).
    has_links = root.find(f".//{NS}a") is not None
    assert root.get("role") == ("group" if has_links else "img")
    ids = root.get("aria-labelledby").split()
    found = {el.get("id") for el in root.iter() if el.get("id")}
    assert set(ids) <= found
    assert root.find(f"{NS}title") is not None and root.find(f"{NS}title").text
    assert root.find(f"{NS}desc") is not None and root.find(f"{NS}desc").text


@pytest.mark.parametrize("name", list(_all_charts()))
def test_chart_loads_nothing_from_outside(name):
    svg = _all_charts()[name]
    root = ET.fromstring(svg)
    for element in root.iter():
        tag = element.tag.removeprefix(NS)
        assert tag not in ("script", "image", "foreignObject", "style", "use", "iframe"), tag
        for attribute, value in element.attrib.items():
            assert not attribute.lower().startswith("on"), attribute
            if attribute.endswith("href"):
                assert not re.match(r"^\s*([a-z][a-z0-9+.-]*:|//)", value, re.I), value
            assert "url(http" not in value.replace(" ", "").lower() and "@import" not in value
    # The only absolute URL is the SVG namespace itself.
    assert re.findall(r"https?://[^\s\"']+", svg) == ["http://www.w3.org/2000/svg"]


def test_charts_use_theme_colours_not_fixed_ones():
    for name, svg in _all_charts().items():
        assert "currentColor" in svg, name
        for colour in re.findall(r"(?:fill|stroke):([^;\"]+)", svg):
            assert colour.startswith("var(--") or colour in ("none", "currentColor"), (name, colour)


def test_burn_down_follows_the_series():
    svg = charts.burn_down_chart([(START, 100.0), (START + _DAY, 60.0), (START + 2 * _DAY, 20.0)], chart_id="x", title="t")
    desc = ET.fromstring(svg).find(f"{NS}desc").text
    assert "starts at 100.0%" in desc and "ends at 20.0%" in desc
    points = re.search(r'<polyline points="([^"]+)"', svg).group(1).split()
    ys = [float(p.split(",")[1]) for p in points]
    assert ys == sorted(ys)  # lower budget is drawn lower (larger y)


def test_incident_bars_stack_to_the_monthly_total():
    svg = charts.incident_trend_chart(["2026-10"], {"SEV1": [1], "SEV2": [2], "SEV3": [0], "SEV4": [0]}, chart_id="x", title="t")
    assert len(re.findall(r"<rect [^>]*style=\"fill:var\(--sre-sev", svg)) == 4  # 2 bars + 2 legend swatches
    assert "2026-10 3 (SEV1 1, SEV2 2)" in ET.fromstring(svg).find(f"{NS}desc").text


def test_layered_layout_puts_callers_left_of_callees_and_survives_cycles():
    edges = [charts.DependencyEdge("web", "api"), charts.DependencyEdge("api", "db"), charts.DependencyEdge("db", "api"),
             charts.DependencyEdge("cron", "db")]
    columns = charts.layered_layout(["api", "cron", "db", "web"], edges)
    column_of = {node: i for i, column in enumerate(columns) for node in column}
    assert column_of["web"] < column_of["api"] < column_of["db"]
    assert sorted(n for c in columns for n in c) == ["api", "cron", "db", "web"]


def test_dependency_diagram_escapes_names_and_links_pages():
    svg = _all_charts()["dependencies"]
    assert "<img" not in svg and "&#60;img src&#61;x&#62;" in svg
    root = ET.fromstring(svg)
    links = [a.get("href") for a in root.iter(f"{NS}a")]
    assert sorted(links) == ["../payments/", "../web/"]  # the focus node is not a link to itself


def test_charts_name_their_axes_and_units_and_show_their_title():
    svg = _all_charts()
    texts = {name: [t.text or "".join(s.text or "" for s in t) for t in ET.fromstring(chart).iter(f"{NS}text")]
             for name, chart in svg.items()}
    assert {"Budget <checkout>", "Day (UTC)", "Budget left (%)"} <= set(texts["burn-down"])
    assert {"CPU", "Months from now", "Utilisation (%)"} <= set(texts["capacity"])
    assert {"Incidents", "Month the incident started"} <= set(texts["incidents"])
    assert {"Timing", "Month the incidents started", "Mean time (min)"} <= set(texts["timing"])
    assert {"Factors", "Fishbone category", "Contributing factors (count)", "process", "people"} <= set(texts["factors"])


def test_factor_bars_follow_the_counts():
    svg = _all_charts()["factors"]
    root = ET.fromstring(svg)
    # 7 + 7 + 1 = 15 factors; "people" has none and gets no bar, the label is still there.
    assert root.find(f"{NS}desc").text == ("Contributing factors in 6 postmortems, 15 in all: people 0; process 7; "
                                           "technology 7; <b>x</b> 1")
    bars = [(r.find(f"{NS}title").text, float(r.get("height"))) for r in root.iter(f"{NS}rect") if r.find(f"{NS}title") is not None]
    assert [name for name, _ in bars] == ["process: 7", "technology: 7", "<b>x</b>: 1"]
    assert bars[0][1] == bars[1][1] and abs(bars[2][1] * 7 - bars[0][1]) < 0.5  # heights in proportion 7 : 7 : 1
    assert "<b>" not in svg  # the label from YAML is escaped
    assert "No postmortem names a contributing factor yet&#46;" in _all_charts()["factors-empty"]


def test_month_labels_fit_under_a_chart():
    assert charts.month_labels(["2025-11", "2025-12", "2026-01", "2026-02"]) == [
        "Nov\n2025", "Dec", "Jan\n2026", "Feb"]
    assert charts.month_labels([]) == []
    assert charts.month_labels(["someday", "2026-13"]) == ["someday", "2026-13"]
    svg = charts.incident_trend_chart(["2025-12", "2026-01"], {"SEV1": [1, 0]}, chart_id="m", title="t")
    ticks = [t for t in ET.fromstring(svg).iter(f"{NS}text") if list(t)]  # tick labels are <tspan> lines
    assert [[s.text for s in t] for t in ticks] == [["Dec", "2025"], ["Jan", "2026"]]


def test_dependency_diagram_labels_event_consumers():
    svg = charts.dependency_diagram(
        ["checkout", "notifications", "payments"],
        [charts.DependencyEdge("notifications", "checkout", events=True), charts.DependencyEdge("checkout", "payments")],
        chart_id="ev", title="Map")
    root = ET.fromstring(svg)
    edges = [p.find(f"{NS}title").text for p in root.iter(f"{NS}path") if p.find(f"{NS}title") is not None]
    assert edges == ["notifications consumes events from checkout", "checkout calls payments"]
    assert root.find(f"{NS}desc").text == (
        "3 services, 1 call, 1 event subscription. notifications consumes events from checkout; checkout calls payments")
    dashed = [p for p in root.iter(f"{NS}path") if p.get("stroke-dasharray")]
    assert [p.find(f"{NS}title").text for p in dashed] == ["notifications consumes events from checkout"]
    assert root.get("role") == "img"  # no links given
    assert "min-width" not in root.get("style")  # scales down to fit its column
