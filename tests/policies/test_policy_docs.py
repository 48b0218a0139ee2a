"""A policy's docstring is its documentation page: every section present, every example honest.

The failing example must produce the policy's finding and the passing example must not,
when run through the real engine in a throw-away repo built from the example's
``# file:`` blocks. Examples must also be valid documents (no loader findings), since
readers copy them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from policy_helpers import LOADER_PREFIXES, lint_folder
from sre_docs.lint.catalog import builtin_policies, load_catalog
from sre_docs.handbook.policy_pages import index_page, pages, policy_page
from sre_docs.lint.policy import Policy
from sre_docs.lint.policy_docs import SECTIONS, ExampleFormatError, example_files, parse_doc

POLICIES = [policy for policy in builtin_policies() if policy.origin == "built-in"]
IDS = [policy.id for policy in POLICIES]


@pytest.mark.parametrize("policy", POLICIES, ids=IDS)
def test_sections_present(policy: Policy):
    doc = parse_doc(policy.doc)
    assert doc.missing == ()
    assert doc.unknown == ()
    assert list(doc.sections) == list(SECTIONS), "sections must come in the documented order"
    assert doc.summary.endswith("."), "the summary is one sentence"


@pytest.mark.parametrize("policy", POLICIES, ids=IDS)
def test_options_documented(policy: Policy):
    section = parse_doc(policy.doc).sections["Options"]
    if not policy.options:
        assert section.strip().startswith("None")
    for name in policy.options:
        assert f"`{name}`" in section, f"option {name} is not described in the Options section"
    described = set(re.findall(r"^- `([a-z_]+)`", section, re.M))
    assert described <= set(policy.options), f"documented options that do not exist: {described - set(policy.options)}"


@pytest.mark.parametrize("policy", POLICIES, ids=IDS)
def test_references_point_at_the_guide_or_layout(policy: Policy):
    references = parse_doc(policy.doc).sections["References"]
    assert re.search(r"Guide|Repository (kinds|layout)", references)


def _materialise(files, root: Path) -> None:
    for file in files:
        target = root / file.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(file.text, encoding="utf-8")


#: What each policy's failing example must report, finding by finding: (path, line, column, message).
#: Each entry was checked against its example by reading it (positions counted in the example's file,
#: figures worked out: TOL001's 25 x 120 min = 50 h of 160 h is 31.25%; CAP001's 12 instances at 62%
#: grown 1.08^6 need 12 x 0.62 x 1.587 / 0.75 = 15.7, so 16 > 14; and so on). A change to a message or an
#: example must be made here by hand too.
FAILING_EXAMPLE_FINDINGS: dict[str, list[tuple[str, int, int, str]]] = {
    "CAT001": [
        ('services/checkout/service.yaml', 6, 16,
         "upstream dependency 'payment-gateway' is not a service of this repo (list third-party systems in the 'external' option)"),
    ],
    "CAT002": [
        ('services/checkout/service.yaml', 6, 16,
         'checkout calls inventory (upstream), but inventory does not list checkout under dependencies.downstream'),
    ],
    "CAT003": [
        ('services/checkout/service.yaml', 4, 15,
         "owner team 'paymnets' is not a team in org/; did you mean 'payments'?"),
    ],
    "CAT004": [
        ('services/checkout/service.yaml', 2, 9,
         "service name 'checkout-api' differs from its folder services/checkout/"),
    ],
    "CAT005": [
        ('services/checkout/slis.yaml', 1, 1,
         'services/checkout/ has no service document; add services/checkout/service.yaml'),
    ],
    "SLO001": [
        ('services/checkout/slos.yaml', 4, 11,
         'SLO target 99.9% is not above its SLA of 99.9%; the error budget would run out only when the contract is already broken'),
    ],
    "SLO002": [
        ('services/checkout/slos.yaml', 6, 17,
         'error_budget 0.1% does not match 100 - target (99.95) = 0.05%'),
        ('services/checkout/slos.yaml', 7, 25,
         'error_budget_minutes 43.2 does not match 99.95% over 28d: 20.16 minutes'),
    ],
    "SLO003": [
        ('services/checkout/slos.yaml', 3, 8,
         "SLI 'availabilty' is not defined in services/checkout/; did you mean 'availability'?"),
    ],
    "SLO004": [
        ('services/checkout/slos.yaml', 8, 18,
         'burn-rate alert checkout-fast-burn: 14.4x does not spend 2% of a 28d budget in 1h; that takes 13.44x'),
        ('services/checkout/slos.yaml', 15, 21,
         'burn-rate alert checkout-slow-burn: short window 3d is not shorter than the long window 6h'),
    ],
    "SLO005": [
        ('services/checkout/slos.yaml', 4, 11,
         'target 99.5% is below the 99.95% floor for critical services'),
    ],
    "SLO006": [
        ('services/checkout/service.yaml', 6, 15,
         'active-passive cannot carry the 99.99% target of SLO availability; the decision guide calls for active-active-read or active-active-full'),
    ],
    "SLO007": [
        ('services/checkout/measurements/2026-11.yaml', 5, 20,
         'row 2026-11-01: 1203500 good events is more than the 1203400 counted'),
    ],
    "SLO008": [
        ('services/checkout/slos.yaml', 9, 8,
         "SLO name 'availability' is already used at services/checkout/slos.yaml:1"),
    ],
    "ALR001": [
        ('services/checkout/alerts.yaml', 2, 9,
         "no runbook of services/checkout/ names alert 'checkout-high-error-rate' in alert_name"),
        ('services/checkout/alerts.yaml', 7, 12,
         "runbook link 'runbooks/high-error-rate.yaml' does not resolve: services/checkout/runbooks/high-error-rate.yaml holds no runbook"),
    ],
    "ALR002": [
        ('services/checkout/alerts.yaml', 2, 9,
         "paging alert 'checkout-down' (P0): its runbook services/checkout/runbooks/checkout-down.yaml has no escalation contact"),
    ],
    "ALR003": [
        ('services/checkout/alerts.yaml', 6, 8,
         "SLO 'checkout-availabilty' is not an SLO of services/checkout/; did you mean 'checkout-availability'?"),
    ],
    "ALR004": [
        ('services/checkout/alerts.yaml', 10, 9,
         "alert name 'checkout-errors' is already used at services/checkout/alerts.yaml:2"),
    ],
    "ALR005": [
        ('services/checkout/alerts.yaml', 7, 11,
         "alert 'checkout-db-cpu' pages on a cause (signal: saturation, no slo): page only on symptoms users feel; "
         "make it a ticket (P2) or name the SLO it threatens"),
    ],
    "ALR006": [
        ('services/checkout/alerts.yaml', 7, 11,
         "alert 'checkout-slow-trend' is P3/Log (Dashboard only), so notify must be dashboard, not page"),
    ],
    # today 2026-11-26; 2026-08-01 is 117 days before it (30 + 30 + 31 + 26), more than 31.
    "ALR007": [
        ('services/checkout/alerts.yaml', 8, 18,
         "alert 'checkout-high-error-rate' was last reviewed on 2026-08-01, more than 31 days ago; review alerts monthly"),
    ],
    "ALR008": [
        ('services/checkout/alerts.yaml', 7, 9,
         "alert 'checkout-high-error-rate' has no expression yet ('TODO: the PromQL expression that fires it'): "
         "write the PromQL that fires it"),
    ],
    # tracing on: trace_id and span_id; peak_rps 1200 > 0: the 4 request fields; 2 + 4 = 6 missing.
    "LOG001": [
        ('services/checkout/service.yaml', 9, 17,
         'log_fields of checkout miss 6 field(s) of the structured log standard: trace_id, span_id, http_method, '
         'http_path, http_status, duration_ms'),
    ],
    "LOG002": [
        ('services/checkout/service.yaml', 7, 25,
         'service checkout: it takes requests (peak_rps 1200) but does not track RED (rate, errors and duration of '
         'every service)'),
    ],
    "ALR010": [
        # The rule's `alert:` value on line 4 starts after "      - alert: " (15 characters): column 16.
        ('deploy/prometheus/checkout.rules.yaml', 4, 16,
         "deployed alert 'CheckoutQueueBacklog' has no runbook_url annotation and no alert document in "
         "services/checkout/ is named 'CheckoutQueueBacklog'; every alert needs a runbook"),
    ],
    "ALR011": [
        ('deploy/prometheus/checkout.rules.yaml', 4, 16,
         "deployed alert 'CheckoutHighErrorRate': runbook_url "
         "'https://sre.example.com/services/checkout/runbooks/high-eror-rate/' is not a runbook page of the "
         "handbook at https://sre.example.com/, and no alert document in services/checkout/ is named "
         "'CheckoutHighErrorRate'"),
    ],
    "ALR012": [
        ('deploy/prometheus/checkout.rules.yaml', 1, 1,
         'not a Prometheus rule file: expected groups: [{name, rules: [...]}]'),
    ],
    "RBK001": [
        ('services/checkout/runbooks/high-latency.yaml', 4, 17,
         'runbook last changed 2026-03-01 (last_updated), more than 90 days ago; review it at least every 90 days'),
    ],
    "RBK002": [
        ('services/checkout/runbooks/high-latency.yaml', 1, 1,
         'runbook has no diagnosis (steps to find out what is wrong)'),
        ('services/checkout/runbooks/high-latency.yaml', 1, 1,
         'runbook has no escalation (who to call and after how long)'),
        ('services/checkout/runbooks/high-latency.yaml', 1, 1,
         'runbook has no mitigation (options to stop the impact)'),
    ],
    "RBK003": [
        ('services/checkout/runbooks/high-latency.yaml', 3, 15,
         "runbook is for alert 'checkout-latency-high', which is not an alert of services/checkout/; did you mean 'checkout-high-latency'?"),
    ],
    "RBK004": [
        ('services/checkout/runbooks/high-latency.yaml', 5, 16,
         'runbook last tested 2026-03-01, more than 180 days ago; follow it in a drill or game day at least every 180 days'),
    ],
    "INC001": [
        ('services/checkout/incidents/INC-2026-014.yaml', 5, 13,
         "recorded SEV3, but the impact calls for SEV2: matrix: degraded performance for 25% of users or more is SEV2; revenue_impact: Lost revenue makes it SEV2 at least (SEV1 at the IC's call) (stays SEV2)"),
    ],
    "INC002": [
        ('services/checkout/incidents/INC-2026-014.yaml', 10, 16,
         'mitigated (2026-11-02T14:31:00+02:00) is before detected (2026-11-02T14:09:00Z)'),
    ],
    "INC003": [
        ('services/checkout/incidents/INC-2026-014.yaml', 4, 24,
         "service 'paymnets-api' does not exist"),
    ],
    "INC004": [
        ('services/checkout/incidents/INC-2026-014.yaml', 9, 15,
         "postmortem link '../postmortems/INC-2026-014.yaml' does not resolve: services/checkout/postmortems/INC-2026-014.yaml holds no postmortem"),
    ],
    "INC005": [
        ('services/checkout/incidents/INC-2026-015.yaml', 2, 7,
         'incident id INC-2026-014 is already used at services/checkout/incidents/INC-2026-014.yaml:1'),
    ],
    "INC006": [
        ('services/checkout/incidents/INC-2026-014.yaml', 9, 3,
         'SEV2 incident INC-2026-014 has no incident commander (roles.incident_commander); name one with '
         '`sre-docs incident assign INC-2026-014 --ic NAME`'),
    ],
    # 14:48 + 30 min = 15:18; 14:50 is 2 minutes after the mitigation.
    "INC007": [
        ('services/checkout/incidents/INC-2026-014.yaml', 10, 15,
         'resolved 2 minutes after mitigation; the guide waits for SLIs to be normal for 30 minutes (resolve at '
         '2026-11-02T15:18:00Z at the earliest), or say why it was resolved sooner in early_resolution'),
    ],
    # 06:19 -> 06:31 is 12 minutes; the trigger alert is P0 (5 minutes).
    "INC008": [
        ('services/checkout/incidents/INC-2026-014.yaml', 11, 19,
         'acknowledged 12 minutes after detection; a page from checkout-high-error-rate (severity P0) is to be '
         'acknowledged within 5 minutes (P0/Page)'),
    ],
    # SEV1 every 15 minutes: 17:57 -> 18:02 (5, first on time), 18:02 -> 18:15 (13), 18:15 -> mitigated 18:39 (24).
    "INC009": [
        ('services/checkout/incidents/INC-2026-014.yaml', 10, 16,
         'no status update for 24 minutes (18:15 UTC to 18:39 UTC, until mitigation); a SEV1 incident posts one '
         'every 15 minutes until it is mitigated'),
    ],
    "PM007": [
        ('services/checkout/postmortems/INC-2026-014.yaml', 6, 14,
         'final postmortem names no reviewers; list who reviewed it in the review meeting under reviewers'),
        ('services/checkout/postmortems/INC-2026-014.yaml', 8, 12,
         'final postmortem still has a TODO at summary; write it, or set the status back to draft or in-review'),
    ],
    "PM008": [
        ('services/checkout/postmortems/INC-2026-014.yaml', 8, 17,
         "contributing factor category 'tecnology' is not one of people, process, technology, environment, "
         "monitoring, testing; did you mean 'technology'?"),
    ],
    # 99.9% over 28 days; the incident spent 120% on 2026-11-02, so the reading at 00:00 on Tuesday 2026-11-03 is
    # the first exhausted one; five business days later is Tuesday 2026-11-10, before today (2026-11-26).
    "BUD002": [
        ('services/checkout/slos.yaml', 5, 11,
         'error budget of SLO availability ran out on 2026-11-03 and no postmortem reviews it (due by 2026-11-10); '
         'write one for the incident that spent it, or name availability under budgets_exhausted of the postmortem '
         'that reviews the exhaustion'),
    ],
    "PM001": [
        ('services/checkout/incidents/INC-2026-014.yaml', 2, 7,
         'SEV2 incident INC-2026-014 was resolved on 2026-11-02 and has no postmortem; it was due by 2026-11-09'),
    ],
    "PM002": [
        ('services/checkout/postmortems/INC-2026-014.yaml', 8, 7,
         'action item AI-001 has no owner, priority, deadline'),
    ],
    "PM003": [
        ('services/checkout/postmortems/INC-2026-014.yaml', 12, 17,
         'action item AI-001 is not done and was due on 2026-11-15'),
    ],
    "PM004": [
        ('services/checkout/postmortems/INC-2026-014.yaml', 16, 29,
         'time_to_detect_minutes is 2, but the timeline puts detected 4 minutes after the start'),
    ],
    "PM005": [
        ('services/checkout/postmortems/INC-2026-014.yaml', 9, 14,
         "blaming language 'human error': describe what the system allowed, not who got it wrong"),
        ('services/checkout/postmortems/INC-2026-014.yaml', 9, 40,
         "blaming language 'should have known': describe what the system allowed, not who got it wrong"),
    ],
    "PM006": [
        ('services/checkout/postmortems/INC-2026-014.yaml', 2, 13,
         "incident INC-2026-041 does not exist; did you mean 'INC-2026-014'?"),
    ],
    "CHS001": [
        ('services/checkout/experiments/db-latency.yaml', 1, 1,
         'experiment has no rollback plan (safety.rollback_plan)'),
        ('services/checkout/experiments/db-latency.yaml', 3, 15,
         'hypothesis must read "When <fault>, <system> will <expected behaviour>" so the experiment can confirm or disprove it'),
        ('services/checkout/experiments/db-latency.yaml', 8, 23,
         'experiment has no abort conditions'),
    ],
    "CHS003": [
        ('services/checkout/experiments/db-latency.yaml', 7, 3,
         "game day 'checkout-db-latency' is completed but records no post checklist (game_day.post, 4 items)"),
        ('services/checkout/experiments/db-latency.yaml', 8, 5,
         "game day 'checkout-db-latency' is completed with 1 of 6 pre items not done: stakeholders-notified"),
    ],
    "CHS002": [
        ('services/checkout/experiments/pod-kill.yaml', 4, 11,
         'experiment is scheduled but the error budget of checkout/availability is warning; the budget policy allows chaos experiments only while it is healthy and not at risk'),
    ],
    "TOL001": [
        ('org/teams.yaml', 3, 24,
         'team payments spends 50.0 h a month on toil, 31.2% of its 160 SRE hours; keep it under 25%'),
    ],
    "TOL002": [
        # 30 min x 20 a month = 600 min = 10 h, against the 12 h stated on line 6 (the value at column 26).
        ('services/checkout/toil.yaml', 6, 26,
         'total_hours_per_month is 12 but 30 min x 20 a month is 10 h, the figure every surface counts'),
    ],
    "TOL003": [
        # automation_value 10 at medium difficulty (weight 2): 10 / 2 = 5, not the 10 stated on line 8, column 19.
        ('services/checkout/toil.yaml', 8, 19, 'priority_score is 10 but automation_value 10 / 2 (medium difficulty) is 5'),
    ],
    "TOL004": [
        # 30 min x 20 a month = 10 h; 15 h saved is 5 h more than the work costs.
        ('services/checkout/toil.yaml', 6, 21,
         'automation_value is 15 h a month but the work costs 10 h a month; automation cannot save more than that'),
    ],
    "TODO001": [
        ('services/checkout/toil.yaml', 6, 10, 'toil_item.owner still holds a scaffold TODO marker: write the real value'),
    ],
    "CAP002": [
        # 1150 x 1.04^6 = 1150 x 1.265319 = 1455.12; 9999 is far outside 1% (14.55) of it. 12 months:
        # 1150 x 1.601032 = 1841.19, and 1841 is within.
        ('services/checkout/capacity.yaml', 8, 20,
         'growth_forecast.projected_6mo is 9999 but 1150 growing 4% a month for 6 months is 1,455.1'),
    ],
    "CAP003": [
        # 100 - 58 = 42, not 10.
        ('services/checkout/capacity.yaml', 6, 19, 'headroom_pct is 10 but a 58% peak leaves 42%'),
    ],
    "CAP004": [
        ('services/checkout/capacity.yaml', 4, 3,
         'no stress load test recorded; the guide runs 5 scenarios: baseline, growth, spike, soak, stress'),
        ('services/checkout/capacity.yaml', 13, 15,
         'the last spike load test (2026-10-21) failed its target (Circuit breakers hold); fix and run it again'),
        # 2026-05-02 to 2026-11-26: 184 days to 2026-11-02, then 24 more = 208 > 92.
        ('services/checkout/capacity.yaml', 15, 13,
         'the last soak load test ran on 2026-05-02, 208 days ago; run it at least every 92 days'),
        # 2026-08-01 to 2026-11-01 is 31 + 30 + 31 = 92 days, then 25 more = 117: 25 past the quarterly 92.
        ('services/checkout/capacity.yaml', 18, 16,
         'last_review 2026-08-01 is 117 days old, 25 days past its quarterly review (every 92 days)'),
    ],
    "CAP001": [
        ('services/checkout/capacity.yaml', 12, 20,
         'at 8% growth a month, 16 instances are needed within 6 months to stay under 75%, above max_instances 14'),
    ],
    "ONC001": [
        ('org/oncall/payments-primary.yaml', 2, 9,
         'rotation has no secondary on-call layer'),
        ('org/oncall/payments-primary.yaml', 4, 12,
         'rotation has 3 people; a healthy rotation has at least 5'),
    ],
    "ONC002": [
        ('org/oncall/payments-primary.yaml', 11, 24,
         'pages per shift was 7 in 2026-10: critical (>5 pages); healthy is <2 pages'),
        ('org/oncall/payments-primary.yaml', 12, 21,
         'on-call satisfaction was 2.5 in 2026-10: critical (<3 of 5); healthy is >4 of 5'),
    ],
    "PRR001": [
        ('services/checkout/prr.yaml', 4, 3,
         'review does not cover 26 of the 28 checks: slos.targets-agreed, slos.budget-policy, monitoring.golden-signals, monitoring.alerts-with-runbooks, monitoring.structured-logging and 21 more'),
        ('services/checkout/prr.yaml', 6, 45,
         'readiness check capacity.load-tested-2x fails'),
    ],
    # The example's alert links runbooks/errors.yaml, which does not exist: ALR001's gap, so the pass contradicts.
    "PRR002": [
        ('services/checkout/prr.yaml', 5, 53,
         'readiness check monitoring.alerts-with-runbooks passes in the review, but the repo shows otherwise: '
         'no runbook for checkout-errors (ALR001)'),
    ],
    # today 2026-11-26; launched 2026-11-20, 6 days before: new.
    "PRR003": [
        ('services/ledger/service.yaml', 5, 16,
         'new service ledger (launched 2026-11-20) has no production readiness review (prr)'),
    ],
    "BUD001": [
        ('services/checkout/slos.yaml', 5, 11,
         'error budget of SLO availability is exhausted; the policy asks: Stop all deployments; Move all engineering effort to reliability; Inform the VP of Engineering; Write a postmortem on the exhaustion; Keep the freeze until 10% of the budget has recovered'),
    ],
    "SLO009": [
        ('services/checkout/slos.yaml', 5, 11,
         'burn-rate alert availability_fast_burn (Workbook tier for a 365d window): its threshold 175.2 x 1% = 175.2% of events is not below 100%, so the error ratio can never exceed it'),
    ],
    "PQL001": [
        ('services/checkout/slis.yaml', 5, 18,
         "SLI 'availability' prometheus.good_events is not valid PromQL: unclosed left parenthesis"),
    ],
    "PQL002": [
        ('services/checkout/alerts.yaml', 7, 9,
         "alert 'checkout-queue-growing' expr: rate() over checkout_queue_depth, whose name does not end in _total, _count, _sum or _bucket; is it a gauge?"),
    ],
    "PQL003": [
        ('services/checkout/slis.yaml', 5, 17,
         "SLI 'availability' prometheus.bad_events: rate() over [1m], shorter than 2 scrape intervals of 1m ([2m])"),
    ],
    "PQL004": [
        ('services/checkout/slis.yaml', 5, 18,
         "SLI 'availability': prometheus.good_events selects app_orders_placed but total_events selects lb_requests; count both with one metric"),
    ],
    "PQL005": [
        ('services/checkout/alerts.yaml', 7, 9,
         "alert 'checkout-errors': its expr has no comparison (nor absent()), so it fires for every series it returns"),
    ],
    "ONC003": [
        ('org/oncall/payments-primary.yaml', 11, 45,
         "checkout paged 5 times a week in 2026-11; the guide's limit is fewer than 5 a week per service"),
    ],
}


def test_every_policy_has_its_failing_findings_written_down():
    assert sorted(FAILING_EXAMPLE_FINDINGS) == sorted(IDS)


@pytest.mark.parametrize("policy", POLICIES, ids=IDS)
def test_failing_example_fails(policy: Policy, tmp_path: Path):
    files = parse_doc(policy.doc).example("Failing example")
    assert files, "the failing example has no yaml block"
    _materialise(files, tmp_path)
    findings = lint_folder(tmp_path)
    assert [f for f in findings if f.code.startswith(LOADER_PREFIXES)] == []
    mine = [(f.path, f.line, f.column, f.message) for f in findings if f.code == policy.id]
    assert mine == FAILING_EXAMPLE_FINDINGS[policy.id]
    assert all(f.severity == policy.level for f in findings if f.code == policy.id)


@pytest.mark.parametrize("policy", POLICIES, ids=IDS)
def test_passing_example_passes(policy: Policy, tmp_path: Path):
    files = parse_doc(policy.doc).example("Passing example")
    assert files, "the passing example has no yaml block"
    _materialise(files, tmp_path)
    findings = lint_folder(tmp_path)
    assert [f for f in findings if f.code.startswith(LOADER_PREFIXES)] == []
    assert [f for f in findings if f.code == policy.id] == []


def test_example_blocks_must_name_their_file():
    with pytest.raises(ExampleFormatError):
        example_files("```yaml\nslo:\n  target: 99\n```\n")
    files = example_files("```yaml\n# file: a.yaml\nx: 1\n# file: b/c.yaml\ny: 2\n```\n")
    assert [(f.path, f.text) for f in files] == [("a.yaml", "x: 1\n"), ("b/c.yaml", "y: 2\n")]


def test_a_missing_section_is_reported():
    doc = parse_doc('"""Summary.\n\n## What it checks\n\nx\n\n## Options\n\nNone.\n"""')
    assert "Why it matters" in doc.missing and "What it checks" not in doc.missing


@pytest.mark.parametrize("policy", POLICIES, ids=IDS)
def test_policy_page(policy: Policy):
    page = policy_page(policy)
    assert page.startswith(f"# {policy.id} {policy.name}\n")
    for section in SECTIONS:
        assert f"\n## {section}\n" in page
    assert "# file:" not in page, "example markers become file captions"
    assert f"    level: {policy.level.value}" in page


def test_index_lists_every_code_and_escapes_cells():
    catalog = load_catalog()
    index = index_page(catalog.policies.values())
    for code in catalog.policies:
        assert f"[{code}]({code}.md)" in index
    assert "| SUP001 |" in index and "| YAML009 |" in index
    hostile = Policy(id="ORG001", name="hostile", level=POLICIES[0].level, options={}, check=lambda r, o: (),
                     doc='Pipes | and <script>alert(1)</script> [x](javascript:y).\n', module="t", origin="test")
    row = next(line for line in index_page([hostile]).splitlines() if line.startswith("| [ORG001]"))
    assert "<script>" not in row and "&#124;" in row and "](javascript" not in row
    assert row.count(" | ") == 3


def test_pages_cover_index_and_every_policy():
    catalog = load_catalog()
    built = pages(catalog)
    assert set(built) == {"policies/index.md", *(f"policies/{code}.md" for code in catalog.policies)}
