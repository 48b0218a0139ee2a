"""The Reference section: policies (from their docstrings) and document kinds (from the schemas).

The page text comes from the modules that own it (``sre_docs.handbook.policy_pages`` for
policies, ``sre_docs.handbook.kind_reference`` for kinds); this module only gives the pages
their paths under ``reference/`` and their place in the navigation.
"""

from __future__ import annotations

from sre_docs.lint.catalog import Catalog
from sre_docs.handbook import policy_pages
from sre_docs.handbook.markup import md_link, text
from sre_docs.handbook.kind_reference import kind_reference_page, kinds_index_page
from sre_docs.handbook.site import NavNode, Page
from sre_docs.schemas import KINDS

__all__ = ["reference_section"]


def _policy_pages(catalog: Catalog) -> tuple[list[Page], NavNode]:
    texts = policy_pages.pages(catalog)
    index_uri = f"reference/{policy_pages.PAGE_FOLDER}/index.md"
    pages = [Page(index_uri, "Policies", texts[f"{policy_pages.PAGE_FOLDER}/index.md"])]
    children = [NavNode("All policies", index_uri)]
    for code in sorted(catalog.policies):
        policy = catalog.policies[code]
        page = Page(f"reference/{policy_pages.page_path(code)}", f"{code} {policy.name}", texts[policy_pages.page_path(code)])
        pages.append(page)
        children.append(NavNode(page.title, page.src_uri))
    return pages, NavNode("Policies", index_uri, tuple(children))


def _kind_pages() -> tuple[list[Page], NavNode]:
    specs = list(KINDS.values())
    pages = [Page("reference/kinds/index.md", "Document kinds", kinds_index_page(specs, link=lambda name: f"{name}.md"))]
    pages.extend(Page(f"reference/kinds/{spec.name}.md", spec.name, kind_reference_page(spec)) for spec in specs)
    nav = NavNode("Document kinds", "reference/kinds/index.md",
                  (NavNode("All kinds", "reference/kinds/index.md"), *(NavNode(p.title, p.src_uri) for p in pages[1:])))
    return pages, nav


def reference_section(catalog: Catalog) -> tuple[tuple[Page, ...], tuple[NavNode, ...]]:
    """Pages and nav of the Reference section, with its own index page first."""
    policy_pages, policy_nav = _policy_pages(catalog)
    kind_pages, kind_nav = _kind_pages()
    sections = [
        (policy_nav, "every check the linter runs, why it matters and how to fix what it finds"),
        (kind_nav, "what each YAML document holds, field by field"),
    ]
    lines = ["# Reference", "", "Generated from the code, so it always matches what the linter checks.", ""]
    for node, blurb in sections:
        lines.append(f"- {md_link(node.title, (node.page or '').removeprefix('reference/'))}: {text(blurb)}")
    index = Page("reference/index.md", "Reference", "\n".join(lines) + "\n")
    nav = (NavNode("Overview", "reference/index.md"), *(node for node, _ in sections))
    return (index, *policy_pages, *kind_pages), nav
