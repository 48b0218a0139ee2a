"""Concurrent writers: N ``incident start`` and N ``incident update`` at once, counting what was lost.

    python -m benchmarks.concurrency REPO_COPY_SOURCE [N]

Copies the repo at REPO_COPY_SOURCE (a reliability repo with services ``checkout`` and
``payments``) to a temporary folder, then runs N ``sre-docs incident start`` processes at
once (alternating the two services) and N ``incident update`` processes on the first
incident, each with a message of its own. It prints how many commands reported success,
how many of those are missing from the files (lost writes), and how many ids were issued
twice. ``tests/security/test_concurrent_writes.py`` runs the same stress.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

AT = "2026-11-20T14:05:00Z"


@dataclass
class Outcome:
    started_ok: int
    ids_reported: list[str]
    ids_on_disk: list[str]
    updates_ok: int
    updates_on_disk: int

    @property
    def lost_starts(self) -> int:
        return self.started_ok - len(set(self.ids_reported) & set(self.ids_on_disk))

    @property
    def duplicate_ids(self) -> int:
        return len(self.ids_reported) - len(set(self.ids_reported))

    @property
    def lost_updates(self) -> int:
        return self.updates_ok - self.updates_on_disk


def _command() -> list[str]:
    return [sys.executable, "-m", "sre_docs"]


def _run_all(commands: list[list[str]], cwd: Path) -> list[subprocess.CompletedProcess[str]]:
    env = dict(os.environ, SRE_DOCS_TODAY="2026-11-26", NO_COLOR="1")
    processes = [subprocess.Popen(c, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for c in commands]
    results = []
    for command, process in zip(commands, processes, strict=True):
        out, err = process.communicate(timeout=300)
        results.append(subprocess.CompletedProcess(command, process.returncode, out, err))
    return results


def stress(root: Path, count: int = 8) -> Outcome:
    """Run ``count`` concurrent starts, then ``count`` concurrent updates of the first incident started."""
    services = ["checkout", "payments"]
    starts = [
        [*_command(), "incident", "start", f"Stress incident {index}", "--service", services[index % 2],
         "--function", "degraded", "--users", "lt_25pct", "--at", AT, "--root", str(root)]
        for index in range(count)
    ]
    results = _run_all(starts, root)
    reported = []
    for result in results:
        match = re.search(r"created \S+: (INC-\d{4}-\d+)", result.stdout)
        if result.returncode in (0, 1) and match:  # 1: written, with findings to fix
            reported.append(match.group(1))
    on_disk = sorted(path.stem for path in root.glob("services/*/incidents/*.yaml"))
    first = min(reported) if reported else "INC-2026-001"
    updates = [
        [*_command(), "incident", "update", first, "--status", "respond", "--message", f"stress update {index}",
         "--at", "2026-11-20T14:10:00Z", "--root", str(root)]
        for index in range(count)
    ]
    results = _run_all(updates, root)
    updated = [index for index, result in enumerate(results) if result.returncode in (0, 1)
               and "updated " in result.stdout]
    text = "".join(path.read_text() for path in root.glob(f"services/*/incidents/{first}.yaml"))
    present = sum(1 for index in updated if f"stress update {index}" in text)
    return Outcome(len(reported), reported, on_disk, len(updated), present)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    source = Path(args[0])
    count = int(args[1]) if len(args) > 1 else 8
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "repo"
        shutil.copytree(source, root)
        outcome = stress(root, count)
    print(f"incident start x{count}: {outcome.started_ok} reported success, {outcome.lost_starts} lost, "
          f"{outcome.duplicate_ids} ids issued twice")
    print(f"incident update x{count}: {outcome.updates_ok} reported success, {outcome.lost_updates} missing from the file")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
