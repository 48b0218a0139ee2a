"""``sre-docs handbook render``: the handbook as Markdown that Zensical and plain MkDocs both build.

The example organisation is rendered once; the rendered tree is then built with the real
``zensical build`` and with ``mkdocs build`` (no sre-docs plugin in either), and the pages are
compared with what the ``sre-docs/handbook`` plugin generates in memory.
"""

from __future__ import annotations

import html
import os
import shutil
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from sre_docs.cli import main
from sre_docs.handbook.markdown_export import Tagged, export_tree, page_file, plugin_options, read_site_config
from sre_docs.handbook.site import Handbook, NavNode, Page
from sre_docs.model.repository import load_repository

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
ZENSICAL = shutil.which("zensical", path=str(BIN)) or shutil.which("zensical")
needs_zensical = pytest.mark.skipif(ZENSICAL is None, reason="zensical is not installed (pip install -e '.[test]')")


def _copy_example(target: Path) -> Path:
    target.mkdir(parents=True)
    for name in ("services", "org", "docs", "mkdocs.yml", "sre-docs.yaml"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, target / name)
    return target


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the example's copy, the rendered folder)."""
    base = tmp_path_factory.mktemp("render")
    root = _copy_example(base / "repo")
    out = base / "handbook"
    assert main(["handbook", "render", "--root", str(root), "--out", str(out)]) == 0
    return root, out


def _html_path(uri: str) -> str:
    """Where a page lands with directory URLs: ``a/index.md`` -> ``a/index.html``, ``a/b.md`` -> ``a/b/index.html``."""
    stem = uri[:-3]
    return f"{stem}.html" if stem == "index" or stem.endswith("/index") else f"{stem}/index.html"


def _body(markdown: str) -> str:
    assert markdown.startswith("---\n")
    return markdown.split("\n---\n\n", 1)[1]


def _plugin_pages(root: Path) -> dict[str, str]:
    """What the plugin generates in memory for the same repo: src_uri -> Markdown."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    config = load_config(str(root / "mkdocs.yml"), strict=True, site_dir=str(root / "site"))
    config = config.plugins.on_config(config)
    files = config.plugins.on_files(get_files(config), config=config)
    plugin = config.plugins["sre-docs/handbook"]
    return {uri: files.get_file_from_path(uri).content_string for uri in plugin.generated}


def test_generated_pages_are_the_plugins_pages_byte_for_byte(rendered: tuple[Path, Path]) -> None:
    root, out = rendered
    plugin = _plugin_pages(root)
    assert len(plugin) > 100
    written = {uri: (out / "docs" / uri).read_text(encoding="utf-8") for uri in plugin}
    assert {uri: _body(text) for uri, text in written.items()} == plugin


def test_the_rendered_config_has_no_sre_docs_plugin_and_the_whole_nav(rendered: tuple[Path, Path]) -> None:
    _, out = rendered
    config = yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["docs_dir"] == "docs" and config["site_dir"] == "site"
    assert config["plugins"] == ["search"]
    assert "assets/sre-docs/handbook.css" in config["extra_css"]
    titles = [next(iter(entry)) for entry in config["nav"]]
    assert titles == ["Home", "Handbook", "Services", "Organisation", "Reference", "Scorecards"]
    assert (out / "docs/assets/sre-docs/handbook.css").is_file()
    # Hand-written pages had their table placeholders filled in (the tables plugin will not run).
    nines = (out / "docs/handbook/slos.md").read_text(encoding="utf-8")
    assert "sre-docs:table" not in nines.split("```")[0]


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.tables = 0
        self.svgs = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.hrefs.extend(value for name, value in attrs if name == "href" and value)
        self.tables += tag == "table"
        self.svgs += tag == "svg" and "sre-chart" in (dict(attrs).get("class") or "")  # charts, not theme icons


def _scan(site: Path) -> dict[str, _Links]:
    pages = {}
    for page in sorted(site.rglob("*.html")):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        pages[page.relative_to(site).as_posix()] = parser
    return pages


def _broken_links(site: Path, pages: dict[str, _Links]) -> list[str]:
    broken = []
    for name, parser in pages.items():
        for href in parser.hrefs:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            base = site if parts.path.startswith("/") else (site / name).parent  # 404.html links from the site root
            target = base / unquote(parts.path).lstrip("/")
            if target.is_dir() or parts.path.endswith("/"):
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{name} -> {href}")
    return broken


@pytest.fixture(scope="module")
def built(rendered: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    _, out = rendered
    sites = {}
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    mkdocs_site = tmp_path_factory.mktemp("mkdocs-site")
    result = subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "-q", "-f", str(out / "mkdocs.yml"),
                             "-d", str(mkdocs_site)], capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    sites["mkdocs"] = mkdocs_site
    if ZENSICAL is not None:
        result = subprocess.run([ZENSICAL, "build", "--strict", "-f", str(out / "mkdocs.yml")],
                                capture_output=True, text=True, env=env, timeout=600)
        assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
        sites["zensical"] = out / "site"
    return sites


@needs_zensical
def test_zensical_builds_every_page_with_no_broken_link(rendered: tuple[Path, Path], built: dict[str, Path]) -> None:
    root, _ = rendered
    site = built["zensical"]
    _, out = rendered
    repo = load_repository(root)
    sources = sorted(p.relative_to(out / "docs").as_posix() for p in (out / "docs").rglob("*.md"))
    expected = [_html_path(uri) for uri in sources]
    for name, service in repo.services.items():  # a page per service, runbook and postmortem
        assert f"services/{name}/index.md" in sources
        assert len([u for u in sources if u.startswith(f"services/{name}/runbooks/")]) == len(service.runbooks), name
        assert len([u for u in sources if u.startswith(f"services/{name}/postmortems/")]) == len(service.postmortems), name
    missing = [page for page in expected if not (site / page).is_file()]
    assert missing == []
    pages = _scan(site)
    assert _broken_links(site, pages) == []


@needs_zensical
def test_zensical_and_mkdocs_build_the_same_pages_with_the_same_tables_and_charts(built: dict[str, Path]) -> None:
    zensical, mkdocs = _scan(built["zensical"]), _scan(built["mkdocs"])
    ignored = {"404.html"}
    assert sorted(set(zensical) - ignored) == sorted(set(mkdocs) - ignored)
    lost = [f"{name}: tables {mkdocs[name].tables} -> {zensical[name].tables}, charts {mkdocs[name].svgs} -> "
            f"{zensical[name].svgs}" for name in mkdocs if name not in ignored
            and (zensical[name].tables < mkdocs[name].tables or zensical[name].svgs < mkdocs[name].svgs)]
    assert lost == []


def test_a_second_render_writes_nothing_and_removes_what_is_gone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _copy_example(tmp_path / "repo")
    out = tmp_path / "out"
    assert main(["handbook", "render", "--root", str(root), "--out", str(out)]) == 0
    capsys.readouterr()
    assert main(["handbook", "render", "--root", str(root), "--out", str(out)]) == 0
    assert ": 0 written, 0 removed," in capsys.readouterr().out
    (root / "docs/guide-errata.md").unlink()
    assert main(["handbook", "render", "--root", str(root), "--out", str(out)]) == 0
    assert not (out / "docs/guide-errata.md").exists()
    assert ": 0 written, 1 removed," in capsys.readouterr().out  # the page is gone (the site's own nav still names it)


def test_a_folder_that_is_not_an_earlier_render_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _copy_example(tmp_path / "repo")
    out = tmp_path / "someone-elses"
    out.mkdir()
    (out / "notes.md").write_text("mine\n", encoding="utf-8")
    assert main(["handbook", "render", "--root", str(root), "--out", str(out)]) == 2
    assert "not empty and not an earlier render; use --force" in capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == ["notes.md"]
    assert main(["handbook", "render", "--root", str(root), "--out", str(root)]) == 2
    assert "would hold the repository itself" in capsys.readouterr().err


def test_watch_renders_again_after_a_yaml_edit(tmp_path: Path) -> None:
    root = _copy_example(tmp_path / "repo")
    out = tmp_path / "out"
    command = [str(BIN / "sre-docs"), "handbook", "render", "--root", str(root), "--out", str(out), "--watch",
               "--interval", "0.2"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    page = out / "docs/services/backoffice/index.md"
    try:
        deadline = time.monotonic() + 120
        while not page.is_file() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert page.is_file()
        catalog = root / "services/backoffice/service.yaml"
        text = catalog.read_text(encoding="utf-8")
        catalog.write_text(text.replace("The admin console for customer support", "Watched and rendered again"),
                           encoding="utf-8")
        while "Watched and rendered again" not in page.read_text(encoding="utf-8") and time.monotonic() < deadline:
            time.sleep(0.2)
        assert "Watched and rendered again" in page.read_text(encoding="utf-8")
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_tags_in_the_site_config_are_kept_not_run() -> None:
    text = ("site_name: x\nmarkdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions."
            "emoji.twemoji\nextra:\n  key: !ENV [ANALYTICS_KEY, none]\nplugins:\n  - search\n  - sre-docs/handbook:\n"
            "      title: T\n  - sre-docs/tables\n")
    site = read_site_config(text)
    assert site["extra"]["key"] == Tagged("!ENV", ["ANALYTICS_KEY", "none"])
    assert plugin_options(site) == {"title": "T"}
    handbook = Handbook(pages=(Page("index.md", "Home <b>", "# Home\n", hide=("toc",)),), nav=(NavNode("Home", "index.md"),))
    files = export_tree(handbook, site_config=site, own_files={}, css="/* css */")
    config = files["mkdocs.yml"].decode()
    assert "emoji_index: !!python/name:material.extensions.emoji.twemoji" in config
    assert "key: !ENV\n  - ANALYTICS_KEY\n  - none" in config
    assert yaml.safe_load(config.replace("!!python/name:", "").replace("!ENV", ""))["plugins"] == ["search"]
    # The page title is escaped as the plugin escapes it, in JSON-quoted YAML.
    assert files["docs/index.md"].decode() == '---\ntitle: "Home &lt;b&gt;"\nhide: ["toc"]\n---\n\n# Home\n'
    assert page_file(handbook.pages[0]) == files["docs/index.md"].decode()
    assert html.unescape("Home &lt;b&gt;") == "Home <b>"
