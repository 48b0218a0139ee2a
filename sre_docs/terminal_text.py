"""Text for a terminal, as pure functions: colour codes, aligned columns, tables, numbers, prose.

Nothing here looks at the environment or writes anywhere: whether colour is on is the
caller's decision (``sre_docs.cli.output.colour_enabled`` makes it from ``NO_COLOR`` and the
TTY), so the CLI and the scorecard's text format share one way to lay out a table.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

_CODES = {
    "bold": "1", "dim": "2", "red": "31", "green": "32", "yellow": "33", "blue": "34", "magenta": "35", "cyan": "36",
}
#: Colour of each state word the commands print.
STATE_COLOURS = {
    "healthy": "green", "pass": "green", "ok": "green", "meets": "green", "confirmed": "green",
    "warning": "yellow", "n/a": "dim", "unknown": "dim", "missing": "yellow",
    "critical": "red", "exhausted": "red", "fail": "red", "over": "red", "blocked": "red",
}


def paint(text: str, colour: str | None, *, enabled: bool) -> str:
    if not enabled or not colour or colour not in _CODES:
        return text
    return f"\033[{_CODES[colour]}m{text}\033[0m"


def state(text: str | None, *, enabled: bool) -> str:
    """A state word, coloured by what it means."""
    word = text if text is not None else "unknown"
    return paint(word, STATE_COLOURS.get(word), enabled=enabled)


def _width(text: str) -> int:
    """Display width: escape codes take none, wide characters two."""
    plain = _strip(text)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in plain)


def _strip(text: str) -> str:
    out, skipping = [], False
    for char in text:
        if char == "\033":
            skipping = True
        elif skipping and char == "m":
            skipping = False
        elif not skipping:
            out.append(char)
    return "".join(out)


def _cells(rows: Iterable[Sequence[Any]]) -> list[list[str]]:
    return [[("" if value is None else str(value)) for value in row] for row in rows]


def _widths(cells: list[list[str]]) -> list[int]:
    count = max((len(row) for row in cells), default=0)
    return [max((_width(row[i]) for row in cells if i < len(row)), default=0) for i in range(count)]


def _aligned(cells: list[list[str]], widths: list[int]) -> list[str]:
    return ["  ".join(v + " " * (widths[i] - _width(v)) for i, v in enumerate(row)).rstrip() for row in cells]


def columns(rows: Iterable[Sequence[Any]]) -> list[str]:
    """Rows aligned in columns two spaces apart, by display width (colour codes none, wide characters two)."""
    cells = _cells(rows)
    return _aligned(cells, _widths(cells))


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]], *, enabled: bool = False) -> str:
    """Columns aligned with two spaces between them under a rule; the header bold when colour is on."""
    cells = _cells([headers, *rows])
    widths = _widths(cells)
    head, *body = _aligned(cells, widths)
    return "\n".join([paint(head, "bold", enabled=enabled), "  ".join("-" * w for w in widths), *body])


def heading(text: str, *, enabled: bool) -> str:
    return paint(text, "bold", enabled=enabled)


def number(value: float | None, digits: int = 1, suffix: str = "") -> str:
    if value is None:
        return "—"
    text = f"{value:,.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text + suffix


# --- prose: documentation written for the site (Markdown) or in docstrings (reST), for a terminal ----------

_FENCE = re.compile(r"^(\s*)(```|~~~)")
_HTML_CODE = re.compile(r"<code>(.*?)</code>", re.DOTALL)
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_REST_LITERAL = re.compile(r"``(.+?)``")
_REST_ROLE = re.compile(r":[a-z]+:`~?([^`]+)`")
_LINK = re.compile(r"\[([^\]\n]+)\]\(([^)\s]+)\)")
_STRONG = re.compile(r"\*\*(.+?)\*\*")
_HEADING = re.compile(r"^#{1,6} +(.*?)\s*#*$")


def prose(source: str, *, enabled: bool = False) -> str:
    """Documentation as a terminal shows it: the words, with code as ```code``` and nothing to decode.

    The same text feeds the site (Markdown with HTML entities, as ``sre_docs.handbook.markup``
    escapes values) and ``--help`` (docstrings with reST literals), so a terminal would show
    ``built&#45;in``, ``<code>`` and double backticks. Here: entities are decoded, ``<code>``
    and reST literals and roles become Markdown code spans (one way to show code on both), other
    tags go, ``**strong**`` and headings are bold when colour is on (plain otherwise), a link
    keeps its words (and its address when it leaves the site), and fenced code blocks are
    indented by four spaces with their fences dropped, their contents untouched.
    """
    out: list[str] = []
    fence: str | None = None
    for line in source.split("\n"):
        opened = _FENCE.match(line)
        if fence is not None:
            if opened and opened.group(2) == fence:
                fence = None
            else:
                out.append("    " + line if line.strip() else "")
            continue
        if opened:
            fence = opened.group(2)
            continue
        out.append(_prose_line(line, enabled=enabled))
    return "\n".join(out)


def _prose_line(line: str, *, enabled: bool) -> str:
    heading_match = _HEADING.match(line)
    if heading_match:
        return paint(_inline(heading_match.group(1), enabled=False), "bold", enabled=enabled)
    return _inline(line, enabled=enabled)


def _inline(line: str, *, enabled: bool) -> str:
    line = _HTML_CODE.sub(lambda m: f"`{m.group(1)}`", line)
    line = _TAG.sub("", line)
    line = _REST_ROLE.sub(lambda m: f"`{m.group(1)}`", line)
    line = _REST_LITERAL.sub(lambda m: f"`{m.group(1)}`", line)
    line = _LINK.sub(lambda m: m.group(1) + (f" ({m.group(2)})" if "://" in m.group(2) else ""), line)
    line = _STRONG.sub(lambda m: paint(m.group(1), "bold", enabled=enabled), line)
    return html.unescape(line)
