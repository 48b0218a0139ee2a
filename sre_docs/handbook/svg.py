"""Shared pieces of the handbook's inline SVG: theme colours and the ``<svg>`` frame.

Colours are CSS variables with fallbacks, so charts follow Material's light and dark
palettes; text and axes use ``currentColor``. Every chart opens with :func:`svg_open`, which
gives it ``role="img"`` and a ``<title>``/``<desc>`` pair that screen readers announce.
"""

from __future__ import annotations

from sre_docs.handbook.markup import attr, text

__all__ = [
    "ACCENT", "BAND_COLOURS", "LINE", "PRIMARY", "SERIES_COLOURS", "SEVERITY_COLOURS", "WIDTH",
    "coordinate", "empty_chart", "svg_open",
]

PRIMARY = "var(--md-primary-fg-color, #4051b5)"
#: Lines and highlights: Material's link colour is tuned for contrast in both palettes, the
#: primary colour is not (indigo on the dark slate background).
LINE = "var(--md-typeset-a-color, var(--md-primary-fg-color, #4051b5))"
ACCENT = "var(--md-accent-fg-color, #526cfe)"
BAND_COLOURS = {
    "healthy": "var(--sre-healthy, #2e7d32)",
    "warning": "var(--sre-warning, #f9a825)",
    "critical": "var(--sre-critical, #ef6c00)",
    "exhausted": "var(--sre-exhausted, #c62828)",
}
SEVERITY_COLOURS = {
    "SEV1": "var(--sre-sev1, #c62828)",
    "SEV2": "var(--sre-sev2, #ef6c00)",
    "SEV3": "var(--sre-sev3, #f9a825)",
    "SEV4": "var(--sre-sev4, #78909c)",
}
SERIES_COLOURS = (LINE, "var(--sre-series-2, #00897b)", "var(--sre-series-3, #8e24aa)")

#: Natural width of a chart; it scales down with the page.
WIDTH = 640


def coordinate(value: float) -> str:
    """A coordinate, rounded to a tenth and without a trailing ``.0``."""
    rounded = round(value, 1)
    return str(int(rounded)) if rounded == int(rounded) else str(rounded)


def svg_open(chart_id: str, title: str, desc: str, width: int, height: int, *, min_scale: float = 0.0,
             role: str = "img") -> list[str]:
    """The ``<svg>`` start tag with its title and description.

    ``min_scale`` keeps a wide diagram from shrinking below that share of its natural size
    (the page scrolls sideways instead). ``role`` is ``img`` for a picture; a drawing that
    holds links is a ``group``, since an image's content is presentational to assistive technology.
    """
    ident = attr(chart_id)
    floor = f"min-width:{int(width * min_scale)}px;" if min_scale else ""
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="sre-chart" viewBox="0 0 {width} {height}" '
        f'width="100%" style="max-width:{width}px;{floor}color:inherit" role="{attr(role)}" '
        f'aria-labelledby="{ident}-title {ident}-desc" font-family="inherit" font-size="11">',
        f'<title id="{ident}-title">{text(title)}</title>',
        f'<desc id="{ident}-desc">{text(desc)}</desc>',
    ]


def empty_chart(chart_id: str, title: str, message: str) -> str:
    """A small chart that says why there is nothing to draw."""
    parts = svg_open(chart_id, title, message, WIDTH, 60)
    parts.append(f'<text x="{WIDTH // 2}" y="34" text-anchor="middle" fill="currentColor">{text(message)}</text>')
    parts.append("</svg>")
    return "".join(parts)
