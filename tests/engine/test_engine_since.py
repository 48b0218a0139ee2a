"""``--since REF`` on a real git repository, and runbook ages read from git history."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import pytest

from sre_docs.lint import engine
from sre_docs.cli import main
from sre_docs.lint.config import load_config
from sre_docs.loading.git_changes import changed_since, last_changed_dates

SLOS = "slo:\n  service: {name}\n  sli: availability\n  target: 99.9\n  sla: 99.9\n  window: 28d\n"
QUIET = "policies:\n" + "".join(f"  {c}: false\n" for c in ("SLO003", "SLO004", "CAT005"))


def git(root: Path, *args: str, date: str = "2026-11-01T12:00:00+00:00") -> str:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date,
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com", "GIT_CONFIG_NOSYSTEM": "1",
           "HOME": str(root)}
    return subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True, text=True).stdout


def write(root: Path, path: str, text: str) -> None:
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text)


@pytest.fixture
def history(tmp_path, monkeypatch):
    """Five services with one SLO001 each; then one change of every kind git knows."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    git(tmp_path, "init", "-q", "-b", "main")
    write(tmp_path, "sre-docs.yaml", QUIET)
    for name in ("checkout", "search", "web", "billing", "ops"):
        write(tmp_path, f"services/{name}/slos.yaml", SLOS.format(name=name))
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "base")
    write(tmp_path, "services/checkout/slos.yaml", "# reviewed\n" + SLOS.format(name="checkout"))
    git(tmp_path, "commit", "-q", "-am", "committed change")
    write(tmp_path, "services/search/extra.yaml", "sli:\n  name: availability\n  type: availability\n")
    git(tmp_path, "add", "services/search/extra.yaml")  # staged
    write(tmp_path, "services/web/slos.yaml", SLOS.format(name="web") + "# unstaged\n")  # unstaged
    write(tmp_path, "services/billing/notes.yaml", "sli:\n  name: latency\n  type: latency\n")  # untracked
    return tmp_path


def _lint(capsys, root: Path, *args: str) -> tuple[int, str, str]:
    code = main(["lint", "--root", str(root), "--format", "text", *args])
    out, err = capsys.readouterr()
    return code, out, err


def _paths(out: str) -> set[str]:
    return {line.split(":", 1)[0] for line in out.splitlines() if " SLO001 " in line}


def test_changed_since_lists_every_kind_of_change(history):
    changes = changed_since(history, "HEAD~1")
    assert changes.paths == {
        "services/checkout/slos.yaml", "services/search/extra.yaml", "services/web/slos.yaml",
        "services/billing/notes.yaml",
    }
    assert changes.services == {"checkout", "search", "web", "billing"}


def test_since_reports_only_changed_files_and_services(history, capsys):
    code, out, _ = _lint(capsys, history)
    assert code == 1 and len(_paths(out)) == 5
    code, out, _ = _lint(capsys, history, "--since", "HEAD~1")
    assert code == 1
    # search and billing: their slos.yaml did not change, but a file in their folder did.
    assert _paths(out) == {"services/checkout/slos.yaml", "services/search/slos.yaml",
                           "services/web/slos.yaml", "services/billing/slos.yaml"}
    code, out, _ = _lint(capsys, history, "--since", "HEAD")
    assert _paths(out) == {"services/search/slos.yaml", "services/web/slos.yaml", "services/billing/slos.yaml"}


def test_since_uses_the_merge_base_of_a_branch(history, capsys):
    git(history, "stash", "-u", "-q")
    git(history, "checkout", "-q", "-b", "feature")
    write(history, "services/ops/slos.yaml", "# touched on the branch\n" + SLOS.format(name="ops"))
    git(history, "commit", "-q", "-am", "feature work")
    git(history, "checkout", "-q", "main")
    write(history, "services/web/slos.yaml", "# landed on main meanwhile\n" + SLOS.format(name="web"))
    git(history, "commit", "-q", "-am", "main moves on")
    git(history, "checkout", "-q", "feature")
    code, out, _ = _lint(capsys, history, "--since", "main")
    assert _paths(out) == {"services/ops/slos.yaml"}


def test_since_works_from_a_folder_inside_the_repository(history, capsys):
    inner = history / "reliability"
    inner.mkdir()
    write(inner, "services/inner/slos.yaml", SLOS.format(name="inner"))
    write(inner, "sre-docs.yaml", QUIET)
    code, out, _ = _lint(capsys, inner, "--since", "HEAD")
    assert _paths(out) == {"services/inner/slos.yaml"}


@pytest.mark.parametrize("ref, message", [
    ("-x", "a git ref cannot start with '-'"),
    ("--output=/tmp/pwned", "a git ref cannot start with '-'"),
    ("no-such-branch", "--since 'no-such-branch': no such commit"),
    ("HEAD~99", "--since 'HEAD~99': no such commit"),
])
def test_bad_refs_are_usage_errors(history, capsys, ref, message):
    code, out, err = _lint(capsys, history, f"--since={ref}")
    assert (code, out) == (2, "") and message in err
    assert not Path("/tmp/pwned").exists()


def test_since_outside_git_is_a_usage_error(tmp_path, capsys):
    write(tmp_path, "services/a/slos.yaml", SLOS.format(name="a"))
    code, _, err = _lint(capsys, tmp_path, "--since", "HEAD")
    assert code == 2 and "is not inside a git repository" in err


RUNBOOK = "runbook:\n  title: T\n  alert_name: {name}\n  last_updated: {date}\n"


def test_runbook_age_comes_from_git_in_one_pass(tmp_path, monkeypatch):
    git(tmp_path, "init", "-q", "-b", "main")
    write(tmp_path, "services/checkout/runbooks/old-in-git.yaml", RUNBOOK.format(name="a", date="2026-11-10"))
    write(tmp_path, "services/checkout/runbooks/fresh-in-git.yaml", RUNBOOK.format(name="b", date="2025-01-01"))
    write(tmp_path, "services/checkout/runbooks/edited-now.yaml", RUNBOOK.format(name="c", date="2025-01-01"))
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "old", date="2026-01-05T10:00:00+00:00")
    write(tmp_path, "services/checkout/runbooks/fresh-in-git.yaml", RUNBOOK.format(name="b", date="2025-01-02"))
    git(tmp_path, "commit", "-q", "-am", "fresh", date="2026-11-15T10:00:00+00:00")
    write(tmp_path, "services/checkout/runbooks/edited-now.yaml", RUNBOOK.format(name="c", date="2025-01-03"))
    write(tmp_path, "services/checkout/runbooks/untracked.yaml", RUNBOOK.format(name="d", date="2025-06-01"))

    dates = last_changed_dates(tmp_path, dt.date(2026, 11, 20))
    assert dates == {
        "services/checkout/runbooks/old-in-git.yaml": dt.date(2026, 1, 5),
        "services/checkout/runbooks/fresh-in-git.yaml": dt.date(2026, 11, 15),
        "services/checkout/runbooks/edited-now.yaml": dt.date(2026, 11, 20),
    }

    calls = []
    real = engine.last_changed_dates
    monkeypatch.setattr(engine, "last_changed_dates", lambda *a: calls.append(a) or real(*a))
    config = load_config(tmp_path, environ={"SRE_DOCS_TODAY": "2026-11-20"})
    stale = {f.path: f.message for f in engine.lint(tmp_path, config).findings if f.code == "RBK001"}
    assert len(calls) == 1, "one git log pass for every runbook"
    assert stale == {
        "services/checkout/runbooks/old-in-git.yaml":
            "runbook last changed 2026-01-05 (git history), more than 90 days ago; review it at least every 90 days",
        "services/checkout/runbooks/untracked.yaml":
            "runbook last changed 2025-06-01 (last_updated), more than 90 days ago; review it at least every 90 days",
    }


def test_no_git_means_no_dates(tmp_path):
    assert last_changed_dates(tmp_path, dt.date(2026, 1, 1)) == {}
