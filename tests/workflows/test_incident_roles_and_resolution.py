"""`incident assign`, the 30-minute verification at `incident resolve`, and the root cause kept for the postmortem."""

from __future__ import annotations

from pathlib import Path

from sre_docs.model.repository import load_repository

from workflow_helpers import findings

INCIDENT = "services/payments/incidents/INC-2026-002.yaml"


def start(cli, root: Path, *extra: str):
    return cli(root, "incident", "start", "Card payments failing", "--service", "payments", "--function", "core_down",
               "--users", "all_users", "--slo", "payments-availability", "--at", "2026-11-20T14:05:00Z", *extra)


def test_a_sev1_without_commander_is_told_and_assign_fixes_it(repo: Path, cli) -> None:
    result = start(cli, repo)
    assert result.code == 0, result.err
    assert ("note: a SEV1 incident needs an incident commander (INC006): "
            "`sre-docs incident assign INC-2026-002 --ic NAME`") in result.out
    assert [f.code for f in findings(repo) if f.path == INCIDENT and f.code == "INC006"] == ["INC006"]

    result = cli(repo, "incident", "assign", "INC-2026-002", "--ic", "amara", "--scribe", "noah", "--sme", "li-wei",
                 "--at", "2026-11-20T14:08:00Z")
    assert result.code == 0, result.err
    assert ("updated services/payments/incidents/INC-2026-002.yaml: INC-2026-002 roles changed\n"
            "  incident commander amara\n  scribe noah\n  subject-matter expert li-wei joins\n") in result.out
    assert [f for f in findings(repo) if f.path == INCIDENT and f.code == "INC006"] == []

    # The handoff: a new IC, one more expert; the one already listed is not added twice.
    result = cli(repo, "incident", "assign", "INC-2026-002", "--ic", "jonas", "--sme", "li-wei", "--sme", "sofia",
                 "--at", "2026-11-20T14:15:00Z")
    assert result.code == 0, result.err
    assert "  incident commander amara -> jonas\n  subject-matter expert sofia joins\n" in result.out

    incident = load_repository(repo).incidents["INC-2026-002"]
    assert incident.get("roles") == {"incident_commander": "jonas", "scribe": "noah",
                                     "subject_matter_experts": ["li-wei", "sofia"]}
    assert [(u["time"], u["status"], u["message"]) for u in incident.get("updates")][1:] == [
        ("2026-11-20T14:08:00Z", "triage", "Roles: incident commander amara; scribe noah; subject-matter expert li-wei joins."),
        ("2026-11-20T14:15:00Z", "triage", "Roles: incident commander amara -> jonas; subject-matter expert sofia joins."),
    ]


def test_assign_refusals(repo: Path, cli) -> None:
    assert start(cli, repo, "--ic", "amara").code == 0
    before = (repo / INCIDENT).read_bytes()
    result = cli(repo, "incident", "assign", "INC-2026-002", "--ic", "amara", "--at", "2026-11-20T14:10:00Z")
    assert result.code == 2
    assert "nothing to change: name a role with --ic, --comms, --ops, --scribe or --sme" in result.err
    result = cli(repo, "incident", "assign", "INC-2026-002", "--ic", "jonas", "--at", "2026-11-20T14:00:00Z")
    assert result.code == 2 and "is before the incident started (2026-11-20T14:05:00Z)" in result.err
    result = cli(repo, "incident", "assign", "INC-2026-099", "--ic", "jonas")
    assert result.code == 2 and "no incident 'INC-2026-099'" in result.err
    assert (repo / INCIDENT).read_bytes() == before  # nothing written by a refusal


def test_resolve_waits_for_thirty_minutes_of_normal_slis(repo: Path, cli) -> None:
    assert start(cli, repo, "--ic", "amara").code == 0
    assert cli(repo, "incident", "mitigate", "INC-2026-002", "--at", "2026-11-20T14:48:00Z").code == 0
    before = (repo / INCIDENT).read_bytes()
    # 14:48 + 30 min = 15:18; 14:50 is 2 minutes after the mitigation.
    result = cli(repo, "incident", "resolve", "INC-2026-002", "--at", "2026-11-20T14:50:00Z")
    assert result.code == 2
    assert result.err == (
        "sre-docs: INC-2026-002 was mitigated at 2026-11-20T14:48:00Z, 2 minutes before; the guide resolves an "
        "incident once its SLIs have been normal for 30 minutes, so at 2026-11-20T15:18:00Z at the earliest. Resolve "
        "then, or resolve now and record why with --early-reason TEXT\n")
    assert (repo / INCIDENT).read_bytes() == before
    # At 15:18 exactly the wait is over.
    result = cli(repo, "incident", "resolve", "INC-2026-002", "--at", "2026-11-20T15:18:00Z",
                 "--root-cause", "The gateway's TLS certificate expired")
    assert result.code == 0, result.err
    assert "Root cause: The gateway's TLS certificate expired\n" in result.out
    incident = load_repository(repo).incidents["INC-2026-002"]
    assert incident.get("root_cause") == "The gateway's TLS certificate expired"
    assert incident.get("early_resolution") is None
    assert [f for f in findings(repo) if f.path == INCIDENT and f.code == "INC007"] == []


def test_resolve_early_with_a_reason_is_recorded_and_lints_clean(repo: Path, cli) -> None:
    assert start(cli, repo, "--ic", "amara").code == 0
    assert cli(repo, "incident", "mitigate", "INC-2026-002", "--at", "2026-11-20T14:48:00Z").code == 0
    result = cli(repo, "incident", "resolve", "INC-2026-002", "--at", "2026-11-20T14:50:00Z",
                 "--early-reason", "The feature flag was deleted; the failing path no longer exists")
    assert result.code == 0, result.err
    incident = load_repository(repo).incidents["INC-2026-002"]
    assert incident.get("early_resolution") == "The feature flag was deleted; the failing path no longer exists"
    assert incident.get("timestamps", "resolved") == "2026-11-20T14:50:00Z"
    assert [f for f in findings(repo) if f.path == INCIDENT and f.code == "INC007"] == []
    # Deleting the reason by hand leaves the record as INC007 sees an early resolution.
    path = repo / INCIDENT
    path.write_text("\n".join(line for line in path.read_text().splitlines() if "early_resolution" not in line) + "\n")
    assert [f.message for f in findings(repo) if f.path == INCIDENT and f.code == "INC007"] == [
        "resolved 2 minutes after mitigation; the guide waits for SLIs to be normal for 30 minutes (resolve at "
        "2026-11-20T15:18:00Z at the earliest), or say why it was resolved sooner in early_resolution"]


def test_root_cause_from_resolution_reaches_the_postmortem_draft(repo: Path, cli) -> None:
    assert start(cli, repo, "--ic", "amara").code == 0
    assert cli(repo, "incident", "mitigate", "INC-2026-002", "--at", "2026-11-20T14:48:00Z").code == 0
    assert cli(repo, "incident", "resolve", "INC-2026-002", "--at", "2026-11-20T15:30:00Z",
               "--root-cause", "  Certificate rotation skipped the gateway  ").code == 0
    result = cli(repo, "postmortem", "new", "INC-2026-002")
    assert result.code == 0, result.err
    assert "postmortem.root_cause" not in result.out
    text = (repo / "services/payments/postmortems/INC-2026-002.yaml").read_text()
    assert ("  root_cause: Certificate rotation skipped the gateway  # as given at resolution; go below the surface "
            "cause in review\n") in text
    assert load_repository(repo).postmortems_by_incident["INC-2026-002"].get("root_cause") == \
        "Certificate rotation skipped the gateway"


def test_draft_without_a_root_cause_keeps_the_prompt(repo: Path, cli) -> None:
    assert start(cli, repo, "--ic", "amara").code == 0
    assert cli(repo, "incident", "mitigate", "INC-2026-002", "--at", "2026-11-20T14:48:00Z").code == 0
    assert cli(repo, "incident", "resolve", "INC-2026-002", "--at", "2026-11-20T15:30:00Z").code == 0
    result = cli(repo, "postmortem", "new", "INC-2026-002")
    assert result.code == 0, result.err
    assert "postmortem.root_cause" in result.out
    assert load_repository(repo).postmortems_by_incident["INC-2026-002"].get("root_cause") == \
        "TODO: why it happened, below the surface cause"
