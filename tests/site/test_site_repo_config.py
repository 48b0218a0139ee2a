"""The handbook plugin reads "today" and the parser limits from the repo's sre-docs.yaml."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import base_config, make_site
from mkdocs.config import load_config

EXAMPLE_ROOT = Path(__file__).resolve().parents[2]


def _plugin_after_on_config(config_file: Path):
    config = load_config(str(config_file))
    plugin = config.plugins["sre-docs/handbook"]
    plugin.on_config(config)
    return plugin


def _site_without_today_option(tmp_path: Path, sre_docs_yaml: str) -> Path:
    config = base_config()
    del config["plugins"][1]["sre-docs/handbook"]["today"]
    config_file = make_site(tmp_path, "small", config)
    (config_file.parent / "sre-docs.yaml").write_text(sre_docs_yaml, encoding="utf-8")
    return config_file


def test_today_defaults_to_the_repo_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SRE_DOCS_TODAY", raising=False)
    config_file = _site_without_today_option(tmp_path, "today: 2026-10-01\n")
    assert _plugin_after_on_config(config_file).today == dt.date(2026, 10, 1)


def test_environment_then_plugin_option_override_the_repo_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SRE_DOCS_TODAY", "2026-09-15")
    config_file = _site_without_today_option(tmp_path, "today: 2026-10-01\n")
    assert _plugin_after_on_config(config_file).today == dt.date(2026, 9, 15)
    config = base_config(today="2026-08-01")
    override = make_site(tmp_path / "y", "small", config)
    (override.parent / "sre-docs.yaml").write_text("today: 2026-10-01\n", encoding="utf-8")
    assert _plugin_after_on_config(override).today == dt.date(2026, 8, 1)


def test_policies_see_the_configured_parser_limits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SRE_DOCS_TODAY", raising=False)
    config_file = _site_without_today_option(tmp_path, "today: 2026-10-01\nlimits: {max_file_bytes: 4096}\n")
    plugin = _plugin_after_on_config(config_file)
    assert plugin.repo.limits.max_file_bytes == 4096


def test_the_example_pins_today_once() -> None:
    """mkdocs.yml leaves the day to sre-docs.yaml, so the site and `sre-docs lint` cannot disagree."""
    assert "today:" not in "".join(
        line.split("#", 1)[0] for line in (EXAMPLE_ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    )
    assert "today: 2026-11-26" in (EXAMPLE_ROOT / "sre-docs.yaml").read_text(encoding="utf-8")
