"""An incident's whole life on the command line, ending in consistent incident, postmortem and budget numbers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sre_docs.model.repository import load_repository
from sre_docs.workflows.incidents import channel_name, next_incident_id

from workflow_helpers import finding_keys, findings

INCIDENT = "services/payments/incidents/INC-2026-002.yaml"


def start(cli, root: Path, *extra: str):
    return cli(root, "incident", "start", "Payments failing for card users", "--service", "payments",
               "--function", "degraded", "--users", "lt_25pct", "--revenue", "--ic", "amara", "--comms", "jonas",
               "--detection", "alert", "--alert", "payments_fast_burn", "--slo", "payments-availability",
               "--started", "2026-11-20T13:58:00Z", "--at", "2026-11-20T14:05:00Z", *extra)


def test_whole_life_of_an_incident(repo: Path, cli) -> None:
    result = start(cli, repo)
    assert result.code == 0, result.out + result.err
    assert "created services/payments/incidents/INC-2026-002.yaml: INC-2026-002 (SEV2)" in result.out
    assert "revenue_impact: Lost revenue makes it SEV2 at least" in result.out
    assert (
        "\N{LARGE RED CIRCLE} INCIDENT: Payments failing for card users\n"
        "Severity: SEV2\n"
        "Impact: Degraded performance for under 25% of users (payments)\n"
        "Status: Investigating\n"
        "IC: amara\n"
        "Channel: #inc-2026-11-20-payments-failing-for-card-users\n"
        "Next update: 14:35 UTC\n"
    ) in result.out
    assert "Payments - Investigating degraded performance" in result.out
    assert "We will post another update within 30 minutes." in result.out
    # (while it is open the incident keeps spending the budget up to "today", so BUD001 may speak up)
    assert [f for f in findings(repo) if f.path == INCIDENT] == []

    created = (repo / INCIDENT).read_bytes()
    result = cli(repo, "incident", "update", "INC-2026-002", "--status", "respond",
                 "--message", "Gateway timeouts: rolling back", "--at", "2026-11-20T14:20:00Z")
    assert result.code == 0, result.err
    updated = (repo / INCIDENT).read_bytes()
    assert updated.replace(b"  status: respond  #", b"  status: triage  #").startswith(created)  # appended, one line changed

    result = cli(repo, "incident", "mitigate", "INC-2026-002", "--at", "2026-11-20T14:40:00Z")
    assert result.code == 0, result.err
    assert "MITIGATED: Payments failing for card users" in result.out
    result = cli(repo, "incident", "resolve", "INC-2026-002", "--at", "2026-11-20T16:05:00Z",
                 "--root-cause", "A gateway client upgrade sent a header the gateway rejects")
    assert result.code == 0, result.err
    assert "\N{WHITE HEAVY CHECK MARK} RESOLVED: Payments failing for card users\nDuration: 2 hours 7 minutes\n" in result.out
    assert "spent 24.3% of the payments-availability error budget" in result.out
    assert "Postmortem: services/payments/postmortems/INC-2026-002.yaml, due 2026-11-27 (5 business days)" in result.out

    result = cli(repo, "postmortem", "new", "INC-2026-002")
    assert result.code == 0, result.out + result.err
    # The root cause given at resolution is the draft's starting point, not a TODO.
    assert "postmortem.root_cause" not in result.out and "postmortem.five_whys (10)" in result.out
    model = load_repository(repo)
    incident = model.incidents["INC-2026-002"]
    postmortem = model.postmortems_by_incident["INC-2026-002"]
    assert incident.get("status") == "review"
    assert incident.get("postmortem") == "../postmortems/INC-2026-002.yaml"
    assert model.resolve_path(incident.path, incident.get("postmortem")) == postmortem.path
    assert [u["status"] for u in incident.get("updates")] == ["triage", "respond", "mitigate", "resolve"]
    assert incident.get("timestamps") == {
        "started": "2026-11-20T13:58:00Z", "detected": "2026-11-20T14:05:00Z",
        "mitigated": "2026-11-20T14:40:00Z", "resolved": "2026-11-20T16:05:00Z",
    }
    assert incident.get("root_cause") == "A gateway client upgrade sent a header the gateway rejects"
    assert postmortem.get("root_cause") == "A gateway client upgrade sent a header the gateway rejects"
    assert postmortem.get("duration") == "2h 7m"
    assert postmortem.get("impact", "duration_minutes") == 127
    assert postmortem.get("detection", "time_to_detect_minutes") == 7
    assert postmortem.get("resolution") == {"how_resolved": "TODO: what ended it", "time_to_mitigate_minutes": 42,
                                            "time_to_resolve_minutes": 127}
    times = [event["time"] for event in postmortem.get("timeline")]
    assert times == sorted(times) and times[0] == "2026-11-20T13:58:00Z" and times[-1] == "2026-11-20T16:05:00Z"
    assert [item["id"] for item in postmortem.get("action_items")] == ["AI-001", "AI-002", "AI-003"]

    budget = json.loads(cli(repo, "budget", "payments", "--json", "--as-of", "2026-11-26T00:00:00Z").out)["slos"][0]
    # 42 minutes at full strength x 25% of users (upper bound of lt_25pct) of a 43.2-minute budget = 24.31%
    assert budget["source"] == "incidents"
    assert budget["consumed_pct"] == postmortem.get("impact", "slo_budget_consumed_pct") == 24.31
    assert budget["incidents"] == ["INC-2026-002"]
    assert findings(repo) == []


def test_incident_ids_and_channels() -> None:
    assert next_incident_id({"INC-2026-001", "INC-2026-014", "INC-2025-200"}, 2026) == "INC-2026-015"
    assert next_incident_id(set(), 2027) == "INC-2027-001"
    assert next_incident_id({"INC-2026-999"}, 2026) == "INC-2026-1000"
    import datetime as dt

    assert channel_name(dt.date(2026, 11, 2), "Checkout: 500s after deploy!!") == "#inc-2026-11-02-checkout-500s-after-deploy"


def test_severity_escalation_and_roles(repo: Path, cli) -> None:
    result = cli(repo, "incident", "start", "Ledger lost writes", "--service", "checkout", "--function", "cosmetic",
                 "--users", "one_user", "--data-loss", "--at", "2026-11-21T09:00:00+01:00")
    assert result.code == 0, result.err
    assert "INC-2026-002 (SEV1)" in result.out
    assert "IC: unassigned (name one with --ic)" in result.out
    assert "Next update: 09:15 UTC+01:00" in result.out
    text = (repo / "services/checkout/incidents/INC-2026-002.yaml").read_text()
    assert "channel: '#inc-2026-11-21-ledger-lost-writes'" in text
    assert "started: '2026-11-21T09:00:00+01:00'" in text


def test_refusals(repo: Path, cli) -> None:
    assert start(cli, repo).code == 0
    result = cli(repo, "incident", "update", "INC-2026-002", "--status", "respond", "--message", "x",
                 "--at", "2026-11-20T14:00:00Z")
    assert result.code == 2 and "before the latest update" in result.err
    result = cli(repo, "incident", "update", "INC-2026-099", "--status", "respond", "--message", "x")
    assert result.code == 2 and "no incident 'INC-2026-099'" in result.err
    assert cli(repo, "incident", "mitigate", "INC-2026-002", "--at", "2026-11-20T14:40:00Z").code == 0
    result = cli(repo, "incident", "mitigate", "INC-2026-002", "--at", "2026-11-20T14:50:00Z")
    assert result.code == 2 and "already has timestamps.mitigated" in result.err
    result = cli(repo, "incident", "resolve", "INC-2026-002", "--at", "2026-11-20T14:30:00Z")
    assert result.code == 2 and "cannot come before mitigation" in result.err
    result = cli(repo, "incident", "start", "x", "--service", "nope", "--function", "degraded", "--users", "all_users")
    assert result.code == 2 and "no service 'nope'" in result.err
    result = cli(repo, "postmortem", "new", "INC-2026-001")
    assert result.code == 2 and "already exists; use --force" in result.err


def test_incident_start_needs_values_without_a_terminal(repo: Path, cli) -> None:
    result = cli(repo, "incident", "start", "Something broke", "--service", "checkout")
    assert result.code == 2 and "--function is required" in result.err


def test_incident_life_on_the_example_repo(example: Path, cli) -> None:
    before = finding_keys(example)
    model = load_repository(example)
    service = next(name for name, svc in sorted(model.services.items()) if svc.slos)
    result = cli(example, "incident", "start", "Workflow test incident", "--service", service, "--function", "degraded",
                 "--users", "gt_25pct", "--ic", "tester", "--at", "2026-11-25T10:00:00Z")
    assert result.code in (0, 1), result.err
    incident_id = result.out.split(": ", 1)[1].split(" ", 1)[0]
    for argv in (("update", incident_id, "--status", "respond", "--message", "Looking", "--at", "2026-11-25T10:10:00Z"),
                 ("mitigate", incident_id, "--at", "2026-11-25T10:30:00Z"),
                 ("resolve", incident_id, "--at", "2026-11-25T11:00:00Z")):
        outcome = cli(example, "incident", *argv)
        assert outcome.code in (0, 1), outcome.err
    outcome = cli(example, "postmortem", "new", incident_id)
    assert outcome.code in (0, 1), outcome.err
    new = finding_keys(example) - before
    assert not [key for key in new if incident_id in key[1]], new  # nothing wrong with what the workflow wrote


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_updates_keep_a_hand_written_incident_byte_identical(repo: Path, cli, newline: str) -> None:
    path = repo / "services/checkout/incidents/INC-2026-001.yaml"
    original = path.read_text().replace("\n", newline).replace("status: review", "status: respond  # still open")
    original = original.replace("    resolved: 2026-10-12T12:00:00Z" + newline, "")
    path.write_bytes(original.encode())
    result = cli(repo, "incident", "resolve", "INC-2026-001", "--at", "2026-10-12T12:30:00Z", "--message", "All clear")
    assert result.code == 0, result.out + result.err
    after = path.read_bytes().decode()
    expected = original.replace("status: respond  # still open", "status: resolve  # still open")
    expected = expected.replace("    mitigated: 2026-10-12T10:30:00Z" + newline,
                                "    mitigated: 2026-10-12T10:30:00Z" + newline + "    resolved: '2026-10-12T12:30:00Z'" + newline)
    expected = expected.replace("      message: Rolled back; errors back to normal." + newline,
                                "      message: Rolled back; errors back to normal." + newline
                                + "    - time: '2026-10-12T12:30:00Z'" + newline + "      status: resolve" + newline
                                + "      message: All clear" + newline)
    assert after == expected


def test_postmortem_timeline_with_two_updates_in_the_same_second() -> None:
    """Found by the README walk-through on a fast machine: `incident update --status mitigate` and
    `incident mitigate` in the same second posted two mitigate updates at the mitigated moment, and the
    postmortem's timeline raised StopIteration. The first is merged into the step's line, the second
    stays an update line."""
    import datetime as dt

    from sre_docs.workflows.postmortem import timeline

    at = "2026-11-26T10:05:00Z"
    body = {"timestamps": {"started": "2026-11-26T10:00:00Z", "mitigated": at},
            "updates": [{"time": at, "status": "mitigate", "message": "Rolled back gateway client 4.2"},
                        {"time": at, "status": "mitigate", "message": "Impact mitigated"}]}
    moment = dt.datetime(2026, 11, 26, 10, 5, tzinfo=dt.timezone.utc)
    assert timeline(body)[1:] == [(moment, "Impact mitigated: Rolled back gateway client 4.2"),
                                  (moment, "Update (mitigate): Impact mitigated")]
