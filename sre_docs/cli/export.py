"""``sre-docs export|import|schema``: the repo in other tools' formats, and OpenSLO in.

* ``export prometheus`` -- recording rules and burn-rate alerts for SLOs with PromQL;
* ``export grafana``    -- a dashboard per service (SLI, budget left, burn rates, alerts firing) over those rules;
* ``export openslo``    -- Service, SLI, SLO and AlertPolicy objects (OpenSLO v1);
* ``export backstage``  -- a catalog-info.yaml Component per service, and a Location;
* ``import openslo``    -- OpenSLO files into service folders (never overwrites without --force);
* ``import prometheus`` -- the alerting rules of Prometheus rule files as ``alert`` documents;
* ``schema export``     -- a JSON Schema per document kind, for editors.

Without ``--out`` an export prints one YAML stream on stdout. Findings go to stderr in
the lint text format. Exit codes: 0 done, 1 an error finding (for import: nothing was
written), 2 usage error.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from sre_docs.findings import Finding, Severity

EXIT_OK, EXIT_FINDINGS = 0, 1


def register(subparsers: argparse._SubParsersAction) -> None:
    export = subparsers.add_parser("export", help="write the repo in another tool's format",
                                   description="Write the reliability repo in another tool's format.")
    targets = export.add_subparsers(dest="target", metavar="FORMAT", required=True)

    prometheus = targets.add_parser("prometheus", help="Prometheus recording rules and burn-rate alerts")
    _common(prometheus, site=True)
    prometheus.set_defaults(func=run_prometheus)

    grafana = targets.add_parser("grafana", help="a Grafana dashboard per service over the exported rules")
    _common(grafana, site=True)
    grafana.set_defaults(func=run_grafana)

    openslo = targets.add_parser("openslo", help="OpenSLO v1 objects")
    _common(openslo, site=False)
    openslo.set_defaults(func=run_openslo_export)

    backstage = targets.add_parser("backstage", help="Backstage catalog-info.yaml Components")
    _common(backstage, site=True)
    backstage.add_argument("--techdocs-ref", metavar="REF",
                           help="backstage.io/techdocs-ref value (default: dir: path from the files to the repo root)")
    backstage.set_defaults(func=run_backstage)

    importer = subparsers.add_parser("import", help="read other tools' files into the repo",
                                     description="Read other tools' files into the reliability repo.")
    sources = importer.add_subparsers(dest="source", metavar="FORMAT", required=True)
    openslo_in = sources.add_parser("openslo", help="OpenSLO v1 files -> service folders")
    openslo_in.add_argument("files", nargs="+", type=Path, metavar="FILE", help="OpenSLO YAML files")
    openslo_in.add_argument("--root", type=Path, default=Path("."), help="repository root (default: .)")
    openslo_in.add_argument("--out", type=Path, metavar="DIR",
                            help="folder that receives <service>/ folders (default: <root>/services)")
    openslo_in.add_argument("--service", metavar="NAME",
                            help="service for SLIs and alert policies that no SLO ties to one")
    openslo_in.add_argument("--tier", default="experimental",
                            choices=("critical", "important", "standard", "experimental"),
                            help="tier of imported services that do not say (default: experimental)")
    openslo_in.add_argument("--owner-team", metavar="TEAM", help="owner team of imported services that do not say")
    openslo_in.add_argument("--window", default="28d", help="SLO window when OpenSLO gives none (default: 28d)")
    openslo_in.add_argument("--force", action="store_true", help="overwrite files that exist")
    openslo_in.add_argument("--check", action="store_true", help="report findings only; write nothing")
    openslo_in.set_defaults(func=run_openslo_import)

    prom_in = sources.add_parser("prometheus", help="Prometheus rule files -> alert documents")
    prom_in.add_argument("files", nargs="+", type=Path, metavar="FILE", help="Prometheus rule files")
    prom_in.add_argument("--root", type=Path, default=Path("."), help="repository root (default: .)")
    prom_in.add_argument("--out", type=Path, metavar="DIR",
                         help="folder that receives <service>/ folders (default: <root>/services)")
    prom_in.add_argument("--service", metavar="NAME", help="service of every imported alert (default: from labels)")
    prom_in.add_argument("--force", action="store_true", help="overwrite files that exist")
    prom_in.add_argument("--check", action="store_true", help="report findings only; write nothing")
    prom_in.set_defaults(func=run_prometheus_import)

    schema = subparsers.add_parser("schema", help="JSON Schemas of the document kinds",
                                   description="JSON Schemas of the document kinds, for editors.")
    actions = schema.add_subparsers(dest="action", metavar="ACTION", required=True)
    schema_export = actions.add_parser("export", help="write one JSON Schema per kind, and an index")
    schema_export.add_argument("out", type=Path, metavar="DIR", help="folder to write the schemas into")
    schema_export.set_defaults(func=run_schema_export)


def _common(parser: argparse.ArgumentParser, *, site: bool) -> None:
    parser.add_argument("--root", type=Path, default=Path("."), help="repository root (default: .)")
    parser.add_argument("--service", action="append", default=[], metavar="NAME",
                        help="export only this service (repeatable)")
    parser.add_argument("--out", type=Path, metavar="DIR", help="write files into DIR (default: stdout)")
    if site:
        parser.add_argument("--site-url", metavar="URL",
                            help="base URL of the published handbook (default: site_url in mkdocs.yml)")


# --- helpers ----------------------------------------------------------------------------------------


def _repository(args: argparse.Namespace):
    from sre_docs.cli import UsageError
    from sre_docs.model.repository import load_repository
    from sre_docs.schemas.validate import did_you_mean

    if not args.root.is_dir():
        raise UsageError(f"--root {args.root}: not a directory")
    repo = load_repository(args.root)
    for name in getattr(args, "service", None) or []:
        if name not in repo.services:
            close = did_you_mean(name, repo.services)
            raise UsageError(f"--service {name!r}: no such service folder" + (f"; did you mean {close!r}?" if close else ""))
    return repo


def _links(args: argparse.Namespace, repo):
    from sre_docs.integrations.handbook_links import HandbookLinks, site_settings

    if args.site_url is not None and "://" not in args.site_url:
        from sre_docs.cli import UsageError

        raise UsageError(f"--site-url {args.site_url!r}: expected an absolute URL such as https://sre.example.com/")
    return HandbookLinks(repo, site_settings(args.root, args.site_url))


def _finish(findings: list[Finding], written: list[Path], what: str) -> int:
    from sre_docs.integrations.export_files import report_findings

    report_findings(findings)
    for path in written:
        print(f"sre-docs: wrote {path}", file=sys.stderr)
    if not written:
        print(f"sre-docs: {what}", file=sys.stderr)
    return EXIT_FINDINGS if any(f.severity is Severity.ERROR for f in findings) else EXIT_OK


def _write(args: argparse.Namespace, files: dict[str, str], stream_text: str) -> list[Path]:
    from sre_docs.cli import UsageError
    from sre_docs.integrations.export_files import write_outputs
    from sre_docs.yamltext.safe_write import WriteRefused

    if args.out is None:
        sys.stdout.write(stream_text)
        return []
    try:
        return write_outputs(args.out, files)
    except (WriteRefused, OSError) as exc:
        raise UsageError(f"cannot write into {args.out}: {exc}") from None


# --- exports ----------------------------------------------------------------------------------------


def run_prometheus(args: argparse.Namespace) -> int:
    from sre_docs.integrations.export_files import dump_yaml
    from sre_docs.integrations.prometheus import prometheus_rules

    repo = _repository(args)
    export = prometheus_rules(repo, _links(args, repo), args.service or None)
    summary = f"{export.slos_exported} SLO(s) and {export.alerts_exported} alert(s) exported"
    if export.slos_without_promql:
        summary += f"; {len(export.slos_without_promql)} SLO(s) have no prometheus queries in their SLI"
    if export.alerts_without_expr:
        summary += f"; {len(export.alerts_without_expr)} alert(s) have no expr"
    if any(f.severity is Severity.ERROR for f in export.findings):
        # A partial export would deploy without the refused alerts and look complete: write nothing.
        return _finish(export.findings, [], "errors found, nothing written")
    files = {f"{service}.rules.yaml": dump_yaml(rules) for service, rules in export.files.items()}
    merged = {"groups": [g for rules in export.files.values() for g in rules["groups"]]}
    written = _write(args, files, dump_yaml(merged) if merged["groups"] else "")
    print(f"sre-docs: {summary}", file=sys.stderr)
    return _finish(export.findings, written, "nothing written" if args.out else "rules written to stdout")


def run_grafana(args: argparse.Namespace) -> int:
    from sre_docs.integrations.grafana import grafana_dashboards
    from sre_docs.integrations.prometheus import prometheus_rules

    repo = _repository(args)
    rules = prometheus_rules(repo, _links(args, repo), args.service or None)
    if any(f.severity is Severity.ERROR for f in rules.findings):
        # The dashboards query the exported rules: if those cannot be written, neither can these.
        return _finish(rules.findings, [], "errors found, nothing written")
    export = grafana_dashboards(repo, rules)
    files = {f"{service}.json": text for service, text in export.files.items()}
    # On stdout, one JSON array of the dashboards; with --out, a file per service.
    stream = "[\n" + ",\n".join(text.rstrip("\n") for text in export.files.values()) + "\n]\n" if files else "[]\n"
    written = _write(args, files, stream)
    print(f"sre-docs: {len(files)} dashboard(s) over the rules of `sre-docs export prometheus`", file=sys.stderr)
    return _finish(export.findings, written, "nothing written" if args.out else "dashboards written to stdout")


def run_openslo_export(args: argparse.Namespace) -> int:
    from sre_docs.integrations.openslo_export import export_openslo
    from sre_docs.integrations.export_files import dump_documents

    repo = _repository(args)
    export = export_openslo(repo, args.service or None)
    files = {f"{service}.yaml": dump_documents(objects) for service, objects in export.by_service.items()}
    if export.targets:
        files["notification-targets.yaml"] = dump_documents(export.targets)
    written = _write(args, files, dump_documents(export.objects()))
    return _finish(export.findings, written, "OpenSLO written to stdout")


def run_backstage(args: argparse.Namespace) -> int:
    from sre_docs.integrations.backstage import export_catalog
    from sre_docs.integrations.export_files import dump_documents

    repo = _repository(args)
    findings: list[Finding] = []
    techdocs_ref = args.techdocs_ref
    if techdocs_ref is None:
        if args.out is None:
            techdocs_ref = "dir:."
        else:
            root, folder = args.root.resolve(), (args.out.resolve() / "service")
            if folder.is_relative_to(root):
                techdocs_ref = "dir:" + Path(os.path.relpath(root, folder)).as_posix()
            else:
                findings.append(Finding("EXP021", Severity.WARNING, "mkdocs.yml", 1, 1,
                                        "--out is outside the repo, so no techdocs-ref can be derived; pass "
                                        "--techdocs-ref (e.g. url:https://github.com/ORG/REPO/tree/main)"))
    export = export_catalog(repo, _links(args, repo), techdocs_ref=techdocs_ref, services=args.service or None)
    files = {path: dump_documents(entities) for path, entities in export.files.items()}
    components = [e for path, entities in sorted(export.files.items()) for e in entities if e["kind"] == "Component"]
    written = _write(args, files, dump_documents(components))
    return _finish(findings + export.findings, written, "catalog written to stdout")


# --- import -----------------------------------------------------------------------------------------


def run_openslo_import(args: argparse.Namespace) -> int:
    from sre_docs.cli import UsageError
    from sre_docs.integrations.openslo_import import ImportOptions, import_openslo, render_files
    from sre_docs.integrations.openslo_read import read_objects
    from sre_docs.schemas.types import DURATION, IDENTIFIER

    for value, option in ((args.service, "--service"), (args.owner_team, "--owner-team")):
        if value is not None and not IDENTIFIER.match(value):
            raise UsageError(f"{option} {value!r}: not a valid name")
    if not DURATION.match(args.window):
        raise UsageError(f"--window {args.window!r}: expected a duration such as 28d")
    sources = []
    for file in args.files:
        try:
            sources.append((str(file), file.read_bytes()))
        except OSError as exc:
            raise UsageError(f"cannot read {file}: {exc.strerror or exc}") from None
    services_dir = args.root / "services"
    existing = frozenset(p.name for p in services_dir.iterdir() if (p / "service.yaml").is_file()) \
        if services_dir.is_dir() else frozenset()
    objects, findings = read_objects(sources)
    options = ImportOptions(default_service=args.service, tier=args.tier, owner_team=args.owner_team,
                            window=args.window, existing_services=existing)
    result = import_openslo(objects, options)
    findings = findings + result.findings
    return _write_imported(args, findings, render_files(result), None, codes=("OSL090", "OSL091"))


def run_prometheus_import(args: argparse.Namespace) -> int:
    from sre_docs.cli import UsageError
    from sre_docs.integrations.prometheus_import import import_rules, render_alert_files
    from sre_docs.schemas.types import IDENTIFIER

    if args.service is not None and not IDENTIFIER.match(args.service):
        raise UsageError(f"--service {args.service!r}: not a valid name")
    sources = []
    for file in args.files:
        try:
            sources.append((str(file), file.read_bytes()))
        except OSError as exc:
            raise UsageError(f"cannot read {file}: {exc.strerror or exc}") from None
    known = None
    if (args.root / "services").is_dir():
        from sre_docs.integrations.prometheus_import import KnownRepo
        from sre_docs.loading.site_settings import site_settings
        from sre_docs.model.repository import load_repository

        known = KnownRepo(load_repository(args.root), site_settings(args.root))
    result = import_rules(sources, service=args.service, known=known)
    summary = (f"{sum(len(a) for a in result.alerts.values())} alert(s) imported; {result.recording_rules} "
               f"recording rule(s) and {result.exported_by_sre_docs} rule(s) exported by sre-docs left out")
    return _write_imported(args, result.findings, render_alert_files(result), summary)


def _write_imported(args: argparse.Namespace, findings: list[Finding], files: dict[str, str], summary: str | None,
                    *, codes: tuple[str, str] = ("PRM090", "PRM091")) -> int:
    """Check imported documents against their schema, then write them (never over a file without --force).

    ``codes`` name the two refusals in the importer's own family: a document that fails its schema, and a
    file that exists already.
    """
    from sre_docs.cli import UsageError
    from sre_docs.integrations.export_files import report_findings
    from sre_docs.loading.loader import check_document_text
    from sre_docs.yamltext.safe_write import WriteRefused, create_file

    findings = list(findings)
    for path, text in files.items():
        service = path.split("/")[1]
        for problem in check_document_text(text, path, service).errors:
            findings.append(Finding(codes[0], Severity.ERROR, problem.path, problem.line, problem.column,
                                    f"the imported document would not pass its schema: {problem.message}", service))
    out = args.out if args.out is not None else args.root / "services"
    targets = {out / path.split("/", 1)[1]: text for path, text in files.items()}
    failed = any(f.severity is Severity.ERROR for f in findings)
    if not args.force and not failed:
        for target in targets:
            if target.exists() and target.read_text(encoding="utf-8", errors="replace") != targets[target]:
                findings.append(Finding(codes[1], Severity.ERROR, str(target), 1, 1,
                                        "already exists; use --force to overwrite it, or --out DIR"))
        failed = any(f.severity is Severity.ERROR for f in findings)
    report_findings(findings)
    if summary is not None:
        print(f"sre-docs: {summary}", file=sys.stderr)
    if failed or args.check:
        verdict = "errors found, nothing written" if failed else f"{len(targets)} file(s) would be written"
        print(f"sre-docs: {verdict}", file=sys.stderr)
        return EXIT_FINDINGS if failed else EXIT_OK
    for target, text in sorted(targets.items()):
        try:
            if create_file(target, text, force=args.force):
                print(f"sre-docs: wrote {target}", file=sys.stderr)
        except (WriteRefused, OSError) as exc:
            raise UsageError(str(exc)) from None
    return EXIT_OK


# --- schemas ----------------------------------------------------------------------------------------


def run_schema_export(args: argparse.Namespace) -> int:
    from sre_docs.integrations.jsonschema_export import export_files

    written = _write(args, export_files(), "")
    return _finish([], written, "nothing written")
