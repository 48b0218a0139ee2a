"""Workflow writes stay in the repo: no write through a committed folder link, none outside the service.

Before the fix, ``incidents/`` committed as a link to a folder elsewhere made ``incident start``
write there, and an incident whose ``postmortem:`` link pointed at ``.github/workflows/``
made ``postmortem new`` write a workflow file (with ``--force``, over any repo file).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from attack_helpers import snapshot


def _start(cli, root: Path):
    return cli(root, "incident", "start", "Checkout down", "--service", "checkout", "--function", "degraded",
               "--users", "lt_25pct", "--at", "2026-11-20T14:05:00Z")


def test_a_linked_incidents_folder_is_not_written_through(repo: Path, tmp_path: Path, cli) -> None:
    outside = tmp_path / "outside"
    shutil.move(repo / "services/checkout/incidents", outside)
    (repo / "services/checkout/incidents").symlink_to(outside, target_is_directory=True)
    before = snapshot(outside)
    result = _start(cli, repo)
    assert result.code == 2
    assert result.err == ("sre-docs: refusing to write services/checkout/incidents/INC-2026-002.yaml: "
                          "services/checkout/incidents is a symbolic link\n")
    assert snapshot(outside) == before


@pytest.mark.parametrize("force", [False, True])
def test_a_postmortem_link_out_of_the_service_is_not_followed(repo: Path, cli, force: bool) -> None:
    workflows = repo / ".github/workflows"
    workflows.mkdir(parents=True)
    (workflows / "ci.yaml").write_text("on: push\n")
    incident = repo / "services/checkout/incidents/INC-2026-001.yaml"
    incident.write_text(incident.read_text().replace(
        "postmortem: ../postmortems/INC-2026-001.yaml", "postmortem: ../../../.github/workflows/ci.yaml"))
    (repo / "services/checkout/postmortems/INC-2026-001.yaml").unlink()
    result = cli(repo, "postmortem", "new", "INC-2026-001", *(["--force"] if force else []))
    assert result.code == 2
    if force:
        assert result.err == ("sre-docs: refusing to write '.github/workflows/ci.yaml': sre-docs writes documents "
                              "only inside services/checkout/ (of services/<service>/ and org/)\n")
    else:
        assert result.err == "sre-docs: .github/workflows/ci.yaml already exists; use --force to overwrite it\n"
    assert (workflows / "ci.yaml").read_text() == "on: push\n"
