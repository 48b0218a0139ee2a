"""``sre-docs new``: start a service, SLI, SLO, alert, runbook or chaos experiment from its template.

Required values are required options, so ``--help`` and the error name them; optional ones
have defaults that pass lint for the service's tier (the SLO target defaults to the tier's
floor). The new document is checked before it is written, the repo is checked after, and
what a person still has to fill in is listed. A command that wrote its file exits 0, and
prints the findings on the new file as warnings.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from sre_docs.cli.args import add_force, add_root, workflow
from sre_docs.schemas.vocabulary import ALERT_SEVERITIES, ALERT_SIGNALS, FAULT_TYPES, SLI_TYPES, TIERS

if TYPE_CHECKING:
    from sre_docs.workflows.documents import NewDocument


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("new", help="create a document from its template", description=__doc__)
    kinds = parser.add_subparsers(dest="kind", metavar="KIND", required=True)

    service = kinds.add_parser("service", help="a service folder with its catalog entry")
    service.add_argument("name", help="service name (its folder name)")
    service.add_argument("--tier", choices=TIERS, required=True)
    service.add_argument("--team", required=True, help="owning team (from org/teams.yaml)")
    service.add_argument("--rotation", help="on-call rotation (default: the team's only rotation)")
    service.add_argument("--description")
    service.set_defaults(func=run_service)

    sli = kinds.add_parser("sli", help="an SLI of a service")
    sli.add_argument("service")
    sli.add_argument("--name", required=True, help="SLI name, e.g. request_success_rate")
    sli.add_argument("--type", choices=SLI_TYPES,
                     help="default: latency when the name says latency, else availability")
    sli.add_argument("--threshold-ms", type=float, help="latency SLIs: a good request is faster than this (default 300)")
    sli.add_argument("--description")
    sli.set_defaults(func=run_sli)

    slo = kinds.add_parser("slo", help="an SLO with its error budget and burn-rate alerts")
    slo.add_argument("service")
    slo.add_argument("--sli", required=True, help="the SLI it sets a target for")
    slo.add_argument("--target", type=float,
                     help="target in percent, e.g. 99.9 (default: the floor of the service's tier, policy SLO005)")
    slo.add_argument("--window", default="28d", help="rolling window (default 28d)")
    slo.add_argument("--sla", type=float, help="external SLA in percent, below the target")
    slo.add_argument("--name", help="SLO name (default: the SLI's name)")
    slo.add_argument("--no-runbooks", action="store_true", help="do not create runbooks for its burn-rate alerts")
    slo.set_defaults(func=run_slo)

    alert = kinds.add_parser("alert", help="an alert, with a runbook when it has none")
    alert.add_argument("service")
    alert.add_argument("--name", required=True, help="alert name")
    alert.add_argument("--signal", choices=ALERT_SIGNALS, required=True)
    alert.add_argument("--severity", choices=ALERT_SEVERITIES, required=True)
    alert.add_argument("--slo", help="burn_rate alerts: the SLO whose budget it watches")
    alert.add_argument("--condition", help="when it fires, in words")
    alert.add_argument("--no-runbook", action="store_true", help="do not create the runbook it links to")
    alert.set_defaults(func=run_alert)

    runbook = kinds.add_parser("runbook", help="a runbook for an alert, with diagnosis steps for its signal")
    runbook.add_argument("service")
    runbook.add_argument("--alert", required=True, help="the alert that sends a responder to it")
    runbook.set_defaults(func=run_runbook)

    experiment = kinds.add_parser("experiment", help="a chaos experiment from the experiment library")
    experiment.add_argument("service")
    experiment.add_argument("--fault", choices=FAULT_TYPES, required=True)
    experiment.add_argument("--name")
    experiment.add_argument("--target", help="component hit by the fault")
    experiment.add_argument("--environment", choices=("staging", "production"), default="staging")
    experiment.add_argument("--date", help="day it is scheduled for (YYYY-MM-DD)")
    experiment.set_defaults(func=run_experiment)

    for sub in (service, sli, slo, alert, runbook, experiment):
        add_root(sub)
        add_force(sub)


def _write(args: argparse.Namespace, new: NewDocument, *, extra: Sequence[NewDocument] = ()) -> int:
    from sre_docs.cli.context import report_written, write_document

    written = []
    for doc in (new, *new.companions, *extra):
        changed = write_document(args.root, path=doc.path, service=doc.service, content=doc.content,
                                 mode=doc.mode, index=doc.index, force=args.force)
        verb = {"create": "created", "append": "added to", "replace": "replaced in"}[doc.mode]
        print(f"{verb} {doc.path}: {doc.kind} {doc.name}" + ("" if changed else " (unchanged)"))
        for note in doc.notes:
            print(f"note: {note}")
        written.append(doc)
    todo = [item for doc in written for item in (f"{doc.path}: {p}" for p in doc.still_to_fill())]
    return report_written(args.root, [doc.path for doc in written], todo=todo)


def sli_type_for(name: str) -> str:
    """The SLI type a name asks for when ``--type`` is not given."""
    return "latency" if "latency" in name.lower() else "availability"


@workflow
def run_service(args: argparse.Namespace) -> int:
    from sre_docs.cli.context import load
    from sre_docs.workflows import scaffold

    repo = load(args.root)
    new = scaffold.new_service(repo, name=args.name, tier=args.tier, team=args.team, rotation=args.rotation,
                               description=args.description, force=args.force)
    return _write(args, new)


@workflow
def run_sli(args: argparse.Namespace) -> int:
    from sre_docs.cli.context import load
    from sre_docs.workflows import scaffold

    repo = load(args.root)
    kind = args.type or sli_type_for(args.name)
    new = scaffold.new_sli(repo, service=args.service, name=args.name, type=kind, threshold_ms=args.threshold_ms,
                           description=args.description, force=args.force)
    return _write(args, new)


@workflow
def run_slo(args: argparse.Namespace) -> int:
    from sre_docs.cli.context import load, policy_options, today
    from sre_docs.workflows import scaffold

    repo = load(args.root)
    target = args.target
    if target is None:
        floors = policy_options(args.root, "SLO005").get("floors") or {}
        target = scaffold.default_target(repo, service=args.service, floors=floors)
        print(f"note: --target not given: {target:g}%, the floor of the service's tier (SLO005)")
    new = scaffold.new_slo(repo, service=args.service, sli=args.sli, target=target, window=args.window, sla=args.sla,
                           name=args.name, with_runbooks=not args.no_runbooks, today=today(args), force=args.force)
    return _write(args, new)


@workflow
def run_alert(args: argparse.Namespace) -> int:
    from sre_docs.cli.context import load, today
    from sre_docs.workflows import runbooks, scaffold

    repo = load(args.root)
    service, name, signal, severity = args.service, args.name, args.signal, args.severity
    new = scaffold.new_alert(repo, service=service, name=name, signal=signal, severity=severity, slo=args.slo,
                             condition=args.condition, force=args.force, today=today(args))
    extra = []
    runbook_path = f"{repo.services[service].folder}/runbooks/{name}.yaml"
    has_runbook = repo.services[service].runbooks_for(name) or (args.root / runbook_path).exists()
    if not args.no_runbook and not has_runbook:
        extra.append(runbooks.new_runbook(repo, service=service, alert=name, signal=signal, today=today(args)))
    elif not has_runbook:
        print(f"note: the alert links {runbook_path}, which does not exist yet", file=sys.stderr)
    return _write(args, new, extra=extra)


@workflow
def run_runbook(args: argparse.Namespace) -> int:
    from sre_docs.cli.context import load, today
    from sre_docs.workflows import runbooks

    repo = load(args.root)
    new = runbooks.new_runbook(repo, service=args.service, alert=args.alert, today=today(args), force=args.force)
    return _write(args, new)


@workflow
def run_experiment(args: argparse.Namespace) -> int:
    from sre_docs.cli.context import load, today
    from sre_docs.workflows import chaos

    repo = load(args.root)
    service, fault = args.service, args.fault
    scheduled = _date(args.date) if args.date else None
    new = chaos.new_experiment(repo, service=service, fault=fault, name=args.name, target=args.target,
                                  environment=args.environment, scheduled=scheduled, today=today(args), force=args.force)
    return _write(args, new)


def _date(text: str) -> dt.date:
    from sre_docs.workflows.common import WorkflowError

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise WorkflowError(f"--date {text!r} is not a date (YYYY-MM-DD)") from None
