"""The scaffold's TODO marker: what counts as a value a person has not written yet.

``sre-docs new`` (and the drafts other commands write) put ``TODO: …`` where only a person
can give the value. One predicate decides what a marker is, so the list a command prints
("still to fill in") and the findings of policy TODO001 never disagree.
"""

from __future__ import annotations

import re
from typing import Any

#: What the commands write at the start of a value still to fill in.
TODO = "TODO:"

#: A marker: the word TODO (upper case, a whole word) at the start of a string, after any spaces.
#: ``TODO: the PromQL expression`` and a bare ``TODO`` are markers; ``TODOS`` and ``Todo list`` are not.
_MARKER = re.compile(r"\s*TODO\b")


def is_todo(value: Any) -> bool:
    """True for a string that still holds a TODO marker."""
    return isinstance(value, str) and _MARKER.match(value) is not None


def todo_paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Paths (keys and list indices) of every string below ``value`` that holds a TODO marker, in order."""
    found: list[tuple[Any, ...]] = []
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(todo_paths(item, (*path, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(todo_paths(item, (*path, index)))
    elif is_todo(value):
        found.append(path)
    return found


def dotted(path: tuple[Any, ...] | list[Any]) -> str:
    """A path as people write it: ``slo.stakeholders[0]``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
