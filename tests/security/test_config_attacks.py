"""Hostile configurations: an ``extends`` fan-out, layers and policies outside the repo, special files.

Before the fix, 12 configs each extending the next 12, 5 deep, took 94 s and 477 MB (every
path was read again), 6 deep never finished; ``extends: ../x.yaml`` and ``policy_paths``
could reach anywhere; a ``sre-docs.yaml`` that is a FIFO, a folder or a link to /dev/zero was
skipped silently (defaults used) or read forever.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sre_docs.lint import config as config_module
from sre_docs.lint.config import ConfigError, load_config


def _fan_out(root: Path, width: int, depth: int) -> None:
    for level in range(depth):
        for index in range(width):
            below = [f"l{level + 1}_{i}.yaml" for i in range(width)] if level + 1 < depth else []
            text = "extends: [" + ", ".join(below) + "]\n" if below else "fail_on: error\n"
            (root / f"l{level}_{index}.yaml").write_text(text)
    (root / "sre-docs.yaml").write_text("extends: [" + ", ".join(f"l0_{i}.yaml" for i in range(width)) + "]\n")


def test_a_fan_out_reads_each_file_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fan_out(tmp_path, 12, 5)
    reads: list[str] = []
    original = config_module._read

    def counting(path: Path, shown: str, *args: object) -> object:
        reads.append(shown)
        return original(path, shown, *args)

    monkeypatch.setattr(config_module, "_read", counting)
    load_config(tmp_path)
    # sre-docs.yaml plus 12 files on each of 5 levels: 61 reads, each file once.
    assert len(reads) == 61 and len(set(reads)) == 61


def test_more_than_the_layer_cap_is_a_config_error(tmp_path: Path) -> None:
    _fan_out(tmp_path, 12, 6)  # 1 + 72 layers, over the cap of 64
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path)
    assert caught.value.what == "extends names more than 64 layers in all"


def test_a_layer_several_extend_appears_once_at_its_first_place(tmp_path: Path) -> None:
    (tmp_path / "base.yaml").write_text("fail_on: warning\n")
    (tmp_path / "b.yaml").write_text("extends: base.yaml\nfail_on: info\n")
    (tmp_path / "c.yaml").write_text("extends: base.yaml\n")
    (tmp_path / "sre-docs.yaml").write_text("extends: [b.yaml, c.yaml]\n")
    # base, b, c, top: b's setting is not undone by base coming back after it.
    assert load_config(tmp_path).fail_on.value == "info"


@pytest.mark.parametrize("setting", ["extends: ../shared.yaml\n", "extends: [linked.yaml]\n",
                                     "policy_paths: [../policies]\n"])
def test_layers_and_policies_outside_the_repo_are_refused(tmp_path: Path, setting: str) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    (tmp_path / "shared.yaml").write_text("fail_on: info\n")
    (tmp_path / "policies").mkdir()
    (root / "linked.yaml").symlink_to(tmp_path / "shared.yaml")
    (root / "sre-docs.yaml").write_text(setting)
    with pytest.raises(ConfigError) as caught:
        load_config(root, environ={})
    assert caught.value.file == "sre-docs.yaml" and caught.value.line == 1
    assert "leads outside the repository" in caught.value.what
    assert caught.value.what.endswith("set SRE_DOCS_CONFIG_OUTSIDE_REPO=1 where sre-docs runs to allow a shared config")
    load_config(root, environ={"SRE_DOCS_CONFIG_OUTSIDE_REPO": "1"})  # the documented opt-out


@pytest.mark.parametrize("kind", ["fifo", "folder", "dev-zero"])
def test_a_config_that_is_not_a_regular_file_is_refused(tmp_path: Path, kind: str, cli) -> None:
    config = tmp_path / "sre-docs.yaml"
    if kind == "fifo":
        os.mkfifo(config)
    elif kind == "folder":
        config.mkdir()
    else:
        config.symlink_to("/dev/zero")
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path)
    assert (caught.value.file, caught.value.what) == (
        "sre-docs.yaml", "is not a regular file; the config must be a YAML file")
    result = cli(tmp_path, "lint")
    assert result.code == 2
    assert "invalid config: sre-docs.yaml:1:1: is not a regular file" in result.err


@pytest.mark.parametrize(("setting", "expected"), [
    ("limits: {max_depth: 100000}\n",
     "sre-docs.yaml:1:21: limits.max_depth must be a whole number from 1 to 200, got 100000"),
    ("limits: {max_file_bytes: 1000000000000}\n",
     "sre-docs.yaml:1:26: limits.max_file_bytes must be a whole number from 1 to 67,108,864, got 1000000000000"),
    ("limits: {max_alias_nodes: 99999999999}\n",
     "sre-docs.yaml:1:27: limits.max_alias_nodes must be a whole number from 0 to 1,000,000, got 99999999999"),
    ("paths: {exclude: ['services/[z-a]/**']}\n",
     "sre-docs.yaml:1:19: 'services/[z-a]/**' is not a valid glob: bad character range z-a"),
    ("policies:\n  SLO001: {services: {include: ['[b-a]']}}\n",
     "sre-docs.yaml:2:33: '[b-a]' is not a valid glob: bad character range b-a"),
])
def test_limits_past_sane_maxima_and_bad_globs_are_config_errors(tmp_path: Path, setting: str, expected: str) -> None:
    # Before: a huge max_depth ended in RecursionError, a huge file limit in MemoryError, a bad
    # glob in a traceback the first time a path was matched.
    (tmp_path / "sre-docs.yaml").write_text(setting)
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path)
    assert str(caught.value) == "invalid config: " + expected
