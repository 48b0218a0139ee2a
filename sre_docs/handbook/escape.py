"""Escaping for text placed in generated Markdown.

Values in a reliability repo are untrusted: a service description can hold HTML, a
Markdown link to ``javascript:``, a ``{: onclick=... }`` attribute list or a stray ``|``
that splits a table row. Each helper makes text literal in one context:

* ``md_cell`` -- inline text: table cells, list items, headings, one-line paragraphs.
* ``md_cell_with_code`` -- the same, but keeps ```code``` spans (for our own docs).
* ``md_code`` -- an inline code span that holds any text.
* ``md_fence`` -- a fenced code block that holds any text.

ASCII punctuation becomes HTML character references, which no Markdown syntax or
extension recognises and every browser shows as the character itself; ``|`` becomes
``\\|``, which the tables extension reads as a literal pipe.

Code spans and fences cannot use references (they would show as typed), so they rely on
Markdown itself: its own syntax is inert inside code. Two extensions are not:
``pymdownx.critic`` and ``pymdownx.snippets`` rewrite the raw page, code included, before
Markdown runs. A handbook that shows untrusted text in code must not enable them (or
must not pass such text to ``md_code``/``md_fence``).
"""

from __future__ import annotations

import re

#: Every ASCII character other than a letter, a digit or a space becomes a character
#: reference, except ``|``, which the tables extension wants as ``\|``. Escaping them all,
#: not just today's syntax, also covers extensions a handbook may add later (magic links
#: on ``www.``, smart symbols on ``-->``, keys on ``++``, critic marks on ``{++``). The
#: table is applied in one pass, so no replacement is ever escaped a second time.
_LITERALS = {
    chr(code): f"&#{code};"
    for code in range(33, 127)
    if not chr(code).isalnum()
}
_LITERALS["|"] = "\\|"
_LITERALS["\x00"] = "\ufffd"  # NUL has no character reference
_TABLE = str.maketrans(_LITERALS)
_LINE_BREAKS = re.compile(r"\s*(?:\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029])\s*")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.DOTALL)


def md_cell(value: object) -> str:
    """``value`` as literal inline Markdown on one line (a table cell, a heading, …).

    HTML is escaped, line breaks become spaces, ``|`` becomes ``\\|`` and every other
    character that could start Markdown or extension syntax (links, emphasis, code,
    ``{:`` attribute lists, ``:emoji:``) is written as a character reference.
    """
    text = "" if value is None else str(value)
    return _LINE_BREAKS.sub(" ", text).translate(_TABLE)


def md_cell_with_code(text: str) -> str:
    """Like ``md_cell`` but keeps ```code``` spans as code: for docs written in this code base."""
    out = []
    position = 0
    for match in _CODE_SPAN.finditer(text):
        out.append(md_cell(text[position:match.start()]))
        out.append(md_code(match.group(2)))
        position = match.end()
    out.append(md_cell(text[position:]))
    return "".join(out)


def md_code(value: object) -> str:
    """``value`` as an inline code span, whatever backticks or pipes it holds.

    The fence is one backtick longer than the longest run inside, with a space of
    padding when the text starts or ends with a backtick. Pipes stay as they are:
    Python-Markdown's tables do not split a row inside a code span.
    """
    text = _LINE_BREAKS.sub(" ", "" if value is None else str(value))
    if not text:
        return ""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    if text.startswith("`") or text.endswith("`") or (text.startswith(" ") and text.endswith(" ") and text.strip()):
        text = f" {text} "
    return f"{fence}{text}{fence}"


def md_fence(text: str, language: str = "") -> str:
    """``text`` as a fenced code block; the fence outgrows any backtick run inside."""
    longest = max((len(run) for run in re.findall(r"`{3,}", text)), default=0)
    fence = "`" * max(3, longest + 1)
    language = re.sub(r"[^A-Za-z0-9_+-]", "", language)
    body = text if text.endswith("\n") else text + "\n"
    return f"{fence}{language}\n{body}{fence}\n"
