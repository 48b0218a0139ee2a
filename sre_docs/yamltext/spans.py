"""Where things are in a YAML file's text: a node tree with character offsets.

Built from the event stream of libyaml (PyYAML's ``CSafeLoader``), whose marks count
characters of the text without its byte-order mark (a CRLF counts two). The editor in
:mod:`sre_docs.yamltext.edit` uses it to find the span of a value, the end of a mapping's last
entry, the column of a list's dashes and the indentation a file uses, so that new text
can be spliced in without touching anything else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml import events as ev

from sre_docs.yamltext.parse import resolve_plain

Path = tuple[Any, ...]


class EditError(Exception):
    """An edit that cannot be made safely; the message says why. Nothing was written."""


_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# --- the node tree, with character offsets ---------------------------------------------------


@dataclass(eq=False)
class Node:
    """One node of a YAML document with its span in the text."""

    kind: str  # "scalar", "alias", "map" or "seq"
    start: int
    end: int
    flow: bool = False
    style: str | None = None  # scalar style: "" or None (plain), "'", '"', "|", ">"
    text: str = ""
    anchored: bool = False
    pairs: list[tuple[Node, Node]] = field(default_factory=list)  # map entries
    items: list[Node] = field(default_factory=list)  # seq items

    @property
    def is_null(self) -> bool:
        return self.kind == "scalar" and not self.style and resolve_plain(self.text) is None

    def key_value(self) -> Any:
        """The value of a scalar used as a mapping key (resolved like the parser does)."""
        return resolve_plain(self.text) if not self.style else self.text


@dataclass(eq=False)
class DocumentSpan:
    root: Node | None
    start: int
    end: int


def build_tree(text: str) -> list[DocumentSpan]:
    """The documents of ``text`` as node trees with offsets; raises EditError on bad YAML."""
    documents: list[DocumentSpan] = []
    stack: list[Node] = []
    pending_key: list[Node | None] = []
    root: Node | None = None
    doc_start = 0
    parser = _Parser(text)
    try:
        while True:
            event = parser.get_event()
            cls = event.__class__
            if cls is ev.StreamEndEvent:
                break
            if cls is ev.DocumentStartEvent:
                root, doc_start = None, event.start_mark.index
                continue
            if cls is ev.DocumentEndEvent:
                documents.append(DocumentSpan(root, doc_start, event.end_mark.index))
                continue
            if cls in (ev.MappingEndEvent, ev.SequenceEndEvent):
                closed = stack.pop()
                pending_key.pop()
                closed.end = event.end_mark.index
                continue
            node: Node
            if cls is ev.ScalarEvent:
                node = Node("scalar", event.start_mark.index, event.end_mark.index, style=event.style,
                            text=event.value, anchored=event.anchor is not None)
            elif cls is ev.AliasEvent:
                node = Node("alias", event.start_mark.index, event.end_mark.index)
            elif cls in (ev.MappingStartEvent, ev.SequenceStartEvent):
                node = Node("map" if cls is ev.MappingStartEvent else "seq", event.start_mark.index,
                            event.end_mark.index, flow=bool(event.flow_style), anchored=event.anchor is not None)
            else:  # StreamStart
                continue
            if not stack:
                root = node
            else:
                parent = stack[-1]
                if parent.kind == "seq":
                    parent.items.append(node)
                elif pending_key[-1] is None:
                    pending_key[-1] = node
                else:
                    parent.pairs.append((pending_key[-1], node))
                    pending_key[-1] = None
            if node.kind in ("map", "seq"):
                stack.append(node)
                pending_key.append(None)
    except yaml.YAMLError as exc:
        raise EditError(f"the file is not valid YAML ({exc}); fix it before editing") from None
    finally:
        dispose = getattr(parser, "dispose", None)
        if dispose:
            dispose()
    return documents


def find(root: Node, path: Path) -> Node | None:
    """The node at ``path`` (mapping keys and sequence indexes), or None."""
    node: Node | None = root
    for part in path:
        if node is None:
            return None
        if node.kind == "map" and not isinstance(part, int):
            node = next((value for key, value in node.pairs if key.kind == "scalar" and key.key_value() == part), None)
        elif node.kind == "seq" and isinstance(part, int) and 0 <= part < len(node.items):
            node = node.items[part]
        else:
            return None
    return node


def key_node(root: Node, path: Path) -> Node | None:
    parent = find(root, path[:-1])
    if parent is None or parent.kind != "map":
        return None
    return next((key for key, _ in parent.pairs if key.kind == "scalar" and key.key_value() == path[-1]), None)


# --- indentation ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Layout:
    """How a file indents: mapping step, and where dashes and item contents sit below a key."""

    mapping: int = 2
    offset: int = 2  # dash column relative to the parent key
    sequence: int = 4  # item content column relative to the parent key


DEFAULT_LAYOUT = Layout()


def column_of(text: str, index: int) -> int:
    return index - (text.rfind("\n", 0, index) + 1)


def detect_layout(text: str, root: Node | None) -> Layout:
    """The indentation style of a document, from its first nested mapping and block sequence."""
    mapping: int | None = None
    seq: tuple[int, int] | None = None

    def walk(node: Node) -> None:
        nonlocal mapping, seq
        if node.kind == "map" and not node.flow:
            for key, value in node.pairs:
                if value.kind == "map" and not value.flow and value.pairs and mapping is None:
                    step = column_of(text, value.pairs[0][0].start) - column_of(text, key.start)
                    if step > 0:
                        mapping = step
                if value.kind == "seq" and not value.flow and value.items and seq is None:
                    key_col = column_of(text, key.start)
                    dash_col = column_of(text, value.start)
                    first = value.items[0]
                    same_line = text.count("\n", value.start, first.start) == 0
                    gap = first.start - value.start if same_line else 2
                    seq = (dash_col - key_col, dash_col - key_col + gap)
                walk(value)
        elif node.kind == "seq":
            for item in node.items:
                walk(item)

    if root is not None:
        walk(root)
    mapping = mapping or 2
    if seq is None:
        seq = (mapping, mapping + 2)
    offset, sequence = seq
    if offset < 0 or sequence < offset + 2:
        offset, sequence = mapping, mapping + 2
    return Layout(mapping, offset, sequence)


# --- where things end ----------------------------------------------------------------------------


def content_end(text: str, node: Node) -> int:
    """Offset just past a node's own text (block collections: past their last item)."""
    if node.kind in ("map", "seq") and not node.flow:
        last = node.pairs[-1][1] if node.kind == "map" and node.pairs else (node.items[-1] if node.items else None)
        return content_end(text, last) if last is not None else node.start
    return node.end


def line_after(text: str, node: Node) -> int:
    """Offset of the start of the line after a node's content (insertion point for a sibling)."""
    end = content_end(text, node)
    if node.kind == "scalar" and node.style in ("|", ">") and end > 0 and text[end - 1] == "\n":
        return end
    last_leaf = node
    while last_leaf.kind in ("map", "seq") and not last_leaf.flow:
        last_leaf = last_leaf.pairs[-1][1] if last_leaf.kind == "map" else last_leaf.items[-1]
    if last_leaf.kind == "scalar" and last_leaf.style in ("|", ">") and end > 0 and text[end - 1] == "\n":
        return end
    newline = text.find("\n", end)
    return len(text) if newline < 0 else newline + 1
