"""The policy engine: load the repo once, run every enabled policy, turn problems into findings.

The steps, each a small function:

1. load and validate every file (``sre_docs.model.repository``) with the configured limits;
2. run each enabled policy over the whole model; a policy yields ``Problem``s and the
   engine assigns each a level from the configuration (policies never pick their own);
3. keep findings inside the configured ``paths:``/``services:`` scopes;
4. apply inline suppressions and report the suppressions' own problems (SUP001-SUP004).

Reporting filters that do not change what is true about the repo (``--since``,
``--service``, the baseline) are applied afterwards by the caller, so that "unused
suppression" keeps meaning the same thing whatever the filters.

Policies see ``LintRepo``: the model plus ``today`` and git file dates. The engine stays
linear in the size of the repo: policies index what they look up.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sre_docs.lint import suppressions
from sre_docs.lint.config import Config, utc_today
from sre_docs.lint.deployed_rules import DeployedRules, read_deployed
from sre_docs.findings import Finding
from sre_docs.loading import git_changes
from sre_docs.loading.git_changes import last_changed_dates
from sre_docs.loading.site_settings import site_settings
from sre_docs.loading.parse_cache import ParseCache, wanted_from_environment
from sre_docs.model.repository import Repository, load_repository, repository_from_files
from sre_docs.lint.policy import FileHistory, LintRepo, Policy, Problem


class PolicyCrash(Exception):
    """A policy raised instead of yielding problems: an internal error (exit 2)."""

    def __init__(self, policy: Policy, error: BaseException) -> None:
        super().__init__(f"policy {policy.id} ({policy.origin}) failed: {type(error).__name__}: {error}")
        self.policy = policy
        self.error = error


@dataclass(frozen=True)
class LintResult:
    """What one run found. ``findings`` are sorted and deduplicated."""

    repo: LintRepo
    findings: list[Finding]
    suppressed: list[Finding]


def lint(root: Path, config: Config, *, use_git: bool = True, rules: tuple[Path, ...] = ()) -> LintResult:
    """Lint the repository at ``root`` with ``config``; ``rules`` are deployed rule files beyond the config's."""
    return lint_repo(work_tree_repo(root, config, use_git=use_git, rules=rules), config)


def deployed_rules(root: Path, config: Config, rules: tuple[Path, ...] = ()) -> DeployedRules:
    """The deployed rule files' alerts (config globs and ``rules``), read from the work tree.

    A past commit is linted against the same deployed files, so that ``--since`` reports what a
    change of the repo did to them (a deleted runbook), not the files themselves as new.
    """
    if not config.prometheus.rule_files and not rules:
        return DeployedRules()
    return read_deployed(root, config.prometheus.rule_files, rules, site=site_settings(root), limits=config.limits)


def lint_commit(root: Path, config: Config, sha: str, *, rules: tuple[Path, ...] = ()) -> LintResult:
    """Lint the repository at ``root`` as it was at commit ``sha``, read from git objects (no checkout).

    The configuration is the one given (the work tree's), so that the two runs differ only
    in the documents. File dates are those of ``sha``'s history.
    """
    return lint_repo(commit_repo(root, config, sha, rules=rules), config)


def work_tree_repo(root: Path, config: Config, *, use_git: bool = True, rules: tuple[Path, ...] = ()) -> LintRepo:
    """The work tree's model as policies see it, with its day, git file dates and deployed rules."""
    model = load_repository(root, limits=config.limits)
    today = config.today or utc_today()
    history = FileHistory((lambda: last_changed_dates(root, today)) if use_git else None)
    repo = LintRepo.wrap(model, today=today, history=history, limits=config.limits)
    repo.deployed = deployed_rules(root, config, rules)
    return repo


def commit_repo(root: Path, config: Config, sha: str, *, rules: tuple[Path, ...] = ()) -> LintRepo:
    """The model of the repo at commit ``sha`` (from git objects) as policies see it, with the work tree's
    deployed rules (``deployed_rules``)."""
    git_repo, prefix = git_changes.open_repo(root)
    files = git_changes.files_at(git_repo, sha, prefix, config.limits.max_file_bytes)
    cache = ParseCache.open(root, config.limits) if wanted_from_environment() else None
    try:
        model = repository_from_files(root, files, limits=config.limits, parse_cache=cache)
    finally:
        if cache is not None:
            cache.close()
    today = config.today or utc_today()
    history = FileHistory(lambda: git_changes.file_dates(git_repo, prefix, sha))
    # The file bytes come from git objects, not the work tree: suppressions are read from the commit.
    repo = LintRepo.wrap(model, today=today, history=history, limits=config.limits, files=dict(files))
    repo.deployed = deployed_rules(root, config, rules)
    return repo


#: Codes about the work tree's folders and links, which a commit's files cannot show.
_TREE_CODES = frozenset({"REPO001", "REPO002", "REPO003"})


def introduced(findings: Iterable[Finding], before: Iterable[Finding]) -> list[Finding]:
    """The findings that ``before`` (the base's) does not have, matched by baseline fingerprint.

    A fingerprint ignores lines and columns, so a finding that only moved is not new; each
    finding of the base matches one finding now, so a second copy of an old problem is new.
    Findings about the work tree's folders (REPO001-REPO003) are left out: git objects cannot
    show them, so they would all look new.
    """
    from sre_docs.lint.baseline import Baseline, key

    accepted = Baseline(Counter(key(f) for f in before))
    new, _ = accepted.split(f for f in findings if f.code not in _TREE_CODES)
    return new


def lint_repo(repo: LintRepo, config: Config) -> LintResult:
    findings = loader_findings(repo, config)
    for found in policy_findings(repo, config).values():
        findings.extend(found)
    return finish(repo, config, findings)


def loader_findings(repo: Repository, config: Config) -> list[Finding]:
    """The loader's findings (parse, schema, tree) that the configuration keeps, before suppressions."""
    return [f for f in _loader_findings(repo, config) if config.in_scope(f.code, f.path, f.service)]


def policy_findings(repo: LintRepo, config: Config, only: Iterable[str] | None = None) -> dict[str, list[Finding]]:
    """Each enabled policy's findings (or only the ``only`` policies'), in scope, before suppressions.

    A repo made without its deployed rules gets the configuration's (``prometheus.rule_files``).
    """
    if repo.deployed is None:
        repo.deployed = deployed_rules(repo.root, config)
    wanted = None if only is None else set(only)
    found: dict[str, list[Finding]] = {}
    for policy in config.catalog.policies.values():
        if not config.enabled(policy.id) or (wanted is not None and policy.id not in wanted):
            continue
        found[policy.id] = [
            finding for finding in (to_finding(policy.id, p, config) for p in run_policy(policy, repo, config.options(policy.id)))
            if config.in_scope(finding.code, finding.path, finding.service)
        ]
    return found


def finish(repo: LintRepo, config: Config, findings: list[Finding], candidates: Iterable[str] | None = None) -> LintResult:
    """Apply inline suppressions (and report their own problems) to a run's findings.

    ``candidates``: files that may hold a suppression besides those with findings (default:
    every document file whose bytes hold the marker).
    """
    with_findings = list(dict.fromkeys(f.path for f in findings))
    if candidates is None:
        others = _suppression_candidates(repo, findings)
    else:
        seen = set(with_findings)
        others = with_findings + [path for path in dict.fromkeys(candidates) if path not in seen]
    outcome = suppressions.apply(
        findings,
        texts=repo.source_text,
        candidates=others,
        known=config.catalog.knows,
        today=repo.today,
        service_of=lambda path: service_of(repo, path),
    )
    extra = [
        Finding(f.code, config.level(f.code), f.path, f.line, f.column, f.message, f.service)
        for f in outcome.problems
        if config.enabled(f.code) and config.in_scope(f.code, f.path, f.service)
    ]
    return LintResult(repo, _dedupe(outcome.kept + extra), outcome.suppressed)


def run_policy(policy: Policy, repo: LintRepo, options: dict[str, object]) -> list[Problem]:
    """All problems of one policy; any exception becomes ``PolicyCrash``."""
    try:
        problems = list(policy.check(repo, options))
    except Exception as exc:  # reported as an internal error naming the policy
        raise PolicyCrash(policy, exc) from exc
    for item in problems:
        if not isinstance(item, Problem):
            raise PolicyCrash(policy, TypeError(f"check() yielded {type(item).__name__}, not Problem"))
    return problems


def to_finding(code: str, problem: Problem, config: Config) -> Finding:
    return Finding(
        code, config.level(code, problem.hint), problem.path, max(1, problem.line), max(1, problem.column),
        problem.message, problem.service,
    )


def _loader_findings(repo: Repository, config: Config) -> Iterable[Finding]:
    """Schema and parse findings keep their codes; their level comes from the config."""
    for finding in repo.findings:
        if not config.enabled(finding.code):
            continue
        level = config.level(finding.code) if config.catalog.default_level(finding.code) else finding.severity
        yield Finding(finding.code, level, finding.path, finding.line, finding.column, finding.message, finding.service)


def service_of(repo: Repository, path: str) -> str | None:
    parts = path.split("/")
    if len(parts) > 2 and parts[0] == "services" and parts[1] in repo.services:
        return parts[1]
    return None


def _suppression_candidates(repo: LintRepo, findings: list[Finding]) -> list[str]:
    """Files with findings, then other files whose bytes hold the marker.

    Unused suppressions mostly sit in files whose findings were fixed, so those files must
    be looked at too; a bytes search is cheap next to parsing (no decode, no YAML).
    """
    with_findings = list(dict.fromkeys(f.path for f in findings))
    seen = set(with_findings)
    return with_findings + [path for path in marked_files(repo, (doc.path for doc in repo.documents)) if path not in seen]


def marked_files(repo: LintRepo, paths: Iterable[str]) -> list[str]:
    """Those of ``paths`` whose bytes hold the suppression marker."""
    marker = suppressions.MARKER.encode()
    found = []
    for path in dict.fromkeys(paths):
        data = repo.source_bytes(path)
        if data is not None and marker in data:
            found.append(path)
    return found


def _dedupe(findings: list[Finding]) -> list[Finding]:
    unique = {(f.path, f.line, f.column, f.code, f.message): f for f in findings}
    return sorted(unique.values(), key=lambda f: (f.path, f.line, f.column, f.code, f.message))
