"""One real ``mkdocs build`` of a generated hostile repo with the project's plugins (no --strict).

The pure builders are fuzzed example by example in test_fuzz_repos.py; this builds a whole
site once per session (a few in the long profile), so that what MkDocs, Material and the
Markdown extensions do with the pages -- nav titles, ``<title>``, search index, attr_list,
md_in_html -- is checked too: no event handler, no ``javascript:`` link and no script that
carries text from the input may reach the HTML.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from fuzz_checks import check_findings, live_markup, write_repo
from fuzz_strategies import MARKER, TODAY, hostile_repo
from fuzz_support import fuzz_settings, scratch
from hypothesis import given
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from sre_docs.schemas import KINDS

#: The example site's theme features and Markdown extensions, plus the site tests' risky ones.
MKDOCS_CONFIG = {
    "site_name": "Fuzzed handbook",
    "repo_url": "https://git.example.com/shop/reliability",
    "edit_uri": "edit/main/docs/",
    "theme": {"name": "material", "font": False,
              "features": ["navigation.tabs", "navigation.sections", "navigation.indexes", "navigation.prune",
                           "content.action.edit"]},
    "markdown_extensions": ["tables", "abbr", "admonition", "attr_list", "md_in_html", "footnotes", "def_list",
                            "pymdownx.details", "pymdownx.superfences", "pymdownx.highlight",
                            "pymdownx.inlinehilite", "pymdownx.magiclink", "pymdownx.critic",
                            {"toc": {"permalink": True}}],
    "plugins": ["search",
                {"sre-docs/handbook": {"today": TODAY.isoformat(), "fail_on": "never", "use_git": False}},
                "sre-docs/tables"],
}


@fuzz_settings(share=1 / 60)
@given(files=hostile_repo())
def test_mkdocs_build_of_a_hostile_repo(files: dict[str, bytes]) -> None:
    with scratch() as root:
        write_repo(root, files)
        (root / "docs").mkdir()
        (root / "docs" / "about.md").write_text("# About\n\nHand-written page.\n", encoding="utf-8")
        (root / "mkdocs.yml").write_text(yaml.safe_dump(MKDOCS_CONFIG, sort_keys=False), encoding="utf-8")
        config = load_config(str(root / "mkdocs.yml"), strict=False)
        build(config)
        plugin = config.plugins["sre-docs/handbook"]
        check_findings(root, plugin.findings)

        site = Path(config.site_dir)
        pages = {str(p.relative_to(site)): p.read_text(encoding="utf-8") for p in site.rglob("*.html")}
        generated = {name: page for name, page in pages.items()
                     if name == "index.html" or name.startswith(("services/", "org/"))}
        assert "services/checkout/index.html" in generated
        assert any(MARKER in page for page in generated.values()), "the payloads reached no page"
        for name, page in pages.items():
            assert live_markup(page, theme=True) == [], name
        search = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
        for entry in search["docs"]:
            assert live_markup(entry.get("title", "")) == [], entry["location"]


def test_a_bad_scorecard_section_stops_the_build_with_a_message(tmp_path: Path) -> None:
    """Found by the long run: `scorecard: error` in sre-docs.yaml passed load_config and then raised
    RulesError out of the handbook's scorecard pages; the build now stops with a PluginError."""
    write_repo(tmp_path, {"services/checkout/service.yaml": KINDS["service"].example.encode(),
                          "sre-docs.yaml": b"scorecard: error\n", "docs/about.md": b"# About\n"})
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(MKDOCS_CONFIG, sort_keys=False), encoding="utf-8")
    with pytest.raises(Abort, match="BuildError"):
        build(load_config(str(tmp_path / "mkdocs.yml"), strict=False))
