"""Issue 12: on-call and capacity figures from one function each (``model/oncall_figures.py``,
``model/capacity_figures.py``), pinned on every surface against values worked by hand.

Before, the surfaces disagreed at these edges:

- the scorecard counted the ``primary`` layer (5) where the CLI, the pages and ONC001 counted ``members`` (6), and
  weighed the page load over the primary layer only;
- a ``health`` row for a month still to come was read by the CLI, the pages and ONC002, but not by the scorecard;
- the scorecard judged a model's runway by its instances even with auto-scaling off, where CAP001 judged it by the
  scale-up threshold; and it called a threshold reached exactly at the horizon "fits" where CAP001 called it short;
- ``sre-docs capacity`` showed 100 minus the peak as the headroom while CAP001 read the stated ``headroom_pct``.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from pathlib import Path

from sre_docs.handbook import org_pages
from sre_docs.handbook.page_facts import Clock
from sre_docs.handbook.service_page import build_service_page
from sre_docs.handbook.site import Site
from sre_docs.lint.config import load_config
from sre_docs.lint.engine import lint
from sre_docs.model.repository import load_repository

TODAY = dt.date(2026, 11, 26)

ROTATION = """\
oncall_rotation:
  name: payments-primary
  team: payments
  members: [amara, jonas, li-wei, sofia, noah, tomas]
  primary: [amara, jonas, li-wei, sofia, noah]
  secondary: [noah, amara, jonas, li-wei, sofia]
  escalation:
    contact: payments engineering manager
  health:
    - period: 2026-10
      pages_per_shift: 1
    - period: 2026-11
      pages_per_shift: 6
      time_to_acknowledge_min: 15
      satisfaction: 2.5
      pages_by_member: {amara: 4, jonas: 2, li-wei: 1, sofia: 1, noah: 0, kim: 4}
    - period: 2026-12
      pages_per_shift: 9
"""


def _findings(root: Path, code: str) -> list[tuple[str, int, int, str]]:
    return [(f.path, f.line, f.column, f.message) for f in lint(root, load_config(root), use_git=False).findings
            if f.code == code]


def _criteria(cli, root: Path, service: str) -> dict[str, tuple[bool, str]]:
    result = cli(root, "assess", service, "--json")
    assert result.code == 0, result.err
    return {c["id"]: (c["met"], c["detail"]) for dim in json.loads(result.out)["scorecard"]["dimensions"]
            for c in dim["criteria"]}


def test_a_rotation_reads_the_same_on_every_surface(repo: Path, cli) -> None:
    """People: amara, jonas, li-wei, sofia, noah, tomas = 6 (tomas is not on the primary layer yet): at least 5.

    Latest period: 2026-11; the 2026-12 row is after today (2026-11-26) and is not read.
    Figures of 2026-11: 6 pages a shift is critical (above 5); 15 min to acknowledge is warning (critical is above
    15); satisfaction 2.5 is critical (below 3).
    Page load: the six members (tomas with 0) plus kim, who left but took 4 pages: 4+2+1+1+0+0+4 = 12 pages over
    7 people, a mean of 12 / 7 = 1.714; the busiest took 4, 4 / 1.714 = 2.333x (2.33, shown 2.3x on the pages).
    """
    (repo / "org/oncall/payments-primary.yaml").write_text(ROTATION, encoding="utf-8")
    health = json.loads(cli(repo, "oncall", "health", "--json").out)["rotations"][0]
    assert (health["period"], health["status"], health["rotation_size_ok"], health["page_load_imbalance"]) == (
        "2026-11", "critical", True, 2.33)
    assert [(m["id"], m["value"], m["health"]) for m in health["metrics"]] == [
        ("pages_per_shift", 6.0, "critical"), ("time_to_acknowledge_min", 15.0, "warning"), ("satisfaction", 2.5, "critical")]
    assert len(health["members"]) == 6 and health["pages_by_member"]["tomas"] == 0 and health["pages_by_member"]["kim"] == 4
    # ONC002: the two critical figures of 2026-11 (the list's second row, lines 13 and 15), none from 2026-12.
    assert _findings(repo, "ONC002") == [
        ("org/oncall/payments-primary.yaml", 13, 24, "pages per shift was 6 in 2026-11: critical (>5 pages); healthy is <2 pages"),
        ("org/oncall/payments-primary.yaml", 15, 21, "on-call satisfaction was 2.5 in 2026-11: critical (<3 of 5); "
                                                     "healthy is >4 of 5"),
    ]
    assert _findings(repo, "ONC001") == []  # 6 people, a secondary layer
    # The scorecard of checkout, whose catalog names the rotation.
    criteria = _criteria(cli, repo, "checkout")
    assert criteria["rotation-of-five"] == (True, "6 people on the rotation `payments-primary`")
    assert criteria["under-five-pages"] == (False, "6 pages per shift in 2026-11 (needs under 5)")
    assert criteria["balanced-load"] == (False, "busiest member took 2.33x the mean in 2026-11")
    # The on-call page's summary row and checkout's page.
    site = Site(repo=load_repository(repo), findings=[], clock=Clock(TODAY))
    page = html.unescape(org_pages.build_oncall(site).markdown)
    assert ("| [payments-primary](#payments-primary) | payments | 6 | <span class=\"sre-badge sre-badge--pass\">yes</span> "
            "| <span class=\"sre-badge sre-badge--pass\">yes</span> | <span class=\"sre-badge sre-badge--critical\">critical"
            "</span> | 2.3x |") in page
    service = html.unescape(build_service_page(site, site.repo.services["checkout"], []).markdown)
    assert "(team payments): 6 people, primary and secondary layers." in service
    assert "| Health in 2026-11 | Value | Status |" in service and "| Pages per shift | 6 pages |" in service
    assert "| Busiest member vs the mean | 2.3x | — |" in service


def _capacity(repo: Path, old: str, new: str) -> None:
    path = repo / "services/checkout/capacity.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_without_auto_scaling_the_runway_is_the_threshold_everywhere(repo: Path, cli) -> None:
    """checkout: peak 62%, threshold 70%, 4% a month, 9 of at most 12 instances, auto-scaling now off.

    Months to 70%: ln(70 / 62) / ln(1.04) = 0.12136 / 0.03922 = 3.09 -> 3.1, within 6: short.
    (By instances it would fit: 62 x 1.04^6 = 78.45%, ceil(9 x 78.45 / 70) = ceil(10.09) = 11 <= 12.)
    """
    _capacity(repo, "auto_scaling: true", "auto_scaling: false")
    plan = json.loads(cli(repo, "capacity", "checkout", "--json").out)["models"][0]
    assert (plan["months_to_threshold"], plan["auto_scaling"], plan["instances"]["6mo"]) == (3.1, False, 11)
    assert _findings(repo, "CAP001") == [
        ("services/checkout/capacity.yaml", 5, 27,
         "peak utilisation 62% growing 4% a month reaches the 70% scale-up threshold in 3.1 months")]
    assert _criteria(cli, repo, "checkout")["headroom-holds"] == (False, "forecast growth outruns capacity within 6 months")


def test_a_threshold_reached_exactly_at_the_horizon_is_short_everywhere(repo: Path, cli) -> None:
    """Peak 1%, growing 100% a month (doubling), threshold 64%: 2^6 = 64, so ln(64) / ln(2) = 6.0 months, exactly
    the 6-month horizon. Reaching the threshold at the horizon is short (CAP001's "within"), for the scorecard too."""
    _capacity(repo, "auto_scaling: true", "auto_scaling: false")
    _capacity(repo, "peak_utilization_pct: 62", "peak_utilization_pct: 1")
    _capacity(repo, "headroom_pct: 38", "headroom_pct: 99")
    _capacity(repo, "monthly_growth_pct: 4", "monthly_growth_pct: 100")
    _capacity(repo, "scale_up_threshold: 70", "scale_up_threshold: 64")
    plan = json.loads(cli(repo, "capacity", "checkout", "--json").out)["models"][0]
    assert plan["months_to_threshold"] == 6.0
    assert _findings(repo, "CAP001") == [
        ("services/checkout/capacity.yaml", 5, 27,
         "peak utilisation 1% growing 100% a month reaches the 64% scale-up threshold in 6.0 months")]
    assert _criteria(cli, repo, "checkout")["headroom-holds"] == (False, "forecast growth outruns capacity within 6 months")


def test_stated_headroom_is_the_headroom_everywhere(repo: Path, cli) -> None:
    """Stated headroom 15% (the model's own measure) though 100 - 62 = 38: 15 < the 20% floor."""
    _capacity(repo, "headroom_pct: 38", "headroom_pct: 15")
    plan = json.loads(cli(repo, "capacity", "checkout", "--json").out)["models"][0]
    assert plan["headroom_pct"] == 15.0
    assert "(headroom 15%)" in cli(repo, "capacity", "checkout").out
    assert _findings(repo, "CAP001") == [
        ("services/checkout/capacity.yaml", 6, 19, "headroom is 15%, below the 20% floor")]
