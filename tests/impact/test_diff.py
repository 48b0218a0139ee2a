"""``sre-docs diff`` on real git repos: each kind of change, with the figures worked out by hand.

Every test starts from a copy of the example organisation committed on ``main`` (as of its
``today: 2026-11-26``, budgets evaluated at 2026-11-26T00:00Z), changes the work tree the
way a pull request would, and runs the command in-process. The base is read from git's
objects; the change is never committed unless the test says so.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path

import pytest

from diff_helpers import commit, diff_json, edit, git, run_diff

EXHAUSTED_ACTIONS = [  # org/error_budget_policy.yaml, budget_states.exhausted.actions
    "Deploy freeze for the service, apart from the exceptions below",
    "The whole owning team works on reliability",
    "The VP Engineering is told the same day",
    "A postmortem is written for the exhaustion itself, even if no single incident caused it",
    "The freeze holds until the budget is back to 10%",
]


def _steady_measurements(root: Path, bad_per_day: int) -> None:
    """checkout-availability: 1,000,000 orders a day from 2026-10-22 to 2026-11-25, ``bad_per_day`` failed."""
    rows, day = [], dt.date(2026, 10, 22)
    while day <= dt.date(2026, 11, 25):
        rows.append(f"    - [{day.isoformat()}, {1_000_000 - bad_per_day}, 1000000]")
        day += dt.timedelta(days=1)
    (root / "services/checkout/measurements/checkout-availability.yaml").write_text(
        "measurements:\n  slo: checkout-availability\n  resolution: 1d\n  points:\n" + "\n".join(rows) + "\n",
        encoding="utf-8")


# --- SLOs ---------------------------------------------------------------------------------------------


def test_a_tighter_target_shows_budget_spent_share_state_and_the_policy(example: Path) -> None:
    _steady_measurements(example, bad_per_day=60)
    commit(example, "steady measurements")
    edit(example, "services/checkout/slos.yaml",
         "  target: 99.95\n  sla: 99.8\n  window: 28d\n  error_budget: 0.05\n  error_budget_minutes: 20.16\n",
         "  target: 99.995\n  sla: 99.8\n  window: 28d\n  error_budget: 0.005\n  error_budget_minutes: 2.016\n")

    report = diff_json(example)

    # The 28-day window ending 2026-11-26T00:00Z holds the 28 days 2026-10-29 .. 2026-11-25:
    # 28 x 60 = 1,680 failed orders of 28 x 1,000,000 = 28,000,000, an error rate of 0.006%.
    # Budget = (100 - target)% of 28 x 1,440 = 40,320 minutes:
    #   99.95%  -> 0.05%  of 40,320 = 20.16 min;  spent 0.006 / 0.05  = 12%  -> 88% left, healthy (> 50%)
    #   99.995% -> 0.005% of 40,320 = 2.016 min;  spent 0.006 / 0.005 = 120% -> -20% left, exhausted (<= 0)
    [slo] = report["slos"]
    assert slo["service"] == "checkout" and slo["slo"] == "checkout-availability" and slo["change"] == "changed"
    assert slo["target"] == {"before": 99.95, "after": 99.995}
    assert slo["budget_minutes"]["before"] == pytest.approx(20.16)
    assert slo["budget_minutes"]["after"] == pytest.approx(2.016)
    assert slo["spent_pct"]["before"] == pytest.approx(12.0)
    assert slo["spent_pct"]["after"] == pytest.approx(120.0)
    assert slo["state"] == {"before": "healthy", "after": "exhausted"}
    assert slo["actions"] == EXHAUSTED_ACTIONS
    # The exhausted budget is news elsewhere too: the BUD001 finding on the target, the planned
    # game day that may no longer run (CHS002), and the region strategy that cannot carry 99.995%.
    assert [(f["code"], f["path"], f["line"], f["severity"]) for f in report["findings"]["introduced"]] == [
        ("CHS002", "services/checkout/experiments/payments-latency-gameday.yaml", 9, "error"),
        ("BUD001", "services/checkout/slos.yaml", 7, "error"),
        ("SLO006", "services/checkout/service.yaml", 25, "warning"),  # multi_region.strategy, line 25 with service_type
    ]

    code, text, _ = run_diff(example)
    assert code == 0
    assert text.splitlines()[1] == (
        "  worse:  SLO checkout-availability (checkout): target 99.95 → 99.995; budget 20.2 → 2.0 min; "
        "spent 12% → 120%, exhausted under the new target (was healthy); policy: Deploy freeze for the service, "
        "apart from the exceptions below (+4 more)")


def test_a_longer_window_changes_the_budget_minutes(example: Path) -> None:
    _steady_measurements(example, bad_per_day=60)
    commit(example, "steady measurements")
    edit(example, "services/checkout/slos.yaml", "  sla: 99.8\n  window: 28d\n  error_budget: 0.05\n  error_budget_minutes: 20.16\n",
         "  sla: 99.8\n  window: 30d\n  error_budget: 0.05\n  error_budget_minutes: 21.6\n")

    [slo] = diff_json(example)["slos"]

    # 30 days = 43,200 minutes; 0.05% of it = 21.6 min (28 days: 20.16 min).
    # The 30-day window ending 2026-11-26 holds 2026-10-27 .. 2026-11-25, 30 days at 0.006%:
    # still 0.006 / 0.05 = 12% spent, still healthy.
    assert slo["window"] == {"before": "28d", "after": "30d"}
    assert slo["budget_minutes"]["after"] == pytest.approx(21.6)
    assert slo["spent_pct"]["after"] == pytest.approx(12.0)
    assert slo["state"] == {"before": "healthy", "after": "healthy"}


def test_changed_burn_rate_thresholds(example: Path) -> None:
    edit(example, "services/checkout/slos.yaml", "  - name: checkout-availability-fast-burn\n      burn_rate: 13.44\n",
         "  - name: checkout-availability-fast-burn\n      burn_rate: 10\n")

    [slo] = diff_json(example)["slos"]

    # Only the fast-burn alert of checkout-availability changed; the target did not, so no budget moved.
    assert slo["target"] == {"before": 99.95, "after": 99.95}
    assert slo["burn_rate_alerts"] == [{
        "name": "checkout-availability-fast-burn",
        "before": {"burn_rate": 13.44, "long_window": "1h", "short_window": "5m", "severity": "page"},
        "after": {"burn_rate": 10.0, "long_window": "1h", "short_window": "5m", "severity": "page"},
    }]
    _, text, _ = run_diff(example)
    assert ("  note:   burn-rate alert checkout-availability-fast-burn of checkout-availability (checkout): "
            "13.44× over 1h/5m page → 10× over 1h/5m page") in text.splitlines()


# --- findings -----------------------------------------------------------------------------------------


def test_a_team_renamed_in_org_shows_the_findings_it_causes_in_untouched_files(example: Path) -> None:
    edit(example, "org/teams.yaml", "name: discovery\n", "name: discovery-team\n")

    report = diff_json(example)

    # catalog, ranking-model and search are owned by discovery: three services break, none of their files changed.
    assert [(f["code"], f["path"], f["line"], f["column"], f["message"]) for f in report["findings"]["introduced"]] == [
        ("CAT003", f"services/{name}/service.yaml", 5, 15,
         "owner team 'discovery' is not a team in org/; did you mean 'discovery-team'?")
        for name in ("catalog", "ranking-model", "search")
    ]
    # Unchanged: the example's one BUD001 warning (notifications-delivery-latency at risk), there before and after.
    assert report["findings"]["fixed"] == [] and report["findings"]["unchanged"] == 1
    # Without the team, "the owning team spends under 50% of its time on toil" (toil level 2) cannot be
    # met, so toil management falls to 1 (the guide's ad hoc) and the maturity total loses the difference:
    #   catalog        toil 5 -> 1: 30 - 4 = 26, Maturing (25-32) both times
    #   ranking-model  toil 2 -> 1: 18 - 1 = 17, Foundation built (17-24) both times
    #   search         toil 2 -> 1: 24 - 1 = 23, Foundation built (17-24) both times
    # (ranking-model and search hold toil level 2 before: no toil item of theirs reaches the hours that level 3
    # asks a reduction plan for, and a rule with nothing to check is not met.)
    # Toil management is not one of the quality rubric's dimensions: the rubric score does not move.
    assert [(s["service"], s["maturity_total"], s["band"], s["rubric_delta"], s["dimensions"])
            for s in report["scorecards"]] == [
        ("catalog", {"before": 30, "after": 26}, {"before": "Maturing", "after": "Maturing"}, 0.0,
         [{"id": "toil_management", "name": "Toil Management", "level": {"before": 5, "after": 1}}]),
        ("ranking-model", {"before": 18, "after": 17}, {"before": "Foundation built", "after": "Foundation built"}, 0.0,
         [{"id": "toil_management", "name": "Toil Management", "level": {"before": 2, "after": 1}}]),
        ("search", {"before": 24, "after": 23}, {"before": "Foundation built", "after": "Foundation built"}, 0.0,
         [{"id": "toil_management", "name": "Toil Management", "level": {"before": 2, "after": 1}}]),
    ]


def test_fixing_the_team_name_shows_the_findings_fixed(example: Path) -> None:
    edit(example, "org/teams.yaml", "name: discovery\n", "name: discovery-team\n")
    commit(example, "break the team")
    edit(example, "org/teams.yaml", "name: discovery-team\n", "name: discovery\n")

    report = diff_json(example)

    assert report["findings"]["introduced"] == []
    assert [(f["code"], f["service"]) for f in report["findings"]["fixed"]] == [
        ("CAT003", "catalog"), ("CAT003", "ranking-model"), ("CAT003", "search")]


def test_findings_match_by_fingerprint_when_lines_move(example: Path) -> None:
    edit(example, "org/teams.yaml", "name: discovery\n", "name: discovery-team\n")
    commit(example, "break the team")
    # Three comment lines above the catalog's owner: its CAT003 moves from line 5 to line 8, same finding.
    edit(example, "services/catalog/service.yaml", "service:\n", "# one\n# two\n# three\nservice:\n")

    report = diff_json(example)

    assert report["findings"]["introduced"] == [] and report["findings"]["fixed"] == []
    # The three CAT003 findings, plus the example's own BUD001 warning (notifications-delivery-latency at risk).
    assert report["findings"]["unchanged"] == 4


def test_the_base_is_judged_with_its_own_suppressions(example: Path) -> None:
    # A suppression at the base hides CAT003 there; the change drops it. Were the base's comments read
    # from the work tree, the finding would look unchanged.
    edit(example, "org/teams.yaml", "name: discovery\n", "name: discovery-team\n")
    edit(example, "services/catalog/service.yaml", "  owner_team: discovery\n",
         "  owner_team: discovery  # sre-docs: disable=CAT003 -- team rename lands next week\n")
    commit(example, "break the team, suppress one")
    edit(example, "services/catalog/service.yaml",
         "  owner_team: discovery  # sre-docs: disable=CAT003 -- team rename lands next week\n",
         "  owner_team: discovery\n")

    found = diff_json(example)["findings"]

    assert [(f["code"], f["service"]) for f in found["introduced"]] == [("CAT003", "catalog")]
    assert found["unchanged"] == 3  # the two other CAT003 findings and the example's BUD001 at-risk warning


# --- alerts and runbooks --------------------------------------------------------------------------------


def test_a_deleted_runbook_that_an_alert_still_points_at(example: Path) -> None:
    (example / "services/checkout/runbooks/high-latency.yaml").unlink()

    report = diff_json(example)

    assert report["deleted_runbooks"] == [{"service": "checkout", "path": "services/checkout/runbooks/high-latency.yaml",
                                           "alerts": ["checkout-high-latency"]}]
    assert report["alerts"] == [{"service": "checkout", "alert": "checkout-high-latency",
                                 "path": "services/checkout/alerts.yaml", "change": "lost runbook",
                                 "runbooks_before": ["services/checkout/runbooks/high-latency.yaml"]}]
    _, text, _ = run_diff(example)
    # Two ALR001 (the alert names no runbook any more, its link resolves to nothing) and the PRR002 of the
    # review whose "alerts have runbooks" pass the repo now contradicts; then the two headlines.
    assert text.splitlines()[1:4] == [
        "  worse:  3 findings introduced (3 errors)",
        "  worse:  runbook services/checkout/runbooks/high-latency.yaml deleted while alert checkout-high-latency "
        "still points at it",
        "  worse:  alert checkout-high-latency (checkout) lost its runbook (was "
        "services/checkout/runbooks/high-latency.yaml)",
    ]


def test_alerts_added_and_removed(example: Path) -> None:
    alerts = example / "services/checkout/alerts.yaml"
    text = alerts.read_text(encoding="utf-8")
    first, rest = text.split("---\n", 1)
    alerts.write_text(rest + "---\n" + first.replace("checkout-high-latency", "checkout-high-latency-p95"),
                      encoding="utf-8")

    changes = [(a["alert"], a["change"]) for a in diff_json(example)["alerts"]]

    assert changes == [("checkout-high-latency", "removed"), ("checkout-high-latency-p95", "added")]


# --- services, capacity, on-call --------------------------------------------------------------------------


def test_a_tier_raised_shows_what_it_tightens(example: Path) -> None:
    edit(example, "services/backoffice/service.yaml", "  tier: standard\n", "  tier: critical\n")

    [service] = diff_json(example)["services"]

    # SLO005's floors: standard 99.5, critical 99.95; SLO005 requires an SLO of critical and important
    # services; PRR001 requires a passing review of critical and important services.
    assert service == {"service": "backoffice", "change": "tier", "tier": {"before": "standard", "after": "critical"},
                       "rules": [
                           {"rule": "SLO target floor", "value": {"before": 99.5, "after": 99.95}, "tighter": True},
                           {"rule": "an SLO is required", "value": {"before": False, "after": True}, "tighter": True},
                           {"rule": "a passing production readiness review is required",
                            "value": {"before": False, "after": True}, "tighter": True},
                       ]}


def test_services_added_and_removed(example: Path) -> None:
    shutil.rmtree(example / "services/backoffice")
    shutil.copytree(example / "services/search", example / "services/search-v2")
    edit(example, "services/search-v2/service.yaml", "  name: search\n", "  name: search-v2\n")

    services = [(s["service"], s["change"], s["tier"]) for s in diff_json(example)["services"]]

    assert services == [("backoffice", "removed", {"before": "standard", "after": None}),
                        ("search-v2", "added", {"before": None, "after": "important"})]


def test_faster_growth_moves_the_capacity_month_earlier(example: Path) -> None:
    edit(example, "services/checkout/capacity.yaml", "    monthly_growth_pct: 4.0\n", "    monthly_growth_pct: 8.0\n")

    [plan] = diff_json(example)["capacity"]

    # Peak 58% growing g a month reaches the 80% scale-up threshold in ln(80/58) / ln(1 + g) months,
    # ln(80/58) = 0.321584, and a month is 365.25 / 12 = 30.4375 days, counted from 2026-11-26:
    #   4%: 0.321584 / 0.039221 = 8.1994 months = 249.6 days -> 2027-08-02 -> 2027-08
    #   8%: 0.321584 / 0.076961 = 4.1785 months = 127.2 days -> 2027-04-02 -> 2027-04
    assert plan["threshold_month"] == {"before": "2027-08", "after": "2027-04"}
    assert plan["months_to_threshold"]["before"] == pytest.approx(8.1994, abs=1e-4)
    assert plan["months_to_threshold"]["after"] == pytest.approx(4.1785, abs=1e-4)


def test_a_rotation_shrinking_below_the_minimum(example: Path) -> None:
    edit(example, "org/oncall/discovery-oncall.yaml",
         "  members: [kenji.mori, laura.bianchi, omar.siddiqui, rosa.delgado, felix.wagner]\n",
         "  members: [kenji.mori, laura.bianchi, omar.siddiqui, rosa.delgado]\n")

    report = diff_json(example)

    # Five people before, four after; ONC001's minimum is five (one week on, four off).
    assert report["rotations"] == [{"rotation": "discovery-oncall", "path": "org/oncall/discovery-oncall.yaml",
                                    "members": {"before": 5, "after": 4}, "minimum": 5}]
    assert [f["code"] for f in report["findings"]["introduced"]] == ["ONC001"]


# --- the base -------------------------------------------------------------------------------------------


def test_no_change_says_so(example: Path) -> None:
    code, text, err = run_diff(example)

    assert (code, err) == (0, "")
    sha = git(example, "rev-parse", "HEAD").strip()
    assert text == (f"Reliability impact, compared with {sha[:12]} (main) as of 2026-11-26:\n"
                    "  no change to SLOs, findings, scorecards, alerts, runbooks, services, capacity or on-call\n"
                    "1 finding(s) unchanged.\n")  # the example's BUD001 at-risk warning


def test_the_default_base_is_the_merge_base_with_the_default_branch(example: Path) -> None:
    start = git(example, "rev-parse", "HEAD").strip()
    git(example, "checkout", "-q", "-b", "change")
    edit(example, "org/oncall/discovery-oncall.yaml",
         "  members: [kenji.mori, laura.bianchi, omar.siddiqui, rosa.delgado, felix.wagner]\n",
         "  members: [kenji.mori, laura.bianchi, omar.siddiqui, rosa.delgado]\n")
    commit(example, "smaller rotation")
    git(example, "checkout", "-q", "main")
    edit(example, "services/backoffice/service.yaml", "  tier: standard\n", "  tier: important\n")
    commit(example, "meanwhile on main")
    git(example, "checkout", "-q", "change")

    report = diff_json(example)

    # Compared with where the branch left main: the rotation is the change, main's tier edit is not.
    assert report["base"] == {"sha": start, "ref": "main"}
    assert [r["rotation"] for r in report["rotations"]] == ["discovery-oncall"]
    assert report["services"] == []


def test_github_pull_requests_compare_with_their_target_branch(example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    git(example, "branch", "release")
    git(example, "update-ref", "refs/remotes/origin/release", "release")
    monkeypatch.setenv("GITHUB_BASE_REF", "release")

    assert diff_json(example)["base"]["ref"] == "origin/release"


@pytest.mark.parametrize(("args", "message"), [
    (["no-such-ref"], "sre-docs: diff: 'no-such-ref': no such commit in {root}\n"),
    (["--", "-x"], "sre-docs: diff: BASE '-x': a git ref cannot start with '-' (or be empty)\n"),
    (["--", "main\x01"], "sre-docs: diff: BASE: a git ref cannot hold control characters\n"),
])
def test_bad_bases_are_usage_errors(example: Path, args: list[str], message: str) -> None:
    code, out, err = run_diff(example, *args)

    assert (code, out) == (2, "")
    assert err == message.format(root=example)


def test_an_option_is_never_taken_for_a_base(example: Path) -> None:
    with pytest.raises(SystemExit) as stopped:  # argparse refuses it before git sees anything
        run_diff(example, "--upload-pack=x")
    assert stopped.value.code == 2


def test_outside_git_it_says_so(tmp_path: Path) -> None:
    root = tmp_path / "plain"
    shutil.copytree(Path(__file__).resolve().parents[2] / "org", root / "org")

    code, out, err = run_diff(root)

    assert (code, out) == (2, "")
    assert err == f"sre-docs: diff: {root} is not inside a git repository\n"


# --- the pull-request comment ---------------------------------------------------------------------------

GOLDEN = Path(__file__).parent / "golden"


def test_the_markdown_comment_matches_the_golden_file(example: Path) -> None:
    """A change that tightens an SLO, deletes a runbook, shrinks a rotation and speeds up growth.

    The golden file was read line by line: worst news first, the SLO's figures as worked out in
    ``test_a_tighter_target_…`` (99.95 -> 99.99 over 28 days: 20.16 -> 4.032 min; the example's
    measurements spend 37.9% of the old budget, five times that, 189.5%, of the new one), the
    rubric falling by monitoring 15 x 4/5 = 12 plus documentation 5 x 3/5 = 3 = 15 points; the rotation of
    catalog, ranking-model and search down to 4 members, so each loses "rotation-of-five" (level 3): on-call health
    4 -> 2, maturity -2, rubric 10 x 2/5 = 4 points. Services linked to their handbook pages, every value from a
    document escaped. Doubling the growth leaves the
    stored projections behind (CAP002): 1150 x 1.08^6 = 1150 x 1.586874 = 1,824.9, x 1.08^12 = 2.518170 ->
    2,895.9; the cost 16,900 x the same -> 26,818.2 and 42,557.1.
    """
    edit(example, "services/checkout/slos.yaml", "  target: 99.95\n  sla: 99.8\n", "  target: 99.99\n  sla: 99.8\n")
    (example / "services/checkout/runbooks/high-latency.yaml").unlink()
    edit(example, "org/oncall/discovery-oncall.yaml",
         "  members: [kenji.mori, laura.bianchi, omar.siddiqui, rosa.delgado, felix.wagner]\n",
         "  members: [kenji.mori, laura.bianchi, omar.siddiqui, rosa.delgado]\n")
    edit(example, "services/checkout/capacity.yaml", "    monthly_growth_pct: 4.0\n", "    monthly_growth_pct: 8.0\n")

    code, out, err = run_diff(example, "--format", "markdown", "--site-url", "https://sre.example.com/")

    assert (code, err) == (0, "")
    sha = git(example, "rev-parse", "HEAD").strip()
    expected = (GOLDEN / "combined.md").read_text(encoding="utf-8").replace("{sha}", sha[:12])
    assert out == expected


def test_the_comment_of_an_unchanged_repo(example: Path) -> None:
    code, out, _ = run_diff(example, "--format", "markdown")

    sha = git(example, "rev-parse", "HEAD").strip()
    assert out == (GOLDEN / "unchanged.md").read_text(encoding="utf-8").replace("{sha}", sha[:12])


def test_values_from_documents_cannot_become_markup_in_the_comment(example: Path) -> None:
    edit(example, "org/error_budget_policy.yaml", "        - Deploy freeze for the service, apart from the exceptions below\n",
         "        - \"@octo/all [x](javascript:alert(1)) <img src=x> #12\"\n")
    commit(example, "odd policy action")
    edit(example, "services/checkout/slos.yaml", "  target: 99.95\n  sla: 99.8\n", "  target: 99.99\n  sla: 99.8\n")

    _, out, _ = run_diff(example, "--format", "markdown")

    line = next(line for line in out.splitlines() if line.startswith("- 🔴 SLO"))
    assert line.endswith("policy: &#64;octo&#47;all &#91;x&#93;&#40;javascript&#58;alert&#40;1&#41;&#41; "
                         "&#60;img src&#61;x&#62; &#35;12 (+4 more)")


# --- edges -----------------------------------------------------------------------------------------------


def test_a_first_service_in_an_empty_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_BASE_REF", raising=False)
    root = tmp_path / "empty"
    root.mkdir()
    (root / "sre-docs.yaml").write_text("today: 2026-11-26\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    commit(root, "nothing yet")
    (root / "services/ledger").mkdir(parents=True)
    (root / "services/ledger/service.yaml").write_text(
        "service:\n  name: ledger\n  tier: experimental\n  owner_team: money\n  description: Books.\n", encoding="utf-8")

    report = diff_json(root)

    assert report["services"] == [{"service": "ledger", "change": "added", "tier": {"before": None, "after": "experimental"},
                                   "rules": []}]
    assert report["slos"] == [] and report["scorecards"] == []  # nothing to compare a new service's scores with


def test_a_repo_without_commits_has_nothing_to_compare_with(tmp_path: Path) -> None:
    root = tmp_path / "fresh"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")

    code, out, err = run_diff(root)

    assert (code, out) == (2, "")
    assert err == f"sre-docs: diff: {root} has no commit yet: there is nothing to compare with\n"


def test_broken_yaml_in_the_change_is_a_finding_not_a_crash(example: Path) -> None:
    (example / "services/checkout/slos.yaml").write_text("slo:\n  name: [unclosed\n", encoding="utf-8")

    code, out, err = run_diff(example, "--format", "json")

    assert (code, err) == (0, "")
    import json

    report = json.loads(out)
    in_file = [(f["code"], f["line"], f["severity"]) for f in report["findings"]["introduced"]
               if f["path"] == "services/checkout/slos.yaml"]
    assert in_file == [("YAML001", 3, "error")]
    # Both SLOs of the file are gone from the model: reported as removed, with what they were.
    assert [(s["slo"], s["change"], s["target"]) for s in report["slos"]] == [
        ("checkout-availability", "removed", {"before": 99.95, "after": None}),
        ("checkout-latency", "removed", {"before": 99.95, "after": None}),
    ]


def test_the_readme_shows_the_golden_comment() -> None:
    import re

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    shown = readme.split("(this is `tests/impact/golden/combined.md`):\n\n", 1)[1].split("\n### pre-commit", 1)[0]
    sha = re.search(r"Compared with <code>([0-9a-f]{12})</code>", shown).group(1)
    assert shown.rstrip("\n") + "\n" == (GOLDEN / "combined.md").read_text(encoding="utf-8").replace("{sha}", sha)


# --- scoring only what a change can move ------------------------------------------------------------------


def _full_and_restricted(root: Path):
    """Scorecard changes from scoring every service, and from scoring only ``services_to_score``."""
    import datetime as dt

    from sre_docs.cli.diff import sides
    from sre_docs.impact.changes import _scorecards, score_changes, services_to_score
    from sre_docs.lint.config import load_config
    from sre_docs.loading.git_changes import resolve_base
    from sre_docs.scorecard.rules import load_rules
    from sre_docs.scorecard.score import score_repository

    config, rules, today = load_config(root), load_rules(root), dt.date(2026, 11, 26)
    base, head = sides(root, resolve_base(root, None), config.limits, today)
    full = list(score_changes(score_repository(base.repo, rules, today=today, git=base.git),
                              score_repository(head.repo, rules, today=today, git=head.git)))
    restricted = list(score_changes(*_scorecards(base, head, rules, today=today)))
    wanted = services_to_score(base, head)
    # git grep finds what reading every file finds.
    assert head.containing is not None
    assert wanted == services_to_score(base, dataclasses.replace(head, containing=None))
    return full, restricted, wanted


@pytest.mark.parametrize("change", ["runbook deleted", "toil of a teammate", "toil shared with another team",
                                    "team renamed", "nothing"])
def test_scoring_only_the_services_a_change_can_move_gives_the_same_answer(example: Path, change: str) -> None:
    if change == "runbook deleted":
        (example / "services/checkout/runbooks/high-latency.yaml").unlink()
    elif change == "toil of a teammate":
        # search's toil counts against its team, discovery, which also owns catalog and ranking-model. The
        # hours come from minutes x occurrences (the stated total is only a cross-check), so raise the count.
        toil = example / "services/search/toil.yaml"
        toil.write_text(toil.read_text(encoding="utf-8").replace("occurrences_per_month: ", "occurrences_per_month: 9", 1),
                        encoding="utf-8")
    elif change == "toil shared with another team":
        # Search's reindexing (team discovery) now runs 100 times a month, 120 minutes each, shared with
        # engagement: 200 h split in two, so engagement's toil goes from 16.5 h to 116.5 h of its 200 SRE hours
        # (58%, over the 50% budget). Backoffice's and notifications' scorecards (engagement's) move with it.
        edit(example, "services/search/toil.yaml",
             "occurrences_per_month: 4\n  total_hours_per_month: 8.0\n  teams_affected: [discovery]\n",
             "occurrences_per_month: 100\n  total_hours_per_month: 200.0\n  teams_affected: [discovery, engagement]\n")
    elif change == "team renamed":
        edit(example, "org/teams.yaml", "name: discovery\n", "name: discovery-team\n")

    full, restricted, wanted = _full_and_restricted(example)

    assert restricted == full
    assert bool(full) == (change != "nothing")  # each change moves some scorecard: the comparison means something
    if change == "team renamed":
        assert wanted is None  # an org/ file: every service
    if change == "toil of a teammate":
        assert {"search", "catalog", "ranking-model"} <= wanted
    if change == "toil shared with another team":
        assert {"search", "catalog", "ranking-model", "backoffice", "notifications"} <= wanted
        assert {card.service for card in full} >= {"backoffice", "notifications"}
    if change == "nothing":
        assert wanted == set()
    if change == "runbook deleted":
        # checkout is named across the example (dependencies, incidents, teammates): the rule stays on the safe side.
        assert "checkout" in wanted


def test_git_grep_finds_tracked_untracked_and_ignored_files_that_name_a_service(tmp_path: Path) -> None:
    """``files_containing``: every YAML file the linter reads (under services/ and org/, tracked or not, ignored
    or not) whose bytes hold one of the names; nothing elsewhere."""
    import subprocess

    from sre_docs.loading.git_changes import files_containing

    root = tmp_path / "repo" / "reliability"  # a repo inside a bigger git repo: paths are the root's
    files = {
        "services/search/service.yaml": "service:\n  name: search\n  dependencies: [checkout]\n",
        "services/auth/service.yaml": "service:\n  name: auth\n",
        "org/teams.yaml": "team:\n  name: payments\n",
        "docs/checkout.md": "checkout\n",  # not read by the linter
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    subprocess.run(["git", "init", "-q"], cwd=tmp_path / "repo", check=True)
    subprocess.run(["git", "add", "reliability/services/search", "reliability/docs"], cwd=tmp_path / "repo", check=True)
    (root / ".gitignore").write_text("services/ignored/\n")
    (root / "services/ignored").mkdir()
    (root / "services/ignored/slos.yaml").write_text("slo:\n  name: checkout-mirror\n")
    (root / "services/untracked.yaml").write_text("x: payments\n")
    assert files_containing(root, ["checkout", "payments"]) == {
        "services/search/service.yaml",  # tracked
        "services/ignored/slos.yaml",  # ignored
        "services/untracked.yaml",  # untracked
        "org/teams.yaml",  # untracked, under org/
    }
    assert files_containing(root, ["nobody"]) == set()
    assert files_containing(root, []) == set()
    assert files_containing(tmp_path / "elsewhere", ["checkout"]) is None  # not in git: read the files instead
