"""Production readiness review: the 28-check list, what the repo shows, what blocks production.

A check blocks production when its latest review marks it ``fail``, does not mention it
at all, or marks it ``pass`` while the repo shows otherwise; ``n/a`` is a decision, not a
gap. For the checks the repo itself can answer (an SLI exists, every alert has a runbook,
tracing is on in the catalog, …) the answer is shown beside the review's. The verdicts
are PRR001's (``policies/prr001.py``: ``readiness``, which PRR002 reports on), so `sre-docs prr`, the lint and the
scorecards agree about what blocks production.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sre_docs.model.repository import Repository
from sre_docs.policies.prr001 import readiness
from sre_docs.schemas.vocabulary import PRR_CATEGORIES, PRR_CHECKS
from sre_docs.workflows.budget_view import require_service


@dataclass(frozen=True)
class PrrRow:
    id: str
    category: str
    text: str
    status: str  # pass | fail | n/a | missing
    evidence: str | None
    repo_says: bool | None
    repo_detail: str | None

    @property
    def blocks(self) -> bool:
        return self.status in ("fail", "missing") or self.contradicted

    @property
    def contradicted(self) -> bool:
        return self.status == "pass" and self.repo_says is False


@dataclass(frozen=True)
class PrrReport:
    service: str
    path: str | None
    date: str | None
    reviewers: tuple[str, ...]
    rows: tuple[PrrRow, ...]

    @property
    def blockers(self) -> tuple[PrrRow, ...]:
        return tuple(row for row in self.rows if row.blocks)

    @property
    def ready(self) -> bool:
        return not self.blockers


def review(repo: Repository, service_name: str) -> PrrReport:
    service = require_service(repo, service_name)
    doc = service.prr
    checks = {check.id: check for check in PRR_CHECKS}
    rows = tuple(
        PrrRow(row.id, checks[row.id].category, checks[row.id].text, row.status, row.entry.get("evidence"),
               row.repo_says, row.repo_detail)
        for row in readiness(repo, service, doc)
    )
    return PrrReport(service_name, doc.path if doc else None, doc.get("date") if doc else None,
                     tuple(doc.get("reviewers", default=[])) if doc else (), rows)


def category_label(category: str) -> str:
    return dict(PRR_CATEGORIES).get(category, category)


def review_json(report: PrrReport) -> dict[str, Any]:
    return {
        "service": report.service,
        "path": report.path,
        "date": report.date,
        "reviewers": list(report.reviewers),
        "ready": report.ready,
        "summary": {status: sum(1 for r in report.rows if r.status == status) for status in ("pass", "fail", "n/a", "missing")},
        "checks": [
            {"id": r.id, "category": r.category, "check": r.text, "status": r.status, "evidence": r.evidence,
             "repo_says": r.repo_says, "repo_detail": r.repo_detail, "blocks": r.blocks, "contradicted": r.contradicted}
            for r in report.rows
        ],
        "blockers": [r.id for r in report.blockers],
    }
