"""One error budget computation (sre_docs.model.slo_budgets) behind the CLI, the policies, the site and the scorecards."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from sre_docs.model.slo_budgets import evaluation_instant, incident_cost, service_budgets, slo_budget
from sre_docs.cli import main
from sre_docs.lint.config import load_config
from sre_docs.lint.engine import lint
from sre_docs.handbook.page_facts import Clock
from sre_docs.handbook.site import Site
from sre_docs.model.repository import load_repository
from sre_docs.policies._common import budget_today
from sre_docs.lint.policy import LintRepo

PROJECT = Path(__file__).resolve().parents[1]
FIXTURE = PROJECT / "tests" / "workflows" / "fixture"
EXAMPLE_DAY = dt.date(2026, 11, 26)  # `today:` of the example's sre-docs.yaml


def _cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The example organisation, "today" from its sre-docs.yaml only."""
    monkeypatch.delenv("SRE_DOCS_TODAY", raising=False)
    if not (PROJECT / "services" / "search" / "slos.yaml").is_file():
        pytest.skip("the example organisation is not in this checkout")
    root = tmp_path / "example"
    for name in ("services", "org"):
        shutil.copytree(PROJECT / name, root / name)
    shutil.copy(PROJECT / "sre-docs.yaml", root / "sre-docs.yaml")
    return root


@pytest.fixture
def small(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SRE_DOCS_TODAY", "2026-11-26")
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE, root)
    return root


def test_a_day_is_evaluated_at_its_start() -> None:
    assert evaluation_instant(EXAMPLE_DAY) == dt.datetime(2026, 11, 26, tzinfo=dt.timezone.utc)
    assert Clock(EXAMPLE_DAY).as_of == evaluation_instant(EXAMPLE_DAY)


def test_search_latency_burns_over_the_last_days_from_measurements(example: Path) -> None:
    """Daily rows up to yesterday fill the 1d/3d/7d lookbacks when "today" is evaluated at 00:00 UTC.

    Evaluated at the end of the day, the lookbacks missed a day, fell under the coverage
    threshold and dropped to the (empty) incident record: 0% spent in 7 days, 0x burn.
    """
    code, out, err = _cli("budget", "search", "--slo", "search-latency", "--json", "--root", str(example))
    assert code == 0, err
    data = json.loads(out)["slos"][0]
    assert data["as_of"] == "2026-11-26T00:00:00+00:00"
    rates = {r["lookback"]: r for r in data["burn_rates"]}
    for lookback in ("1d", "3d", "7d"):
        assert rates[lookback]["source"] == "measurements"
        assert rates[lookback]["burn_rate"] > 0
    assert data["consumed_last_7d_pct"] > 0
    assert data["current_burn_rate"] == rates["1d"]["burn_rate"]
    text = _cli("budget", "search", "--slo", "search-latency", "--root", str(example))[1]
    assert "Spent in the last 7 days        0%" not in text and " 0x / 0x" not in text


def test_cli_policies_site_and_scorecards_agree(example: Path) -> None:
    repo = load_repository(example)
    config = load_config(example)
    as_of = evaluation_instant(config.today)
    lint_repo = LintRepo.wrap(repo, today=config.today)
    site = Site(repo=repo, findings=[], clock=Clock(config.today))
    compared = 0
    for name in sorted(repo.services):
        shown = {b.slo: b for b in site.budgets[name]}
        code, out, _ = _cli("budget", name, "--json", "--root", str(example))
        assert code == 0
        for row in json.loads(out)["slos"]:
            mine = shown[row["slo"]]
            policy_view = budget_today(lint_repo, lint_repo.services[name], lint_repo.services[name].slo(row["slo"]))
            assert row["as_of"] == as_of.isoformat() == mine.status.as_of.isoformat()
            assert row["state"] == mine.state == policy_view.state
            assert row["remaining_pct"] == round(mine.remaining_pct, 2) == round(policy_view.remaining_pct, 2)
            assert row["incidents"] == list(mine.counted_incidents)
            compared += 1
    assert compared >= 5
    # BUD001 flags exactly the SLOs whose shared budget is critical or exhausted (errors) or at risk (warnings).
    result = lint(example, config, use_git=False)
    flagged = {(f.service, f.message.split("SLO ")[1].split(" is")[0], f.severity.value)
               for f in [*result.findings, *result.suppressed] if f.code == "BUD001"}
    budgets = [b for s in repo.services.values() for b in service_budgets(repo, s, as_of=as_of)]
    low = {(b.service, b.slo, "error") for b in budgets if b.state in ("critical", "exhausted")}
    risky = {(b.service, b.slo, "warning") for b in budgets if b.at_risk and b.state not in ("critical", "exhausted")}
    assert flagged == low | risky
    assert ("notifications", "notifications-delivery-latency", "warning") in flagged


def test_computed_once_per_repository_and_instant(small: Path) -> None:
    repo = load_repository(small)
    service = repo.services["checkout"]
    at = evaluation_instant(EXAMPLE_DAY)
    assert slo_budget(repo, service, service.slos[0], as_of=at) is slo_budget(repo, service, service.slos[0], as_of=at)
    other = slo_budget(repo, service, service.slos[0], as_of=at - dt.timedelta(days=1))
    assert other.status.as_of == at - dt.timedelta(days=1)
    assert slo_budget(load_repository(small), service, service.slos[0], as_of=at) is not other


def _incident(root: Path, ident: str, users: str, *, users_pct: float | None = None, started: str = "2026-11-20T10:00:00Z",
              mitigated: str = "2026-11-20T11:00:00Z") -> None:
    pct = f"\n    users_pct: {users_pct}" if users_pct is not None else ""
    (root / "services/payments/incidents").mkdir(parents=True, exist_ok=True)
    (root / f"services/payments/incidents/{ident}.yaml").write_text(f"""incident:
  id: {ident}
  title: Gateway timeouts
  services: [payments]
  severity: SEV2
  status: resolve
  detection: alert
  timestamps:
    started: {started}
    detected: {started}
    mitigated: {mitigated}
    resolved: {mitigated}
  impact:
    function: degraded
    users: {users}{pct}
  channel: "#inc-x"
""", encoding="utf-8")


@pytest.mark.parametrize(("users", "users_pct", "share"), [
    ("gt_25pct", None, 1.0), ("lt_25pct", None, 0.25), ("one_user", None, 0.0), ("all_users", None, 1.0),
    ("gt_25pct", 40, 0.4),
])
def test_incident_share_rule_is_the_same_everywhere(small: Path, users: str, users_pct: float | None, share: float) -> None:
    """An hour-long incident of the single-SLO payments service, no measurements: the record is the evidence."""
    _incident(small, "INC-2026-050", users, users_pct=users_pct)
    repo = load_repository(small)
    service = repo.services["payments"]
    at = evaluation_instant(EXAMPLE_DAY)
    budget = slo_budget(repo, service, service.slos[0], as_of=at)
    # 99.9% over 30 days: 43.2 budget minutes; 60 minutes x share of them spent.
    assert budget.status.consumed_pct.source == "incidents"
    assert budget.status.consumed_pct.value == pytest.approx(100 * 60 * share / 43.2)
    assert budget.counted_incidents == ("INC-2026-050",)
    site = Site(repo=repo, findings=[], clock=Clock(EXAMPLE_DAY))
    assert site.budgets["payments"][0].status == budget.status
    row = json.loads(_cli("budget", "payments", "--json", "--root", str(small))[1])["slos"][0]
    assert row["consumed_pct"] == round(budget.status.consumed_pct.value, 2)


def test_one_incident_costs_from_measurements_when_they_cover_it(small: Path) -> None:
    """Hourly measurements across the incident: its cost is the bad events in its span, not its record."""
    points = [f"    - [2026-11-20T{hour:02d}:00:00Z, {990 if hour == 10 else 1000}, 1000]" for hour in range(24)]
    (small / "services/payments/measurements").mkdir(parents=True, exist_ok=True)
    (small / "services/payments/measurements/availability.yaml").write_text(
        "measurements:\n  slo: payments-availability\n  resolution: 1h\n  points:\n" + "\n".join(points) + "\n",
        encoding="utf-8")
    _incident(small, "INC-2026-051", "all_users")
    repo = load_repository(small)
    service = repo.services["payments"]
    body = repo.incidents["INC-2026-051"].body
    cost = incident_cost(repo, service, service.slos[0], body)
    # 10 bad events in the 10:00 bucket. The 30-day window ending at 11:00 holds 11 measured hours, 11,000 events;
    # their traffic stands for the window's 720 hours: 720,000 events, a budget of 0.1% of them = 720 events.
    # 10 / 720 = 1.389%.
    assert cost.source == "measurements" and cost.value == pytest.approx(100 * 10 / 720)
    by_record = incident_cost(repo, service, service.slos[0], {**body, "timestamps": {
        "started": "2026-11-21T10:00:00Z", "mitigated": "2026-11-21T10:30:00Z"}})
    assert by_record.source == "incidents" and by_record.value == pytest.approx(100 * 30 / 43.2)
    code, out, err = _cli("postmortem", "new", "INC-2026-051", "--root", str(small))
    assert "created services/payments/postmortems/INC-2026-051.yaml" in out, out + err  # with TODOs to fill in
    draft = load_repository(small).postmortems_by_incident["INC-2026-051"]
    assert draft.get("impact", "slo_budget_consumed_pct") == round(100 * 10 / 720, 2)
    assert "by the measurements" in (small / draft.path).read_text(encoding="utf-8")
