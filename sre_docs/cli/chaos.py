"""``sre-docs chaos plan SERVICE --experiment NAME`` (or ``--fault KIND``): plan a chaos experiment, if the budget allows one.

The error budget policy allows experiments only while every SLO of the service has a
healthy budget; otherwise the command refuses (exit 1) and says which SLO is in which
state. When allowed, it writes an experiment document from the guide's experiment library
(12 experiments; ``sre-docs chaos library`` lists them), with the game day checklists to tick off.
"""

from __future__ import annotations

import argparse
import datetime as dt

from sre_docs.cli.args import add_as_of, add_force, add_root, workflow
from sre_docs.schemas.vocabulary import CHAOS_EXPERIMENTS, FAULT_TYPES


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("chaos", help="plan chaos experiments", description=__doc__)
    steps = parser.add_subparsers(dest="step", metavar="STEP", required=True)
    plan = steps.add_parser("plan", help="check the error budget and write an experiment")
    plan.add_argument("service")
    plan.add_argument("--fault", choices=FAULT_TYPES, help="kind of fault: the library's first experiment of that kind")
    plan.add_argument("--experiment", choices=CHAOS_EXPERIMENTS, help="the library's experiment to run (see `chaos library`)")
    plan.add_argument("--target", help="component hit by the fault (default: from the experiment library)")
    plan.add_argument("--name", help="experiment name (default: SERVICE-FAULT-DATE)")
    plan.add_argument("--environment", choices=("staging", "production"), default="staging")
    plan.add_argument("--date", help="day it is scheduled for (YYYY-MM-DD)")
    add_root(plan)
    add_force(plan)
    add_as_of(plan)
    plan.set_defaults(func=run_plan)
    library = steps.add_parser("library", help="list the experiment library")
    library.set_defaults(func=run_library)


def run_library(args: argparse.Namespace) -> int:
    from sre_docs.terminal_text import table
    from sre_docs.workflows.chaos import CHAOS_LIBRARY

    print(table(("experiment", "fault", "what it does", "validates"),
                [(e.key, e.fault, e.experiment, e.validates) for e in CHAOS_LIBRARY]))
    return 0


@workflow
def run_plan(args: argparse.Namespace) -> int:
    from sre_docs.cli.context import budget_as_of, load, report_written, write_document
    from sre_docs.workflows.budget_view import service_budgets
    from sre_docs.workflows.chaos import chaos_gate, new_experiment
    from sre_docs.workflows.common import Refused, WorkflowError

    if args.fault is None and args.experiment is None:
        raise WorkflowError("say what to inject: --experiment NAME (see `sre-docs chaos library`) or --fault KIND")
    repo = load(args.root)
    at = budget_as_of(args)
    gate = chaos_gate(args.service, service_budgets(repo, args.service, as_of=at))
    if not gate.allowed:
        raise Refused(f"no chaos experiment on {args.service} now:\n  - " + "\n  - ".join(gate.reasons))
    scheduled = None
    if args.date:
        try:
            scheduled = dt.date.fromisoformat(args.date)
        except ValueError:
            raise WorkflowError(f"--date {args.date!r} is not a date (YYYY-MM-DD)") from None
    new = new_experiment(repo, service=args.service, fault=args.fault, experiment=args.experiment, name=args.name,
                         target=args.target, environment=args.environment, scheduled=scheduled, today=at.date(),
                         force=args.force)
    write_document(args.root, path=new.path, service=new.service, content=new.content, mode=new.mode,
                   index=new.index, force=args.force)
    print(f"budget check: {gate.reasons[0]}")
    method = new.body["method"]
    print(f"created {new.path}: experiment {new.name} ({method['experiment']}, a {method['fault_type']} fault, "
          f"{args.environment})")
    print("Before the game day: review the hypothesis, brief everyone, confirm the abort conditions; tick off the "
          "game_day checklists as you go.")
    return report_written(args.root, [new.path], todo=[f"{new.path}: {p}" for p in new.still_to_fill()])
