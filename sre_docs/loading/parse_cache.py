"""An opt-in cache of loaded files in ``<root>/.sre-docs-cache/``, for repeated runs on a big repo.

What loading a file finds depends only on its bytes, its place in the repo, the limits,
and the code that parses and checks it. The cache key covers all of these: the file's
bytes, path and service, the limits, the sre-docs version, the schema of every kind, a
hash of every source file of the ``sre_docs`` package, and the versions of Python, PyYAML
(with libyaml) and cerberus. Change any of them and the entry is simply not found, so a
stale entry can never stand in for a fresh load and hide a finding.

Entries are pickles, and unpickling can run code. The folder sits inside the repo, where a
pull request could plant files, so every entry carries an HMAC made with a secret kept in
the user's cache folder (``~/.cache/sre-docs/secret``, mode 0600) and is read only when the
HMAC matches. Without a usable secret there is no cache.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import stat
import sys
from pathlib import Path

from sre_docs.yamltext.parse import Limits

CACHE_DIR = ".sre-docs-cache"
#: Set to 1 to use the cache (``load_repository(cache=None)`` reads it).
CACHE_ENV = "SRE_DOCS_CACHE"
_MAGIC = b"sre-docs-cache/1\n"
_DIGEST = hashlib.sha256().digest_size


def wanted_from_environment() -> bool:
    return os.environ.get(CACHE_ENV, "").strip().lower() in ("1", "true", "yes", "on")


def _secret() -> bytes | None:
    """This user's secret for signing entries, created on first use; None when it cannot be trusted."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "sre-docs"
    path = base / "secret"
    try:
        base.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(os.urandom(32))
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(descriptor, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_mode & 0o077:
                return None
            if hasattr(os, "getuid") and info.st_uid != os.getuid():
                return None
            secret = handle.read(64)
    except OSError:
        return None
    return secret if len(secret) >= 32 else None


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
    package = Path(__file__).resolve().parent
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode() + b"\0" + source.read_bytes())
    return digest.digest()


class LoadCache:
    """Signed pickles of ``LoadedFile``s, one file per entry, named by the cache key."""

    def __init__(self, folder: Path, secret: bytes, fingerprint: bytes) -> None:
        self.folder = folder
        self._secret = secret
        self._fingerprint = fingerprint
        self.hits = 0
        self.misses = 0

    @classmethod
    def open(cls, root: Path, limits: Limits) -> LoadCache | None:
        """The cache of the repo at ``root``, or None when no trustworthy secret is available."""
        secret = _secret()
        if secret is None:
            return None
        try:
            fingerprint = code_fingerprint(limits)
        except OSError:
            return None
        return cls(root / CACHE_DIR, secret, fingerprint)

    def key(self, path: str, service: str | None, data: bytes) -> str:
        digest = hashlib.sha256(self._fingerprint)
        digest.update(f"{path}\0{service}\0{len(data)}\0".encode())
        digest.update(data)
        return digest.hexdigest()

    def _entry(self, key: str) -> Path:
        return self.folder / key[:2] / key[2:]

    def _sign(self, key: str, payload: bytes) -> bytes:
        return hmac.new(self._secret, key.encode() + b"\0" + payload, hashlib.sha256).digest()

    def get(self, key: str):  # -> LoadedFile | None
        try:
            blob = self._entry(key).read_bytes()
        except OSError:
            self.misses += 1
            return None
        head = len(_MAGIC) + _DIGEST
        payload = blob[head:]
        if blob[: len(_MAGIC)] != _MAGIC or not hmac.compare_digest(blob[len(_MAGIC):head], self._sign(key, payload)):
            self.misses += 1
            return None
        self.hits += 1
        return pickle.loads(payload)

    def put(self, key: str, loaded) -> None:  # loaded: LoadedFile
        payload = pickle.dumps(loaded, protocol=pickle.HIGHEST_PROTOCOL)
        entry = self._entry(key)
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            temporary = entry.with_name(f".{entry.name}.{os.getpid()}.tmp")
            temporary.write_bytes(_MAGIC + self._sign(key, payload) + payload)
            os.replace(temporary, entry)
        except OSError:
            pass  # a read-only checkout still lints, just without the cache
