"""The scorecard rules: the shipped ``rules.yaml``, tuned by a repository's ``sre-docs.yaml``.

The rules are data, not code, so an organisation can raise a bar (a rotation of six), add a
criterion or drop one without touching Python. Both files are read with ``sre_docs.yamltext.parse``
(YAML 1.2, positions kept) and checked with cerberus, then every criterion's check name and
parameters are checked against the evidence registry. Any problem is a ``Finding`` with the
file, line and column to fix, raised together as ``RulesError``; nothing is scored on rules
that did not validate.

Merging ``sre-docs.yaml`` (key ``scorecard:``) into the shipped rules: settings, level names
and rubric entries replace the shipped ones key by key; in a dimension, a criterion whose id
exists changes the fields it gives (``with`` is merged parameter by parameter) and moves to the
level it is listed under; a new id is added; ``enabled: false`` drops one; ``replace: true`` on
a dimension starts it from nothing.
"""

from __future__ import annotations

import difflib
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

from cerberus import errors as cerr

from sre_docs import __version__
from sre_docs.calc.scores import MATURITY_DIMENSIONS, QUALITY_RUBRIC
from sre_docs.findings import Finding, Severity
from sre_docs.yamltext.parse import ParsedDocument, parse_bytes
from sre_docs.schemas.types import SchemaValidator
from sre_docs.scorecard.check_registry import CHECKS

RULES_FILE = "sre_docs/scorecard/rules.yaml"
CONFIG_FILE = "sre-docs.yaml"
CONFIG_KEY = "scorecard"
LEVELS = range(1, 6)
MATURITY_IDS = tuple(d.id for d in MATURITY_DIMENSIONS)
RUBRIC_IDS = tuple(d.id for d in QUALITY_RUBRIC)


class RulesError(Exception):
    """The rules do not validate; ``findings`` say where and why."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        super().__init__("\n".join(f"{f.path}:{f.line}:{f.column}: {f.code} {f.message}" for f in findings))


@dataclass(frozen=True)
class Criterion:
    """One checkable requirement of a level of a dimension."""

    dimension: str
    level: int
    id: str
    text: str
    check: str
    params: Mapping[str, Any]
    #: Where the criterion was last defined or changed: ``path:line``.
    source: str

    @property
    def key(self) -> str:
        return f"{self.dimension}/{self.id}"


@dataclass(frozen=True)
class DimensionRules:
    id: str
    name: str
    criteria: tuple[Criterion, ...]

    def at(self, level: int) -> tuple[Criterion, ...]:
        return tuple(c for c in self.criteria if c.level == level)


@dataclass(frozen=True)
class Rules:
    """Validated, merged scorecard rules."""

    dimensions: tuple[DimensionRules, ...]
    rubric: Mapping[str, str]
    level_names: Mapping[int, str]
    disagreement_levels: int
    history_days: tuple[int, ...]
    sources: tuple[str, ...]
    fingerprint: str = field(default="")

    def dimension(self, dimension_id: str) -> DimensionRules:
        return next(d for d in self.dimensions if d.id == dimension_id)

    @property
    def maturity(self) -> tuple[DimensionRules, ...]:
        return tuple(d for d in self.dimensions if d.id in MATURITY_IDS)


# --- schemas -------------------------------------------------------------------------------------

def _criterion(required: bool) -> dict[str, Any]:
    need = {"required": True} if required else {}
    return {"type": "dict", "schema": {
        "id": {"type": "identifier", "required": True},
        "text": {"type": "string", "empty": False, **need},
        "check": {"type": "string", "empty": False, **need},
        "with": {"type": "dict"},
        "enabled": {"type": "boolean"},
    }}


def _file_schema(base: bool) -> dict[str, Any]:
    criteria = {"type": "list", "schema": _criterion(base)}
    dimension = {"type": "dict", "schema": {
        "name": {"type": "string", "empty": False},
        "replace": {"type": "boolean"},
        "levels": {"type": "dict", "keysrules": {"type": "integer", "min": 1, "max": 5}, "valuesrules": criteria,
                   **({"required": True} if base else {})},
    }}
    return {
        "version": {"type": "integer", "allowed": [1], **({"required": True} if base else {})},
        "settings": {"type": "dict", "schema": {
            "disagreement_levels": {"type": "integer", "min": 1, "max": 4},
            "history_days": {"type": "list", "minlength": 1, "maxlength": 12, "schema": {"type": "integer", "min": 1, "max": 3660}},
        }},
        "level_names": {"type": "dict", "keysrules": {"type": "integer", "min": 1, "max": 5},
                        "valuesrules": {"type": "string", "empty": False}},
        "rubric": {"type": "dict", "keysrules": {"type": "string", "allowed": list(RUBRIC_IDS)},
                   "valuesrules": {"type": "identifier"}},
        "dimensions": {"type": "dict", "keysrules": {"type": "identifier"}, "valuesrules": dimension, **({"required": True} if base else {})},
    }


# --- loading ---------------------------------------------------------------------------------------

@dataclass
class _Source:
    """A rules document and where its values sit: ``prefix`` is the path of the rules inside it."""

    path: str
    doc: ParsedDocument
    prefix: tuple[Any, ...]

    def finding(self, code: str, where: tuple[Any, ...], message: str, key: bool = False) -> Finding:
        line, column = self.doc.locate(self.prefix + tuple(where), key=key)
        return Finding(code, Severity.ERROR, self.path, line, column, message)

    def line(self, where: tuple[Any, ...]) -> int:
        return self.doc.locate(self.prefix + tuple(where), key=True)[0]


def _read(data: bytes, path: str) -> ParsedDocument | None:
    result = parse_bytes(data, path)
    if result.findings:
        raise RulesError(list(result.findings))
    docs = [d for d in result.documents if d.value is not None]
    if len(docs) > 1:
        raise RulesError([Finding("SCR001", Severity.ERROR, path, docs[1].locate(())[0], 1, "one YAML document expected, found several")])
    return docs[0] if docs else None


def default_rules_bytes() -> bytes:
    return resources.files("sre_docs.scorecard").joinpath("rules.yaml").read_bytes()


def load_rules(root: Path | str | None = None, *, base: bytes | None = None, config: bytes | None = None) -> Rules:
    """The shipped rules merged with ``<root>/sre-docs.yaml``'s ``scorecard:`` key, validated.

    ``base`` and ``config`` replace the two files' contents (tests, and scoring old commits
    with today's rules). Raises ``RulesError`` with findings when anything is wrong.
    """
    base_doc = _read(base if base is not None else default_rules_bytes(), RULES_FILE)
    if base_doc is None:
        raise RulesError([Finding("SCR001", Severity.ERROR, RULES_FILE, 1, 1, "the rules file is empty")])
    sources = [_Source(RULES_FILE, base_doc, ())]
    if config is None and root is not None:
        path = Path(root) / CONFIG_FILE
        config = path.read_bytes() if path.is_file() else None
    if config is not None:
        config_doc = _read(config, CONFIG_FILE)
        value = config_doc.value if config_doc else None
        if value is not None and not isinstance(value, dict):
            raise RulesError([Finding("SCR001", Severity.ERROR, CONFIG_FILE, 1, 1, "invalid config: sre-docs.yaml must be a mapping")])
        if config_doc is not None and value and value.get(CONFIG_KEY) is not None:
            sources.append(_Source(CONFIG_FILE, config_doc, (CONFIG_KEY,)))
    return build_rules(sources)


def _shape_findings(source: _Source, value: Any, base: bool) -> list[Finding]:
    if not isinstance(value, dict):
        return [source.finding("SCR001", (), "scorecard rules must be a mapping")]
    schema = _file_schema(base)
    validator = SchemaValidator(schema)
    if validator.validate(value, normalize=False):
        return []
    return [_shape_finding(source, error, schema) for error in _leaves(validator._errors)]


def _leaves(errors: Any) -> list[cerr.ValidationError]:
    out = []
    for error in errors:
        out.extend(_leaves(error.child_errors) if error.is_group_error else [error])
    return out


def _dotted(path: tuple[Any, ...]) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) and i else (f".{p}" if i else str(p)) for i, p in enumerate(path))


def _shape_finding(source: _Source, error: cerr.ValidationError, schema: dict[str, Any] | None = None,
                   label: str | None = None, code: str = "SCR001") -> Finding:
    """One cerberus error as a finding; ``label`` names the value in the message (default: its dotted path)."""
    path = tuple(error.document_path)
    where = label or ".".join(str(p) for p in source.prefix + path)
    kind = error.code
    if kind == cerr.UNKNOWN_FIELD.code:
        known = _known_keys(schema, path[:-1]) if schema else []
        close = difflib.get_close_matches(str(path[-1]), known, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else (f" (known: {', '.join(known)})" if known else "")
        return source.finding(code, path, f"unknown field '{where}'{hint}", key=True)
    if kind == cerr.REQUIRED_FIELD.code:
        return source.finding(code, path[:-1], f"missing required field '{where}'", key=True)
    at_key = bool(path) and error.value == path[-1]
    if kind == cerr.UNALLOWED_VALUE.code:
        allowed = error.constraint if isinstance(error.constraint, list) else [error.constraint]
        close = difflib.get_close_matches(str(error.value), [str(a) for a in allowed], n=1)
        hint = f"; did you mean '{close[0]}'?" if close else f" (allowed: {', '.join(map(str, allowed))})"
        return source.finding(code, path, f"'{where}' is {error.value!r}{hint}", key=at_key)
    if kind == cerr.BAD_TYPE.code:
        wanted = " or ".join(error.constraint) if isinstance(error.constraint, list) else error.constraint
        return source.finding(code, path, f"'{where}' must be {_TYPE_WORDS.get(wanted, wanted)}, got {error.value!r}", key=at_key)
    if kind in (cerr.MIN_VALUE.code, cerr.MAX_VALUE.code):
        bound = "at least" if kind == cerr.MIN_VALUE.code else "at most"
        return source.finding(code, path, f"'{where}' is {error.value!r}; it must be {bound} {error.constraint}", key=at_key)
    if kind in (cerr.MIN_LENGTH.code, cerr.MAX_LENGTH.code):
        bound = "at least" if kind == cerr.MIN_LENGTH.code else "at most"
        return source.finding(code, path, f"'{where}' must have {bound} {error.constraint} items")
    if kind == cerr.EMPTY_NOT_ALLOWED.code:
        return source.finding(code, path, f"'{where}' must not be empty")
    if kind == cerr.REGEX_MISMATCH.code:
        return source.finding(code, path, f"'{where}' is {error.value!r}, which is not a dotted field name such as observability.tracing")
    return source.finding(code, path, f"'{where}': invalid value {error.value!r} ({error.rule})")


_TYPE_WORDS = {"integer": "a whole number", "number": "a number", "string": "text", "boolean": "true or false",
               "list": "a list", "dict": "a mapping", "identifier": "a name (letters, digits, '.', '_', '-')"}


def _known_keys(schema: dict[str, Any], path: tuple[Any, ...]) -> list[str]:
    """Field names the schema allows in the mapping at ``path`` (for did-you-mean)."""
    rule: dict[str, Any] | None = {"type": "dict", "schema": schema}
    for part in path:
        if rule is None:
            return []
        if "valuesrules" in rule:
            rule = rule["valuesrules"]
        elif rule.get("type") == "list":
            rule = rule.get("schema")
        else:
            rule = (rule.get("schema") or {}).get(part)
    if rule and rule.get("type") == "list":
        rule = rule.get("schema")
    return list((rule or {}).get("schema") or {}) if rule else []


# --- merging and meaning --------------------------------------------------------------------------

@dataclass
class _Draft:
    """A criterion while the files are merged: its fields and where each came from."""

    level: int
    order: tuple[int, int]
    fields: dict[str, Any]
    origin: dict[str, tuple[_Source, tuple[Any, ...]]]


def build_rules(sources: list[_Source]) -> Rules:
    findings: list[Finding] = []
    for index, source in enumerate(sources):
        findings += _shape_findings(source, _value(source), base=index == 0)
    if findings:
        raise RulesError(findings)
    settings: dict[str, Any] = {"disagreement_levels": 2, "history_days": [30, 90]}
    level_names: dict[int, str] = {}
    rubric: dict[str, str] = {}
    names: dict[str, str] = {d.id: d.name for d in MATURITY_DIMENSIONS}
    names.update({d.id: d.name for d in QUALITY_RUBRIC})
    drafts: dict[str, dict[str, _Draft]] = {}
    rubric_origin: dict[str, tuple[_Source, tuple[Any, ...]]] = {}
    for rank, source in enumerate(sources):
        value = _value(source)
        settings.update(value.get("settings") or {})
        level_names.update(value.get("level_names") or {})
        for key, target in (value.get("rubric") or {}).items():
            rubric[key] = target
            rubric_origin[key] = (source, ("rubric", key))
        for dim_id, dim in (value.get("dimensions") or {}).items():
            if rank and dim_id not in drafts:
                close = difflib.get_close_matches(dim_id, list(drafts), n=1)
                hint = f"; did you mean '{close[0]}'?" if close else f" (known: {', '.join(drafts)})"
                findings.append(source.finding("SCR005", ("dimensions", dim_id), f"unknown scorecard dimension '{dim_id}'{hint}", key=True))
                continue
            if dim.get("name"):
                names[dim_id] = dim["name"]
            current = {} if dim.get("replace") else drafts.get(dim_id, {})
            drafts[dim_id] = current
            seen: set[str] = set()
            for level, entries in sorted((dim.get("levels") or {}).items()):
                for position, entry in enumerate(entries or []):
                    where = ("dimensions", dim_id, "levels", level, position)
                    ident = entry["id"]
                    if ident in seen:
                        findings.append(source.finding("SCR004", where + ("id",), f"criterion id '{ident}' appears twice in dimension '{dim_id}'"))
                        continue
                    seen.add(ident)
                    _merge(current, ident, level, (rank, len(current)), entry, source, where)
    findings += _meaning_findings(drafts, rubric, rubric_origin, sources)
    if findings:
        raise RulesError(findings)
    order = list(MATURITY_IDS) + [d for d in drafts if d not in MATURITY_IDS]
    dimensions = tuple(
        DimensionRules(dim_id, names.get(dim_id, dim_id.replace("_", " ").title()), tuple(
            Criterion(dim_id, d.level, ident, d.fields["text"], d.fields["check"], _params(d.fields),
                      f"{d.origin['id'][0].path}:{d.origin['id'][0].line(d.origin['id'][1])}")
            for ident, d in sorted(drafts[dim_id].items(), key=lambda kv: (kv[1].level, kv[1].order))
        ))
        for dim_id in order if dim_id in drafts
    )
    names_by_level = {level: level_names.get(level, f"Level {level}") for level in LEVELS}
    rules = Rules(dimensions, dict(rubric), names_by_level, settings["disagreement_levels"],
                  tuple(settings["history_days"]), tuple(s.path for s in sources))
    return replace(rules, fingerprint=fingerprint(rules))


def _value(source: _Source) -> Any:
    value = source.doc.value
    for part in source.prefix:
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _merge(current: dict[str, _Draft], ident: str, level: int, order: tuple[int, int], entry: dict[str, Any],
           source: _Source, where: tuple[Any, ...]) -> None:
    if entry.get("enabled") is False:
        current.pop(ident, None)
        return
    draft = current.get(ident)
    if draft is None:
        draft = current[ident] = _Draft(level, order, {}, {})
    elif draft.level != level:
        draft.level, draft.order = level, order
    if "check" in entry and draft.fields.get("check") not in (None, entry["check"]) and "with" not in entry:
        draft.fields.pop("with", None)  # another check: the old one's parameters do not carry over
        draft.origin.pop("with", None)
    for key in ("id", "text", "check"):
        if key in entry:
            draft.fields[key] = entry[key]
            draft.origin[key] = (source, where + (key,))
    if "with" in entry:
        replaced = "check" in entry and entry["check"] != draft.fields.get("check")
        base = {} if replaced else draft.fields.get("with", {})
        draft.fields["with"] = {**base, **entry["with"]}
        draft.origin["with"] = (source, where + ("with",))
    draft.origin.setdefault("entry", (source, where))
    draft.origin["last"] = (source, where)


def _params(fields: dict[str, Any]) -> dict[str, Any]:
    check = CHECKS[fields["check"]]
    return {**check.defaults, **fields.get("with", {})}


def _meaning_findings(drafts: dict[str, dict[str, _Draft]], rubric: dict[str, str],
                      rubric_origin: dict[str, tuple[_Source, tuple[Any, ...]]], sources: list[_Source]) -> list[Finding]:
    findings: list[Finding] = []
    base = sources[0]
    for dim_id in MATURITY_IDS:
        if dim_id not in drafts:
            findings.append(base.finding("SCR005", ("dimensions",), f"maturity dimension '{dim_id}' has no rules", key=True))
    for key in RUBRIC_IDS:
        if key not in rubric:
            findings.append(base.finding("SCR006", ("rubric",) if "rubric" in _value(base) else (), f"rubric dimension '{key}' is not mapped to a scorecard dimension", key=True))
    for key, target in rubric.items():
        if target not in drafts:
            source, where = rubric_origin[key]
            close = difflib.get_close_matches(target, list(drafts), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            findings.append(source.finding("SCR006", where, f"rubric dimension '{key}' takes its level from '{target}', which is not a scorecard dimension{hint}"))
    for dim_id, criteria in drafts.items():
        for ident, draft in criteria.items():
            source, where = draft.origin["last"]
            missing = [k for k in ("text", "check") if k not in draft.fields]
            if missing:
                findings.append(source.finding("SCR001", where, f"new criterion '{dim_id}/{ident}' needs {' and '.join(missing)}", key=True))
                continue
            name = draft.fields["check"]
            if name not in CHECKS:
                src, at = draft.origin["check"]
                close = difflib.get_close_matches(name, list(CHECKS), n=1)
                hint = f"; did you mean '{close[0]}'?" if close else ""
                findings.append(src.finding("SCR002", at, f"'{dim_id}/{ident}': unknown evidence check '{name}'{hint}"))
                continue
            findings += _param_findings(dim_id, ident, draft)
    return findings


def _param_findings(dim_id: str, ident: str, draft: _Draft) -> list[Finding]:
    check = CHECKS[draft.fields["check"]]
    params = draft.fields.get("with", {})
    validator = SchemaValidator(dict(check.params))
    if validator.validate(params, normalize=False):
        return []
    source, where = draft.origin.get("with") or draft.origin["check"]
    out = []
    for error in _leaves(validator._errors):
        path = tuple(error.document_path)
        name = ".".join(map(str, path))
        if error.code == cerr.UNKNOWN_FIELD.code:
            close = difflib.get_close_matches(str(path[-1]), list(check.params), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else (f" (it takes: {', '.join(check.params)})" if check.params else " (it takes none)")
            message = f"'{dim_id}/{ident}': check '{check.name}' has no parameter '{name}'{hint}"
            out.append(source.finding("SCR003", where + path, message, key=True))
        elif error.code == cerr.REQUIRED_FIELD.code:
            out.append(source.finding("SCR003", where, f"'{dim_id}/{ident}': check '{check.name}' needs parameter '{name}'", key=True))
        else:
            at = _Source(source.path, source.doc, source.prefix + where)
            out.append(_shape_finding(at, error, label=f"{dim_id}/{ident}: parameter {name}", code="SCR003"))
    return out


def fingerprint(rules: Rules) -> str:
    """A short hash of everything that changes a score: criteria, parameters, rubric and the tool version."""
    payload = {
        "version": __version__,
        "rubric": dict(sorted(rules.rubric.items())),
        "criteria": [[c.key, c.level, c.check, sorted(c.params.items(), key=lambda kv: kv[0])] for d in rules.dimensions for c in d.criteria],
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()[:16]
