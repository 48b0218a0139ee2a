"""One truth about error budgets (issue 12): every surface shows the same figures, right at the edges.

Each test works its expected values out by hand in the comments, from the fixture's data:

- checkout-availability: 99.95% over 28 days, a budget of 0.0005 x 40,320 = 20.16 minutes; daily measurements
  2026-10-29 .. 2026-11-25, 15 bad of 100,000 events every day (a 0.3x burn).
- payments-availability: 99.9% over 30 days, a budget of 0.001 x 43,200 = 43.2 minutes; no measurements and no
  incidents unless a test writes them.
- "today" is 2026-11-26 ($SRE_DOCS_TODAY, set for every workflow test); budgets are evaluated at its start.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from pathlib import Path


from sre_docs.handbook import org_pages
from sre_docs.lint.config import load_config
from sre_docs.lint.engine import lint
from sre_docs.handbook.page_facts import Clock
from sre_docs.handbook.service_page import build_service_page
from sre_docs.handbook.site import Site
from sre_docs.model.repository import load_repository
from sre_docs.model.slo_budgets import evaluation_instant, service_budgets

from workflow_helpers import findings

TODAY = dt.date(2026, 11, 26)


def _json(result) -> dict:
    assert result.code in (0, 1), result.err
    return json.loads(result.out)


def _write(root: Path, path: str, text: str) -> None:
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def _declare_the_issue_incident(cli, repo: Path) -> None:
    """Issue 12, item 1: 108 minutes at 18% of checkout's users on 2026-11-26, resolved the same day."""
    start = cli(repo, "incident", "start", "Checkout orders failing", "--service", "checkout", "--slo",
                "checkout-availability", "--function", "core_down", "--users", "lt_25pct", "--users-pct", "18",
                "--ic", "amara", "--started", "2026-11-26T09:00:00Z", "--at", "2026-11-26T09:04:00Z")
    assert start.code == 0, start.out + start.err
    assert cli(repo, "incident", "mitigate", "INC-2026-002", "--at", "2026-11-26T10:48:00Z").code == 0
    resolved = cli(repo, "incident", "resolve", "INC-2026-002", "--at", "2026-11-26T11:30:00Z")
    assert resolved.code == 0, resolved.err
    # Item 14: the resolution prints the budget spent. 108 min x 18% = 19.44 of 20.16 budget minutes = 96.43%.
    # (The span ends at 10:48, before any day's bucket starts, so the incident record is the evidence.)
    assert ("Impact: Core function down for under 25% of users (checkout); spent 96.4% of the checkout-availability "
            "error budget (by the incident record)\n") in resolved.out


def test_item1_an_incident_after_the_last_measurement_spends_the_budget(repo: Path, cli) -> None:
    _declare_the_issue_incident(cli, repo)
    by_day = {}
    for day in ("2026-11-26", "2026-11-27", "2026-11-28", "2026-11-29"):
        by_day[day] = _json(cli(repo, "budget", "checkout", "--json", "--as-of", day))["slos"][0]
    before = by_day["2026-11-26"]
    # 11-26 00:00 comes before the incident. Window 10-29..11-25, all measured: 28 x 15 = 420 bad of 2,800,000
    # events; the budget is 0.0005 x 2,800,000 = 1,400 events -> 30% spent, 70% left. 7 days: 105 / 1,400 = 7.5%.
    assert (before["consumed_pct"], before["remaining_pct"], before["state"], before["source"]) == (
        30.0, 70.0, "healthy", "measurements")
    assert before["consumed_last_7d_pct"] == 7.5 and before["at_risk"] is False
    # 1d burn: 15 / 100,000 / 0.0005 = 0.3x.
    assert before["current_burn_rate"] == 0.3

    after = by_day["2026-11-27"]
    # Window 10-30..11-26. Measured 10-30..11-25, 27 days: 405 bad of 2,700,000 events, standing for the window's
    # 2,700,000 x 28/27 = 2,800,000 -> 405 / 1,400 = 28.929%. 11-26 is not measured: the incident, 96.429%.
    # Spent 125.357%, left -25.357%: exhausted, from both kinds of evidence.
    assert (after["consumed_pct"], after["remaining_pct"], after["state"], after["source"]) == (
        125.36, -25.36, "exhausted", "measurements+incidents")
    # Last 7 days (11-20..11-26): 6 measured days, 90 / 1,400 = 6.429%, plus the incident: 102.857%.
    assert after["consumed_last_7d_pct"] == 102.86
    rates = {r["lookback"]: (r["burn_rate"], r["source"]) for r in after["burn_rates"]}
    # 1d: 19.44 / (0.0005 x 1,440) = 27x. 3d: (0.00015 x 2,880 measured minutes + 19.44) / (0.0005 x 4,320)
    # = 19.872 / 2.16 = 9.2x. 28d: the whole window's spend as a multiple of one budget, 1.254x.
    assert rates["1d"] == (27.0, "incidents")
    assert rates["3d"] == (9.2, "measurements+incidents")
    assert rates["28d"] == (1.254, "measurements+incidents")
    assert after["sources"] == {"consumed_pct": "measurements+incidents", "consumed_last_7d_pct": "measurements+incidents",
                                "current_burn_rate": "incidents", "projected_exhaustion": "incidents",
                                "state": "measurements+incidents"}
    # 11-28: 26 measured days, 390 / 1,400 = 27.857% + 96.429% = 124.286%. 11-29: 25 days, 375 / 1,400 = 26.786%
    # + 96.429% = 123.214%.
    assert (by_day["2026-11-28"]["remaining_pct"], by_day["2026-11-28"]["state"]) == (-24.29, "exhausted")
    assert (by_day["2026-11-29"]["remaining_pct"], by_day["2026-11-29"]["state"]) == (-23.21, "exhausted")
    # Never "healthy" beside a week that spent more than the budget: the same evidence backs both figures.
    for row in by_day.values():
        assert row["consumed_pct"] >= row["consumed_last_7d_pct"]


def _payments_burning_fast(repo: Path) -> None:
    """30 days of daily payments data: 20 bad of 100,000 a day, then 600 bad on 11-25 (the last day)."""
    rows = "\n".join(f"    - [{(dt.date(2026, 10, 27) + dt.timedelta(days=n)).isoformat()}, "
                     f"{100_000 - (600 if n == 29 else 20)}, 100000]" for n in range(30))
    _write(repo, "services/payments/measurements/availability.yaml",
           f"measurements:\n  slo: payments-availability\n  resolution: 1d\n  points:\n{rows}\n")


def test_item2_an_at_risk_budget_reads_the_same_in_the_cli_the_site_and_the_lint(repo: Path, cli) -> None:
    _payments_burning_fast(repo)
    # Spent: 29 x 20 + 600 = 1,180 bad of a 0.001 x 3,000,000 = 3,000-event budget = 39.333%; 60.667% left: healthy.
    # 1d burn 600 / 100,000 / 0.001 = 6x; 3d (20 + 20 + 600) / 300,000 / 0.001 = 2.133x;
    # 7d (6 x 20 + 600) / 700,000 / 0.001 = 1.029x; 30d 1,180 / 3,000 = 0.393x.
    # Exhaustion at 6x: 0.60667 x 30 d / 6 = 3.0333 d = 3 d 0 h 48 min after 11-26 00:00, inside the window.
    row = _json(cli(repo, "budget", "payments", "--json"))["slos"][0]
    assert (row["remaining_pct"], row["state"], row["at_risk"]) == (60.67, "healthy", True)
    assert [(r["lookback"], r["burn_rate"]) for r in row["burn_rates"]] == [
        ("1d", 6.0), ("3d", 2.133), ("7d", 1.029), ("30d", 0.393)]
    assert row["projected_exhaustion"] == "2026-11-29T00:48:00+00:00"
    note = ("at the current 1d burn rate of 6.00x the 60.7% left runs out on 2026-11-29 00:48 UTC, inside the 30d "
            "window")
    assert row["at_risk_note"] == note
    text = cli(repo, "budget", "payments").out
    assert "Burn rate (1d / 3d / 7d / 30d)  6.00x / 2.13x / 1.03x / 0.39x\n" in text
    assert "State                           healthy, at risk\n" in text
    assert f"At risk: {note}.\n" in text

    model = load_repository(repo)
    site = Site(repo=model, findings=[], clock=Clock(TODAY))
    dashboard = html.unescape(org_pages.build_budget_dashboard(site).markdown)
    line = next(line for line in dashboard.splitlines() if "[payments-availability]" in line)
    assert ('60.7% <span class="sre-badge sre-badge--healthy">healthy</span> '
            '<span class="sre-badge sre-badge--warning">at risk</span>') in line
    assert "| 1d 6.00x · 3d 2.13x · 7d 1.03x · 30d 0.39x |" in line
    assert "| 2026-11-29 00:48 UTC |" in line
    page = html.unescape(build_service_page(site, model.services["payments"], []).markdown)
    assert f"| **At risk** | {note} |" in page
    assert "| Burn rate over | 1d | 3d | 7d | 30d |" in page and "| rate | 6.00x | 2.13x | 1.03x | 0.39x |" in page

    budget = [f for f in findings(repo) if f.code == "BUD001"]
    assert [(f.path, f.line, f.column, f.severity.value, f.message) for f in budget] == [
        ("services/payments/slos.yaml", 5, 11, "warning",
         f"error budget of SLO payments-availability is healthy, at risk: {note}")]
    # chaos plan refuses, for the same reason (one predicate behind both, CHS002 and the command).
    chaos = cli(repo, "chaos", "plan", "payments", "--fault", "network")
    assert chaos.code != 0 and "payments-availability error budget is healthy, at risk" in chaos.out + chaos.err


def test_item3_a_postmortem_for_an_incident_that_burned_297_percent(repo: Path, cli) -> None:
    _write(repo, "services/payments/incidents/INC-2026-040.yaml", """incident:
  id: INC-2026-040
  title: Payments down for every card
  services: [payments]
  severity: SEV1
  status: resolve
  timestamps:
    started: 2026-11-20T10:00:00Z
    mitigated: 2026-11-20T12:08:34Z
    resolved: 2026-11-20T13:00:00Z
  impact:
    function: core_down
    users: all_users
    slo: payments-availability
    budget_consumed_pct: 297.62
  roles:
    incident_commander: amara
""")
    result = cli(repo, "postmortem", "new", "INC-2026-040")
    assert result.code == 0, result.out + result.err
    draft = load_repository(repo).postmortems_by_incident["INC-2026-040"]
    assert draft.get("impact", "slo_budget_consumed_pct") == 297.62
    assert [f for f in findings(repo) if f.code.startswith(("SCH", "YAML"))] == []
    row = _json(cli(repo, "budget", "payments", "--json"))["slos"][0]
    # The record's 297.62% is the evidence (no measurements): 100 - 297.62 = -197.62% left.
    assert (row["remaining_pct"], row["state"], row["source"]) == (-197.62, "exhausted", "incidents")


def test_item9_lint_in_a_folder_with_nothing_to_lint(tmp_path: Path, cli) -> None:
    result = cli(tmp_path, "lint")
    assert result.code == 2
    assert result.err == (f"sre-docs: --root {tmp_path}: no services/ and no org/ folder, so there is nothing to lint; "
                          "point --root at a reliability repo (a CI job aimed at the wrong folder would pass unseen)\n")


def test_lint_at_the_filesystem_root_stops_at_once(cli) -> None:
    """First-hour issue, item 4: `--root /` is a folder with nothing to lint, not a walk of the whole disk."""
    result = cli(Path("/"), "lint")
    assert result.code == 2
    assert result.err.startswith("sre-docs: --root /: no services/ and no org/ folder, so there is nothing to lint; ")


def test_item12_one_today_for_incidents_and_handoffs(repo: Path, cli) -> None:
    # $SRE_DOCS_TODAY pins 2026-11-26; the wall clock is later. The channel and the stamps use the pinned day.
    result = cli(repo, "incident", "start", "Search is slow", "--service", "payments", "--function", "degraded",
                 "--users", "lt_25pct", "--ic", "amara")
    assert result.code == 0, result.err
    assert "Channel: #inc-2026-11-26-search-is-slow\n" in result.out
    incident = load_repository(repo).incidents["INC-2026-002"]
    assert incident.get("timestamps", "detected").startswith("2026-11-26T")
    handoff = _json(cli(repo, "oncall", "handoff", "payments-primary", "--json"))
    assert handoff["date"] == "2026-11-26"
    # An incident dated after today is a finding.
    text = (repo / incident.path).read_text(encoding="utf-8").replace("2026-11-26T", "2026-11-27T")
    (repo / incident.path).write_text(text, encoding="utf-8")
    late = [(f.code, f.path, f.line, f.column, f.severity.value, f.message) for f in findings(repo)
            if f.code == "INC002"]
    moved = load_repository(repo).incidents["INC-2026-002"]
    expected = []
    for name in ("started", "detected"):  # `incident start` without --started starts it when it is declared
        line, column = moved.locate("timestamps", name)
        expected.append(("INC002", incident.path, line, column, "error",
                         f"{name} ({moved.get('timestamps', name)}) is after today (2026-11-26)"))
    line, column = moved.locate("updates", 0, "time")
    expected.append(("INC002", incident.path, line, column, "error",
                     f"update at {moved.get('updates')[0]['time']} is after today (2026-11-26)"))
    assert late == expected


def _exhausted_then_recovering(repo: Path) -> None:
    """Two payments incidents with explicit costs: 20% on 10-26 and 91% on 11-10."""
    for ident, day, pct in (("INC-2026-041", "2026-10-26", 20), ("INC-2026-042", "2026-11-10", 91)):
        _write(repo, f"services/payments/incidents/{ident}.yaml", f"""incident:
  id: {ident}
  title: Payments errors
  services: [payments]
  severity: SEV2
  status: resolve
  timestamps:
    started: {day}T12:00:00Z
    mitigated: {day}T12:30:00Z
    resolved: {day}T13:00:00Z
  impact:
    function: core_down
    users: all_users
    slo: payments-availability
    budget_consumed_pct: {pct}
""")


def test_item13_the_gate_holds_the_freeze_through_the_model(repo: Path, cli) -> None:
    _exhausted_then_recovering(repo)
    # As of 11-25 00:00 the 30-day window [10-26, 11-25) holds both: 111% spent -> exhausted.
    # As of 11-26 00:00 the window [10-27, 11-26) holds only the 91%: 9% left. The bare thresholds say critical; the
    # budget ran out yesterday and is not back to the policy's 10%, so the state stays exhausted and deploys freeze.
    model = load_repository(repo)
    budget = service_budgets(model, model.services["payments"], as_of=evaluation_instant(TODAY))[0]
    assert budget.previous_state == "exhausted"
    assert (round(budget.remaining_pct, 2), budget.state, budget.freeze_held) == (9.0, "exhausted", True)
    gate = cli(repo, "budget", "payments", "--gate", "--json")
    assert gate.code == 1
    data = json.loads(gate.out)
    assert (data["gate"], data["frozen_slos"]) == ("freeze", ["payments-availability"])
    policy = model.budget_policy_for("payments")
    frozen = data["slos"][0]
    assert (frozen["state"], frozen["remaining_pct"], frozen["freeze_held"], frozen["freeze_release_pct"]) == (
        "exhausted", 9.0, True, 10.0)
    assert frozen["actions"] == policy.get("budget_states", "exhausted", "actions")
    text = cli(repo, "budget", "payments", "--gate")
    assert text.code == 1
    assert text.out.startswith("FREEZE: payments-availability is exhausted (9% left; not yet back to 10% after "
                               "running out)\n")
    assert text.out.endswith("Deploys of payments are frozen by its error budget policy.\n")
    # A day earlier the 111% is spent: frozen as exhausted, not held.
    earlier = _json(cli(repo, "budget", "payments", "--gate", "--json", "--as-of", "2026-11-25"))
    assert earlier["slos"][0]["remaining_pct"] == -11.0 and earlier["slos"][0]["freeze_held"] is False
    # checkout: 70% left (see item 1): the gate is open, exit 0.
    opened = cli(repo, "budget", "checkout", "--gate")
    assert opened.code == 0, opened.out
    assert opened.out == ("open: checkout-availability is healthy (70% left)\n"
                          "Deploys of checkout may proceed.\n")


def test_item14_resolve_says_why_no_budget_was_counted(repo: Path, cli) -> None:
    # A service with two SLOs and an incident that names neither: nothing is counted, and resolve says why.
    slos = (repo / "services/checkout/slos.yaml").read_text(encoding="utf-8")
    second = slos.split("---")[0].replace("name: checkout-availability", "name: checkout-latency", 1)
    (repo / "services/checkout/slos.yaml").write_text(slos.rstrip("\n") + "\n---\n" + second, encoding="utf-8")
    start = cli(repo, "incident", "start", "Checkout slow", "--service", "checkout", "--function", "degraded",
                "--users", "lt_25pct", "--ic", "amara", "--at", "2026-11-25T09:00:00Z")
    assert start.code == 0, start.err
    assert ("note: checkout has several SLOs; no budget is counted until impact.slo names the one it hurts (--slo)\n"
            in start.out)
    resolved = cli(repo, "incident", "resolve", "INC-2026-002", "--at", "2026-11-25T10:00:00Z")
    assert "Impact: Degraded performance for under 25% of users (checkout); error budget spent: not counted, no SLO " \
           "named\n" in resolved.out
    assert ("note: no budget is counted: checkout has several SLOs (checkout-availability, checkout-latency) and the "
            "incident names none; set impact.slo to the one it hurt (`sre-docs incident start --slo` does it from the "
            "start)\n") in resolved.out


# --- every surface agrees -------------------------------------------------------------------------------------


def _surfaces_agree(root: Path, cli) -> int:
    """Read each surface's own output for every SLO and compare the figures more than one of them shows."""
    model = load_repository(root)
    site = Site(repo=model, findings=[], clock=Clock(TODAY))
    dashboard = html.unescape(org_pages.build_budget_dashboard(site).markdown).splitlines()
    linted = lint(root, load_config(root), use_git=False)  # suppressed findings were reported too, then accepted
    lint_messages = {f.message for f in [*linted.findings, *linted.suppressed] if f.code == "BUD001"}
    weekly = _json(cli(root, "report", "weekly", "--json"))
    weekly_rows = {(row["service"], row["slo"]): row for row in weekly["slo_status"]}
    compared = 0
    worst: tuple[float, str] | None = None
    states: dict[str, str] = {}
    for name in sorted(model.services):
        rows = _json(cli(root, "budget", name, "--json"))["slos"]
        # The burn rates as the terminal shows them: "Burn rate (1d / 3d / ...)  0.25x / 0.27x / ..."
        printed = [line.split("  ", 1) for line in cli(root, "budget", name).out.splitlines()
                   if line.startswith("Burn rate (")]
        assert len(printed) == len(rows)
        page = html.unescape(build_service_page(site, model.services[name], []).markdown)
        for row, (label, values) in zip(rows, printed, strict=True):
            slo = row["slo"]
            left = f"{row['remaining_pct']:.1f}%" if row["remaining_pct"] is not None else "—"
            windows = label.removeprefix("Burn rate (").removesuffix(")").split(" / ")
            assert windows == [r["lookback"] for r in row["burn_rates"]]
            cells = " · ".join(f"{window} {rate}" for window, rate in zip(windows, values.strip().split(" / "), strict=True))
            line = next(line for line in dashboard if f"[{slo}]" in line and f"| {name}<br>" in line)
            badge = f'<span class="sre-badge sre-badge--{row["state"]}">{row["state"]}</span>'
            assert f"| {left} {badge}" in line, (slo, line)
            assert (' <span class="sre-badge sre-badge--warning">at risk</span>' in line) is row["at_risk"], line
            assert f"| {cells or '—'} |" in line, (cells, line)
            assert f"| {row['source']} |" in line
            assert f"| **Remaining** | {left} (" in page and badge in page
            if row["state"] in ("critical", "exhausted"):
                label = row["state"] + (", at risk" if row["at_risk"] else "")
                assert any(m.startswith(f"error budget of SLO {slo} is {label}; the policy asks: ") for m in lint_messages)
            elif row["at_risk"]:
                assert f"error budget of SLO {slo} is {row['state']}, at risk: {row['at_risk_note']}" in lint_messages
            else:
                assert not any(m.startswith(f"error budget of SLO {slo} is") for m in lint_messages)
            week = weekly_rows[(name, slo)]
            assert week["state"] == row["state"] and week["at_risk"] == row["at_risk"]
            # The weekly agenda shows one decimal, the budget JSON two: the same number at each precision.
            assert abs(week["remaining_pct"] - row["remaining_pct"]) <= 0.05 + 1e-9
            assert abs(week["spent_this_week_pct"] - row["consumed_last_7d_pct"]) <= 0.05 + 1e-9
            if row["remaining_pct"] is not None and (worst is None or row["remaining_pct"] < worst[0]):
                worst = (row["remaining_pct"], f"{name} ({slo}: {row['remaining_pct']:.1f}% of the budget left)")
            if row["state"] is not None:
                order = ("healthy", "warning", "critical", "exhausted")
                states[name] = max(states.get(name, "healthy"), row["state"], key=order.index)
            compared += 1
        scorecard = _json(cli(root, "assess", name, "--json"))
        measured = json.dumps(scorecard)
        for row in rows:
            if f"measurements of SLO `{row['slo']}` (covers" in measured:
                assert f"measurements of SLO `{row['slo']}` (covers {row['measurement_coverage_pct']:.0f}% of its window)" \
                    in measured
    # The report for the current month is as of the same instant (the start of today).
    monthly = _json(cli(root, "report", "monthly", "--month", "2026-11", "--json"))
    assert monthly["slo_summary"]["worst_performing"] == (worst[1] if worst else None)
    counted = list(states.values())
    assert monthly["error_budget"] == {
        "services_in_healthy": counted.count("healthy"), "services_in_warning": counted.count("warning"),
        "services_in_critical": counted.count("critical"), "services_exhausted": counted.count("exhausted")}
    return compared


def test_every_surface_shows_the_same_budget_figures_on_the_fixture(repo: Path, cli) -> None:
    _payments_burning_fast(repo)
    _declare_the_issue_incident(cli, repo)
    assert _surfaces_agree(repo, cli) == 2


def test_every_surface_shows_the_same_budget_figures_on_the_example(example: Path, cli) -> None:
    assert _surfaces_agree(example, cli) >= 5
