"""Find the repository's YAML files and turn each into checked documents.

``load_file`` is the unit of work: it reads one file, parses it, splits it into
documents by kind and validates each against its schema. It depends on nothing but the
file's bytes and its place in the repo, so it can run in worker processes and be cached
by content. ``discover`` walks ``services/`` and ``org/`` without following links.
"""

from __future__ import annotations

import errno
import gc
import hashlib
import marshal
import os
import stat
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, cast

from sre_docs.loading import precheck
from sre_docs.findings import Finding, FindingBudget, Severity
from sre_docs.loading.parse_cache import ParseCache
from sre_docs.loading.session_files import SessionFiles
from sre_docs.yamltext.parse import DEFAULT_LIMITS, Limits, ParsedDocument, parse_bytes, positions_left_out
from sre_docs.schemas import KINDS
from sre_docs.schemas.types import IDENTIFIER
from sre_docs.schemas.validate import ABANDON_AFTER, DocumentAbandoned, did_you_mean, validate

_LINK_MESSAGE = "is a symbolic link; sre-docs reads only regular files and folders inside the repo"
SERVICES_DIR = "services"
ORG_DIR = "org"
YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A YAML file of the repo: its repo-relative POSIX path and owning service."""

    path: str
    service: str | None  # folder under services/; None under org/

    # The records below are pickled by the thousand for the parse cache: a plain constructor call unpickles
    # several times faster than the state dataclasses give slotted classes (it looks up their fields each time).
    def __reduce__(self) -> tuple[Any, ...]:
        return (SourceFile, (self.path, self.service))


@dataclass(slots=True)
class LoadedDocument:
    kind: str
    parsed: ParsedDocument
    path: str
    service: str | None

    def __reduce__(self) -> tuple[Any, ...]:
        return (LoadedDocument, (self.kind, self.parsed, self.path, self.service))


@dataclass(slots=True)
class LoadedFile:
    source: SourceFile
    documents: list[LoadedDocument] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def __reduce__(self) -> tuple[Any, ...]:
        return (LoadedFile, (self.source, self.documents, self.findings))


def discover(root: Path) -> tuple[list[SourceFile], list[Finding], list[str]]:
    """All YAML files under services/ and org/, problems with the tree, and service folders."""
    files: list[SourceFile] = []
    findings: list[Finding] = []
    service_dirs: list[str] = []
    services = root / SERVICES_DIR
    if services.is_dir() and not services.is_symlink():
        for entry in sorted(os.scandir(services), key=lambda e: e.name):
            rel = f"{SERVICES_DIR}/{entry.name}"
            if entry.name.startswith("."):
                continue
            if entry.is_symlink():
                findings.append(_tree_finding("REPO001", rel, _LINK_MESSAGE))
            elif entry.is_dir(follow_symlinks=False):
                if not IDENTIFIER.match(entry.name):
                    findings.append(_tree_finding("REPO003", rel, f"service folder name {entry.name!r} is not a valid name (letters, digits, '.', '_', '-')"))
                    continue
                service_dirs.append(entry.name)
                _walk(Path(entry.path), rel, entry.name, files, findings)
            elif entry.name.endswith(YAML_SUFFIXES):
                findings.append(_tree_finding("REPO003", rel, "documents under services/ belong in a service's folder: services/<service>/"))
    elif services.is_symlink():
        findings.append(_tree_finding("REPO001", SERVICES_DIR, _LINK_MESSAGE))
    findings.extend(_case_collisions(service_dirs))
    org = root / ORG_DIR
    if org.is_symlink():
        findings.append(_tree_finding("REPO001", ORG_DIR, _LINK_MESSAGE))
    elif org.is_dir():
        _walk(org, ORG_DIR, None, files, findings)
    return files, findings, service_dirs


#: Folders below a service's folder (or org/) deeper than this are not read (a finding says so).
MAX_FOLDER_DEPTH = 32


def _case_collisions(names: list[str]) -> list[Finding]:
    """A finding on each service folder whose name differs from another's only in case.

    Their handbook pages would share a URL (and one folder would hide the other on a
    case-insensitive file system), so an impostor ``Search`` could take over ``search``'s page.
    """
    groups: dict[str, list[str]] = {}
    for name in names:
        groups.setdefault(name.casefold(), []).append(name)
    findings = []
    for group in groups.values():
        if len(group) > 1:
            for name in group:
                others = ", ".join(repr(other) for other in group if other != name)
                findings.append(_tree_finding(
                    "REPO003", f"{SERVICES_DIR}/{name}",
                    f"service folder {name!r} differs from {others} only in case; rename one (their pages would share a URL)"))
    return findings


def _walk(folder: Path, rel: str, service: str | None, files: list[SourceFile], findings: list[Finding]) -> None:
    """Collect the YAML files below ``folder`` in name order, depth first, without recursion.

    A folder that cannot be listed or sits deeper than ``MAX_FOLDER_DEPTH`` becomes a finding
    rather than an error: a hostile tree (a chain of 1,100 folders, an unreadable folder)
    costs the rest of the repo nothing.
    """
    # A stack of (entries left to look at, their folder's path, depth): the order of a recursive walk.
    stack: list[tuple[Iterator[os.DirEntry[str]], str, int]] = []

    def enter(here: Path, here_rel: str, depth: int) -> None:
        try:
            entries = sorted(os.scandir(here), key=lambda e: e.name)
        except OSError as exc:
            findings.append(_tree_finding("REPO002", here_rel, f"folder cannot be read: {exc.strerror or exc}"))
            return
        stack.append((iter(entries), here_rel, depth))

    enter(folder, rel, 0)
    while stack:
        entries, here_rel, depth = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            continue
        if entry.name.startswith("."):
            continue
        child = f"{here_rel}/{entry.name}"
        if entry.is_symlink():
            if entry.name.endswith(YAML_SUFFIXES) or _is_dir_target(entry.path):
                findings.append(_tree_finding("REPO001", child, _LINK_MESSAGE))
            continue
        if entry.is_dir(follow_symlinks=False):
            if depth + 1 > MAX_FOLDER_DEPTH:
                findings.append(_tree_finding(
                    "REPO003", child, f"folders nested more than {MAX_FOLDER_DEPTH} deep; this one is not read"))
            else:
                enter(Path(entry.path), child, depth + 1)
        elif entry.name.endswith(YAML_SUFFIXES):
            mode = entry.stat(follow_symlinks=False).st_mode
            if stat.S_ISREG(mode):
                files.append(SourceFile(child, service))
            else:
                findings.append(_tree_finding("REPO002", child, "is not a regular file"))


def _is_dir_target(path: str) -> bool:
    try:
        return os.path.isdir(path)
    except OSError:
        return False


def _tree_finding(code: str, path: str, message: str) -> Finding:
    return Finding(code, Severity.ERROR, path, 1, 1, message)


#: Below this many files, starting a worker process costs more than it saves.
PARALLEL_MIN_FILES = 400
#: Files per batch sent to a worker; batches let results flow back while the parent works.
_BATCH = 250


def worker_count() -> int:
    """Processes to load files with: the usable CPUs, or ``SRE_DOCS_WORKERS`` when set (1 = serial)."""
    wanted = os.environ.get("SRE_DOCS_WORKERS", "").strip()
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class KnownFiles:
    """Files this run has already loaded from other bytes (the base commit of ``sre-docs diff``).

    The same interface as the disk cache, kept in memory: a file whose path and bytes match
    one loaded before is taken as it was loaded, since ``load_bytes`` depends on nothing else.
    Keys are made of the path and the SHA-1 of the bytes, as ``repository_from_files`` keeps them.
    """

    def __init__(self, files: Mapping[tuple[str, str], LoadedFile]) -> None:
        self._files = files

    @staticmethod
    def key(purpose: str, path: str, service: str, data: bytes) -> tuple[str, str]:
        """The same call as ``ParseCache.key("loaded file", path, service, data)``; only path and bytes matter."""
        return (path, hashlib.sha1(data).hexdigest())

    def get(self, key: tuple[str, str]) -> LoadedFile | None:
        file = self._files.get(key)
        return file if file is not None and file.source.path == key[0] else None

    def put(self, key: tuple[str, str], loaded: LoadedFile) -> None:
        """Nothing to keep: the files changed since the base are loaded once, for this run."""


def load_files(root: Path, sources: list[SourceFile], limits: Limits = DEFAULT_LIMITS, *,
               workers: int | None = None, cache: ParseCache | KnownFiles | SessionFiles | None = None) -> list[LoadedFile]:
    """``load_file`` for every source, in order, on several cores when there are enough files.

    Each file loads independently of the others, so the result is the same list whichever
    process loaded which file. The parent loads the first share itself while forked
    workers load the rest in batches; their results come back pickled (see
    ``ParsedDocument.__reduce__``). Forking needs a single-threaded parent: otherwise,
    and for small repos, every file loads in this process.

    With a ``cache`` (``sre_docs.loading.parse_cache``), files whose bytes were loaded before by the
    same code come from it; the others load from the very bytes their key was made of.
    """
    if cache is None:
        return _load_many(root, list(sources), limits, workers, _pack_positions)
    # Files found in the cache let go of their bytes at once; only the others keep theirs until loaded (at
    # 3,000 services every file's bytes held together were 100 MB).
    loaded: list[LoadedFile | None] = []
    keys: list[Any] = []
    missing: list[int] = []
    items: list[SourceFile | tuple[SourceFile, bytes]] = []
    for source in sources:
        try:
            data = _read_regular_file(root / source.path, limits.max_file_bytes + 1)
        except (OSError, _NotRegular):
            item: SourceFile | tuple[SourceFile, bytes] = source  # load_file reports why it cannot be read
            key = None
        else:
            item = (source, data)
            key = cache.key("loaded file", source.path, source.service or "", data)
        if key is None:
            file = None
        elif isinstance(cache, ParseCache):
            file = cached_file(cache, cast(str, key), source, root, limits)
        else:
            file = cache.get(cast("tuple[str, str]", key))
        loaded.append(file)
        keys.append(key)
        if file is None:
            missing.append(len(loaded) - 1)
            items.append(item)

    def keep(position: int, file: LoadedFile) -> None:
        # Kept as soon as loaded: its positions are packed into the entry and leave memory before the next
        # file loads, instead of every file's at once (a cold load of 3,000 services held 400 MB of them).
        key = keys[missing[position]]
        if key is None:
            return
        if isinstance(cache, ParseCache):
            keep_file(cache, key, file, root, limits)
        else:
            cache.put(key, file)

    for index, file in zip(missing, _load_many(root, items, limits, workers, keep), strict=True):
        loaded[index] = file
    return loaded  # type: ignore[return-value]  # the loop above filled in every None


# --- positions kept beside the parse cache's entries ------------------------------------------------------------


def cached_file(cache: ParseCache, key: str, source: SourceFile, root: Path | None,
                limits: Limits = DEFAULT_LIMITS) -> LoadedFile | None:
    """The file kept under ``key``, its documents' positions left in the entry until a finding needs one."""
    file = cache.get(key)
    if not isinstance(file, LoadedFile) or file.source != source:
        return None
    _positions_elsewhere(file, _KeptPositions(cache, key, source, root, limits))
    return file


def _pack_positions(position: int, file: LoadedFile) -> None:
    """Without a cache to keep them, positions are packed as soon as a file is loaded (a finding unpacks its
    document's again): unpacked, they were most of the memory of a cold load (787 MB at 3,000 services)."""
    for document in file.documents:
        document.parsed.packed_positions()


def keep_file(cache: ParseCache, key: str, file: LoadedFile, root: Path | None, limits: Limits = DEFAULT_LIMITS) -> None:
    """Keep ``file`` under ``key`` with its documents' positions apart, then drop them from memory."""
    packed = marshal.dumps([document.parsed.packed_positions() for document in file.documents])
    with positions_left_out():
        kept = cache.put(key, file, extra=packed)
    if kept:
        _positions_elsewhere(file, _KeptPositions(cache, key, file.source, root, limits))


def _positions_elsewhere(file: LoadedFile, where: _KeptPositions) -> None:
    for index, document in enumerate(file.documents):
        document.parsed.keep_positions_elsewhere(partial(where.packed, index))


#: Parse caches opened again to read positions back, by where they were opened: one per run and repo.
_READERS: dict[tuple[str, Limits, str], ParseCache | None] = {}


class _KeptPositions:
    """Where one file's positions are: its parse cache entry, else (the entry went away) its bytes on disk
    parsed again, when they are still the bytes the entry was made from; else none are known."""

    __slots__ = ("cache", "key", "source", "root", "limits", "_packed")

    def __init__(self, cache: ParseCache, key: str, source: SourceFile, root: Path | None, limits: Limits) -> None:
        self.cache = cache  # closed by now; its origin says how to open it again, its key() still works
        self.key = key
        self.source = source
        self.root = root
        self.limits = limits
        self._packed: list[bytes] | None = None

    def packed(self, index: int) -> bytes | None:
        if self._packed is None:
            self._packed = self._from_cache() or self._from_disk() or []
        return self._packed[index] if index < len(self._packed) else None

    def _from_cache(self) -> list[bytes] | None:
        origin = self.cache.origin
        if origin is None:
            return None
        if origin not in _READERS:
            if len(_READERS) >= 4:  # a long process (the tests, mkdocs serve) meets many repos: keep few open
                for reader in _READERS.values():
                    if reader is not None:
                        reader.close()
                _READERS.clear()
            root, limits, base = origin
            _READERS[origin] = ParseCache.open(Path(root), limits, Path(base))
        reader = _READERS[origin]
        extra = reader.get_extra(self.key) if reader is not None else None
        try:
            found = marshal.loads(extra) if extra is not None else None
        except (EOFError, ValueError, TypeError):
            return None
        return found if isinstance(found, list) and all(isinstance(item, bytes) for item in found) else None

    def _from_disk(self) -> list[bytes] | None:
        if self.root is None:
            return None
        try:
            data = _read_regular_file(self.root / self.source.path, self.limits.max_file_bytes + 1)
        except (OSError, _NotRegular):
            return None
        if self.cache.key("loaded file", self.source.path, self.source.service or "", data) != self.key:
            return None  # changed since: its positions would point at other lines
        return [document.parsed.packed_positions() for document in load_bytes(data, self.source, self.limits).documents]


def load_blobs(items: list[tuple[SourceFile, bytes]], limits: Limits = DEFAULT_LIMITS, *,
               workers: int | None = None) -> list[LoadedFile]:
    """``load_bytes`` for files read from elsewhere (a commit's blobs), in order, on several cores when many."""
    return _load_many(Path("."), list(items), limits, workers)


def _load_many(root: Path, items: list[SourceFile | tuple[SourceFile, bytes]], limits: Limits,
               workers: int | None, each: Callable[[int, LoadedFile], None] | None = None) -> list[LoadedFile]:
    """Load ``items`` in order; ``each(position, file)`` is called once per file as soon as it is loaded.

    ``items`` is consumed: each entry is cleared once loaded (or sent to a worker), so that a file's bytes
    do not outlive its loading.
    """
    processes = worker_count() if workers is None else max(1, workers)
    if processes == 1 or len(items) < PARALLEL_MIN_FILES or not _can_fork():
        return _load_batch(root, items, limits, each)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    own = int(len(items) * _parent_share(processes))
    head, rest = items[:own], items[own:]
    items.clear()  # the two shares hold the files now; the parent's share is cleared as it loads
    batches = [rest[start:start + _BATCH] for start in range(0, len(rest), _BATCH)]
    loaded: list[LoadedFile] = []
    try:
        with ProcessPoolExecutor(max_workers=processes - 1, mp_context=multiprocessing.get_context("fork")) as pool:
            futures = [pool.submit(_load_batch, root, batch, limits) for batch in batches]
            loaded = _load_batch(root, head, limits, each)
            for future in futures:
                for file in future.result():
                    if each is not None:
                        each(len(loaded), file)
                    loaded.append(file)
    except (OSError, BrokenProcessPool):  # no process to spare (limits), or a worker was killed
        # Load here whatever is not loaded yet: all of it when the pool never started.
        remaining = [item for item in head if item is not None] if len(loaded) < own else []
        remaining += rest[max(0, len(loaded) - own):]
        done = len(loaded)
        later = None if each is None else (lambda position, file: each(done + position, file))
        loaded += _load_batch(root, remaining, limits, later)
    return loaded


def _parent_share(processes: int) -> float:
    """The share of files the parent loads itself, so that it and the workers finish together.

    A worker also packs what it loaded for the trip back (about 30% on top of loading it),
    while unpacking costs the parent little: with two processes the parent takes 57%.
    """
    return 1.3 / (processes + 0.3)


def _can_fork() -> bool:
    """Forking copies the loaded modules for free, but is only safe in a single-threaded process."""
    import threading

    return hasattr(os, "fork") and threading.active_count() == 1


def _load_batch(root: Path, batch: list[SourceFile | tuple[SourceFile, bytes]], limits: Limits,
                each: Callable[[int, LoadedFile], None] | None = None) -> list[LoadedFile]:
    """Load files (from disk, or from bytes already read) with the cyclic garbage collector paused.

    Loading allocates millions of containers that all stay alive, and the collector would
    scan them again and again as they age (a fifth of the load time); none of them form
    cycles that need it. It runs again as usual afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        loaded: list[LoadedFile] = []
        for position, item in enumerate(batch):
            file = load_bytes(item[1], item[0], limits) if isinstance(item, tuple) else load_file(root, item, limits)
            batch[position] = None  # type: ignore[call-overload]  # its bytes go now, not with the whole batch
            if each is not None:
                each(len(loaded), file)
            loaded.append(file)
        return loaded
    finally:
        if was_enabled:
            gc.enable()


def load_file(root: Path, source: SourceFile, limits: Limits = DEFAULT_LIMITS) -> LoadedFile:
    """Read, parse, split by kind and validate one file. Never raises for bad content."""
    result = LoadedFile(source)
    try:
        data = _read_regular_file(root / source.path, limits.max_file_bytes + 1)
    except _NotRegular:
        result.findings.append(_tree_finding("REPO002", source.path, "is not a regular file"))
        return result
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            result.findings.append(_tree_finding("REPO001", source.path, _LINK_MESSAGE))
        else:
            result.findings.append(_tree_finding("REPO002", source.path, f"cannot be read: {exc.strerror or exc}"))
        return result
    return load_bytes(data, source, limits)


class _NotRegular(Exception):
    pass


def _read_regular_file(path: Path, max_bytes: int) -> bytes:
    """Read at most ``max_bytes`` of a regular file, refusing links, FIFOs and devices.

    ``discover`` already skips those, but a file can change between the walk and the
    read; opening without following links and without blocking, then checking what was
    opened, keeps a FIFO from hanging the run and a new link from leaving the repo.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise _NotRegular(str(path))
        chunks = []
        remaining = max_bytes
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def load_bytes(data: bytes, source: SourceFile, limits: Limits = DEFAULT_LIMITS) -> LoadedFile:
    """Parse, split by kind and validate a file's bytes; at most ``limits.max_findings_per_file`` findings.

    Past the cap, findings are only counted, and one DOC005 finding says how many more
    there are: a file of errors then costs time linear in its size.
    """
    result = LoadedFile(source)
    budget = FindingBudget(limits.max_findings_per_file)
    parsed = parse_bytes(data, source.path, limits)
    result.findings.extend(_with_service(f, source.service) for f in parsed.findings if budget.take(f.severity))
    if parsed.empty:
        if budget.take(Severity.WARNING):
            result.findings.append(Finding("DOC003", Severity.WARNING, source.path, 1, 1, "file holds no documents",
                                           source.service))
        return _with_hidden_count(result, budget, limits)
    for doc in parsed.documents:
        found: list[Finding] = []
        kind = _kind_of(doc, source, found)
        result.findings.extend(f for f in found if budget.take(f.severity))
        if kind is None:
            continue
        # Valid documents without YAML 1.1 look-alikes get no findings from ``validate``;
        # the precheck proves validity far faster than cerberus and defers when unsure.
        if doc.yaml11_surprises or not precheck.accepts(kind, doc.value):
            try:
                result.findings.extend(validate(KINDS[kind], doc, source.path, source.service, budget))
            except DocumentAbandoned as stop:
                result.findings.extend(stop.findings)
                line, column = doc.locate(())
                result.findings.append(Finding(
                    "DOC005", Severity.ERROR, source.path, line, column,
                    f"this {kind} document has more than {ABANDON_AFTER:,} schema errors; it was not checked further "
                    "and is left out of the model", source.service,
                ))
                continue
        result.documents.append(LoadedDocument(kind, doc, source.path, source.service))
    return _with_hidden_count(result, budget, limits)


def _with_hidden_count(result: LoadedFile, budget: FindingBudget, limits: Limits) -> LoadedFile:
    if budget.hidden:
        source = result.source
        result.findings.append(Finding(
            "DOC005", budget.worst_hidden, source.path, 1, 1,
            f"…and {budget.hidden:,} more finding(s) in this file, not shown: sre-docs reports the first "
            f"{limits.max_findings_per_file:,} of a file (limits.max_findings_per_file); fix these and lint again",
            source.service,
        ))
    return result


def _with_service(finding: Finding, service: str | None) -> Finding:
    if finding.service == service:
        return finding
    return Finding(finding.code, finding.severity, finding.path, finding.line, finding.column, finding.message, service)


def _kind_of(doc: ParsedDocument, source: SourceFile, findings: list[Finding]) -> str | None:
    """The kind named by the document's single top-level key, if it is a known one here."""
    line, column = doc.locate(())
    value = doc.value
    if value is None:
        return None
    if not isinstance(value, dict) or len(value) != 1:
        shape = (
            f"a mapping with {len(value)} top-level keys ({', '.join(map(str, list(value)[:5]))})"
            if isinstance(value, dict) else f"a {type(value).__name__.replace('str', 'text')}"
        )
        findings.append(Finding(
            "DOC001", Severity.ERROR, source.path, line, column,
            f"a document must be a mapping with exactly one top-level key naming its kind; this is {shape}",
            source.service,
        ))
        return None
    kind = next(iter(value))
    line, column = doc.locate((kind,), key=True)
    if kind not in KINDS:
        close = did_you_mean(kind, KINDS)
        hint = f"; did you mean '{close}'?" if close else f" (known kinds: {', '.join(KINDS)})"
        findings.append(Finding("DOC002", Severity.ERROR, source.path, line, column, f"unknown document kind {kind!r}{hint}", source.service))
        return None
    scope = KINDS[kind].scope
    here = "service" if source.service is not None else "org"
    if scope != "any" and scope != here:
        home = "a service folder (services/<service>/)" if scope == "service" else "org/"
        findings.append(Finding("DOC004", Severity.ERROR, source.path, line, column, f"{kind} documents belong in {home}", source.service))
        return None
    return kind


@dataclass(frozen=True)
class DocumentCheck:
    """What the loader says about a rendered document before it is written."""

    findings: tuple[Finding, ...]

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)


def check_document_text(text: str, path: str, service: str | None) -> DocumentCheck:
    """Parse and validate text as the loader will once it is in the repo."""
    loaded = load_bytes(text.encode("utf-8"), SourceFile(path, service))
    return DocumentCheck(tuple(loaded.findings))
