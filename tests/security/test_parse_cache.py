"""Attacks on the parse cache: planted links, special files, and folders other users can write.

Before this was fixed the cache lived in ``<repo>/.sre-docs-cache/`` and wrote with
``write_bytes``, which follows links: a committed link per possible pid let a lint overwrite
any file of the user's outside the repo. Now the cache lives in the user's cache folder,
opens nothing through a link, and trusts only private folders of this user.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from attack_helpers import snapshot
from sre_docs.loading import parse_cache
from sre_docs.loading.loader import discover
from sre_docs.yamltext.parse import DEFAULT_LIMITS


def _open(root: Path) -> parse_cache.ParseCache:
    cache = parse_cache.ParseCache.open(root, DEFAULT_LIMITS)
    assert cache is not None
    return cache


def _entry(user_cache: Path, root: Path, key: str) -> Path:
    (generation,) = (user_cache / parse_cache.repo_key(root)).iterdir()
    return generation / key[:2] / key[2:]


@pytest.fixture
def deadline():
    """Fail instead of hanging when a read blocks (a FIFO)."""

    def expired(*_: object) -> None:
        raise TimeoutError("the cache blocked")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(10)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def test_links_committed_where_the_cache_once_lived_write_nothing(repo: Path, tmp_path: Path, user_cache: Path,
                                                                  cli) -> None:
    victim = tmp_path / "authorized_keys"
    victim.write_text("ssh-ed25519 AAAA the-owner\n")
    sources, _, _ = discover(repo)
    planted = repo / ".sre-docs-cache"
    for pid in range(1, 400):  # the old temporary name was .<key>.<pid>.tmp; plant links for every key
        for source in sources:
            folder = planted / f"{pid:02x}"[-2:]
            folder.mkdir(parents=True, exist_ok=True)
            link = folder / f".{source.path.replace('/', '_')}.{pid}.tmp"
            if not link.is_symlink():
                link.symlink_to(victim)
    before = snapshot(repo)
    assert cli(repo, "lint").code in (0, 1)
    assert victim.read_text() == "ssh-ed25519 AAAA the-owner\n"
    assert snapshot(repo) == before  # nothing is written into the work tree
    assert (user_cache / parse_cache.repo_key(repo)).is_dir()  # the cache did run, elsewhere


def test_an_entry_linked_to_dev_zero_or_a_fifo_is_a_miss(repo: Path, user_cache: Path, deadline: None) -> None:
    cache = _open(repo)
    zero, fifo, linked_fifo = cache.key("zero"), cache.key("fifo"), cache.key("linked fifo")
    for key in (zero, fifo, linked_fifo):
        _entry(user_cache, repo, key).parent.mkdir(exist_ok=True)
    _entry(user_cache, repo, zero).symlink_to("/dev/zero")
    os.mkfifo(_entry(user_cache, repo, fifo))
    os.mkfifo(repo / "fifo")
    _entry(user_cache, repo, linked_fifo).symlink_to(repo / "fifo")
    assert [cache.get(zero), cache.get(fifo), cache.get(linked_fifo)] == [None, None, None]


def test_put_replaces_a_link_at_the_entry_name_and_never_writes_through_it(repo: Path, tmp_path: Path,
                                                                           user_cache: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_text("keep me\n")
    cache = _open(repo)
    key = cache.key("value")
    entry = _entry(user_cache, repo, key)
    entry.parent.mkdir()
    entry.symlink_to(victim)
    assert cache.put(key, "stored") is True
    assert victim.read_text() == "keep me\n"
    assert not entry.is_symlink() and cache.get(key) == "stored"


def test_an_entry_over_the_size_cap_is_neither_read_nor_written(repo: Path, user_cache: Path) -> None:
    cache = _open(repo)
    cache.max_entry_bytes = 1000
    key = cache.key("big")
    assert cache.put(key, b"x" * 2000) is False
    assert cache.put(key, b"x" * 10) is True
    entry = _entry(user_cache, repo, key)
    entry.write_bytes(entry.read_bytes() + b"\0" * 1000)
    assert cache.get(key) is None


@pytest.mark.parametrize("attack", ["group-writable", "world-writable", "link", "other owner"])
def test_a_cache_folder_others_control_is_refused(repo: Path, tmp_path: Path, user_cache: Path, attack: str) -> None:
    user_cache.parent.mkdir()
    if attack == "link":
        elsewhere = tmp_path / "elsewhere"
        elsewhere.mkdir(mode=0o700)
        user_cache.symlink_to(elsewhere)
    else:
        user_cache.mkdir(mode=0o700)
    if attack == "group-writable":
        user_cache.chmod(0o770)
    elif attack == "world-writable":
        user_cache.chmod(0o703)
    elif attack == "other owner":
        if os.getuid() != 0:
            pytest.skip("only root can give a folder to another user")
        os.chown(user_cache, 65534, 65534)
    assert parse_cache.ParseCache.open(repo, DEFAULT_LIMITS) is None


def test_a_repo_or_shard_folder_others_can_write_is_refused(repo: Path, user_cache: Path) -> None:
    cache = _open(repo)
    key = cache.key("value")
    assert cache.put(key, 1)
    shard = _entry(user_cache, repo, key).parent
    shard.chmod(0o777)
    assert cache.get(key) is None and cache.put(key, 2) is False
    shard.chmod(0o700)
    assert cache.get(key) == 1
    (user_cache / parse_cache.repo_key(repo)).chmod(0o777)
    assert parse_cache.ParseCache.open(repo, DEFAULT_LIMITS) is None
