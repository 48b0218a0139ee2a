"""Organisation documents: teams, on-call rotations, the default error budget policy, monthly reports.

Rotations are sized and loaded to sit in the guide's healthy band (at least five people, a
secondary layer, under two pages a shift, pages spread evenly), and each monthly report
counts the incidents the corpus actually holds for its month.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any

from benchmarks.synth.incidents import IncidentPlan
from benchmarks.synth.plan import TODAY, OrgPlan, TeamPlan, rng_for
from sre_docs.calc.severity import SEVERITIES

#: The three full months before the corpus' "today", oldest first.
REPORT_MONTHS = ("2026-08", "2026-09", "2026-10")
#: SRE time each team member has a month (the rest goes to feature work).
SRE_HOURS_PER_MEMBER = 50
TIMEZONES = ("Europe/Berlin", "Europe/London", "America/New_York", "America/Chicago", "Asia/Singapore")


def team_document(team: TeamPlan) -> dict[str, Any]:
    return {"team": {
        "name": team.name,
        "description": f"Builds and runs {len(team.services)} services of the {team.domain} domain, "
                       f"on call for all of them through {team.rotation}.",
        "members": list(team.members),
        "manager": team.manager,
        "slack": f"#team-{team.name}",
        "sre_hours_per_month": SRE_HOURS_PER_MEMBER * len(team.members),
        "is_sre_team": False,
    }}


def _month_days(period: str) -> int:
    year, month = map(int, period.split("-"))
    following = date(year + month // 12, month % 12 + 1, 1)
    return (following - date(year, month, 1)).days


def rotation_document(team: TeamPlan, seed: int) -> dict[str, Any]:
    rng = rng_for(seed, "rotation", team.name)
    members = list(team.members)
    secondary = members[len(members) // 2:] + members[: len(members) // 2]
    monday = TODAY - timedelta(days=TODAY.weekday())
    handoffs = []
    for weeks_ago in (2, 1, 0):
        day = monday - timedelta(weeks=weeks_ago)
        index = (day.toordinal() // 7) % len(members)
        handoffs.append({
            "date": day.isoformat(),
            "from": members[index - 1],
            "to": members[index],
            "open_issues": [f"Capacity review for {rng.choice(team.services)} still open"],
            "recent_changes": [f"{rng.choice(team.services)} moved to the new deploy pipeline - low risk, rollback tested"],
            "risks": ["Traffic peak expected on Friday evening"],
            "maintenance": [f"{(day + timedelta(days=3)).isoformat()} 06:00 UTC database minor upgrade, 20 minutes"],
        })
    health = []
    for period in REPORT_MONTHS:
        # Every member takes one or two pages: fair, and under two pages per weekly shift.
        pages = {member: 1 + (rng.random() < 0.15) for member in members}
        shifts = _month_days(period) / 7
        total = sum(pages.values())
        while total / shifts >= 2:  # keep the month inside the healthy band
            busiest = max(pages, key=lambda m: (pages[m], m))
            pages[busiest] -= 1
            total -= 1
        health.append({
            "period": period,
            "pages_per_shift": round(total / shifts, 2),
            "off_hours_pages_per_week": round(rng.uniform(0.2, 0.9), 1),
            "time_to_acknowledge_min": round(rng.uniform(1.5, 4.5), 1),
            "time_to_mitigate_min": rng.randint(8, 28),
            "false_positive_pct": rng.randint(2, 9),
            "escalation_rate_pct": rng.randint(4, 18),
            "satisfaction": round(rng.uniform(4.1, 4.8), 1),
            "pages_by_member": pages,
        })
    return {"oncall_rotation": {
        "name": team.rotation,
        "team": team.name,
        "members": members,
        "primary": members,
        "secondary": secondary,
        "schedule": {"shift_length": "1w", "handoff_day": "monday", "handoff_time": "10:00",
                     "timezone": rng.choice(TIMEZONES)},
        "follow_the_sun": {"enabled": False},
        "escalation": {"after_minutes": 15, "contact": f"{team.manager} (engineering manager)"},
        "compensation": "On-call allowance per week, plus a day off after any night page",
        "handoffs": handoffs,
        "health": health,
    }}


def default_budget_policy() -> dict[str, Any]:
    return {"error_budget_policy": {
        "budget_states": {
            "healthy": {"condition": "remaining_budget > 50%", "min_remaining_pct": 50,
                        "actions": ["Normal development velocity", "Feature work prioritized", "Chaos experiments allowed"]},
            "warning": {"condition": "remaining_budget 25-50%", "min_remaining_pct": 25,
                        "actions": ["Increase monitoring scrutiny", "Review recent changes for risk",
                                    "Limit risky deployments to business hours", "No chaos experiments"]},
            "critical": {"condition": "remaining_budget 0-25%", "min_remaining_pct": 0,
                         "actions": ["Feature freeze: reliability work only", "All deployments require SRE approval",
                                     "Mandatory rollback plan for every change", "Daily error budget review"]},
            "exhausted": {"condition": "remaining_budget <= 0",
                          "actions": ["Complete deployment freeze", "All engineering redirected to reliability",
                                      "VP Engineering notified", "Postmortem required for budget exhaustion",
                                      "Freeze maintained until budget recovers to 10%"]},
        },
        "freeze_until_recovered_pct": 10,
        "exceptions": ["Security patches always allowed", "Regulatory compliance changes always allowed",
                       "Data loss prevention always allowed"],
        "reset": "Rolling window of each SLO (no manual resets)",
    }}


def monthly_report(period: str, plan: OrgPlan, incidents: list[IncidentPlan], toil_hours: float,
                   sre_hours: float) -> dict[str, Any]:
    rng = rng_for(plan.seed, "report", period)
    month = [item for item in incidents if item.started.strftime("%Y-%m") == period]
    severities = Counter(item.severity for item in month)
    minutes = [(item.resolved - item.started).total_seconds() / 60 for item in month]
    detect = [(item.detected - item.started).total_seconds() / 60 for item in month]
    services = len(plan.services)
    return {"monthly_report": {
        "period": period,
        "slo_summary": {"services_meeting_slo": services, "services_breaching_slo": 0,
                        "worst_performing": rng.choice(plan.services).name},
        "incidents": {
            "total": len(month),
            "by_severity": {severity: severities.get(severity, 0) for severity in SEVERITIES},
            "mttr_minutes": round(sum(minutes) / len(minutes), 1) if minutes else 0,
            "mttd_minutes": round(sum(detect) / len(detect), 1) if detect else 0,
            "repeat_incidents": 0,
        },
        "error_budget": {"services_in_healthy": services, "services_in_warning": 0, "services_in_critical": 0,
                         "services_exhausted": 0},
        "toil": {"hours_spent": round(toil_hours, 1), "hours_automated_away": round(toil_hours * 0.08, 1),
                 "pct_of_sre_time": round(100 * toil_hours / sre_hours, 1) if sre_hours else 0},
        "on_call": {"total_pages": len(plan.teams) * 7, "off_hours_pages": len(plan.teams) * 2,
                    "false_positive_pct": rng.randint(3, 8), "avg_ack_time_min": round(rng.uniform(2, 4), 1)},
        "action_items": {"open": rng.randint(5, 20), "completed_this_month": rng.randint(5, 25), "overdue": 0},
        "highlights": ["Every service stayed within its error budget",
                       "Two toil items automated away in the platform teams"],
        "concerns": ["Dependency timeouts remain the most common trigger of incidents"],
        "next_month_priorities": ["Canary stages for every critical service", "Quarterly capacity review"],
    }}
