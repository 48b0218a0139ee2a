"""The writer: atomic, never overwrites without force, edits leave everything else byte-identical."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from sre_docs.yamltext.edit import EditError, YamlEditor
from sre_docs.yamltext.parse import parse_text
from sre_docs.yamltext.safe_write import WriteRefused, atomic_write, create_file, edit_file, replace_file

ORIGINAL = """\
# Incident record — keep this header.
incident:
  id: INC-2026-007   # the id, aligned comment
  title: 'Checkout: "errors" after deploy'
  services: [checkout, "payments"]
  status: triage
  timestamps: {started: "2026-11-02T14:05:00Z"}
  impact:
    function: degraded
    users: lt_25pct
  summary: >
    Folded text that
    spans two lines.

  updates:
  -   time: 2026-11-02T14:05:00Z
      status: triage
      message: "Declared; investigating"
  # a comment between sections
  roles:
    incident_commander: ana
# trailing comment
"""


def parsed(text: str):
    result = parse_text(text, "x.yaml")
    assert not result.findings
    return [doc.value for doc in result.documents]


def test_set_add_append_change_only_their_lines() -> None:
    editor = YamlEditor(ORIGINAL.encode())
    editor.set(("incident", "status"), "mitigate")
    editor.add(("incident", "timestamps"), "mitigated", "2026-11-02T15:00:00Z")
    editor.append(("incident", "updates"), {"time": "2026-11-02T15:00:00Z", "status": "mitigate", "message": "Rolled back"})
    editor.append(("incident", "services"), "ledger")
    editor.add(("incident", "roles"), "scribe", "bo")
    editor.upsert(("incident",), "postmortem", "../postmortems/INC-2026-007.yaml")
    expected = ORIGINAL.replace("  status: triage\n  timestamps", "  status: mitigate\n  timestamps")
    expected = expected.replace('{started: "2026-11-02T14:05:00Z"}',
                                '{started: "2026-11-02T14:05:00Z", mitigated: \'2026-11-02T15:00:00Z\'}')
    expected = expected.replace('[checkout, "payments"]', '[checkout, "payments", ledger]')
    expected = expected.replace(
        '      message: "Declared; investigating"\n',
        '      message: "Declared; investigating"\n'
        "  -   time: '2026-11-02T15:00:00Z'\n      status: mitigate\n      message: Rolled back\n",
    )
    expected = expected.replace(
        "    incident_commander: ana\n",
        "    incident_commander: ana\n    scribe: bo\n  postmortem: ../postmortems/INC-2026-007.yaml\n",
    )
    assert editor.result().decode() == expected
    value = parsed(expected)[0]["incident"]
    assert value["status"] == "mitigate"
    assert value["updates"][-1] == {"time": "2026-11-02T15:00:00Z", "status": "mitigate", "message": "Rolled back"}
    assert value["summary"] == "Folded text that spans two lines.\n"


def test_crlf_files_stay_crlf_and_untouched_bytes_stay() -> None:
    crlf = ORIGINAL.replace("\n", "\r\n").encode()
    editor = YamlEditor(crlf)
    editor.append(("incident", "updates"), {"time": "2026-11-02T15:00:00Z", "status": "respond", "message": "a\nb"})
    editor.add(("incident", "impact"), "users_pct", 12.5)
    out = editor.result()
    assert b"\n" not in out.replace(b"\r\n", b"")
    lines_before = crlf.split(b"\r\n")
    lines_after = out.split(b"\r\n")
    assert [line for line in lines_after if line in lines_before] == lines_before
    value = parsed(out.decode())[0]["incident"]
    assert value["updates"][-1]["message"] == "a\nb"
    assert value["impact"]["users_pct"] == 12.5


def test_byte_order_mark_is_kept() -> None:
    editor = YamlEditor("\ufeffa: 1  # one\nb: 'x'\n".encode())
    editor.set(("a",), 2)
    assert editor.result() == "\ufeffa: 2  # one\nb: 'x'\n".encode()


def test_strings_that_other_yaml_readers_misread_are_quoted() -> None:
    editor = YamlEditor(b"k: v\n")
    for key, value in (("a", "on"), ("b", "12:30"), ("c", "0755"), ("d", "123"), ("e", "true"), ("f", "null"),
                       ("g", "x: y"), ("h", "# not a comment"), ("i", "")):
        editor.add((), key, value)
    value = parsed(editor.result().decode())[0]
    assert value == {"k": "v", "a": "on", "b": "12:30", "c": "0755", "d": "123", "e": "true", "f": "null",
                     "g": "x: y", "h": "# not a comment", "i": ""}
    assert not parse_text(editor.result().decode(), "x").documents[0].yaml11_surprises


def test_append_creates_the_key_and_fills_an_empty_value() -> None:
    editor = YamlEditor(b"incident:\n  id: X\n  notes:   # none yet\n  other: 1\n")
    editor.append(("incident", "notes"), "first")
    editor.append(("incident", "updates"), {"time": "t", "message": "m"})
    assert editor.result().decode() == (
        "incident:\n  id: X\n  notes:   # none yet\n    - first\n  other: 1\n"
        "  updates:\n    - time: t\n      message: m\n"
    )


def test_set_an_empty_value_and_a_value_after_a_block_scalar() -> None:
    editor = YamlEditor(b"a:\n  text: |\n    line\n\n  link:\nb: 2\n")
    editor.set(("a", "link"), "../x.yaml")
    editor.add(("a",), "after", True)
    assert editor.result() == b"a:\n  text: |\n    line\n\n  link: ../x.yaml\n  after: true\nb: 2\n"


def test_multi_document_files_edit_one_document() -> None:
    text = b"team:\n  name: a\n---\n# second\nteam:\n  name: b\n  members: [x]\n"
    editor = YamlEditor(text)
    editor.append(("team", "members"), "z", doc=1)
    editor.append(("team", "members"), "y", doc=1)  # YAML 1.1 reads a bare y as true: quoted
    assert editor.result() == b'team:\n  name: a\n---\n# second\nteam:\n  name: b\n  members: [x, z, "y"]\n'


def test_refuses_anchored_values_and_broken_files() -> None:
    editor = YamlEditor(b"a: &x 1\nb: *x\n")
    with pytest.raises(EditError, match="anchor"):
        editor.set(("a",), 2)
    with pytest.raises(EditError, match="fix it before editing"):
        YamlEditor(b"a: [1, 2\n")
    with pytest.raises(EditError, match="duplicate key"):
        YamlEditor(b"a: 1\na: 2\n")
    with pytest.raises(EditError, match="already exists"):
        YamlEditor(b"a: 1\n").add((), "a", 2)


def test_setting_the_same_value_twice_is_writing_once() -> None:
    editor = YamlEditor(b"a: 1  # keep\n")
    editor.set(("a",), 2)
    once = editor.result()
    editor.set(("a",), 2)
    assert editor.result() == once == b"a: 2  # keep\n"


# --- the file layer -------------------------------------------------------------------------------


def test_atomic_write_keeps_mode_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    target = tmp_path / "doc.yaml"
    target.write_text("a: 1\n")
    target.chmod(0o640)
    atomic_write(target, b"a: 2\n")
    assert target.read_bytes() == b"a: 2\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["doc.yaml"]


def test_a_failed_write_leaves_the_old_file_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "doc.yaml"
    target.write_text("a: 1\n")

    def broken(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError):
        atomic_write(target, b"a: 2\n")
    assert target.read_text() == "a: 1\n"
    assert [p.name for p in tmp_path.iterdir()] == ["doc.yaml"]


def test_create_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "new" / "doc.yaml"
    assert create_file(target, "a: 1\n") is True
    assert create_file(target, "a: 1\n") is False  # same bytes: nothing to do
    with pytest.raises(WriteRefused, match="already exists; use --force"):
        create_file(target, "a: 2\n")
    assert target.read_text() == "a: 1\n"
    assert create_file(target, "a: 2\n", force=True) is True
    assert target.read_text() == "a: 2\n"


def test_an_edit_refuses_when_the_file_changed_meanwhile(tmp_path: Path) -> None:
    target = tmp_path / "doc.yaml"
    target.write_bytes(b"a: 1\n")
    with pytest.raises(WriteRefused, match="changed while"):
        with edit_file(target) as editor:
            editor.set(("a",), 2)
            target.write_bytes(b"a: 5\n")
    assert target.read_bytes() == b"a: 5\n"
    with pytest.raises(WriteRefused):
        replace_file(target, b"other", b"a: 3\n")


def test_an_edit_that_fails_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "doc.yaml"
    target.write_bytes(b"a: &x 1\n")
    with pytest.raises(EditError):
        with edit_file(target) as editor:
            editor.add((), "b", 2)
            editor.set(("a",), 3)
    assert target.read_bytes() == b"a: &x 1\n"


def test_symlinks_are_not_written_through(tmp_path: Path) -> None:
    real = tmp_path / "real.yaml"
    real.write_text("a: 1\n")
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    with pytest.raises(WriteRefused, match="symbolic link"):
        atomic_write(link, b"a: 2\n")
    assert real.read_text() == "a: 1\n"
