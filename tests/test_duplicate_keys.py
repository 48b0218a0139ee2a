"""Duplicate mapping keys are found however the key is written: plainly, quoted, or through an alias.

A key given by an alias (``*k : 2``) reaches the parser as an alias event, not a scalar,
and takes another path through it than a plain key; YAML002 must come out the same way,
pointing at the second key, naming it, and keeping the first value.
"""

from __future__ import annotations

import pytest

from sre_docs.yamltext.parse import parse_bytes

CASES = {
    "plain key twice": (
        b"target: 1\ntarget: 2\n",
        [("YAML002", 2, 1, "duplicate key 'target'; each key may appear once in a mapping")],
        {"target": 1},
    ),
    "quoted key repeats a plain one": (
        b"target: 1\n'target': 2\n",
        [("YAML002", 2, 1, "duplicate key 'target'; each key may appear once in a mapping")],
        {"target": 1},
    ),
    "alias key repeats a plain key": (
        b"name: &k target\ntarget: 1\n*k : 2\n",
        [("YAML002", 3, 1, "duplicate key 'target'; each key may appear once in a mapping")],
        {"name": "target", "target": 1},
    ),
    "alias key repeats an anchored key": (
        b"&k window: 28d\n*k : 30d\n",
        [("YAML002", 2, 1, "duplicate key 'window'; each key may appear once in a mapping")],
        {"window": "28d"},
    ),
    "alias key twice": (
        b"name: &k target\n*k : 1\n*k : 2\n",
        [("YAML002", 3, 1, "duplicate key 'target'; each key may appear once in a mapping")],
        {"name": "target", "target": 1},
    ),
    "alias key in a nested mapping names the mapping": (
        b"name: &k target\nslo:\n  target: 99.9\n  *k : 12\n",
        [("YAML002", 4, 3, "duplicate key 'target' in slo; each key may appear once in a mapping")],
        {"name": "target", "slo": {"target": 99.9}},
    ),
    "alias key that is not a duplicate is fine": (
        b"name: &k target\nslo:\n  *k : 99.9\n",
        [],
        {"name": "target", "slo": {"target": 99.9}},
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_duplicate_keys(name: str) -> None:
    data, findings, value = CASES[name]
    result = parse_bytes(data, "services/checkout/slos.yaml")
    assert [(f.code, f.line, f.column, f.message) for f in result.findings] == findings
    assert all(f.path == "services/checkout/slos.yaml" for f in result.findings)
    assert [document.value for document in result.documents] == [value]
