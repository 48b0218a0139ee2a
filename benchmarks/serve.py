"""How long ``mkdocs serve`` takes to show an edit: save one YAML file, wait for the page to change.

    python -m benchmarks.serve                      # the example organisation (a copy of it)
    python -m benchmarks.serve --corpus DIR         # a corpus from `python -m benchmarks.corpus`

A real ``mkdocs serve`` runs in its own process on a copy of the repo (the example) or on a
project around the corpus (``benchmarks.sites``). Once it serves, the script edits one
service's description (a new word each round), then fetches that service's page over HTTP
until the word shows. The figure is wall time from the write to the first response that has
the word: detecting the change (MkDocs polls every 0.5 s), rebuilding and serving. It also
prints the server's own log line for what each rebuild rendered, and the load average, since
the machine may be shared, and the CPU seconds the server spent (from /proc), which a busy machine does not
inflate.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from benchmarks.sites import write_handbook_project

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
_DESCRIPTION = re.compile(r"^(  description: ?)(>-\n    )?", re.MULTILINE)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _project(work: Path, corpus: Path | None) -> tuple[Path, Path]:
    """(mkdocs.yml, repo root) of a project to serve, in ``work``."""
    if corpus is None:
        repo = work / "repo"
        shutil.copytree(ROOT, repo, ignore=shutil.ignore_patterns("site", "node_modules", ".git", "*.egg-info",
                                                                   "__pycache__", ".venv"))
        return repo / "mkdocs.yml", repo
    return write_handbook_project(work / "project", corpus), corpus


def _cpu_seconds(pid: int) -> float | None:
    """CPU seconds (user + system) the process has used so far, from /proc; None where there is no /proc.

    On a shared machine the wall time of a rebuild depends on what else runs; its CPU time does not."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8", "replace"))
    except (urllib.error.URLError, OSError):
        return ""


class Server:
    """``mkdocs serve`` in a child process; its log is read on a thread."""

    def __init__(self, config: Path, port: int) -> None:
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SRE_DOCS_CACHE="0")
        self.process = subprocess.Popen(
            [str(BIN / "mkdocs"), "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=config.parent,
        )
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip())

    def wait_for(self, pattern: str, start: int, timeout: float) -> int:
        """Index of the first log line from ``start`` on that contains ``pattern``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for index in range(start, len(self.lines)):
                if pattern in self.lines[index]:
                    return index
            if self.process.poll() is not None:
                raise SystemExit("mkdocs serve stopped:\n" + "\n".join(self.lines[-30:]))
            time.sleep(0.05)
        raise SystemExit(f"no {pattern!r} within {timeout:.0f} s:\n" + "\n".join(self.lines[-30:]))

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, help="a corpus folder (default: the example organisation)")
    parser.add_argument("--service", help="the service whose service.yaml is edited (default: the first)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds to wait for the first build")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="sre-docs-serve-") as tmp:
        config, repo = _project(Path(tmp), args.corpus.resolve() if args.corpus else None)
        service = args.service or sorted(p.name for p in (repo / "services").iterdir() if p.is_dir())[0]
        target = repo / "services" / service / "service.yaml"
        original = target.read_text(encoding="utf-8")
        port = _free_port()
        url = f"http://127.0.0.1:{port}/services/{service}/"
        server = Server(config, port)
        try:
            started = time.monotonic()
            server.wait_for("Serving on", 0, args.timeout)
            print(f"first build and start: {time.monotonic() - started:.1f} s")
            times = []
            for round_ in range(args.rounds):
                word = f"benchmarkedit{round_}x{os.getpid()}"
                if not _DESCRIPTION.search(original):
                    raise SystemExit(f"{target}: no description to edit")
                edited = _DESCRIPTION.sub(lambda m, word=word: f"{m.group(1)}{m.group(2) or ''}{word} ", original, count=1)
                mark = len(server.lines)
                time.sleep(1.0)  # a quiet server, as between two saves
                cpu_before = _cpu_seconds(server.process.pid)
                written = time.monotonic()
                target.write_text(edited, encoding="utf-8")
                while word not in _fetch(url):
                    if time.monotonic() - written > args.timeout:
                        raise SystemExit(f"{url} did not show the edit within {args.timeout:.0f} s")
                    time.sleep(0.05)
                elapsed = time.monotonic() - written
                times.append(elapsed)
                cpu_after = _cpu_seconds(server.process.pid)
                cpu = f", server CPU {cpu_after - cpu_before:.2f} s" if cpu_before is not None and cpu_after is not None else ""
                # MkDocs logs "Documentation built in N seconds" once per distinct N (a duplicate filter on its
                # build logger), so two rebuilds of equal length show one line; "Reloading browsers" ends each.
                server.wait_for("Reloading browsers", mark, 60)
                durations = [line.split(" built in ", 1)[1] for line in server.lines[mark:] if " built in " in line]
                built = durations[-1] if durations else "time not logged again by MkDocs"
                rendered = [line for line in server.lines[mark:] if "preview:" in line]
                print(f"edit {round_ + 1}: page shows it after {elapsed:.2f} s{cpu} (rebuild {built}"
                      + (f"; {rendered[-1].split('preview: ', 1)[1]})" if rendered else ")"))
            target.write_text(original, encoding="utf-8")
            print(f"best {min(times):.2f} s, worst {max(times):.2f} s; load average {os.getloadavg()[0]:.2f} "
                  f"{os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f} on {os.cpu_count()} CPUs")
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
