"""Baselines: accept today's findings so that only new ones fail the gate.

A baseline is a JSON file of entries keyed by code, path, service and a fingerprint of the
message. Line and column are left out of the key, so edits elsewhere in a file do not make
old findings look new; numbers that are positions are left out of the fingerprint for the
same reason: "line 12", "column 3", and the ``path:12`` or ``path:12:3`` that messages such as
ALR004's "already used at services/x/alerts.yaml:12" give for another place in the repo. Identical entries are counted: a baseline with one
"SLO001 in slos.yaml" lets one such finding through, not two.

The file is written atomically (a temporary file in the same folder, then a rename), and
only when the caller asked for it explicitly (``--write-baseline``).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sre_docs import __version__
from sre_docs.findings import Finding
from sre_docs.yamltext.safe_write import WriteRefused, atomic_write

FORMAT_VERSION = 1
_POSITIONS = re.compile(r"\b(lines?|col(?:umn)?s?)\s+\d+(?:\s*[-:,]\s*\d+)*", re.I)
#: ``some/file.yaml:12`` or ``some/file.yaml:12:3``: a path (it has a dot-suffixed file name) then positions.
_PATH_POSITIONS = re.compile(r"(?P<path>[^\s:'\"]+\.[A-Za-z0-9]+):\d+(?::\d+)?\b")
_SPACE = re.compile(r"\s+")

Key = tuple[str, str, str, str]


class BaselineError(Exception):
    """The baseline file is missing or unreadable; the CLI exits 2 with this message."""


def fingerprint(finding: Finding) -> str:
    """A short hash of the message, blind to white space and to line/column mentions.

    Only the message's text counts: the finding's own line and column are not part of it, and the
    positions it mentions are replaced by ``#``, so a comment added at the top of a file keeps a
    baselined finding baselined.
    """
    text = _POSITIONS.sub(r"\1 #", finding.message)
    text = _PATH_POSITIONS.sub(r"\g<path>:#", text)
    text = _SPACE.sub(" ", text).strip()
    return hashlib.sha256(f"{finding.code}\0{text}".encode()).hexdigest()[:16]


def key(finding: Finding) -> Key:
    return (finding.code, finding.path, finding.service or "", fingerprint(finding))


@dataclass(frozen=True)
class Baseline:
    counts: Counter[Key]

    def split(self, findings: Iterable[Finding]) -> tuple[list[Finding], list[Finding]]:
        """(new findings, findings the baseline accepts)."""
        budget = Counter(self.counts)
        new: list[Finding] = []
        known: list[Finding] = []
        for finding in findings:
            k = key(finding)
            if budget[k] > 0:
                budget[k] -= 1
                known.append(finding)
            else:
                new.append(finding)
        return new, known


def render(findings: Sequence[Finding]) -> str:
    """The baseline file's text: stable order, one entry per distinct key with its count."""
    counts = Counter(key(f) for f in findings)
    messages = {key(f): f.message for f in findings}
    entries = [
        {"code": k[0], "path": k[1], "service": k[2] or None, "fingerprint": k[3], "count": n, "message": messages[k]}
        for k, n in sorted(counts.items())
    ]
    document = {"version": FORMAT_VERSION, "tool": f"sre-docs {__version__}", "findings": entries}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def parse(text: str, source: str) -> Baseline:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{source}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from None
    if not isinstance(document, dict) or document.get("version") != FORMAT_VERSION:
        raise BaselineError(f"{source}: not an sre-docs baseline (version {FORMAT_VERSION})")
    entries = document.get("findings")
    if not isinstance(entries, list):
        raise BaselineError(f"{source}: 'findings' must be a list")
    counts: Counter[Key] = Counter()
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise BaselineError(f"{source}: findings[{index}] must be an object")
        fields = [entry.get(name) for name in ("code", "path", "fingerprint")]
        service = entry.get("service") or ""
        count = entry.get("count", 1)
        code, path, digest = (v if isinstance(v, str) and v else None for v in fields)
        if code is None or path is None or digest is None or not isinstance(service, str):
            raise BaselineError(f"{source}: findings[{index}] needs code, path and fingerprint")
        if isinstance(count, bool) or not isinstance(count, int) or count < 1:
            raise BaselineError(f"{source}: findings[{index}].count must be a whole number >= 1")
        counts[(code, path, service, digest)] += count
    return Baseline(counts)


def read(path: Path) -> Baseline:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BaselineError(f"{path}: baseline file not found (create it with --write-baseline)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: cannot be read: {exc}") from None
    return parse(text, str(path))


def write(path: Path, findings: Sequence[Finding]) -> None:
    """Replace ``path`` atomically: readers see the old file or the new one, never half."""
    try:
        atomic_write(path, render(findings).encode("utf-8"))
    except (OSError, WriteRefused) as exc:
        raise BaselineError(f"{path}: cannot be written: {exc}") from None
