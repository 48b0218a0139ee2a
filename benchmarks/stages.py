"""Where the time of one lint goes, stage by stage, in one process.

    python -m benchmarks.stages DIR [--repeat 3]

Stages: discover the files, read them, parse them (the YAML 1.2 event builder), check them
against their schemas (cerberus alone, and the loader's precheck fast path), load the whole
model serially and on every core, and run the policies. Each figure is the best of
``--repeat`` runs, in wall seconds and CPU seconds of this process (the CPU figure of the
parallel load leaves out the workers), so that a busy machine shows up as a gap between them.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from sre_docs.loading import precheck
from sre_docs.loading.loader import _kind_of, discover, load_files, worker_count
from sre_docs.yamltext.parse import parse_bytes
from sre_docs.schemas import KINDS
from sre_docs.schemas.validate import validate


def timed(action: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    """(best wall seconds, CPU seconds of that run, result of the last run)."""
    best: tuple[float, float] | None = None
    result = None
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = action()
        sample = (time.perf_counter() - wall, time.process_time() - cpu)
        best = sample if best is None or sample[0] < best[0] else best
    assert best is not None
    return best[0], best[1], result


def stages(root: Path, repeat: int) -> list[tuple[str, float, float, str]]:
    rows: list[tuple[str, float, float, str]] = []

    wall, cpu, found = timed(lambda: discover(root), repeat)
    sources = found[0]
    rows.append(("discover", wall, cpu, f"{len(sources)} files"))

    wall, cpu, blobs = timed(lambda: [(s, (root / s.path).read_bytes()) for s in sources], repeat)
    rows.append(("read", wall, cpu, f"{sum(len(b) for _, b in blobs) / 1e6:.1f} MB"))

    wall, cpu, parsed = timed(lambda: [(s, parse_bytes(b, s.path)) for s, b in blobs], repeat)
    documents = [(s, d) for s, result in parsed for d in result.documents]
    rows.append(("parse (YAML 1.2 events -> values + positions)", wall, cpu, f"{len(documents)} documents"))

    kinds = [(s, d, _kind_of(d, s, [])) for s, d in documents]
    checkable = [(s, d, k) for s, d, k in kinds if k is not None]

    def with_cerberus() -> int:
        return sum(len(validate(KINDS[k], d, s.path, s.service)) for s, d, k in checkable)

    def with_precheck() -> int:
        count = 0
        for s, d, k in checkable:
            if d.yaml11_surprises or not precheck.accepts(k, d.value):
                count += len(validate(KINDS[k], d, s.path, s.service))
        return count

    wall, cpu, findings = timed(with_cerberus, repeat)
    rows.append(("schemas: cerberus on every document", wall, cpu, f"{findings} findings"))
    wall, cpu, findings = timed(with_precheck, repeat)
    rows.append(("schemas: precheck, cerberus when unsure", wall, cpu, f"{findings} findings"))

    wall, cpu, _ = timed(lambda: load_files(root, sources, workers=1), repeat)
    rows.append(("load all files, 1 process", wall, cpu, "read + parse + schemas"))
    processes = worker_count()
    if processes > 1:
        wall, cpu, _ = timed(lambda: load_files(root, sources, workers=processes), repeat)
        rows.append((f"load all files, {processes} processes", wall, cpu, "parent CPU only"))

    try:
        from sre_docs.lint.config import load_config
        from sre_docs.lint.engine import lint
    except ImportError:  # the engine is optional for this script
        return rows
    config = load_config(root)
    wall, cpu, result = timed(lambda: lint(root, config), repeat)
    rows.append(("engine: load + build + policies", wall, cpu, f"{len(result.findings)} findings"))
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.stages", description=__doc__.split("\n\n")[0])
    parser.add_argument("root", type=Path, help="a reliability repo, e.g. one made by benchmarks.corpus")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    print("| stage | wall (s) | CPU (s) | |\n|---|---:|---:|---|")
    for name, wall, cpu, note in stages(args.root, max(1, args.repeat)):
        print(f"| {name} | {wall:.2f} | {cpu:.2f} | {note} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
