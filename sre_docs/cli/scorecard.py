"""``sre-docs assess SERVICE`` and ``sre-docs scorecard``: maturity scorecards from the evidence.

Scores come from the repository's documents by the scorecard rules (shipped, tuned under
``scorecard:`` in sre-docs.yaml). ``--history`` adds the trend from git: the scores 30 and
90 days ago (rules setting ``history_days``). Exit codes: 0 scored, 2 usage or rules error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sre_docs.model.repository import Repository
    from sre_docs.scorecard.facts import GitFacts
    from sre_docs.scorecard.trends import HistoryPoint
    from sre_docs.scorecard.rules import Rules


def register(subparsers: argparse._SubParsersAction) -> None:
    assess = subparsers.add_parser("assess", help="derive one service's maturity scorecard from its documents",
                                   description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    assess.add_argument("service", metavar="SERVICE", help="service folder name under services/")
    _common(assess)
    assess.set_defaults(func=run_assess)
    org = subparsers.add_parser("scorecard", help="scorecards of every service: leaderboard, bands, weakest dimension",
                                description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    _common(org)
    org.set_defaults(func=run_scorecard)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--root", type=Path, default=Path("."), help="repository root (default: current directory)")
    parser.add_argument("--json", action="store_true", help="print JSON (schema sre-docs/scorecard/v1)")
    parser.add_argument("--history", action="store_true", help="add the trend from git history (e.g. 30 and 90 days ago)")
    parser.add_argument("--today", metavar="YYYY-MM-DD",
                        help="score as of this day (default: $SRE_DOCS_TODAY, then `today:` in sre-docs.yaml, then today)")
    parser.add_argument("--no-cache", action="store_true", help="do not read or write the user's cache for --history")


def _today(args: argparse.Namespace, root: Path) -> dt.date:
    from sre_docs.lint.config import ConfigError, repo_today
    from sre_docs.schemas.types import parse_date
    from sre_docs.cli import UsageError

    if args.today:
        day = parse_date(args.today.strip())
        if day is None:
            raise UsageError(f"--today {args.today!r}: not a date (YYYY-MM-DD)")
        return day
    try:
        return repo_today(root)
    except ConfigError as exc:
        raise UsageError(str(exc)) from None


def _prepare(args: argparse.Namespace) -> tuple[Path, Repository, Rules, dt.date, GitFacts]:
    from sre_docs.loading.git_changes import last_changed_dates
    from sre_docs.model.repository import load_repository
    from sre_docs.scorecard.facts import GitFacts
    from sre_docs.scorecard.rules import RulesError, load_rules
    from sre_docs.cli import UsageError

    root: Path = args.root
    if not root.is_dir():
        raise UsageError(f"--root {root}: not a directory")
    try:
        rules = load_rules(root)
    except RulesError as exc:
        raise UsageError("invalid config: scorecard rules:\n" + "\n".join(
            f"  {f.path}:{f.line}:{f.column}: {f.code} {f.message}" for f in exc.findings)) from None
    today = _today(args, root)
    repo = load_repository(root)
    git_facts = GitFacts(last_changed_dates(root, today))
    return root, repo, rules, today, git_facts


def _trend(args: argparse.Namespace, root: Path, rules: Rules, today: dt.date) -> tuple[HistoryPoint, ...]:
    from sre_docs.scorecard.trends import HistoryError, history
    from sre_docs.cli import UsageError

    if not args.history:
        return ()
    try:
        return history(root, rules, today=today, use_disk_cache=not args.no_cache)
    except HistoryError as exc:
        raise UsageError(f"--history: {exc}") from None


def _colour() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def _lint_note(repo: Repository) -> str:
    errors = sum(1 for f in repo.findings if f.severity.value == "error")
    return f"note: {errors} document error(s) were left out of the scores; run `sre-docs lint`\n" if errors else ""


def run_assess(args: argparse.Namespace) -> int:
    from sre_docs.scorecard import formats
    from sre_docs.scorecard.score import score_service
    from sre_docs.cli import UsageError

    root, repo, rules, today, git_facts = _prepare(args)
    if args.service not in repo.services:
        close = difflib.get_close_matches(args.service, list(repo.services), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else f" (services: {', '.join(sorted(repo.services)) or 'none'})"
        raise UsageError(f"no service {args.service!r} under {root / 'services'}{hint}")
    card = score_service(repo, args.service, rules, today=today, git=git_facts)
    trend = _trend(args, root, rules, today)
    if args.json:
        sys.stdout.write(formats.assess_json(card, rules, trend))
    else:
        sys.stdout.write(formats.assess_text(card, trend, colour=_colour()))
        sys.stderr.write(_lint_note(repo))
    return 0


def run_scorecard(args: argparse.Namespace) -> int:
    from sre_docs.scorecard import formats
    from sre_docs.scorecard.org import org_view
    from sre_docs.scorecard.score import score_repository

    root, repo, rules, today, git_facts = _prepare(args)
    cards = score_repository(repo, rules, today=today, git=git_facts)
    view = org_view(cards)
    trend = _trend(args, root, rules, today)
    if args.json:
        from sre_docs.cli.context import policy_options
        from sre_docs.calc.timing import POSTMORTEM_BUSINESS_DAYS
        from sre_docs.policies.pm001 import DEFAULT_SEVERITIES
        from sre_docs.scorecard.culture import culture_view

        pm001 = policy_options(root, "PM001")  # which incidents need a postmortem, and by when: PM001's rule
        culture = culture_view(repo, today, severities=pm001.get("severities", DEFAULT_SEVERITIES),
                               business_days=pm001.get("business_days", POSTMORTEM_BUSINESS_DAYS))
        sys.stdout.write(formats.org_json(view, rules, trend, culture=culture))
    else:
        sys.stdout.write(formats.org_text(view, trend, colour=_colour()))
        sys.stderr.write(_lint_note(repo))
    return 0
