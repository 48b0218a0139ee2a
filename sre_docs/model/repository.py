"""The repository model: services and their documents, cross-referenced.

Built once per run by ``load_repository`` and shared by the linter, the CLI and the
MkDocs plugins. Documents keep their source positions, so any check can point at the
exact key or value it is about (``Document.locate``). Values in a document have passed
their schema: a value is either absent or of its declared type.
"""

from __future__ import annotations

import hashlib
import posixpath
from collections import defaultdict
from collections.abc import Iterable, Iterator, MutableMapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from sre_docs.loading import parse_cache as loadcache
from sre_docs.findings import Finding, Severity
from sre_docs.loading.loader import (
    ORG_DIR,
    SERVICES_DIR,
    YAML_SUFFIXES,
    LoadedFile,
    KnownFiles,
    SourceFile,
    cached_file,
    discover,
    keep_file,
    load_blobs,
    load_files,
)
from sre_docs.loading.session_files import SessionFiles
from sre_docs.yamltext.parse import DEFAULT_LIMITS, Limits, ParsedDocument
from sre_docs.schemas.types import IDENTIFIER


@dataclass(eq=False)
class Document:
    """One document of a kind, with the file and positions it came from."""

    kind: str
    parsed: ParsedDocument
    path: str
    service: str | None

    @property
    def body(self) -> Any:
        """The value under the kind's key (a mapping, or a list for list kinds)."""
        return self.parsed.value.get(self.kind) if isinstance(self.parsed.value, dict) else None

    def get(self, *path: Any, default: Any = None) -> Any:
        """The value at ``path`` below the body, or ``default`` when any step is missing."""
        value = self.body
        for part in path:
            try:
                value = value[part]
            except (KeyError, IndexError, TypeError):
                return default
        return default if value is None else value

    def locate(self, *path: Any, key: bool = False) -> tuple[int, int]:
        """1-based (line, column) of ``path`` below the body (``key=True``: of its key)."""
        return self.parsed.locate((self.kind, *path), key=key)

    @property
    def name(self) -> str | None:
        """The document's own name or id, by the field its kind uses for one."""
        body = self.body
        if not isinstance(body, dict):
            return None
        for key in ("name", "id", "incident", "alert_name", "title", "period", "slo"):
            value = body.get(key)
            if isinstance(value, str):
                return value
        return None

    @property
    def line(self) -> int:
        return self.locate(key=True)[0]

    def __repr__(self) -> str:
        return f"<{self.kind} {self.name!r} {self.path}:{self.line}>"


@dataclass(eq=False)
class Service:
    """A service folder and everything in it."""

    name: str
    folder: str
    documents: list[Document] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[Document]:
        return self._by_kind.get(kind, [])

    @cached_property
    def _by_kind(self) -> dict[str, list[Document]]:
        grouped: dict[str, list[Document]] = defaultdict(list)
        for doc in self.documents:
            grouped[doc.kind].append(doc)
        return dict(grouped)

    @property
    def catalog(self) -> Document | None:
        """The service's catalog entry (kind ``service``)."""
        entries = self.of_kind("service")
        return entries[0] if entries else None

    @property
    def tier(self) -> str | None:
        return self.catalog.get("tier") if self.catalog else None

    @property
    def slis(self) -> list[Document]:
        return self.of_kind("sli")

    @property
    def slos(self) -> list[Document]:
        return self.of_kind("slo")

    @property
    def alerts(self) -> list[Document]:
        return self.of_kind("alert")

    @property
    def runbooks(self) -> list[Document]:
        return self.of_kind("runbook")

    @property
    def incidents(self) -> list[Document]:
        """Incidents filed in this service's folder (see ``Repository.incidents_of``)."""
        return self.of_kind("incident")

    @property
    def postmortems(self) -> list[Document]:
        return self.of_kind("postmortem")

    @property
    def experiments(self) -> list[Document]:
        return self.of_kind("experiment")

    @property
    def toil(self) -> list[Document]:
        return self.of_kind("toil_item")

    @property
    def capacity_models(self) -> list[Document]:
        return self.of_kind("capacity_model")

    @property
    def measurements(self) -> list[Document]:
        return self.of_kind("measurements")

    @property
    def prr(self) -> Document | None:
        reviews = sorted(self.of_kind("prr"), key=lambda d: d.get("date", default=""))
        return reviews[-1] if reviews else None

    @property
    def maturity_assessment(self) -> Document | None:
        assessments = sorted(self.of_kind("maturity_assessment"), key=lambda d: d.get("date", default=""))
        return assessments[-1] if assessments else None

    def sli(self, name: str) -> Document | None:
        return next((d for d in self.slis if d.get("name") == name), None)

    def slo_name(self, slo: Document) -> str | None:
        return slo.get("name") or slo.get("sli")

    def slo(self, name: str) -> Document | None:
        return next((d for d in self.slos if self.slo_name(d) == name), None)

    def runbooks_for(self, alert_name: str) -> list[Document]:
        return [d for d in self.runbooks if d.get("alert_name") == alert_name]

    def burn_rate_alerts(self) -> Iterator[tuple[Document, int, dict[str, Any]]]:
        """(slo, index, alert) for every burn-rate alert declared in an SLO."""
        for slo in self.slos:
            for index, alert in enumerate(slo.get("burn_rate_alerts", default=[])):
                if isinstance(alert, dict):
                    yield slo, index, alert


@dataclass(eq=False)
class Repository:
    """The whole reliability repo, loaded."""

    root: Path
    services: dict[str, Service]
    org_documents: list[Document]
    findings: list[Finding]

    @property
    def documents(self) -> Iterator[Document]:
        for service in self.services.values():
            yield from service.documents
        yield from self.org_documents

    @cached_property
    def unreadable(self) -> dict[str, Finding]:
        """Files that gave no document at all because of an error, with the first error in each, by path.

        A file that failed to parse may hold exactly the document another check misses (the
        ``service`` entry, the SLOs), so checks of absence stay quiet about a folder that has one:
        the error on the file is the real cause, and it is reported already.
        """
        loaded = self.documents_by_path
        first: dict[str, Finding] = {}
        for finding in sorted(self.findings, key=lambda f: f.sort_key):
            if finding.severity is Severity.ERROR and finding.path not in loaded and finding.path not in first:
                first[finding.path] = finding
        return first

    def unreadable_in(self, folder: str) -> list[Finding]:
        """The first error of each unreadable file under ``folder`` (``services/checkout``), in path order."""
        prefix = folder.rstrip("/") + "/"
        return [f for path, f in sorted(self.unreadable.items()) if path.startswith(prefix)]

    def org_of_kind(self, kind: str) -> list[Document]:
        return [d for d in self.org_documents if d.kind == kind]

    @cached_property
    def teams(self) -> dict[str, Document]:
        return _index(self.org_of_kind("team"))

    @cached_property
    def rotations(self) -> dict[str, Document]:
        return _index(self.org_of_kind("oncall_rotation"))

    @property
    def default_budget_policy(self) -> Document | None:
        policies = [d for d in self.org_of_kind("error_budget_policy") if not d.get("service")]
        return policies[0] if policies else None

    def budget_policy_for(self, service: str) -> Document | None:
        """The service's own error budget policy, else the organisation's default."""
        svc = self.services.get(service)
        own = svc.of_kind("error_budget_policy") if svc else []
        named = [d for d in self.org_of_kind("error_budget_policy") if d.get("service") == service]
        chosen = own or named
        return chosen[0] if chosen else self.default_budget_policy

    @cached_property
    def incidents(self) -> dict[str, Document]:
        """Every incident by id, wherever it is filed."""
        return _index(d for s in self.services.values() for d in s.incidents)

    def incidents_of(self, service: str) -> list[Document]:
        """Incidents that name ``service`` among their services, or are filed in its folder."""
        return self._incidents_by_service.get(service, [])

    @cached_property
    def _incidents_by_service(self) -> dict[str, list[Document]]:
        """One pass over the incidents, so that per-service lookups stay linear overall."""
        grouped: dict[str, list[Document]] = defaultdict(list)
        for doc in self.incidents.values():
            named = doc.get("services", default=[])
            names = {doc.service, *(n for n in named if isinstance(n, str))} if isinstance(named, list) else {doc.service}
            for name in names:
                if name is not None:
                    grouped[name].append(doc)
        return dict(grouped)

    @cached_property
    def documents_by_path(self) -> dict[str, list[Document]]:
        """Documents of each file, by repo-relative path (for resolving links between files)."""
        grouped: dict[str, list[Document]] = defaultdict(list)
        for doc in self.documents:
            grouped[doc.path].append(doc)
        return dict(grouped)

    @cached_property
    def postmortems_by_incident(self) -> dict[str, Document]:
        return {
            d.get("incident"): d
            for s in self.services.values() for d in s.postmortems if d.get("incident")
        }

    def resolve_link(self, doc: Document, link: str) -> Document | list[Document] | None:
        """Documents in the file that a relative link from ``doc``'s file points at."""
        target = self.resolve_path(doc.path, link)
        if target is None:
            return None
        return self.documents_by_path.get(target) or None

    @staticmethod
    def resolve_path(from_path: str, link: str) -> str | None:
        """Repo-relative path for a relative link; None for URLs or links leaving the repo."""
        if not link or "://" in link or link.startswith(("/", "#", "mailto:")):
            return None
        link = link.split("#", 1)[0]
        target = posixpath.normpath(posixpath.join(posixpath.dirname(from_path), link))
        if target.startswith("../") or target == "..":
            return None
        return target


def _index(docs: Iterable[Document]) -> dict[str, Document]:
    index: dict[str, Document] = {}
    for doc in docs:
        name = doc.name
        if name is not None and name not in index:
            index[name] = doc
    return index


def build_repository(root: Path, loaded: Iterable[LoadedFile], findings: list[Finding], service_dirs: list[str]) -> Repository:
    services = {name: Service(name, f"services/{name}") for name in service_dirs}
    org: list[Document] = []
    for file in loaded:
        findings.extend(file.findings)
        for item in file.documents:
            doc = Document(item.kind, item.parsed, item.path, item.service)
            if item.service is None:
                org.append(doc)
            else:
                services[item.service].documents.append(doc)
    return Repository(root, services, org, findings)


def source_for_path(path: str) -> SourceFile | None:
    """Where a repo-relative POSIX path sits in the layout, or None when the loader would skip it.

    Mirrors ``discover``: YAML files under ``services/<service>/`` (a valid service name) or
    ``org/``, with no hidden file or folder on the way.
    """
    parts = path.split("/")
    if not parts[-1].endswith(YAML_SUFFIXES) or any(part.startswith(".") or not part for part in parts):
        return None
    if parts[0] == SERVICES_DIR and len(parts) >= 3 and IDENTIFIER.match(parts[1]):
        return SourceFile(path, parts[1])
    if parts[0] == ORG_DIR and len(parts) >= 2:
        return SourceFile(path, None)
    return None


def repository_from_files(
    root: Path | str, files: Iterable[tuple[str, bytes]], *, limits: Limits = DEFAULT_LIMITS,
    cache: MutableMapping[tuple[str, str], LoadedFile] | None = None, parse_cache: loadcache.ParseCache | None = None,
) -> Repository:
    """Build the model from (repo-relative path, bytes) pairs, such as the blobs of an earlier commit.

    Files outside the layout are skipped, as ``discover`` skips them on disk. ``cache`` keeps
    loaded files by (path, SHA-1 of the bytes), so that scoring many commits parses each
    version of a file once; ``parse_cache`` is the user's parse cache, shared with the
    loads of the work tree (a file unchanged since the commit is parsed once in all).
    """
    loaded, service_dirs = load_pairs(files, limits=limits, cache=cache, parse_cache=parse_cache)
    return build_repository(Path(root), loaded, [], service_dirs)


def load_pairs(
    files: Iterable[tuple[str, bytes]], *, limits: Limits = DEFAULT_LIMITS,
    cache: MutableMapping[tuple[str, str], LoadedFile] | None = None, parse_cache: loadcache.ParseCache | None = None,
) -> tuple[list[LoadedFile], list[str]]:
    """Load (path, bytes) pairs in the repo's layout (others are skipped): the files and their service folders."""
    found: list[LoadedFile | None] = []
    keys: list[tuple[str, str]] = []
    stored_keys: list[Any] = []
    missing: list[tuple[SourceFile, bytes]] = []
    service_dirs: set[str] = set()
    for path, data in files:
        source = source_for_path(path)
        if source is None:
            continue
        if source.service is not None:
            service_dirs.add(source.service)
        key = (path, hashlib.sha1(data).hexdigest())
        file = cache.get(key) if cache is not None else None
        stored = parse_cache.key("loaded file", path, source.service or "", data) if parse_cache is not None else None
        if file is None and parse_cache is not None and stored is not None:
            file = cached_file(parse_cache, stored, source, None, limits)
        if file is None:
            missing.append((source, data))
        found.append(file)
        keys.append(key)
        stored_keys.append(stored)
    # Files not seen before load together, on several cores when there are many (the base of a diff).
    fresh = iter(load_blobs(missing, limits))
    loaded: list[LoadedFile] = []
    for index, file in enumerate(found):
        if file is None:
            file = next(fresh)
            if parse_cache is not None and stored_keys[index] is not None:
                keep_file(parse_cache, stored_keys[index], file, None, limits)
        if cache is not None:
            cache[keys[index]] = file
        loaded.append(file)
    return loaded, sorted(service_dirs)


def load_repository(
    root: Path | str, *, limits: Limits = DEFAULT_LIMITS, workers: int | None = None, cache: bool | None = None,
    known: KnownFiles | SessionFiles | None = None,
) -> Repository:
    """Discover, parse and validate every file under ``root`` and build the model.

    Large repos load on all usable cores (``workers`` processes; default: the CPUs, or
    ``SRE_DOCS_WORKERS``); the model is the same as with ``workers=1``. ``cache=True``
    (the default unless ``SRE_DOCS_CACHE=0``) keeps loaded files in the user's cache folder
    for the next run; see ``sre_docs.loading.parse_cache`` for why it can neither go stale
    nor be planted by the repo. ``known`` files (loaded earlier in this run, from the same
    bytes, such as the base commit of ``sre-docs diff``, or the previous build of ``mkdocs serve``:
    :class:`~sre_docs.loading.session_files.SessionFiles`) are taken as they are instead.
    """
    return load_work_tree(root, limits=limits, workers=workers, cache=cache, known=known)[0]


def load_work_tree(
    root: Path | str, *, limits: Limits = DEFAULT_LIMITS, workers: int | None = None, cache: bool | None = None,
    known: KnownFiles | SessionFiles | None = None,
) -> tuple[Repository, list[LoadedFile]]:
    """``load_repository``, with the loaded files too (for :func:`repository_with`)."""
    root = Path(root)
    sources, findings, service_dirs = discover(root)
    use_cache = loadcache.wanted_from_environment() if cache is None else cache
    if known is not None:
        loaded = load_files(root, sources, limits, workers=workers, cache=known)
        return build_repository(root, loaded, findings, service_dirs), loaded
    store = loadcache.ParseCache.open(root, limits) if use_cache else None
    try:
        loaded = load_files(root, sources, limits, workers=workers, cache=store)
    finally:
        if store is not None:
            store.close()
    return build_repository(root, loaded, findings, service_dirs), loaded


def repository_with(
    root: Path | str, loaded: Iterable[LoadedFile], paths: Iterable[str], replaced: Iterable[tuple[str, bytes]], *,
    limits: Limits = DEFAULT_LIMITS, parse_cache: loadcache.ParseCache | None = None,
) -> Repository:
    """The model of another state of the repo that shares most files with one already loaded.

    ``paths`` are that state's files; each comes from ``loaded`` (the same path, loaded from
    the same bytes) unless it is among ``replaced`` (path, bytes), which are loaded here.
    ``sre-docs diff`` builds the base commit this way: the files the change left alone are
    the work tree's (its very objects, so the comparison sees them as unchanged), and only
    the changed ones are read from git. Files come in path order, as from git's objects.
    """
    fresh = dict(replaced)
    wanted = set(paths)
    files = {file.source.path: file for file in loaded if file.source.path in wanted and file.source.path not in fresh}
    new_files, _ = load_pairs(sorted(fresh.items()), limits=limits, parse_cache=parse_cache)
    files.update((file.source.path, file) for file in new_files)
    ordered = [files[path] for path in sorted(files)]
    service_dirs = sorted({file.source.service for file in ordered if file.source.service is not None})
    return build_repository(Path(root), ordered, [], service_dirs)
