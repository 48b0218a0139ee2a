"""Incident ids in page HTML become links, and nothing else changes."""

from __future__ import annotations

import pytest

from sre_docs.handbook.id_links import link_incident_ids

URLS = {"INC-2026-052": "../inc-2026-052/", "INC-2026-064": "../../checkout/incidents/inc-2026-064/"}


def _link(text: str) -> str:
    return link_incident_ids(text, URLS.get)


@pytest.mark.parametrize(("html", "expected"), [
    ("<p>See INC-2026-052.</p>", '<p>See <a class="sre-incident-link" href="../inc-2026-052/">INC-2026-052</a>.</p>'),
    # Escaped the way markup.text escapes YAML values: kept as written inside the link.
    ("<td>&#40;INC&#45;2026&#45;052&#41;</td>",
     '<td>&#40;<a class="sre-incident-link" href="../inc-2026-052/">INC&#45;2026&#45;052</a>&#41;</td>'),
    ("<td><code>INC-2026-064</code></td>",
     '<td><code><a class="sre-incident-link" href="../../checkout/incidents/inc-2026-064/">INC-2026-064</a></code></td>'),
    # Already a link, inside a chart, a code block, a script or a form control: unchanged.
    ('<a href="x">INC-2026-052</a> <a href="y"><code>INC-2026-052</code></a>',
     '<a href="x">INC-2026-052</a> <a href="y"><code>INC-2026-052</code></a>'),
    ("<svg><title>INC-2026-052</title><text>INC-2026-052</text></svg>",
     "<svg><title>INC-2026-052</title><text>INC-2026-052</text></svg>"),
    ("<pre><code>sre-docs incident update INC-2026-052</code></pre>",
     "<pre><code>sre-docs incident update INC-2026-052</code></pre>"),
    ("<script>var x = 'INC-2026-052';</script>", "<script>var x = 'INC-2026-052';</script>"),
    ('<select><option value="INC-2026-052">INC-2026-052</option></select>',
     '<select><option value="INC-2026-052">INC-2026-052</option></select>'),
    # Attributes are not text.
    ('<div title="INC-2026-052"></div>', '<div title="INC-2026-052"></div>'),
    # Unknown incidents, longer ids and ids inside other words stay text.
    ("<p>INC-2026-999 INC-2026-0521 XINC-2026-052 INC-2026-052-b</p>",
     "<p>INC-2026-999 INC-2026-0521 XINC-2026-052 INC-2026-052-b</p>"),
    # After a skipped element closes, linking resumes; a self-closing tag does not start skipping.
    ("<pre>INC-2026-052</pre><br/><p>INC-2026-064</p>",
     '<pre>INC-2026-052</pre><br/><p><a class="sre-incident-link" href="../../checkout/incidents/inc-2026-064/">'
     "INC-2026-064</a></p>"),
    ("<!-- INC-2026-052 --><p>no id</p>", "<!-- INC-2026-052 --><p>no id</p>"),
    ("", ""),
])
def test_link_incident_ids(html, expected):
    assert _link(html) == expected


def test_the_page_of_the_incident_itself_is_left_alone():
    assert link_incident_ids("<h1>INC-2026-052: x</h1>", lambda i: None) == "<h1>INC-2026-052: x</h1>"

