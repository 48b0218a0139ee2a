"""Read a policy's documentation out of its docstring.

The docstring is the documentation page, so the page and the check live in one file and
cannot drift apart. It starts with a one-line summary, then has these ``## `` sections, in
this order (a test fails when one is missing, and when an example does not do what it says):

    What it checks / Why it matters / Failing example / Passing example / Options /
    How to fix / References

Examples are fenced ``yaml`` blocks. An example usually needs more than one document (an
SLO and the SLI it names, say), so a block is split into files by marker lines::

    # file: services/checkout/slos.yaml

Every block must start with such a marker. A marker for ``sre-docs.yaml`` gives the example
its own configuration (``today:`` for date-based policies, for instance). The examples are
run through the real engine in a throw-away repo by the test suite.
"""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass

SECTIONS: tuple[str, ...] = (
    "What it checks",
    "Why it matters",
    "Failing example",
    "Passing example",
    "Options",
    "How to fix",
    "References",
)

_HEADING = re.compile(r"^## +(.+?)\s*$", re.M)
_FENCE = re.compile(r"^```yaml[^\n]*\n(.*?)^```\s*$", re.M | re.S)
_FILE_MARKER = re.compile(r"^# file: *(\S+)\s*$")


@dataclass(frozen=True)
class ExampleFile:
    """One file of an example: its repo-relative path and its text."""

    path: str
    text: str


@dataclass(frozen=True)
class PolicyDoc:
    """A policy docstring split into its summary and named sections."""

    summary: str
    intro: str
    sections: dict[str, str]

    @property
    def missing(self) -> tuple[str, ...]:
        """Required sections that are absent or empty."""
        return tuple(name for name in SECTIONS if not self.sections.get(name, "").strip())

    @property
    def unknown(self) -> tuple[str, ...]:
        return tuple(name for name in self.sections if name not in SECTIONS)

    def example(self, which: str) -> list[ExampleFile]:
        """The files of the ``Failing example`` or ``Passing example`` section."""
        return example_files(self.sections.get(which, ""))


class ExampleFormatError(ValueError):
    """An example block that does not say which file it is."""


def parse_doc(docstring: str) -> PolicyDoc:
    text = inspect.cleandoc(docstring or "")
    headings = list(_HEADING.finditer(text))
    head = text[: headings[0].start()] if headings else text
    summary, _, intro = head.strip().partition("\n")
    sections: dict[str, str] = {}
    for index, match in enumerate(headings):
        end = headings[index + 1].start() if index + 1 < len(headings) else len(text)
        sections[match.group(1)] = text[match.end():end].strip("\n")
    return PolicyDoc(summary=summary.strip(), intro=intro.strip(), sections=sections)


def example_files(section: str) -> list[ExampleFile]:
    """Split the yaml blocks of a section into files at ``# file:`` markers."""
    files: list[ExampleFile] = []
    for block in _FENCE.finditer(section):
        current: str | None = None
        lines: list[str] = []
        for line in block.group(1).splitlines():
            marker = _FILE_MARKER.match(line)
            if marker:
                if current is not None:
                    files.append(ExampleFile(current, "\n".join(lines).strip("\n") + "\n"))
                current, lines = marker.group(1), []
            elif current is None:
                if line.strip():
                    raise ExampleFormatError(f"an example block must start with '# file: <path>', got {line!r}")
            else:
                lines.append(line)
        if current is not None:
            files.append(ExampleFile(current, "\n".join(lines).strip("\n") + "\n"))
    return files
