"""``sre-docs report monthly`` and ``report weekly``."""

from __future__ import annotations

import json
from pathlib import Path

from sre_docs.model.repository import load_repository
from sre_docs.workflows.reliability_report import _md

from workflow_helpers import findings

DECEMBER = ("--as-of", "2026-12-05T00:00:00Z")


def test_monthly_report_figures(repo: Path, cli) -> None:
    result = cli(repo, "report", "monthly", "--month", "2026-10", "--json", *DECEMBER)
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["period"] == "2026-10"
    # At the end of October checkout's window holds only 3 measured days (10-29..10-31, 15 bad of 100,000 each);
    # the incident record covers the other 25. Measured: 45 bad / (0.0005 x 300,000 x 28/3 events) = 45 / 1,400
    # = 3.214%; the incident on 10-12: 30 minutes x 40% of users = 12 of 20.16 budget minutes = 59.524%.
    # Spent 62.738% -> 37.3% left (warning).
    assert data["slo_summary"] == {"services_meeting_slo": 2, "services_breaching_slo": 0,
                                   "worst_performing": "checkout (checkout-availability: 37.3% of the budget left)"}
    assert data["error_budget"] == {"services_in_healthy": 1, "services_in_warning": 1, "services_in_critical": 0,
                                    "services_exhausted": 0}
    assert data["incidents"] == {"total": 1, "by_severity": {"SEV1": 0, "SEV2": 1, "SEV3": 0, "SEV4": 0},
                                 "mttr_minutes": 120, "mttd_minutes": 4, "repeat_incidents": 0}
    assert data["toil"] == {"hours_spent": 6, "hours_automated_away": 15, "pct_of_sre_time": 1.2}
    assert data["on_call"] == {"total_pages": 10, "off_hours_pages": 2, "false_positive_pct": 12, "avg_ack_time_min": 3.5}
    assert data["action_items"] == {"open": 1, "completed_this_month": 1, "overdue": 0}  # AI-001 is due 2026-11-30
    assert "12% of pages were false positives (healthy below 10%)" in data["concerns"]
    postmortem = repo / "services/checkout/postmortems/INC-2026-001.yaml"
    postmortem.write_text(postmortem.read_text().replace("deadline: 2026-11-30", "deadline: 2026-11-15"))
    november = json.loads(cli(repo, "report", "monthly", "--month", "2026-11", "--json", *DECEMBER).out)
    assert november["action_items"] == {"open": 1, "completed_this_month": 0, "overdue": 1}
    assert "Close the 1 overdue action items or agree new deadlines" in november["next_month_priorities"]
    assert november["incidents"]["total"] == 0 and "mttr_minutes" not in november["incidents"]


def test_monthly_report_write_refuses_to_overwrite(repo: Path, cli) -> None:
    result = cli(repo, "report", "monthly", "--month", "2026-10", "--write", *DECEMBER)
    assert result.code == 0, result.out + result.err
    path = repo / "org/reports/2026-10.yaml"
    written = path.read_bytes()
    report = load_repository(repo).org_of_kind("monthly_report")[0]
    assert report.get("incidents", "by_severity", "SEV2") == 1
    assert findings(repo) == []
    again = cli(repo, "report", "monthly", "--month", "2026-10", "--write", *DECEMBER)
    assert again.code == 0 and "already up to date" in again.out  # writing twice is writing once
    path.write_text(written.decode().replace("Review the highlights", "Reviewed by hand: the highlights"))
    edited = path.read_bytes()
    refused = cli(repo, "report", "monthly", "--month", "2026-10", "--write", *DECEMBER)
    assert refused.code == 2 and "org/reports/2026-10.yaml already exists; use --force" in refused.err
    assert path.read_bytes() == edited
    assert cli(repo, "report", "monthly", "--month", "2026-10", "--write", "--force", *DECEMBER).code == 0
    assert path.read_bytes() == written


def test_monthly_markdown_escapes_repo_text(repo: Path, cli) -> None:
    result = cli(repo, "report", "monthly", "--month", "2026-10", "--markdown", *DECEMBER)
    assert result.code == 0
    assert result.out.startswith("# Reliability report: 2026-10\n")
    assert "| 1 | 1 | 0 | 0 |" in result.out
    assert _md("a|b *c* <x> [l](u) _e_ snake_case") == r"a\|b \*c\* \<x\> \[l\](u) \_e\_ snake_case"
    assert cli(repo, "report", "monthly", "--month", "2026-13").code == 2
    assert cli(repo, "report", "monthly", "--month", "2027-01", *DECEMBER).code == 2


def test_weekly_review(repo: Path, cli) -> None:
    assert cli(repo, "incident", "start", "Card payments slow", "--service", "payments", "--function", "degraded",
               "--users", "lt_25pct", "--alert", "payments_fast_burn", "--detection", "alert",
               "--at", "2026-11-24T09:00:00Z").code == 0
    assert cli(repo, "incident", "resolve", "INC-2026-002", "--at", "2026-11-24T09:45:00Z").code == 0
    result = cli(repo, "report", "weekly", "--as-of", "2026-11-26T00:00:00Z")
    assert result.code == 0, result.err
    out = result.out
    assert out.startswith("# Weekly SRE review: 2026-11-19 to 2026-11-26 (30 min)\n")
    for heading in ("## 1. SLO status (5 min)", "## 2. Incident review (10 min)", "## 3. On-call health (5 min)",
                    "## 4. Reliability work (10 min)"):
        assert heading in out
    assert "- checkout / checkout-availability: healthy, 70.0% of the budget left" in out
    assert "- Burn-rate alerts this week: payments_fast_burn (INC-2026-002)" in out
    assert "  - INC-2026-002 SEV3 Card payments slow (resolve, 45 min)" in out
    assert "AI-001 (INC-2026-001) Canary deploys for the gateway client: open, owner amara, due 2026-11-30" in out
    assert "- Automation shipped: Restart stuck payment reconciler (15 h/month)" in out
    assert "checkout connections reaches 70% in 3.1 months" in out
    data = json.loads(cli(repo, "report", "weekly", "--json", "--as-of", "2026-11-26T00:00:00Z").out)
    assert list(data) == ["week", "slo_status", "incidents", "open_action_items", "on_call", "reliability_work"]
