"""A service's catalog entry and its reliability contract: SLIs, SLOs, alerts, runbooks, measurements.

Numbers that policies recompute come from ``sre_docs.calc`` (error budget minutes, burn-rate
thresholds, the multi-region decision guide), so the corpus agrees with the checks by
construction rather than by copying their constants.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from benchmarks.synth.emit import Row
from benchmarks.synth.plan import (
    PRIMARY_TARGET,
    SECONDARY_TARGET,
    SLA,
    TODAY,
    OrgPlan,
    ServicePlan,
    rng_for,
)
from sre_docs.calc.error_budget import (
    WORKBOOK_BURN_RATE_TIERS,
    burn_rate_threshold,
    error_budget_minutes,
)
from sre_docs.calc.durations import parse_duration
from sre_docs.calc.multiregion import recommended_strategies


@dataclass(frozen=True)
class SliSpec:
    suffix: str  # SLO name suffix
    sli: str
    type: str
    description: str
    good: str
    total: str
    source: str
    threshold_ms: int | None = None


#: (primary, secondary) SLI per service profile, after the guide's "SLI selection by service type".
PROFILES: dict[str, tuple[SliSpec, SliSpec]] = {
    "api": (
        SliSpec("availability", "request-success-rate", "availability", "Share of valid requests answered without a server error.",
                "HTTP responses with a status below 500", "All HTTP requests except health checks", "load balancer access logs"),
        SliSpec("latency", "request-latency-p99", "latency", "Share of requests answered within 300 ms.",
                "Requests served in under 300 ms", "All successful HTTP requests", "service histogram metrics", 300),
    ),
    "web": (
        SliSpec("availability", "page-error-rate", "availability", "Share of page views that render without a server error.",
                "Page views without a 5xx or a script crash", "All page views by real browsers", "real user monitoring beacons"),
        SliSpec("page-load", "largest-contentful-paint", "latency", "Share of page views whose largest paint comes within 2.5 s.",
                "Page views with LCP under 2,500 ms", "All page views by real browsers", "real user monitoring beacons", 2500),
    ),
    "batch": (
        SliSpec("success", "job-success-rate", "availability", "Share of scheduled runs that finish without error.",
                "Runs that exit 0 and write their output", "All scheduled runs", "scheduler run history"),
        SliSpec("duration", "job-duration", "latency", "Share of runs that finish within their 15-minute slot.",
                "Runs finished within 15 minutes", "All finished runs", "scheduler run history", 900_000),
    ),
    "pipeline": (
        SliSpec("freshness", "data-freshness", "freshness", "Share of minutes in which the newest record is under 10 minutes old.",
                "Minutes with end-to-end lag below 10 minutes", "All minutes of the window", "consumer lag exporter", 600_000),
        SliSpec("correctness", "record-correctness", "quality", "Share of records that pass validation at the sink.",
                "Records accepted by the sink's schema and checksum checks", "All records written", "sink validation counters"),
    ),
    "storage": (
        SliSpec("availability", "read-write-success", "availability", "Share of reads and writes that succeed.",
                "Reads and writes without an error", "All reads and writes from clients", "client library metrics"),
        SliSpec("latency", "read-latency", "latency", "Share of reads served within 50 ms.",
                "Reads served in under 50 ms", "All successful reads", "client library metrics", 50),
    ),
}

LANGUAGES = ("Go", "Java", "Kotlin", "Python", "TypeScript", "Rust", "Scala", "C#")
REGIONS = ("eu-west-1", "eu-central-1", "us-east-1", "us-west-2", "ap-southeast-1")
STAKEHOLDERS = ("product manager", "engineering manager", "customer support lead", "SRE partner", "finance partner")

_BURN_NAMES = {"fast_burn": "fast-burn", "medium_burn": "medium-burn", "slow_burn": "slow-burn"}


def slos_of(svc: ServicePlan) -> list[tuple[str, float, SliSpec]]:
    """(SLO name, target, SLI) for the service's SLOs: primary always, secondary for the upper tiers."""
    primary, secondary = PROFILES[svc.profile]
    slos = [(f"{svc.name}-{primary.suffix}", PRIMARY_TARGET[svc.tier], primary)]
    if svc.slo_count > 1:
        slos.append((f"{svc.name}-{secondary.suffix}", SECONDARY_TARGET[svc.tier], secondary))
    return slos


def burn_alert_names(svc: ServicePlan) -> list[tuple[str, str]]:
    """(SLO name, burn-rate alert name) for every burn-rate alert the service declares."""
    return [(slo, f"{slo}-{_BURN_NAMES[tier.name]}") for slo, _, _ in slos_of(svc) for tier in WORKBOOK_BURN_RATE_TIERS]


@dataclass(frozen=True)
class AlertSpec:
    name: str
    signal: str
    severity: str
    notify: str
    condition: str
    expr: str
    for_: str
    description: str


def alerts_of(svc: ServicePlan) -> list[AlertSpec]:
    """The golden-signal alerts of a service: three for critical, two for important and standard, one else."""
    job = svc.name
    catalogue = [
        AlertSpec(f"{job}-high-error-rate", "errors", "P1", "page",
                  "More than 2% of requests fail for 5 minutes",
                  f'sum(rate(http_requests_total{{job="{job}",code=~"5.."}}[5m]))\n'
                  f'  / sum(rate(http_requests_total{{job="{job}"}}[5m])) > 0.02\n', "5m",
                  "Users see errors; the error budget is burning faster than the SLO allows."),
        AlertSpec(f"{job}-high-latency", "latency", "P1", "page",
                  "p99 latency above twice its weekly baseline for 5 minutes",
                  f'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{{job="{job}"}}[5m])))\n'
                  f'  > 2 * quantile_over_time(0.5, job:latency_p99:5m{{job="{job}"}}[1w])\n', "5m",
                  "Responses are slow enough that users notice and retry."),
        AlertSpec(f"{job}-saturation", "saturation", "P2", "ticket",
                  "CPU or memory above 80% of the limit for 10 minutes",
                  f'max(container_cpu_usage_ratio{{job="{job}"}}) > 0.8 or max(container_memory_usage_ratio{{job="{job}"}}) > 0.8\n',
                  "10m", "The service is close to its resource limits; scaling or tuning is due."),
    ]
    count = {"critical": 3, "important": 2, "standard": 2, "experimental": 1}[svc.tier]
    return catalogue[:count]


def service_document(svc: ServicePlan, rng: random.Random) -> dict[str, Any]:
    target = PRIMARY_TARGET[svc.tier]
    strategy = str(recommended_strategies(target)[0])
    regions = list(REGIONS[:1] if strategy == "single-region" else rng.sample(REGIONS, 2))
    upper = svc.tier in ("critical", "important")
    peak = rng.choice((40, 80, 150, 300, 600, 1200, 2500))
    storage = 0 if svc.profile in ("api", "web") else rng.choice((20, 80, 250, 1200))
    return {"service": {
        "name": svc.name,
        "tier": svc.tier,
        "owner_team": svc.team,
        "oncall_rotation": svc.rotation,
        "description": f"The {svc.role.replace('-', ' ')} of the {svc.domain} domain; "
                       f"{_PURPOSE[svc.profile]}",
        "system": svc.system,
        "dependencies": {"upstream": list(svc.upstream), "downstream": list(svc.downstream)},
        "data_classification": rng.choice(("internal", "confidential", "restricted") if upper else ("public", "internal")),
        "deployment_frequency": "daily" if upper else rng.choice(("daily", "weekly", "biweekly")),
        "architecture": "serverless" if svc.profile == "batch" and rng.random() < 0.3 else "microservice",
        "language": rng.choice(LANGUAGES),
        "infra": "k8s" if upper else rng.choice(("k8s", "k8s", "ECS", "Lambda", "VM")),
        "traffic_pattern": rng.choice(("steady", "diurnal", "diurnal", "spiky", "seasonal")),
        "peak_rps": peak,
        "storage_gb": storage,
        "monthly_cost_usd": monthly_cost(svc, rng_for(0, "cost", svc.name)),
        "multi_region": {"strategy": strategy, "regions": regions},
        "links": [
            {"title": "Source repository", "url": f"https://git.example.com/{svc.domain}/{svc.name}"},
            {"title": "Service dashboard", "url": f"https://grafana.example.com/d/{svc.name}/overview"},
            {"title": "Architecture decision records", "url": f"https://git.example.com/{svc.domain}/{svc.name}/-/tree/main/docs/adr"},
        ],
        "observability": {
            "dashboards": [f"https://grafana.example.com/d/{svc.name}/overview",
                           f"https://grafana.example.com/d/{svc.name}/slo"],
            "tracing": svc.tier != "experimental",
            "structured_logging": svc.tier != "experimental",
            "log_fields": ["timestamp", "level", "service", *(["trace_id", "span_id"] if svc.tier != "experimental" else []),
                           "message", "error_type", "error_message",
                           *(["http_method", "http_path", "http_status", "duration_ms"] if peak > 0 else []),
                           "environment", "host", "region"],
            "monitoring_methods": ["RED", "USE"],
            "anomaly_detection": svc.tier == "critical",
        },
        "automation": {
            "ci_cd": True,
            "gitops": upper,
            "auto_rollback": svc.tier != "experimental",
            "feature_flags": svc.tier != "experimental",
        },
    }}


_PURPOSE = {
    "api": "serves synchronous requests from other services and the apps.",
    "web": "renders the pages customers see and calls the APIs behind them.",
    "batch": "runs scheduled jobs that reconcile and export data.",
    "pipeline": "moves events from producers to the stores that read them.",
    "storage": "keeps the domain's data and serves reads and writes to it.",
}


def monthly_cost(svc: ServicePlan, rng: random.Random) -> int:
    """Running cost in dollars, shared by the catalog entry and the capacity model."""
    base = {"critical": 18000, "important": 9000, "standard": 3500, "experimental": 900}[svc.tier]
    return int(base * rng.uniform(0.6, 1.6)) // 10 * 10


def sli_documents(svc: ServicePlan) -> list[dict[str, Any]]:
    docs = []
    for _, _, spec in slos_of(svc):
        measurement: dict[str, Any] = {
            "good_events": spec.good,
            "total_events": spec.total,
            "source": spec.source,
            "aggregation": "sum(good) / sum(total) over the SLO window",
        }
        if spec.threshold_ms is not None:
            measurement["threshold_ms"] = spec.threshold_ms
        metric = spec.sli.replace("-", "_")
        docs.append({"sli": {
            "name": spec.sli,
            "description": spec.description,
            "type": spec.type,
            "measurement": measurement,
            "exclusions": ["Health checks (/healthz, /readyz)", "Synthetic probes from the uptime checker",
                           "Traffic from load tests, tagged with the x-load-test header"],
            "prometheus": {
                "good_events": f'sum(rate({metric}_total{{job="{svc.name}",outcome="good"}}[5m]))',
                "total_events": f'sum(rate({metric}_total{{job="{svc.name}"}}[5m]))',
            },
        }})
    return docs


def slo_documents(svc: ServicePlan, rng: random.Random) -> list[dict[str, Any]]:
    docs = []
    window = parse_duration(svc.window)
    for name, target, spec in slos_of(svc):
        alerts = []
        for tier in WORKBOOK_BURN_RATE_TIERS:
            threshold = burn_rate_threshold(
                budget_share_pct=tier.budget_share_pct, long_window=tier.long_window, window=window)
            alerts.append({
                "name": f"{name}-{_BURN_NAMES[tier.name]}",
                "burn_rate": round(threshold, 2),
                "budget_consumed_pct": _number(tier.budget_share_pct),
                "short_window": _duration(tier.short_window),
                "long_window": _duration(tier.long_window),
                "severity": tier.severity,
            })
        body: dict[str, Any] = {
            "name": name,
            "service": svc.name,
            "sli": spec.sli,
            "description": f"{spec.description.rstrip('.')} over a rolling {svc.window} window.",
            "target": target,
        }
        if svc.tier in SLA and spec is PROFILES[svc.profile][0]:
            body["sla"] = SLA[svc.tier]
        body.update({
            "window": svc.window,
            "error_budget": round(100 - target, 6),
            "error_budget_minutes": round(error_budget_minutes(target, window), 2),
            "burn_rate_alerts": alerts,
            "review_cadence": "monthly" if svc.tier in ("critical", "important") else "quarterly",
            "last_reviewed": (TODAY - timedelta(days=rng.randint(3, 40))).isoformat(),
            "owner": svc.team,
            "stakeholders": rng.sample(STAKEHOLDERS, 3),
            "escalation_when_budget_exhausted": [
                "Halt non-critical deployments",
                "Move the team's engineering time to reliability work",
                "Escalate to the VP of Engineering if the burn does not improve within 48 hours",
            ],
        })
        docs.append({"slo": body})
    return docs


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _duration(length: timedelta) -> str:
    seconds = int(length.total_seconds())
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def alert_documents(svc: ServicePlan) -> list[dict[str, Any]]:
    return [{"alert": {
        "name": spec.name,
        "service": svc.name,
        "severity": spec.severity,
        "signal": spec.signal,
        "condition": spec.condition,
        "expr": spec.expr,
        "for": spec.for_,
        "notify": spec.notify,
        "runbook": f"runbooks/{spec.name}.yaml",
        "description": spec.description,
        "owner": svc.team,
        "last_reviewed": (TODAY - timedelta(days=7)).isoformat(),
    }} for spec in alerts_of(svc)]


def measurement_document(svc: ServicePlan, slo: str, target: float, rng: random.Random) -> dict[str, Any]:
    """Daily good/total counts for the last window, spending a fifth to a third of the budget."""
    days = int(parse_duration(svc.window) / timedelta(days=1))
    allowed = (100 - target) / 100
    base = rng.choice((80_000, 400_000, 1_500_000, 6_000_000))
    points = []
    for offset in range(days, 0, -1):
        total = int(base * rng.uniform(0.8, 1.2))
        bad = int(total * allowed * rng.uniform(0.05, 0.35))
        points.append(Row([(TODAY - timedelta(days=offset)).isoformat(), total - bad, total]))
    return {"measurements": {"slo": slo, "resolution": "1d", "points": points}}


def measured_slos(svc: ServicePlan, plan: OrgPlan) -> list[tuple[str, float]]:
    """SLOs that keep measurement files: every primary SLO of critical and important services."""
    if svc.tier not in ("critical", "important"):
        return []
    name, target, _ = slos_of(svc)[0]
    return [(name, target)]
