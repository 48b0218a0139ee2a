"""Policy reference pages: one Markdown page per policy and an index of every code.

Pure functions from loaded policies to Markdown text; they know nothing of MkDocs, so the
site plugin (or any other generator) decides where the pages go. The page is the policy's
docstring, section by section, with two additions made from the policy's data so that
they cannot drift from the check: the heading line (ID, name, default level) and a
configuration snippet listing every option with its default.

Docstrings are the project's (or the organisation's own policy authors') text, written as
Markdown, and are rendered as Markdown; text that ends up in a table cell is escaped with
``md_cell``. IDs and names are safe by construction (``Policy.from_module`` checks them).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

from sre_docs.lint.catalog import CORE_CODES, Catalog, CoreCode
from sre_docs.handbook.markup import md_cell, md_code, md_fence
from sre_docs.lint.policy import Policy
from sre_docs.lint.policy_docs import SECTIONS, ExampleFormatError, example_files, parse_doc

PAGE_FOLDER = "policies"


def page_path(code: str) -> str:
    return f"{PAGE_FOLDER}/{code}.md"


def _example(section: str) -> str:
    """Example blocks split into one titled code block per file."""
    try:
        files = example_files(section)
    except ExampleFormatError:
        files = []
    if not files:
        return section.strip() + "\n"
    parts = []
    for file in files:
        parts.append(f"{md_code(file.path)}\n\n{md_fence(file.text, 'yaml')}")
    return "\n".join(parts)


def _yaml_value(value: object) -> str:
    """A default written as YAML flow text (JSON is valid YAML for these values)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value, ensure_ascii=False)


def _config_snippet(policy: Policy) -> str:
    lines = ["policies:", f"  {policy.id}:", "    enabled: true", f"    level: {policy.level.value}"]
    if policy.options:
        lines.append("    options:")
        lines.extend(f"      {name}: {_yaml_value(option.default)}" for name, option in policy.options.items())
    return md_fence("\n".join(lines) + "\n", "yaml")


def policy_page(policy: Policy) -> str:
    """The reference page of one policy."""
    doc = parse_doc(policy.doc)
    out = [
        f"# {policy.id} {policy.name}",  # NAME is kebab-case by construction (Policy.from_module)
        "",
        f"**{doc.summary}**",
        "",
        f"Default level: **{policy.level.value}**. Origin: {md_cell(policy.origin)}.",
        "",
    ]
    if doc.intro:
        out += [doc.intro, ""]
    for name in SECTIONS:
        body = doc.sections.get(name, "").strip()
        if not body:
            continue
        out.append(f"## {name}")
        out.append("")
        out.append(_example(body).rstrip("\n") if name.endswith("example") else body)
        out.append("")
        if name == "Options":
            out += ["Configuration in `sre-docs.yaml`, with the defaults:", "", _config_snippet(policy).rstrip("\n"), ""]
    out += [
        "## Suppressing one finding",
        "",
        md_fence(f"# sre-docs: disable={policy.id} -- <why this case is an exception>\n", "yaml").rstrip("\n"),
        "",
    ]
    return "\n".join(out)


def index_page(policies: Iterable[Policy], core: Mapping[str, CoreCode] = CORE_CODES) -> str:
    """Every code sre-docs reports: the policies (linked to their pages), then the core codes."""
    rows = [
        f"| [{policy.id}]({policy.id}.md) | {policy.name} | {policy.level.value} | {md_cell(policy.summary)} |"
        for policy in policies
    ]
    core_rows = [
        f"| {code.id} | {md_cell(code.name)} | {code.level.value} | {md_cell(code.summary)} |"
        for code in core.values()
    ]
    header = ["| ID | Name | Default level | What it checks |", "|---|---|---|---|"]
    return "\n".join([
        "# Policies",
        "",
        "Every finding carries one of these codes. Levels can be changed, policies switched off and scoped in "
        "`sre-docs.yaml`; one finding can be suppressed with a comment that gives a reason.",
        "",
        "## Policies",
        "",
        *header, *rows,
        "",
        "## Loader and suppression codes",
        "",
        *header, *core_rows,
        "",
    ])


def pages(catalog: Catalog) -> dict[str, str]:
    """Every page, by its path under the docs folder: ``policies/index.md`` and one per policy."""
    out = {f"{PAGE_FOLDER}/index.md": index_page(catalog.policies.values())}
    for policy in catalog.policies.values():
        out[page_path(policy.id)] = policy_page(policy)
    return out
