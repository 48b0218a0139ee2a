""""The incident names its commander" is one test for INC006 and the scorecard's incident_roles_assigned."""

from __future__ import annotations

from pathlib import Path

import pytest

import sre_docs.scorecard.checks_reliability as checks
from sre_docs.model import incident_roles
from sre_docs.model.incident_roles import named, role_missing
from sre_docs.model.repository import load_repository


@pytest.mark.parametrize(("value", "expected"), [
    ("amara", True), ("  amara ", True), ("", False), ("   ", False), ("TODO: who runs it", False), (None, False),
    (42, False), ([], False), (["", "TODO: x"], False), (["", "li-wei"], True),
])
def test_named(value, expected) -> None:
    assert named(value) is expected


def test_the_scorecard_asks_the_same_question() -> None:
    assert checks.named is incident_roles.named and checks.holder is incident_roles.holder


def test_role_missing_by_severity(tmp_path: Path) -> None:
    folder = tmp_path / "services" / "checkout" / "incidents"
    folder.mkdir(parents=True)
    for ident, severity, roles in (("INC-2026-001", "SEV1", "  roles:\n    incident_commander: 'TODO: who'\n"),
                                   ("INC-2026-002", "SEV2", "  roles:\n    incident_commander: amara\n"),
                                   ("INC-2026-003", "SEV3", "")):
        (folder / f"{ident}.yaml").write_text(
            f"incident:\n  id: {ident}\n  title: x\n  services: [checkout]\n  severity: {severity}\n  status: triage\n"
            f"  timestamps:\n    started: 2026-11-02T14:05:00Z\n{roles}")
    incidents = load_repository(tmp_path).incidents
    assert [i for i in sorted(incidents) if role_missing(incidents[i], "incident_commander")] == ["INC-2026-001"]
    assert [i for i in sorted(incidents) if role_missing(incidents[i], "incident_commander", ("SEV3",))] == [
        "INC-2026-003"]
