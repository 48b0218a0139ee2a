"""Sections other parts of sre-docs contribute to generated pages, by slot.

The registry is explicit, like the policy registry: a module that wants a section on a
page adds one entry to :data:`CONTRIBUTED` here, and an empty slot simply leaves no
trace on the page (no heading, no "coming soon"). Slots:

- ``home`` -- the home page, after the error budget board and incidents (for example the
  maturity leaderboard of the scorecards);
- ``service`` -- each service page, after the overview (for example its scorecard).

Whole pages are contributed the same way, as a :class:`PageGroup` in
:data:`CONTRIBUTED_PAGES`: they get a top-level nav section of their own.

A section builder takes ``(site, service, here)`` for ``service`` slots and ``(site, None, here)``
for ``home``, where ``here`` is the page's source path (for relative links via
``site.md_path``), and returns Markdown built with ``sre_docs.handbook.markup`` helpers
(every YAML value through ``text()``). Return an empty string to skip the section on a
page. Headings inside the section start at ``###``: the page provides the ``##`` title.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sre_docs.handbook.markup import Safe
    from sre_docs.handbook.site import Page, Site
    from sre_docs.model.repository import Service
    from collections.abc import Sequence

__all__ = ["CONTRIBUTED", "CONTRIBUTED_PAGES", "PageGroup", "Section", "SLOTS", "contributed"]

SLOTS: tuple[str, ...] = ("home", "service")


@dataclass(frozen=True)
class Section:
    """A titled block of Markdown for a slot; ``order`` sorts sections sharing a slot."""

    slot: str
    title: str
    build: Callable[[Site, Service | None, str], str]
    order: int = 50

    def render(self, site: Site, service: Service | None, here: str) -> Safe:
        """The section's Markdown, trusted as page source: builders escape every YAML value."""
        from sre_docs.handbook.markup import Safe

        return Safe(self.build(site, service, here))


def _scorecards(name: str) -> Callable[..., Any]:
    """A builder of ``sre_docs.handbook.scorecards``, imported when a page first needs it."""

    def build(*args: object) -> Any:
        from sre_docs.handbook import scorecards

        return getattr(scorecards, name)(*args)

    build.__name__ = name
    return build


#: Contributed sections: the maturity panel on the home page and each service's scorecard summary.
CONTRIBUTED: tuple[Section, ...] = (
    Section("home", "Maturity scorecards", _scorecards("home_section"), order=10),
    Section("service", "Maturity scorecard", _scorecards("service_section"), order=10),
)


def contributed(slot: str) -> list[Section]:
    if slot not in SLOTS:
        raise ValueError(f"unknown section slot {slot!r} (slots: {', '.join(SLOTS)})")
    return sorted((s for s in CONTRIBUTED if s.slot == slot), key=lambda s: (s.order, s.title))




@dataclass(frozen=True)
class PageGroup:
    """Pages another module adds to the handbook, as one top-level nav section.

    ``build(site)`` returns the pages, the group's index page first (it becomes the
    section's index). Sections appear after Organisation, ordered by ``order``.
    """

    title: str
    build: Callable[[Site], Sequence[Page]]
    order: int = 50


#: Contributed page groups: the scorecards (leaderboard, rules, one page per service).
CONTRIBUTED_PAGES: tuple[PageGroup, ...] = (PageGroup("Scorecards", _scorecards("site_pages"), order=10),)
