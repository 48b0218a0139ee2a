"""OpenSLO v1 objects -> sre-docs documents (service, sli, slo, alert), with findings.

Resolution follows the references OpenSLO objects hold on each other:

* an SLO names its service (``spec.service``), its SLI (inline ``indicator`` or
  ``indicatorRef``) and its alert policies (inline or ``alertPolicyRef``); an alert policy
  names its conditions and notification targets; a metric names its data source.
* A missing SLI, alert policy or alert condition leaves a document that cannot be written
  faithfully: an **error** naming the missing object, and nothing is written. A missing
  notification target or data source only loses context: a **warning**. A service that
  no Service object defines is created (a warning says so) unless the repo has it.
* An SLO's alert policies become its ``burn_rate_alerts`` (threshold -> burn_rate,
  lookbackWindow -> long_window; alertAfter, how long the condition must hold first, -> the SLO's
  ``alerting.for``, Prometheus' ``for:``; the short window comes back from the ``sre-docs/short-window``
  annotation, else is the Workbook's 1/12 of the long one). An SLI or alert policy that
  no SLO uses still needs a service folder: the one given by ``--service``, else the only
  Service the files define; an alert policy on its own becomes an ``alert`` document.
* What sre-docs cannot hold (time-slice budgeting, calendar windows, non-Prometheus
  queries as machine-readable metrics) is reported as information or a warning, so the
  loss is visible.

Fields written by ``sre-docs export openslo`` under ``sre-docs/`` annotations are read
back, which makes export-then-import lossless for the fields listed in ``openslo_common``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sre_docs.calc.alerts import alert_severity
from sre_docs.findings import Finding, Severity
from sre_docs.integrations.openslo_common import (
    SERVICE_ANNOTATIONS, SLO_ANNOTATIONS, annotation, openslo_name, percent_from_ratio,
)
from sre_docs.integrations.openslo_convert import (
    FOR_KEY, OP_WORDS, alerting_of, annotated, for_conflicts, held_for, burn_alert, description_of, duration, items, original_name,
    sli_document, unique_names,
)
from sre_docs.integrations.openslo_read import Located, index_objects
from sre_docs.integrations.openslo_validate import validate
from sre_docs.schemas.types import IDENTIFIER
from sre_docs.schemas.vocabulary import TIERS

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO
DEFAULT_OWNER = "unassigned"


@dataclass(frozen=True)
class ImportOptions:
    """Answers for what OpenSLO does not say."""

    default_service: str | None = None
    tier: str = "experimental"
    owner_team: str | None = None
    window: str = "28d"
    #: Services that already exist in the target repo (their service.yaml is kept).
    existing_services: frozenset[str] = frozenset()


@dataclass
class ImportResult:
    """sre-docs documents by service and kind (``{"slo": [{"slo": {...}}, ...]}``), and findings."""

    documents: dict[str, dict[str, list[dict[str, Any]]]] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    def add(self, service: str, kind: str, body: dict[str, Any]) -> None:
        self.documents.setdefault(service, {}).setdefault(kind, []).append({kind: body})

    @property
    def failed(self) -> bool:
        return any(f.severity is Severity.ERROR for f in self.findings)


class _Importer:
    def __init__(self, objects: list[Located], options: ImportOptions) -> None:
        self.options = options
        self.result = ImportResult()
        self.index, duplicates = index_objects(objects)
        self.result.findings.extend(duplicates)
        self.result.findings.extend(validate(objects))
        self.used_slis: set[str] = set()
        self.used_policies: set[str] = set()
        self.sli_homes: dict[tuple[str, str], str] = {}  # (service, sre-docs SLI name) -> written
        self.services_seen: set[str] = set()

    def note(self, finding: Finding) -> None:
        self.result.findings.append(finding)

    # -- references ------------------------------------------------------------------------------
    #: Finding code and severity of a dangling reference, by the kind it names.
    MISSING = {"SLI": ("OSL010", E), "AlertPolicy": ("OSL011", E), "AlertCondition": ("OSL012", E),
               "AlertNotificationTarget": ("OSL013", W)}

    def resolve(self, owner: Located, kind: str, item_path: tuple[Any, ...], ref_key: str, role: str) -> Located | None:
        """An inline object at ``item_path`` of ``owner``, or the object its ``ref_key`` names."""
        item = owner.get(*item_path)
        if isinstance(item, dict) and isinstance(item.get(ref_key), str):
            name = item[ref_key]
            found = self.index[kind].get(name)
            if found is None:
                code, severity = self.MISSING[kind]
                self.note(owner.finding(
                    code, severity,
                    f"{owner.kind} {owner.name!r} refers to {role} {name!r}, which is not defined in the "
                    f"imported files", *item_path, ref_key))
            return found
        if isinstance(item, dict):
            return owner.part(kind, *item_path)
        self.note(owner.finding("OSL050", E, f"{owner.kind} {owner.name!r}: expected an inline {kind} or a {ref_key}",
                                *item_path))
        return None

    def check_source(self, owner: Located, path: tuple[Any, ...]) -> None:
        ref = owner.get(*path, "metricSourceRef")
        if isinstance(ref, str) and ref not in self.index["DataSource"]:
            self.note(owner.finding(
                "OSL014", W, f"{owner.kind} {owner.name!r} reads from data source {ref!r}, which is not defined in "
                "the imported files", *path, "metricSourceRef"))

    # -- services --------------------------------------------------------------------------------
    def service_name(self, ref: str) -> str:
        defined = self.index["Service"].get(ref)
        return original_name(defined) if defined is not None else ref

    def home(self, obj: Located) -> str | None:
        """The service folder of an object no SLO ties to a service."""
        if self.options.default_service:
            return self.options.default_service
        defined = sorted(self.index["Service"])
        candidates = [self.service_name(n) for n in defined] or sorted(
            {s for s in (slo.get("spec", "service") for slo in self.index["SLO"].values()) if isinstance(s, str)})
        if len(candidates) == 1:
            return candidates[0]
        self.note(obj.finding(
            "OSL040", E, f"{obj.kind} {obj.name!r} is not used by any SLO, so its service is unknown; pass "
            f"--service NAME (the files define {len(candidates)} services)", "metadata", "name"))
        return None

    def ensure_service(self, name: str, cause: Located, path: tuple[Any, ...]) -> None:
        if name in self.services_seen or name in self.options.existing_services:
            return
        self.services_seen.add(name)
        if not IDENTIFIER.match(name):
            self.note(cause.finding("OSL050", E, f"service name {name!r} is not a valid sre-docs name", *path))
            return
        self.note(cause.finding(
            "OSL015", W, f"service {name!r} is not defined by a Service object in the imported files; "
            f"a service document is created for it", *path))
        self.result.add(name, "service", self.service_body(name, None))

    def service_body(self, name: str, obj: Located | None) -> dict[str, Any]:
        body: dict[str, Any] = {"name": name}
        if obj is not None:
            annotated(obj, SERVICE_ANNOTATIONS, body)
        tier = body.get("tier")
        if tier not in TIERS:
            body["tier"] = self.options.tier
            if obj is not None:
                self.note(obj.finding("OSL031", I, f"service {name!r} has no sre-docs tier; written as "
                                      f"{self.options.tier!r} (set tier, or pass --tier)", "metadata", "name"))
        if not isinstance(body.get("owner_team"), str) or not IDENTIFIER.match(body["owner_team"]):
            teams = [t for t in (obj.labels("team") if obj is not None else []) if IDENTIFIER.match(t)]
            body["owner_team"] = teams[0] if teams else (self.options.owner_team or DEFAULT_OWNER)
            if not teams and not self.options.owner_team and obj is not None:
                self.note(obj.finding(
                    "OSL031", W, f"service {name!r} has no owner team (no 'team' label); written as "
                    f"{DEFAULT_OWNER!r}: set owner_team (or pass --owner-team)", "metadata", "name"))
        order = ("name", "tier", "owner_team", "oncall_rotation", "description", "system")
        if obj is not None and description_of(obj) is not None:
            body["description"] = description_of(obj)
        return {k: body[k] for k in order if k in body}

    # -- SLIs --------------------------------------------------------------------------------------
    def sli_body(self, sli: Located) -> dict[str, Any] | None:
        return sli_document(sli, self.note, self.check_source)

    def place_sli(self, sli: Located, service: str) -> str | None:
        """Write the SLI into ``service`` once; its sre-docs name, or None when it cannot be read."""
        name = original_name(sli)
        if (service, name) in self.sli_homes:
            return name
        body = self.sli_body(sli)
        if body is None:
            return None
        self.sli_homes[(service, name)] = name
        self.result.add(service, "sli", body)
        return name

    # -- alert policies ----------------------------------------------------------------------------
    def conditions(self, policy: Located) -> list[Located]:
        found = []
        items = policy.get("spec", "conditions", default=[])
        for index in range(len(items) if isinstance(items, list) else 0):
            condition = self.resolve(policy, "AlertCondition", ("spec", "conditions", index), "conditionRef",
                                     "alert condition")
            if condition is not None:
                found.append(condition)
        targets = policy.get("spec", "notificationTargets", default=[])
        for index in range(len(targets) if isinstance(targets, list) else 0):
            self.resolve(policy, "AlertNotificationTarget", ("spec", "notificationTargets", index), "targetRef",
                         "notification target")
        return found

    def burn_alert(self, policy: Located, condition: Located, single: bool) -> dict[str, Any] | None:
        return burn_alert(policy, condition, single, self.note)

    def alert_document(self, policy: Located) -> None:
        """An alert policy that no SLO uses, as an ``alert`` document of its home service."""
        name = original_name(policy)
        alerts = [a for c in self.conditions(policy) if (a := self.burn_alert(policy, c, False))]
        hold_for = held_for(alerts)
        for words in for_conflicts(alerts, per_severity=False):
            self.note(policy.finding("OSL036", W, f"alert policy {policy.name!r}: {words}", "spec", "conditions"))
        alerts = [{k: v for k, v in a.items() if k != FOR_KEY} for a in alerts]
        service = self.home(policy)
        if not alerts or service is None:
            return
        pages = any(a["severity"] == "page" for a in alerts)
        body: dict[str, Any] = {
            "name": name, "service": service, "severity": alert_severity("page" if pages else "ticket").id,
            "signal": "burn_rate",
            "condition": " or ".join(
                f"burn rate above {a['burn_rate']}x over {a['long_window']} for {a['short_window']}" for a in alerts),
            "notify": "page" if pages else "ticket",
            "runbook": f"runbooks/{name}.yaml",
        }
        if hold_for:
            body["for"] = hold_for
        if description_of(policy) is not None:
            body["description"] = description_of(policy)
        self.note(policy.finding(
            "OSL033", W, f"alert policy {policy.name!r} is used by no SLO; imported as alert {name!r}, whose runbook "
            f"services/{service}/runbooks/{name}.yaml must be written", "metadata", "name"))
        self.result.add(service, "alert", body)

    # -- SLOs ----------------------------------------------------------------------------------------
    def slo(self, slo: Located) -> None:
        service_ref = slo.get("spec", "service")
        if not isinstance(service_ref, str):
            self.note(slo.finding("OSL050", E, f"SLO {slo.name!r} has no spec.service", "spec"))
            return
        service = self.service_name(service_ref)
        if service_ref not in self.index["Service"]:
            self.ensure_service(service, slo, ("spec", "service"))
        if "indicator" in slo.spec:
            sli = slo.part("SLI", "spec", "indicator")
        elif isinstance(slo.spec.get("indicatorRef"), str):
            sli = self.resolve(slo, "SLI", ("spec",), "indicatorRef", "SLI")
        else:
            self.note(slo.finding("OSL050", E, f"SLO {slo.name!r} has neither indicator nor indicatorRef", "spec"))
            return
        alerts: list[dict[str, Any]] = []
        policies = slo.get("spec", "alertPolicies", default=[])
        for index in range(len(policies) if isinstance(policies, list) else 0):
            policy = self.resolve(slo, "AlertPolicy", ("spec", "alertPolicies", index), "alertPolicyRef",
                                  "alert policy")
            if policy is None:
                continue
            if policy.name:
                self.used_policies.add(policy.name)
            conditions = self.conditions(policy)
            alerts.extend(a for c in conditions if (a := self.burn_alert(policy, c, len(conditions) == 1)))
        for words in for_conflicts(alerts):
            self.note(slo.finding("OSL036", W, f"SLO {slo.name!r}: {words}", "spec", "alertPolicies"))
        if sli is None:
            return
        if sli.name:
            self.used_slis.add(sli.name)
        sli_name = self.place_sli(sli, service)
        if sli_name is None:
            return
        threshold = isinstance(sli.get("spec", "thresholdMetric"), dict)
        self.slo_documents(slo, service, sli_name, unique_names(alerts), threshold)

    def slo_documents(self, slo: Located, service: str, sli_name: str, alerts: list[dict[str, Any]],
                      threshold: bool = False) -> None:
        name = original_name(slo)
        windows = slo.get("spec", "timeWindow", default=[])
        first = windows[0] if isinstance(windows, list) and windows and isinstance(windows[0], dict) else None
        window = None
        if first is not None:
            window = duration(first.get("duration"), slo, ("spec", "timeWindow", 0, "duration"), self.note)
            if first.get("isRolling") is False:
                self.note(slo.finding("OSL031", W, f"SLO {name!r} has a calendar window; sre-docs windows roll, so it "
                                      f"is imported as a rolling {window}", "spec", "timeWindow", 0))
        if window is None:
            window = self.options.window
            self.note(slo.finding("OSL031", W, f"SLO {name!r} has no timeWindow; written as {window}", "spec"))
        method = slo.get("spec", "budgetingMethod")
        if method not in (None, "Occurrences"):
            self.note(slo.finding("OSL030", I, f"SLO {name!r} budgets by {method}; sre-docs budgets count events "
                                  "(Occurrences)", "spec", "budgetingMethod"))
        objectives = slo.get("spec", "objectives", default=[])
        objectives = [o for o in objectives if isinstance(o, dict)] if isinstance(objectives, list) else []
        if not objectives:
            self.note(slo.finding("OSL050", E, f"SLO {name!r} has no objectives", "spec"))
            return
        for index, objective in enumerate(objectives):
            target = objective.get("target")
            if isinstance(target, (int, float)) and not isinstance(target, bool):
                percent = percent_from_ratio(target)
            elif isinstance(objective.get("targetPercent"), (int, float)) and not isinstance(objective.get("targetPercent"), bool):
                percent = objective["targetPercent"]
            else:
                self.note(slo.finding("OSL050", E, f"SLO {name!r}: objective {index} has no target",
                                      "spec", "objectives", index))
                continue
            if not 0 < percent < 100:
                self.note(slo.finding("OSL050", E, f"SLO {name!r}: target {percent}% is not strictly between 0 and "
                                      "100", "spec", "objectives", index))
                continue
            slo_name = name
            if len(objectives) > 1:
                label = objective.get("displayName") or objective.get("name") or str(index + 1)
                slo_name = f"{name}-{openslo_name(str(label))}"
                self.note(slo.finding("OSL030", I, f"SLO {name!r} has {len(objectives)} objectives; each becomes an "
                                      f"SLO of its own ({slo_name})", "spec", "objectives", index))
            body: dict[str, Any] = {"name": slo_name, "service": service, "sli": sli_name}
            description = description_of(slo)
            op, value = objective.get("op"), objective.get("value")
            if threshold and op in OP_WORDS and value is not None:
                # sre-docs has no field for a threshold objective: its rule goes into the SLO's description.
                rule = f"Good events: the SLI's value is {OP_WORDS[op]} {value} (OpenSLO op {op}, value {value})."
                description = f"{description} {rule}" if description else rule
                self.note(slo.finding("OSL035", I, f"SLO {name!r}: the threshold objective (op {op}, value {value}) "
                                      "is kept in the SLO's description", "spec", "objectives", index))
            if description is not None:
                body["description"] = description
            body["target"] = percent
            annotated(slo, SLO_ANNOTATIONS, body)
            body["window"] = window
            if alerts:
                body["burn_rate_alerts"] = [{k: v for k, v in a.items() if k != FOR_KEY} for a in alerts]
                alerting = alerting_of(alerts)
                if alerting:
                    body["alerting"] = alerting
            if not IDENTIFIER.match(slo_name):
                self.note(slo.finding("OSL050", E, f"SLO name {slo_name!r} is not a valid sre-docs name", "metadata"))
                continue
            self.result.add(service, "slo", body)

    # -- the whole set -------------------------------------------------------------------------------
    def run(self) -> ImportResult:
        for _, obj in sorted(self.index["Service"].items()):
            service = original_name(obj)
            if not IDENTIFIER.match(service):
                self.note(obj.finding("OSL050", E, f"service name {service!r} is not a valid sre-docs name",
                                      "metadata", "name"))
                continue
            self.services_seen.add(service)
            if service in self.options.existing_services:
                self.note(obj.finding("OSL034", I, f"service {service!r} already exists in the repo; its service "
                                      "document is kept", "metadata", "name"))
                continue
            self.result.add(service, "service", self.service_body(service, obj))
        for slo in self.index["SLO"].values():
            self.slo(slo)
        for name, sli in self.index["SLI"].items():
            if name not in self.used_slis:
                home = sli.annotation(annotation("service")) or self.home(sli)
                if home is not None:
                    self.place_sli(sli, home)
        for name, policy in self.index["AlertPolicy"].items():
            if name not in self.used_policies:
                self.alert_document(policy)
        used_conditions = {
            c.get("conditionRef") for p in self.index["AlertPolicy"].values()
            for c in items(p.get("spec", "conditions")) if isinstance(c, dict)
        }
        for name, condition in self.index["AlertCondition"].items():
            if name not in used_conditions:
                self.note(condition.finding("OSL030", I, f"alert condition {name!r} is used by no alert policy; "
                                            "not imported", "metadata", "name"))
        self.result.findings = sorted(set(self.result.findings), key=lambda f: f.sort_key)
        return self.result


#: File of each kind in an imported service folder.
FILES = {"service": "service.yaml", "sli": "slis.yaml", "slo": "slos.yaml", "alert": "alerts.yaml"}
HEADER = "# Imported from OpenSLO by `sre-docs import openslo`.\n"


def render_files(result: ImportResult) -> dict[str, str]:
    """Repo-relative path (``services/<service>/<file>``) -> YAML text of the imported documents."""
    from sre_docs.yamltext.safe_write import render

    files = {}
    for service, kinds in sorted(result.documents.items()):
        for kind, documents in kinds.items():
            files[f"services/{service}/{FILES[kind]}"] = HEADER + "---\n".join(render(d) for d in documents)
    return files


def import_openslo(objects: list[Located], options: ImportOptions = ImportOptions()) -> ImportResult:
    """sre-docs documents for every Service, SLI, SLO and alert policy among ``objects``."""
    return _Importer(objects, options).run()
