"""Every formatter's exact output; SARIF against the official schema; hostile text escaped."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from sre_docs import __version__
from sre_docs.lint.baseline import fingerprint
from sre_docs.lint.catalog import load_catalog
from sre_docs.findings import Finding, Severity
from sre_docs.lint.formatters import Rule, format_github, format_json, format_junit, format_sarif, format_text, github_data

SARIF_SCHEMA = Path(__file__).resolve().parents[3] / "shared" / "schemas" / "sarif-schema-2.1.0.json"

FINDINGS = [
    Finding("SLO001", Severity.ERROR, "services/checkout/slos.yaml", 4, 11, "SLO target 99.9% is not above its SLA", "checkout"),
    Finding("PM005", Severity.WARNING, "services/checkout/postmortems/INC 1.yaml", 9, 14, "blaming language 'human error'", "checkout"),
    Finding("ONC002", Severity.INFO, "org/oncall/payments.yaml", 10, 27, "false positive rate was 45", None),
]
RULES = [
    Rule("SLO001", "slo-not-above-sla", "An SLO is not stricter than its SLA.", "Target must sit above the SLA.",
         "# SLO001\n\nRaise the target.", Severity.ERROR),
    Rule("PM005", "blaming-language", "A postmortem uses blaming language.", "Looks for blame.", "Rewrite it.",
         Severity.WARNING),
    Rule("ONC002", "oncall-health-critical", "On-call health is critical.", "Reads the health table.", "Fix paging.",
         Severity.WARNING),
    Rule("CAT001", "unknown-dependency", "A dependency does not exist.", "Checks names.", "Fix the name.",
         Severity.ERROR),
]


def test_text():
    assert format_text(FINDINGS) == (
        "services/checkout/slos.yaml:4:11: error SLO001 SLO target 99.9% is not above its SLA\n"
        "services/checkout/postmortems/INC 1.yaml:9:14: warning PM005 blaming language 'human error'\n"
        "org/oncall/payments.yaml:10:27: info ONC002 false positive rate was 45\n"
        "3 finding(s): 1 error(s), 1 warning(s), 1 info in 3 file(s)\n"
    )
    assert format_text([]) == "no findings\n"


def test_json():
    assert format_json(FINDINGS[:1]) == (
        '{\n  "findings": [\n    {\n      "code": "SLO001",\n      "severity": "error",\n'
        '      "path": "services/checkout/slos.yaml",\n      "line": 4,\n      "column": 11,\n'
        '      "message": "SLO target 99.9% is not above its SLA",\n      "service": "checkout"\n    }\n  ],\n'
        '  "summary": {\n    "total": 1,\n    "error": 1,\n    "warning": 0,\n    "info": 0,\n    "files": 1\n  }\n}\n'
    )
    document = json.loads(format_json(FINDINGS))
    assert document["summary"] == {"total": 3, "error": 1, "warning": 1, "info": 1, "files": 3}


def test_github_exact():
    assert format_github(FINDINGS) == (
        "::error file=services/checkout/slos.yaml,line=4,col=11,title=SLO001::SLO target 99.9%25 is not above its SLA\n"
        "::warning file=services/checkout/postmortems/INC 1.yaml,line=9,col=14,title=PM005::blaming language 'human error'\n"
        "::notice file=org/oncall/payments.yaml,line=10,col=27,title=ONC002::false positive rate was 45\n"
        "sre-docs: 3 finding(s): 1 error(s), 1 warning(s), 1 info in 3 file(s)\n"
    )


def test_github_neutralises_hostile_text():
    hostile = Finding(
        "SCH004", Severity.ERROR, "services/x,y/a:b.yaml", 1, 2,
        "bad 'x'\n::error file=evil::pwned\r\n::stop-commands::abc 100% \x1b[31mred\x00 ::set-output name=a::b\u2028",
    )
    out = format_github([hostile]).splitlines()
    assert len(out) == 2, "a message can never start a second line"
    command = out[0]
    assert command.startswith("::error file=services/x%2Cy/a%3Ab.yaml,line=1,col=2,title=SCH004::")
    message = command.split("title=SCH004::", 1)[1]
    assert "::" not in message
    assert "\x1b" not in message and "\x00" not in message and "\u2028" not in message
    assert message == (
        "bad 'x'%0A: :error file=evil: :pwned%0D%0A: :stop-commands: :abc 100%25 \\u001b[31mred\\u0000 "
        ": :set-output name=a: :b\\u2028"
    )
    assert github_data(":::") == ": : :"


def _sarif():
    return json.loads(format_sarif(FINDINGS, rules=RULES))


def test_sarif_exact_shape():
    document = _sarif()
    assert document["version"] == "2.1.0"
    run = document["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "sre-docs" and driver["version"] == __version__
    assert [r["id"] for r in driver["rules"]] == ["SLO001", "PM005", "ONC002", "CAT001"]
    assert driver["rules"][0] == {
        "id": "SLO001", "name": "slo-not-above-sla",
        "shortDescription": {"text": "An SLO is not stricter than its SLA."},
        "fullDescription": {"text": "Target must sit above the SLA."},
        "help": {"text": "# SLO001\n\nRaise the target.", "markdown": "# SLO001\n\nRaise the target."},
        "defaultConfiguration": {"level": "error"},
    }
    assert run["results"][1] == {
        "ruleId": "PM005", "ruleIndex": 1, "level": "warning",
        "message": {"text": "blaming language 'human error'"},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": "services/checkout/postmortems/INC%201.yaml", "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": 9, "startColumn": 14},
        }}],
        "partialFingerprints": {"sreDocsMessage/v1": fingerprint(FINDINGS[1])},
        "properties": {"service": "checkout"},
    }
    assert run["results"][2]["level"] == "note"


def _validate(document):
    jsonschema = pytest.importorskip("jsonschema")
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"SARIF schema not found at {SARIF_SCHEMA}")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema)
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
    assert [f"{list(e.path)}: {e.message}" for e in errors] == []


def test_sarif_validates_against_the_schema():
    _validate(_sarif())


def test_sarif_of_the_whole_catalog_validates():
    catalog = load_catalog()
    unknown = Finding("ZZZ999", Severity.ERROR, "a.yaml", 1, 1, "code without a rule")
    document = json.loads(format_sarif(FINDINGS + [unknown], rules=catalog.rules()))
    _validate(document)
    rules = document["runs"][0]["tool"]["driver"]["rules"]
    assert {r["id"] for r in rules} >= set(catalog.policies) | {"ZZZ999", "YAML001", "SUP003"}
    slo001 = next(r for r in rules if r["id"] == "SLO001")
    assert slo001["help"]["markdown"].startswith("An SLO is not stricter than the SLA it backs.")
    assert "## Failing example" in slo001["help"]["markdown"]


def test_junit_exact():
    assert format_junit(FINDINGS, rules=RULES, fail_on=Severity.WARNING) == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<testsuites name="sre-docs" tests="4" failures="2" errors="0">\n'
        '  <testsuite name="sre-docs lint" tests="4" failures="2" errors="0" skipped="0">\n'
        '    <testcase classname="sre-docs" name="SLO001 slo-not-above-sla">\n'
        '      <failure type="SLO001" message="1 finding(s) at or above warning">'
        'services/checkout/slos.yaml:4:11: error SLO target 99.9% is not above its SLA</failure>\n'
        '    </testcase>\n'
        '    <testcase classname="sre-docs" name="PM005 blaming-language">\n'
        '      <failure type="PM005" message="1 finding(s) at or above warning">'
        "services/checkout/postmortems/INC 1.yaml:9:14: warning blaming language 'human error'</failure>\n"
        '    </testcase>\n'
        '    <testcase classname="sre-docs" name="ONC002 oncall-health-critical">\n'
        '      <system-out>org/oncall/payments.yaml:10:27: info false positive rate was 45</system-out>\n'
        '    </testcase>\n'
        '    <testcase classname="sre-docs" name="CAT001 unknown-dependency" />\n'
        '  </testsuite>\n'
        '</testsuites>\n'
    )


def test_junit_escapes_hostile_text():
    hostile = Finding("SCH004", Severity.ERROR, 'a"<b>&.yaml', 1, 1, "]]></failure><x a='1'>\x00\x1b & \"q\"")
    text = format_junit([hostile], rules=[], fail_on=Severity.ERROR)
    root = ET.fromstring(text.split("\n", 1)[1])
    failure = root.find("./testsuite/testcase/failure")
    assert failure is not None
    assert failure.text == "a\"<b>&.yaml:1:1: error ]]></failure><x a='1'>\\u0000\\u001b & \"q\""
    assert root.find("./testsuite/testcase/x") is None
