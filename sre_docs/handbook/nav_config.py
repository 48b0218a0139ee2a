"""Fitting the generated pages into a site's navigation (the ``nav:`` of mkdocs.yml, which Zensical reads too).

MkDocs leaves out of the navigation every page that an explicit ``nav:`` does not name, so
generated pages must be put there by the plugin. The rule, documented in the handbook's
README section and the example mkdocs.yml:

- an entry of ``nav:`` that points at a generated section's index page
  (``services/index.md``, ``org/index.md``, ``reference/index.md``) is replaced by that
  whole section, keeping the entry's title;
- generated sections the ``nav:`` does not mention are added: the home page first, the
  others at the end;
- with no ``nav:`` at all, the site's own pages are listed as MkDocs would (by folder),
  between the home page and the generated sections.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from mkdocs.structure.nav import nest_paths

from sre_docs.handbook.site import NavNode

NavConfig = list[Any]


def node_to_config(node: NavNode, title: Callable[[str], str], *, label: str | None = None) -> dict[str, Any]:
    """A nav node as MkDocs ``nav:`` data (``{title: path}`` or ``{title: [children]}``)."""
    name = label if label is not None else title(node.title)
    if node.children:
        return {name: [node_to_config(child, title) for child in node.children]}
    return {name: node.page}


def merge_nav(
    user_nav: Sequence[Any] | None,
    generated: Sequence[NavNode],
    *,
    title: Callable[[str], str],
    other_pages: Iterable[str] = (),
) -> NavConfig:
    """The site's ``nav:`` with the generated sections in it (see the module docstring)."""
    anchors = {node.page: node for node in generated if node.page}
    placed: set[str] = set()

    def expand(items: Sequence[Any]) -> NavConfig:
        out: NavConfig = []
        for item in items:
            label, value = None, item
            if isinstance(item, dict) and len(item) == 1:
                label, value = next(iter(item.items()))
            if isinstance(value, list):
                out.append({label: expand(value)} if label is not None else expand(value))
                continue
            if isinstance(value, str) and value in anchors and value not in placed:
                placed.add(value)
                out.append(node_to_config(anchors[value], title, label=label))
                continue
            out.append(item)
        return out

    if user_nav is None:
        body: NavConfig = list(nest_paths(sorted(other_pages)))
    else:
        body = expand(list(user_nav))
    head = [node_to_config(n, title) for n in generated[:1] if n.page not in placed]
    tail = [node_to_config(n, title) for n in generated[1:] if n.page is None or n.page not in placed]
    return head + body + tail
