"""The published handbook's base URL and URL style, read from the repo's ``mkdocs.yml``.

Alert rules and catalogs live outside the site and link into it by absolute URL; the linter
checks such links against the page plan. Both need the site's ``site_url`` and whether MkDocs
writes ``page/`` or ``page.html`` URLs. ``mkdocs.yml`` may carry ``!ENV`` and ``!!python/name:``
tags that a safe loader refuses; they are read as nothing, since neither setting uses them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

MKDOCS_FILES = ("mkdocs.yml", "mkdocs.yaml")


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose ``!ENV`` and ``!!python/name:`` tags a safe loader refuses."""


def _unknown_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    return None


_TolerantLoader.add_multi_constructor("!", _unknown_tag)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _unknown_tag)


@dataclass(frozen=True)
class SiteSettings:
    site_url: str | None
    directory_urls: bool = True


def site_settings(root: Path, site_url: str | None = None) -> SiteSettings:
    """The handbook's base URL and URL style, from the arguments and the repo's mkdocs.yml."""
    config: dict[str, Any] = {}
    for name in MKDOCS_FILES:
        path = root / name
        if path.is_file():
            try:
                loaded = yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader)  # noqa: S506 -- a SafeLoader subclass that only ignores unknown tags
            except (yaml.YAMLError, OSError, UnicodeDecodeError):
                loaded = None
            config = loaded if isinstance(loaded, dict) else {}
            break
    configured = config.get("site_url")
    base = site_url or (configured if isinstance(configured, str) and configured.strip() else None)
    directory_urls = config.get("use_directory_urls", True)
    return SiteSettings(base, directory_urls if isinstance(directory_urls, bool) else True)
