"""The atomic writer makes a write durable: the new bytes, then the rename, reach the disk.

A rename alone is atomic for readers but not across a power cut: without ``fsync`` of the
temporary file the rename can land before the data (an empty file after reboot), and
without ``fsync`` of the folder the rename itself can be lost. The test records every
``os.fsync`` and ``os.replace`` call, in order, with what each descriptor points at.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from sre_docs.yamltext.safe_write import atomic_write, create_file, replace_file


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, ...]]:
    """("fsync", "file", <bytes in it>) / ("fsync", "folder", <path>) / ("replace", <from>, <to>)."""
    seen: list[tuple[str, ...]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(descriptor: int) -> None:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            seen.append(("fsync", "folder", os.readlink(f"/proc/self/fd/{descriptor}")))
        else:
            seen.append(("fsync", "file", os.pread(descriptor, info.st_size + 1, 0).decode()))
        real_fsync(descriptor)

    def replace(source: str | Path, target: str | Path) -> None:
        seen.append(("replace", Path(source).name, str(target)))
        real_replace(source, target)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    return seen


def _temporary(calls: list[tuple[str, ...]]) -> str:
    (name,) = [call[1] for call in calls if call[0] == "replace"]
    return name


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="reads descriptors through /proc")
def test_data_then_rename_then_folder_reach_the_disk(tmp_path: Path, calls: list[tuple[str, ...]]) -> None:
    target = tmp_path / "services" / "checkout" / "slos.yaml"
    atomic_write(target, b"slo:\n  target: 99.9\n")
    temporary = _temporary(calls)
    assert temporary.startswith(".slos.yaml.") and temporary.endswith(".tmp")
    assert calls == [
        ("fsync", "file", "slo:\n  target: 99.9\n"),       # the whole new text, before the rename
        ("replace", temporary, str(target)),
        ("fsync", "folder", str(target.parent)),             # the rename, in the folder that holds it
    ]
    assert target.read_bytes() == b"slo:\n  target: 99.9\n"


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="reads descriptors through /proc")
def test_create_and_replace_go_through_the_same_durable_write(tmp_path: Path, calls: list[tuple[str, ...]]) -> None:
    target = tmp_path / "runbook.yaml"
    assert create_file(target, "runbook: {}\n")
    assert replace_file(target, b"runbook: {}\n", b"runbook: {name: x}\n")
    assert [(call[0], call[2]) for call in calls if call[0] == "fsync"] == [
        ("fsync", "runbook: {}\n"), ("fsync", str(tmp_path)),
        ("fsync", "runbook: {name: x}\n"), ("fsync", str(tmp_path)),
    ]
    # A new file is linked into place (a lost race is an error, never an overwrite), an edit replaced:
    # the data reaches the disk before either, and the folder after.
    assert [call[0] for call in calls] == ["fsync", "fsync"] + ["fsync", "replace", "fsync"]


def test_a_folder_that_cannot_be_synced_does_not_fail_the_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Some platforms refuse fsync on a folder (EINVAL); the data is already on disk, so the write stands.
    real_fsync = os.fsync

    def fsync(descriptor: int) -> None:
        if stat.S_ISDIR(os.fstat(descriptor).st_mode):
            raise OSError(22, "Invalid argument")
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", fsync)
    atomic_write(tmp_path / "a.yaml", b"a: 1\n")
    assert (tmp_path / "a.yaml").read_bytes() == b"a: 1\n"
