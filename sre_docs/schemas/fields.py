"""Small constructors for cerberus rules, so each kind's schema reads like its template.

Every constructor takes the field's documentation as ``doc``; it lands in cerberus'
``meta`` rule and from there in the generated reference pages.
"""

from __future__ import annotations

from typing import Any

Rule = dict[str, Any]


def _rule(type_: str | list[str], doc: str, required: bool, **extra: Any) -> Rule:
    rule: Rule = {"type": type_, "meta": {"doc": doc}}
    if required:
        rule["required"] = True
    rule.update(extra)
    return rule


def text(doc: str, *, required: bool = False, **extra: Any) -> Rule:
    return _rule("string", doc, required, **extra)


def identifier(doc: str, *, required: bool = False) -> Rule:
    return _rule("identifier", doc, required)


def formatted(type_: str, doc: str, *, required: bool = False) -> Rule:
    """A string in one of the formats of ``schemas.types`` (date, timestamp, duration, …)."""
    return _rule(type_, doc, required)


def enum(values: tuple[str, ...] | list[str], doc: str, *, required: bool = False) -> Rule:
    return _rule("string", doc, required, allowed=list(values))


def number(doc: str, *, required: bool = False, min: float | None = None, max: float | None = None) -> Rule:
    extra = {k: v for k, v in (("min", min), ("max", max)) if v is not None}
    return _rule("number", doc, required, **extra)


def share(doc: str, *, required: bool = False) -> Rule:
    """A percentage strictly between 0 and 100, such as an SLO target."""
    return _rule("number", doc, required, above=0, below=100)


def percent(doc: str, *, required: bool = False) -> Rule:
    return number(doc, required=required, min=0, max=100)


def count(doc: str, *, required: bool = False, min: int = 0, max: int | None = None) -> Rule:
    extra: dict[str, Any] = {"min": min}
    if max is not None:
        extra["max"] = max
    return _rule("integer", doc, required, **extra)


def flag(doc: str, *, required: bool = False) -> Rule:
    return _rule("boolean", doc, required)


def mapping(fields: dict[str, Rule], doc: str, *, required: bool = False) -> Rule:
    return _rule("dict", doc, required, schema=fields)


def list_of(item: Rule, doc: str, *, required: bool = False, min_items: int | None = None) -> Rule:
    extra: dict[str, Any] = {"schema": item}
    if min_items is not None:
        extra["minlength"] = min_items
    return _rule("list", doc, required, **extra)


def texts(doc: str, *, required: bool = False) -> Rule:
    """A list of free-text strings."""
    return list_of({"type": "string"}, doc, required=required)


def identifiers(doc: str, *, required: bool = False, min_items: int | None = None) -> Rule:
    return list_of({"type": "identifier"}, doc, required=required, min_items=min_items)


def record(fields: dict[str, Rule]) -> Rule:
    """The item rule of a list of mappings."""
    return {"type": "dict", "schema": fields}
