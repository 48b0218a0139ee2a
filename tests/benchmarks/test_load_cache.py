"""The load cache gives what a fresh load gives, misses on any change, and trusts only its own entries."""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

import pytest

from sre_docs.loading import parse_cache as loadcache
from sre_docs.loading.loader import discover, load_files
from sre_docs.model.repository import load_repository
from sre_docs.yamltext.parse import DEFAULT_LIMITS, Limits


@pytest.fixture
def repo(corpus20: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    root = tmp_path / "repo"
    shutil.copytree(corpus20, root, ignore=shutil.ignore_patterns(".git"))
    return root


def _load(root: Path, cache: loadcache.LoadCache | None):
    sources, _, _ = discover(root)
    return load_files(root, sources, workers=1, cache=cache)


def test_a_warm_cache_gives_what_a_fresh_load_gives(repo: Path) -> None:
    fresh = _load(repo, None)
    cold = loadcache.LoadCache.open(repo, DEFAULT_LIMITS)
    assert _load(repo, cold) == fresh
    assert (cold.hits, cold.misses) == (0, len(fresh))
    warm = loadcache.LoadCache.open(repo, DEFAULT_LIMITS)
    assert _load(repo, warm) == fresh
    assert (warm.hits, warm.misses) == (len(fresh), 0)
    assert (repo / ".sre-docs-cache").is_dir()


def test_a_changed_file_is_loaded_again(repo: Path) -> None:
    _load(repo, loadcache.LoadCache.open(repo, DEFAULT_LIMITS))
    slos = next((repo / "services").iterdir()) / "slos.yaml"
    slos.write_text(slos.read_text().replace("target:", "targt:", 1))
    cache = loadcache.LoadCache.open(repo, DEFAULT_LIMITS)
    loaded = _load(repo, cache)
    assert cache.misses == 1
    assert sorted(f.code for file in loaded for f in file.findings) == ["SCH001", "SCH002"]


def test_other_limits_or_another_place_use_other_entries(repo: Path) -> None:
    cache = loadcache.LoadCache.open(repo, DEFAULT_LIMITS)
    other = loadcache.LoadCache.open(repo, Limits(max_depth=10))
    assert cache.key("services/a/x.yaml", "a", b"x") != other.key("services/a/x.yaml", "a", b"x")
    assert cache.key("services/a/x.yaml", "a", b"x") != cache.key("services/b/x.yaml", "b", b"x")
    assert cache.key("services/a/x.yaml", "a", b"x") != cache.key("services/a/x.yaml", "a", b"y")


class _Planted:
    """What a hostile entry would unpickle to: it must never be built."""

    def __reduce__(self):
        return (os.abort, ())


def test_entries_without_our_signature_are_never_unpickled(repo: Path) -> None:
    cache = loadcache.LoadCache.open(repo, DEFAULT_LIMITS)
    sources, _, _ = discover(repo)
    first = sources[0]
    key = cache.key(first.path, first.service, (repo / first.path).read_bytes())
    entry = repo / ".sre-docs-cache" / key[:2] / key[2:]
    entry.parent.mkdir(parents=True)
    planted = pickle.dumps(_Planted())
    entry.write_bytes(loadcache._MAGIC + b"\0" * 32 + planted)  # a pull request could commit this
    assert cache.get(key) is None
    loaded = _load(repo, cache)
    assert loaded == _load(repo, None)


def test_no_cache_without_a_private_secret(repo: Path, tmp_path: Path) -> None:
    secret = tmp_path / "user-cache" / "sre-docs" / "secret"
    assert loadcache.LoadCache.open(repo, DEFAULT_LIMITS) is not None
    secret.chmod(0o644)
    assert loadcache.LoadCache.open(repo, DEFAULT_LIMITS) is None


def test_load_repository_uses_the_cache_when_asked(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plain = load_repository(repo, workers=1)
    monkeypatch.setenv(loadcache.CACHE_ENV, "1")
    first, second = load_repository(repo, workers=1), load_repository(repo, workers=1)
    assert first.findings == second.findings == plain.findings
    assert [d.parsed for d in second.documents] == [d.parsed for d in plain.documents]
    assert any((repo / ".sre-docs-cache").iterdir())
