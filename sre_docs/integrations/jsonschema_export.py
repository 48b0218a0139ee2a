"""JSON Schema (draft 2020-12) for every document kind, made from the cerberus schemas.

Editors that speak the YAML language server protocol (VS Code's YAML extension, Neovim,
JetBrains IDEs) complete field names, show each field's documentation and underline
wrong values while the file is being written, long before the linter runs. The JSON
Schemas are derived from the same cerberus rules the loader enforces, so the editor and
the linter cannot drift apart: a rule this module does not know how to translate is an
error, not a silent gap.

Translation notes (the few places where JSON Schema says less than the linter):

* custom value types (identifier, duration, date, timestamp, …) become ``pattern``s built
  from the regexes in :mod:`sre_docs.schemas.types`; dates also carry ``format: date`` so
  a validator with format checking refuses 2026-02-30 as the linter does;
* ``above``/``below`` become ``exclusiveMinimum``/``exclusiveMaximum``;
* a JSON Schema ``integer`` accepts ``1.0`` and refuses ``true``; cerberus does the
  opposite. Neither is a value anyone means.
"""

from __future__ import annotations

import json
import re
from typing import Any

from sre_docs.schemas import KINDS, KindSpec
from sre_docs.schemas import types as value_types

DIALECT = "https://json-schema.org/draft/2020-12/schema"
#: File name of the schema that accepts a document of any kind.
ALL_KINDS_FILE = "sre-docs.schema.json"
INDEX_FILE = "index.json"

#: Custom cerberus type -> the regex in ``schemas.types`` that defines it.
_PATTERNS: dict[str, re.Pattern[str]] = {
    "identifier": value_types.IDENTIFIER,
    "duration": value_types.DURATION,
    "human_duration": value_types.HUMAN_DURATION,
    "date": value_types.DATE,
    "timestamp": value_types.TIMESTAMP,
    "month": value_types.MONTH,
    "clock": value_types.CLOCK,
    "channel": value_types.CHANNEL,
    "incident_id": value_types.INCIDENT_ID,
    "action_item_id": value_types.ACTION_ITEM_ID,
}
_FORMATS = {"date": "date"}
_PLAIN_TYPES = {"string": "string", "integer": "integer", "number": "number", "float": "number",
                "boolean": "boolean", "list": "array", "dict": "object"}
#: Rule keys handled by the parent rule or carrying no constraint of their own.
_STRUCTURAL = {"type", "meta", "required", "schema", "items", "keysrules", "valuesrules"}


class SchemaExportError(Exception):
    """A cerberus rule with no JSON Schema translation: extend this module with it."""


def json_pattern(pattern: re.Pattern[str]) -> str:
    """An anchored ECMA-262 pattern from a Python regex that is matched with ``re.match``."""
    source = pattern.pattern
    if source.endswith(r"\Z"):
        source = source[:-2] + "$"
    elif not source.endswith("$"):
        source += "$"
    return source if source.startswith("^") else "^" + source


def _type_schema(type_name: str) -> dict[str, Any]:
    if type_name in _PLAIN_TYPES:
        return {"type": _PLAIN_TYPES[type_name]}
    if type_name in _PATTERNS:
        schema: dict[str, Any] = {"type": "string", "pattern": json_pattern(_PATTERNS[type_name])}
        if type_name in _FORMATS:
            schema["format"] = _FORMATS[type_name]
        return schema
    raise SchemaExportError(f"cerberus type {type_name!r} has no JSON Schema translation")


def rule_to_schema(rule: dict[str, Any], where: str) -> dict[str, Any]:
    """The JSON Schema for one cerberus rule (``where`` names it in errors)."""
    declared = rule.get("type")
    names = [declared] if isinstance(declared, str) else list(declared or [])
    if not names:
        raise SchemaExportError(f"{where}: a rule without a type cannot be translated")
    alternatives = [_type_schema(name) for name in names]
    schema: dict[str, Any] = alternatives[0] if len(alternatives) == 1 else {"anyOf": alternatives}
    doc = (rule.get("meta") or {}).get("doc")
    column = (rule.get("meta") or {}).get("column")
    if column:
        schema["title"] = str(column)
    if doc:
        schema["description"] = str(doc)

    if "dict" in names:
        _object(schema, rule, where)
    if "list" in names:
        _array(schema, rule, where)
    for key, value in rule.items():
        if key in _STRUCTURAL:
            continue
        if key == "allowed":
            schema["enum"] = list(value)
        elif key == "min":
            schema["minimum"] = value
        elif key == "max":
            schema["maximum"] = value
        elif key == "above":
            schema["exclusiveMinimum"] = value
        elif key == "below":
            schema["exclusiveMaximum"] = value
        elif key in ("minlength", "maxlength"):
            bound = "min" if key == "minlength" else "max"
            if "list" in names:
                schema[f"{bound}Items"] = value
            if "string" in names or set(names) & set(_PATTERNS):
                schema[f"{bound}Length"] = value
        elif key == "empty":
            if value is False:
                if "list" in names:
                    schema["minItems"] = max(1, schema.get("minItems", 0))
                elif "dict" in names:
                    schema["minProperties"] = 1
                else:
                    schema["minLength"] = max(1, schema.get("minLength", 0))
        elif key == "regex":
            schema["pattern"] = json_pattern(re.compile(value))
        elif key == "nullable":
            if value:
                schema = {"anyOf": [schema, {"type": "null"}]}
        else:
            raise SchemaExportError(f"{where}: cerberus rule {key!r} has no JSON Schema translation")
    return schema


def _object(schema: dict[str, Any], rule: dict[str, Any], where: str) -> None:
    fields = rule.get("schema")
    if isinstance(fields, dict):
        schema["properties"] = {
            name: rule_to_schema(child, f"{where}.{name}") for name, child in fields.items()
        }
        required = [name for name, child in fields.items() if child.get("required")]
        if required:
            schema["required"] = required
    if isinstance(rule.get("keysrules"), dict):
        key_schema = rule_to_schema(rule["keysrules"], f"{where}.<key>")
        key_schema.pop("type", None)
        schema["propertyNames"] = key_schema
    if isinstance(rule.get("valuesrules"), dict):
        schema["additionalProperties"] = rule_to_schema(rule["valuesrules"], f"{where}.<value>")
    else:
        schema["additionalProperties"] = False


def _array(schema: dict[str, Any], rule: dict[str, Any], where: str) -> None:
    columns = rule.get("items")
    if columns:
        schema["prefixItems"] = [rule_to_schema(column, f"{where}[{i}]") for i, column in enumerate(columns)]
        schema["items"] = False
        schema["minItems"] = schema["maxItems"] = len(columns)
    elif isinstance(rule.get("schema"), dict):
        schema["items"] = rule_to_schema(rule["schema"], f"{where}[]")


def kind_schema(spec: KindSpec) -> dict[str, Any]:
    """The schema of a whole document of one kind: ``{kind: body}``."""
    body = rule_to_schema(spec.root_rule()[spec.name], spec.name)
    summary = " ".join(spec.summary.split("\n\n")[0].split())
    return {
        "$schema": DIALECT,
        "$id": schema_file(spec.name),
        "title": f"sre-docs {spec.name}",
        "description": summary,
        "type": "object",
        "properties": {spec.name: body},
        "required": [spec.name],
        "additionalProperties": False,
    }


def schema_file(kind: str) -> str:
    return f"{kind}.schema.json"


def all_kinds_schema(kinds: dict[str, KindSpec] = KINDS) -> dict[str, Any]:
    """One schema for any document: the single top-level key picks the kind's schema.

    ``if``/``then`` per kind (rather than ``oneOf``) lets an editor report the errors of the
    kind the author meant instead of "matches none of 18 alternatives".
    """
    definitions = {}
    for name, spec in kinds.items():
        single = kind_schema(spec)
        del single["$schema"], single["$id"]
        definitions[name] = single
    return {
        "$schema": DIALECT,
        "$id": ALL_KINDS_FILE,
        "title": "sre-docs document",
        "description": "A reliability repo document: a mapping with one top-level key naming its kind.",
        "type": "object",
        "minProperties": 1,
        "maxProperties": 1,
        "propertyNames": {"enum": list(kinds)},
        "allOf": [
            {"if": {"required": [name]}, "then": {"$ref": f"#/$defs/{name}"}} for name in kinds
        ],
        "$defs": definitions,
    }


def index(kinds: dict[str, KindSpec] = KINDS) -> dict[str, Any]:
    """What the folder holds, and the editor settings that use it."""
    return {
        "description": "JSON Schemas of the sre-docs document kinds, generated by `sre-docs schema export`.",
        "all_kinds": ALL_KINDS_FILE,
        "kinds": {
            name: {"file": schema_file(name), "scope": spec.scope,
                   "summary": " ".join(spec.summary.split("\n\n")[0].split())}
            for name, spec in kinds.items()
        },
        "vscode_settings": {"yaml.schemas": {f"./{ALL_KINDS_FILE}": ["services/**/*.yaml", "org/**/*.yaml"]}},
        "modeline": f"# yaml-language-server: $schema=<relative path to this folder>/{ALL_KINDS_FILE}",
    }


def export_files(kinds: dict[str, KindSpec] = KINDS) -> dict[str, str]:
    """File name -> JSON text, for every file ``sre-docs schema export`` writes."""
    files = {schema_file(name): kind_schema(spec) for name, spec in kinds.items()}
    files[ALL_KINDS_FILE] = all_kinds_schema(kinds)
    files[INDEX_FILE] = index(kinds)
    return {name: json.dumps(content, indent=2, ensure_ascii=False) + "\n" for name, content in files.items()}
