"""Bad paging exports: each defect is one finding at its row and column, and nothing else is read from it."""

from __future__ import annotations

import pytest

from sre_docs.integrations.paging_exports import read_export

PD_HEADER = "id,created_on,service_name,seconds_to_first_ack,acknowledged_by,urgency\n"

CASES = {
    # name: (file name, bytes, --format, expected (code, line, column, message), pages read)
    "not UTF-8": ("pd.csv", b"id,created_on\n\xff\n", None,
                  [("PAGE001", 1, 1, "not UTF-8 (invalid start byte)")], 0),
    "JSON handed in as Opsgenie": ("og.json", b"[]", "opsgenie",
                                   [("PAGE001", 1, 1, "Opsgenie exports are CSV; this is JSON")], 0),
    "no header row": ("pd.csv", b"\n", None, [("PAGE001", 1, 1, "empty export: no header row")], 0),
    "columns of neither vendor": ("x.csv", b"when,who\n2026-11-02T03:14:00Z,amara\n", None, [
        ("PAGE001", 1, 1, "neither a PagerDuty (created_on) nor an Opsgenie (CreatedAt) export; give --format")], 0),
    "an Opsgenie file given as PagerDuty": ("og.csv", b"TinyId,CreatedAt\n1,2026-11-02T03:14:00Z\n", "pagerduty", [
        ("PAGE001", 1, 1, "this looks like an Opsgenie export, not a PagerDuty one")], 0),
    "required columns missing": ("pd.csv", b"created_on,urgency\n2026-11-02T03:14:00Z,high\n", "pagerduty", [
        ("PAGE001", 1, 1, "the pagerduty export lacks the column(s) service_name, id or incident_number; "
                          "nothing read from it")], 0),
    "a row with too few fields": ("pd.csv", (PD_HEADER + "P1,2026-11-02T03:14:00Z,checkout\n").encode(), None, [
        ("PAGE001", 2, 1, "row has 3 fields, the header 6; skipped")], 0),
    "a row without an id": ("pd.csv", (PD_HEADER + ",2026-11-02T03:14:00Z,checkout,60,amara,high\n").encode(), None, [
        ("PAGE001", 2, 1, "row without an id; skipped")], 0),
    "a time without a zone": ("pd.csv", (PD_HEADER + "P1,2026-11-02T03:14:00,checkout,60,amara,high\n").encode(), None, [
        ("PAGE001", 2, 2, "created_on: '2026-11-02T03:14:00' has no time zone; export with UTC offsets "
                          "(2026-11-02T03:14:00+01:00); skipped")], 0),
    "a time that is not one": ("pd.csv", (PD_HEADER + "P1,yesterday,checkout,60,amara,high\n").encode(), None, [
        ("PAGE001", 2, 2, "created_on: 'yesterday' is not a date and time (ISO 8601, like 2026-11-02T03:14:00Z); "
                          "skipped")], 0),
    "an acknowledgement that is not a number": (
        "pd.csv", (PD_HEADER + "P1,2026-11-02T03:14:00Z,checkout,soon,amara,high\n").encode(), None, [
            ("PAGE001", 2, 4, "seconds_to_first_ack: 'soon' is not a number; skipped")], 0),
    "a negative acknowledgement": (
        "pd.csv", (PD_HEADER + "P1,2026-11-02T03:14:00Z,checkout,-5,amara,high\n").encode(), None, [
            ("PAGE001", 2, 4, "seconds_to_first_ack: '-5' is negative; skipped")], 0),
    "an unknown column and a duplicate": (
        "pd.csv", (PD_HEADER.rstrip("\n") + ",mood\n" + "P1,2026-11-02T03:14:00Z,checkout,60,amara,high,ok\n"
                   "P1,2026-11-02T03:14:00Z,checkout,60,amara,high,ok\n").encode(), None, [
            ("PAGE002", 1, 7, "unknown pagerduty column 'mood'; it is not read"),
            ("PAGE002", 3, 1, "P1 is listed again (a duplicate); counted once")], 1),
    "Opsgenie epoch milliseconds, a P5 that does not page": (
        "og.csv", b"TinyId,CreatedAt,TimeToAck,Tags,Priority\n7,1793589240000,90000,service:checkout,P1\n"
                  b"8,1793589240000,1000,service:checkout,P5\n", None, [], 1),
}


@pytest.mark.parametrize("name", list(CASES))
def test_a_bad_export_is_reported_row_by_row(name: str) -> None:
    path, data, vendor, expected, pages = CASES[name]
    read = read_export(data, path, vendor, set())
    assert [(f.code, f.line, f.column, f.message) for f in read.findings] == expected
    assert len(read.pages) == pages


def test_opsgenie_times_and_acknowledgements_are_read_in_their_units() -> None:
    read = read_export(b"TinyId,CreatedAt,TimeToAck,Tags,Priority\n7,1793589240000,90000,service:checkout,P1\n",
                       "og.csv", None, set())
    (page,) = read.pages
    # 1,793,589,240,000 ms after the epoch is 2026-11-02T03:14:00Z; 90,000 ms to acknowledge is 90 s.
    assert page.created.isoformat() == "2026-11-02T03:14:00+00:00"
    assert page.acknowledged_after is not None and page.acknowledged_after.total_seconds() == 90
    assert page.service == "checkout"
