"""Read commands: budget, nines, chaos plan, capacity, toil audit, on-call health and handoff, prr."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path


from workflow_helpers import findings

AS_OF = ("--as-of", "2026-11-26T00:00:00Z")


def test_budget_from_measurements(repo: Path, cli) -> None:
    result = cli(repo, "budget", "checkout", "--json", *AS_OF)
    assert result.code == 0, result.err
    data = json.loads(result.out)["slos"][0]
    # 15 bad events in 100,000 a day against a 0.05% budget: 30% spent, 70% left, burn rate 0.3
    assert data["target"] == 99.95 and data["window"] == "28d"
    assert data["budget_minutes"] == 20.16
    assert data["consumed_pct"] == 30.0 and data["remaining_pct"] == 70.0
    assert data["remaining_minutes"] == 14.11
    assert data["state"] == "healthy" and data["source"] == "measurements"
    assert data["current_burn_rate"] == 0.3
    assert [r["lookback"] for r in data["burn_rates"]] == ["1d", "3d", "7d", "28d"]
    assert data["projected_exhaustion"] is None
    assert data["actions"] == ["Normal release pace", "Chaos experiments allowed"]
    assert data["policy"] == "org/error_budget_policy.yaml"
    assert list(data) == [
        "service", "slo", "path", "target", "window", "as_of", "budget_minutes", "consumed_pct", "remaining_pct",
        "remaining_minutes", "consumed_last_7d_pct", "burn_rates", "current_burn_rate", "state", "at_risk",
        "at_risk_note", "freezes_deploys", "actions", "exceptions", "projected_exhaustion", "source", "sources",
        "measurement_coverage_pct", "measurement_points", "incidents", "policy", "policy_note",
    ]


def test_budget_text_and_unknown_slo(repo: Path, cli) -> None:
    result = cli(repo, "budget", "checkout", *AS_OF)
    assert result.code == 0
    assert "Remaining                       70% (14.1 min)" in result.out
    assert "\033[" not in result.out  # piped: no colour
    result = cli(repo, "budget", "checkout", "--slo", "checkout-availabilty")
    assert result.code == 2 and "did you mean 'checkout-availability'" in result.err


def test_nines(cli) -> None:
    result = cli(None, "nines", "99.9", "--json", root_flag=False)
    data = json.loads(result.out)
    assert data["nines"] == "3 nines" and data["error_budget_pct"] == 0.1
    assert {row["period"]: row["display"] for row in data["downtime"]}["month"] == "43m 50s"
    assert data["guide_row"]["appropriate_for"] == "Standard production services"
    assert data["multi_region_strategy"]["strategies"] == ["active-passive"]
    assert [a["burn_rate"] for a in data["burn_rate_alerts"]] == [13.44, 5.6, 0.933]
    text = cli(None, "nines", "99.99", root_flag=False).out
    assert "Month (30.44 days)    4m 23s" in text
    assert cli(None, "nines", "100", root_flag=False).code == 2


def test_chaos_plan_allowed_on_a_healthy_budget(repo: Path, cli) -> None:
    result = cli(repo, "chaos", "plan", "checkout", "--fault", "dependency", "--target", "payments",
                 "--name", "payments-down", *AS_OF)
    assert result.code == 0, result.out + result.err
    assert "budget check: every error budget is healthy and none is at risk (checkout-availability 70.0% left)" \
        in result.out
    text = (repo / "services/checkout/experiments/payments-down.yaml").read_text()
    assert "hypothesis: When payments is unreachable, checkout will fail fast" in text
    assert findings(repo) == []


def test_chaos_plan_refused_when_the_budget_is_not_healthy(repo: Path, cli) -> None:
    assert cli(repo, "incident", "start", "Gateway down", "--service", "payments", "--function", "core_down",
               "--users", "all_users", "--started", "2026-11-25T10:00:00Z", "--at", "2026-11-25T10:05:00Z").code == 0
    assert cli(repo, "incident", "resolve", "INC-2026-002", "--at", "2026-11-25T10:30:00Z").code == 0
    result = cli(repo, "chaos", "plan", "payments", "--fault", "network", *AS_OF)
    # 30 minutes of full outage spend 69.4% of a 43.2-minute budget: 30.6% left is the warning state. The 1-day
    # burn is 30 / (0.001 x 1,440) = 20.83x, so the rest goes in 0.30556 x 720 h / 20.83 = 10.56 h: at risk too.
    assert result.code == 1
    assert "refused: no chaos experiment on payments now" in result.err
    assert ("payments-availability error budget is warning, at risk (30.6% left, from incidents; at the current 1d "
            "burn rate of 20.83x the 30.6% left runs out on 2026-11-26 10:33 UTC, inside the 30d window)") in result.err
    assert "No chaos experiments" in result.err
    assert not (repo / "services/payments/experiments").exists()


def test_capacity(repo: Path, cli) -> None:
    data = json.loads(cli(repo, "capacity", "checkout", "--json", *AS_OF).out)["models"][0]
    assert data["monthly_growth_pct"] == 4 and data["growth_source"] == "model"
    assert data["projected_6mo"] == 1518.4 and data["projected_12mo"] == 1921.2
    assert data["months_to_threshold"] == 3.1 and data["threshold_month"] == "2027-02"
    assert data["instances"] == {"now": 8, "6mo": 11, "12mo": 13}
    assert data["monthly_cost_usd"] == {"now": 14500, "6mo": 18347, "12mo": 23215}
    assert any("above max_instances 12" in note for note in data["notes"])
    faster = json.loads(cli(repo, "capacity", "checkout", "--growth", "8%", "--json", *AS_OF).out)["models"][0]
    assert faster["growth_source"] == "flag" and faster["months_to_threshold"] == 1.6
    assert cli(repo, "capacity", "checkout", "--growth", "lots").code == 2
    assert cli(repo, "capacity", "payments").code == 2  # no capacity model


def test_toil_audit(repo: Path, cli) -> None:
    data = json.loads(cli(repo, "toil", "audit", "--team", "payments", "--json").out)
    assert [(i["name"], i["hours_per_month"], i["priority_score"], i["action"]) for i in data["items"]] == [
        ("Restart stuck payment reconciler", 15, 7.5, "DO SECOND"),
        ("Renew partner TLS certificates", 6, 6, "DO SECOND"),
    ]
    assert data["teams"] == [{"team": "payments", "toil_hours": 6, "automated_hours": 15, "sre_hours": 160,
                              "share_pct": 3.75, "meets_target": True, "over_budget": False}]
    assert cli(repo, "toil", "audit", "--team", "nobody").code == 2


def test_oncall_health(repo: Path, cli) -> None:
    data = json.loads(cli(repo, "oncall", "health", "--json").out)["rotations"][0]
    assert data["rotation"] == "payments-primary" and data["period"] == "2026-10" and data["status"] == "warning"
    health = {m["id"]: m["health"] for m in data["metrics"]}
    assert health["pages_per_shift"] == "warning" and health["false_positive_rate_pct"] == "warning"
    assert health["satisfaction"] == "healthy"
    assert data["pages_by_member"]["noah"] == 0
    assert data["page_load_imbalance"] == 3.0
    assert "amara took 6 of 10 pages (3.0x the average share)" in data["concerns"]


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "Ana", "GIT_AUTHOR_EMAIL": "ana@example.com", "GIT_COMMITTER_NAME": "Ana",
                        "GIT_COMMITTER_EMAIL": "ana@example.com", "HOME": str(root), "PATH": "/usr/bin:/bin"})


def test_oncall_handoff_with_git_history(repo: Path, cli) -> None:
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "-c", "commit.gpgsign=false", "commit", "-q", "-m", "Initial repo", "--date", "2026-11-01T10:00:00Z")
    (repo / "services/checkout/slos.yaml").write_text((repo / "services/checkout/slos.yaml").read_text() + "# tuned\n")
    _git(repo, "add", ".")
    subprocess.run(["git", "-c", "commit.gpgsign=false", "commit", "-q", "-m", "--option-looking subject: raise pool"],
                   cwd=repo, check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "Bo", "GIT_AUTHOR_EMAIL": "bo@example.com", "GIT_COMMITTER_NAME": "Bo",
                        "GIT_COMMITTER_EMAIL": "bo@example.com", "HOME": str(repo), "PATH": "/usr/bin:/bin",
                        "GIT_AUTHOR_DATE": "2026-11-24T09:00:00Z", "GIT_COMMITTER_DATE": "2026-11-24T09:00:00Z"})
    result = cli(repo, "oncall", "handoff", "payments-primary", *AS_OF)
    assert result.code == 0, result.err
    out = result.out
    assert out.startswith("## On-Call Handoff: 2026-11-26 (payments-primary)\n")
    assert "Bo: --option-looking subject: raise pool (services/checkout/slos.yaml)" in out
    assert "Initial repo" not in out  # older than 7 days
    assert "- Gateway timeouts under investigation (from the 2026-11-16 handoff)" in out
    assert "- Black Friday load test on Thursday" in out
    assert "- 2026-11-28 02:00 UTC: database minor upgrade, 30 min, failover ready" in out

    before = (repo / "org/oncall/payments-primary.yaml").read_bytes()
    result = cli(repo, "oncall", "handoff", "payments-primary", "--record", "--from", "jonas", "--to", "li-wei", *AS_OF)
    assert result.code == 0, result.out + result.err
    after = (repo / "org/oncall/payments-primary.yaml").read_bytes()
    assert after.startswith(before[: before.index(b"  health:")])
    assert b"    - date: '2026-11-26'\n      from: jonas\n      to: li-wei\n" in after
    assert findings(repo) == []
    result = cli(repo, "oncall", "handoff", "payments-primary", "--record", "--from", "jonas", "--to", "zed", *AS_OF)
    assert result.code == 2 and "'zed' is not a member" in result.err


def test_handoff_without_git(repo: Path, cli) -> None:
    result = cli(repo, "oncall", "handoff", "payments-primary", *AS_OF)
    assert result.code == 0
    assert "no change history" in result.out or "None in git history" in result.out


def test_prr(repo: Path, cli) -> None:
    result = cli(repo, "prr", "checkout", "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["ready"] is True and data["summary"] == {"pass": 27, "fail": 0, "n/a": 1, "missing": 0}
    tracing = next(c for c in data["checks"] if c["id"] == "monitoring.tracing")
    assert tracing["repo_says"] is True
    golden = next(c for c in data["checks"] if c["id"] == "monitoring.golden-signals")
    # The catalog does not mention dashboards: the repo is silent, which contradicts nothing.
    assert (golden["repo_says"], golden["contradicted"], golden["blocks"]) == (None, False, False)
    path = repo / "services/checkout/prr.yaml"
    text = path.read_text().replace("    - id: security.authn-authz\n      status: pass\n", "")
    path.write_text(text.replace("    - id: deploy.canary-ready\n      status: pass", "    - id: deploy.canary-ready\n      status: fail"))
    result = cli(repo, "prr", "checkout")
    assert result.code == 1
    assert "2 checks block production:" in result.out
    assert "  - deploy.canary-ready: Canary/blue-green deployment ready (fail)" in result.out
    assert "  - security.authn-authz: Authentication and authorization (missing)" in result.out
