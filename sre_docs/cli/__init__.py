"""The ``sre-docs`` command line: one module per command group, wired up here.

Exit codes are a contract: 0 clean, 1 findings at or above the failing severity,
2 usage, configuration or internal error.
"""

from __future__ import annotations

import argparse
import gc
import sys
from typing import Sequence

from sre_docs import __version__
from sre_docs.cli import lint, scorecard
from sre_docs.cli import policies
from sre_docs.cli import export, handbook, pull
from sre_docs.cli import budget, capacity, chaos, incident, new, oncall, postmortem, prr, report, toil
from sre_docs.cli import diff
from sre_docs.cli.args import CommandParser

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

#: Command modules; each has ``register(subparsers)`` that sets ``func`` on its parser.
COMMANDS = (lint, diff, scorecard, new, incident, postmortem, policies, budget, chaos, capacity, toil, oncall, prr,
            report, export, handbook, pull)


class UsageError(Exception):
    """A problem with how sre-docs was called or configured: exit 2 with the message."""


def build_parser() -> argparse.ArgumentParser:
    parser = CommandParser(
        prog="sre-docs",
        description="Lint, render and score a reliability repo kept as YAML in git.",
    )
    parser.add_argument("--version", action="version", version=f"sre-docs {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        command.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script.

    A command runs once and exits, and the model it loads is garbage-free by construction
    (plain dicts and lists, no cycles worth collecting), so the cyclic collector only costs
    time here: about a second of a 1,000-service lint (benchmarks/stages.py). Library use
    (the MkDocs plugin under ``mkdocs serve``) keeps the collector on.
    """
    if argv is None:
        gc.disable()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    try:
        return int(args.func(args))
    except UsageError as exc:
        print(f"sre-docs: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 -- the contract is one line, never a traceback
        print(f"sre-docs: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_ERROR
