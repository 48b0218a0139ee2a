"""CAP001 (capacity runway) case by case: auto-scaling ceiling, time to the threshold, headroom floor.

The models are written out in full; positions are counted in each. The arithmetic:

* auto-scaling: instances needed = ceil(instances x peak x (1 + growth)^months / threshold);
  12 x 0.62 x 1.08^6 / 0.75 = 12 x 0.62 x 1.5869 / 0.75 = 15.74 -> 16.
* no auto-scaling: months until peak x (1 + growth)^m reaches the threshold = ln(threshold / peak) /
  ln(1 + growth); 62% at 4% to 70%: ln(1.1290) / ln(1.04) = 0.12136 / 0.03922 = 3.09 months;
  50% at 4% to 70%: ln(1.4) / ln(1.04) = 0.33647 / 0.03922 = 8.58 months.
* headroom: the stated headroom_pct, else 100 - peak.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policy_cases import Case, Expected, run_case

PATH = "services/checkout/capacity.yaml"


def model(text: str) -> dict[str, str]:
    return {PATH: text}


def warning(line: int, column: int, message: str) -> Expected:
    return Expected("CAP001", PATH, line, column, "warning", message)


AUTO = """\
capacity_model:
  service: checkout
  bottleneck_resource: CPU
  current_state:
    peak_utilization_pct: 62
  growth_forecast:
    monthly_growth_pct: 8
  scaling_strategy:
    type: horizontal
    auto_scaling: true
    current_instances: 12
    max_instances: {ceiling}
    scale_up_threshold: 75
"""

MANUAL = """\
capacity_model:
  service: checkout
  bottleneck_resource: CPU
  current_state:
    peak_utilization_pct: {peak}
  growth_forecast:
    monthly_growth_pct: {growth}
  scaling_strategy:
    type: vertical
    auto_scaling: false
    scale_up_threshold: 70
"""

HEADROOM = """\
capacity_model:
  service: checkout
  bottleneck_resource: memory
  current_state:
    peak_utilization_pct: {peak}
    headroom_pct: {headroom}
"""

CASES = [
    Case("auto-scaling needs 16 of at most 14 instances", model(AUTO.format(ceiling=14)),
         (warning(12, 20, "at 8% growth a month, 16 instances are needed within 6 months to stay under 75%, "
                          "above max_instances 14"),)),
    Case("auto-scaling needs 16 of at most 16: enough", model(AUTO.format(ceiling=16))),
    Case("horizon_months 3: 12 x 0.62 x 1.08^3 / 0.75 = 12.5 -> 13 of 14", model(AUTO.format(ceiling=14)),
         config="policies:\n  CAP001: {options: {horizon_months: 3}}\n"),
    Case("no auto-scaling: the threshold in 3.1 months", model(MANUAL.format(peak=62, growth=4)),
         (warning(5, 27, "peak utilisation 62% growing 4% a month reaches the 70% scale-up threshold in 3.1 months"),)),
    Case("no auto-scaling: the threshold in 8.6 months, past the 6-month horizon", model(MANUAL.format(peak=50, growth=4))),
    Case("horizon_months 9 takes in the 8.6 months", model(MANUAL.format(peak=50, growth=4)),
         (warning(5, 27, "peak utilisation 50% growing 4% a month reaches the 70% scale-up threshold in 8.6 months"),),
         config="policies:\n  CAP001: {options: {horizon_months: 9}}\n"),
    Case("no growth never reaches the threshold", model(MANUAL.format(peak=62, growth=0))),
    # 35% doubling every month reaches 70% in ln(70 / 35) / ln(2) = 1.0 month; exactly at a 1-month horizon is within.
    Case("the threshold reached exactly at the horizon is short", model(MANUAL.format(peak=35, growth=100)),
         (warning(5, 27, "peak utilisation 35% growing 100% a month reaches the 70% scale-up threshold in 1.0 months"),),
         config="policies:\n  CAP001: {options: {horizon_months: 1}}\n"),
    # Instances are given but auto-scaling is off: the runway is the threshold's (3.1 months), not the instances'.
    Case("instances without auto-scaling: the threshold decides",
         model(AUTO.format(ceiling=40).replace("auto_scaling: true", "auto_scaling: false")
               .replace("monthly_growth_pct: 8", "monthly_growth_pct: 4").replace("scale_up_threshold: 75", "scale_up_threshold: 70")),
         (warning(5, 27, "peak utilisation 62% growing 4% a month reaches the 70% scale-up threshold in 3.1 months"),)),
    Case("stated headroom 15% is under the 20% floor", model(HEADROOM.format(peak=60, headroom=15)),
         (warning(6, 19, "headroom is 15%, below the 20% floor"),)),
    Case("stated headroom exactly 20% is on the floor", model(HEADROOM.format(peak=60, headroom=20))),
    Case("min_headroom_pct 30 with 25% stated", model(HEADROOM.format(peak=60, headroom=25)),
         (warning(6, 19, "headroom is 25%, below the 30% floor"),),
         config="policies:\n  CAP001: {options: {min_headroom_pct: 30}}\n"),
    Case("no stated headroom: 100 - 85% peak = 15%, pinned to the peak",
         model("capacity_model:\n  service: checkout\n  bottleneck_resource: CPU\n  current_state:\n"
               "    peak_utilization_pct: 85\n"),
         (warning(5, 27, "headroom is 15%, below the 20% floor"),)),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_cap001(tmp_path: Path, case: Case) -> None:
    assert run_case(tmp_path, "CAP001", case) == sorted(case.expected)
