"""Production readiness review: the 28-check list, what the repo shows, what blocks production.

A check blocks production when its latest review marks it ``fail`` or does not mention
it at all; ``n/a`` is a decision, not a gap. For the checks the repo itself can answer
(an SLI exists, every alert has a runbook, tracing is on in the catalog, …) the answer
is shown beside the review's, and a ``pass`` the repo contradicts is called out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from collections.abc import Callable

from sre_docs.model.repository import Repository, Service
from sre_docs.schemas.vocabulary import PRR_CATEGORIES, PRR_CHECKS
from sre_docs.workflows.budget_view import require_service
from sre_docs.workflows.documents import all_alert_names


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
        return self.status in ("fail", "missing")

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


def _flag(service: Service, *path: str) -> bool:
    return bool(service.catalog and service.catalog.get(*path))


def _repo_evidence(repo: Repository, service: Service) -> dict[str, Callable[[], tuple[bool, str]]]:
    catalog = service.catalog
    rotation = catalog.get("oncall_rotation") if catalog else None

    def alerts_with_runbooks() -> tuple[bool, str]:
        names = all_alert_names(service)
        if not names:
            return False, "no alerts defined"
        runbook_files = {d.path for d in service.runbooks}

        def covered(name: str) -> bool:
            if service.runbooks_for(name):
                return True
            for alert in service.alerts:
                link = alert.get("runbook", default="")
                if alert.get("name") == name and (link.startswith(("http://", "https://"))
                                                  or repo.resolve_path(alert.path, link) in runbook_files):
                    return True
            return False

        missing = sorted(name for name in names if not covered(name))
        if missing:
            return False, f"no runbook for {', '.join(missing)}"
        return True, f"{len(names)} alerts, all with runbooks"

    def escalation() -> tuple[bool, str]:
        rot = repo.rotations.get(rotation) if rotation else None
        if rot is not None and rot.get("escalation", "contact"):
            return True, f"rotation {rotation} escalates to {rot.get('escalation', 'contact')}"
        with_contact = [d for d in service.runbooks if d.get("escalation", "contact")]
        return bool(with_contact), f"{len(with_contact)} runbooks name an escalation contact"

    model = service.capacity_models[0] if service.capacity_models else None
    return {
        "slos.slis-defined": lambda: (bool(service.slis), f"{len(service.slis)} SLIs"),
        "slos.targets-agreed": lambda: (any(d.get("stakeholders") for d in service.slos),
                                         "an SLO lists its stakeholders" if any(d.get("stakeholders") for d in service.slos) else "no SLO lists stakeholders"),
        "slos.budget-policy": lambda: (repo.budget_policy_for(service.name) is not None, "error budget policy found" if repo.budget_policy_for(service.name) else "no error budget policy"),
        "monitoring.golden-signals": lambda: (_flag(service, "observability", "dashboards"), "dashboards linked in the catalog" if _flag(service, "observability", "dashboards") else "no dashboards in the catalog"),
        "monitoring.alerts-with-runbooks": alerts_with_runbooks,
        "monitoring.structured-logging": lambda: (_flag(service, "observability", "structured_logging"), "catalog: observability.structured_logging"),
        "monitoring.tracing": lambda: (_flag(service, "observability", "tracing"), "catalog: observability.tracing"),
        "incidents.oncall-rotation": lambda: (rotation in repo.rotations, f"rotation {rotation}" if rotation in repo.rotations else "no known on-call rotation"),
        "incidents.escalation-paths": escalation,
        "incidents.top5-runbooks": lambda: (len(service.runbooks) >= 5, f"{len(service.runbooks)} runbooks"),
        "capacity.load-tested-2x": lambda: (bool(model and model.get("last_load_test")),
                                             f"last load test {model.get('last_load_test')}" if model and model.get("last_load_test") else "no load test recorded"),
        "capacity.autoscaling-tested": lambda: (bool(model and model.get("scaling_strategy", "auto_scaling")), "capacity model: scaling_strategy.auto_scaling"),
        "deploy.rollback-tested": lambda: (_flag(service, "automation", "auto_rollback"), "catalog: automation.auto_rollback"),
        "deploy.feature-flags": lambda: (_flag(service, "automation", "feature_flags"), "catalog: automation.feature_flags"),
        "docs.operational-runbook": lambda: (bool(service.runbooks), f"{len(service.runbooks)} runbooks"),
    }


def review(repo: Repository, service_name: str) -> PrrReport:
    service = require_service(repo, service_name)
    doc = service.prr
    recorded: dict[str, dict[str, Any]] = {}
    if doc is not None:
        for check in doc.get("checks", default=[]):
            if isinstance(check, dict) and check.get("id"):
                recorded[check["id"]] = check
    evidence = _repo_evidence(repo, service)
    rows = []
    for check in PRR_CHECKS:
        entry = recorded.get(check.id, {})
        says, detail = evidence[check.id]() if check.id in evidence else (None, None)
        rows.append(PrrRow(check.id, check.category, check.text, entry.get("status") or "missing",
                           entry.get("evidence"), says, detail))
    return PrrReport(service_name, doc.path if doc else None, doc.get("date") if doc else None,
                     tuple(doc.get("reviewers", default=[])) if doc else (), tuple(rows))


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
