"""Issue 12, "done when": every figure that more than one surface shows is the same number, for on-call
health, capacity and toil, on the example organisation and on a generated one.

Each surface is read from its own output: the CLI's JSON, the page's Markdown (as the site renders it),
the policy's finding message and the scorecard's evidence text. Nothing here asks the functions behind
them, so a surface that computes a figure its own way fails the comparison. The budget figures are
compared the same way in ``test_budget_truth.py``.

The generated organisation is ``benchmarks.corpus`` with 18 services, changed in a few places so that it
shows what neither it nor the example shows by itself (every edit is listed in ``_vary``).
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from benchmarks import corpus
from sre_docs.handbook import org_pages
from sre_docs.handbook.page_facts import Clock
from sre_docs.handbook.service_page import build_service_page
from sre_docs.handbook.site import Site
from sre_docs.lint.config import load_config
from sre_docs.lint.engine import lint
from sre_docs.model.repository import load_repository

TODAY = dt.date(2026, 11, 26)
BADGE = re.compile(r'<span class="sre-badge sre-badge--[a-z-]+">([^<]*)</span>')


def _json(result) -> dict:
    assert result.code in (0, 1), result.err
    return json.loads(result.out)


def _cells(line: str) -> list[str]:
    return [BADGE.sub(r"\1", cell).strip() for cell in line.strip().strip("|").split("|")]


def _table(lines: list[str], start: int) -> Iterator[list[str]]:
    """The body rows of the Markdown table whose header is ``lines[start]``."""
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            return
        yield _cells(line)


def _site(root: Path) -> tuple[Site, list]:
    linted = lint(root, load_config(root), use_git=False)
    found = [*linted.findings, *linted.suppressed]
    return Site(repo=load_repository(root), findings=[], clock=Clock(TODAY)), found


def _criteria(scorecard: dict) -> dict[str, dict]:
    return {c["id"]: c for dim in scorecard["scorecard"]["dimensions"] for c in dim["criteria"]}


# --- on-call health ----------------------------------------------------------------------------------------


def _health_table(lines: list[str], start: int) -> tuple[str, dict[str, tuple[str, str]]]:
    """``Health in PERIOD`` and {metric name: (value as shown, status)} from the table at ``start``."""
    period = _cells(lines[start])[0].removeprefix("Health in ")
    return period, {cells[0]: (cells[1], cells[2]) for cells in _table(lines, start)}


def _shown(value: float, unit: str) -> str:
    return f"{value:g} {unit}"


def _oncall_agree(root: Path, cli) -> int:
    site, found = _site(root)
    rotations = {r["rotation"]: r for r in _json(cli(root, "oncall", "health", "--json"))["rotations"]}
    page = html.unescape(org_pages.build_oncall(site).markdown).splitlines()
    # The summary table: Rotation | Team | People | 5 or more | Secondary | Worst metric | Busiest member
    header = page.index(next(line for line in page if line.startswith("| Rotation | Team | People")))
    summary = {re.sub(r"\[([^]]+)\].*", r"\1", cells[0]): cells[1:] for cells in _table(page, header)}
    # Each rotation's section: its health table follows its anchor.
    sections: dict[str, tuple[str, dict[str, tuple[str, str]]]] = {}
    current = None
    for index, line in enumerate(page):
        if match := re.match(r'<div id="([^"]+)" class="sre-anchor">', line):
            current = match.group(1)
        elif line.startswith("| Health in ") and current is not None:
            sections[current] = _health_table(page, index)
    onc002 = [(f.path, f.message) for f in found if f.code == "ONC002"]
    units = {"pages_per_shift": "pages", "off_hours_pages_per_week": "pages/week", "time_to_acknowledge_min": "min",
             "time_to_mitigate_min": "min", "false_positive_rate_pct": "%", "escalation_rate_pct": "%",
             "satisfaction": "of 5"}
    compared = 0
    for name, rotation in rotations.items():
        team, people, size_ok, secondary, worst, busiest = summary[name]
        assert int(people) == len(rotation["members"]), name
        assert (size_ok == "yes") is rotation["rotation_size_ok"], name
        assert (secondary == "yes") is rotation["has_secondary"], name
        assert worst == ("—" if not rotation["metrics"] else rotation["status"]), name
        imbalance = rotation["page_load_imbalance"]
        assert busiest == ("—" if imbalance is None else f"{imbalance:.1f}x"), (name, busiest, imbalance)
        # ONC002: one finding per critical figure of the latest period, with the CLI's value; none otherwise.
        expected = sorted(
            f"{m['name'].lower()} was {m['value']:g} in {rotation['period']}: critical ({m['critical']}); "
            f"healthy is {m['healthy']}" for m in rotation["metrics"] if m["health"] == "critical")
        assert sorted(message for path, message in onc002 if path == rotation["path"]) == expected, name
        if not rotation["metrics"]:
            assert name not in {s for s in sections if s == name}
            continue
        period, shown = sections[name]
        assert period == rotation["period"], name
        figures = {m["name"]: (_shown(m["value"], units[m["id"]]), m["health"]) for m in rotation["metrics"]}
        if imbalance is not None:
            figures["Busiest member vs the mean"] = (f"{imbalance:.1f}x", "—")
        assert shown == figures, name
        compared += len(figures)
    # Every service: its page's on-call section and its scorecard's evidence name the same rotation and figures.
    for service in sorted(site.repo.services):
        lines = html.unescape(build_service_page(site, site.repo.services[service], []).markdown).splitlines()
        criteria = _criteria(_json(cli(root, "assess", service, "--json")))
        said = re.match(r"rotation `([^`]+)`", criteria["rotation-exists"]["detail"])
        intro = next((line for line in lines if line.startswith("Rotation [")), None)
        if said is None:
            assert intro is None, service
            continue
        rotation = rotations[said.group(1)]
        assert intro is not None and intro.startswith(f"Rotation [{rotation['rotation']}]("), (service, intro)
        assert f": {len(rotation['members'])} people" in intro
        # min_rotation_size: "N people on the rotation `name`"
        assert criteria["rotation-of-five"]["detail"] == f"{len(rotation['members'])} people on the rotation `{rotation['rotation']}`", service
        assert criteria["rotation-of-five"]["met"] is rotation["rotation_size_ok"]
        values = {m["id"]: m["value"] for m in rotation["metrics"]}
        for criterion, metric, label in (("under-five-pages", "pages_per_shift", "pages per shift"),
                                         ("quiet-nights", "off_hours_pages_per_week", "off-hours pages per week")):
            detail = criteria[criterion]["detail"]
            if metric in values:
                assert detail.startswith(f"{values[metric]:g} {label} in {rotation['period']} "), (service, detail)
            else:
                assert detail == f"{label} not recorded", (service, detail)
        balance = criteria["balanced-load"]["detail"]
        if rotation["page_load_imbalance"] is None:
            assert balance in ("pages by member not recorded", f"no pages in {rotation['period']}"), balance
        else:
            assert balance == f"busiest member took {rotation['page_load_imbalance']:.2f}x the mean in {rotation['period']}"
        if rotation["metrics"]:
            start = next(i for i, line in enumerate(lines) if line.startswith("| Health in "))
            period, shown = _health_table(lines, start)
            assert (period, shown) == sections[rotation["rotation"]], service
        compared += 1
    return compared


# --- capacity ------------------------------------------------------------------------------------------------


def _card(lines: list[str], start: int) -> dict[str, str]:
    """The key/value card at ``start`` (two pairs a row: ``| **Key** | value | **Key** | value |``)."""
    pairs: dict[str, str] = {}
    for cells in _table(lines, start):
        for key, value in zip(cells[::2], cells[1::2], strict=True):
            if key:
                pairs[key.strip("*")] = value
    return pairs


def _months_shown(months: float | None, level: float) -> str:
    if months is None:
        return f"not within the forecast ({level:g}%)"
    if months == 0:
        return f"already at or above {level:g}%"
    return f"in {months:.1f} months ({level:g}%)"


def _capacity_agree(root: Path, cli) -> int:
    site, found = _site(root)
    cap001 = [(f.path, f.message) for f in found if f.code == "CAP001"]
    compared = 0
    for service in sorted(site.repo.services):
        result = cli(root, "capacity", service, "--json")
        lines = html.unescape(build_service_page(site, site.repo.services[service], []).markdown).splitlines()
        cards = [_card(lines, i) for i, line in enumerate(lines) if line.startswith('| <span class="sre-kv">Capacity</span>')]
        criteria = _criteria(_json(cli(root, "assess", service, "--json")))
        if result.code == 2:
            assert "has no capacity_model document" in result.err
            assert cards == [] and criteria["headroom-holds"]["detail"] == "no capacity model"
            continue
        models = _json(result)["models"]
        assert len(cards) == len(models), service
        fits = True
        for model, card in zip(models, cards, strict=True):
            peak, threshold = model["peak_utilization_pct"], model["scale_up_threshold_pct"]
            assert card["Peak utilisation"] == ("—" if peak is None else f"{peak:.1f}%"), (service, card)
            if model["growth_source"] == "model":
                assert card["Growth"] == f"{model['monthly_growth_pct']:g}% a month"
                assert card["Reaches the scale-up threshold"] == _months_shown(model["months_to_threshold"], threshold), \
                    (service, card, model)
            cost = model["monthly_cost_usd"]
            if cost["now"] is not None and model["growth_source"] == "model":
                assert card["Monthly cost"] == (f"${cost['now']:,.0f} now, ${cost['6mo']:,.0f} in 6 months, "
                                                f"${cost['12mo']:,.0f} in 12 months"), (service, card, cost)
            # CAP001 at its default horizon (6 months) and floor (20% headroom), with the CLI's figures.
            messages = sorted(message for path, message in cap001 if path == model["path"])
            expected = []
            growth = model["monthly_growth_pct"]
            if model["growth_source"] == "model" and peak is not None:
                needed, ceiling = model["instances"]["6mo"], model["max_instances"]
                if model["auto_scaling"] and needed is not None and ceiling is not None:
                    if needed > ceiling:
                        expected.append(f"at {growth:g}% growth a month, {needed} instances are needed within 6 months "
                                        f"to stay under {threshold:g}%, above max_instances {ceiling}")
                elif model["months_to_threshold"] is not None and model["months_to_threshold"] <= 6:
                    expected.append(f"peak utilisation {peak:g}% growing {growth:g}% a month reaches the "
                                    f"{threshold:g}% scale-up threshold in {model['months_to_threshold']:.1f} months")
            if model["headroom_pct"] is not None and model["headroom_pct"] < 20:
                expected.append(f"headroom is {model['headroom_pct']:g}%, below the 20% floor")
            assert messages == sorted(expected), (service, model)
            # Without a growth forecast neither can tell: CAP001 is silent and the criterion is not met.
            known = model["growth_source"] == "model" and peak is not None
            fits &= known and not any(not m.startswith("headroom is") for m in expected)
            compared += 1
        # The scorecard's "forecast growth fits for 6 months" is CAP001's runway rule.
        assert criteria["headroom-holds"]["met"] is fits, (service, criteria["headroom-holds"])
    return compared


# --- toil ----------------------------------------------------------------------------------------------------


def _toil_agree(root: Path, cli) -> int:
    site, found = _site(root)
    teams = {t["team"]: t for t in _json(cli(root, "toil", "audit", "--json"))["teams"]}
    page = html.unescape(org_pages.build_toil(site).markdown).splitlines()
    header = page.index(next(line for line in page if line.startswith("| Team |")))
    rows = {cells[0]: cells[1:5] for cells in _table(page, header)}
    tol001 = {f.message for f in found if f.code == "TOL001"}
    compared = 0
    for name, team in teams.items():
        sre = team["sre_hours"]
        share = team["share_pct"]
        assert rows[name] == [f"{team['toil_hours']:g}" if team["toil_hours"] == round(team["toil_hours"]) else f"{team['toil_hours']:.1f}",
                              f"{team['automated_hours']:g}", "—" if sre is None else f"{sre:g}",
                              "—" if share is None else f"{share:.1f}%"], (name, rows[name], team)
        over = [m for m in tol001 if m.startswith(f"team {name} spends ")]
        if team["over_budget"]:
            assert over == [f"team {name} spends {team['toil_hours']:.1f} h a month on toil, {share:.1f}% of its "
                            f"{sre:g} SRE hours; keep it under 25%"], (name, over)
        else:
            assert over == [], name
        compared += 1
    for service in sorted(site.repo.services):
        criteria = _criteria(_json(cli(root, "assess", service, "--json")))
        detail = criteria["under-budget"]["detail"]
        owner = re.match(r"team `([^`]+)`: ", detail)
        if owner is None:
            continue
        team = teams[owner.group(1)]
        assert detail == (f"team `{team['team']}`: {team['toil_hours']:.1f} h of toil a month, "
                          f"{team['share_pct']:.1f}% of {team['sre_hours']:g} h"), (service, detail)
        assert criteria["under-budget"]["met"] is not team["over_budget"]
    monthly = _json(cli(root, "report", "monthly", "--month", "2026-11", "--json"))
    # The report rounds the organisation's total to 0.1 h, the audit each team's to 0.01 h.
    spent = sum(t["toil_hours"] for t in teams.values())
    assert abs(monthly["toil"]["hours_spent"] - spent) <= 0.05 + 0.005 * len(teams), (monthly["toil"], spent)
    available = sum(t["sre_hours"] or 0 for t in teams.values())
    if available:
        assert abs(monthly["toil"]["pct_of_sre_time"] - 100 * spent / available) <= 0.05 + 0.01, monthly["toil"]
    return compared


# --- the organisations -------------------------------------------------------------------------------------


def _edit(path: Path, change) -> None:
    header, _, body = path.read_text(encoding="utf-8").partition("\n")
    documents = list(yaml.safe_load_all(body))
    change(documents)
    path.write_text(header + "\n" + yaml.safe_dump_all(documents, sort_keys=False), encoding="utf-8")


def _vary(root: Path) -> None:
    """Shapes the generated corpus does not have by itself, each at an edge of a rule."""
    first, second, *_ = sorted((root / "org/oncall").glob("*.yaml"))

    def crowded(docs: list) -> None:
        rotation = docs[0]["oncall_rotation"]
        # A member who is not on the primary layer yet: the rotation counts its members.
        rotation["members"] = [*rotation["members"], "new.starter"]
        latest = max(rotation["health"], key=lambda row: str(row["period"]))
        # Critical figures (ONC002), one exactly on a band's edge (5 pages a shift is warning, not critical),
        # and pages taken by someone who has left the rotation.
        latest.update(pages_per_shift=5, off_hours_pages_per_week=3.5, satisfaction=2.5,
                      pages_by_member={**latest["pages_by_member"], "left.last.month": 9})
        # A row for next month (after "today"): no surface reads the future.
        rotation["health"].append({"period": "2026-12", "pages_per_shift": 9, "satisfaction": 1})

    def silent(docs: list) -> None:
        docs[0]["oncall_rotation"].pop("health")  # no figures at all

    _edit(first, crowded)
    _edit(second, silent)
    models = sorted((root / "services").glob("*/capacity.yaml"))

    def scaling(**changes):
        def change(docs: list) -> None:
            model = docs[0]["capacity_model"]
            for dotted, value in changes.items():
                section, key = dotted.split("__")
                if value is None:
                    model[section].pop(key, None)
                else:
                    model[section][key] = value
        return change

    # Stated headroom below the floor, though 100 minus the peak is not.
    _edit(models[0], scaling(current_state__headroom_pct=12))
    # Auto-scaling that runs out of instances within 6 months.
    _edit(models[1], scaling(current_state__headroom_pct=None, scaling_strategy__max_instances=2,
                             scaling_strategy__current_instances=2, current_state__peak_utilization_pct=70))
    # No auto-scaling: 60% growing 5% a month reaches 80% in ln(80/60) / ln(1.05) = 5.9 months (within 6).
    _edit(models[2], scaling(scaling_strategy__auto_scaling=False, current_state__peak_utilization_pct=60,
                             current_state__headroom_pct=None, growth_forecast__monthly_growth_pct=5))
    # Already over the threshold, with no growth forecast.
    _edit(models[3], scaling(current_state__peak_utilization_pct=85, current_state__headroom_pct=None,
                             growth_forecast__monthly_growth_pct=None))
    # A team with few SRE hours goes over the toil budget.
    _edit(root / "org/teams.yaml", lambda docs: docs[0]["team"].update(sre_hours_per_month=20))


@pytest.fixture
def generated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "generated"
    for path, text in corpus.corpus_files(18, seed=3).items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    assert corpus.TODAY == TODAY
    _vary(root)
    return root


@pytest.mark.parametrize("check", [_oncall_agree, _capacity_agree, _toil_agree], ids=["oncall", "capacity", "toil"])
def test_every_surface_agrees_on_the_example(example: Path, cli, check) -> None:
    assert check(example, cli) >= 5


@pytest.mark.parametrize("check", [_oncall_agree, _capacity_agree, _toil_agree], ids=["oncall", "capacity", "toil"])
def test_every_surface_agrees_on_a_generated_organisation(generated: Path, cli, check) -> None:
    assert check(generated, cli) >= 3
