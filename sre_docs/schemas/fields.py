"""Small constructors for cerberus rules, so each kind's schema reads like its template.

Every constructor takes the field's documentation as ``doc``; it lands in cerberus'
``meta`` rule and from there in the generated reference pages.
"""

from __future__ import annotations

from typing import Any, Iterator

Rule = dict[str, Any]


def _rule(type_: str | list[str], doc: str, required: bool, **extra: Any) -> Rule:
    rule: Rule = {"type": type_, "meta": {"doc": doc}}
    if required:
        rule["required"] = True
    rule.update(extra)
    return rule


def text(doc: str, *, required: bool = False, **extra: Any) -> Rule:
    """Free text; when required, an empty string does not count as given."""
    if required:
        extra.setdefault("empty", False)
    return _rule("string", doc, required, **extra)


def identifier(doc: str, *, required: bool = False) -> Rule:
    return _rule("identifier", doc, required)


def formatted(type_: str, doc: str, *, required: bool = False) -> Rule:
    """A string in one of the formats of ``schemas.types`` (date, timestamp, duration, …)."""
    return _rule(type_, doc, required)


def enum(values: tuple[str, ...] | list[str], doc: str, *, required: bool = False) -> Rule:
    return _rule("string", doc, required, allowed=list(values))


def number(
    doc: str,
    *,
    required: bool = False,
    min: float | None = None,
    max: float | None = None,
    above: float | None = None,
    below: float | None = None,
) -> Rule:
    """A finite number; ``min``/``max`` are inclusive bounds, ``above``/``below`` exclusive ones."""
    bounds = (("min", min), ("max", max), ("above", above), ("below", below))
    extra = {k: v for k, v in bounds if v is not None}
    return _rule("number", doc, required, **extra)


def share(doc: str, *, required: bool = False) -> Rule:
    """A percentage strictly between 0 and 100, such as an SLO target."""
    return _rule("number", doc, required, above=0, below=100)


def percent(doc: str, *, required: bool = False) -> Rule:
    return number(doc, required=required, min=0, max=100)


def budget_share(doc: str, *, required: bool = False) -> Rule:
    """A share of an error budget in percent: at least 0, with no upper bound (a long SEV1 spends several budgets)."""
    return number(doc, required=required, min=0)


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


def row(*columns: tuple[str, Rule]) -> Rule:
    """The item rule of a list of fixed-width rows, such as ``[start, good, total]``.

    Rows keep bulky series (one row per hour or day) short to write and read. Each
    column is ``(name, rule)``; the names appear in messages and reference pages.
    """
    items = []
    for name, rule in columns:
        rule = dict(rule)
        rule["meta"] = {**rule.get("meta", {}), "column": name}
        items.append(rule)
    return {"type": "list", "items": items, "meta": {"columns": [name for name, _ in columns]}}


def table(key: Rule, value: Rule, doc: str, *, required: bool = False) -> Rule:
    """A mapping with free keys (say, member handles) and values of one kind."""
    return _rule("dict", doc, required, keysrules=key, valuesrules=value)


def fixed_keys(keys: tuple[str, ...], value: Rule, doc: str, *, required: bool = False) -> Rule:
    """A mapping whose keys come from a closed list and whose values share one rule."""
    return mapping({key: dict(value) for key in keys}, doc, required=required)


def types_of(rule: Rule) -> list[str]:
    """The type names a rule accepts (cerberus allows one name or a list)."""
    declared = rule.get("type", [])
    return [declared] if isinstance(declared, str) else list(declared)


def walk(rule: Rule, prefix: str) -> Iterator[tuple[str, Rule]]:
    """Every field below ``rule`` as (path, rule), parents before children.

    Paths read like the documents: ``burn_rate_alerts[].name`` for a field of each list
    item, ``points[][1]`` for a column of each row, ``pages_by_member.<key>`` for the
    values of a free-key mapping. The item rule of a plain list (``[str]``) is not a
    field of its own: its list field says what the items are.
    """
    types = types_of(rule)
    if "dict" in types:
        fields = rule.get("schema")
        if isinstance(fields, dict):
            for name, child in fields.items():
                path = f"{prefix}.{name}" if prefix else name
                yield path, child
                yield from walk(child, path)
        values = rule.get("valuesrules")
        if isinstance(values, dict):
            path = f"{prefix}.<key>"
            yield path, values
            yield from walk(values, path)
    if "list" in types:
        item = rule.get("schema")
        if isinstance(item, dict):
            yield from walk(item, f"{prefix}[]")
        for index, column in enumerate(rule.get("items", ())):
            path = f"{prefix}[{index}]"
            yield path, column
            yield from walk(column, path)
