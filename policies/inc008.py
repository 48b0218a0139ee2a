"""An incident's page was acknowledged later than its severity allows.

## What it checks

For an `incident` with `timestamps.detected` and `timestamps.acknowledged`, the time to
acknowledge (acknowledged minus detected) must not exceed the response time of the page's
severity in the guide's alert severity table: P0 5 minutes, P1 30 minutes (P2 and P3 have
no minute target and are not checked). A time equal to the target is on time.

The page's severity is the `trigger_alert`'s: an alert document of one of the incident's
services (`severity: P0`-`P3`) or an SLO burn-rate alert (`severity: page` is P0,
`ticket` P2). When the incident names no alert, or one that cannot be found, the
incident's severity stands for it (option `by_severity`: SEV1 and SEV2 are P0, SEV3 P1,
SEV4 P2).

## Why it matters

The first minutes decide how much budget an incident burns. The guide's detect stage is
0-5 minutes: the on-call engineer acknowledges within the page's response time and makes
a first assessment. A late acknowledgement shows a rotation that is overloaded, asleep
through its pager, or routed wrongly; the on-call health table calls more than 15 minutes
critical.

## Failing example

```yaml
# file: services/checkout/alerts.yaml
alert:
  name: checkout-high-error-rate
  service: checkout
  severity: P0
  signal: errors
  condition: 5xx ratio above 5% for 5 minutes
  runbook: runbooks/high-error-rate.yaml
# file: services/checkout/runbooks/high-error-rate.yaml
runbook:
  title: Checkout error rate is high
  alert_name: checkout-high-error-rate
  last_updated: 2026-11-02
# file: services/checkout/incidents/INC-2026-014.yaml
incident:
  id: INC-2026-014
  title: Checkout errors after deploy
  services: [checkout]
  severity: SEV3
  status: resolve
  trigger_alert: checkout-high-error-rate
  timestamps:
    started: 2026-11-02T06:10:00Z
    detected: 2026-11-02T06:19:00Z
    acknowledged: 2026-11-02T06:31:00Z
```

## Passing example

```yaml
# file: services/checkout/incidents/INC-2026-014.yaml
incident:
  id: INC-2026-014
  title: Checkout errors after deploy
  services: [checkout]
  severity: SEV3
  status: resolve
  timestamps:
    started: 2026-11-02T06:10:00Z
    detected: 2026-11-02T06:19:00Z
    acknowledged: 2026-11-02T06:31:00Z
```

(Without a trigger alert the SEV3 incident stands for a P1 page: 12 minutes is within
its 30.)

## Options

- `by_severity` (mapping, default `{SEV1: P0, SEV2: P0, SEV3: P1, SEV4: P2}`): the alert
  severity whose response time applies when the trigger alert is unknown.

## How to fix

Correct the timestamp if it is wrong. Otherwise look at why the page waited: the
rotation's load, the routing of the alert, the pager's settings; the on-call review is
the place for it.

## References

- Guide, Phase 4: *Alert Severity Guide* (response times).
- Guide, Phase 5: *Incident Response Workflow*, step 1 (detect: on-call acknowledges
  within SLA).
- Guide, Phase 10: *On-Call Health Metrics* (time to acknowledge).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sre_docs.calc.incident_response import ACK_LEVEL_BY_SEVERITY, acknowledge_target, late_acknowledgement
from sre_docs.lint.policy import LintRepo, Option, Problem, problem
from sre_docs.model.repository import Document
from sre_docs.policies._common import all_of_kind, instant, listed
from sre_docs.schemas.vocabulary import ALERT_SEVERITIES

ID = "INC008"
NAME = "late-acknowledgement"
LEVEL = "warning"
OPTIONS = {
    "by_severity": Option(dict(ACK_LEVEL_BY_SEVERITY), "Alert severity assumed for each incident severity.",
                          choices=ALERT_SEVERITIES),
}


def trigger_alert_severity(repo: LintRepo, incident: Document) -> str | None:
    """The severity of the incident's trigger alert, looked up in the incident's services; None when unknown."""
    name = incident.get("trigger_alert")
    if not isinstance(name, str):
        return None
    for service_name in listed(incident.get("services")) or [incident.service]:
        service = repo.services.get(service_name) if isinstance(service_name, str) else None
        if service is None:
            continue
        for alert in service.alerts:
            if alert.get("name") == name and isinstance(alert.get("severity"), str):
                return str(alert.get("severity"))
        for _, _, burn in service.burn_rate_alerts():
            if burn.get("name") == name and isinstance(burn.get("severity"), str):
                return str(burn["severity"])
    return None


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    for incident in all_of_kind(repo, "incident"):
        detected = instant(incident.get("timestamps", "detected"))
        acknowledged = instant(incident.get("timestamps", "acknowledged"))
        if detected is None or acknowledged is None or acknowledged < detected:
            continue
        alert = trigger_alert_severity(repo, incident)
        target = acknowledge_target(alert_severity_name=alert, incident_severity=incident.get("severity"),
                                    by_severity=options["by_severity"])
        if target is None:
            continue
        late = late_acknowledgement(detected, acknowledged, target.within)
        if late is None or target.within is None:
            continue
        yield problem(incident, "timestamps", "acknowledged", message=(
            f"acknowledged {_minutes(late)} minutes after detection; {_basis(incident, target.basis, alert)} is to "
            f"be acknowledged within {_minutes(target.within)} minutes ({target.level.label})"))


def _basis(incident: Document, basis: str, alert: Any) -> str:
    if basis == "alert":
        return f"a page from {incident.get('trigger_alert')} (severity {alert})"
    return f"a {incident.get('severity')} incident's page"


def _minutes(value: Any) -> str:
    return f"{value.total_seconds() / 60:g}"
