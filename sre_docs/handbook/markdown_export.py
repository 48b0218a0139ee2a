"""The handbook as plain files: Markdown pages, the CSS and a site configuration any generator builds.

mkdocs-material reaches its end of life on 2027-05-05; its successor, Zensical, reads
``mkdocs.yml`` but ignores MkDocs plugins it does not reimplement, so it would never run the
``sre-docs/handbook`` plugin. ``sre-docs handbook render`` therefore writes what the plugin
makes in memory, as files:

- ``docs/`` -- the site's own hand-written pages (table placeholders filled in, since the
  ``sre-docs/tables`` plugin will not run either), every generated page, the CSS and the script
  (scrollable tables, the incident log's filters);
- ``mkdocs.yml`` -- the site's configuration without the sre-docs plugins, with the generated
  navigation merged into ``nav:``, ``docs_dir: docs`` and ``site_dir: site``.

A generated page's body is byte for byte what the plugin renders (both come from
:func:`sre_docs.handbook.generate.generate`); a YAML front matter block in front of it gives the
page title and the parts of the page frame to hide, which the plugin sets through MkDocs instead.
Everything here is pure: text in, ``{relative path: bytes}`` out. Writing is the CLI's job.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping
from typing import Any

import yaml

from sre_docs.handbook.nav_config import merge_nav
from sre_docs.handbook.site import Handbook, Page
from sre_docs.handbook.tables import Table, UnknownTable, replace_placeholders

CSS_URI = "assets/sre-docs/handbook.css"
JS_URI = "assets/sre-docs/handbook.js"
#: Plugins of sre-docs, dropped from the rendered configuration: their work is already in the files.
OWN_PLUGINS = ("sre-docs/handbook", "sre-docs/tables")
HEADER = "# Written by `sre-docs handbook render`: edit the YAML repo and the source mkdocs.yml, then render again.\n"


class RenderError(ValueError):
    """The site's own files cannot be rendered as they are (an unknown table name, a page in the way)."""


class Tagged:
    """A YAML value with a tag PyYAML's safe loader does not know (``!ENV``, ``!!python/name:…``), kept as written."""

    def __init__(self, tag: str, value: Any) -> None:
        self.tag, self.value = tag, value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Tagged) and (self.tag, self.value) == (other.tag, other.value)

    def __repr__(self) -> str:
        return f"Tagged({self.tag!r}, {self.value!r})"


class _SiteLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as data: tags are kept for the output, never resolved or executed."""


def _keep_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Tagged:
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]  # a MappingNode here
    return Tagged(node.tag, value)


_SiteLoader.add_multi_constructor("!", _keep_tag)
_SiteLoader.add_multi_constructor("tag:yaml.org,2002:python/", _keep_tag)


class _SiteDumper(yaml.SafeDumper):
    pass


def _write_tag(dumper: yaml.SafeDumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, str(data.value))


_SiteDumper.add_representer(Tagged, _write_tag)


def read_site_config(text: str) -> dict[str, Any]:
    """mkdocs.yml as plain data, tags kept; an empty file is an empty configuration."""
    try:
        data = yaml.load(text, Loader=_SiteLoader)  # noqa: S506 -- a SafeLoader subclass that only keeps tags
    except yaml.YAMLError as exc:
        raise RenderError(f"cannot read the site configuration: {exc}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise RenderError("the site configuration is not a mapping")
    return data


def plugin_options(site_config: Mapping[str, Any], name: str = "sre-docs/handbook") -> dict[str, Any]:
    """The options written under ``plugins:`` for one plugin ({} when listed bare or absent)."""
    for entry in site_config.get("plugins") or []:
        if entry == name:
            return {}
        if isinstance(entry, dict) and name in entry:
            return dict(entry[name] or {})
    return {}


def nav_title(title: str) -> str:
    """Nav and front-matter titles are printed as HTML by the themes: escape them as the plugin does."""
    return html.escape(title, quote=True)


def page_file(page: Page) -> str:
    """A generated page as a Markdown file: front matter (title, hidden parts), then the plugin's body."""
    meta: dict[str, Any] = {"title": nav_title(page.title)}
    if page.hide:
        meta["hide"] = list(page.hide)
    if page.search_boost is not None:
        meta["search"] = {"boost": page.search_boost}
    front = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in meta.items())
    return f"---\n{front}---\n\n{page.markdown}"


def _site_config(site_config: Mapping[str, Any], nav: list[Any], *, custom_dir: str | None) -> dict[str, Any]:
    config = {key: value for key, value in site_config.items() if key not in ("docs_dir", "site_dir", "nav")}
    plugins = [entry for entry in site_config.get("plugins") or []
               if not (entry in OWN_PLUGINS or isinstance(entry, dict) and any(name in OWN_PLUGINS for name in entry))]
    if plugins:
        config["plugins"] = plugins
    else:
        config.pop("plugins", None)
    extra_css = list(site_config.get("extra_css") or [])
    if CSS_URI not in extra_css:
        extra_css.append(CSS_URI)
    config["extra_css"] = extra_css
    extra_js = list(site_config.get("extra_javascript") or [])
    if JS_URI not in extra_js:
        extra_js.append(JS_URI)
    config["extra_javascript"] = extra_js
    if custom_dir is not None and isinstance(config.get("theme"), dict):
        config["theme"] = {**config["theme"], "custom_dir": custom_dir}
    return {**config, "docs_dir": "docs", "site_dir": "site", "nav": nav}


def export_tree(handbook: Handbook, *, site_config: Mapping[str, Any], own_files: Mapping[str, bytes], css: str,
                custom_dir: str | None = None, js: str = "",
                tables: Mapping[str, Table] | None = None) -> dict[str, bytes]:
    """Every file of the rendered handbook, by path relative to the output folder.

    ``own_files`` are the site's hand-written files (``docs_dir`` relative paths); Markdown among
    them gets its table placeholders filled. ``custom_dir`` is the theme's override folder as
    seen from the output folder, when the site has one. ``tables`` replace built-in tables by name
    (the organisation's budget policy, as in the plugin).
    """
    files: dict[str, bytes] = {}
    generated = {page.src_uri for page in handbook.pages}
    for path, data in sorted(own_files.items()):
        if path in generated:
            raise RenderError(f"{path} has the path of a generated page; move or rename it")
        if path.endswith(".md") and b"sre-docs:table" in data:
            try:
                data = replace_placeholders(data.decode("utf-8"), tables).encode("utf-8")
            except (UnknownTable, UnicodeDecodeError) as exc:
                raise RenderError(f"{path}: {exc}") from None
        files[f"docs/{path}"] = data
    for page in handbook.pages:
        files[f"docs/{page.src_uri}"] = page_file(page).encode("utf-8")
    if CSS_URI not in own_files:
        files[f"docs/{CSS_URI}"] = css.encode("utf-8")
    if JS_URI not in own_files:
        files[f"docs/{JS_URI}"] = js.encode("utf-8")
    own_pages = sorted(path for path in own_files if path.endswith(".md"))
    nav = merge_nav(site_config.get("nav"), handbook.nav, title=nav_title, other_pages=own_pages)
    config = _site_config(site_config, nav, custom_dir=custom_dir)
    text = yaml.dump(config, Dumper=_SiteDumper, sort_keys=False, allow_unicode=True, width=120)
    files["mkdocs.yml"] = (HEADER + text).encode("utf-8")
    return files
