"""The two ways to publish the handbook, timed side by side on the same repo.

    python -m benchmarks.render_paths                      # the example organisation
    python -m benchmarks.render_paths --corpus DIR         # a corpus from `python -m benchmarks.corpus`

Paths, each a fresh process, wall time (best of ``--repeat``):

1. ``mkdocs build`` with the sre-docs plugins (today's path);
2. ``sre-docs handbook render`` then ``zensical build`` of the rendered tree (past Material's end of life);
3. ``mkdocs build`` of the same rendered tree, no plugin (the floor MkDocs itself costs).

The figures are printed as seconds and as ratios to path 1, measured in the same run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.sites import write_handbook_project

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _run(command: list[str], cwd: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode not in (0, 1):  # render exits 1 on findings and still writes
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    return elapsed


def measure(project: Path, config: Path, work: Path, repeat: int) -> dict[str, float]:
    out = work / "rendered"
    times: dict[str, list[float]] = {"plugin": [], "render": [], "zensical": [], "mkdocs-plain": []}
    for _ in range(repeat):
        shutil.rmtree(out, ignore_errors=True)
        times["plugin"].append(_run([str(BIN / "mkdocs"), "build", "-q", "-f", str(config), "-d", str(work / "site")],
                                    project))
        times["render"].append(_run([str(BIN / "sre-docs"), "handbook", "render", "--config", str(config), "--root",
                                     str(project), "--out", str(out), "--force"], project))
        shutil.rmtree(out / "site", ignore_errors=True)
        times["zensical"].append(_run([str(BIN / "zensical"), "build", "-c", "-f", str(out / "mkdocs.yml")], out))
        times["mkdocs-plain"].append(_run([str(BIN / "mkdocs"), "build", "-q", "-f", str(out / "mkdocs.yml"),
                                           "-d", str(work / "plain")], out))
    return {name: min(values) for name, values in times.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, help="a generated corpus (default: the example organisation)")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="sre-docs-paths-") as tmp:
        work = Path(tmp)
        if args.corpus is None:
            project, config, label = ROOT, ROOT / "mkdocs.yml", "example"
        else:
            project = args.corpus.resolve()
            config = write_handbook_project(work / "project", project)
            label = f"corpus {project.name}"
        figures = measure(project, config, work, args.repeat)
    plugin = figures["plugin"]
    rendered = figures["render"] + figures["zensical"]
    rows = [
        ("mkdocs build with the plugins", plugin),
        ("handbook render", figures["render"]),
        ("zensical build of the rendered tree", figures["zensical"]),
        ("render + zensical", rendered),
        ("mkdocs build of the rendered tree (no plugin)", figures["mkdocs-plain"]),
    ]
    print(f"| {label} | seconds | × plugin path |")
    print("|---|---|---|")
    for name, seconds in rows:
        print(f"| {name} | {seconds:.2f} | {seconds / plugin:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
