"""``sre-docs oncall health`` and ``sre-docs oncall handoff ROTATION``.

``health`` classifies each rotation's latest figures against the guide's on-call health
table and checks the load is shared fairly. ``handoff`` fills in the guide's handoff
template: open incidents, the last week's changes from git history, budgets at risk,
and the risks and maintenance noted at the previous handoff; ``--record`` adds the
handoff to the rotation's document.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from sre_docs.cli.args import add_as_of, add_json, add_root, workflow
from sre_docs.cli.output import Progress, colour_enabled, print_json
from sre_docs.terminal_text import heading, state, table


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("oncall", help="on-call health and handoffs", description=__doc__)
    steps = parser.add_subparsers(dest="step", metavar="STEP", required=True)
    health = steps.add_parser("health", help="rotation health against the guide's thresholds")
    health.add_argument("--rotation", help="only this rotation")
    health.add_argument("--period", help="month of the figures (default: the latest recorded)")
    add_root(health)
    add_json(health)
    health.set_defaults(func=run_health)

    handoff = steps.add_parser("handoff", help="the handoff note of a rotation")
    handoff.add_argument("rotation")
    handoff.add_argument("--days", type=int, default=7, help="how far back to look for changes (default 7)")
    handoff.add_argument("--record", action="store_true", help="add this handoff to the rotation's handoffs")
    handoff.add_argument("--from", dest="giver", help="who hands over (with --record)")
    handoff.add_argument("--to", dest="taker", help="who takes over (with --record)")
    add_root(handoff)
    add_json(handoff)
    add_as_of(handoff)
    handoff.set_defaults(func=run_handoff)


@workflow
def run_health(args: argparse.Namespace) -> int:
    from sre_docs.cli.context import load, today
    from sre_docs.workflows import oncall

    repo = load(args.root)
    results = oncall.health(repo, rotation=args.rotation, period=args.period, today=today(args))
    if args.json:
        print_json({"rotations": [oncall.health_json(r) for r in results]})
        return 0
    colour = colour_enabled()
    if not results:
        print("No on-call rotations under org/.")
    for index, item in enumerate(results):
        if index:
            print()
        print(heading(f"{item.rotation} ({item.team or 'no team'}) — {item.period or 'no figures'}: {state(item.worst, enabled=colour)}",
                      enabled=colour))
        if item.metrics:
            print(table(("Metric", "Value", "Health", "Healthy", "Critical"),
                        [(m.name, f"{m.value:g}", state(m.health, enabled=colour), m.healthy, m.critical) for m in item.metrics],
                        enabled=colour))
        if item.pages_by_member:
            shares = ", ".join(f"{member} {count}" for member, count in item.pages_by_member.items())
            balance = f"; busiest {item.imbalance:.1f}x the average" if item.imbalance is not None else ""
            print(f"Pages by member: {shares}{balance}")
        for concern in item.concerns:
            print(f"  - {concern}")
    return 0


@workflow
def run_handoff(args: argparse.Namespace) -> int:
    from sre_docs.cli.context import apply_edits, budget_as_of, load, now, report_written
    from sre_docs.workflows import oncall
    from sre_docs.workflows.budget_view import service_budgets
    from sre_docs.workflows.common import WorkflowError
    from sre_docs.workflows.recent_changes import HistoryUnavailable, recent_changes
    from sre_docs.workflows.incidents import Edit

    repo = load(args.root)
    at = now(args)
    if args.rotation not in repo.rotations:
        oncall.health(repo, rotation=args.rotation)  # raises with a did-you-mean
    services = oncall.rotation_services(repo, args.rotation)
    notes: list[str] = []
    try:
        with Progress("reading git history"):
            changes = recent_changes(args.root, [repo.services[s].folder for s in services],
                                     since=at - dt.timedelta(days=args.days), until=at)
    except HistoryUnavailable as exc:
        changes, notes = [], [f"no change history: {exc}"]
    budgets = [b for s in services for b in service_budgets(repo, s, as_of=budget_as_of(args))]
    note = oncall.handoff(repo, args.rotation, as_of=at, changes=changes, budgets=budgets, notes=tuple(notes),
                          days=args.days)
    if args.json:
        print_json({
            "rotation": note.rotation, "date": note.date.isoformat(), "services": list(note.services),
            "open_issues": list(note.open_issues), "recent_changes": list(note.recent_changes),
            "risks": list(note.risks), "maintenance": list(note.maintenance),
            "runbook_updates": list(note.runbook_updates), "notes": list(note.notes),
        })
    else:
        print(oncall.handoff_markdown(note), end="")
    if not args.record:
        return 0
    if not args.giver or not args.taker:
        raise WorkflowError("--record needs --from and --to")
    rotation = repo.rotations[args.rotation]
    entry = oncall.handoff_entry(note, giver=args.giver, taker=args.taker, members=list(rotation.get("members", default=[])))
    apply_edits(args.root, rotation.path, [Edit("append", ("oncall_rotation", "handoffs"), entry)], doc=rotation.parsed.index)
    out = sys.stderr if args.json else sys.stdout
    print(f"\nrecorded the handoff in {rotation.path}", file=out)
    return report_written(args.root, [rotation.path], out=out)
