"""A serious incident went too long without a status update while users were hurt.

## What it checks

For an `incident` whose `severity` is one of `severities` (SEV1 and SEV2 by default),
the status `updates` are held to the guide's stage targets, from `timestamps.detected`
to `timestamps.mitigated`:

- the first update comes within `first_update_minutes` (15) of detection, by the end of
  triage;
- then one at least every 15 minutes for SEV1 and every 30 for SEV2 (the same cadence
  `sre-docs incident start` announces as "next update by"), up to the mitigation.

Each gap longer than allowed is a finding at the update that ended it, or at
`timestamps.mitigated` when the mitigation ended it. Updates after the mitigation are
outside the cadence. An incident that is not mitigated yet is judged on the gaps between
the updates it has. Without a detection time nothing is checked.

## Why it matters

While an incident hurts users, silence is read as neglect: stakeholders start asking in
the channel, support has nothing to tell customers, and the incident commander is pulled
away to answer. The guide's check-ins (15 minutes for SEV1, 30 for SEV2) keep everyone
informed on a rhythm they can rely on.

## Failing example

```yaml
# file: services/checkout/incidents/INC-2026-014.yaml
incident:
  id: INC-2026-014
  title: Checkout down for every customer
  services: [checkout]
  severity: SEV1
  status: resolve
  timestamps:
    started: 2026-11-02T17:52:00Z
    detected: 2026-11-02T17:57:00Z
    mitigated: 2026-11-02T18:39:00Z
    resolved: 2026-11-02T19:40:00Z
  updates:
    - time: 2026-11-02T18:02:00Z
      status: triage
      message: Checkout is down for everyone; investigating.
    - time: 2026-11-02T18:15:00Z
      status: respond
      message: Rolling back the 17:50 deploy.
```

## Passing example

```yaml
# file: services/checkout/incidents/INC-2026-014.yaml
incident:
  id: INC-2026-014
  title: Checkout down for every customer
  services: [checkout]
  severity: SEV1
  status: resolve
  timestamps:
    started: 2026-11-02T17:52:00Z
    detected: 2026-11-02T17:57:00Z
    mitigated: 2026-11-02T18:39:00Z
    resolved: 2026-11-02T19:40:00Z
  updates:
    - time: 2026-11-02T18:02:00Z
      status: triage
      message: Checkout is down for everyone; investigating.
    - time: 2026-11-02T18:15:00Z
      status: respond
      message: Rolling back the 17:50 deploy.
    - time: 2026-11-02T18:30:00Z
      status: respond
      message: Rollback at 60%; errors falling.
    - time: 2026-11-02T18:39:00Z
      status: mitigate
      message: Rollback complete; checkout works again.
```

## Options

- `severities` (list, default `[SEV1, SEV2]`): severities held to a cadence (the guide
  sets one for SEV1 and SEV2; SEV3 and SEV4 use this tool's hour when listed).
- `first_update_minutes` (number, default 15): minutes from detection to the first
  update.

## How to fix

Post updates on the cadence (`sre-docs incident update INC-2026-014 --status respond
--message ...`). In a record written afterwards, add the updates that were posted but
not recorded.

## References

- Guide, Phase 5: *Incident Response Workflow*, steps 2 and 3 (post the initial status
  update in triage; 15-minute check-ins for SEV1, 30-min for SEV2).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from sre_docs.calc.incident_response import FIRST_UPDATE_WITHIN, UPDATE_CADENCE_MINUTES, UpdateGap, update_gaps
from sre_docs.lint.policy import LintRepo, Option, Problem, problem
from sre_docs.model.repository import Document
from sre_docs.policies._common import all_of_kind, instant, listed
from sre_docs.schemas.vocabulary import SEVERITIES

ID = "INC009"
NAME = "status-update-cadence"
LEVEL = "warning"
OPTIONS = {
    "severities": Option(["SEV1", "SEV2"], "Severities held to a status-update cadence.", choices=SEVERITIES),
    "first_update_minutes": Option(FIRST_UPDATE_WITHIN.total_seconds() / 60,
                                   "Minutes from detection to the first status update.", minimum=0.0),
}


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    wanted = set(options["severities"])
    first_within = dt.timedelta(minutes=options["first_update_minutes"])
    for incident in all_of_kind(repo, "incident"):
        severity = incident.get("severity")
        if severity not in wanted:
            continue
        every = dt.timedelta(minutes=UPDATE_CADENCE_MINUTES[severity])
        timed = [(moment, index) for index, update in enumerate(listed(incident.get("updates")))
                 if isinstance(update, dict) and (moment := instant(update.get("time"))) is not None]
        timed.sort(key=lambda pair: pair[0])
        gaps = update_gaps(detected=instant(incident.get("timestamps", "detected")), updates=[m for m, _ in timed],
                           mitigated=instant(incident.get("timestamps", "mitigated")), every=every,
                           first_within=first_within)
        for gap in gaps:
            where: tuple = ("updates", timed[gap.index][1], "time") if gap.index is not None else ("timestamps", "mitigated")
            silent = gap.kind == "until_mitigated" and not any(moment <= gap.end for moment, _ in timed)
            yield problem(incident, *where, message=_message(incident, gap, silent=silent))


def _message(incident: Document, gap: UpdateGap, *, silent: bool) -> str:
    minutes = f"{gap.length.total_seconds() / 60:g}"
    allowed = f"{gap.allowed.total_seconds() / 60:g}"
    span = f"{_clock(gap.start)} to {_clock(gap.end)}"
    if gap.kind == "first":
        return (f"first status update {minutes} minutes after detection ({span}); the guide posts it within "
                f"{allowed} minutes, by the end of triage")
    severity = incident.get("severity")
    if silent:
        return (f"no status update between detection and mitigation ({span}, {minutes} minutes); the first is "
                f"due within {allowed} minutes")
    ending = "mitigation" if gap.kind == "until_mitigated" else "the next update"
    return (f"no status update for {minutes} minutes ({span}, until {ending}); a {severity} incident posts one "
            f"every {allowed} minutes until it is mitigated")


def _clock(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone.utc).strftime("%H:%M UTC")
