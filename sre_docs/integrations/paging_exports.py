"""Pages from the exports paging tools let people download: PagerDuty (CSV, JSON) and Opsgenie (CSV).

Each file becomes a list of :class:`~sre_docs.calc.paging.Page` and findings at ``file:line:col``
(for CSV the line of the row and the column's position; for JSON line 1 and the item's index in the
message). Columns read:

* PagerDuty incident CSV: ``id`` (or ``incident_number``), ``created_on``, ``service_name``, and when
  present ``seconds_to_first_ack``, ``acknowledged_by`` (else ``assigned_to_user``), ``urgency``.
* PagerDuty JSON (the REST API's incident list, ``{"incidents": [...]}``, or the analytics export's
  ``{"data": [...]}``, or a bare list): ``id``, ``created_at``, ``service.summary`` (or
  ``service_name``), ``seconds_to_first_ack`` or the first ``acknowledgements[].at``, the first
  acknowledger's or assignee's ``summary`` (or ``assigned_user_names``), ``urgency``.
* Opsgenie alert CSV: ``TinyId`` (or ``AlertId``, ``Alias``), ``CreatedAt`` (ISO 8601 with an offset, or
  epoch milliseconds), ``TimeToAck`` (milliseconds), ``AcknowledgedBy`` (else ``Owner``), the service
  from a ``service:<name>`` tag in ``Tags`` (else ``Entity``), ``Priority``.

Rules: a time without a time zone is refused (a page at "09:30" is on-hours in one place and
off-hours in another); a low-urgency PagerDuty incident and an Opsgenie P5 alert do not page and are
left out; an id seen before (in any file) is a duplicate and counted once; a row with the wrong
number of fields, an unreadable time or a negative acknowledgement time is reported and skipped;
a column sre-docs does not know is reported (it may be a renamed one it should read).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from sre_docs.calc.paging import Page
from sre_docs.findings import Finding, Severity

__all__ = ["ExportRead", "read_export", "read_exports"]

UTC = dt.timezone.utc

PAGERDUTY_COLUMNS = frozenset({
    "id", "incident_number", "description", "title", "service_id", "service_name", "escalation_policy_id",
    "escalation_policy_name", "created_on", "resolved_on", "urgency", "status", "priority", "seconds_to_first_ack",
    "seconds_to_resolve", "auto_resolved", "escalation_count", "assigned_to_user", "acknowledged_by", "resolved_by",
    "team_id", "team_name", "incident_key", "html_url", "url",
})
OPSGENIE_COLUMNS = frozenset({
    "AlertId", "TinyId", "Alias", "Message", "Description", "Status", "Acknowledged", "IsSeen", "Snoozed", "Count",
    "CreatedAt", "UpdatedAt", "LastOccurredAt", "Owner", "Teams", "Responders", "Tags", "Priority", "Source", "Entity",
    "TimeToAck", "TimeToClose", "AcknowledgedBy", "ClosedBy", "Integration", "IntegrationType",
})


@dataclass
class ExportRead:
    """Pages read from one or more exports, and what was wrong with them."""

    vendor: str
    pages: list[Page] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    not_paging: int = 0


def _instant(text: str) -> tuple[dt.datetime | None, str | None]:
    """An aware instant from ISO 8601 text or epoch milliseconds, or a reason it is not one."""
    text = text.strip()
    if text.isdigit():
        return dt.datetime.fromtimestamp(int(text) / 1000, UTC), None
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00").replace(" UTC", "+00:00"))
    except ValueError:
        return None, f"{text!r} is not a date and time (ISO 8601, like 2026-11-02T03:14:00Z)"
    if moment.tzinfo is None:
        return None, f"{text!r} has no time zone; export with UTC offsets (2026-11-02T03:14:00+01:00)"
    return moment, None


def _seconds(text: str, scale: float) -> tuple[dt.timedelta | None, str | None]:
    text = text.strip()
    if not text:
        return None, None
    try:
        value = float(text) * scale
    except ValueError:
        return None, f"{text!r} is not a number"
    if not value >= 0:
        return None, f"{text!r} is negative"
    return dt.timedelta(seconds=value), None


def _sniff(header: list[str]) -> str | None:
    names = set(header)
    if "created_on" in names:
        return "pagerduty"
    if "CreatedAt" in names:
        return "opsgenie"
    return None


def _finding(path: str, line: int, column: int, message: str, level: Severity = Severity.ERROR) -> Finding:
    return Finding("PAGE001" if level is Severity.ERROR else "PAGE002", level, path, line, column, message)


def read_export(data: bytes, path: str, vendor: str | None, seen: set[str]) -> ExportRead:
    """Pages of one export file (``vendor`` None: recognised from its columns); ``seen`` ids are duplicates."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return ExportRead(vendor or "?", findings=[_finding(path, 1, 1, f"not UTF-8 ({exc.reason})")])
    if path.lower().endswith(".json") or text.lstrip().startswith(("{", "[")):
        if vendor == "opsgenie":
            return ExportRead("opsgenie", findings=[_finding(path, 1, 1, "Opsgenie exports are CSV; this is JSON")])
        return _pagerduty_json(text, path, seen)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows or not any(cell.strip() for cell in rows[0]):
        return ExportRead(vendor or "?", findings=[_finding(path, 1, 1, "empty export: no header row")])
    header = [cell.strip() for cell in rows[0]]
    found = _sniff(header)
    if vendor is None:
        vendor = found
    if vendor is None:
        return ExportRead("?", findings=[_finding(
            path, 1, 1, "neither a PagerDuty (created_on) nor an Opsgenie (CreatedAt) export; give --format")])
    if found is not None and found != vendor:
        names = {"pagerduty": "a PagerDuty", "opsgenie": "an Opsgenie"}
        return ExportRead(vendor, findings=[_finding(path, 1, 1, f"this looks like {names[found]} export, "
                                                                 f"not {names[vendor]} one")])
    known = PAGERDUTY_COLUMNS if vendor == "pagerduty" else OPSGENIE_COLUMNS
    result = ExportRead(vendor)
    for index, name in enumerate(header):
        if name not in known:
            result.findings.append(_finding(path, 1, index + 1, f"unknown {vendor} column {name!r}; it is not read",
                                            Severity.WARNING))
    required = ("created_on", "service_name") if vendor == "pagerduty" else ("CreatedAt",)
    ids = ("id", "incident_number") if vendor == "pagerduty" else ("TinyId", "AlertId", "Alias")
    missing = [name for name in required if name not in header]
    if not any(name in header for name in ids):
        missing.append(" or ".join(ids))
    if missing:
        result.findings.append(_finding(path, 1, 1, f"the {vendor} export lacks the column(s) {', '.join(missing)}; "
                                                    "nothing read from it"))
        return result
    column = {name: header.index(name) for name in header}
    line = 1
    reader_lines = _row_lines(text)
    for number, row in enumerate(rows[1:], start=1):
        line = reader_lines[number] if number < len(reader_lines) else line + 1
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            result.findings.append(_finding(path, line, 1, f"row has {len(row)} fields, the header {len(header)}; skipped"))
            continue
        value = {name: row[i].strip() for name, i in column.items()}
        page_id = next((value[name] for name in ids if value.get(name)), "")
        if not page_id:
            result.findings.append(_finding(path, line, column[next(n for n in ids if n in column)] + 1,
                                            "row without an id; skipped"))
            continue
        created_field = required[0]
        created, problem = _instant(value[created_field])
        if created is None:
            result.findings.append(_finding(path, line, column[created_field] + 1, f"{created_field}: {problem}; skipped"))
            continue
        if vendor == "pagerduty":
            ack_field, scale = "seconds_to_first_ack", 1.0
            responder = value.get("acknowledged_by") or value.get("assigned_to_user") or None
            service = value.get("service_name") or None
            paging = value.get("urgency", "").lower() != "low"
        else:
            ack_field, scale = "TimeToAck", 0.001
            responder = value.get("AcknowledgedBy") or value.get("Owner") or None
            tags = [t.strip() for t in value.get("Tags", "").replace(";", ",").split(",")]
            service = next((t[len("service:"):] for t in tags if t.startswith("service:")), None) or value.get("Entity") or None
            paging = value.get("Priority", "").upper() != "P5"
        acknowledged, problem = _seconds(value.get(ack_field, ""), scale)
        if problem:
            result.findings.append(_finding(path, line, column[ack_field] + 1, f"{ack_field}: {problem}; skipped"))
            continue
        key = f"{vendor}:{page_id}"
        if key in seen:
            result.findings.append(_finding(path, line, 1, f"{page_id} is listed again (a duplicate); counted once",
                                            Severity.WARNING))
            continue
        seen.add(key)
        if not paging:
            result.not_paging += 1
            continue
        if responder and "," in responder:
            responder = responder.split(",")[0].strip()
        result.pages.append(Page(page_id, created.astimezone(UTC), acknowledged, responder, service, (path, line)))
    return result


def _row_lines(text: str) -> list[int]:
    """The 1-based line each CSV record starts on (quoted fields may span lines)."""
    lines, line, quoted, start = [], 1, False, True
    for char in text:
        if start:
            lines.append(line)
            start = False
        if char == '"':
            quoted = not quoted
        elif char == "\n":
            line += 1
            if not quoted:
                start = True
    return lines


def _summary(value: object) -> str | None:
    return value.get("summary") or value.get("name") if isinstance(value, dict) else None


def _pagerduty_json(text: str, path: str, seen: set[str]) -> ExportRead:
    result = ExportRead("pagerduty")
    try:
        data = json.loads(text)
    except ValueError as exc:
        line, column = getattr(exc, "lineno", 1), getattr(exc, "colno", 1)
        result.findings.append(_finding(path, line, column, f"not JSON: {getattr(exc, 'msg', exc)}"))
        return result
    items = data.get("incidents", data.get("data")) if isinstance(data, dict) else data
    if not isinstance(items, list):
        result.findings.append(_finding(path, 1, 1, "expected a list of incidents (\"incidents\" or \"data\")"))
        return result
    for index, item in enumerate(items):
        where = f"incidents[{index}]"
        if not isinstance(item, dict):
            result.findings.append(_finding(path, 1, 1, f"{where} is not an incident object; skipped"))
            continue
        page_id = str(item.get("id") or item.get("incident_number") or "")
        if not page_id:
            result.findings.append(_finding(path, 1, 1, f"{where} has no id; skipped"))
            continue
        created, problem = _instant(str(item.get("created_at") or item.get("created_on") or ""))
        if created is None:
            result.findings.append(_finding(path, 1, 1, f"{where} ({page_id}) created_at: {problem}; skipped"))
            continue
        acknowledged = None
        acks = [a for a in item.get("acknowledgements") or [] if isinstance(a, dict)]
        if item.get("seconds_to_first_ack") is not None:
            acknowledged, problem = _seconds(str(item["seconds_to_first_ack"]), 1.0)
            if problem:
                result.findings.append(_finding(path, 1, 1, f"{where} ({page_id}) seconds_to_first_ack: {problem}; skipped"))
                continue
        elif acks:
            first, problem = _instant(str(acks[0].get("at") or ""))
            if first is None or first < created:
                result.findings.append(_finding(path, 1, 1, f"{where} ({page_id}) acknowledgements[0].at: "
                                                            f"{problem or 'before the incident was created'}; skipped"))
                continue
            acknowledged = first - created
        responder = None
        if acks:
            responder = _summary(acks[0].get("acknowledger"))
        if responder is None:
            assignments = [a for a in item.get("assignments") or [] if isinstance(a, dict)]
            responder = _summary(assignments[0].get("assignee")) if assignments else None
        if responder is None and isinstance(item.get("assigned_user_names"), list) and item["assigned_user_names"]:
            responder = str(item["assigned_user_names"][0])
        service = _summary(item.get("service")) or item.get("service_name")
        key = f"pagerduty:{page_id}"
        if key in seen:
            result.findings.append(_finding(path, 1, 1, f"{where}: {page_id} is listed again (a duplicate); counted once",
                                            Severity.WARNING))
            continue
        seen.add(key)
        if str(item.get("urgency", "")).lower() == "low":
            result.not_paging += 1
            continue
        result.pages.append(Page(page_id, created.astimezone(UTC), acknowledged, responder,
                                 str(service) if service else None, (path, 1)))
    return result


def read_exports(files: Iterable[tuple[str, bytes]], vendor: str | None) -> list[ExportRead]:
    """:func:`read_export` over several files, with duplicates found across them."""
    seen: set[str] = set()
    return [read_export(data, path, vendor, seen) for path, data in files]
