"""The "gold" fixture organisation, editable in tests.

``fixtures/gold`` holds one service that meets every criterion of every level on
TODAY. Tests load it as plain values (YAML 1.2, as sre-docs reads it), change what they
need, and build the model from the edited files with ``repository_from_files``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from sre_docs.model.repository import Repository, repository_from_files
from sre_docs.yamltext.parse import parse_bytes

GOLD = Path(__file__).parent / "fixtures" / "gold"
TODAY = dt.date(2026, 11, 16)


class Files:
    """path -> list of documents (plain values), dumped back to YAML on demand."""

    def __init__(self, root: Path = GOLD) -> None:
        self.docs: dict[str, list[Any]] = {}
        for path in sorted(root.rglob("*.yaml")):
            rel = path.relative_to(root).as_posix()
            result = parse_bytes(path.read_bytes(), rel)
            assert not result.findings, result.findings
            self.docs[rel] = [d.value for d in result.documents]

    def body(self, path: str, index: int = 0) -> Any:
        """The body (value under the kind key) of document ``index`` of ``path``."""
        value = self.docs[path][index]
        return next(iter(value.values()))

    def drop(self, *paths: str) -> None:
        for path in paths:
            del self.docs[path]

    def drop_matching(self, prefix: str) -> None:
        for path in [p for p in self.docs if p.startswith(prefix)]:
            del self.docs[path]

    def drop_doc(self, path: str, index: int) -> None:
        del self.docs[path][index]

    def add(self, path: str, document: dict[str, Any]) -> None:
        self.docs.setdefault(path, []).append(document)

    def render(self) -> list[tuple[str, bytes]]:
        return [
            (path, yaml.safe_dump_all(docs, sort_keys=False, allow_unicode=True).encode())
            for path, docs in self.docs.items()
        ]

    def repository(self) -> Repository:
        repo = repository_from_files(GOLD, self.render())
        assert not repo.findings, [str(f) for f in repo.findings]
        return repo

    def write(self, root: Path) -> None:
        for path, data in self.render():
            target = root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
