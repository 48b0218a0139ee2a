"""An on-call rotation's latest health figures are in the critical band.

## What it checks

For every `oncall_rotation`, the `health` entry of the latest `period` (not after the
current month) is read against
the guide's on-call health table; each figure in the **critical** band is a finding:

| figure | critical when |
|---|---|
| `pages_per_shift` | above 5 |
| `off_hours_pages_per_week` | above 3 |
| `time_to_acknowledge_min` | above 15 |
| `time_to_mitigate_min` | above 60 |
| `false_positive_pct` | above 30 |
| `escalation_rate_pct` | above 40 |
| `satisfaction` | below 3 (of 5) |

## Why it matters

These are the early signs of an on-call that is burning people out or paging on noise.
Left for a quarter, they turn into missed pages, slow responses and attrition.

## Failing example

```yaml
# file: org/oncall/payments-primary.yaml
oncall_rotation:
  name: payments-primary
  team: payments
  members: [ana, bo, cy, di, ed]
  primary: [ana, bo, cy, di, ed]
  secondary: [cy, di, ed, ana, bo]
  health:
    - period: 2026-09
      pages_per_shift: 3
    - period: 2026-10
      pages_per_shift: 7
      satisfaction: 2.5
```

## Passing example

```yaml
# file: org/oncall/payments-primary.yaml
oncall_rotation:
  name: payments-primary
  team: payments
  members: [ana, bo, cy, di, ed]
  primary: [ana, bo, cy, di, ed]
  secondary: [cy, di, ed, ana, bo]
  health:
    - period: 2026-09
      pages_per_shift: 7
    - period: 2026-10
      pages_per_shift: 1.5
      satisfaction: 4.2
```

## Options

None (the bands are the guide's; the handbook renders the same table).

## How to fix

Cut noisy alerts (false positives, pages that need no action), fix what pages most,
and review the rotation's load in the weekly SRE review.

## References

- Guide, Phase 10: *On-Call Health Metrics*.
- Guide, Phase 4: *Alert Design Rules* (alert fatigue).
"""

from __future__ import annotations

from collections.abc import Iterator

from sre_docs.calc.oncall import Health
from sre_docs.lint.policy import LintRepo, Problem, problem
from sre_docs.model.oncall_figures import latest_health

ID = "ONC002"
NAME = "oncall-health-critical"
LEVEL = "warning"
OPTIONS: dict = {}


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    for rotation in repo.org_of_kind("oncall_rotation"):
        latest = latest_health(rotation, today=repo.today)
        if latest is None:
            continue
        for field, metric, value, health in latest.figures():
            if health is Health.CRITICAL:
                yield problem(rotation, "health", latest.index, field,
                              message=f"{metric.name.lower()} was {value:g} in {latest.period}: critical "
                              f"({metric.critical_text}); healthy is {metric.healthy_text}")
