"""``sre-docs pull pages`` on PagerDuty and Opsgenie export fixtures, then ``oncall health`` on the result.

The fixtures (tests/integrations/fixtures/paging/) use the columns of the vendors' exports that
sre_docs.integrations.paging_exports documents; each holds the cases the reader must report: an
unknown column, a duplicate, a time without a zone, a truncated row, a negative acknowledgement
time, low-urgency and P5 alerts that do not page, and a service the repo does not know.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from integration_helpers import PROJECT, run_cli

FIXTURES = Path(__file__).parent / "fixtures" / "paging"
ROTATION = "org/oncall/money-movement-oncall.yaml"


@pytest.fixture
def example(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    for part in ("services", "org"):
        shutil.copytree(PROJECT / part, root / part)
    shutil.copy(PROJECT / "sre-docs.yaml", root / "sre-docs.yaml")
    return root


def _pull(root: Path, *args: str) -> subprocess.CompletedProcess:
    return run_cli("pull", "pages", "--root", str(root), *args, cwd=FIXTURES)


def test_pagerduty_csv_adds_a_derived_month(example: Path) -> None:
    before = (example / ROTATION).read_text()
    result = _pull(example, "pagerduty-incidents.csv")
    assert result.stderr.splitlines() == [
        "pagerduty-incidents.csv:1:13: warning PAGE002 unknown pagerduty column 'custom_field'; it is not read",
        "pagerduty-incidents.csv:7:1: warning PAGE002 Q1A2B3D is listed again (a duplicate); counted once",
        "pagerduty-incidents.csv:9:6: error PAGE001 created_on: '2026-07-20 10:00:00' has no time zone; export with UTC "
        "offsets (2026-11-02T03:14:00+01:00); skipped",
        "pagerduty-incidents.csv:10:1: error PAGE001 row has 3 fields, the header 13; skipped",
        "4 finding(s): 2 error(s), 2 warning(s), 0 info in 1 file(s)",
    ]
    assert result.returncode == 1  # the skipped rows are errors in the export
    # July 2026, 31 days, 7-day shifts, Lisbon (UTC+1): five pages (the duplicate, the low-urgency one and the
    # two broken rows left out). 5 / (31/7) = 1.13 a shift; off hours: Saturday 02:30Z, Tuesday 18:30 local,
    # Wednesday 07:00 local -> 3 / (31/7) = 0.68 a week; acknowledged after 2, 5, 10 and 1 min -> 4.5 (one never);
    # checkout 4 x 7/31 = 0.9, payments 7/31 = 0.23 a week.
    assert (example / ROTATION).read_text() == before + """\
    - period: 2026-07
      derived_from: pagerduty
      pages_per_shift: 1.13
      off_hours_pages_per_week: 0.68
      time_to_acknowledge_min: 4.5
      pages_by_member:
        elena.petrova: 2
        marcus.reid: 1
        sofia.lindqvist: 1
        dev.malhotra: 1
        grace.achieng: 0
        hugo.moreau: 0
        ines.carvalho: 0
      pages_per_week_by_service:
        checkout: 0.9
        payments: 0.23
"""
    assert result.stdout.splitlines()[-1] == (
        "5 page(s) read from 1 file(s) (1 that do not page left out); 1 change(s) to 1 rotation(s), 0 figure(s) unchanged")

    # Again: nothing changes.
    written = (example / ROTATION).read_bytes()
    again = _pull(example, "pagerduty-incidents.csv")
    assert again.stdout.splitlines() == [
        "5 page(s) read from 1 file(s) (1 that do not page left out); 0 change(s) to 0 rotation(s), 6 figure(s) unchanged"]
    assert (example / ROTATION).read_bytes() == written

    # `oncall health` reads the derived month: 1.13 pages a shift is healthy (< 2); elena took 2 of 5 pages over
    # 7 members -> 2 / (5/7) = 2.8x the average share.
    health = subprocess.run(["sre-docs", "oncall", "health", "--rotation", "money-movement-oncall", "--period", "2026-07",
                             "--json", "--root", str(example)], capture_output=True, text=True, check=True)
    data = json.loads(health.stdout)
    item = data[0] if isinstance(data, list) else data["rotations"][0]
    assert {m["id"]: (m["value"], m["health"]) for m in item["metrics"]} == {
        "pages_per_shift": (1.13, "healthy"), "off_hours_pages_per_week": (0.68, "healthy"),
        "time_to_acknowledge_min": (4.5, "healthy")}
    assert item["page_load_imbalance"] == 2.8
    assert "elena.petrova took 2 of 5 pages (2.8x the average share)" in item["concerns"]


def test_pagerduty_json_meets_a_hand_typed_month(example: Path) -> None:
    before = (example / ROTATION).read_text()
    result = _pull(example, "pagerduty-incidents.json")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "org/oncall/money-movement-oncall.yaml:95:24: error PAGE004 rotation money-movement-oncall, 2026-11: "
        "pages_per_shift is 2.6, the pages say 0.84; left alone (--force replaces it)",
        "org/oncall/money-movement-oncall.yaml:96:33: error PAGE004 rotation money-movement-oncall, 2026-11: "
        "off_hours_pages_per_week is 1.6, the pages say 0.28; left alone (--force replaces it)",
        "org/oncall/money-movement-oncall.yaml:97:32: error PAGE004 rotation money-movement-oncall, 2026-11: "
        "time_to_acknowledge_min is 3.9, the pages say 5.5; left alone (--force replaces it)",
        "org/oncall/money-movement-oncall.yaml:103:9: error PAGE004 rotation money-movement-oncall, 2026-11: "
        "pages_by_member is {'elena.petrova': 1, 'marcus.reid': 2, 'sofia.lindqvist': 1, 'dev.malhotra': 1, "
        "'grace.achieng': 2, 'hugo.moreau': 2, 'ines.carvalho': 1}, the pages say {'elena.petrova': 0, "
        "'marcus.reid': 0, 'sofia.lindqvist': 0, 'dev.malhotra': 0, 'grace.achieng': 1, 'hugo.moreau': 1, "
        "'ines.carvalho': 1}; left alone (--force replaces it)",
        "pagerduty-incidents.json:1:1: warning PAGE003 1 page(s) for 'legacy-billing', which is no service of the "
        "repo with an oncall_rotation; not counted (give --rotation to count them for one rotation)",
        "5 finding(s): 4 error(s), 1 warning(s), 0 info in 2 file(s)",
    ]
    # November up to today (2026-11-26): 25 days. Three pages: Tue 03 03:00Z (off hours), Tue 10 14:00Z, Fri 20
    # 09:00Z -> 3 / (25/7) = 0.84 a shift, 1 / (25/7) = 0.28 off hours a week, acknowledged after 4 and 7 min
    # -> 5.5; checkout 2 x 7/25 = 0.56, payments 0.28 a week. Only the figure nobody typed is added, and the row
    # is not marked derived while hand-typed figures disagree.
    assert result.stdout.splitlines()[0] == (
        "org/oncall/money-movement-oncall.yaml: + health 2026-11 pages_per_week_by_service {checkout: 0.56, payments: 0.28}")
    assert (example / ROTATION).read_text() == before + "      pages_per_week_by_service:\n        checkout: 0.56\n" \
                                                        "        payments: 0.28\n"
    forced = _pull(example, "pagerduty-incidents.json", "--force")
    assert forced.returncode == 0, forced.stderr
    text = (example / ROTATION).read_text()
    row = text[text.index("    - period: 2026-11"):]
    assert row == """\
    - period: 2026-11
      pages_per_shift: 0.84
      off_hours_pages_per_week: 0.28
      time_to_acknowledge_min: 5.5
      time_to_mitigate_min: 27
      false_positive_pct: 16
      escalation_rate_pct: 19
      satisfaction: 3.3
      pages_by_member:
        elena.petrova: 0
        marcus.reid: 0
        sofia.lindqvist: 0
        dev.malhotra: 0
        grace.achieng: 1
        hugo.moreau: 1
        ines.carvalho: 1
      pages_per_week_by_service:
        checkout: 0.56
        payments: 0.28
      derived_from: pagerduty
"""


def test_opsgenie_csv(example: Path) -> None:
    result = _pull(example, "opsgenie-alerts.csv", "--format", "opsgenie")
    assert result.stderr.splitlines() == [
        "opsgenie-alerts.csv:5:8: error PAGE001 TimeToAck: '-5' is negative; skipped",
        "1 finding(s): 1 error(s), 0 warning(s), 0 info in 1 file(s)",
    ]
    # June 2026, 30 days, Lisbon (UTC+1): Mon 01 09:30 local (on hours), Sat 06 23:00Z (epoch milliseconds, off
    # hours) -> 2 / (30/7) = 0.47 a shift, 1 / (30/7) = 0.23 off hours a week, (3 + 15) / 2 = 9 min; the P5 alert
    # does not page.
    text = (example / "org/oncall/discovery-oncall.yaml").read_text()
    assert text.endswith("""\
    - period: 2026-06
      derived_from: opsgenie
      pages_per_shift: 0.47
      off_hours_pages_per_week: 0.23
      time_to_acknowledge_min: 9.0
      pages_by_member:
        kenji.mori: 1
        laura.bianchi: 1
        omar.siddiqui: 0
        rosa.delgado: 0
        felix.wagner: 0
      pages_per_week_by_service:
        catalog: 0.23
        search: 0.23
""")


def test_dry_run_and_a_rotation_given(example: Path) -> None:
    before = (example / ROTATION).read_bytes()
    result = _pull(example, "pagerduty-incidents.json", "--rotation", "money-movement-oncall", "--dry-run", "--force")
    # With --rotation, the legacy-billing page counts too: 4 pages -> 4 / (25/7) = 1.12 a shift.
    assert "~ health 2026-11 pages_per_shift 2.6 -> 1.12" in result.stdout
    assert result.stdout.splitlines()[-1].startswith("dry run: 4 page(s) read from 1 file(s);")
    assert (example / ROTATION).read_bytes() == before


@pytest.mark.parametrize("files, vendor, message", [
    (["nowhere.csv"], None, "sre-docs: nowhere.csv: cannot be read (No such file or directory)"),
    (["opsgenie-alerts.csv", "pagerduty-incidents.csv"], None,
     "sre-docs: the files mix PagerDuty and Opsgenie exports; pull each tool's files on their own"),
])
def test_usage_errors(example: Path, files, vendor, message) -> None:
    result = _pull(example, *files, *(["--format", vendor] if vendor else []))
    assert (result.returncode, result.stderr.splitlines()[-1]) == (2, message)


def test_the_wrong_format_is_refused(example: Path) -> None:
    result = _pull(example, "opsgenie-alerts.csv", "--format", "pagerduty")
    assert result.stderr.splitlines()[0] == (
        "opsgenie-alerts.csv:1:1: error PAGE001 this looks like an Opsgenie export, not a PagerDuty one")
    assert result.returncode == 1
