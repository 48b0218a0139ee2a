"""``mkdocs serve`` rebuilds incrementally: what changed is parsed, built and rendered; the site is the same.

The builds are driven the way ``mkdocs serve`` drives them: a first build, ``on_serve`` with that build's
config, then a fresh config (``load_config``, so a new plugin) and ``build(config, serve_url=...)`` for each
rebuild, into one site folder.
Each incremental result is compared file by file with a full ``mkdocs build`` of the same repo.
"""

from __future__ import annotations

import filecmp
import gc
import html
import json
from pathlib import Path

import pytest
from conftest import make_site
from mkdocs.exceptions import Abort

from sre_docs.plugins.handbook.plugin import _SERVED
from mkdocs.commands.build import build
from mkdocs.config import load_config

SERVE_URL = "http://127.0.0.1:8000/"


def _differences(left: Path, right: Path) -> list[str]:
    """Files that differ or exist on one side only; the search index is compared by its entries."""
    found: list[str] = []

    def walk(compared: filecmp.dircmp, prefix: str = "") -> None:
        found.extend(prefix + name for name in compared.diff_files + compared.left_only + compared.right_only)
        for name, sub in compared.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right))
    index = "search/search_index.json"
    found = [name for name in found if name != index and not name.startswith("sitemap.xml")]
    entries = [sorted(json.dumps(d, sort_keys=True) for d in json.loads((side / index).read_text())["docs"])
               for side in (left, right)]
    if entries[0] != entries[1]:
        found.append(index)
    return found


class Server:
    """The plugin as ``mkdocs serve`` keeps it: one instance, a new config per build, one site folder."""

    def __init__(self, config_file: Path, site: Path) -> None:
        self.config_file, self.site = config_file, site
        config = self._config()
        self.plugin = config.plugins["sre-docs/handbook"]
        build(config, serve_url=SERVE_URL)
        self.plugin.on_serve(_Watcher(), config=config, builder=None)

    def _config(self):
        return load_config(str(self.config_file), site_dir=str(self.site))

    def rebuild(self) -> list[str]:
        """Build again; return the generated pages that were rendered (not reused)."""
        config = self._config()
        self.plugin = config.plugins["sre-docs/handbook"]
        build(config, serve_url=SERVE_URL)
        reused = {f.src_uri for f in self.plugin.preview.reused}
        return sorted(uri for uri in self.plugin.generated if uri not in reused)

    def stop(self) -> None:
        """Forget the server's record, and unfreeze what ``on_serve`` froze (the test process goes on)."""
        _SERVED.pop(str(self.site), None)
        assert gc.get_freeze_count() > 0  # on_serve kept the first build's objects out of full collections
        gc.unfreeze()


class _Watcher:
    """The part of MkDocs' live-reload server that ``on_serve`` uses."""

    def watch(self, path: str, recursive: bool = True) -> None:
        pass


def _full_build(config_file: Path, site: Path) -> None:
    build(load_config(str(config_file), site_dir=str(site)), serve_url=SERVE_URL)


def test_an_edit_renders_only_the_pages_it_changes(tmp_path: Path) -> None:
    config_file = make_site(tmp_path, "small")
    root = config_file.parent
    server = Server(config_file, tmp_path / "served")
    try:
        assert server.plugin.session.parsed == len(list((root / "services").rglob("*.yaml"))) + len(
            list((root / "org").rglob("*.yaml")))
        # Nothing changed: nothing is parsed or rendered again.
        assert server.rebuild() == []
        assert server.plugin.session.parsed == 0

        service = root / "services" / "checkout" / "service.yaml"
        service.write_text(service.read_text().replace("Takes the basket", "Takes the whole basket"))
        rendered = server.rebuild()
        assert server.plugin.session.parsed == 1
        # The policies re-ran for what the one file can move, against the first build's whole run.
        assert server.plugin.relint.changed == ["services/checkout/service.yaml"]
        # The service page, the catalog and the service's scorecard (its documentation criterion quotes it)
        # show the description; no other page does.
        assert rendered == ["scorecards/checkout.md", "services/checkout/index.md", "services/index.md"]
        assert "Takes the whole basket" in (tmp_path / "served" / "services" / "checkout" / "index.html").read_text()
        _full_build(config_file, tmp_path / "full")
        assert _differences(tmp_path / "served", tmp_path / "full") == []

        # A change to the navigation (a service's tier) renders every page again: each page shows the nav.
        service.write_text(service.read_text().replace("tier: critical", "tier: important"))
        assert server.rebuild() == sorted(server.plugin.generated)
        _full_build(config_file, tmp_path / "full2")
        assert _differences(tmp_path / "served", tmp_path / "full2") == []

        # A page that goes away (a deleted runbook) leaves no file and no empty folder behind.
        runbook = next((root / "services" / "checkout" / "runbooks").glob("*.yaml"))
        runbook.unlink()
        server.rebuild()
        _full_build(config_file, tmp_path / "full3")
        assert _differences(tmp_path / "served", tmp_path / "full3") == []
        # And the next edit is incremental again, leaving the site as a clean build makes it.
        service.write_text(service.read_text().replace("Takes the whole basket", "Takes every basket"))
        assert server.rebuild() == ["scorecards/checkout.md", "services/checkout/index.md", "services/index.md"]
        _full_build(config_file, tmp_path / "full4")
        assert _differences(tmp_path / "served", tmp_path / "full4") == []
    finally:
        server.stop()


def test_a_broken_build_is_followed_by_a_full_one(tmp_path: Path) -> None:
    config_file = make_site(tmp_path, "small")
    root = config_file.parent
    server = Server(config_file, tmp_path / "served")
    try:
        config = root / "sre-docs.yaml"
        config.write_text("policies: [not, a, mapping]\n")
        with pytest.raises(Abort):  # MkDocs logs the plugin's error (sre-docs.yaml:1:11 ...) and stops the build
            server.rebuild()
        assert server.plugin.preview.pages == {}
        config.unlink()
        assert server.rebuild() == sorted(server.plugin.generated)
    finally:
        server.stop()


def test_a_plain_build_never_reuses(tmp_path: Path) -> None:
    """Without ``on_serve`` (``mkdocs build``), a build into the same folder starts afresh: nothing is reused."""
    config_file = make_site(tmp_path, "small")
    for _ in range(2):
        config = load_config(str(config_file), site_dir=str(tmp_path / "site"))
        plugin = config.plugins["sre-docs/handbook"]
        build(config)
        assert not plugin.serving and plugin.preview.reused == []
        assert plugin.session.parsed == len(list((config_file.parent / "services").rglob("*.yaml"))) + len(
            list((config_file.parent / "org").rglob("*.yaml")))
    assert str(tmp_path / "site") not in _SERVED


def test_an_edit_that_moves_findings_shows_them_as_a_clean_build_does(tmp_path: Path) -> None:
    """The findings of a rebuild come from the incremental lint (only the edited service is checked again);
    the pages that show them are the same as a clean build's."""
    config_file = make_site(tmp_path, "small")
    root = config_file.parent
    server = Server(config_file, tmp_path / "served")
    try:
        before = list(server.plugin.findings)
        slos = root / "services" / "checkout" / "slos.yaml"
        slos.write_text(slos.read_text().replace("target: 99.9\n", "target: 99.4\n"))  # below its SLA of 99.5
        rendered = server.rebuild()
        assert server.plugin.relint.changed == ["services/checkout/slos.yaml"]
        added = [f for f in server.plugin.findings if f not in before]
        assert sorted((f.code, f.path, f.line, f.column) for f in added) == [
            ("SLO001", "services/checkout/slos.yaml", 5, 11),  # target not above the SLA
            ("SLO002", "services/checkout/slos.yaml", 8, 17),  # error_budget no longer 100 - target
            ("SLO002", "services/checkout/slos.yaml", 9, 25),  # nor error_budget_minutes
            ("SLO005", "services/checkout/slos.yaml", 5, 11),  # below the critical tier's floor
        ]
        assert "org/findings.md" in rendered and "services/checkout/index.md" in rendered
        _full_build(config_file, tmp_path / "full")
        assert _differences(tmp_path / "served", tmp_path / "full") == []
        slo001 = next(f for f in added if f.code == "SLO001")
        assert slo001.message in html.unescape((tmp_path / "served" / "org" / "findings" / "index.html").read_text())
    finally:
        server.stop()
