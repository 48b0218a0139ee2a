"""Check a parsed document against its kind's schema; turn cerberus errors into findings.

Invalid values are removed from the document after they are reported, so that the
model and the policies only ever see values of the declared type (a missing optional
field is the worst they meet; a bad list item becomes ``None`` so indexes stay put).

Cerberus reports problems inside list items, fixed-width rows and free-key mappings as
group errors whose children hold the real cause; they are flattened here, and each leaf
is pointed at the key (unknown or misspelt fields, bad free keys) or the value (wrong
values) it is about.

Finding codes: SCH001 unknown field, SCH002 missing required field, SCH003 wrong type or
format (including empty values), SCH004 value not in a closed list, SCH005 out of range
or wrong number of items, SCH006 pattern mismatch, SCH007 anything else; YAML009 warns
about unquoted text that YAML 1.1 tools would read as something else.
"""

from __future__ import annotations

import difflib
import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Iterator

from cerberus import errors as cerr

from sre_docs.findings import Finding, FindingBudget, Severity
from sre_docs.yamltext.parse import MAX_INTEGER_CHARS, ParsedDocument, resolve_plain, yaml11_reading
from sre_docs.schemas import KINDS, KindSpec
from sre_docs.schemas.types import TYPE_DESCRIPTIONS, SchemaValidator, TooManyErrors
from sre_docs.words import counted

#: Type names whose values are text: a number or boolean there was meant as text.
_TEXT_TYPES = frozenset({
    "string", "identifier", "duration", "human_duration", "date", "timestamp", "month", "clock",
    "channel", "incident_id", "action_item_id",
})
_NUMBER_TYPES = frozenset({"number", "integer", "float"})
#: Closed lists longer than this are not spelt out in messages.
_MAX_LISTED = 12


@lru_cache(maxsize=None)
def _validator(kind: str) -> SchemaValidator:
    return SchemaValidator(KINDS[kind].root_rule())


# --- suggestions ---------------------------------------------------------------------------------


def _normal(word: str) -> str:
    return word.lower().replace("-", "_").replace(" ", "_")


def did_you_mean(word: Any, candidates: Iterable[Any], *, exclude: Iterable[Any] = ()) -> str | None:
    """The candidate a misspelt ``word`` most likely meant, or None.

    Case, ``-``/``_``/space differences and a missing plural ``s`` are forgiven first;
    then close spellings; then an unambiguous prefix (``oncall`` for ``oncall_rotation``).
    Candidates in ``exclude`` (fields already present) are only offered as a last resort.
    """
    word = str(word)
    every = [str(c) for c in candidates]
    taken = {str(e) for e in exclude}
    for pool in ([c for c in every if c not in taken], every):
        if not pool:
            continue
        by_normal = {_normal(c): c for c in pool}
        wanted = _normal(word)
        for variant in (wanted, wanted + "s", wanted[:-1] if wanted.endswith("s") else None):
            if variant in by_normal:
                return by_normal[variant]
        close = difflib.get_close_matches(wanted, list(by_normal), n=1, cutoff=0.6)
        if close:
            return by_normal[close[0]]
        if len(wanted) >= 3:
            prefixed = [c for n, c in by_normal.items() if n.startswith(wanted) or wanted.startswith(n)]
            if len(prefixed) == 1:
                return prefixed[0]
    return None


# --- walking the schema beside the document ------------------------------------------------------------


def _rule_at(spec: KindSpec, path: tuple[Any, ...]) -> dict[str, Any] | None:
    """The rule that governs the value at document ``path`` (None when no rule does)."""
    rule: Any = spec.root_rule().get(path[0]) if path else None
    for part in path[1:]:
        if not isinstance(rule, dict):
            return None
        types = _types_of(rule)
        if "list" in types:
            if "items" in rule:
                items = rule["items"]
                rule = items[part] if isinstance(part, int) and 0 <= part < len(items) else None
            else:
                rule = rule.get("schema")
        elif "dict" in types:
            schema = rule.get("schema")
            rule = schema.get(part) if isinstance(schema, dict) else rule.get("valuesrules")
        else:
            return None
    return rule if isinstance(rule, dict) else None


def _types_of(rule: dict[str, Any] | None) -> list[str]:
    if not rule:
        return []
    declared = rule.get("type", [])
    return [declared] if isinstance(declared, str) else list(declared)


def _wanted(rule: dict[str, Any] | None) -> str:
    """The rule's type in words, for messages."""
    types = _types_of(rule)
    if not types:
        return "set"
    return " or ".join(TYPE_DESCRIPTIONS.get(t, (t, ""))[0] for t in types)


# --- flattening cerberus' error tree ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Leaf:
    error: cerr.ValidationError
    #: The error is about a free mapping key (keysrules), not a value.
    about_key: bool
    #: For errors inside a fixed-width row, the row's document path.
    row: tuple[Any, ...] | None


def _leaves(
    errors: Iterable[cerr.ValidationError], about_key: bool = False, row: tuple[Any, ...] | None = None,
) -> Iterator[_Leaf]:
    """The leaf errors below cerberus' group errors, with what their groups say about them."""
    for error in errors:
        if error.is_group_error:
            child_key = about_key or error.code == cerr.KEYSRULES.code
            child_row = tuple(error.document_path) if error.code == cerr.BAD_ITEMS.code else row
            yield from _leaves(error.child_errors or (), child_key, child_row)
        else:
            yield _Leaf(error, about_key, row)


# --- messages ----------------------------------------------------------------------------------------


def _dotted(path: tuple[Any, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) and not isinstance(part, bool) else (f".{part}" if out else str(part))
    return out


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…'"


def _describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, float) and not math.isfinite(value):
        return "the non-finite number " + (".nan" if math.isnan(value) else ("-.inf" if value < 0 else ".inf"))
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return _short(value)


def _type_hint(types: list[str], value: Any, plain: bool, surprise: str | None) -> str:
    """Advice for a value of the wrong type that was quoted, or not quoted, by mistake."""
    if not plain:
        if isinstance(value, str):
            meant = resolve_plain(value.strip()) if len(value) <= MAX_INTEGER_CHARS else value
            is_number = isinstance(meant, (int, float)) and not isinstance(meant, bool) and math.isfinite(meant)
            if ("boolean" in types and isinstance(meant, bool)) or (
                is_number and ("number" in types or "integer" in types and isinstance(meant, int))
            ):
                return "; remove the quotes"
            if "boolean" in types and yaml11_reading(value) == "a boolean":
                return "; write true or false"
        return ""
    if isinstance(value, (bool, int, float)) and not _NUMBER_TYPES & set(types) and set(types) & _TEXT_TYPES:
        if surprise:
            return f"; quote it to keep it as text (YAML 1.1 tools read it as {surprise})"
        if _passes_as_text(types, str(value).lower() if isinstance(value, bool) else str(value)):
            return "; quote it to keep it as text"
        return ""
    if isinstance(value, str) and surprise:
        if "boolean" in types:
            return f"; YAML 1.2 reads an unquoted {value!r} as text (YAML 1.1 tools as {surprise}): write true or false"
        if _NUMBER_TYPES & set(types):
            return f"; YAML 1.2 reads it as text (YAML 1.1 tools as {surprise}): write a plain number"
    return ""


@lru_cache(maxsize=1)
def _type_checker() -> SchemaValidator:
    return SchemaValidator({})


def _passes_as_text(types: list[str], text: str) -> bool:
    """Whether ``text`` would be a valid value of one of ``types`` (so quoting would fix it)."""
    checker = _type_checker()
    for type_ in types:
        if type_ == "string":
            return True
        check = getattr(checker, f"_validate_type_{type_}", None)
        if check is not None and check(text):
            return True
    return False


def _message(spec: KindSpec, leaf: _Leaf, doc: ParsedDocument) -> tuple[str, str, bool]:
    """(code, message, point at key?) for one leaf error."""
    error = leaf.error
    path = tuple(error.document_path)
    where = _dotted(path)
    value = error.value
    code = error.code
    if leaf.about_key:
        rule = error.constraint if code == cerr.BAD_TYPE.code else None
        wanted = " or ".join(TYPE_DESCRIPTIONS.get(t, (t, ""))[0] for t in ([rule] if isinstance(rule, str) else rule or []))
        return "SCH003", f"key {_short(path[-1])} in '{_dotted(path[:-1])}' must be {wanted or 'valid'}", True
    if code == cerr.UNKNOWN_FIELD.code:
        parent = _rule_at(spec, path[:-1])
        schema = parent.get("schema") if parent else None
        known = schema if isinstance(schema, dict) else {}
        present = _get(doc.value, path[:-1])
        # Only the known fields present matter; passing the whole mapping would cost a set
        # of every key per unknown key (quadratic in a file of unknown keys).
        taken = [field for field in known if field in present] if isinstance(present, dict) else []
        hint = did_you_mean(path[-1], known, exclude=taken)
        suggestion = f"; did you mean '{hint}'?" if hint else ""
        return "SCH001", f"unknown field '{where}' in {spec.name}{suggestion}", True
    if code == cerr.REQUIRED_FIELD.code:
        return "SCH002", f"missing required field '{where}' in {spec.name}", True
    rule = _rule_at(spec, path)
    if code in (cerr.NOT_NULLABLE.code, cerr.EMPTY_NOT_ALLOWED.code) or (code == cerr.BAD_TYPE.code and value == ""):
        if code == cerr.NOT_NULLABLE.code and rule is not None and not rule.get("required") and not isinstance(path[-1], int):
            empty_list = " (`[]` for an empty list)" if "list" in _types_of(rule) else ""
            return "SCH003", f"'{where}' is empty; give it {_wanted(rule)}{empty_list} or leave the field out", False
        return "SCH003", f"'{where}' is empty; it must be {_wanted(rule)}", False
    if code == cerr.BAD_TYPE.code:
        types = _types_of(rule) or ([error.constraint] if isinstance(error.constraint, str) else list(error.constraint or []))
        wanted = " or ".join(TYPE_DESCRIPTIONS.get(t, (t, ""))[0] for t in types)
        hint = _type_hint(types, value, path in doc.plain_scalars, doc.yaml11_surprises.get(path))
        return "SCH003", f"'{where}' must be {wanted}, got {_describe(value)}{hint}", False
    if code == cerr.UNALLOWED_VALUE.code:
        allowed = [str(a) for a in error.constraint]
        close = did_you_mean(value, allowed)
        suggestion = f"; did you mean '{close}'?" if close else ""
        if len(allowed) <= _MAX_LISTED:
            choices = f"which is not one of: {', '.join(allowed)}"
        else:
            choices = f"which is not one of the {len(allowed)} allowed values (see the {spec.name} reference)"
        return "SCH004", f"'{where}' is {_short(value)}, {choices}{suggestion}", False
    if code in (cerr.MIN_VALUE.code, cerr.MAX_VALUE.code):
        bound = "at least" if code == cerr.MIN_VALUE.code else "at most"
        return "SCH005", f"'{where}' is {_short(value)}; it must be {bound} {error.constraint}", False
    if code in (cerr.MIN_LENGTH.code, cerr.MAX_LENGTH.code):
        bound = "at least" if code == cerr.MIN_LENGTH.code else "at most"
        return "SCH005", f"'{where}' has {counted(len(value), 'item')}; it must have {bound} {error.constraint}", False
    if code == cerr.ITEMS_LENGTH.code:
        expected = error.info[0] if error.info else len(error.constraint or ())
        columns = (rule or {}).get("meta", {}).get("columns")
        shape = f": [{', '.join(columns)}]" if columns else ""
        return "SCH005", f"'{where}' has {counted(len(value), 'item')}; each row must have exactly {expected}{shape}", False
    if code == cerr.REGEX_MISMATCH.code:
        return "SCH006", f"'{where}' is {_short(value)}, which does not match {error.constraint}", False
    if code == cerr.CUSTOM.code:
        detail = error.info[0] if error.info else "is invalid"
        return "SCH005", f"'{where}' is {_short(value)}; it {detail}", False
    return "SCH007", f"'{where}': invalid value ({error.rule})", False


# --- the entry point ---------------------------------------------------------------------------------


#: With a finding budget, a document is given up on after this many schema errors.
ABANDON_AFTER = 1_000


class DocumentAbandoned(Exception):
    """A document with more than ``ABANDON_AFTER`` schema errors: the findings reported before stopping."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__(f"{len(findings)} findings")
        self.findings = findings


def validate(spec: KindSpec, doc: ParsedDocument, path: str, service: str | None,
             budget: FindingBudget | None = None) -> list[Finding]:
    """Validate ``doc`` (whose value is ``{kind: body}``) and prune invalid values.

    With a ``budget`` (the loader's, per file), findings past it are counted there instead
    of worked out; every invalid value is pruned all the same. With a budget, a document
    with more than ``ABANDON_AFTER`` errors raises ``DocumentAbandoned``: checking the rest
    of it could take seconds (cerberus costs about 50 µs a value) and help nobody.
    """
    findings: list[Finding] = []
    doomed: list[tuple[Any, ...]] = []

    def report(code: str, where: tuple[Any, ...], at_key: bool, message: str) -> None:
        line, column = doc.locate(where, key=at_key)
        findings.append(Finding(code, Severity.ERROR, path, line, column, message, service))

    def wanted() -> bool:
        return budget is None or budget.take(Severity.ERROR)

    for key_path, key in _non_text_keys(doc.value):
        if wanted():
            report("SCH003", key_path + (key,), True,
                   f"key {_describe(key)} in '{_dotted(key_path)}' must be text; quote it")
        doomed.append(key_path + (key,))
    for key_path in sorted(doomed, key=len, reverse=True):
        _prune(doc.value, key_path)

    validator = _validator(spec.name)
    validator.error_limit = None if budget is None else ABANDON_AFTER
    validator.errors_kept = 0 if budget is None else max(budget.left, 0)
    try:
        valid = validator.validate(doc.value, normalize=False)
    except TooManyErrors as stop:
        # Report the first errors found; the rest was never checked, so no value of the
        # document can be trusted and the loader leaves it out of the model.
        for error in sorted(stop.errors):
            if wanted():
                code, message, at_key = _message(spec, _Leaf(error, False, None), doc)
                where = tuple(error.document_path)
                report(code, where[:-1] if code == "SCH002" else where, at_key, message)
        findings.sort(key=lambda f: (f.line, f.column, f.code))
        raise DocumentAbandoned(findings) from None
    if not valid:
        for leaf in _leaves(validator._errors):
            doc_path = tuple(leaf.error.document_path)
            if leaf.error.code == cerr.REQUIRED_FIELD.code and not leaf.about_key:  # SCH002, at the mapping
                if wanted():
                    code, message, _ = _message(spec, leaf, doc)
                    report(code, doc_path[:-1], True, message)
                continue
            if wanted():
                code, message, at_key = _message(spec, leaf, doc)
                report(code, doc_path, at_key, message)
            doomed.append(leaf.row if leaf.row is not None and leaf.error.code != cerr.ITEMS_LENGTH.code else doc_path)
        for doc_path in sorted(set(doomed), key=len, reverse=True):
            _prune(doc.value, doc_path)
    findings.extend(_yaml11_warnings(doc, path, service, budget))
    findings.sort(key=lambda f: (f.line, f.column, f.code))
    return findings


def _non_text_keys(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """(mapping path, key) for every mapping key that is not text (``1:``, ``true:``, ``~:``).

    Every field name and free key of every kind is text; weeding the others out up front
    also keeps cerberus from comparing keys of mixed types, which it cannot do.
    """
    if isinstance(value, dict):
        for key, child in value.items():
            if not isinstance(key, str):
                yield path, key
            else:
                yield from _non_text_keys(child, path + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _non_text_keys(child, path + (index,))


def _yaml11_warnings(doc: ParsedDocument, path: str, service: str | None,
                     budget: FindingBudget | None = None) -> list[Finding]:
    """Plain scalars kept as text by YAML 1.2 that YAML 1.1 tools would read otherwise.

    Runs after pruning, so a value that already has a schema error is not reported twice.
    """
    findings = []
    for doc_path, reading in doc.yaml11_surprises.items():
        value = _get(doc.value, doc_path)
        if isinstance(value, str) and (budget is None or budget.take(Severity.WARNING)):
            line, column = doc.locate(doc_path)
            findings.append(Finding(
                "YAML009", Severity.WARNING, path, line, column,
                f"'{_dotted(doc_path)}' is the text {_short(value)} here, but YAML 1.1 tools read it as {reading}; quote it",
                service,
            ))
    return findings


def _get(value: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        try:
            value = value[part]
        except (KeyError, IndexError, TypeError):
            return None
    return value


def _prune(value: Any, path: tuple[Any, ...]) -> None:
    """Remove the value at ``path``; list items become None so that indexes stay stable."""
    for part in path[:-1]:
        try:
            value = value[part]
        except (KeyError, IndexError, TypeError):
            return
    last = path[-1] if path else None
    if isinstance(value, dict):
        value.pop(last, None)
    elif isinstance(value, list) and isinstance(last, int) and last < len(value):
        value[last] = None
