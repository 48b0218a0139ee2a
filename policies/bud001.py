"""An SLO's error budget is critical or exhausted.

## What it checks

For every `slo`, the error budget is computed from the evidence in the repo (measurement
rows when they cover the window, otherwise the incidents that spent this SLO's budget),
as of today, with the thresholds of the service's error budget policy (its own, else the
organisation's default in `org/`, else the guide's). A budget in the **critical** (less
than 25% left) or **exhausted** state is a finding, and the message lists what the
policy asks the team to do in that state.

"Today" is the real date unless the configuration (`today:`) or the `SRE_DOCS_TODAY`
environment variable pins it, and the budget is evaluated at its start (00:00 UTC, the end
of the last complete day), as `sre-docs budget` and the handbook evaluate it.

## Why it matters

An error budget only works if running out of it changes behaviour: feature freeze,
SRE sign-off on deployments, a postmortem for the exhaustion. Surfacing the state on
every pull request is how the policy reaches the people about to deploy.

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
    mitigated: 2026-11-12T14:45:00Z
    resolved: 2026-11-12T15:00:00Z
  impact:
    function: core_down
    users: all_users
    slo: availability
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
  title: Checkout down after deploy
  services: [checkout]
  severity: SEV1
  status: resolve
  timestamps:
    started: 2026-11-12T14:00:00Z
    mitigated: 2026-11-12T14:10:00Z
    resolved: 2026-11-12T15:00:00Z
  impact:
    function: core_down
    users: all_users
    slo: availability
```

A budget in any state whose current burn rate would spend what is left before the window
turns over is **at risk**: that is reported too, as a warning, with the burn rate and the
projected exhaustion (the same sentence `sre-docs budget` prints and the handbook shows).

## Options

- `states` (list, default `[critical, exhausted]`): budget states to report.
- `at_risk` (boolean, default `true`): also warn about budgets at risk.

## How to fix

Follow the actions the message lists. The finding clears once the budget recovers (for
an exhausted budget, back to the policy's freeze release point, 10% by default).

## References

- Guide, Phase 3: *Error Budget Policy* and *Error Budget Dashboard*.
"""

from __future__ import annotations

from collections.abc import Iterator

from sre_docs.findings import Severity
from sre_docs.lint.policy import LintRepo, Option, Problem, problem
from sre_docs.policies._common import budget_today
from sre_docs.schemas.vocabulary import BUDGET_STATES

ID = "BUD001"
NAME = "error-budget-low"
LEVEL = "error"
READS = "service"
OPTIONS = {
    "states": Option(["critical", "exhausted"], "Budget states to report.", choices=BUDGET_STATES),
    "at_risk": Option(True, "Also warn about budgets whose current burn runs out inside the window."),
}


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    states = set(options["states"])
    for service in repo.services.values():
        for slo in service.slos:
            budget = budget_today(repo, service, slo)
            if budget is None or budget.state is None:
                continue
            if budget.state in states:
                actions = "; ".join(budget.actions) or "see the error budget policy"
                yield problem(slo, "target", message=f"error budget of SLO {budget.slo} is {budget.state_label}; the "
                              f"policy asks: {actions}")
            elif options["at_risk"] and budget.at_risk:
                yield problem(slo, "target", message=f"error budget of SLO {budget.slo} is {budget.state_label}: "
                              f"{budget.at_risk_note()}", hint=Severity.WARNING)
