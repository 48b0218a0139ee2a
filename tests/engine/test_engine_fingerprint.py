"""Baseline and SARIF fingerprints ignore positions, including the ``path:LINE`` other findings point at.

ALR004, INC005 and SLO008 say where the first of two duplicates is ("already used at
services/checkout/alerts.yaml:2"). A comment added at the top of that file moves the line, and
the finding must stay the one the baseline accepted.
"""

from __future__ import annotations

import json

import pytest

from sre_docs.cli import main
from sre_docs.findings import Finding, Severity
from sre_docs.lint.baseline import fingerprint


def _finding(message: str, line: int = 5) -> Finding:
    return Finding(code="ALR004", severity=Severity.ERROR, path="services/checkout/alerts.yaml", line=line,
                   column=9, message=message, service="checkout")


@pytest.mark.parametrize(("one", "other", "same"), [
    # The line of the first use moves from 2 to 4: the same finding.
    ("alert name 'x' is already used at services/checkout/alerts.yaml:2",
     "alert name 'x' is already used at services/checkout/alerts.yaml:4", True),
    # A column after the line moves too.
    ("SLO name 'a' is already used at services/checkout/slos.yaml:2:9",
     "SLO name 'a' is already used at services/checkout/slos.yaml:7:3", True),
    # "line N" was already blind.
    ("timeline entry at line 12 is out of order", "timeline entry at line 40 is out of order", True),
    # Another file is another finding.
    ("incident id INC-1 is already used at services/checkout/incidents/a.yaml:2",
     "incident id INC-1 is already used at services/payments/incidents/a.yaml:2", False),
    # Another name is another finding.
    ("alert name 'x' is already used at services/checkout/alerts.yaml:2",
     "alert name 'y' is already used at services/checkout/alerts.yaml:2", False),
    # A number that is not a position stays: 13.44 is not "13" at line 44.
    ("burn rate 13.44 is too low", "burn rate 13.45 is too low", False),
])
def test_fingerprint_ignores_positions_only(one, other, same):
    assert (fingerprint(_finding(one)) == fingerprint(_finding(other))) is same


def test_fingerprint_does_not_keep_line_numbers():
    """Issue 13, planted bug 4: a fingerprint that keeps line numbers fails here."""
    moved = [fingerprint(_finding(f"alert name 'x' is already used at services/checkout/alerts.yaml:{n}", line=n + 3))
             for n in (2, 3, 10, 99)]
    assert len(set(moved)) == 1
    assert len(fingerprint(_finding("x"))) == 16


ALERT = """\
alert:
  name: checkout-errors
  service: checkout
  severity: P1
  signal: errors
  condition: 5xx above 2%
  runbook: https://wiki.example/runbooks/checkout-errors
"""
INCIDENT = """\
incident:
  id: INC-2026-001
  title: Checkout errors
  services: [checkout]
  severity: SEV3
  status: resolve
  timestamps:
    started: 2026-11-02T14:05:00Z
    resolved: 2026-11-02T15:40:00Z
"""
SLI = """\
sli:
  name: availability
  service: checkout
  type: availability
"""
SLO = """\
slo:
  name: availability
  service: checkout
  sli: availability
  target: 99.9
  window: 28d
"""
SERVICE = "service:\n  name: checkout\n  tier: standard\n"


@pytest.mark.parametrize(("code", "first", "second", "text", "expected"), [
    # ALR004: the second alert of one name points at the first, at alerts.yaml line 2.
    ("ALR004", "services/checkout/alerts.yaml", None, ALERT + "---\n" + ALERT,
     "alert name 'checkout-errors' is already used at services/checkout/alerts.yaml:2"),
    # INC005: points at the first incident document, a.yaml line 1; b.yaml repeats the id.
    ("INC005", "services/checkout/incidents/a.yaml", "services/checkout/incidents/b.yaml", INCIDENT,
     "incident id INC-2026-001 is already used at services/checkout/incidents/a.yaml:1"),
    # SLO008: the second SLO of one name points at the first SLO document, slos.yaml line 1.
    ("SLO008", "services/checkout/slos.yaml", None, SLO + "---\n" + SLO,
     "SLO name 'availability' is already used at services/checkout/slos.yaml:1"),
])
def test_comment_at_the_top_keeps_a_baselined_finding_baselined(make_repo, capsys, monkeypatch, code, first, second,
                                                                  text, expected):
    monkeypatch.setenv("SRE_DOCS_TODAY", "2026-11-20")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    files = {"services/checkout/service.yaml": SERVICE, "services/checkout/slis.yaml": SLI, first: text,
}
    if second:
        files[second] = text
    root = make_repo(files)
    baseline = root / "baseline.json"
    assert main(["lint", "--root", str(root), "--write-baseline", str(baseline)]) == 0
    capsys.readouterr()
    entries = json.loads(baseline.read_text())["findings"]
    assert [(e["code"], e["message"]) for e in entries if e["code"] == code] == [(code, expected)]

    # Two comment lines at the top of the first file: the first use moves down two lines (2 -> 4, 1 -> 3).
    (root / first).write_text("# owned by payments\n# reviewed 2026-11\n" + text)
    assert main(["lint", "--root", str(root), "--format", "json"]) == 1
    moved = json.loads(capsys.readouterr().out)
    assert [f["message"] for f in moved["findings"] if f["code"] == code] == [expected[:-1] + str(int(expected[-1]) + 2)]
    assert main(["lint", "--root", str(root), "--baseline", str(baseline)]) == 0
    out, err = capsys.readouterr()
    assert out == "no findings\n" and f"{sum(e['count'] for e in entries)} finding(s) accepted by the baseline" in err
