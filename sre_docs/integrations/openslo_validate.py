"""OpenSLO v1 held to its spec: one finding per defect, each at the field it is about.

The rules are those of the OpenSLO v1 specification as the go-sdk's v1 validation applies
them; a file that breaks one is refused (an error: ``import openslo`` writes nothing), since
importing it would guess at what its author meant. The checks:

* **shape** -- every object and inline part has only the fields its kind defines (OSL060);
* **names** -- ``metadata.name`` is an RFC 1123 label: lower case letters, digits and ``-``,
  at most 63 characters (OSL061); ``displayName`` is at most 63 characters (OSL061);
  ``description`` at most 1,050 (OSL062);
* **durations** -- a number and one of ``m h d w M Q Y``: OpenSLO has no seconds (OSL063);
* **one of** -- ``indicator`` or ``indicatorRef``; ``target`` or ``targetPercent``;
  ``good`` or ``bad`` (with ``total``), or ``raw`` with ``rawType``; ``ratioMetric`` or
  ``thresholdMetric`` (OSL064);
* **required** -- ``service``, ``budgetingMethod``, ``objectives``, a non-empty
  ``metricSource.spec``, an alert condition's ``severity``, ``op``, ``threshold`` and
  ``lookbackWindow`` … (OSL065);
* **allowed values** -- ``budgetingMethod`` Occurrences, Timeslices or RatioTimeslices; ``op``
  lt, lte, gt or gte; condition ``kind`` burnrate; ``rawType`` success or failure; targets in
  [0, 1) and [0, 100) (OSL066);
* **counts** -- exactly one ``timeWindow``, exactly one condition and at least one
  notification target per alert policy (OSL067);
* **combinations** -- ``calendar`` with ``isRolling: true``, a calendar window without
  ``calendar``; ``op``/``value`` missing on the objective of a threshold SLI; time-slice
  fields with the budgeting method that needs them (OSL068).

``op`` and ``value`` on the objective of a *ratio* SLI are a warning (OSL069), not a refusal:
the spec only calls them "needed" for threshold SLIs, and its own examples set them on ratios.
"""

from __future__ import annotations

import re
from typing import Any

from sre_docs.findings import Finding, Severity
from sre_docs.integrations.openslo_read import Located

E = Severity.ERROR
#: An OpenSLO v1 duration shorthand: a positive whole number and a unit (no seconds).
DURATION = re.compile(r"[1-9][0-9]*[mhdwMQY]\Z")
RFC1123_LABEL = re.compile(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?\Z")
MAX_NAME, MAX_DISPLAY_NAME, MAX_DESCRIPTION = 63, 63, 1050
OPS = ("lt", "lte", "gt", "gte")
BUDGETING_METHODS = ("Occurrences", "Timeslices", "RatioTimeslices")

OBJECT_FIELDS = ("apiVersion", "kind", "metadata", "spec")
INLINE_FIELDS = ("kind", "metadata", "spec")
METADATA_FIELDS = ("name", "displayName", "labels", "annotations")
SPEC_FIELDS: dict[str, tuple[str, ...]] = {
    "Service": ("description",),
    "SLI": ("description", "thresholdMetric", "ratioMetric"),
    "SLO": ("description", "service", "indicator", "indicatorRef", "timeWindow", "budgetingMethod", "objectives",
            "alertPolicies"),
    "AlertPolicy": ("description", "alertWhenNoData", "alertWhenResolved", "alertWhenBreaching", "conditions",
                    "notificationTargets"),
    "AlertCondition": ("description", "severity", "condition"),
    "AlertNotificationTarget": ("description", "target"),
    "DataSource": ("description", "type", "connectionDetails"),
}
RATIO_FIELDS = ("counter", "good", "bad", "total", "rawType", "raw")
METRIC_SOURCE_FIELDS = ("metricSourceRef", "type", "spec")
WINDOW_FIELDS = ("duration", "isRolling", "calendar")
CALENDAR_FIELDS = ("startTime", "timeZone")
OBJECTIVE_FIELDS = ("displayName", "op", "value", "target", "targetPercent", "timeSliceTarget", "timeSliceWindow",
                    "indicator", "indicatorRef", "compositeWeight")
CONDITION_FIELDS = ("kind", "op", "threshold", "lookbackWindow", "alertAfter")


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


class _Checker:
    def __init__(self, slis: dict[str, Located]) -> None:
        self.slis = slis
        self.findings: list[Finding] = []

    def report(self, obj: Located, code: str, message: str, *path: Any) -> None:
        label = f"{obj.kind} {obj.name!r}" if obj.name else obj.kind
        self.findings.append(obj.finding(code, E, f"{label}: {message}", *path))

    # -- generic -------------------------------------------------------------------------------------
    def fields(self, obj: Located, allowed: tuple[str, ...], *path: Any) -> dict[str, Any]:
        """The mapping at ``path``, after reporting every key the spec does not define there."""
        value = obj.get(*path) if path else obj.value
        if not isinstance(value, dict):
            return {}
        for key in value:
            if key not in allowed:
                where = ".".join(str(p) for p in path) or "the object"
                self.report(obj, "OSL060", f"unknown field {key!r} in {where} (allowed: {', '.join(allowed)})",
                            *path, key)
        return value

    def required(self, obj: Located, mapping: dict[str, Any], key: str, *path: Any) -> bool:
        if mapping.get(key) is None:
            self.report(obj, "OSL065", f"{'.'.join(map(str, (*path, key)))} is required", *path)
            return False
        return True

    def one_of(self, obj: Located, mapping: dict[str, Any], keys: tuple[str, str], *path: Any) -> None:
        present = [k for k in keys if mapping.get(k) is not None]
        if len(present) != 1:
            what = "both" if present else "neither"
            self.report(obj, "OSL064", f"{what} {keys[0]} and {keys[1]}: give exactly one", *path)

    def duration(self, obj: Located, value: Any, *path: Any) -> None:
        if value is not None and not (isinstance(value, str) and DURATION.match(value)):
            self.report(obj, "OSL063", f"{value!r} is not an OpenSLO duration: a whole number and m, h, d, w, M, Q "
                        "or Y (OpenSLO has no seconds)", *path)

    def metadata(self, obj: Located, inline: bool) -> None:
        metadata = self.fields(obj, METADATA_FIELDS, "metadata")
        name = metadata.get("name")
        if isinstance(name, str) and (len(name) > MAX_NAME or not RFC1123_LABEL.match(name)):
            self.report(obj, "OSL061", "metadata.name must be an RFC 1123 label: lower case letters, digits and "
                        f"'-', starting and ending with a letter or digit, at most {MAX_NAME} characters",
                        "metadata", "name")
        display = metadata.get("displayName")
        if isinstance(display, str) and len(display) > MAX_DISPLAY_NAME:
            self.report(obj, "OSL061", f"metadata.displayName has {len(display)} characters; at most "
                        f"{MAX_DISPLAY_NAME}", "metadata", "displayName")
        if inline and name is None and obj.kind in ("SLI",):
            self.report(obj, "OSL065", "metadata.name is required", "metadata")

    def description(self, obj: Located, spec: dict[str, Any], *path: Any) -> None:
        text = spec.get("description")
        if isinstance(text, str) and len(text) > MAX_DESCRIPTION:
            self.report(obj, "OSL062", f"description has {len(text)} characters; at most {MAX_DESCRIPTION}",
                        *path, "description")

    # -- kinds ---------------------------------------------------------------------------------------
    def check(self, obj: Located, inline: bool = False) -> None:
        self.fields(obj, INLINE_FIELDS if inline else OBJECT_FIELDS)
        self.metadata(obj, inline)
        spec = self.fields(obj, SPEC_FIELDS[obj.kind], "spec")
        if obj.get("spec") is None:
            self.report(obj, "OSL065", "spec is required")
            return
        self.description(obj, spec, "spec")
        getattr(self, "check_" + obj.kind)(obj, spec)

    def check_Service(self, obj: Located, spec: dict[str, Any]) -> None:
        pass

    def check_DataSource(self, obj: Located, spec: dict[str, Any]) -> None:
        self.required(obj, spec, "type", "spec")
        self.required(obj, spec, "connectionDetails", "spec")

    def check_AlertNotificationTarget(self, obj: Located, spec: dict[str, Any]) -> None:
        self.required(obj, spec, "target", "spec")

    def metric_source(self, obj: Located, *path: Any) -> None:
        source = self.fields(obj, METRIC_SOURCE_FIELDS, *path, "metricSource")
        if obj.get(*path, "metricSource") is None:
            self.report(obj, "OSL065", f"{'.'.join(map(str, path))}.metricSource is required", *path)
            return
        inner = source.get("spec")
        if not isinstance(inner, dict) or not inner:
            self.report(obj, "OSL065", "metricSource.spec must be a non-empty mapping", *path, "metricSource")

    def check_SLI(self, obj: Located, spec: dict[str, Any]) -> None:
        self.one_of(obj, spec, ("ratioMetric", "thresholdMetric"), "spec")
        if isinstance(spec.get("thresholdMetric"), dict):
            self.fields(obj, ("metricSource",), "spec", "thresholdMetric")
            self.metric_source(obj, "spec", "thresholdMetric")
        ratio = self.fields(obj, RATIO_FIELDS, "spec", "ratioMetric")
        if not isinstance(spec.get("ratioMetric"), dict):
            return
        where = ("spec", "ratioMetric")
        if ratio.get("counter") is not None and not isinstance(ratio.get("counter"), bool):
            self.report(obj, "OSL066", "ratioMetric.counter must be true or false", *where, "counter")
        if ratio.get("raw") is not None:
            for key in ("good", "bad", "total"):
                if ratio.get(key) is not None:
                    self.report(obj, "OSL064", f"raw and {key} cannot be given together", *where, key)
            if ratio.get("rawType") not in ("success", "failure"):
                self.report(obj, "OSL066", "raw needs rawType success or failure", *where)
        else:
            self.one_of(obj, ratio, ("good", "bad"), *where)
            self.required(obj, ratio, "total", *where)
        for key in ("good", "bad", "total", "raw"):
            if isinstance(ratio.get(key), dict):
                self.fields(obj, ("metricSource",), *where, key)
                self.metric_source(obj, *where, key)

    def threshold_sli(self, spec: dict[str, Any]) -> bool | None:
        """Whether the SLO's SLI is a threshold metric; None when it cannot be told."""
        indicator = spec.get("indicator")
        if isinstance(indicator, dict):
            sli_spec = indicator.get("spec")
        elif isinstance(spec.get("indicatorRef"), str) and spec["indicatorRef"] in self.slis:
            sli_spec = self.slis[spec["indicatorRef"]].spec
        else:
            return None
        if not isinstance(sli_spec, dict):
            return None
        return isinstance(sli_spec.get("thresholdMetric"), dict)

    def check_SLO(self, obj: Located, spec: dict[str, Any]) -> None:
        self.required(obj, spec, "service", "spec")
        self.one_of(obj, spec, ("indicator", "indicatorRef"), "spec")
        inline = obj.part("SLI", "spec", "indicator")
        if inline is not None:
            self.check(inline, inline=True)
        method = spec.get("budgetingMethod")
        if method is None:
            self.report(obj, "OSL065", f"spec.budgetingMethod is required ({', '.join(BUDGETING_METHODS)})", "spec")
        elif method not in BUDGETING_METHODS:
            self.report(obj, "OSL066", f"budgetingMethod {method!r} is not one of {', '.join(BUDGETING_METHODS)}",
                        "spec", "budgetingMethod")
        windows = spec.get("timeWindow")
        if not isinstance(windows, list) or len(windows) != 1:
            count = len(windows) if isinstance(windows, list) else 0
            self.report(obj, "OSL067", f"timeWindow must hold exactly one window, not {count}",
                        *(("spec", "timeWindow") if windows is not None else ("spec",)))
        for index, window in enumerate(windows if isinstance(windows, list) else []):
            where = ("spec", "timeWindow", index)
            item = self.fields(obj, WINDOW_FIELDS, *where)
            self.fields(obj, CALENDAR_FIELDS, *where, "calendar")
            if self.required(obj, item, "duration", *where):
                self.duration(obj, item["duration"], *where, "duration")
            if item.get("calendar") is not None and item.get("isRolling") is True:
                self.report(obj, "OSL068", "a rolling window (isRolling: true) cannot have a calendar", *where,
                            "calendar")
            if item.get("isRolling") is not True and item.get("calendar") is None and isinstance(window, dict):
                self.report(obj, "OSL068", "a calendar window (isRolling false or absent) needs calendar", *where)
        objectives = spec.get("objectives")
        if not isinstance(objectives, list) or not objectives:
            self.report(obj, "OSL065", "spec.objectives must list at least one objective", "spec")
            objectives = []
        threshold = self.threshold_sli(spec)
        for index, _ in enumerate(objectives):
            self.objective(obj, ("spec", "objectives", index), method, threshold)
        policies = spec.get("alertPolicies")
        for index, item in enumerate(policies if isinstance(policies, list) else []):
            if isinstance(item, dict) and "alertPolicyRef" not in item:
                inline_policy = obj.part("AlertPolicy", "spec", "alertPolicies", index)
                if inline_policy is not None:
                    self.check(inline_policy, inline=True)
            elif isinstance(item, dict):
                self.fields(obj, ("alertPolicyRef",), "spec", "alertPolicies", index)

    def objective(self, obj: Located, where: tuple[Any, ...], method: Any, threshold: bool | None) -> None:
        item = self.fields(obj, OBJECTIVE_FIELDS, *where)
        self.one_of(obj, item, ("target", "targetPercent"), *where)
        target, percent = item.get("target"), item.get("targetPercent")
        if target is not None and not (_number(target) and 0 <= target < 1):
            self.report(obj, "OSL066", f"target {target!r} must be a ratio from 0 up to (not including) 1",
                        *where, "target")
        if percent is not None and not (_number(percent) and 0 <= percent < 100):
            self.report(obj, "OSL066", f"targetPercent {percent!r} must be from 0 up to (not including) 100",
                        *where, "targetPercent")
        op, value = item.get("op"), item.get("value")
        if threshold is False and (op is not None or value is not None):
            # The spec calls op "only needed" for threshold SLIs and its own examples set it on ratio SLIs:
            # not a refusal, but the loss is reported.
            self.findings.append(obj.finding(
                "OSL069", Severity.WARNING, f"SLO {obj.name!r}: op and value only mean something on objectives of "
                "threshold SLIs; this SLI is a ratio, so they are not imported", *where,
                "op" if op is not None else "value"))
        if threshold is True:
            if op is None or value is None:
                self.report(obj, "OSL068", "an objective of a threshold SLI needs op and value", *where)
            if op is not None and op not in OPS:
                self.report(obj, "OSL066", f"op {op!r} is not one of {', '.join(OPS)}", *where, "op")
        if method in ("Timeslices", "RatioTimeslices"):
            if method == "Timeslices" and item.get("timeSliceTarget") is None:
                self.report(obj, "OSL068", "Timeslices budgeting needs timeSliceTarget", *where)
            if item.get("timeSliceWindow") is None:
                self.report(obj, "OSL068", f"{method} budgeting needs timeSliceWindow", *where)
        self.duration(obj, item.get("timeSliceWindow"), *where, "timeSliceWindow")

    def check_AlertPolicy(self, obj: Located, spec: dict[str, Any]) -> None:
        conditions = spec.get("conditions")
        if not isinstance(conditions, list) or len(conditions) != 1:
            count = len(conditions) if isinstance(conditions, list) else repr(conditions) if conditions is not None else 0
            self.report(obj, "OSL067", f"conditions must list exactly one alert condition, not {count}",
                        *(("spec", "conditions") if conditions is not None else ("spec",)))
        for index, item in enumerate(conditions if isinstance(conditions, list) else []):
            if isinstance(item, dict) and "conditionRef" not in item:
                inline = obj.part("AlertCondition", "spec", "conditions", index)
                if inline is not None:
                    self.check(inline, inline=True)
            elif isinstance(item, dict):
                self.fields(obj, ("conditionRef",), "spec", "conditions", index)
        targets = spec.get("notificationTargets")
        if not isinstance(targets, list) or not targets:
            self.report(obj, "OSL067", "notificationTargets must list at least one notification target",
                        *(("spec", "notificationTargets") if targets is not None else ("spec",)))
        for index, item in enumerate(targets if isinstance(targets, list) else []):
            if isinstance(item, dict) and "targetRef" not in item:
                inline = obj.part("AlertNotificationTarget", "spec", "notificationTargets", index)
                if inline is not None:
                    self.check(inline, inline=True)

    def check_AlertCondition(self, obj: Located, spec: dict[str, Any]) -> None:
        if not isinstance(spec.get("severity"), str) or not spec["severity"].strip():
            self.report(obj, "OSL065", "spec.severity is required", "spec")
        if not self.required(obj, spec, "condition", "spec"):
            return
        rule = self.fields(obj, CONDITION_FIELDS, "spec", "condition")
        where = ("spec", "condition")
        if rule.get("kind") != "burnrate":
            self.report(obj, "OSL066", f"condition kind {rule.get('kind')!r} is not burnrate", *where)
        if self.required(obj, rule, "op", *where) and rule["op"] not in OPS:
            self.report(obj, "OSL066", f"op {rule['op']!r} is not one of {', '.join(OPS)}", *where, "op")
        if self.required(obj, rule, "threshold", *where) and not _number(rule["threshold"]):
            self.report(obj, "OSL066", "threshold must be a number", *where, "threshold")
        if self.required(obj, rule, "lookbackWindow", *where):
            self.duration(obj, rule["lookbackWindow"], *where, "lookbackWindow")
        self.duration(obj, rule.get("alertAfter"), *where, "alertAfter")


def validate(objects: list[Located]) -> list[Finding]:
    """Every OpenSLO v1 spec violation among ``objects`` (references between them are the importer's)."""
    slis = {o.name: o for o in objects if o.kind == "SLI" and o.name}
    checker = _Checker(slis)
    for obj in objects:
        checker.check(obj)
    return checker.findings

