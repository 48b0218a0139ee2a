"""Findings: what every check in sre-docs reports, and nothing else.

A finding is pinned to a repo-relative path and a 1-based line and column, so that
text, JSON, SARIF and GitHub annotations can all point at the same place.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(enum.Enum):
    """Ordered severities; ``ERROR`` fails the lint gate by default."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANKS[self]

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls(text.lower())
        except ValueError:
            choices = ", ".join(s.value for s in cls)
            raise ValueError(f"unknown severity {text!r} (choose from {choices})") from None


_RANKS = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in the repository."""

    code: str
    severity: Severity
    path: str
    line: int
    column: int
    message: str
    service: str | None = None

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "message": self.message,
            "service": self.service,
        }


class FindingBudget:
    """How many more findings one file may report, so that a file of errors costs linear time.

    A file can hold tens of thousands of errors (one per line of a megabyte); working out
    and printing each is slow and helps nobody. Checks ask ``take`` before they build a
    finding; once the budget is spent they only count what they skip, and the loader
    reports the count as one finding (``DOC005``, "…and K more").
    """

    def __init__(self, limit: int) -> None:
        self.left = limit
        self.hidden = 0
        self.worst_hidden = Severity.INFO

    def take(self, severity: Severity = Severity.ERROR) -> bool:
        """True when a finding of ``severity`` may be reported; False counts it as hidden."""
        if self.left > 0:
            self.left -= 1
            return True
        self.hidden += 1
        if severity.rank > self.worst_hidden.rank:
            self.worst_hidden = severity
        return False
