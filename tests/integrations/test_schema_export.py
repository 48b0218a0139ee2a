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


#: Documents wrong in shape, each with the one linter finding (code, line, column) and the one JSON Schema
#: error (where, which keyword) it must cause: the two must refuse the same thing at the same place.
BAD_DOCUMENTS = [
    ("slo", "slo:\n  service: checkout\n  sli: x\n  target: 100\n  window: 28d\n",         # not below 100
     ("SCH005", 4, 11), ("$.slo.target", "exclusiveMaximum")),
    ("slo", "slo:\n  service: checkout\n  sli: x\n  target: 99.9\n  window: 4 weeks\n",    # duration format
     ("SCH003", 5, 11), ("$.slo.window", "pattern")),
    ("slo", "slo:\n  service: checkout\n  sli: x\n  target: 99.9\n",                         # window missing
     ("SCH002", 1, 1), ("$.slo", "required")),
    ("slo", "slo:\n  service: checkout\n  sli: x\n  target: 99.9\n  window: 28d\n  wnidow: 1d\n",  # unknown field
     ("SCH001", 6, 3), ("$.slo", "additionalProperties")),
    ("slo", "slo:\n  service: checkout\n  sli: x\n  target: '99.9'\n  window: 28d\n",      # text, not a number
     ("SCH003", 4, 11), ("$.slo.target", "type")),
    ("slo", "slo:\n  service: checkout\n  sli: x\n  target: 99.9\n  window: 28d\n  burn_rate_alerts:\n"
            "    - {name: a, burn_rate: 0, short_window: 5m, long_window: 1h, severity: page}\n",  # not above 0
     ("SCH005", 7, 28), ("$.slo.burn_rate_alerts[0].burn_rate", "exclusiveMinimum")),
    ("slo", "slo:\n  service: checkout\n  sli: x\n  target: 99.9\n  window: 28d\n  burn_rate_alerts:\n"
            "    - {name: a, burn_rate: 2, short_window: 5m, long_window: 1h, severity: wake-up}\n",  # enum
     ("SCH004", 7, 76), ("$.slo.burn_rate_alerts[0].severity", "enum")),
    ("service", "service:\n  name: -bad\n  tier: critical\n  owner_team: t\n",              # identifier
     ("SCH003", 2, 9), ("$.service.name", "pattern")),
    ("service", "service:\n  name: a\n  tier: gold\n  owner_team: t\n",                     # enum
     ("SCH004", 3, 9), ("$.service.tier", "enum")),
    ("service", "service:\n  name: a\n  tier: critical\n  owner_team: t\n  peak_rps: -1\n",  # minimum
     ("SCH005", 5, 13), ("$.service.peak_rps", "minimum")),
    ("runbook", "runbook:\n  title: t\n  alert_name: a\n  last_updated: 2026-13-01\n",     # date
     ("SCH003", 4, 17), ("$.runbook.last_updated", "format")),
    ("runbook", "runbook:\n  title: t\n  alert_name: a\n  last_updated: 2026-02-30\n",     # not a real date
     ("SCH003", 4, 17), ("$.runbook.last_updated", "format")),
    ("runbook", "runbook:\n  title: ''\n  alert_name: a\n  last_updated: 2026-02-03\n",    # empty required text
     ("SCH003", 2, 10), ("$.runbook.title", "minLength")),
    ("incident", "incident:\n  id: INC-26-1\n  title: t\n  services: [a]\n  severity: SEV1\n  status: detect\n"
                 "  timestamps: {started: 2026-01-01T10:00Z}\n",                               # id pattern
     ("SCH003", 2, 7), ("$.incident.id", "pattern")),
    ("incident", "incident:\n  id: INC-2026-001\n  title: t\n  services: []\n  severity: SEV1\n  status: detect\n"
                 "  timestamps: {started: 2026-01-01T10:00Z}\n",                               # min items
     ("SCH005", 4, 13), ("$.incident.services", "minItems")),
    ("incident", "incident:\n  id: INC-2026-001\n  title: t\n  services: [a]\n  severity: SEV1\n  status: detect\n"
                 "  timestamps: {started: 2026-01-01T10:00}\n",                                # timezone required
     ("SCH003", 7, 25), ("$.incident.timestamps.started", "pattern")),
    ("measurements", "measurements:\n  slo: a\n  resolution: 1d\n  points:\n    - [2026-11-01, 5]\n",  # row width
     ("SCH005", 5, 7), ("$.measurements.points[0]", "minItems")),
    ("oncall_rotation", "oncall_rotation:\n  name: r\n  team: t\n  members: [a]\n  primary: [a]\n"
                        "  health:\n    - period: 2026-10\n      pages_by_member: {'bad key!': 1}\n",  # key pattern
     ("SCH003", 8, 25), ("$.oncall_rotation.health[0].pages_by_member", "pattern")),
    ("maturity_assessment", "maturity_assessment:\n  service: a\n  date: 2026-01-01\n  scores: {slos: 6, monitoring: 1,"
                            " incident_response: 1, automation: 1, chaos_engineering: 1, capacity_planning: 1,"
                            " toil_management: 1, oncall_health: 1}\n",                         # maximum
     ("SCH005", 4, 18), ("$.maturity_assessment.scores.slos", "maximum")),
]


def _json_places(text: str, kind: str | None = None) -> list[tuple[str, str]]:
    value = parse_bytes(text.encode(), "x.yaml").documents[0].value
    validator = ANY_KIND if kind is None else Validator(kind_schema(KINDS[kind]), format_checker=Validator.FORMAT_CHECKER)
    return [(e.json_path, str(e.validator)) for e in validator.iter_errors(value)]


@pytest.mark.parametrize(("kind", "text", "finding", "error"), BAD_DOCUMENTS,
                         ids=[f"{k}-{i}" for i, (k, *_) in enumerate(BAD_DOCUMENTS)])
def test_linter_and_json_schema_both_reject(kind, text, finding, error):
    loaded = load_bytes(text.encode(), _source(kind))
    assert [(f.code, f.line, f.column) for f in loaded.findings] == [finding]
    assert _json_places(text, kind) == [error]
    assert _json_places(text) == [error]


def test_all_kinds_schema_refuses_unknown_kinds_and_two_keys():
    assert _json_places("sloo:\n  service: a\n") == [("$", "enum")]
    two = "slo:\n  service: a\n  sli: b\n  target: 99\n  window: 1d\nsli:\n  name: b\n  type: latency\n"
    # One kind key per document: too many properties, and neither key alone is allowed beside the other.
    assert _json_places(two) == [("$", "maxProperties"), ("$", "additionalProperties"), ("$", "additionalProperties")]


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
