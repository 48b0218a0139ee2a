"""``sre-docs diff`` (``cli/diff.py``) where it refuses or hands over: bad scorecard rules, a policy that crashes,
and ``--github``, which prints the comment, writes the job summary and says why it does not comment."""

from __future__ import annotations

from pathlib import Path

import pytest

from diff_helpers import commit, edit, run_diff


def test_invalid_scorecard_rules_are_a_usage_error_with_positions(example: Path) -> None:
    (example / "sre-docs.yaml").write_text("scorecard:\n  dimensions:\n    slo: {}\n", encoding="utf-8")
    assert run_diff(example) == (2, "", "sre-docs: invalid config: scorecard rules:\n"
                                        "  sre-docs.yaml:3:5: SCR005 unknown scorecard dimension 'slo'; did you mean 'slos'?\n")


def test_a_policy_that_crashes_is_an_internal_error_not_a_traceback(example: Path) -> None:
    folder = example / "ci" / "policies"
    folder.mkdir(parents=True)
    (folder / "explodes.py").write_text(
        '"""Crashes on purpose."""\nID = "ORG042"\nNAME = "explodes"\nLEVEL = "warning"\nOPTIONS = {}\n\n\n'
        "def check(repo, options):\n    raise KeyError('tier')\n", encoding="utf-8")
    config = example / "sre-docs.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "policy_paths: [ci/policies]\n", encoding="utf-8")
    code, out, err = run_diff(example, "HEAD")
    assert (code, out) == (2, "")
    assert err.startswith("sre-docs: internal error: policy ORG042 (")
    assert err.endswith(") failed: KeyError: 'tier'\n")


def test_github_mode_writes_the_comment_and_the_job_summary(example: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    edit(example, "services/checkout/alerts.yaml", "name: ", "name: renamed-", count=4)
    commit(example, "rename checkout's alerts")
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.delenv("GITHUB_EVENT_PATH", raising=False)
    code, out, err = run_diff(example, "HEAD~1", "--github")
    assert code == 0
    assert out.startswith("<!-- sre-docs:diff -->\n### Reliability impact of this change\n")
    assert summary.read_text(encoding="utf-8") == out  # the same Markdown, once
    assert err == "sre-docs: impact written to the job summary\nsre-docs: not a pull request: no comment\n"
