"""An SLO names an SLI that its service does not define.

## What it checks

The `sli` of every `slo` must be the `name` of an `sli` document in the same service
folder.

## Why it matters

The SLI says what is measured (which events are good, which are counted); without it
the SLO's target is a number about nothing, and its budget cannot be computed.

## Failing example

```yaml
# file: services/checkout/slis.yaml
sli:
  name: availability
  type: availability
# file: services/checkout/slos.yaml
slo:
  service: checkout
  sli: availabilty
  target: 99.9
  window: 28d
```

## Passing example

```yaml
# file: services/checkout/slis.yaml
sli:
  name: availability
  type: availability
# file: services/checkout/slos.yaml
slo:
  service: checkout
  sli: availability
  target: 99.9
  window: 28d
```

## Options

None.

## How to fix

Correct the name (the message suggests the closest SLI) or add the SLI document.

## References

- Guide, Phase 2: *SLI Specification Template* and *SLO Document Template*.
"""

from __future__ import annotations

from collections.abc import Iterator

from sre_docs.lint.policy import LintRepo, Problem, problem
from sre_docs.policies._common import suggest

ID = "SLO003"
NAME = "slo-unknown-sli"
LEVEL = "error"
READS = "service"
OPTIONS: dict = {}


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    for name, service in repo.services.items():
        slis = {d.get("name") for d in service.slis if isinstance(d.get("name"), str)}
        for slo in service.slos:
            sli = slo.get("sli")
            if isinstance(sli, str) and sli not in slis:
                yield problem(slo, "sli", message=f"SLI {sli!r} is not defined in services/{name}/"
                              f"{suggest(sli, slis)}")
