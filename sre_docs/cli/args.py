"""The light half of the command line: options the commands share and the workflow wrapper.

Command modules build their parsers from these at start-up, for every command, so this
module (and each command module's top level) imports nothing heavier than ``argparse``:
``sre-docs --help`` and ``sre-docs lint --help`` never load the model, the policies or
git. Each command imports its implementation inside its ``run`` function.
"""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sre_docs.terminal_text import prose


class _HelpFormatter(argparse.HelpFormatter):
    """Help text is written in docstrings (reST literals, Markdown): shown as plain words (``prose``)."""

    def _format_text(self, text: str) -> str:
        return super()._format_text(prose(text))

    def _expand_help(self, action: argparse.Action) -> str:
        return prose(super()._expand_help(action))


class _RawHelpFormatter(argparse.RawDescriptionHelpFormatter):
    """The same, for descriptions laid out by hand (their line breaks kept)."""

    def _format_text(self, text: str) -> str:
        return super()._format_text(prose(text))

    def _expand_help(self, action: argparse.Action) -> str:
        return prose(super()._expand_help(action))


class CommandParser(argparse.ArgumentParser):
    """The parser of ``sre-docs`` and, through ``add_subparsers``, of every command under it: its
    help shows docstrings as a terminal should (no double backticks, no HTML entities)."""

    def __init__(self, **kwargs: Any) -> None:
        chosen = kwargs.pop("formatter_class", argparse.HelpFormatter)
        raw = isinstance(chosen, type) and issubclass(chosen, argparse.RawDescriptionHelpFormatter)
        super().__init__(formatter_class=_RawHelpFormatter if raw else _HelpFormatter, **kwargs)


def add_root(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--root", type=Path, default=Path("."), help="repository root (default: current directory)")


def add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON (stable keys) instead of text")


def add_as_of(parser: argparse.ArgumentParser, *, flag: str = "--as-of", help: str | None = None) -> None:
    parser.add_argument(flag, dest="as_of", metavar="TIME",
                        help=help or "evaluate at this date or timestamp instead of now (e.g. 2026-11-02T14:05:00Z)")
    parser.set_defaults(time_flag=flag)


def add_force(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--force", action="store_true", help="overwrite or replace what already exists")


def workflow(run: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Turn workflow errors into the CLI's contract: refusals exit 1, usage problems exit 2."""

    @functools.wraps(run)
    def wrapper(args: argparse.Namespace) -> int:
        from sre_docs.cli import UsageError
        from sre_docs.yamltext.edit import EditError
        from sre_docs.workflows.common import Refused, WorkflowError
        from sre_docs.yamltext.safe_write import WriteRefused

        root = getattr(args, "root", None)
        if root is not None and not Path(root).is_dir():
            raise UsageError(f"--root {root}: not a directory")
        try:
            return run(args)
        except Refused as exc:
            print(f"sre-docs: refused: {exc}", file=sys.stderr)
            return 1
        except (WorkflowError, EditError, WriteRefused) as exc:
            raise UsageError(str(exc)) from None

    return wrapper
