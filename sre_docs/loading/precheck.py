"""A fast yes-or-don't-know answer to "would cerberus accept this document?".

Cerberus spends most of its time building child validators and error trees, even for a
document that is valid, and nearly every document in a repo is. This module compiles each
kind's schema into plain Python closures that follow
cerberus 1.3's rule semantics (``nullable``, ``type``, ``empty``, ``allowed``, ``min``/``max``,
``minlength``/``maxlength``, ``regex``, ``schema``, ``items``, ``keysrules``, ``valuesrules``,
and sre-docs' ``above``/``below``), using the validator's own type checks.

It only ever answers "valid" when every rule passes; anything else, including a rule it does
not know, means "ask cerberus", which then produces the findings. A kind whose schema uses
an unknown rule gets no fast path at all. So skipping cerberus on a "valid" answer can never
hide a finding: ``tests/benchmarks/test_precheck.py`` checks the answers against cerberus on
generated documents.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence, Sized
from functools import cache
from typing import Any

Check = Callable[[Any], bool]

# Rules whose meaning is mirrored below; ``meta`` and ``required`` do nothing at field level.
_KNOWN_RULES = frozenset({
    "type", "nullable", "empty", "allowed", "min", "max", "minlength", "maxlength", "regex", "schema",
    "items", "keysrules", "valuesrules", "meta", "required", "above", "below",
})
# What cerberus' ``empty`` rule drops from the queue when the value is empty.
_DROPPED_WHEN_EMPTY = frozenset({"allowed", "forbidden", "items", "minlength", "maxlength", "regex", "check_with"})


class Unsupported(Exception):
    """The schema uses something this module does not mirror; the kind keeps using cerberus only."""


@cache
def document_check(kind: str) -> Check | None:
    """The compiled check for ``{kind: body}`` documents, or None when the kind has no fast path.

    It is compiled from the kind's own rules, not from a cerberus validator: building one
    checks the schema itself and costs more than prechecking a thousand documents. Rules
    cerberus would rename or expand (deprecated names, ``*of_*`` shortcuts) are unknown
    here, so such a kind would simply get no fast path.
    """
    from sre_docs.schemas import KINDS
    from sre_docs.schemas.types import SchemaValidator

    try:
        return _mapping_check(KINDS[kind].root_rule(), SchemaValidator())
    except Unsupported:
        return None


def accepts(kind: str, document: Any) -> bool:
    """True only when cerberus would accept ``document``; False means "don't know, validate"."""
    check = document_check(kind)
    if check is None or not isinstance(document, Mapping):
        return False
    try:
        return check(document)
    except Exception:  # noqa: BLE001 -- whatever went wrong, cerberus gets the final word
        return False


def _mapping_check(schema: Mapping[str, Any], validator: Any) -> Check:
    """A mapping against field rules: no unknown keys, required keys present, every field valid."""
    if not isinstance(schema, Mapping):
        raise Unsupported("schema by reference")
    fields = {name: _field_check(rules, validator) for name, rules in schema.items()}
    required = frozenset(name for name, rules in schema.items() if rules.get("required") is True)

    def check(value: Any) -> bool:
        if not required <= value.keys():
            return False
        for key, item in value.items():
            field = fields.get(key)
            if field is None or not field(item):
                return False
        return True

    return check


def _instance_test(included: Any, excluded: Any) -> Check:
    """Cerberus's own type test: an instance of ``included`` and of nothing in ``excluded``."""
    return lambda value: isinstance(value, included) and not isinstance(value, excluded)


def _type_check(names: Any, validator: Any) -> Check | None:
    if not names:
        return None
    tests: list[Check] = []
    for name in ([names] if isinstance(names, str) else list(names)):
        definition = validator.types_mapping.get(name)
        if definition is not None:
            included, excluded = definition.included_types, definition.excluded_types
            tests.append(_instance_test(included, excluded))
            continue
        handler = getattr(validator, "_validate_type_" + name.replace(" ", "_"), None)
        if handler is None:
            raise Unsupported(f"type {name!r}")
        tests.append(handler)
    if len(tests) == 1:
        return tests[0]
    return lambda v: any(test(v) for test in tests)


def _field_check(rules: Any, validator: Any) -> Check:
    """One field's rules, applied as cerberus applies them: nullable, type, empty, then the rest."""
    if not isinstance(rules, Mapping):
        raise Unsupported("rules by reference")
    unknown = set(rules) - _KNOWN_RULES
    if unknown:
        raise Unsupported(f"rules {sorted(unknown)}")
    nullable = bool(rules.get("nullable", False))
    type_check = _type_check(rules.get("type"), validator)
    has_empty, empty_ok = "empty" in rules, bool(rules.get("empty"))
    rest: list[tuple[str, Check]] = [
        (name, _rule_check(name, rules[name], rules, validator))
        for name in rules if name not in ("type", "nullable", "empty", "meta", "required")
    ]
    emptiable = [(name, check) for name, check in rest if name not in _DROPPED_WHEN_EMPTY]

    def check(value: Any) -> bool:
        if value is None:
            return nullable
        if type_check is not None and not type_check(value):
            return False
        checks = rest
        if has_empty and isinstance(value, Sized) and len(value) == 0:
            if not empty_ok:
                return False
            checks = emptiable
        for _, rule in checks:
            if not rule(value):
                return False
        return True

    return check


def _rule_check(name: str, constraint: Any, rules: Mapping[str, Any], validator: Any) -> Check:
    if name == "allowed":
        allowed = constraint

        def check_allowed(value: Any) -> bool:
            if isinstance(value, Iterable) and not isinstance(value, str):
                return all(item in allowed for item in value)
            return value in allowed

        return check_allowed
    if name in ("min", "max"):
        bound = constraint

        def check_bound(value: Any) -> bool:
            try:
                return not (value < bound if name == "min" else value > bound)
            except TypeError:
                return True

        return check_bound
    if name in ("minlength", "maxlength"):
        size = constraint

        def check_length(value: Any) -> bool:
            if not isinstance(value, Sized):
                return True
            return len(value) >= size if name == "minlength" else len(value) <= size

        return check_length
    if name == "regex":
        pattern = re.compile(constraint if constraint.endswith("$") else constraint + "$")
        return lambda value: not isinstance(value, str) or pattern.match(value) is not None
    if name in ("above", "below"):
        limit = constraint

        def check_open_bound(value: Any) -> bool:
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return value > limit if name == "above" else value < limit
            return True

        return check_open_bound
    if name == "schema":
        return _schema_check(constraint, rules, validator)
    if name == "items":
        columns = [_field_check(rule, validator) for rule in constraint]

        def check_items(value: Any) -> bool:
            return len(value) == len(columns) and all(c(v) for c, v in zip(columns, value, strict=True))

        return check_items
    if name in ("keysrules", "valuesrules"):
        inner = _field_check(constraint, validator)
        on_keys = name == "keysrules"

        def check_table(value: Any) -> bool:
            if not isinstance(value, Mapping):
                return True
            return all(inner(item) for item in (value.keys() if on_keys else value.values()))

        return check_table
    raise Unsupported(f"rule {name!r}")  # pragma: no cover - filtered by _KNOWN_RULES


def _schema_check(schema: Any, rules: Mapping[str, Any], validator: Any) -> Check:
    """``schema`` means item rules for a list and field rules for a mapping; the declared type says which."""
    types = rules.get("type")
    types = [types] if isinstance(types, str) else list(types or [])
    if types == ["list"]:
        item = _field_check(schema, validator)

        def check_sequence(value: Any) -> bool:
            if isinstance(value, Sequence) and not isinstance(value, str):
                return all(item(v) for v in value)
            return True

        return check_sequence
    if "dict" in types and "list" not in types:
        # A mapping rule; other declared types (``["string", "dict"]``) skip it, as cerberus does.
        if any(key in rules for key in ("allow_unknown", "require_all")):
            raise Unsupported("allow_unknown or require_all")
        mapping = _mapping_check(schema, validator)
        return lambda value: mapping(value) if isinstance(value, Mapping) else True
    raise Unsupported("schema rule without a single list or dict type")
