"""Turning untrusted YAML values into page text that cannot become markup.

Every value a page shows comes from a contributor's YAML file, and a page is Markdown
that Python-Markdown, its extensions (attribute lists, snippets, emoji, magic links …)
and then a browser will all read. Escaping only ``<>&`` is not enough there: ``{: onclick=… }``
becomes an attribute, ``[x](javascript:…)`` a link and ``--8<-- "file"`` an include of a
file from the build machine. So :func:`text` writes every ASCII character other than a
letter, a digit or a space as a numeric character reference (``&#60;`` for ``<``), and
line breaks and control characters too, so a value never spans lines; spaces that start a
value are encoded as well, so a value at the start of a line cannot become an indented code
block. No Markdown syntax or extension recognises a character reference, while browsers and
Material's search index decode it back into the character the contributor typed. The same
string is safe as Markdown inline text, as a Markdown table cell, as HTML text and inside a
double-quoted HTML attribute, so a caller never has to know which of those it is writing into.

Links are the exception that needs judgement: :func:`safe_url` keeps only ``http(s)``
URLs and plain relative paths; anything else (``javascript:``, ``data:``, protocol-relative
``//host``) is shown as text, not linked.

This is the handbook's one escaping module. Besides :func:`text`:

* :func:`md_cell` -- a value on one line (line breaks become spaces), for table cells,
  list items and headings;
* :func:`md_code` -- a value as inline code: an HTML ``<code>`` element around the same
  character references, so neither Markdown nor a preprocessing extension
  (``pymdownx.critic``, ``pymdownx.snippets``) can read anything inside it, which a Markdown
  code span would not guarantee;
* :func:`md_cell_with_code` -- text whose backtick spans are shown as code (our own
  documentation, evidence details, schema docs), everything else as :func:`md_cell`;
* :func:`md_fence` -- a fenced code block for text from this code base (kind and policy
  examples) that should keep syntax highlighting. Fenced code cannot use references, so
  the fence only outgrows the backticks inside; YAML from a repository goes through
  :func:`code_block` instead.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from urllib.parse import urlsplit

from markupsafe import Markup

__all__ = [
    "Safe", "attr", "code_block", "html_link", "md_cell", "md_cell_with_code", "md_code", "md_fence", "md_link",
    "safe_url", "text",
]

_KEEP = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ")
# ASCII punctuation and control characters -> numeric references; NUL has no valid one.
_ASCII_TABLE = {code: f"&#{code};" for code in range(128) if chr(code) not in _KEEP}
_ASCII_TABLE[0] = "\ufffd"
# Leading spaces would make an indented code block of a value that starts a line.
_LINE_START = re.compile(r"\A +")
# Non-ASCII characters that act as line breaks, invisible controls or odd spaces.
_UNUSUAL = re.compile("[\u0080-\u00a0\u00ad\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff\ufff9-\ufffb\ud800-\udfff]")


def _plain(value: object) -> str:
    """How a scalar reads on a page: booleans as yes/no, whole floats without ``.0``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if math.isfinite(value) and value == int(value) and abs(value) < 1e15:
            return str(int(value))
        return f"{value:g}" if math.isfinite(value) else ""
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _escape(value: object, *, line_start: bool = True) -> str:
    """``value`` as references; ``line_start=False`` for text that continues a line we built."""
    plain = _plain(value)
    prefix = ""
    head = _LINE_START.match(plain) if line_start else None
    if head:
        prefix = "&#32;" * len(head.group())
        plain = plain[head.end():]
    escaped = prefix + plain.translate(_ASCII_TABLE)
    return _UNUSUAL.sub(lambda match: _reference(match.group()), escaped)


class Safe(Markup):
    """A fragment this package built, trusted as page source.

    ``markupsafe`` escapes only ``<>&'"`` when a ``Markup`` meets a plain string (``+``,
    ``join``, ``format``, ``%``); ``Safe`` replaces that step with :func:`text`, so combining
    a fragment with a YAML value can never smuggle Markdown syntax in. A ``Markup`` that is
    not ``Safe`` (made by a Jinja filter, say) is treated as text again, not trusted.
    """

    __slots__ = ()

    @classmethod
    def escape(cls, s: object) -> Safe:
        if isinstance(s, Safe):
            return s
        if isinstance(s, Markup):
            return cls(_escape(s.unescape()))
        return cls(_escape(s))


def text(value: object) -> Safe:
    """A value as inert page text (Markdown inline, table cell, HTML text or attribute).

    ``Safe`` values pass through untouched: they are fragments this package built itself.
    """
    return Safe.escape(value)


def _reference(char: str) -> str:
    code = ord(char)
    return "\ufffd" if 0xD800 <= code <= 0xDFFF else f"&#{code};"


def attr(value: object) -> Safe:
    """A value for a double-quoted HTML attribute (the same escaping as :func:`text`)."""
    return text(value)


_PLAIN_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


def html_id(value: object) -> Safe:
    """An ``id`` attribute value: a plain slug as written, anything else escaped like :func:`attr`.

    Browsers decode character references in attributes, but link checkers (Zensical's among them)
    compare ``#slo-checkout`` with the raw attribute text, so a slug is left readable. A slug has
    no character that could end the attribute or open markup.
    """
    if isinstance(value, str) and _PLAIN_ID.fullmatch(value):
        return Safe(value)
    return attr(value)


def safe_url(url: object) -> str | None:
    """``url`` if it is an absolute http(s) URL or a plain relative path, else ``None``.

    Relative means no scheme and no host: ``runbooks/x.yaml``, ``../y/``, ``#anchor``.
    Whitespace, control characters, quotes, angle brackets and backslashes are refused
    outright, because browsers repair them in ways that can turn a path into a scheme.
    """
    if not isinstance(url, str):
        return None
    candidate = url.strip()
    if not candidate or any(ord(ch) < 33 or ord(ch) == 127 or ch in "<>\"'`\\" for ch in candidate):
        return None
    if _UNUSUAL.search(candidate):
        return None
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return None
    if parts.scheme:
        return candidate if parts.scheme in ("http", "https") and parts.netloc else None
    if parts.netloc or candidate.startswith("//"):
        return None
    # "foo:bar" with no slash before the colon would be read as a scheme by browsers.
    head = candidate.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    if ":" in head:
        return None
    return candidate


def html_link(label: object, url: object, *, fallback_text: bool = True) -> Safe:
    """An ``<a>`` element for an http(s) or relative URL; other URLs come back as plain text.

    External links open normally but carry ``rel="noopener noreferrer"``. The label is
    escaped; the URL is attribute-escaped after :func:`safe_url` accepted it.
    """
    target = safe_url(url)
    shown = text(label if label not in (None, "") else url)
    if target is None:
        return shown if fallback_text else Safe("")
    external = urlsplit(target).scheme in ("http", "https")
    rel = ' rel="noopener noreferrer"' if external else ""
    return Safe(f'<a href="{attr(target)}"{rel}>{shown}</a>')


def md_link(label: object, page_path: str) -> Safe:
    """A Markdown link to another page of the handbook (``page_path`` is ours, never YAML).

    Written as Markdown so that MkDocs checks the target exists and rewrites ``.md`` paths.
    """
    if any(ch in page_path for ch in " ()<>\n"):
        raise ValueError(f"internal page path {page_path!r} has characters a Markdown link cannot hold")
    return Safe(f"[{text(label)}]({page_path})")


def code_block(code: object, *, language: str = "") -> Safe:
    """A preformatted block of YAML text (a command, a query) that stays literal.

    It is raw HTML on a single physical line (newlines become ``&#10;``), so no Markdown
    block rule or line-based extension can see inside it, whatever it is indented under.
    """
    label = f' class="language-{language}"' if re.fullmatch(r"[a-z0-9+-]{1,20}", language) else ""
    return Safe(f'<pre class="sre-code"><code{label}>{text(code)}</code></pre>')


# --- one-line cells, inline code and fences ----------------------------------------------------------

#: Line breaks (and the blanks around them) that would split a table row or a list item.
_LINE_BREAKS = re.compile(r"\s*(?:\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029])\s*")
#: A code span as our own documentation writes it: a run of backticks, text, the same run.
_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.DOTALL)


def _one_line(value: object) -> str:
    return _LINE_BREAKS.sub(" ", _plain(value))


def md_cell(value: object) -> Safe:
    """``value`` as inert text on one line: line breaks become spaces, then :func:`text`.

    For table cells, list items and headings, where a line break would end the row, the
    item or the heading.
    """
    if isinstance(value, Safe):
        return value
    return text(_one_line(value))


def md_code(value: object) -> Safe:
    """``value`` as inline code on one line (``<code>`` around :func:`text`'s references).

    Safe in a table cell (a pipe is a reference, not a column break), in a link label and
    in a heading; empty values give an empty string rather than an empty element.
    """
    flat = _one_line(value)
    return Safe(f"<code>{text(flat)}</code>") if flat else Safe("")


def md_cell_with_code(value: object) -> Safe:
    """Like :func:`md_cell`, but backtick spans become code (for documentation written in this code base).

    A lone backtick with no partner stays as text. Text that follows a code span continues
    the line, so its leading spaces stay spaces.
    """
    flat = _one_line(value)
    out: list[str] = []
    position = 0
    for match in _CODE_SPAN.finditer(flat):
        out.append(_escape(flat[position:match.start()], line_start=position == 0))
        out.append(md_code(match.group(2).strip() or match.group(2)))
        position = match.end()
    out.append(_escape(flat[position:], line_start=position == 0))
    return Safe("".join(out))


def md_fence(code: str, language: str = "") -> str:
    """``code`` from this code base as a fenced block; the fence outgrows any backtick run inside.

    Not for repository YAML: fenced code shows character references as typed, so it cannot
    be escaped; :func:`code_block` is the block for untrusted text.
    """
    longest = max((len(run) for run in re.findall(r"`{3,}", code)), default=0)
    fence = "`" * max(3, longest + 1)
    language = re.sub(r"[^A-Za-z0-9_+-]", "", language)
    body = code if code.endswith("\n") else code + "\n"
    return f"{fence}{language}\n{body}{fence}\n"
