"""The closed vocabularies of a reliability repo, kept in one place.

Schemas use these tuples as their allowed values; policies, the site and the scorecards
import them from here, so a word added to a list reaches every check and every page at
once. Orders are meaningful where noted (severities from worst to mildest, incident
statuses in workflow order), so code may compare positions instead of spelling out ranks.
"""

from __future__ import annotations

from typing import NamedTuple

from sre_docs.calc.slo_targets import SERVICE_TYPE_SLIS

# --- services --------------------------------------------------------------------------------

#: Service tiers, most demanding first.
TIERS: tuple[str, ...] = ("critical", "important", "standard", "experimental")
DATA_CLASSIFICATIONS: tuple[str, ...] = ("public", "internal", "confidential", "restricted")
DEPLOYMENT_FREQUENCIES: tuple[str, ...] = ("daily", "weekly", "biweekly", "monthly")
ARCHITECTURES: tuple[str, ...] = ("monolith", "microservice", "serverless", "hybrid")
#: What kind of service it is, as the guide's SLI table sorts them (``calc.slo_targets.SERVICE_TYPE_SLIS``).
SERVICE_TYPES: tuple[str, ...] = tuple(SERVICE_TYPE_SLIS)
INFRASTRUCTURES: tuple[str, ...] = ("k8s", "ECS", "Lambda", "VM", "bare-metal")
TRAFFIC_PATTERNS: tuple[str, ...] = ("steady", "diurnal", "spiky", "seasonal")
#: Multi-region strategies, from the simplest to the most isolated.
MULTI_REGION_STRATEGIES: tuple[str, ...] = (
    "single-region", "active-passive", "active-active-read", "active-active-full", "cell-based",
)

# --- SLIs, SLOs and error budgets ---------------------------------------------------------------

SLI_TYPES: tuple[str, ...] = ("availability", "latency", "quality", "freshness")
#: What a burn-rate alert declared in an SLO does when it fires.
BURN_ALERT_SEVERITIES: tuple[str, ...] = ("page", "ticket")
REVIEW_CADENCES: tuple[str, ...] = ("weekly", "monthly", "quarterly")
#: Bucket sizes of measurement points: hourly rows start at a timestamp, daily rows at a date.
MEASUREMENT_RESOLUTIONS: tuple[str, ...] = ("1h", "1d")
#: Error budget states, from the most remaining budget to none.
BUDGET_STATES: tuple[str, ...] = ("healthy", "warning", "critical", "exhausted")

# --- alerting ----------------------------------------------------------------------------------

#: Alert severities from the guide's alert severity guide, most urgent first.
ALERT_SEVERITIES: tuple[str, ...] = ("P0", "P1", "P2", "P3")
#: The four golden signals, plus burn rate for SLO-based alerts.
ALERT_SIGNALS: tuple[str, ...] = ("latency", "traffic", "errors", "saturation", "burn_rate")
#: Where an alert goes when it fires.
ALERT_NOTIFICATIONS: tuple[str, ...] = ("page", "ticket", "dashboard")

#: The guide's monitoring methods: RED (rate, errors, duration) for services, USE (utilisation, saturation,
#: errors) for the resources they run on.
MONITORING_METHODS: tuple[str, ...] = ("RED", "USE")

# --- incidents and postmortems ------------------------------------------------------------------

#: Incident severities, worst first.
SEVERITIES: tuple[str, ...] = ("SEV1", "SEV2", "SEV3", "SEV4")
#: The incident workflow, in the order an incident moves through it.
INCIDENT_STATUSES: tuple[str, ...] = ("detect", "triage", "respond", "mitigate", "resolve", "review")
#: How an incident came to light.
DETECTION_METHODS: tuple[str, ...] = ("alert", "user report", "manual check")
#: Rows of the severity classification matrix: what stopped working, worst first.
IMPACT_FUNCTIONS: tuple[str, ...] = ("core_down", "degraded", "non_core_down", "cosmetic")
#: Columns of the severity classification matrix: who is affected, fewest first.
IMPACT_USERS: tuple[str, ...] = ("one_user", "lt_25pct", "gt_25pct", "all_users")
POSTMORTEM_STATUSES: tuple[str, ...] = ("draft", "in-review", "final")
#: The guide's fishbone (Ishikawa) categories for a postmortem's contributing factors.
CONTRIBUTING_FACTOR_CATEGORIES: tuple[str, ...] = ("people", "process", "technology", "environment", "monitoring",
                                                   "testing")
ACTION_ITEM_TYPES: tuple[str, ...] = ("prevent", "detect", "mitigate", "process")
ACTION_ITEM_PRIORITIES: tuple[str, ...] = ("P0", "P1", "P2")
ACTION_ITEM_STATUSES: tuple[str, ...] = ("open", "in-progress", "done")

# --- chaos, toil, capacity -------------------------------------------------------------------------

EXPERIMENT_STATUSES: tuple[str, ...] = ("planned", "scheduled", "running", "completed", "aborted")
EXPERIMENT_ENVIRONMENTS: tuple[str, ...] = ("staging", "production")
FAULT_TYPES: tuple[str, ...] = ("network", "compute", "storage", "dependency", "data", "scale")
EXPERIMENT_OUTCOMES: tuple[str, ...] = ("confirmed", "disproved", "inconclusive")
#: The guide's chaos experiment library, one name per row, in the guide's order (the experiments themselves,
#: with hypotheses, abort conditions and rollback plans, are in ``sre_docs.workflows.chaos``).
CHAOS_EXPERIMENTS: tuple[str, ...] = (
    "db-latency", "packet-drop", "dns-failure", "pod-kill", "cpu-stress", "disk-fill",
    "db-slowdown", "cache-failure", "dependency-outage", "dependency-429", "clock-skew", "traffic-spike",
)
#: The guide's game day runbook: each phase's checklist items (an id, then the guide's words).
GAME_DAY_CHECKLIST: dict[str, tuple[tuple[str, str], ...]] = {
    "pre": (
        ("designed-and-reviewed", "Experiment designed and reviewed"),
        ("steady-state-identified", "Steady-state metrics identified"),
        ("abort-conditions-defined", "Abort conditions defined"),
        ("participants-briefed", "All participants briefed"),
        ("rollback-tested", "Rollbacks tested in staging"),
        ("stakeholders-notified", "Stakeholders notified"),
    ),
    "during": (
        ("steady-state-verified", "Verify steady state (15 min baseline)"),
        ("announced", "Announce in #engineering: \"Chaos Game Day starting\""),
        ("fault-injected", "Inject fault"),
        ("observed-and-documented", "Observe and document"),
        ("abort-watched", "If abort condition hit, rollback immediately"),
        ("planned-duration", "Run for planned duration"),
        ("fault-removed", "Remove fault"),
        ("recovery-verified", "Verify recovery to steady state"),
    ),
    "post": (
        ("results-documented", "Results documented"),
        ("surprises-noted", "Surprises noted"),
        ("action-items-created", "Action items created"),
        ("findings-shared", "Share findings in team meeting"),
    ),
}
TOIL_CATEGORIES: tuple[str, ...] = ("deployment", "scaling", "config", "data", "access", "monitoring", "recovery")
TOIL_FREQUENCIES: tuple[str, ...] = ("daily", "weekly", "monthly", "per-incident")
#: Effort to automate a toil item, least first.
AUTOMATION_DIFFICULTIES: tuple[str, ...] = ("low", "medium", "high")
TOIL_STATUSES: tuple[str, ...] = ("identified", "automating", "automated")
BOTTLENECK_RESOURCES: tuple[str, ...] = ("CPU", "memory", "storage", "connections", "bandwidth")
SCALING_TYPES: tuple[str, ...] = ("horizontal", "vertical", "hybrid")
#: The guide's five load-testing benchmarks (``calc.capacity.LOAD_TEST_SCENARIOS`` holds method, duration, target).
LOAD_TEST_SCENARIOS: tuple[str, ...] = ("baseline", "growth", "spike", "soak", "stress")
LOAD_TEST_RESULTS: tuple[str, ...] = ("pass", "fail")
#: How often a capacity model gets its full review (the guide: quarterly; monthly updates of the growth model).
CAPACITY_REVIEW_CADENCES: tuple[str, ...] = ("monthly", "quarterly")

# --- on-call --------------------------------------------------------------------------------------

WEEKDAYS: tuple[str, ...] = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# --- production readiness review --------------------------------------------------------------------


class PrrCheck(NamedTuple):
    """One line of the production readiness checklist."""

    id: str
    category: str
    text: str


#: PRR categories in checklist order: (id, heading).
PRR_CATEGORIES: tuple[tuple[str, str], ...] = (
    ("slos", "SLOs"),
    ("monitoring", "Monitoring"),
    ("incidents", "Incidents"),
    ("capacity", "Capacity"),
    ("resilience", "Resilience"),
    ("deploy", "Deploy"),
    ("security", "Security"),
    ("data", "Data"),
    ("docs", "Docs"),
)

#: The 28 checks of the guide's production readiness checklist, in its order.
PRR_CHECKS: tuple[PrrCheck, ...] = (
    PrrCheck("slos.slis-defined", "slos", "SLIs defined and measured"),
    PrrCheck("slos.targets-agreed", "slos", "SLO targets set with stakeholder agreement"),
    PrrCheck("slos.budget-policy", "slos", "Error budget policy documented"),
    PrrCheck("monitoring.golden-signals", "monitoring", "Golden signals dashboarded"),
    PrrCheck("monitoring.alerts-with-runbooks", "monitoring", "Alerting configured with runbooks"),
    PrrCheck("monitoring.structured-logging", "monitoring", "Structured logging implemented"),
    PrrCheck("monitoring.tracing", "monitoring", "Distributed tracing enabled"),
    PrrCheck("incidents.oncall-rotation", "incidents", "On-call rotation established"),
    PrrCheck("incidents.escalation-paths", "incidents", "Escalation paths documented"),
    PrrCheck("incidents.top5-runbooks", "incidents", "Runbooks for top 5 failure modes"),
    PrrCheck("capacity.load-tested-2x", "capacity", "Load tested to 2x expected peak"),
    PrrCheck("capacity.autoscaling-tested", "capacity", "Auto-scaling configured and tested"),
    PrrCheck("capacity.resource-limits", "capacity", "Resource limits set (CPU, memory)"),
    PrrCheck("resilience.graceful-degradation", "resilience", "Graceful degradation implemented"),
    PrrCheck("resilience.circuit-breakers", "resilience", "Circuit breakers for dependencies"),
    PrrCheck("resilience.retry-backoff", "resilience", "Retry with exponential backoff"),
    PrrCheck("resilience.timeouts", "resilience", "Timeout configured for all external calls"),
    PrrCheck("deploy.rollback-tested", "deploy", "Rollback tested and documented"),
    PrrCheck("deploy.canary-ready", "deploy", "Canary/blue-green deployment ready"),
    PrrCheck("deploy.feature-flags", "deploy", "Feature flags for risky features"),
    PrrCheck("security.authn-authz", "security", "Authentication and authorization"),
    PrrCheck("security.secrets-in-vault", "security", "Secrets in vault (not env vars)"),
    PrrCheck("security.dependencies-scanned", "security", "Dependencies scanned"),
    PrrCheck("data.backup-restore-tested", "data", "Backup and restore tested"),
    PrrCheck("data.retention-policy", "data", "Data retention policy defined"),
    PrrCheck("docs.architecture-diagram", "docs", "Architecture diagram current"),
    PrrCheck("docs.api-docs", "docs", "API documentation published"),
    PrrCheck("docs.operational-runbook", "docs", "Operational runbook complete"),
)
PRR_CHECK_IDS: tuple[str, ...] = tuple(check.id for check in PRR_CHECKS)
PRR_STATUSES: tuple[str, ...] = ("pass", "fail", "n/a")

# --- maturity --------------------------------------------------------------------------------------

#: The eight dimensions of the maturity assessment, in the guide's order: (id, label).
MATURITY_DIMENSION_LABELS: tuple[tuple[str, str], ...] = (
    ("slos", "SLOs"),
    ("monitoring", "Monitoring"),
    ("incident_response", "Incident Response"),
    ("automation", "Automation"),
    ("chaos_engineering", "Chaos Engineering"),
    ("capacity_planning", "Capacity Planning"),
    ("toil_management", "Toil Management"),
    ("oncall_health", "On-Call Health"),
)
MATURITY_DIMENSIONS: tuple[str, ...] = tuple(dimension for dimension, _ in MATURITY_DIMENSION_LABELS)
#: A maturity score runs from 1 (ad hoc) to 5 (optimised).
MATURITY_SCORE_RANGE: tuple[int, int] = (1, 5)

#: Paging tools whose exports ``sre-docs pull pages`` reads (an on-call health row's ``derived_from``).
PAGING_SOURCES = ("pagerduty", "opsgenie")
