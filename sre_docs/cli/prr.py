"""``sre-docs prr SERVICE``: the production readiness checklist and what blocks production.

Shows the latest review's 28 checks with what the repo itself shows for those it can
answer. Exits 1 when anything blocks production (a failed or unreviewed check, or a pass the
repo contradicts: the rule PRR002 reports).
"""

from __future__ import annotations

import argparse

from sre_docs.cli.args import add_json, add_root, workflow
from sre_docs.cli.output import colour_enabled, print_json
from sre_docs.terminal_text import heading, paint, state, table
from sre_docs.words import counted


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("prr", help="production readiness review of a service", description=__doc__)
    parser.add_argument("service")
    add_root(parser)
    add_json(parser)
    parser.set_defaults(func=run)


@workflow
def run(args: argparse.Namespace) -> int:
    from sre_docs.cli.context import load
    from sre_docs.workflows.prr import category_label, review, review_json

    repo = load(args.root)
    report = review(repo, args.service)
    if args.json:
        print_json(review_json(report))
        return 0 if report.ready else 1
    colour = colour_enabled()
    where = f"{report.path}, {report.date}" if report.path else "no prr document yet"
    print(heading(f"Production readiness of {report.service} ({where})", enabled=colour))
    rows = []
    for row in report.rows:
        answer = {True: "yes", False: "no", None: "not recorded"}[row.repo_says]
        repo_says = f"{answer}: {row.repo_detail}" if row.repo_detail else ""
        if row.contradicted:
            repo_says = paint(repo_says + " (contradicts pass)", "yellow", enabled=colour)
        rows.append((category_label(row.category), row.text, state(row.status, enabled=colour), row.evidence or "", repo_says))
    print(table(("Category", "Check", "Status", "Evidence", "Repo shows"), rows, enabled=colour))
    print()
    if report.ready:
        print(paint("Nothing blocks production.", "green", enabled=colour))
        return 0
    count = len(report.blockers)
    print(paint(f"{counted(count, 'check')} {'blocks' if count == 1 else 'block'} production:", "red", enabled=colour))
    for row in report.blockers:
        why = f"pass, but the repo shows otherwise: {row.repo_detail}" if row.contradicted else row.status
        print(f"  - {row.id}: {row.text} ({why})")
    return 1
