"""An on-call rotation: who carries the pager, in what order, and how the load feels.

Besides the layers and the schedule it keeps handoff notes and monthly health figures,
so the load on each person, and the trend, can be checked against healthy thresholds.
"""

from collections.abc import Mapping
from types import MappingProxyType

from sre_docs.schemas.fields import (
    count, enum, flag, formatted, identifier, identifiers, list_of, mapping, number, percent, record,
    table, text, texts,
)
from sre_docs.schemas.vocabulary import PAGING_SOURCES, WEEKDAYS

KIND = "oncall_rotation"
SCOPE = "org"

#: Each ``health`` row field that the guide sets a threshold for -> its metric id in
#: ``sre_docs.calc.oncall`` (the one place that maps the schema's names to the calc's).
HEALTH_METRICS: Mapping[str, str] = MappingProxyType({
    "pages_per_shift": "pages_per_shift",
    "off_hours_pages_per_week": "off_hours_pages_per_week",
    "time_to_acknowledge_min": "time_to_acknowledge_min",
    "time_to_mitigate_min": "time_to_mitigate_min",
    "false_positive_pct": "false_positive_rate_pct",
    "escalation_rate_pct": "escalation_rate_pct",
    "satisfaction": "satisfaction",
})
SCHEMA = {
    "name": identifier("Name of the rotation; services name it in `oncall_rotation`.", required=True),
    "team": identifier("The team (an org `team`) that staffs it.", required=True),
    "members": identifiers("Everyone who takes shifts.", required=True, min_items=1),
    "primary": identifiers("The primary layer, in shift order.", required=True, min_items=1),
    "secondary": identifiers("The secondary layer, in shift order; leave it out when there is none."),
    "schedule": mapping({
        "shift_length": formatted("duration", "Length of one shift, e.g. 1w."),
        "handoff_day": enum(WEEKDAYS, "Day of the week the pager changes hands."),
        "handoff_time": formatted("clock", "Time of day of the handoff, HH:MM (quote it)."),
        "timezone": text("Timezone of the handoff time, e.g. Europe/Berlin."),
    }, "When shifts start and end."),
    "follow_the_sun": mapping({
        "enabled": flag("Shifts follow daylight across regions."),
        "regions": texts("Regions that take part, in order."),
    }, "Follow-the-sun set-up for global teams."),
    "escalation": mapping({
        "after_minutes": count("Escalate an unacknowledged page after this many minutes."),
        "contact": text("Who is called then."),
    }, "What happens when nobody answers."),
    "compensation": text("How on-call time is paid or given back."),
    "handoffs": list_of(record({
        "date": formatted("date", "Day of the handoff.", required=True),
        "from": identifier("Who handed the pager over.", required=True),
        "to": identifier("Who took it.", required=True),
        "open_issues": texts("Problems still open, with their state."),
        "recent_changes": texts("Deploys and config changes of the last week, with their risk."),
        "risks": texts("Known risks to watch for."),
        "maintenance": texts("Planned maintenance during the shift."),
    }), "Handoff notes, newest last."),
    "health": list_of(record({
        "period": formatted("month", "The month measured.", required=True),
        "pages_per_shift": number("Pages per shift (healthy below 2).", min=0),
        "off_hours_pages_per_week": number("Off-hours pages per week (healthy below 1).", min=0),
        "time_to_acknowledge_min": number("Minutes to acknowledge (healthy below 5).", min=0),
        "time_to_mitigate_min": number("Minutes to mitigate (healthy below 30).", min=0),
        "false_positive_pct": percent("Pages that needed no action, in percent (healthy below 10)."),
        "escalation_rate_pct": percent("Pages escalated, in percent (healthy below 20)."),
        "satisfaction": number("Survey score from 1 to 5 (healthy above 4).", min=1, max=5),
        "pages_by_member": table(
            {"type": "identifier"},
            count("Pages this member received."),
            "Pages per member, to check the load is fair.",
        ),
        "pages_per_week_by_service": table(
            {"type": "identifier"},
            number("Pages a week for this service (the guide: fewer than 5).", min=0),
            "Pages per week of each service the rotation carries.",
        ),
        "derived_from": enum(PAGING_SOURCES, "The paging export the figures were derived from by "
                                             "`sre-docs pull pages`; absent when typed in by hand."),
    }), "On-call health figures, one row per month."),
}
EXAMPLE = """\
oncall_rotation:
  name: payments-primary
  team: payments
  members: [amara, jonas, li-wei, sofia, noah]
  primary: [amara, jonas, li-wei, sofia, noah]
  secondary: [noah, amara, jonas, li-wei, sofia]
  schedule:
    shift_length: 1w
    handoff_day: monday
    handoff_time: "10:00"
    timezone: Europe/Berlin
  follow_the_sun:
    enabled: false
  escalation:
    after_minutes: 15
    contact: payments engineering manager
  compensation: On-call allowance plus a day off after a night page
  handoffs:
    - date: 2026-11-02
      from: amara
      to: jonas
      open_issues: [INC-2026-014 action items in progress]
      recent_changes: [Gateway client rolled back to 4.1 - low risk]
      risks: [Black Friday load test on Thursday]
      maintenance: []
  health:
    - period: 2026-10
      pages_per_shift: 1.6
      off_hours_pages_per_week: 0.5
      time_to_acknowledge_min: 3.5
      time_to_mitigate_min: 24
      false_positive_pct: 8
      escalation_rate_pct: 12
      satisfaction: 4.2
      pages_by_member: {amara: 3, jonas: 2, li-wei: 1, sofia: 1, noah: 1}
"""
