"""Incremental rebuilds for ``mkdocs serve``: only pages whose Markdown changed are rendered again.

MkDocs rebuilds the whole site after every save, and rendering thousands of generated pages
through the theme is most of the time. Between two builds of one ``mkdocs serve`` the plugin
keeps a fingerprint of every generated page (its Markdown and the page settings the plugin
gives MkDocs) and one of everything a page's HTML also depends on (the navigation, the set
of pages, the incident links, the hand-written pages, mkdocs.yml). When the latter is
unchanged, a generated page whose own fingerprint is unchanged is *reused*:

* before MkDocs empties the site folder, the last build's folder is set aside (renamed);
* the page's file stops counting as a documentation page once the navigation is built, so
  MkDocs neither converts nor renders it (it still has its place in the navigation), and its
  HTML stays where it is in the set-aside folder;
* after the build, its search entries are merged into the new search index; what MkDocs wrote
  is moved into the set-aside folder, the last build's files this one did not make or reuse are
  deleted there, and that folder becomes the site folder again. The work is proportional to
  what was written, not to the thousands of reused pages (each in a folder of its own).

Anything else (a first build, ``mkdocs build``, a failed build, a changed navigation) renders
every page, as MkDocs always does. The reused pages are missing from ``sitemap.xml`` in the
preview only; a published site is built by ``mkdocs build``, which never reuses.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import shutil
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path

import jinja2
from mkdocs.structure.files import File, Files

__all__ = ["Preview", "HandbookFile", "fingerprint"]

_STASH_SUFFIX = ".sre-docs-last-build"
_SEARCH_INDEX = "search/search_index.json"


def fingerprint(*parts: object) -> str:
    """One hash of the parts' ``repr`` (they are strings, numbers, tuples and lists of them)."""
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()


class HandbookFile(File):
    """A generated page. Once ``reused`` is set to the last build's HTML of the page, MkDocs takes it for
    a static file: it neither converts nor renders it, and "copying" it puts that HTML back in place."""

    reused: Path | None = None

    def is_documentation_page(self) -> bool:
        return self.reused is None and super().is_documentation_page()

    def is_static_page(self) -> bool:
        return self.reused is None and super().is_static_page()

    def copy_file(self, dirty: bool = False) -> None:
        if self.reused is None:  # a reused page's HTML stays in the set-aside folder (``Preview.finish``)
            super().copy_file(dirty)


class Preview:
    """What one ``mkdocs serve`` remembers of its last successful build."""

    def __init__(self) -> None:
        #: src_uri -> fingerprint of each generated page of the last successful build.
        self.pages: dict[str, str] = {}
        #: Fingerprint of what every page's HTML depends on, in the last successful build.
        self.frame: str | None = None
        #: Page URL -> its search entries (as JSON text) in the last successful build's index.
        self.entries: dict[str, list[str]] = {}
        self._stash: Path | None = None
        self._reused: list[HandbookFile] = []
        self._current: dict[str, str] = {}
        self._frame: str | None = None
        #: Every file of the site folder after the last successful build, relative to it ("/"-separated).
        self.outputs: set[str] = set()
        #: src_uri -> (Markdown, settings, fingerprint) of the latest build, for ``page_fingerprint``.
        self._hashed: dict[str, tuple[str, object, str]] = {}

    # -- one build -----------------------------------------------------------------------------

    def set_aside(self, site_dir: str) -> None:
        """Before MkDocs empties ``site_dir``: keep the last build's output under another name."""
        self._reused = []
        site = Path(site_dir)
        stash = site.with_name(site.name + _STASH_SUFFIX)
        if stash.exists():
            shutil.rmtree(stash, ignore_errors=True)
        if not self.pages or not site.is_dir():
            self._stash = None
            return
        os.replace(site, stash)
        site.mkdir()
        self._stash = stash

    def choose(self, files: Iterable[HandbookFile], fingerprints: Mapping[str, str], frame: str) -> list[HandbookFile]:
        """Mark the pages that can be reused (same frame, same fingerprint, HTML at hand); return them."""
        self._current = dict(fingerprints)
        self._frame = frame
        self._hashed = {uri: known for uri, known in self._hashed.items() if uri in self._current}
        if self._stash is None or frame != self.frame:
            return []
        for file in files:
            previous = self._stash / file.dest_uri
            if self.pages.get(file.src_uri) == fingerprints.get(file.src_uri) and previous.is_file():
                file.reused = previous
                self._reused.append(file)
        return self._reused

    def page_fingerprint(self, uri: str, markdown: str, settings: object) -> str:
        """``fingerprint(markdown, settings)``, hashed again only when the Markdown is another string than
        the last build's: a page kept from the last build is the same object (``PageReuse``), and hashing
        thousands of pages' text every build would cost more than the rest of deciding what to render."""
        known = self._hashed.get(uri)
        if known is not None and known[0] is markdown and known[1] == settings:
            return known[2]
        value = fingerprint(markdown, settings)
        self._hashed[uri] = (markdown, settings, value)
        return value

    def finish(self, site_dir: str) -> None:
        """After a successful build (the reused pages' HTML is back in place): complete the search index, remember."""
        site = Path(site_dir)
        stash = self._stash
        if self._reused and not self.entries and stash is not None:  # the first rebuild: read the first build's index
            self.entries = _complete_search_index(stash / _SEARCH_INDEX, {}, set(), write=False)
        self.entries = (_complete_search_index(site / _SEARCH_INDEX, self.entries, {_page_url(f) for f in self._reused})
                        if self._reused or self.entries else {})
        written = _files_under(site)
        if stash is None:
            self.outputs = written
        else:
            kept = {file.dest_uri for file in self._reused}
            _merge(site, stash, written, stale=self.outputs - written - kept)
            self.outputs = written | kept
        self._stash = None
        self.pages, self.frame = self._current, self._frame

    def forget(self) -> None:
        """After a failed build: the next one renders every page."""
        if self._stash is not None:
            shutil.rmtree(self._stash, ignore_errors=True)
        self._stash = None
        self.pages, self.frame, self.entries = {}, None, {}

    @property
    def reused(self) -> list[HandbookFile]:
        return list(self._reused)


def _files_under(folder: Path) -> set[str]:
    """Every file below ``folder``, relative to it, with "/" between parts."""
    found: set[str] = set()
    for parent, _, names in os.walk(folder):
        relative = os.path.relpath(parent, folder).replace(os.sep, "/")
        prefix = "" if relative == "." else relative + "/"
        found.update(prefix + name for name in names)
    return found


def _merge(site: Path, stash: Path, written: set[str], stale: set[str]) -> None:
    """Make ``stash`` (the last build's folder, with the reused pages) this build's site: move in what this
    build ``written`` into ``site``, delete the ``stale`` files of the last build (and folders they leave
    empty), then swap the two folders."""
    made: set[str] = set()
    for relative in sorted(written):
        folder = posixpath.dirname(relative)
        if folder and folder not in made:
            os.makedirs(stash / folder, exist_ok=True)
            made.add(folder)
        os.replace(site / relative, stash / relative)
    for relative in sorted(stale):
        try:
            os.unlink(stash / relative)
        except FileNotFoundError:
            pass
        folder = posixpath.dirname(relative)
        while folder:
            try:
                os.rmdir(stash / folder)
            except OSError:
                break  # not empty, or gone already
            folder = posixpath.dirname(folder)
    emptied = site.with_name(f"{site.name}{_STASH_SUFFIX}-{os.getpid()}-{threading.get_ident()}-{id(site)}")
    os.replace(site, emptied)
    os.replace(stash, site)
    _remove_later(emptied)


def _remove_later(folder: Path) -> None:
    """Remove the rest of the last build's folder on a thread: thousands of files take a while, and the
    new build is complete without them. A fresh name first, so the next build's set-aside never meets it."""
    doomed = folder.with_name(f"{folder.name}-{os.getpid()}-{threading.get_ident()}-{id(folder)}")
    try:
        os.replace(folder, doomed)
    except OSError:
        doomed = folder
    threading.Thread(target=shutil.rmtree, args=(doomed,), kwargs={"ignore_errors": True}, daemon=True).start()


class TemplateCache(jinja2.BytecodeCache):
    """Compiled theme templates kept between the builds of one server: MkDocs makes a new Jinja
    environment for every build, which would compile every template again. Jinja keys each entry by
    the template's name and a checksum of its source, so an edited template is compiled afresh."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        compiled = self._compiled.get(bucket.key)
        if compiled is not None:
            bucket.bytecode_from_string(compiled)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


def _page_url(file: File) -> str:
    """The URL search entries use: the page's (``""`` for the home page, whose file URL is ``./``)."""
    return file.page.url if file.page is not None else file.url


def _complete_search_index(index: Path, previous: dict[str, list[str]], reused: set[str], *,
                           write: bool = True) -> dict[str, list[str]]:
    """Add the last build's search entries of the ``reused`` pages to the index this build wrote; return
    every page's entries, for the next build.

    Material writes entries only for the pages it rendered; an entry's ``location`` is the page's URL,
    with ``#anchor`` for a section. Entries are kept as JSON text, so a big index is not parsed again.
    """
    if not index.is_file():
        return {}
    fresh = json.loads(index.read_text(encoding="utf-8"))
    entries: dict[str, list[str]] = {url: previous[url] for url in reused if url in previous}
    for entry in fresh.get("docs", []):
        url = str(entry.get("location", "")).split("#", 1)[0]
        entries.setdefault(url, []).append(json.dumps(entry, ensure_ascii=False, separators=(",", ":")))
    if reused and write:
        head = json.dumps({key: value for key, value in fresh.items() if key != "docs"}, ensure_ascii=False,
                          separators=(",", ":"))
        docs = ",".join(text for group in entries.values() for text in group)
        index.write_text(f'{head[:-1]}{"," if head != "{}" else ""}"docs":[{docs}]}}', encoding="utf-8")
    return entries


def documentation_frame(files: Files, generated: set[str]) -> list[tuple[str, int, int]]:
    """The hand-written files of the site, with their modification time and size: a change to one
    can change every page (its title in the navigation), so it renders every page."""
    frame = []
    for file in files:
        if file.src_uri in generated or file.abs_src_path is None:
            continue
        try:
            stat = os.stat(file.abs_src_path)
        except OSError:
            continue
        frame.append((file.src_uri, stat.st_mtime_ns, stat.st_size))
    return sorted(frame)
