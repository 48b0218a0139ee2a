"""``sre-docs capacity SERVICE [--growth 8%]``: where the service's bottleneck is heading.

Projections of the growing metric, the month peak utilisation crosses the scale-up
threshold, instances needed now and in 6 and 12 months, and the monthly cost then.
"""

from __future__ import annotations

import argparse

from sre_docs.cli.args import add_as_of, add_json, add_root, workflow
from sre_docs.cli.output import colour_enabled, print_json
from sre_docs.terminal_text import heading, number, paint, table


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("capacity", help="capacity projections of a service", description=__doc__)
    parser.add_argument("service")
    parser.add_argument("--growth", help="monthly growth, e.g. 8%% (default: the model's growth_forecast)")
    add_root(parser)
    add_json(parser)
    add_as_of(parser)
    parser.set_defaults(func=run)


@workflow
def run(args: argparse.Namespace) -> int:
    from sre_docs.cli.context import budget_as_of, load
    from sre_docs.workflows.capacity import parse_growth, plan_json, plan_service

    repo = load(args.root)
    growth = parse_growth(args.growth) if args.growth is not None else None
    plans = plan_service(repo, args.service, as_of=budget_as_of(args), growth_pct=growth)
    if args.json:
        print_json({"service": args.service, "models": [plan_json(p) for p in plans]})
        return 0
    colour = colour_enabled()
    for index, plan in enumerate(plans):
        if index:
            print()
        print(heading(f"{plan.service}: {plan.bottleneck or 'bottleneck unknown'} ({plan.path})", enabled=colour))
        print(f"Growth: {plan.growth_pct:g}% a month ({'from --growth' if plan.growth_source == 'flag' else 'from the model' if plan.growth_source == 'model' else 'none given'})")
        metric = plan.metric or "load"
        rows = [
            (metric, number(plan.current), number(plan.projected_6mo), number(plan.projected_12mo)),
            ("instances needed", plan.instances["now"], plan.instances["6mo"], plan.instances["12mo"]),
            ("monthly cost (USD)", number(plan.cost["now"], 0), number(plan.cost["6mo"], 0), number(plan.cost["12mo"], 0)),
        ]
        print(table(("", "now", "in 6 months", "in 12 months"), rows, enabled=colour))
        if plan.peak_utilisation_pct is not None:
            if plan.months_to_threshold is None:
                crossing = "never at this growth"
            elif plan.months_to_threshold == 0:
                crossing = paint("already crossed", "red", enabled=colour)
            else:
                crossing = f"in {plan.months_to_threshold:.1f} months ({plan.threshold_month})"
            print(f"Peak utilisation {plan.peak_utilisation_pct:g}% (headroom {number(plan.headroom_pct)}%); "
                  f"reaches the {plan.threshold_pct:g}% scale-up threshold {crossing}")
        if plan.max_instances is not None:
            print(f"Max instances: {plan.max_instances}")
        for note in plan.notes:
            print(f"note: {note}")
    return 0
