"""Check a parsed document against its kind's schema; turn cerberus errors into findings.

Invalid values are removed from the document after they are reported, so that the
model and the policies only ever see values of the declared type (a missing optional
field is the worst they meet).
"""

from __future__ import annotations

import difflib
from functools import lru_cache
from typing import Any

from cerberus import errors as cerr

from sre_docs.findings import Finding, Severity
from sre_docs.parse import ParsedDocument
from sre_docs.schemas import KINDS, KindSpec
from sre_docs.schemas.types import TYPE_DESCRIPTIONS, SchemaValidator


@lru_cache(maxsize=None)
def _validator(kind: str) -> SchemaValidator:
    return SchemaValidator(KINDS[kind].root_rule())


def _leaf_errors(errors: Any) -> list[cerr.ValidationError]:
    leaves = []
    for error in errors:
        if error.is_group_error:
            leaves.extend(_leaf_errors(error.child_errors))
        else:
            leaves.append(error)
    return leaves


def _dotted(path: tuple[Any, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _schema_at(spec: KindSpec, path: tuple[Any, ...]) -> dict[str, Any] | None:
    """The mapping schema that governs the mapping at ``path`` (for did-you-mean)."""
    rule: Any = spec.root_rule()[spec.name]
    for part in path[1:]:
        if rule is None:
            return None
        if isinstance(part, int):
            rule = rule.get("schema") if rule.get("type") == "list" else None
        else:
            schema = rule.get("schema") if rule.get("type") == "dict" else None
            rule = schema.get(part) if isinstance(schema, dict) else None
    if rule and rule.get("type") == "dict":
        return rule.get("schema")
    return None


def _message(spec: KindSpec, error: cerr.ValidationError, doc: ParsedDocument) -> tuple[str, str, bool]:
    """(code, message, point at key?) for one leaf error."""
    path = tuple(error.document_path)
    where = _dotted(path)
    value = error.value
    code = error.code
    if code == cerr.UNKNOWN_FIELD.code:
        known = _schema_at(spec, path[:-1]) or {}
        hint = difflib.get_close_matches(str(path[-1]), list(known), n=1, cutoff=0.6)
        suggestion = f"; did you mean '{hint[0]}'?" if hint else ""
        return "SCH001", f"unknown field '{where}' in {spec.name}{suggestion}", True
    if code == cerr.REQUIRED_FIELD.code:
        return "SCH002", f"missing required field '{where}' in {spec.name}", True
    if code in (cerr.BAD_TYPE.code, cerr.NOT_NULLABLE.code):
        expected = error.constraint if code == cerr.BAD_TYPE.code else error.rule_definition_schema
        names = expected if isinstance(expected, list) else [expected]
        wanted = " or ".join(TYPE_DESCRIPTIONS.get(str(n), (str(n), ""))[0] for n in names if isinstance(n, str))
        if value is None:
            return "SCH003", f"'{where}' is empty; it must be {wanted or 'set'}", False
        got = _describe(value)
        hint = ""
        surprise = doc.yaml11_surprises.get(path)
        if path in doc.plain_scalars and isinstance(value, (int, float, bool)) and "number" not in wanted:
            hint = f"; quote it to keep it as text" + (f" (YAML 1.1 tools read it as {surprise})" if surprise else "")
        return "SCH003", f"'{where}' must be {wanted}, got {got}{hint}", False
    if code == cerr.UNALLOWED_VALUE.code:
        allowed = ", ".join(str(a) for a in error.constraint)
        close = difflib.get_close_matches(str(value), [str(a) for a in error.constraint], n=1, cutoff=0.6)
        suggestion = f"; did you mean '{close[0]}'?" if close else ""
        return "SCH004", f"'{where}' is {value!r}, which is not one of: {allowed}{suggestion}", False
    if code in (cerr.MIN_VALUE.code, cerr.MAX_VALUE.code):
        bound = "at least" if code == cerr.MIN_VALUE.code else "at most"
        return "SCH005", f"'{where}' is {value!r}; it must be {bound} {error.constraint}", False
    if code in (cerr.MIN_LENGTH.code, cerr.MAX_LENGTH.code):
        bound = "at least" if code == cerr.MIN_LENGTH.code else "at most"
        return "SCH005", f"'{where}' has {len(value)} items; it must have {bound} {error.constraint}", False
    if code == cerr.REGEX_MISMATCH.code:
        return "SCH006", f"'{where}' is {value!r}, which does not match {error.constraint}", False
    if code == cerr.CUSTOM.code:
        detail = error.info[0] if error.info else "is invalid"
        return "SCH005", f"'{where}' is {value!r}; it {detail}", False
    return "SCH007", f"'{where}': invalid value ({error.rule})", False


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def validate(spec: KindSpec, doc: ParsedDocument, path: str, service: str | None) -> list[Finding]:
    """Validate ``doc`` (whose value is ``{kind: body}``) and prune invalid values."""
    validator = _validator(spec.name)
    findings = _yaml11_warnings(doc, path, service)
    if validator.validate(doc.value, normalize=False):
        return findings
    doomed: list[tuple[Any, ...]] = []
    for error in _leaf_errors(validator._errors):
        code, message, at_key = _message(spec, error, doc)
        doc_path = tuple(error.document_path)
        if code == "SCH002":
            line, column = doc.locate(doc_path[:-1], key=True)
        else:
            line, column = doc.locate(doc_path, key=at_key)
        findings.append(Finding(code, Severity.ERROR, path, line, column, message, service))
        if code != "SCH002":
            doomed.append(doc_path)
    for doc_path in sorted(doomed, key=len, reverse=True):
        _prune(doc.value, doc_path)
    return findings


def _yaml11_warnings(doc: ParsedDocument, path: str, service: str | None) -> list[Finding]:
    """Plain scalars kept as text by YAML 1.2 that YAML 1.1 tools would read otherwise."""
    findings = []
    for doc_path, reading in doc.yaml11_surprises.items():
        value = _get(doc.value, doc_path)
        if isinstance(value, str):
            line, column = doc.locate(doc_path)
            findings.append(Finding(
                "YAML009", Severity.WARNING, path, line, column,
                f"'{_dotted(doc_path)}' is the text {value!r} here, but YAML 1.1 tools read it as {reading}; quote it",
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
