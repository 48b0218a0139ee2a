"""OpenSLO import held to the v1 spec: one exact finding per defect, and what used to be lost is kept.

Each case edits one thing in ``openslo_cases/valid_slo.yaml`` (a valid SLO with an inline SLI, alert
policy, condition and target) and pins the spec finding it must produce: code, level, line, column and
message. An error means nothing is written. The rules are the OpenSLO v1 spec as the go-sdk's v1
validation applies it (see ``sre_docs/integrations/openslo_validate.py``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from integration_helpers import write_repo
from sre_docs.cli import main
from sre_docs.integrations.export_files import dump_documents
from sre_docs.integrations.openslo_export import export_openslo
from sre_docs.integrations.openslo_import import import_openslo
from sre_docs.integrations.openslo_read import read_objects
from sre_docs.integrations.openslo_validate import validate
from sre_docs.model.repository import load_repository

BASE = (Path(__file__).parent / "openslo_cases" / "valid_slo.yaml").read_text()
CONDITION = BASE[BASE.index("          - kind: AlertCondition"):BASE.index("        notificationTargets:")]
#: defect -> (text replaced in the valid SLO, replacement)
CASES = {
 "target-and-targetPercent": ("      target: 0.999\n", "      target: 0.999\n      targetPercent: 99.9\n"),
 "budgetingMethod-unknown": ("budgetingMethod: Occurrences", "budgetingMethod: Occurences"),
 "budgetingMethod-missing": ("  budgetingMethod: Occurrences\n", ""),
 "two-timeWindows": ("      isRolling: true\n", "      isRolling: true\n    - duration: 7d\n      isRolling: true\n"),
 "seconds-duration": ("duration: 28d", "duration: 2419200s"),
 "calendar-and-isRolling": ("      isRolling: true\n", "      isRolling: true\n      calendar: {startTime: '2026-01-01 00:00:00', timeZone: UTC}\n"),
 "indicator-and-indicatorRef": ("  indicator:\n", "  indicatorRef: web-requests\n  indicator:\n"),
 "name-upper-case": ("  name: web-availability", "  name: Web-Availability"),
 "name-underscore": ("  name: web-availability", "  name: web_availability"),
 "unknown-field": ("  service: web\n", "  service: web\n  owner: team-a\n"),
 "good-and-bad": ("        total:\n", "        bad:\n          metricSource:\n            type: Prometheus\n            spec:\n              query: http_requests_total{code=~\"5..\"}\n        total:\n"),
 "no-total": (BASE[BASE.index("        total:\n"):BASE.index("  timeWindow:")], ""),
 "empty-metricSource-spec": ("            spec:\n              query: http_requests_total\n", "            spec: {}\n"),
 "condition-without-op": ("                op: gt\n", ""),
 "condition-without-severity": ("              severity: page\n", ""),
 "description-too-long": ("  description: Most requests succeed.", "  description: " + "x" * 1051),
 "two-conditions": (CONDITION, CONDITION + CONDITION.replace("fast-burn-condition", "second-condition")),
 "op-on-ratio-objective": ("      target: 0.999\n", "      target: 0.999\n      op: gt\n"),
 "conditions-a-number": ("        conditions:\n" + CONDITION, "        conditions: 3\n"),
}

EXPECTED = {
    "target-and-targetPercent": [('OSL064', 'error', 30, 7, "SLO 'web-availability': both target and targetPercent: give exactly one")],
    "budgetingMethod-unknown": [('OSL066', 'error', 28, 20, "SLO 'web-availability': budgetingMethod 'Occurences' is not one of Occurrences, Timeslices, RatioTimeslices")],
    "budgetingMethod-missing": [('OSL065', 'error', 7, 3, "SLO 'web-availability': spec.budgetingMethod is required (Occurrences, Timeslices, RatioTimeslices)")],
    "two-timeWindows": [('OSL067', 'error', 26, 5, "SLO 'web-availability': timeWindow must hold exactly one window, not 2")],
    "seconds-duration": [('OSL063', 'error', 26, 17, "SLO 'web-availability': '2419200s' is not an OpenSLO duration: a whole number and m, h, d, w, M, Q or Y (OpenSLO has no seconds)")],
    "calendar-and-isRolling": [('OSL068', 'error', 28, 17, "SLO 'web-availability': a rolling window (isRolling: true) cannot have a calendar")],
    "indicator-and-indicatorRef": [('OSL064', 'error', 7, 3, "SLO 'web-availability': both indicator and indicatorRef: give exactly one")],
    "name-upper-case": [('OSL061', 'error', 4, 9, "SLO 'Web-Availability': metadata.name must be an RFC 1123 label: lower case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters")],
    "name-underscore": [('OSL061', 'error', 4, 9, "SLO 'web_availability': metadata.name must be an RFC 1123 label: lower case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters")],
    "unknown-field": [('OSL060', 'error', 9, 10, "SLO 'web-availability': unknown field 'owner' in spec (allowed: description, service, indicator, indicatorRef, timeWindow, budgetingMethod, objectives, alertPolicies)")],
    "good-and-bad": [('OSL064', 'error', 14, 9, "SLI 'web-requests': both good and bad: give exactly one")],
    "no-total": [('OSL065', 'error', 14, 9, "SLI 'web-requests': spec.ratioMetric.total is required")],
    "empty-metricSource-spec": [('OSL065', 'error', 22, 13, "SLI 'web-requests': metricSource.spec must be a non-empty mapping")],
    "condition-without-op": [('OSL065', 'error', 45, 17, "AlertCondition 'fast-burn-condition': spec.condition.op is required")],
    "condition-without-severity": [('OSL065', 'error', 43, 15, "AlertCondition 'fast-burn-condition': spec.severity is required")],
    "description-too-long": [('OSL062', 'error', 7, 16, "SLO 'web-availability': description has 1051 characters; at most 1050")],
    "two-conditions": [('OSL067', 'error', 39, 11, "AlertPolicy 'fast-burn': conditions must list exactly one alert condition, not 2")],
    "op-on-ratio-objective": [('OSL069', 'warning', 32, 11, "SLO 'web-availability': op and value only mean something on objectives of threshold SLIs; this SLI is a ratio, so they are not imported")],
    "conditions-a-number": [('OSL067', 'error', 38, 21, "AlertPolicy 'fast-burn': conditions must list exactly one alert condition, not 3")],
}


def _import(text: str):
    objects, findings = read_objects([("slo.yaml", text.encode())])
    result = import_openslo(objects)
    return result, findings + result.findings


def test_the_valid_slo_imports_without_spec_findings():
    result, findings = _import(BASE)
    assert [f for f in findings if f.code.startswith("OSL06")] == []
    assert not result.failed


@pytest.mark.parametrize("defect", sorted(CASES))
def test_each_spec_defect_is_one_exact_finding(defect):
    old, new = CASES[defect]
    result, findings = _import(BASE.replace(old, new, 1))
    got = [(f.code, f.severity.value, f.line, f.column, f.message) for f in findings if f.code.startswith("OSL06")]
    assert got == EXPECTED[defect]
    # An error refuses the import (nothing is written); the one warning keeps it.
    assert result.failed is (EXPECTED[defect][0][1] == "error")


def test_a_number_where_conditions_belong_is_a_finding_not_a_crash(tmp_path, capsys):
    source = tmp_path / "slo.yaml"
    source.write_text(BASE.replace(*CASES["conditions-a-number"], 1))
    root = tmp_path / "repo"
    root.mkdir()
    assert main(["import", "openslo", str(source), "--root", str(root)]) == 1
    err = capsys.readouterr().err
    assert "OSL067" in err and "internal error" not in err
    assert not (root / "services").exists()


def test_alert_after_becomes_the_for_of_the_slos_alerts():
    result, _ = _import(BASE)
    slo = result.documents["web"]["slo"][0]["slo"]
    # alertAfter (2m) is how long the condition holds before alerting: Prometheus' for, not a window.
    assert slo["alerting"] == {"for": "2m"}
    assert slo["burn_rate_alerts"] == [{"name": "fast-burn-condition", "burn_rate": 13.44, "short_window": "5m",
                                        "long_window": "1h", "severity": "page"}]  # 5m = 1h / 12


THRESHOLD_SLO = """\
apiVersion: openslo/v1
kind: SLO
metadata:
  name: api-latency
spec:
  service: api
  indicator:
    metadata:
      name: api-latency
    spec:
      thresholdMetric:
        metricSource:
          type: Prometheus
          spec:
            query: histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))
  timeWindow:
    - duration: 28d
      isRolling: true
  budgetingMethod: Timeslices
  objectives:
    - op: lt
      value: 0.5
      target: 0.99
      timeSliceTarget: 0.95
      timeSliceWindow: 1m
"""


def test_a_threshold_objectives_op_and_value_are_kept():
    result, findings = _import(THRESHOLD_SLO)
    assert not result.failed
    slo = result.documents["api"]["slo"][0]["slo"]
    assert slo["description"] == "Good events: the SLI's value is below 0.5 (OpenSLO op lt, value 0.5)."
    kept = [(f.code, f.line, f.column, f.message) for f in findings if f.code == "OSL035"]
    assert kept == [("OSL035", 21, 7, "SLO 'api-latency': the threshold objective (op lt, value 0.5) is kept in "
                                      "the SLO's description")]


def test_a_threshold_objective_without_op_is_refused():
    result, findings = _import(THRESHOLD_SLO.replace("    - op: lt\n      value: 0.5\n      target", "    - target"))
    assert [(f.code, f.line, f.column, f.message) for f in findings if f.code.startswith("OSL06")] == [
        ("OSL068", 21, 7, "SLO 'api-latency': an objective of a threshold SLI needs op and value")]
    assert result.failed


LONG = "A" * 1100
EDGE_REPO = {
    "services/shop/service.yaml": "service:\n  name: shop\n  tier: critical\n  owner_team: web\n",
    "services/shop/slis.yaml": "sli:\n  name: requests\n  type: availability\n  description: " + LONG + "\n"
                               "  prometheus:\n    bad_events: sum(rate(errors_total[5m]))\n"
                               "    total_events: sum(rate(requests_total[5m]))\n",
    "services/shop/slos.yaml": "slo:\n  name: " + "a-very-long-slo-name-" * 4 + "\n  service: shop\n  sli: requests\n"
                               "  target: 99.9\n  window: 90s\n  alerting:\n    for: 2m\n  burn_rate_alerts:\n"
                               "    - {name: fast, burn_rate: 14.4, short_window: 5m, long_window: 1h, severity: page}\n",
}


def test_export_is_always_valid_openslo_and_import_gets_the_long_fields_back(tmp_path):
    repo = load_repository(write_repo(tmp_path / "repo", EDGE_REPO))
    export = export_openslo(repo)
    text = dump_documents(export.objects())
    objects, findings = read_objects([("out.yaml", text.encode())])
    assert findings == [] and validate(objects) == []
    # 90 seconds has no OpenSLO spelling: rounded up to 2 minutes, and said so.
    assert [(f.code, f.message) for f in export.findings] == [
        ("EXP011", "90s has seconds, which OpenSLO durations do not: written as 2m")]
    by_kind = {o["kind"]: o for o in yaml.safe_load_all(text)}
    assert len(by_kind["SLI"]["spec"]["description"]) == 1050
    assert len(by_kind["SLO"]["metadata"]["displayName"]) == 63
    assert by_kind["AlertNotificationTarget"]["spec"] == {
        "description": "Owner of shop: no on-call rotation is named", "target": "team:web"}
    condition = by_kind["AlertPolicy"]["spec"]["conditions"][0]["spec"]["condition"]
    assert condition["alertAfter"] == "2m"  # the SLO's for
    result = import_openslo(objects)
    assert result.documents["shop"]["sli"][0]["sli"]["description"] == LONG
    slo = result.documents["shop"]["slo"][0]["slo"]
    assert slo["name"] == "a-very-long-slo-name-" * 4 and slo["alerting"] == {"for": "2m"}
    assert slo["burn_rate_alerts"][0]["short_window"] == "5m"  # from the sre-docs/short-window annotation


POLICY = BASE[BASE.index("    - kind: AlertPolicy\n"):]


def _second_policy(alert_after: str | None, severity: str = "page") -> str:
    """The valid SLO with a second alert policy: a 6h burn at 5.6x, holding ``alert_after`` (None: no alertAfter)."""
    second = (POLICY.replace("fast-burn", "medium-burn").replace("threshold: 13.44", "threshold: 5.6")
              .replace("lookbackWindow: 1h", "lookbackWindow: 6h").replace("severity: page", f"severity: {severity}"))
    second = second.replace("                alertAfter: 2m\n",
                            f"                alertAfter: {alert_after}\n" if alert_after else "")
    return BASE + second


@pytest.mark.parametrize("alert_after, alerting, words", [
    # Both page conditions: 2m and 10m. One for per severity: the shorter, 2m, so neither alerts later than asked.
    ("10m", {"for": "2m"}, "fast-burn-condition 2m, medium-burn-condition 10m); sre-docs holds one for per severity: "
                           "2m, the shortest,"),
    # One page condition holds 2m, the other not at all: none is the shortest hold.
    (None, None, "fast-burn-condition 2m, medium-burn-condition none); sre-docs holds one for per severity: "
                 "none, the shortest,"),
])
def test_conditions_of_one_severity_with_different_alert_after_are_reported(alert_after, alerting, words):
    result, findings = _import(_second_policy(alert_after))
    slo = result.documents["web"]["slo"][0]["slo"]
    assert slo.get("alerting") == alerting
    # The finding sits at the value of the SLO's spec.alertPolicies: the list starting on line 33.
    conflicts = [(f.code, f.severity.value, f.line, f.message) for f in findings if f.code == "OSL036"]
    assert conflicts == [("OSL036", "warning", 33,
                          f"SLO 'web-availability': conditions of page alerts ask for different alertAfter ({words} "
                          "so that none alerts later than asked")]


def test_different_alert_after_per_severity_is_no_conflict():
    """A page condition at 2m and a ticket condition at 1h: one for each severity, nothing lost."""
    result, findings = _import(_second_policy("1h", severity="ticket"))
    slo = result.documents["web"]["slo"][0]["slo"]
    assert slo["alerting"] == {"page": {"for": "2m"}, "ticket": {"for": "1h"}}
    assert [f for f in findings if f.code == "OSL036"] == []
