"""Parity with Sloth: windows, factors and conditions of three SLOs beside the values Sloth documents.

The expected values are copied by hand from Sloth's documentation of its SLO period windows
(sloth.dev, "SLO period windows": the default 30-day and 28-day catalogues, which use the SRE
Workbook's budget shares, and the 7-day catalogue given there as a custom example). Sloth's
factor is ``errorBudgetPercent / 100 x period / longWindow`` and its condition, per window pair,
is ``error ratio over the short window > factor x (1 - objective)`` **and** the same over the long
window. The exported expressions are parsed back (promql-parser) rather than matched as text.
"""

from __future__ import annotations

from pathlib import Path

import promql_parser
import pytest

from integration_helpers import write_repo
from sre_docs.integrations.handbook_links import HandbookLinks, SiteSettings
from sre_docs.integrations.prometheus import prometheus_rules
from sre_docs.model.repository import load_repository

SLOS = """\
slo:
  name: thirty-days
  service: shop
  sli: requests
  target: 99.9
  window: 30d
---
slo:
  name: four-weeks
  service: shop
  sli: requests
  target: 99.95
  window: 28d
---
slo:
  name: one-week
  service: shop
  sli: requests
  target: 99.5
  window: 7d
  burn_rate_alerts:
    - {name: one-week-page-quick, burn_rate: 13.44, budget_consumed_pct: 8, short_window: 5m, long_window: 1h, severity: page}
    - {name: one-week-page-slow, burn_rate: 3.5, budget_consumed_pct: 12.5, short_window: 30m, long_window: 6h, severity: page}
    - {name: one-week-ticket-quick, burn_rate: 1.4, budget_consumed_pct: 20, short_window: 2h, long_window: 1d, severity: ticket}
    - {name: one-week-ticket-slow, burn_rate: 0.98, budget_consumed_pct: 42, short_window: 6h, long_window: 3d, severity: ticket}
"""

#: Sloth's documented values: (severity, short window, long window, factor), and the SLO's error budget ratio.
SLOTH = {
    "thirty-days": (0.001, [  # 1 - 0.999
        ("page", "5m", "1h", 14.4),       # 2% x 720h / 1h
        ("page", "30m", "6h", 6.0),       # 5% x 720h / 6h
        ("ticket", "2h", "1d", 3.0),      # 10% x 720h / 24h
        ("ticket", "6h", "3d", 1.0),      # 10% x 720h / 72h
    ]),
    "four-weeks": (0.0005, [  # 1 - 0.9995
        ("page", "5m", "1h", 13.44),      # 2% x 672h / 1h
        ("page", "30m", "6h", 5.6),       # 5% x 672h / 6h
        ("ticket", "2h", "1d", 2.8),      # 10% x 672h / 24h
        ("ticket", "6h", "3d", 0.9333),   # 10% x 672h / 72h = 0.9333...
    ]),
    "one-week": (0.005, [  # 1 - 0.995, Sloth's 7-day example catalogue
        ("page", "5m", "1h", 13.44),      # 8% x 168h / 1h
        ("page", "30m", "6h", 3.5),       # 12.5% x 168h / 6h
        ("ticket", "2h", "1d", 1.4),      # 20% x 168h / 24h
        ("ticket", "6h", "3d", 0.98),     # 42% x 168h / 72h
    ]),
}


def _pair(expr: str) -> tuple[str, str, float, float]:
    """(short window, long window, factor, budget) from an exported ``long > (f * b) and short > (f * b)``."""
    tree = promql_parser.parse(expr)
    assert str(tree.op) == "and"
    sides = []
    for side in (tree.lhs, tree.rhs):
        assert str(side.op) == ">" and (side.modifier is None or not side.modifier.return_bool)
        product = side.rhs.expr
        assert str(product.op) == "*"
        window = str(side.lhs.name).removeprefix("slo:sli_error:ratio_rate")
        sides.append((window, product.lhs.val, product.rhs.val))
    (long_window, factor, budget), (short_window, factor_short, budget_short) = sides
    assert (factor, budget) == (factor_short, budget_short)  # one threshold for both windows, as in Sloth
    return short_window, long_window, factor, budget


@pytest.fixture
def exported(tmp_path: Path):
    root = write_repo(tmp_path / "repo", {
        "services/shop/service.yaml": "service:\n  name: shop\n  tier: critical\n  owner_team: web\n",
        "services/shop/slis.yaml": "sli:\n  name: requests\n  type: availability\n  prometheus:\n"
                                   "    bad_events: sum(rate(http_requests_total{code=~\"5..\"}[5m]))\n"
                                   "    total_events: sum(rate(http_requests_total[5m]))\n",
        "services/shop/slos.yaml": SLOS,
    })
    repo = load_repository(root)
    export = prometheus_rules(repo, HandbookLinks(repo, SiteSettings(None)))
    return {group["name"].rsplit(":", 1)[1]: group["rules"] for group in export.files["shop"]["groups"]}


@pytest.mark.parametrize("slo", sorted(SLOTH))
def test_windows_factors_and_conditions_match_sloths_documented_values(exported, slo):
    budget, expected = SLOTH[slo]
    alerts = [rule for rule in exported[slo] if "alert" in rule]
    got = []
    for rule in alerts:
        short_window, long_window, factor, threshold_budget = _pair(rule["expr"])
        assert threshold_budget == pytest.approx(budget, abs=1e-12)
        got.append((rule["labels"]["severity"], short_window, long_window, factor))
    assert [(s, sw, lw) for s, sw, lw, _ in got] == [(s, sw, lw) for s, sw, lw, _ in expected]
    assert [f for *_, f in got] == pytest.approx([f for *_, f in expected], abs=5e-5)


def test_metadata_records_match_sloths_names(exported):
    records = [rule["record"] for rule in exported["thirty-days"] if "record" in rule]
    # Sloth's SLO metadata recording rules, by name.
    for name in ("slo:objective:ratio", "slo:error_budget:ratio", "slo:time_period:days",
                 "slo:current_burn_rate:ratio", "slo:period_burn_rate:ratio",
                 "slo:period_error_budget_remaining:ratio", "slo:sli_error:ratio_rate30d"):
        assert name in records
