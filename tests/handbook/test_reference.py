"""The kind reference pages: every kind renders, every field is listed, YAML-borne text is escaped."""

from __future__ import annotations

import html
import re

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sre_docs.handbook.markup import md_cell, md_cell_with_code, md_code, md_fence
from sre_docs.handbook.kind_reference import describe_constraints, describe_type, kind_reference_page, kinds_index_page
from sre_docs.schemas import KINDS, KindSpec
from sre_docs.schemas.fields import walk

SPECS = list(KINDS.values())
#: The extensions a Material handbook usually turns on; escaping must hold under all of them.
EXTENSIONS = [
    "tables", "attr_list", "md_in_html", "def_list", "admonition",
    "pymdownx.emoji", "pymdownx.tilde", "pymdownx.caret", "pymdownx.mark", "pymdownx.arithmatex",
    "pymdownx.superfences", "pymdownx.inlinehilite", "pymdownx.magiclink", "pymdownx.smartsymbols",
    "pymdownx.keys", "pymdownx.betterem",
]
# Not listed: pymdownx.critic and pymdownx.snippets rewrite the raw page before Markdown
# runs, code spans and fences included, so no escaping inside code can stop them.


def render(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS)


def table_rows(page: str) -> list[list[str]]:
    """Cells of the field table, split the way the tables extension splits them."""
    rows = []
    for line in page.splitlines():
        if line.startswith("| <code>"):
            rows.append([cell.strip() for cell in re.split(r"(?<!\\)\|", line.strip().strip("|"))])
    return rows


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_every_kind_renders(spec: KindSpec) -> None:
    page = kind_reference_page(spec)
    assert page.startswith(f"# {md_code(spec.name)}\n")
    assert "## Fields" in page and "## Example" in page
    html = render(page)
    assert html.count("<pre") == 1 and "<table>" in html.split("<pre")[0]
    assert "<script" not in html


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_every_field_path_appears_once(spec: KindSpec) -> None:
    page = kind_reference_page(spec)
    paths = [path for path, _ in walk(spec.root_rule()[spec.name], "")]
    listed = [row[0] for row in table_rows(page)]
    assert listed == [md_code(path) for path in paths]
    for row in table_rows(page):
        assert len(row) == 5, row  # no cell split by a stray pipe


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_example_is_shown_verbatim(spec: KindSpec) -> None:
    page = kind_reference_page(spec)
    assert md_fence(spec.example, "yaml").rstrip("\n") in page


def test_required_and_ranges_are_shown() -> None:
    rows = {html.unescape(row[0]): row for row in table_rows(kind_reference_page(KINDS["slo"]))}
    target = rows["<code>target</code>"]
    assert target[2] == "yes"
    assert target[3] == "above 0; below 100"
    assert rows["<code>review_cadence</code>"][3] == "<code>weekly</code>, <code>monthly</code>, <code>quarterly</code>"
    assert rows["<code>review_cadence</code>"][2] == ""
    assert rows["<code>burn_rate_alerts[].severity</code>"][2] == "yes"
    assert rows["<code>window</code>"][3] == "e.g. <code>28d</code>"
    assert rows["<code>burn_rate_alerts</code>"][1] == "a list of mappings"


def test_types_in_words() -> None:
    points = KINDS["measurements"].schema["points"]
    assert describe_type(points) == "a list of rows [start, good, total]"
    pages = KINDS["oncall_rotation"].schema["health"]["schema"]["schema"]["pages_by_member"]
    assert describe_type(pages).startswith("a mapping from a name")
    assert describe_type(KINDS["team"].schema["members"]).startswith("a list of names")
    assert describe_type(KINDS["service"].schema["tier"]) == "one of the listed values"
    assert describe_constraints(KINDS["incident"].schema["services"]) == "at least 1 item"
    scores = KINDS["maturity_assessment"].schema["scores"]["schema"]
    assert describe_constraints(scores["slos"]) == "1 to 5"


def test_scope_is_stated() -> None:
    def shown(page: str) -> str:
        return html.unescape(page)

    assert "under <code>org/</code>" in shown(kind_reference_page(KINDS["team"]))
    assert "<code>services/<service>/</code>" in shown(kind_reference_page(KINDS["slo"]))
    both = shown(kind_reference_page(KINDS["error_budget_policy"]))
    assert "<code>services/<service>/</code>" in both and "<code>org/</code>" in both
    assert "a list of mappings under the key <code>auto_remediation</code>" in shown(kind_reference_page(KINDS["auto_remediation"]))


def test_index_lists_every_kind_with_a_link() -> None:
    page = kinds_index_page(SPECS, link=lambda name: f"kinds/{name}.md")
    html = render(page)
    for spec in SPECS:
        assert f'<a href="kinds/{spec.name}.md"><code>{spec.name}</code></a>' in _unescape(html)
    assert page.count("\n| [") == len(SPECS)


# --- escaping -------------------------------------------------------------------------------------------

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "![pixel](https://tracker.example/p.png)",
    "<https://evil.example>",
    "{: onclick='alert(1)' }",
    "{#id .class}",
    "a | b | c",
    "**bold** _em_ `code` ~~del~~ ^^ins^^ ==mark== :smile: $x^2$",
    "line one\nline two\r\nline three",
    "&amp; &lt; already escaped",
    "back\\slash\\|pipe",
    "{{ config.extra }}",
    "see www.evil.example or mail ops@evil.example",
    "--> (c) ++ctrl+alt+del++",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_md_cell_renders_literally_in_a_table(text: str) -> None:
    cell = md_cell(text)
    assert "\n" not in cell and "\r" not in cell
    html = render(f"| a | b |\n|---|---|\n| {cell} | end |\n")
    cells = re.findall(r"<td>(.*?)</td>", html, re.DOTALL)
    assert len(cells) == 2 and cells[1] == "end"  # the row was not split or broken
    # no markup came through: only the text, HTML-escaped once
    expected = " ".join(text.splitlines())
    assert _unescape(cells[0]) == expected
    assert "<" not in cells[0]  # no element was made, and <td> carries no attributes


@pytest.mark.parametrize("text", HOSTILE)
def test_md_cell_renders_literally_in_a_paragraph(text: str) -> None:
    html = render(f"Before {md_cell(text)} after\n")
    assert html.startswith("<p>") and html.endswith("</p>")
    assert _unescape(html[3:-4]) == f"Before {' '.join(text.splitlines())} after"


@pytest.mark.parametrize("text", HOSTILE + ["``", "`x`", " spaced ", "a ``` b"])
def test_md_code_holds_any_text(text: str) -> None:
    html = render(f"| a | b |\n|---|---|\n| {md_code(text)} | end |\n")
    cells = re.findall(r"<td>(.*?)</td>", html, re.DOTALL)
    assert len(cells) == 2 and cells[1] == "end"
    code = re.fullmatch(r"<code>(.*)</code>", cells[0], re.DOTALL)
    assert code is not None
    assert _unescape(code.group(1)).strip() == " ".join(text.splitlines()).strip()


@pytest.mark.parametrize("text", ["{++added++} {--gone--}", '--8<-- "/etc/passwd"'])
def test_md_cell_defeats_preprocessors(text: str) -> None:
    html_out = markdown.markdown(f"| a |\n|---|\n| {md_cell(text)} |\n", extensions=["tables", "pymdownx.critic"])
    assert _unescape(re.findall(r"<td>(.*?)</td>", html_out)[0]) == text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=40))
def test_md_cell_round_trips_any_text(text: str) -> None:
    html_out = render(f"| a |\n|---|\n| {md_cell(text)} |\n")
    cells = re.findall(r"<td>(.*?)</td>", html_out, re.DOTALL)
    assert len(cells) == 1
    assert _unescape(cells[0]).strip() == text.strip()


def test_md_cell_with_code_keeps_code_spans() -> None:
    assert md_cell_with_code("name it in `alert_name` | or <b>") == "name it in <code>alert&#95;name</code> &#124; or &#60;b&#62;"
    html = render(md_cell_with_code("see `a|b` and [x](y)"))
    assert "<code>a|b</code>" in _unescape(html) and "href" not in html


def test_md_fence_outgrows_backticks_inside() -> None:
    text = "key: |\n  ```\n  nested fence\n  ```\n"
    html = render(md_fence(text, "yaml"))
    assert "nested fence" in html and html.count("<pre") == 1
    assert md_fence("x", "yaml\nevil").startswith("```yamlevil\n")


def test_hostile_doc_text_in_a_reference_page() -> None:
    """A field doc is rendered through the same escaping as YAML values."""
    spec = KINDS["team"]
    schema = dict(spec.schema)
    schema["evil"] = {"type": "string", "meta": {"doc": "<script>x</script> a|b {: .x }"}}
    page = kind_reference_page(KindSpec(spec.name, spec.scope, spec.body, schema, spec.summary, spec.example))
    row = next(row for row in table_rows(page) if row[0] == md_code("evil"))
    assert row[4] == "&#60;script&#62;x&#60;&#47;script&#62; a&#124;b &#123;&#58; &#46;x &#125;"
    assert "<script>" not in render(page)


def _unescape(html_text: str) -> str:
    """The text a browser shows for an HTML fragment without tags."""
    return html.unescape(html_text)


def test_budget_policy_tables_use_the_policy_given():
    """The handbook plugin's override: an organisation's policy replaces the built-in default's tables only."""
    from sre_docs.calc.budget_policy import budget_policy_from_mapping
    from sre_docs.handbook.tables import budget_policy_tables, replace_placeholders

    policy = budget_policy_from_mapping({"exceptions": ["Hotfixes for payments"]})
    overrides = budget_policy_tables(policy, "org/policy.yaml")
    page = "<!-- sre-docs:table budget-exceptions -->\n<!-- sre-docs:table nines -->\n"
    first = replace_placeholders(page, overrides, only=True)
    assert first.split("\n")[:4] == ["| Always allowed&#44; whatever the state |", "| --- |", "| Hotfixes for payments |", ""]
    assert first.split("\n")[4] == '<p class="sre-table-source">Generated from <code>org&#47;policy&#46;yaml</code>.</p>'
    assert "<!-- sre-docs:table nines -->" in first, "other tables are left to the tables plugin"
    assert "Security patches" in replace_placeholders(page), "without an override the default stands"


def test_handbook_render_shows_the_organisations_budget_policy(tmp_path):
    """`sre-docs handbook render` fills the guide's policy tables as the plugin does: from org/error_budget_policy.yaml."""
    from pathlib import Path

    from sre_docs.cli import main

    example = Path(__file__).resolve().parents[2]
    assert main(["handbook", "render", "--out", str(tmp_path / "out"), "--config", str(example / "mkdocs.yml")]) == 0
    page = (tmp_path / "out/docs/handbook/error-budgets.md").read_text(encoding="utf-8")
    assert "| Fixes for the SLO that is burning always ship |" in page  # the organisation's fourth exception
    assert page.count("Generated from <code>org&#47;error&#95;budget&#95;policy&#46;yaml</code>.") == 2
