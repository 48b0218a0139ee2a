"""Generate a synthetic reliability repo of any size, the same bytes for the same seed.

    python -m benchmarks.corpus --services 1000 --out /tmp/corpus [--seed 0] [--git-history 50]

Every service gets the documents a well-run service of its tier keeps (catalog entry, SLIs,
SLOs with multi-window burn-rate alerts, alerts, a runbook for each alert, measurements,
toil, capacity model, PRR, maturity scores, chaos experiments, incidents with postmortems),
and ``org/`` gets teams, on-call rotations, the default error budget policy and monthly
reports. The repo is meant to lint clean: a finding on it is a bug in the generator or in
the checks. Dates are relative to a fixed "today" (``TODAY``), so results never drift.

With ``--git-history K`` the folder becomes a git repo with an initial import and K more
commits, each touching one to three services, for benchmarks of ``lint --since``.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any

from benchmarks.synth import incidents as incident_docs
from benchmarks.synth import operations, org, reliability, runbooks
from benchmarks.synth.emit import dump_documents
from benchmarks.synth.plan import (
    TODAY,
    OrgPlan,
    ServicePlan,
    TeamPlan,
    build_plan,
    rng_for,
)

__all__ = ["TODAY", "corpus_files", "generate", "main"]


def corpus_files(services: int, seed: int = 0) -> dict[str, str]:
    """Every file of the corpus as ``{repo-relative path: text}``, in a stable order."""
    plan = build_plan(services, seed)
    teams = {team.name: team for team in plan.teams}
    incidents = incident_docs.plan_incidents(plan)
    by_service: dict[str, list[incident_docs.IncidentPlan]] = defaultdict(list)
    for item in incidents:
        by_service[item.service].append(item)
    files: dict[str, str] = {}
    toil_hours = 0.0
    for svc in plan.services:
        service_files, hours = _service_files(plan, svc, teams[svc.team], by_service[svc.name])
        files.update(service_files)
        toil_hours += hours
    files.update(_org_files(plan, incidents, toil_hours))
    files["sre-docs.yaml"] = (
        "# Synthetic reliability repo written by benchmarks.corpus. Its dates are relative to this day,\n"
        "# so date-based policies give the same answer on any calendar day.\n"
        f"today: {TODAY.isoformat()}\n"
    )
    return files


def _service_files(plan: OrgPlan, svc: ServicePlan, team: TeamPlan,
                   incidents: list[incident_docs.IncidentPlan]) -> tuple[dict[str, str], float]:
    rng = rng_for(plan.seed, "documents", svc.name)
    folder = f"services/{svc.name}"
    header = f"{svc.name} ({svc.tier}), owned by {team.name}; reviewed in pull requests"
    files: dict[str, str] = {}

    def put(name: str, documents: list[dict[str, Any]] | dict[str, Any] | None) -> None:
        if not documents:
            return
        docs = documents if isinstance(documents, list) else [documents]
        files[f"{folder}/{name}"] = dump_documents(docs, header=header)

    put("service.yaml", reliability.service_document(svc, rng))
    put("slis.yaml", reliability.sli_documents(svc))
    put("slos.yaml", reliability.slo_documents(svc, rng))
    put("alerts.yaml", reliability.alert_documents(svc))
    for spec in reliability.alerts_of(svc):
        put(f"runbooks/{spec.name}.yaml", runbooks.alert_runbook(svc, team, spec, rng))
    burn_docs = []
    for slo, _, _ in reliability.slos_of(svc):
        names = [name for owner, name in reliability.burn_alert_names(svc) if owner == slo]
        burn_docs.extend(runbooks.burn_runbooks(svc, team, slo, names, rng))
    put("runbooks/burn-rate.yaml", burn_docs)
    for slo, target in reliability.measured_slos(svc, plan):
        put(f"measurements/{slo}.yaml", reliability.measurement_document(svc, slo, target, rng))
    toil = operations.toil_documents(svc, team, rng)
    put("toil.yaml", toil)
    if svc.tier != "experimental":
        put("capacity.yaml", operations.capacity_document(svc, rng))
    put("prr.yaml", operations.prr_document(svc, team, rng))
    put("maturity.yaml", operations.maturity_document(svc, team, rng))
    for doc in operations.experiment_documents(svc, team, rng):
        put(f"experiments/{doc['experiment']['name'].removeprefix(svc.name + '-')}.yaml", doc)
    put("auto-remediation.yaml", operations.auto_remediation_document(svc))
    for item in incidents:
        put(f"incidents/{item.id}.yaml", incident_docs.incident_document(item, svc, team))
        if item.postmortem:
            put(f"postmortems/{item.id}.yaml", incident_docs.postmortem_document(item, svc, team))
    hours = sum(doc["toil_item"]["total_hours_per_month"] for doc in toil)
    return files, hours


def _org_files(plan: OrgPlan, incidents: list[incident_docs.IncidentPlan], toil_hours: float) -> dict[str, str]:
    header = "Organisation-wide; changes need a review from the SRE leads"
    files = {"org/teams.yaml": dump_documents([org.team_document(team) for team in plan.teams], header=header)}
    for team in plan.teams:
        files[f"org/oncall/{team.rotation}.yaml"] = dump_documents([org.rotation_document(team, plan.seed)], header=header)
    files["org/error_budget_policy.yaml"] = dump_documents([org.default_budget_policy()], header=header)
    sre_hours = sum(org.SRE_HOURS_PER_MEMBER * len(team.members) for team in plan.teams)
    for period in org.REPORT_MONTHS:
        report = org.monthly_report(period, plan, incidents, toil_hours, sre_hours)
        files[f"org/reports/{period}.yaml"] = dump_documents([report], header=header)
    return dict(sorted(files.items()))


# --- writing and git history ---------------------------------------------------------------------


@dataclass(frozen=True)
class CorpusSummary:
    root: Path
    services: int
    files: int
    bytes: int
    median_file_bytes: int
    commits: int


def write_files(files: dict[str, str], out: Path) -> None:
    for rel, text in files.items():
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def generate(out: Path | str, services: int, *, seed: int = 0, git_history: int = 0,
             overwrite: bool = False) -> CorpusSummary:
    """Write the corpus under ``out`` (which must be empty unless ``overwrite``) and return its size."""
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        if not overwrite:
            raise FileExistsError(f"{out} is not empty (pass overwrite=True / --force to replace it)")
        for child in ("services", "org", ".git"):
            shutil.rmtree(out / child, ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)
    files = corpus_files(services, seed)
    write_files(files, out)
    commits = 0
    if git_history:
        commits = _git_history(out, files, git_history, seed)
    sizes = sorted(len(text.encode("utf-8")) for text in files.values())
    return CorpusSummary(out, services, len(files), sum(sizes), sizes[len(sizes) // 2], commits)


_DATE_LINE = {
    "slos.yaml": re.compile(r"(last_reviewed: )\d{4}-\d{2}-\d{2}"),
    "runbook": re.compile(r"(last_updated: )\d{4}-\d{2}-\d{2}"),
}


def touch_service(out: Path, service: str, day: str, files: dict[str, str] | None = None) -> list[str]:
    """Record a review of ``service`` on ``day``: its SLOs and first runbook get that date.

    ``files`` (path -> text) is kept in step when given; otherwise the files are read from
    disk. Returns the paths changed.
    """
    changed = []
    folder = out / "services" / service
    runbook = min(p.relative_to(out).as_posix() for p in (folder / "runbooks").glob("*.yaml"))
    for rel, pattern in ((f"services/{service}/slos.yaml", _DATE_LINE["slos.yaml"]), (runbook, _DATE_LINE["runbook"])):
        before = files[rel] if files is not None else (out / rel).read_text(encoding="utf-8")
        text = pattern.sub(rf"\g<1>{day}", before, count=1)
        if text != before:
            if files is not None:
                files[rel] = text
            (out / rel).write_text(text, encoding="utf-8")
            changed.append(rel)
    return changed


def git(out: Path, *args: str, when: datetime | None = None) -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME="Corpus Bot", GIT_AUTHOR_EMAIL="corpus@example.com",
               GIT_COMMITTER_NAME="Corpus Bot", GIT_COMMITTER_EMAIL="corpus@example.com")
    if when is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = when.isoformat()
    done = subprocess.run(["git", "-C", str(out), *args], env=env, check=True, capture_output=True, text=True)
    return done.stdout


def _git_history(out: Path, files: dict[str, str], commits: int, seed: int) -> int:
    """An initial import, then ``commits`` reviews of one to three services each, one a day or faster."""
    start = datetime.combine(TODAY - timedelta(days=60), time(9), tzinfo=UTC)
    git(out, "init", "--quiet", "--initial-branch=main")
    git(out, "config", "commit.gpgsign", "false")
    git(out, "add", "--all")
    git(out, "commit", "--quiet", "-m", "Import the reliability repo", when=start)
    services = sorted({rel.split("/")[1] for rel in files if rel.startswith("services/")})
    rng = rng_for(seed, "history")
    for index in range(1, commits + 1):
        moment = start + timedelta(minutes=int(index * 60 * 24 * 59 / commits))
        touched = rng.sample(services, min(len(services), rng.randint(1, 3)))
        changed = [p for svc in sorted(touched) for p in touch_service(out, svc, moment.date().isoformat(), files)]
        if not changed:
            continue
        git(out, "add", "--", *changed)
        git(out, "commit", "--quiet", "-m", f"Review SLOs of {', '.join(sorted(touched))}", when=moment)
    return commits + 1


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.corpus", description=__doc__.split("\n\n")[0])
    parser.add_argument("--services", type=int, required=True, help="number of services")
    parser.add_argument("--out", type=Path, required=True, help="folder to write (must be empty unless --force)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--git-history", type=int, default=0, metavar="K", help="make a git repo with K commits after the import")
    parser.add_argument("--force", action="store_true", help="replace services/, org/ and .git in a non-empty folder")
    args = parser.parse_args(argv)
    if args.services < 1 or args.git_history < 0:
        parser.error("--services must be at least 1 and --git-history at least 0")
    try:
        summary = generate(args.out, args.services, seed=args.seed, git_history=args.git_history, overwrite=args.force)
    except FileExistsError as exc:
        print(f"corpus: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {summary.files} files, {summary.bytes / 1e6:.1f} MB (median {summary.median_file_bytes} bytes), "
          f"{summary.services} services, {summary.commits} commits -> {summary.root}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
