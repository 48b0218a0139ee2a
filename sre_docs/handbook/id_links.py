"""Incident ids in page text become links to the incident's page.

An id like ``INC-2026-052`` turns up in prose the contributors wrote (summaries, postmortem
timelines, action items, hand-written guides) as well as in the tables sre-docs builds.
The tables link ids themselves (:meth:`sre_docs.handbook.site.Site.incident_link`); this
pass covers the rest, on the HTML a page became, so that every id on every page can be
followed. It changes text only: never inside an existing link, a script or style, an SVG
chart (an ``role="img"`` must not hold links), a code block or a form control, and never
an id of an incident the repository does not have.

The page text may spell the hyphens as ``&#45;`` (how :func:`sre_docs.handbook.markup.text`
escapes them); the link keeps the text exactly as it was.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["INCIDENT_ID", "link_incident_ids"]

_HYPHEN = r"(?:-|&#45;|&#x2d;|&#x2D;)"
#: An incident id as page text: INC, the year and the number, hyphens as characters or references.
INCIDENT_ID = re.compile(rf"(?<![\w-])INC{_HYPHEN}(\d{{4}}){_HYPHEN}(\d+)(?![\w-])")
_TAG = re.compile(r"<!--.*?-->|<(/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*?(/?)>", re.DOTALL)
#: Elements whose text is left alone.
_SKIP = frozenset({"a", "script", "style", "svg", "textarea", "select", "pre", "button", "title", "head"})


def link_incident_ids(html: str, url_of: Callable[[str], str | None]) -> str:
    """``html`` with each incident id outside links and code blocks wrapped in ``<a href=…>``.

    ``url_of(id)`` gives the (already relative, HTML-safe) URL of the incident's page, or
    ``None`` to leave that id as it is (unknown incident, or the page itself).

    Example: ``<p>See INC-2026-052.</p>`` with ``url_of`` giving ``../inc-2026-052/``
    becomes ``<p>See <a href="../inc-2026-052/">INC-2026-052</a>.</p>``.
    """
    if "INC" not in html:
        return html
    out: list[str] = []
    skipping: dict[str, int] = {}
    position = 0

    def link(match: re.Match[str]) -> str:
        ident = f"INC-{match.group(1)}-{match.group(2)}"
        url = url_of(ident)
        if url is None:
            return match.group(0)
        return f'<a class="sre-incident-link" href="{url}">{match.group(0)}</a>'

    for tag in _TAG.finditer(html):
        chunk = html[position:tag.start()]
        out.append(INCIDENT_ID.sub(link, chunk) if chunk and not any(skipping.values()) else chunk)
        out.append(tag.group(0))
        position = tag.end()
        name = (tag.group(2) or "").lower()
        if name in _SKIP and not tag.group(3):
            skipping[name] = max(0, skipping.get(name, 0) + (-1 if tag.group(1) else 1))
    rest = html[position:]
    out.append(INCIDENT_ID.sub(link, rest) if rest and not any(skipping.values()) else rest)
    return "".join(out)
