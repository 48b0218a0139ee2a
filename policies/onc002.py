"""An on-call rotation's latest health figures are in the critical band.

## What it checks

For every `oncall_rotation`, the `health` entry of the latest `period` is read against
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

from sre_docs.calc.oncall import Health, oncall_metric
from sre_docs.lint.policy import LintRepo, Problem, problem
from sre_docs.schemas.oncall_rotation import HEALTH_METRICS
from sre_docs.policies._common import listed, number

ID = "ONC002"
NAME = "oncall-health-critical"
LEVEL = "warning"
OPTIONS: dict = {}

#: Rotation field -> metric id of sre_docs.calc.oncall (owned by the schema).
FIELDS = HEALTH_METRICS


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    for rotation in repo.org_of_kind("oncall_rotation"):
        entries = [(i, e) for i, e in enumerate(listed(rotation.get("health")))
                   if isinstance(e, dict) and isinstance(e.get("period"), str)]
        if not entries:
            continue
        index, latest = max(entries, key=lambda item: item[1]["period"])
        for field, metric_id in FIELDS.items():
            value = number(latest.get(field))
            if value is None:
                continue
            metric = oncall_metric(metric_id)
            if metric.classify(value) is Health.CRITICAL:
                yield problem(rotation, "health", index, field,
                              message=f"{metric.name.lower()} was {value:g} in {latest['period']}: critical "
                              f"({metric.critical_text}); healthy is {metric.healthy_text}")
