"""Words for people: a count with its noun in the right number, and a key as a label.

Every surface (pages, the CLI, scorecard evidence, findings) says "1 open incident" and
"2 open incidents", and shows ``chaos_engineering`` as "chaos engineering", through these
two functions, so no surface has its own half-right rule.
"""

from __future__ import annotations

__all__ = ["counted", "label", "noun"]

#: Plurals that do not just add "s".
_IRREGULAR = {
    "person": "people", "criterion": "criteria", "policy": "policies", "postmortem": "postmortems",
    "entry": "entries", "dependency": "dependencies", "activity": "activities", "capacity model": "capacity models",
    "inquiry": "inquiries", "summary": "summaries", "process": "processes", "status": "statuses", "analysis": "analyses",
}


def noun(count: int | float | str, singular: str, plural: str | None = None) -> str:
    """``singular`` when ``count`` is exactly 1 (or a figure already written as "1"), else its plural
    (given, irregular, or with "s")."""
    if count == 1 or (isinstance(count, str) and count.strip() == "1"):
        return singular
    if plural is not None:
        return plural
    head, _, last = singular.rpartition(" ")
    for word, many in _IRREGULAR.items():
        if singular == word or singular.endswith(" " + word):
            return singular[: len(singular) - len(word)] + many
    if last.endswith("y") and len(last) > 1 and last[-2] not in "aeiou":
        return singular[:-1] + "ies"
    if last.endswith(("s", "x", "ch", "sh")):
        return singular + "es"
    return singular + "s"


def counted(count: int | float | str, singular: str, plural: str | None = None) -> str:
    """The count and its noun: ``counted(1, "open incident")`` is "1 open incident", 2 gives "2 open incidents"."""
    shown = f"{count:g}" if isinstance(count, float) else str(count)  # a str is a figure already formatted
    return f"{shown} {noun(count, singular, plural)}"


#: Words of keys that read as acronyms.
_ACRONYMS = {"sli": "SLI", "slis": "SLIs", "slo": "SLO", "slos": "SLOs", "prr": "PRR", "sla": "SLA", "mttr": "MTTR",
             "mttd": "MTTD", "api": "API", "ci": "CI", "cd": "CD"}


def label(key: str) -> str:
    """A YAML key or id as words: ``chaos_engineering`` -> "chaos engineering", ``capacity_model`` ->
    "capacity model", ``slo`` -> "SLO". Keys a reader must type (in code spans, tables of fields) stay
    as they are; this is for names in sentences and headings."""
    words = (part for part in key.replace("-", " ").replace("_", " ").split(" ") if part)
    return " ".join(_ACRONYMS.get(word, word) for word in words)
