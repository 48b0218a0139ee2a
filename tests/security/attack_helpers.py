"""Helpers the attack tests share."""

from __future__ import annotations

from pathlib import Path


def snapshot(root: Path) -> dict[str, bytes | str]:
    """Every entry under ``root``: a file's bytes, a link's target, a folder's marker."""
    entries: dict[str, bytes | str] = {}
    for path in sorted(root.rglob("*")):
        name = path.relative_to(root).as_posix()
        if path.is_symlink():
            entries[name] = "-> " + str(path.readlink())
        elif path.is_dir():
            entries[name] = "dir"
        else:
            entries[name] = path.read_bytes()
    return entries


#: The small workflow fixture repo: services checkout and payments, an org folder.
FIXTURE_REPO = Path(__file__).resolve().parents[1] / "workflows" / "fixture"
