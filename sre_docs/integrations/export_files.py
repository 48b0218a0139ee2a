"""Writing exported files: readable YAML, atomic writes, one summary for the terminal.

Exports (rules, catalogs, OpenSLO) are build products that a re-run regenerates, so they
are replaced in place -- atomically, through :mod:`sre_docs.yamltext.safe_write`, so a reader (a
Prometheus reload, a Backstage refresh) never sees half a file. Imports write into the
reliability repo itself and go through ``writer.create_file``, which refuses to overwrite.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, TextIO

import yaml

from sre_docs.findings import Finding
from sre_docs.yamltext.parse import resolve_plain
from sre_docs.lint.formatters import format_text
from sre_docs.yamltext.safe_write import atomic_write


class _ReadableDumper(yaml.SafeDumper):
    """Block scalars for multi-line text (PromQL), so the output reads like hand-written YAML."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value and all(line == line.rstrip() for line in value.split("\n")):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    if _misread_by_yaml12(value):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


def _misread_by_yaml12(value: str) -> bool:
    """PyYAML quotes what YAML 1.1 would misread; text such as ``0o17`` or ``1e3`` is a number to
    YAML 1.2 readers (Go's yaml.v3 in OpenSLO tools, the ``yaml`` package in Backstage), so it
    needs quotes too."""
    try:
        return resolve_plain(value) is not value
    except ValueError:  # an integer too long to read: a number all the same
        return True


_ReadableDumper.add_representer(str, _text)


def dump_yaml(data: Any) -> str:
    return yaml.dump(data, Dumper=_ReadableDumper, sort_keys=False, allow_unicode=True, width=1 << 16)


def dump_documents(documents: Iterable[Any]) -> str:
    """Several YAML documents in one stream, separated by ``---``."""
    return "---\n".join(dump_yaml(d) for d in documents)


def write_outputs(folder: Path, files: Mapping[str, str]) -> list[Path]:
    """Write ``files`` (relative path -> text) under ``folder``, each atomically."""
    written = []
    for relative, text in sorted(files.items()):
        target = folder / relative
        atomic_write(target, text.encode("utf-8"))
        written.append(target)
    return written


def report_findings(findings: list[Finding], stream: TextIO | None = None) -> None:
    """Findings on stderr in the lint text format (nothing when there are none)."""
    if findings:
        (stream or sys.stderr).write(format_text(sorted(findings, key=lambda f: f.sort_key)))
