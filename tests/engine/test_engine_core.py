"""The engine assigns levels from configuration, keeps scopes, and reports policy crashes."""

from __future__ import annotations

import pytest

from engine_helpers import SERVICE
from sre_docs.lint.catalog import Catalog, builtin_policies
from sre_docs.lint.config import Config, PolicySettings, load_config
from sre_docs.lint.engine import PolicyCrash, lint, lint_repo
from sre_docs.findings import Severity
from sre_docs.model.repository import load_repository
from sre_docs.lint.policy import LintRepo, Policy, Problem

SLOS = """\
slo:
  name: below-sla
  service: checkout
  sli: availability
  target: 99.5
  sla: 99.9
  window: 28d
---
slo:
  name: thin-buffer
  service: checkout
  sli: availability
  target: 99.95
  sla: 99.9
  window: 28d
"""


def _findings(root, code=None, environ=None):
    config = load_config(root, environ=environ or {})
    result = lint(root, config, use_git=False)
    return [(f.code, f.path, f.line, f.column, f.severity.value) for f in result.findings
            if code is None or f.code == code]


def test_hint_gives_the_milder_grade_until_config_sets_a_level(make_repo):
    root = make_repo({"services/checkout/slos.yaml": SLOS})
    assert _findings(root, "SLO001") == [
        ("SLO001", "services/checkout/slos.yaml", 5, 11, "error"),
        ("SLO001", "services/checkout/slos.yaml", 13, 11, "warning"),
    ]
    (root / "sre-docs.yaml").write_text("policies:\n  SLO001: {level: info}\n")
    assert [f[4] for f in _findings(root, "SLO001")] == ["info", "info"]


def test_loader_codes_keep_their_codes_and_take_configured_levels(make_repo):
    service = "service:\n  name: checkout\n  tier: standard\n  owner_team: payments\n  language: yes\n"
    root = make_repo({"services/checkout/service.yaml": service,
                      "services/checkout/empty.yaml": "# nothing yet\n"})
    found = {(f[0], f[4]) for f in _findings(root) if f[0].startswith(("YAML", "DOC"))}
    assert found == {("YAML009", "warning"), ("DOC003", "warning")}
    (root / "sre-docs.yaml").write_text("policies:\n  YAML009: {level: error}\n  DOC003: {enabled: false}\n")
    found = {(f[0], f[4]) for f in _findings(root) if f[0].startswith(("YAML", "DOC"))}
    assert found == {("YAML009", "error")}


def test_limits_from_config_reach_the_parser(make_repo):
    root = make_repo({"services/checkout/service.yaml": SERVICE, "sre-docs.yaml": "limits: {max_file_bytes: 20}\n"})
    assert [f[:4] for f in _findings(root, "YAML006")] == [("YAML006", "services/checkout/service.yaml", 1, 1)]


def test_paths_and_services_scopes(make_repo):
    root = make_repo({
        "services/checkout/slos.yaml": SLOS,
        "services/legacy/slos.yaml": SLOS.replace("checkout", "legacy"),
    })
    everything = _findings(root, "SLO001")
    assert {f[1] for f in everything} == {"services/checkout/slos.yaml", "services/legacy/slos.yaml"}
    (root / "sre-docs.yaml").write_text("paths:\n  exclude: ['services/legacy/**']\n")
    assert {f[1] for f in _findings(root, "SLO001")} == {"services/checkout/slos.yaml"}
    (root / "sre-docs.yaml").write_text("policies:\n  SLO001:\n    services: {include: [leg*]}\n")
    assert {f[1] for f in _findings(root, "SLO001")} == {"services/legacy/slos.yaml"}
    assert {f[1] for f in _findings(root, "SLO006")} == set()  # no service documents, nothing to judge


def test_disabled_policy_does_not_run(make_repo):
    root = make_repo({"services/checkout/slos.yaml": SLOS, "sre-docs.yaml": "policies:\n  SLO001: false\n"})
    assert _findings(root, "SLO001") == []


def _crashing(repo, options):
    yield Problem("x.yaml", 1, 1, "fine")
    raise KeyError("boom")


def _config_with(policy: Policy, tmp_path) -> Config:
    return Config(file=None, catalog=Catalog([policy]))


def test_a_crashing_policy_is_an_internal_error_naming_it(tmp_path):
    policy = Policy(id="ORG009", name="crashes", level=Severity.ERROR, options={}, check=_crashing,
                    doc="Crashes.\n", module="t", origin="test")
    repo = LintRepo.wrap(load_repository(tmp_path), today=__import__("datetime").date(2026, 1, 1))
    with pytest.raises(PolicyCrash, match=r"policy ORG009 \(test\) failed: KeyError: 'boom'"):
        lint_repo(repo, _config_with(policy, tmp_path))


def test_a_policy_yielding_garbage_is_an_internal_error(tmp_path):
    policy = Policy(id="ORG010", name="garbage", level=Severity.ERROR, options={}, check=lambda r, o: ["text"],
                    doc="Garbage.\n", module="t", origin="test")
    repo = LintRepo.wrap(load_repository(tmp_path), today=__import__("datetime").date(2026, 1, 1))
    with pytest.raises(PolicyCrash, match="yielded str, not Problem"):
        lint_repo(repo, _config_with(policy, tmp_path))


def test_duplicates_are_reported_once_and_sorted(tmp_path):
    twice = Policy(id="ORG011", name="twice", level=Severity.WARNING, options={},
                   check=lambda r, o: [Problem("b.yaml", 2, 1, "m"), Problem("a.yaml", 9, 3, "m"),
                                       Problem("b.yaml", 2, 1, "m")],
                   doc="Twice.\n", module="t", origin="test")
    repo = LintRepo.wrap(load_repository(tmp_path), today=__import__("datetime").date(2026, 1, 1))
    result = lint_repo(repo, _config_with(twice, tmp_path))
    assert [(f.path, f.line, f.severity) for f in result.findings] == [
        ("a.yaml", 9, Severity.WARNING), ("b.yaml", 2, Severity.WARNING)]


def test_every_loader_code_has_an_entry():
    """Codes the loader can emit must be configurable (levels) and described (SARIF)."""
    import re
    from pathlib import Path

    import sre_docs
    from sre_docs.lint.catalog import CORE_CODES

    source = Path(sre_docs.__file__).parent
    emitted = set()
    for name in ("yamltext/parse.py", "loading/loader.py", "schemas/validate.py"):
        emitted |= set(re.findall(r'"((?:YAML|DOC|SCH|REPO)[0-9]{3})"', (source / name).read_text()))
    assert emitted and emitted <= set(CORE_CODES)


def test_policy_settings_defaults():
    settings = PolicySettings()
    assert settings.enabled and settings.level is None and dict(settings.options) == {}
    assert len(builtin_policies()) >= 39


def test_short_strings_are_shared_also_after_the_parse_cache() -> None:
    """Keys and short values are interned when parsed, and stay one object after a round trip through the
    pickles of the parse cache: at 1,000 services 630,000 keys are 1,328 strings (a third of the memory)."""
    import pickle

    from sre_docs.yamltext.parse import parse_bytes

    first = parse_bytes(b"slo:\n  name: availability\n  target: 99.9\n", "a.yaml").documents[0]
    second = parse_bytes(b"slo:\n  name: availability\n  window: 28d\n", "b.yaml").documents[0]
    keys = [next(iter(doc.value)) for doc in (first, second)]
    assert keys[0] is keys[1] == "slo"
    assert first.value["slo"]["name"] is second.value["slo"]["name"]
    again = [pickle.loads(pickle.dumps(doc)) for doc in (first, second)]
    assert next(iter(again[0].value)) is next(iter(again[1].value)) is keys[0]
    assert again[0].value["slo"]["name"] is second.value["slo"]["name"]
    # A long text is its own string (sharing would rarely pay).
    text = "x" * 200
    long_values = [parse_bytes(f"runbook:\n  title: {text}\n".encode(), "c.yaml").documents[0] for _ in range(2)]
    assert long_values[0].value["runbook"]["title"] == long_values[1].value["runbook"]["title"]
    assert long_values[0].value["runbook"]["title"] is not long_values[1].value["runbook"]["title"]
