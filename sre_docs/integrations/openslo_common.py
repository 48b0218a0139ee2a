"""What OpenSLO export and import agree on: names, annotation keys, the fields carried.

OpenSLO names are RFC 1123 labels (lower case letters, digits, ``-``; at most 63
characters) and unique per kind across the whole set of files, while sre-docs names are
unique only within a service and may hold ``_`` and ``.``. Export therefore prefixes names
with the service and folds them to RFC 1123; the original sre-docs name and the fields
OpenSLO has no place for travel in ``metadata.annotations`` under ``sre-docs/``, so that
``export`` then ``import`` gives back the same documents.

Carried through a round trip (and checked by the tests):

* service: name, description, tier, owner_team, system, oncall_rotation;
* sli: name, description, type, measurement (all five fields), prometheus (all four);
* slo: name, service, sli, description, target, sla, window, and each burn-rate alert's
  name, burn_rate, long_window, short_window and severity.
"""

from __future__ import annotations

import hashlib
import re

API_VERSION = "openslo/v1"
ANNOTATION_PREFIX = "sre-docs/"
#: OpenSLO metricSource type used for SLIs described in words only (no PromQL).
DESCRIBED_SOURCE = "sre-docs"

#: sre-docs fields kept in annotations, per kind: field path -> annotation name.
SERVICE_ANNOTATIONS: dict[tuple[str, ...], str] = {
    ("tier",): "tier",
    ("owner_team",): "owner-team",
    ("system",): "system",
    ("oncall_rotation",): "oncall-rotation",
}
SLI_ANNOTATIONS: dict[tuple[str, ...], str] = {
    ("type",): "sli-type",
    ("measurement", "source"): "measurement-source",
    ("measurement", "aggregation"): "measurement-aggregation",
    ("measurement", "threshold_ms"): "measurement-threshold-ms",
}
SLO_ANNOTATIONS: dict[tuple[str, ...], str] = {
    ("sla",): "sla",
}
#: Annotation fields whose value is a number in sre-docs.
NUMERIC_ANNOTATIONS = frozenset({"sla", "measurement-threshold-ms"})

CARRIED_FIELDS = {
    "service": ("name", "description", "tier", "owner_team", "system", "oncall_rotation"),
    "sli": ("name", "description", "type", "measurement", "prometheus"),
    "slo": ("name", "service", "sli", "description", "target", "sla", "window", "burn_rate_alerts"),
}
CARRIED_BURN_ALERT_FIELDS = ("name", "burn_rate", "long_window", "short_window", "severity")

#: Limits of the OpenSLO v1 spec (go-sdk validation).
MAX_DISPLAY_NAME, MAX_DESCRIPTION = 63, 1050
_SECONDS = re.compile(r"([0-9]+)s\Z")

_INVALID = re.compile(r"[^a-z0-9-]+")
_DASHES = re.compile(r"-{2,}")
MAX_NAME = 63


def openslo_name(*parts: str) -> str:
    """An RFC 1123 label made of ``parts`` (``checkout``, ``request_success_rate`` ->
    ``checkout-request-success-rate``); long names keep a hash of the whole so they stay distinct."""
    joined = "-".join(parts)
    name = _DASHES.sub("-", _INVALID.sub("-", joined.lower())).strip("-") or "unnamed"
    if len(name) > MAX_NAME:
        digest = hashlib.sha1(joined.encode("utf-8")).hexdigest()[:8]
        name = name[: MAX_NAME - 9].rstrip("-") + "-" + digest
    return name


def annotation(name: str) -> str:
    return ANNOTATION_PREFIX + name


def ratio_from_percent(percent: float) -> float:
    """99.95 -> 0.9995 without binary noise."""
    return round(percent / 100, 12)


def percent_from_ratio(ratio: float) -> float:
    """0.9995 -> 99.95 without binary noise."""
    return round(ratio * 100, 10)


def openslo_duration(text: str) -> tuple[str, bool]:
    """An sre-docs duration as OpenSLO writes it, and whether it is exact: OpenSLO has no seconds, so
    ``120s`` is ``2m`` and ``90s`` is rounded up to ``2m`` (not exact)."""
    match = _SECONDS.match(text)
    if match is None:
        return text, True
    seconds = int(match.group(1))
    minutes = max(1, -(-seconds // 60))
    return f"{minutes}m", seconds == minutes * 60
