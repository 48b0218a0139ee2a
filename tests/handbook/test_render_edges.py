"""``sre-docs handbook render`` at its edges: refusals with their exact words, the exit code on findings,
the watch loop (in-process, with a scripted clock), and the site-config reader's corner cases."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import sre_docs.cli.handbook as render_command
from sre_docs.cli import main
from sre_docs.handbook.markdown_export import RenderError, Tagged, export_tree, plugin_options, read_site_config
from sre_docs.handbook.site import Handbook, NavNode, Page

FIXTURE = Path(__file__).resolve().parents[1] / "workflows" / "fixture"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE, root)
    (root / "sre-docs.yaml").write_text("today: 2026-11-26\n", encoding="utf-8")
    return root


def _render(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = main(["handbook", "render", *map(str, argv)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_repo_without_mkdocs_yml_renders_with_defaults(repo: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    code, stdout, err = _render(capsys, "--root", repo, "--out", out)
    assert (code, err) == (0, "")
    assert stdout.startswith("rendered ") and f" pages into {out}: " in stdout
    assert (out / "docs/services/checkout/index.md").is_file() and (out / "mkdocs.yml").is_file()
    assert (out / ".sre-docs-render").read_text(encoding="utf-8").splitlines()[0] == "docs/assets/sre-docs/handbook.css"


@pytest.mark.parametrize(("make", "message"), [
    (lambda repo, tmp: ["--root", tmp / "nowhere", "--out", tmp / "out"], "sre-docs: --root {tmp}/nowhere: not a directory\n"),
    (lambda repo, tmp: ["--root", repo, "--config", tmp / "missing.yml", "--out", tmp / "out"],
     "sre-docs: --config {tmp}/missing.yml: no such file\n"),
])
def test_usage_errors(repo: Path, tmp_path: Path, capsys, make, message: str) -> None:
    code, stdout, err = _render(capsys, *make(repo, tmp_path))
    assert (code, stdout, err) == (2, "", message.format(tmp=tmp_path))


def test_out_must_be_a_folder(repo: Path, tmp_path: Path, capsys) -> None:
    target = tmp_path / "a-file"
    target.write_text("x\n", encoding="utf-8")
    assert _render(capsys, "--root", repo, "--out", target) == (2, "", f"sre-docs: --out {target}: not a folder\n")


@pytest.mark.parametrize(("site", "message"), [
    ("site_name: [unclosed\n", "cannot read the site configuration: "),
    ("- a list\n", "the site configuration is not a mapping"),
    ("site_name: x\nplugins:\n  - sre-docs/handbook:\n      root: no-such-folder\n",
     "plugins → sre-docs/handbook → root 'no-such-folder' is not a folder"),
    ("site_name: x\nplugins:\n  - sre-docs/handbook:\n      today: soon\n",
     "plugins → sre-docs/handbook → today 'soon' is not a date"),
])
def test_site_configuration_errors(repo: Path, tmp_path: Path, capsys, site: str, message: str) -> None:
    (repo / "mkdocs.yml").write_text(site, encoding="utf-8")
    code, stdout, err = _render(capsys, "--root", repo, "--out", tmp_path / "out")
    assert (code, stdout) == (2, "")
    assert err.startswith(f"sre-docs: {repo / 'mkdocs.yml'}: {message}")


def test_a_bad_sre_docs_yaml_is_a_usage_error(repo: Path, tmp_path: Path, capsys) -> None:
    (repo / "sre-docs.yaml").write_text("fail_on: loud\n", encoding="utf-8")
    code, stdout, err = _render(capsys, "--root", repo, "--out", tmp_path / "out")
    assert (code, stdout) == (2, "")
    assert err.startswith("sre-docs: invalid config: sre-docs.yaml:1:10: ")


def test_findings_at_fail_on_exit_1_and_the_files_are_written(repo: Path, tmp_path: Path, capsys) -> None:
    slos = repo / "services/payments/slos.yaml"
    slos.write_text(slos.read_text(encoding="utf-8").replace("  target: 99.9\n", "  target: 99.9\n  sla: 99.9\n"),
                    encoding="utf-8")
    out = tmp_path / "out"
    code, stdout, err = _render(capsys, "--root", repo, "--out", out)
    assert code == 1
    assert ("services/payments/slos.yaml:5:11: error SLO001 SLO target 99.9% is not above its SLA of 99.9%; "
            "the error budget would run out only when the contract is already broken\n") in err
    assert err.endswith("finding(s) at or above error; run `sre-docs lint` for the details\n")
    assert (out / "docs/services/payments/index.md").is_file()
    # fail_on: never in the plugin options renders without failing.
    (repo / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - sre-docs/handbook:\n      fail_on: never\n",
                                     encoding="utf-8")
    assert _render(capsys, "--root", repo, "--out", out)[0] == 0


def test_watch_renders_again_reports_a_broken_edit_and_stops_on_ctrl_c(repo: Path, tmp_path: Path, capsys,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    config = repo / "sre-docs.yaml"
    service = repo / "services/payments/service.yaml"
    steps = [
        lambda: service.write_text(service.read_text(encoding="utf-8").replace("Talks to the card gateway.",
                                                                                "Watched and rendered again"),
                                   encoding="utf-8"),
        lambda: config.write_text("fail_on: loud\n", encoding="utf-8"),
    ]

    def sleep(seconds: float) -> None:
        if not steps:
            raise KeyboardInterrupt
        steps.pop(0)()
        # Make the change visible to the snapshot even on coarse file-time clocks.
        for path in (service, config):
            stat = path.stat()
            os.utime(path, (stat.st_atime, stat.st_mtime + 10))

    monkeypatch.setattr(render_command.time, "sleep", sleep)
    out = tmp_path / "out"
    code, stdout, err = _render(capsys, "--root", repo, "--out", out, "--watch")
    assert code == 0
    assert stdout.count("rendered ") == 2  # the first render and the one after the edit
    assert "Watched and rendered again" in (out / "docs/services/payments/index.md").read_text(encoding="utf-8")
    assert err.startswith(f"watching {repo} for changes (Ctrl-C stops)\n")
    assert "sre-docs: invalid config: sre-docs.yaml:1:10: " in err


# --- the site configuration, read and written back ---------------------------------------------------------


def test_reading_the_site_configuration() -> None:
    assert read_site_config("") == {}
    tagged = read_site_config("extra: !Custom {a: 1}\nlist: !Seq [1, 2]\n")
    assert tagged == {"extra": Tagged("!Custom", {"a": 1}), "list": Tagged("!Seq", [1, 2])}
    assert repr(tagged["list"]) == "Tagged('!Seq', [1, 2])"
    with pytest.raises(RenderError, match="^the site configuration is not a mapping$"):
        read_site_config("just text\n")


def test_plugin_options_bare_absent_or_empty() -> None:
    assert plugin_options({"plugins": ["search", "sre-docs/handbook"]}) == {}
    assert plugin_options({"plugins": ["search"]}) == {}
    assert plugin_options({}) == {}
    assert plugin_options({"plugins": [{"sre-docs/handbook": None}]}) == {}


def _handbook() -> Handbook:
    return Handbook(pages=(Page("index.md", "Home", "# Home\n"),), nav=(NavNode("Home", "index.md"),))


def test_export_keeps_other_plugins_and_points_the_theme_at_its_overrides() -> None:
    site = {"site_name": "x", "theme": {"name": "material", "custom_dir": "overrides"},
            "plugins": ["search", "sre-docs/tables", {"sre-docs/handbook": {"title": "T"}}],
            "extra": Tagged("!Keep", {"a": 1})}
    files = export_tree(_handbook(), site_config=site, own_files={}, css="", custom_dir="/abs/overrides")
    config = read_site_config(files["mkdocs.yml"].decode())
    assert config["plugins"] == ["search"]
    assert config["theme"] == {"name": "material", "custom_dir": "/abs/overrides"}
    assert config["extra"] == Tagged("!Keep", {"a": 1})


def test_export_refuses_a_hand_written_page_on_a_generated_path_and_an_unknown_table() -> None:
    with pytest.raises(RenderError, match="^index.md has the path of a generated page; move or rename it$"):
        export_tree(_handbook(), site_config={}, own_files={"index.md": b"# Mine\n"}, css="")
    with pytest.raises(RenderError, match="^guide.md: line 1: unknown table 'no-such-table'"):
        export_tree(_handbook(), site_config={}, own_files={"guide.md": b"<!-- sre-docs:table no-such-table -->\n"},
                    css="")
