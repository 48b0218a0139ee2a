"""Files sre-docs writes beside the documents: the lint baseline, the exports and the JSON
Schemas, and what ``import openslo`` writes back into the repo.

For hostile repos (messages and names full of quotes, markup, YAML look-alikes and
unicode): the baseline reads back as the findings it was written from and accepts exactly
them; every export file reads back -- with a YAML 1.1 reader (PyYAML, Prometheus' Go
yaml.v2) and with a YAML 1.2 core-schema reader (sre-docs' own, Backstage's ``yaml``,
OpenSLO's Go yaml.v3) -- as the objects that were exported; and writing any of them twice
gives the bytes of writing once.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path
from typing import Any

import yaml
from fuzz_checks import config_for, lint, write_repo
from fuzz_strategies import hostile_repo, repo_files
from fuzz_support import fuzz_settings, scratch
from hypothesis import given
from hypothesis import strategies as st

from sre_docs.lint import baseline
from sre_docs.integrations.backstage import export_catalog
from sre_docs.integrations.handbook_links import HandbookLinks, SiteSettings
from sre_docs.integrations.jsonschema_export import export_files
from sre_docs.integrations.openslo_export import export_openslo
from sre_docs.integrations.openslo_import import (
    ImportOptions,
    import_openslo,
    render_files,
)
from sre_docs.integrations.openslo_read import read_objects
from sre_docs.integrations.export_files import dump_documents, dump_yaml, write_outputs
from sre_docs.integrations.prometheus import prometheus_rules
from sre_docs.yamltext.parse import parse_text
from sre_docs.yamltext.safe_write import create_file


def same(a: Any, b: Any) -> bool:
    """Deep equality that tells 1, 1.0 and True apart (and finds .nan equal to itself)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return a == b


def json_safe(value: Any) -> Any:
    """What the exported objects are as data: tuples are lists."""
    if isinstance(value, dict):
        return {k: json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(v) for v in value]
    return value


def read_back(text: str, path: str) -> tuple[list[Any], list[Any]]:
    """The documents of ``text`` through a YAML 1.1 reader and through sre-docs' YAML 1.2 reader."""
    yaml11 = [d for d in yaml.safe_load_all(text) if d is not None]
    parsed = parse_text(text, path)
    assert not [f for f in parsed.findings if f.code != "YAML010"], [(f.code, f.message) for f in parsed.findings]
    return yaml11, [d.value for d in parsed.documents if d.value is not None]


def write_twice(folder: Path, files: dict[str, str]) -> dict[str, bytes]:
    write_outputs(folder, files)
    first = {p: (folder / p).read_bytes() for p in files}
    write_outputs(folder, files)
    assert {p: (folder / p).read_bytes() for p in files} == first, "writing twice changed the bytes"
    return first


@fuzz_settings(share=0.5)
@given(files=st.one_of(hostile_repo(), repo_files()))
def test_exports_read_back_and_rewrite_identically(files: dict[str, bytes]) -> None:
    with scratch() as folder:
        root = write_repo(folder / "repo", files)
        repo = lint(root, config_for(root), use_git=False).repo
        links = HandbookLinks(repo, SiteSettings("https://sre.example/handbook/", True))
        outputs: dict[str, tuple[str, list[Any]]] = {}
        for service, rules in prometheus_rules(repo, links).files.items():
            outputs[f"prometheus/{service}.rules.yaml"] = (dump_yaml(rules), [rules])
        openslo = export_openslo(repo)
        for service, objects in openslo.by_service.items():
            outputs[f"openslo/{service}.yaml"] = (dump_documents(objects), objects)
        for path, entities in export_catalog(repo, links, techdocs_ref="dir:.").files.items():
            outputs[f"backstage/{path}"] = (dump_documents(entities), entities)
        written = write_twice(folder / "out", {path: text for path, (text, _) in outputs.items()})
        for path, (_, intended) in outputs.items():
            yaml11, yaml12 = read_back(written[path].decode("utf-8"), path)
            assert same(yaml11, json_safe(intended)), f"{path}: a YAML 1.1 reader gets {yaml11!r}"
            assert same(yaml12, json_safe(intended)), f"{path}: a YAML 1.2 reader gets {yaml12!r}"


@fuzz_settings(share=0.5)
@given(files=st.one_of(hostile_repo(), repo_files()))
def test_baseline_reads_back_and_accepts_exactly_its_findings(files: dict[str, bytes]) -> None:
    with scratch() as folder:
        root = write_repo(folder / "repo", files)
        findings = lint(root, config_for(root), use_git=False).findings
        path = folder / "baseline.json"
        baseline.write(path, findings)
        first = path.read_bytes()
        baseline.write(path, list(reversed(findings)))
        assert path.read_bytes() == first, "the baseline depends on the order of the findings"
        document = json.loads(first)
        assert sum(entry["count"] for entry in document["findings"]) == len(findings)
        accepted = baseline.read(path)
        assert accepted.counts == Counter(baseline.key(f) for f in findings)
        new, known = accepted.split(findings)
        assert new == [] and len(known) == len(findings)
        if findings:  # one more of any finding is new
            new, _ = accepted.split([*findings, findings[0]])
            assert new == [findings[0]]


def test_schema_export_is_json_and_rewrites_identically(tmp_path: Path) -> None:
    files = export_files()
    written = write_twice(tmp_path, files)
    for name, data in written.items():
        assert json.loads(data) is not None, name
    assert export_files() == files


@fuzz_settings(share=0.5)
@given(files=st.one_of(hostile_repo(), repo_files()))
def test_openslo_import_writes_what_it_imported(files: dict[str, bytes]) -> None:
    """``sre-docs import openslo`` of what the export wrote: every file it creates reads back as the
    documents it imported, and importing again with --force leaves the bytes as they are."""
    with scratch() as folder:
        root = write_repo(folder / "repo", files)
        repo = lint(root, config_for(root), use_git=False).repo
        exported = export_openslo(repo).objects()
        objects, _ = read_objects([("export.yaml", dump_documents(exported).encode("utf-8"))])
        result = import_openslo(objects, ImportOptions(owner_team="payments"))
        rendered = render_files(result)
        target = folder / "imported"
        for path, text in rendered.items():
            create_file(target / path, text)
            service = path.split("/")[1]
            values = [d.value for d in parse_text((target / path).read_text(encoding="utf-8"), path).documents]
            kind = next(iter(values[0]))
            assert same(values, json_safe(result.documents[service][kind])), path
        before = {p: (target / p).read_bytes() for p in rendered}
        for path, text in render_files(import_openslo(objects, ImportOptions(owner_team="payments"))).items():
            assert create_file(target / path, text, force=True) is False
        assert {p: (target / p).read_bytes() for p in rendered} == before
