"""`chaos plan --experiment`: the guide's 12 experiments, their documents, and the game day checklists (CHS003)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from sre_docs.schemas.vocabulary import CHAOS_EXPERIMENTS, FAULT_TYPES, GAME_DAY_CHECKLIST
from sre_docs.workflows.chaos import CHAOS_LIBRARY, TEMPLATE_ABORT_CONDITIONS, library_experiment
from sre_docs.workflows.common import WorkflowError
from workflow_helpers import findings

AS_OF = ("--as-of", "2026-11-26T00:00:00Z")

#: The guide's experiment library, row by row: (category, experiment, validates).
GUIDE_LIBRARY = [
    ("network", "Add 200ms latency to DB calls", "Timeout handling, circuit breakers"),
    ("network", "Drop 5% of packets to downstream", "Retry logic, error handling"),
    ("network", "DNS resolution failure", "Caching, fallback, error messages"),
    ("compute", "Kill random pod every 10 min", "Auto-restart, load balancing"),
    ("compute", "CPU stress to 95% on 1 node", "Auto-scaling, graceful degradation"),
    ("compute", "Fill disk to 95%", "Disk monitoring, log rotation, alerts"),
    ("storage", "Increase DB latency 5x", "Connection pool handling, timeouts"),
    ("storage", "Simulate cache failure (Redis down)", "Cache-aside pattern, DB fallback"),
    ("dependency", "Block external API (payment provider)", "Circuit breaker, queuing, retry"),
    ("dependency", "Return 429s from auth service", "Rate limit handling, backoff"),
    ("data", "Clock skew on subset of nodes", "Timestamp handling, ordering"),
    ("scale", "10x traffic spike over 5 minutes", "Auto-scaling speed, queue depth"),
]


def test_the_library_is_the_guides_twelve_rows() -> None:
    assert [(e.fault, e.experiment, e.validates) for e in CHAOS_LIBRARY] == GUIDE_LIBRARY
    assert tuple(e.key for e in CHAOS_LIBRARY) == CHAOS_EXPERIMENTS
    assert all(e.hypothesis.startswith("When ") and ", " in e.hypothesis and " will " in e.hypothesis
               for e in CHAOS_LIBRARY)
    assert all(e.abort and e.rollback for e in CHAOS_LIBRARY)


def test_the_game_day_lists_are_the_guides() -> None:
    # PRE-GAME 6 items, GAME DAY 8, POST-GAME 4
    assert {phase: len(items) for phase, items in GAME_DAY_CHECKLIST.items()} == {"pre": 6, "during": 8, "post": 4}
    assert GAME_DAY_CHECKLIST["during"][0][1] == "Verify steady state (15 min baseline)"


def test_fault_alone_picks_the_first_of_its_kind_and_both_must_agree() -> None:
    assert [library_experiment(fault=f).key for f in FAULT_TYPES] == [
        "db-latency", "pod-kill", "db-slowdown", "dependency-outage", "clock-skew", "traffic-spike"]
    assert library_experiment(fault="compute", experiment="disk-fill").key == "disk-fill"
    with pytest.raises(WorkflowError, match="experiment disk-fill is a compute fault, not network"):
        library_experiment(fault="network", experiment="disk-fill")
    with pytest.raises(WorkflowError, match="experiment 'disk-full' is not one of db-latency, packet-drop"):
        library_experiment(experiment="disk-full")
    with pytest.raises(WorkflowError, match="fault 'memory' is not one of network"):
        library_experiment(fault="memory")


NEW = {
    # experiment: (fault, words of the hypothesis, its own abort conditions, words of the rollback)
    "packet-drop": ("network", "When 5% of the packets from checkout to its downstream dependencies are dropped, "
                    "checkout will retry", ("Retries more than double the request rate to its downstream dependencies "
                    "(a retry storm)",), "Remove the packet-loss rule"),
    "dns-failure": ("network", "When DNS lookups from checkout for the names it resolves fail, checkout will keep "
                    "serving from cached addresses", ("Requests fail with unhandled DNS errors (5xx to users or stack "
                    "traces in the logs)",), "Restore the resolver configuration"),
    "cpu-stress": ("compute", "When CPU on one checkout node is held at 95%, checkout will move load",
                   ("p99 latency above the SLO threshold for 5 minutes",
                    "No capacity added by auto-scaling within 10 minutes"), "Kill the CPU stress process"),
    "disk-fill": ("compute", "When the disk of one checkout node's data volume fills to 95%, checkout will raise its "
                  "disk alert", ("Disk usage above 98%", "Writes fail or the node starts evicting pods"), "Delete the filler file"),
    "cache-failure": ("storage", "When its Redis cache is down, checkout will read through to the database",
                      ("Database CPU or connections above 90%",), "Bring Redis back"),
    "dependency-429": ("dependency", "When its auth service answers with HTTP 429 Too Many Requests, checkout will "
                       "back off exponentially", ("Requests to its auth service grow instead of falling (a retry "
                       "storm)", "Users are logged out or refused"), "Remove the 429 fault rule"),
}


@pytest.mark.parametrize("key", sorted(NEW))
def test_chaos_plan_writes_each_new_experiment(repo: Path, cli, key: str) -> None:
    fault, hypothesis, abort, rollback = NEW[key]
    result = cli(repo, "chaos", "plan", "checkout", "--experiment", key, "--date", "2026-12-01", *AS_OF)
    assert result.code == 0, result.out + result.err
    path = f"services/checkout/experiments/checkout-{key}-2026-12-01.yaml"
    assert f"created {path}: experiment checkout-{key}-2026-12-01 ({key}, a {fault} fault, staging)" in result.out
    body = yaml.safe_load((repo / path).read_text())["experiment"]
    assert body["hypothesis"].startswith(hypothesis)
    assert body["method"]["fault_type"] == fault and body["method"]["experiment"] == key
    assert body["safety"]["abort_conditions"] == [*TEMPLATE_ABORT_CONDITIONS, *abort]
    assert body["safety"]["rollback_plan"].startswith(rollback)
    assert body["game_day"] == {phase: {item: False for item, _ in items} for phase, items in GAME_DAY_CHECKLIST.items()}
    assert findings(repo) == []  # planned: the checklist is still to do, and that is fine


def test_a_completed_game_day_with_the_planned_checklist_fails_chs003(repo: Path, cli) -> None:
    assert cli(repo, "chaos", "plan", "checkout", "--experiment", "cache-failure", "--name", "cache-day", *AS_OF).code == 0
    path = repo / "services/checkout/experiments/cache-day.yaml"
    path.write_text(path.read_text().replace("status: planned", "status: completed"))
    assert [f"{f.code} {f.message}" for f in findings(repo)] == [
        "CHS003 game day 'cache-day' is completed with 6 of 6 pre items not done: designed-and-reviewed, "
        "steady-state-identified, abort-conditions-defined, participants-briefed, rollback-tested, stakeholders-notified",
        "CHS003 game day 'cache-day' is completed with 8 of 8 during items not done: steady-state-verified, announced, "
        "fault-injected, observed-and-documented, abort-watched, planned-duration, fault-removed, recovery-verified",
        "CHS003 game day 'cache-day' is completed with 4 of 4 post items not done: results-documented, "
        "surprises-noted, action-items-created, findings-shared",
    ]


def test_chaos_plan_needs_an_experiment_or_a_fault(repo: Path, cli) -> None:
    result = cli(repo, "chaos", "plan", "checkout", *AS_OF)
    assert result.code == 2
    assert "say what to inject: --experiment NAME (see `sre-docs chaos library`) or --fault KIND" in result.err
    result = cli(repo, "chaos", "plan", "checkout", "--fault", "network", "--experiment", "disk-fill", *AS_OF)
    assert result.code == 2 and "experiment disk-fill is a compute fault, not network" in result.err


def test_chaos_library_lists_the_twelve(cli) -> None:
    result = cli(None, "chaos", "library", root_flag=False)
    assert result.code == 0
    lines = result.out.splitlines()
    assert len(lines) == 2 + 12
    assert lines[0].split() == ["experiment", "fault", "what", "it", "does", "validates"]
    assert lines[4].split()[:2] == ["dns-failure", "network"]
