"""Schema-shaped documents: each kind on its own, then whole repositories.

The documents mostly follow their kind's schema, so they get past the parser and the
schemas into the policies, the budget arithmetic, the charts and the scorecards, where the
interesting crashes live: a window of ``99999999999d``, a timestamp in year 1 at ``+14:00``,
a target of ``5e-324``, a rotation whose primary is not a member.
"""

from __future__ import annotations

import math
from typing import Any

import pytest
from fuzz_checks import check_findings, run_pipeline, write_repo
from fuzz_strategies import (
    emit_documents,
    hostile_repo,
    repo_files,
    schema_document,
    styles,
)
from fuzz_support import fuzz_settings, scratch
from hypothesis import given
from hypothesis import strategies as st

from sre_docs.loading.loader import SourceFile, load_bytes
from sre_docs.schemas import KINDS
from sre_docs.schemas.types import SchemaValidator

_TYPES = SchemaValidator({})


def _type_ok(type_name: str, value: Any) -> bool:
    if type_name == "list":
        return isinstance(value, list)
    if type_name == "dict":
        return isinstance(value, dict)
    if type_name == "string":
        return isinstance(value, str)
    if type_name == "boolean":
        return isinstance(value, bool)
    if type_name == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    return bool(getattr(_TYPES, f"_validate_type_{type_name}")(value))


def assert_declared_types(value: Any, rule: dict[str, Any], path: str) -> None:
    """What the model promises policies: every value left after validation has its declared type."""
    if value is None:
        return  # absent, or a pruned list item
    declared = rule.get("type", "string")
    types = [declared] if isinstance(declared, str) else list(declared)
    assert any(_type_ok(t, value) for t in types), f"{path}: {value!r} is not {types}"
    if isinstance(value, float):
        assert math.isfinite(value), path
    if "allowed" in rule:
        assert value in rule["allowed"], f"{path}: {value!r} not allowed"
    if isinstance(value, dict):
        fields = rule.get("schema")
        for key, item in value.items():
            assert isinstance(key, str), f"{path}: key {key!r}"
            if isinstance(fields, dict):
                assert key in fields, f"{path}.{key}: unknown field kept"
                assert_declared_types(item, fields[key], f"{path}.{key}")
            elif isinstance(rule.get("valuesrules"), dict):
                assert_declared_types(item, rule["valuesrules"], f"{path}.{key}")
    elif isinstance(value, list):
        if "items" in rule:
            assert len(value) == len(rule["items"]), f"{path}: row of {len(value)}"
            for index, (item, column) in enumerate(zip(value, rule["items"], strict=True)):
                assert_declared_types(item, column, f"{path}[{index}]")
        elif isinstance(rule.get("schema"), dict):
            for index, item in enumerate(value):
                assert_declared_types(item, rule["schema"], f"{path}[{index}]")


@fuzz_settings()
@given(kind=st.sampled_from(sorted(KINDS)), data=st.data())
def test_each_kind_validates_to_findings_and_declared_types(kind: str, data: st.DataObject) -> None:
    documents = data.draw(st.lists(schema_document(kind), min_size=1, max_size=3))
    text = emit_documents(documents, data.draw(styles))
    spec = KINDS[kind]
    source = SourceFile("org/doc.yaml", None) if spec.scope == "org" else SourceFile("services/checkout/doc.yaml", "checkout")
    loaded = load_bytes(text.encode("utf-8", "surrogatepass"), source)
    with scratch() as root:
        write_repo(root, {source.path: text.encode("utf-8", "surrogatepass")})
        check_findings(root, loaded.findings)
    for doc in loaded.documents:
        assert doc.kind == kind
        assert isinstance(doc.parsed.value, dict) and set(doc.parsed.value) <= {kind}
        assert_declared_types(doc.parsed.value.get(kind), spec.root_rule()[kind], kind)


@fuzz_settings(share=0.5)  # the costliest example: a repo through every policy, page and export
@given(files=st.one_of(repo_files(), hostile_repo()))
def test_schema_shaped_repositories(files: dict[str, bytes]) -> None:
    with scratch() as root:
        write_repo(root, files)
        run_pipeline(root)


# --- what the fuzzers found, pinned ----------------------------------------------------------------------


def _example(kind: str, old: str, new: str) -> str:
    text = KINDS[kind].example
    assert old in text, old
    return text.replace(old, new, 1)


_BASE = {
    "services/checkout/service.yaml": KINDS["service"].example,
    "services/checkout/slis.yaml": KINDS["sli"].example,
    "services/checkout/slos.yaml": KINDS["slo"].example,
    "services/checkout/incidents/INC-2026-014.yaml": KINDS["incident"].example,
    "org/teams.yaml": KINDS["team"].example,
}
FOUND: dict[str, tuple[dict[str, str], tuple[str, str, int, int] | None]] = {
    # (files over _BASE, a finding the repo must get: code, path, line, column)
    "burn rate 5e-324 overflowed the time to exhaustion (handbook)": (
        {"services/checkout/slos.yaml": _example("slo", "burn_rate: 13.44", "burn_rate: 5e-324")}, None),
    "a 0d window reached the budget arithmetic (BUD001, SLO002)": (
        {"services/checkout/slos.yaml": _example("slo", "window: 28d", "window: 0d")},
        ("SCH003", "services/checkout/slos.yaml", 7, 11)),
    "a 1000000000d window overflowed timedelta (SLO004)": (
        {"services/checkout/slos.yaml": _example("slo", "window: 28d", "window: 1000000000d")},
        ("SCH003", "services/checkout/slos.yaml", 7, 11)),
    "resolved in 9999 overflowed the postmortem due date (PM001)": (
        {"services/checkout/incidents/INC-2026-014.yaml": _example(
            "incident", "resolved: 2026-11-02T16:20:00Z", "resolved: 9999-12-31T23:59:59Z")},
        ("SCH003", "services/checkout/incidents/INC-2026-014.yaml", 15, 15)),
    "year 1 at +14:00 overflowed the UTC conversion (handbook)": (
        {"services/checkout/incidents/INC-2026-014.yaml": _example(
            "incident", "started: 2026-11-02T14:05:00Z", "started: 0001-01-01T00:00:00+14:00")},
        ("SCH003", "services/checkout/incidents/INC-2026-014.yaml", 11, 14)),
    "month 9999-12 of a monthly report": (
        {"org/reports/9999-12.yaml": _example("monthly_report", "period: 2026-10", "period: 9999-12")},
        ("SCH003", "org/reports/9999-12.yaml", 2, 11)),
    "a boolean in a whole-number field passed the schema (cerberus' integer takes bool)": (
        {"services/checkout/capacity.yaml": _example("capacity_model", "cooldown_seconds: 300", "cooldown_seconds: false")},
        ("SCH003", "services/checkout/capacity.yaml", 22, 23)),
    "a DEL after multi-byte text was placed by byte offset": (
        {"services/checkout/broken.yaml": "slo:\n  description: 日本語\x7f\n"},
        ("YAML001", "services/checkout/broken.yaml", 2, 19)),
    "a syntax error at the end of a file without a final line break was placed one line too far": (
        {"services/checkout/broken.yaml": "slo:\n  service: checkout\n  o"},
        ("YAML001", "services/checkout/broken.yaml", 3, 4)),
    "U+2028 counted as a line break by libyaml but not by editors": (
        {"services/checkout/broken.yaml": "slo:\u2028  service: checkout\n  sli: [\n"},
        ("YAML001", "services/checkout/broken.yaml", 3, 1)),
    "a lone CR is a line break for editors and for the not-UTF-8 finding": (
        {"services/checkout/broken.yaml": "slo:\r  service: checkout\r  sli: caf\udce9\r"},
        ("YAML007", "services/checkout/broken.yaml", 3, 11)),
}


@pytest.mark.parametrize("name", list(FOUND))
def test_found_by_fuzzing(name: str) -> None:
    files, expected = FOUND[name]
    with scratch() as root:
        write_repo(root, {p: t.encode("utf-8", "surrogateescape") for p, t in {**_BASE, **files}.items()})
        result, _ = run_pipeline(root)
        if expected is not None:
            assert [f for f in result.findings if (f.code, f.path, f.line, f.column) == expected], \
                [(f.code, f.path, f.line, f.column) for f in result.findings if f.path == expected[1]]
