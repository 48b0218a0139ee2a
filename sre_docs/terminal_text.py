"""Text for a terminal, as pure functions: colour codes, aligned columns, tables, numbers.

Nothing here looks at the environment or writes anywhere: whether colour is on is the
caller's decision (``sre_docs.cli.output.colour_enabled`` makes it from ``NO_COLOR`` and the
TTY), so the CLI and the scorecard's text format share one way to lay out a table.
"""

from __future__ import annotations

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
