"""A capacity model: how close a service is to its limit, and when growth gets it there.

It names the resource that runs out first, today's utilisation and headroom, the growth
forecast, how the service scales, and what that will cost.
"""

from sre_docs.schemas.fields import count, enum, flag, formatted, list_of, mapping, number, percent, record, text
from sre_docs.schemas.vocabulary import (
    BOTTLENECK_RESOURCES, CAPACITY_REVIEW_CADENCES, LOAD_TEST_RESULTS, LOAD_TEST_SCENARIOS, SCALING_TYPES,
)

KIND = "capacity_model"
SCOPE = "service"
SCHEMA = {
    "service": text("The service it models.", required=True),
    "bottleneck_resource": enum(BOTTLENECK_RESOURCES, "The resource that runs out first.", required=True),
    "current_state": mapping({
        "peak_utilization_pct": percent("Utilisation of the bottleneck at peak, in percent."),
        "headroom_pct": percent("Capacity left at peak, in percent."),
        "cost_per_month_usd": number("Running cost per month, in US dollars.", min=0),
    }, "Where the service stands today."),
    "growth_forecast": mapping({
        "metric": text("What grows (MAU, requests/sec, storage_gb …)."),
        "current": number("Its value today.", min=0),
        "monthly_growth_pct": number("Growth per month, in percent; negative when shrinking.", above=-100),
        "projected_6mo": number("Its value in six months.", min=0),
        "projected_12mo": number("Its value in twelve months.", min=0),
    }, "How demand is expected to grow."),
    "scaling_strategy": mapping({
        "type": enum(SCALING_TYPES, "More instances, bigger instances, or both."),
        "auto_scaling": flag("Scaling happens without a human."),
        "min_instances": count("Fewest instances."),
        "max_instances": count("Most instances."),
        "current_instances": count("Instances running now."),
        "scale_up_threshold": percent("Utilisation that adds capacity, in percent."),
        "scale_down_threshold": percent("Utilisation that removes capacity, in percent."),
        "cooldown_seconds": count("Seconds to wait between scaling steps."),
    }, "How capacity is added and removed."),
    "cost_projection": mapping({
        "current_monthly": number("Cost per month today, in US dollars.", min=0),
        "projected_6mo_monthly": number("Cost per month in six months.", min=0),
        "projected_12mo_monthly": number("Cost per month in twelve months.", min=0),
    }, "What the growth will cost."),
    "last_load_test": formatted("date", "When it was last load tested."),
    "load_tests": list_of(record({
        "scenario": enum(LOAD_TEST_SCENARIOS, "Which of the guide's five benchmarks was run.", required=True),
        "date": formatted("date", "When it ran.", required=True),
        "result": enum(LOAD_TEST_RESULTS, "Whether it met the scenario's target.", required=True),
        "notes": text("What it showed (peak reached, what broke first)."),
    }), "Load-test runs, one item per run: baseline, growth (2x peak), spike (10x), soak (1.5x, 4 h), stress."),
    "review_cadence": enum(CAPACITY_REVIEW_CADENCES, "How often the model gets its full review (default quarterly)."),
    "last_review": formatted("date", "When the model last had its full review."),
}
EXAMPLE = """\
capacity_model:
  service: checkout
  bottleneck_resource: connections
  current_state:
    peak_utilization_pct: 62
    headroom_pct: 38
    cost_per_month_usd: 14500
  growth_forecast:
    metric: requests/sec
    current: 1200
    monthly_growth_pct: 4
    projected_6mo: 1518
    projected_12mo: 1921
  scaling_strategy:
    type: horizontal
    auto_scaling: true
    min_instances: 6
    max_instances: 30
    current_instances: 9
    scale_up_threshold: 70
    scale_down_threshold: 30
    cooldown_seconds: 300
  cost_projection:
    current_monthly: 14500
    projected_6mo_monthly: 17800
    projected_12mo_monthly: 22100
  last_load_test: 2026-09-12
  load_tests:
    - scenario: growth
      date: 2026-09-12
      result: pass
      notes: 2x peak held; scaled from 9 to 17 instances
  review_cadence: quarterly
  last_review: 2026-10-01
"""
