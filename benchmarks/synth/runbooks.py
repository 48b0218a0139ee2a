"""Runbooks: one per alert and one per burn-rate alert, each written for its signal.

Golden-signal alerts link to their runbook file (``runbooks/<alert>.yaml``); the three
burn-rate alerts of an SLO share one file (three documents), found by ``alert_name``.
"""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from benchmarks.synth.plan import TODAY, ServicePlan, TeamPlan
from benchmarks.synth.reliability import AlertSpec

_DIAGNOSIS: dict[str, list[dict[str, str]]] = {
    "errors": [
        {"step": "Find which endpoints fail",
         "command": 'sum by (route, code) (rate(http_requests_total{{job="{job}",code=~"5.."}}[5m]))',
         "expected": "Errors spread thinly over routes, under 0.1% of traffic",
         "if_unexpected": "One route dominates: look at its handler and its dependency first"},
        {"step": "Check the logs for the dominant exception",
         "command": 'logcli query \'{{app="{job}"}} | json | level="error"\' --since=15m | head -50',
         "expected": "No new error type in the last 15 minutes",
         "if_unexpected": "A new exception type points at the last deploy or a dependency change"},
    ],
    "latency": [
        {"step": "Compare p50 and p99 latency",
         "command": 'histogram_quantile(0.5, sum by (le) (rate(http_request_duration_seconds_bucket{{job="{job}"}}[5m])))',
         "expected": "p50 unchanged while p99 rises means a slow minority: a dependency or a hot key",
         "if_unexpected": "Both rising together means the whole service is slow: check saturation"},
        {"step": "Look at the slowest traces",
         "command": "Open the tracing UI, filter service={job}, sort by duration, last 15 minutes",
         "expected": "Time is spent in the service's own spans",
         "if_unexpected": "Time spent waiting on a downstream call: page that dependency's on-call"},
    ],
    "saturation": [
        {"step": "Find the saturated resource",
         "command": 'topk(5, container_cpu_usage_ratio{{job="{job}"}}) and topk(5, container_memory_usage_ratio{{job="{job}"}})',
         "expected": "All pods below 70% of their limits",
         "if_unexpected": "A few hot pods point at uneven load balancing; all pods hot means real growth"},
        {"step": "Check the autoscaler",
         "command": "kubectl describe hpa {job} -n {domain}",
         "expected": "Desired replicas below the maximum, no scaling errors",
         "if_unexpected": "At the maximum: raise it (see mitigation) and file a capacity review"},
    ],
    "burn_rate": [
        {"step": "Confirm the burn on the SLO dashboard",
         "command": "Open https://grafana.example.com/d/{job}/slo and compare the short and long windows",
         "expected": "Both windows above the alert's burn rate, and the error budget line falling",
         "if_unexpected": "Only the short window is high: the burn is over; watch for ten minutes"},
        {"step": "Find the error class that burns the budget",
         "command": 'sum by (code, route) (rate(http_requests_total{{job="{job}",code=~"5.."}}[30m]))',
         "expected": "One class of errors explains most of the burn",
         "if_unexpected": "Errors everywhere: treat it as an outage and follow the error-rate runbook"},
    ],
}
_COMMON_DIAGNOSIS = [
    {"step": "Check recent deployments and config changes",
     "command": "kubectl rollout history deploy/{job} -n {domain}",
     "expected": "No rollout or config change in the last two hours",
     "if_unexpected": "Roll back the latest change first and diagnose afterwards"},
    {"step": "Check the health of upstream dependencies",
     "command": "Open the dependency panel on https://grafana.example.com/d/{job}/overview",
     "expected": "Every dependency within its own SLO",
     "if_unexpected": "Page the owning team of the failing dependency and link this incident"},
]
_MITIGATION = [
    {"option": "Roll back", "when": "A deploy or config change went out shortly before the alert",
     "steps": ["kubectl rollout undo deploy/{job} -n {domain}",
               "Watch the SLO dashboard for ten minutes", "Post the rollback in the incident channel"]},
    {"option": "Disable the feature flag", "when": "The change is behind a flag and a rollback is slower",
     "steps": ["Turn the flag off in the flag service for all cohorts", "Confirm the error or latency recovers"]},
    {"option": "Scale out", "when": "Load is above the usual peak and the pods are saturated",
     "steps": ["kubectl scale deploy/{job} -n {domain} --replicas=<current x 1.5>",
               "Raise the autoscaler maximum if it is already reached"]},
    {"option": "Fail over to the standby region", "when": "A whole zone or region is unhealthy",
     "steps": ["Run the failover job in the deploy pipeline", "Confirm traffic moved on the edge dashboard",
               "Tell the communications lead that failover is complete"]},
]


def _fill(value: Any, svc: ServicePlan) -> Any:
    if isinstance(value, str):
        return value.format(job=svc.name, domain=svc.domain)
    if isinstance(value, list):
        return [_fill(item, svc) for item in value]
    if isinstance(value, dict):
        return {key: _fill(item, svc) for key, item in value.items()}
    return value


def runbook(svc: ServicePlan, team: TeamPlan, alert_name: str, signal: str, title: str, overview: str,
            rng: random.Random) -> dict[str, Any]:
    diagnosis = _DIAGNOSIS[signal] + _COMMON_DIAGNOSIS
    mitigation = rng.sample(_MITIGATION, 3)
    mitigation.sort(key=_MITIGATION.index)
    return {"runbook": {
        "title": title,
        "alert_name": alert_name,
        "last_updated": (TODAY - timedelta(days=rng.randint(2, 75))).isoformat(),
        "owner": team.name,
        "overview": overview,
        "impact": f"Callers of {svc.name} ({', '.join(svc.downstream[:3]) or 'apps and partners'}) see failed or "
                  f"slow responses while it fires; every minute spends error budget of the {svc.tier} tier.\n",
        "diagnosis": _fill(diagnosis, svc),
        "mitigation": _fill(mitigation, svc),
        "escalation": {
            "after_minutes": 30 if svc.tier in ("critical", "important") else 60,
            "contact": f"{team.manager} (engineering manager), then the {team.rotation} secondary",
            "context_to_provide": "The alert, the graphs of the last hour, recent changes and what has been tried",
        },
        "related": [f"https://grafana.example.com/d/{svc.name}/overview", "../slos.yaml", "../alerts.yaml"],
    }}


def alert_runbook(svc: ServicePlan, team: TeamPlan, spec: AlertSpec, rng: random.Random) -> dict[str, Any]:
    return runbook(svc, team, spec.name, spec.signal, f"{svc.name}: {spec.condition.lower()}",
                   f"{spec.description} The alert fires when {spec.condition[0].lower()}{spec.condition[1:]}.\n", rng)


def burn_runbooks(svc: ServicePlan, team: TeamPlan, slo: str, names: list[str], rng: random.Random) -> list[dict[str, Any]]:
    docs = []
    for name in names:
        speed = name.rsplit("-", 2)[-2]
        docs.append(runbook(
            svc, team, name, "burn_rate", f"{slo}: {speed} error budget burn",
            f"The {slo} SLO is spending its error budget {speed} enough that, if nothing changes, the budget runs "
            f"out before the window ends. Both the short and the long window agree, so the burn is real and still "
            f"going on.\n", rng))
    return docs
