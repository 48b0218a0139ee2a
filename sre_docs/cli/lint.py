"""``sre-docs lint``: check the repository and report findings."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sre_docs.findings import Severity
from sre_docs.model import load_repository
from sre_docs.report import FORMATTERS


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("lint", help="check the reliability repo", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path("."), help="repository root (default: current directory)")
    parser.add_argument("--format", choices=sorted(FORMATTERS), default="text", help="output format")
    parser.add_argument(
        "--fail-on", choices=[s.value for s in Severity], default="error",
        help="lowest severity that makes the exit code 1 (default: error)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from sre_docs.cli import UsageError

    root: Path = args.root
    if not root.is_dir():
        raise UsageError(f"--root {root}: not a directory")
    repo = load_repository(root)
    findings = sorted(repo.findings, key=lambda f: f.sort_key)
    sys.stdout.write(FORMATTERS[args.format](findings))
    threshold = Severity(args.fail_on).rank
    return 1 if any(f.severity.rank >= threshold for f in findings) else 0
