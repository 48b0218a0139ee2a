"""Diagnosis steps and mitigation options a new runbook starts from, by the alert's signal.

The steps follow the guide's response workflow: confirm the symptom, look at what
changed, look at what the service depends on, then at its resources. Commands are left
empty unless sre-docs itself can answer the question: the exact ``kubectl``, PromQL or
SQL differs per team, and a wrong command in a runbook is worse than an empty one.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    step: str
    expected: str
    if_unexpected: str
    command: str = ""


@dataclass(frozen=True)
class Option:
    option: str
    when: str
    steps: tuple[str, ...]


_RECENT_CHANGES = Step(
    "Check deployments and config changes of the last few hours",
    "Nothing shipped shortly before the alert started",
    "Roll the change back first (see Mitigation: Rollback), then investigate",
)
_DEPENDENCIES = Step(
    "Check the health of the services and databases it calls",
    "Every dependency within its own SLO",
    "Follow that dependency's runbook and tell its on-call; consider the circuit breaker option",
)


def diagnosis_steps(signal: str, *, service: str, slo: str | None = None) -> tuple[Step, ...]:
    """The starting diagnosis for an alert on ``signal``."""
    budget = f"sre-docs budget {service}" + (f" --slo {slo}" if slo else "")
    steps: dict[str, tuple[Step, ...]] = {
        "latency": (
            Step("Confirm the slowdown on the latency dashboard (p50, p95, p99)",
                 "Only the tail (p99) is slow, and only for a few endpoints",
                 "Everything is slow: suspect saturation or a shared dependency"),
            _RECENT_CHANGES,
            _DEPENDENCIES,
            Step("Check saturation: CPU, memory, connection pools, queue depth",
                 "All below 80%", "Scale up (see Mitigation) and look for a leak or a runaway job"),
        ),
        "errors": (
            Step("Find which endpoints and status codes the errors come from",
                 "Errors limited to one endpoint or one error type",
                 "Errors everywhere: suspect the latest deploy or a shared dependency"),
            _RECENT_CHANGES,
            _DEPENDENCIES,
            Step("Read the error logs for the most frequent exception",
                 "One exception type dominates, with a trace id to follow",
                 "Escalate to a subject-matter expert for the component"),
        ),
        "traffic": (
            Step("Tell a drop from a spike on the request-rate dashboard",
                 "A spike that autoscaling absorbs",
                 "A drop: check DNS, the load balancer and the callers upstream"),
            Step("Check the callers: is one client retrying in a loop or sending far more than usual?",
                 "Traffic spread over the usual clients",
                 "Rate-limit or block the offending client (see Mitigation: Shed load)"),
            _RECENT_CHANGES,
        ),
        "saturation": (
            Step("Find the saturated resource: CPU, memory, disk, connections or a queue",
                 "One resource near its limit, with a clear cause",
                 "Several resources at once: suspect a traffic spike or a noisy neighbour"),
            Step("Check that autoscaling reacts: new instances starting, none failing to start",
                 "Instance count rising towards the maximum",
                 "Scale up by hand (see Mitigation) and check the autoscaler's limits"),
            Step("Look for a leak or a runaway job: memory that only grows, a batch job out of schedule",
                 "Usage follows traffic", "Restart or stop the offender, then open an action item"),
            _RECENT_CHANGES,
        ),
        "burn_rate": (
            Step("Check how much error budget is left and how fast it burns",
                 "Budget state healthy or warning, burn rate falling",
                 "Critical or exhausted: apply the error budget policy (freeze risky changes)",
                 command=budget),
            Step("Find which requests fail or are slow: availability or latency SLI?",
                 "One endpoint or error type explains the burn", "Open an incident and follow the errors runbook"),
            _RECENT_CHANGES,
            _DEPENDENCIES,
        ),
    }
    return steps[signal]


_ROLLBACK = Option("Rollback", "A deploy or config change shortly before the alert",
                   ("Roll back to the previous release", "Watch the signal recover for 15 minutes"))
_FLAG = Option("Disable the feature flag", "A newly enabled feature is involved",
               ("Turn the flag off", "Confirm the errors or latency drop"))
_SCALE = Option("Scale up", "Load above what the current instances handle",
                ("Raise the instance count or limits", "Check the bottleneck moves away"))
_FAILOVER = Option("Fail over", "One zone, region or replica is the problem",
                   ("Shift traffic away from the failing component", "Confirm the healthy side holds the load"))
_BREAKER = Option("Open the circuit breaker", "A dependency is failing or slow",
                  ("Serve a degraded response instead of calling it", "Tell the dependency's on-call"))
_SHED = Option("Shed load", "A single client or a spike overwhelms the service",
               ("Rate-limit or block the offending traffic", "Tell the client's owners"))


def mitigation_options(signal: str) -> tuple[Option, ...]:
    """Ways to stop the impact, fastest first (the guide's order)."""
    return {
        "latency": (_ROLLBACK, _FLAG, _SCALE, _BREAKER),
        "errors": (_ROLLBACK, _FLAG, _FAILOVER, _BREAKER),
        "traffic": (_SHED, _SCALE, _FAILOVER),
        "saturation": (_SCALE, _ROLLBACK, _SHED),
        "burn_rate": (_ROLLBACK, _FLAG, _FAILOVER, _SCALE),
    }[signal]
