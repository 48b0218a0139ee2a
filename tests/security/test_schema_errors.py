"""A file full of schema errors costs time linear in its size, and reports a capped number of findings.

Before: cerberus re-sorted its error list on every error, so 8,000 unknown keys (60 KB) took
81 s and a 250 KB file over two minutes. The timings live in ``python -m benchmarks.hostile
schema``; these tests pin the behaviour that makes them linear: the cap, the count of the
rest, the document given up on, and the error order cerberus itself would give.
"""

from __future__ import annotations

import cerberus
import pytest

from sre_docs.findings import Finding, Severity
from sre_docs.loading.loader import SourceFile, load_bytes
from sre_docs.schemas import KINDS
from sre_docs.schemas.types import SchemaValidator
from sre_docs.yamltext.parse import Limits

SOURCE = SourceFile("services/checkout/hostile.yaml", "checkout")
HEAD = "slo:\n  service: checkout\n  sli: availability\n  target: 99.9\n  window: 28d\n"


def unknown_keys(count: int) -> bytes:
    return (HEAD + "".join(f"  unknown_{index:07d}: 1\n" for index in range(count))).encode()


def test_past_the_cap_findings_are_counted_in_one_finding() -> None:
    loaded = load_bytes(unknown_keys(150), SOURCE)
    assert len(loaded.findings) == 101
    # The head is lines 1-5, so unknown key i sits on line 6 + i.
    assert loaded.findings[0] == Finding("SCH001", Severity.ERROR, SOURCE.path, 6, 3,
                                         "unknown field 'slo.unknown_0000000' in slo", "checkout")
    assert loaded.findings[99].line == 6 + 99
    assert loaded.findings[100] == Finding(
        "DOC005", Severity.ERROR, SOURCE.path, 1, 1,
        "…and 50 more finding(s) in this file, not shown: sre-docs reports the first 100 of a file "
        "(limits.max_findings_per_file); fix these and lint again", "checkout")
    # Every invalid value is pruned all the same: the model sees none of the 150 keys.
    (document,) = loaded.documents
    assert sorted(document.parsed.value["slo"]) == ["service", "sli", "target", "window"]


def test_the_cap_is_a_limit_the_config_can_set() -> None:
    loaded = load_bytes(unknown_keys(5), SOURCE, Limits(max_findings_per_file=2))
    assert [(f.code, f.line) for f in loaded.findings] == [("SCH001", 6), ("SCH001", 7), ("DOC005", 1)]
    assert loaded.findings[-1].message.startswith("…and 3 more finding(s) in this file")


def test_warnings_past_the_cap_give_a_warning_count() -> None:
    data = (HEAD + "  stakeholders: [yes, no, on, off]\n").encode()
    loaded = load_bytes(data, SOURCE, Limits(max_findings_per_file=1))
    assert [(f.code, f.severity, f.line) for f in loaded.findings] == [
        ("YAML009", Severity.WARNING, 6), ("DOC005", Severity.WARNING, 1)]
    assert loaded.findings[-1].message.startswith("…and 3 more finding(s) in this file")


def test_a_megabyte_of_errors_gives_the_first_hundred_and_leaves_the_document_out() -> None:
    data = unknown_keys(49_000)
    assert 1_000_000 < len(data) <= Limits().max_file_bytes
    loaded = load_bytes(data, SOURCE)
    assert [f.code for f in loaded.findings] == ["SCH001"] * 100 + ["DOC005"]
    assert loaded.findings[-1] == Finding(
        "DOC005", Severity.ERROR, SOURCE.path, 1, 1,
        "this slo document has more than 1,000 schema errors; it was not checked further and is left out of the model",
        "checkout")
    assert loaded.documents == []


def test_bad_list_items_are_capped_the_same_way() -> None:
    head = "service:\n  name: checkout\n  tier: critical\n  owner_team: payments\n  dependencies:\n    upstream:\n"
    loaded = load_bytes((head + "    - 12345\n" * 2_000).encode(), SOURCE)
    assert [f.code for f in loaded.findings] == ["SCH003"] * 100 + ["DOC005"]
    assert (loaded.findings[0].line, loaded.findings[0].column) == (7, 7)
    assert loaded.documents == []


@pytest.mark.filterwarnings("ignore:Methods for type testing are deprecated:DeprecationWarning")
def test_errors_come_in_the_order_cerberus_itself_gives() -> None:
    document = {"slo": {"service": 1, "sli": [], "target": "x", "window": 5, "zz": 1, "aa": 2,
                        "burn_rate_alerts": [{"bogus": 1}, 7]}}
    # cerberus' own error handling (sorting on every error) with sre-docs' types.
    own_types = {name: value for name, value in vars(SchemaValidator).items() if name.startswith("_validate_type_")}
    plain = type("Plain", (cerberus.Validator,), {**own_types, "types_mapping": SchemaValidator.types_mapping})
    rule = KINDS["slo"].root_rule()
    ours, theirs = SchemaValidator(rule), plain(rule)
    ours.validate(document, normalize=False)
    theirs.validate(document, normalize=False)
    assert [(e.document_path, e.code) for e in ours._errors] == [(e.document_path, e.code) for e in theirs._errors]
    assert len(ours._errors) == 1  # one group error under "slo", the rest below it
    assert [(e.document_path, e.code) for e in ours._errors[0].child_errors] == [
        (e.document_path, e.code) for e in theirs._errors[0].child_errors]


def _rule_names(rules: dict) -> set[str]:
    """Every rule name used in a rules mapping and below it (not the field names)."""
    names = set(rules)
    types = rules.get("type", [])
    types = [types] if isinstance(types, str) else list(types)
    schema = rules.get("schema")
    if isinstance(schema, dict):
        if "dict" in types or not types and all(isinstance(v, dict) for v in schema.values()) and "list" not in types:
            for child in schema.values():
                names |= _rule_names(child)
        else:
            names |= _rule_names(schema)
    for key in ("valuesrules", "keysrules"):
        if isinstance(rules.get(key), dict):
            names |= _rule_names(rules[key])
    for key in ("items", "anyof", "oneof", "allof", "noneof"):
        for child in rules.get(key) or ():
            if isinstance(child, dict):
                names |= _rule_names(child)
    return names


def test_no_schema_uses_a_rule_that_reads_the_error_trees_we_do_not_keep() -> None:
    for spec in KINDS.values():
        used: set[str] = set()
        for rules in spec.root_rule().values():
            used |= _rule_names(rules)
        assert "type" in used, spec.name  # the walk does reach the rules
        assert not used & {"dependencies", "coerce", "default", "default_setter"}, spec.name
