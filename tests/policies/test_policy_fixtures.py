"""Golden cases: every policy has a failing and a passing tiny repo under fixtures/<ID>/.

``fail/expected.txt`` lists every finding of that policy as ``path:line:col level``; the
run must produce exactly those (no more, no fewer). ``pass/`` must produce none. Neither
may have loader findings: the fixtures are valid documents, so a schema change that
breaks them shows up here instead of silently emptying a policy's input.
"""

from __future__ import annotations

import pytest

from policy_helpers import FIXTURES, LOADER_PREFIXES, lint_folder
from sre_docs.lint.catalog import builtin_policies

POLICY_IDS = [policy.id for policy in builtin_policies() if policy.origin == "built-in"]


def test_every_policy_has_fixtures():
    missing = [code for code in POLICY_IDS if not (FIXTURES / code / "fail" / "expected.txt").is_file()
               or not (FIXTURES / code / "pass").is_dir()]
    assert missing == []
    unknown = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir() and p.name not in POLICY_IDS)
    assert unknown == []


@pytest.mark.parametrize("code", POLICY_IDS)
def test_failing_fixture(code):
    root = FIXTURES / code / "fail"
    findings = lint_folder(root)
    assert [f for f in findings if f.code.startswith(LOADER_PREFIXES)] == []
    got = sorted(f"{f.path}:{f.line}:{f.column} {f.severity.value}" for f in findings if f.code == code)
    expected = sorted(line.strip() for line in (root / "expected.txt").read_text().splitlines() if line.strip())
    assert expected, f"{code}: expected.txt lists no finding"
    assert got == expected


@pytest.mark.parametrize("code", POLICY_IDS)
def test_passing_fixture(code):
    findings = lint_folder(FIXTURES / code / "pass")
    assert [f for f in findings if f.code.startswith(LOADER_PREFIXES)] == []
    assert [f for f in findings if f.code == code] == []
