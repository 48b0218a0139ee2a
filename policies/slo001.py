"""An SLO is not stricter than the SLA it backs.

## What it checks

When an `slo` states an `sla` (the external commitment), its `target` must sit above
it, with room to spare:

- target at or below the SLA: reported at the policy's level (error by default);
- target above the SLA by less than `min_buffer_points` percentage points (0.1 by
  default): reported as a **warning**.

The two grades are one policy. The milder grade carries a severity *hint*: the engine
uses it as long as the configuration leaves SLO001's `level` alone; a configured `level`
applies to both grades.

## Why it matters

The SLO is the internal alarm that rings before the customer contract is broken. If it
equals the SLA, the budget runs out at the same moment the company owes credits; a
buffer of 0.1 to 0.5 points leaves time to react.

## Failing example

```yaml
# file: services/checkout/slos.yaml
slo:
  service: checkout
  sli: availability
  target: 99.9
  sla: 99.9
  window: 28d
```

## Passing example

```yaml
# file: services/checkout/slos.yaml
slo:
  service: checkout
  sli: availability
  target: 99.95
  sla: 99.8
  window: 28d
```

## Options

- `min_buffer_points` (number, default 0.1): smallest comfortable gap between target
  and SLA, in percentage points; a smaller positive gap is a warning.

## How to fix

Raise the SLO target (and check the service can meet it), or negotiate a lower SLA.

## References

- Guide, Phase 2: *SLO Target Selection Guide*, rules for setting targets (SLO < SLA,
  keep a 0.1-0.5% margin).
"""

from __future__ import annotations

from collections.abc import Iterator

from sre_docs.findings import Severity
from sre_docs.lint.policy import LintRepo, Option, Problem, problem
from sre_docs.policies._common import exact, number

ID = "SLO001"
NAME = "slo-not-above-sla"
LEVEL = "error"
READS = "service"
OPTIONS = {
    "min_buffer_points": Option(0.1, "Smallest comfortable gap between target and SLA, in percentage points.",
                                minimum=0.0, maximum=100.0),
}


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    want = exact(float(options["min_buffer_points"]))
    for service in repo.services.values():
        for slo in service.slos:
            target, sla = number(slo.get("target")), number(slo.get("sla"))
            if target is None or sla is None:
                continue
            buffer = exact(target) - exact(sla)
            if buffer <= 0:
                yield problem(slo, "target", message=f"SLO target {target:g}% is not above its SLA of {sla:g}%; "
                              "the error budget would run out only when the contract is already broken")
            elif buffer < want:
                yield problem(slo, "target", hint=Severity.WARNING,
                              message=f"SLO target {target:g}% is only {buffer} points above its SLA of {sla:g}%; "
                              f"keep at least {want} points of buffer")
