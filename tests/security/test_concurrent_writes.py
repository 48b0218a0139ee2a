"""Concurrent writers lose nothing: creation is exclusive, edits take turns, incident ids are unique.

Before the fix, 8 concurrent ``incident start`` on 2 services lost 2-3 incidents (overwritten,
while every command printed ``created``) and issued 2-3 ids twice; 8 concurrent ``incident
update`` lost 1-3 of the updates they reported (``python -m benchmarks.concurrency``).
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest

from sre_docs.yamltext import safe_write
from sre_docs.yamltext.safe_write import WriteRefused, create_file, edit_file, locked

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.concurrency import stress


def test_eight_concurrent_starts_and_updates_lose_nothing(repo: Path) -> None:
    outcome = stress(repo, 8)
    assert outcome.started_ok == 8
    assert (outcome.lost_starts, outcome.duplicate_ids) == (0, 0)
    # The fixture holds INC-2026-001; the eight new ones take 002 to 009, each once.
    assert sorted(outcome.ids_reported) == [f"INC-2026-{n:03d}" for n in range(2, 10)]
    assert outcome.ids_on_disk == [f"INC-2026-{n:03d}" for n in range(1, 10)]
    assert (outcome.updates_ok, outcome.updates_on_disk) == (8, 8)
    assert not list(repo.rglob("*.lock")) and not list(repo.rglob("*.tmp"))


def test_creating_a_name_that_appeared_meanwhile_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "doc.yaml"
    target.write_text("theirs: 1\n")
    # The step after the existence check: a file that appeared in between is never replaced.
    with pytest.raises(WriteRefused, match="already exists"):
        safe_write._create_new(target, b"ours: 1\n", "doc.yaml")
    assert target.read_text() == "theirs: 1\n"
    assert [p.name for p in tmp_path.iterdir()] == ["doc.yaml"]


def test_creating_over_a_dangling_link_writes_nothing_through_it(tmp_path: Path) -> None:
    victim = tmp_path / "outside" / "victim"
    target = tmp_path / "repo" / "doc.yaml"
    target.parent.mkdir()
    target.symlink_to(victim)  # dangling: exists() is False, but the name is taken
    with pytest.raises(WriteRefused, match="already exists"):
        create_file(target, "a: 1\n")
    assert not victim.exists()


def test_an_edit_waits_for_the_lock_and_then_sees_the_bytes_written_before(tmp_path: Path) -> None:
    target = tmp_path / "doc.yaml"
    target.write_text("items: []\n")
    entered, release = threading.Event(), threading.Event()

    def first() -> None:
        with edit_file(target) as editor:
            editor.append(("items",), "one")
            entered.set()
            release.wait(10)

    thread = threading.Thread(target=first)
    thread.start()
    entered.wait(10)
    with pytest.raises(WriteRefused, match="being changed by another sre-docs command"):
        with locked(target, timeout=0.05):
            pass
    release.set()
    with edit_file(target) as editor:  # waits for the first session, then reads what it wrote
        editor.append(("items",), "two")
    thread.join()
    assert target.read_text() == "items: [one, two]\n"
    assert [p.name for p in tmp_path.iterdir()] == ["doc.yaml"]


def test_a_lock_file_planted_as_a_link_is_refused(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_text("keep\n")
    target = tmp_path / "doc.yaml"
    target.write_text("a: 1\n")
    (tmp_path / ".doc.yaml.lock").symlink_to(victim)
    with pytest.raises(WriteRefused, match="symbolic link"):
        with edit_file(target) as editor:
            editor.set(("a",), 2)
    assert victim.read_text() == "keep\n" and target.read_text() == "a: 1\n"
