"""Lint a change by what it can move, not the whole repo twice.

``lint --since``, ``diff`` and the pre-commit hook compare the repo at a base commit with the
work tree. Done plainly that is two whole-repo lints. Here:

* the base's findings come from one whole run of the base (``Run``), kept in the user's
  parse cache (``sre_docs.loading.parse_cache``: same folder, same safety rules) under a key
  made of the commit, the configuration, the policies' code and the day, so the next change
  against the same base reuses it;
* when every changed file sits in a service folder (``services/<name>/…``), the policies that
  declare ``READS = "service"`` (see ``sre_docs.lint.policy``) run only for the services the
  change can reach (``affected_services``), and their findings elsewhere are the base's; every
  other policy (``"organisation"``, the default) runs over the whole work tree as usual. A
  change to ``org/`` or to anything else falls back to the whole run.

The services a change can reach are its own folders, plus the services named by the
incidents in the changed files (an incident filed under checkout that names payments spends
payments' budget), plus those of the incidents a changed postmortem is for, plus every
service with an incident that shares an id with one in the changed files, plus the folders
of the runbooks a changed alert links to (RBK003 asks whether some alert is a runbook's), plus
the services whose alerts link to a changed file (ALR001, ALR002 and PRR002 read an alert's
linked runbook wherever it is filed), on either side.
The result is the same as a whole run; ``tests/security/test_since_gate.py`` holds one case
per way a change reaches past its files, and ``tests/engine/test_incremental.py`` compares
the two runs.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import inspect
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from sre_docs.findings import Finding
from sre_docs.lint.config import Config, utc_today
from sre_docs.lint.deployed_rules import DeployedRules
from sre_docs.lint.engine import (
    LintResult, commit_repo, deployed_rules, finish, lint_repo, loader_findings, marked_files, policy_findings,
)
from sre_docs.lint.policy import SERVICE, FileHistory, LintRepo
from sre_docs.loading import git_changes
from sre_docs.loading.git_changes import last_changed_dates
from sre_docs.loading.loader import LoadedFile
from sre_docs.loading.parse_cache import ParseCache, wanted_from_environment
from sre_docs.model.repository import Document, Repository, load_work_tree, repository_with

#: Bumped when ``Run`` changes shape, so older entries are not taken for new ones.
RUN_FORMAT = 1


@dataclass(frozen=True)
class Run:
    """One whole-repo run: its final findings, and what a later change reuses of it."""

    #: After suppressions, sorted: ``LintResult.findings``.
    findings: tuple[Finding, ...]
    #: The loader's findings and each policy's (by id), in scope, before suppressions.
    loader: tuple[Finding, ...]
    policies: Mapping[str, tuple[Finding, ...]]
    #: Files whose bytes hold a suppression marker.
    marked: frozenset[str]
    #: For each file: services beyond its own folder whose service-policy findings it can move.
    reach: Mapping[str, frozenset[str]]
    #: For each file: the ids of the incidents in it.
    incident_ids: Mapping[str, frozenset[str]]


def whole_run(repo: LintRepo, config: Config) -> tuple[LintResult, Run]:
    """Lint the whole repo, keeping what a later change against it can reuse."""
    loader = loader_findings(repo, config)
    by_policy = policy_findings(repo, config)
    marked = frozenset(marked_files(repo, (doc.path for doc in repo.documents)))
    result = finish(repo, config, loader + [f for found in by_policy.values() for f in found], candidates=marked)
    reach, ids = _reach(repo, None)
    run = Run(tuple(result.findings), tuple(loader), {k: tuple(v) for k, v in by_policy.items()}, marked, reach, ids)
    return result, run


def run_key(cache: ParseCache, config: Config, commit: str, today: dt.date,
            deployed: DeployedRules | None = None) -> str:
    """The cache key of a whole run of ``commit``: everything besides the commit that decides its findings.

    The commit fixes the files and their git dates; the rest is the configuration (levels,
    options, scopes, limits), the day and each policy's code (built-in or from
    ``policy_paths``), and the deployed rule files' alerts when any are read (they come from the
    work tree, not the commit). sre-docs' own code is in every key of the cache already.
    """
    parts: list[str | bytes] = ["lint run", str(RUN_FORMAT), commit, today.isoformat(),
                                repr(sorted(config.settings.items())), repr(config.paths), repr(config.services),
                                repr(config.limits), repr(deployed)]
    for policy in config.catalog.policies.values():
        parts.append(f"{policy.id}:{policy.reads}:{policy.origin}:{policy.module}")
        parts.append(_source_digest(policy.check))
    return cache.key(*parts)


def _source_digest(function: object) -> bytes:
    try:
        source = inspect.getsourcefile(function)  # type: ignore[arg-type]  # a check() is always a function, whose file inspect finds
        return hashlib.sha256(Path(source).read_bytes()).digest() if source else b"?"
    except (OSError, TypeError):
        return b"?"


def cached_run(cache: ParseCache | None, key: str | None) -> Run | None:
    """A whole run kept earlier under ``key``, or None."""
    if cache is None or key is None:
        return None
    found = cache.get(key)
    return found if isinstance(found, Run) else None


class CommitFiles(Mapping[str, bytes]):
    """The bytes of a commit's files, for a model built from the work tree plus the changed files' blobs.

    ``paths`` are the commit's files; those in ``blobs`` were read from git, the others are
    unchanged since the commit and are read from the work tree (through ``read``, which
    refuses links, FIFOs and oversized files). Suppressions of the base are read from here.
    """

    def __init__(self, paths: Iterable[str], blobs: Mapping[str, bytes], read: Callable[[str], bytes | None]) -> None:
        self._paths = frozenset(paths)
        self._blobs = blobs
        self._read = read

    def __getitem__(self, path: str) -> bytes:
        if path in self._blobs:
            return self._blobs[path]
        data = self._read(path) if path in self._paths else None
        if data is None:
            raise KeyError(path)
        return data

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._paths))

    def __len__(self) -> int:
        return len(self._paths)


def local_services(changed: Iterable[str]) -> frozenset[str] | None:
    """The service folders holding every changed path, or None when one lies elsewhere (``org/``, …).

    Paths outside ``services/`` and ``org/`` (a README, the docs) are not read by the linter
    and change nothing; the configuration is the work tree's on both sides.
    """
    services: set[str] = set()
    for path in changed:
        parts = path.split("/")
        if parts[0] == "services":
            if len(parts) < 3:
                return None  # the services/ folder itself, or a file right in it
            services.add(parts[1])
        elif parts[0] == "org" or path in ("services", "org"):
            return None
    return frozenset(services)


def _named(doc: Document) -> set[str]:
    """The services an incident counts against: its own folder's and those it names."""
    names = {doc.service} if doc.service is not None else set()
    listed = doc.get("services", default=[])
    if isinstance(listed, list):
        names.update(name for name in listed if isinstance(name, str))
    return names


def _reach(repo: Repository, paths: Iterable[str] | None) -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """For each file (of ``paths``, or all): the services its incidents and postmortems count against,
    those whose runbooks its alerts link to and those whose alerts link to it, and the incident ids it holds."""
    by_id: dict[str, set[str]] = {}
    for service in repo.services.values():
        for incident in service.incidents:
            if incident.name is not None:
                by_id.setdefault(incident.name, set()).update(_named(incident))
    # The services whose alerts link to a file, by the file's path (it may be missing: a broken link).
    linked_from: dict[str, set[str]] = {}
    for service in repo.services.values():
        for alert in service.alerts:
            link = alert.get("runbook")
            target = repo.resolve_path(alert.path, link) if isinstance(link, str) else None
            if target is not None:
                linked_from.setdefault(target, set()).add(service.name)
    reach: dict[str, set[str]] = {}
    if paths is None:
        docs: Iterable[Document] = repo.documents
        for target, services in linked_from.items():
            reach.setdefault(target, set()).update(services)
    else:
        index = repo.documents_by_path
        wanted = list(dict.fromkeys(paths))
        docs = [doc for path in wanted for doc in index.get(path, [])]
        for path in wanted:
            if path in linked_from:
                reach.setdefault(path, set()).update(linked_from[path])
    ids: dict[str, set[str]] = {}
    for doc in docs:
        if doc.kind == "incident":
            reach.setdefault(doc.path, set()).update(_named(doc), by_id.get(doc.name or "", ()))
            if doc.name is not None:
                ids.setdefault(doc.path, set()).add(doc.name)
        elif doc.kind == "postmortem":
            incident = doc.get("incident")
            if isinstance(incident, str) and incident in by_id:
                reach.setdefault(doc.path, set()).update(by_id[incident])
        elif doc.kind == "alert":
            link = doc.get("runbook")
            folder = _service_folder(repo.resolve_path(doc.path, link)) if isinstance(link, str) else None
            if folder is not None:
                reach.setdefault(doc.path, set()).add(folder)
    return ({path: frozenset(names) for path, names in reach.items()},
            {path: frozenset(found) for path, found in ids.items()})


def _service_folder(path: str | None) -> str | None:
    """The service folder a repo path lies in (``services/<name>/…``), or None."""
    parts = (path or "").split("/")
    return parts[1] if len(parts) > 2 and parts[0] == "services" else None


def affected_services(head: Repository, base: Run, changed: Iterable[str], local: frozenset[str]) -> frozenset[str]:
    """The services whose service-policy findings a change confined to ``local`` folders can move."""
    changed = list(changed)
    reach, ids = _reach(head, changed)
    affected = set(local)
    incident_ids: set[str] = set()
    for path in changed:
        affected.update(reach.get(path, ()), base.reach.get(path, ()))
        incident_ids.update(ids.get(path, ()), base.incident_ids.get(path, ()))
    if incident_ids:
        for service in head.services.values():
            for incident in service.incidents:
                if incident.name in incident_ids:
                    affected.update(_named(incident))
    return frozenset(affected)


def budgets_moved(head: Repository, base: Run, changed: Iterable[str]) -> frozenset[str] | None:
    """The services whose SLO budgets a change can move (a budget reads what a ``"service"`` policy
    reads), or None when the change is not confined to service folders."""
    changed = list(changed)
    local = local_services(changed)
    return None if local is None else affected_services(head, base, changed, local)


def service_view(repo: LintRepo, names: Iterable[str]) -> LintRepo:
    """The repo as a ``"service"`` policy needs it to check ``names`` only.

    Only those services are iterated, but the indexes across the repo (incidents by id and
    by service, postmortems by incident, documents by path, unreadable files) are the whole
    repo's, so a service's budget still counts the incidents filed in other folders.
    """
    wanted = set(names)
    view = dataclasses.replace(repo, services={n: s for n, s in repo.services.items() if n in wanted})
    for shared in ("incidents", "_incidents_by_service", "postmortems_by_incident", "documents_by_path",
                   "unreadable", "teams", "rotations", "_texts"):
        view.__dict__[shared] = getattr(repo, shared)
    return view


def lint_against(head: LintRepo, config: Config, base: Run, changed: Iterable[str]) -> LintResult:
    """The work tree's findings, re-running only what the change since ``base`` can move.

    The same findings as ``lint_repo(head, config)``, which it falls back to when the change
    is not confined to service folders.
    """
    changed = sorted(set(changed))
    local = local_services(changed)
    if local is None:
        return lint_repo(head, config)
    affected = affected_services(head, base, changed, local)
    policies = config.catalog.policies.values()
    per_service = [p.id for p in policies if p.reads == SERVICE]
    findings = loader_findings(head, config)
    for found in policy_findings(head, config, only=[p.id for p in policies if p.reads != SERVICE]).values():
        findings.extend(found)
    for policy, found in policy_findings(service_view(head, affected), config, only=per_service).items():
        findings.extend(f for f in found if f.service in affected)
        findings.extend(f for f in base.policies.get(policy, ()) if f.service not in affected)
    present = [path for path in changed if path in head.documents_by_path]
    marked = (base.marked - set(changed)) | set(marked_files(head, present))
    return finish(head, config, findings, candidates=sorted(marked))


def base_run(root: Path, config: Config, commit: str,
             repo: LintRepo | Callable[[], LintRepo] | None = None, *, deployed: DeployedRules | None = None) -> Run:
    """The whole run of the repo at ``commit``: from the cache, else linted and kept there for the next
    change against the same base. ``repo`` is the commit's model (or makes it); by default it is read
    from git's objects. ``deployed``: the work tree's deployed rules both sides are checked against
    (by default the configuration's, read now), part of the cache key."""
    if deployed is None:
        deployed = deployed_rules(root, config)
    cache = ParseCache.open(root, config.limits) if wanted_from_environment() else None
    try:
        key = (run_key(cache, config, commit, config.today or utc_today(), deployed)
               if cache is not None else None)
        found = cached_run(cache, key)
        if found is not None:
            return found
        if repo is None:
            model = commit_repo(root, config, commit)
        else:
            model = repo() if callable(repo) else repo
        model.deployed = deployed
        _, run = whole_run(model, config)
        if cache is not None and key is not None:
            cache.put(key, run)
        return run
    finally:
        if cache is not None:
            cache.close()


def commit_from_work_tree(root: Path, config: Config, commit: str, head: LintRepo, loaded: Iterable[LoadedFile],
                          changed: Iterable[str]) -> LintRepo:
    """The repo at ``commit`` as the work tree with the changed files read back from git's objects.

    The files a change left alone have the commit's bytes, so they are the work tree's loaded
    files; a one-file change reads one blob instead of the whole commit.
    """
    git_repo, prefix = git_changes.open_repo(root)
    at_commit = git_changes.yaml_paths_at(git_repo, commit, prefix)
    loaded = list(loaded)
    in_head = {file.source.path for file in loaded}
    touched = set(changed)
    blobs = git_changes.read_blobs(
        git_repo, {path: blob for path, blob in at_commit.items() if path in touched or path not in in_head},
        config.limits.max_file_bytes)
    cache = ParseCache.open(root, config.limits) if wanted_from_environment() else None
    try:
        model = repository_with(root, loaded, at_commit, blobs.items(), limits=config.limits, parse_cache=cache)
    finally:
        if cache is not None:
            cache.close()
    history = FileHistory(lambda: git_changes.file_dates(git_repo, prefix, commit))
    return LintRepo.wrap(model, today=head.today, history=history, limits=config.limits,
                         files=CommitFiles(at_commit, blobs, head.source_bytes))


def lint_change(root: Path, config: Config, commit: str, changed: Iterable[str], *,
                rules: tuple[Path, ...] = ()) -> tuple[LintResult, Run]:
    """The work tree's findings and the whole run of ``commit``, for a change of ``changed`` paths since it.

    When the commit's run is not kept yet, the commit is the work tree with the changed files
    read back from git (``commit_from_work_tree``): the first run against a new base (the
    pre-commit hook after every commit) costs one whole lint more, not a second load.
    """
    changed = sorted(set(changed))
    model, loaded = load_work_tree(root, limits=config.limits)
    today = config.today or utc_today()
    head = LintRepo.wrap(model, today=today, history=FileHistory(lambda: last_changed_dates(root, today)),
                         limits=config.limits)
    # Both sides are checked against the work tree's deployed rule files (``engine.deployed_rules``).
    head.deployed = deployed_rules(root, config, rules)

    def base_repo() -> LintRepo:
        repo = commit_from_work_tree(root, config, commit, head, loaded, changed)
        repo.deployed = head.deployed
        return repo

    base = base_run(root, config, commit, base_repo, deployed=head.deployed)
    return lint_against(head, config, base, changed), base
