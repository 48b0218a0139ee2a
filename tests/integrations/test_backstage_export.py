"""Backstage: one Component per service, in the shape Backstage's catalog accepts."""

from __future__ import annotations

import jsonschema
import pytest
import yaml

from integration_helpers import example_root
from sre_docs.cli import main
from sre_docs.integrations.backstage import export_catalog
from sre_docs.integrations.handbook_links import HandbookLinks, SiteSettings
from sre_docs.model.repository import load_repository

SITE = "https://sre.example.com"

#: Component entities as Backstage documents them (catalog descriptor format, kind Component):
#: the entity envelope, metadata rules for names, tags and links, and the Component spec.
_NAME = "^(?=.{1,63}$)[A-Za-z0-9]+([-_.][A-Za-z0-9]+)*$"
COMPONENT_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["apiVersion", "kind", "metadata", "spec"],
    "additionalProperties": False,
    "properties": {
        "apiVersion": {"const": "backstage.io/v1alpha1"},
        "kind": {"const": "Component"},
        "metadata": {
            "type": "object",
            "required": ["name"],
            "additionalProperties": False,
            "properties": {
                "name": {"type": "string", "pattern": _NAME},
                "namespace": {"type": "string", "pattern": _NAME},
                "title": {"type": "string", "minLength": 1},
                "description": {"type": "string"},
                "labels": {"type": "object", "additionalProperties": {"type": "string"}},
                "annotations": {"type": "object", "additionalProperties": {"type": "string"}},
                "tags": {"type": "array", "items": {"type": "string", "pattern": "^(?=.{1,63}$)[a-z0-9:+#]+(-[a-z0-9:+#]+)*$"}},
                "links": {"type": "array", "items": {
                    "type": "object", "required": ["url"], "additionalProperties": False,
                    "properties": {"url": {"type": "string", "minLength": 1, "pattern": "^https?://"},
                                   "title": {"type": "string", "minLength": 1},
                                   "icon": {"type": "string", "minLength": 1},
                                   "type": {"type": "string", "minLength": 1}}}},
            },
        },
        "spec": {
            "type": "object",
            "required": ["type", "lifecycle", "owner"],
            "additionalProperties": False,
            "properties": {
                "type": {"type": "string", "minLength": 1},
                "lifecycle": {"type": "string", "minLength": 1},
                "owner": {"type": "string", "minLength": 1},
                "system": {"type": "string", "minLength": 1},
                "subcomponentOf": {"type": "string", "minLength": 1},
                "providesApis": {"type": "array", "items": {"type": "string", "minLength": 1}},
                "consumesApis": {"type": "array", "items": {"type": "string", "minLength": 1}},
                "dependsOn": {"type": "array", "items": {"type": "string", "minLength": 1}},
                "dependencyOf": {"type": "array", "items": {"type": "string", "minLength": 1}},
            },
        },
    },
}
VALIDATOR = jsonschema.Draft202012Validator(COMPONENT_SCHEMA)


def _components(root, site=SITE, techdocs_ref="dir:."):
    repo = load_repository(root)
    return repo, export_catalog(repo, HandbookLinks(repo, SiteSettings(site)), techdocs_ref=techdocs_ref)


def test_component_fields(small_repo):
    _, export = _components(small_repo)
    checkout = export.files["checkout/catalog-info.yaml"][0]
    assert list(VALIDATOR.iter_errors(checkout)) == []
    assert checkout["spec"] == {"type": "service", "lifecycle": "production", "owner": "group:payments-team",
                                "system": "shop", "dependsOn": ["component:payments"]}
    assert checkout["metadata"]["annotations"] == {"backstage.io/techdocs-ref": "dir:."}
    assert checkout["metadata"]["tags"] == ["tier-critical", "python"]
    assert checkout["metadata"]["links"] == [
        {"url": f"{SITE}/services/checkout/", "title": "Reliability handbook", "icon": "docs"},
        {"url": f"{SITE}/services/checkout/runbooks/checkout-fast-burn/",
         "title": "Runbook: Checkout burns its error budget fast", "type": "runbook"},
        {"url": "https://git.example.com/shop/checkout", "title": "Source"},
    ]
    payments = export.files["payments/catalog-info.yaml"][0]
    assert payments["spec"]["lifecycle"] == "experimental"
    location = export.files["catalog-info.yaml"][0]
    assert location["kind"] == "Location"
    assert location["spec"]["targets"] == ["./checkout/catalog-info.yaml", "./payments/catalog-info.yaml"]


def test_names_backstage_refuses_are_reported_not_renamed(small_repo):
    (small_repo / "services/a..b").mkdir()
    (small_repo / "services/a..b/service.yaml").write_text(
        "service:\n  name: a..b\n  tier: standard\n  owner_team: payments-team\n  dependencies:\n    upstream: [x__y]\n")
    _, export = _components(small_repo)
    assert "a..b/catalog-info.yaml" not in export.files
    problem = next(f for f in export.findings if "a..b" in f.message)
    assert problem.severity.value == "error" and problem.path == "services/a..b/service.yaml"


def test_cli_writes_valid_yaml_files_with_a_derived_techdocs_ref(small_repo, capsys):
    out = small_repo / "catalog"
    assert main(["export", "backstage", "--root", str(small_repo), "--out", str(out), "--site-url", SITE]) == 0
    for path in sorted(out.rglob("catalog-info.yaml")):
        for entity in yaml.safe_load_all(path.read_text()):
            if entity["kind"] == "Component":
                assert list(VALIDATOR.iter_errors(entity)) == [], path
                assert entity["metadata"]["annotations"]["backstage.io/techdocs-ref"] == "dir:../.."
    assert main(["export", "backstage", "--root", str(small_repo), "--site-url", "sre.example.com"]) == 2
    assert "absolute URL" in capsys.readouterr().err


def test_every_example_service_becomes_a_valid_component():
    root = example_root()
    if root is None:
        pytest.skip("the example organisation is not in this checkout")
    repo, export = _components(root)
    components = [e for entities in export.files.values() for e in entities if e["kind"] == "Component"]
    assert len(components) == len(repo.services)
    for component in components:
        assert list(VALIDATOR.iter_errors(component)) == [], component["metadata"]["name"]
