"""A chaos experiment: a hypothesis about a fault, tested safely and written up.

It states what steady state looks like, which fault is injected where, the conditions
that abort it and how to roll back, and afterwards what was learnt.
"""

from sre_docs.schemas.fields import (
    enum, fixed_keys, flag, formatted, identifier, list_of, mapping, record, text, texts,
)
from sre_docs.schemas.vocabulary import (
    CHAOS_EXPERIMENTS, EXPERIMENT_ENVIRONMENTS, EXPERIMENT_OUTCOMES, EXPERIMENT_STATUSES, FAULT_TYPES, GAME_DAY_CHECKLIST,
)

KIND = "experiment"
SCOPE = "service"
SCHEMA = {
    "name": identifier("Name of the experiment, unique in its service.", required=True),
    "hypothesis": text("When <fault>, the system will <expected behaviour>.", required=True),
    "service": identifier("The service under test (its folder name)."),
    "status": enum(EXPERIMENT_STATUSES, "Where the experiment stands."),
    "scheduled": formatted("date", "The day it is planned for."),
    "run_date": formatted("date", "The day it actually ran."),
    "environment": enum(EXPERIMENT_ENVIRONMENTS, "Where it runs."),
    "automated": flag("It runs on a schedule without people (continuous chaos)."),
    "steady_state": mapping({
        "metrics": list_of(record({
            "name": text("The metric watched.", required=True),
            "baseline": text("Its normal value."),
            "acceptable_range": text("The range it may move in during the experiment."),
        }), "Metrics that define normal."),
    }, "What normal looks like, so a deviation can be seen."),
    "method": mapping({
        "fault_type": enum(FAULT_TYPES, "The kind of fault injected.", required=True),
        "experiment": enum(CHAOS_EXPERIMENTS, "The experiment of the guide's library it runs, if any."),
        "target": text("The service or component hit."),
        "blast_radius": text("How much is exposed (one pod, one zone, a share of traffic)."),
        "duration": formatted("duration", "How long the fault lasts."),
    }, "The fault and where it is injected."),
    "safety": mapping({
        "abort_conditions": texts("Conditions that stop the experiment at once."),
        "rollback_plan": text("How the fault is removed."),
        "required_approvals": texts("Who must approve before it runs."),
    }, "What keeps the experiment from becoming an incident."),
    "game_day": mapping({
        phase: fixed_keys(tuple(item for item, _ in items), flag("Done (true) or not yet (false)."),
                          f"The game day runbook's {phase} checklist: each item's id and whether it is done.")
        for phase, items in GAME_DAY_CHECKLIST.items()
    }, "The game day runbook's checklists (pre, during, post), ticked off as the game day goes."),
    "results": mapping({
        "outcome": enum(EXPERIMENT_OUTCOMES, "Whether the hypothesis held."),
        "observations": texts("What was seen."),
        "action_items": texts("Follow-up work."),
    }, "What was learnt."),
}
EXAMPLE = """\
experiment:
  name: gateway-latency
  hypothesis: When the payment gateway answers 500 ms slower, checkout keeps its latency SLO by timing out and retrying.
  service: checkout
  status: completed
  scheduled: 2026-10-20
  run_date: 2026-10-20
  environment: staging
  automated: false
  steady_state:
    metrics:
      - name: checkout p99 latency
        baseline: 420 ms
        acceptable_range: below 800 ms
  method:
    fault_type: dependency
    experiment: dependency-outage
    target: payment-gateway
    blast_radius: all staging traffic
    duration: 30m
  safety:
    abort_conditions:
      - Burn rate above 10x
      - An alert fires that we did not expect
    rollback_plan: Remove the latency rule from the service mesh
    required_approvals: [payments lead]
  game_day:
    pre: {designed-and-reviewed: true, steady-state-identified: true, abort-conditions-defined: true, participants-briefed: true, rollback-tested: true, stakeholders-notified: true}
    during: {steady-state-verified: true, announced: true, fault-injected: true, observed-and-documented: true, abort-watched: true, planned-duration: true, fault-removed: true, recovery-verified: true}
    post: {results-documented: true, surprises-noted: true, action-items-created: true, findings-shared: true}
  results:
    outcome: disproved
    observations:
      - The client timeout is 2 s, so p99 rose to 1.9 s
    action_items:
      - Lower the gateway client timeout to 600 ms
"""
