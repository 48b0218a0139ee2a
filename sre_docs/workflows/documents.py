"""A new document to write, and where it goes in a service folder.

Shared by the builders in :mod:`~sre_docs.workflows.scaffold`,
:mod:`~sre_docs.workflows.runbooks` and :mod:`~sre_docs.workflows.chaos`: the
:class:`NewDocument` they return, the file a kind goes to, and the checks on names and
services every builder starts with.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.comments import CommentedMap

from sre_docs.model.repository import Document, Repository, Service
from sre_docs.schemas.types import IDENTIFIER
from sre_docs.workflows.common import WorkflowError, dotted, suggest, todo_paths

#: Default file names of each kind inside a service folder ("{name}" is the document's name).
DEFAULT_FILES: dict[str, str] = {
    "service": "service.yaml",
    "sli": "slis.yaml",
    "slo": "slos.yaml",
    "alert": "alerts.yaml",
    "runbook": "runbooks/{name}.yaml",
    "experiment": "experiments/{name}.yaml",
    "toil_item": "toil.yaml",
    "capacity_model": "capacity.yaml",
    "prr": "prr.yaml",
    "maturity_assessment": "maturity.yaml",
    "error_budget_policy": "error_budget_policy.yaml",
    "auto_remediation": "auto_remediation.yaml",
}
#: Kinds whose documents share one file per service (new ones are appended to it).
SHARED_FILE_KINDS = ("sli", "slo", "alert", "toil_item", "maturity_assessment")


@dataclass
class NewDocument:
    """A document to write: its kind, name, target file and content."""

    kind: str
    name: str
    service: str | None
    path: str
    content: CommentedMap
    #: "create" a new file, "append" to an existing multi-document file, or "replace" document ``index``.
    mode: str = "create"
    index: int = 0
    notes: list[str] = field(default_factory=list)
    #: Documents to write with this one (the runbooks of a new SLO's burn-rate alerts, say).
    companions: list[NewDocument] = field(default_factory=list)

    @property
    def body(self) -> Any:
        return self.content[self.kind]

    def still_to_fill(self) -> list[str]:
        """Dotted paths a person still has to fill in."""
        paths = [dotted((self.kind, *p)) for p in todo_paths(self.body)]
        if self.kind == "runbook":
            for index, step in enumerate(self.body.get("diagnosis", [])):
                if not step.get("command"):
                    paths.append(f"runbook.diagnosis[{index}].command")
        return paths


def check_name(value: str, what: str) -> str:
    if not IDENTIFIER.match(value or ""):
        raise WorkflowError(f"{what} {value!r} is not a valid name (letters, digits, '.', '_', '-'; starting with a letter or digit)")
    return value


def service_for(repo: Repository, name: str) -> Service:
    service = repo.services.get(name)
    if service is None:
        raise WorkflowError(f"no service {name!r} under services/{suggest(name, repo.services)}; create it with `sre-docs new service {name} --tier TIER --team TEAM`")
    return service


def place(repo: Repository, service: Service, kind: str, name: str, existing: Document | None, *, force: bool) -> tuple[str, str, int]:
    """(path, mode, index) for a new document of ``kind`` named ``name`` in ``service``."""
    if existing is not None:
        if not force:
            line = existing.line
            raise WorkflowError(f"{kind} {name!r} already exists at {existing.path}:{line}; use --force to replace it")
        siblings = [d for d in service.documents if d.path == existing.path]
        return existing.path, "replace", existing.parsed.index if siblings else 0
    template = DEFAULT_FILES[kind]
    if kind in SHARED_FILE_KINDS:
        files = sorted({d.path for d in service.of_kind(kind)})
        if len(files) == 1:
            return files[0], "append", 0
        path = f"{service.folder}/{template}"
        return path, ("append" if (repo.root / path).exists() else "create"), 0
    return f"{service.folder}/{template.format(name=name)}", "create", 0


def all_alert_names(service: Service) -> dict[str, str]:
    """Alert name -> signal, for alert documents and SLO burn-rate alerts."""
    names = {d.get("name"): d.get("signal", default="errors") for d in service.alerts if d.get("name")}
    for _, _, alert in service.burn_rate_alerts():
        if isinstance(alert.get("name"), str):
            names.setdefault(alert["name"], "burn_rate")
    return names
