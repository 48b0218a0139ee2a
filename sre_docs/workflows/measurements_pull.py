"""Pulled measurements into the repo: which SLOs can be pulled, and what each file gains.

The source of the counts (Prometheus today) is the integration's business; this module takes rows
already checked by :mod:`sre_docs.calc.event_counts` and decides, per SLO, what happens to its
``measurements`` file:

* the file is the SLO's existing ``measurements`` document of the same resolution; when the SLO has
  none, a new file ``services/<service>/measurements/<slo>.yaml``;
* rows after the last recorded one are appended, in order, written like the rows around them
  (``[2026-11-02, 5, 6]``); rows already recorded with the same counts change nothing, so a pull
  run twice writes once;
* a row recorded with other counts is a conflict: reported and left alone, or replaced with
  ``force``;
* an SLO whose measurements are kept at another resolution is reported and skipped (the budget
  reads one resolution per SLO).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sre_docs.calc.event_counts import Bucket, Conflict, MergePlan, merge_rows
from sre_docs.findings import Finding, Severity
from sre_docs.model.repository import Document, Repository
from sre_docs.schemas.types import parse_moment
from sre_docs.workflows.common import WorkflowError, suggest

__all__ = [
    "FilePlan",
    "PullTarget",
    "plan_file",
    "pull_targets",
    "row_text",
]

RESOLUTIONS = {"1d": dt.timedelta(days=1), "1h": dt.timedelta(hours=1)}


@dataclass(frozen=True)
class PullTarget:
    """An SLO whose SLI gives event counts: its documents and the queries to ask."""

    service: str
    slo: Document
    sli: Document
    #: ``(field, query)`` pairs: ``total_events`` first, then ``good_events`` or ``bad_events``.
    queries: tuple[tuple[str, str], ...]
    measurements: tuple[Document, ...] = ()

    @property
    def name(self) -> str:
        return str(self.slo.name)


def pull_targets(repo: Repository, *, services: list[str] | None = None,
                 slos: list[str] | None = None) -> tuple[list[PullTarget], list[Finding]]:
    """The SLOs to pull (optionally only some services or SLOs), and findings for SLIs that cannot be pulled.

    An SLI with ``prometheus:`` but neither ``good_events`` nor ``bad_events`` beside ``total_events``
    (an ``error_ratio`` alone) holds no counts: PULL001. An SLO named with ``slos`` that cannot be
    pulled is a usage error.
    """
    for name in services or []:
        if name not in repo.services:
            raise WorkflowError(f"--service {name!r}: no such service folder{suggest(name, repo.services)}")
    known = {str(slo.name) for service in repo.services.values() for slo in service.slos}
    for name in slos or []:
        if name not in known:
            raise WorkflowError(f"--slo {name!r}: no such SLO{suggest(name, sorted(known))}")
    targets: list[PullTarget] = []
    findings: list[Finding] = []
    reported: set[int] = set()
    for service_name in sorted(repo.services):
        if services and service_name not in services:
            continue
        service = repo.services[service_name]
        slis = {str(sli.name): sli for sli in service.slis}
        for slo in service.slos:
            if slos and slo.name not in slos:
                continue
            sli = slis.get(str(slo.get("sli")))
            block = sli.get("prometheus") if sli is not None else None
            if sli is None or not isinstance(block, dict):
                if slos:
                    raise WorkflowError(f"--slo {slo.name}: its SLI has no prometheus: queries to pull counts with")
                continue
            queries = {k: v for k, v in block.items() if isinstance(v, str) and v.strip()}
            other = "good_events" if "good_events" in queries else "bad_events" if "bad_events" in queries else None
            if "total_events" not in queries or other is None:
                if id(sli) not in reported:
                    reported.add(id(sli))
                    line, column = sli.locate("prometheus")
                    findings.append(Finding(
                        "PULL001", Severity.WARNING, sli.path, line, column,
                        f"SLI {sli.name!r}: counts need prometheus.total_events with good_events or bad_events "
                        "(an error_ratio holds no counts); its SLOs are not pulled", service_name,
                    ))
                continue
            measured = tuple(doc for doc in service.measurements if doc.get("slo") == slo.name)
            targets.append(PullTarget(service_name, slo, sli,
                                      (("total_events", queries["total_events"]), (other, queries[other])), measured))
    return targets, findings


def row_text(row: Bucket, resolution: str) -> str:
    """A row as the example writes it: ``[2026-11-02, 5, 6]`` by day, ``[2026-11-02T05:00:00Z, 5, 6]`` by hour."""
    start = row.start.astimezone(dt.timezone.utc)
    when = start.date().isoformat() if resolution == "1d" else start.strftime("%Y-%m-%dT%H:%M:%SZ")
    return f"[{when}, {row.good}, {row.total}]"


def row_value(row: Bucket, resolution: str) -> list:
    """The row as sre-docs' YAML reader reads :func:`row_text` back (the start stays text)."""
    return [row_text(row, resolution)[1:].split(",")[0], row.good, row.total]


@dataclass(frozen=True)
class FilePlan:
    """What one SLO's pull does to its measurements file."""

    target: PullTarget
    path: str
    resolution: str
    merge: MergePlan
    #: Index of the document in its file; None when the file is new.
    doc_index: int | None
    force: bool = False
    findings: tuple[Finding, ...] = field(default_factory=tuple)

    @property
    def creates(self) -> bool:
        return self.doc_index is None

    @property
    def replaces(self) -> tuple[Conflict, ...]:
        return self.merge.conflicts if self.force else ()

    @property
    def writes(self) -> bool:
        return bool(self.merge.append or self.replaces)

    def new_text(self) -> str:
        """The whole new file, for an SLO without measurements yet."""
        lines = [
            f"# Good and total events per {'day' if self.resolution == '1d' else 'hour'} of the {self.target.name} SLO,",
            "# pulled from Prometheus by `sre-docs pull prometheus`",
            "measurements:",
            f"  slo: {self.target.name}",
            f"  resolution: {self.resolution}",
            "  points:",
        ]
        lines += [f"    - {row_text(row, self.resolution)}" for row in self.merge.append]
        return "\n".join(lines) + "\n"

    def describe(self) -> list[str]:
        """One line per change, for ``--dry-run`` and the summary."""
        out = [f"{self.path}: + {row_text(row, self.resolution)}" for row in self.merge.append]
        for conflict in self.replaces:
            out.append(f"{self.path}: ~ {row_text(conflict.recorded, self.resolution)} -> "
                       f"{row_text(conflict.pulled, self.resolution)}")
        return out


def _recorded(doc: Document) -> list[tuple[int, Bucket]]:
    rows = []
    for index, point in enumerate(doc.get("points", default=[])):
        if not isinstance(point, list) or len(point) != 3:
            continue
        moment = parse_moment(point[0])
        good, total = point[1], point[2]
        if moment is None or not all(isinstance(n, int) and not isinstance(n, bool) for n in (good, total)):
            continue
        rows.append((index, Bucket(moment, good, total)))
    return rows


def plan_file(target: PullTarget, rows: list[Bucket], resolution: str, *, force: bool = False) -> FilePlan | None:
    """The plan for one SLO's pulled ``rows``; None when nothing was pulled and there is no file to compare with.

    Findings: PULL006 for an SLO kept at another resolution (skipped), PULL007 for each conflict
    (an error unless ``force`` replaces it), PULL008 for rows missing before the last recorded one.
    """
    same = [doc for doc in target.measurements if doc.get("resolution") == resolution]
    if not same and target.measurements:
        doc = target.measurements[0]
        line, column = doc.locate("resolution")
        finding = Finding(
            "PULL006", Severity.ERROR, doc.path, line, column,
            f"SLO {target.name}: measurements here are by {doc.get('resolution')}, the pull is by {resolution}; "
            f"pull with --resolution {doc.get('resolution')} (one resolution per SLO)", target.service,
        )
        return FilePlan(target, doc.path, resolution, MergePlan(), None, force, (finding,))
    if not same:
        if not rows:
            return None
        path = f"services/{target.service}/measurements/{target.name}.yaml"
        return FilePlan(target, path, resolution, MergePlan(append=tuple(sorted(rows))), None, force)
    doc = same[0]
    merge = merge_rows(_recorded(doc), rows)
    findings = []
    for conflict in merge.conflicts:
        line, column = doc.locate("points", conflict.index)
        findings.append(Finding(
            "PULL007", Severity.INFO if force else Severity.ERROR, doc.path, line, column,
            f"SLO {target.name}: recorded {row_text(conflict.recorded, resolution)}, Prometheus now says "
            f"{row_text(conflict.pulled, resolution)}; "
            + ("replaced (--force)" if force else "left alone (--force replaces it)"), target.service,
        ))
    for row in merge.not_inserted:
        line, column = doc.locate("points")
        findings.append(Finding(
            "PULL008", Severity.WARNING, doc.path, line, column,
            f"SLO {target.name}: {row_text(row, resolution)} is missing before the last recorded row; rows are only "
            "appended, so add it by hand where it belongs", target.service,
        ))
    return FilePlan(target, doc.path, resolution, merge, doc.parsed.index, force, tuple(findings))
