"""A postmortem's timeline is out of order, or its detection and mitigation minutes disagree with it.

## What it checks

- the entries of `timeline` are in time order;
- `detection.time_to_detect_minutes`, `resolution.time_to_mitigate_minutes` and
  `resolution.time_to_resolve_minutes` match the incident's moments, within
  `minutes_tolerance` minutes. The moments come from the incident record's `timestamps`
  (started, detected, mitigated, resolved); when the incident is not in the repo or lacks
  a moment, from the postmortem's own timeline: its first entry is the start, and the
  first entry whose event says "detected", "mitigated" or "resolved" marks that moment.

## Why it matters

The timeline is the backbone of the review meeting, and the minutes feed MTTD and MTTR
in the monthly report. Figures typed by hand drift from the record; a report built on
them tells a better story than what happened.

## Failing example

```yaml
# file: services/checkout/postmortems/INC-2026-014.yaml
postmortem:
  incident: INC-2026-014
  title: Checkout errors after deploy
  date: 2026-11-05
  severity: SEV2
  status: in-review
  timeline:
    - time: 2026-11-02T14:05:00Z
      event: Deploy 4812 reaches all pods; errors start
    - time: 2026-11-02T14:09:00Z
      event: Error-rate alert detected the problem and paged on-call
    - time: 2026-11-02T14:31:00Z
      event: Rollback mitigated the impact
  detection:
    how_detected: alert
    time_to_detect_minutes: 2
  resolution:
    time_to_mitigate_minutes: 26
```

## Passing example

```yaml
# file: services/checkout/postmortems/INC-2026-014.yaml
postmortem:
  incident: INC-2026-014
  title: Checkout errors after deploy
  date: 2026-11-05
  severity: SEV2
  status: in-review
  timeline:
    - time: 2026-11-02T14:05:00Z
      event: Deploy 4812 reaches all pods; errors start
    - time: 2026-11-02T14:09:00Z
      event: Error-rate alert detected the problem and paged on-call
    - time: 2026-11-02T14:31:00Z
      event: Rollback mitigated the impact
  detection:
    how_detected: alert
    time_to_detect_minutes: 4
  resolution:
    time_to_mitigate_minutes: 26
```

## Options

- `minutes_tolerance` (number, default 1.0): allowed difference, in minutes.

## How to fix

Put the timeline entries in order (check their time zones), then copy the minutes the
message gives.

## References

- Guide, Phase 6: *Blameless Postmortem Template* (`timeline`, `detection`,
  `resolution`).
- Guide, Phase 5: *Incident Response Workflow*.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from sre_docs.calc.timing import IncidentTimeline, incident_durations
from sre_docs.lint.policy import LintRepo, Option, Problem, problem
from sre_docs.policies._common import all_of_kind, instant, listed, number

ID = "PM004"
NAME = "postmortem-timeline"
LEVEL = "error"
OPTIONS = {"minutes_tolerance": Option(1.0, "Allowed difference in minutes.", minimum=0.0)}

_MARKERS = {
    "detected": re.compile(r"\bdetect(ed|s)?\b", re.I),
    "mitigated": re.compile(r"\bmitigat(ed|es|ion)\b", re.I),
    "resolved": re.compile(r"\bresolved?\b", re.I),
}
_FIGURES = (
    ("time_to_detect", ("detection", "time_to_detect_minutes"), "detected"),
    ("time_to_mitigate", ("resolution", "time_to_mitigate_minutes"), "mitigated"),
    ("time_to_resolve", ("resolution", "time_to_resolve_minutes"), "resolved"),
)


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    tolerance = float(options["minutes_tolerance"])
    for postmortem in all_of_kind(repo, "postmortem"):
        entries = []
        latest = None
        for index, entry in enumerate(listed(postmortem.get("timeline"))):
            moment = instant(entry.get("time")) if isinstance(entry, dict) else None
            if moment is None:
                continue
            if latest is not None and moment < latest:
                yield problem(postmortem, "timeline", index, "time",
                              message=f"timeline entry at {entry['time']} is earlier than the entry before it")
            latest = moment if latest is None or moment > latest else latest
            entries.append((moment, str(entry.get("event", ""))))
        timeline = _moments(repo, postmortem, entries)
        if timeline is None:
            continue
        try:
            durations = incident_durations(timeline)
        except ValueError:
            continue  # out-of-order incident timestamps are INC002's finding
        for attribute, path, moment_name in _FIGURES:
            stated = number(postmortem.get(*path))
            actual = getattr(durations, attribute)
            if stated is None or actual is None:
                continue
            minutes = actual.total_seconds() / 60
            if abs(stated - minutes) > tolerance:
                yield problem(postmortem, *path, message=f"{path[-1]} is {stated:g}, but the timeline puts "
                              f"{moment_name} {minutes:g} minutes after the start")


def _moments(repo: LintRepo, postmortem, entries) -> IncidentTimeline | None:
    incident = repo.incidents.get(postmortem.get("incident"))
    recorded = {}
    if incident is not None:
        recorded = {name: instant(incident.get("timestamps", name))
                    for name in ("started", "detected", "mitigated", "resolved")}
    ordered = sorted(entries)
    if not recorded.get("started") and ordered:
        recorded["started"] = ordered[0][0]
    for name, marker in _MARKERS.items():
        if not recorded.get(name):
            recorded[name] = next((moment for moment, event in ordered if marker.search(event)), None)
    if not recorded.get("started"):
        return None
    return IncidentTimeline(**{k: v for k, v in recorded.items() if v is not None})
