"""Formatters: pure functions from findings to text."""

from __future__ import annotations

import json
from collections import Counter
from typing import Callable, Sequence

from sre_docs.findings import Finding, Severity


def summary(findings: Sequence[Finding]) -> dict[str, object]:
    counts = Counter(f.severity.value for f in findings)
    return {
        "total": len(findings),
        **{s.value: counts.get(s.value, 0) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)},
        "files": len({f.path for f in findings}),
    }


def format_text(findings: Sequence[Finding]) -> str:
    lines = [f"{f.path}:{f.line}:{f.column}: {f.severity.value} {f.code} {f.message}" for f in findings]
    totals = summary(findings)
    if findings:
        lines.append(
            f"{totals['total']} finding(s): {totals['error']} error(s), {totals['warning']} warning(s), "
            f"{totals['info']} info in {totals['files']} file(s)"
        )
    else:
        lines.append("no findings")
    return "\n".join(lines) + "\n"


def format_json(findings: Sequence[Finding]) -> str:
    return json.dumps({"findings": [f.to_dict() for f in findings], "summary": summary(findings)}, indent=2) + "\n"


FORMATTERS: dict[str, Callable[[Sequence[Finding]], str]] = {
    "text": format_text,
    "json": format_json,
}
