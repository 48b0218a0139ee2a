"""Inline suppressions: ``# sre-docs: disable=ALR001,RBK002 until=2026-12-31 -- reason``.

A suppression covers findings of the named codes on its own line and on the next line that
holds YAML (so it can sit on the line above, and several can be stacked there). Rules:

* a reason after ``--`` is required; without one the suppression still applies, but it is
  itself a finding (SUP001), so that every exception to a policy says why;
* after its ``until=`` date a suppression no longer applies and is a finding (SUP002);
  it holds through the date itself;
* a code that a suppression names but no finding uses is SUP003 (the problem went away,
  the comment should too);
* a comment that cannot be read (unknown code, bad date, nothing to disable) is SUP004.
  SUP codes themselves cannot be suppressed.

Comments are not part of the parsed data, so the raw text is scanned. Only ``#`` at the
start of a line or after white space starts a comment; a ``#`` inside a block scalar that
happens to look like a suppression is read as one (a rare, documented limitation).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sre_docs.lint.catalog import UNSUPPRESSIBLE
from sre_docs.findings import Finding, Severity
from sre_docs.schemas.types import parse_date

MARKER = "sre-docs:"
_COMMENT = re.compile(r"(?:^|(?<=\s))#\s*sre-docs:(?P<body>.*)$")
_CODE = re.compile(r"[A-Z]{2,5}[0-9]{3}\Z")


@dataclass
class Suppression:
    """One suppression comment and what it covers."""

    path: str
    line: int
    column: int
    codes: tuple[str, ...]
    until: dt.date | None
    reason: str
    covers: tuple[int, ...]
    used: set[str] = field(default_factory=set)

    def applies(self, today: dt.date) -> bool:
        return self.until is None or today <= self.until


@dataclass(frozen=True)
class Malformed:
    path: str
    line: int
    column: int
    message: str


def scan(text: str, path: str, known: Callable[[str], bool]) -> tuple[list[Suppression], list[Malformed]]:
    """All suppression comments of one file's text, and the ones that cannot be read."""
    if MARKER not in text:
        return [], []
    lines = text.splitlines()
    found: list[Suppression] = []
    broken: list[Malformed] = []
    for index, raw in enumerate(lines):
        if MARKER not in raw:
            continue
        match = _COMMENT.search(raw)
        if match is None:
            continue
        line, column = index + 1, match.start() + 1
        directive, sep, reason = match.group("body").partition("--")
        codes: list[str] = []
        until: dt.date | None = None
        problem: str | None = None
        for token in directive.split():
            name, eq, value = token.partition("=")
            if name == "disable" and eq:
                for code in filter(None, (part.strip() for part in value.split(","))):
                    if not _CODE.match(code) or not known(code):
                        problem = problem or f"unknown code {code!r} in suppression"
                    elif code in UNSUPPRESSIBLE:
                        problem = problem or f"{code} cannot be suppressed"
                    else:
                        codes.append(code)
            elif name == "until" and eq:
                until = parse_date(value)
                if until is None:
                    problem = problem or f"until={value!r} is not a date (YYYY-MM-DD)"
            else:
                hint = difflib.get_close_matches(name, ["disable", "until"], n=1, cutoff=0.6)
                problem = problem or f"cannot read {token!r}" + (f"; did you mean '{hint[0]}='?" if hint else "")
        if not codes and problem is None:
            problem = "nothing to disable: write disable=ID[,ID...]"
        if problem is not None:
            broken.append(Malformed(path, line, column, problem))
        if codes:
            found.append(Suppression(
                path, line, column, tuple(dict.fromkeys(codes)), until, reason.strip() if sep else "",
                (line, _next_yaml_line(lines, index)),
            ))
    return found, broken


def _next_yaml_line(lines: list[str], index: int) -> int:
    """1-based number of the first line after ``index`` holding something besides a comment."""
    for later in range(index + 1, len(lines)):
        stripped = lines[later].strip()
        if stripped and not stripped.startswith("#"):
            return later + 1
    return index + 1


@dataclass(frozen=True)
class Outcome:
    kept: list[Finding]
    suppressed: list[Finding]
    problems: list[Finding]


def apply(
    findings: Iterable[Finding],
    *,
    texts: Callable[[str], str | None],
    candidates: Iterable[str],
    known: Callable[[str], bool],
    today: dt.date,
    service_of: Callable[[str], str | None],
) -> Outcome:
    """Drop suppressed findings; report suppressions that are bad, expired or unused.

    ``candidates`` are the files to scan: those with findings, plus any other file whose
    text holds the marker (the caller decides how cheaply to find those).
    """
    by_file: dict[str, list[Suppression]] = {}
    problems: list[Finding] = []
    for path in dict.fromkeys(candidates):
        text = texts(path)
        if text is None:
            continue
        suppressions, broken = scan(text, path, known)
        by_file[path] = suppressions
        for bad in broken:
            problems.append(Finding("SUP004", Severity.ERROR, path, bad.line, bad.column, bad.message, service_of(path)))
    index: dict[tuple[str, int], list[Suppression]] = {}
    for suppressions in by_file.values():
        for suppression in suppressions:
            for line in set(suppression.covers):
                index.setdefault((suppression.path, line), []).append(suppression)
    kept: list[Finding] = []
    suppressed: list[Finding] = []
    for finding in findings:
        hit = None
        if finding.code not in UNSUPPRESSIBLE:
            for suppression in index.get((finding.path, finding.line), ()):
                if finding.code in suppression.codes and suppression.applies(today):
                    hit = suppression
                    break
        if hit is None:
            kept.append(finding)
        else:
            hit.used.add(finding.code)
            suppressed.append(finding)
    for suppressions in by_file.values():
        for s in suppressions:
            service = service_of(s.path)
            if not s.applies(today):
                problems.append(Finding(
                    "SUP002", Severity.ERROR, s.path, s.line, s.column,
                    f"suppression of {', '.join(s.codes)} expired on {s.until}; it no longer applies",
                    service,
                ))
                continue
            if not s.reason:
                problems.append(Finding(
                    "SUP001", Severity.ERROR, s.path, s.line, s.column,
                    f"suppression of {', '.join(s.codes)} gives no reason; add one after '--'", service,
                ))
            for code in s.codes:
                if code not in s.used:
                    problems.append(Finding(
                        "SUP003", Severity.WARNING, s.path, s.line, s.column,
                        f"suppression of {code} matches no {code} finding on this line or the next; remove it",
                        service,
                    ))
    return Outcome(kept, suppressed, problems)
