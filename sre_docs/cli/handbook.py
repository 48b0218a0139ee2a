"""``sre-docs handbook render --out DIR``: the handbook as Markdown files any generator builds.

Reads the site's ``mkdocs.yml`` (the plugin's options under ``plugins:``, the theme, the
``nav:``), loads and lints the repo once, and writes ``DIR/docs/`` and ``DIR/mkdocs.yml``:
``zensical build -f DIR/mkdocs.yml`` (or ``mkdocs build -f DIR/mkdocs.yml``) builds the site
without any plugin. ``--watch`` renders again whenever a YAML file, a hand-written page or the
configuration changes, so ``zensical serve -f DIR/mkdocs.yml`` previews edits.

Only files that changed are rewritten (atomically), and files of an earlier render that are
no longer generated are removed. DIR must be new, empty or an earlier render (it holds the
``.sre-docs-render`` list of what was written): anything else is refused, so a typo in ``--out``
cannot delete someone's work. Exit codes: 0 written, 1 findings at or above ``fail_on`` (the
files are written all the same: ``sre-docs lint`` is the gate), 2 usage or configuration error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path
from typing import Any

from sre_docs.cli.args import add_force, add_root
from sre_docs.words import counted

#: Lists what an earlier render wrote: its presence marks DIR as ours to rewrite.
MANIFEST = ".sre-docs-render"


def register(subparsers: argparse._SubParsersAction) -> None:
    handbook = subparsers.add_parser("handbook", help="the reliability handbook outside MkDocs",
                                     description="The reliability handbook outside MkDocs.")
    actions = handbook.add_subparsers(dest="action", metavar="ACTION", required=True)
    render = actions.add_parser("render", help="write every page as Markdown plus a site config (for Zensical)",
                                description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    render.add_argument("--out", type=Path, required=True, metavar="DIR", help="output folder")
    render.add_argument("--config", type=Path, metavar="FILE",
                        help="the site's mkdocs.yml (default: mkdocs.yml in --root, if there is one)")
    render.add_argument("--watch", action="store_true", help="render again on every change, until Ctrl-C")
    render.add_argument("--interval", type=float, default=0.5, help=argparse.SUPPRESS)
    add_root(render)
    add_force(render)
    render.set_defaults(func=run_render)


def run_render(args: argparse.Namespace) -> int:
    from sre_docs.cli import UsageError

    root: Path = args.root.resolve()
    if not root.is_dir():
        raise UsageError(f"--root {args.root}: not a directory")
    config_file = args.config if args.config is not None else root / "mkdocs.yml"
    if args.config is not None and not config_file.is_file():
        raise UsageError(f"--config {config_file}: no such file")
    out = args.out.resolve()
    _check_out(out, root, force=args.force)
    seen = _snapshot(root, config_file) if args.watch else {}  # before rendering: an edit made meanwhile counts
    code = _render_once(root, config_file if config_file.is_file() else None, out)
    if not args.watch:
        return code
    print(f"watching {root} for changes (Ctrl-C stops)", file=sys.stderr)
    try:
        while True:
            time.sleep(args.interval)
            now = _snapshot(root, config_file)
            if now != seen:
                seen = now
                try:  # a later edit during this render shows in the next snapshot
                    _render_once(root, config_file if config_file.is_file() else None, out)
                except UsageError as exc:  # a broken edit: say so and keep watching
                    print(f"sre-docs: {exc}", file=sys.stderr)
    except KeyboardInterrupt:
        return 0


def _check_out(out: Path, root: Path, *, force: bool) -> None:
    from sre_docs.cli import UsageError

    if out == root or root.is_relative_to(out):
        raise UsageError(f"--out {out}: would hold the repository itself; choose a folder of its own")
    if out.is_symlink() or out.exists() and not out.is_dir():
        raise UsageError(f"--out {out}: not a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MANIFEST).is_file() and not force:
        raise UsageError(f"--out {out}: not empty and not an earlier render; use --force to write into it anyway")


def _render_once(root: Path, config_file: Path | None, out: Path) -> int:
    from sre_docs.cli import UsageError
    from sre_docs.findings import Severity

    started = time.monotonic()
    files, findings, fail_on = _render(root, config_file)
    changed, removed = _write_tree(out, files)
    failing = [f for f in findings if fail_on is not None and f.severity.rank >= fail_on.rank]
    for f in sorted(failing, key=lambda f: f.sort_key):
        print(f"{f.path}:{f.line}:{f.column}: {f.severity.value} {f.code} {f.message}", file=sys.stderr)
    pages = sum(1 for path in files if path.endswith(".md"))
    print(f"rendered {counted(pages, 'page')} into {out}: {changed} written, {removed} removed, "
          f"{len(files) - changed} unchanged ({time.monotonic() - started:.2f} s)")
    if failing:
        print(f"{len(failing)} finding(s) at or above {fail_on.value if fail_on else Severity.ERROR.value}; "
              "run `sre-docs lint` for the details", file=sys.stderr)
    if not files:
        raise UsageError("nothing to render")
    return 1 if failing else 0


def _render(root: Path, config_file: Path | None) -> tuple[dict[str, bytes], list[Any], Any]:
    """Every output file, the findings, and the level that fails: one load, one lint, one build."""
    from importlib import resources

    from sre_docs.cli import UsageError
    from sre_docs.findings import Severity
    from sre_docs.handbook.generate import (
        DEFAULT_GUIDES, EditLinks, HandbookRequest, generate, load_and_check, organisation_policy_tables,
    )
    from sre_docs.handbook.markdown_export import RenderError, export_tree, plugin_options, read_site_config
    from sre_docs.lint.config import ConfigError, load_config, utc_today
    from sre_docs.lint.engine import PolicyCrash
    from sre_docs.schemas.types import parse_date

    try:
        site = read_site_config(config_file.read_text(encoding="utf-8")) if config_file else {}
    except (RenderError, OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{config_file}: {exc}") from None
    base = config_file.parent.resolve() if config_file else root
    options = plugin_options(site)
    repo_root = (base / str(options.get("root") or ".")).resolve() if config_file else root
    if not repo_root.is_dir():
        raise UsageError(f"{config_file}: plugins → sre-docs/handbook → root {options.get('root')!r} is not a folder")
    try:
        repo_config = load_config(repo_root)
    except ConfigError as exc:
        raise UsageError(str(exc)) from None
    today: dt.date = repo_config.today or utc_today()
    if options.get("today"):
        given = parse_date(str(options["today"]).strip())
        if given is None:
            raise UsageError(f"{config_file}: plugins → sre-docs/handbook → today {options['today']!r} is not a date")
        today = given
    chosen = options.get("fail_on")
    fail_on = None if chosen == "never" else Severity(chosen) if chosen else repo_config.fail_on
    try:
        repo, findings = load_and_check(repo_root, repo_config, today=today, lint=bool(options.get("lint", True)),
                                        use_git=bool(options.get("use_git", True)))
    except PolicyCrash as exc:
        raise UsageError(f"internal error: {exc}") from None
    docs_dir = base / str(site.get("docs_dir") or "docs")
    own = _own_files(docs_dir)
    links = EditLinks(root=repo_root, repo_url=str(site.get("repo_url") or ""),
                      site_edit_uri=str(site.get("edit_uri") or ""), handbook_edit_uri=options.get("edit_uri"),
                      docs_dir=docs_dir)
    chosen_guides = options.get("guides")
    guides: dict[str, str] = chosen_guides if isinstance(chosen_guides, dict) else DEFAULT_GUIDES
    request = HandbookRequest(today=today, title=str(options.get("title") or "Reliability handbook"),
                              directory_urls=bool(site.get("use_directory_urls", True)), guides=guides,
                              edit_url=links.url)
    handbook = generate(repo, findings, repo_config, request, existing=lambda uri: uri in own)
    assets = resources.files("sre_docs.plugins.handbook")
    css = assets.joinpath("handbook.css").read_text(encoding="utf-8")
    js = assets.joinpath("handbook.js").read_text(encoding="utf-8")
    theme = site.get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) and isinstance(theme.get("custom_dir"), str) else None
    try:
        files = export_tree(handbook, site_config=site, own_files=own, css=css, js=js,
                            custom_dir=_custom_dir(base, custom), tables=organisation_policy_tables(repo))
    except RenderError as exc:
        raise UsageError(str(exc)) from None
    return files, findings, fail_on


def _custom_dir(base: Path, custom: str | None) -> str | None:
    """The theme's override folder as an absolute path: the rendered config lives elsewhere."""
    return str((base / custom).resolve()) if custom else None


def _own_files(docs_dir: Path) -> dict[str, bytes]:
    """The site's hand-written files (no links followed, no hidden files), by docs-relative path."""
    files: dict[str, bytes] = {}
    if not docs_dir.is_dir():
        return files
    for path in sorted(docs_dir.rglob("*")):
        relative = path.relative_to(docs_dir)
        if any(part.startswith(".") for part in relative.parts) or path.is_symlink() or not path.is_file():
            continue
        if any(parent.is_symlink() for parent in path.parents if docs_dir in parent.parents or parent == docs_dir):
            continue
        files[relative.as_posix()] = path.read_bytes()
    return files


def _write_tree(out: Path, files: dict[str, bytes]) -> tuple[int, int]:
    """Write what changed, remove what an earlier render wrote and this one did not; (written, removed)."""
    from sre_docs.yamltext.safe_write import atomic_write

    out.mkdir(parents=True, exist_ok=True)
    manifest = out / MANIFEST
    earlier = set(manifest.read_text(encoding="utf-8").splitlines()) if manifest.is_file() else set()
    written = 0
    for relative, data in files.items():
        target = out / relative
        try:
            if target.is_file() and not target.is_symlink() and target.read_bytes() == data:
                continue
        except OSError:
            pass
        atomic_write(target, data)
        written += 1
    removed = 0
    for relative in sorted(earlier - set(files)):
        target = out / relative
        if target.is_file() and not target.is_symlink() and out in target.resolve().parents:
            target.unlink()
            removed += 1
    atomic_write(manifest, "".join(f"{path}\n" for path in sorted(files)).encode("utf-8"))
    return written, removed


def _snapshot(root: Path, config_file: Path) -> dict[str, float]:
    """Modification times of everything a render reads: the YAML repo, the docs, the configurations."""
    stamps: dict[str, float] = {}
    folders = [root / "services", root / "org", root / "docs"]
    for file in (config_file, root / "sre-docs.yaml"):
        try:
            stamps[str(file)] = file.stat().st_mtime
        except OSError:
            pass
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in folder.rglob("*"):
            try:
                stamps[str(path)] = path.stat().st_mtime
            except OSError:
                pass
    return stamps
