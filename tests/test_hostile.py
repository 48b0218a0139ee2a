"""Hostile input: every way a file or a tree can be broken becomes a finding, never a crash.

Each case checks the finding's code and its line and column, and, where it runs on a whole
repo, that the good files beside the bad one still load: one bad file must not cost the
rest of the repository.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sre_docs.loading.loader import SourceFile, load_bytes, load_file
from sre_docs.model.repository import Repository, load_repository
from sre_docs.yamltext.parse import DEFAULT_LIMITS
from sre_docs.schemas import KINDS

SERVICE_FILE = SourceFile("services/checkout/hostile.yaml", "checkout")
ORG_FILE = SourceFile("org/hostile.yaml", None)

GOOD_SLO = """\
slo:
  service: checkout
  sli: request_success_rate
  target: 99.9
  window: 28d
"""


def codes(data: bytes, source: SourceFile = SERVICE_FILE) -> list[tuple[str, int, int]]:
    return [(f.code, f.line, f.column) for f in load_bytes(data, source).findings]


# --- a repo with good files, to which each case adds one bad thing ------------------------------------


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "services" / "checkout").mkdir(parents=True)
    (root / "org").mkdir()
    (root / "services" / "checkout" / "service.yaml").write_text(KINDS["service"].example, encoding="utf-8")
    (root / "services" / "checkout" / "slos.yaml").write_text(GOOD_SLO, encoding="utf-8")
    (root / "org" / "teams.yaml").write_text(KINDS["team"].example, encoding="utf-8")
    return root


def assert_intact(repository: Repository) -> None:
    """The repo's good files loaded in full, whatever else went wrong."""
    checkout = repository.services["checkout"]
    assert checkout.catalog is not None and checkout.catalog.get("tier") == "critical"
    good_slos = [s for s in checkout.slos if s.path == "services/checkout/slos.yaml"]
    assert [checkout.slo_name(s) for s in good_slos] == ["request_success_rate"]
    assert good_slos[0].get("target") == 99.9
    assert repository.teams["payments"].path == "org/teams.yaml"
    good_paths = {"services/checkout/service.yaml", "services/checkout/slos.yaml", "org/teams.yaml"}
    assert not [f for f in repository.findings if f.path in good_paths]


def findings_for(repository: Repository, path: str) -> list[tuple[str, int, int]]:
    return [(f.code, f.line, f.column) for f in repository.findings if f.path == path]


def write(root: Path, rel: str, data: bytes | str) -> None:
    target = root / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    target.write_bytes(data)


# --- file contents, through the whole repo --------------------------------------------------------------

BILLION_LAUGHS = b"""\
a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
"""

FILE_CASES = {
    # name: (file contents, expected (code, line, column) list)
    "syntax error": (b"slo:\n  service: [checkout\n  sli: x\n", [("YAML001", 3, 6)]),
    "bad indentation": (b"slo:\n  service: checkout\n sli: x\n", [("YAML001", 3, 2)]),
    "tab indentation": (b"slo:\n\tservice: checkout\n", [("YAML001", 2, 1)]),
    "python object tag": (b"slo: !!python/object:os.system\n  x: 1\n", [("YAML003", 1, 6)]),
    "python apply tag on a value": (b"slo:\n  service: !!python/object/apply:os.system [ls]\n", [("YAML003", 2, 12)]),
    "local tag": (b"slo:\n  service: !secret checkout\n", [("YAML003", 2, 12)]),
    "billion laughs": (BILLION_LAUGHS, [("YAML004", 5, 8)]),
    "unknown alias": (b"slo: *nowhere\n", [("YAML004", 1, 6)]),
    "10,000 nested flow sequences": (b"slo: " + b"[" * 10_000 + b"]" * 10_000 + b"\n", [("YAML005", 1, 69)]),
    "10,000 nested flow mappings": (b"slo: " + b"{a: " * 10_000 + b"1" + b"}" * 10_000 + b"\n", [("YAML005", 1, 258)]),
    "10,000 nested block sequences": (b"slo:\n" + b"- " * 10_000 + b"x\n", [("YAML005", 2, 127)]),
    "collection as a key": (b"? [a, b]\n: 1\n", [("YAML012", 1, 3)]),
    # A key given by an alias goes through the same duplicate check as a written one.
    "duplicate key given by an alias": (
        GOOD_SLO.replace("  service: checkout", "  &k service: checkout").encode() + b"  *k : search\n",
        [("YAML002", 6, 3)],
    ),
    "alias of a collection as a key": (b"a: &m {b: 1}\n? *m\n: 2\n", [("YAML012", 2, 3)]),
    "integer of 5,000 digits": (b"slo:\n  target: " + b"9" * 5000 + b"\n", [("YAML011", 2, 11)]),
    "YAML 1.1 directive": (b"%YAML 1.1\n---\n" + GOOD_SLO.encode(), [("YAML008", 1, 1)]),
    "TAG directive": (b"%TAG !e! tag:example.com,2026:\n---\n" + GOOD_SLO.encode(), [("YAML008", 1, 1)]),
    "latin-1 byte": (b"slo:\n  service: checkout\n  description: caf\xe9 latency\n", [("YAML007", 3, 19)]),
    "invalid byte after multibyte text": ("slo:\n  description: ééé".encode() + b"\xff\n", [("YAML007", 2, 19)]),
    "UTF-16 file": (GOOD_SLO.encode("utf-16"), [("YAML007", 1, 1)]),
    "UTF-32 file": (GOOD_SLO.encode("utf-32"), [("YAML007", 1, 1)]),
    "raw control character": (b"slo:\n  description: a\x07b\n", [("YAML001", 2, 17)]),
    "NUL byte": (b"slo:\n  service: check\x00out\n", [("YAML001", 2, 17)]),
    "escaped control character": (
        GOOD_SLO.encode() + b'  description: "ring \\u0007 the bell"\n', [("YAML010", 6, 16)],
    ),
    "bidi override": (GOOD_SLO.encode() + "  owner: admin\u202e\n".encode(), [("YAML010", 6, 10)]),
    "a list document": (b"- checkout\n- search\n", [("DOC001", 1, 1)]),
    "a scalar document": (b"just some text\n", [("DOC001", 1, 1)]),
    "two top-level keys": (GOOD_SLO.encode() + b"sli:\n  name: x\n  type: latency\n", [("DOC001", 1, 1)]),
    "unknown kind": (b"sloo:\n  service: checkout\n", [("DOC002", 1, 1)]),
    "empty file": (b"", [("DOC003", 1, 1)]),
    "comment-only file": (b"# nothing yet\n\n# still nothing\n", [("DOC003", 1, 1)]),
    "only document markers": (b"---\n---\n...\n", [("DOC003", 1, 1)]),
    "kind with no body": (b"slo:\n", [("SCH003", 1, 5)]),
}


@pytest.mark.parametrize("name", list(FILE_CASES))
def test_hostile_file_in_a_repo(repo: Path, name: str) -> None:
    data, expected = FILE_CASES[name]
    write(repo, "services/checkout/hostile.yaml", data)
    repository = load_repository(repo)
    assert findings_for(repository, "services/checkout/hostile.yaml") == expected
    assert_intact(repository)


def test_duplicate_key_keeps_the_first_value(repo: Path) -> None:
    write(repo, "services/checkout/dup.yaml", GOOD_SLO.replace("  window: 28d\n", "  window: 28d\n  target: 12\n"))
    repository = load_repository(repo)
    assert findings_for(repository, "services/checkout/dup.yaml") == [("YAML002", 6, 3)]
    (slo,) = [d for d in repository.services["checkout"].slos if d.path.endswith("dup.yaml")]
    assert slo.get("target") == 99.9
    assert_intact(repository)


def test_directive_file_still_loads_its_document(repo: Path) -> None:
    write(repo, "services/checkout/old.yaml", b"%YAML 1.1\n---\n" + GOOD_SLO.encode())
    repository = load_repository(repo)
    assert len([d for d in repository.services["checkout"].slos if d.path.endswith("old.yaml")]) == 1


def test_byte_order_mark_is_fine(repo: Path) -> None:
    write(repo, "services/checkout/bom.yaml", b"\xef\xbb\xbf" + GOOD_SLO.replace("99.9", "100").encode())
    repository = load_repository(repo)
    # the BOM is not a column: the bad target is reported where an editor shows it
    assert findings_for(repository, "services/checkout/bom.yaml") == [("SCH005", 4, 11)]
    assert_intact(repository)


def test_crlf_line_endings_keep_positions(repo: Path) -> None:
    write(repo, "services/checkout/crlf.yaml", GOOD_SLO.replace("99.9", "100").replace("\n", "\r\n"))
    assert findings_for(load_repository(repo), "services/checkout/crlf.yaml") == [("SCH005", 4, 11)]


def test_bad_document_does_not_spoil_its_neighbours_in_the_file(repo: Path) -> None:
    text = "- not a document\n---\n" + GOOD_SLO.replace("request_success_rate", "latency") + "---\nslo: [1]\n"
    write(repo, "services/checkout/mixed.yaml", text)
    repository = load_repository(repo)
    assert findings_for(repository, "services/checkout/mixed.yaml") == [("DOC001", 1, 1), ("SCH003", 9, 6)]
    mixed = [s for s in repository.services["checkout"].slos if s.path.endswith("mixed.yaml")]
    assert [s.get("sli") for s in mixed] == ["latency", None]  # the broken one has an empty body


def test_file_over_the_size_cap(repo: Path) -> None:
    padding = b"# " + b"x" * (DEFAULT_LIMITS.max_file_bytes) + b"\n"
    write(repo, "services/checkout/huge.yaml", GOOD_SLO.encode() + padding)
    repository = load_repository(repo)
    assert findings_for(repository, "services/checkout/huge.yaml") == [("YAML006", 1, 1)]
    assert_intact(repository)


# --- kinds in the wrong place -------------------------------------------------------------------------


def test_team_under_a_service_folder(repo: Path) -> None:
    write(repo, "services/checkout/team.yaml", "# the payments team\n" + KINDS["team"].example)
    repository = load_repository(repo)
    assert findings_for(repository, "services/checkout/team.yaml") == [("DOC004", 2, 1)]
    assert "payments" in repository.teams and len(repository.teams) == 1
    assert_intact(repository)


def test_service_kind_under_org(repo: Path) -> None:
    write(repo, "org/service.yaml", KINDS["service"].example)
    repository = load_repository(repo)
    assert findings_for(repository, "org/service.yaml") == [("DOC004", 1, 1)]
    assert_intact(repository)


# --- the tree: links, special files, odd names -------------------------------------------------------------


def test_symlink_to_a_file_outside_the_repo(repo: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text(KINDS["experiment"].example, encoding="utf-8")
    os.symlink(outside, repo / "services" / "checkout" / "leak.yaml")
    repository = load_repository(repo)
    assert findings_for(repository, "services/checkout/leak.yaml") == [("REPO001", 1, 1)]
    assert repository.services["checkout"].experiments == []
    assert_intact(repository)


def test_symlinked_service_folder(repo: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "service.yaml").write_text(KINDS["service"].example.replace("checkout", "search"), encoding="utf-8")
    os.symlink(elsewhere, repo / "services" / "search", target_is_directory=True)
    repository = load_repository(repo)
    assert findings_for(repository, "services/search") == [("REPO001", 1, 1)]
    assert "search" not in repository.services
    assert_intact(repository)


def test_symlinked_folder_inside_a_service(repo: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "runbooks"
    elsewhere.mkdir()
    (elsewhere / "r.yaml").write_text(KINDS["runbook"].example, encoding="utf-8")
    os.symlink(elsewhere, repo / "services" / "checkout" / "runbooks", target_is_directory=True)
    repository = load_repository(repo)
    assert findings_for(repository, "services/checkout/runbooks") == [("REPO001", 1, 1)]
    assert repository.services["checkout"].runbooks == []
    assert_intact(repository)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_under_services(repo: Path) -> None:
    os.mkfifo(repo / "services" / "checkout" / "pipe.yaml")
    repository = load_repository(repo)  # must not block on the FIFO
    assert findings_for(repository, "services/checkout/pipe.yaml") == [("REPO002", 1, 1)]
    assert_intact(repository)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_load_file_refuses_a_fifo_without_blocking(repo: Path) -> None:
    """A file can turn into a FIFO between discovery and reading; reading must not hang."""
    os.mkfifo(repo / "services" / "checkout" / "late.yaml")
    loaded = load_file(repo, SourceFile("services/checkout/late.yaml", "checkout"))
    assert [(f.code, f.line, f.column) for f in loaded.findings] == [("REPO002", 1, 1)]
    assert loaded.documents == []


def test_load_file_refuses_a_symlink(repo: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text(GOOD_SLO, encoding="utf-8")
    os.symlink(outside, repo / "services" / "checkout" / "late.yaml")
    loaded = load_file(repo, SourceFile("services/checkout/late.yaml", "checkout"))
    assert [(f.code, f.line, f.column) for f in loaded.findings] == [("REPO001", 1, 1)]


def test_load_file_reports_a_vanished_file(repo: Path) -> None:
    loaded = load_file(repo, SourceFile("services/checkout/gone.yaml", "checkout"))
    assert [(f.code, f.line, f.column) for f in loaded.findings] == [("REPO002", 1, 1)]


def test_bad_service_folder_name(repo: Path) -> None:
    write(repo, "services/check out/service.yaml", KINDS["service"].example)
    repository = load_repository(repo)
    assert findings_for(repository, "services/check out") == [("REPO003", 1, 1)]
    assert list(repository.services) == ["checkout"]
    assert_intact(repository)


def test_yaml_file_directly_in_services(repo: Path) -> None:
    write(repo, "services/checkout.yaml", KINDS["service"].example)
    repository = load_repository(repo)
    assert findings_for(repository, "services/checkout.yaml") == [("REPO003", 1, 1)]
    assert_intact(repository)


def test_hidden_and_non_yaml_files_are_ignored(repo: Path) -> None:
    write(repo, "services/checkout/.draft.yaml", b"- broken: [")
    write(repo, "services/checkout/README.md", b"# notes\n")
    repository = load_repository(repo)
    assert repository.findings == []
    assert_intact(repository)


# --- through load_bytes, one file at a time -------------------------------------------------------------


def test_org_only_kind_in_org_is_fine() -> None:
    assert codes(KINDS["team"].example.encode(), ORG_FILE) == []


def test_aliases_within_budget_are_fine() -> None:
    data = b"service:\n  name: checkout\n  tier: &tier critical\n  owner_team: payments\n  system: *tier\n"
    assert codes(data) == []


# --- properties --------------------------------------------------------------------------------------

_SCALARS = st.one_of(
    st.sampled_from([
        "on", "NO", "0755", "12:30", ".nan", "-.inf", "~", "''", "1e400", "0x1F", "2026-02-30", "{", "]", ":",
        "!!python/object:os.system x", "&a x", "*a", "? x", "- ", "|\n  x", "#c", "\u202e", "1_000", "!!str 5",
        "!!int x", "!!binary eA==", "<<: *a", "%YAML 1.1", "---", "...", "9" * 200,
    ]),
    st.text(max_size=8),
)
_KEYS = st.sampled_from([*KINDS, "name", "service", "points", "target", "scores", "checks", "1", "~", "true", "? [a]"])


def _node(depth: int = 0) -> st.SearchStrategy[str]:
    if depth >= 3:
        return _SCALARS
    child = st.deferred(lambda: _node(depth + 1))
    return st.one_of(
        _SCALARS,
        st.lists(child, max_size=3).map(lambda items: "[" + ", ".join(items) + "]"),
        st.dictionaries(_KEYS, child, max_size=3).map(lambda d: "{" + ", ".join(f"{k}: {v}" for k, v in d.items()) + "}"),
    )


@st.composite
def yamlish(draw: st.DrawFn) -> str:
    """Text shaped like a document of a real kind, with hostile values and keys."""
    kind = draw(st.sampled_from(list(KINDS)))
    body = draw(st.dictionaries(_KEYS, _node(), max_size=5))
    if draw(st.booleans()):
        return "\n".join([f"{kind}:", *(f"  - {value}" for value in body.values())])
    return "\n".join([f"{kind}:", *(f"  {key}: {value}" for key, value in body.items())])


def _never_raises(data: bytes) -> None:
    for source in (SERVICE_FILE, ORG_FILE):
        loaded = load_bytes(data, source)
        for finding in loaded.findings:
            assert finding.line >= 1 and finding.column >= 1
            assert finding.path == source.path


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=512))
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    _never_raises(data)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(yamlish())
def test_arbitrary_yamlish_text_never_raises(text: str) -> None:
    _never_raises(text.encode("utf-8", errors="surrogatepass"))


def test_recursion_limit_is_not_touched() -> None:
    """Deep input is stopped by the parser's own limit, not by Python's recursion limit."""
    before = sys.getrecursionlimit()
    codes(b"slo: " + b"[" * 100_000)
    assert sys.getrecursionlimit() == before


DEPTH_CASES = {
    # name: (text, expected findings, documents kept). The top-level mapping is level 1, so the 64th "[" is
    # level 65, the first one past the limit: "slo: " fills columns 1-5, the first "[" is column 6, the 64th
    # is column 6 + 63 = 69.
    "flow sequences past libyaml's own cap": ("slo: " + "[" * 1_000 + "]" * 1_000 + "\n", [("YAML005", 1, 69)], 0),
    "flow sequences far past it": ("slo: " + "[" * 50_000 + "]" * 50_000 + "\n", [("YAML005", 1, 69)], 0),
    # A first document that is fine, then a deep one on line 3: the first document is kept once, not twice.
    "deep second document": ("slo: {a: 1}\n---\nslo: " + "[" * 2_000 + "]" * 2_000 + "\n", [("YAML005", 3, 69)], 1),
}


@pytest.mark.parametrize("parser", ["libyaml", "pure-python"])
@pytest.mark.parametrize("name", list(DEPTH_CASES))
def test_depth_finding_does_not_depend_on_the_yaml_parser(name: str, parser: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """libyaml 0.2.6 and newer stop at 1,000 levels on their own; the finding must be ours all the same."""
    import yaml

    from sre_docs.yamltext import parse

    if parser == "pure-python":
        monkeypatch.setattr(parse, "_Parser", yaml.SafeLoader)
    elif not getattr(yaml, "__with_libyaml__", False):
        pytest.skip("PyYAML was built without libyaml")
    text, expected, documents = DEPTH_CASES[name]
    result = parse.parse_text(text, "deep.yaml")
    assert [(f.code, f.line, f.column) for f in result.findings] == expected
    assert len(result.documents) == documents
