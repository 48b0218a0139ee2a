"""``sre-docs new``: start any kind of document from the guide's template.

Service, SLI, SLO, alert, runbook and chaos experiment; toil item, capacity model, production
readiness review, error budget policy, on-call rotation, team, maturity self-assessment and
auto-remediation rules. What only a person can write is left as a ``TODO:`` marker, which
``sre-docs lint`` reports (TODO001) until it is replaced.

Required values are required options, so ``--help`` and the error name them; optional ones
have defaults that pass lint for the service's tier (the SLO target defaults to the tier's
floor). The new document is checked before it is written, the repo is checked after, and
what a person still has to fill in is listed. A command that wrote its file exits 0, and
prints the findings on the new file as warnings.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from sre_docs.cli.args import add_force, add_root, workflow
from sre_docs.schemas.vocabulary import (
    ALERT_SEVERITIES, ALERT_SIGNALS, AUTOMATION_DIFFICULTIES, BOTTLENECK_RESOURCES, FAULT_TYPES, SCALING_TYPES,
    SERVICE_TYPES, SLI_TYPES, TIERS, TOIL_CATEGORIES, TOIL_FREQUENCIES,
)

if TYPE_CHECKING:
    from sre_docs.workflows.documents import NewDocument


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("new", help="create a document from its template", description=__doc__)
    kinds = parser.add_subparsers(dest="kind", metavar="KIND", required=True)

    service = kinds.add_parser("service", help="a service folder with its catalog entry")
    service.add_argument("name", help="service name (its folder name)")
    service.add_argument("--tier", choices=TIERS, required=True)
    service.add_argument("--team", required=True, help="owning team (from org/teams.yaml)")
    service.add_argument("--rotation", help="on-call rotation (default: the team's only rotation)")
    service.add_argument("--description")
    service.add_argument("--type", dest="service_type", choices=SERVICE_TYPES,
                         help="what kind of service: `new sli` then starts from the guide's SLIs for it")
    service.set_defaults(func=run_service)

    sli = kinds.add_parser("sli", help="an SLI of a service")
    sli.add_argument("service")
    sli.add_argument("--name", help="SLI name, e.g. request_success_rate (default: the guide's primary SLI "
                     "for the catalog's service_type)")
    sli.add_argument("--type", choices=SLI_TYPES,
                     help="default: the guide's type for a suggested name, else latency when the name says "
                     "latency, else availability")
    sli.add_argument("--threshold-ms", type=float, help="latency SLIs: a good request is faster than this (default 300)")
    sli.add_argument("--description")
    sli.set_defaults(func=run_sli)

    slo = kinds.add_parser("slo", help="an SLO with its error budget and burn-rate alerts")
    slo.add_argument("service")
    slo.add_argument("--sli", required=True, help="the SLI it sets a target for")
    slo.add_argument("--target", type=float,
                     help="target in percent, e.g. 99.9 (default: the floor of the service's tier, policy SLO005)")
    slo.add_argument("--window", default="28d", help="rolling window (default 28d)")
    slo.add_argument("--sla", type=float, help="external SLA in percent, below the target")
    slo.add_argument("--name", help="SLO name (default: the SLI's name)")
    slo.add_argument("--no-runbooks", action="store_true", help="do not create runbooks for its burn-rate alerts")
    slo.set_defaults(func=run_slo)

    alert = kinds.add_parser("alert", help="an alert, with a runbook when it has none")
    alert.add_argument("service")
    alert.add_argument("--name", required=True, help="alert name")
    alert.add_argument("--signal", choices=ALERT_SIGNALS, required=True)
    alert.add_argument("--severity", choices=ALERT_SEVERITIES, required=True)
    alert.add_argument("--slo", help="burn_rate alerts: the SLO whose budget it watches")
    alert.add_argument("--condition", help="when it fires, in words")
    alert.add_argument("--no-runbook", action="store_true", help="do not create the runbook it links to")
    alert.set_defaults(func=run_alert)

    runbook = kinds.add_parser("runbook", help="a runbook for an alert, with diagnosis steps for its signal")
    runbook.add_argument("service")
    runbook.add_argument("--alert", required=True, help="the alert that sends a responder to it")
    runbook.set_defaults(func=run_runbook)

    experiment = kinds.add_parser("experiment", help="a chaos experiment from the experiment library")
    experiment.add_argument("service")
    experiment.add_argument("--fault", choices=FAULT_TYPES, required=True)
    experiment.add_argument("--name")
    experiment.add_argument("--target", help="component hit by the fault")
    experiment.add_argument("--environment", choices=("staging", "production"), default="staging")
    experiment.add_argument("--date", help="day it is scheduled for (YYYY-MM-DD)")
    experiment.set_defaults(func=run_experiment)

    subs = [service, sli, slo, alert, runbook, experiment, *_register_operations(kinds)]
    for sub in subs:
        add_root(sub)
        add_force(sub)


def _register_operations(kinds: argparse._SubParsersAction) -> list[argparse.ArgumentParser]:
    toil = kinds.add_parser("toil", aliases=["toil-item"], help="a toil item, its hours and priority computed")
    toil.add_argument("service")
    toil.add_argument("--name", required=True, help="what the work is, e.g. 'Renew partner TLS certificates'")
    toil.add_argument("--category", choices=TOIL_CATEGORIES, required=True)
    toil.add_argument("--minutes", type=float, required=True, help="minutes each occurrence takes")
    toil.add_argument("--per-month", type=float, required=True, help="occurrences a month")
    toil.add_argument("--difficulty", choices=AUTOMATION_DIFFICULTIES, required=True, help="effort to automate it")
    toil.add_argument("--frequency", choices=TOIL_FREQUENCIES,
                      help="default: daily from 20 a month, weekly from 4, else monthly")
    toil.add_argument("--owner", help="who drives the automation")
    toil.set_defaults(func=run_toil)

    cap = kinds.add_parser("capacity", aliases=["capacity-model"], help="a capacity model with its projections")
    cap.add_argument("service")
    cap.add_argument("--bottleneck", choices=BOTTLENECK_RESOURCES, required=True, help="the resource that runs out first")
    cap.add_argument("--peak-utilization", type=float, required=True, help="utilisation of it at peak, in percent")
    cap.add_argument("--growth", required=True, help="monthly growth, e.g. 4%% (compound)")
    cap.add_argument("--metric", help="what grows (default requests/sec, from the catalog's peak_rps)")
    cap.add_argument("--current", type=float, help="its value today (default: the catalog's peak_rps)")
    cap.add_argument("--instances", type=int, help="instances running now")
    cap.add_argument("--max-instances", type=int, help="most instances auto-scaling may add")
    cap.add_argument("--cost", type=float, help="monthly cost in USD (default: the catalog's monthly_cost_usd)")
    cap.add_argument("--scaling", choices=SCALING_TYPES, default="horizontal")
    cap.set_defaults(func=run_capacity)

    prr = kinds.add_parser("prr", help="a production readiness review with the guide's 28 checks")
    prr.add_argument("service")
    prr.add_argument("--reviewer", action="append", default=[], help="who takes part (repeat the option)")
    prr.set_defaults(func=run_prr)

    policy = kinds.add_parser("budget-policy", aliases=["error-budget-policy"],
                              help="the guide's error budget policy, for a service or the organisation")
    policy.add_argument("service", nargs="?", help="leave out for the organisation's default policy")
    policy.set_defaults(func=run_budget_policy)

    rotation = kinds.add_parser("rotation", aliases=["oncall-rotation"], help="an on-call rotation of a team")
    rotation.add_argument("name")
    rotation.add_argument("--team", required=True)
    rotation.add_argument("--member", action="append", default=[], help="in shift order (default: the team's members)")
    rotation.set_defaults(func=run_rotation)

    team = kinds.add_parser("team", help="a team in org/teams.yaml")
    team.add_argument("name")
    team.add_argument("--member", action="append", default=[], help="a member's handle (repeat the option)")
    team.add_argument("--manager")
    team.add_argument("--sre-hours", type=float, help="SRE hours a month: what its toil share is measured against")
    team.add_argument("--sre-team", action="store_true", help="an SRE team rather than a product team")
    team.set_defaults(func=run_team)

    assessment = kinds.add_parser("assessment", aliases=["self-assessment", "maturity-assessment"],
                                  help="a maturity self-assessment, started from the scorecard's evidence")
    assessment.add_argument("service")
    assessment.add_argument("--assessor")
    assessment.set_defaults(func=run_assessment)

    remediation = kinds.add_parser("remediation", aliases=["auto-remediation"],
                                   help="the guide's self-healing rules, switched off, for a service or every service")
    remediation.add_argument("service", nargs="?", help="leave out for rules that apply to every service")
    remediation.set_defaults(func=run_remediation)
    return [toil, cap, prr, policy, rotation, team, assessment, remediation]


def _write(args: argparse.Namespace, new: NewDocument, *, extra: Sequence[NewDocument] = ()) -> int:
    from sre_docs.cli.context import report_written, write_document

    written = []
    for doc in (new, *new.companions, *extra):
        changed = write_document(args.root, path=doc.path, service=doc.service, content=doc.content,
                                 mode=doc.mode, index=doc.index, force=args.force)
        verb = {"create": "created", "append": "added to", "replace": "replaced in"}[doc.mode]
        print(f"{verb} {doc.path}: {doc.kind} {doc.name}" + ("" if changed else " (unchanged)"))
        for note in doc.notes:
            print(f"note: {note}")
        written.append(doc)
    todo = [item for doc in written for item in (f"{doc.path}: {p}" for p in doc.still_to_fill())]
    return report_written(args.root, [doc.path for doc in written], todo=todo)


@workflow
def run_service(args: argparse.Namespace) -> int:
    from sre_docs.cli.context import load
    from sre_docs.workflows import scaffold

    repo = load(args.root)
    new = scaffold.new_service(repo, name=args.name, tier=args.tier, team=args.team, rotation=args.rotation,
                               description=args.description, service_type=args.service_type, force=args.force)
    return _write(args, new)


@workflow
def run_sli(args: argparse.Namespace) -> int:
    from sre_docs.cli.context import load
    from sre_docs.workflows import scaffold

    from sre_docs.cli.context import policy_options

    repo = load(args.root)
    name, kind = scaffold.choose_sli(repo, service=args.service, name=args.name, type=args.type)
    new = scaffold.new_sli(repo, service=args.service, name=name, type=kind, threshold_ms=args.threshold_ms,
                           description=args.description, force=args.force)
    code = _write(args, new)
    floors = policy_options(args.root, "SLO005").get("floors") or {}
    for line in scaffold.sli_suggestions(load(args.root), service=args.service, floors=floors):
        print(f"suggestion: {line}")
    return code


@workflow
def run_slo(args: argparse.Namespace) -> int:
    from sre_docs.cli.context import load, policy_options, today
    from sre_docs.workflows import scaffold

    from sre_docs.cli.context import budget_as_of

    repo = load(args.root)
    target = args.target
    if target is None:
        floors = policy_options(args.root, "SLO005").get("floors") or {}
        target = scaffold.default_target(repo, service=args.service, floors=floors)
        print(f"note: --target not given: {target:g}%, the floor of the service's tier (SLO005)")
        offer = scaffold.measured_offer(repo, service=args.service, sli=args.sli, window=args.window,
                                        as_of=budget_as_of(args))
        if offer is not None and offer.target is not None:
            print(f"note: SLO {offer.slo} achieved {round(offer.achieved_pct, 4):g}% on this SLI over the last "
                  f"{offer.days:g} days ({offer.good:,} good of {offer.total:,}); less a margin of the error rate "
                  f"measured ({round(100 - offer.achieved_pct, 4):g}%), rounded down to the guide's targets, that "
                  f"offers --target {offer.target:g}")
    new = scaffold.new_slo(repo, service=args.service, sli=args.sli, target=target, window=args.window, sla=args.sla,
                           name=args.name, with_runbooks=not args.no_runbooks, today=today(args), force=args.force)
    return _write(args, new)


@workflow
def run_alert(args: argparse.Namespace) -> int:
    from sre_docs.cli.context import load, today
    from sre_docs.workflows import runbooks, scaffold

    repo = load(args.root)
    service, name, signal, severity = args.service, args.name, args.signal, args.severity
    new = scaffold.new_alert(repo, service=service, name=name, signal=signal, severity=severity, slo=args.slo,
                             condition=args.condition, force=args.force, today=today(args))
    extra = []
    runbook_path = f"{repo.services[service].folder}/runbooks/{name}.yaml"
    has_runbook = repo.services[service].runbooks_for(name) or (args.root / runbook_path).exists()
    if not args.no_runbook and not has_runbook:
        extra.append(runbooks.new_runbook(repo, service=service, alert=name, signal=signal, today=today(args)))
    elif not has_runbook:
        print(f"note: the alert links {runbook_path}, which does not exist yet", file=sys.stderr)
    return _write(args, new, extra=extra)


@workflow
def run_runbook(args: argparse.Namespace) -> int:
    from sre_docs.cli.context import load, today
    from sre_docs.workflows import runbooks

    repo = load(args.root)
    new = runbooks.new_runbook(repo, service=args.service, alert=args.alert, today=today(args), force=args.force)
    return _write(args, new)


@workflow
def run_experiment(args: argparse.Namespace) -> int:
    from sre_docs.cli.context import load, today
    from sre_docs.workflows import chaos

    repo = load(args.root)
    service, fault = args.service, args.fault
    scheduled = _date(args.date) if args.date else None
    new = chaos.new_experiment(repo, service=service, fault=fault, name=args.name, target=args.target,
                                  environment=args.environment, scheduled=scheduled, today=today(args), force=args.force)
    return _write(args, new)


@workflow
def run_toil(args: argparse.Namespace) -> int:
    from sre_docs.cli.context import load
    from sre_docs.workflows import scaffold_ops

    new = scaffold_ops.new_toil(load(args.root), service=args.service, name=args.name, category=args.category,
                                minutes=args.minutes, per_month=args.per_month, difficulty=args.difficulty,
                                frequency=args.frequency, owner=args.owner, force=args.force)
    return _write(args, new)


@workflow
def run_capacity(args: argparse.Namespace) -> int:
    from sre_docs.cli.context import load, today
    from sre_docs.workflows import scaffold_ops
    from sre_docs.workflows.capacity import parse_growth

    new = scaffold_ops.new_capacity(
        load(args.root), service=args.service, bottleneck=args.bottleneck, peak_pct=args.peak_utilization,
        growth_pct=parse_growth(args.growth), today=today(args), metric=args.metric, current=args.current,
        instances=args.instances, max_instances=args.max_instances, cost=args.cost, scaling=args.scaling,
        force=args.force)
    return _write(args, new)


@workflow
def run_prr(args: argparse.Namespace) -> int:
    from sre_docs.cli.context import load, today
    from sre_docs.workflows import scaffold_ops
    from sre_docs.workflows.prr import review

    repo = load(args.root)
    shows: dict[str, str] = {}
    if args.service in repo.services:
        for row in review(repo, args.service).rows:
            if row.repo_says is not None:
                shows[row.id] = ("yes" if row.repo_says else "no") + (f", {row.repo_detail}" if row.repo_detail else "")
    new = scaffold_ops.new_prr(repo, service=args.service, today=today(args), reviewers=args.reviewer,
                               repo_shows=shows, force=args.force)
    return _write(args, new)


@workflow
def run_budget_policy(args: argparse.Namespace) -> int:
    from sre_docs.cli.context import load
    from sre_docs.workflows import scaffold_ops

    return _write(args, scaffold_ops.new_budget_policy(load(args.root), service=args.service, force=args.force))


@workflow
def run_rotation(args: argparse.Namespace) -> int:
    from sre_docs.cli.context import load
    from sre_docs.workflows import scaffold_ops

    new = scaffold_ops.new_rotation(load(args.root), name=args.name, team=args.team, members=args.member,
                                    force=args.force)
    return _write(args, new)


@workflow
def run_team(args: argparse.Namespace) -> int:
    from sre_docs.cli.context import load
    from sre_docs.workflows import scaffold_ops

    new = scaffold_ops.new_team(load(args.root), name=args.name, members=args.member, manager=args.manager,
                                sre_hours=args.sre_hours, sre_team=args.sre_team, force=args.force)
    return _write(args, new)


@workflow
def run_assessment(args: argparse.Namespace) -> int:
    from sre_docs.cli import UsageError
    from sre_docs.cli.context import load, today
    from sre_docs.scorecard.rules import RulesError, load_rules
    from sre_docs.scorecard.score import score_service
    from sre_docs.workflows import scaffold_ops
    from sre_docs.workflows.documents import service_for

    repo = load(args.root)
    service_for(repo, args.service)
    try:
        rules = load_rules(args.root)
    except RulesError as exc:
        raise UsageError("invalid config: scorecard rules:\n" + "\n".join(
            f"  {f.path}:{f.line}:{f.column}: {f.code} {f.message}" for f in exc.findings)) from None
    day = today(args)
    card = score_service(repo, args.service, rules, today=day)
    levels = {dimension.id: dimension.level for dimension in card.dimensions}
    new = scaffold_ops.new_assessment(repo, service=args.service, today=day, evidence_levels=levels,
                                      assessor=args.assessor, force=args.force)
    return _write(args, new)


@workflow
def run_remediation(args: argparse.Namespace) -> int:
    from sre_docs.cli.context import load
    from sre_docs.workflows import scaffold_ops

    return _write(args, scaffold_ops.new_remediation(load(args.root), service=args.service))


def _date(text: str) -> dt.date:
    from sre_docs.workflows.common import WorkflowError

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise WorkflowError(f"--date {text!r} is not a date (YYYY-MM-DD)") from None
