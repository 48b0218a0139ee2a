"""The Jinja2 environment the page templates render in, and the small formatters they share.

The environment is built so that a template cannot forget to escape:

- ``autoescape=True``, and a ``finalize`` hook that passes every ``{{ … }}`` value through
  :func:`sre_docs.handbook.markup.text` unless it is a :class:`~sre_docs.handbook.markup.Safe`
  fragment our own code built. ``Markup`` made by Jinja's filters (which escape only ``<>&"'``)
  is unescaped and escaped again the strong way;
- the ``join`` filter is replaced by one that escapes each item the same way.

Templates produce Markdown; tables come from :func:`sre_docs.handbook.tables.markdown_table`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import jinja2
from markupsafe import Markup

from sre_docs.calc.durations import format_duration
from sre_docs.handbook.markup import Safe, code_block, html_id, html_link, md_code, md_link, text
from sre_docs.handbook.tables import markdown_table
from sre_docs.words import counted, noun

__all__ = ["ENV", "badge", "dash", "duration", "kv_table", "money", "pct", "render", "table", "when"]

DASH = "—"


def _finalize(value: object) -> Safe:
    if isinstance(value, Safe):
        return value
    if isinstance(value, Markup):
        return text(value.unescape())
    return text(value)


def _join(items: Iterable[object], separator: str = ", ") -> Safe:
    return Safe(text(separator)).join(text(item) for item in items)


def dash(value: object) -> object:
    """The value, or an em dash when it is missing or empty."""
    return DASH if value is None or value == "" or value == [] else value


def pct(value: float | None, digits: int = 1) -> str:
    if value is None:
        return DASH
    return f"{value:.{digits}f}%"


def number(value: float | None, digits: int = 1) -> str:
    if value is None:
        return DASH
    return f"{value:,.{digits}f}".rstrip("0").rstrip(".") if digits else f"{value:,.0f}"


def money(value: float | None) -> str:
    return DASH if value is None else f"${value:,.0f}"


def duration(value: dt.timedelta | None) -> str:
    if value is None:
        return DASH
    return format_duration(value) if value >= dt.timedelta(0) else DASH


def when(value: dt.datetime | dt.date | None) -> str:
    if value is None:
        return DASH
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return value.isoformat()


_BADGE_KINDS = {
    "healthy", "warning", "critical", "exhausted", "error", "info", "pass", "fail", "n-a", "missing",
    "sev1", "sev2", "sev3", "sev4", "open", "done", "overdue", "in-progress", "p0", "p1", "p2", "p3",
}


def badge(label: object, kind: str | None = None) -> Safe:
    """A small coloured label (state, severity, status); unknown kinds get the neutral style."""
    key = str(kind if kind is not None else label).lower().replace("/", "-").replace(" ", "-")
    css = key if key in _BADGE_KINDS else "neutral"
    return Safe(f'<span class="sre-badge sre-badge--{css}">{text(label)}</span>')


def _hidden(label: str) -> Safe:
    """Text for screen readers only: a header a sighted reader does not need, but a table must not leave empty."""
    return Safe(f'<span class="sre-visually-hidden">{text(label)}</span>')


def table(headers: Sequence[object], rows: Sequence[Sequence[object]], align: str = "", *, kv: bool = False,
          stack: bool = False) -> Safe:
    """A data table; ``kv`` marks a label/value table, which stacks into one column on a narrow screen;
    ``stack`` marks a table whose rows become blocks there (cells run on as text, the last on a line of
    its own), for rows too wide for a phone whatever the columns (file paths next to messages).

    An empty header names its column for assistive technology only ("Value", or "Field"
    for a label column of a two-pairs-a-row card), since an empty ``<th>`` tells a screen
    reader nothing.
    """
    named: list[object] = []
    for index, header in enumerate(headers):
        if header in ("", None):
            named.append(_hidden("Field" if kv and index % 2 == 0 else "Value"))
        else:
            named.append(header)
    if kv and named:
        named[0] = Safe(f'<span class="sre-kv">{text(named[0])}</span>')
    elif stack and named:
        named[0] = Safe(f'<span class="sre-stack">{text(named[0])}</span>')
    return Safe(markdown_table(named, rows, align=align))


def kv_table(title: object, rows: Sequence[tuple[object, object]]) -> Safe:
    """Label/value rows under a one-word title (a record, a summary); stacks on a narrow screen."""
    return table((title, ""), [(Safe(f"**{text(label)}**"), value) for label, value in rows], kv=True)


#: Inline code in templates: the markup module's ``md_code``.
inline_code = md_code


ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("sre_docs.handbook", "templates"),
    autoescape=True,
    finalize=_finalize,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    undefined=jinja2.StrictUndefined,
)
ENV.filters["join"] = _join
ENV.filters["dash"] = dash
ENV.filters["html_id"] = html_id
ENV.globals.update(
    badge=badge, code_block=code_block, duration=duration, html_link=html_link, inline_code=inline_code,
    kv_table=kv_table, md_link=md_link, money=money, number=number, pct=pct, table=table, text=text, when=when,
    counted=counted, noun=noun,
)


def render(template: str, **context: object) -> str:
    """Render ``templates/<template>`` with ``context``; the result is Markdown source."""
    return ENV.get_template(template).render(**context)
