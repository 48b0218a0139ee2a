"""Helpers that build real MkDocs sites (load_config + build) from the fixture repos."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

FIXTURES = Path(__file__).parent / "fixtures"
TODAY = "2026-11-26"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: drives Debian's chromium through Playwright against a built site")


def base_config(**plugin_options: Any) -> dict[str, Any]:
    options = {"today": TODAY, "fail_on": "never", "use_git": False, **plugin_options}
    return {
        "site_name": "Fixture handbook",
        "repo_url": "https://git.example.com/shop/reliability",
        "edit_uri": "edit/main/docs/",
        "theme": {"name": "material", "font": False,
                  "features": ["navigation.tabs", "navigation.sections", "navigation.indexes", "navigation.prune",
                               "content.action.edit"]},
        "markdown_extensions": ["tables", "attr_list", "md_in_html", "pymdownx.superfences", "pymdownx.snippets",
                                "pymdownx.emoji", "pymdownx.critic", "pymdownx.magiclink", {"toc": {"permalink": True}}],
        "plugins": ["search", {"sre-docs/handbook": options}, "sre-docs/tables"],
    }


def make_site(tmp_path: Path, fixture: str, config: dict[str, Any] | None = None,
              docs: dict[str, str] | None = None) -> Path:
    """Copy a fixture repo to ``tmp_path/repo`` with a docs folder and an mkdocs.yml; return the yml path."""
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / fixture, root)
    (root / "docs").mkdir(exist_ok=True)
    for name, text in (docs or {}).items():
        target = root / "docs" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    config_file = root / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config or base_config(), sort_keys=False), encoding="utf-8")
    return config_file


def build_site(config_file: Path, *, strict: bool = True) -> MkDocsConfig:
    config = load_config(str(config_file), strict=strict)
    build(config)
    return config


def html_files(site_dir: Path) -> dict[str, str]:
    return {str(p.relative_to(site_dir)): p.read_text(encoding="utf-8") for p in site_dir.rglob("*.html")}


def nav_paths(items: Any) -> list[str]:
    """Every page path named in MkDocs ``nav`` data."""
    out: list[str] = []
    if isinstance(items, str):
        return [items]
    if isinstance(items, dict):
        for value in items.values():
            out.extend(nav_paths(value))
    elif isinstance(items, list):
        for item in items:
            out.extend(nav_paths(item))
    return out


EXAMPLE_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> MkDocsConfig:
    """The example organisation's handbook, built once with ``--strict`` from the repo's own mkdocs.yml."""
    site_dir = tmp_path_factory.mktemp("example") / "site"
    config = load_config(str(EXAMPLE_ROOT / "mkdocs.yml"), strict=True, site_dir=str(site_dir))
    build(config)
    return config
