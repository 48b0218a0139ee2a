"""Time sre-docs on synthetic repos and compare it with the floors that bound it.

    python -m benchmarks.run [--sizes 100,1000,3000] [--site-sizes 100,300,1000] [--quick]

For each lint size it generates a corpus (cached under ``benchmarks/out/``, which git
ignores) and times, each as a separate process with its peak memory:

- ``sre-docs lint`` of the whole repo, and ``lint --since HEAD~1`` after a change to one
  service (``n/a`` while the CLI has no ``--since``);
- ``sre-docs diff HEAD~1`` (the pull-request impact) and the pre-commit hook (``lint`` with the
  changed files passed, as pre-commit runs it) for the same one-service change;
- the libyaml compose floor (``python -m benchmarks.floor``: ``yaml.compose_all`` on
  ``CSafeLoader`` over the same files, in one process);
- ``yamllint`` on the same files (``n/a`` unless installed: ``pip install -e '.[bench]'``).

For each site size it builds the handbook of a corpus with the project's MkDocs plugins,
and a plain Material site with the same number of ~2 KB static pages, nested nav and
``navigation.prune``. Runs of different tools are interleaved so that background load hits
them alike; each figure is the median of the repeats. It prints Markdown tables (for the
README) and growth exponents, and writes everything to ``benchmarks/out/results.json``.

Wall times depend on the machine and on what else it is doing; compare the ratios.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import importlib.util
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks import corpus, sites

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "benchmarks" / "out"
HISTORY = 20  # commits of history in each corpus, for lint --since
SINCE_SERVICE_INDEX = 7  # which service the change for --since touches (any will do)


@dataclass
class Run:
    seconds: float
    cpu_seconds: float  # user + system, the process and every child it waited for
    peak_mb: float
    returncode: int
    stderr_tail: str = ""


@dataclass
class Measure:
    """The median of some runs of one command (None when the tool is not available)."""

    seconds: float | None = None
    cpu_seconds: float | None = None
    peak_mb: float | None = None
    returncode: int | None = None
    runs: list[float] = field(default_factory=list)
    note: str = ""

    @classmethod
    def of(cls, runs: list[Run]) -> Measure:
        worst = max((r.returncode for r in runs), key=abs, default=0)
        tail = next((r.stderr_tail for r in runs if r.returncode not in (0, 1)), "")
        return cls(statistics.median(r.seconds for r in runs), statistics.median(r.cpu_seconds for r in runs),
                   max(r.peak_mb for r in runs), worst, [round(r.seconds, 3) for r in runs], tail)


def run_command(command: Sequence[str], *, cwd: Path | None = None, extra_env: dict[str, str] | None = None) -> Run:
    """Run ``command`` to completion; wall time and the peak RSS of its largest process."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(REPO), **(extra_env or {}))
    # Installed packages come with their bytecode; a developer's checkout writes it on the first run. Without it,
    # every run compiles some 180 modules again (0.1 s of CPU), which no user pays.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(list(command), cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        tail = errors.read()[-600:].decode("utf-8", "replace")
    # ru_maxrss is in KiB on Linux; for a waited-for child it covers the child and its own
    # reaped children, so it is the largest single process, not their sum.
    return Run(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, process.returncode, tail)


Command = tuple[Sequence[str], Path | None] | tuple[Sequence[str], Path | None, dict[str, str]]


def median_runs(commands: dict[str, Command], repeat: int) -> dict[str, Measure]:
    """Run each command ``repeat`` times, interleaved, and keep the medians."""
    runs: dict[str, list[Run]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, (command, cwd, *env) in commands.items():
            runs[name].append(run_command(command, cwd=cwd, extra_env=env[0] if env else None))
    return {name: Measure.of(items) for name, items in runs.items()}


# --- corpora ------------------------------------------------------------------------------------


def _generator_digest() -> str:
    sources = sorted((REPO / "benchmarks" / "synth").glob("*.py")) + [REPO / "benchmarks" / "corpus.py"]
    digest = hashlib.sha256()
    for path in sources:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def prepare_corpus(services: int, seed: int) -> Path:
    """The corpus of ``services`` services, with git history and a last commit that changes one service.

    Reused between runs while the generator's source is unchanged.
    """
    folder = OUT / f"corpus-{services}"
    stamp = {"services": services, "seed": seed, "history": HISTORY, "generator": _generator_digest()}
    stamp_file = OUT / f"corpus-{services}.json"
    if folder.is_dir() and stamp_file.is_file() and json.loads(stamp_file.read_text()) == stamp:
        return folder
    print(f"  generating {services} services ...", file=sys.stderr, flush=True)
    shutil.rmtree(folder, ignore_errors=True)
    corpus.generate(folder, services, seed=seed, git_history=HISTORY)
    names = sorted(p.name for p in (folder / "services").iterdir())
    changed = corpus.touch_service(folder, names[SINCE_SERVICE_INDEX % len(names)], corpus.TODAY.isoformat())
    corpus.git(folder, "commit", "--quiet", "-m", "The change under test", "--", *changed,
               when=datetime.combine(corpus.TODAY, datetime.min.time(), tzinfo=UTC))
    stamp_file.write_text(json.dumps(stamp))
    return folder


def corpus_size(folder: Path) -> tuple[int, int]:
    paths = [p for top in ("services", "org") for p in (folder / top).rglob("*") if p.suffix in (".yaml", ".yml")]
    return len(paths), sum(p.stat().st_size for p in paths)


# --- what is available ------------------------------------------------------------------------------


def lint_supports_since() -> bool:
    done = subprocess.run([sys.executable, "-m", "sre_docs", "lint", "--help"], capture_output=True, text=True, check=False)
    return "--since" in done.stdout


def command_exists(name: str) -> bool:
    done = subprocess.run([sys.executable, "-m", "sre_docs", "--help"], capture_output=True, text=True, check=False)
    return f"    {name} " in done.stdout


def handbook_plugin_available() -> bool:
    names = {entry.name for entry in importlib.metadata.entry_points(group="mkdocs.plugins")}
    return "sre-docs/handbook" in names


def yamllint_available() -> bool:
    return importlib.util.find_spec("yamllint") is not None


def _version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


# --- the measurements -----------------------------------------------------------------------------


def lint_row(services: int, seed: int, repeat: int, repeat_slow: int) -> dict[str, Any]:
    folder = prepare_corpus(services, seed)
    files, size = corpus_size(folder)
    python = sys.executable
    # A parse cache of this run's own: the first runs below fill it (and the base's whole run for
    # --since, diff and the hook), the medians are the warm runs a developer sees; ``lint_cold``
    # runs with the cache off, every file parsed.
    cache = OUT / f"cache-{services}"
    shutil.rmtree(cache, ignore_errors=True)
    cache.mkdir(mode=0o700, parents=True)
    warm = {"XDG_CACHE_HOME": str(cache)}
    commands: dict[str, Command] = {
        "lint": ([python, "-m", "sre_docs", "lint", "--root", str(folder)], None, warm),
        "lint_cold": ([python, "-m", "sre_docs", "lint", "--root", str(folder)], None, {**warm, "SRE_DOCS_CACHE": "0"}),
        "floor": ([python, "-m", "benchmarks.floor", str(folder)], REPO),
    }
    if lint_supports_since():
        commands["since"] = ([python, "-m", "sre_docs", "lint", "--root", str(folder), "--since", "HEAD~1"], None, warm)
    if command_exists("diff"):
        commands["diff"] = ([python, "-m", "sre_docs", "diff", "HEAD~1", "--format", "json"], folder, warm)
    changed = subprocess.run(["git", "diff", "--name-only", "HEAD~1", "HEAD"], cwd=folder, capture_output=True,
                             text=True, check=False).stdout.split()
    commands["precommit"] = ([python, "-m", "sre_docs", "lint", "--format", "text", *changed], folder, warm)
    print(f"  lint {services} services ({files} files) ...", file=sys.stderr, flush=True)
    measures = median_runs(commands, repeat)
    if yamllint_available():
        measures.update(median_runs({"yamllint": ([python, "-m", "yamllint", "-f", "parsable", "services", "org"], folder)},
                                    repeat_slow))
    row: dict[str, Any] = {"services": services, "files": files, "bytes": size}
    for name in ("lint", "lint_cold", "since", "diff", "precommit", "floor", "yamllint"):
        row[name] = asdict(measures[name]) if name in measures else None
    return row


def site_row(services: int, seed: int, repeat: int) -> dict[str, Any]:
    folder = prepare_corpus(services, seed)
    python = sys.executable
    row: dict[str, Any] = {"services": services, "handbook": None, "plain": None, "pages": None}
    handbook_dir = OUT / f"site-{services}-handbook"
    pages = None
    if handbook_plugin_available():
        shutil.rmtree(handbook_dir, ignore_errors=True)
        config = sites.write_handbook_project(handbook_dir, folder)
        print(f"  handbook of {services} services ...", file=sys.stderr, flush=True)
        measure = median_runs({"handbook": ([python, "-m", "mkdocs", "build", "-q", "-f", str(config)], None)}, repeat)
        row["handbook"] = asdict(measure["handbook"])
        if measure["handbook"].returncode == 0:
            pages = sites.count_pages(handbook_dir / "site")
    row["pages"] = pages
    plain_pages = pages or services * 10  # without a handbook, assume ten pages a service
    plain_dir = OUT / f"site-{services}-plain"
    shutil.rmtree(plain_dir, ignore_errors=True)
    config = sites.write_static_project(plain_dir, plain_pages, seed=seed)
    print(f"  plain site of {plain_pages} pages ...", file=sys.stderr, flush=True)
    measure = median_runs({"plain": ([python, "-m", "mkdocs", "build", "-q", "-f", str(config)], None)}, repeat)
    row["plain"] = asdict(measure["plain"])
    row["plain_pages"] = plain_pages
    return row


# --- the report ------------------------------------------------------------------------------------


def _seconds(measure: dict[str, Any] | None) -> float | None:
    if not measure or measure.get("seconds") is None or measure.get("returncode") not in (0, 1):
        return None
    return measure["seconds"]


def _cpu(measure: dict[str, Any] | None) -> float | None:
    return measure.get("cpu_seconds") if _seconds(measure) is not None else None


def _cell(value: float | None, digits: int = 2, suffix: str = "") -> str:
    return "n/a" if value is None else f"{value:.{digits}f}{suffix}"


def _ratio(top: float | None, bottom: float | None) -> float | None:
    return top / bottom if top is not None and bottom else None


def growth_exponent(sizes: list[int], times: list[float | None]) -> float | None:
    """k in t ~ n^k from the two largest sizes: log(t_b / t_a) / log(n_b / n_a)."""
    known = [(n, t) for n, t in zip(sizes, times, strict=True) if t]
    if len(known) < 2:
        return None
    (n_a, t_a), (n_b, t_b) = known[-2], known[-1]
    return math.log(t_b / t_a) / math.log(n_b / n_a)


def growth(results: dict[str, Any]) -> dict[str, dict[str, float | None]]:
    """Growth exponents of wall and CPU time for each tool, from the two largest sizes."""
    exponents: dict[str, dict[str, float | None]] = {}
    for table, column, name in (("lint", "lint", "lint"), ("lint", "floor", "compose floor"),
                                ("lint", "yamllint", "yamllint"), ("site", "handbook", "handbook"),
                                ("site", "plain", "plain site")):
        rows = results[table]
        sizes = [row["services"] for row in rows]
        exponents[name] = {
            "wall": growth_exponent(sizes, [_seconds(row[column]) for row in rows]),
            "cpu": growth_exponent(sizes, [_cpu(row[column]) for row in rows]),
        }
    return exponents


def markdown(results: dict[str, Any]) -> str:
    env = results["environment"]
    lines = [
        (
            f"Measured {results['finished']} on {env['cpus']} CPUs, Python {env['python']}, "
            f"load average {env['load_before']} before and {env['load_after']} after "
            f"(command: `{results['command']}`). Times are wall seconds, median of the runs, with the CPU "
            "seconds (user + system, workers included) in brackets; peaks are the largest process's RSS."
        ),
        "",
        (
            "| services | files | MB | full lint (s) | lint peak (MB) | `--since` one service (s) | compose floor (s) "
            "| lint ÷ floor | yamllint (s) | lint ÷ yamllint |"
        ),
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in results["lint"]:
        lint, floor, yl = _seconds(row["lint"]), _seconds(row["floor"]), _seconds(row["yamllint"])
        lint_cpu, floor_cpu = _cpu(row["lint"]), _cpu(row["floor"])
        flag = "" if (row["lint"] or {}).get("returncode") == 0 else " ⚠"
        lines.append(
            f"| {row['services']:,} | {row['files']:,} | {row['bytes'] / 1e6:.1f} | {_cell(lint)} ({_cell(lint_cpu)} CPU){flag} "
            f"| {_cell((row['lint'] or {}).get('peak_mb'), 0)} | {_cell(_seconds(row['since']))} "
            f"| {_cell(floor)} ({_cell(floor_cpu)} CPU) "
            f"| {_cell(_ratio(lint, floor), 2, '×')} ({_cell(_ratio(lint_cpu, floor_cpu), 2, '×')} CPU) "
            f"| {_cell(yl, 1)} | {_cell(_ratio(lint, yl), 2, '×')} |"
        )
    lines += [
        "",
        (
            "| services | handbook pages | handbook build (s) | handbook peak (MB) | plain Material build (s) "
            "| plain peak (MB) | handbook ÷ plain |"
        ),
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in results["site"]:
        handbook, plain = _seconds(row["handbook"]), _seconds(row["plain"])
        pages = f"{row['pages']:,}" if row["pages"] else f"n/a ({row['plain_pages']:,} plain)"
        handbook_cpu, plain_cpu = _cpu(row["handbook"]), _cpu(row["plain"])
        lines.append(
            f"| {row['services']:,} | {pages} | {_cell(handbook, 1)} ({_cell(handbook_cpu, 1)} CPU) "
            f"| {_cell((row['handbook'] or {}).get('peak_mb'), 0)} | {_cell(plain, 1)} ({_cell(plain_cpu, 1)} CPU) "
            f"| {_cell(row['plain']['peak_mb'], 0)} | {_cell(_ratio(handbook, plain), 2, '×')} "
            f"({_cell(_ratio(handbook_cpu, plain_cpu), 2, '×')} CPU) |"
        )
    lines += ["", *goals(results)]
    exponents = growth(results)
    lines += ["", "Growth exponents k (time ∝ n^k, from the two largest sizes), wall (CPU): "
              + ", ".join(f"{name} {_cell(k['wall'])} ({_cell(k['cpu'])})" for name, k in exponents.items()) + "."]
    if any((row["lint"] or {}).get("returncode") not in (0, None) for row in results["lint"]):
        lines.append("⚠ lint reported findings on the corpus (exit code 1): a generator or policy bug to look at.")
    return "\n".join(lines) + "\n"


#: The goals of the pull-request issue: one change in about a second, a lint near the parser's cost.
GOAL_SERVICES, MEMORY_SERVICES = 1000, 3000


def _row(results: dict[str, Any], services: int) -> dict[str, Any] | None:
    return next((row for row in results["lint"] if row["services"] == services), None)


def goals(results: dict[str, Any]) -> list[str]:
    """The pull-request table: each goal with what this run measured (n/a when the size was not run)."""
    at = _row(results, GOAL_SERVICES) or {}
    big = _row(results, MEMORY_SERVICES) or {}

    def seconds(name: str, limit: float) -> tuple[str, str]:
        value, cpu = _seconds(at.get(name)), _cpu(at.get(name))
        runs = (at.get(name) or {}).get("runs") or []
        first = f"; first run {runs[0]:.2f} s" if len(runs) > 1 else ""
        shown = _cell(value, 2, " s") + ("" if cpu is None else f" ({cpu:.2f} CPU{first})")
        return shown, "n/a" if value is None else ("met" if value <= limit else f"missed by {value - limit:.2f} s")

    def ratio_row(name: str, what: str) -> tuple[str, str, str, str]:
        ratio = _ratio(_cpu(at.get(name)), _cpu(at.get("floor")))
        return (what, "≤ 2.5× libyaml compose CPU", _cell(ratio, 2, "×"),
                "n/a" if ratio is None else ("met" if ratio <= 2.5 else f"missed by {ratio - 2.5:.2f}×"))

    def memory_row(names: tuple[str, ...], what: str) -> tuple[str, str, str, str]:
        peaks = [(big.get(name) or {}).get("peak_mb") for name in names]
        peak = max((value for value in peaks if value is not None), default=None)
        return (f"peak memory at {MEMORY_SERVICES:,} services ({what})", "≤ 500 MB", _cell(peak, 0, " MB"),
                "n/a" if peak is None else ("met" if peak <= 500 else f"missed by {peak - 500:.0f} MB"))

    rows = [
        ("`lint --since` for a one-service change", "≤ 1.0 s wall", *seconds("since", 1.0)),
        ("`diff` for a one-service change", "≤ 1.0 s wall", *seconds("diff", 1.0)),
        ("pre-commit hook for a one-service change", "≤ 1.0 s wall", *seconds("precommit", 1.0)),
        ratio_row("lint_cold", "full lint CPU time, every file parsed (cache off)"),
        ratio_row("lint", "full lint CPU time, parse cache warm"),
        # Peaks are the largest of all runs, so the cold first run (the cache being filled) counts too.
        memory_row(("lint", "since", "diff", "precommit"), "largest of lint, --since, diff, hook; parse cache on"),
        memory_row(("lint_cold",), "lint with the parse cache off"),
    ]
    lines = [f"Pull-request goals ({GOAL_SERVICES:,} services unless said; wall times are medians of warm runs, "
             "the first run fills the cache with the base's whole run; load average above):", "",
             "| what | goal | measured | |", "|---|---|---:|---|"]
    lines += [f"| {what} | {goal} | {value} | {verdict} |" for what, goal, value, verdict in rows]
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,3000", help="lint sizes in services (default 100,1000,3000)")
    parser.add_argument("--site-sizes", default="100,300,1000", help="site sizes in services (default 100,300,1000)")
    parser.add_argument("--quick", action="store_true", help="small sizes, one run each (a smoke test)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of lint, --since and the floor (median)")
    parser.add_argument("--repeat-slow", type=int, default=1, help="runs of yamllint and the site builds")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path, default=OUT / "results.json", help="where to write the results")
    parser.add_argument("--from-json", type=Path, metavar="FILE", help="print the tables of an earlier run, measure nothing")
    args = parser.parse_args(argv)
    if args.from_json:
        print(markdown(json.loads(args.from_json.read_text(encoding="utf-8"))))
        return 0
    if args.quick:
        sizes, site_sizes, repeat, repeat_slow = [30, 90], [10, 30], 1, 1
    else:
        sizes = [int(n) for n in args.sizes.split(",") if n.strip()]
        site_sizes = [int(n) for n in args.site_sizes.split(",") if n.strip()]
        repeat, repeat_slow = max(1, args.repeat), max(1, args.repeat_slow)
    OUT.mkdir(parents=True, exist_ok=True)
    environment = {
        "cpus": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_before": " ".join(f"{x:.1f}" for x in os.getloadavg()),
        "versions": {name: _version(name) for name in
                     ("sre-docs", "mkdocs", "mkdocs-material", "PyYAML", "cerberus", "yamllint")},
    }
    lint_rows = [lint_row(n, args.seed, repeat, repeat_slow) for n in sizes]
    site_rows = [site_row(n, args.seed, repeat_slow) for n in site_sizes]
    environment["load_after"] = " ".join(f"{x:.1f}" for x in os.getloadavg())
    command = "python -m benchmarks.run " + " ".join(sys.argv[1:] if argv is None else argv)
    results = {
        "command": command.strip(),
        "finished": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "environment": environment,
        "lint": lint_rows,
        "site": site_rows,
    }
    results["growth"] = growth(results)
    text = markdown(results)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    args.json.with_suffix(".md").write_text(text, encoding="utf-8")
    print(text)
    print(f"results: {args.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
