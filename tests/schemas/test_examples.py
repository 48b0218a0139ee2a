"""Every kind's EXAMPLE is a valid document, every kind is registered, every field is documented."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import sre_docs.schemas as schemas
from sre_docs.loading.loader import SourceFile, load_bytes
from sre_docs.yamltext.parse import parse_bytes
from sre_docs.schemas import KINDS, MODULES, KindSpec
from sre_docs.schemas import vocabulary
from sre_docs.schemas.fields import types_of, walk
from sre_docs.schemas.types import TYPE_DESCRIPTIONS
from sre_docs.schemas.validate import did_you_mean, validate

SPECS = list(KINDS.values())


def _source(spec: KindSpec) -> SourceFile:
    if spec.scope == "org":
        return SourceFile(f"org/{spec.name}.yaml", None)
    return SourceFile(f"services/checkout/{spec.name}.yaml", "checkout")


def _types(spec: KindSpec) -> set[str]:
    root = spec.root_rule()[spec.name]
    found = set(types_of(root))
    for _, rule in walk(root, ""):
        found.update(types_of(rule))
        for key in ("schema", "keysrules"):  # item rules of plain lists, free keys
            inner = rule.get(key)
            if isinstance(inner, dict) and isinstance(inner.get("type"), (str, list)):
                found.update(types_of(inner))
    return found


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_example_loads_without_findings(spec: KindSpec) -> None:
    loaded = load_bytes(spec.example.encode("utf-8"), _source(spec))
    assert [(f.code, f.line, f.column, f.message) for f in loaded.findings] == []
    assert [d.kind for d in loaded.documents] == [spec.name]


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_example_validates_directly(spec: KindSpec) -> None:
    parsed = parse_bytes(spec.example.encode("utf-8"), "example.yaml")
    assert parsed.findings == [] and len(parsed.documents) == 1
    assert validate(spec, parsed.documents[0], "example.yaml", None) == []


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_every_field_has_a_doc(spec: KindSpec) -> None:
    root = spec.root_rule()[spec.name]
    fields = list(walk(root, ""))
    assert fields, "a kind without fields"
    undocumented = [path for path, rule in fields if not rule.get("meta", {}).get("doc", "").strip()]
    assert undocumented == []


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_every_type_is_described(spec: KindSpec) -> None:
    """Messages and reference pages describe each type in words."""
    assert _types(spec) <= set(TYPE_DESCRIPTIONS)


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_module_metadata(spec: KindSpec) -> None:
    assert spec.scope in ("service", "org", "any")
    assert spec.body in ("dict", "list")
    assert len(spec.summary.splitlines()[0]) > 20, "the docstring's first line summarises the kind"


def test_every_schema_module_is_registered() -> None:
    kinds = set()
    for info in pkgutil.iter_modules(schemas.__path__):
        module = importlib.import_module(f"sre_docs.schemas.{info.name}")
        if hasattr(module, "KIND"):
            kinds.add(module.KIND)
            assert module in MODULES, f"{info.name} defines a kind but is not in MODULES"
    assert kinds == set(KINDS)
    assert len(KINDS) == 18


def test_scopes_follow_the_design() -> None:
    scopes = {name: spec.scope for name, spec in KINDS.items()}
    assert {k for k, s in scopes.items() if s == "org"} == {"team", "oncall_rotation", "monthly_report"}
    assert {k for k, s in scopes.items() if s == "any"} == {"error_budget_policy", "auto_remediation"}
    assert KINDS["auto_remediation"].body == "list"


def test_registry_order_starts_with_the_service() -> None:
    assert list(KINDS)[:4] == ["service", "sli", "slo", "measurements"]
    assert list(KINDS)[-1] == "monthly_report"


def test_vocabulary_prr_checklist() -> None:
    checks = vocabulary.PRR_CHECKS
    assert len(checks) == 28 == len(set(vocabulary.PRR_CHECK_IDS))
    categories = [c for c, _ in vocabulary.PRR_CATEGORIES]
    for check in checks:
        assert check.id.split(".", 1)[0] == check.category
        assert check.category in categories
        assert check.text
    # the checklist runs category by category, in the categories' order
    order = [categories.index(check.category) for check in checks]
    assert order == sorted(order)


def test_vocabulary_orders() -> None:
    assert vocabulary.SEVERITIES == ("SEV1", "SEV2", "SEV3", "SEV4")
    assert vocabulary.ALERT_SEVERITIES == ("P0", "P1", "P2", "P3")
    assert vocabulary.INCIDENT_STATUSES[0] == "detect" and vocabulary.INCIDENT_STATUSES[-1] == "review"
    assert len(vocabulary.MATURITY_DIMENSIONS) == 8
    assert set(KINDS["maturity_assessment"].schema["scores"]["schema"]) == set(vocabulary.MATURITY_DIMENSIONS)
    assert KINDS["service"].schema["tier"]["allowed"] == list(vocabulary.TIERS)


@pytest.mark.parametrize(("word", "candidates", "expected"), [
    ("servce", ["service", "sli"], "service"),
    ("Critical", ["critical", "important"], "critical"),
    ("sev1", ["SEV1", "SEV2"], "SEV1"),
    ("in_review", ["draft", "in-review", "final"], "in-review"),
    ("user_report", ["alert", "user report"], "user report"),
    ("burn_rate_alert", ["burn_rate_alerts", "burn_rate"], "burn_rate_alerts"),
    ("oncall", ["oncall_rotation", "owner_team"], "oncall_rotation"),
    ("zzz", ["critical", "important"], None),
])
def test_did_you_mean(word: str, candidates: list[str], expected: str | None) -> None:
    assert did_you_mean(word, candidates) == expected


def test_did_you_mean_prefers_fields_not_yet_given() -> None:
    assert did_you_mean("owner_teams", ["owner_team", "owner"], exclude=["owner_team"]) == "owner"
    assert did_you_mean("owner_teams", ["owner_team"], exclude=["owner_team"]) == "owner_team"
