"""The registry is explicit and complete; organisations can add their own policies without edits."""

from __future__ import annotations

import importlib
import pkgutil
import sys
import textwrap
from pathlib import Path

import pytest

import sre_docs.policies as pack
from policy_helpers import lint_folder
from sre_docs.lint.catalog import CORE_CODES, _policy_modules, builtin_policies
from sre_docs.lint.config import ConfigError, load_config
from sre_docs.lint.policy import CODE, Option, Policy, PolicyDefinitionError

CUSTOM = '''\
"""Services must say which language they are written in.

## What it checks
x
## Why it matters
x
## Failing example
x
## Passing example
x
## Options
- `languages`
## How to fix
x
## References
- Guide
"""
from sre_docs.lint.policy import Option, problem

ID = "ORG001"
NAME = "service-language"
LEVEL = "warning"
OPTIONS = {"languages": Option(["go", "python"], "Languages the platform supports.")}


def check(repo, options):
    for service in repo.services.values():
        catalog = service.catalog
        if catalog is not None and catalog.get("language") not in options["languages"]:
            yield problem(catalog, "name", message=f"{service.name}: language must be one of {options['languages']}")
'''

SERVICE = "service:\n  name: checkout\n  tier: standard\n  owner_team: payments\n  language: rust\n"


def test_registry_lists_every_module_of_the_pack():
    on_disk = {info.name for info in pkgutil.iter_modules(pack.__path__) if not info.name.startswith("_")}
    listed = {module.__name__.rsplit(".", 1)[1] for module in pack.BUILTIN}
    assert on_disk == listed


def test_ids_and_names_are_unique_and_well_formed():
    policies = builtin_policies()
    ids = [p.id for p in policies]
    assert len(ids) == len(set(ids)) and not set(ids) & set(CORE_CODES)
    assert all(CODE.match(i) for i in ids)
    assert len({p.name for p in policies}) == len(policies)
    required = {"CAT001", "CAT002", "CAT003", "CAT004", "SLO001", "SLO002", "SLO003", "SLO004", "SLO005", "SLO006",
                "ALR001", "ALR002", "RBK001", "RBK002", "INC001", "INC002", "PM001", "PM002", "PM003", "PM004",
                "PM005", "CHS001", "CHS002", "TOL001", "CAP001", "ONC001", "ONC002", "PRR001", "BUD001"}
    assert required <= set(ids)


def _repo_with_custom(tmp_path: Path, config: str) -> Path:
    (tmp_path / "ci" / "policies").mkdir(parents=True)
    (tmp_path / "ci" / "policies" / "service_language.py").write_text(CUSTOM)
    (tmp_path / "ci" / "policies" / "_helpers.py").write_text("raise RuntimeError('helpers are not policies')\n")
    (tmp_path / "services" / "checkout").mkdir(parents=True)
    (tmp_path / "services" / "checkout" / "service.yaml").write_text(SERVICE)
    (tmp_path / "sre-docs.yaml").write_text(config)
    return tmp_path


def test_custom_policy_from_policy_paths_is_picked_up(tmp_path):
    root = _repo_with_custom(tmp_path, "policy_paths: [ci/policies]\n")
    config = load_config(root, environ={})
    assert config.catalog.policies["ORG001"].origin.endswith("service_language.py")
    found = [f for f in lint_folder(root) if f.code == "ORG001"]
    assert [(f.path, f.line, f.column, f.severity.value) for f in found] == [
        ("services/checkout/service.yaml", 2, 9, "warning")
    ]


def test_custom_policy_takes_options_and_levels(tmp_path):
    root = _repo_with_custom(tmp_path, textwrap.dedent("""\
        policy_paths: [ci/policies]
        policies:
          ORG001:
            level: error
            options: {languages: [rust]}
        """))
    assert [f for f in lint_folder(root) if f.code == "ORG001"] == []
    (root / "sre-docs.yaml").write_text("policy_paths: [ci/policies]\npolicies:\n  ORG001: {level: error}\n")
    assert [f.severity.value for f in lint_folder(root) if f.code == "ORG001"] == ["error"]


def test_custom_option_is_validated(tmp_path):
    root = _repo_with_custom(tmp_path, "policy_paths: [ci/policies]\npolicies:\n  ORG001:\n    options: {languages: go}\n")
    with pytest.raises(ConfigError) as caught:
        load_config(root, environ={})
    assert str(caught.value) == "invalid config: sre-docs.yaml:4:26: ORG001 option languages must be a list of texts, got 'go'"


def test_broken_custom_policy_is_a_config_error(tmp_path):
    root = _repo_with_custom(tmp_path, "extends: default\npolicy_paths:\n  - ci/policies\n")
    (root / "ci" / "policies" / "broken.py").write_text("ID = 'ORG002'\ndef check(repo, options):\n  return (\n")
    with pytest.raises(ConfigError) as caught:
        load_config(root, environ={})
    message = str(caught.value)
    assert message.startswith("invalid config: sre-docs.yaml:3:5: policy could not be loaded: ")
    assert "broken.py: cannot be imported: SyntaxError" in message


def test_custom_policy_cannot_reuse_an_id(tmp_path):
    root = _repo_with_custom(tmp_path, "policy_paths: [ci/policies]\n")
    (root / "ci" / "policies" / "service_language.py").write_text(CUSTOM.replace('"ORG001"', '"SLO001"'))
    with pytest.raises(ConfigError, match="ID SLO001 is already used by sre_docs.policies.slo001"):
        load_config(root, environ={})


def test_module_dropped_into_the_pack_folder_is_loaded(tmp_path, monkeypatch):
    """A module in the package folder that BUILTIN does not list is loaded as a local policy."""
    package = tmp_path / "orgpack"
    package.mkdir()
    (package / "__init__.py").write_text("BUILTIN = ()\n")
    (package / "service_language.py").write_text(CUSTOM)
    (package / "_shared.py").write_text("VALUE = 1\n")
    (package / "notes.py").write_text("TEXT = 'not a policy: no ID, no check'\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        modules = _policy_modules(importlib.import_module("orgpack"))
        assert [m.__name__ for m in modules] == ["orgpack.service_language"]
        assert Policy.from_module(modules[0]).id == "ORG001"
    finally:
        for name in [n for n in sys.modules if n == "orgpack" or n.startswith("orgpack.")]:
            del sys.modules[name]


@pytest.mark.parametrize("source, complaint", [
    ("ID = 'bad'\ndef check(r, o): return ()\n", "ID must be a code"),
    ("ID = 'ORG003'\nNAME = 'Not Kebab'\ndef check(r, o): return ()\n", "NAME must be kebab-case"),
    ("ID = 'ORG003'\nNAME = 'ok'\nLEVEL = 'fatal'\ndef check(r, o): return ()\n", "LEVEL"),
    ("ID = 'ORG003'\nNAME = 'ok'\ncheck = 3\n", "needs a check"),
    ("from sre_docs.lint.policy import Option\nID = 'ORG003'\nNAME = 'ok'\nOPTIONS = {'n': Option(1, 'd', minimum=5)}\n"
     "def check(r, o): return ()\n", "bad default"),
])
def test_malformed_policy_modules_are_refused(tmp_path, source, complaint):
    from sre_docs.lint.catalog import load_policy_directory

    (tmp_path / "policy.py").write_text(source)
    with pytest.raises(PolicyDefinitionError, match=complaint):
        load_policy_directory(tmp_path)


def test_option_type_checks():
    assert Option(1.0, "").problem_with(2) is None
    assert Option(1.0, "").problem_with(True) == "must be a number, got true"
    assert Option(1, "").problem_with(1.5) == "must be a whole number, got 1.5"
    assert Option(["a"], "", choices=("a", "b")).problem_with(["c"]) == "'c' is not one of: a, b"
    assert Option({"x": 1.0}, "").problem_with({"y": 2.0}) == "unknown key 'y' (known: x)"
    assert Option(1.0, "").problem_with(float("nan")) is not None
