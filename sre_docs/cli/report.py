"""``sre-docs report monthly --month YYYY-MM`` and ``sre-docs report weekly``.

``monthly`` computes the guide's monthly reliability report; ``--write`` files it as
``org/reports/YYYY-MM.yaml`` (a ``monthly_report`` document; an existing report is kept
unless ``--force``), ``--markdown`` prints it as Markdown. A past month is reported as the
repo stood at its end: from git history when it reaches back that far, else from today's
files and their dated fields; where a stored report for the month exists, the output says
how it differs. ``weekly`` pre-fills the
30-minute weekly SRE review agenda for the last seven days.
"""

from __future__ import annotations

import argparse
import sys

from sre_docs.cli.args import add_as_of, add_force, add_json, add_root, workflow
from sre_docs.cli.output import Progress, colour_enabled, print_json
from sre_docs.terminal_text import heading, table


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("report", help="monthly reliability report and weekly review agenda",
                                   description=__doc__)
    kinds = parser.add_subparsers(dest="kind", metavar="KIND", required=True)
    monthly = kinds.add_parser("monthly", help="the monthly reliability report")
    monthly.add_argument("--month", required=True, help="month to report on, YYYY-MM")
    monthly.add_argument("--write", action="store_true", help="write org/reports/YYYY-MM.yaml")
    output = monthly.add_mutually_exclusive_group()
    output.add_argument("--markdown", action="store_true", help="print the report as Markdown")
    add_json(output)
    add_root(monthly)
    add_force(monthly)
    add_as_of(monthly)
    monthly.set_defaults(func=run_monthly)

    weekly = kinds.add_parser("weekly", help="the weekly SRE review agenda, pre-filled")
    add_root(weekly)
    add_json(weekly)
    add_as_of(weekly)
    weekly.set_defaults(func=run_weekly)


@workflow
def run_monthly(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from sre_docs.cli.context import budget_as_of, load, report_written, write_document
    from sre_docs.workflows.reliability_report import (
        compare_with_stored, month_bounds, month_end_day, monthly_report, repo_at_month_end, report_document,
        report_json, report_markdown,
    )

    repo = load(args.root)
    now = budget_as_of(args)
    with Progress(f"computing the {args.month} report"):
        _, end = month_bounds(args.month)
        model, basis = repo, "the repo as it is"
        if end <= now:  # a month that is over: the repo as it stood at its end
            past = repo_at_month_end(args.root, args.month)
            model, basis = past if past is not None else (
                repo, f"today's files with their dated fields as of {month_end_day(args.month)} "
                      "(git history does not reach back to that month; toil is today's inventory)")
        report = compare_with_stored(repo, replace(monthly_report(model, args.month, now=now), basis=basis))
    code = 0
    if args.json:
        print_json(report_json(report))
    elif args.markdown:
        print(report_markdown(report), end="")
    else:
        _print_summary(report.data)
        print(f"Basis: {report.basis}")
        _print_stored(report)
    if args.write:
        path = f"org/reports/{args.month}.yaml"
        changed = write_document(args.root, path=path, service=None, content=report_document(report), force=args.force)
        message = f"wrote {path}" if changed else f"{path} is already up to date"
        print(message, file=sys.stderr if (args.json or args.markdown) else sys.stdout)
        code = report_written(args.root, [path], out=sys.stderr if (args.json or args.markdown) else sys.stdout)
    return code


def _print_summary(data: dict) -> None:
    colour = colour_enabled()
    print(heading(f"Reliability report {data['period']}", enabled=colour))
    slo, budget, incidents = data["slo_summary"], data["error_budget"], data["incidents"]
    rows = [
        ("Services meeting / breaching SLOs", f"{slo['services_meeting_slo']} / {slo['services_breaching_slo']}"),
        ("Worst performing", slo.get("worst_performing", "—")),
        ("Budgets healthy / warning / critical / exhausted",
         f"{budget['services_in_healthy']} / {budget['services_in_warning']} / {budget['services_in_critical']} / {budget['services_exhausted']}"),
        ("Incidents", f"{incidents['total']} (" + ", ".join(f"{k} {v}" for k, v in incidents["by_severity"].items()) + ")"),
        ("MTTR / MTTD (min)", f"{incidents.get('mttr_minutes', '—')} / {incidents.get('mttd_minutes', '—')}"),
        ("Repeat incidents", incidents["repeat_incidents"]),
        ("Toil hours / automated away / share of SRE time",
         f"{data['toil']['hours_spent']:g} / {data['toil']['hours_automated_away']:g} / {data['toil'].get('pct_of_sre_time', '—')}%"),
        ("Action items open / done this month / overdue",
         f"{data['action_items']['open']} / {data['action_items']['completed_this_month']} / {data['action_items']['overdue']}"),
    ]
    if data.get("on_call"):
        rows.append(("Pages / off-hours / false positives %",
                     f"{data['on_call'].get('total_pages', '—')} / {data['on_call'].get('off_hours_pages', '—')} / {data['on_call'].get('false_positive_pct', '—')}"))
    print(table(("Figure", "Value"), rows, enabled=colour))
    for key, title in (("highlights", "Highlights"), ("concerns", "Concerns"), ("next_month_priorities", "Priorities")):
        if data[key]:
            print(f"{title}:")
            for item in data[key]:
                print(f"  - {item}")


def _print_stored(report) -> None:
    if report.stored is None:
        return
    if not report.stored:
        print(f"{report.stored_path} agrees with these figures.")
        return
    print(f"{report.stored_path} differs:")
    for field, stored, computed in report.stored:
        shown = ("—" if stored is None else stored, "—" if computed is None else computed)
        print(f"  - {field}: stored {shown[0]}, computed {shown[1]}")


@workflow
def run_weekly(args: argparse.Namespace) -> int:
    from sre_docs.cli.context import budget_as_of, load
    from sre_docs.workflows.reliability_report import weekly_agenda, weekly_markdown

    repo = load(args.root)
    with Progress("preparing the weekly review"):
        agenda = weekly_agenda(repo, as_of=budget_as_of(args))
    if args.json:
        print_json(agenda)
    else:
        print(weekly_markdown(agenda), end="")
    return 0
