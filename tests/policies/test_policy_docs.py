"""A policy's docstring is its documentation page: every section present, every example honest.

The failing example must produce the policy's finding and the passing example must not,
when run through the real engine in a throw-away repo built from the example's
``# file:`` blocks. Examples must also be valid documents (no loader findings), since
readers copy them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from policy_helpers import LOADER_PREFIXES, lint_folder
from sre_docs.lint.catalog import builtin_policies, load_catalog
from sre_docs.handbook.policy_pages import index_page, pages, policy_page
from sre_docs.lint.policy import Policy
from sre_docs.lint.policy_docs import SECTIONS, ExampleFormatError, example_files, parse_doc

POLICIES = [policy for policy in builtin_policies() if policy.origin == "built-in"]
IDS = [policy.id for policy in POLICIES]


@pytest.mark.parametrize("policy", POLICIES, ids=IDS)
def test_sections_present(policy: Policy):
    doc = parse_doc(policy.doc)
    assert doc.missing == ()
    assert doc.unknown == ()
    assert list(doc.sections) == list(SECTIONS), "sections must come in the documented order"
    assert doc.summary.endswith("."), "the summary is one sentence"


@pytest.mark.parametrize("policy", POLICIES, ids=IDS)
def test_options_documented(policy: Policy):
    section = parse_doc(policy.doc).sections["Options"]
    if not policy.options:
        assert section.strip().startswith("None")
    for name in policy.options:
        assert f"`{name}`" in section, f"option {name} is not described in the Options section"
    described = set(re.findall(r"^- `([a-z_]+)`", section, re.M))
    assert described <= set(policy.options), f"documented options that do not exist: {described - set(policy.options)}"


@pytest.mark.parametrize("policy", POLICIES, ids=IDS)
def test_references_point_at_the_guide_or_layout(policy: Policy):
    references = parse_doc(policy.doc).sections["References"]
    assert re.search(r"Guide|Repository (kinds|layout)", references)


def _materialise(files, root: Path) -> None:
    for file in files:
        target = root / file.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(file.text, encoding="utf-8")


@pytest.mark.parametrize("policy", POLICIES, ids=IDS)
def test_failing_example_fails(policy: Policy, tmp_path: Path):
    files = parse_doc(policy.doc).example("Failing example")
    assert files, "the failing example has no yaml block"
    _materialise(files, tmp_path)
    findings = lint_folder(tmp_path)
    assert [f for f in findings if f.code.startswith(LOADER_PREFIXES)] == []
    mine = [f for f in findings if f.code == policy.id]
    assert mine, f"the failing example of {policy.id} produces no {policy.id} finding"
    assert all(f.path in {file.path for file in files} for f in mine)


@pytest.mark.parametrize("policy", POLICIES, ids=IDS)
def test_passing_example_passes(policy: Policy, tmp_path: Path):
    files = parse_doc(policy.doc).example("Passing example")
    assert files, "the passing example has no yaml block"
    _materialise(files, tmp_path)
    findings = lint_folder(tmp_path)
    assert [f for f in findings if f.code.startswith(LOADER_PREFIXES)] == []
    assert [f for f in findings if f.code == policy.id] == []


def test_example_blocks_must_name_their_file():
    with pytest.raises(ExampleFormatError):
        example_files("```yaml\nslo:\n  target: 99\n```\n")
    files = example_files("```yaml\n# file: a.yaml\nx: 1\n# file: b/c.yaml\ny: 2\n```\n")
    assert [(f.path, f.text) for f in files] == [("a.yaml", "x: 1\n"), ("b/c.yaml", "y: 2\n")]


def test_a_missing_section_is_reported():
    doc = parse_doc('"""Summary.\n\n## What it checks\n\nx\n\n## Options\n\nNone.\n"""')
    assert "Why it matters" in doc.missing and "What it checks" not in doc.missing


@pytest.mark.parametrize("policy", POLICIES, ids=IDS)
def test_policy_page(policy: Policy):
    page = policy_page(policy)
    assert page.startswith(f"# {policy.id} {policy.name}\n")
    for section in SECTIONS:
        assert f"\n## {section}\n" in page
    assert "# file:" not in page, "example markers become file captions"
    assert f"    level: {policy.level.value}" in page


def test_index_lists_every_code_and_escapes_cells():
    catalog = load_catalog()
    index = index_page(catalog.policies.values())
    for code in catalog.policies:
        assert f"[{code}]({code}.md)" in index
    assert "| SUP001 |" in index and "| YAML009 |" in index
    hostile = Policy(id="ORG001", name="hostile", level=POLICIES[0].level, options={}, check=lambda r, o: (),
                     doc='Pipes | and <script>alert(1)</script> [x](javascript:y).\n', module="t", origin="test")
    row = next(line for line in index_page([hostile]).splitlines() if line.startswith("| [ORG001]"))
    assert "<script>" not in row and "&#124;" in row and "](javascript" not in row
    assert row.count(" | ") == 3


def test_pages_cover_index_and_every_policy():
    catalog = load_catalog()
    built = pages(catalog)
    assert set(built) == {"policies/index.md", *(f"policies/{code}.md" for code in catalog.policies)}
