"""``sre-docs lint``: check the repository and report findings; the pull-request gate.

Exit codes: 0 nothing at or above the failing level, 1 findings at or above it, 2 usage,
configuration or internal error. Under GitHub Actions the default format is ``github``.
"""

from __future__ import annotations

import argparse
import dataclasses
import difflib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sre_docs.findings import Finding, Severity
from sre_docs.integrations.precommit import add_files_argument, only_files, repo_relative
from sre_docs.lint.formatters import FORMATTERS

if TYPE_CHECKING:
    from sre_docs.lint.config import Config

# The engine, the configuration (with every policy module), baselines and git are imported
# in ``load`` and ``run``: building the parser, for ``--help`` too, stays cheap.


def default_format(environ: os._Environ[str] | dict[str, str] | None = None) -> str:
    environ = os.environ if environ is None else environ
    return "github" if environ.get("GITHUB_ACTIONS") == "true" else "text"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("lint", help="check the reliability repo", description=__doc__)
    add_common_arguments(parser)
    parser.add_argument("--format", choices=sorted(FORMATTERS), default=None,
                        help="output format (default: github under GitHub Actions, else text)")
    parser.add_argument("--fail-on", choices=[s.value for s in Severity], default=None,
                        help="lowest level that makes the exit code 1 (default: config fail_on, else error)")
    parser.add_argument("--baseline", type=Path, metavar="FILE",
                        help="JSON baseline: findings it lists are accepted, only new ones are reported")
    parser.add_argument("--write-baseline", type=Path, metavar="FILE",
                        help="write every current finding to FILE as the new baseline, then exit 0")
    parser.add_argument("--since", metavar="REF",
                        help="report every finding a change since git REF introduced, wherever it sits, "
                             "and every finding in the files (or services) it touched")
    parser.add_argument("--service", action="append", default=[], metavar="NAME",
                        help="report only findings of this service (repeatable)")
    parser.add_argument("--rules", nargs="+", action="extend", default=[], type=Path, metavar="FILE",
                        help="deployed Prometheus rule files whose alerts must have runbooks (ALR010-ALR012), "
                             "beyond prometheus.rule_files of the config")
    parser.add_argument("--list-policies", action="store_true", help="list the policies and exit")
    add_files_argument(parser)
    parser.set_defaults(func=run)


def add_common_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--root", type=Path, default=Path("."), help="repository root (default: current directory)")
    parser.add_argument("--config", type=Path, metavar="FILE",
                        help="configuration file (default: <root>/sre-docs.yaml when present)")


def load(args: argparse.Namespace):
    """The checked configuration, or a one-line error and exit code 2."""
    from sre_docs.cli import UsageError
    from sre_docs.lint.config import ConfigError, load_config
    from sre_docs.lint.policy import PolicyDefinitionError

    root: Path = args.root
    if not root.is_dir():
        raise UsageError(f"--root {root}: not a directory")
    try:
        return load_config(root, args.config)
    except ConfigError as exc:
        raise UsageError(str(exc)) from None
    except PolicyDefinitionError as exc:
        raise UsageError(f"invalid policy: {exc}") from None


def listing(config: Config) -> str:
    """One line per code: ID, effective level (or 'off'), name, summary; policies after core codes."""
    lines = []
    for rule in config.catalog.rules():
        state = config.level(rule.id).value if config.enabled(rule.id) else "off"
        lines.append(f"{rule.id:<8} {state:<8} {rule.name:<32} {rule.summary}")
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    from sre_docs.lint import baseline as baselines
    from sre_docs.cli import UsageError
    from sre_docs.lint.engine import PolicyCrash, introduced, lint
    from sre_docs.lint.incremental import lint_change
    from sre_docs.loading.git_changes import validate_ref

    config = load(args)
    if args.list_policies:
        sys.stdout.write(listing(config))
        return 0
    if not any((args.root / folder).is_dir() for folder in ("services", "org")):
        raise UsageError(f"--root {args.root}: no services/ and no org/ folder, so there is nothing to lint; "
                         "point --root at a reliability repo (a CI job aimed at the wrong folder would pass unseen)")
    if args.since is not None:
        try:
            validate_ref(args.since)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    rules = tuple(getattr(args, "rules", None) or ())
    for file in rules:
        if not file.is_file():
            raise UsageError(f"--rules {file}: no such file")
    accepted = None
    if args.baseline is not None:
        try:
            accepted = baselines.read(args.baseline)
        except baselines.BaselineError as exc:
            raise UsageError(str(exc)) from None
    files = getattr(args, "files", [])
    try:
        changes = _change_under_test(args, files)
        if changes is None:
            result, before = lint(args.root, config, rules=rules), None
        else:
            result, run = lint_change(args.root, config, changes.base, changes.paths, rules=rules)
            before = run.findings
    except PolicyCrash as exc:
        raise UsageError(f"internal error: {exc}") from None
    findings = result.findings

    if args.write_baseline is not None:
        try:
            baselines.write(args.write_baseline, findings)
        except baselines.BaselineError as exc:
            raise UsageError(str(exc)) from None
        print(f"sre-docs: wrote {len(findings)} finding(s) to baseline {args.write_baseline}", file=sys.stderr)
        return 0

    findings = _only_services(findings, args.service, sorted(result.repo.services))
    if changes is not None and before is not None:
        # Every finding in what the change touched (or the files given), and every finding it
        # introduced anywhere else (a deleted team breaks the services that name it).
        new = {id(f) for f in introduced(findings, before)}
        if files:
            chosen = {id(f) for f in only_files(findings, files, args.root)}
            findings = [f for f in findings if id(f) in chosen or id(f) in new]
        else:
            findings = [f for f in findings if changes.touches(f.path, f.service) or id(f) in new]
    else:
        findings = only_files(findings, files, args.root)
    if accepted is not None:
        findings, known = accepted.split(findings)
        if known:
            print(f"sre-docs: {len(known)} finding(s) accepted by the baseline {args.baseline}", file=sys.stderr)

    threshold = Severity(args.fail_on) if args.fail_on else config.fail_on
    output_format = args.format or default_format()
    sys.stdout.write(FORMATTERS[output_format](findings, rules=_rules(config, findings), fail_on=threshold))
    return 1 if any(f.severity.rank >= threshold.rank for f in findings) else 0


def _change_under_test(args: argparse.Namespace, files: Sequence[str]):
    """What to compare the work tree with: ``--since REF``; for the pre-commit hook (files given, no
    baseline written), HEAD when the root is in a git repo with a commit; else None (no comparison)."""
    from sre_docs.cli import UsageError
    from sre_docs.loading.git_changes import GitChangesError, changed_since

    if args.since is not None:
        try:
            return changed_since(args.root, args.since)
        except GitChangesError as exc:
            raise UsageError(str(exc)) from None
    if not files or args.write_baseline is not None:
        return None
    try:
        changes = changed_since(args.root, "HEAD")
    except GitChangesError:
        return None  # not in git, or no commit yet: the files' findings of a whole lint
    given = {path for path in (repo_relative(f, args.root) for f in files) if path}
    return dataclasses.replace(changes, paths=changes.paths | given)


def _rules(config, findings: Sequence[Finding]):
    """Rules of enabled codes (plus any code that has a finding)."""
    codes = {f.code for f in findings}
    return [rule for rule in config.catalog.rules() if config.enabled(rule.id) or rule.id in codes]


def _only_services(findings: list[Finding], wanted: list[str], known: list[str]) -> list[Finding]:
    from sre_docs.cli import UsageError

    if not wanted:
        return findings
    for name in wanted:
        if name not in known:
            close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise UsageError(f"--service {name!r}: no such service folder{hint}")
    chosen = set(wanted)
    return [f for f in findings if f.service in chosen]
