"""Who exists in the synthetic organisation: services, tiers, teams, people and dependencies.

The plan holds no documents, only the decisions every document must agree on: a service's
tier sets its targets and its PRR, its team sets its owner and rotation, and dependencies are
drawn so that both ends list each other and a service only calls services at least as
critical as itself (so no SLO depends on a weaker one).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from itertools import product

from sre_docs.schemas.vocabulary import TIERS

#: The fixed "today" of every corpus, so dates and deadlines never drift with the calendar.
TODAY = date(2026, 11, 26)

#: Share of services per tier, most demanding first.
TIER_WEIGHTS: dict[str, float] = {"critical": 0.10, "important": 0.25, "standard": 0.45, "experimental": 0.20}

#: Availability-style target of a service's primary SLO, by tier.
PRIMARY_TARGET: dict[str, float] = {"critical": 99.95, "important": 99.9, "standard": 99.5, "experimental": 99.0}
#: Target of the secondary (latency or quality) SLO; only the two upper tiers keep one, and
#: every SLO of a tier must reach the tier's floor, which the primary target sits at.
SECONDARY_TARGET: dict[str, float] = {"critical": 99.95, "important": 99.9}
#: External commitment, where the service sells one; it sits below the SLO target.
SLA: dict[str, float] = {"critical": 99.8, "important": 99.5}

DOMAINS = (
    "checkout", "payments", "ledger", "auth", "identity", "search", "catalog", "inventory", "pricing", "cart",
    "orders", "shipping", "fulfillment", "notifications", "email", "billing", "invoicing", "subscriptions",
    "recommendations", "reviews", "media", "images", "streaming", "analytics", "events", "metrics", "gateway",
    "profile", "accounts", "loyalty", "coupons", "fraud", "risk", "compliance", "reporting", "warehouse",
    "ingest", "scheduler", "queue", "cache", "config", "flags", "maps", "routing", "partners", "support",
    "chat", "returns",
)

#: Role suffix -> service profile (which SLIs make sense for it; see ``PROFILES``).
ROLES: dict[str, str] = {
    "api": "api", "gateway": "api", "router": "api", "web": "web", "frontend": "web", "worker": "batch",
    "batch": "batch", "consumer": "pipeline", "indexer": "pipeline", "sync": "pipeline", "etl": "pipeline",
    "store": "storage", "db-proxy": "storage", "cache": "storage", "exporter": "pipeline",
}
REGION_SUFFIXES = ("", "-eu", "-us", "-apac", "-latam", "-v2", "-v3", "-edge")

TEAM_SUFFIXES = ("core", "platform", "growth", "infra", "data", "edge", "ops", "labs", "foundations", "experience")

FIRST_NAMES = (
    "amara", "jonas", "liwei", "sofia", "noah", "priya", "mateo", "yuki", "omar", "lena", "tariq", "ines", "kofi",
    "hana", "diego", "mira", "felix", "zara", "emil", "nadia", "ravi", "elena", "tomas", "aisha", "luca", "freya",
    "kenji", "olga", "samir", "ada", "bruno", "chloe", "dmitri", "esme", "farah", "goran", "hugo", "ivy", "jakub",
    "kira", "leon", "maya", "nils", "oona", "pablo", "quinn", "rosa", "sven", "tara", "umar", "vera", "wen",
    "xavi", "yara", "zeno", "anika", "boris", "carla", "dario", "elif", "femi", "greta", "hamid", "ilse", "joao",
    "karin", "lars", "mina", "nora", "otto", "petra", "rafael", "selin", "timo", "uma", "viktor", "wanda",
    "yusuf", "zoe", "arjun",
)
LAST_NAMES = (
    "okafor", "berg", "chen", "rossi", "martin", "shah", "garcia", "tanaka", "haddad", "vogel", "aziz", "moreau",
    "mensah", "kim", "lopez", "weiss", "novak", "ali", "larsen", "petrov", "iyer", "costa", "dvorak", "bello",
    "ferri", "lund", "sato", "ivanova", "nasser", "lovelace", "silva", "dubois", "sokolov", "hart", "rahman",
    "horvat", "blanc", "quist", "kowalski", "stone", "fischer", "meyer", "nilsen", "park", "reyes", "sousa",
    "torres", "ueda", "varga", "walsh", "xu", "young", "zhang", "abara", "bauer", "cruz", "diaz", "eriksen",
    "fonseca", "gupta", "hansen", "ito", "jensen", "kaur", "lindqvist", "moyo", "nakamura", "olsen", "pereira",
    "quintero", "rao", "schmidt", "takahashi", "ueno", "vidal", "wagner", "yilmaz", "zimmer", "adeyemi", "brandt",
)


@dataclass(frozen=True)
class ServicePlan:
    """One service and the facts its documents share."""

    name: str
    domain: str
    role: str
    profile: str
    tier: str
    team: str
    rotation: str
    system: str
    window: str
    upstream: tuple[str, ...]
    downstream: tuple[str, ...]

    @property
    def slo_count(self) -> int:
        """Critical and important services keep a secondary SLO as well."""
        return 2 if self.tier in SECONDARY_TARGET else 1


@dataclass(frozen=True)
class TeamPlan:
    name: str
    members: tuple[str, ...]
    manager: str
    rotation: str
    services: tuple[str, ...]
    domain: str


@dataclass(frozen=True)
class OrgPlan:
    seed: int
    services: tuple[ServicePlan, ...]
    teams: tuple[TeamPlan, ...]
    by_name: dict[str, ServicePlan] = field(compare=False, repr=False)

    def service(self, name: str) -> ServicePlan:
        return self.by_name[name]


def rng_for(seed: int, *labels: object) -> random.Random:
    """A generator that depends only on the seed and the labels (string seeding is stable across runs)."""
    return random.Random(f"{seed}:" + "/".join(str(label) for label in labels))


def service_names(count: int, seed: int) -> list[tuple[str, str, str]]:
    """``count`` distinct (name, domain, role) such as ``ledger-store-eu``, in a seeded order."""
    combos = list(product(DOMAINS, ROLES))
    rng = rng_for(seed, "names")
    rng.shuffle(combos)
    names: list[tuple[str, str, str]] = []
    suffixes = iter(REGION_SUFFIXES)
    extra = 2
    while len(names) < count:
        suffix = next(suffixes, None)
        if suffix is None:  # beyond 5,760 services: numbered copies
            suffix, extra = f"-{extra}", extra + 1
        names.extend((f"{domain}-{role}{suffix}", domain, role) for domain, role in combos[: count - len(names)])
    return names


def _people(seed: int) -> list[str]:
    handles = [f"{first}.{last}" for first, last in product(FIRST_NAMES, LAST_NAMES)]
    rng_for(seed, "people").shuffle(handles)
    return handles


def _pick_tier(rng: random.Random) -> str:
    roll, running = rng.random(), 0.0
    for tier in TIERS:
        running += TIER_WEIGHTS[tier]
        if roll < running:
            return tier
    return TIERS[-1]


def build_plan(count: int, seed: int = 0) -> OrgPlan:
    """The organisation behind a corpus of ``count`` services."""
    if count < 1:
        raise ValueError("a corpus needs at least one service")
    named = sorted(service_names(count, seed))
    names = [name for name, _, _ in named]
    basics = {}
    for name, domain, role in named:
        rng = rng_for(seed, "service", name)
        basics[name] = (domain, role, ROLES[role], _pick_tier(rng), "30d" if rng.random() < 0.2 else "28d")
    teams = _teams(names, basics, seed)
    team_of = {service: team for team in teams for service in team.services}
    upstream = _dependencies(names, basics, seed)
    downstream: dict[str, list[str]] = {name: [] for name in names}
    for caller, called in upstream.items():
        for target in called:
            downstream[target].append(caller)
    services = []
    for name in names:
        domain, role, profile, tier, window = basics[name]
        team = team_of[name]
        services.append(ServicePlan(
            name=name, domain=domain, role=role, profile=profile, tier=tier, team=team.name,
            rotation=team.rotation, system=f"{domain}-system", window=window,
            upstream=tuple(sorted(upstream[name])), downstream=tuple(sorted(downstream[name])),
        ))
    return OrgPlan(seed, tuple(services), tuple(teams), {s.name: s for s in services})


def _teams(names: list[str], basics: dict[str, tuple], seed: int) -> list[TeamPlan]:
    """Teams of five to nine services, grouped by domain so that a team owns related services."""
    people = iter(_people(seed))
    ordered = sorted(names, key=lambda n: (basics[n][0], n))
    teams: list[TeamPlan] = []
    used: set[str] = set()
    start = 0
    while start < len(ordered):
        rng = rng_for(seed, "team", start)
        size = rng.randint(5, 9)
        chunk = tuple(sorted(ordered[start:start + size]))
        start += size
        domain = basics[chunk[0]][0]
        suffix_index = sum(1 for t in teams if t.domain == domain)
        suffix = TEAM_SUFFIXES[suffix_index] if suffix_index < len(TEAM_SUFFIXES) else f"squad{suffix_index}"
        name = f"{domain}-{suffix}"
        while name in used:
            name += "x"
        used.add(name)
        members = tuple(next(people) for _ in range(rng.randint(6, 8)))
        teams.append(TeamPlan(name, members, next(people), f"{name}-oncall", chunk, domain))
    return teams


def _dependencies(names: list[str], basics: dict[str, tuple], seed: int) -> dict[str, list[str]]:
    """Who calls whom: each service calls up to four services of its tier or a more demanding one.

    Services are ranked by tier (critical first), and a service only calls services ranked before
    it, so the graph has no cycles and no service leans on a less reliable one.
    """
    rank = {tier: index for index, tier in enumerate(TIERS)}
    order = sorted(names, key=lambda n: (rank[basics[n][3]], basics[n][0], n))
    calls: dict[str, list[str]] = {}
    for position, name in enumerate(order):
        rng = rng_for(seed, "deps", name)
        wanted = min(position, rng.choice((0, 1, 1, 2, 2, 3, 4)))
        if not wanted:
            calls[name] = []
            continue
        same_domain = [c for c in order[:position] if basics[c][0] == basics[name][0]]
        pool = order[max(0, position - 60):position]
        chosen: list[str] = []
        for candidate in rng.sample(same_domain, min(len(same_domain), 1)) + rng.sample(pool, min(len(pool), wanted)):
            if candidate not in chosen and len(chosen) < wanted:
                chosen.append(candidate)
        calls[name] = chosen
    return calls
