"""``sre-docs postmortem new INCIDENT``: draft the blameless postmortem from the incident record.

The timeline, duration, impact, budget spent and times to detect, mitigate and resolve
come from the record; the parts only people can write are ``TODO:`` prompts, listed
after writing. The incident's ``postmortem:`` field is pointed at the new file.
"""

from __future__ import annotations

import argparse

from sre_docs.cli.args import add_force, add_root, workflow


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("postmortem", help="draft postmortems from incidents", description=__doc__)
    steps = parser.add_subparsers(dest="step", metavar="STEP", required=True)
    new = steps.add_parser("new", help="draft the postmortem of an incident")
    new.add_argument("incident", help="incident id, e.g. INC-2026-014")
    add_root(new)
    add_force(new)
    new.set_defaults(func=run_new)


@workflow
def run_new(args: argparse.Namespace) -> int:
    from sre_docs.cli.context import apply_edits, load, report_written, today, write_document
    from sre_docs.workflows import incidents
    from sre_docs.workflows.common import dotted, todo_paths
    from sre_docs.workflows.postmortem import new_postmortem

    repo = load(args.root)
    incident = incidents.find_incident(repo, args.incident)
    draft = new_postmortem(repo, incident, today=today(args), force=args.force)
    parts = draft.path.split("/")
    service = parts[1] if len(parts) > 2 and parts[0] == "services" else incident.service
    write_document(args.root, path=draft.path, service=service, content=draft.content, force=args.force)
    apply_edits(args.root, incident.path, draft.incident_edits, doc=incident.parsed.index)
    print(f"created {draft.path}: postmortem of {args.incident}")
    print(f"linked it from {incident.path} (postmortem: {incidents.postmortem_link(incident, draft.path)})")
    for note in draft.notes:
        print(f"note: {note}")
    todo = [dotted(("postmortem", *p)) for p in todo_paths(draft.content["postmortem"])]
    return report_written(args.root, [draft.path, incident.path], todo=[f"{draft.path}: {t}" for t in todo])
