"""Time ``sre-docs pull prometheus`` for 30 days of the example's SLOs against a real Prometheus.

    python -m benchmarks.pull [--days 30] [--repeats 3]

A copy of the example organisation gets, for each SLI with ``prometheus:`` queries, queries over
one generated counter pair (``bench_events_total{sli=...,outcome="good"|"bad"}``, scraped every
5 minutes), because the example's own queries name metrics no test server has. The SLOs, files and
windows stay the example's. Each run starts without measurement files, so every SLO's file is
created with one row per day; a second run over the same days (nothing to change) is timed too.
Prints wall seconds per run and the median.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from benchmarks.live_prometheus import Counter, PrometheusServer
from sre_docs.model.repository import load_repository
from sre_docs.yamltext.edit import YamlEditor

PROJECT = Path(__file__).resolve().parents[1]
UTC = dt.timezone.utc


def prepare(root: Path, first: dt.datetime, days: int) -> tuple[list[Counter], int]:
    """The example under ``root`` with generated queries; the counters behind them; the number of SLOs."""
    for part in ("services", "org"):
        shutil.copytree(PROJECT / part, root / part)
    shutil.copy(PROJECT / "sre-docs.yaml", root / "sre-docs.yaml")
    repo = load_repository(root)
    counters: list[Counter] = []
    slos = 0
    for service in repo.services.values():
        slos += sum(1 for slo in service.slos
                    if any(sli.name == slo.get("sli") and sli.get("prometheus") for sli in service.slis))
        for sli in service.slis:
            if not isinstance(sli.get("prometheus"), dict):
                continue
            key = f"{service.name}/{sli.name}"
            path = root / sli.path
            editor = YamlEditor(path.read_bytes(), sli.path)
            block = sli.get("prometheus")
            selector = f'bench_events_total{{sli="{key}"}}'
            editor.set(("sli", "prometheus", "total_events"), f"sum(rate({selector}[5m]))", doc=sli.parsed.index)
            other = "good_events" if "good_events" in block else "bad_events"
            outcome = "good" if other == "good_events" else "bad"
            editor.set(("sli", "prometheus", other), f'sum(rate(bench_events_total{{sli="{key}",outcome="{outcome}"}}[5m]))',
                       doc=sli.parsed.index)
            path.write_bytes(editor.result())
            good, bad = Counter("bench_events_total", {"sli": key, "outcome": "good"}), \
                Counter("bench_events_total", {"sli": key, "outcome": "bad"})
            moment = first
            good.scrape(moment)
            bad.scrape(moment)
            for index in range(days * 288):
                moment += dt.timedelta(minutes=5)
                good.scrape(moment, 500 + index % 37)
                bad.scrape(moment, 1 if index % 50 == 0 else 0)
            counters += [good, bad]
    for folder in (root / "services").glob("*/measurements"):
        shutil.rmtree(folder)
    return counters, slos


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    last = dt.date(2026, 11, 25)  # the example's last complete day
    first = dt.datetime.combine(last - dt.timedelta(days=args.days - 1), dt.time(), UTC)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        template = work / "template"
        counters, slos = prepare(template, first, args.days)
        with PrometheusServer(work / "prometheus", counters) as server:
            command = ["sre-docs", "pull", "prometheus", "--url", server.url, "--from", first.date().isoformat(),
                       "--to", last.isoformat()]
            fresh, again = [], []
            for repeat in range(args.repeats):
                root = work / f"run{repeat}"
                shutil.copytree(template, root)
                started = time.perf_counter()
                result = subprocess.run([*command, "--root", str(root)], capture_output=True, text=True)
                fresh.append(time.perf_counter() - started)
                if result.returncode != 0:
                    raise SystemExit(f"pull failed ({result.returncode}):\n{result.stdout}{result.stderr}")
                started = time.perf_counter()
                subprocess.run([*command, "--root", str(root)], capture_output=True, text=True, check=True)
                again.append(time.perf_counter() - started)
            print(result.stdout.splitlines()[-1])
    print(f"{slos} SLOs x {args.days} days, {len(counters)} series: pull {', '.join(f'{t:.2f}' for t in fresh)} s "
          f"(median {statistics.median(fresh):.2f} s); again, nothing to change: "
          f"{', '.join(f'{t:.2f}' for t in again)} s (median {statistics.median(again):.2f} s)")


if __name__ == "__main__":
    main()
