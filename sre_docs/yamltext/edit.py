"""Surgical edits of YAML files people wrote by hand.

A workflow that records "incident mitigated at 14:32" must change that one value and
leave every comment, blank line, key order, quoting choice and line ending of the rest
of the file exactly as it was, so the pull request shows a one-line diff. Round-tripping
the whole file through a YAML library cannot promise that (it re-flows, re-quotes and
re-indents), so edits here are text splices:

* the spot is found from the YAML event stream of that one file (libyaml through
  PyYAML's ``CSafeLoader``: every event carries start and end character offsets);
* the new fragment is emitted by ruamel.yaml, so its quoting is right, and indented to
  sit where it goes (the siblings' indentation and dash style);
* the result is parsed again with :mod:`sre_docs.yamltext.parse` and must hold exactly the
  intended data (the old data with the one change applied in Python), or the edit is
  refused and nothing is written.

Offsets from libyaml count characters (code points) of the text without a byte-order
mark; a CRLF counts as two, so splices work on CRLF files unchanged and new fragments
take the file's line ending.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Iterable
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from sre_docs.yamltext.parse import parse_text, resolve_plain, yaml11_reading
from sre_docs.yamltext.spans import (
    DEFAULT_LAYOUT, EditError, Layout, Node, Path, build_tree, column_of, content_end, detect_layout, find, key_node,
    line_after,
)

__all__ = ["DEFAULT_LAYOUT", "EditError", "Layout", "YamlEditor", "dump", "prepare"]

# --- emitting fragments ------------------------------------------------------------------------


def _needs_quotes(text: str) -> bool:
    """Strings a YAML 1.1 reader, or sre-docs' own YAML 1.2 reader, would take for something else."""
    return yaml11_reading(text) is not None or resolve_plain(text) is not text or not isinstance(resolve_plain(text), str)


def prepare(value: Any) -> Any:
    """Plain data -> ruamel objects that emit with the quoting sre-docs reads back unchanged."""
    if isinstance(value, CommentedMap):
        for key in list(value):
            value[key] = prepare(value[key])
        return value
    if isinstance(value, CommentedSeq):
        for index, item in enumerate(value):
            value[index] = prepare(item)
        return value
    if isinstance(value, dict):
        return CommentedMap((key, prepare(item)) for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return CommentedSeq(prepare(item) for item in value)
    if isinstance(value, str) and not isinstance(value, (LiteralScalarString, DoubleQuotedScalarString)):
        # A block keeps characters as they are, so one that a reader refuses raw (ESC, say) needs quotes and an escape.
        printable = all(char in "\n\t" or char.isprintable() for char in value)
        if printable and "\n" in value.rstrip("\n") and not any(line != line.rstrip() for line in value.split("\n")):
            return LiteralScalarString(value)
        if "\n" in value or not printable or _needs_quotes(value):
            return DoubleQuotedScalarString(value)
    return value


def emitter(layout: Layout, *, flow: bool = False) -> YAML:
    yaml_out = YAML(typ="rt")
    yaml_out.width = 1 << 20
    yaml_out.indent(mapping=layout.mapping, sequence=layout.sequence, offset=layout.offset)
    if flow:
        yaml_out.default_flow_style = True
    return yaml_out


def dump(value: Any, layout: Layout = DEFAULT_LAYOUT, *, flow: bool = False) -> str:
    """Emit ``value`` as YAML text with ``layout`` (LF line endings)."""
    stream = io.StringIO()
    emitter(layout, flow=flow).dump(prepare(copy.deepcopy(value)), stream)
    return stream.getvalue()


def _dedent(lines: list[str]) -> list[str]:
    indents = [len(line) - len(line.lstrip(" ")) for line in lines if line.strip()]
    cut = min(indents) if indents else 0
    return [line[cut:] for line in lines]


def _indent(lines: list[str], column: int, *, skip_first: bool = False) -> list[str]:
    out = []
    for index, line in enumerate(lines):
        if (skip_first and index == 0) or not line.strip():
            out.append(line if line.strip() else "")
        else:
            out.append(" " * column + line)
    return out


def _fragment_lines(value: Any, layout: Layout) -> list[str]:
    text = dump(value, layout)
    if text.endswith("...\n"):
        text = text[: -len("...\n")]
    return _dedent(text.rstrip("\n").split("\n"))


def _flow_text(value: Any) -> str:
    text = dump(value, flow=True).strip()
    if text.endswith("..."):
        text = text[:-3].strip()
    if "\n" in text:
        raise EditError("cannot fit a multi-line value into a flow collection")
    return text


# --- the editor ------------------------------------------------------------------------------------


def _same(a: Any, b: Any) -> bool:
    """Deep equality that tells 1, 1.0 and True apart, and finds a ``.nan`` equal to itself
    (else any file holding one would refuse every edit)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and a != a:
        return b != b
    return a == b


def _plain(value: Any) -> Any:
    """Plain Python data as sre-docs' parser would return it (tuples become lists)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


class YamlEditor:
    """Edits of one file's text; each edit is verified by parsing the result again.

    ``data`` is the file's bytes. ``result()`` gives the new bytes (BOM and line endings
    kept). Edits address documents by index and values by path from the document's root
    (which starts with the kind: ``("incident", "timestamps", "mitigated")``).
    """

    def __init__(self, data: bytes, path: str = "<file>") -> None:
        self.path = path
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise EditError(f"{path}: not UTF-8 ({exc.reason}); cannot edit it safely") from None
        self.bom = text.startswith("\ufeff")
        self.text = text[1:] if self.bom else text
        crlf = self.text.count("\r\n")
        self.newline = "\r\n" if crlf and crlf * 2 >= self.text.count("\n") else "\n"
        parsed = parse_text(self.text, path)
        if parsed.findings:
            first = parsed.findings[0]
            raise EditError(f"{path}:{first.line}:{first.column}: {first.message}; fix it before editing")
        self.expected = [doc.value for doc in parsed.documents]
        self._original = self.text

    @property
    def changed(self) -> bool:
        return self.text != self._original

    def result(self) -> bytes:
        return (("\ufeff" if self.bom else "") + self.text).encode("utf-8")

    # -- helpers ------------------------------------------------------------------------------

    def _tree(self, doc: int) -> tuple[Node, Layout]:
        documents = [d for d in build_tree(self.text)]
        if not 0 <= doc < len(documents) or documents[doc].root is None:
            raise EditError(f"{self.path}: there is no document {doc + 1}")
        root = documents[doc].root
        assert root is not None
        return root, detect_layout(self.text, root)

    def _node(self, root: Node, path: Path) -> Node:
        node = find(root, path)
        if node is None:
            raise EditError(f"{self.path}: no value at {_dotted(path)}")
        return node

    def _lines(self, lines: list[str]) -> str:
        return self.newline.join(lines) + self.newline

    def _commit(self, new_text: str, expected: list[Any], what: str) -> None:
        parsed = parse_text(new_text, self.path)
        values = [doc.value for doc in parsed.documents]
        if parsed.findings or not _same(values, expected):
            problem = parsed.findings[0].message if parsed.findings else "the result does not hold the intended data"
            raise EditError(f"{self.path}: cannot {what} safely: {problem}; nothing was written")
        self.text = new_text
        self.expected = expected

    def _expected_with(self, doc: int, path: Path, change) -> list[Any]:
        expected = copy.deepcopy(self.expected)
        target = expected[doc]
        for part in path:
            target = target[part]
        change(target)
        return expected

    @staticmethod
    def _check_path(node: Node, what: str, path: Path) -> None:
        if node.anchored:
            raise EditError(f"{_dotted(path)} carries an anchor that other values may alias; {what} it by hand")

    # -- operations ------------------------------------------------------------------------------

    def set(self, path: Path, value: Any, *, doc: int = 0, flow_text: str | None = None) -> None:
        """Replace the scalar (or flow collection, or empty value) at ``path`` with ``value``.

        ``flow_text`` is the caller's own one-line rendering of a list or mapping value (a
        measurement row keeps the ``[2026-11-02, 5, 6]`` look of its neighbours, where the
        emitter would quote the date); it is verified like every edit.
        """
        if not path:
            raise EditError("cannot replace a whole document this way")
        value = _plain(value)
        root, layout = self._tree(doc)
        node = self._node(root, path)
        self._check_path(node, "change", path)
        current = self.expected[doc]
        for part in path[:-1]:
            current = current[part]
        if _same(current[path[-1]], value):
            return
        key = key_node(root, path)
        owner_column = column_of(self.text, key.start) if key is not None else column_of(self.text, node.start)
        text = self.text
        if node.kind in ("scalar", "alias") or node.flow:
            if isinstance(value, (dict, list)) and value and node.kind in ("scalar", "alias") and node.is_null:
                replacement = None
            elif isinstance(value, (dict, list)):
                replacement = flow_text if flow_text is not None else _flow_text(value)
            else:
                lines = _fragment_lines({"k": value}, layout)
                first = lines[0][len("k:"):].lstrip(" ")
                rest = _indent(lines[1:], owner_column)
                replacement = self.newline.join([first, *rest])
                if node.style in ("|", ">"):
                    # A block scalar's span starts at its indicator and takes the header line's
                    # comment and its line breaks with it: keep both.
                    header = text[node.start:text.find("\n", node.start) if "\n" in text[node.start:node.end] else node.end]
                    mark = header.find(" #")
                    if mark >= 0 and not rest:
                        replacement += "  " + header[mark:].strip().rstrip("\r")
                    if text[node.end - 1: node.end] == "\n":
                        replacement += self.newline
            if replacement is None:  # an empty value becomes a block collection below its key
                lines = _dedent(_fragment_lines({"k": value}, layout)[1:])
                column = owner_column + (layout.offset if isinstance(value, list) else layout.mapping)
                at = line_after(text, node)
                block = self._lines(_indent(lines, column))
                prefix = text[:node.start].rstrip(" ") if node.end > node.start else text[:node.start]
                lead = "" if at == 0 or text[at - 1] == "\n" else self.newline
                new = prefix + text[node.end:at] + lead + block + text[at:]
            else:
                prefix = text[:node.start]
                if not replacement.strip():
                    prefix = prefix.rstrip(" ")  # `key:` for an empty value, without a trailing space
                elif node.start == node.end:
                    replacement = " " + replacement
                new = prefix + replacement + text[node.end:]
        else:
            raise EditError(f"{_dotted(path)} is a block {'mapping' if node.kind == 'map' else 'list'}; edit its entries instead")

        def change(parent: Any) -> None:
            parent[path[-1]] = value

        self._commit(new, self._expected_with(doc, path[:-1], change), f"set {_dotted(path)}")

    def add(self, map_path: Path, key: str, value: Any, *, doc: int = 0) -> None:
        """Add ``key: value`` at the end of the mapping at ``map_path`` (the key must be new)."""
        value = _plain(value)
        root, layout = self._tree(doc)
        mapping = self._node(root, map_path)
        if mapping.kind != "map":
            if mapping.is_null:
                self.set(map_path, {key: value}, doc=doc)
                return
            raise EditError(f"{_dotted(map_path)} is not a mapping")
        self._check_path(mapping, "extend", map_path)
        if any(k.kind == "scalar" and k.key_value() == key for k, _ in mapping.pairs):
            raise EditError(f"{_dotted((*map_path, key))} already exists")
        text = self.text
        if mapping.flow:
            pair = _flow_text({key: value})[1:-1].strip()
            if mapping.pairs:
                at = content_end(text, mapping.pairs[-1][1])
                new = text[:at] + ", " + pair + text[at:]
            else:
                at = mapping.end - 1
                new = text[:at] + pair + text[at:]
        else:
            column = column_of(text, mapping.pairs[0][0].start)
            at = line_after(text, mapping.pairs[-1][1])
            lines = _indent(_fragment_lines({key: value}, layout), column)
            lead = "" if at == 0 or text[at - 1] == "\n" else self.newline
            new = text[:at] + lead + self._lines(lines) + text[at:]

        def change(parent: Any) -> None:
            parent[key] = value

        self._commit(new, self._expected_with(doc, map_path, change), f"add {_dotted((*map_path, key))}")

    def upsert(self, map_path: Path, key: str, value: Any, *, doc: int = 0) -> None:
        """Set ``key`` in the mapping at ``map_path``, adding it when absent (and the mapping too,
        when its key is missing from the mapping above it, as ``append`` creates a missing list)."""
        parent = current = self.expected[doc]
        for part in map_path:
            parent = current
            if isinstance(current, dict):
                current = current.get(part)
            elif isinstance(current, list) and isinstance(part, int) and -len(current) <= part < len(current):
                current = current[part]
            else:
                current = None
        if isinstance(current, dict) and key in current:
            self.set((*map_path, key), value, doc=doc)
        elif map_path and isinstance(parent, dict) and map_path[-1] not in parent:
            self.add(map_path[:-1], map_path[-1], {key: value}, doc=doc)
        else:
            self.add(map_path, key, value, doc=doc)

    def append(self, seq_path: Path, item: Any, *, doc: int = 0, flow_text: str | None = None) -> None:
        """Append ``item`` to the list at ``seq_path``; the key is created when absent.

        ``flow_text``, when given, is the item written as one line of flow YAML by the caller
        (see :meth:`set`); the result must still parse to exactly the intended data.
        """
        item = _plain(item)
        parent_value = self.expected[doc]
        for part in seq_path[:-1]:
            parent_value = parent_value[part]
        if not isinstance(parent_value, dict) or seq_path[-1] not in parent_value:
            self.add(seq_path[:-1], seq_path[-1], [item], doc=doc)
            return
        current = parent_value[seq_path[-1]]
        if current is None:
            self.set(seq_path, [item], doc=doc)
            return
        if not isinstance(current, list):
            raise EditError(f"{_dotted(seq_path)} is not a list")
        root, layout = self._tree(doc)
        seq = self._node(root, seq_path)
        self._check_path(seq, "extend", seq_path)
        text = self.text
        if flow_text is not None and "\n" in flow_text:
            raise EditError("flow_text must be one line")
        if seq.flow:
            entry = flow_text if flow_text is not None else _flow_text([item])[1:-1].strip()
            if seq.items:
                at = content_end(text, seq.items[-1])
                new = text[:at] + ", " + entry + text[at:]
            else:
                at = seq.end - 1
                new = text[:at] + entry + text[at:]
        else:
            dash_column = column_of(text, seq.start)
            first = seq.items[0]
            same_line = text.count("\n", seq.start, first.start) == 0
            gap = first.start - seq.start if same_line and first.start > seq.start else 2
            item_layout = Layout(layout.mapping, 0, max(gap, 2))
            if flow_text is not None:
                lines = _indent(["-" + " " * (max(gap, 2) - 1) + flow_text], dash_column)
            else:
                lines = _indent(_fragment_lines([item], item_layout), dash_column)
            at = line_after(text, seq.items[-1])
            lead = "" if at == 0 or text[at - 1] == "\n" else self.newline
            new = text[:at] + lead + self._lines(lines) + text[at:]

        def change(parent: Any) -> None:
            parent.append(item)

        self._commit(new, self._expected_with(doc, seq_path, change), f"append to {_dotted(seq_path)}")

    def append_document(self, rendered: str, value: Any) -> None:
        """Add a document (already rendered as YAML text) at the end of the file."""
        body = rendered.replace("\r\n", "\n").rstrip("\n").split("\n")
        if body and body[0].strip() == "---":
            body = body[1:]
        text = self.text
        lead = "" if not text or text.endswith("\n") else self.newline
        separator = "---" + self.newline if text.strip() else ""
        new = text + lead + separator + self._lines(body)
        expected = copy.deepcopy(self.expected) + [_plain(value)]
        self._commit(new, expected, "add a document")

    def replace_document(self, doc: int, rendered: str, value: Any) -> None:
        """Replace one whole document's content (from its first to its last character)."""
        documents = build_tree(self.text)
        if not 0 <= doc < len(documents) or documents[doc].root is None:
            raise EditError(f"{self.path}: there is no document {doc + 1}")
        root = documents[doc].root
        assert root is not None
        start = root.start - column_of(self.text, root.start)
        end = line_after(self.text, root)
        body = rendered.replace("\r\n", "\n").rstrip("\n").split("\n")
        # The comments above the old document stay; the new one's header would repeat them.
        while body and (body[0].strip() == "---" or body[0].lstrip().startswith("#")):
            body = body[1:]
        new = self.text[:start] + self._lines(body) + self.text[end:]
        expected = copy.deepcopy(self.expected)
        expected[doc] = _plain(value)
        self._commit(new, expected, f"replace document {doc + 1}")


def _dotted(path: Iterable[Any]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(document)"
