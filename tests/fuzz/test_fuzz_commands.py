"""The read-only commands over hostile repos: budgets, capacity, toil, on-call, PRR, reports.

``sre-docs budget|capacity|toil|oncall|prr|report`` read whatever the repo holds; a value the
schemas let through but the arithmetic cannot use (timestamps out of order, a window that
outlasts the measurements) must end in a figure left out or a ``WorkflowError`` message,
never a traceback.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any, TypeVar

from fuzz_checks import write_repo
from fuzz_strategies import hostile_repo, repo_files
from fuzz_support import fuzz_settings, scratch
from hypothesis import given
from hypothesis import strategies as st

from sre_docs.model.repository import load_repository
from sre_docs.workflows import budget_view, capacity, chaos, oncall, prr, reliability_report, toil
from sre_docs.workflows.common import UTC, WorkflowError

NOW = dt.datetime(2026, 11, 26, 9, 30, tzinfo=UTC)
T = TypeVar("T")


def run(command: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
    """A command's result; None when it refused with a message, as the CLI would print it."""
    try:
        return command(*args, **kwargs)
    except WorkflowError as refusal:
        assert str(refusal), "a refusal without a message"
        return None


def as_json(value: Any) -> None:
    """What ``--json`` prints must be JSON: no NaN or Infinity, which JSON does not have."""
    json.dumps(value, allow_nan=False)


@fuzz_settings(share=0.5)
@given(files=st.one_of(repo_files(), hostile_repo()))
def test_read_only_commands(files: dict[str, bytes]) -> None:
    with scratch() as root:
        write_repo(root, files)
        repo = load_repository(root)
        everything = []
        for name in sorted(repo.services):
            budgets = run(budget_view.service_budgets, repo, name, as_of=NOW) or []
            everything.extend(budgets)
            for item in budgets:
                as_json(budget_view.budget_json(item))
            chaos.chaos_gate(name, budgets)
            for plan in run(capacity.plan_service, repo, name, as_of=NOW) or []:
                as_json(capacity.plan_json(plan))
            review = run(prr.review, repo, name)
            if review is not None:
                as_json(prr.review_json(review))
        audit = run(toil.audit, repo)
        if audit is not None:
            as_json(toil.audit_json(audit))
        for item in run(oncall.health, repo) or []:
            as_json(oncall.health_json(item))
        for rotation in repo.rotations:
            note = run(oncall.handoff, repo, rotation, as_of=NOW, changes=[], budgets=everything)
            if note is not None:
                oncall.handoff_markdown(note)
        for period in ("2026-10", "2026-11"):
            report = run(reliability_report.monthly_report, repo, period, now=NOW)
            if report is not None:
                reliability_report.report_markdown(report)
                reliability_report.report_document(report)
        agenda = run(reliability_report.weekly_agenda, repo, as_of=NOW)
        if agenda is not None:
            reliability_report.weekly_markdown(agenda)


def test_monthly_report_with_an_incident_out_of_order(tmp_path) -> None:
    """Found by fuzzing: `report monthly` raised ValueError from the MTTD of an incident detected
    before it started; such a record now stays out of the averages (INC002 reports it)."""
    incident = (
        "incident:\n  id: INC-2026-082\n  title: t\n  services: [checkout]\n  severity: SEV3\n  status: resolve\n"
        "  timestamps:\n    started: 2026-10-20T10:00:00Z\n    detected: 2026-10-20T09:00:00Z\n"
        "    resolved: 2026-10-20T12:00:00Z\n"
    )
    write_repo(tmp_path, {"services/checkout/incidents/INC-2026-082.yaml": incident.encode()})
    report = reliability_report.monthly_report(load_repository(tmp_path), "2026-10", now=NOW)
    assert report.data["incidents"]["total"] == 1
    reliability_report.report_markdown(report)


def test_toil_audit_with_refused_team_names(tmp_path) -> None:
    """Found by the long run: `teams_affected: [150, -25856]` left [None, None] in the model and the
    audit (and `report monthly`) raised TypeError sorting None beside team names."""
    toil_item = b"toil_item:\n  name: x\n  category: config\n  teams_affected: [150, payments]\n"
    write_repo(tmp_path, {"services/checkout/toil.yaml": toil_item,
                          "org/teams.yaml": b"team:\n  name: sre\n  sre_hours_per_month: 100\n"})
    audit = toil.audit(load_repository(tmp_path))
    assert [row.teams for row in audit.rows] == [("payments",)]
    as_json(toil.audit_json(audit))
