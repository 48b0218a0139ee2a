"""Scorecard pages for the handbook: pure builders from scorecards to Markdown (no MkDocs here).

Pages (``scorecard_pages`` returns them all as ``site.Page`` objects):

- ``scorecards/index.md``      -- the organisation leaderboard (``leaderboard_page``);
- ``scorecards/rules.md``      -- what each level requires, rendered from the rules data (``rules_page``);
- ``scorecards/<service>.md``  -- one per service with a radar chart and the trend (``scorecard_page``).

``home_panel`` is a fragment for the home page. Every value that came from YAML (service
and team names, criterion texts from an organisation's rules, evidence details) goes
through ``markup.text``; the radar chart is inline SVG coloured with ``currentColor`` and
Material's CSS variables, so it reads in the light and the dark palette and loads nothing.
"""

from __future__ import annotations

import functools
import math
import posixpath
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from sre_docs.calc.scores import MATURITY_BANDS
from sre_docs.handbook.charts import ACCENT, PRIMARY
from sre_docs.handbook.markup import Safe, md_cell_with_code, md_code, md_link, text
from sre_docs.handbook.site import Page, relative_path, slug
from sre_docs.handbook.tables import markdown_table
from sre_docs.scorecard.check_registry import CHECKS
from sre_docs.scorecard.facts import Fix
from sre_docs.scorecard.trends import HistoryPoint, arrow
from sre_docs.words import label
from sre_docs.scorecard.org import OrgView
from sre_docs.scorecard.rules import Rules
from sre_docs.scorecard.score import CriterionResult, DimensionScore, Scorecard

if TYPE_CHECKING:
    from sre_docs.handbook.site import Site
    from sre_docs.scorecard.facts import GitFacts
    from sre_docs.model.repository import Service

__all__ = [
    "FOLDER",
    "home_panel",
    "home_section",
    "leaderboard_page",
    "page_uris",
    "radar_chart",
    "rules_page",
    "scorecard_page",
    "scorecard_pages",
    "service_section",
    "site_pages",
]

FOLDER = "scorecards"
#: Wide enough for "Incident Response 5" beside the chart on either side.
_WIDTH, _HEIGHT, _RADIUS = 540, 340, 118


def page_uris(services: Sequence[str]) -> dict[str, str]:
    """Source path of each service's scorecard page: ``scorecards/<slug>.md``, unique."""
    used = {"index", "rules"}
    out = {}
    for name in sorted(services):
        base = slug(name, fallback="service")
        candidate, n = base, 2
        while candidate in used:
            candidate, n = f"{base}-{n}", n + 1
        used.add(candidate)
        out[name] = f"{FOLDER}/{candidate}.md"
    return out


# --- the radar chart --------------------------------------------------------------------------------

def _point(index: int, count: int, level: float) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    radius = _RADIUS * level / 5
    return _WIDTH / 2 + radius * math.cos(angle), _HEIGHT / 2 + radius * math.sin(angle)


def _polygon(points: Sequence[tuple[float, float]]) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in points)


def radar_chart(card: Scorecard, *, chart_id: str | None = None) -> Safe:
    """The eight maturity levels as a radar (spider) chart; the team's own scores dashed when present."""
    dims = card.maturity_dimensions
    count = len(dims)
    ident = text(chart_id or f"radar-{slug(card.service)}")
    desc = "; ".join(f"{d.name} {d.maturity} of 5" + (f" (self-assessed {d.self_assessed})" if d.self_assessed else "") for d in dims)
    parts = [
        (f'<svg xmlns="http://www.w3.org/2000/svg" class="sre-chart sre-radar" viewBox="0 0 {_WIDTH} {_HEIGHT}" width="100%" '
         f'style="max-width:{_WIDTH}px;color:inherit" role="img" aria-labelledby="{ident}-title {ident}-desc" '
         f'font-family="inherit" font-size="11">'),
        f'<title id="{ident}-title">{text(f"Maturity of {card.service}")}</title>',
        f'<desc id="{ident}-desc">{text(desc)}</desc>',
    ]
    for level in range(1, 6):
        ring = [_point(i, count, level) for i in range(count)]
        parts.append(f'<polygon points="{_polygon(ring)}" fill="none" stroke="currentColor" stroke-opacity="0.2"/>')
    for i, dim in enumerate(dims):
        x, y = _point(i, count, 5)
        parts.append(f'<line x1="{_WIDTH / 2:.1f}" y1="{_HEIGHT / 2:.1f}" x2="{x:.1f}" y2="{y:.1f}" stroke="currentColor" stroke-opacity="0.2"/>')
        lx, ly = _point(i, count, 5.6)
        anchor = "middle" if abs(lx - _WIDTH / 2) < 8 else ("start" if lx > _WIDTH / 2 else "end")
        parts.append(f'<text x="{lx:.1f}" y="{ly + 4:.1f}" text-anchor="{anchor}" fill="currentColor">{text(dim.name)} {dim.maturity}</text>')
    derived = [_point(i, count, d.maturity) for i, d in enumerate(dims)]
    parts.append(f'<polygon points="{_polygon(derived)}" fill="{PRIMARY}" fill-opacity="0.25" stroke="{PRIMARY}" stroke-width="2"/>')
    for x, y in derived:
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{PRIMARY}"/>')
    own = [d.self_assessed for d in dims if d.self_assessed is not None]
    if len(own) == len(dims):
        points = [_point(i, count, level) for i, level in enumerate(own)]
        parts.append(f'<polygon points="{_polygon(points)}" fill="none" stroke="{ACCENT}" stroke-width="2" stroke-dasharray="5 4"/>')
        parts.append(f'<text x="8" y="{_HEIGHT - 8}" fill="currentColor">solid: evidence · dashed: self-assessment</text>')
    parts.append("</svg>")
    return Safe("".join(parts))


# --- pieces -----------------------------------------------------------------------------------------

def _fix(fix: Fix) -> Safe:
    """Evidence texts mark field names with backticks: those show as code, everything else escaped."""
    where = f"{fix.path}:{fix.line}" if fix.line else fix.path
    return Safe(f"{md_cell_with_code(fix.action)} in {md_code(where)}")


def _criterion_line(result: CriterionResult) -> str:
    """A criterion with its mark and evidence: ✓ met, ✗ missed, – not shown (nothing to check, so not met).

    Criterion and evidence texts mark field names with backticks: those show as code."""
    c, evidence = result.criterion, result.evidence
    mark = "✓" if result.met else "✗" if evidence.shown else "–"
    detail = md_cell_with_code(evidence.detail) if evidence.shown else Safe(f"not shown, {md_cell_with_code(evidence.detail)}")
    return f"{mark} **L{c.level}** {md_cell_with_code(c.text)}: {detail}"


def _level_cell(card: Scorecard, dim: DimensionScore) -> str:
    """The score people read: 1-5 maturity for the eight maturity dimensions, 0-5 for the rubric-only one."""
    return f"{dim.shown_level} · {dim.label(card.level_names)}"


def _dated(trend: Sequence[HistoryPoint]) -> list[HistoryPoint]:
    """The points git has a commit for: a day before the repository's first commit has nothing to compare."""
    return [point for point in trend if point.commit]


def no_trend_sentence(trend: Sequence[HistoryPoint]) -> str:
    """Why there is no trend to show, in one sentence (the days asked for, or that git holds no history)."""
    if not trend:
        return "No trend yet: earlier scores are read from git history, and none was found for this repository."
    latest = min(trend, key=lambda p: p.days_ago)  # no commit by the latest day asked for: none by the earlier ones
    return (f"No trend yet: git holds no commit of this repository made by {text(latest.as_of)} "
            f"({latest.days_ago} days ago), so there is nothing to compare with.")


def _trend_rows(card: Scorecard, trend: Sequence[HistoryPoint]) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = [("now", "working tree", card.total, f"{card.quality:.0f}", card.band.label, "")]
    for point in _dated(trend):
        then = point.services.get(card.service)
        commit = (point.commit or "")[:10]
        if then is None:
            rows.append((f"{point.days_ago} days ago ({point.as_of})", commit, "-", "-", "not in the repo", "·"))
        else:
            rows.append((f"{point.days_ago} days ago ({point.as_of})", commit, then["total"], f"{then['quality']:.0f}",
                         then["band"], arrow(card.total, then["total"])))
    return rows


# --- pages ------------------------------------------------------------------------------------------

def scorecard_page(card: Scorecard, *, trend: Sequence[HistoryPoint] = (), rules_href: str = "rules.md",
                   leaderboard_href: str = "index.md") -> str:
    """One service's scorecard: totals, radar chart, dimension table, disagreements, trend, criteria."""
    out = [
        f"# Scorecard: {text(card.service)}",
        "",
        (f"Tier {text(card.tier or 'unknown')} · team {text(card.owner_team or 'unknown')} · as of {text(card.as_of)} · "
         f"{md_link('all scorecards', leaderboard_href)} · {md_link('what each level requires', rules_href)}"),
        "",
        f"**Maturity {card.total}/40, {text(card.band.label)}.** {text(card.band.advice)}  ",
        f"**Quality score {card.quality:.0f}/100** (the guide's weighted rubric).",
        "",
        f'<figure class="sre-figure">{radar_chart(card)}</figure>',
        "",
    ]
    rows = []
    for dim in card.dimensions:
        maturity = dim in card.maturity_dimensions
        own = "" if dim.self_assessed is None else str(dim.self_assessed) + (" ⚠" if dim in card.disagreements else "")
        step = dim.next_steps[0].criterion.text if dim.next_steps else ("top level" if dim.level == 5 else "")
        rows.append((dim.name + ("" if maturity else " (rubric only, 0-5)"), _level_cell(card, dim), own, step))
    out += [markdown_table(["Dimension", "Maturity", "Self-assessed", "Next step"], rows), ""]
    if card.disagreements:
        assessment = card.self_assessment
        out += ["## Self-assessment disagrees", "",
                (f"The team's assessment ({text(assessment.path if assessment else '')}, "
                 f"{text(assessment.date if assessment else '')}) differs from "
                 f"the evidence by {card.disagreement_levels} or more levels on:"), ""]
        for dim in card.disagreements:
            side = "above" if (dim.gap or 0) > 0 else "below"
            out.append(f"- **{text(dim.name)}**: self-assessed {dim.self_assessed}, evidence {dim.maturity} ({abs(dim.gap or 0)} {side})")
        out.append("")
    out += ["## Trend", ""]
    if _dated(trend):
        out += [markdown_table(["As of", "Commit", "Total", "Quality", "Band", "Since then"], _trend_rows(card, trend)), ""]
    else:
        out += [no_trend_sentence(trend), ""]
    out += ["## Criteria", ""]
    for dim in card.dimensions:
        scale = "maturity" if dim.maturity_scale else "level"
        out += [f"### {text(dim.name)}: {scale} {text(_level_cell(card, dim))}", ""]
        for result in dim.results:
            out.append(f"- {_criterion_line(result)}")
            if not result.met:
                out += [f"    - {_fix(fix)}" for fix in result.evidence.fixes]
        out.append("")
    return "\n".join(str(line) for line in out)


#: Column headers of the leaderboard, short enough for every dimension to fit beside the others.
_SHORT = {"incident response": "Incidents", "on-call health": "On-call", "documentation": "Docs"}


def _short_header(name: str) -> Safe:
    """A dimension's name cut to one word for a column header, the full name kept as its ``<abbr>`` title."""
    short = _SHORT.get(name.lower(), name.split()[0] if name.split() else name)
    if short == name:
        return text(name)
    return Safe(f'<abbr title="{text(name)}">{text(short)}</abbr>')


def leaderboard_page(view: OrgView, *, uris: Mapping[str, str] | None = None, trend: Sequence[HistoryPoint] = (),
                     here: str = f"{FOLDER}/index.md") -> str:
    """The organisation: leaderboard by total, levels per dimension, bands, weakest dimension, disagreements."""
    uris = uris or page_uris([c.service for c in view.leaderboard])
    out = ["# Maturity scorecards", ""]
    if not view.leaderboard:
        return "\n".join(out + ["No services yet.", ""])
    first = view.leaderboard[0]
    out += [(f"Derived from the repository's evidence as of {text(first.as_of)} by the "
             f"{md_link('scorecard rules', _rel(here, f'{FOLDER}/rules.md'))}. Mean maturity {view.mean_total:.1f}/40."
             + (f" Organisation quality score {view.quality.score:.0f}/100, {text(view.quality.band.label)} "
                f"(rubric column {text(view.quality.band.column)})." if view.quality is not None else "")), ""]
    dims = [d for d in first.dimensions]
    names = {d.id: d.name for d in dims}
    asked, trend = trend, _dated(trend)
    headers = ["#", "Service", "Tier", "Total", "Band", "Quality", *[_short_header(d.name) for d in dims],
               *[f"{p.days_ago}d" for p in trend]]
    rows = []
    for rank, card in enumerate(view.leaderboard, 1):
        levels = [str(card.dimension(d.id).shown_level) + (" ⚠" if card.dimension(d.id) in card.disagreements else "") for d in dims]
        arrows = [arrow(card.total, (p.services.get(card.service) or {}).get("total")) for p in trend]
        rows.append((rank, md_link(card.service, _rel(here, uris[card.service])), card.tier or "-", card.total,
                     card.band.label, f"{card.quality:.0f}", *levels, *arrows))
    out += [markdown_table(headers, rows), "",
            ("Dimension columns show the guide's 1-5 maturity (1 is ad hoc, also while nothing is met yet); "
             "Documentation, which only feeds the quality rubric, shows its 0-5 level. "
             "⚠ marks a team self-assessment that disagrees with the evidence."
             + (" The day columns compare each total with the total that many days ago: ↑ higher now, ↓ lower, → the same."
                if trend else "")), ""]
    if not trend:
        out += [no_trend_sentence(asked), ""]
    out += ["## Bands", "", markdown_table(
        ["Band", "Totals", "Services", "Advice"],
        [(band.label, f"{band.low}-{band.high}", len(members), band.advice) for band, members in view.bands]), ""]
    out += ["## Where to invest next", ""]
    weakest = view.weakest
    if weakest is not None:
        lagging = ", ".join(weakest.lagging) or "none"
        out += [(f"The weakest dimension across the organisation is **{text(weakest.name)}** (mean maturity "
                f"{weakest.mean_level:.1f}). Services at maturity 1-2: {text(lagging)}. Level 3 looks like: "
                f"{text(weakest.defined)}."), ""]
    out += [markdown_table(["Dimension", "Mean maturity", "Services at 1-2"],
                           [(s.name, f"{s.mean_level:.1f}", len(s.lagging)) for s in view.dimensions]), ""]
    if view.disagreements:
        out += ["## Self-assessments that disagree", "",
                markdown_table(["Service", "Dimensions"], [(md_link(s, _rel(here, uris[s])),
                                                            ", ".join(names.get(i, label(i)) for i in ids))
                                                           for s, ids in view.disagreements]), ""]
    return "\n".join(str(line) for line in out)


def rules_page(rules: Rules) -> str:
    """What each level of each dimension requires, from the rules in force (shipped + sre-docs.yaml)."""
    out = [
        "# Scorecard rules", "",
        ("Levels are cumulative: a service holds a level when it meets every criterion of that level and of every "
         "level below it. Meeting no level still scores 1 in the maturity assessment (ad hoc) and 0 on the quality "
         f"rubric. Rules in force come from {text(', '.join(rules.sources))} (fingerprint {text(rules.fingerprint)}); "
         "tune them under `scorecard:` in sre-docs.yaml."), "",
        (f"A team's own maturity assessment is flagged when it differs from the evidence by {rules.disagreement_levels} "
         "or more levels."), "",
    ]
    for dim in rules.dimensions:
        rubric = [key for key, target in rules.rubric.items() if target == dim.id]
        note = f" Feeds the quality rubric's {', '.join(str(md_code(key)) for key in rubric)}." if rubric else ""
        out += [f"## {text(dim.name)}", "", f"Dimension id {md_code(dim.id)}.{note}", ""]
        rows = [
            (f"{c.level} · {rules.level_names.get(c.level, '')}", c.text, c.check,
             ", ".join(f"{k}: {_param(v)}" for k, v in sorted(c.params.items())) or "-", c.id)
            for c in dim.criteria
        ]
        out += [markdown_table(["Level", "Criterion", "Check", "Parameters", "Id"], rows), ""]
    out += ["## Evidence checks", "", "The checks criteria are built from (`sre_docs/scorecard/check_registry.py`).", ""]
    checks = [(name, md_cell_with_code(check.summary), ", ".join(sorted(check.params)) or "-")
              for name, check in sorted(CHECKS.items())]
    out += [markdown_table(["Check", "What it looks for", "Parameters"], checks), ""]
    out += ["## Bands", "", markdown_table(["Total", "Band", "Advice"],
                                           [(f"{b.low}-{b.high}", b.label, b.advice) for b in MATURITY_BANDS]), ""]
    return "\n".join(str(line) for line in out)


def _param(value: object) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(map(str, value)) + "]"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def home_panel(view: OrgView, *, here: str = "index.md", uris: Mapping[str, str] | None = None, top: int = 5) -> str:
    """A short panel for the home page: bands, the top services, the weakest dimension."""
    if not view.leaderboard:
        return ""
    uris = uris or page_uris([c.service for c in view.leaderboard])
    bands = " · ".join(f"{text(band.label)} {len(members)}" for band, members in view.bands)
    leaders = ", ".join(
        f"{md_link(c.service, _rel(here, uris[c.service]))} ({c.total})" for c in view.leaderboard[:top]
    )
    out = []
    if view.quality is not None:
        out.append(f"**Organisation quality score:** {view.quality.score:.0f}/100, {text(view.quality.band.label)} "
                   f"(the rubric's {text(view.quality.band.column)} column; the mean of "
                   f"{view.quality.services} service{'s' if view.quality.services != 1 else ''})  ")
    out += [f"**Maturity bands:** {bands}  ", f"**Leading:** {leaders}  "]
    if view.weakest is not None:
        out.append(f"**Invest next in:** {text(view.weakest.name)} (mean maturity {view.weakest.mean_level:.1f})  ")
    if view.disagreements:
        out.append(f"**Self-assessments to revisit:** {len(view.disagreements)}  ")
    out.append(md_link("All scorecards", _rel(here, f"{FOLDER}/index.md")))
    return "\n".join(str(line) for line in out) + "\n"


def _rel(here: str, target: str) -> str:
    """A relative Markdown link from page ``here`` to page ``target`` (both source paths)."""
    return relative_path(target, posixpath.dirname(here) or ".")


def scorecard_pages(cards: Mapping[str, Scorecard], view: OrgView, rules: Rules, *,
                    trend: Sequence[HistoryPoint] = (), edit_path: str | None = None,
                    kept: Callable[[str, str, Callable[[], str]], str] | None = None) -> list[Page]:
    """Every scorecard page, ready to mount: the leaderboard, the rules page and one page per service.

    ``edit_path`` is where "edit this page" should lead for the rules page (the repo's sre-docs.yaml).
    ``kept(service, what, make)`` may return a service's page from an earlier build (``mkdocs serve``).
    """
    uris = page_uris(list(cards))
    pages = [
        Page(f"{FOLDER}/index.md", "Maturity scorecards", leaderboard_page(view, uris=uris, trend=trend), hide=("navigation", "toc"), wide=True),
        Page(f"{FOLDER}/rules.md", "Scorecard rules", rules_page(rules), edit_path),
    ]
    points = repr([(p.days_ago, p.as_of, p.commit) for p in trend])  # a commit's scores are fixed by its sha
    for name, card in sorted(cards.items()):
        page_of: Callable[[], str] = functools.partial(scorecard_page, card, trend=trend)
        markdown = kept(name, points, page_of) if kept else page_of()
        pages.append(Page(uris[name], f"Scorecard: {name}", markdown))
    return pages


# --- adapters for the handbook's contribution slots (sre_docs.handbook.sections) ----------------------
#
# These are the only functions here that do I/O: they read the rules (sre-docs.yaml) and git
# history of the site's repository once per site, then hand plain scorecards to the builders above.


@dataclass(frozen=True)
class _Bundle:
    rules: Rules
    cards: Mapping[str, Scorecard]
    view: OrgView
    trend: tuple[HistoryPoint, ...]
    uris: Mapping[str, str]


_LAST: list[tuple[object, _Bundle]] = []

_T = TypeVar("_T")


def _kept(site: Site, service: str, kind: str, what: str, make: Callable[[], _T]) -> _T:
    """``make()``, or the ``kind`` of value (a scorecard, its page) an earlier build made for ``service``
    when the service's inputs (``Site.unit_keys``) and ``what`` else it depends on are unchanged since."""
    assert site.kept is not None
    return site.keep(service, kind, what, make)


def _git_dates(git: GitFacts, service: str) -> str:
    """The commit dates of a service's files, as part of what its scorecard depends on (a commit changes them)."""
    folder = f"services/{service}/"
    return repr(sorted((path, day) for path, day in git.last_changed.items() if path.startswith(folder)))


def _bundle(site: Site) -> _Bundle:
    """Scorecards of the site's repository as of the site's day, computed once per site."""
    if _LAST and _LAST[0][0] is site:
        return _LAST[0][1]
    from sre_docs.loading.git_changes import last_changed_dates
    from sre_docs.scorecard.facts import GitFacts
    from sre_docs.scorecard.trends import HistoryError, history
    from sre_docs.scorecard.org import org_view
    from sre_docs.scorecard.rules import load_rules
    from sre_docs.scorecard.score import score_repository

    root, today = site.repo.root, site.clock.today
    rules = load_rules(root)
    git = GitFacts(last_changed_dates(root, today))
    if site.kept is None:
        cards = score_repository(site.repo, rules, today=today, git=git)
    else:  # mkdocs serve: a service's scorecard is kept while nothing it is scored on changed
        from sre_docs.scorecard.score import score_service
        cards = {name: _kept(site, name, "scorecard", f"{rules.fingerprint} {today} {_git_dates(git, name)}",
                             functools.partial(score_service, site.repo, name, rules, today=today, git=git))
                 for name in sorted(site.repo.services)}
    try:
        trend = history(root, rules, today=today)
    except HistoryError:
        trend = ()
    bundle = _Bundle(rules, cards, org_view(cards), trend, page_uris(list(cards)))
    _LAST[:] = [(site, bundle)]
    return bundle


def site_pages(site: Site) -> list[Page]:
    """``PageGroup.build``: the leaderboard (index), the rules page and every service's scorecard."""
    bundle = _bundle(site)
    kept = None if site.kept is None else (
        lambda name, what, make: _kept(site, name, "scorecard page", f"{what} {bundle.rules.fingerprint} {site.clock.today}", make))
    return scorecard_pages(bundle.cards, bundle.view, bundle.rules, trend=bundle.trend, edit_path="sre-docs.yaml", kept=kept)


def home_section(site: Site, service: Service | None, here: str) -> str:
    """``Section("home", ...)``: the maturity panel of the home page."""
    bundle = _bundle(site)
    return home_panel(bundle.view, here=here, uris=bundle.uris)


def service_section(site: Site, service: Service | None, here: str) -> str:
    """``Section("service", ...)``: a service's maturity at a glance, linking to its scorecard page."""
    if service is None:
        return ""
    bundle = _bundle(site)
    card = bundle.cards.get(service.name)
    if card is None:
        return ""
    steps = [r for d in card.maturity_dimensions for r in d.next_steps][:3]
    out = [
        (f"**Maturity {card.total}/40, {text(card.band.label)}** · quality score {card.quality:.0f}/100 · "
         f"{md_link('full scorecard', _rel(here, bundle.uris[card.service]))}"),
        "",
        markdown_table([d.name for d in card.maturity_dimensions], [[d.maturity for d in card.maturity_dimensions]]),
        "",
    ]
    if card.disagreements:
        out += ["The team's own assessment differs from the evidence on " + ", ".join(str(text(d.name)) for d in card.disagreements) + ".", ""]
    if steps:
        out += ["Next steps:", ""] + [f"- {text(r.criterion.text)}" for r in steps] + [""]
    return "\n".join(str(line) for line in out)
