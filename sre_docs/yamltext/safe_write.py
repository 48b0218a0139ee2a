"""Safe writes into the reliability repo.

Every workflow that changes the repo goes through here, so that:

* a write is atomic: the bytes go to a temporary file in the same folder, are flushed
  and fsynced, and the temporary file is renamed over the target (``os.replace``), so a
  crash leaves either the old file or the new one, never half of either;
* an existing file keeps its permission bits;
* nothing is overwritten without ``force`` (the CLI's ``--force``): creating a document
  where a file already exists is refused with a message that says so;
* an edit is applied only when the file still holds the bytes it was computed from, so
  a concurrent change (an editor, a git checkout) is never silently lost;
* writing the same bytes again changes nothing (not even the modification time).

New documents are rendered with ruamel.yaml round-trip objects, so the comments that
explain each field survive into the file. Edits of existing documents are in
:mod:`sre_docs.yamltext.edit`.
"""

from __future__ import annotations

import io
import os
import stat
import tempfile
from pathlib import Path
from typing import Any

from sre_docs.yamltext.edit import DEFAULT_LAYOUT, EditError, Layout, YamlEditor, emitter, prepare

__all__ = [
    "EditError",
    "WriteRefused",
    "atomic_write",
    "create_file",
    "edit_file",
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


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically, keeping an existing file's mode."""
    path = Path(path)
    if path.is_symlink():
        raise WriteRefused(f"{path} is a symbolic link; sre-docs writes only regular files")
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
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


def create_file(path: Path, text: str, *, force: bool = False, display: str | None = None) -> bool:
    """Write a new file; an existing one is replaced only with ``force``.

    Returns False when the file already held exactly this text (nothing to do).
    """
    path = Path(path)
    data = text.encode("utf-8")
    if path.exists() or path.is_symlink():
        if path.is_file() and not path.is_symlink() and path.read_bytes() == data:
            return False
        if not force:
            raise WriteRefused(f"{display or path} already exists; use --force to overwrite it")
    atomic_write(path, data)
    return True


def replace_file(path: Path, original: bytes, new: bytes, *, display: str | None = None) -> bool:
    """Replace ``path``'s bytes ``original`` with ``new``; refuse if the file changed meanwhile."""
    path = Path(path)
    if original == new:
        return False
    try:
        current = path.read_bytes()
    except FileNotFoundError:
        raise WriteRefused(f"{display or path} disappeared while it was being edited") from None
    if current != original:
        raise WriteRefused(f"{display or path} changed while it was being edited; run the command again")
    atomic_write(path, new)
    return True


class FileEdit:
    """An edit session on one file: ``with edit_file(path) as editor: editor.set(...)``.

    On a clean exit the new bytes are written atomically (only if they differ); on an
    exception nothing is written.
    """

    def __init__(self, path: Path, display: str | None = None) -> None:
        self.path = Path(path)
        self.display = display or str(path)
        try:
            self.original = self.path.read_bytes()
        except FileNotFoundError:
            raise WriteRefused(f"{self.display} does not exist") from None
        self.editor = YamlEditor(self.original, self.display)
        self.written = False

    def __enter__(self) -> YamlEditor:
        return self.editor

    def __exit__(self, kind: Any, value: Any, traceback: Any) -> None:
        if kind is None:
            self.written = replace_file(self.path, self.original, self.editor.result(), display=self.display)


def edit_file(path: Path, display: str | None = None) -> FileEdit:
    return FileEdit(path, display)


# --- rendering new documents ---------------------------------------------------------------


def render(document: Any, layout: Layout = DEFAULT_LAYOUT) -> str:
    """YAML text of a new document (a ruamel ``CommentedMap`` keeps its comments)."""
    stream = io.StringIO()
    emitter(layout).dump(prepare(document), stream)
    return stream.getvalue()
