"""Helpers shared by the built-in policies (not a policy: the name starts with ``_``).

Everything here builds an index once per run or reads one value; nothing loops over the
whole repo per document, so a policy that uses these stays linear.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from sre_docs.model.repository import Document, Repository, Service
from sre_docs.schemas.types import parse_date, parse_duration, parse_timestamp


def number(value: Any) -> float | None:
    """A finite number from YAML, or None (booleans are not numbers)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if value == value and abs(value) != float("inf") else None


def exact(value: float) -> Decimal:
    """A decimal of the number as written (``99.95`` stays 99.95, not 99.9500000001)."""
    return Decimal(repr(value))


def suggest(name: Any, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(str(name), list(known), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def date_of(value: Any) -> dt.date | None:
    return parse_date(value) if isinstance(value, str) else None


def instant(value: Any) -> dt.datetime | None:
    return parse_timestamp(value) if isinstance(value, str) else None


def duration(value: Any) -> dt.timedelta | None:
    return parse_duration(value) if isinstance(value, str) else None


def listed(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def alert_names(service: Service) -> set[str]:
    """Names of every alert of a service: alert documents and SLO burn-rate alerts."""
    names = {a.get("name") for a in service.alerts if isinstance(a.get("name"), str)}
    names.update(alert["name"] for _, _, alert in service.burn_rate_alerts() if isinstance(alert.get("name"), str))
    return names


def runbooks_by_alert(service: Service) -> dict[str, list[Document]]:
    index: dict[str, list[Document]] = {}
    for runbook in service.runbooks:
        name = runbook.get("alert_name")
        if isinstance(name, str):
            index.setdefault(name, []).append(runbook)
    return index


def is_url(link: str) -> bool:
    return link.startswith(("http://", "https://"))


def linked_documents(repo: Repository, doc: Document, link: Any, kind: str) -> list[Document] | None:
    """Documents of ``kind`` in the file a relative link points at; None when it points nowhere."""
    if not isinstance(link, str):
        return None
    target = repo.resolve_path(doc.path, link)
    if target is None:
        return None
    found = [d for d in repo.documents_by_path.get(target, []) if d.kind == kind]
    return found or None


def strings(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Every string in a nested value, with its path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from strings(item, path + (index,))


def offset_of(text: str, line: int, column: int) -> int:
    """Character offset of a 1-based line and column in ``text``."""
    start = 0
    for _ in range(line - 1):
        found = text.find("\n", start)
        if found == -1:
            return len(text)
        start = found + 1
    return start + column - 1


def position_of(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def phrase_in_source(source: str | None, value_mark: tuple[int, int], pattern: re.Pattern[str], occurrence: int) -> tuple[int, int] | None:
    """Where the ``occurrence``-th match of ``pattern`` (0-based) sits in the raw file.

    The search starts at the value's own position, so it finds the phrase inside a block
    scalar (``|`` or ``>``) on the line and column the reader sees, however the text is
    indented or folded. Spaces in the pattern should be written ``\\s+`` so that a phrase
    broken over two lines is still found. None when the source cannot be read or the
    phrase is hidden by escapes in a quoted string.
    """
    if source is None:
        return None
    start = offset_of(source, *value_mark)
    for index, match in enumerate(pattern.finditer(source, start)):
        if index == occurrence:
            return position_of(source, match.start())
    return None


def tier_of(service: Service) -> str | None:
    tier = service.tier
    return tier if isinstance(tier, str) else None


def all_of_kind(repo: Repository, kind: str) -> Iterator[Document]:
    """Every document of a service-level kind, in every service folder."""
    for service in repo.services.values():
        yield from service.of_kind(kind)


def budget_today(repo, service: Service, slo: Document):
    """The SLO's budget as of ``repo.today`` (its start, 00:00 UTC), computed once per repository.

    Uses :func:`sre_docs.model.slo_budgets.slo_budget`, the computation behind ``sre-docs budget``, the
    handbook's budget pages and the scorecards; its ``state`` is None when the SLO lacks a
    target or window or there is no evidence.
    """
    from sre_docs.model.slo_budgets import evaluation_instant, slo_budget

    return slo_budget(repo, service, slo, as_of=evaluation_instant(repo.today))

