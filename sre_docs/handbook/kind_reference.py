"""Reference pages for the document kinds, written from the schemas themselves.

The schema is the single source: a field added to a kind's schema shows up in its page,
with its type, whether it is required, its allowed values or range and its doc, so the
reference cannot drift from what the linter enforces.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable

from sre_docs.handbook.markup import md_cell, md_cell_with_code, md_code, md_fence
from sre_docs.schemas import KindSpec
from sre_docs.schemas.fields import types_of, walk
from sre_docs.schemas.types import TYPE_DESCRIPTIONS
from sre_docs.words import counted

#: Where documents of each scope live, in words.
SCOPE_WORDS = {
    "service": "in a service folder, `services/<service>/` (any file name, sub-folders allowed)",
    "org": "under `org/`, for the whole organisation",
    "any": "in a service folder, `services/<service>/`, for that service; or under `org/`, for every service",
}


def _number(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def describe_type(rule: dict[str, Any]) -> str:
    """A rule's type in words: ``a list of names``, ``a mapping``, ``a number``."""
    names = types_of(rule)
    if "list" in names:
        columns = rule.get("meta", {}).get("columns")
        if columns:
            return f"a row [{', '.join(columns)}]"
        item = rule.get("schema")
        if isinstance(item, dict) and isinstance(item.get("type"), (str, list)):
            if "list" in types_of(item) and item.get("meta", {}).get("columns"):
                return f"a list of rows [{', '.join(item['meta']['columns'])}]"
            return f"a list of {_plural(item)}"
        return "a list"
    if "dict" in names and isinstance(rule.get("valuesrules"), dict):
        keys = rule.get("keysrules", {})
        key_words = _words(types_of(keys)) if keys else "text"
        return f"a mapping from {key_words} to {_words(types_of(rule['valuesrules']))}"
    if "allowed" in rule:
        return "one of the listed values"
    return _words(names)


def _words(names: list[str]) -> str:
    return " or ".join(TYPE_DESCRIPTIONS.get(name, (name, ""))[0] for name in names) or "any value"


def _plural(item: dict[str, Any]) -> str:
    names = types_of(item)
    if names == ["dict"]:
        return "mappings"
    if names == ["string"]:
        return "texts"
    if names == ["identifier"]:
        return "names (letters, digits, `.`, `_`, `-`)"
    return f"items, each {_words(names)}"


def describe_constraints(rule: dict[str, Any]) -> str:
    """Allowed values or range of a rule, as Markdown (values as code)."""
    parts = []
    if "allowed" in rule:
        parts.append(", ".join(md_code(value) for value in rule["allowed"]))
    low, high = rule.get("min"), rule.get("max")
    if low is not None and high is not None:
        parts.append(f"{_number(low)} to {_number(high)}")
    elif low is not None:
        parts.append(f"at least {_number(low)}")
    elif high is not None:
        parts.append(f"at most {_number(high)}")
    if rule.get("above") is not None:
        parts.append(f"above {_number(rule['above'])}")
    if rule.get("below") is not None:
        parts.append(f"below {_number(rule['below'])}")
    if rule.get("minlength"):
        count = rule["minlength"]
        parts.append(f"at least {counted(count, 'item')}")
    if rule.get("empty") is False:
        parts.append("not empty")
    if isinstance(rule.get("keysrules"), dict):
        parts.append(f"keys: {md_cell(_words(types_of(rule['keysrules'])))}")
    example = _format_example(rule)
    if example:
        parts.append(f"e.g. {md_code(example)}")
    return "; ".join(parts)


def _format_example(rule: dict[str, Any]) -> str | None:
    """An example value for the string formats, whose shape is not obvious from the name."""
    names = types_of(rule)
    if len(names) != 1 or names[0] in ("string", "identifier", "number", "integer", "boolean", "list", "dict"):
        return None
    return TYPE_DESCRIPTIONS.get(names[0], ("", ""))[1] or None


def _field_rows(spec: KindSpec) -> list[str]:
    rows = []
    for path, rule in walk(spec.root_rule()[spec.name], ""):
        doc = rule.get("meta", {}).get("doc", "")
        column = rule.get("meta", {}).get("column")
        if column:
            doc = f"{column}: {doc}"
        cells = (
            md_code(path),
            md_cell_with_code(describe_type(rule)),
            "yes" if rule.get("required") else "",
            describe_constraints(rule),
            md_cell_with_code(doc),
        )
        rows.append("| " + " | ".join(cells) + " |")
    return rows


def _paragraphs(text: str) -> list[str]:
    return [md_cell_with_code(block) for block in text.split("\n\n") if block.strip()]


def kind_reference_page(spec: KindSpec) -> str:
    """The reference page of one kind: what it is for, where it lives, its fields, an example."""
    shape = (
        f"a list of mappings under the key {md_code(spec.name)}"
        if spec.body == "list" else f"a mapping under the key {md_code(spec.name)}"
    )
    lines = [
        f"# {md_code(spec.name)}",
        "",
        *[line for paragraph in _paragraphs(spec.summary) for line in (paragraph, "")],
        f"**Where it lives:** {md_cell_with_code(SCOPE_WORDS[spec.scope])}.",
        "",
        f"**Shape:** {shape}. A file may hold several documents separated by `---`.",
        "",
        "## Fields",
        "",
        "A required field inside an optional mapping or list item must be given whenever that mapping or item is.",
        "",
        "| Field | Type | Required | Allowed values / range | Description |",
        "|---|---|---|---|---|",
        *_field_rows(spec),
        "",
        "## Example",
        "",
        md_fence(spec.example, "yaml").rstrip("\n"),
        "",
    ]
    return "\n".join(lines)


def kinds_index_page(kinds: Iterable[KindSpec], *, link: Callable[[str], str] = lambda name: f"{name}.md") -> str:
    """The index of all kinds: one row per kind with where it lives and what it is for.

    ``link`` maps a kind's name to the relative address of its reference page.
    """
    lines = [
        "# Document kinds",
        "",
        "Every YAML document in the repository is a mapping with one top-level key, which names its kind.",
        "",
        "| Kind | Lives in | Purpose |",
        "|---|---|---|",
    ]
    for spec in kinds:
        where = {"service": "service folders", "org": "`org/`", "any": "service folders or `org/`"}[spec.scope]
        purpose = spec.summary.split("\n\n", 1)[0]
        target = link(spec.name).replace(" ", "%20").replace(")", "%29").replace("(", "%28")
        lines.append(f"| [{md_code(spec.name)}]({target}) | {md_cell_with_code(where)} | {md_cell_with_code(purpose)} |")
    lines.append("")
    return "\n".join(lines)
