"""The document kinds of a reliability repo, one schema module per kind.

A document is a mapping with exactly one top-level key, naming its kind. Each module
here defines ``KIND``, ``SCOPE`` (where such documents may live: ``service``, ``org`` or
``any``), ``SCHEMA`` (cerberus rules for the body; for list bodies, ``BODY = "list"`` and
``SCHEMA`` is the rule for one item), ``EXAMPLE`` and a docstring that says what the
kind is for. The registry below is explicit: a kind exists when it is listed here.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType
from typing import Any

from sre_docs.schemas import (
    alert,
    auto_remediation,
    capacity_model,
    error_budget_policy,
    experiment,
    incident,
    maturity_assessment,
    measurements,
    monthly_report,
    oncall_rotation,
    postmortem,
    prr,
    runbook,
    service,
    sli,
    slo,
    team,
    toil_item,
)


@dataclass(frozen=True)
class KindSpec:
    name: str
    scope: str
    body: str
    schema: dict[str, Any]
    summary: str
    example: str

    @classmethod
    def from_module(cls, module: ModuleType) -> KindSpec:
        return cls(
            name=module.KIND,
            scope=module.SCOPE,
            body=getattr(module, "BODY", "dict"),
            schema=module.SCHEMA,
            summary=(module.__doc__ or "").strip(),
            example=module.EXAMPLE,
        )

    def root_rule(self) -> dict[str, Any]:
        """The cerberus rule for ``{kind: body}``, so error paths match source paths."""
        if self.body == "list":
            body = {"type": "list", "required": True, "schema": self.schema}
        else:
            body = {"type": "dict", "required": True, "schema": self.schema}
        return {self.name: body}


#: Every kind, in the order a reader meets them: the service, what it promises, how it
#: is watched, what went wrong, how it improves, then the organisation's documents.
MODULES: tuple[ModuleType, ...] = (
    service,
    sli,
    slo,
    measurements,
    error_budget_policy,
    alert,
    runbook,
    incident,
    postmortem,
    experiment,
    toil_item,
    capacity_model,
    auto_remediation,
    oncall_rotation,
    team,
    prr,
    maturity_assessment,
    monthly_report,
)

KINDS: dict[str, KindSpec] = {m.KIND: KindSpec.from_module(m) for m in MODULES}
