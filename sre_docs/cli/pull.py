"""``sre-docs pull prometheus`` and ``sre-docs pull pages``: live data into the repo as reviewable YAML.

``pull prometheus`` asks the Prometheus HTTP API how many good and how many events in total each
SLO had per UTC day (or hour), and appends the rows to the SLO's ``measurements`` file.
``pull pages`` reads PagerDuty or Opsgenie exports and writes on-call health rows. Both write
through the safe writer (atomic, every other byte kept), change nothing when run twice, and leave
recorded values that disagree alone unless ``--force``.

Exit codes: 0 done, 1 findings at error level (conflicts, missing data, refused queries), 2 usage
errors and an unusable server (unreachable, timeout, HTTP errors): then nothing is written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sre_docs.cli.args import add_force, add_root, workflow


def register(subparsers: argparse._SubParsersAction) -> None:
    pull = subparsers.add_parser("pull", help="pull live data (Prometheus counts, paging exports) into the repo",
                                 description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sources = pull.add_subparsers(dest="source", metavar="SOURCE", required=True)

    prometheus = sources.add_parser(
        "prometheus", help="good/total events per day or hour of each SLO -> measurements files",
        description="Ask Prometheus for the good and total events of each bucket of every SLO whose SLI has "
                    "prometheus: queries, and append them to the SLO's measurements file.")
    prometheus.add_argument("--url", help="Prometheus base URL (default: prometheus.url in sre-docs.yaml)")
    prometheus.add_argument("--service", action="append", default=[], metavar="NAME",
                            help="only this service (repeatable)")
    prometheus.add_argument("--slo", action="append", default=[], metavar="NAME", help="only this SLO (repeatable)")
    prometheus.add_argument("--from", dest="start", metavar="DATE",
                            help="first day to pull (default: the first day of each SLO's window ending today)")
    prometheus.add_argument("--to", dest="end", metavar="DATE",
                            help="last day to pull, inclusive (default: yesterday, the last complete UTC day)")
    prometheus.add_argument("--resolution", choices=("1d", "1h"), default="1d",
                            help="bucket size: one UTC day (default) or one hour")
    prometheus.add_argument("--dry-run", action="store_true", help="print what would change; write nothing")
    add_force(prometheus)
    add_root(prometheus)
    prometheus.set_defaults(func=run_prometheus)

    pages = sources.add_parser(
        "pages", help="on-call health rows from PagerDuty or Opsgenie exports",
        description="Read PagerDuty (incident CSV or JSON export) or Opsgenie (alert CSV export) files and write "
                    "each rotation's monthly health figures, marked as derived.")
    pages.add_argument("files", nargs="+", type=Path, metavar="FILE", help="export files")
    pages.add_argument("--rotation", metavar="NAME", help="only this rotation")
    pages.add_argument("--format", dest="vendor", choices=("pagerduty", "opsgenie"),
                       help="the exports' tool (default: recognised from the columns)")
    pages.add_argument("--dry-run", action="store_true", help="print what would change; write nothing")
    add_force(pages)
    add_root(pages)
    pages.set_defaults(func=run_pages)


# --- prometheus ----------------------------------------------------------------------------------------


def _day(text: str | None, flag: str):
    from sre_docs.cli import UsageError
    from sre_docs.schemas.types import parse_date

    if text is None:
        return None
    day = parse_date(text.strip())
    if day is None:
        raise UsageError(f"{flag} {text!r}: expected a date (YYYY-MM-DD)")
    return day


def _client(args: argparse.Namespace, root: Path):
    """A Prometheus client from ``--url`` and the ``prometheus:`` settings."""
    import os

    from sre_docs.cli import UsageError
    from sre_docs.integrations.prometheus_api import PrometheusClient
    from sre_docs.lint.config import ConfigError, load_config

    try:
        settings = load_config(root).prometheus
    except ConfigError as exc:
        raise UsageError(str(exc)) from None
    url = args.url or settings.url
    if not url:
        raise UsageError("no Prometheus to ask: set prometheus.url in sre-docs.yaml or pass --url")
    if not url.startswith(("http://", "https://")):
        raise UsageError(f"--url {url!r}: expected an http:// or https:// URL")
    headers = {}
    for header in settings.headers:
        value = os.environ.get(header.env)
        if not value:
            raise UsageError(f"{header.where}: prometheus.headers.{header.name} reads ${header.env}, which is not set")
        headers[header.name] = value
    if not settings.tls_verify:
        print("sre-docs: note: TLS certificates are not verified (prometheus.tls_verify: false)", file=sys.stderr)
    return PrometheusClient(url, timeout=settings.timeout, headers=headers, verify=settings.tls_verify)


@workflow
def run_prometheus(args: argparse.Namespace) -> int:
    import datetime as dt

    from sre_docs.calc.event_counts import bucket_starts
    from sre_docs.cli import UsageError
    from sre_docs.cli.context import load, today
    from sre_docs.integrations.export_files import report_findings
    from sre_docs.integrations.prometheus_api import PrometheusUnavailable
    from sre_docs.integrations.prometheus_pull import pull_slo
    from sre_docs.schemas.types import parse_duration
    from sre_docs.workflows.measurements_pull import RESOLUTIONS, plan_file, pull_targets

    root = args.root
    current = today(args)
    first = _day(args.start, "--from")
    last = _day(args.end, "--to") or current - dt.timedelta(days=1)
    if last >= current:
        raise UsageError(f"--to {last}: only complete days can be pulled; the last one is {current - dt.timedelta(days=1)}")
    if first is not None and first > last:
        raise UsageError(f"--from {first} is after --to {last}")
    step = RESOLUTIONS[args.resolution]
    repo = load(root)
    targets, findings = pull_targets(repo, services=args.service or None, slos=args.slo or None)
    if not targets:
        report_findings(findings)
        print("sre-docs: no SLO has prometheus: queries with total_events and good_events or bad_events; nothing to pull",
              file=sys.stderr)
        return _exit(findings)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), tzinfo=dt.timezone.utc)
    pulls = []
    with _client(args, root) as client:
        for target in targets:
            if first is not None:
                begin = dt.datetime.combine(first, dt.time(), tzinfo=dt.timezone.utc)
            else:
                window = parse_duration(str(target.slo.get("window", default="28d")))
                begin = end - dt.timedelta(days=window.days if window is not None and window.days > 0 else 28)
            try:
                pulls.append(pull_slo(client, target, bucket_starts(begin, end, step), step))
            except PrometheusUnavailable as exc:
                raise UsageError(f"cannot pull from Prometheus: {exc}; nothing was written") from None
    plans = []
    for pulled in pulls:
        findings.extend(pulled.findings)
        plan = plan_file(pulled.target, list(pulled.rows), args.resolution, force=args.force)
        if plan is not None:
            findings.extend(plan.findings)
            plans.append(plan)
    report_findings(findings)
    changes = [line for plan in plans if not _skipped(plan) for line in plan.describe()]
    if args.dry_run:
        for line in changes:
            print(line)
        print(f"dry run: {_summary(plans, pulls)}; nothing written")
        return _exit(findings)
    written = []
    for plan in plans:
        if _skipped(plan) or not plan.writes:
            continue
        _write(root, plan)
        written.append(plan.path)
    for line in changes:
        print(line)
    print(_summary(plans, pulls))
    if written:
        from sre_docs.cli.context import report_written

        if report_written(root, written):
            return 1
    return _exit(findings)


def _skipped(plan) -> bool:
    """A plan whose SLO is kept at another resolution writes nothing."""
    return any(f.code == "PULL006" for f in plan.findings)


def _exit(findings) -> int:
    from sre_docs.findings import Severity

    return 1 if any(f.severity is Severity.ERROR for f in findings) else 0


def _summary(plans, pulls) -> str:
    added = sum(len(p.merge.append) for p in plans if not _skipped(p))
    replaced = sum(len(p.replaces) for p in plans if not _skipped(p))
    conflicts = sum(len(p.merge.conflicts) for p in plans if not p.force)
    unchanged = sum(p.merge.unchanged for p in plans)
    files = sum(1 for p in plans if p.writes and not _skipped(p))
    text = (f"{len(pulls)} SLO(s) pulled: {added} row(s) added, {replaced} replaced, {unchanged} unchanged"
            f" in {files} file(s) changed")
    if conflicts:
        text += f"; {conflicts} conflicting row(s) left alone (--force replaces them)"
    return text


def _write(root: Path, plan) -> None:
    from sre_docs.loading.loader import check_document_text
    from sre_docs.workflows.common import WorkflowError
    from sre_docs.workflows.measurements_pull import row_text, row_value
    from sre_docs.yamltext.safe_write import create_file, edit_file

    if plan.creates:
        text = plan.new_text()
        check = check_document_text(text, plan.path, plan.target.service)
        if check.errors:
            first = check.errors[0]
            raise WorkflowError(f"{plan.path}: the new file would not validate ({first.code} {first.message}); "
                                "nothing was written")
        create_file(root / plan.path, text, display=plan.path)
        return
    points = ("measurements", "points")
    with edit_file(root / plan.path, display=plan.path) as editor:
        for conflict in plan.replaces:
            editor.set((*points, conflict.index), row_value(conflict.pulled, plan.resolution), doc=plan.doc_index,
                       flow_text=row_text(conflict.pulled, plan.resolution))
        for row in plan.merge.append:
            editor.append(points, row_value(row, plan.resolution), doc=plan.doc_index,
                          flow_text=row_text(row, plan.resolution))


# --- pages ---------------------------------------------------------------------------------------------


@workflow
def run_pages(args: argparse.Namespace) -> int:
    from sre_docs.cli import UsageError
    from sre_docs.cli.context import load, report_written, today
    from sre_docs.findings import Finding, Severity
    from sre_docs.integrations.export_files import report_findings
    from sre_docs.integrations.paging_exports import read_exports
    from sre_docs.workflows.oncall_pull import plan_rotations

    files = []
    for path in args.files:
        try:
            files.append((str(path), path.read_bytes()))
        except OSError as exc:
            raise UsageError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    reads = read_exports(files, args.vendor)
    findings: list[Finding] = [f for read in reads for f in read.findings]
    vendors = {read.vendor for read in reads if read.pages}
    if len(vendors) > 1:
        raise UsageError("the files mix PagerDuty and Opsgenie exports; pull each tool's files on their own")
    vendor = next(iter(vendors), args.vendor or "pagerduty")
    pages = [page for read in reads for page in read.pages]
    repo = load(args.root)
    plans, planned = plan_rotations(repo, pages, vendor, today=today(args), rotation=args.rotation, force=args.force)
    findings.extend(planned)
    report_findings(findings)
    lines = []
    for plan in plans:
        for change in plan.changes:
            if change.index is None:
                shown = ", ".join(f"{k} {_shown(v)}" for k, v in change.new.items() if k != "period")
                lines.append(f"{plan.rotation.path}: + health {change.period} ({shown})")
            elif change.old is None:
                lines.append(f"{plan.rotation.path}: + health {change.period} {change.field} {_shown(change.new)}")
            else:
                lines.append(f"{plan.rotation.path}: ~ health {change.period} {change.field} {_shown(change.old)} -> "
                             f"{_shown(change.new)}")
    not_paging = sum(read.not_paging for read in reads)
    summary = (f"{len(pages)} page(s) read from {len(files)} file(s)"
               + (f" ({not_paging} that do not page left out)" if not_paging else "")
               + f"; {sum(len(p.changes) for p in plans)} change(s) to {sum(1 for p in plans if p.changes)} rotation(s), "
               f"{sum(p.unchanged for p in plans)} figure(s) unchanged")
    conflicts = sum(len(p.conflicts) for p in plans)
    if conflicts:
        summary += f"; {conflicts} conflicting figure(s) left alone (--force replaces them)"
    for line in lines:
        print(line)
    if args.dry_run:
        print(f"dry run: {summary}; nothing written")
        return 1 if any(f.severity is Severity.ERROR for f in findings) else 0
    written = []
    for plan in plans:
        if plan.changes:
            _write_health(args.root, plan)
            written.append(plan.rotation.path)
    print(summary)
    status = report_written(args.root, written) if written else 0
    return 1 if status or any(f.severity is Severity.ERROR for f in findings) else 0


def _shown(value) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {v:g}" if isinstance(v, float) else f"{k}: {v}" for k, v in value.items()) + "}"
    return f"{value:g}" if isinstance(value, float) else str(value)


def _write_health(root: Path, plan) -> None:
    from sre_docs.yamltext.safe_write import edit_file

    doc = plan.rotation
    base = ("oncall_rotation", "health")
    with edit_file(root / doc.path, display=doc.path) as editor:
        for change in plan.changes:
            if change.index is None:
                editor.append(base, change.new, doc=doc.parsed.index)
            elif change.old is None:
                editor.upsert((*base, change.index), change.field, change.new, doc=doc.parsed.index)
            else:
                if isinstance(change.new, dict):  # a table: entry by entry, so a block mapping keeps its layout
                    for key, value in change.new.items():
                        editor.upsert((*base, change.index, change.field), key, value, doc=doc.parsed.index)
                else:
                    editor.set((*base, change.index, change.field), change.new, doc=doc.parsed.index)
