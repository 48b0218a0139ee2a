"""Attack benchmarks: how long hostile inputs take, so that each stays linear in its size.

    python -m benchmarks.hostile [schema|extends|all]

``schema``: one service file of nothing but schema errors (unknown keys, bad list items,
wrong types), at sizes up to 1 MiB (the default ``max_file_bytes``), loaded as ``sre-docs
lint`` loads it. ``extends``: sre-docs.yaml layers that each extend the next several.
Each line gives the wall time and the peak memory of the process so far.
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

from sre_docs.loading.loader import SourceFile, load_bytes

SOURCE = SourceFile("services/checkout/hostile.yaml", "checkout")


def unknown_keys(size: int) -> bytes:
    """An SLO with one valid body and then unknown keys until the file is ``size`` bytes."""
    head = b"slo:\n  service: checkout\n  sli: availability\n  target: 99.9\n  window: 28d\n"
    lines = [head]
    total, index = len(head), 0
    while total < size:
        line = b"  unknown_%07d: 1\n" % index
        lines.append(line)
        total += len(line)
        index += 1
    return b"".join(lines)


def bad_items(size: int) -> bytes:
    """A service whose upstream list is full of items of the wrong type."""
    head = b"service:\n  name: checkout\n  tier: critical\n  owner_team: payments\n  dependencies:\n    upstream:\n"
    lines = [head]
    total = len(head)
    while total < size:
        line = b"    - 12345\n"
        lines.append(line)
        total += len(line)
    return b"".join(lines)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def schema(sizes: tuple[int, ...] = (14_000, 60_000, 250_000, 1_048_000)) -> None:
    print("file                      bytes  findings   seconds  peak MB")
    for name, make in (("unknown keys", unknown_keys), ("bad list items", bad_items)):
        for size in sizes:
            data = make(size)
            start = time.perf_counter()
            loaded = load_bytes(data, SOURCE)
            elapsed = time.perf_counter() - start
            print(f"{name:<18} {len(data):>12,} {len(loaded.findings):>9,} {elapsed:>9.2f} {_peak_mb():>8.0f}")


def extends(width: int = 12, depths: tuple[int, ...] = (3, 4, 5, 6)) -> None:
    """``depth`` levels of ``width`` configs, each extending every config of the next level."""
    from sre_docs.lint.config import ConfigError, load_config

    print("layers       depth  seconds  peak MB  result")
    for depth in depths:
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            for level in range(depth):
                for index in range(width):
                    below = [f"l{level + 1}_{i}.yaml" for i in range(width)] if level + 1 < depth else []
                    text = "extends: [" + ", ".join(below) + "]\n" if below else "fail_on: error\n"
                    (root / f"l{level}_{index}.yaml").write_text(text)
            (root / "sre-docs.yaml").write_text("extends: [" + ", ".join(f"l0_{i}.yaml" for i in range(width)) + "]\n")
            start = time.perf_counter()
            try:
                load_config(root)
                result = "loaded"
            except ConfigError as error:
                result = f"refused: {str(error)[:70]}"
            elapsed = time.perf_counter() - start
            print(f"{width}x{depth:<10} {depth:>5} {elapsed:>8.2f} {_peak_mb():>8.0f}  {result}")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    which = args[0] if args else "all"
    if which in ("schema", "all"):
        schema()
    if which in ("extends", "all"):
        extends()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
