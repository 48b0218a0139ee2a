"""An incident was resolved less than 30 minutes after its impact was mitigated.

## What it checks

For an `incident` with both `timestamps.mitigated` and `timestamps.resolved`, the
resolution must come at least `verification_minutes` (30 by default) after the
mitigation: the guide resolves an incident only once its SLIs have been back to normal
for 30 minutes or more. An incident that records why it was resolved sooner, in
`early_resolution` (what `sre-docs incident resolve --early-reason` writes), passes.

An incident without a mitigation timestamp is not checked: there is no moment to count
the verification from. A resolution before the mitigation is INC002's finding, not this
one's.

## Why it matters

Mitigated is not resolved. A fix that held for two minutes may not hold for thirty;
resolving early stops the check-ins, closes the channel and starts the postmortem clock
while users may still be hurt. `sre-docs incident resolve` refuses an early resolution
unless a reason is given; this check catches records written by hand.

## Failing example

```yaml
# file: services/checkout/incidents/INC-2026-014.yaml
incident:
  id: INC-2026-014
  title: Checkout errors after deploy
  services: [checkout]
  severity: SEV2
  status: resolve
  timestamps:
    started: 2026-11-02T14:05:00Z
    mitigated: 2026-11-02T14:48:00Z
    resolved: 2026-11-02T14:50:00Z
```

## Passing example

```yaml
# file: services/checkout/incidents/INC-2026-014.yaml
incident:
  id: INC-2026-014
  title: Checkout errors after deploy
  services: [checkout]
  severity: SEV2
  status: resolve
  timestamps:
    started: 2026-11-02T14:05:00Z
    mitigated: 2026-11-02T14:48:00Z
    resolved: 2026-11-02T15:18:00Z
```

## Options

- `verification_minutes` (number, default 30): how long SLIs must have been normal after
  mitigation before the incident is resolved.

## How to fix

Correct the resolution time if it is wrong. If the incident really was resolved early
(the cause was removed, say, and the SLIs could not stay abnormal), say why in
`early_resolution`.

## References

- Guide, Phase 5: *Incident Response Workflow*, step 5 (resolve: "SLIs back to normal
  for 30+ minutes").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from sre_docs.calc.incident_response import SLI_VERIFICATION, earliest_resolution, verification_shortfall
from sre_docs.lint.policy import LintRepo, Option, Problem, problem
from sre_docs.model.incident_roles import named
from sre_docs.policies._common import all_of_kind, instant

ID = "INC007"
NAME = "resolved-before-verification"
LEVEL = "error"
OPTIONS = {
    "verification_minutes": Option(SLI_VERIFICATION.total_seconds() / 60,
                                   "Minutes SLIs must be normal after mitigation before resolving.", minimum=0.0),
}


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    period = dt.timedelta(minutes=options["verification_minutes"])
    for incident in all_of_kind(repo, "incident"):
        mitigated = instant(incident.get("timestamps", "mitigated"))
        resolved = instant(incident.get("timestamps", "resolved"))
        if mitigated is None or resolved is None or resolved < mitigated:
            continue
        if verification_shortfall(mitigated, resolved, period=period) is None or named(
                incident.get("early_resolution")):
            continue
        waited = (resolved - mitigated).total_seconds() / 60
        earliest = earliest_resolution(mitigated, period=period)
        yield problem(incident, "timestamps", "resolved", message=(
            f"resolved {waited:g} minutes after mitigation; the guide waits for SLIs to be normal for "
            f"{period.total_seconds() / 60:g} minutes (resolve at {_stamp(earliest)} at the earliest), "
            "or say why it was resolved sooner in early_resolution"))


def _stamp(moment: dt.datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")
