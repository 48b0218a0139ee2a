"""docs/guide-coverage.md stays honest: everything a row names as implementing the guide exists.

Each table row is ``| guide item | status | implemented by | notes |``. "Implemented by" names things in
backticks: commands (checked against the CLI parser, options included), policy ids (the built-in registry),
``page:`` handbook pages (the generated page plan of the example, or a file under docs/), ``table:`` reference
tables (the tables plugin), ``criterion:`` scorecard criteria (the shipped rules) and ``kind:`` document kinds
(the schemas). A row that is ``missing`` or ``out of scope`` names nothing and says why.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
from functools import cache
from pathlib import Path

import pytest

from sre_docs.cli import build_parser
from sre_docs.handbook.generate import HandbookRequest, generate
from sre_docs.handbook.tables import TABLES
from sre_docs.lint.catalog import builtin_policies
from sre_docs.lint.config import load_config
from sre_docs.model.repository import load_repository
from sre_docs.schemas import KINDS
from sre_docs.scorecard.rules import load_rules

ROOT = Path(__file__).resolve().parents[1]
COVERAGE = ROOT / "docs" / "guide-coverage.md"
STATUSES = ("implemented", "partial", "missing", "out of scope")
HEADER = ["Guide item", "Status", "Implemented by", "Notes"]
_REF = re.compile(r"`([^`]+)`")


def parse_rows(text: str) -> list[tuple[int, list[str]]]:
    """Every data row of every table, with its line number; header and separator rows are checked and skipped."""
    rows = []
    lines = text.splitlines()
    for number, line in enumerate(lines, 1):
        if not line.startswith("|"):
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if cells == HEADER or set("".join(cells)) <= set("-: "):
            continue
        rows.append((number, cells))
    return rows


def references(cell: str) -> list[str]:
    """The backticked names of an "implemented by" cell; anything else in it but commas is an error."""
    rest = _REF.sub("", cell).replace(",", "").strip()
    if rest not in ("", "—"):
        raise ValueError(f"text outside backticks: {rest!r}")
    return _REF.findall(cell)


def _command_problem(ref: str) -> str | None:
    """Walk the parser: subcommands first, then options of the (sub)command reached; CAPS are placeholders."""
    words = ref.split()[1:]
    parser: argparse.ArgumentParser = build_parser()
    if not words:
        return "no command"
    index = 0
    while index < len(words):
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if subs and words[index] in subs[0].choices:
            parser = subs[0].choices[words[index]]
            index += 1
            continue
        break
    if index == 0:
        return f"no command {words[0]!r}"
    options = {o for action in parser._actions for o in action.option_strings}
    for word in words[index:]:
        if word.startswith("--"):
            if word not in options:
                return f"no option {word} for {' '.join(['sre-docs', *words[:index]])}"
        elif not word.isupper():
            return f"{word!r} is neither a subcommand nor an option"
    return None


@cache
def _handbook_pages() -> frozenset[str]:
    today = dt.date(2026, 11, 26)
    config = load_config(ROOT, custom_policies=False)
    repo = load_repository(ROOT, cache=False)
    handbook = generate(repo, [], config, HandbookRequest(today=today),
                        existing=lambda uri: (ROOT / "docs" / uri).is_file())
    return frozenset(page.src_uri for page in handbook.pages)


def _criteria() -> set[str]:
    return {f"{dimension.id}/{criterion.id}" for dimension in load_rules().dimensions for criterion in dimension.criteria}


def problem(ref: str) -> str | None:
    """Why ``ref`` names nothing that exists, or None when it does."""
    if ref.startswith("sre-docs"):
        return _command_problem(ref)
    kind, _, name = ref.partition(":")
    if not name:
        return None if ref in {p.id for p in builtin_policies()} else f"no policy {ref}"
    if kind == "page":
        return None if name in _handbook_pages() or (ROOT / "docs" / name).is_file() else f"no page {name}"
    if kind == "table":
        return None if name in TABLES else f"no table {name}"
    if kind == "criterion":
        return None if name in _criteria() else f"no scorecard criterion {name}"
    if kind == "kind":
        return None if name in KINDS else f"no document kind {name}"
    return f"unknown kind of reference {kind!r}"


def check_coverage(text: str) -> list[str]:
    """Every problem of a coverage page, one line each."""
    found = []
    for number, cells in parse_rows(text):
        if len(cells) != 4:
            found.append(f"line {number}: {len(cells)} cells, want 4")
            continue
        item, status, implemented, notes = cells
        if status not in STATUSES:
            found.append(f"line {number}: status {status!r} is not one of {', '.join(STATUSES)}")
            continue
        try:
            refs = references(implemented)
        except ValueError as error:
            found.append(f"line {number}: {error}")
            continue
        if status in ("implemented", "partial"):
            if not refs:
                found.append(f"line {number}: {status} but names nothing ({item})")
            found += [f"line {number}: {why}" for why in map(problem, refs) if why]
            if status == "partial" and not notes:
                found.append(f"line {number}: partial without a note on what is missing")
        else:
            if refs:
                found.append(f"line {number}: {status} but names {', '.join(refs)}")
            if not notes:
                found.append(f"line {number}: {status} without a reason")
    return found


def test_every_row_names_what_exists() -> None:
    assert check_coverage(COVERAGE.read_text(encoding="utf-8")) == []


def test_the_page_covers_every_section_of_the_guide() -> None:
    text = COVERAGE.read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", text, re.M)
    assert headings == [
        "Phase 1: Reliability assessment", "Phase 2: SLI/SLO framework", "Phase 3: Error budget management",
        "Phase 4: Monitoring and alerting architecture", "Phase 5: Incident response framework",
        "Phase 6: Postmortem framework", "Phase 7: Chaos engineering", "Phase 8: Toil management",
        "Phase 9: Capacity planning", "Phase 10: On-call excellence", "Phase 11: Reliability review and governance",
        "Phase 12: Advanced patterns", "Quality scoring rubric (0-100)", "Natural language commands",
    ]
    assert len(parse_rows(text)) >= 115


BAD = """\
| Guide item | Status | Implemented by | Notes |
|---|---|---|---|
| a | implemented | `sre-docs budgett` | |
| b | implemented | `sre-docs budget --gait` | |
| c | implemented | `sre-docs budget gate` | |
| d | implemented | `XYZ999`, `page:org/nowhere.md` | |
| e | implemented | `table:sines`, `criterion:slos/nothing`, `kind:spaceship`, `thing:x` | |
| f | implemented | — | |
| g | missing | `ALR001` | why |
| h | out of scope | — | |
| i | planned | — | later |
| j | partial | `ALR001` | |
| k | implemented | ALR001 | |
| l | implemented |
"""


def test_the_checker_catches_each_kind_of_mistake() -> None:
    assert check_coverage(BAD) == [
        "line 3: no command 'budgett'",
        "line 4: no option --gait for sre-docs budget",
        "line 5: 'gate' is neither a subcommand nor an option",
        "line 6: no policy XYZ999",
        "line 6: no page org/nowhere.md",
        "line 7: no table sines",
        "line 7: no scorecard criterion slos/nothing",
        "line 7: no document kind spaceship",
        "line 7: unknown kind of reference 'thing'",
        "line 8: implemented but names nothing (f)",
        "line 9: missing but names ALR001",
        "line 10: out of scope without a reason",
        "line 11: status 'planned' is not one of implemented, partial, missing, out of scope",
        "line 12: partial without a note on what is missing",
        "line 13: text outside backticks: 'ALR001'",
        "line 14: 2 cells, want 4",
    ]


@pytest.mark.parametrize("ref", ["sre-docs incident start", "sre-docs capacity SERVICE --growth", "sre-docs new runbook --alert",
                                 "RBK004", "page:org/culture.md", "page:handbook/slos.md", "table:rubric",
                                 "criterion:documentation/runbooks-tested", "kind:runbook"])
def test_names_that_exist_pass(ref: str) -> None:
    assert problem(ref) is None
