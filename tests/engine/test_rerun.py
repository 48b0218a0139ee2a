"""Linting again in one process (``sre_docs.lint.rerun``, used by ``mkdocs serve``) finds what a whole lint finds.

Each step edits the repo, loads it the way the plugin does (files kept by ``SessionFiles``) and
compares ``Relint.lint`` with a whole ``lint_repo`` of the same model; ``Relint.changed`` says
whether the step took the incremental path (the changed paths) or linted whole (``None``).
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from sre_docs.lint.config import load_config
from sre_docs.lint.engine import lint_repo
from sre_docs.lint.policy import FileHistory, LintRepo
from sre_docs.lint.rerun import Relint, changed_paths
from sre_docs.loading.session_files import SessionFiles
from sre_docs.model.repository import load_repository

FIXTURE = Path(__file__).resolve().parents[1] / "workflows" / "fixture"
TODAY = dt.date(2026, 11, 26)


def _lint(root: Path, session: SessionFiles, relint: Relint, context: object = "", dates=None):
    """(incremental findings, whole-lint findings) of the repo as it is now."""
    config = load_config(root)
    session.start_round()
    model = load_repository(root, limits=config.limits, known=session)
    history = FileHistory((lambda: dict(dates)) if dates is not None else None)
    repo = LintRepo.wrap(model, today=TODAY, history=history, limits=config.limits)
    fast = relint.lint(repo, config, session.digests, context).findings
    return fast, lint_repo(repo, config).findings


def _codes(findings) -> list[tuple[str, str, int, int]]:
    return [(f.code, f.path, f.line, f.column) for f in findings]


def test_changed_paths_are_added_removed_and_edited_files() -> None:
    before = {"a.yaml": "1", "b.yaml": "2", "c.yaml": "3"}
    after = {"a.yaml": "1", "b.yaml": "9", "d.yaml": "4"}
    assert changed_paths(before, after) == ["b.yaml", "c.yaml", "d.yaml"]
    assert changed_paths(before, dict(before)) == []


def test_a_service_edit_relints_that_service_and_finds_what_a_whole_lint_finds(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE, root)
    session, relint = SessionFiles(), Relint()

    fast, whole = _lint(root, session, relint)
    assert relint.changed is None  # the first lint is a whole run, the base of the next ones
    assert fast == whole

    # Nothing changed: the base's findings, by the incremental path.
    fast, whole = _lint(root, session, relint)
    assert relint.changed == []
    assert fast == whole

    # An SLO's target loosened below its SLA: findings about checkout move; only checkout is re-checked.
    slos = root / "services/checkout/slos.yaml"
    slos.write_text(slos.read_text().replace("target: 99.95", "target: 99.5"))
    fast, whole = _lint(root, session, relint)
    assert relint.changed == ["services/checkout/slos.yaml"]
    assert fast == whole
    base_codes = _codes(relint.run.findings) if relint.run is not None else []
    assert _codes(fast) != base_codes  # the edit moved the findings: the comparison above compared something

    # A second service's file is deleted: both changes are linted against the first base.
    (root / "services/payments/runbooks/slow-burn.yaml").unlink()
    fast, whole = _lint(root, session, relint)
    assert relint.changed == ["services/checkout/slos.yaml", "services/payments/runbooks/slow-burn.yaml"]
    assert fast == whole

    # An organisation file: linted whole, and it becomes the new base.
    teams = root / "org/teams.yaml"
    teams.write_text(teams.read_text() + "\n")
    fast, whole = _lint(root, session, relint)
    assert relint.changed is None
    assert fast == whole
    fast, whole = _lint(root, session, relint)
    assert relint.changed == []
    assert fast == whole


def test_what_the_findings_depend_on_besides_the_files_makes_a_whole_run(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE, root)
    session, relint = SessionFiles(), Relint()
    dates = {"services/checkout/runbooks/slow-burn.yaml": dt.date(2026, 1, 5)}
    _lint(root, session, relint, context="levels 1", dates=dates)
    _lint(root, session, relint, context="levels 1", dates=dates)
    assert relint.changed == []
    # Another configuration (the caller's context): whole.
    _lint(root, session, relint, context="levels 2", dates=dates)
    assert relint.changed is None
    # Git dates that moved (a commit, a checkout) without a byte changing: whole.
    fast, whole = _lint(root, session, relint, context="levels 2", dates={**dates, "services/payments/slis.yaml": TODAY})
    assert relint.changed is None
    assert fast == whole
    # After forget(): whole.
    relint.forget()
    _lint(root, session, relint, context="levels 2", dates=dates)
    assert relint.changed is None
