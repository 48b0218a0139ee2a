"""An error budget ran out and no postmortem reviews it.

## What it checks

For every `slo`, the budget's state is read once a day (00:00 UTC) over the last
`lookback_days` (365), from the same evidence and policy as BUD001 and `sre-docs budget`.
Each day the state turns **exhausted** starts an exhaustion. Five business days later
(the postmortem deadline of PM001), a postmortem must cover it. A postmortem covers an
exhaustion of SLO `S` (window `W`) that began at `T` when:

- its incident spent `S`'s budget (the incident names `S` under `impact.slo`, or names no
  SLO and the service has only `S`) and started in the window that ran out, after
  `T - W` and no later than `T`; or
- it names `S` under `budgets_exhausted`, is the service's (filed in its folder, or for an
  incident that names the service) and is dated within one window of `T` (from `T - W` to
  `T + W`): the way to review a slow burn that no single incident explains.

A draft counts, as it does for PM001.

## Why it matters

The error budget policy asks for a postmortem when a budget is exhausted, whether one
incident spent it or many small ones did. A budget spent by a dozen minor incidents and
a slow leak is exactly the pattern no single incident review catches; without the
postmortem the freeze ends and nothing was learnt.

## Failing example

```yaml
# file: sre-docs.yaml
today: 2026-11-26
# file: services/checkout/slos.yaml
slo:
  name: availability
  service: checkout
  sli: availability
  target: 99.9
  window: 28d
# file: services/checkout/incidents/INC-2026-014.yaml
incident:
  id: INC-2026-014
  title: Checkout down after deploy
  services: [checkout]
  severity: SEV3
  status: resolve
  timestamps:
    started: 2026-11-02T14:00:00Z
    mitigated: 2026-11-02T15:00:00Z
    resolved: 2026-11-02T16:00:00Z
  impact:
    function: core_down
    users: one_user
    slo: availability
    budget_consumed_pct: 120
```

## Passing example

```yaml
# file: sre-docs.yaml
today: 2026-11-26
# file: services/checkout/slos.yaml
slo:
  name: availability
  service: checkout
  sli: availability
  target: 99.9
  window: 28d
# file: services/checkout/incidents/INC-2026-014.yaml
incident:
  id: INC-2026-014
  title: Checkout down after deploy
  services: [checkout]
  severity: SEV3
  status: review
  timestamps:
    started: 2026-11-02T14:00:00Z
    mitigated: 2026-11-02T15:00:00Z
    resolved: 2026-11-02T16:00:00Z
  impact:
    function: core_down
    users: one_user
    slo: availability
    budget_consumed_pct: 120
# file: services/checkout/postmortems/INC-2026-014.yaml
postmortem:
  incident: INC-2026-014
  title: Checkout down after deploy
  date: 2026-11-05
  severity: SEV3
  status: draft
```

## Options

- `lookback_days` (whole number, default 365): how far back exhaustions are looked for.
- `business_days` (whole number, default 5): business days after the exhaustion before
  a missing postmortem is reported.

## How to fix

Write the postmortem: `sre-docs postmortem new INCIDENT` for the incident that spent the
budget, or, when no single incident did, a postmortem that lists the SLO under
`budgets_exhausted`.

## References

- Guide, Phase 3: *Error Budget Policy* (exhausted: "Postmortem required for budget
  exhaustion").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from sre_docs.calc.timing import POSTMORTEM_BUSINESS_DAYS, postmortem_due
from sre_docs.lint.policy import LintRepo, Option, Problem, problem
from sre_docs.model.repository import Document, Service
from sre_docs.model.slo_budgets import budget_exhaustions, incident_counts_against
from sre_docs.policies._common import budget_today, date_of, instant, listed

ID = "BUD002"
NAME = "budget-exhaustion-postmortem"
LEVEL = "error"
READS = "service"
OPTIONS = {
    "lookback_days": Option(365, "Days back to look for exhaustions.", minimum=1, maximum=1095),
    "business_days": Option(POSTMORTEM_BUSINESS_DAYS, "Business days allowed after the exhaustion.", minimum=0),
}


def covers(repo: LintRepo, service: Service, slo_name: str, postmortem: Document, onset: dt.datetime,
           window: dt.timedelta) -> bool:
    """Whether ``postmortem``, one of ``service``'s (``postmortems_of``), reviews the exhaustion of ``slo_name``
    that began at ``onset`` (see the docstring)."""
    if slo_name in listed(postmortem.get("budgets_exhausted")):
        day = date_of(postmortem.get("date"))
        if day is not None and (onset - window).date() <= day <= (onset + window).date():
            return True
    incident = repo.incidents.get(str(postmortem.get("incident")))
    if incident is None or incident not in repo.incidents_of(service.name):
        return False
    if not incident_counts_against(incident, service, slo_name):
        return False
    started = instant(incident.get("timestamps", "started"))
    return started is not None and onset - window < started <= onset


def postmortems_of(repo: LintRepo, service: Service, postmortems: list[Document]) -> list[Document]:
    """The postmortems that can review ``service``'s budgets: those filed in its folder, and those of incidents that
    name it. Only these are read, so the findings of a service move with its own files and its incidents'."""
    named = {incident.name for incident in repo.incidents_of(service.name)}
    return [doc for doc in postmortems if doc.service == service.name or doc.get("incident") in named]


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    # Every postmortem in the repo, wherever it is filed: under ``lint --since`` only the changed services are
    # iterated, and their postmortems may sit in other folders.
    postmortems = [doc for docs in repo.documents_by_path.values() for doc in docs if doc.kind == "postmortem"]
    for service in repo.services.values():
        reviews: list[Document] | None = None
        for slo in service.slos:
            budget = budget_today(repo, service, slo)
            if budget.status is None:
                continue
            window = budget.status.window
            for onset in budget_exhaustions(budget, days=options["lookback_days"]):
                due = postmortem_due(onset.date(), business_days=options["business_days"])
                if repo.today <= due:
                    continue
                if reviews is None:
                    reviews = postmortems_of(repo, service, postmortems)
                if any(covers(repo, service, budget.slo, doc, onset, window) for doc in reviews):
                    continue
                yield problem(slo, "target", message=(
                    f"error budget of SLO {budget.slo} ran out on {onset.date().isoformat()} and no postmortem "
                    f"reviews it (due by {due.isoformat()}); write one for the incident that spent it, or name "
                    f"{budget.slo} under budgets_exhausted of the postmortem that reviews the exhaustion"))
