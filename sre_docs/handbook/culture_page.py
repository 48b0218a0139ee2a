"""The organisation's reliability culture page: the guide's warning signs, as the repo shows them.

Every figure comes from :func:`sre_docs.scorecard.culture.culture_view` (the computation ``sre-docs scorecard
--json`` and the scorecards' culture criteria use), with PM001's postmortem rule from the site.
"""

from __future__ import annotations

from collections import Counter

from sre_docs.calc import culture as calc
from sre_docs.handbook.markup import Safe, md_link, text
from sre_docs.handbook.render import badge, dash, pct, render, when
from sre_docs.handbook.service_page import service_link
from sre_docs.handbook.site import Page, Site, slug
from sre_docs.scorecard.culture import CultureView, culture_view, incident_people

__all__ = ["build_culture", "site_culture"]

#: People listed per duty before the rest are summed up.
TOP_PEOPLE = 10


def site_culture(site: Site) -> CultureView:
    """The culture indicators as of the site's day, with the site's (PM001's) postmortem rule."""
    rule = site.postmortem_rule
    return culture_view(site.repo, site.clock.today, severities=rule.severities, business_days=rule.business_days)


def _verdict(flagged: bool, judged: bool = True) -> Safe:
    if not judged:
        return badge("too few to judge", "neutral")
    return badge("warning sign", "warning") if flagged else badge("healthy", "healthy")


def _people_rows(view: CultureView, *, commanders: bool) -> list[tuple[object, ...]]:
    """The people most often in incidents (as commander, or in any role), with their share of the incidents."""
    counts: Counter[str] = Counter()
    for doc in view.incidents:
        commander, everyone = incident_people(doc)
        if commanders:
            counts.update([commander] if commander else [])
        else:
            counts.update(everyone)
    total = view.commanders.incidents if commanders else view.responders.incidents
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [(name, n, pct(100 * n / total if total else None)) for name, n in ordered[:TOP_PEOPLE]]


def build_culture(site: Site) -> Page:
    here = "org/culture.md"
    view = site_culture(site)
    duties = []
    for label, value, hero in (("Incident commander", view.commanders, view.hero_commander),
                               ("Any incident role", view.responders, view.hero_responder)):
        duties.append((label, value.incidents, value.people, ", ".join(value.top) or "—",
                       f"{value.top_count} ({pct(value.share_pct)})" if value.incidents else "—",
                       _verdict(hero, value.incidents >= calc.MIN_INCIDENTS)))
    postmortems = []
    for row in sorted(view.postmortems, key=lambda r: r.due, reverse=True):
        ident = row.incident.get("id")
        kind = {"on time": "pass", "late": "warning", "skipped": "fail"}.get(row.outcome.value, "neutral")
        postmortems.append((site.incident_link(here, ident), badge(row.incident.get("severity") or "?"),
                            when(row.due), when(row.written) if row.written else "—", badge(row.outcome.value, kind)))
    owners = [(dash(o.owner) if o.owner else Safe("<em>nobody named</em>"), o.open,
               badge(str(o.overdue), "overdue") if o.overdue else "0") for o in view.owners]
    covered = site.rotation_services()
    rotations = []
    for r in view.rotations:
        pages, shifts = r.pages, r.shifts
        rotations.append((
            md_link(r.name, site.md_path(here, "org/oncall.md", slug(r.name))),
            Safe(", ").join(service_link(site, here, s) for s in covered.get(r.name, [])) or "—",
            dash(r.period),
            pages.total if pages else "—",
            f"{pages.busiest_ratio:.1f}x" if pages and pages.busiest_ratio is not None else "—",
            pct(pages.top_two_share_pct) if pages else "—",
            _verdict(not r.fair_pages, pages is not None and pages.total > 0),
            shifts.total,
            f"{shifts.busiest_ratio:.1f}x" if shifts.busiest_ratio is not None else "—",
            _verdict(not r.fair_shifts, shifts.full_turn),
        ))
    markdown = render(
        "culture.md.j2", site=site, here=here, view=view, signs=[text(s) for s in view.warning_signs()],
        duties=duties, commanders=_people_rows(view, commanders=True), responders=_people_rows(view, commanders=False),
        postmortems=postmortems, owners=owners, rotations=rotations,
        hero_pct=f"{calc.HERO_SHARE_PCT:g}", min_incidents=calc.MIN_INCIDENTS, ratio=f"{calc.FAIR_LOAD_RATIO:g}",
        late_pct=pct(view.discipline.skipped_or_late_pct), severities=", ".join(view.severities),
    )
    return Page(src_uri=here, title="Reliability culture", markdown=markdown, hide=("toc",), wide=True)
