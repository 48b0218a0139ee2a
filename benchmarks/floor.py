"""The floor a linter of this repo cannot beat: read every file and let libyaml compose it.

    python -m benchmarks.floor DIR

Composing (``yaml.compose_all`` on ``CSafeLoader``) builds the node tree with a position on
every node, the least any checker that reports line and column must do. It runs in one
process over the same files ``sre-docs lint`` reads (``services/`` and ``org/``), so the
benchmark can print lint time as a multiple of it.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import yaml

from sre_docs.loading.loader import discover


def yaml_files(root: Path) -> list[Path]:
    """The files ``sre-docs lint`` reads, found the same way it finds them."""
    sources, _, _ = discover(root)
    return [root / source.path for source in sources]


def compose_all(paths: list[Path]) -> int:
    """Compose every document of every file; returns the number of documents."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    documents = 0
    for path in paths:
        text = path.read_bytes().decode("utf-8")
        for _ in yaml.compose_all(text, Loader=loader):
            documents += 1
    return documents


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m benchmarks.floor DIR", file=sys.stderr)
        return 2
    started = time.perf_counter()
    paths = yaml_files(Path(args[0]))
    documents = compose_all(paths)
    print(f"{len(paths)} files, {documents} documents composed in {time.perf_counter() - started:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
