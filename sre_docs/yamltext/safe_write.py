"""Safe writes into the reliability repo.

Every workflow that changes the repo goes through here, so that:

* a write is atomic: the bytes go to a temporary file in the same folder, are flushed
  and fsynced, and the temporary file is renamed over the target (``os.replace``), so a
  crash leaves either the old file or the new one, never half of either;
* an existing file keeps its permission bits;
* nothing is overwritten without ``force`` (the CLI's ``--force``): creating a document
  where a file already exists is refused with a message that says so. The check and the
  creation are one step (``os.link`` of the finished temporary file, which fails when the
  name exists), so of two commands creating the same file at once exactly one succeeds;
* an edit holds an exclusive lock for its file (``locked``: ``fcntl.flock`` on a hidden
  ``.<name>.lock`` beside it) from reading the file through verifying to replacing it, so
  concurrent edits by sre-docs take turns and none is lost; an edit is applied only when
  the file still holds the bytes it was computed from, so a change by anything else (an
  editor, a git checkout) is never silently lost either;
* writing the same bytes again changes nothing (not even the modification time);
* a read-only file (no write bit) is never edited, and replaced only with ``force``;
* temporary files that a killed write left behind are removed by the next write to that
  folder once they are 15 minutes old.

New documents are rendered with ruamel.yaml round-trip objects, so the comments that
explain each field survive into the file. Edits of existing documents are in
:mod:`sre_docs.yamltext.edit`.
"""

from __future__ import annotations

import errno
import io
import os
import re
import stat
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

try:
    import fcntl
except ImportError:  # pragma: no cover - not on POSIX: no advisory locks
    fcntl = None  # type: ignore[assignment]  # Windows has no fcntl; writes stay atomic but unlocked

from sre_docs.yamltext.edit import DEFAULT_LAYOUT, EditError, Layout, YamlEditor, emitter, prepare

__all__ = [
    "EditError",
    "WriteRefused",
    "atomic_write",
    "create_file",
    "edit_file",
    "locked",
    "render",
    "replace_file",
]


class WriteRefused(Exception):
    """A write that must not happen (it would overwrite, or the file changed meanwhile)."""


def _default_mode() -> int:
    """Permission bits a newly created file gets under the current umask."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


#: The temporary files this module makes: ``.<name>.<8 random characters>.tmp`` (``tempfile.mkstemp``).
_TEMPORARY = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp\Z")
#: A temporary file older than this was left by a write that died (``kill -9``, power loss).
STALE_TEMPORARY_SECONDS = 15 * 60


def sweep_stale_temporaries(folder: Path) -> list[str]:
    """Remove the temporary files that writes into ``folder`` left behind when they died; their names.

    Only regular files named as this module names them, and only once they are old enough
    that no write can still be using them.
    """
    removed: list[str] = []
    now = time.time()
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        if not _TEMPORARY.match(name):
            continue
        try:
            info = os.lstat(folder / name)
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime > STALE_TEMPORARY_SECONDS:
                os.unlink(folder / name)
                removed.append(name)
        except OSError:
            continue
    return removed


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically, keeping an existing file's mode."""
    path = Path(path)
    if path.is_symlink():
        raise WriteRefused(f"{path} is a symbolic link; sre-docs writes only regular files")
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    sweep_stale_temporaries(folder)
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = _default_mode()
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        raise
    _sync_folder(folder)


def _sync_folder(folder: Path) -> None:
    """Make the rename durable; not every platform lets a folder be opened for that."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


#: How long a command waits for another one's lock before giving up.
LOCK_TIMEOUT_SECONDS = 30.0
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


@contextmanager
def locked(path: Path, *, timeout: float = LOCK_TIMEOUT_SECONDS) -> Iterator[None]:
    """Hold the exclusive advisory lock for ``path`` (its folder is created if missing).

    The lock is ``fcntl.flock`` on ``.<name>.lock`` beside ``path``. The lock file is removed
    on release, so that no stray file stays in the repo; a waiter that wakes up holding a
    lock file that is no longer the one at that name (its holder removed it) tries again,
    so two commands never both hold the lock. A crashed holder's lock is released by the
    kernel. Waiting longer than ``timeout`` raises ``WriteRefused``.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if fcntl is None:  # pragma: no cover
        yield
        return
    name = path.parent / f".{path.name}.lock"
    deadline = time.monotonic() + timeout
    while True:
        try:
            descriptor = os.open(name, os.O_RDWR | os.O_CREAT | _NOFOLLOW, 0o600)
        except OSError as error:
            if error.errno == errno.ELOOP:
                raise WriteRefused(f"{name} is a symbolic link; sre-docs will not lock through it") from None
            raise
        try:
            while True:
                try:
                    fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise WriteRefused(
                            f"{path.name} is being changed by another sre-docs command; try again") from None
                    time.sleep(0.005)
            held = os.fstat(descriptor)
            try:
                current = os.stat(name, follow_symlinks=False)
            except FileNotFoundError:
                current = None
        except BaseException:
            os.close(descriptor)
            raise
        if current is not None and (current.st_dev, current.st_ino) == (held.st_dev, held.st_ino):
            break
        os.close(descriptor)  # the holder before us removed that file: lock the new one
    try:
        yield
    finally:
        try:
            os.unlink(name)
        except FileNotFoundError:
            pass
        os.close(descriptor)


def _create_new(path: Path, data: bytes, display: str) -> None:
    """Create ``path`` with ``data``, atomically, failing when the name exists (even as a link)."""
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    sweep_stale_temporaries(folder)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _default_mode())
        try:
            os.link(temporary, path, follow_symlinks=False)
        except FileExistsError:
            raise WriteRefused(f"{display} already exists; use --force to overwrite it") from None
        except OSError as error:
            if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK):
                raise
            _write_exclusive(path, data, display)  # a file system without hard links
    finally:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
    _sync_folder(folder)


def _write_exclusive(path: Path, data: bytes, display: str) -> None:
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, _default_mode())
    except FileExistsError:
        raise WriteRefused(f"{display} already exists; use --force to overwrite it") from None
    with os.fdopen(descriptor, "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())


def create_file(path: Path, text: str, *, force: bool = False, display: str | None = None) -> bool:
    """Write a new file; an existing one is replaced only with ``force``.

    Returns False when the file already held exactly this text (nothing to do). Without
    ``force``, a file that appears meanwhile (another command creating the same name) makes
    this raise ``WriteRefused``; it is never overwritten.
    """
    path = Path(path)
    display = display or str(path)
    data = text.encode("utf-8")
    with locked(path):
        if path.exists() or path.is_symlink():
            if path.is_file() and not path.is_symlink() and path.read_bytes() == data:
                return False
            if not force:
                raise WriteRefused(f"{display} already exists; use --force to overwrite it")
            atomic_write(path, data)
            return True
        _create_new(path, data, display)
    return True


def replace_file(path: Path, original: bytes, new: bytes, *, display: str | None = None) -> bool:
    """Replace ``path``'s bytes ``original`` with ``new``; refuse if the file changed meanwhile."""
    path = Path(path)
    if original == new:
        return False
    with locked(path):
        return _replace_locked(path, original, new, display or str(path))


def _replace_locked(path: Path, original: bytes, new: bytes, display: str) -> bool:
    if original == new:
        return False
    try:
        current = path.read_bytes()
    except FileNotFoundError:
        raise WriteRefused(f"{display} disappeared while it was being edited") from None
    if current != original:
        raise WriteRefused(f"{display} changed while it was being edited; run the command again")
    if not stat.S_IMODE(os.stat(path).st_mode) & 0o222:
        raise WriteRefused(f"{display} is read-only; make it writable (chmod u+w) for sre-docs to change it")
    atomic_write(path, new)
    return True


class FileEdit:
    """An edit session on one file: ``with edit_file(path) as editor: editor.set(...)``.

    Entering takes the file's lock and reads it; a clean exit writes the new bytes
    atomically (only if they differ) and releases the lock. Concurrent sessions on one file
    therefore run one after the other, each on the bytes the one before wrote. On an
    exception nothing is written.
    """

    def __init__(self, path: Path, display: str | None = None) -> None:
        self.path = Path(path)
        self.display = display or str(path)
        self.written = False
        self._lock: Any = None

    def __enter__(self) -> YamlEditor:
        if not self.path.is_file():
            raise WriteRefused(f"{self.display} does not exist")
        self._lock = locked(self.path)
        self._lock.__enter__()
        try:
            try:
                self.original = self.path.read_bytes()
            except FileNotFoundError:
                raise WriteRefused(f"{self.display} does not exist") from None
            self.editor = YamlEditor(self.original, self.display)
        except BaseException:
            self._lock.__exit__(None, None, None)
            raise
        return self.editor

    def __exit__(self, kind: Any, value: Any, traceback: Any) -> None:
        try:
            if kind is None:
                self.written = _replace_locked(self.path, self.original, self.editor.result(), self.display)
        finally:
            self._lock.__exit__(None, None, None)


def edit_file(path: Path, display: str | None = None) -> FileEdit:
    return FileEdit(path, display)


# --- rendering new documents ---------------------------------------------------------------


def render(document: Any, layout: Layout = DEFAULT_LAYOUT) -> str:
    """YAML text of a new document (a ruamel ``CommentedMap`` keeps its comments)."""
    stream = io.StringIO()
    emitter(layout).dump(prepare(document), stream)
    return stream.getvalue()
