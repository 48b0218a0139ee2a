"""Measurement rows that cannot be right, or that belong to no SLO.

## What it checks

In every `measurements` document:

- `slo` names an SLO of the same service;
- in each row `[start, good, total]`, `good` is not greater than `total`;
- the start fits the `resolution`: a date for `1d` rows, a timestamp for `1h` rows;
- no two rows start at the same moment (for the same SLO, across its documents).

## Why it matters

Measurements are the evidence behind the error budget: the handbook, the budget command
and the budget policies compute the remaining budget from them. A row with more good
events than events, or one counted twice, makes a burning budget look healthy.

## Failing example

```yaml
# file: services/checkout/slos.yaml
slo:
  service: checkout
  sli: availability
  target: 99.9
  window: 28d
# file: services/checkout/measurements/2026-11.yaml
measurements:
  slo: availability
  resolution: 1d
  points:
    - [2026-11-01, 1203500, 1203400]
```

## Passing example

```yaml
# file: services/checkout/slos.yaml
slo:
  service: checkout
  sli: availability
  target: 99.9
  window: 28d
# file: services/checkout/measurements/2026-11.yaml
measurements:
  slo: availability
  resolution: 1d
  points:
    - [2026-11-01, 1203344, 1203400]
    - [2026-11-02, 1187002, 1187100]
```

## Options

None.

## How to fix

Fix the export that produced the rows (good and total swapped, a bucket exported twice,
hourly rows filed as daily), or point `slo` at the right SLO.

## References

- Repository kinds: `measurements` (rows `[start, good, total]`).
- Guide, Phase 2: *SLI Specification Template* (good events over total events).
"""

from __future__ import annotations

from collections.abc import Iterator

from sre_docs.model.repository import Document
from sre_docs.lint.policy import LintRepo, Problem, problem
from sre_docs.policies._common import listed, suggest
from sre_docs.schemas.types import parse_date, parse_timestamp

ID = "SLO007"
NAME = "measurements-invalid"
LEVEL = "error"
READS = "service"
OPTIONS: dict = {}


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    for name, service in repo.services.items():
        slos = {n for n in (service.slo_name(d) for d in service.slos) if isinstance(n, str)}
        seen: dict[tuple[str, str], tuple[Document, int]] = {}
        for doc in service.measurements:
            slo = doc.get("slo")
            if isinstance(slo, str) and slo not in slos:
                yield problem(doc, "slo", message=f"measurements for {slo!r}, which is not an SLO of "
                              f"services/{name}/{suggest(slo, slos)}")
            resolution = doc.get("resolution")
            for index, row in enumerate(listed(doc.get("points"))):
                if not isinstance(row, list) or len(row) != 3:
                    continue
                start, good, total = row
                if isinstance(good, int) and isinstance(total, int) and good > total:
                    yield problem(doc, "points", index, 1,
                                  message=f"row {start}: {good} good events is more than the {total} counted")
                if isinstance(start, str):
                    yield from _start_checks(doc, index, start, resolution, slo, seen)


def _start_checks(doc, index: int, start: str, resolution, slo, seen: dict) -> Iterator[Problem]:
    if resolution == "1d" and parse_date(start) is None and parse_timestamp(start) is not None:
        yield problem(doc, "points", index, 0, message=f"row {start}: daily rows start at a date (YYYY-MM-DD)")
    elif resolution == "1h" and parse_timestamp(start) is None and parse_date(start) is not None:
        yield problem(doc, "points", index, 0, message=f"row {start}: hourly rows start at a timestamp with a "
                      "timezone (YYYY-MM-DDTHH:MM:SSZ)")
    key = (str(slo), start)
    if key in seen:
        earlier, row = seen[key]
        yield problem(doc, "points", index, 0, message=f"row {start} is counted twice (also in "
                      f"{earlier.path}:{earlier.locate('points', row, 0)[0]})")
    else:
        seen[key] = (doc, index)  # located only for a message: positions stay packed until then
