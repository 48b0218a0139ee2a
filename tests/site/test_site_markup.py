"""Escaping helpers: one escape that is safe in Markdown, table cells, HTML text and attributes."""

from __future__ import annotations

import html as html_module

import markdown
import pytest

from sre_docs.handbook.markup import Safe, code_block, html_link, safe_url, text
from sre_docs.handbook.render import ENV
from sre_docs.handbook.tables import markdown_table

EXTENSIONS = ["tables", "attr_list", "md_in_html", "pymdownx.superfences", "pymdownx.emoji", "pymdownx.critic",
              "pymdownx.magiclink", "pymdownx.caret", "pymdownx.tilde", "pymdownx.mark", "toc", "abbr", "footnotes"]

HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "{: onclick=alert(1) }",
    "[x](javascript:alert(1))",
    "![x](javascript:alert(1))",
    "<https://evil.example>",
    "a | b | c",
    "**bold** _em_ `code` ~~del~~ ^^ins^^ ==mark== {++add++} :smile:",
    "*[HTML]: Hyper",
    "[^1]\n\n[^1]: note",
    "line one\n# heading\n    indented\n- item",
    "&lt;script&gt; &amp;",
    "\u2028<b>x</b>\u0000",
]


def _render(source: str) -> str:
    return markdown.markdown(source, extensions=EXTENSIONS)


@pytest.mark.parametrize("value", HOSTILE)
def test_text_renders_as_exactly_the_characters_given(value):
    html = _render(f"Before {text(value)} after")
    assert html.startswith("<p>Before ") and html.endswith(" after</p>")
    for marker in ("<img", "<a ", "<strong", "<em", "<code", "<del", "<ins", "<mark", "<abbr", "<sup", "<h1", "<b>", "onclick="):
        assert marker not in html

    shown = html_module.unescape(html.removeprefix("<p>Before ").removesuffix(" after</p>"))
    assert shown == value.replace("\u0000", "\ufffd")


@pytest.mark.parametrize("value", HOSTILE)
def test_line_starts_cannot_open_a_block(value):
    for prefix in ("- ", "1. ", "12) ", "# ", "> ", "    ", "--8<-- ", "=== ", ": ", "+ ", "* "):
        html = _render(f"{text(prefix + value)}\n")
        assert html.startswith("<p>") and html.endswith("</p>"), (prefix, html)
        shown = html_module.unescape(html.removeprefix("<p>").removesuffix("</p>"))
        assert shown == (prefix + value).replace("\u0000", "\ufffd"), (prefix, html)


@pytest.mark.parametrize("value", HOSTILE)
def test_text_stays_inside_its_table_cell(value):
    html = _render(markdown_table(("A", "B"), [(value, "next")]))
    assert html.count("<td>") == 2 and "<td>next</td>" in html


def test_safe_url_keeps_only_http_and_relative_links():
    for good in ("https://grafana.example/d/x?a=1&b=2", "http://x.example", "runbooks/a.yaml", "../b/", "#anchor", "a/b:c"):
        assert safe_url(good) == good
    for bad in ("javascript:alert(1)", " JavaScript:alert(1)", "java\tscript:alert(1)", "data:text/html,x", "vbscript:x",
                "//evil.example", "\\\\evil.example", "https:/\\evil", "mailto:x@y", "ftp://x", "https://", "x y",
                'https://ok.example/" onmouseover="x', "foo:bar", None, 42):
        assert safe_url(bad) is None, bad


def test_html_link_falls_back_to_text():
    assert html_link("docs", "javascript:alert(1)") == "docs"
    assert html_link("<b>", "https://ok.example/") == '<a href="https&#58;&#47;&#47;ok&#46;example&#47;" rel="noopener noreferrer">&#60;b&#62;</a>'


def test_safe_fragments_escape_what_they_meet():
    joined = Safe("<br>").join(["<i>", "*x*"])
    assert joined == "&#60;i&#62;<br>&#42;x&#42;"
    assert Safe("<b>") + "[x](y)" == "<b>&#91;x&#93;&#40;y&#41;"


def test_code_block_is_one_inert_line():
    block = code_block("a\n```\n--8<-- \"/etc/passwd\"\n</code></pre><script>")
    assert "\n" not in block
    html = _render(f"{block}\n")
    assert "<script>" not in html and "&lt;script&gt;" in html or "&#60;script&#62;" in html


def test_templates_cannot_leak_markup_through_filters():
    template = ENV.from_string('{{ v }}|{{ v | replace("x", "y") }}|{{ [v, v] | join(", ") }}|{{ v | upper }}|{{ v ~ "!" }}')
    out = template.render(v="[a](javascript:x)")
    assert "[" not in out and "]" not in out and "javascript:" not in out.lower()
    assert out.count("&#91;") == 6
