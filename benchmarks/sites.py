"""MkDocs projects for the benchmark: the handbook of a corpus, and a plain site of the same size.

The handbook project uses the project's plugins (``sre-docs/handbook``, ``sre-docs/tables``)
on a generated corpus, with the theme set-up of the repo's own ``mkdocs.yml`` (Material with
``navigation.prune``). The plain project is the peer it is compared with: the same number of
static pages of about 2 KB, nested the way the handbook nests them (tier groups, then
services, then pages), built by Material with the same features and no plugin but search.
"""

from __future__ import annotations

import random
from pathlib import Path

_THEME = """\
theme:
  name: material
  font: false
  features:
    - navigation.tabs
    - navigation.sections
    - navigation.indexes
    - navigation.prune
    - navigation.path
    - navigation.top
    - search.suggest
markdown_extensions:
  - tables
  - admonition
  - attr_list
  - toc:
      permalink: true
"""


def write_handbook_project(folder: Path, corpus: Path) -> Path:
    """A MkDocs project whose pages the handbook plugin generates from ``corpus``; returns mkdocs.yml."""
    docs = folder / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    (docs / "about.md").write_text("# About this handbook\n\nGenerated from a synthetic reliability repo.\n")
    config = folder / "mkdocs.yml"
    config.write_text(
        "site_name: Synthetic reliability handbook\n"
        "docs_dir: docs\nsite_dir: site\n"
        + _THEME
        + "plugins:\n"
        "  - search\n"
        "  - sre-docs/handbook:\n"
        f"      root: {corpus.resolve()}\n"
        '      today: "2026-11-26"\n'
        "      fail_on: never\n"
        "      use_git: false\n"
        "  - sre-docs/tables\n"
        "nav:\n"
        "  - Home: index.md\n"
        "  - About: about.md\n"
        "  - Services: services/index.md\n"
        "  - Organisation: org/index.md\n"
        "  - Reference: reference/index.md\n",
        encoding="utf-8",
    )
    return config


_WORDS = ["latency", "budget", "rollback", "canary", "replica", "region", "failover", "quota", "queue", "shard", "cache", "consumer", "producer", "deploy", "pipeline", "dashboard", "alert", "runbook", "escalation", "capacity", "headroom", "saturation", "throughput", "retry", "timeout", "circuit", "breaker", "backoff", "freshness", "availability", "incident", "postmortem", "action", "owner", "review"]
_TIERS = ("critical", "important", "standard", "experimental")


def _page(title: str, rng: random.Random) -> str:
    """A Markdown page of about 2 KB: a heading, prose, a table and a list."""
    lines = [f"# {title}", ""]
    for _ in range(4):
        lines.append(" ".join(rng.choice(_WORDS) for _ in range(45)).capitalize() + ".")
        lines.append("")
    lines += ["| Signal | Target | Current |", "|---|---|---|"]
    lines += [f"| {rng.choice(_WORDS)} | {rng.randint(90, 99)}.9% | {rng.randint(90, 99)}.95% |" for _ in range(5)]
    lines += ["", "## Notes", ""] + [f"- {' '.join(rng.choice(_WORDS) for _ in range(8))}" for _ in range(5)]
    return "\n".join(lines) + "\n"


def write_static_project(folder: Path, pages: int, *, seed: int = 0) -> Path:
    """``pages`` static pages in a nav of tier groups -> services (ten pages each); returns mkdocs.yml."""
    rng = random.Random(f"{seed}:static-site")
    docs = folder / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text(_page("Home", rng), encoding="utf-8")
    nav = ["nav:", "  - Home: index.md"]
    written, service = 1, 0
    groups: dict[str, list[str]] = {tier: [] for tier in _TIERS}
    while written < pages:
        tier = _TIERS[service % len(_TIERS)]
        name = f"service-{service:05d}"
        entries = [f"      - {name}:"]
        for page in range(min(10, pages - written)):
            rel = f"{tier}/{name}/page-{page}.md"
            path = docs / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(_page(f"{name} page {page}", rng), encoding="utf-8")
            entries.append(f"        - {rel}")
            written += 1
        groups[tier].extend(entries)
        service += 1
    for tier, entries in groups.items():
        if entries:
            nav.append(f"  - {tier.capitalize()}:")
            nav.extend(entries)
    config = folder / "mkdocs.yml"
    config.write_text(
        "site_name: Plain site of the same size\ndocs_dir: docs\nsite_dir: site\n" + _THEME
        + "plugins:\n  - search\n" + "\n".join(nav) + "\n",
        encoding="utf-8",
    )
    return config


def count_pages(site: Path) -> int:
    """HTML pages of a built site, without the 404 page."""
    return sum(1 for path in site.rglob("*.html") if path.name != "404.html")
