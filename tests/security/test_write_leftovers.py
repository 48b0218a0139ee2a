"""Read-only files are not edited, and temporary files of a killed write are swept away later.

Before the fix, a 0444 file was rewritten by any workflow, and a ``kill -9`` in mid-write
left ``.<name>.<random>.tmp`` behind for good.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

INCIDENT = "services/checkout/incidents/INC-2026-001.yaml"


def _update(cli, repo: Path):
    return cli(repo, "incident", "update", "INC-2026-001", "--status", "respond", "--message", "checking",
               "--at", "2026-11-20T14:10:00Z")


def test_a_read_only_file_is_not_edited(repo: Path, cli) -> None:
    path = repo / INCIDENT
    before = path.read_bytes()
    path.chmod(0o444)
    result = _update(cli, repo)
    assert result.code == 2
    assert result.err == (f"sre-docs: {INCIDENT} is read-only; make it writable (chmod u+w) for sre-docs to change it\n")
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["INC-2026-001.yaml"]


def test_stale_temporary_files_are_swept_by_the_next_write(repo: Path, cli) -> None:
    folder = (repo / INCIDENT).parent
    stale, fresh, other = (folder / ".INC-2026-001.yaml.k3x9_a2b.tmp", folder / ".INC-2026-001.yaml.zz81q0wm.tmp",
                           folder / ".notes.tmp")
    for path in (stale, fresh, other):
        path.write_text("half a write\n")
    hour_ago = time.time() - 3600
    for path in (stale, other):
        os.utime(path, (hour_ago, hour_ago))
    assert _update(cli, repo).code in (0, 1)
    # The stale one goes; one that a running write may still use, and files not named as ours, stay.
    assert sorted(p.name for p in folder.iterdir()) == [
        ".INC-2026-001.yaml.zz81q0wm.tmp", ".notes.tmp", "INC-2026-001.yaml"]
