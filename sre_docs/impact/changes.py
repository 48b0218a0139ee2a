"""What a change does to reliability: the repo at a base commit and as changed, compared.

``compare`` takes the two states of the repo, each already loaded into the model, and asks
the code that computes every figure elsewhere: budgets from :mod:`sre_docs.model.slo_budgets`
(the one budget computation of the CLI, policies, site and scorecards), findings from the
lint engine, scorecards from :mod:`sre_docs.scorecard.score`, capacity months from
:mod:`sre_docs.workflows.capacity`. This module only lines the two answers up, so a figure
in a pull-request comment is the figure ``sre-docs budget`` or the handbook shows.

Both states are judged with the same configuration, scorecard rules and day (the
change's own ``sre-docs.yaml``), so what differs is what the documents say. Findings are
matched by the baseline's fingerprint (code, file, service and message without positions)
wherever they sit: a change to ``org/teams.yaml`` that breaks ten services shows ten
findings introduced, although no service file changed.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar
from weakref import WeakKeyDictionary

from sre_docs.calc.oncall import MIN_ROTATION_SIZE, rotation_size_ok
from sre_docs.findings import Finding
from sre_docs.lint.baseline import key as finding_key
from sre_docs.lint.config import Config
from sre_docs.lint.engine import lint_repo
from sre_docs.lint.policy import LintRepo
from sre_docs.model.repository import Repository, Service
from sre_docs.model.slo_budgets import BurnAlertFacts, SloBudget, evaluation_instant, slo_budget
from sre_docs.schemas.vocabulary import BUDGET_STATES, TIERS
from sre_docs.scorecard.facts import GitFacts
from sre_docs.scorecard.rules import Rules
from sre_docs.scorecard.score import Scorecard, score_service
from sre_docs.workflows.capacity import plan_service

T = TypeVar("T")


@dataclass(frozen=True)
class Pair(Generic[T]):
    """A value before and after the change (None: absent on that side)."""

    before: T | None
    after: T | None

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass(frozen=True)
class Side:
    """One state of the repo, ready to be judged: the model with its day and its git file dates."""

    repo: LintRepo
    git: GitFacts
    #: The side's files whose bytes hold any of the given strings, when something faster than reading them all
    #: can say (``git grep`` on the work tree); None (or returning None): read them.
    containing: Callable[[Collection[str]], set[str] | None] | None = None


# --- what the comparison finds ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FindingsDiff:
    """Findings of the whole repo, split by whether the change brought them, removed them or left them."""

    introduced: tuple[Finding, ...]
    fixed: tuple[Finding, ...]
    unchanged: tuple[Finding, ...]


@dataclass(frozen=True)
class BurnAlertChange:
    """A burn-rate alert declared in an SLO whose threshold, windows or severity changed."""

    name: str
    before: BurnAlertFacts
    after: BurnAlertFacts


@dataclass(frozen=True)
class SloChange:
    """An SLO added, removed, redefined, or whose budget moved because of the change."""

    service: str
    slo: str
    path: str
    change: str  # "added", "removed" or "changed"
    target: Pair[float]
    window: Pair[str]
    sla: Pair[float]
    budget_minutes: Pair[float]
    spent_pct: Pair[float]
    state: Pair[str]
    #: What the budget policy asks for in the state after the change.
    actions: tuple[str, ...]
    burn_alerts: tuple[BurnAlertChange, ...]

    @property
    def redefined(self) -> bool:
        """The target, window or SLA itself changed (not only the evidence)."""
        return self.change == "changed" and (self.target.changed or self.window.changed or self.sla.changed)

    @property
    def worse(self) -> bool:
        """The budget state is worse after the change."""
        return _state_rank(self.state.after) > _state_rank(self.state.before)

    @property
    def better(self) -> bool:
        return _state_rank(self.state.after) < _state_rank(self.state.before)


@dataclass(frozen=True)
class DimensionChange:
    id: str
    name: str
    level: Pair[int]


@dataclass(frozen=True)
class ScoreChange:
    """A service's scorecard before and after: band, maturity total, rubric score and dimension levels."""

    service: str
    band: Pair[str]
    total: Pair[int]
    quality: Pair[float]
    dimensions: tuple[DimensionChange, ...]

    @property
    def quality_delta(self) -> float:
        return round((self.quality.after or 0.0) - (self.quality.before or 0.0), 1)


@dataclass(frozen=True)
class AlertChange:
    """An alert added or removed, or one that had a runbook before the change and has none after."""

    service: str
    alert: str
    path: str
    change: str  # "added", "removed" or "lost runbook"
    runbooks_before: tuple[str, ...] = ()


@dataclass(frozen=True)
class DeletedRunbook:
    """A runbook file the change deletes while alerts still name it or link to it."""

    service: str
    path: str
    alerts: tuple[str, ...]


@dataclass(frozen=True)
class RuleChange:
    """A rule that depends on a service's tier, before and after its tier changed."""

    rule: str
    value: Pair[Any]
    tighter: bool


@dataclass(frozen=True)
class ServiceChange:
    service: str
    change: str  # "added", "removed" or "tier"
    tier: Pair[str]
    rules: tuple[RuleChange, ...] = ()

    @property
    def tightened(self) -> bool:
        return any(rule.tighter for rule in self.rules)


@dataclass(frozen=True)
class CapacityChange:
    """The month a capacity model's peak crosses its scale-up threshold, moved by the change."""

    service: str
    path: str
    bottleneck: str | None
    month: Pair[str]
    months: Pair[float]

    @property
    def earlier(self) -> bool:
        if self.month.after is None:
            return False
        return self.month.before is None or self.month.after < self.month.before


@dataclass(frozen=True)
class RotationChange:
    """An on-call rotation that shrinks below the guide's minimum."""

    rotation: str
    path: str
    members: Pair[int]
    minimum: int


@dataclass(frozen=True)
class Impact:
    """Everything the change does, each list sorted by service and name."""

    as_of: dt.date
    findings: FindingsDiff
    slos: tuple[SloChange, ...]
    scores: tuple[ScoreChange, ...]
    alerts: tuple[AlertChange, ...]
    deleted_runbooks: tuple[DeletedRunbook, ...]
    services: tuple[ServiceChange, ...]
    capacity: tuple[CapacityChange, ...]
    rotations: tuple[RotationChange, ...]

    @property
    def empty(self) -> bool:
        return not (self.findings.introduced or self.findings.fixed or self.slos or self.scores or self.alerts
                    or self.deleted_runbooks or self.services or self.capacity or self.rotations)


# --- the comparison --------------------------------------------------------------------------------------


def compare(base: Side, head: Side, *, config: Config, rules: Rules,
            findings: tuple[Iterable[Finding], Iterable[Finding]] | None = None,
            budgets_of: Collection[str] | None = None) -> Impact:
    """The reliability impact of going from ``base`` to ``head``, judged as of ``head``'s day.

    ``findings``: the two sides' lint findings when the caller has them already (``sre-docs
    diff`` takes the base's from the cache and lints only what the change can move).
    ``budgets_of``: the services whose SLO budgets the change can move, when the caller knows
    (None: compare every SLO).
    """
    today = head.repo.today
    as_of = evaluation_instant(today)
    if findings is None:
        findings = (lint_repo(base.repo, config).findings, lint_repo(head.repo, config).findings)
    return Impact(
        as_of=today,
        findings=diff_findings(*findings),
        slos=tuple(slo_changes(base.repo, head.repo, as_of=as_of, services=budgets_of)),
        scores=tuple(score_changes(*_scorecards(base, head, rules, today=today))),
        alerts=tuple(alert_changes(base.repo, head.repo)),
        deleted_runbooks=tuple(deleted_runbooks(base.repo, head.repo)),
        services=tuple(service_changes(base.repo, head.repo, config)),
        capacity=tuple(capacity_changes(base.repo, head.repo, as_of=as_of)),
        rotations=tuple(rotation_changes(base.repo, head.repo, minimum=rotation_minimum(config))),
    )


def _scorecards(base: Side, head: Side, rules: Rules, *, today: dt.date) -> tuple[dict[str, Scorecard], dict[str, Scorecard]]:
    """The scorecards of the services the change can have moved, on both sides (see :func:`services_to_score`)."""
    wanted = services_to_score(base, head)
    cards = []
    for side in (base, head):
        names = sorted(side.repo.services if wanted is None else wanted & side.repo.services.keys())
        cards.append({name: score_service(side.repo, name, rules, today=today, git=side.git) for name in names})
    return cards[0], cards[1]


def changed_paths(base: Side, head: Side) -> set[str]:
    """Files whose documents or git date differ between the sides.

    A file the change left alone is loaded once and shared by both models (``KnownFiles``), so
    its documents are the very same objects; anything else counts as changed, which is safe.
    """
    def parsed(repo: Repository) -> dict[str, list[int]]:
        return {path: [id(doc.parsed) for doc in docs] for path, docs in repo.documents_by_path.items()}

    before, after = parsed(base.repo), parsed(head.repo)
    changed = {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}
    dated_before, dated_after = base.git.last_changed, head.git.last_changed
    changed.update(p for p in dated_before.keys() | dated_after.keys()
                   if p.startswith(("services/", "org/")) and dated_before.get(p) != dated_after.get(p))
    return changed


def services_to_score(base: Side, head: Side) -> set[str] | None:
    """The services whose scorecard the change can move; None for all of them.

    A scorecard reads its service's own files, the organisation's files (teams, rotations,
    policies), files of other services that name it or that it links to, and the toil of its
    owning team. So: every service when anything under ``org/`` (or outside the known layout)
    changed; else the services whose folders changed, those named in a changed file, those
    whose files name one of them (a link into another folder names that folder), and, when a
    toil item or a catalog entry changed, every service of their owning teams and of the teams
    the toil items name. Names are matched as bytes, which can only add services, never miss one.
    """
    changed = changed_paths(base, head)
    if any(not path.startswith("services/") for path in changed):
        return None
    direct = {path.split("/")[1] for path in changed}
    if not direct:
        return set()
    sides = (base.repo, head.repo)
    everyone = {name for repo in sides for name in repo.services}
    wanted = set(direct)
    for repo in sides:
        for path in changed:
            data = repo.source_bytes(path) or b""
            wanted.update(name for name in everyone if name.encode() in data)
    needles = [name.encode() for name in direct]
    found = head.containing(sorted(direct)) if head.containing is not None else None
    if found is not None:
        wanted.update(path.split("/")[1] for path in found if path.startswith("services/") and path.count("/") >= 2
                      and path in head.repo.documents_by_path)
    for repo in sides:
        # A file the change left alone has the same bytes on both sides: it is read once, on the head's.
        if repo is head.repo:
            paths: Collection[str] = () if found is not None else head.repo.documents_by_path
        else:
            paths = changed
        for path in paths:
            owner = path.split("/")[1] if path.startswith("services/") else None
            if owner is None or owner in wanted:
                continue
            data = repo.source_bytes(path) or b""
            if any(needle in data for needle in needles):
                wanted.add(owner)
    # Team-level evidence (a team's toil total; which team owns a service) moves only with toil items and
    # catalog entries: then every service of the teams concerned is scored again, on either side.
    changed_docs = [doc for repo in sides for path in changed for doc in repo.documents_by_path.get(path, [])]
    if not any(doc.kind in ("toil_item", "service") for doc in changed_docs):
        return wanted
    teams: set[Any] = set()
    for repo in sides:
        for name in wanted:
            catalog = repo.services[name].catalog if name in repo.services else None
            if catalog is not None:
                teams.add(catalog.get("owner_team"))
    for doc in changed_docs:
        named = doc.get("teams_affected") if doc.kind == "toil_item" else None
        if isinstance(named, list):
            teams.update(team for team in named if isinstance(team, str))
    for repo in sides:
        wanted.update(name for name, service in repo.services.items()
                      if service.catalog is not None and service.catalog.get("owner_team") in teams)
    return wanted


def diff_findings(before: Iterable[Finding], after: Iterable[Finding]) -> FindingsDiff:
    """Match findings by fingerprint, counting: two identical findings before and three after is one introduced."""
    before, after = list(before), list(after)
    remaining = Counter(finding_key(f) for f in before)
    introduced, unchanged = [], []
    for finding in after:
        k = finding_key(finding)
        if remaining[k] > 0:
            remaining[k] -= 1
            unchanged.append(finding)
        else:
            introduced.append(finding)
    still = Counter(finding_key(f) for f in after)
    fixed = []
    for finding in before:
        k = finding_key(finding)
        if still[k] > 0:
            still[k] -= 1
        else:
            fixed.append(finding)
    return FindingsDiff(tuple(_sorted(introduced)), tuple(_sorted(fixed)), tuple(_sorted(unchanged)))


def _sorted(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (-f.severity.rank, f.path, f.line, f.column, f.code, f.message))


def _state_rank(state: str | None) -> int:
    return BUDGET_STATES.index(state) if state in BUDGET_STATES else -1


def _slos(repo: Repository) -> dict[tuple[str, str], tuple[Service, Any]]:
    found: dict[tuple[str, str], tuple[Service, Any]] = {}
    for name, service in repo.services.items():
        for slo in service.slos:
            slo_name = service.slo_name(slo)
            if isinstance(slo_name, str):
                found.setdefault((name, slo_name), (service, slo))
    return found


def slo_changes(base: Repository, head: Repository, *, as_of: dt.datetime,
                services: Collection[str] | None = None) -> Iterator[SloChange]:
    """SLOs added, removed, redefined (target, window, SLA, burn-rate alerts) or whose budget moved.

    ``services``: only the SLOs of these (the services whose budgets the change can move; see
    ``sre_docs.lint.incremental.affected_services``); None for all.
    """
    before, after = _slos(base), _slos(head)
    for key in sorted(before.keys() | after.keys()):
        if services is not None and key[0] not in services:
            continue
        old = slo_budget(base, *before[key], as_of=as_of) if key in before else None
        new = slo_budget(head, *after[key], as_of=as_of) if key in after else None
        change = "added" if old is None else "removed" if new is None else "changed"
        alerts = _burn_alert_changes(old, new) if old and new else ()
        either = new if new is not None else old
        assert either is not None  # the key came from one side or the other
        slo = SloChange(
            service=key[0], slo=key[1], path=either.path, change=change,
            target=Pair(_get(old, "target"), _get(new, "target")),
            window=Pair(_get(old, "window"), _get(new, "window")),
            sla=Pair(_get(old, "sla"), _get(new, "sla")),
            budget_minutes=Pair(_get(old, "budget_minutes"), _get(new, "budget_minutes")),
            spent_pct=Pair(_spent(old), _spent(new)),
            state=Pair(_get(old, "state"), _get(new, "state")),
            actions=new.actions if new else (),
            burn_alerts=alerts,
        )
        moved = slo.state.changed or _rounded(slo.spent_pct.before) != _rounded(slo.spent_pct.after)
        if change != "changed" or slo.redefined or moved or alerts:
            yield slo


def _get(budget: SloBudget | None, name: str) -> Any:
    if budget is None:
        return None
    value = getattr(budget, name)
    return str(value) if name == "state" and value is not None else value


def _spent(budget: SloBudget | None) -> float | None:
    return budget.status.consumed_pct.value if budget is not None and budget.status is not None else None


def _rounded(value: float | None) -> float | None:
    """Spent shares are shown to whole percents; smaller moves are noise in a review."""
    return None if value is None else round(value)


def _burn_alert_changes(old: SloBudget, new: SloBudget) -> tuple[BurnAlertChange, ...]:
    before = {a.name: a for a in old.burn_alerts}
    changes = []
    for alert in new.burn_alerts:
        was = before.get(alert.name)
        if was is None:
            continue  # a new burn-rate alert is reported with the alerts added
        if (was.burn_rate, was.long_window, was.short_window, was.severity) != (
                alert.burn_rate, alert.long_window, alert.short_window, alert.severity):
            changes.append(BurnAlertChange(alert.name, was, alert))
    return tuple(changes)


def score_changes(before: dict[str, Scorecard], after: dict[str, Scorecard]) -> Iterator[ScoreChange]:
    """Services in both states whose band, maturity total, rubric score or a dimension level moved."""
    for name in sorted(before.keys() & after.keys()):
        old, new = before[name], after[name]
        levels = {d.id: d for d in old.dimensions}
        dimensions = tuple(
            DimensionChange(d.id, d.name, Pair(levels[d.id].shown_level, d.shown_level))
            for d in new.dimensions if d.id in levels and levels[d.id].shown_level != d.shown_level
        )
        change = ScoreChange(name, Pair(old.band.label, new.band.label), Pair(old.total, new.total),
                             Pair(round(old.quality, 1), round(new.quality, 1)), dimensions)
        if dimensions or change.band.changed or change.total.changed or change.quality.changed:
            yield change


# --- alerts and runbooks -----------------------------------------------------------------------------------


def alert_runbooks(repo: Repository, named: Mapping[str, list[str]], name: Any, link: Any, path: str) -> tuple[str, ...]:
    """Where an alert's runbook is: runbook files of its service naming it (``named``: alert name -> runbook
    files, see :func:`runbooks_named`), the file its link reaches, a URL."""
    found = list(named.get(name, ())) if isinstance(name, str) else []
    if isinstance(link, str):
        if link.startswith(("http://", "https://")):
            found.append(link)
        else:
            target = repo.resolve_path(path, link)
            if target is not None and any(d.kind == "runbook" for d in repo.documents_by_path.get(target, [])):
                found.append(target)
    return tuple(dict.fromkeys(found))


def runbooks_named(service: Service) -> dict[str, list[str]]:
    """Alert name -> the service's runbook files that name it in ``alert_name``, in file order."""
    named: dict[str, list[str]] = {}
    for runbook in service.runbooks:
        alert = runbook.get("alert_name")
        if isinstance(alert, str):
            named.setdefault(alert, []).append(runbook.path)
    return named


#: ``_alerts`` of each repository (weakly held), read for both the alert changes and the deleted runbooks.
_ALERTS: WeakKeyDictionary[Repository, dict[tuple[str, str], tuple[str, tuple[str, ...], str | None]]] = \
    WeakKeyDictionary()


def _alerts(repo: Repository) -> dict[tuple[str, str], tuple[str, tuple[str, ...], str | None]]:
    """(service, alert) -> (file, its runbooks, the file its runbook link names) for alert documents and burn-rate alerts."""
    if repo in _ALERTS:
        return _ALERTS[repo]
    found: dict[tuple[str, str], tuple[str, tuple[str, ...], str | None]] = {}
    for name, service in repo.services.items():
        named = runbooks_named(service)
        for alert in service.alerts:
            alert_name, link = alert.get("name"), alert.get("runbook")
            if isinstance(alert_name, str):
                target = repo.resolve_path(alert.path, link) if isinstance(link, str) else None
                found.setdefault((name, alert_name), (alert.path, alert_runbooks(repo, named, alert_name, link, alert.path), target))
        for slo, _, burn_alert in service.burn_rate_alerts():
            alert_name = burn_alert.get("name")
            if isinstance(alert_name, str):
                found.setdefault((name, alert_name), (slo.path, alert_runbooks(repo, named, alert_name, None, slo.path), None))
    _ALERTS[repo] = found
    return found


def alert_changes(base: Repository, head: Repository) -> Iterator[AlertChange]:
    before, after = _alerts(base), _alerts(head)
    for key in sorted(before.keys() | after.keys()):
        if key not in before:
            yield AlertChange(key[0], key[1], after[key][0], "added")
        elif key not in after:
            yield AlertChange(key[0], key[1], before[key][0], "removed")
        elif before[key][1] and not after[key][1]:
            yield AlertChange(key[0], key[1], after[key][0], "lost runbook", before[key][1])


def deleted_runbooks(base: Repository, head: Repository) -> Iterator[DeletedRunbook]:
    """Runbook files gone after the change while alerts of the change still name them or link to them."""
    alerts = _alerts(head)
    kept = {path for path, docs in head.documents_by_path.items() if any(d.kind == "runbook" for d in docs)}
    gone: dict[str, tuple[str, set[str]]] = {}
    for name, service in base.services.items():
        for runbook in service.runbooks:
            if runbook.path in kept:
                continue
            entry = gone.setdefault(runbook.path, (name, set()))
            if isinstance(runbook.get("alert_name"), str):
                entry[1].add(runbook.get("alert_name"))
    for path in sorted(gone):
        service_name, named = gone[path]
        pointing = sorted(
            alert for (owner, alert), (_, _, target) in alerts.items()
            if owner == service_name and (alert in named or target == path)
        )
        if pointing:
            yield DeletedRunbook(service_name, path, tuple(pointing))


# --- services, capacity, on-call ---------------------------------------------------------------------------


def tier_rules(config: Config, tier: str | None) -> dict[str, tuple[Any, float]]:
    """The rules a tier sets, from the policies' own options: rule -> (value, how strict it is)."""
    rules: dict[str, tuple[Any, float]] = {}
    if tier is None:
        return rules
    if "SLO005" in config.catalog.policies and config.enabled("SLO005"):
        options = config.options("SLO005")
        floor = options["floors"].get(tier)
        if isinstance(floor, (int, float)) and not isinstance(floor, bool):
            rules["SLO target floor"] = (float(floor), float(floor))
        required = tier in options["require_slo_tiers"]
        rules["an SLO is required"] = (required, int(required))
    if "PRR001" in config.catalog.policies and config.enabled("PRR001"):
        required = tier in config.options("PRR001")["tiers"]
        rules["a passing production readiness review is required"] = (required, int(required))
    return rules


def service_changes(base: Repository, head: Repository, config: Config) -> Iterator[ServiceChange]:
    for name in sorted(base.services.keys() | head.services.keys()):
        old, new = base.services.get(name), head.services.get(name)
        tier = Pair(_tier(old), _tier(new))
        if old is None:
            yield ServiceChange(name, "added", tier)
        elif new is None:
            yield ServiceChange(name, "removed", tier)
        elif tier.changed:
            before, after = tier_rules(config, tier.before), tier_rules(config, tier.after)
            rules = tuple(
                RuleChange(rule, Pair(before.get(rule, (None, 0))[0], after.get(rule, (None, 0))[0]),
                           after.get(rule, (None, 0))[1] > before.get(rule, (None, 0))[1])
                for rule in dict.fromkeys([*before, *after])
                if before.get(rule, (None, 0))[0] != after.get(rule, (None, 0))[0]
            )
            yield ServiceChange(name, "tier", tier, rules)


def _tier(service: Service | None) -> str | None:
    tier = service.tier if service is not None else None
    return tier if isinstance(tier, str) and tier in TIERS else None


def capacity_changes(base: Repository, head: Repository, *, as_of: dt.datetime) -> Iterator[CapacityChange]:
    """Capacity models (matched by file) whose threshold month the change moves."""
    for name in sorted(base.services.keys() & head.services.keys()):
        if not base.services[name].capacity_models or not head.services[name].capacity_models:
            continue
        before = {plan.path: plan for plan in plan_service(base, name, as_of=as_of)}
        for plan in plan_service(head, name, as_of=as_of):
            old = before.get(plan.path)
            if old is not None and old.threshold_month != plan.threshold_month:
                yield CapacityChange(name, plan.path, plan.bottleneck, Pair(old.threshold_month, plan.threshold_month),
                                     Pair(old.months_to_threshold, plan.months_to_threshold))


def rotation_minimum(config: Config) -> int:
    """ONC001's ``min_members`` (the guide's five when the policy is not installed)."""
    if "ONC001" in config.catalog.policies:
        value = config.options("ONC001").get("min_members")
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    return MIN_ROTATION_SIZE


def _members(doc: Any) -> int:
    members = doc.get("members")
    return len({m for m in members if isinstance(m, str)}) if isinstance(members, list) else 0


def rotation_changes(base: Repository, head: Repository, *, minimum: int) -> Iterator[RotationChange]:
    """Rotations that lose people and end up below ``minimum``."""
    for name in sorted(base.rotations.keys() & head.rotations.keys()):
        old, new = base.rotations[name], head.rotations[name]
        before, after = _members(old), _members(new)
        if after < before and not rotation_size_ok(after, minimum=minimum):
            yield RotationChange(name, new.path, Pair(before, after), minimum)
