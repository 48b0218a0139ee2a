"""OpenSLO: export then import keeps every carried field; the SDK's examples import in place."""

from __future__ import annotations

from pathlib import Path

import pytest

from integration_helpers import OPENSLO_EXAMPLES, example_root
from sre_docs.cli import main
from sre_docs.findings import Severity
from sre_docs.integrations.openslo_common import CARRIED_BURN_ALERT_FIELDS, CARRIED_FIELDS, openslo_name
from sre_docs.integrations.openslo_export import export_openslo
from sre_docs.integrations.openslo_import import ImportOptions, import_openslo, render_files
from sre_docs.integrations.openslo_read import read_objects
from sre_docs.integrations.export_files import dump_documents
from sre_docs.model.repository import Repository, load_repository

needs_examples = pytest.mark.skipif(not OPENSLO_EXAMPLES.is_dir(), reason="shared/openslo-examples is not here")


def _carried(repo: Repository) -> dict[tuple[str, str, str], dict]:
    """The fields OpenSLO carries, of every service, SLI and SLO that export writes."""
    found = {}
    for name, service in repo.services.items():
        sli_names = {d.get("name") for d in service.slis}
        for doc in [service.catalog, *service.slis, *service.slos]:
            if doc is None:
                continue
            if doc.kind == "slo" and (doc.get("sli") not in sli_names or doc.get("target") is None):
                continue  # not exportable: reported by the exporter, checked below
            body = {k: doc.get(k) for k in CARRIED_FIELDS[doc.kind] if doc.get(k) is not None}
            if doc.kind == "slo":
                body["name"] = service.slo_name(doc)
                body["burn_rate_alerts"] = [
                    {k: a.get(k) for k in CARRIED_BURN_ALERT_FIELDS if a.get(k) is not None}
                    for a in doc.get("burn_rate_alerts", default=[]) if isinstance(a, dict)]
            found[(name, doc.kind, body.get("name"))] = body
    return found


def _round_trip(root: Path, tmp_path: Path) -> tuple[Repository, Repository]:
    original = load_repository(root)
    export = export_openslo(original)
    exported = tmp_path / "openslo.yaml"
    exported.write_text(dump_documents(export.objects()))
    objects, findings = read_objects([(str(exported), exported.read_bytes())])
    result = import_openslo(objects)
    problems = [f for f in findings + result.findings if f.severity is not Severity.INFO]
    assert problems == []
    target = tmp_path / "imported"
    for path, text in render_files(result).items():
        (target / path).parent.mkdir(parents=True, exist_ok=True)
        (target / path).write_text(text)
    return original, load_repository(target)


def test_round_trip_of_a_small_repo(small_repo, tmp_path):
    original, imported = _round_trip(small_repo, tmp_path)
    assert imported.findings == []
    assert _carried(imported) == _carried(original)
    assert len(_carried(original)) == 8  # 2 services, 3 SLIs, 3 SLOs: nothing skipped


def test_round_trip_of_the_example_organisation(tmp_path):
    root = example_root()
    if root is None:
        pytest.skip("the example organisation is not in this checkout")
    original, imported = _round_trip(root, tmp_path)
    assert [f for f in imported.findings if f.severity is Severity.ERROR] == []
    before, after = _carried(original), _carried(imported)
    assert after == before
    assert sum(1 for key in before if key[1] == "slo") >= 10


def test_export_shape(small_repo):
    export = export_openslo(load_repository(small_repo))
    kinds = [o["kind"] for o in export.objects()]
    assert kinds.count("Service") == 2 and kinds.count("SLI") == 3 and kinds.count("SLO") == 3
    slo = next(o for o in export.objects() if o["kind"] == "SLO" and o["metadata"]["name"] == "checkout-checkout-availability")
    assert slo["spec"]["indicatorRef"] == "checkout-request-success-rate"
    assert slo["spec"]["objectives"] == [{"displayName": "checkout-availability", "target": 0.9995}]
    assert slo["spec"]["timeWindow"] == [{"duration": "28d", "isRolling": True}]
    names = {o["metadata"]["name"] for o in export.objects()}
    assert all(len(n) <= 63 and n == openslo_name(n) for n in names)
    policy = next(o for o in export.objects() if o["kind"] == "AlertPolicy")
    condition = policy["spec"]["conditions"][0]
    # alertAfter is how long the condition holds before alerting (Prometheus' for:); this SLO sets none. The
    # short window has no OpenSLO field and travels as an annotation.
    assert condition["spec"]["condition"] == {"kind": "burnrate", "op": "gt", "threshold": 13.44,
                                              "lookbackWindow": "1h"}
    assert condition["metadata"]["annotations"]["sre-docs/short-window"] == "5m"


def test_openslo_names():
    assert openslo_name("checkout", "request_success_rate") == "checkout-request-success-rate"
    assert openslo_name("A.B__c") == "a-b-c"
    long = openslo_name("x" * 40, "y" * 40)
    assert len(long) == 63 and long != openslo_name("x" * 40, "y" * 39 + "z")


# --- the OpenSLO SDK's examples, read in place ----------------------------------------------------------------


def _import_files(paths: list[Path], **options):
    objects, findings = read_objects([(str(p), p.read_bytes()) for p in paths])
    result = import_openslo(objects, ImportOptions(**options))
    return result, findings + result.findings


@needs_examples
def test_every_v1_example_imports():
    files = sorted((OPENSLO_EXAMPLES / "v1").glob("*.yaml"))
    result, findings = _import_files(files)
    assert [f for f in findings if f.severity is Severity.ERROR] == []
    docs = result.documents
    assert sorted(docs) == ["example-service", "web"]
    assert [d["sli"]["name"] for d in docs["example-service"]["sli"]] == [
        "search-availability", "end-user-response", "wifi-client-satisfaction", "annotator-throughput"]
    assert [d["alert"]["name"] for d in docs["example-service"]["alert"]] == [
        "low-priority", "high-priority", "medium-priority"]
    slo = docs["web"]["slo"][0]["slo"]
    assert (slo["name"], slo["sli"], slo["target"], slo["window"]) == (
        "web-availability", "web-successful-requests-ratio", 99.5, "1w")
    assert docs["web"]["sli"][0]["sli"]["prometheus"]["total_events"] == (
        'sum(http_requests{k8s_cluster="prod",component="web"})')
    warnings = {(f.code, f.message.split("'")[3]) for f in findings if f.code in ("OSL013", "OSL014")}
    assert warnings == {
        ("OSL013", "on-call-mail-notification"), ("OSL013", "on-call-pd-notification"),
        ("OSL014", "my-datadog"), ("OSL014", "appdynamics"), ("OSL014", "my-prometheus"),
    }
    assert all(f.severity is Severity.WARNING for f in findings if f.code in ("OSL013", "OSL014"))
    # The one spec remark: the example sets op on the objective of a ratio SLI, which means nothing there.
    assert [(Path(f.path).name, f.line, f.code) for f in findings if f.code.startswith("OSL06")] == [
        ("slos.yaml", 40, "OSL069")]


@needs_examples
@pytest.mark.parametrize("name", ["single_object.yaml", "sequence_of_objects.yaml", "two_documents.yaml"])
def test_every_decode_example_imports(name):
    result, findings = _import_files([OPENSLO_EXAMPLES / "decode" / name])
    assert [f for f in findings if f.severity is Severity.ERROR] == []
    services = {"single_object.yaml": ["users-auth"], "sequence_of_objects.yaml": ["users-auth", "users-login"],
                "two_documents.yaml": ["users-auth", "users-login"]}[name]
    assert sorted(result.documents) == services


@needs_examples
def test_the_decode_example_without_a_time_window_is_refused_for_the_specs_reason():
    # The SDK keeps it to test decoding; its validation wants exactly one timeWindow (SliceLength(1, 1)).
    path = OPENSLO_EXAMPLES / "decode" / "v1_slos.yaml"
    result, findings = _import_files([path])
    errors = [(f.code, f.line, f.column, f.message) for f in findings if f.severity is Severity.ERROR]
    assert errors == [("OSL067", 7, 5, "SLO 'foo-slo': timeWindow must hold exactly one window, not 0")]
    assert result.failed


@needs_examples
@pytest.mark.parametrize(("name", "code", "missing", "severity"), [
    ("v1_alert_policies_invalid_condition.yaml", "OSL012", "cpu-usage-breach", Severity.ERROR),
    ("v1_alert_policies_invalid_target.yaml", "OSL013", "devs-email-notification", Severity.WARNING),
    ("v1_slo_invalid_policy.yaml", "OSL011", "no-policy", Severity.ERROR),
    ("v1_slo_invalid_sli.yaml", "OSL010", "no-sli", Severity.ERROR),
])
def test_every_inline_invalid_example_names_the_missing_object(name, code, missing, severity):
    path = OPENSLO_EXAMPLES / "inline-invalid" / name
    _, findings = _import_files([path], default_service="web")
    dangling = [f for f in findings if f.code == code]
    assert len(dangling) == 1
    assert f"'{missing}'" in dangling[0].message and dangling[0].severity is severity
    assert dangling[0].path == str(path) and dangling[0].line > 1


@needs_examples
def test_cli_import_exit_codes(tmp_path, capsys):
    root = tmp_path / "repo"
    root.mkdir()
    bad = OPENSLO_EXAMPLES / "inline-invalid" / "v1_slo_invalid_sli.yaml"
    assert main(["import", "openslo", str(bad), "--root", str(root)]) == 1
    err = capsys.readouterr().err
    assert "'no-sli'" in err and "nothing written" in err
    assert not (root / "services").exists()

    good = sorted((OPENSLO_EXAMPLES / "v1").glob("*.yaml"))
    assert main(["import", "openslo", *map(str, good), "--root", str(root), "--check"]) == 0
    assert not (root / "services").exists()
    assert main(["import", "openslo", *map(str, good), "--root", str(root), "--owner-team", "web-team"]) == 0
    written = sorted(p.relative_to(root).as_posix() for p in root.rglob("*.yaml"))
    assert written == [
        "services/example-service/alerts.yaml", "services/example-service/service.yaml",
        "services/example-service/slis.yaml", "services/web/service.yaml", "services/web/slis.yaml",
        "services/web/slos.yaml"]
    assert "owner_team: web-team" in (root / "services/web/service.yaml").read_text()
    repo = load_repository(root)
    assert [f for f in repo.findings if f.severity is Severity.ERROR] == []

    (root / "services/web/slos.yaml").write_text("# edited by hand\n")
    capsys.readouterr()
    assert main(["import", "openslo", *map(str, good), "--root", str(root)]) == 1
    assert "use --force" in capsys.readouterr().err
    assert (root / "services/web/slos.yaml").read_text() == "# edited by hand\n"
    assert main(["import", "openslo", *map(str, good), "--root", str(root), "--force"]) == 0
    assert "web-availability" in (root / "services/web/slos.yaml").read_text()


def test_hostile_and_foreign_input_become_findings(tmp_path):
    files = {
        "list.yaml": b"- 3\n- apiVersion: openslo/v1alpha\n  kind: SLO\n",
        "kind.yaml": b"apiVersion: openslo/v1\nkind: Project\nmetadata: {name: x}\n",
        "broken.yaml": b"apiVersion: [unclosed\n",
        "noname.yaml": b"apiVersion: openslo/v1\nkind: SLI\nmetadata: {}\n",
    }
    sources = [(name, data) for name, data in files.items()]
    objects, findings = read_objects(sources)
    assert objects == []
    codes = sorted((f.path, f.code) for f in findings)
    assert ("kind.yaml", "OSL002") in codes and ("noname.yaml", "OSL003") in codes
    assert [c for p, c in codes if p == "list.yaml"] == ["OSL001", "OSL001"]
    assert any(p == "broken.yaml" and c.startswith("YAML") for p, c in codes)


def test_bad_values_are_errors_with_positions():
    text = b"""\
apiVersion: openslo/v1
kind: SLO
metadata: {name: s}
spec:
  service: web
  indicator:
    metadata: {name: i}
    spec:
      ratioMetric:
        counter: true
        good: {metricSource: {type: Prometheus, spec: {query: 'ok_total'}}}
        total: {metricSource: {type: Prometheus, spec: {query: 'sum(all_total)'}}}
  timeWindow: [{duration: 1M, isRolling: true}]
  objectives:
    - target: 1.5
"""
    objects, _ = read_objects([("s.yaml", text)])
    result = import_openslo(objects, ImportOptions())
    by_code = {f.code: f for f in result.findings}
    assert by_code["OSL050"].line == 15 and "strictly between 0 and 100" in by_code["OSL050"].message
    assert by_code["OSL032"].line == 12  # a counter that cannot be turned into a rate
    assert any(f.code == "OSL031" and "30d" in f.message for f in result.findings)
    assert result.documents["web"]["sli"][0]["sli"]["prometheus"]["good_events"] == (
        "sum(rate(ok_total[{{.window}}]))")
    assert "slo" not in result.documents["web"]
