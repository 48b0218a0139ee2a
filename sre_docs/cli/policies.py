"""``sre-docs policies``: list every policy and code with its effective level, or show one's page."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from sre_docs.cli.lint import add_common_arguments, listing, load

if TYPE_CHECKING:  # the configuration loads every policy module: imported when a command runs
    from sre_docs.lint.config import Config


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("policies", help="list the policies (or show one's documentation)",
                                   description=__doc__)
    add_common_arguments(parser)
    parser.add_argument("ids", nargs="*", metavar="ID", help="show the documentation of these policies")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="listing format")
    parser.set_defaults(func=run)


def as_json(config: Config) -> str:
    entries = []
    for rule in config.catalog.rules():
        policy = config.catalog.policies.get(rule.id)
        entries.append({
            "id": rule.id,
            "name": rule.name,
            "summary": rule.summary,
            "default_level": rule.level.value,
            "level": config.level(rule.id).value,
            "enabled": config.enabled(rule.id),
            "origin": policy.origin if policy else "core",
            "options": config.options(rule.id) if policy else {},
        })
    return json.dumps(entries, indent=2) + "\n"


def run(args: argparse.Namespace) -> int:
    from sre_docs.lint.catalog import CORE_CODES
    from sre_docs.cli import UsageError
    from sre_docs.cli.output import colour_enabled
    from sre_docs.handbook.policy_pages import policy_page
    from sre_docs.terminal_text import prose

    config = load(args)
    if not args.ids:
        sys.stdout.write(as_json(config) if args.format == "json" else listing(config))
        return 0
    pages = []
    for code in args.ids:
        policy = config.catalog.policies.get(code.upper())
        if policy is None:
            if code.upper() in CORE_CODES:
                core = CORE_CODES[code.upper()]
                pages.append(f"# {core.id} {core.name}\n\n{core.summary}\n\n{core.help}\n")
                continue
            raise UsageError(f"unknown policy {code!r} (see 'sre-docs policies')")
        pages.append(policy_page(policy))
    # The pages are the site's Markdown; a terminal gets their words (no HTML entities or tags).
    sys.stdout.write(prose("\n".join(pages), enabled=colour_enabled(sys.stdout)))
    return 0
