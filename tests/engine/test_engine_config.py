"""The configuration: validated up front, with file:line:col in every complaint."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sre_docs.lint.config import ConfigError, Scope, glob_regex, load_config
from sre_docs.findings import Severity
from sre_docs.yamltext.parse import Limits


def _error(root: Path, text: str, name: str = "sre-docs.yaml") -> str:
    (root / name).write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_config(root, environ={})
    return str(caught.value)


@pytest.mark.parametrize("text, message", [
    ("policies:\n  SLO099:\n    level: warning\n",
     "sre-docs.yaml:2:3: unknown policy SLO099; did you mean 'SLO009'?"),
    ("policies:\n  SLO01: {level: warning}\n", "sre-docs.yaml:2:3: unknown policy SLO01; did you mean 'SLO001'?"),
    ("policies:\n  RBK001:\n    options:\n      max_age: 30\n",
     "sre-docs.yaml:4:7: RBK001 has no option 'max_age'; did you mean 'max_age_days'? (its options: max_age_days, use_git)"),
    ("policies:\n  RBK001:\n    options:\n      max_age_days: '30'\n",
     "sre-docs.yaml:4:21: RBK001 option max_age_days must be a whole number, got '30'"),
    ("policies:\n  RBK001:\n    options:\n      max_age_days: 0\n",
     "sre-docs.yaml:4:21: RBK001 option max_age_days must be at least 1, got 0"),
    ("policies:\n  SLO005:\n    options:\n      floors: {critcal: 99.99}\n",
     "sre-docs.yaml:4:15: SLO005 option floors unknown key 'critcal' (known: critical, important, standard, experimental)"),
    ("policies:\n  PM005:\n    level: warn\n",
     "sre-docs.yaml:3:12: policies.PM005.level is 'warn', not a level (error, warning, info); did you mean 'warning'?"),
    ("policies:\n  SLO001:\n    levle: error\n", "sre-docs.yaml:3:5: unknown setting 'levle' for SLO001; did you mean 'level'?"),
    ("policies:\n  SLO001:\n    enabled: 'no'\n", "sre-docs.yaml:3:14: enabled must be true or false, got 'no'"),
    ("polices: {}\n", "sre-docs.yaml:1:1: unknown setting 'polices'; did you mean 'policies'?"),
    ("fail_on: critical\n", "sre-docs.yaml:1:10: fail_on is 'critical', not a level (error, warning, info)"),
    ("today: 2026-13-01\n", "sre-docs.yaml:1:8: today must be a date (YYYY-MM-DD), got '2026-13-01'"),
    ("limits:\n  max_file_bytes: -1\n", "sre-docs.yaml:2:19: limits.max_file_bytes must be a whole number >= 1, got -1"),
    ("limits:\n  max_depht: 3\n", "sre-docs.yaml:2:3: unknown limit 'max_depht'; did you mean 'max_depth'?"),
    ("paths:\n  exclude: services/legacy\n", "sre-docs.yaml:2:12: exclude must be a list of glob patterns"),
    ("extends: strickt\n",
     "sre-docs.yaml:1:10: extends: 'strickt' is neither a preset (default, strict) nor a .yaml file; did you mean 'strict'?"),
    ("extends: base.yaml\n", "sre-docs.yaml:1:10: extends: 'base.yaml' does not exist"),
    ("policy_paths: [nowhere]\n", "sre-docs.yaml:1:16: policy folder 'nowhere' does not exist"),
    ("fail_on: error\nfail_on: info\n", "sre-docs.yaml:2:1: duplicate key 'fail_on'; each key may appear once in a mapping"),
    ("policies:\n  SLO001: {level: error\n",
     "sre-docs.yaml:3:1: syntax error: did not find expected ',' or '}' (while parsing a flow mapping)"),
    ("- a\n", "sre-docs.yaml:1:1: the config must be a mapping of settings"),
    ("fail_on: error\n---\nfail_on: info\n", "sre-docs.yaml:3:1: the config holds one YAML document; remove the '---' separator"),
])
def test_invalid_config_messages(tmp_path, text, message):
    assert _error(tmp_path, text) == f"invalid config: {message}"


def test_hostile_config_is_refused_like_any_document(tmp_path):
    message = _error(tmp_path, "fail_on: !!python/object:os.system error\n")
    assert message.startswith("invalid config: sre-docs.yaml:1:10: tag '!!python/object:os.system' is not allowed")
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(6)
    )
    assert "aliases expand to more than" in _error(tmp_path, bomb)


def test_error_in_an_extended_file_names_that_file(tmp_path):
    (tmp_path / "ci").mkdir()
    (tmp_path / "ci" / "base.yaml").write_text("policies:\n  PM005: {level: loud}\n")
    message = _error(tmp_path, "extends: ci/base.yaml\n")
    assert message.startswith("invalid config: ci/base.yaml:2:18: policies.PM005.level is 'loud'")


def test_extends_cycle_is_refused(tmp_path):
    (tmp_path / "a.yaml").write_text("extends: sre-docs.yaml\n")
    assert _error(tmp_path, "extends: a.yaml\n") == "invalid config: a.yaml:1:10: extends: 'sre-docs.yaml' leads back to itself"


def test_no_config_means_defaults(tmp_path):
    config = load_config(tmp_path, environ={})
    assert config.file is None and config.fail_on is Severity.ERROR and config.today is None
    assert config.limits == Limits()
    assert config.level("PM005") is Severity.WARNING and config.level("YAML009") is Severity.WARNING
    assert config.options("RBK001") == {"max_age_days": 90, "use_git": True}


def test_explicit_config_file_must_exist(tmp_path):
    with pytest.raises(ConfigError, match="config file does not exist"):
        load_config(tmp_path, tmp_path / "nope.yaml", environ={})


def test_layers_merge_with_the_file_winning(tmp_path):
    (tmp_path / "ci").mkdir()
    (tmp_path / "ci" / "team.yaml").write_text(
        "extends: strict\npolicies:\n  RBK001:\n    options: {max_age_days: 45}\n  CAP001: {enabled: false}\n"
    )
    (tmp_path / "sre-docs.yaml").write_text(
        "extends: [ci/team.yaml]\nfail_on: error\ntoday: 2026-11-20\n"
        "limits: {max_depth: 20}\npolicies:\n  RBK001: {level: error}\n  CAP001: true\n  SLO001: {paths: {exclude: ['services/legacy/**']}}\n"
    )
    config = load_config(tmp_path, environ={})
    assert config.fail_on is Severity.ERROR  # strict said warning; the file says error
    assert config.today == dt.date(2026, 11, 20)
    assert config.limits == Limits(max_depth=20)
    assert config.options("RBK001") == {"max_age_days": 45, "use_git": True}  # team layer over strict's 60
    assert config.level("RBK001") is Severity.ERROR
    assert config.level("PM005") is Severity.ERROR  # from strict
    assert config.enabled("CAP001")
    assert config.options("CAP001")["min_headroom_pct"] == 30.0  # strict's option survives the re-enable
    assert not config.in_scope("SLO001", "services/legacy/slos.yaml", "legacy")
    assert config.in_scope("SLO002", "services/legacy/slos.yaml", "legacy")


def test_today_from_environment_wins(tmp_path):
    (tmp_path / "sre-docs.yaml").write_text("today: 2026-11-20\n")
    assert load_config(tmp_path, environ={"SRE_DOCS_TODAY": "2027-01-05"}).today == dt.date(2027, 1, 5)
    with pytest.raises(ConfigError, match=r"\$SRE_DOCS_TODAY:1:1: 'tomorrow' is not a date"):
        load_config(tmp_path, environ={"SRE_DOCS_TODAY": "tomorrow"})


def test_strict_preset(tmp_path):
    (tmp_path / "sre-docs.yaml").write_text("extends: strict\n")
    config = load_config(tmp_path, environ={})
    assert config.fail_on is Severity.WARNING
    assert config.level("SUP003") is Severity.ERROR
    assert config.options("RBK001")["max_age_days"] == 60


@pytest.mark.parametrize("pattern, path, matches", [
    ("services/*/slos.yaml", "services/checkout/slos.yaml", True),
    ("services/*/slos.yaml", "services/checkout/sub/slos.yaml", False),
    ("services/**", "services/checkout/sub/slos.yaml", True),
    ("**/runbooks/*.yaml", "services/checkout/runbooks/a.yaml", True),
    ("**/runbooks/*.yaml", "runbooks/a.yaml", True),
    ("services/legacy-?/**", "services/legacy-1/x.yaml", True),
    ("services/[ab]*/x.yaml", "services/billing/x.yaml", True),
    ("services/[!ab]*/x.yaml", "services/billing/x.yaml", False),
    ("org/teams.yaml", "org/teams.yaml", True),
    ("org/teams.yaml", "org/teams.yamlx", False),
    ("a.b", "axb", False),
])
def test_glob(pattern, path, matches):
    assert bool(glob_regex(pattern).match(path)) is matches


def test_scope_rules():
    assert Scope().allows("x") and Scope().allows(None)
    scope = Scope(include=("pay*",), exclude=("payments-legacy",))
    assert scope.allows("payments") and not scope.allows("payments-legacy") and not scope.allows("search")
    assert not scope.allows(None), "an include list leaves out findings that belong to no service"
    assert Scope(exclude=("x",)).allows(None)
