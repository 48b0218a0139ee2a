"""Editor schemas: generated from the cerberus rules, accepting what the linter accepts, rejecting what it rejects."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from integration_helpers import example_root
from sre_docs.cli import main
from sre_docs.integrations.jsonschema_export import (
    ALL_KINDS_FILE, INDEX_FILE, SchemaExportError, all_kinds_schema, export_files, kind_schema, rule_to_schema,
    schema_file,
)
from sre_docs.loading.loader import SourceFile, load_bytes
from sre_docs.yamltext.parse import parse_bytes
from sre_docs.schemas import KINDS

Validator = jsonschema.Draft202012Validator
ANY_KIND = Validator(all_kinds_schema(), format_checker=Validator.FORMAT_CHECKER)


def _source(kind: str) -> SourceFile:
    if KINDS[kind].scope == "org":
        return SourceFile(f"org/{kind}.yaml", None)
    return SourceFile(f"services/checkout/{kind}.yaml", "checkout")


def _shape_findings(kind: str, text: str) -> list[str]:
    loaded = load_bytes(text.encode(), _source(kind))
    return [f.code for f in loaded.findings if f.code.startswith("SCH")]


def _json_errors(text: str, kind: str | None = None) -> list[str]:
    value = parse_bytes(text.encode(), "x.yaml").documents[0].value
    validator = ANY_KIND if kind is None else Validator(kind_schema(KINDS[kind]), format_checker=Validator.FORMAT_CHECKER)
    return [e.message for e in validator.iter_errors(value)]


@pytest.mark.parametrize("kind", list(KINDS))
def test_each_schema_is_valid_draft_2020_12_and_accepts_the_example(kind):
    schema = kind_schema(KINDS[kind])
    Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert _json_errors(KINDS[kind].example, kind) == []
    assert _json_errors(KINDS[kind].example) == []


def test_descriptions_come_from_the_field_docs():
    slo = kind_schema(KINDS["slo"])["properties"]["slo"]
    assert slo["additionalProperties"] is False
    assert set(slo["required"]) == {"service", "sli", "target", "window"}
    target = slo["properties"]["target"]
    assert target == {"type": "number", "description": KINDS["slo"].schema["target"]["meta"]["doc"],
                      "exclusiveMinimum": 0, "exclusiveMaximum": 100}
    severity = slo["properties"]["burn_rate_alerts"]["items"]["properties"]["severity"]
    assert severity["enum"] == ["page", "ticket"]


def test_every_document_of_the_example_organisation_is_accepted():
    root = example_root()
    if root is None:
        pytest.skip("the example organisation is not in this checkout")
    checked = 0
    for path in sorted([*root.glob("services/**/*.yaml"), *root.glob("org/**/*.yaml")]):
        for doc in parse_bytes(path.read_bytes(), str(path)).documents:
            errors = [e.message for e in ANY_KIND.iter_errors(doc.value)]
            assert errors == [], f"{path.relative_to(root)} document {doc.index}: {errors}"
            checked += 1
    assert checked > 50


#: (kind, document) pairs that are wrong in shape: the linter and the JSON Schema must both refuse them.
BAD_DOCUMENTS = [
    ("slo", "slo:\n  service: checkout\n  sli: x\n  target: 100\n  window: 28d\n"),         # not below 100
    ("slo", "slo:\n  service: checkout\n  sli: x\n  target: 99.9\n  window: 4 weeks\n"),    # duration format
    ("slo", "slo:\n  service: checkout\n  sli: x\n  target: 99.9\n"),                         # window missing
    ("slo", "slo:\n  service: checkout\n  sli: x\n  target: 99.9\n  window: 28d\n  wnidow: 1d\n"),  # unknown field
    ("slo", "slo:\n  service: checkout\n  sli: x\n  target: '99.9'\n  window: 28d\n"),      # text, not a number
    ("slo", "slo:\n  service: checkout\n  sli: x\n  target: 99.9\n  window: 28d\n  burn_rate_alerts:\n"
            "    - {name: a, burn_rate: 0, short_window: 5m, long_window: 1h, severity: page}\n"),  # not above 0
    ("slo", "slo:\n  service: checkout\n  sli: x\n  target: 99.9\n  window: 28d\n  burn_rate_alerts:\n"
            "    - {name: a, burn_rate: 2, short_window: 5m, long_window: 1h, severity: wake-up}\n"),  # enum
    ("service", "service:\n  name: -bad\n  tier: critical\n  owner_team: t\n"),              # identifier
    ("service", "service:\n  name: a\n  tier: gold\n  owner_team: t\n"),                     # enum
    ("service", "service:\n  name: a\n  tier: critical\n  owner_team: t\n  peak_rps: -1\n"),  # minimum
    ("runbook", "runbook:\n  title: t\n  alert_name: a\n  last_updated: 2026-13-01\n"),     # date
    ("runbook", "runbook:\n  title: t\n  alert_name: a\n  last_updated: 2026-02-30\n"),     # not a real date
    ("runbook", "runbook:\n  title: ''\n  alert_name: a\n  last_updated: 2026-02-03\n"),    # empty required text
    ("incident", "incident:\n  id: INC-26-1\n  title: t\n  services: [a]\n  severity: SEV1\n  status: detect\n"
                 "  timestamps: {started: 2026-01-01T10:00Z}\n"),                               # id pattern
    ("incident", "incident:\n  id: INC-2026-001\n  title: t\n  services: []\n  severity: SEV1\n  status: detect\n"
                 "  timestamps: {started: 2026-01-01T10:00Z}\n"),                               # min items
    ("incident", "incident:\n  id: INC-2026-001\n  title: t\n  services: [a]\n  severity: SEV1\n  status: detect\n"
                 "  timestamps: {started: 2026-01-01T10:00}\n"),                                # timezone required
    ("measurements", "measurements:\n  slo: a\n  resolution: 1d\n  points:\n    - [2026-11-01, 5]\n"),  # row width
    ("oncall_rotation", "oncall_rotation:\n  name: r\n  team: t\n  members: [a]\n  primary: [a]\n"
                        "  health:\n    - period: 2026-10\n      pages_by_member: {'bad key!': 1}\n"),  # key pattern
    ("maturity_assessment", "maturity_assessment:\n  service: a\n  date: 2026-01-01\n  scores: {slos: 6, monitoring: 1,"
                            " incident_response: 1, automation: 1, chaos_engineering: 1, capacity_planning: 1,"
                            " toil_management: 1, oncall_health: 1}\n"),                         # maximum
]


@pytest.mark.parametrize(("kind", "text"), BAD_DOCUMENTS, ids=[f"{k}-{i}" for i, (k, _) in enumerate(BAD_DOCUMENTS)])
def test_linter_and_json_schema_both_reject(kind, text):
    assert _shape_findings(kind, text), "the linter accepts it"
    assert _json_errors(text, kind), "the kind's JSON Schema accepts it"
    assert _json_errors(text), "the all-kinds JSON Schema accepts it"


def test_all_kinds_schema_refuses_unknown_kinds_and_two_keys():
    assert _json_errors("sloo:\n  service: a\n")
    assert _json_errors("slo:\n  service: a\n  sli: b\n  target: 99\n  window: 1d\nsli:\n  name: b\n  type: latency\n")


def test_a_rule_without_translation_is_an_error():
    with pytest.raises(SchemaExportError, match="coerce"):
        rule_to_schema({"type": "string", "coerce": int}, "x")
    with pytest.raises(SchemaExportError, match="no JSON Schema translation"):
        rule_to_schema({"type": "ipv4"}, "x")


def test_cli_writes_a_schema_per_kind_and_an_index(tmp_path: Path):
    out = tmp_path / "schemas"
    assert main(["schema", "export", str(out)]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted([*(schema_file(k) for k in KINDS), ALL_KINDS_FILE, INDEX_FILE])
    index = json.loads((out / INDEX_FILE).read_text())
    assert set(index["kinds"]) == set(KINDS)
    assert index["vscode_settings"]["yaml.schemas"] == {"./sre-docs.schema.json": ["services/**/*.yaml", "org/**/*.yaml"]}
    assert json.loads((out / "slo.schema.json").read_text()) == json.loads(export_files()["slo.schema.json"])
