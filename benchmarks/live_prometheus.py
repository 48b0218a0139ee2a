"""A real Prometheus server with generated counters, for the pull tests and the pull benchmark.

Series are written as OpenMetrics, turned into TSDB blocks by ``promtool tsdb
create-blocks-from openmetrics`` and served by the ``prometheus`` binary (Debian's package, which
also ships promtool) on 127.0.0.1 at a free port, with no scrape targets and a retention long
enough to keep the old samples. :class:`Counter` builds a counter from the events of each
scrape interval, so the truth the tests compare with is the sum of those events, whatever
resets happen in between.
"""

from __future__ import annotations

import datetime as dt
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

UTC = dt.timezone.utc


def binaries() -> tuple[str, str] | None:
    """Paths of ``prometheus`` and ``promtool``, or None when either is missing."""
    server, tool = shutil.which("prometheus"), shutil.which("promtool")
    return (server, tool) if server and tool else None


@dataclass
class Counter:
    """One counter series: ``name{labels}`` and its samples ``(unix seconds, value)``."""

    name: str
    labels: dict[str, str]
    samples: list[tuple[int, int]] = field(default_factory=list)
    value: int = 0

    def scrape(self, at: dt.datetime, events: int = 0, *, reset: bool = False) -> None:
        """Record a sample at ``at`` after ``events`` more events (after a restart from 0 with ``reset``)."""
        self.value = events if reset else self.value + events
        self.samples.append((int(at.timestamp()), self.value))

    def text(self) -> str:
        body = ",".join(f'{key}="{value}"' for key, value in sorted(self.labels.items()))
        series = f"{self.name}{{{body}}}" if body else self.name
        return "\n".join(f"{series} {value} {at}" for at, value in self.samples)


def openmetrics(counters: Iterable[Counter]) -> str:
    """The OpenMetrics text of ``counters`` (one family per metric name, ``# EOF`` at the end)."""
    families: dict[str, list[Counter]] = {}
    for counter in counters:
        families.setdefault(counter.name, []).append(counter)
    out = []
    for name, members in families.items():
        family = name[:-len("_total")] if name.endswith("_total") else name
        kind = "counter" if name.endswith("_total") else "unknown"
        out.append(f"# TYPE {family if kind == 'counter' else name} {kind}")
        out.extend(member.text() for member in members if member.samples)
    return "\n".join(out) + "\n# EOF\n"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PrometheusServer:
    """``with PrometheusServer(folder, counters) as server: server.url``; stopped and waited for on exit."""

    def __init__(self, folder: Path, counters: Iterable[Counter]) -> None:
        found = binaries()
        if found is None:
            raise RuntimeError("prometheus and promtool are not installed (apt-get install prometheus)")
        self.server, self.tool = found
        self.folder = Path(folder)
        self.counters = list(counters)
        self.process: subprocess.Popen | None = None
        self.url = ""

    def build(self) -> Path:
        """TSDB blocks of the counters under ``folder/data``."""
        self.folder.mkdir(parents=True, exist_ok=True)
        source = self.folder / "series.om"
        source.write_text(openmetrics(self.counters), encoding="utf-8")
        data = self.folder / "data"
        # Blocks of up to 30 days: with the default 2 h blocks, 28 days of samples take a minute to write.
        subprocess.run([self.tool, "tsdb", "create-blocks-from", "openmetrics", "--quiet", "--max-block-duration=720h",
                        str(source), str(data)],
                       check=True, capture_output=True, text=True, timeout=600)
        return data

    def __enter__(self) -> PrometheusServer:
        data = self.build()
        config = self.folder / "prometheus.yml"
        config.write_text("global:\n  evaluation_interval: 1h\nscrape_configs: []\n", encoding="utf-8")
        port = _free_port()
        self.url = f"http://127.0.0.1:{port}/"
        self.log = open(self.folder / "prometheus.log", "wb")
        self.process = subprocess.Popen(
            [self.server, f"--config.file={config}", f"--storage.tsdb.path={data}",
             "--storage.tsdb.retention.time=50y", f"--web.listen-address=127.0.0.1:{port}"],
            stdout=self.log, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"prometheus exited with {self.process.returncode}; see {self.folder / 'prometheus.log'}")
            try:
                with urllib.request.urlopen(self.url + "-/ready", timeout=2) as answer:
                    if answer.status == 200:
                        return self
            except OSError:
                time.sleep(0.2)
        self.__exit__(None, None, None)
        raise RuntimeError("prometheus did not become ready within 60 s")

    def __exit__(self, *exc: object) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None
        if getattr(self, "log", None):
            self.log.close()
