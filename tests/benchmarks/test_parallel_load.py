"""Loading on several processes gives exactly what loading in one does."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest

from sre_docs.loading import loader
from sre_docs.loading.loader import discover, load_files
from sre_docs.model.repository import load_repository
from sre_docs.yamltext.parse import parse_bytes


@pytest.fixture
def forked(monkeypatch: pytest.MonkeyPatch) -> None:
    """Parallel loading even for a small repo, and only where it can really fork."""
    if not loader._can_fork():
        pytest.skip("this process cannot fork workers (no fork, or other threads running)")
    monkeypatch.setattr(loader, "PARALLEL_MIN_FILES", 0)
    monkeypatch.setattr(loader, "_BATCH", 7)  # many batches, so order is really put to the test


def _broken_copy(corpus20: Path, tmp_path: Path) -> Path:
    """The corpus with findings of several kinds, spread over the file list."""
    root = tmp_path / "repo"
    shutil.copytree(corpus20, root, ignore=shutil.ignore_patterns(".git"))
    services = sorted(p.name for p in (root / "services").iterdir())
    (root / "services" / services[0] / "broken.yaml").write_text("slo: [unclosed\n")
    (root / "services" / services[5] / "typo.yaml").write_text("alert:\n  name: x\n  sevrity: P1\n  on: yes\n")
    (root / "services" / services[-1] / "empty.yaml").write_text("")
    (root / "org" / "dup.yaml").write_text("team:\n  name: a\n  name: b\n")
    return root


def test_parallel_files_equal_serial_files(corpus20: Path, tmp_path: Path, forked: None) -> None:
    root = _broken_copy(corpus20, tmp_path)
    sources, _, _ = discover(root)
    serial = load_files(root, sources, workers=1)
    parallel = load_files(root, sources, workers=2)
    assert [f.source for f in parallel] == sources
    assert parallel == serial
    assert sum(len(f.findings) for f in serial) >= 4


def test_parallel_repository_equals_serial_repository(corpus20: Path, tmp_path: Path, forked: None) -> None:
    root = _broken_copy(corpus20, tmp_path)
    serial, parallel = load_repository(root, workers=1), load_repository(root, workers=3)
    assert parallel.findings == serial.findings
    assert list(parallel.services) == list(serial.services)
    pairs = list(zip(parallel.documents, serial.documents, strict=True))
    assert all((a.kind, a.path, a.service, a.body) == (b.kind, b.path, b.service, b.body) for a, b in pairs)
    assert all(a.parsed == b.parsed for a, b in pairs)
    # Positions survive the trip: every document's key and value positions are the same.
    for a, b in pairs:
        assert a.locate(key=True) == b.locate(key=True)
        assert a.parsed.marks == b.parsed.marks


def test_workers_setting_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SRE_DOCS_WORKERS", "1")
    assert loader.worker_count() == 1
    monkeypatch.setenv("SRE_DOCS_WORKERS", "nonsense")
    assert loader.worker_count() >= 1


def test_a_document_survives_pickling_with_its_positions() -> None:
    data = b"alert:\n  name: &n high-errors\n  copy: *n\n  on: yes\n  rows:\n    - [2026-11-01, 1, 2]\n"
    document = parse_bytes(data, "a.yaml").documents[0]
    copy = pickle.loads(pickle.dumps(document))
    assert copy == document
    assert copy.value == document.value
    assert copy.locate(("alert", "rows", 0, 1)) == (6, 20)
    assert copy.locate(("alert", "on"), key=True) == (4, 3)
    assert copy.plain_scalars == document.plain_scalars
    assert copy.yaml11_surprises == {("alert", "on"): "a boolean"}
    again = pickle.loads(pickle.dumps(copy))  # packed positions are passed on without unpacking
    assert again == document


def test_loading_falls_back_to_one_process_when_workers_cannot_start(
    corpus20: Path, forked: None, monkeypatch: pytest.MonkeyPatch,
) -> None:
    import concurrent.futures

    class NoProcesses:
        def __init__(self, *args: object, **kwargs: object) -> None:
            raise OSError(11, "Resource temporarily unavailable")

    sources, _, _ = discover(corpus20)
    serial = load_files(corpus20, sources, workers=1)
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", NoProcesses)
    assert load_files(corpus20, sources, workers=2) == serial


def test_loading_finishes_in_the_parent_when_a_worker_dies(
    corpus20: Path, forked: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:
    """A worker killed after the parent loaded its share (and one batch came back): the rest loads in the
    parent, in order, and every file is kept in the parse cache once."""
    import concurrent.futures
    from concurrent.futures.process import BrokenProcessPool

    from sre_docs.loading import parse_cache

    class DiesAfterOneBatch:
        def __init__(self, *args: object, **kwargs: object) -> None:
            self.submitted = 0

        def __enter__(self) -> DiesAfterOneBatch:
            return self

        def __exit__(self, *exc: object) -> None:
            return None

        def submit(self, function, *args):
            future: concurrent.futures.Future = concurrent.futures.Future()
            self.submitted += 1
            if self.submitted == 1:
                future.set_result(function(*args))
            else:
                future.set_exception(BrokenProcessPool("a worker died"))
            return future

    sources, _, _ = discover(corpus20)
    serial = load_files(corpus20, sources, workers=1)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", DiesAfterOneBatch)
    kept: list[str] = []
    real_keep = loader.keep_file
    monkeypatch.setattr(loader, "keep_file", lambda cache, key, file, *rest: (kept.append(file.source.path),
                                                                              real_keep(cache, key, file, *rest)))
    cache = parse_cache.ParseCache.open(corpus20, loader.DEFAULT_LIMITS)
    assert load_files(corpus20, sources, workers=2, cache=cache) == serial
    assert sorted(kept) == sorted(s.path for s in sources)


def test_without_a_cache_positions_are_packed_once_loaded(corpus20: Path) -> None:
    """Loading without the parse cache packs each document's positions as soon as its file is loaded; a finding
    unpacks them again, with the positions a fresh parse gives."""
    sources, _, _ = discover(corpus20)
    loaded = load_files(corpus20, sources, workers=1)
    documents = [(file.source.path, d.parsed) for file in loaded for d in file.documents]
    assert documents and all(parsed._marks is None and parsed._packed is not None for _, parsed in documents)
    path, parsed = documents[0]
    fresh = parse_bytes((corpus20 / path).read_bytes(), path).documents[parsed.index]
    assert parsed.marks == fresh.marks and parsed.plain_scalars == fresh.plain_scalars
