"""The rules file and its overrides: merging, and every kind of mistake as file:line:col."""

from __future__ import annotations

from pathlib import Path

import pytest

from sre_docs.scorecard.check_registry import CHECKS
from sre_docs.scorecard.rules import RulesError, default_rules_bytes, load_rules


def _errors(config: str | None = None, base: str | None = None) -> list[tuple[str, int, int, str, str]]:
    with pytest.raises(RulesError) as caught:
        load_rules(config=config.encode() if config is not None else None, base=base.encode() if base is not None else None)
    return [(f.path, f.line, f.column, f.code, f.message) for f in caught.value.findings]


def test_shipped_rules_cover_every_dimension_and_check_exists() -> None:
    rules = load_rules()
    assert [d.id for d in rules.dimensions] == [
        "slos", "monitoring", "incident_response", "automation", "chaos_engineering", "capacity_planning",
        "toil_management", "oncall_health", "documentation",
    ]
    for dimension in rules.dimensions:
        assert {c.level for c in dimension.criteria} == {1, 2, 3, 4, 5}, dimension.id
        for criterion in dimension.criteria:
            assert criterion.check in CHECKS
            assert criterion.source.startswith("sre_docs/scorecard/rules.yaml:")
    assert rules.rubric["documentation"] == "documentation"
    assert rules.disagreement_levels == 2 and rules.history_days == (30, 90)


def test_every_check_documents_itself() -> None:
    for check in CHECKS.values():
        assert check.summary, f"{check.name} needs a docstring: the rules page shows it"


def test_override_changes_adds_moves_and_drops_criteria() -> None:
    rules = load_rules(config=b"""\
scorecard:
  settings: {disagreement_levels: 3, history_days: [7]}
  dimensions:
    oncall_health:
      levels:
        3:
          - id: rotation-of-five
            with: {min: 6}
          - id: follow-the-sun
            text: Follow-the-sun is enabled
            check: rotation_field
            with: {field: follow_the_sun.enabled}
        4:
          - id: handoffs-written
            enabled: false
        5:
          - id: secondary-layer
""")
    oncall = {c.id: c for c in rules.dimension("oncall_health").criteria}
    assert oncall["rotation-of-five"].params == {"min": 6}
    assert oncall["rotation-of-five"].source == "sre-docs.yaml:7"
    assert oncall["follow-the-sun"].level == 3 and oncall["follow-the-sun"].check == "rotation_field"
    assert "handoffs-written" not in oncall
    assert oncall["secondary-layer"].level == 5
    assert rules.disagreement_levels == 3 and rules.history_days == (7,)
    assert rules.fingerprint != load_rules().fingerprint
    assert rules.sources == ("sre_docs/scorecard/rules.yaml", "sre-docs.yaml")


def test_replace_starts_a_dimension_afresh_and_a_new_check_drops_old_parameters() -> None:
    rules = load_rules(config=b"""\
scorecard:
  dimensions:
    toil_management:
      replace: true
      levels:
        2:
          - {id: inventoried, text: Toil is inventoried, check: has_documents, with: {kind: toil_item}}
    slos:
      levels:
        2:
          - {id: slos-defined, check: has_alerts}
""")
    assert [c.id for c in rules.dimension("toil_management").criteria] == ["inventoried"]
    slos_defined = next(c for c in rules.dimension("slos").criteria if c.id == "slos-defined")
    assert slos_defined.check == "has_alerts" and slos_defined.params == {"min": 1}


def test_config_without_scorecard_key_keeps_the_shipped_rules(tmp_path: Path) -> None:
    (tmp_path / "sre-docs.yaml").write_text("fail_on: warning\n")
    assert load_rules(tmp_path).fingerprint == load_rules().fingerprint


CASES = [
    ("unknown check, with a suggestion", """\
scorecard:
  dimensions:
    slos:
      levels:
        3:
          - id: extra
            text: something
            check: slo_for_evry_sli
""", [("sre-docs.yaml", 8, 20, "SCR002", "'slos/extra': unknown evidence check 'slo_for_evry_sli'; did you mean 'slo_for_every_sli'?")]),
    ("unknown and out-of-range parameters", """\
scorecard:
  dimensions:
    oncall_health:
      levels:
        3:
          - id: rotation-of-five
            with: {min: 0, maxx: 3}
""", [
        ("sre-docs.yaml", 7, 28, "SCR003", "'oncall_health/rotation-of-five': check 'min_rotation_size' has no parameter 'maxx' (it takes: min)"),
        ("sre-docs.yaml", 7, 25, "SCR003", "'oncall_health/rotation-of-five: parameter min' is 0; it must be at least 1"),
    ]),
    ("parameter of the wrong type", """\
scorecard:
  dimensions:
    toil_management:
      levels:
        4:
          - id: under-budget
            with: {max_pct: "25%"}
""", [("sre-docs.yaml", 7, 29, "SCR003", "'toil_management/under-budget: parameter max_pct' must be a number, got '25%'")]),
    ("missing required parameter", """\
scorecard:
  dimensions:
    slos:
      levels:
        2:
          - {id: paged, text: Pages are rare, check: pages_per_shift}
""", [("sre-docs.yaml", 6, 47, "SCR003", "'slos/paged': check 'pages_per_shift' needs parameter 'below'")]),
    ("unknown dimension", """\
scorecard:
  dimensions:
    slo:
      levels: {}
""", [("sre-docs.yaml", 3, 5, "SCR005", "unknown scorecard dimension 'slo'; did you mean 'slos'?")]),
    ("level out of range", """\
scorecard:
  dimensions:
    slos:
      levels:
        6: []
""", [("sre-docs.yaml", 5, 9, "SCR001", "'scorecard.dimensions.slos.levels.6' is 6; it must be at most 5")]),
    ("new criterion without text and check", """\
scorecard:
  dimensions:
    slos:
      levels:
        2:
          - id: brand-new
""", [("sre-docs.yaml", 6, 13, "SCR001", "new criterion 'slos/brand-new' needs text and check")]),
    ("duplicate id in one file", """\
scorecard:
  dimensions:
    slos:
      levels:
        2:
          - {id: a, text: x, check: has_alerts}
        3:
          - {id: a, text: y, check: has_alerts}
""", [("sre-docs.yaml", 8, 18, "SCR004", "criterion id 'a' appears twice in dimension 'slos'")]),
    ("misspelt field", """\
scorecard:
  dimension: {}
""", [("sre-docs.yaml", 2, 3, "SCR001", "unknown field 'scorecard.dimension'; did you mean 'dimensions'?")]),
    ("rubric pointing nowhere", """\
scorecard:
  rubric: {documentation: docs}
""", [("sre-docs.yaml", 2, 27, "SCR006", "rubric dimension 'documentation' takes its level from 'docs', which is not a scorecard dimension")]),
    ("scorecard is not a mapping", "scorecard: [1, 2]\n",
     [("sre-docs.yaml", 1, 12, "SCR001", "scorecard rules must be a mapping")]),
    ("broken YAML", "scorecard:\n  dimensions: {slos: [\n",
     [("sre-docs.yaml", 3, 1, "YAML001", "syntax error: did not find expected node content (while parsing a flow node)")]),
]


@pytest.mark.parametrize("config, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_config_mistakes_are_findings_with_positions(config: str, expected: list) -> None:
    assert _errors(config) == expected


def test_a_base_file_missing_a_dimension_is_refused() -> None:
    base = default_rules_bytes().decode()
    cut = base.index("\n  toil_management:\n")
    end = base.index("\n  oncall_health:\n")
    errors = _errors(base=base[:cut] + base[end:])
    assert [(e[0], e[3], e[4]) for e in errors] == [
        ("sre_docs/scorecard/rules.yaml", "SCR005", "maturity dimension 'toil_management' has no rules"),
    ]


def test_rules_error_reads_as_one_line_per_finding() -> None:
    with pytest.raises(RulesError) as caught:
        load_rules(config=b"scorecard:\n  dimension: {}\n")
    assert str(caught.value) == "sre-docs.yaml:2:3: SCR001 unknown field 'scorecard.dimension'; did you mean 'dimensions'?"
