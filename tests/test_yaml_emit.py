"""Strings sre-docs writes read back unchanged, control characters included (found by the fuzz suite)."""

from __future__ import annotations

import pytest

from sre_docs.yamltext.edit import dump
from sre_docs.yamltext.parse import parse_text


@pytest.mark.parametrize("value", ["\n\x1b", "line one\nline\x07two\n", "tab\tand\nnewline", "plain text"])
def test_a_written_string_reads_back_as_itself(value: str) -> None:
    text = dump({"sli": {"name": "availability", "description": value}})
    result = parse_text(text, "slis.yaml")
    assert [f.code for f in result.findings if f.code == "YAML001"] == []  # never a raw control character
    assert result.documents[0].value["sli"]["description"] == value
