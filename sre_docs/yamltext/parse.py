"""Parse untrusted YAML into plain values plus a side table of source positions.

Why not ``yaml.safe_load`` or ruamel's round-trip loader?

* Speed: the round-trip loader is ~30x slower than libyaml. We read libyaml's *event*
  stream (PyYAML's ``CParser``) and build values in one Python pass, which costs about
  the same as libyaml's own ``compose`` (measured in ``benchmarks/``).
* Safety: building from events lets us stop at a depth limit before anything recurses
  (libyaml's composer segfaults on 100k nested brackets), refuse non-core tags, count
  alias expansion before it happens, and report duplicate keys.
* Semantics: scalars are resolved by the YAML 1.2 core schema, so ``on``, ``no`` and
  ``12:30`` are strings and dates stay strings (checked later by the schemas). Plain
  scalars that a YAML 1.1 reader would take differently are remembered, so the schema
  layer can tell the author to quote them.

Positions are 1-based and live beside the data (``ParsedDocument.marks``), never in it.
"""

from __future__ import annotations

import bisect
import marshal
import math
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

import yaml
from yaml import events as ev

from sre_docs.findings import Finding, Severity

# libyaml ships in PyYAML's wheels; only its event parser is used, never its constructor.
_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
#: What libyaml (0.2.6 and newer) says when it reaches its own 1,000-level nesting cap.
_LIBYAML_DEPTH_CAP = "exceeded maximum nesting depth"

Path = tuple[Any, ...]
# (value line, value column, key line, key column), all 1-based. For sequence items and
# document roots the key position is the value position.
Mark = tuple[int, int, int, int]


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds that keep hostile input from exhausting time or memory."""

    max_file_bytes: int = 1_048_576
    max_depth: int = 64
    max_alias_nodes: int = 10_000
    #: Findings reported per file; the rest are counted in one "…and K more" finding.
    max_findings_per_file: int = 100


DEFAULT_LIMITS = Limits()


class ParsedDocument:
    """One YAML document: its value and where each part of it came from.

    ``marks`` maps each path (``("slo", "target")``) to its position; ``plain_scalars``
    holds the paths of unquoted scalars, so schema errors can suggest quoting; and
    ``yaml11_surprises`` the plain scalars a YAML 1.1 parser would read differently.
    """

    __slots__ = ("value", "index", "yaml11_surprises", "_marks", "_plain", "_packed", "_fetch")

    def __init__(self, value: Any, marks: dict[Path, Mark], index: int,
                 yaml11_surprises: dict[Path, str] | None = None, plain_scalars: set[Path] | None = None) -> None:
        self.value = value
        self.index = index
        self.yaml11_surprises = {} if yaml11_surprises is None else yaml11_surprises
        self._marks: dict[Path, Mark] | None = marks
        self._plain: set[Path] | None = set() if plain_scalars is None else plain_scalars
        self._packed: bytes | None = None
        # Where the packed positions are when they are in none of the above (``keep_positions_elsewhere``).
        self._fetch: Callable[[], bytes | None] | None = None

    @property
    def marks(self) -> dict[Path, Mark]:
        if self._marks is None:
            self._unpack()
        return self._marks  # type: ignore[return-value]  # _unpack() has just set it

    @property
    def plain_scalars(self) -> set[Path]:
        if self._plain is None:
            self._unpack()
        return self._plain  # type: ignore[return-value]  # _unpack() has just set it

    def locate(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """Position of ``path``, or of its nearest ancestor that has one.

        ``key=True`` points at the mapping key (for unknown or misspelt fields);
        otherwise at the value (for wrong values).
        """
        marks = self.marks
        path = tuple(path)
        while path not in marks and path:
            path = path[:-1]
        mark = marks.get(path)
        if mark is None:
            return (1, 1)
        return (mark[2], mark[3]) if key else (mark[0], mark[1])

    # Documents cross process boundaries when files load in parallel. Everything in them is
    # plain data, which marshal writes and reads several times faster than pickle's generic
    # protocol; the positions, needed only when a finding is reported, stay packed until then.

    def __reduce__(self) -> tuple[Any, ...]:
        value = marshal.dumps(self.value)
        if _LEAVE_POSITIONS_OUT.get():
            return (_unpack_document, (value, self.index, self.yaml11_surprises, None))
        return (_unpack_document, (value, self.index, self.yaml11_surprises, self.packed_positions()))

    def packed_positions(self) -> bytes:
        """The positions, packed (marshal); once packed, the unpacked copy is dropped (it is read back on the
        first finding that needs one): at 1,000 services it was half of a cold load's memory."""
        if self._packed is None:
            if self._marks is None:
                self._unpack()
            self._packed = marshal.dumps((self._marks, self._plain))
        self._marks = self._plain = None
        return self._packed

    def keep_positions_elsewhere(self, fetch: Callable[[], bytes | None]) -> None:
        """Drop the positions from memory; ``fetch`` gives them back packed (or None when they are lost) on the
        first finding that needs one. The parse cache keeps them beside each file's entry: a clean repo of
        3,000 services then holds 120 MB less."""
        self._marks = self._plain = self._packed = None
        self._fetch = fetch

    def _unpack(self) -> None:
        if self._packed is None and self._fetch is not None:
            self._packed, self._fetch = self._fetch(), None
        if self._packed is None:  # lost (the cache entry went away): no position is better than a wrong one
            self._marks, self._plain = {}, set()
            return
        self._marks, self._plain = marshal.loads(self._packed)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ParsedDocument):
            return NotImplemented
        return (self.value, self.index, self.yaml11_surprises, self.marks, self.plain_scalars) == (
            other.value, other.index, other.yaml11_surprises, other.marks, other.plain_scalars)

    __hash__ = None  # type: ignore[assignment]  # compared by value and mutable: never a dict key

    def __repr__(self) -> str:
        return f"ParsedDocument(value={self.value!r}, index={self.index})"


def _unpack_document(value: bytes, index: int, surprises: dict[Path, str], packed: bytes | None) -> ParsedDocument:
    document = ParsedDocument(marshal.loads(value), None, index, surprises)  # type: ignore[arg-type]  # the marks stay packed until asked for
    document._plain = None
    document._packed = packed
    return document


#: While true, pickled documents leave their positions out (``positions_left_out``).
_LEAVE_POSITIONS_OUT: ContextVar[bool] = ContextVar("leave_positions_out", default=False)


@contextmanager
def positions_left_out() -> Iterator[None]:
    """Pickle documents without their positions, for a store that keeps them apart (the parse cache)."""
    token = _LEAVE_POSITIONS_OUT.set(True)
    try:
        yield
    finally:
        _LEAVE_POSITIONS_OUT.reset(token)


@dataclass(slots=True)
class ParseResult:
    documents: list[ParsedDocument]
    findings: list[Finding]
    empty: bool = False


# --- YAML 1.2 core schema resolution ----------------------------------------------------

_CORE_TAG = "tag:yaml.org,2002:"
_CORE_TAGS = {_CORE_TAG + t for t in ("str", "int", "float", "bool", "null", "map", "seq")}
_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_INT = re.compile(r"[-+]?[0-9]+\Z")
_INT_OCT = re.compile(r"0o[0-7]+\Z")
_INT_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_INF = re.compile(r"[-+]?\.(inf|Inf|INF)\Z")
_NAN = re.compile(r"\.(nan|NaN|NAN)\Z")
# Plain scalars that YAML 1.1 (PyYAML, many CI tools) resolves to something else.
_YAML11_BOOLS = {
    w for base in ("yes", "no", "on", "off", "y", "n") for w in (base, base.capitalize(), base.upper())
}
_YAML11_SEXAGESIMAL = re.compile(r"[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?\Z")
_YAML11_OCTAL = re.compile(r"[-+]?0[0-7_]+\Z")
_YAML11_UNDERSCORE_NUMBER = re.compile(r"[-+]?[0-9][0-9_]*_[0-9_]*(\.[0-9_]*)?\Z")

#: First characters of plain scalars that ``resolve_plain`` may turn into something other than text.
_RESOLVABLE_FIRST = frozenset("0123456789+-.~nNtTfF")
#: First characters of plain scalars that ``yaml11_reading`` may read as a YAML 1.1 number.
_YAML11_NUMBER_FIRST = frozenset("+-0123456789")

_DANGEROUS_CHARS = re.compile("[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")


#: Integers longer than this are refused: no reliability figure needs them, and Python will
#: not convert (or print) integers of thousands of digits.
MAX_INTEGER_CHARS = 100


def resolve_plain(text: str) -> Any:
    """Resolve a plain scalar by the YAML 1.2 core schema.

    Raises ValueError for an integer longer than ``MAX_INTEGER_CHARS`` characters.
    """
    if not text or text[0] in "0123456789+-.~nNtTfF":
        if len(text) > MAX_INTEGER_CHARS and (_INT.match(text) or _INT_OCT.match(text) or _INT_HEX.match(text)):
            raise ValueError(f"an integer of {len(text)} characters is too long (at most {MAX_INTEGER_CHARS})")
        if text in _NULLS:
            return None
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        if _INT.match(text):
            return int(text)
        if _INT_OCT.match(text):
            return int(text[2:], 8)
        if _INT_HEX.match(text):
            return int(text[2:], 16)
        if _FLOAT.match(text):
            return float(text)
        if _INF.match(text):
            return -math.inf if text[0] == "-" else math.inf
        if _NAN.match(text):
            return math.nan
    return text


def yaml11_reading(text: str) -> str | None:
    """How a YAML 1.1 reader would take this plain scalar, when that differs from 1.2."""
    if text in _YAML11_BOOLS:
        return "a boolean"
    if _YAML11_SEXAGESIMAL.match(text):
        return "a base-60 number"
    if _YAML11_OCTAL.match(text) and text.lstrip("+-") != "0":
        return "an octal number"
    if _YAML11_UNDERSCORE_NUMBER.match(text):
        return "a number"
    return None


def _explicit(tag: str, text: str) -> Any:
    """Resolve a scalar that carries an explicit core tag (``!!str 10``)."""
    kind = tag[len(_CORE_TAG):]
    if kind == "str":
        return text
    value = resolve_plain(text)
    kinds: dict[str, type | tuple[type, ...]] = {"int": int, "float": (int, float), "bool": bool, "null": type(None)}
    expected = kinds[kind]
    if isinstance(value, bool) and kind != "bool":
        raise ValueError(f"!!{kind} cannot hold {text!r}")
    if not isinstance(value, expected):
        raise ValueError(f"!!{kind} cannot hold {text!r}")
    return float(value) if kind == "float" else value  # type: ignore[arg-type]  # an int or float: checked just above


# --- the parser -----------------------------------------------------------------------------


class _Abort(Exception):
    """Stop parsing this file: the finding has been recorded."""


class _Frame:
    __slots__ = ("container", "path", "pending_key", "key_mark", "is_map", "anchor", "weight")

    def __init__(self, container: Any, path: Path, is_map: bool, anchor: str | None) -> None:
        self.container = container
        self.path = path
        self.pending_key: Any = _NO_KEY
        self.key_mark: tuple[int, int] = (0, 0)
        self.is_map = is_map
        self.anchor = anchor
        self.weight = 1


_NO_KEY = object()

#: Strings this short (keys, names, states, severities) are interned: a repo repeats a few thousand of them
#: hundreds of thousands of times, and marshal keeps the interning when documents are packed for the parse
#: cache, so every copy loaded back is the one shared string (at 1,000 services: 630,000 keys, 1,328 distinct).
_SHARED_TEXT = 48
_intern = sys.intern


class _Document:
    """The state of one document being built: the value so far, where each part came from, anchors.

    One handler per kind of event; ``place`` attaches every finished value (scalar,
    collection or alias) to its parent, and ``_take_key`` is the one place that checks for
    duplicate keys, whichever way a key is written.
    """

    __slots__ = ("builder", "index", "marks", "surprises", "plain", "anchors", "alias_budget", "stack", "root")

    def __init__(self, builder: _Builder, index: int) -> None:
        self.builder = builder
        self.index = index
        self.marks: dict[Path, Mark] = {}
        self.surprises: dict[Path, str] = {}
        self.plain: set[Path] = set()
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.alias_budget = builder.limits.max_alias_nodes
        self.stack: list[_Frame] = []
        self.root: Any = None

    def place(self, value: Any, line: int, column: int, weight: int) -> Path | None:
        """Attach a finished value to its parent; return its path (None when it is a key)."""
        stack = self.stack
        if not stack:
            self.root = value
            self.marks[()] = (line, column, line, column)
            return ()
        top = stack[-1]
        top.weight += weight
        if not top.is_map:
            path = top.path + (len(top.container),)
            top.container.append(value)
            self.marks[path] = (line, column, line, column)
            return path
        key = top.pending_key
        if key is _NO_KEY:
            _take_key(top, value, line, column)
            return None
        path = top.path + (key,)
        top.container[key] = value
        self.marks[path] = (line, column, top.key_mark[0], top.key_mark[1])
        top.pending_key = _NO_KEY
        return path

    def scalar(self, event: Any) -> None:
        text = event.value
        tag = event.tag
        mark = event.start_mark
        if tag is None and event.implicit[0] and text and text[0] not in _RESOLVABLE_FIRST:
            value: Any = text  # plain text that resolve_plain would keep as text: the common case
            is_plain = True
        else:
            value, is_plain = _scalar_value(tag, text, event.implicit[0], mark.line + 1, mark.column + 1)
        if isinstance(value, str):
            if self.builder.scan_values:
                self.builder._check_characters(value, mark)
            if len(value) <= _SHARED_TEXT:
                value = _intern(value)
        stack = self.stack
        top = stack[-1] if stack else None
        if top is not None and top.is_map and top.pending_key is not _NO_KEY:
            # The most common event of all, a scalar value in a mapping: place() inlined.
            top.weight += 1
            key_path: Path = top.path + (top.pending_key,)
            top.container[top.pending_key] = value
            self.marks[key_path] = (mark.line + 1, mark.column + 1, top.key_mark[0], top.key_mark[1])
            path: Path | None = key_path
            top.pending_key = _NO_KEY
        elif top is not None and top.is_map:
            top.weight += 1
            _take_key(top, value, mark.line + 1, mark.column + 1)
            path = None
        else:
            path = self.place(value, mark.line + 1, mark.column + 1, 1)
        if is_plain and path is not None:
            self.plain.add(path)
            if (text in _YAML11_BOOLS or text[:1] in _YAML11_NUMBER_FIRST) and (
                isinstance(value, str) or isinstance(value, int) and not isinstance(value, bool)
            ):
                reading = yaml11_reading(text)
                if reading is not None:
                    self.surprises[path] = reading
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, 1)

    def start_collection(self, event: Any) -> None:
        mark = event.start_mark
        line, column = mark.line + 1, mark.column + 1
        if event.tag is not None and event.tag not in ("!", _CORE_TAG + "map", _CORE_TAG + "seq"):
            raise _Unsupported("YAML003", line, column, _tag_message(event.tag))
        max_depth = self.builder.limits.max_depth
        if len(self.stack) >= max_depth:
            self.builder.finding("YAML005", line, column, f"nesting deeper than {max_depth} levels; flatten the document")
            raise _Abort
        is_map = event.__class__ is ev.MappingStartEvent
        container: Any = {} if is_map else []
        path = self.place(container, line, column, 0)
        self.stack.append(_Frame(container, path if path is not None else (), is_map, event.anchor))

    def end_collection(self, event: Any) -> None:
        frame = self.stack.pop()
        if self.stack:
            self.stack[-1].weight += frame.weight
        if frame.anchor is not None:
            self.anchors[frame.anchor] = (frame.container, frame.weight)

    def alias(self, event: Any) -> None:
        mark = event.start_mark
        line, column = mark.line + 1, mark.column + 1
        target = self.anchors.get(event.anchor)
        if target is None:  # pragma: no cover - libyaml rejects unknown aliases first
            raise _Unsupported("YAML004", line, column, f"unknown alias *{event.anchor}")
        value, weight = target
        self.alias_budget -= weight
        if self.alias_budget < 0:
            raise _Unsupported(
                "YAML004", line, column,
                f"aliases expand to more than {self.builder.limits.max_alias_nodes} nodes; "
                "write the values out instead of nesting aliases",
            )
        self.place(value, line, column, weight)


def _take_key(top: _Frame, key: Any, line: int, column: int) -> None:
    """Make ``key`` the pending key of mapping ``top``: the one check for complex and duplicate keys."""
    if isinstance(key, (dict, list)):
        raise _Unsupported("YAML012", line, column, "mapping keys must be plain scalars, not collections")
    if key in top.container:
        raise _Duplicate(line, column, key, top.path)
    top.pending_key = key
    top.key_mark = (line, column)


def _scalar_value(tag: str | None, text: str, implicit: bool, line: int, column: int) -> tuple[Any, bool]:
    """(value, written plain?) of a scalar, by YAML 1.2 core rules; unsupported tags raise."""
    if tag is not None and tag != "!":
        if tag not in _CORE_TAGS or tag in (_CORE_TAG + "map", _CORE_TAG + "seq"):
            raise _Unsupported("YAML003", line, column, _tag_message(tag))
        try:
            return _explicit(tag, text), False
        except ValueError as exc:
            raise _Unsupported("YAML003", line, column, str(exc)) from None
    if tag is None and implicit:
        if text and text[0] not in _RESOLVABLE_FIRST:
            return text, True  # resolve_plain keeps these as text; skip the call
        try:
            return resolve_plain(text), True
        except ValueError as exc:
            raise _Unsupported("YAML011", line, column, str(exc)) from None
    return text, False


class _Builder:
    """Turns one file's event stream into ParsedDocuments, recording findings as it goes."""

    def __init__(self, path: str, limits: Limits) -> None:
        self.path = path
        self.limits = limits
        self.findings: list[Finding] = []
        self.documents: list[ParsedDocument] = []
        self.scan_values = True

    def finding(self, code: str, line: int, column: int, message: str, severity: Severity = Severity.ERROR) -> None:
        self.findings.append(Finding(code, severity, self.path, line, column, message))

    def run(self, text: str, parser_class: Any = None) -> None:
        """Builds every document of ``text``, recording findings; never raises for bad YAML.

        libyaml 0.2.6 and newer stop at 1,000 nesting levels on their own. Their scanner reads
        far enough ahead in a long flow collection (``[[[[…``) to hit that cap before our
        64-level check has seen a single event, which would make the finding depend on the
        libyaml version. When libyaml reports its cap, the text is read again with PyYAML's
        pure-Python parser, which streams the same events without a cap, so the depth
        finding is always ours: YAML005 at the first level past ``max_depth``.
        """
        # Scalars can only hold a dangerous character that is in the text itself or comes
        # from a backslash escape; most files have neither, and then no value needs a scan.
        self.scan_values = "\\" in text or _DANGEROUS_CHARS.search(text) is not None
        parser_class = parser_class or _Parser
        parser = parser_class(text)
        # libyaml also ends lines at NEL, LS and PS (YAML 1.1); editors, GitHub and YAML 1.2 do not,
        # so positions in a text holding one are recounted from the character offset.
        lines = _EditorLines(text) if _ODD_BREAKS.search(text) else None
        get_event = parser.get_event if lines is None else lines.events(parser.get_event)
        try:
            self._documents(get_event)
        except _Abort:
            pass
        except yaml.MarkedYAMLError as exc:
            if _LIBYAML_DEPTH_CAP in (exc.problem or "") and parser_class is not yaml.SafeLoader:
                self.findings.clear()
                self.documents.clear()
                self.run(text, yaml.SafeLoader)
                return
            mark = exc.problem_mark or exc.context_mark
            # From the offset: libyaml puts an error at the end of the stream on a line of its own,
            # one past the file's last line when the file does not end with a line break.
            line, column = _line_column(text, min(mark.index, len(text))) if mark else (1, 1)
            problem = exc.problem or "invalid YAML"
            context = f" ({exc.context})" if exc.context else ""
            self.finding("YAML001", line, column, f"syntax error: {problem}{context}")
        except yaml.reader.ReaderError as exc:  # non-printable characters in the stream
            index = exc.position
            if parser_class is not yaml.SafeLoader:  # libyaml gives a byte offset into the UTF-8 text
                index = len(text.encode("utf-8")[:index].decode("utf-8", errors="ignore"))
            line, column = _line_column(text, index)
            self.finding("YAML001", line, column, f"syntax error: {exc.reason} (character {exc.character!r})")
        except yaml.YAMLError as exc:
            self.finding("YAML001", 1, 1, f"syntax error: {exc}")
        finally:
            dispose = getattr(parser, "dispose", None)
            if dispose:
                dispose()

    def _documents(self, get_event: Any) -> None:
        index = 0
        while True:
            event = get_event()
            cls = event.__class__
            if cls is ev.StreamEndEvent:
                return
            if cls is ev.DocumentStartEvent:
                if event.version is not None or event.tags:
                    mark = event.start_mark
                    which = "%YAML" if event.version is not None else "%TAG"
                    self.finding(
                        "YAML008", mark.line + 1, mark.column + 1,
                        f"{which} directives are not supported: sre-docs reads every file as YAML 1.2; remove the directive",
                    )
                doc = self._document(get_event, index)
                if doc is not None:
                    self.documents.append(doc)
                index += 1

    def _document(self, get_event: Any, index: int) -> ParsedDocument | None:
        """Build one document from its events; None when it cannot be read at all.

        A duplicate key is reported and its value skipped, and the document still loads (the
        first value wins); an unsupported construct (tag, alias bomb, complex key, huge
        number) is reported and the rest of the document skipped. Nesting past the limit
        stops the file.
        """
        document = _Document(self, index)
        scalar, start, end, alias = document.scalar, document.start_collection, document.end_collection, document.alias
        broken = False
        while True:
            event = get_event()
            cls = event.__class__
            try:
                if cls is ev.ScalarEvent:
                    scalar(event)
                elif cls is ev.MappingStartEvent or cls is ev.SequenceStartEvent:
                    start(event)
                elif cls is ev.MappingEndEvent or cls is ev.SequenceEndEvent:
                    end(event)
                elif cls is ev.AliasEvent:
                    alias(event)
                elif cls is ev.DocumentEndEvent:
                    break
            except _Duplicate as dup:
                broken = True
                self.finding(
                    "YAML002", dup.line, dup.column,
                    f"duplicate key {dup.key!r}{_where(dup.parent)}; each key may appear once in a mapping",
                )
                _skip_value(get_event, document.stack)
            except _Unsupported as bad:
                self.finding(bad.code, bad.line, bad.column, bad.message)
                _skip_document(get_event)
                return None
        if broken and document.root is None:
            return None
        return ParsedDocument(document.root, document.marks, index, document.surprises, document.plain)

    def _check_characters(self, value: str, mark: Any) -> None:
        found = _DANGEROUS_CHARS.search(value)
        if found:
            char = found.group()
            kind = "bidirectional control" if char > "\u007f" else "control"
            self.finding(
                "YAML010", mark.line + 1, mark.column + 1,
                f"{kind} character U+{ord(char):04X} in a value; it can hide what the text really says",
            )


class _Unsupported(Exception):
    def __init__(self, code: str, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.code, self.line, self.column, self.message = code, line, column, message


class _Duplicate(Exception):
    def __init__(self, line: int, column: int, key: Any, parent: Path) -> None:
        super().__init__(key)
        self.line, self.column, self.key, self.parent = line, column, key, parent


def _where(path: Path) -> str:
    return f" in {'.'.join(str(p) for p in path)}" if path else ""


def _tag_message(tag: str) -> str:
    return (
        f"tag {tag.replace(_CORE_TAG, '!!')!r} is not allowed: only the YAML core schema's plain values, sequences and "
        "mappings are read (tags like !!python/object could run code in other tools)"
    )


def _skip_value(get_event: Any, stack: list[_Frame]) -> None:
    """Skip the value of a duplicate key, leaving the builder's stack consistent."""
    depth = 0
    while True:
        event = get_event()
        cls = event.__class__
        if cls is ev.MappingStartEvent or cls is ev.SequenceStartEvent:
            depth += 1
        elif cls is ev.MappingEndEvent or cls is ev.SequenceEndEvent:
            depth -= 1
        if depth == 0:
            break
    stack[-1].pending_key = _NO_KEY


def _skip_document(get_event: Any) -> None:
    while get_event().__class__ is not ev.DocumentEndEvent:
        pass


#: Line breaks as editors count them (and YAML 1.2): CRLF, LF, and a lone CR.
_BREAKS = re.compile(r"\r\n|\r|\n")
_BYTE_BREAKS = re.compile(rb"\r\n|\r|\n")
#: What libyaml also counts as line breaks, following YAML 1.1.
_ODD_BREAKS = re.compile("[\x85\u2028\u2029]")


def _line_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of character ``index``, with lines as editors count them."""
    starts = [m.end() for m in _BREAKS.finditer(text, 0, index)]
    return len(starts) + 1, index - (starts[-1] if starts else 0) + 1


class _EditorLines:
    """Rewrites libyaml's marks (0-based) to editor lines, from their character offsets."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in _BREAKS.finditer(text)]

    def fix(self, mark: Any) -> Any:
        """A mark like ``mark`` (libyaml's own cannot be changed) with editor line and column."""
        line = bisect.bisect_right(self.starts, mark.index) - 1
        # No buffer, as libyaml's own marks: PyYAML then never reads the pointer.
        return yaml.Mark(mark.name, mark.index, line, mark.index - self.starts[line], None, 0)

    def events(self, get_event: Any) -> Any:
        def get_fixed_event() -> Any:
            event = get_event()
            event.start_mark = self.fix(event.start_mark)
            return event

        return get_fixed_event


_WIDE_BOMS = (
    (b"\x00\x00\xfe\xff", "UTF-32"), (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\xfe\xff", "UTF-16"), (b"\xff\xfe", "UTF-16"),
)


def decode(data: bytes, path: str) -> tuple[str | None, Finding | None]:
    """Decode UTF-8 (a BOM is allowed); anything else is a finding with its line.

    The column counts characters, as editors do, not bytes.
    """
    for bom, encoding in _WIDE_BOMS:
        if data.startswith(bom):
            return None, Finding(
                "YAML007", Severity.ERROR, path, 1, 1,
                f"the file is {encoding} (it starts with a {encoding} byte order mark); save it as UTF-8",
            )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        breaks = list(_BYTE_BREAKS.finditer(data, 0, exc.start))
        line_start = breaks[-1].end() if breaks else 0
        line = len(breaks) + 1
        column = len(data[line_start:exc.start].decode("utf-8", errors="replace")) + 1
        if line == 1 and data.startswith(b"\xef\xbb\xbf"):
            column -= 1  # the UTF-8 byte order mark is not a column
        return None, Finding(
            "YAML007", Severity.ERROR, path, line, column,
            f"not UTF-8: byte 0x{data[exc.start]:02x} cannot be decoded; save the file as UTF-8",
        )
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, None


def parse_bytes(data: bytes, path: str, limits: Limits = DEFAULT_LIMITS) -> ParseResult:
    """Parse one file's bytes; never raises for bad input, only returns findings."""
    if len(data) > limits.max_file_bytes:
        return ParseResult([], [Finding(
            "YAML006", Severity.ERROR, path, 1, 1,
            f"file is {len(data)} bytes, over the {limits.max_file_bytes}-byte limit; split it into smaller files",
        )])
    text, problem = decode(data, path)
    if text is None:  # decode() gives a problem exactly when it gives no text
        return ParseResult([], [problem] if problem is not None else [])
    return parse_text(text, path, limits)


def parse_text(text: str, path: str, limits: Limits = DEFAULT_LIMITS) -> ParseResult:
    builder = _Builder(path, limits)
    builder.run(text)
    empty = not builder.documents and not builder.findings and not text.strip(" \t\r\n")
    if not empty and not builder.findings and all(d.value is None for d in builder.documents):
        empty = True
    return ParseResult(builder.documents, builder.findings, empty)
