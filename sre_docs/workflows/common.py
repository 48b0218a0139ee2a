"""Small helpers the workflows share: instants, slugs, links between files, comments."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from typing import Any
from collections.abc import Iterable

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from sre_docs.schemas.markers import TODO as MARKER_TODO, dotted, todo_paths as _marker_paths  # noqa: F401 -- dotted re-exported
from sre_docs.schemas.types import parse_date, parse_moment, parse_timestamp
from sre_docs.words import counted

UTC = dt.timezone.utc

#: Marks a value a person still has to write; the commands list every one left (policy TODO001 reports them).
TODO = MARKER_TODO


class WorkflowError(Exception):
    """A workflow cannot go ahead (unknown service, bad value, …); the message says why."""


class Refused(WorkflowError):
    """A workflow that policy forbids right now (for example chaos on a spent budget)."""


def parse_instant(text: str, *, what: str = "time") -> dt.datetime:
    """An aware datetime from a timestamp with a timezone, or a date (midnight UTC)."""
    moment = parse_timestamp(text)
    if moment is not None:
        return moment
    day = parse_date(text)
    if day is not None:
        return dt.datetime(day.year, day.month, day.day, tzinfo=UTC)
    raise WorkflowError(f"{what} {text!r} is not a date (YYYY-MM-DD) or a timestamp with a timezone (2026-11-02T14:05:00Z)")


def instant_or_none(value: Any) -> dt.datetime | None:
    """A datetime from a document value that passed its schema (a date is 00:00 UTC); None when absent."""
    return parse_moment(value)


def stamp(moment: dt.datetime) -> str:
    """The repo's timestamp format: seconds precision, ``Z`` for UTC, else the offset."""
    moment = moment.replace(microsecond=0)
    text = moment.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def clock(moment: dt.datetime) -> str:
    """A short time of day with its zone, for messages: ``14:35 UTC``."""
    offset = moment.utcoffset()
    zone = "UTC" if offset == dt.timedelta(0) else moment.strftime("UTC%z")[:-2] + ":" + moment.strftime("%z")[-2:]
    return f"{moment:%H:%M} {zone}"


def slugify(text: str, *, words: int = 6, length: int = 40) -> str:
    """Lower-case words joined by hyphens, for channel names and file names."""
    parts = re.findall(r"[a-z0-9]+", text.lower())[:words]
    slug = "-".join(parts)[:length].strip("-")
    return slug or "incident"


def relative_link(from_file: str, to_file: str) -> str:
    """A link from one repo file to another, relative to the first file's folder."""
    return posixpath.relpath(to_file, posixpath.dirname(from_file) or ".")


def minutes(delta: dt.timedelta | None) -> float | int | None:
    """Minutes to one decimal; a whole number stays an int (``45``, not ``45.0``)."""
    if delta is None:
        return None
    value = round(delta.total_seconds() / 60, 1)
    return int(value) if value == int(value) else value


def spoken_duration(delta: dt.timedelta) -> str:
    """``2 hours 15 minutes``, as a notification says it."""
    total = int(round(delta.total_seconds() / 60))
    days, rest = divmod(total, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = []
    for count, unit in ((days, "day"), (hours, "hour"), (mins, "minute")):
        if count:
            parts.append(counted(count, unit))
    return " ".join(parts) or "under a minute"


def human_duration(delta: dt.timedelta) -> str:
    """A postmortem's ``duration``: ``2h 15m`` (days, hours, minutes; at least ``0m``)."""
    total = int(round(delta.total_seconds() / 60))
    days, rest = divmod(total, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = [f"{days}d"] if days else []
    if hours:
        parts.append(f"{hours}h")
    if mins or not parts:
        parts.append(f"{mins}m")
    return " ".join(parts)


def commented(fields: Iterable[tuple[str, Any, str | None]]) -> CommentedMap:
    """A mapping whose keys carry end-of-line comments explaining them."""
    mapping = CommentedMap()
    for key, value, comment in fields:
        mapping[key] = value
        if comment:
            mapping.yaml_add_eol_comment(comment, key, column=0)
            token = mapping.ca.items[key][2]
            if token is not None and not token.value.startswith(" "):
                token.value = " " + token.value  # two spaces before '#', as yamllint expects
    return mapping


def num(value: float | int) -> float | int:
    """A whole float as an int (``99`` rather than ``99.0``), so written YAML reads as typed."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value


def document(kind: str, body: CommentedMap | CommentedSeq, *, header: str | None = None) -> CommentedMap:
    top = CommentedMap()
    top[kind] = body
    if header:
        top.yaml_set_start_comment(header)
    return top


def todo_paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Paths of every string that still holds a TODO marker (:mod:`sre_docs.schemas.markers`)."""
    return _marker_paths(value, path)


def suggest(name: str, known: Iterable[str]) -> str:
    import difflib

    names = sorted(known)
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
    if close:
        return f"; did you mean {close[0]!r}?"
    if names:
        shown = ", ".join(names[:8]) + (" …" if len(names) > 8 else "")
        return f" (known: {shown})"
    return ""
