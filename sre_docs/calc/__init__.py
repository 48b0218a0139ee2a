"""Pure reliability calculations: every number the handbook shows or a policy checks.

Nothing here reads files, talks to the network or looks at the clock: each function takes plain values and
returns plain values (floats, ``timedelta``/``datetime``, strings or frozen dataclasses). The reference tables
of the guide live here as module-level data so that the checks and the rendered handbook share one copy.

Modules:

- ``durations``   -- parse ``"28d"``-style durations, format durations the way the guide prints them.
- ``nines``       -- allowed downtime per period, the nines label, the SLO target selection table.
- ``error_budget`` -- error budget size, burn rate, time to exhaustion, multi-window burn-rate alert tiers.
- ``budget_policy`` -- error budget states (healthy/warning/critical/exhausted) and their default actions.
- ``budget_evidence`` -- budget status of an SLO from measurements or incidents, with the source of each figure.
- ``incident_budget`` -- the share of an SLO's error budget one incident spent, start to end.
- ``severity``    -- incident severity matrix and the auto-escalation rules.
- ``timing``      -- detect/acknowledge/mitigate/resolve durations, means, postmortem due dates, repeats.
- ``incident_response`` -- stage targets of the response: acknowledge, first update, check-in cadence, verification.
- ``scores``      -- maturity assessment (8-40, bands) and the 0-100 quality rubric.
- ``oncall``      -- on-call health thresholds, rotation size, fairness of page load.
- ``culture``     -- culture warning signs: hero concentration, skipped postmortems, overdue actions by owner, load spread.
- ``toil``        -- toil hours, automation priority, the toil priority matrix, the 25% toil budget.
- ``capacity``    -- compound growth, time to a utilisation threshold, instances and cost projections.
- ``slo_targets`` -- the SLI table by service type, the target for a tier, a target offered from measurements.
- ``multiregion`` -- multi-region strategies and the target-to-strategy decision guide.
- ``alerts``      -- the P0-P3 alert severity guide.
- ``paging``      -- on-call health figures derived from pages; the "fewer than 5 pages a week per service" rule.
- ``event_counts`` -- pulled good/total counts per bucket: checks (no data is not zero) and the merge into recorded rows.
- ``verdict``     -- a rule over every item of a kind: holds, broken, or nothing to check (never a vacuous pass).

Import the module you need (``from sre_docs.calc import error_budget``); this package re-exports nothing.
"""
