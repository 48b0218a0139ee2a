"""Backstage catalog entities: a Component per service, and a Location that lists them.

The reliability repo already knows what Backstage's software catalog asks for: who owns
a service (``owner_team`` -> ``group:<team>``), how mature it is (the tier: critical,
important and standard services are in ``production``; experimental ones are
``experimental``), which system it belongs to and what it calls (``dependencies.upstream``
-> ``dependsOn: component:<name>``). Each Component links to its handbook page and
runbooks, and its ``backstage.io/techdocs-ref`` points TechDocs at the handbook's
MkDocs project.

Backstage's names are stricter than sre-docs' (at most 63 characters of letters, digits
and single ``-``, ``_`` or ``.`` between them), so a service whose name Backstage would
refuse is reported and left out instead of being renamed behind the owner's back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sre_docs.findings import Finding, Severity
from sre_docs.integrations.handbook_links import HandbookLinks
from sre_docs.model.repository import Repository, Service

API_VERSION = "backstage.io/v1alpha1"
#: Backstage's rule for metadata.name (and the name part of an entity reference).
ENTITY_NAME = re.compile(r"^(?=.{1,63}$)[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)*$")
#: Backstage's rule for tags.
TAG = re.compile(r"^(?=.{1,63}$)[a-z0-9:+#]+(?:-[a-z0-9:+#]+)*$")
LIFECYCLE = {"critical": "production", "important": "production", "standard": "production",
             "experimental": "experimental"}
CATALOG_FILE = "catalog-info.yaml"


@dataclass
class CatalogExport:
    """Entities by output path (relative to the output folder), and findings."""

    files: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)


def _finding(service: Service, message: str, *path: str | int, severity: Severity = Severity.WARNING) -> Finding:
    doc = service.catalog
    line, column = doc.locate(*path) if doc is not None else (1, 1)
    return Finding("EXP020", severity, doc.path if doc is not None else service.folder, line, column, message,
                   service.name)


def component(service: Service, links: HandbookLinks, techdocs_ref: str | None,
              findings: list[Finding]) -> dict[str, Any] | None:
    """The Component entity of one service, or None when Backstage could not hold it."""
    catalog = service.catalog
    if catalog is None:
        findings.append(Finding("EXP020", Severity.WARNING, service.folder, 1, 1,
                                f"service {service.name!r} has no service.yaml; no Component written", service.name))
        return None
    if not ENTITY_NAME.match(service.name):
        findings.append(_finding(service, f"service name {service.name!r} is not a valid Backstage entity name; "
                                 "no Component written", "name", severity=Severity.ERROR))
        return None
    owner = catalog.get("owner_team")
    tier = catalog.get("tier")
    if not isinstance(owner, str) or not ENTITY_NAME.match(owner) or tier not in LIFECYCLE:
        findings.append(_finding(service, f"service {service.name!r} needs a valid owner_team and tier for "
                                 "Backstage; no Component written", severity=Severity.ERROR))
        return None

    metadata: dict[str, Any] = {"name": service.name}
    if catalog.get("description"):
        metadata["description"] = catalog.get("description")
    annotations = {}
    if techdocs_ref:
        annotations["backstage.io/techdocs-ref"] = techdocs_ref
    metadata["annotations"] = annotations or None
    tags = [f"tier-{tier}"]
    language = catalog.get("language")
    if isinstance(language, str) and TAG.match(language.lower()):
        tags.append(language.lower())
    metadata["tags"] = tags
    metadata["links"] = _links(service, links)

    spec: dict[str, Any] = {"type": "service", "lifecycle": LIFECYCLE[tier], "owner": f"group:{owner}"}
    system = catalog.get("system")
    if isinstance(system, str):
        if ENTITY_NAME.match(system):
            spec["system"] = system
        else:
            findings.append(_finding(service, f"system {system!r} is not a valid Backstage entity name; left out",
                                     "system"))
    upstream = catalog.get("dependencies", "upstream", default=[])
    depends = []
    for index, name in enumerate(upstream if isinstance(upstream, list) else []):
        if isinstance(name, str) and ENTITY_NAME.match(name):
            depends.append(f"component:{name}")
        elif isinstance(name, str):
            findings.append(_finding(service, f"dependency {name!r} is not a valid Backstage entity name; left out",
                                     "dependencies", "upstream", index))
    if depends:
        spec["dependsOn"] = depends
    return {"apiVersion": API_VERSION, "kind": "Component",
            "metadata": {k: v for k, v in metadata.items() if v}, "spec": spec}


def _links(service: Service, links: HandbookLinks) -> list[dict[str, str]]:
    found: list[dict[str, str]] = []
    page = links.service_page(service.name)
    if page:
        found.append({"url": page, "title": "Reliability handbook", "icon": "docs"})
    for runbook in sorted(service.runbooks, key=lambda d: (d.get("title") or "", d.path)):
        url = links.document_page(runbook)
        if url:
            found.append({"url": url, "title": f"Runbook: {runbook.get('title') or runbook.get('alert_name')}",
                          "type": "runbook"})
    catalog = service.catalog
    for item in (catalog.get("links", default=[]) if catalog is not None else []):
        if isinstance(item, dict) and isinstance(item.get("url"), str) and "://" in item["url"]:
            found.append({"url": item["url"], "title": str(item.get("title") or item["url"])})
    dashboards = catalog.get("observability", "dashboards", default=[]) if catalog is not None else []
    for url in dashboards if isinstance(dashboards, list) else []:
        if isinstance(url, str) and "://" in url:
            found.append({"url": url, "title": "Dashboard", "icon": "dashboard"})
    return found


def export_catalog(repo: Repository, links: HandbookLinks, *, techdocs_ref: str | None,
                   services: list[str] | None = None) -> CatalogExport:
    """``<service>/catalog-info.yaml`` per service and a ``catalog-info.yaml`` Location listing them."""
    export = CatalogExport()
    if not links.known:
        export.findings.append(Finding(
            "EXP004", Severity.WARNING, "mkdocs.yml", 1, 1,
            "no site URL (pass --site-url or set site_url in mkdocs.yml): components get no handbook links",
        ))
    targets = []
    for name in services if services is not None else sorted(repo.services):
        entity = component(repo.services[name], links, techdocs_ref, export.findings)
        if entity is not None:
            path = f"{name}/{CATALOG_FILE}"
            export.files[path] = [entity]
            targets.append(f"./{path}")
    if targets:
        export.files[CATALOG_FILE] = [{
            "apiVersion": API_VERSION, "kind": "Location",
            "metadata": {"name": "sre-docs-services", "description": "Services of the reliability repo"},
            "spec": {"targets": targets},
        }]
    return export
