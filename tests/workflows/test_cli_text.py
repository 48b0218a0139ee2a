"""The text output of ``toil audit``, ``capacity`` and ``oncall health``/``handoff``, line by line.

The JSON forms are tested in test_checks.py; these pin what a person reads in the terminal,
including the branches a healthy fixture never reaches (over budget, at the limit, no SRE
hours, a threshold already crossed, no rotations). Every figure is worked out in a comment.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

AS_OF = ("--as-of", "2026-11-26T00:00:00Z")

TOIL_ROWS = """\
Item                              Service   Hours/month  Difficulty  Priority  Action     Status
--------------------------------  --------  -----------  ----------  --------  ---------  ----------
Restart stuck payment reconciler  checkout  15           medium      7.5       DO SECOND  automated
Renew partner TLS certificates    checkout  6            low         6         DO SECOND  identified
"""


def _set_sre_hours(repo: Path, hours: str | None) -> None:
    """The payments team's ``sre_hours_per_month`` (the first team of org/teams.yaml); None removes it."""
    teams = repo / "org" / "teams.yaml"
    text = re.sub(r"  sre_hours_per_month: \d+\n", "" if hours is None else f"  sre_hours_per_month: {hours}\n",
                  teams.read_text(encoding="utf-8"), count=1)
    teams.write_text(text, encoding="utf-8")


def test_toil_audit_text(repo: Path, cli) -> None:
    # Reconciler: 30 runs x 30 min = 15 h a month, medium (2): priority 15 / 2 = 7.5; automated.
    # Certificates: 4 x 90 min = 6 h a month, low (1): priority 6. payments spends 6 h of 160: 3.75%.
    result = cli(repo, "toil", "audit")
    assert (result.code, result.err) == (0, "")
    assert result.out == "Toil inventory: 2 items\n" + TOIL_ROWS + """
Toil budget (target below 25% of SRE time)
Team      Toil h/month  Automated away  SRE hours  Share  Verdict
--------  ------------  --------------  ---------  -----  -------------
payments  6             15              160        3.8%   within budget
sre       0             0               320        0%     within budget
"""


def test_toil_audit_over_budget_at_the_limit_and_unknown(repo: Path, cli) -> None:
    # 6 toil hours of 20 SRE hours: 30%, above the 25% budget.
    _set_sre_hours(repo, "20")
    out = cli(repo, "toil", "audit", "--team", "payments").out
    assert out.endswith("payments  6             15              20         30%    over budget: automation before feature work\n")
    assert out.startswith("Toil inventory of payments: 2 items\n" + TOIL_ROWS)
    # 6 of 24: exactly 25%, neither below the target nor above the budget.
    _set_sre_hours(repo, "24")
    out = cli(repo, "toil", "audit", "--team", "payments").out
    assert out.endswith("payments  6             15              24         25%    at the limit\n")


def test_toil_audit_without_sre_hours(repo: Path, cli) -> None:
    _set_sre_hours(repo, None)
    out = cli(repo, "toil", "audit", "--team", "payments").out
    assert out.endswith(
        "payments  6             15              —          —      unknown (no sre_hours_per_month)\n"
        "note: payments: set sre_hours_per_month in org/ to measure the toil share\n"
    )


def test_toil_audit_with_fewer_sre_hours_than_toil(repo: Path, cli) -> None:
    # 6 toil hours but only 5 SRE hours: 6 / 5 = 1.2, a share of 120% (a share has no upper bound), over budget.
    _set_sre_hours(repo, "5")
    out = cli(repo, "toil", "audit", "--team", "payments").out
    assert out.endswith(
        "payments  6             15              5          120%   over budget: automation before feature work\n"
        "note: payments: 6.0 toil hours exceed the 5 SRE hours available\n"
    )


def test_toil_item_without_the_figures_gets_a_note(repo: Path, cli) -> None:
    toil = repo / "services" / "checkout" / "toil.yaml"
    toil.write_text(toil.read_text().replace("  occurrences_per_month: 4\n", ""), encoding="utf-8")
    out = cli(repo, "toil", "audit").out
    assert ("note: services/checkout/toil.yaml:1: time_per_occurrence_min and occurrences_per_month are needed "
            "to compute the hours\n") in out


CAPACITY = """\
checkout: connections (services/checkout/capacity.yaml)
Growth: 4% a month (from the model)
                    now     in 6 months  in 12 months
------------------  ------  -----------  ------------
requests/sec        1,200   1,518.4      1,921.2
instances needed    8       11           13
monthly cost (USD)  14,500  18,347       23,215
Peak utilisation 62% (headroom 38%); reaches the 70% scale-up threshold in 3.1 months (2027-02)
Max instances: 12
note: needs 13 instances in 12 months, above max_instances 12: raise the limit or scale vertically
note: no last_load_test: load test to 2x the expected peak before relying on these numbers
"""


def test_capacity_text(repo: Path, cli) -> None:
    # 1,200 x 1.04^6 = 1,518.38 and x 1.04^12 = 1,921.24 requests/sec; cost 14,500 grows alike
    # (18,347.1 and 23,214.96). 62% x 1.04^m = 70% at m = ln(70/62) / ln(1.04) = 3.09 months: February 2027.
    result = cli(repo, "capacity", "checkout", *AS_OF)
    assert (result.code, result.err) == (0, "")
    assert result.out == CAPACITY


def test_capacity_text_with_no_growth_or_past_the_threshold(repo: Path, cli) -> None:
    out = cli(repo, "capacity", "checkout", "--growth", "0%", *AS_OF).out
    assert "Growth: 0% a month (from --growth)\n" in out
    assert "Peak utilisation 62% (headroom 38%); reaches the 70% scale-up threshold never at this growth\n" in out
    model = repo / "services" / "checkout" / "capacity.yaml"
    model.write_text(model.read_text().replace("peak_utilization_pct: 62", "peak_utilization_pct: 75")
                     .replace("headroom_pct: 38", "headroom_pct: 25"), encoding="utf-8")
    out = cli(repo, "capacity", "checkout", *AS_OF).out
    assert "Peak utilisation 75% (headroom 25%); reaches the 70% scale-up threshold already crossed\n" in out


ONCALL = """\
payments-primary (payments) — 2026-10: warning
Metric                       Value  Health   Healthy        Critical
---------------------------  -----  -------  -------------  -------------
Pages per shift              2.5    warning  <2 pages       >5 pages
Pages outside working hours  0.5    healthy  <1 pages/week  >3 pages/week
Time to acknowledge          3.5    healthy  <5 min         >15 min
Time to mitigate             24     healthy  <30 min        >60 min
False positive rate          12     warning  <10 %          >30 %
Escalation rate              10     healthy  <20 %          >40 %
On-call satisfaction         4.2    healthy  >4 of 5        <3 of 5
Pages by member: amara 6, jonas 2, li-wei 1, sofia 1, noah 0; busiest 3.0x the average
  - amara took 6 of 10 pages (3.0x the average share)
  - Pages per shift: 2.5 is warning (healthy <2 pages)
  - False positive rate: 12 is warning (healthy <10 %)
"""


def test_oncall_health_text(repo: Path, cli) -> None:
    # 10 pages over 5 members: 2 on average; amara's 6 is 3.0x that, over the 2x fairness line.
    result = cli(repo, "oncall", "health")
    assert (result.code, result.err) == (0, "")
    assert result.out == ONCALL


def test_oncall_health_without_rotations(repo: Path, cli) -> None:
    shutil.rmtree(repo / "org" / "oncall")
    service = repo / "services" / "payments" / "service.yaml"
    service.write_text(service.read_text().replace("  oncall_rotation: payments-primary\n", ""), encoding="utf-8")
    checkout = repo / "services" / "checkout" / "service.yaml"
    checkout.write_text(checkout.read_text().replace("  oncall_rotation: payments-primary\n", ""), encoding="utf-8")
    result = cli(repo, "oncall", "health")
    assert (result.code, result.out) == (0, "No on-call rotations under org/.\n")


def test_oncall_handoff_json_and_record_needs_both_people(repo: Path, cli) -> None:
    result = cli(repo, "oncall", "handoff", "payments-primary", "--json", *AS_OF)
    assert result.code == 0
    assert json.loads(result.out) == {
        "rotation": "payments-primary", "date": "2026-11-26", "services": ["checkout", "payments"],
        "open_issues": ["Gateway timeouts under investigation (from the 2026-11-16 handoff)"],
        "recent_changes": [], "risks": ["Black Friday load test on Thursday"],
        "maintenance": ["2026-11-28 02:00 UTC: database minor upgrade, 30 min, failover ready"],
        "runbook_updates": [], "notes": [f"no change history: {repo} is not inside a git repository"],
    }
    before = (repo / "org" / "oncall" / "payments-primary.yaml").read_bytes()
    result = cli(repo, "oncall", "handoff", "payments-primary", "--record", "--from", "jonas", *AS_OF)
    assert result.code == 2 and result.err.endswith("--record needs --from and --to\n")
    assert (repo / "org" / "oncall" / "payments-primary.yaml").read_bytes() == before
    result = cli(repo, "oncall", "handoff", "payments-primery", *AS_OF)
    assert result.code == 2 and "did you mean 'payments-primary'" in result.err
