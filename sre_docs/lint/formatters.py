"""Formatters: pure functions from findings to text.

Each formatter takes the findings (already sorted) and, as keywords, the rules that can
appear in them (for SARIF and JUnit) and the failing level (for JUnit). Formats:

* ``text``   -- ``path:line:col: level CODE message``, then a summary line;
* ``json``   -- ``{"findings": [...], "summary": {...}}``;
* ``sarif``  -- SARIF 2.1.0, one rule per policy, for code-scanning dashboards;
* ``github`` -- GitHub Actions workflow commands (``::error file=…``), which annotate the
  pull request; every value is escaped so that a hostile message cannot end the command
  or start another one;
* ``junit``  -- JUnit XML, one test case per rule, failing when a finding at or above the
  failing level exists; lower findings go to the test case's output.
"""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from sre_docs import __version__
from sre_docs.findings import Finding, Severity

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/sre-docs/sre-docs"


@dataclass(frozen=True)
class Rule:
    """What a code means, for formats that describe their rules (SARIF, JUnit)."""

    id: str
    name: str
    summary: str
    description: str
    help: str
    level: Severity


def summary(findings: Sequence[Finding]) -> dict[str, object]:
    counts = Counter(f.severity.value for f in findings)
    return {
        "total": len(findings),
        **{s.value: counts.get(s.value, 0) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)},
        "files": len({f.path for f in findings}),
    }


def summary_line(findings: Sequence[Finding]) -> str:
    totals = summary(findings)
    if not findings:
        return "no findings"
    return (
        f"{totals['total']} finding(s): {totals['error']} error(s), {totals['warning']} warning(s), "
        f"{totals['info']} info in {totals['files']} file(s)"
    )


# Controls (tab, line breaks included), and the lone surrogates a non-UTF-8 file name decodes to.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def printable(text: str) -> str:
    """``text`` on one line, every control character and undecodable byte shown as ``\\uXXXX``.

    File names come from the repo: one holding ``\\n::error …::`` must not start a line of its
    own (a forged GitHub workflow command), and one that is not UTF-8 must not crash the output.
    """
    return _UNPRINTABLE.sub(_visible, text)


def format_text(findings: Sequence[Finding], **_: Any) -> str:
    lines = [f"{printable(f.path)}:{f.line}:{f.column}: {f.severity.value} {f.code} {printable(f.message)}"
             for f in findings]
    lines.append(summary_line(findings))
    return "\n".join(lines) + "\n"


def format_json(findings: Sequence[Finding], **_: Any) -> str:
    return json.dumps({"findings": [f.to_dict() for f in findings], "summary": summary(findings)}, indent=2) + "\n"


# --- SARIF ---------------------------------------------------------------------------------------

_SARIF_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _sarif_rule(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.description or rule.summary},
        "help": {"text": rule.help or rule.summary, "markdown": rule.help or rule.summary},
        "defaultConfiguration": {"level": _SARIF_LEVELS[rule.level]},
    }


def format_sarif(findings: Sequence[Finding], *, rules: Sequence[Rule] = (), **_: Any) -> str:
    """SARIF 2.1.0: every known rule once, results pointing at repo-relative files.

    Columns count Unicode code points, as the YAML parser does. The fingerprint is the
    baseline's, so code-scanning tools track a finding across line shifts the same way.
    """
    from sre_docs.lint.baseline import fingerprint  # baseline imports nothing from here

    ordered = list(rules)
    known = {rule.id for rule in ordered}
    for finding in findings:  # a code without a description still gets a rule entry
        if finding.code not in known:
            known.add(finding.code)
            ordered.append(Rule(finding.code, finding.code.lower(), finding.code, "", "", finding.severity))
    index = {rule.id: position for position, rule in enumerate(ordered)}
    results = [
        {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": _SARIF_LEVELS[f.severity],
            "message": {"text": f.message},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": quote(os.fsencode(f.path), safe="/"), "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": f.line, "startColumn": f.column},
                },
            }],
            "partialFingerprints": {"sreDocsMessage/v1": fingerprint(f)},
            **({"properties": {"service": f.service}} if f.service else {}),
        }
        for f in findings
    ]
    document = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "sre-docs",
                "version": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [_sarif_rule(rule) for rule in ordered],
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


# --- GitHub workflow commands --------------------------------------------------------------------

_GITHUB_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
# C0 and C1 controls, DEL, and the line/paragraph separators some viewers break lines at.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def _visible(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def github_data(text: str) -> str:
    """Escape a command's message: ``%``, CR and LF are percent-encoded (the runner decodes
    them), other control characters are shown as ``\\uXXXX`` and ``::`` is broken up, so the
    message can neither end the command nor start a new one."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    text = _CONTROL.sub(_visible, text)
    while "::" in text:
        text = text.replace("::", ": :")
    return text


def github_property(text: str) -> str:
    """Escape a property value (file, title): as data, plus ``:`` and ``,``."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(findings: Sequence[Finding], **_: Any) -> str:
    lines = [
        f"::{_GITHUB_LEVELS[f.severity]} file={github_property(f.path)},line={f.line},col={f.column},"
        f"title={github_property(f.code)}::{github_data(f.message)}"
        for f in findings
    ]
    lines.append(github_data(f"sre-docs: {summary_line(findings)}"))
    return "\n".join(lines) + "\n"


# --- JUnit XML -------------------------------------------------------------------------------------

# Characters XML 1.0 cannot hold at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml_text(text: str) -> str:
    return _NOT_XML.sub(_visible, text)


def format_junit(
    findings: Sequence[Finding], *, rules: Sequence[Rule] = (), fail_on: Severity = Severity.ERROR, **_: Any
) -> str:
    """One test case per rule: it fails when the rule has a finding at or above ``fail_on``."""
    by_code: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_code[finding.code].append(finding)
    names = {rule.id: rule.name for rule in rules}
    codes = list(dict.fromkeys([rule.id for rule in rules] + list(by_code)))
    failed = [code for code in codes if any(f.severity.rank >= fail_on.rank for f in by_code[code])]
    counts = {"tests": str(len(codes)), "failures": str(len(failed)), "errors": "0"}
    suites = ET.Element("testsuites", {"name": "sre-docs", **counts})
    suite = ET.SubElement(suites, "testsuite", {"name": "sre-docs lint", **counts, "skipped": "0"})
    for code in codes:
        name = f"{code} {names[code]}" if code in names else code
        case = ET.SubElement(suite, "testcase", {"classname": "sre-docs", "name": _xml_text(name)})
        failing = [f for f in by_code[code] if f.severity.rank >= fail_on.rank]
        passing = [f for f in by_code[code] if f.severity.rank < fail_on.rank]
        if failing:
            failure = ET.SubElement(case, "failure", {
                "type": code,
                "message": _xml_text(f"{len(failing)} finding(s) at or above {fail_on.value}"),
            })
            failure.text = _xml_text("\n".join(_line(f) for f in failing))
        if passing:
            out = ET.SubElement(case, "system-out")
            out.text = _xml_text("\n".join(_line(f) for f in passing))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


def _line(finding: Finding) -> str:
    return f"{printable(finding.path)}:{finding.line}:{finding.column}: {finding.severity.value} {finding.message}"


FORMATTERS: dict[str, Callable[..., str]] = {
    "text": format_text,
    "json": format_json,
    "sarif": format_sarif,
    "github": format_github,
    "junit": format_junit,
}
