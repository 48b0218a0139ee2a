"""The monthly reliability report: one month of SLOs, incidents, budgets, toil and on-call.

It is the organisation's look back over a month, filed under org/reports/ by period, and
the figures a leadership review starts from.
"""

from sre_docs.schemas.fields import count, fixed_keys, formatted, mapping, number, percent, text, texts
from sre_docs.schemas.vocabulary import SEVERITIES

KIND = "monthly_report"
SCOPE = "org"
SCHEMA = {
    "period": formatted("month", "The month reported on, YYYY-MM.", required=True),
    "slo_summary": mapping({
        "services_meeting_slo": count("Services that met every SLO."),
        "services_breaching_slo": count("Services that missed at least one SLO."),
        "worst_performing": text("The service furthest from its SLO."),
    }, "How services did against their SLOs."),
    "incidents": mapping({
        "total": count("Incidents opened in the month."),
        "by_severity": fixed_keys(SEVERITIES, count("Incidents of this severity."), "Incidents per severity."),
        "mttr_minutes": number("Mean time to resolve, in minutes.", min=0),
        "mttd_minutes": number("Mean time to detect, in minutes.", min=0),
        "repeat_incidents": count("Incidents with the same cause as an earlier one."),
    }, "The month's incidents."),
    "error_budget": mapping({
        "services_in_healthy": count("Services with a healthy budget."),
        "services_in_warning": count("Services in the warning state."),
        "services_in_critical": count("Services in the critical state."),
        "services_exhausted": count("Services with no budget left."),
    }, "Services by error budget state at the end of the month."),
    "toil": mapping({
        "hours_spent": number("Hours spent on toil.", min=0),
        "hours_automated_away": number("Hours a month saved by automation finished this month.", min=0),
        "pct_of_sre_time": percent("Share of SRE time spent on toil, in percent (target: under 25)."),
    }, "Toil spent and removed."),
    "on_call": mapping({
        "total_pages": count("Pages sent."),
        "off_hours_pages": count("Pages outside working hours."),
        "false_positive_pct": percent("Share of pages that needed no action, in percent."),
        "avg_ack_time_min": number("Mean minutes to acknowledge a page.", min=0),
    }, "On-call load."),
    "action_items": mapping({
        "open": count("Postmortem action items still open."),
        "completed_this_month": count("Action items finished this month."),
        "overdue": count("Open action items past their deadline."),
    }, "Postmortem follow-through."),
    "highlights": texts("What went well."),
    "concerns": texts("What worries us."),
    "next_month_priorities": texts("What we focus on next."),
}
EXAMPLE = """\
monthly_report:
  period: 2026-10
  slo_summary:
    services_meeting_slo: 17
    services_breaching_slo: 2
    worst_performing: search
  incidents:
    total: 6
    by_severity: {SEV1: 0, SEV2: 1, SEV3: 3, SEV4: 2}
    mttr_minutes: 74
    mttd_minutes: 6
    repeat_incidents: 1
  error_budget:
    services_in_healthy: 14
    services_in_warning: 3
    services_in_critical: 1
    services_exhausted: 1
  toil:
    hours_spent: 96
    hours_automated_away: 12
    pct_of_sre_time: 21
  on_call:
    total_pages: 38
    off_hours_pages: 9
    false_positive_pct: 13
    avg_ack_time_min: 4.2
  action_items:
    open: 11
    completed_this_month: 9
    overdue: 2
  highlights: [Checkout canary deploys live]
  concerns: [Search has spent its budget two months running]
  next_month_priorities: [Search reliability sprint]
"""
