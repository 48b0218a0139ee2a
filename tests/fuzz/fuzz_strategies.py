"""Hypothesis strategies for hostile reliability repos.

Three families, from least to most structured:

* ``raw_bytes`` -- any bytes, and valid documents with bytes flipped, cut or spliced in;
* ``yaml_text`` -- YAML made of random nested mappings, lists and tricky scalars (``on``,
  ``0755``, ``12:30``, ``.nan``, ``~``, huge integers, bidi controls, ``!!tags``, anchors and
  aliases, ``%YAML`` lines), sometimes under a real kind's key so that the schemas see it;
* ``schema_document`` / ``repo_files`` -- documents that mostly follow their kind's schema
  (found by walking ``sre_docs.schemas.KINDS[kind].schema``): right types most of the time,
  wrong types, missing fields and unknown keys sometimes, and names drawn from small
  shared pools so that cross-references (service -> team, SLO -> SLI, runbook -> alert,
  postmortem -> incident) resolve often but not always. ``repo_files`` lays them out as a
  repository: ``services/<service>/...`` and ``org/...``.

Generated text is written by the small emitter at the end of this module rather than by a
YAML library: a library quotes everything that needs it, and the point is to put plain
``on`` and ``0755`` where a person would have typed them.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

from sre_docs.schemas import KINDS
from sre_docs.schemas.vocabulary import PRR_CHECK_IDS

TODAY = dt.date(2026, 11, 26)

# --- name pools: small on purpose, so references between documents often resolve -------------------

SERVICES = ("checkout", "payments", "Checkout", "index", "a.b_c-1", "0755")
TEAMS = ("payments", "sre", "core-team", "ghost-team", "on")
ROTATIONS = ("payments-primary", "sre-oncall", "ghost-rotation")
MEMBERS = ("amara", "jonas", "li.wei", "o_brien", "ghost")
SLIS = ("availability", "latency", "freshness_1", "1e3")
SLOS = ("checkout-availability", "availability", "latency", "ghost-slo", "0o17", "1e3")
ALERTS = ("fast_burn", "slow_burn", "high-error-rate", "checkout_fast_burn", "ghost_alert")
INCIDENT_IDS = ("INC-2026-001", "INC-2026-014", "INC-2025-999", "INC-2026-0001")
NAMES = SERVICES + TEAMS + ROTATIONS + MEMBERS + SLIS + SLOS + ALERTS

#: Values that try to become markup, includes or template code when rendered. Each carries
#: the marker ``fz1337`` so that a check can tell the input's markup from the theme's own.
MARKER = "fz1337"
PAYLOADS = (
    f"<script>alert('{MARKER}')</script>",
    f"<img src=x onerror=alert('{MARKER}')>",
    f"<svg onload=alert('{MARKER}')>",
    f'"><script>alert("{MARKER}")</script>',
    f"</code></pre><script>alert('{MARKER}')</script>",
    f'{{: onclick="alert(\'{MARKER}\')" }}',
    f"[click](javascript:alert('{MARKER}'))",
    f"<a href=\"javascript:alert('{MARKER}')\">x</a>",
    f'<div markdown="1" onmouseover="alert(\'{MARKER}\')">x</div>',
    f"![x](x onerror=alert('{MARKER}'))",
    '--8<-- "/etc/passwd"',
    f"{{{{ {MARKER} }}}} {{% raw %}} {{# x #}}",
    f"| a | b |\n|---|---|\n| <b onclick=alert('{MARKER}')>c</b> | d |",
    f"<!-- {MARKER}",
    f"&lt;script&gt;alert('{MARKER}')&lt;/script&gt;",
    f"`code` **bold** _it_ # heading <{MARKER}>",
    f"<style>body{{display:none}}</style>{MARKER}",
    f"<iframe src=//evil.example/{MARKER}>",
    f"javascript:alert('{MARKER}')",
    f"data:text/html,<script>alert('{MARKER}')</script>",
)
WORDS = ("checkout", "Gateway timeouts", "Roll back the deploy", "p99 > 300ms", "ok", "é ü 日本語 🙂",
         "line one\nline two", "  padded  ", "", "x" * 300, "50%", "a: b", "# not a comment", "- dash")
#: Text that YAML 1.1 or YAML 1.2 would read as something else if it were written unquoted.
LOOKALIKES = ("on", "Off", "yes", "n", "0755", "0o17", "0x1F", "1e3", "1_000", "12:30", ".inf", ".nan", "~", "null",
              "True", "+12", "2026-11-02", "- x", "? x", "a: b", "x #y", "&a", "*a", "!tag", "%x", "@x", "|", ">")
TEXT = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(LOOKALIKES),
    st.sampled_from(PAYLOADS),
    st.text(max_size=20),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12),
)

#: Plain scalars that YAML 1.1 tools, or YAML 1.2 itself, read as something other than text,
#: plus tags, anchors and aliases; written into the file exactly as they stand.
TRICKY_SCALARS = (
    "on", "off", "yes", "No", "Y", "n", "0755", "0o17", "0x1F", "012", "12:30", "1:30:00", "190:20:30",
    ".nan", ".NaN", ".inf", "-.Inf", "~", "null", "NULL", "true", "False", "1e400", "-1e400", "1_000",
    "1e3", "+12", "-0", "0.0", "2026-11-02", "2026-11-02T14:05:00Z", "2026-02-30", "9" * 120, "-" + "9" * 40,
    "9" * 40, "!!str 5", "!!int 12", "!!int x", "!!float 1", "!!bool yes", "!!null ''", "!!binary eA==",
    "!!timestamp 2026-01-01", "!!python/object:os.system x", "!custom x", "!!map {}", "!!seq []",
    "&a x", "*a", "&b [1, 2]", "*b", "*undefined", "''", '""', "'it''s'", '"\\u202e evil"', '"\\x07 bell"',
    '"\\0"', '"\\uD800"', "\u202eevil", "a\u200fb", "[]", "{}", "[1, [2, [3]]]", "{a: 1, a: 2}",
    "? x", "<<: *a", "[a, b", "{a: ", "`x`", "@x", "%x", "|-", ">", "#c",
)

# --- the emitter ---------------------------------------------------------------------------------


class Raw(str):
    """A scalar written into the file verbatim (a plain ``on``, a tag, an alias)."""


_PLAIN_SAFE = re.compile(r"[A-Za-z0-9_./()+-][^:#\n\r\t{}\[\],&*!|>'\"%`@]*\Z")


def _plain_ok(text: str) -> bool:
    """Whether ``text`` can stand unquoted and still read back as the same text."""
    from sre_docs.yamltext.parse import resolve_plain

    if not text or text != text.strip() or not text.isprintable() or _PLAIN_SAFE.match(text) is None:
        return False
    if text.startswith(("?", "...", "--")) or (text[0] == "-" and (len(text) == 1 or text[1] == " ")):
        return False
    try:
        return isinstance(resolve_plain(text), str)
    except ValueError:  # an integer too long to read
        return False


def scalar_text(value: Any) -> str:
    """One scalar as YAML: plain when that reads back as the same value, else double-quoted."""
    if isinstance(value, Raw):
        return str(value)
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if value in (float("inf"), float("-inf")):
            return ".inf" if value > 0 else "-.inf"
        return repr(value)
    text = str(value)
    if _plain_ok(text):
        return text
    return json.dumps(text, ensure_ascii=False)


@dataclass(frozen=True)
class Style:
    """How one file is written: flow or block collections, line endings, decorations."""

    flow: bool = False
    crlf: bool = False
    bom: bool = False
    comments: bool = False
    directive: str | None = None
    indent: int = 2


def emit(value: Any, style: Style = Style()) -> str:
    """Block-style YAML for ``value`` (flow style for nested collections when ``style.flow``)."""
    lines: list[str] = []
    _emit_node(value, 0, lines, style, top=True)
    text = "\n".join(lines) + "\n"
    if style.directive:
        text = f"{style.directive}\n---\n" + text
    if style.crlf:
        text = text.replace("\n", "\r\n")
    if style.bom:
        text = "\ufeff" + text
    return text


def _flow(value: Any) -> str:
    if isinstance(value, dict) and not isinstance(value, Raw):
        return "{" + ", ".join(f"{_key(k)}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    text = scalar_text(value)
    if isinstance(value, str) and not isinstance(value, Raw) and any(c in text for c in ",[]{}"):
        return json.dumps(str(value), ensure_ascii=False)
    return text


def _key(key: Any) -> str:
    if isinstance(key, str) and not isinstance(key, Raw):
        return key if _plain_ok(key) else json.dumps(key, ensure_ascii=False)
    return scalar_text(key)


def _emit_node(value: Any, indent: int, lines: list[str], style: Style, top: bool = False) -> None:
    pad = " " * indent
    if isinstance(value, dict):
        if not value:
            lines.append(pad + "{}")
            return
        for index, (key, item) in enumerate(value.items()):
            comment = "  # why this is here" if style.comments and index == 0 else ""
            head = f"{pad}{_key(key)}:"
            if isinstance(item, (dict, list)) and item and not (style.flow and not top):
                lines.append(head + comment)
                # with four-space indents, lists sit flush under their key (`key:\n- a`), as some people write them
                flush = isinstance(item, list) and style.indent == 4
                _emit_node(item, indent + (0 if flush else style.indent), lines, style)
            else:
                lines.append(f"{head} {_flow(item) if isinstance(item, (dict, list)) else scalar_text(item)}{comment}")
        return
    if isinstance(value, list):
        if not value:
            lines.append(pad + "[]")
            return
        for item in value:
            if isinstance(item, dict) and item and not style.flow:
                sub: list[str] = []
                _emit_node(item, indent + 2, sub, style)
                sub[0] = pad + "- " + sub[0][indent + 2:]
                lines.extend(sub)
            elif isinstance(item, (dict, list)):
                lines.append(f"{pad}- {_flow(item)}")
            else:
                lines.append(f"{pad}- {scalar_text(item)}")
        return
    lines.append(pad + scalar_text(value))


def emit_documents(values: list[Any], style: Style = Style()) -> str:
    """Several documents in one file, separated by ``---``."""
    parts = [emit(v, Style(style.flow, False, False, style.comments, None, style.indent)) for v in values]
    text = "---\n".join(parts)
    if style.directive:
        text = f"{style.directive}\n---\n" + text
    if style.crlf:
        text = text.replace("\n", "\r\n")
    if style.bom:
        text = "\ufeff" + text
    return text


styles = st.builds(
    Style,
    flow=st.booleans(),
    crlf=st.sampled_from([False, False, False, True]),
    bom=st.sampled_from([False, False, False, False, True]),
    comments=st.booleans(),
    directive=st.sampled_from([None] * 12 + ["%YAML 1.2", "%YAML 1.1", "%TAG !e! tag:example.com,2026:"]),
    indent=st.sampled_from([2, 2, 4]),
)

# --- (a) raw bytes -----------------------------------------------------------------------------------


@st.composite
def mutated(draw: st.DrawFn, text: str) -> bytes:
    """``text`` as UTF-8 with a few bytes flipped, cut or spliced in."""
    data = bytearray(text.encode("utf-8"))
    for _ in range(draw(st.integers(1, 4))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["flip", "cut", "insert", "truncate"]))
        if action == "flip":
            data[at] = draw(st.integers(0, 255))
        elif action == "cut":
            del data[at:at + draw(st.integers(1, 8))]
        elif action == "insert":
            data[at:at] = draw(st.sampled_from([
                b"\x00", b"\xff", b"\xc3", b"\t", b"\r", b": ", b"- ", b"[", b"{", b"&a ", b"*a", b"!!", b"\n---\n",
                b"\xe2\x80\xae", b"\xe2\x80\xa8", b"\xc2\x85", b"\xef\xbb\xbf", b"#", b"'", b'"', b"%YAML 1.1\n",
            ]))
        else:
            del data[at:]
    return bytes(data)


def raw_bytes() -> st.SearchStrategy[bytes]:
    examples = [spec.example for spec in KINDS.values()]
    return st.one_of(
        st.binary(max_size=400),
        st.sampled_from(examples).flatmap(mutated),
        st.sampled_from([
            b"", b"\xef\xbb\xbf", b"\xff\xfe" + "slo: {}\n".encode("utf-16-le"), b"---\n...\n",
            b"slo: " + b"[" * 200, b"\x00" * 16, b"\r\r\r", "slo:\u2028  target: 1\n".encode(),
        ]),
    )


# --- (b) YAML-shaped text ---------------------------------------------------------------------------

_KEYS = st.one_of(
    st.sampled_from([*KINDS, "name", "service", "sli", "slo", "target", "window", "points", "scores", "checks",
                     "timestamps", "updates", "budget_states", "members", "primary", "runbook", "alert_name"]),
    st.sampled_from([Raw("1"), Raw("~"), Raw("true"), Raw("on"), Raw("0755"), Raw("12:30"), Raw("!!str 3"),
                     Raw("&k key"), Raw("*k"), Raw("'quoted'"), Raw('"\\u202e"')]),
    st.text(max_size=8),
)
_SCALARS = st.one_of(
    st.sampled_from([Raw(s) for s in TRICKY_SCALARS]),
    st.none(), st.booleans(), st.integers(), st.floats(), TEXT,
)


def yaml_trees(max_leaves: int = 24) -> st.SearchStrategy[Any]:
    return st.recursive(
        _SCALARS,
        lambda children: st.one_of(
            st.lists(children, max_size=4),
            st.dictionaries(_KEYS, children, max_size=4),
        ),
        max_leaves=max_leaves,
    )


@st.composite
def yaml_text(draw: st.DrawFn) -> str:
    """Random nested YAML, often under a real kind's key so that its schema gets a look."""
    tree = draw(yaml_trees())
    if draw(st.booleans()):
        tree = {draw(st.sampled_from(list(KINDS))): tree}
    documents = [tree] + draw(st.lists(yaml_trees(8), max_size=2))
    return emit_documents(documents, draw(styles))


# --- (c) schema-shaped documents -----------------------------------------------------------------------

#: Field names whose identifiers come from a pool, so that references resolve often.
_POOLS: dict[str, tuple[str, ...]] = {
    "service": SERVICES, "upstream": SERVICES, "downstream": SERVICES, "services": SERVICES,
    "owner_team": TEAMS, "team": TEAMS, "teams_affected": TEAMS,
    "oncall_rotation": ROTATIONS,
    "members": MEMBERS, "primary": MEMBERS, "secondary": MEMBERS, "from": MEMBERS, "to": MEMBERS,
    "sli": SLIS, "slo": SLOS,
    "alert_name": ALERTS, "trigger_alert": ALERTS, "trigger": ALERTS,
    "incident": INCIDENT_IDS,
}
#: Pools for a field by (kind, field): a document's own name.
_NAME_POOLS: dict[str, tuple[str, ...]] = {
    "service": SERVICES, "sli": SLIS, "slo": SLOS, "alert": ALERTS, "team": TEAMS, "oncall_rotation": ROTATIONS,
    "incident": INCIDENT_IDS,
}
_LINKS = (
    "runbooks/fast_burn.yaml", "runbooks/high-error-rate.yaml", "../checkout/runbooks/fast_burn.yaml",
    "../postmortems/INC-2026-001.yaml", "postmortems/INC-2026-014.yaml", "../../../../etc/passwd",
    "/etc/passwd", "https://runbooks.example/fast-burn", "http://x", "javascript:alert('fz1337')",
    "//evil.example/x", "mailto:sre@example.com", "#anchor", "runbooks/", ".", "", "runbooks/missing.yaml",
    "data:text/html;base64,PHNjcmlwdD4=", "https://ok.example/d?a=1&b=\"x\"",
)


def _dates() -> st.SearchStrategy[str]:
    near = st.integers(-800, 400).map(lambda days: (TODAY + dt.timedelta(days=days)).isoformat())
    return st.one_of(near, near, st.sampled_from(["0001-01-01", "9999-12-31", "2026-02-29", "2024-02-29", "2026-13-01"]))


def _timestamps() -> st.SearchStrategy[str]:
    zones = st.sampled_from(["Z", "Z", "+00:00", "+14:00", "-12:00", "+05:30", "-00:00", "+24:00"])
    near = st.tuples(st.integers(-400 * 24 * 60, 60 * 24 * 60), zones, st.booleans()).map(
        lambda t: (dt.datetime(2026, 11, 26) + dt.timedelta(minutes=t[0])).strftime(
            "%Y-%m-%dT%H:%M:%S" if t[2] else "%Y-%m-%dT%H:%M") + t[1])
    edges = st.sampled_from([
        "0001-01-01T00:00:00Z", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59Z", "9999-12-31T23:59:59-12:00",
        "2026-11-26T14:05:00.123456789Z", "2026-11-26 14:05Z", "2026-11-26T24:00:00Z", "2026-11-26T14:05:00",
    ])
    return st.one_of(near, near, near, edges)


def _durations() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(["5m", "30m", "1h", "6h", "1d", "3d", "28d", "30d", "1w", "0s", "0d", "90s"]),
        st.sampled_from(["99999999999d", "9" * 30 + "w", "1000000000d"]),
        st.from_regex(r"[0-9]{1,4}[smhdw]", fullmatch=True),
    )


_FORMATS: dict[str, st.SearchStrategy[str]] = {
    "date": _dates(),
    "timestamp": _timestamps(),
    "duration": _durations(),
    "human_duration": st.sampled_from(["2h 15m", "45m", "1d 2h", "3d", "0m", "99999d 99h 99m"]),
    "month": st.one_of(
        st.integers(-24, 2).map(lambda n: f"{2026 + (10 + n) // 12:04d}-{(10 + n) % 12 + 1:02d}"),
        st.sampled_from(["0001-01", "9999-12", "2026-13"]),
    ),
    "clock": st.sampled_from(["09:30", "00:00", "23:59", "24:00", "9:30"]),
    "channel": st.sampled_from(["#inc-2026-11-26-checkout-errors", "#inc-2026-11-26-x", "#inc-0000-00-00-a"]),
    "incident_id": st.sampled_from(INCIDENT_IDS),
    "action_item_id": st.sampled_from(["AI-001", "AI-002", "AI-999", "AI-0001"]),
}


def _types(rule: dict[str, Any]) -> list[str]:
    declared = rule.get("type", "string")
    return [declared] if isinstance(declared, str) else list(declared)


def _numbers(rule: dict[str, Any], integer: bool) -> st.SearchStrategy[Any]:
    low = rule.get("min", rule.get("above"))
    high = rule.get("max", rule.get("below"))
    if integer:
        low_i = int(low) if low is not None else -1000
        high_i = int(high) if high is not None else 10**6
        inside = st.integers(low_i, high_i)
        edges = [v for v in (low_i, high_i) if v is not None]
        return st.one_of(inside, st.sampled_from(edges or [0]), st.just(10**18))
    lo = float(low) if low is not None else -1e6
    hi = float(high) if high is not None else 1e9
    inside = st.floats(lo, hi, allow_nan=False, allow_infinity=False,
                       exclude_min="above" in rule, exclude_max="below" in rule)
    extremes = st.sampled_from([v for v in (lo, hi, 0.0, 99.9, 99.99, 99.999, 5e-324, 1e-9) if lo <= v <= hi] or [lo])
    return st.one_of(inside, inside, extremes, st.integers(int(lo) if lo > -1e6 else -5, min(int(hi), 10**6)))


def _wrong_value() -> st.SearchStrategy[Any]:
    """A value of the wrong type or shape for almost any field."""
    return st.one_of(
        st.sampled_from([Raw(s) for s in TRICKY_SCALARS]),
        st.none(), st.booleans(), st.integers(-10**20, 10**20), st.floats(), TEXT,
        st.lists(st.integers(), max_size=2), st.dictionaries(st.sampled_from(["a", "name", "x"]), TEXT, max_size=2),
    )


@st.composite
def value_for(draw: st.DrawFn, rule: dict[str, Any], *, field: str = "", kind: str = "", depth: int = 0) -> Any:
    """Mostly (nine times in ten) a valid value for ``rule``; sometimes a wrong one."""
    if draw(st.integers(0, 9)) == 0:
        return draw(_wrong_value())
    return draw(_valid_value(rule, field=field, kind=kind, depth=depth))


def _valid_value(rule: dict[str, Any], *, field: str, kind: str, depth: int) -> st.SearchStrategy[Any]:
    if "allowed" in rule:
        return st.sampled_from(list(rule["allowed"]))
    types = _types(rule)
    options: list[st.SearchStrategy[Any]] = []
    for type_ in types:
        if type_ == "dict":
            options.append(mapping_for(rule, kind=kind, depth=depth + 1))
        elif type_ == "list":
            options.append(list_for(rule, field=field, kind=kind, depth=depth + 1))
        elif type_ == "identifier":
            pool = _NAME_POOLS.get(kind) if field in ("name", "id") else _POOLS.get(field)
            if field == "id" and kind == "incident":
                pool = INCIDENT_IDS
            options.append(st.sampled_from(pool) if pool else st.sampled_from(NAMES))
        elif type_ in _FORMATS:
            options.append(_FORMATS[type_])
        elif type_ == "integer":
            options.append(_numbers(rule, integer=True))
        elif type_ in ("number", "float"):
            options.append(_numbers(rule, integer=False))
        elif type_ == "boolean":
            options.append(st.booleans())
        elif field in ("runbook", "postmortem", "url") or field.endswith("_url"):
            options.append(st.sampled_from(_LINKS))
        elif field == "id" and kind == "incident":
            options.append(st.sampled_from(INCIDENT_IDS))
        elif field == "id":
            options.append(st.one_of(st.sampled_from(PRR_CHECK_IDS), TEXT))
        else:
            options.append(TEXT)
    return st.one_of(*options)


@st.composite
def mapping_for(draw: st.DrawFn, rule: dict[str, Any], *, kind: str, depth: int = 0) -> dict[str, Any]:
    fields = rule.get("schema")
    out: dict[str, Any] = {}
    if isinstance(fields, dict):
        for name, child in fields.items():
            keep = 0.95 if child.get("required") else (0.55 if depth < 3 else 0.25)
            if draw(st.floats(0, 1)) < keep:
                out[name] = draw(value_for(child, field=name, kind=kind, depth=depth))
    elif isinstance(rule.get("valuesrules"), dict):
        keys = draw(st.lists(st.sampled_from(MEMBERS + ("Ünïcode", "has space")), max_size=4, unique=True))
        for key in keys:
            out[key] = draw(value_for(rule["valuesrules"], field="", kind=kind, depth=depth))
    if draw(st.integers(0, 14)) == 0:  # an unknown or misspelt field
        out[draw(st.sampled_from(["nmae", "targett", "Service", "extra", "tier ", "owner-team"]))] = draw(_wrong_value())
    if out and draw(st.integers(0, 19)) == 0:  # a required field goes missing
        del out[draw(st.sampled_from(sorted(out)))]
    return out


@st.composite
def list_for(draw: st.DrawFn, rule: dict[str, Any], *, field: str, kind: str, depth: int = 0) -> list[Any]:
    if "items" in rule:  # a fixed-width row
        columns = rule["items"]
        row = [draw(value_for(c, field=f"{field}[{i}]", kind=kind, depth=depth)) for i, c in enumerate(columns)]
        if draw(st.integers(0, 14)) == 0:
            row = row[: draw(st.integers(0, len(row)))] if draw(st.booleans()) else row + [1]
        return row
    item = rule.get("schema") or {"type": "string"}
    low = rule.get("minlength", 0)
    size = draw(st.integers(max(0, low - (1 if draw(st.integers(0, 9)) == 0 else 0)), low + (3 if depth < 3 else 1)))
    unique_pool = _POOLS.get(field)
    if unique_pool and _types(item) == ["identifier"]:
        chosen = draw(st.lists(st.sampled_from(unique_pool), max_size=size, unique=draw(st.booleans())))
        return list(chosen)
    return [draw(value_for(item, field=field, kind=kind, depth=depth)) for _ in range(size)]


@st.composite
def measurements_body(draw: st.DrawFn) -> dict[str, Any]:
    """Measurements whose rows mostly match their resolution and keep good <= total."""
    resolution = draw(st.sampled_from(["1d", "1d", "1h"]))
    start = draw(st.integers(-60, 0))
    rows = []
    for index in range(draw(st.integers(0, 40))):
        if resolution == "1d":
            moment = (TODAY + dt.timedelta(days=start + index)).isoformat()
        else:
            moment = (dt.datetime(2026, 11, 20) + dt.timedelta(hours=start + index)).strftime("%Y-%m-%dT%H:%MZ")
        total = draw(st.integers(0, 10**7))
        good = draw(st.one_of(st.integers(0, total), st.integers(0, 10**7 + 5)))
        rows.append([moment, good, total])
    if rows and draw(st.integers(0, 4)) == 0:
        rows[draw(st.integers(0, len(rows) - 1))] = draw(list_for(KINDS["measurements"].schema["points"]["schema"],
                                                                  field="points", kind="measurements"))
    return {"slo": draw(st.sampled_from(SLOS)), "resolution": resolution, "points": rows}


@st.composite
def schema_document(draw: st.DrawFn, kind: str) -> dict[str, Any]:
    """One document of ``kind``: ``{kind: body}``, mostly following its schema."""
    spec = KINDS[kind]
    if kind == "measurements" and draw(st.integers(0, 3)):
        body: Any = draw(measurements_body())
    elif spec.body == "list":
        body = [draw(mapping_for(spec.schema, kind=kind)) for _ in range(draw(st.integers(0, 3)))]
    else:
        body = draw(mapping_for({"type": "dict", "schema": spec.schema}, kind=kind))
    if draw(st.integers(0, 29)) == 0:
        body = draw(_wrong_value())
    return {kind: body}


# --- repositories ------------------------------------------------------------------------------------

#: File names per kind inside a service folder; ``{n}`` is a small counter.
_SERVICE_FILES = {
    "sli": "slis.yaml", "slo": "slos.yaml", "alert": "alerts.yaml", "runbook": "runbooks/{n}.yaml",
    "incident": "incidents/{n}.yaml", "postmortem": "postmortems/{n}.yaml", "experiment": "experiments/{n}.yaml",
    "toil_item": "toil.yaml", "capacity_model": "capacity.yaml", "measurements": "measurements/{n}.yaml",
    "prr": "prr.yaml", "maturity_assessment": "maturity.yaml", "auto_remediation": "auto_remediation.yaml",
    "error_budget_policy": "error_budget_policy.yaml",
}
_ORG_FILES = {
    "team": "teams.yaml", "oncall_rotation": "oncall/{n}.yaml", "error_budget_policy": "error_budget_policy.yaml",
    "monthly_report": "reports/{n}.yaml", "auto_remediation": "auto_remediation.yaml",
}
_INCIDENT_FILE_NAMES = INCIDENT_IDS + ("inc", "INC-2026-014-copy")


@st.composite
def repo_files(draw: st.DrawFn, *, max_service_docs: int = 8, hostile_files: bool = True) -> dict[str, bytes]:
    """A small repository as {repo-relative path: bytes}."""
    docs: dict[str, list[Any]] = {}

    def add(path: str, document: Any) -> None:
        docs.setdefault(path, []).append(document)

    services = draw(st.lists(st.sampled_from(SERVICES), min_size=1, max_size=3, unique=True))
    for service in services:
        folder = f"services/{service}"
        if draw(st.integers(0, 9)):
            catalog = draw(schema_document("service"))
            body = catalog["service"]
            if isinstance(body, dict) and draw(st.integers(0, 4)):
                body["name"] = service  # usually the folder name, as CAT001 wants
            add(f"{folder}/service.yaml", catalog)
        kinds = draw(st.lists(st.sampled_from(sorted(_SERVICE_FILES)), max_size=max_service_docs))
        for n, kind in enumerate(kinds):
            name = str(n)
            if kind == "incident":
                name = draw(st.sampled_from(_INCIDENT_FILE_NAMES))
            elif kind == "postmortem":
                name = draw(st.sampled_from(INCIDENT_IDS))
            elif kind == "runbook":
                name = draw(st.sampled_from(ALERTS))
            add(f"{folder}/{_SERVICE_FILES[kind].format(n=name)}", draw(schema_document(kind)))
    for kind in draw(st.lists(st.sampled_from(sorted(_ORG_FILES)), max_size=5)):
        name = draw(st.sampled_from(ROTATIONS)) if kind == "oncall_rotation" else draw(st.sampled_from(["2026-10", "x"]))
        add(f"org/{_ORG_FILES[kind].format(n=name)}", draw(schema_document(kind)))
    if draw(st.integers(0, 6)) == 0:  # a document in the wrong place
        wrong = draw(st.sampled_from(["team", "oncall_rotation", "monthly_report"]))
        add(f"services/{services[0]}/misplaced.yaml", draw(schema_document(wrong)))
    files: dict[str, bytes] = {}
    for path, values in docs.items():
        style = draw(styles)
        files[path] = emit_documents(values, style).encode("utf-8")
    if hostile_files and draw(st.integers(0, 3)) == 0:
        target = draw(st.sampled_from(sorted(files) + [f"services/{services[0]}/hostile.yaml", "org/hostile.yaml"]))
        files[target] = draw(st.one_of(raw_bytes(), yaml_text().map(lambda t: t.encode("utf-8", "surrogatepass"))))
    return files


# --- a complete repository with payloads in every free-text field ---------------------------------------

#: Every kind's schema example, filed where it belongs: valid documents that reference each other
#: (service -> SLI -> SLO -> alert -> runbook, incident -> postmortem), so every page gets built.
SKELETON: dict[str, str] = {
    "services/checkout/service.yaml": "service", "services/checkout/slis.yaml": "sli",
    "services/checkout/slos.yaml": "slo", "services/checkout/measurements/availability.yaml": "measurements",
    "services/checkout/alerts.yaml": "alert", "services/checkout/runbooks/high-error-rate.yaml": "runbook",
    "services/checkout/incidents/INC-2026-014.yaml": "incident",
    "services/checkout/postmortems/INC-2026-014.yaml": "postmortem",
    "services/checkout/experiments/gateway-latency.yaml": "experiment", "services/checkout/toil.yaml": "toil_item",
    "services/checkout/capacity.yaml": "capacity_model", "services/checkout/auto_remediation.yaml": "auto_remediation",
    "services/checkout/prr.yaml": "prr", "services/checkout/maturity.yaml": "maturity_assessment",
    "org/teams.yaml": "team", "org/oncall/payments-primary.yaml": "oncall_rotation",
    "org/error_budget_policy.yaml": "error_budget_policy", "org/reports/2026-10.yaml": "monthly_report",
}


_HOSTILE_TEXT = PAYLOADS + _LINKS


def _inject(value: Any, rule: dict[str, Any], turn: list[int], keep: set[int]) -> Any:
    """``value`` with its free-text strings replaced by payloads, taken in turn so that even the
    simplest example gets every payload somewhere (``keep`` holds turns that keep their text)."""
    if isinstance(value, dict):
        fields = rule.get("schema") if isinstance(rule.get("schema"), dict) else {}
        values = rule.get("valuesrules")
        return {k: v if k == "prometheus" else _inject(v, fields.get(k) or values or {}, turn, keep)
                for k, v in value.items()}
    if isinstance(value, list):
        item = rule.get("schema") if isinstance(rule.get("schema"), dict) else {"type": "string"}
        return [_inject(v, item, turn, keep) for v in value]
    if isinstance(value, str) and _types(rule) == ["string"] and "allowed" not in rule:
        turn[0] += 1
        if turn[0] not in keep:
            return _HOSTILE_TEXT[turn[0] % len(_HOSTILE_TEXT)]
    return value


@st.composite
def hostile_repo(draw: st.DrawFn) -> dict[str, bytes]:
    """The skeleton with payloads, plus a random schema-shaped repo around it."""
    from sre_docs.yamltext.parse import parse_text

    files = draw(repo_files(max_service_docs=4))
    turn = [draw(st.integers(0, len(_HOSTILE_TEXT) - 1))]
    keep = set(draw(st.lists(st.integers(0, 200), max_size=20)))
    slo_name = draw(st.sampled_from(["checkout-availability", "0o17", "1e3", "on"]))
    for path, kind in SKELETON.items():
        spec = KINDS[kind]
        value = parse_text(spec.example.replace("checkout-availability", slo_name), path).documents[0].value
        body = _inject(value[kind], spec.root_rule()[kind], turn, keep)
        files[path] = emit({kind: body}, draw(styles)).encode("utf-8")
    return files
