"""``sre-docs diff [BASE]``: what a change does to reliability, for a pull request.

Compares the repo at BASE, read from git's objects (no checkout, no temporary work tree),
with the work tree as it is now (uncommitted edits included): SLO budgets and states,
findings introduced and fixed anywhere in the repo, scorecards, alerts and runbooks,
services and tiers, capacity months and on-call rotations. BASE defaults to the default
branch (origin/HEAD, main or master; the target branch on a GitHub pull request), and the
comparison is with its merge base, as in ``git diff BASE...``. Exit codes: 0 compared,
2 usage, configuration or git error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

FORMATS = ("text", "markdown", "json")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("diff", help="the reliability impact of a change (for pull requests)",
                                   description=__doc__)
    parser.add_argument("base", nargs="?", metavar="BASE",
                        help="git ref to compare with (default: the merge base with the default branch)")
    parser.add_argument("--root", type=Path, default=Path("."), help="repository root (default: current directory)")
    parser.add_argument("--config", type=Path, metavar="FILE",
                        help="configuration file (default: <root>/sre-docs.yaml when present)")
    parser.add_argument("--format", choices=FORMATS, default="text",
                        help="text for a terminal, markdown for a pull-request comment, json for machines")
    parser.add_argument("--github", action="store_true",
                        help="on GitHub Actions: write the Markdown to the job summary and to one pull-request "
                             "comment, edited in place on every push (forks: summary only)")
    parser.add_argument("--site-url", metavar="URL",
                        help="handbook URL to link services to (default: site_url in mkdocs.yml; none: no links)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from sre_docs.cli import UsageError
    from sre_docs.cli.lint import load
    from sre_docs.impact.changes import compare
    from sre_docs.impact.renderers import Base, render_json, render_markdown, render_text
    from sre_docs.lint.config import utc_today
    from sre_docs.lint.engine import PolicyCrash
    from sre_docs.lint.incremental import base_run, budgets_moved, lint_against
    from sre_docs.loading.git_changes import GitChangesError, resolve_base
    from sre_docs.scorecard.rules import RulesError, load_rules

    root: Path = args.root
    config = load(args)
    try:
        rules = load_rules(root)
    except RulesError as exc:
        raise UsageError("invalid config: scorecard rules:\n" + "\n".join(
            f"  {f.path}:{f.line}:{f.column}: {f.code} {f.message}" for f in exc.findings)) from None
    today = config.today or utc_today()
    try:
        base = resolve_base(root, args.base)
    except (GitChangesError, ValueError) as exc:
        raise UsageError(f"diff: {exc}") from None

    try:
        base_side, head_side, changed = sides_and_changes(root, base, config.limits, today)
        run = base_run(root, config, base.sha, base_side.repo)
        findings = (run.findings, lint_against(head_side.repo, config, run, changed).findings)
        impact = compare(base_side, head_side, config=config, rules=rules, findings=findings,
                         budgets_of=budgets_moved(head_side.repo, run, changed))
    except GitChangesError as exc:
        raise UsageError(f"diff: {exc}") from None
    except PolicyCrash as exc:
        raise UsageError(f"internal error: {exc}") from None

    compared = Base(base.sha, base.ref)
    if args.github:
        import os

        from sre_docs.integrations.github_comment import publish

        markdown = render_markdown(impact, compared, link=_service_links(root, head_side.repo, args.site_url))
        sys.stdout.write(markdown)
        for note in publish(markdown, os.environ):
            print(f"sre-docs: {note}", file=sys.stderr)
        return 0
    if args.format == "json":
        sys.stdout.write(render_json(impact, compared))
    elif args.format == "markdown":
        sys.stdout.write(render_markdown(impact, compared, link=_service_links(root, head_side.repo, args.site_url)))
    else:
        sys.stdout.write(render_text(impact, compared))
    return 0


def sides(root: Path, base, limits, today):
    """The repo at the base commit and in the work tree, each with its git dates (see ``sides_and_changes``)."""
    base_side, head_side, _ = sides_and_changes(root, base, limits, today)
    return base_side, head_side


def sides_and_changes(root: Path, base, limits, today):
    """The repo at the base commit and in the work tree, each with its git dates, and the changed paths.

    The work tree is loaded (through the parse cache); the base is the work tree with the
    files the change touched read back from git's objects, so a one-file change reads one
    blob, and the files it left alone are the very same objects on both sides.
    """
    from sre_docs.impact.changes import Side
    from sre_docs.lint.incremental import CommitFiles
    from sre_docs.lint.policy import FileHistory, LintRepo
    from sre_docs.loading.git_changes import (
        changed_since, file_dates, files_containing, last_changed_dates, read_blobs, yaml_paths_at,
    )
    from sre_docs.loading.parse_cache import ParseCache, wanted_from_environment
    from sre_docs.model.repository import load_work_tree, repository_with
    from sre_docs.scorecard.facts import GitFacts

    changed = changed_since(root, base.sha).paths
    head_model, loaded = load_work_tree(root, limits=limits)
    head_dates = last_changed_dates(root, today)
    head_repo = LintRepo.wrap(head_model, today=today, history=FileHistory(lambda: head_dates), limits=limits)
    at_base = yaml_paths_at(base.repo, base.sha, base.prefix)
    in_head = {file.source.path for file in loaded}
    blobs = read_blobs(base.repo, {path: blob for path, blob in at_base.items() if path in changed or path not in in_head},
                       limits.max_file_bytes)
    cache = ParseCache.open(root, limits) if wanted_from_environment() else None
    try:
        base_model = repository_with(root, loaded, at_base, blobs.items(), limits=limits, parse_cache=cache)
    finally:
        if cache is not None:
            cache.close()
    base_dates = file_dates(base.repo, base.prefix, base.sha)
    base_side = Side(
        LintRepo.wrap(base_model, today=today, history=FileHistory(lambda: base_dates), limits=limits,
                      files=CommitFiles(at_base, blobs, head_repo.source_bytes)),
        GitFacts(base_dates),
    )
    head_side = Side(head_repo, GitFacts(head_dates), containing=lambda needles: files_containing(root, needles))
    return base_side, head_side, changed


def _service_links(root: Path, model, site_url: str | None):
    """A service's handbook page when the site's URL is known, else no links."""
    from sre_docs.integrations.handbook_links import HandbookLinks, site_settings

    settings = site_settings(root, site_url)
    if settings.site_url is None:
        return lambda service: None
    links = HandbookLinks(model, settings)
    return links.service_page
