"""``sre-docs incident``: declare an incident, post updates, change roles, record mitigation and resolution.

``start`` classifies the severity with the guide's matrix and escalation rules, files
``services/<service>/incidents/INC-YYYY-NNN.yaml`` and prints the internal notification
and the customer-facing status. The other steps edit the incident file in place (only
the lines they add or change) and print what to tell people. ``assign`` hands roles over
(incident commander, communications, operations, scribe; experts join) and posts the change as
a status update. ``resolve`` refuses a resolution less than 30 minutes after mitigation
(the guide's SLI verification) unless ``--early-reason`` says why; ``--root-cause`` is kept
in the record and copied into the postmortem draft.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sre_docs.cli.args import add_as_of, add_force, add_root, workflow
from sre_docs.cli.output import colour_enabled, prompt_missing
from sre_docs.terminal_text import paint
from sre_docs.schemas.vocabulary import DETECTION_METHODS, IMPACT_FUNCTIONS, IMPACT_USERS, INCIDENT_STATUSES

if TYPE_CHECKING:  # the model loads only when a command runs (fast --help)
    from sre_docs.model.repository import Document, Repository


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("incident", help="run an incident: start, update, assign, mitigate, resolve",
                                   description=__doc__)
    steps = parser.add_subparsers(dest="step", metavar="STEP", required=True)

    start = steps.add_parser("start", help="declare an incident and print the first notifications")
    start.add_argument("title", nargs="?", help="what is happening, in a line")
    start.add_argument("--service", action="append", default=[], help="affected service (repeatable; the first files it)")
    start.add_argument("--function", choices=IMPACT_FUNCTIONS, help="what stopped working (severity matrix row)")
    start.add_argument("--users", choices=IMPACT_USERS, help="how many users it hurts (severity matrix column)")
    start.add_argument("--users-pct", type=float, help="share of users affected, in percent, when known")
    start.add_argument("--data-loss", action="store_true", help="data was lost (SEV1 at least)")
    start.add_argument("--pii-breach", action="store_true", help="personal data was exposed (SEV1)")
    start.add_argument("--revenue", action="store_true", help="revenue is being lost (SEV2 at least)")
    start.add_argument("--sla-breach-imminent", action="store_true", help="an SLA breach is close (one level up)")
    start.add_argument("--ic", help="incident commander")
    start.add_argument("--comms", help="communications lead")
    start.add_argument("--ops", help="operations lead")
    start.add_argument("--scribe", help="scribe")
    start.add_argument("--sme", action="append", default=[], help="subject-matter expert (repeatable)")
    start.add_argument("--detection", choices=DETECTION_METHODS, help="how it came to light")
    start.add_argument("--alert", help="the alert that fired first")
    start.add_argument("--slo", help="the SLO whose error budget it spends")
    start.add_argument("--started", metavar="TIME", help="when the impact began, if before --at")
    add_as_of(start, flag="--at", help="when it was detected and declared (default: now, on the repo's `today`)")
    start.set_defaults(func=run_start)

    update = steps.add_parser("update", help="post a status update")
    update.add_argument("id", help="incident id, e.g. INC-2026-014")
    update.add_argument("--status", choices=INCIDENT_STATUSES, help="workflow step the incident is in now")
    update.add_argument("--message", help="what to say")
    add_as_of(update, flag="--at", help="time of the update (default: now, on the repo's `today`)")
    update.set_defaults(func=run_update)

    for name, helptext in (("mitigate", "record that the impact stopped"), ("resolve", "record the resolution")):
        step = steps.add_parser(name, help=helptext)
        step.add_argument("id", help="incident id")
        step.add_argument("--message", help="the status update to post (a sensible default otherwise)")
        add_as_of(step, flag="--at", help="when it happened (default: now, on the repo's `today`)")
        add_force(step)
        if name == "resolve":
            step.add_argument("--root-cause", help="the cause in one sentence: told in the resolution notification, "
                                                   "kept in the record and copied into the postmortem draft")
            step.add_argument("--early-reason", metavar="TEXT",
                              help="resolve before SLIs have been normal for 30 minutes after mitigation, and record "
                                   "why (otherwise such a resolution is refused)")
        step.set_defaults(func=run_mitigate if name == "mitigate" else run_resolve)

    assign = steps.add_parser("assign", help="change who holds the incident's roles (recorded as a status update)")
    assign.add_argument("id", help="incident id")
    assign.add_argument("--ic", help="new incident commander (the handoff is recorded)")
    assign.add_argument("--comms", help="new communications lead")
    assign.add_argument("--ops", help="new operations lead")
    assign.add_argument("--scribe", help="new scribe")
    assign.add_argument("--sme", action="append", default=[], help="add a subject-matter expert (repeatable)")
    add_as_of(assign, flag="--at", help="when the roles changed (default: now, on the repo's `today`)")
    assign.set_defaults(func=run_assign)

    for sub in steps.choices.values():
        add_root(sub)


@workflow
def run_start(args: argparse.Namespace) -> int:
    from sre_docs.cli.context import incident_id_lock, load, now, report_written, write_document
    from sre_docs.workflows import incidents
    from sre_docs.workflows.common import parse_instant

    repo = load(args.root)
    title = prompt_missing(args.title, flag="TITLE", question="What is happening")
    services = args.service or [prompt_missing(None, flag="--service", question="Affected service",
                                               choices=sorted(repo.services) or None)]
    function = prompt_missing(args.function, flag="--function", question="What stopped working", choices=IMPACT_FUNCTIONS)
    users = prompt_missing(args.users, flag="--users", question="How many users are hurt", choices=IMPACT_USERS)
    at = now(args)
    started = parse_instant(args.started, what="--started") if args.started else None
    roles = {"ic": args.ic, "comms": args.comms, "ops": args.ops, "scribe": args.scribe, "sme": args.sme}
    # Ids are unique across the repo: choosing the next one (from the files on disk) and
    # creating its file happen under one repo-wide lock, so concurrent starts take turns.
    with incident_id_lock(args.root):
        new = incidents.start_incident(
            repo, title=title, services=services, function=function, users=users, at=at, started=started,
            data_loss=args.data_loss, pii_breach=args.pii_breach, revenue=args.revenue,
            sla_breach_imminent=args.sla_breach_imminent, roles=roles, detection=args.detection,
            trigger_alert=args.alert, slo=args.slo, users_pct=args.users_pct,
        )
        write_document(args.root, path=new.path, service=services[0], content=new.content)
    colour = colour_enabled()
    print(f"created {new.path}: {new.id} ({new.decision.severity})")
    for reason in new.decision.reasons:
        print(f"  {reason}")
    print()
    print(paint("Internal notification (post in #incidents and the channel):", "bold", enabled=colour))
    print(new.notification)
    print()
    print(paint("Customer-facing status:", "bold", enabled=colour))
    print(new.customer_status)
    print()
    print(f"Next: open {new.channel}, then `sre-docs incident update {new.id} --status respond --message ...`")
    if new.decision.severity in ("SEV1", "SEV2") and not args.ic:
        print(f"note: a {new.decision.severity} incident needs an incident commander (INC006): "
              f"`sre-docs incident assign {new.id} --ic NAME`")
    first = repo.services.get(services[0])
    if args.slo is None and first is not None and len(first.slos) > 1:
        print(f"note: {services[0]} has several SLOs; no budget is counted until impact.slo names the one it hurts "
              "(--slo)")
    return report_written(args.root, [new.path])


def _edit(args: argparse.Namespace, build: Callable[[Document], list[Any]]) -> tuple[Repository, Document, int]:
    from sre_docs.cli.context import apply_edits, load, report_written
    from sre_docs.workflows import incidents

    repo = load(args.root)
    doc = incidents.find_incident(repo, args.id)
    edits = build(doc)
    apply_edits(args.root, doc.path, edits, doc=doc.parsed.index)
    return repo, doc, report_written(args.root, [doc.path], out=sys.stdout)


@workflow
def run_update(args: argparse.Namespace) -> int:
    from sre_docs.cli.context import now
    from sre_docs.workflows import incidents

    status = prompt_missing(args.status, flag="--status", question="Workflow step", choices=INCIDENT_STATUSES)
    message = prompt_missing(args.message, flag="--message", question="Update")
    at = now(args)
    _, doc, code = _edit(args, lambda d: incidents.update_edits(d, status=status, message=message, at=at))
    print(f"updated {doc.path}: {args.id} is in {status}")
    return code


@workflow
def run_mitigate(args: argparse.Namespace) -> int:
    from sre_docs.cli.context import now
    from sre_docs.workflows import incidents
    from sre_docs.workflows.common import stamp

    at = now(args)
    repo, doc, code = _edit(args, lambda d: incidents.mitigate_edits(d, at=at, message=args.message, force=args.force))
    title = doc.get("title", default=args.id)
    print(f"updated {doc.path}: {args.id} mitigated at {stamp(at)}")
    print()
    print(f"\N{LARGE YELLOW CIRCLE} MITIGATED: {title}")
    print("Status: Impact mitigated; root cause investigation continues")
    from sre_docs.calc.incident_response import earliest_resolution

    print(f"Next: `sre-docs incident resolve {args.id}` once SLIs have been normal for 30 minutes, at "
          f"{stamp(earliest_resolution(at))} or later")
    return code


@workflow
def run_resolve(args: argparse.Namespace) -> int:
    from sre_docs.cli.context import load, now
    from sre_docs.workflows import incidents
    from sre_docs.workflows.common import stamp

    at = now(args)
    repo, doc, code = _edit(args, lambda d: incidents.resolve_edits(
        d, at=at, message=args.message, force=args.force, early_reason=args.early_reason, root_cause=args.root_cause))
    fresh = incidents.find_incident(load(args.root), args.id)
    figures = incidents.incident_figures(repo, fresh)
    path = incidents.postmortem_path_for(fresh)
    print(f"updated {doc.path}: {args.id} resolved at {stamp(at)}")
    print()
    print(incidents.resolution_notification(fresh.body, figures, postmortem_path=path, root_cause=args.root_cause))
    for note in figures.notes:
        print(f"note: {note}")
    if figures.postmortem_due:
        print()
        print(f"Postmortem due {figures.postmortem_due.isoformat()}: `sre-docs postmortem new {args.id}`")
    return code


@workflow
def run_assign(args: argparse.Namespace) -> int:
    from sre_docs.cli.context import now
    from sre_docs.workflows import incidents

    at = now(args)
    roles = {"ic": args.ic, "comms": args.comms, "ops": args.ops, "scribe": args.scribe}
    changes: list[str] = []

    def build(doc: Document) -> list[Any]:
        edits, said = incidents.assign_edits(doc, roles=roles, add_sme=args.sme, at=at)
        changes.extend(said)
        return edits

    _, doc, code = _edit(args, build)
    print(f"updated {doc.path}: {args.id} roles changed")
    for change in changes:
        print(f"  {change}")
    return code
