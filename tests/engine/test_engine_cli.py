"""``sre-docs lint`` as a CI gate: exit codes, formats, baselines, service filter, policy listing."""

from __future__ import annotations

import json

import pytest

from sre_docs.cli import main

SLOS = """\
slo:
  service: checkout
  sli: availability
  target: 99.9
  sla: 99.9
  window: 28d
  burn_rate_alerts:
    - {name: fast, burn_rate: 13.44, short_window: 5m, long_window: 1h, severity: page}
    - {name: slow, burn_rate: 1, short_window: 6h, long_window: 3d, severity: ticket}
"""
QUIET = "policies:\n  SLO003: false\n  ALR001: false\n  ALR002: false\n  CAT005: false\n"


@pytest.fixture
def repo(make_repo, monkeypatch):
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.setenv("SRE_DOCS_TODAY", "2026-11-20")
    return make_repo({"services/checkout/slos.yaml": SLOS, "sre-docs.yaml": QUIET})


def run(capsys, *args):
    code = main(["lint", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def test_findings_exit_1_and_text_by_default(repo, capsys):
    code, out, err = run(capsys, "--root", repo)
    assert code == 1 and err == ""
    assert out == (
        "services/checkout/slos.yaml:4:11: error SLO001 SLO target 99.9% is not above its SLA of 99.9%; "
        "the error budget would run out only when the contract is already broken\n"
        "1 finding(s): 1 error(s), 0 warning(s), 0 info in 1 file(s)\n"
    )


def test_clean_repo_exits_0(repo, capsys):
    (repo / "services/checkout/slos.yaml").write_text(SLOS.replace("sla: 99.9", "sla: 99.5"))
    assert run(capsys, "--root", repo)[:2] == (0, "no findings\n")


def test_fail_on_from_cli_and_config(repo, capsys):
    (repo / "sre-docs.yaml").write_text(QUIET + "  SLO001: {level: warning}\n")
    assert run(capsys, "--root", repo)[0] == 0
    assert run(capsys, "--root", repo, "--fail-on", "warning")[0] == 1
    (repo / "sre-docs.yaml").write_text(QUIET + "  SLO001: {level: warning}\nfail_on: warning\n")
    assert run(capsys, "--root", repo)[0] == 1
    assert run(capsys, "--root", repo, "--fail-on", "error")[0] == 0


def test_github_format_is_the_default_under_github_actions(repo, capsys, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    code, out, _ = run(capsys, "--root", repo)
    assert code == 1 and out.startswith("::error file=services/checkout/slos.yaml,line=4,col=11,title=SLO001::")
    assert run(capsys, "--root", repo, "--format", "text")[1].startswith("services/checkout/slos.yaml:4:11: error")


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "github", "text"])
def test_every_format_runs(repo, capsys, fmt):
    code, out, _ = run(capsys, "--root", repo, "--format", fmt)
    assert code == 1 and "SLO001" in out


def test_invalid_config_exits_2_with_position(repo, capsys):
    (repo / "sre-docs.yaml").write_text("policies:\n  SLO0001: {level: warning}\n")
    code, out, err = run(capsys, "--root", repo)
    assert (code, out) == (2, "")
    assert err == "sre-docs: invalid config: sre-docs.yaml:2:3: unknown policy SLO0001; did you mean 'SLO001'?\n"


def test_usage_errors_exit_2(repo, capsys):
    assert run(capsys, "--root", repo / "nope")[0] == 2
    code, _, err = run(capsys, "--root", repo, "--service", "chekout")
    assert code == 2 and "did you mean 'checkout'?" in err
    with pytest.raises(SystemExit) as caught:
        main(["lint", "--format", "xml"])
    assert caught.value.code == 2


def test_service_filter(repo, capsys):
    (repo / "services/search").mkdir()
    (repo / "services/search/slos.yaml").write_text(SLOS.replace("checkout", "search"))
    assert run(capsys, "--root", repo)[1].count("SLO001") == 2
    code, out, _ = run(capsys, "--root", repo, "--service", "search")
    assert code == 1 and out.count("SLO001") == 1 and "services/search/slos.yaml" in out


def test_baseline_accepts_known_findings_and_fails_on_new_ones(repo, capsys):
    baseline = repo / "ci" / "baseline.json"
    (repo / "ci").mkdir()
    code, _, err = run(capsys, "--root", repo, "--write-baseline", baseline)
    assert code == 0 and "wrote 1 finding(s) to baseline" in err
    assert sorted(p.name for p in (repo / "ci").iterdir()) == ["baseline.json"], "no temporary file is left behind"
    written = baseline.read_bytes()
    entry = json.loads(written)["findings"][0]
    assert (entry["code"], entry["path"], entry["service"], entry["count"]) == (
        "SLO001", "services/checkout/slos.yaml", "checkout", 1)

    # Lines shift: still the same finding.
    path = repo / "services/checkout/slos.yaml"
    path.write_text("# owned by payments\n\n" + SLOS)
    code, out, err = run(capsys, "--root", repo, "--baseline", baseline)
    assert (code, out) == (0, "no findings\n") and "1 finding(s) accepted by the baseline" in err

    # A second, identical problem elsewhere is new.
    (repo / "services/search").mkdir()
    (repo / "services/search/slos.yaml").write_text(SLOS.replace("checkout", "search"))
    code, out, _ = run(capsys, "--root", repo, "--baseline", baseline)
    assert code == 1 and out.startswith("services/search/slos.yaml:4:11: error SLO001")
    assert baseline.read_bytes() == written, "--baseline never rewrites the file"


def test_baseline_counts_identical_findings(repo, capsys):
    path = repo / "services/checkout/slos.yaml"
    path.write_text(SLOS + "---\n" + SLOS.replace("  sli: availability", "  name: second\n  sli: availability"))
    baseline = repo / "baseline.json"
    run(capsys, "--root", repo, "--write-baseline", baseline)
    entries = json.loads(baseline.read_text())["findings"]
    assert [e["count"] for e in entries if e["code"] == "SLO001"] == [2]
    path.write_text(SLOS)
    assert run(capsys, "--root", repo, "--baseline", baseline)[0] == 0


def test_bad_or_missing_baseline_exits_2(repo, capsys):
    code, _, err = run(capsys, "--root", repo, "--baseline", repo / "missing.json")
    assert code == 2 and "baseline file not found" in err
    (repo / "bad.json").write_text("{\"version\": 1, \"findings\": [{\"code\": 3}]}")
    code, _, err = run(capsys, "--root", repo, "--baseline", repo / "bad.json")
    assert code == 2 and "findings[0] needs code, path and fingerprint" in err
    (repo / "worse.json").write_text("{")
    assert "not valid JSON" in run(capsys, "--root", repo, "--baseline", repo / "worse.json")[2]


def test_list_policies_and_policies_command(repo, capsys):
    code, out, _ = run(capsys, "--root", repo, "--list-policies")
    assert code == 0
    lines = out.splitlines()
    assert any(line.startswith("SLO003   off ") for line in lines)
    assert any(line.startswith("PM005    warning  blaming-language") for line in lines)
    assert main(["policies", "--root", str(repo), "--format", "json"]) == 0
    listing = json.loads(capsys.readouterr().out)
    slo003 = next(entry for entry in listing if entry["id"] == "SLO003")
    assert slo003["enabled"] is False and slo003["origin"] == "built-in"
    assert main(["policies", "--root", str(repo), "rbk001"]) == 0
    page = capsys.readouterr().out
    assert page.startswith("RBK001 stale-runbook\n") and "max_age_days: 90" in page
    assert "&#" not in page and "<code>" not in page and "**" not in page
    assert main(["policies", "--root", str(repo), "NOPE01"]) == 2
