"""The schema precheck never calls a document valid that cerberus would reject.

The loader skips cerberus (and ``validate``) for documents the precheck accepts, so a wrong
"valid" would hide findings. These tests mutate valid documents of every kind in many ways
and compare the precheck's answer with cerberus' and with ``validate``'s.
"""

from __future__ import annotations

import copy
import math
from functools import cache
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks import corpus
from sre_docs.loading import precheck
from sre_docs.yamltext.parse import ParsedDocument, parse_bytes
from sre_docs.schemas import KINDS
from sre_docs.schemas.validate import _validator, validate


@cache
def _valid_documents() -> tuple[tuple[str, Any], ...]:
    """(kind, value) of every kind's example and of a small corpus: all valid."""
    texts = [spec.example for spec in KINDS.values()]
    texts += [text for path, text in corpus.corpus_files(6, seed=11).items() if path.endswith(".yaml")
              and path != "sre-docs.yaml"]
    documents = []
    for text in texts:
        for parsed in parse_bytes(text.encode("utf-8"), "x.yaml").documents:
            if isinstance(parsed.value, dict) and len(parsed.value) == 1 and next(iter(parsed.value)) in KINDS:
                documents.append((next(iter(parsed.value)), parsed.value))
    return tuple(documents)


def _cerberus_accepts(kind: str, value: Any) -> bool:
    return _validator(kind).validate(value, normalize=False)


def test_every_kind_has_a_fast_path() -> None:
    assert {kind: precheck.document_check(kind) is not None for kind in KINDS} == {kind: True for kind in KINDS}


def test_valid_documents_take_the_fast_path() -> None:
    for kind, value in _valid_documents():
        assert _cerberus_accepts(kind, value), kind
        assert precheck.accepts(kind, value), kind


def test_an_unknown_rule_disables_the_fast_path() -> None:
    validator = _validator("slo")
    with pytest.raises(precheck.Unsupported):
        precheck._mapping_check({"a": {"type": "string", "oneof": [{"minlength": 1}]}}, validator)
    with pytest.raises(precheck.Unsupported):
        precheck._mapping_check({"a": {"type": "no-such-type"}}, validator)


def test_answers_are_cautious_for_odd_input() -> None:
    assert not precheck.accepts("slo", ["not", "a", "mapping"])
    assert not precheck.accepts("slo", {"slo": None})
    assert not precheck.accepts("slo", {"slo": {1: "non-text key"}})


# --- mutations -------------------------------------------------------------------------------------

_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-10**6, max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True), st.sampled_from([0, 1, 100, 99.9, 100.0, 0.0, -1, 5, 101]),
    st.text(max_size=12),
    st.sampled_from(["", "28d", "5m", "2026-11-02", "2026-02-30", "2026-11-02T14:05:00Z", "2026-11-02T14:05",
                     "10:00", "24:00", "2026-10", "2026-13", "#inc-2026-11-02-x", "INC-2026-014", "AI-001",
                     "critical", "page", "P1", "SEV2", "pass", "n/a", "monday", "availability", "1h", "1d",
                     "2h 15m", "slos.slis-defined", "checkout-api", "-bad", "a b", "on"]),
)
_values = st.recursive(
    _scalars,
    lambda children: st.one_of(st.lists(children, max_size=3), st.dictionaries(st.text(max_size=6), children, max_size=3)),
    max_leaves=6,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, prefix + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _paths(child, prefix + (index,))
    return found


def _parent(value: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        value = value[part]
    return value


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, Any]:
    kind, original = draw(st.sampled_from(_valid_documents()))
    document = copy.deepcopy(original)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        paths = [p for p in _paths(document) if len(p) >= 1]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = _parent(document, path)
        action = draw(st.sampled_from(["replace", "replace", "delete", "add", "empty", "append"]))
        if action == "replace":
            parent[path[-1]] = draw(_values)
        elif action == "delete" and isinstance(parent, dict):
            del parent[path[-1]]
        elif action == "add" and isinstance(parent, dict):
            parent[draw(st.one_of(st.text(max_size=8), st.integers(), st.booleans(), st.none()))] = draw(_values)
        elif action == "empty":
            target = parent[path[-1]]
            parent[path[-1]] = type(target)() if isinstance(target, (dict, list, str)) else None
        elif action == "append" and isinstance(parent[path[-1]], list):
            parent[path[-1]].append(draw(_values))
    return kind, document


def _has_nan(value: Any) -> bool:
    if isinstance(value, float):
        return math.isnan(value)
    if isinstance(value, dict):
        return any(_has_nan(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_nan(v) for v in value)
    return False


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_the_precheck_never_accepts_what_cerberus_rejects(case: tuple[str, Any]) -> None:
    kind, value = case
    if precheck.accepts(kind, value):
        assert _cerberus_accepts(kind, value)
        # And ``validate`` (what the loader skips) has nothing to say about it either.
        document = ParsedDocument(copy.deepcopy(value), {(): (1, 1, 1, 1)}, 0)
        assert validate(KINDS[kind], document, "x.yaml", None) == []
        if not _has_nan(value):
            assert document.value == value  # nothing pruned


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_cerberus_verdicts_are_mostly_matched(case: tuple[str, Any]) -> None:
    """Not a safety property: the precheck should rarely defer on documents cerberus accepts."""
    kind, value = case
    try:
        valid = _cerberus_accepts(kind, value)
    except TypeError:  # cerberus cannot sort keys of mixed types; validate weeds those out first
        return
    if valid and not _has_nan(value):
        assert precheck.accepts(kind, value)
