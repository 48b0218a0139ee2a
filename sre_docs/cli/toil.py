"""``sre-docs toil audit [--team T]``: the toil inventory, prioritised, against the 25% budget.

Each item's hours per month, automation value, priority score (value over difficulty)
and the action of the toil priority matrix (DO FIRST, DO SECOND, PLAN, …); then each
team's toil hours as a share of its SRE hours, against the guide's 25% budget.
"""

from __future__ import annotations

import argparse

from sre_docs.cli.args import add_json, add_root, workflow
from sre_docs.cli.output import colour_enabled, print_json
from sre_docs.terminal_text import heading, number, paint, table
from sre_docs.words import counted


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("toil", help="toil inventory and budget", description=__doc__)
    steps = parser.add_subparsers(dest="step", metavar="STEP", required=True)
    run_audit = steps.add_parser("audit", help="prioritise the toil inventory")
    run_audit.add_argument("--team", help="only toil affecting this team")
    add_root(run_audit)
    add_json(run_audit)
    run_audit.set_defaults(func=run)


@workflow
def run(args: argparse.Namespace) -> int:
    from sre_docs.cli.context import load
    from sre_docs.workflows.toil import audit, audit_json

    repo = load(args.root)
    result = audit(repo, team=args.team)
    if args.json:
        print_json(audit_json(result))
        return 0
    colour = colour_enabled()
    print(heading(f"Toil inventory{' of ' + args.team if args.team else ''}: {counted(len(result.rows), 'item')}", enabled=colour))
    print(table(
        ("Item", "Service", "Hours/month", "Difficulty", "Priority", "Action", "Status"),
        [(row.name, row.service, number(row.hours_per_month), row.difficulty or "?", number(row.priority_score),
          paint(row.action, "bold", enabled=colour) if row.action in ("DO FIRST",) else (row.action or "?"), row.status or "?")
         for row in result.rows],
        enabled=colour,
    ))
    for row in result.rows:
        if row.note:
            print(f"note: {row.path}:{row.line}: {row.note}")
    print()
    print(heading(f"Toil budget (target below {result.budget_pct:g}% of SRE time)", enabled=colour))
    rows = []
    for team in result.teams:
        if team.over_budget:
            verdict = paint("over budget: automation before feature work", "red", enabled=colour)
        elif team.meets_target:
            verdict = paint("within budget", "green", enabled=colour)
        elif team.share_pct is not None:
            verdict = paint("at the limit", "yellow", enabled=colour)
        else:
            verdict = "unknown (no sre_hours_per_month)"
        rows.append((team.team, number(team.toil_hours), number(team.automated_hours),
                     number(team.sre_hours, 0), number(team.share_pct, 1, "%"), verdict))
    print(table(("Team", "Toil h/month", "Automated away", "SRE hours", "Share", "Verdict"), rows, enabled=colour))
    for note in result.notes:
        print(f"note: {note}")
    return 0
