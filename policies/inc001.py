"""An incident's severity is milder than its recorded impact calls for.

## What it checks

For an `incident` with an `impact` block, the severity matrix (what broke x how many
users) and the auto-escalation rules (data loss or a PII breach: SEV1 at least; revenue
impact: SEV2 at least; an imminent SLA breach: one level up) give a severity. The
recorded `severity` must be at least that severe. A more severe recorded severity
passes: the incident commander may always escalate (turn `allow_more_severe` off to
require an exact match).

It also checks that `impact.users` agrees with `impact.users_pct` when both are given
(below 25% is `lt_25pct`, 25% or more `gt_25pct`, 100% `all_users`).

## Why it matters

Severity decides who is woken up, how often stakeholders hear from the incident
commander and whether a postmortem is due. An incident recorded a level too low gets
less attention than it needs, and the monthly report undercounts serious incidents.

## Failing example

```yaml
# file: services/checkout/incidents/INC-2026-014.yaml
incident:
  id: INC-2026-014
  title: Checkout slow for a third of users
  services: [checkout]
  severity: SEV3
  status: resolve
  timestamps:
    started: 2026-11-02T14:05:00Z
  impact:
    function: degraded
    users: gt_25pct
    revenue_impact: true
```

## Passing example

```yaml
# file: services/checkout/incidents/INC-2026-014.yaml
incident:
  id: INC-2026-014
  title: Checkout slow for a third of users
  services: [checkout]
  severity: SEV2
  status: resolve
  timestamps:
    started: 2026-11-02T14:05:00Z
  impact:
    function: degraded
    users: gt_25pct
    revenue_impact: true
```

## Options

- `allow_more_severe` (true/false, default true): accept a recorded severity worse than
  the computed one.

## How to fix

Raise the severity to the one the message gives, or correct the impact if it is
recorded wrongly.

## References

- Guide, Phase 5: *Severity Classification Matrix* and its auto-escalation triggers.
"""

from __future__ import annotations

from collections.abc import Iterator

from sre_docs.calc.severity import SEVERITIES, classify_severity, severity_rank
from sre_docs.lint.policy import LintRepo, Option, Problem, problem
from sre_docs.policies._common import all_of_kind, number
from sre_docs.schemas.vocabulary import IMPACT_FUNCTIONS, IMPACT_USERS

ID = "INC001"
NAME = "incident-severity-mismatch"
LEVEL = "error"
READS = "service"
OPTIONS = {"allow_more_severe": Option(True, "Accept a recorded severity worse than the computed one.")}


def _column_for_pct(pct: float) -> str | None:
    if pct >= 100:
        return "all_users"
    if pct >= 25:
        return "gt_25pct"
    return "lt_25pct" if pct > 0 else None


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    for incident in all_of_kind(repo, "incident"):
        impact = incident.get("impact")
        severity = incident.get("severity")
        if not isinstance(impact, dict) or severity not in SEVERITIES:
            continue
        function, users = impact.get("function"), impact.get("users")
        if function not in IMPACT_FUNCTIONS or users not in IMPACT_USERS:
            continue
        pct = number(impact.get("users_pct"))
        column = _column_for_pct(pct) if pct is not None else None
        if column is not None and users != "one_user" and column != users:
            yield problem(incident, "impact", "users", message=f"impact.users is {users} but users_pct {pct:g}% "
                          f"puts it in {column}")
        decision = classify_severity(
            function=function, users=users,
            **{flag: impact.get(flag) is True for flag in ("data_loss", "pii_breach", "revenue_impact",
                                                          "sla_breach_imminent")},
        )
        computed = decision.severity
        too_mild = severity_rank(severity) > severity_rank(computed)
        too_severe = severity_rank(severity) < severity_rank(computed) and not options["allow_more_severe"]
        if too_mild or too_severe:
            yield problem(incident, "severity", message=f"recorded {severity}, but the impact calls for {computed}: "
                          + "; ".join(decision.reasons))
