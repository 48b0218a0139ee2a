"""Contributing factors by category: the one tally behind the incident log's chart and table."""

from __future__ import annotations

from pathlib import Path

from sre_docs.model.factors import UNCATEGORISED, category_counts, factor_text, factors_of
from sre_docs.model.repository import load_repository

INCIDENT = ("incident:\n  id: {id}\n  title: x\n  services: [checkout]\n  severity: SEV3\n  status: review\n"
            "  timestamps:\n    started: 2026-11-02T14:05:00Z\n")
HEAD = "postmortem:\n  incident: {id}\n  title: x\n  date: 2026-11-05\n  severity: SEV3\n  status: draft\n"


def _repo(tmp_path: Path, factors: dict[str, str]) -> Path:
    folder = tmp_path / "services" / "checkout"
    (folder / "incidents").mkdir(parents=True)
    (folder / "postmortems").mkdir()
    (folder / "service.yaml").write_text("service:\n  name: checkout\n  tier: standard\n  owner_team: payments\n")
    for ident, body in factors.items():
        (folder / "incidents" / f"{ident}.yaml").write_text(INCIDENT.format(id=ident))
        (folder / "postmortems" / f"{ident}.yaml").write_text(HEAD.format(id=ident) + body)
    return tmp_path


def test_counts_worked_by_hand(tmp_path: Path) -> None:
    root = _repo(tmp_path, {
        "INC-2026-001": ("  contributing_factors:\n    - category: technology\n      description: Pool too small.\n"
                         "    - category: process\n      description: No review.\n"),
        "INC-2026-002": ("  contributing_factors:\n    - category: technology\n      description: No retry.\n"
                         "    - An old plain sentence.\n    - category: tecnology\n      description: A typo.\n"
                         "    - category: 'TODO: people | process'\n      description: 'TODO: what'\n"),
        "INC-2026-003": "",
    })
    postmortems = [d for s in load_repository(root).services.values() for d in s.postmortems]
    # technology 2 (one per postmortem), process 1; the plain sentence and the typo are uncategorised (2);
    # the draft prompt is not counted; the empty postmortem adds nothing.
    assert category_counts(postmortems) == (
        ("people", 0), ("process", 1), ("technology", 2), ("environment", 0), ("monitoring", 0), ("testing", 0),
        (UNCATEGORISED, 2))
    second = next(d for d in postmortems if d.get("incident") == "INC-2026-002")
    assert [factor_text(f) for f in factors_of(second)] == [
        "Technology: No retry.", "An old plain sentence.", "Tecnology: A typo.", "TODO: people | process: TODO: what"]
    assert [f.placeholder for f in factors_of(second)] == [False, False, False, True]


def test_no_postmortems_no_uncategorised_row() -> None:
    assert category_counts([]) == (("people", 0), ("process", 0), ("technology", 0), ("environment", 0),
                                   ("monitoring", 0), ("testing", 0))
