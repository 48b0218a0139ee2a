"""Files loaded earlier in this process, kept in memory by path and bytes (``mkdocs serve``).

A preview server rebuilds after every save, and most files have not changed since the last
build. ``load_files`` asks a cache for each file by its key; this one answers from the files
the previous round loaded, so only files whose bytes changed are parsed and checked again.
The key is the path and the SHA-1 of the bytes, so an entry can never stand in for other
content. Each round keeps only the files it saw, so a deleted file leaves no entry behind.

It also tells the handbook what changed: ``digests`` (path -> SHA-1 of the bytes) of the files
of the latest round, from which pages derive the fingerprint of their inputs.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sre_docs.loading.loader import LoadedFile

__all__ = ["SessionFiles"]


class SessionFiles:
    """The ``ParseCache`` interface (``key``, ``get``, ``put``) over the files of the previous round."""

    def __init__(self) -> None:
        self._previous: dict[tuple[str, str], LoadedFile] = {}
        self._current: dict[tuple[str, str], LoadedFile] = {}
        #: path -> SHA-1 of the bytes, for every readable file of the latest round.
        self.digests: dict[str, str] = {}
        #: How many files the latest round parsed (the others were reused).
        self.parsed = 0

    def start_round(self) -> None:
        """Begin a load: what the last round loaded becomes what this one may reuse."""
        if self._current:
            self._previous = self._current
        self._current = {}
        self.digests = {}
        self.parsed = 0

    @staticmethod
    def key(purpose: str, path: str, service: str, data: bytes) -> tuple[str, str]:
        """``purpose`` and ``service`` follow from the path for loaded files; the bytes decide the rest."""
        return (path, hashlib.sha1(data).hexdigest())

    def get(self, key: tuple[str, str]) -> LoadedFile | None:
        self.digests[key[0]] = key[1]
        found = self._previous.get(key)
        if found is not None:
            self._current[key] = found
        return found

    def put(self, key: tuple[str, str], loaded: LoadedFile) -> None:
        self._current[key] = loaded
        self.parsed += 1
