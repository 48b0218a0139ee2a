"""An incident's timestamps are out of order, or dated after today.

## What it checks

The moments recorded under `timestamps` must follow the incident workflow: started, then
detected, acknowledged, mitigated and resolved (each one that is present no earlier than
the ones before it). Status `updates` must be in time order and none may come before the
incident started.

No timestamp or update may be dated after "today": the real date, or the one pinned by
`today:` in `sre-docs.yaml` or `$SRE_DOCS_TODAY`, the same day every command uses
(`incident start` and `oncall handoff` stamp their records with it too). An incident from
the future spends no budget until its day comes, so the budget would look healthier than
the record says.

## Why it matters

Time to detect, acknowledge, mitigate and resolve are computed from these moments; the
monthly report averages them into MTTD and MTTR. One swapped timestamp (often a time
zone written wrongly) produces a negative duration and skews every average it joins.

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
    detected: 2026-11-02T14:09:00Z
    mitigated: 2026-11-02T14:31:00+02:00
    resolved: 2026-11-02T15:40:00Z
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
    detected: 2026-11-02T14:09:00Z
    mitigated: 2026-11-02T14:31:00Z
    resolved: 2026-11-02T15:40:00Z
```

## Options

None.

## How to fix

Correct the timestamp the message points at; check its time zone first.

## References

- Guide, Phase 5: *Incident Response Workflow* (detect, triage, respond, mitigate,
  resolve, review).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from sre_docs.lint.policy import LintRepo, Problem, problem
from sre_docs.policies._common import all_of_kind, instant, listed

ID = "INC002"
NAME = "incident-timestamps-order"
LEVEL = "error"
READS = "service"
OPTIONS: dict = {}

#: The order of sre_docs.calc.timing's reference points.
ORDER = ("started", "detected", "acknowledged", "mitigated", "resolved")


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    for incident in all_of_kind(repo, "incident"):
        previous = None
        for name in ORDER:
            moment = instant(incident.get("timestamps", name))
            if moment is None:
                continue
            if previous is not None and moment < previous[1]:
                yield problem(incident, "timestamps", name, message=f"{name} ({incident.get('timestamps', name)}) "
                              f"is before {previous[0]} ({incident.get('timestamps', previous[0])})")
            else:
                previous = (name, moment)
        yield from _after_today(repo, incident)
        started = instant(incident.get("timestamps", "started"))
        last = None
        for index, update in enumerate(listed(incident.get("updates"))):
            moment = instant(update.get("time")) if isinstance(update, dict) else None
            if moment is None:
                continue
            if started is not None and moment < started:
                yield problem(incident, "updates", index, "time",
                              message=f"update at {update['time']} is before the incident started")
            elif last is not None and moment < last:
                yield problem(incident, "updates", index, "time",
                              message=f"update at {update['time']} is earlier than the update before it")
            last = moment if last is None or moment > last else last


def _after_today(repo: LintRepo, incident) -> Iterator[Problem]:
    """Timestamps and updates dated after ``repo.today`` (compared by their UTC date)."""
    for name in ORDER:
        moment = instant(incident.get("timestamps", name))
        if moment is not None and moment.astimezone(dt.timezone.utc).date() > repo.today:
            yield problem(incident, "timestamps", name, message=f"{name} ({incident.get('timestamps', name)}) is "
                          f"after today ({repo.today.isoformat()})")
    for index, update in enumerate(listed(incident.get("updates"))):
        moment = instant(update.get("time")) if isinstance(update, dict) else None
        if moment is not None and moment.astimezone(dt.timezone.utc).date() > repo.today:
            yield problem(incident, "updates", index, "time",
                          message=f"update at {update['time']} is after today ({repo.today.isoformat()})")
