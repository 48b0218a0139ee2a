"""How a service is run: toil, capacity, readiness review, maturity, chaos experiments, self-healing.

Derived figures come from ``sre_docs.calc`` (toil hours and priority, growth and cost
projections, headroom), so a policy recomputing them finds the same values.
"""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from benchmarks.synth.plan import TODAY, ServicePlan, TeamPlan, rng_for
from benchmarks.synth.reliability import monthly_cost
from sre_docs.calc.capacity import (
    cost_projection,
    growth_forecast,
    headroom_pct,
    instances_needed,
)
from sre_docs.calc.toil import ToilAction, assess_toil
from sre_docs.schemas.vocabulary import GAME_DAY_CHECKLIST, MATURITY_DIMENSIONS, PRR_CHECKS

_TOIL = (
    ("Manual certificate rotation for internal endpoints", "config", "monthly", "low"),
    ("Hand-approved access requests to production", "access", "weekly", "medium"),
    ("Restarting stuck consumers after broker failover", "recovery", "per-incident", "medium"),
    ("Copying release notes into the change calendar", "deployment", "weekly", "low"),
    ("Re-running failed nightly exports", "data", "weekly", "medium"),
    ("Adjusting replica counts before marketing campaigns", "scaling", "monthly", "high"),
    ("Silencing flapping disk alerts during compaction", "monitoring", "weekly", "low"),
)


def toil_documents(svc: ServicePlan, team: TeamPlan, rng: random.Random) -> list[dict[str, Any]]:
    docs = []
    for name, category, frequency, difficulty in rng.sample(_TOIL, rng.randint(1, 2)):
        # At most 2 x 4 hours a service keeps a team of up to nine services under the 25% toil budget.
        minutes = rng.choice((15, 30))
        occurrences = rng.choice((4, 8))
        assessment = assess_toil(time_per_occurrence_min=minutes, occurrences_per_month=occurrences,
                                 automation_difficulty=difficulty)
        docs.append({"toil_item": {
            "name": f"{name} ({svc.name})",
            "category": category,
            "frequency": frequency,
            "time_per_occurrence_min": minutes,
            "occurrences_per_month": occurrences,
            "total_hours_per_month": round(assessment.hours_per_month, 2),
            "teams_affected": [team.name],
            "automation_difficulty": difficulty,
            "automation_value": round(assessment.automation_value_hours, 2),
            "priority_score": round(assessment.priority_score, 2),
            "status": "automating" if assessment.action in (ToilAction.DO_FIRST, ToilAction.QUICK_WIN) else "identified",
            "owner": rng.choice(team.members),
        }})
    return docs


_BOTTLENECK = {"api": "CPU", "web": "CPU", "batch": "memory", "pipeline": "connections", "storage": "storage"}
_METRIC = {"api": "requests/sec", "web": "page views/sec", "batch": "jobs/day", "pipeline": "events/sec",
           "storage": "storage_gb"}


def capacity_document(svc: ServicePlan, rng: random.Random) -> dict[str, Any]:
    """Peak utilisation and growth chosen so the scale-up threshold is more than a year away."""
    peak = rng.randint(30, 55)
    growth = rng.choice((0.5, 1.0, 1.5, 2.0, 2.5, 3.0))
    current = rng.choice((120, 450, 900, 2400, 8000))
    forecast = growth_forecast(current=current, monthly_growth_pct=growth)
    cost = monthly_cost(svc, rng_for(0, "cost", svc.name))
    costs = cost_projection(current_monthly=cost, monthly_growth_pct=growth)
    instances = rng.randint(3, 12)
    needed = instances_needed(current_instances=instances, utilisation_pct=peak, monthly_growth_pct=growth,
                              months=12, threshold_pct=80)
    tested = TODAY - timedelta(days=rng.randint(20, 80))
    return {"capacity_model": {
        "service": svc.name,
        "bottleneck_resource": _BOTTLENECK[svc.profile],
        "current_state": {
            "peak_utilization_pct": peak,
            "headroom_pct": headroom_pct(peak_utilisation_pct=peak),
            "cost_per_month_usd": cost,
        },
        "growth_forecast": {
            "metric": _METRIC[svc.profile],
            "current": current,
            "monthly_growth_pct": growth,
            "projected_6mo": round(forecast.projected_6mo, 1),
            "projected_12mo": round(forecast.projected_12mo, 1),
        },
        "scaling_strategy": {
            "type": "horizontal",
            "auto_scaling": True,
            "min_instances": max(2, instances // 2),
            "max_instances": max(needed, instances) * 2,
            "current_instances": instances,
            "scale_up_threshold": 80,
            "scale_down_threshold": 30,
            "cooldown_seconds": 300,
        },
        "cost_projection": {
            "current_monthly": cost,
            "projected_6mo_monthly": round(costs.projected_6mo_monthly, 2),
            "projected_12mo_monthly": round(costs.projected_12mo_monthly, 2),
        },
        "last_load_test": tested.isoformat(),
        # the guide's five scenarios, run in the days up to the last load test (CAP004)
        "load_tests": [{"scenario": name, "date": (tested - timedelta(days=offset)).isoformat(), "result": "pass"}
                       for offset, name in enumerate(("baseline", "growth", "spike", "soak", "stress"))],
        "review_cadence": "quarterly",
        "last_review": (tested + timedelta(days=7)).isoformat(),
    }}


_EVIDENCE = {
    "slos": "slis.yaml and slos.yaml in this folder, signed off at the SLO review",
    "monitoring": "https://grafana.example.com/d/{job}/overview and alerts.yaml",
    "incidents": "Rotation {rotation}; runbooks/ holds one runbook per alert",
    "capacity": "Load test report from the last quarter, capacity.yaml",
    "resilience": "Design review notes and the chaos experiments in experiments/",
    "deploy": "Pipeline https://ci.example.com/{job} with canary and automatic rollback",
    "security": "Security review ticket SEC-{number} and the dependency scanner dashboard",
    "data": "Backup restore drill log and the retention table in the data catalog",
    "docs": "https://docs.example.com/{job} (architecture, API reference, operations)",
}


def prr_document(svc: ServicePlan, team: TeamPlan, rng: random.Random) -> dict[str, Any] | None:
    """A passing review for every tier but experimental; stateless services mark the data checks n/a."""
    if svc.tier == "experimental":
        return None
    stateless = svc.profile in ("api", "web")
    checks = []
    for check in PRR_CHECKS:
        not_applicable = svc.tier == "standard" and stateless and check.category == "data"
        evidence = _EVIDENCE[check.category].format(job=svc.name, rotation=svc.rotation, number=rng.randint(100, 999))
        checks.append({"id": check.id, "status": "n/a" if not_applicable else "pass",
                       "evidence": "The service keeps no data of its own" if not_applicable else evidence})
    return {"prr": {
        "service": svc.name,
        "date": (TODAY - timedelta(days=rng.randint(60, 400))).isoformat(),
        "reviewers": [team.manager, *rng.sample(team.members, 2)],
        "checks": checks,
    }}


def maturity_document(svc: ServicePlan, team: TeamPlan, rng: random.Random) -> dict[str, Any]:
    base = {"critical": 4, "important": 3, "standard": 3, "experimental": 2}[svc.tier]
    scores = {dimension: max(1, min(5, base + rng.choice((-1, 0, 0, 1)))) for dimension in MATURITY_DIMENSIONS}
    return {"maturity_assessment": {
        "service": svc.name,
        "date": (TODAY - timedelta(days=rng.randint(10, 120))).isoformat(),
        "assessor": team.manager,
        "scores": scores,
        "notes": "Scored at the quarterly reliability review with the owning team; chaos engineering and "
                 "capacity planning are the focus for next quarter.",
    }}


_EXPERIMENTS = (
    ("dependency-latency", "network",
     ("When calls to {dep} slow down by 200 ms, {job} will keep its p99 under its SLO threshold because its "
      "client timeouts and circuit breaker cut the slow calls."), "200 ms added to 50% of calls"),
    ("pod-kill", "compute",
     ("When one pod of {job} is killed every 10 minutes, the service will keep serving without errors because "
      "the load balancer drains it and the scheduler replaces it."), "one pod at a time"),
    ("cache-outage", "storage",
     ("When the cache in front of {job} is unavailable, the service will fall back to its store and stay "
      "within its latency SLO at current traffic."), "the whole cache cluster in staging"),
    ("traffic-spike", "scale",
     ("When traffic to {job} grows tenfold within five minutes, autoscaling will add capacity before the "
      "error rate rises above 1%."), "synthetic load from the load test fleet"),
)


def experiment_documents(svc: ServicePlan, team: TeamPlan, rng: random.Random) -> list[dict[str, Any]]:
    count = {"critical": 2, "important": 1, "standard": rng.choice((0, 1)), "experimental": 0}[svc.tier]
    docs = []
    for index, (slug, fault, hypothesis, radius) in enumerate(rng.sample(_EXPERIMENTS, count)):
        done = index == 0
        environment = "production" if svc.tier == "critical" and done else "staging"
        body: dict[str, Any] = {
            "name": f"{svc.name}-{slug}",
            "hypothesis": hypothesis.format(job=svc.name, dep=svc.upstream[0] if svc.upstream else "the database"),
            "service": svc.name,
            "status": "completed" if done else "scheduled",
            "scheduled": (TODAY + timedelta(days=-rng.randint(30, 120) if done else rng.randint(7, 45))).isoformat(),
            "environment": environment,
            "automated": False,
            "steady_state": {"metrics": [
                {"name": "error ratio", "baseline": "0.05%", "acceptable_range": "below 0.5%"},
                {"name": "p99 latency", "baseline": "180 ms", "acceptable_range": "below 300 ms"},
            ]},
            "method": {"fault_type": fault, "target": svc.name, "blast_radius": radius, "duration": "30m"},
            "safety": {
                "abort_conditions": ["SLO burn rate above 10x", "Customer-visible errors", "An alert fires that was not expected"],
                "rollback_plan": "Stop the fault injection job; the fault clears within a minute",
                "required_approvals": [team.manager, f"{team.rotation} primary"],
            },
        }
        if done:
            body["run_date"] = body["scheduled"]
            body["game_day"] = {phase: {item: True for item, _ in items} for phase, items in GAME_DAY_CHECKLIST.items()}
            body["results"] = {
                "outcome": rng.choice(("confirmed", "confirmed", "disproved")),
                "observations": ["The error ratio stayed inside its range", "Recovery took under two minutes"],
                "action_items": ["Lower the client timeout to 800 ms", "Add the experiment to the monthly game day"],
            }
        docs.append({"experiment": body})
    return docs


def auto_remediation_document(svc: ServicePlan) -> dict[str, Any] | None:
    if svc.tier != "critical":
        return None
    return {"auto_remediation": [
        {"trigger": "pod_crash_loop", "condition": "restart_count > 3 in 10 min",
         "action": "Delete the pod and let the scheduler place it again",
         "escalate_if": "Still crashing after 3 automatic attempts", "enabled": True, "service": svc.name},
        {"trigger": "connection_pool_exhausted", "condition": "available_connections = 0 for 2 min",
         "action": "Close idle connections and raise the pool size by 20% for an hour",
         "escalate_if": "The pool is exhausted again within an hour", "enabled": True, "service": svc.name},
    ]}
