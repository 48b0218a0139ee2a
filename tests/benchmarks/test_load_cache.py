"""The parse cache gives what a fresh load gives, misses on any change, and trusts only its own entries."""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

import pytest

from sre_docs.loading import parse_cache
from sre_docs.loading.loader import cached_file, discover, load_files
from sre_docs.model.repository import load_repository
from sre_docs.yamltext.parse import DEFAULT_LIMITS, Limits


@pytest.fixture
def user_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    return tmp_path / "user-cache" / "sre-docs"


@pytest.fixture
def repo(corpus20: Path, tmp_path: Path, user_cache: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(corpus20, root, ignore=shutil.ignore_patterns(".git"))
    return root


def _load(root: Path, cache: parse_cache.ParseCache | None):
    sources, _, _ = discover(root)
    return load_files(root, sources, workers=1, cache=cache)


def _keys(root: Path, cache: parse_cache.ParseCache) -> list[str]:
    sources, _, _ = discover(root)
    return [cache.key("loaded file", s.path, s.service or "", (root / s.path).read_bytes()) for s in sources]


def _open(root: Path, limits: Limits = DEFAULT_LIMITS) -> parse_cache.ParseCache:
    cache = parse_cache.ParseCache.open(root, limits)
    assert cache is not None
    return cache


def test_a_warm_cache_gives_what_a_fresh_load_gives(repo: Path, user_cache: Path) -> None:
    fresh = _load(repo, None)
    cold = _open(repo)
    assert [cold.get(key) for key in _keys(repo, cold)] == [None] * len(fresh)
    assert _load(repo, cold) == fresh
    warm = _open(repo)
    sources, _, _ = discover(repo)
    assert [cached_file(warm, key, source, repo) for key, source in zip(_keys(repo, warm), sources, strict=True)] \
        == fresh
    assert _load(repo, warm) == fresh
    # The entries sit in the user's cache folder, keyed by the repo; nothing is written into the repo.
    assert (user_cache / parse_cache.repo_key(repo)).is_dir()
    assert not any(path.name.startswith(".sre-docs") for path in repo.iterdir())


def test_a_changed_file_is_loaded_again(repo: Path) -> None:
    _load(repo, _open(repo))
    slos = next((repo / "services").iterdir()) / "slos.yaml"
    slos.write_text(slos.read_text().replace("target:", "targt:", 1))
    cache = _open(repo)
    missing = [key for key in _keys(repo, cache) if cache.get(key) is None]
    assert len(missing) == 1
    loaded = _load(repo, cache)
    assert sorted(f.code for file in loaded for f in file.findings) == ["SCH001", "SCH002"]


def test_other_limits_or_another_place_use_other_entries(repo: Path) -> None:
    cache = _open(repo)
    other = _open(repo, Limits(max_depth=10))
    assert cache.key("services/a/x.yaml", "a", b"x") != other.key("services/a/x.yaml", "a", b"x")
    assert cache.key("services/a/x.yaml", "a", b"x") != cache.key("services/b/x.yaml", "b", b"x")
    assert cache.key("services/a/x.yaml", "a", b"x") != cache.key("services/a/x.yaml", "a", b"y")
    # Parts are length-prefixed, so moving bytes from one part to the next makes another key.
    assert cache.key("ab", "c") != cache.key("a", "bc")


def test_get_and_put_keep_any_value_by_key(repo: Path) -> None:
    cache = _open(repo)
    key = cache.key("findings at", "0123abc")
    assert cache.get(key) is None
    assert cache.put(key, {"findings": [1, 2, 3]}) is True
    assert _open(repo).get(key) == {"findings": [1, 2, 3]}
    with pytest.raises(ValueError):
        cache.get("../../etc/passwd")


class _Planted:
    """What a hostile entry would unpickle to: it must never be built."""

    def __reduce__(self):
        return (os.abort, ())


def _entry(user_cache: Path, root: Path, key: str) -> Path:
    (generation,) = (user_cache / parse_cache.repo_key(root)).iterdir()
    return generation / key[:2] / key[2:]


def test_entries_without_our_signature_are_never_unpickled(repo: Path, user_cache: Path) -> None:
    cache = _open(repo)
    key = _keys(repo, cache)[0]
    entry = _entry(user_cache, repo, key)
    entry.parent.mkdir(parents=True)
    entry.write_bytes(parse_cache._MAGIC + b"\0" * 32 + pickle.dumps(_Planted()))
    assert cache.get(key) is None
    assert _load(repo, cache) == _load(repo, None)


def test_no_cache_without_a_private_secret(repo: Path, user_cache: Path) -> None:
    assert _open(repo) is not None
    (user_cache / "secret").chmod(0o644)
    assert parse_cache.ParseCache.open(repo, DEFAULT_LIMITS) is None


def test_load_repository_uses_the_cache_unless_turned_off(repo: Path, user_cache: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(parse_cache.CACHE_ENV, "0")
    plain = load_repository(repo, workers=1)
    assert not user_cache.exists()
    monkeypatch.delenv(parse_cache.CACHE_ENV)
    first, second = load_repository(repo, workers=1), load_repository(repo, workers=1)
    assert first.findings == second.findings == plain.findings
    assert [d.parsed for d in second.documents] == [d.parsed for d in plain.documents]
    cache = _open(repo)
    assert None not in [cache.get(key) for key in _keys(repo, cache)]


def test_a_generation_unused_for_a_week_is_removed(repo: Path, user_cache: Path) -> None:
    _open(repo).put(_open(repo).key("x"), 1)
    (old,) = (user_cache / parse_cache.repo_key(repo)).iterdir()
    _open(repo, Limits(max_depth=10))
    assert old.is_dir()  # another limit's generation, used just now, stays
    week_ago = old.stat().st_mtime - parse_cache.STALE_SECONDS - 1
    os.utime(old, (week_ago, week_ago))
    _open(repo, Limits(max_depth=10))
    assert not old.exists()
    assert len(list((user_cache / parse_cache.repo_key(repo)).iterdir())) == 1


def _one_finding_file(repo: Path) -> tuple[str, str]:
    """A file with one schema finding on its line 3 (a misspelt key), and the finding's place."""
    slos = next((repo / "services").iterdir()) / "slos.yaml"
    text = slos.read_text()
    slos.write_text(text.replace("target:", "targt:", 1))
    line = next(number for number, row in enumerate(slos.read_text().splitlines(), 1) if "targt:" in row)
    return slos.relative_to(repo).as_posix(), f"{line}"


def test_positions_stay_in_the_entry_until_a_finding_needs_one(repo: Path, user_cache: Path) -> None:
    """A warm load keeps no document's positions in memory; locating reads them back from the file's entry, and
    they are the positions a fresh load gives."""
    fresh = _load(repo, None)
    _load(repo, _open(repo))  # cold: parses and keeps every file
    warm = _load(repo, _open(repo))
    documents = [d.parsed for file in warm for d in file.documents]
    assert documents and all(d._marks is None and d._packed is None for d in documents)
    for before, after in zip((d.parsed for file in fresh for d in file.documents), documents, strict=True):
        assert after.locate(("slo", "target")) == before.locate(("slo", "target"))
        assert after.marks == before.marks and after.plain_scalars == before.plain_scalars


@pytest.mark.parametrize("file_changed", [False, True], ids=["same bytes", "file changed since"])
def test_positions_of_a_vanished_entry_come_from_the_file_or_not_at_all(repo: Path, user_cache: Path,
                                                                        file_changed: bool) -> None:
    """The entry is gone before a position is asked for (the cache was cleared mid-run): the file is parsed
    again when its bytes are still those the entry was made from; otherwise no position is made up."""
    path, _ = _one_finding_file(repo)
    fresh = {f.source.path: f for f in _load(repo, None)}[path]
    _load(repo, _open(repo))
    warm = {f.source.path: f for f in _load(repo, _open(repo))}[path]
    shutil.rmtree(user_cache)
    if file_changed:
        (repo / path).write_text("# moved down\n" + (repo / path).read_text())
    expected = {} if file_changed else fresh.documents[0].parsed.marks
    assert warm.documents[0].parsed.marks == expected
    assert warm.documents[0].parsed.locate(("slo", "targt"), key=True) == (
        (1, 1) if file_changed else fresh.documents[0].parsed.locate(("slo", "targt"), key=True))
