"""Reading OpenSLO files: every object with the file, line and column it came from.

A file may hold one object, a top-level list of objects, or several ``---`` documents of
either shape. Files are parsed by sre-docs' own YAML 1.2 reader, so hostile input becomes
findings (never a traceback) and every later finding about an object can point at the
exact line of the field it is about.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sre_docs.findings import Finding, Severity
from sre_docs.integrations.openslo_common import API_VERSION
from sre_docs.yamltext.parse import DEFAULT_LIMITS, Limits, ParsedDocument, parse_bytes

#: OpenSLO v1 kinds sre-docs reads, in the order they are resolved.
KINDS = ("Service", "SLI", "SLO", "AlertPolicy", "AlertCondition", "AlertNotificationTarget", "DataSource")


@dataclass(frozen=True)
class Located:
    """An OpenSLO object (or an inline part of one) and where it is written."""

    kind: str
    value: dict[str, Any]
    file: str
    doc: ParsedDocument
    at: tuple[Any, ...]

    @property
    def name(self) -> str | None:
        metadata = self.value.get("metadata")
        name = metadata.get("name") if isinstance(metadata, dict) else None
        return name if isinstance(name, str) and name else None

    @property
    def spec(self) -> dict[str, Any]:
        spec = self.value.get("spec")
        return spec if isinstance(spec, dict) else {}

    def get(self, *path: Any, default: Any = None) -> Any:
        value: Any = self.value
        for part in path:
            try:
                value = value[part]
            except (KeyError, IndexError, TypeError):
                return default
        return default if value is None else value

    def annotation(self, key: str) -> str | None:
        value = self.get("metadata", "annotations", key)
        return value if isinstance(value, str) else None

    def labels(self, key: str) -> list[str]:
        """A label's values; OpenSLO allows one string or a list of strings."""
        value = self.get("metadata", "labels", key)
        if isinstance(value, str):
            return [value]
        return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []

    def part(self, kind: str, *path: Any) -> Located | None:
        """An inline object below this one (an inline SLI, alert policy, condition, target)."""
        value = self.get(*path)
        return Located(kind, value, self.file, self.doc, self.at + path) if isinstance(value, dict) else None

    def locate(self, *path: Any, key: bool = False) -> tuple[int, int]:
        return self.doc.locate(self.at + path, key=key)

    def finding(self, code: str, severity: Severity, message: str, *path: Any) -> Finding:
        line, column = self.locate(*path)
        return Finding(code, severity, self.file, line, column, message)


def read_objects(
    files: list[tuple[str, bytes]], limits: Limits = DEFAULT_LIMITS,
) -> tuple[list[Located], list[Finding]]:
    """Every OpenSLO v1 object in ``files`` (display path, bytes), and the problems met."""
    objects: list[Located] = []
    findings: list[Finding] = []
    for path, data in files:
        parsed = parse_bytes(data, path, limits)
        findings.extend(parsed.findings)
        if parsed.empty:
            findings.append(Finding("OSL001", Severity.WARNING, path, 1, 1, "file holds no OpenSLO objects"))
        for doc in parsed.documents:
            if doc.value is None:
                continue
            items = list(enumerate(doc.value)) if isinstance(doc.value, list) else [(None, doc.value)]
            for index, value in items:
                at = () if index is None else (index,)
                candidate = Located("", value if isinstance(value, dict) else {}, path, doc, at)
                if not isinstance(value, dict):
                    findings.append(candidate.finding(
                        "OSL001", Severity.ERROR, "expected an OpenSLO object (a mapping with apiVersion, kind, "
                        "metadata and spec)"))
                    continue
                kind = value.get("kind")
                if value.get("apiVersion") != API_VERSION:
                    findings.append(candidate.finding(
                        "OSL001", Severity.ERROR,
                        f"apiVersion {value.get('apiVersion')!r} is not supported; sre-docs reads {API_VERSION}",
                        "apiVersion"))
                    continue
                if kind not in KINDS:
                    findings.append(candidate.finding(
                        "OSL002", Severity.WARNING,
                        f"OpenSLO kind {kind!r} is not imported (sre-docs reads {', '.join(KINDS)})", "kind"))
                    continue
                located = Located(kind, value, path, doc, at)
                if located.name is None:
                    findings.append(located.finding("OSL003", Severity.ERROR, f"{kind} has no metadata.name", "metadata"))
                    continue
                objects.append(located)
    return objects, findings


def index_objects(objects: list[Located]) -> tuple[dict[str, dict[str, Located]], list[Finding]]:
    """Objects by kind and name; a second object of the same kind and name is reported and ignored."""
    index: dict[str, dict[str, Located]] = {kind: {} for kind in KINDS}
    findings = []
    for obj in objects:
        known = index[obj.kind]
        name = obj.name or ""
        if name in known:
            first = known[name]
            line, _ = first.locate(key=True)
            findings.append(obj.finding(
                "OSL020", Severity.WARNING,
                f"{obj.kind} {name!r} is defined again (first at {first.file}:{line}); this one is ignored",
                "metadata", "name"))
            continue
        known[name] = obj
    return index, findings
