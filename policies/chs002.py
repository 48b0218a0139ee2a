"""A chaos experiment is planned for a service whose error budget is not healthy.

## What it checks

For an `experiment` whose status is `planned`, `scheduled` or `running` (option
`statuses`), the service it targets (its `service`, else the folder it is filed in)
must have every SLO's error budget in the **healthy** state today: more than half of the
budget left, by the service's error budget policy.

The budget is computed from the evidence in the repo, as the handbook and
`sre-docs budget` compute it: measurement rows when they cover the window, otherwise
the incidents that spent the SLO's budget. An SLO with no evidence at all is not judged.

## Why it matters

The default error budget policy allows chaos experiments only while the budget is
healthy. Injecting faults into a service that is already burning its budget spends the
rest of it on purpose, and it does so when the service is least able to absorb it.

## Failing example

```yaml
# file: sre-docs.yaml
today: 2026-11-20
# file: services/checkout/slos.yaml
slo:
  name: availability
  service: checkout
  sli: availability
  target: 99.9
  window: 28d
# file: services/checkout/incidents/INC-2026-014.yaml
incident:
  id: INC-2026-014
  title: Checkout down after deploy
  services: [checkout]
  severity: SEV1
  status: resolve
  timestamps:
    started: 2026-11-12T14:00:00Z
    mitigated: 2026-11-12T14:30:00Z
    resolved: 2026-11-12T15:00:00Z
  impact:
    function: core_down
    users: all_users
    slo: availability
# file: services/checkout/experiments/pod-kill.yaml
experiment:
  name: checkout-pod-kill
  hypothesis: When a checkout pod dies, the load balancer will route around it within 10 s
  status: scheduled
  scheduled: 2026-11-25
```

## Passing example

```yaml
# file: sre-docs.yaml
today: 2026-11-20
# file: services/checkout/slos.yaml
slo:
  name: availability
  service: checkout
  sli: availability
  target: 99.9
  window: 28d
# file: services/checkout/incidents/INC-2026-014.yaml
incident:
  id: INC-2026-014
  title: Checkout slow for a few users
  services: [checkout]
  severity: SEV3
  status: resolve
  timestamps:
    started: 2026-11-12T14:00:00Z
    mitigated: 2026-11-12T14:30:00Z
    resolved: 2026-11-12T15:00:00Z
  impact:
    function: degraded
    users: lt_25pct
    users_pct: 5
    slo: availability
# file: services/checkout/experiments/pod-kill.yaml
experiment:
  name: checkout-pod-kill
  hypothesis: When a checkout pod dies, the load balancer will route around it within 10 s
  status: scheduled
  scheduled: 2026-11-25
```

## Options

- `statuses` (list, default `[planned, scheduled, running]`): experiment statuses that
  count as upcoming.

## How to fix

Postpone the experiment until the budget is healthy again, or run it in staging.

## References

- Guide, Phase 3: *Error Budget Policy* (healthy: chaos experiments allowed; warning:
  no chaos experiments).
- Guide, Phase 7: *Chaos Experiment Template*.
"""

from __future__ import annotations

from collections.abc import Iterator

from sre_docs.lint.policy import LintRepo, Option, Problem, problem
from sre_docs.policies._common import all_of_kind, budget_today
from sre_docs.schemas.vocabulary import EXPERIMENT_STATUSES

ID = "CHS002"
NAME = "chaos-on-unhealthy-budget"
LEVEL = "error"
OPTIONS = {
    "statuses": Option(["planned", "scheduled", "running"], "Statuses that count as upcoming.",
                       choices=EXPERIMENT_STATUSES),
}


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    statuses = set(options["statuses"])
    verdicts: dict[str, list[tuple[str, str]]] = {}  # service -> [(slo, state)] not healthy
    for experiment in all_of_kind(repo, "experiment"):
        if experiment.get("status") not in statuses:
            continue
        name = experiment.get("service") or experiment.service
        service = repo.services.get(name) if isinstance(name, str) else None
        if service is None or not isinstance(name, str):
            continue
        if name not in verdicts:
            verdicts[name] = []
            for slo in service.slos:
                budget = budget_today(repo, service, slo)
                if budget is not None and budget.allows_chaos is False:
                    verdicts[name].append((budget.slo, budget.state_label or "unknown"))
        for slo_name, state in verdicts[name]:
            yield problem(experiment, "status", message=f"experiment is {experiment.get('status')} but the error "
                          f"budget of {name}/{slo_name} is {state}; the budget policy allows chaos experiments "
                          "only while it is healthy and not at risk")
