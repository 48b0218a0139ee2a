"""The parse cache: loaded files kept between runs, in the user's own cache folder.

Where it lives. ``$XDG_CACHE_HOME/sre-docs/<repo key>/<code key>/`` (``~/.cache/sre-docs/...``
when ``XDG_CACHE_HOME`` is unset), never inside the work tree: the repo's contents are
untrusted (a pull request can commit any file or symbolic link), the user's cache folder is
not. The repo key is a hash of the repo's resolved path; the code key is a hash of everything
besides a file's bytes that decides what loading it finds (see ``code_fingerprint``), so a
new sre-docs version, schema or limit starts a fresh folder; one unused for a week is removed.

Why it cannot go stale. An entry's key covers the file's bytes, path and service and the
code key. Change any of them and the entry is simply not found, so an old entry never
stands in for a fresh load and hides a finding.

Why it cannot be abused.

* Every folder on the way (``sre-docs``, the repo's, the code's, the two-letter shard) is
  opened with ``O_NOFOLLOW | O_DIRECTORY`` and used through its descriptor, and refused
  unless this user owns it and it is not group- or world-writable. A refused folder means
  no cache for this run, never an error.
* Entries are written to a fresh temporary name with ``O_CREAT | O_EXCL | O_NOFOLLOW`` and
  renamed into place, so a planted link is never followed and a reader never sees half an
  entry. Entries are read with ``O_NOFOLLOW | O_NONBLOCK``, only when they are regular files
  of this user no bigger than ``max_entry_bytes``, so a link to ``/dev/zero`` or a FIFO
  neither eats memory nor blocks.
* Entries are pickles, and unpickling runs code, so each carries an HMAC made with a secret
  kept beside them (``sre-docs/secret``, mode 0600) and is unpickled only when it matches.

The cache is on by default; ``SRE_DOCS_CACHE=0`` turns it off for a run. The API is small,
for anything else worth keeping by content: ``ParseCache.open(root, limits)``, then
``key(...)`` to name a value by the bytes it was computed from, ``get(key)`` and
``put(key, value)``, and ``close()``. Besides loaded files (keyed ``"loaded file"``), it keeps
the whole lint run of a base commit (keyed ``"lint run"``, see ``sre_docs.lint.incremental``).
"""

from __future__ import annotations

import errno
import hashlib
import hmac
import os
import pickle
import re
import secrets
import shutil
import stat
import sys
import time
from pathlib import Path
from typing import Any

from sre_docs.yamltext.parse import Limits

#: ``0``/``false``/``no``/``off`` turns the cache off (``load_repository(cache=None)`` reads it).
CACHE_ENV = "SRE_DOCS_CACHE"
_MAGIC = b"sre-docs-cache/3\n"
_DIGEST = hashlib.sha256().digest_size
_KEY = re.compile(r"[0-9a-f]{64}\Z")
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


class CacheRefused(Exception):
    """A cache folder or entry that this user cannot trust."""


def wanted_from_environment() -> bool:
    """On unless ``SRE_DOCS_CACHE`` says off."""
    return os.environ.get(CACHE_ENV, "").strip().lower() not in ("0", "false", "no", "off")


def user_cache_base() -> Path:
    """``$XDG_CACHE_HOME/sre-docs``, or ``~/.cache/sre-docs``."""
    configured = os.environ.get("XDG_CACHE_HOME", "").strip()
    base = Path(configured) if configured and Path(configured).is_absolute() else Path.home() / ".cache"
    return base / "sre-docs"


def repo_key(root: Path) -> str:
    """Which folder of the cache a repo's entries go to: a hash of its resolved path."""
    return hashlib.sha256(os.fsencode(Path(root).resolve())).hexdigest()[:24]


def code_fingerprint(limits: Limits) -> bytes:
    """Everything besides a file's own bytes that decides what loading it finds."""
    import cerberus
    import yaml

    from sre_docs import __version__
    from sre_docs.schemas import KINDS

    digest = hashlib.sha256()
    libyaml = getattr(getattr(yaml, "_yaml", None), "get_version_string", lambda: "none")()
    for part in (__version__, sys.version, yaml.__version__, libyaml, cerberus.__version__, repr(limits)):
        digest.update(part.encode() + b"\0")
    for name, spec in KINDS.items():
        digest.update(f"{name}:{spec.scope}:{spec.body}:{spec.root_rule()!r}\0".encode())
    package = Path(__file__).resolve().parent.parent
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode() + b"\0" + source.read_bytes())
    return digest.digest()


def _check_trusted(descriptor: int, what: str) -> None:
    """Refuse a folder or file this user does not own, or that others may write to."""
    info = os.fstat(descriptor)
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        raise CacheRefused(f"{what} is owned by another user")
    if info.st_mode & 0o022:
        raise CacheRefused(f"{what} is writable by group or others")


def _open_folder(name: str, parent: int | None) -> int:
    """Open (creating it 0700 when missing) a folder without following a link, and check it."""
    for _ in range(2):
        try:
            descriptor = os.open(name, os.O_RDONLY | _DIRECTORY | _NOFOLLOW, dir_fd=parent)
            break
        except FileNotFoundError:
            try:
                os.mkdir(name, 0o700, dir_fd=parent)
            except FileExistsError:
                pass  # another run made it meanwhile
    else:  # pragma: no cover - it vanished twice in a row
        raise CacheRefused(f"{name} keeps disappearing")
    try:
        if not stat.S_ISDIR(os.fstat(descriptor).st_mode):
            raise CacheRefused(f"{name} is not a folder")
        _check_trusted(descriptor, name)
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor


def _read_capped(name: str, folder: int, cap: int, *, private: bool = False) -> bytes:
    """A regular file of this user, at most ``cap`` bytes, read without following a link.

    ``private``: also refuse it when others may read it.
    """
    descriptor = os.open(name, os.O_RDONLY | _NOFOLLOW | _NONBLOCK, dir_fd=folder)
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode) or info.st_size > cap:
            raise CacheRefused(f"{name} is not a regular file of at most {cap} bytes")
        _check_trusted(descriptor, name)
        if private and info.st_mode & 0o077:
            raise CacheRefused(f"{name} is readable by others")
        chunks: list[bytes] = []
        left = cap + 1
        while left > 0:
            chunk = os.read(descriptor, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(descriptor)
    data = b"".join(chunks)
    if len(data) > cap:
        raise CacheRefused(f"{name} grew past {cap} bytes")
    return data


def _write_new(name: str, folder: int, data: bytes, mode: int = 0o600) -> None:
    """Create ``name`` with ``data``; never follows a link, never opens an existing file."""
    descriptor = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, mode, dir_fd=folder)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view):]
    finally:
        os.close(descriptor)


def _secret(base: int) -> bytes:
    """This user's secret for signing entries, created on first use."""
    try:
        _write_new("secret", base, os.urandom(32))
    except FileExistsError:
        pass
    secret = _read_capped("secret", base, 64, private=True)
    if len(secret) < 32:
        raise CacheRefused("the cache's secret is too short")
    return secret


class ParseCache:
    """Signed pickles kept by content key, one file per entry, in the user's cache folder.

    ``get`` and ``put`` never raise for an unusable entry or a full disk: a miss just means
    the value is computed again.
    """

    def __init__(self, folder: int, secret: bytes, fingerprint: bytes, max_entry_bytes: int) -> None:
        self._folder = folder  # descriptor of <base>/<repo key>/<code key>
        self._secret = secret
        self._fingerprint = fingerprint
        self.max_entry_bytes = max_entry_bytes
        #: (repo root, limits, cache base) it was opened with, to open it again later; None when made directly.
        self.origin: tuple[str, Limits, str] | None = None
        # Descriptors of the shard folders opened (and checked) so far: a warm load of 13,000 files reads
        # 13,000 entries from at most 256 shards.
        self._shards: dict[str, int] = {}

    @classmethod
    def open(cls, root: Path, limits: Limits, base: Path | None = None) -> ParseCache | None:
        """The cache of the repo at ``root``, or None when its folder cannot be trusted or made."""
        try:
            return cls._open(Path(root), limits, base or user_cache_base())
        except (OSError, CacheRefused):
            return None

    @classmethod
    def _open(cls, root: Path, limits: Limits, base: Path) -> ParseCache:
        fingerprint = code_fingerprint(limits)
        base.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        top = _open_folder(str(base), None)
        try:
            secret = _secret(top)
            repo = _open_folder(repo_key(root), top)
        finally:
            os.close(top)
        code = fingerprint.hex()[:24]
        try:
            _remove_stale_generations(repo, code)
            folder = _open_folder(code, repo)
        finally:
            os.close(repo)
        try:
            os.utime(folder)
        except OSError:
            pass
        # An entry is a pickle of what one file of at most max_file_bytes loads to; its
        # findings are capped too, so 32 times the bytes leaves ample room.
        cache = cls(folder, secret, fingerprint, 32 * limits.max_file_bytes + (1 << 20))
        cache.origin = (str(root), limits, str(base))
        return cache

    def close(self) -> None:
        for shard in self._shards.values():
            os.close(shard)
        self._shards.clear()
        if self._folder >= 0:
            os.close(self._folder)
            self._folder = -1

    def __del__(self) -> None:
        self.close()

    def key(self, *parts: str | bytes) -> str:
        """The key of a value computed from ``parts`` by this version of sre-docs.

        A loaded file is keyed by ``(path, service or "", bytes)``; other callers should put
        a name of what they keep first, so keys of different things never meet.
        """
        digest = hashlib.sha256(self._fingerprint)
        for part in parts:
            data = part.encode("utf-8", "surrogateescape") if isinstance(part, str) else part
            digest.update(b"%d\0" % len(data))
            digest.update(data)
        return digest.hexdigest()

    def _sign(self, key: str, payload: bytes | memoryview) -> bytes:
        signer = hmac.new(self._secret, key.encode() + b"\0", hashlib.sha256)
        signer.update(payload)
        return signer.digest()

    def _shard(self, key: str) -> int:
        """The descriptor of ``key``'s shard folder, opened once per cache (``close`` closes it) and checked on
        every use: a folder that others may write to by now is refused, as at its opening."""
        if not _KEY.match(key):
            raise ValueError(f"not a cache key: {key!r}")
        name = key[:2]
        if name not in self._shards:
            self._shards[name] = _open_folder(name, self._folder)
        else:
            _check_trusted(self._shards[name], name)
        return self._shards[name]

    def _read(self, key: str) -> tuple[memoryview, memoryview] | None:
        """The value's pickle and the extra bytes of the entry under ``key``, when this user wrote it."""
        try:
            shard = self._shard(key)
            blob = _read_capped(key[2:], shard, self.max_entry_bytes)
        except (OSError, CacheRefused):
            return None
        head = len(_MAGIC) + _DIGEST
        view = memoryview(blob)
        if len(blob) < head + 8 or blob[: len(_MAGIC)] != _MAGIC:
            return None
        if not hmac.compare_digest(blob[len(_MAGIC):head], self._sign(key, view[head:])):
            return None
        size = int.from_bytes(view[head:head + 8], "big")
        return view[head + 8:head + 8 + size], view[head + 8 + size:]

    def get(self, key: str) -> Any | None:
        """The value put under ``key``, or None when there is none that this user wrote."""
        found = self._read(key)
        if found is None:
            return None
        try:
            return pickle.loads(found[0])
        except Exception:  # noqa: BLE001 -- signed by us but unreadable (a class changed shape): recompute
            return None

    def get_extra(self, key: str) -> bytes | None:
        """The extra bytes put with the value under ``key`` (see ``put``), or None."""
        found = self._read(key)
        return None if found is None else bytes(found[1])

    def put(self, key: str, value: Any, extra: bytes = b"") -> bool:
        """Keep ``value`` under ``key``; False when it was not kept (too big, disk full, refused).

        ``extra``: bytes kept in the same entry but read only by ``get_extra``, for what is seldom
        needed (a file's positions, wanted only for a finding) and so stays out of memory.
        """
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        body = len(payload).to_bytes(8, "big") + payload + extra
        blob = _MAGIC + self._sign(key, body) + body
        if len(blob) > self.max_entry_bytes:
            return False
        try:
            shard = self._shard(key)
        except (OSError, CacheRefused):
            return False
        temporary = f".{key[2:]}.{secrets.token_hex(8)}.tmp"
        try:
            _write_new(temporary, shard, blob)
            os.replace(temporary, key[2:], src_dir_fd=shard, dst_dir_fd=shard)
            return True
        except OSError:
            try:
                os.unlink(temporary, dir_fd=shard)
            except OSError:
                pass
            return False


#: A generation (the entries of one code key) unused this long is removed.
STALE_SECONDS = 7 * 24 * 3600


def _remove_stale_generations(repo: int, keep: str) -> None:
    """Remove the entries of code keys (earlier versions, other limits) unused for a week.

    Each open marks its own generation used (its folder's modification time), so two
    installed versions taking turns on one repo each keep theirs.
    """
    try:
        names = os.listdir(repo)
    except OSError:
        return
    now = time.time()
    for name in names:
        if name == keep or not re.fullmatch(r"[0-9a-f]{24}", name):
            continue
        try:
            if now - os.stat(name, dir_fd=repo, follow_symlinks=False).st_mtime < STALE_SECONDS:
                continue
            shutil.rmtree(name, dir_fd=repo)
        except OSError as error:
            if error.errno not in (errno.ENOENT, errno.ENOTEMPTY):
                return
