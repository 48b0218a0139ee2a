"""Inline suppressions: reason required, expiry, unused ones reported, comments read from raw text."""

from __future__ import annotations

import datetime as dt

from engine_helpers import SERVICE
from sre_docs.lint.config import load_config
from sre_docs.lint.engine import lint
from sre_docs.lint.suppressions import scan


def _run(root, today="2026-11-20"):
    config = load_config(root, environ={"SRE_DOCS_TODAY": today})
    result = lint(root, config, use_git=False)
    return [(f.code, f.path, f.line, f.column, f.severity.value) for f in result.findings
            if f.code == "SLO001" or f.code.startswith("SUP")], result


SLO = "services/checkout/slos.yaml"


def _slo(comment_above="", trailing=""):
    return (
        "slo:\n"
        "  service: checkout\n"
        "  sli: availability\n"
        f"{comment_above}"
        f"  target: 99.9{trailing}\n"
        "  sla: 99.9\n"
        "  window: 28d\n"
    )


def test_unsuppressed_baseline(make_repo):
    root = make_repo({"services/checkout/service.yaml": SERVICE, SLO: _slo()})
    findings, _ = _run(root)
    assert findings == [("SLO001", SLO, 4, 11, "error")]


def test_suppression_on_the_line_above_with_reason(make_repo):
    root = make_repo({SLO: _slo(comment_above="  # sre-docs: disable=SLO001 -- SLA renegotiation in Q1, PAY-12\n")})
    findings, result = _run(root)
    assert findings == []
    assert [(f.code, f.line) for f in result.suppressed if f.code == "SLO001"] == [("SLO001", 5)]


def test_trailing_suppression_and_several_ids(make_repo):
    root = make_repo({SLO: _slo(trailing="  # sre-docs: disable=SLO002,SLO001 -- agreed with payments")})
    findings, _ = _run(root)
    # SLO001 is suppressed; SLO002 was named but had nothing to suppress.
    assert findings == [("SUP003", SLO, 4, 17, "warning")]


def test_stacked_comments_above_reach_the_next_yaml_line(make_repo):
    above = "  # sre-docs: disable=SLO006 -- single region until 2027\n  # sre-docs: disable=SLO001 -- PAY-12\n"
    root = make_repo({SLO: _slo(comment_above=above)})
    findings, _ = _run(root)
    assert ("SLO001", SLO, 6, 11, "error") not in findings
    assert [f for f in findings if f[0] == "SUP003"] == [("SUP003", SLO, 4, 3, "warning")]


def test_missing_reason_still_suppresses_but_is_a_finding(make_repo):
    root = make_repo({SLO: _slo(comment_above="  # sre-docs: disable=SLO001\n")})
    findings, _ = _run(root)
    assert findings == [("SUP001", SLO, 4, 3, "error")]
    root2 = make_repo({SLO: _slo(comment_above="  # sre-docs: disable=SLO001 --   \n")})
    assert _run(root2)[0] == [("SUP001", SLO, 4, 3, "error")]


def test_expired_suppression_no_longer_applies(make_repo):
    root = make_repo({SLO: _slo(comment_above="  # sre-docs: disable=SLO001 until=2026-11-19 -- PAY-12\n")})
    findings, _ = _run(root, today="2026-11-20")
    assert findings == [("SUP002", SLO, 4, 3, "error"), ("SLO001", SLO, 5, 11, "error")]
    # On the day itself it still holds.
    assert _run(root, today="2026-11-19")[0] == []


def test_unused_suppression_in_a_file_without_findings(make_repo):
    text = "sli:\n  name: availability  # sre-docs: disable=SLO003 -- left over\n  type: availability\n"
    root = make_repo({"services/checkout/service.yaml": SERVICE, "services/checkout/slis.yaml": text})
    findings, _ = _run(root)
    assert ("SUP003", "services/checkout/slis.yaml", 2, 23, "warning") in findings


def test_malformed_suppressions(make_repo):
    above = (
        "  # sre-docs: disable=SLO999 -- no such policy\n"
        "  # sre-docs: disable=SUP003 -- cannot silence suppression checks\n"
        "  # sre-docs: disabel=SLO001 -- typo\n"
        "  # sre-docs: disable=SLO001 until=2026-02-30 -- bad date\n"
    )
    root = make_repo({SLO: _slo(comment_above=above)})
    findings, result = _run(root)
    sup4 = [f for f in result.findings if f.code == "SUP004"]
    assert [(f.line, f.message) for f in sup4] == [
        (4, "unknown code 'SLO999' in suppression"),
        (5, "SUP003 cannot be suppressed"),
        (6, "cannot read 'disabel=SLO001'; did you mean 'disable='?"),
        (7, "until='2026-02-30' is not a date (YYYY-MM-DD)"),
    ]
    # The last comment still names SLO001 and has no usable date: it suppresses without expiry.
    assert ("SLO001", SLO, 8, 11, "error") not in findings


def test_suppression_codes_follow_config_levels_and_scopes(make_repo):
    root = make_repo({
        SLO: _slo(comment_above="  # sre-docs: disable=SLO001\n"),
        "sre-docs.yaml": "policies:\n  SUP001: {level: warning}\n",
    })
    assert _run(root)[0] == [("SUP001", SLO, 4, 3, "warning")]
    (root / "sre-docs.yaml").write_text("policies:\n  SUP001: false\n")
    assert _run(root)[0] == []


def test_a_hash_inside_a_value_is_not_a_comment():
    text = 'runbook:\n  title: "step#sre-docs: disable=RBK002 -- x"\n'
    assert scan(text, "r.yaml", lambda code: True) == ([], [])


def test_scan_covers_own_line_and_next_yaml_line():
    text = "a: 1\n# sre-docs: disable=SLO001 -- r\n\n# other comment\nb: 2\n"
    (found,), broken = scan(text, "x.yaml", lambda code: True)
    assert broken == [] and found.covers == (2, 5) and found.reason == "r" and found.until is None
    assert found.applies(dt.date(2030, 1, 1))


def test_files_behind_findings_are_read_only_when_safe(make_repo, tmp_path):
    """Comments are read from files with findings; a FIFO, a symlink or a huge file must not be opened."""
    import os
    import signal

    outside = tmp_path.parent / f"{tmp_path.name}-secret.yaml"
    outside.write_text("slo: {}  # sre-docs: disable=SLO001\n")
    root = make_repo({"services/checkout/service.yaml": SERVICE,
                      "sre-docs.yaml": "limits: {max_file_bytes: 2000}\n",
                      "services/checkout/big.yaml": "# sre-docs: disable=SLO001\n" + "#" * 3000 + "\n"})
    os.symlink(outside, root / "services/checkout/link.yaml")
    os.mkfifo(root / "services/checkout/pipe.yaml")
    previous = signal.signal(signal.SIGALRM, lambda *_: (_ for _ in ()).throw(TimeoutError("blocked on a file")))
    signal.alarm(20)
    try:
        findings, result = _run(root)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    codes = {(f.code, f.path) for f in result.findings}
    assert {("REPO001", "services/checkout/link.yaml"), ("REPO002", "services/checkout/pipe.yaml"),
            ("YAML006", "services/checkout/big.yaml")} <= codes
    assert [f for f in findings if f[0].startswith("SUP")] == [], "no comment was read from those files"
    assert result.repo.source_text("services/checkout/link.yaml") is None
