"""Golden cases for the schemas: bad documents beside the findings they must produce.

Convention: each ``golden/<kind>/<case>.yaml`` starts with comment lines of the form

    # expect: CODE LINE:COLUMN [text the message must contain]

one per expected finding, in any order. The file is loaded as a file of a service folder
(``services/checkout/<case>.yaml``) or of ``org/`` when its kind lives only there, and the
test compares the exact multiset of (code, line, column) with what the loader reports.
An optional text after the position must appear in that finding's message, which pins
hints such as did-you-mean suggestions. Lines and columns count the header comments too,
exactly as an editor shows them.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from sre_docs.loading.loader import SourceFile, load_bytes
from sre_docs.schemas import KINDS
from sre_docs.schemas.validate import validate

GOLDEN = Path(__file__).parent / "golden"
_EXPECT = re.compile(r"#\s*expect:\s*([A-Z]+[0-9]+)\s+([0-9]+):([0-9]+)(?:\s+(.*\S))?\s*$")

_PLACEHOLDER = re.compile(r"\]' is empty")
CASES = sorted(GOLDEN.glob("*/*.yaml"))


def _expectations(text: str) -> list[tuple[str, int, int, str | None]]:
    expected = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _EXPECT.match(line)
        if match:
            code, row, column, fragment = match.groups()
            expected.append((code, int(row), int(column), fragment))
    return expected


def _load(case: Path):
    kind = case.parent.name
    if KINDS[kind].scope == "org":
        source = SourceFile(f"org/{case.name}", None)
    else:
        source = SourceFile(f"services/checkout/{case.name}", "checkout")
    return load_bytes(case.read_bytes(), source)


def test_every_kind_has_golden_cases() -> None:
    covered = {case.parent.name for case in CASES}
    assert covered == set(KINDS)


def test_every_golden_folder_is_a_kind() -> None:
    assert {folder.name for folder in GOLDEN.iterdir() if folder.is_dir()} <= set(KINDS)


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_golden(case: Path) -> None:
    text = case.read_text(encoding="utf-8")
    expected = _expectations(text)
    assert expected, f"{case} has no '# expect:' header"
    loaded = _load(case)
    actual = Counter((f.code, f.line, f.column) for f in loaded.findings)
    wanted = Counter((code, line, column) for code, line, column, _ in expected)
    report = "\n".join(f"{f.code} {f.line}:{f.column} {f.message}" for f in loaded.findings)
    assert actual == wanted, f"findings differ for {case.name}:\n{report}"
    for code, line, column, fragment in expected:
        if fragment is None:
            continue
        messages = [f.message for f in loaded.findings if (f.code, f.line, f.column) == (code, line, column)]
        assert any(fragment in m for m in messages), f"{code} {line}:{column}: {fragment!r} not in {messages}"


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_golden_documents_keep_only_valid_values(case: Path) -> None:
    """What is left after reporting holds only valid values.

    A second validation may only miss required fields that were pruned, and see the
    ``None`` placeholders of pruned list items; any other error means a bad value survived.
    """
    loaded = _load(case)
    for document in loaded.documents:
        again = validate(KINDS[document.kind], document.parsed, document.path, document.service)
        left = [
            f for f in again
            if f.code.startswith("SCH") and f.code != "SCH002" and not _PLACEHOLDER.search(f.message)
        ]
        assert left == []
