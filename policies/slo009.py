"""An SLO's burn-rate alert can never fire, or watches more than the SLO's window.

## What it checks

Every burn-rate alert an SLO gets (its `burn_rate_alerts`, or the Workbook's four tiers
computed for its window when it declares none: the same list `export prometheus` writes):

- its threshold, `burn_rate x error budget`, must stay below 100% of events. The alert
  fires when the error ratio is above the threshold, and an error ratio is at most 100%;
- its `long_window` must not be longer than the SLO's `window`.

## Why it matters

Prometheus loads such a rule, evaluates it, and never fires it: `promtool check rules`
passes and nobody finds out until an outage goes unpaged. The Workbook's factors assume a
window of about a month; scaled to a long window with a loose target they exceed 100%
(365 days at 99%: the fast burn is 2% x 8760 h / 1 h = 175.2, and 175.2 x 1% = 175.2%), and
on a window of a day or two the slow-burn windows outlast the SLO itself.
`export prometheus` refuses to write these alerts.

## Failing example

```yaml
# file: services/checkout/slos.yaml
slo:
  service: checkout
  sli: availability
  target: 99
  window: 365d
```

## Passing example

```yaml
# file: services/checkout/slos.yaml
slo:
  service: checkout
  sli: availability
  target: 99
  window: 28d
```

## Options

None.

## How to fix

Declare `burn_rate_alerts` whose thresholds fit the window: a burn rate below
`1 / error budget` (below 100 for a 99% target) and a long window no longer than the SLO's
window. Or use a window of about a month, for which the Workbook's factors were made.

## References

- Guide, Phase 3: *Burn Rate Calculation*; Phase 4: *Alert Design Rules*.
- The SRE Workbook, chapter "Alerting on SLOs".
"""

from __future__ import annotations

from collections.abc import Iterator

from sre_docs.lint.policy import LintRepo, Problem, problem
from sre_docs.model.burn_alerts import burn_alerts

ID = "SLO009"
NAME = "burn-alert-never-fires"
LEVEL = "error"
READS = "service"


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    for service in repo.services.values():
        for slo in service.slos:
            for alert in burn_alerts(service, slo):
                for defect in alert.defects:
                    where = ("burn_rate_alerts", alert.index, "burn_rate" if "threshold" in defect else "long_window")
                    at = where if alert.index is not None else ("window",)
                    origin = "" if alert.index is not None else f" (Workbook tier for a {slo.get('window')} window)"
                    yield problem(slo, *at, message=f"burn-rate alert {alert.name}{origin}: {defect}")
